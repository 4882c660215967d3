// Pieces of the request page: the triage form, the timeline, the linked
// records and the ranked suggestions with their reasons.
import { getFormProps, getSelectProps, getTextareaProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form, Link } from "@remix-run/react";
import { z } from "zod";
import { REQUEST_STATUSES } from "#db/schema";
import { ErrorList, FormErrors } from "~/components/forms";
import { REQUEST_STATUS_LABELS, type RequestStatus } from "~/domain/request-status";
import { formatDateTime, humanise } from "~/utils/format";
import { versionField } from "~/utils/form-schemas";

export const StatusChangeSchema = z
  .object({
    intent: z.literal("status"),
    to: z.enum(REQUEST_STATUSES, { error: "Choose the new status" }),
    note: z.string().trim().max(2000, { error: "Use at most 2,000 characters" }).optional(),
    version: versionField,
  })
  .superRefine((v, ctx) => {
    if (v.to === "declined" && !v.note) ctx.addIssue({ code: "custom", path: ["note"], message: "Give the reason for declining, so the requesting country knows why." });
  });

/** Coordinators choose any allowed status; the requesting country can only withdraw. */
export function StatusForm({ version, allowed, lastResult }: { version: number; allowed: RequestStatus[]; lastResult: SubmissionResult<string[]> | null | undefined }) {
  const [form, fields] = useForm({
    id: "request-status",
    lastResult,
    constraint: getZodConstraint(StatusChangeSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: StatusChangeSchema }),
    shouldRevalidate: "onInput",
    defaultValue: { to: allowed.length === 1 ? allowed[0] : "" },
  });
  const withdrawOnly = allowed.length === 1 && allowed[0] === "withdrawn";
  const select = getSelectProps(fields.to);
  const note = getTextareaProps(fields.note);
  return (
    <Form method="post" className="stack status-form" {...getFormProps(form)}>
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value="status" />
      <input type="hidden" name="version" value={version} />
      {withdrawOnly ? (
        <input type="hidden" name="to" value="withdrawn" />
      ) : (
        <div className="field">
          <label htmlFor={fields.to.id}>New status</label>
          <select {...select} key={select.key}>
            <option value="">Choose…</option>
            {allowed.map((s) => (
              <option key={s} value={s}>
                {REQUEST_STATUS_LABELS[s]}
              </option>
            ))}
          </select>
          <ErrorList id={fields.to.errorId} errors={fields.to.errors} />
        </div>
      )}
      <div className="field">
        <label htmlFor={fields.note.id}>{withdrawOnly ? "Why withdraw it? (optional)" : "Note for the requesting country"}</label>
        {!withdrawOnly && <span className="hint">Required when declining: it is shown to the requesting country.</span>}
        <textarea {...note} key={note.key} rows={2} />
        <ErrorList id={fields.note.errorId} errors={fields.note.errors} />
      </div>
      <div className="actions">
        <button type="submit" className={withdrawOnly ? "danger" : undefined}>
          {withdrawOnly ? "Withdraw request" : "Change status"}
        </button>
      </div>
    </Form>
  );
}

type TimelineEntry = {
  id: string;
  at: string;
  by: string | null;
  kind: "status" | "change";
  from: RequestStatus | null;
  to: RequestStatus | null;
  note: string | null;
  action: string | null;
  fields: string[];
};

const ACTIONS: Record<string, string> = { link: "Linked", unlink: "Unlinked", update: "Edited", delete: "Deleted", restore: "Restored" };

export function RequestTimeline({ entries }: { entries: TimelineEntry[] }) {
  return (
    <ol className="request-timeline">
      {entries.map((e) => (
        <li key={e.id}>
          <span className="muted">{formatDateTime(e.at)}</span>{" "}
          {e.kind === "status" ? (
            <>
              <strong>{e.from ? `${REQUEST_STATUS_LABELS[e.from]} → ${REQUEST_STATUS_LABELS[e.to!]}` : REQUEST_STATUS_LABELS[e.to!]}</strong>
              {e.by && <> by {e.by}</>}
              {e.note && <span className="timeline-note">{e.note}</span>}
            </>
          ) : (
            <>
              <strong>{ACTIONS[e.action ?? ""] ?? humanise(e.action)}</strong> {e.fields.map((f) => humanise(f).toLowerCase()).join(", ")}
              {e.by && <> by {e.by}</>}
            </>
          )}
        </li>
      ))}
    </ol>
  );
}

const HREF: Record<string, (id: string) => string> = {
  course: (id) => `/courses/${id}`,
  trainer: (id) => `/trainers/${id}`,
  session: (id) => `/sessions/${id}`,
  organisation: (id) => `/organisations/${id}`,
};

const KIND_LABEL: Record<string, string> = { course: "Course", trainer: "Trainer", session: "Session", organisation: "Provider" };

type Match = { id: string; kind: string; targetId: string; label: string; detail: string | null };

export function LinkedRecords({ matches, canUnlink }: { matches: Match[]; canUnlink: boolean }) {
  if (!matches.length) return <p className="muted">Nothing linked yet.</p>;
  return (
    <ul className="plain linked-records">
      {matches.map((m) => (
        <li key={m.id}>
          <span className="muted">{KIND_LABEL[m.kind]}:</span> <Link to={HREF[m.kind](m.targetId)}>{m.label}</Link>
          {m.detail && <span className="muted"> ({humanise(m.detail)})</span>}
          {canUnlink && (
            <Form method="post" className="inline-form">
              <input type="hidden" name="intent" value="unlink" />
              <input type="hidden" name="matchId" value={m.id} />
              <button type="submit" className="link-button">
                Unlink<span className="visually-hidden"> {m.label}</span>
              </button>
            </Form>
          )}
        </li>
      ))}
    </ul>
  );
}

type Suggestion = { id: string; name: string; detail: string | null; score: number; reasons: string[] };

export function SuggestionTable({ kind, caption, items, linked }: { kind: string; caption: string; items: Suggestion[]; linked: Set<string> }) {
  if (!items.length) return <p className="muted">No {caption.toLowerCase()} fit the topics of this request.</p>;
  return (
    <table className="suggestions">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Fit</th>
          <th scope="col">Why</th>
          <th scope="col">
            <span className="visually-hidden">Action</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {items.map((s) => (
          <tr key={s.id}>
            <th scope="row">
              <Link to={HREF[kind](s.id)}>{s.name}</Link>
              {s.detail && <span className="muted"> ({s.detail})</span>}
            </th>
            <td>{Math.round(s.score * 100)}%</td>
            <td>
              <ul className="reasons">
                {s.reasons.map((r) => (
                  <li key={r}>{r}</li>
                ))}
              </ul>
            </td>
            <td>
              {linked.has(`${kind}:${s.id}`) ? (
                <span className="badge ok">Linked</span>
              ) : (
                <Form method="post">
                  <input type="hidden" name="intent" value="link" />
                  <input type="hidden" name="kind" value={kind} />
                  <input type="hidden" name="targetId" value={s.id} />
                  <button type="submit" className="secondary">
                    Accept<span className="visually-hidden"> {s.name}</span>
                  </button>
                </Form>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
