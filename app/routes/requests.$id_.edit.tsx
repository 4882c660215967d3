import { parseWithZod } from "@conform-to/zod/v4";
import { invariantResponse } from "@epic-web/invariant";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { getDb } from "#db/client.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { RequestForm, RequestFormSchema, toRequestInput } from "~/components/request-form";
import { getRequest } from "~/models/request-queries.server";
import { findUnknownRequestReferences, requestFormOptions } from "~/models/request-form-options.server";
import { canEditRequest, RequestInputError, updateRequest } from "~/models/requests.server";
import { requireActor } from "~/utils/auth.server";
import { forbidden } from "~/utils/permissions.server";
import { flashMessage } from "~/utils/session.server";
import { saveOrReplyStale } from "~/utils/submission.server";

const NOT_ALLOWED = "Only the country's focal points and coordinators may change an open request.";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const db = getDb();
  const found = await getRequest(db, actor, params.id!);
  invariantResponse(found, "Request not found", { status: 404 });
  if (!canEditRequest(actor, found)) forbidden(NOT_ALLOWED);
  return {
    request: { id: found.id, title: found.title, countryName: found.countryName },
    options: await requestFormOptions(db),
    defaults: {
      agencyId: found.agencyId ?? "",
      agencyName: found.agencyName ?? "",
      title: found.title,
      description: found.description,
      expectedParticipants: found.expectedParticipants == null ? "" : String(found.expectedParticipants),
      wantedFrom: found.wantedFrom ?? "",
      wantedTo: found.wantedTo ?? "",
      urgency: found.urgency,
      isPublic: found.isPublic ? "on" : "",
      topics: found.topics.map((t) => t.code),
      audiences: found.audiences.map((a) => a.code),
      languages: found.languages,
      version: String(found.version),
    },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const db = getDb();
  const found = await getRequest(db, actor, params.id!);
  invariantResponse(found, "Request not found", { status: 404 });
  if (!canEditRequest(actor, found)) forbidden(NOT_ALLOWED);
  const submission = parseWithZod(await request.formData(), { schema: RequestFormSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const input = toRequestInput(submission.value, found.countryCode);
  const unknown = await findUnknownRequestReferences(db, input);
  if (unknown) return data(submission.reply({ fieldErrors: unknown }), { status: 400 });
  try {
    const saved = await saveOrReplyStale(submission, () =>
      updateRequest(db, { id: found.id, expectedVersion: submission.value.version ?? found.version, actor, input }),
    );
    if (!saved.ok) return saved.response;
  } catch (error) {
    if (error instanceof RequestInputError) return data(submission.reply({ fieldErrors: error.fieldErrors }), { status: 400 });
    throw error;
  }
  return redirect(`/requests/${found.id}`, { headers: await flashMessage(request, "Request saved.") });
}

export default function EditRequestPage() {
  const { request, options, defaults } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <>
      <p>
        <Link to={`/requests/${request.id}`}>← {request.title}</Link>
      </p>
      <h1>Edit request</h1>
      <RequestForm id="request-edit" lastResult={lastResult} options={options} defaultValue={defaults} fixedCountry={request.countryName} submitLabel="Save request" />
    </>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Edit ${data?.request.title ?? "request"} · Training Coordination Registry` }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
