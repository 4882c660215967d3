import { parseWithZod } from "@conform-to/zod/v4";
import { invariantResponse } from "@epic-web/invariant";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { getDb } from "#db/client.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { UndoMergeForm } from "~/components/duplicate-parts";
import { FormErrors } from "~/components/forms";
import { FundingList } from "~/components/funding-list";
import { HistoryLink } from "~/components/history";
import { SessionStatusBadge } from "~/components/session-status-badge";
import { TitleLink } from "~/components/title-link";
import { statusConflict } from "~/domain/session-status";
import { fundingSection } from "~/models/fundings.server";
import { languageLabel, listAudiences } from "~/models/reference.server";
import { getSession, mergedInto } from "~/models/session-detail.server";
import { cancelSession, canEditSession, deleteSession, restoreSession, SessionInputError } from "~/models/sessions.server";
import { getActor, requireActor } from "~/utils/auth.server";
import { formatDateRange, formatNumber, humanise, today } from "~/utils/format";
import { versionField } from "~/utils/form-schemas";
import { forbidden, isCoordinator } from "~/utils/permissions.server";
import { flashMessage } from "~/utils/session.server";
import { saveOrReplyStale } from "~/utils/submission.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await getActor(request);
  const db = getDb();
  // A merged-away duplicate leads to the session it was merged into; coordinators may still open it.
  const survivor = await mergedInto(db, params.id!);
  if (survivor && !isCoordinator(actor)) throw redirect(`/sessions/${survivor}`);
  const [session, audiences] = await Promise.all([getSession(db, actor, params.id!), listAudiences(db)]);
  invariantResponse(session, "Session not found", { status: 404 });
  const mayEdit = !session.deletedAt && canEditSession(actor, session);
  const funding = await fundingSection(db, actor, { sessionId: session.id });
  const audienceLabel = new Map(audiences.map((a) => [a.code, a.label]));
  return {
    session: {
      ...session,
      languageLabel: languageLabel(session.language),
      byAudience: Object.entries(session.participantsByAudience ?? {}).map(([code, n]) => ({ code, label: audienceLabel.get(code) ?? code, n })),
    },
    conflict: statusConflict(session, today()),
    funding: session.deletedAt ? { ...funding, recordHref: null } : funding,
    // ?cancel asks before cancelling, so the confirmation works without JavaScript.
    confirmCancel: mayEdit && session.status !== "cancelled" && new URL(request.url).searchParams.has("cancel"),
    can: { edit: mayEdit, cancel: mayEdit && session.status !== "cancelled", delete: isCoordinator(actor), history: !!actor },
  };
}

const SessionActionSchema = z.object({ intent: z.enum(["cancel", "delete", "restore"]), version: versionField });

const DONE = { cancel: "Session cancelled.", delete: "Session deleted.", restore: "Session restored." };

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const db = getDb();
  const session = await getSession(db, actor, params.id!);
  invariantResponse(session, "Session not found", { status: 404 });
  const formData = await request.formData();
  // Permission before validation: a refused person gets 403 whatever they sent (the model checks again).
  const asked = formData.get("intent");
  if (asked === "cancel" && !canEditSession(actor, session)) forbidden("You may cancel only sessions your organisation provides or reports.");
  if ((asked === "delete" || asked === "restore") && !isCoordinator(actor)) forbidden("Only coordinators may delete or restore sessions.");
  const submission = parseWithZod(formData, { schema: SessionActionSchema });
  if (submission.status !== "success") throw new Response("Unknown action", { status: 400 });
  const { intent, version } = submission.value;
  const args = { id: params.id!, expectedVersion: version, actor };
  try {
    const saved = await saveOrReplyStale(submission, () =>
      intent === "cancel" ? cancelSession(db, args) : intent === "delete" ? deleteSession(db, args) : restoreSession(db, args),
    );
    if (!saved.ok) return saved.response;
  } catch (error) {
    // Restoring can clash with a live session that took over its external id.
    if (!(error instanceof SessionInputError)) throw error;
    return data(submission.reply({ formErrors: [error.message] }), { status: 409 });
  }
  return redirect(`/sessions/${params.id}`, { headers: await flashMessage(request, DONE[intent]) });
}

export default function SessionPage() {
  const { session, conflict, confirmCancel, funding, can } = useLoaderData<typeof loader>();
  const actionResult = useActionData<typeof action>();
  const place = session.city ? `${session.city}, ${session.hostCountryName}` : session.hostCountryName;
  return (
    <>
      <p>
        <Link to="/sessions">← Training sessions</Link>
      </p>
      <h1>
        <bdi>{session.title}</bdi> <SessionStatusBadge status={session.status} />{" "}
        {session.deletedAt && <span className="badge danger">Deleted</span>}
      </h1>
      <p className="lead">
        {formatDateRange(session.startDate, session.endDate)} · {place}
      </p>
      {session.deletedAt && session.duplicateOf && (
        <div className="notice">
          This record was merged into <Link to={`/sessions/${session.duplicateOf}`}>another session</Link> as a duplicate; everyone else is sent there.{" "}
          {can.delete && <UndoMergeForm kind="session" id={session.id} />}
        </div>
      )}
      {conflict && (
        <p className="notice" role="note">
          <strong>Needs update:</strong> {conflict}. The status and the dates are kept as reported until someone from the session&apos;s
          organisations corrects them.
        </p>
      )}
      <FormErrors errors={actionResult?.error?.[""]} />
      {confirmCancel ? <CancelConfirmation id={session.id} version={session.version} /> : <SessionActions session={session} can={can} />}

      <dl className="facts">
        <dt>Course</dt>
        <dd>{session.course ? <TitleLink to={`/courses/${session.course.id}`}>{session.course.title}</TitleLink> : "None (a one-off workshop)"}</dd>
        <dt>Provider</dt>
        <dd>
          <OrgLink org={session.provider} />
        </dd>
        <dt>Funders</dt>
        <dd>
          {session.funders.length ? (
            <ul className="plain">
              {session.funders.map((f) => (
                <li key={f.id}>
                  <OrgLink org={f} />
                </li>
              ))}
            </ul>
          ) : (
            "Not stated"
          )}
        </dd>
        <dt>Reported by</dt>
        <dd>
          <OrgLink org={session.reporter} />
          {session.externalId && <span className="muted"> (their reference: {session.externalId})</span>}
        </dd>
        <dt>Host country</dt>
        <dd>
          <Link to={`/countries/${session.hostCountry}`}>{session.hostCountryName}</Link>
          {session.city && `, ${session.city}`}
        </dd>
        <dt>Beneficiary countries</dt>
        <dd>
          <ul className="tags">
            {session.countries.map((c) => (
              <li key={c.code}>
                <Link to={`/countries/${c.code}`}>{c.name}</Link>
              </li>
            ))}
          </ul>
        </dd>
        <dt>Dates</dt>
        <dd>{formatDateRange(session.startDate, session.endDate)}</dd>
        <dt>Status</dt>
        <dd>{humanise(session.status)}</dd>
        <dt>Language</dt>
        <dd>{session.languageLabel || "Not stated"}</dd>
        <dt>Delivery mode</dt>
        <dd>{session.mode ? humanise(session.mode) : "Not stated"}</dd>
        <dt>Topics</dt>
        <dd>
          <Labels items={session.topics} />
        </dd>
        <dt>Audiences</dt>
        <dd>{session.audiences.length ? <Labels items={session.audiences} /> : "Not stated"}</dd>
        <dt>Offence focus</dt>
        <dd>{session.offences.length ? <Labels items={session.offences} /> : "Not stated"}</dd>
        <dt>Participants</dt>
        <dd>
          {session.participants == null ? "Not stated" : formatNumber(session.participants)}
          {session.byAudience.length > 0 && (
            <span className="muted"> ({session.byAudience.map((a) => `${a.label}: ${formatNumber(a.n)}`).join(", ")})</span>
          )}
        </dd>
        <dt>Trainers</dt>
        <dd>
          {session.trainers.length ? (
            <ul className="plain">
              {session.trainers.map((t) => (
                <li key={t.id}>{t.live ? <Link to={`/trainers/${t.id}`}>{t.name}</Link> : t.name}</li>
              ))}
            </ul>
          ) : (
            "Not stated"
          )}
        </dd>
      </dl>

      {session.restricted && (
        <section aria-labelledby="restricted">
          <h2 id="restricted">Restricted detail</h2>
          <p className="muted">Shown only to the session&apos;s organisations, focal points of its countries and coordinators.</p>
          <dl className="facts">
            <dt>Women</dt>
            <dd>{session.restricted.participantsFemale == null ? "Not stated" : formatNumber(session.restricted.participantsFemale)}</dd>
            <dt>Men</dt>
            <dd>{session.restricted.participantsMale == null ? "Not stated" : formatNumber(session.restricted.participantsMale)}</dd>
            <dt>Outcomes</dt>
            <dd className="pre-line">{session.restricted.outcomes || "Not stated"}</dd>
            <dt>Notes</dt>
            <dd className="pre-line">{session.restricted.notes || "None"}</dd>
          </dl>
        </section>
      )}

      <FundingList {...funding} />
    </>
  );
}

type PageData = ReturnType<typeof useLoaderData<typeof loader>>;

function OrgLink({ org }: { org: { id: string; name: string; acronym: string | null } }) {
  return (
    <>
      <Link to={`/organisations/${org.id}`}>{org.name}</Link>
      {org.acronym && ` (${org.acronym})`}
    </>
  );
}

function Labels({ items }: { items: { code: string; label: string }[] }) {
  return (
    <ul className="tags">
      {items.map((i) => (
        <li key={i.code} className="badge">
          {i.label}
        </li>
      ))}
    </ul>
  );
}

function SessionActions({ session, can }: { session: PageData["session"]; can: PageData["can"] }) {
  if (!can.edit && !can.delete && !can.history) return null;
  const button = (intent: string, label: string, className?: string) => (
    <Form method="post">
      <input type="hidden" name="version" value={session.version} />
      <button type="submit" name="intent" value={intent} className={className}>
        {label}
      </button>
    </Form>
  );
  return (
    <div className="actions">
      {can.edit && (
        <Link className="button" to={`/sessions/${session.id}/edit`}>
          Edit session
        </Link>
      )}
      {can.cancel && (
        <Link className="button secondary" to="?cancel">
          Cancel session
        </Link>
      )}
      {can.delete && (session.deletedAt ? button("restore", "Restore session") : button("delete", "Delete session", "danger"))}
      {can.history && <HistoryLink kind="session" id={session.id} />}
    </div>
  );
}

function CancelConfirmation({ id, version }: { id: string; version: number }) {
  return (
    <section className="notice" aria-labelledby="cancel-heading">
      <h2 id="cancel-heading">Cancel this session?</h2>
      <p>Its status becomes Cancelled. Its dates and everything else stay as they are, and the change is recorded in its history.</p>
      <Form method="post" className="actions">
        <input type="hidden" name="version" value={version} />
        <button type="submit" name="intent" value="cancel" className="danger">
          Yes, cancel the session
        </button>
        <Link to={`/sessions/${id}`}>No, keep it</Link>
      </Form>
    </section>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.session.title ?? "Training session"} · Training Coordination Registry` }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
