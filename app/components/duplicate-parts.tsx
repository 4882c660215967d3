// Small pieces of the duplicates screens shared by several pages: names of
// the kinds, the address of a side-by-side review, the "possible duplicate"
// flag of session lists, and the undo-merge button of a merged record.
import { Form, useLocation } from "@remix-run/react";

export type DuplicateKindName = "session" | "course" | "trainer" | "organisation";

export const KIND_LABELS: Record<DuplicateKindName, string> = { session: "Sessions", course: "Courses", trainer: "Trainers", organisation: "Organisations" };

export function compareHref(kind: DuplicateKindName, ids: readonly string[]) {
  return `/duplicates/compare?${new URLSearchParams([["kind", kind], ...ids.map((id) => ["id", id])]).toString()}`;
}

/** Shown next to a session in an open or unsure candidate pair. */
export function PossibleDuplicateBadge({ show }: { show: boolean }) {
  if (!show) return null;
  return (
    <span className="badge warn" title="This session may be a second report of another one; a coordinator has not reviewed it yet.">
      Possible duplicate
    </span>
  );
}

/** On a merged-away record (coordinators): take the merge back, which restores both records. */
export function UndoMergeForm({ kind, id }: { kind: DuplicateKindName; id: string }) {
  const here = useLocation();
  return (
    <Form method="post" action="/duplicates/undo" className="inline-form">
      <input type="hidden" name="kind" value={kind} />
      <input type="hidden" name="record" value={id} />
      <input type="hidden" name="redirectTo" value={here.pathname} />
      <button type="submit" name="intent" value="unmerge" className="secondary">
        Undo merge
      </button>
    </Form>
  );
}
