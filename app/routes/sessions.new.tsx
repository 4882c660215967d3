import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { getDb } from "#db/client.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { type SessionCheckView } from "~/components/session-check";
import { SessionForm, SessionFormSchema, toSessionInput } from "~/components/session-form";
import { createSessionForRequest, sessionDefaultsForRequest } from "~/models/matching.server";
import { findUnknownSessionReferences, sessionFormOptions } from "~/models/session-form-options.server";
import { canCreateSession, createSession } from "~/models/sessions.server";
import { requireActor } from "~/utils/auth.server";
import { forbidden, isCoordinator } from "~/utils/permissions.server";
import { replyWithUnseenWarnings, saveSessionOrReply } from "~/utils/session-submission.server";
import { flashMessage } from "~/utils/session.server";

const NOT_ALLOWED = "Only trainers (for their own organisation) and coordinators may register training sessions.";

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  if (!canCreateSession(actor)) forbidden(NOT_ALLOWED);
  const options = await sessionFormOptions(getDb(), actor);
  // "Register a session of this course" links pass the course along.
  const courseId = new URL(request.url).searchParams.get("course");
  // "Create planned session" on a request page (coordinators): the form starts from the request.
  const requestId = new URL(request.url).searchParams.get("request");
  const fromRequest = requestId ? await sessionDefaultsForRequest(getDb(), actor, requestId) : null;
  return {
    options,
    forRequest: fromRequest?.request ?? null,
    defaults: fromRequest?.defaults ?? {
      courseId: options.courses.some((c) => c.value === courseId) ? (courseId ?? "") : "",
      providerId: options.ownOrganisation?.id ?? "",
      status: "planned",
    },
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  if (!canCreateSession(actor)) forbidden(NOT_ALLOWED);
  // Only coordinators plan a session for a request; refuse before looking at the form.
  if (new URL(request.url).searchParams.has("request") && !isCoordinator(actor)) forbidden("Only coordinators plan sessions for requests.");
  const db = getDb();
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: SessionFormSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  // A trainer always reports for their own organisation; the provider may be another one.
  const reportingOrgId = isCoordinator(actor) ? submission.value.reportingOrgId : actor.organisationId;
  const providerId = submission.value.providerId;
  const missing: Record<string, string[]> = {};
  if (!providerId) missing.providerId = ["Choose the provider"];
  if (!reportingOrgId) missing.reportingOrgId = ["Choose who reports this session"];
  if (!providerId || !reportingOrgId) return data(submission.reply({ fieldErrors: missing }), { status: 400 });
  const input = toSessionInput(submission.value, { providerId, reportingOrgId });
  const unknown = await findUnknownSessionReferences(db, input);
  if (unknown) return data(submission.reply({ fieldErrors: unknown }), { status: 400 });
  const warned = await replyWithUnseenWarnings(db, actor, submission, formData, input, null);
  if (warned) return warned;
  // The form posts to its own address, so a session for a request keeps ?request= and is linked to it.
  const requestId = new URL(request.url).searchParams.get("request");
  const saved = await saveSessionOrReply(submission, () => (requestId ? createSessionForRequest(db, actor, requestId, input) : createSession(db, actor, input)));
  if (!saved.ok) return saved.response;
  if (requestId) return redirect(`/requests/${requestId}`, { headers: await flashMessage(request, "Session registered and linked to the request.") });
  return redirect(`/sessions/${saved.value.id}`, { headers: await flashMessage(request, "Session registered.") });
}

export default function NewSessionPage() {
  const { options, defaults, forRequest } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <>
      <p>
        <Link to="/sessions">← Training sessions</Link>
      </p>
      <h1>Register a training session</h1>
      {forRequest && (
        <p className="notice">
          For the request <Link to={`/requests/${forRequest.id}`}>{forRequest.title}</Link>: filled in from it; saving links the session to it.
        </p>
      )}
      <SessionForm
        id="session-new"
        lastResult={lastResult}
        check={(lastResult as { check?: SessionCheckView | null } | undefined)?.check ?? null}
        options={options}
        defaultValue={defaults}
        fixed={{ provider: null, reporter: options.reporterChoice ? null : (options.ownOrganisation?.name ?? null) }}
        submitLabel="Register session"
      />
    </>
  );
}

export const meta: MetaFunction = () => [{ title: "Register a training session · Training Coordination Registry" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
