// Side-by-side review of a candidate pair or cluster (coordinators): every
// field next to each other with the differences marked, the reasons the pair
// was proposed, and one form to decide: merge (field by field, the most
// complete value preselected, any member left out), not a duplicate, or
// unsure. Keys m / n / u submit, as an enhancement; the buttons work alone.
import { parseWithZod } from "@conform-to/zod/v4";
import { invariantResponse } from "@epic-web/invariant";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { z } from "zod";
import { getDb } from "#db/client.server";
import { DUPLICATE_KINDS } from "#db/schema";
import { compareHref, KIND_LABELS } from "~/components/duplicate-parts";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { decidePairs, mergeRecords, MergeRefusedError } from "~/models/duplicate-decisions.server";
import { getComparison, isDuplicateKind, nextOpenEntry } from "~/models/duplicates.server";
import { StaleVersionError } from "~/models/records.server";
import { requireActor } from "~/utils/auth.server";
import { requireCoordinator } from "~/utils/permissions.server";
import { flashMessage } from "~/utils/session.server";

function readTarget(request: Request) {
  const params = new URL(request.url).searchParams;
  const kind = params.get("kind");
  const ids = [...new Set(params.getAll("id").filter(Boolean))];
  invariantResponse(isDuplicateKind(kind), "Say which kind of record to compare", { status: 400 });
  invariantResponse(ids.length >= 2 && ids.length <= 12, "Choose between two and twelve records to compare", { status: 400 });
  return { kind, ids };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  requireCoordinator(actor);
  const { kind, ids } = readTarget(request);
  const comparison = await getComparison(getDb(), actor, kind, ids);
  invariantResponse(comparison, "One of these records does not exist", { status: 404 });
  return { comparison };
}

const DecisionSchema = z.object({
  intent: z.enum(["merge", "not_duplicate", "unsure"]),
  kind: z.enum(DUPLICATE_KINDS),
  members: z.array(z.string(), { error: "Keep at least two records in the decision" }).min(2, { error: "Keep at least two records in the decision" }),
  survivor: z.string().optional(),
  fields: z.record(z.string(), z.string()).optional(),
  lists: z.record(z.string(), z.string()).optional(),
  versions: z.record(z.string(), z.string().regex(/^\d+$/)).optional(),
  note: z.string().trim().max(1000, { error: "Use at most 1,000 characters" }).optional(),
});

const DONE = { merge: "Merged.", not_duplicate: "Marked as not a duplicate; the pair will not be proposed again.", unsure: "Marked unsure; the pair is kept aside." };

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  requireCoordinator(actor);
  const submission = parseWithZod(await request.formData(), { schema: DecisionSchema });
  if (submission.status !== "success") return data({ error: Object.values(submission.error ?? {}).flat()[0] ?? "Choose a decision." }, { status: 400 });
  const v = submission.value;
  const db = getDb();
  try {
    if (v.intent === "merge") {
      if (!v.survivor || !v.members.includes(v.survivor)) return data({ error: "Choose which of the included records to keep." }, { status: 400 });
      const versions = Object.fromEntries(Object.entries(v.versions ?? {}).map(([id, n]) => [id, Number(n)]));
      await mergeRecords(db, actor, { kind: v.kind, survivorId: v.survivor, memberIds: v.members, versions, fields: v.fields ?? {}, lists: v.lists ?? {}, note: v.note || null });
    } else {
      await decidePairs(db, actor, { kind: v.kind, ids: v.members, decision: v.intent, note: v.note || null });
    }
  } catch (error) {
    if (error instanceof MergeRefusedError) return data({ error: error.message }, { status: 409 });
    if (error instanceof StaleVersionError) return data({ error: error.message }, { status: 409 });
    throw error;
  }
  const next = await nextOpenEntry(db, actor, v.kind);
  const to = next ? compareHref(v.kind, next) : `/duplicates?kind=${v.kind}`;
  return redirect(to, { headers: await flashMessage(request, next ? `${DONE[v.intent]} Here is the next one.` : `${DONE[v.intent]} Nothing else to review.`) });
}

export default function ComparePage() {
  const { comparison: c } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const formRef = useRef<HTMLFormElement>(null);
  const live = c.records.filter((r) => r.live);
  const decidable = live.length >= 2;

  // Keyboard shortcuts, only while focus is not in a text box.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      const target = event.target as HTMLElement | null;
      if (target && ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName) && (target as HTMLInputElement).type !== "radio" && (target as HTMLInputElement).type !== "checkbox") return;
      const intent = { m: "merge", n: "not_duplicate", u: "unsure" }[event.key.toLowerCase()];
      const button = intent ? formRef.current?.querySelector<HTMLButtonElement>(`button[name="intent"][value="${intent}"]`) : null;
      if (button && !button.disabled) {
        event.preventDefault();
        formRef.current?.requestSubmit(button);
      }
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, []);

  return (
    <>
      <p>
        <Link to={`/duplicates?kind=${c.kind}`}>← Possible duplicates: {KIND_LABELS[c.kind].toLowerCase()}</Link>
      </p>
      <h1>
        Compare {c.records.length} {KIND_LABELS[c.kind].toLowerCase()}
      </h1>

      <section aria-labelledby="why-heading">
        <h2 id="why-heading">Why they were proposed</h2>
        {c.pairs.length ? (
          <ul>
            {c.pairs.map((p) => (
              <li key={`${p.a}|${p.b}`}>
                <strong>{label(c, p.a)}</strong> and <strong>{label(c, p.b)}</strong>: {p.score != null ? `score ${p.score.toFixed(2)}` : "no score"}
                {p.status !== "open" && <span className="badge">{p.status === "not_duplicate" ? "not a duplicate" : p.status}</span>}
                {p.reasons.length > 0 && <span className="muted"> — {p.reasons.join("; ")}</span>}
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">These records are not a current candidate pair; they were chosen by hand.</p>
        )}
      </section>

      {!decidable && <p className="notice">Fewer than two of these records are still live (the others were merged or deleted), so there is nothing to decide here.</p>}
      {actionData?.error && (
        <div className="error-summary" role="alert">
          {actionData.error}
        </div>
      )}

      <Form method="post" ref={formRef} className="stack">
        <input type="hidden" name="kind" value={c.kind} />
        {c.records.map((r) => (
          <input key={r.id} type="hidden" name={`versions.${r.id}`} value={r.version} />
        ))}
        <div className="table-scroll">
          <table className="compare">
            <caption className="visually-hidden">The records side by side; rows whose values differ are marked</caption>
            <thead>
              <tr>
                <th scope="col">Field</th>
                {c.records.map((r, i) => (
                  <th scope="col" key={r.id}>
                    <Link to={r.href}>
                      Record {i + 1}: {r.label}
                    </Link>
                    {!r.live && <span className="badge">merged or deleted</span>}
                    {r.live && (
                      <div className="stack-tight">
                        <label>
                          <input type="checkbox" name="members" value={r.id} defaultChecked /> Include record {i + 1}
                        </label>
                        <label>
                          <input type="radio" name="survivor" value={r.id} defaultChecked={r.id === c.defaultSurvivor} /> Keep record {i + 1}
                        </label>
                      </div>
                    )}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {c.fieldChoices.map((f) => (
                <tr key={f.key} className={f.differs ? "differs" : undefined}>
                  <th scope="row">
                    {f.label}
                    {f.differs && <span className="badge warn">differs</span>}
                  </th>
                  {c.records.map((r, i) => (
                    <td key={r.id}>
                      {f.differs && r.live ? (
                        <label>
                          <input type="radio" name={`fields.${f.key}`} value={r.id} defaultChecked={f.defaultFrom === r.id} aria-label={`${f.label}: use record ${i + 1}`} />{" "}
                          {r.fields[f.key] || <span className="muted">(empty)</span>}
                        </label>
                      ) : (
                        r.fields[f.key] || <span className="muted">(empty)</span>
                      )}
                    </td>
                  ))}
                </tr>
              ))}
              {c.listChoices.map((l) => (
                <tr key={l.key} className={l.differs ? "differs" : undefined}>
                  <th scope="row">
                    {l.label}
                    {l.differs && (
                      <>
                        <span className="badge warn">differs</span>
                        <label className="block">
                          <input type="radio" name={`lists.${l.key}`} value="all" defaultChecked aria-label={`${l.label}: combine all`} /> Combine all
                        </label>
                      </>
                    )}
                  </th>
                  {c.records.map((r, i) => (
                    <td key={r.id}>
                      {l.differs && r.live ? (
                        <label>
                          <input type="radio" name={`lists.${l.key}`} value={r.id} aria-label={`${l.label}: use record ${i + 1}`} /> {r.lists[l.key].join(", ") || <span className="muted">(none)</span>}
                        </label>
                      ) : (
                        r.lists[l.key].join(", ") || <span className="muted">(none)</span>
                      )}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div className="field">
          <label htmlFor="decision-note">Note</label>
          <span className="hint" id="decision-note-hint">
            Optional: why you decided so, kept with the decision.
          </span>
          <textarea id="decision-note" name="note" rows={2} aria-describedby="decision-note-hint" />
        </div>
        <div className="actions">
          <button type="submit" name="intent" value="merge" disabled={!decidable || navigation.state !== "idle"} aria-keyshortcuts="m">
            Merge into the kept record
          </button>
          <button type="submit" name="intent" value="not_duplicate" className="secondary" disabled={!decidable || navigation.state !== "idle"} aria-keyshortcuts="n">
            Not a duplicate
          </button>
          <button type="submit" name="intent" value="unsure" className="secondary" disabled={!decidable || navigation.state !== "idle"} aria-keyshortcuts="u">
            Unsure
          </button>
        </div>
        <p className="muted">
          Keys: <kbd>m</kbd> merge, <kbd>n</kbd> not a duplicate, <kbd>u</kbd> unsure. A record left out (untick &ldquo;Include&rdquo;) stays as it is. A merge can be undone from the
          merged record&apos;s page or the list of reviewed pairs.
        </p>
      </Form>
    </>
  );
}

function label(c: { records: { id: string; label: string }[] }, id: string) {
  const i = c.records.findIndex((r) => r.id === id);
  return i === -1 ? id : `record ${i + 1}`;
}

export const meta: MetaFunction = () => [{ title: "Compare possible duplicates · Training Coordination Registry" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
