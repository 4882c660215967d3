import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { getDb } from "#db/client.server";
import { AccessBadge } from "~/components/access-badge";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormErrors, TextareaField } from "~/components/forms";
import { AccessRequestError, decideAccessRequest, listAccessRequests } from "~/models/access-requests.server";
import { requireActor } from "~/utils/auth.server";
import { requireCoordinator } from "~/utils/permissions.server";
import { formatDateTime, humanise } from "~/utils/format";
import { versionField } from "~/utils/form-schemas";
import { flashMessage } from "~/utils/session.server";
import { saveOrReplyStale } from "~/utils/submission.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const { pending, decided } = await listAccessRequests(getDb(), actor);
  return { pending, decided };
}

const DecisionSchema = z
  .object({
    intent: z.enum(["grant", "refuse"]),
    id: z.string(),
    version: versionField,
    reason: z.string().trim().max(2000, { error: "Use at most 2,000 characters" }).optional(),
  })
  .superRefine((value, ctx) => {
    if (value.intent === "refuse" && !value.reason) {
      ctx.addIssue({ code: "custom", path: ["reason"], message: "Give a reason for refusing: the requester will read it" });
    }
  });

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  requireCoordinator(actor); // before reading the form, so a refused role learns nothing from validation
  const submission = parseWithZod(await request.formData(), { schema: DecisionSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const { intent, id, version, reason } = submission.value;
  const decision = intent === "grant" ? "granted" : "refused";
  try {
    const saved = await saveOrReplyStale(submission, () => decideAccessRequest(getDb(), actor, id, version, decision, reason));
    if (!saved.ok) return saved.response;
  } catch (error) {
    if (error instanceof AccessRequestError) return data(submission.reply({ formErrors: [error.message] }), { status: 409 });
    throw error;
  }
  return redirect("/coordination/access-requests", {
    headers: await flashMessage(request, decision === "granted" ? "Access granted." : "Request refused."),
  });
}

type Row = Awaited<ReturnType<typeof loader>>["pending"][number];

export default function AccessRequestsPage() {
  const { pending, decided } = useLoaderData<typeof loader>();
  return (
    <>
      <p>
        <Link to="/coordination">← Coordination</Link>
      </p>
      <h1>Access requests</h1>
      <p className="prose">
        People who are not vetted ask here for restricted materials. A grant opens that one material to that person; a refusal
        needs a reason, which they see on the material's page.
      </p>
      <section aria-labelledby="pending-heading">
        <h2 id="pending-heading">Waiting for a decision ({pending.length})</h2>
        {pending.length ? (
          <ul className="card-list">
            {pending.map((r) => (
              <PendingRequest key={r.id} request={r} />
            ))}
          </ul>
        ) : (
          <p>No requests are waiting.</p>
        )}
      </section>
      <section aria-labelledby="decided-heading">
        <h2 id="decided-heading">Decided</h2>
        {decided.length ? (
          <table>
            <caption className="visually-hidden">Decided requests, most recent first</caption>
            <thead>
              <tr>
                <th scope="col">Material</th>
                <th scope="col">Requester</th>
                <th scope="col">Their reason</th>
                <th scope="col">Decision</th>
                <th scope="col">Decided</th>
              </tr>
            </thead>
            <tbody>
              {decided.map((r) => (
                <tr key={r.id}>
                  <td>
                    <Link to={`/materials/${r.materialId}`}>{r.materialTitle}</Link>
                  </td>
                  <td>{r.requesterName}</td>
                  <td>{r.reason}</td>
                  <td>
                    <span className={r.status === "granted" ? "badge ok" : "badge danger"}>{humanise(r.status)}</span>
                    {r.decisionReason && <p>{r.decisionReason}</p>}
                  </td>
                  <td>
                    {formatDateTime(r.decidedAt)}
                    {r.deciderName && <span className="muted"> by {r.deciderName}</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p>No decisions yet.</p>
        )}
      </section>
    </>
  );
}

function PendingRequest({ request }: { request: Row }) {
  const actionResult = useActionData<typeof action>();
  const lastResult = actionResult?.initialValue?.id === request.id ? (actionResult as SubmissionResult<string[]>) : undefined;
  const [form, fields] = useForm({
    id: `decide-${request.id}`,
    lastResult,
    constraint: getZodConstraint(DecisionSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: DecisionSchema }),
    // Re-checked as they type, so a message vanishing on blur cannot shift the button away from a click.
    shouldRevalidate: "onInput",
  });
  const headingId = `request-${request.id}`;
  return (
    <li className="card" aria-labelledby={headingId}>
      <h3 id={headingId}>
        <Link to={`/materials/${request.materialId}`}>{request.materialTitle}</Link> <AccessBadge level={request.materialAccessLevel} />
      </h3>
      <p>
        <strong>{request.requesterName}</strong> ({request.requesterEmail}) · {humanise(request.requesterRole)}
        {request.requesterOrganisation && `, ${request.requesterOrganisation}`}
        {request.requesterVetted ? " · vetted" : " · not vetted"} · asked {formatDateTime(request.createdAt)}
      </p>
      <blockquote className="request-reason">{request.reason}</blockquote>
      <Form method="post" className="stack" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="id" value={request.id} />
        <input type="hidden" name="version" value={request.version} />
        <TextareaField field={fields.reason} label="Reason for your decision" hint="Required when refusing; optional when granting." rows={2} />
        <div className="actions">
          <button type="submit" name="intent" value="grant">
            Grant<span className="visually-hidden"> access to {request.materialTitle} for {request.requesterName}</span>
          </button>
          <button type="submit" name="intent" value="refuse" className="danger">
            Refuse<span className="visually-hidden"> access to {request.materialTitle} for {request.requesterName}</span>
          </button>
        </div>
      </Form>
    </li>
  );
}

export const meta: MetaFunction = () => [{ title: "Access requests · Training Coordination Registry" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
