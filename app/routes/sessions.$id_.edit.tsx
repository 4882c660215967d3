import { parseWithZod } from "@conform-to/zod/v4";
import { invariantResponse } from "@epic-web/invariant";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { getDb } from "#db/client.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { type SessionCheckView } from "~/components/session-check";
import { SessionForm, SessionFormSchema, toSessionInput } from "~/components/session-form";
import { getSession } from "~/models/session-detail.server";
import { findUnknownSessionReferences, sessionFormOptions } from "~/models/session-form-options.server";
import { canEditSession, updateSession } from "~/models/sessions.server";
import { requireActor } from "~/utils/auth.server";
import { forbidden, isCoordinator, type SignedInActor } from "~/utils/permissions.server";
import { replyWithUnseenWarnings, saveSessionOrReply } from "~/utils/session-submission.server";
import { flashMessage } from "~/utils/session.server";

/** The session if this person may edit it: 404 when there is none (or it is deleted), 403 when it is not theirs. */
async function editableSession(actor: SignedInActor, id: string) {
  const session = await getSession(getDb(), actor, id);
  invariantResponse(session && !session.deletedAt, "Session not found", { status: 404 });
  if (!canEditSession(actor, session)) forbidden("You may edit only sessions your organisation provides or reports.");
  return session;
}

/**
 * Which organisations this person may change: coordinators both; a trainer
 * never the reporter, and the provider only when their organisation reports.
 */
function fixedOrganisations(actor: SignedInActor, session: Awaited<ReturnType<typeof editableSession>>) {
  if (isCoordinator(actor)) return { provider: false, reporter: false };
  return { provider: session.reportingOrgId !== actor.organisationId, reporter: true };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const session = await editableSession(actor, params.id!);
  const options = await sessionFormOptions(getDb(), actor, session);
  const fixed = fixedOrganisations(actor, session);
  const orgLabel = (o: { name: string; acronym: string | null }) => (o.acronym ? `${o.name} (${o.acronym})` : o.name);
  const n = (value: number | null | undefined) => (value == null ? "" : String(value));
  return {
    session: { id: session.id, title: session.title, version: session.version },
    options,
    fixed: { provider: fixed.provider ? orgLabel(session.provider) : null, reporter: fixed.reporter ? orgLabel(session.reporter) : null },
    defaults: {
      courseId: session.courseId ?? "",
      // An empty title keeps following the course's.
      title: session.course && session.course.title === session.title ? "" : session.title,
      providerId: session.providerId,
      reportingOrgId: session.reportingOrgId,
      externalId: session.externalId ?? "",
      hostCountry: session.hostCountry,
      city: session.city ?? "",
      countries: session.countries.map((c) => c.code),
      startDate: session.startDate,
      endDate: session.endDate,
      status: session.status,
      topics: session.topics.map((t) => t.code),
      audiences: session.audiences.map((a) => a.code),
      offences: session.offences.map((o) => o.code),
      funders: session.funders.map((f) => f.id),
      trainers: session.trainers.map((t) => t.id),
      language: session.language ?? "",
      mode: session.mode ?? "",
      participants: n(session.participants),
      participantsFemale: n(session.restricted?.participantsFemale),
      participantsMale: n(session.restricted?.participantsMale),
      outcomes: session.restricted?.outcomes ?? "",
      notes: session.restricted?.notes ?? "",
      version: String(session.version),
    },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const session = await editableSession(actor, params.id!);
  const db = getDb();
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: SessionFormSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const { version } = submission.value;
  if (version === undefined) return data(submission.reply({ formErrors: ["Reload the page and try again."] }), { status: 400 });
  const fixed = fixedOrganisations(actor, session);
  const providerId = fixed.provider ? session.providerId : submission.value.providerId;
  const reportingOrgId = fixed.reporter ? session.reportingOrgId : submission.value.reportingOrgId;
  if (!providerId || !reportingOrgId) {
    const fieldErrors = { ...(!providerId && { providerId: ["Choose the provider"] }), ...(!reportingOrgId && { reportingOrgId: ["Choose who reports this session"] }) };
    return data(submission.reply({ fieldErrors }), { status: 400 });
  }
  const input = toSessionInput(submission.value, { providerId, reportingOrgId });
  const unknown = await findUnknownSessionReferences(db, input);
  if (unknown) return data(submission.reply({ fieldErrors: unknown }), { status: 400 });
  const warned = await replyWithUnseenWarnings(db, actor, submission, formData, input, session.id);
  if (warned) return warned;
  const saved = await saveSessionOrReply(submission, () => updateSession(db, { id: session.id, expectedVersion: version, actor, input }));
  if (!saved.ok) return saved.response;
  return redirect(`/sessions/${session.id}`, { headers: await flashMessage(request, "Session saved.") });
}

export default function EditSessionPage() {
  const { session, options, fixed, defaults } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <>
      <p>
        <Link to={`/sessions/${session.id}`}>← {session.title}</Link>
      </p>
      <h1>Edit session</h1>
      <SessionForm
        key={session.version}
        id={`session-edit-${session.id}`}
        lastResult={lastResult}
        check={(lastResult as { check?: SessionCheckView | null } | undefined)?.check ?? null}
        sessionId={session.id}
        options={options}
        fixed={fixed}
        defaultValue={defaults}
        submitLabel="Save changes"
      />
    </>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Edit ${data?.session.title ?? "session"} · Training Coordination Registry` },
];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
