import { parseWithZod } from "@conform-to/zod/v4";
import { invariantResponse } from "@epic-web/invariant";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { getDb } from "#db/client.server";
import { MATCH_KINDS } from "#db/schema";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FundingList } from "~/components/funding-list";
import { HistoryLink } from "~/components/history";
import { LinkedRecords, RequestTimeline, StatusChangeSchema, StatusForm, SuggestionTable } from "~/components/request-parts";
import { RequestStatusBadge } from "~/components/request-status-badge";
import { allowedTransitions, isOpenRequest } from "~/domain/request-status";
import { fundingSection } from "~/models/fundings.server";
import { linkMatch, suggestMatches, unlinkMatch } from "~/models/matching.server";
import { getRequest } from "~/models/request-queries.server";
import { canEditRequest, changeRequestStatus, deleteRequest, RequestInputError, restoreRequest, transitionRoleOf } from "~/models/requests.server";
import { StaleVersionError } from "~/models/records.server";
import { languageLabel } from "~/models/reference.server";
import { getActor, requireActor } from "~/utils/auth.server";
import { formatDate, formatNumber, humanise, today } from "~/utils/format";
import { versionField } from "~/utils/form-schemas";
import { forbidden, isCoordinator } from "~/utils/permissions.server";
import { flashMessage } from "~/utils/session.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await getActor(request);
  const db = getDb();
  const found = await getRequest(db, actor, params.id!);
  invariantResponse(found, "Request not found", { status: 404 });
  const role = found.deletedAt ? null : transitionRoleOf(actor, found);
  const matching = isCoordinator(actor) && !found.deletedAt && isOpenRequest(found.status);
  return {
    request: { ...found, languageLabels: found.languages.map(languageLabel) },
    transitions: role ? allowedTransitions(found.status, role) : [],
    suggestions: matching ? await suggestMatches(db, actor, found.id, today()) : null,
    funding: await fundingSection(db, actor, { requestId: found.id }),
    can: { edit: canEditRequest(actor, found), match: matching, delete: isCoordinator(actor), history: !!actor },
  };
}

const LinkSchema = z.object({ intent: z.literal("link"), kind: z.enum(MATCH_KINDS), targetId: z.string().min(1) });
const UnlinkSchema = z.object({ intent: z.literal("unlink"), matchId: z.string().min(1) });
const DeleteSchema = z.object({ intent: z.enum(["delete", "restore"]), version: versionField });

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const db = getDb();
  const found = await getRequest(db, actor, params.id!);
  invariantResponse(found, "Request not found", { status: 404 });
  const formData = await request.formData();
  const intent = formData.get("intent");
  const back = async (message: string) => redirect(`/requests/${found.id}`, { headers: await flashMessage(request, message) });

  if (intent === "status") {
    if (!transitionRoleOf(actor, found)) forbidden("Only coordinators and the requesting country's focal points may change a request's status.");
    const submission = parseWithZod(formData, { schema: StatusChangeSchema });
    if (submission.status !== "success") return data({ intent: "status", result: submission.reply() }, { status: 400 });
    try {
      const saved = await changeRequestStatus(db, { id: found.id, expectedVersion: submission.value.version, actor, to: submission.value.to, note: submission.value.note ?? null });
      return back(`Status changed to ${humanise(saved.status).toLowerCase()}.`);
    } catch (error) {
      if (error instanceof StaleVersionError) return data({ intent: "status", result: submission.reply({ formErrors: [error.message] }) }, { status: 409 });
      if (error instanceof RequestInputError) return data({ intent: "status", result: submission.reply({ formErrors: error.fieldErrors.to }) }, { status: 400 });
      throw error;
    }
  }
  if (intent === "link" || intent === "unlink") {
    if (!isCoordinator(actor)) forbidden("Only coordinators match requests.");
    const parsed = intent === "link" ? LinkSchema.safeParse(Object.fromEntries(formData)) : UnlinkSchema.safeParse(Object.fromEntries(formData));
    if (!parsed.success) throw new Response("Choose what to link.", { status: 400 });
    if (parsed.data.intent === "link") {
      const { label } = await linkMatch(db, { actor, requestId: found.id, kind: parsed.data.kind, targetId: parsed.data.targetId });
      return back(`Linked ${label}.`);
    }
    await unlinkMatch(db, { actor, requestId: found.id, matchId: parsed.data.matchId });
    return back("Link removed.");
  }
  if (!isCoordinator(actor)) forbidden("Only coordinators may delete or restore requests.");
  const parsed = DeleteSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) throw new Response("Unknown action", { status: 400 });
  const args = { id: found.id, expectedVersion: parsed.data.version, actor };
  if (parsed.data.intent === "delete") await deleteRequest(db, args);
  else await restoreRequest(db, args);
  return back(parsed.data.intent === "delete" ? "Request deleted." : "Request restored.");
}

export default function RequestPage() {
  const { request: r, transitions, suggestions, funding, can } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const linked = new Set(r.matches.map((m) => `${m.kind}:${m.targetId}`));
  return (
    <>
      <p>
        <Link to="/requests">← Requests for assistance</Link>
      </p>
      <h1>
        {r.title} <RequestStatusBadge status={r.status} /> {r.deletedAt && <span className="badge danger">Deleted</span>}
      </h1>
      <p className="lead">
        {r.countryName}
        {(r.agency?.name || r.agencyName) && <> · {r.agency?.name ?? r.agencyName}</>} · submitted {formatDate(r.createdAt.slice(0, 10))}
        {r.submitterName && <> by {r.submitterName}</>}
      </p>
      <div className="actions">
        {can.edit && (
          <Link className="button" to={`/requests/${r.id}/edit`}>
            Edit request
          </Link>
        )}
        {can.match && (
          <Link className="button" to={`/sessions/new?request=${r.id}`}>
            Create planned session
          </Link>
        )}
        {can.delete && (
          <Form method="post">
            <input type="hidden" name="version" value={r.version} />
            <button type="submit" name="intent" value={r.deletedAt ? "restore" : "delete"} className={r.deletedAt ? undefined : "danger"}>
              {r.deletedAt ? "Restore request" : "Delete request"}
            </button>
          </Form>
        )}
        {can.history && <HistoryLink kind="request" id={r.id} />}
      </div>

      <dl className="facts">
        <dt>Country</dt>
        <dd>
          <Link to={`/countries/${r.countryCode}`}>{r.countryName}</Link>
        </dd>
        <dt>Topics</dt>
        <dd>{r.topics.map((t) => t.label).join(", ")}</dd>
        <dt>Audiences</dt>
        <dd>{r.audiences.length ? r.audiences.map((a) => a.label).join(", ") : "Not stated"}</dd>
        <dt>Languages</dt>
        <dd>{r.languageLabels.length ? r.languageLabels.join(", ") : "Not stated"}</dd>
        <dt>Expected participants</dt>
        <dd>{r.expectedParticipants == null ? "Not stated" : formatNumber(r.expectedParticipants)}</dd>
        <dt>Wanted</dt>
        <dd>{r.wantedFrom || r.wantedTo ? `${formatDate(r.wantedFrom) || "any time"} to ${formatDate(r.wantedTo) || "open"}` : "No timeframe given"}</dd>
        <dt>Urgency</dt>
        <dd>{humanise(r.urgency)}</dd>
        <dt>Visibility</dt>
        <dd>{r.isPublic ? "Public" : "Not public: the country's focal points, coordinators and donors"}</dd>
        {r.statusReason && (
          <>
            <dt>{r.status === "declined" ? "Reason for declining" : "Reason"}</dt>
            <dd>{r.statusReason}</dd>
          </>
        )}
      </dl>
      <h2>Description</h2>
      <p className="pre-line prose">{r.description}</p>

      {transitions.length > 0 && (
        <section aria-labelledby="status-heading">
          <h2 id="status-heading">{can.match ? "Triage" : "Withdraw"}</h2>
          <StatusForm version={r.version} allowed={transitions} lastResult={actionData?.intent === "status" ? actionData.result : undefined} />
        </section>
      )}

      <section aria-labelledby="linked-heading">
        <h2 id="linked-heading">Linked courses, trainers, providers and sessions</h2>
        <LinkedRecords matches={r.matches} canUnlink={can.match} />
      </section>

      {suggestions && (
        <section aria-labelledby="suggestions-heading">
          <h2 id="suggestions-heading">Suggestions</h2>
          <p className="muted">Ranked by how well each fits the request&apos;s topics, audiences, languages and country. Accepting one links it to the request.</p>
          <SuggestionTable kind="course" caption="Courses" items={suggestions.courses} linked={linked} />
          <SuggestionTable kind="trainer" caption="Trainers" items={suggestions.trainers} linked={linked} />
          <SuggestionTable kind="organisation" caption="Providers who delivered similar training nearby" items={suggestions.providers} linked={linked} />
        </section>
      )}

      <section aria-labelledby="timeline-heading">
        <h2 id="timeline-heading">Timeline</h2>
        <RequestTimeline entries={r.timeline} />
      </section>

      <FundingList {...funding} />
    </>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.request.title ?? "Request"} · Training Coordination Registry` }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
