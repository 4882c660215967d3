import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { getDb } from "#db/client.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { RequestForm, RequestFormSchema, toRequestInput } from "~/components/request-form";
import { findUnknownRequestReferences, requestFormOptions } from "~/models/request-form-options.server";
import { canSubmitRequest, createRequest, RequestInputError } from "~/models/requests.server";
import { requireActor } from "~/utils/auth.server";
import { forbidden, isCoordinator } from "~/utils/permissions.server";
import { flashMessage } from "~/utils/session.server";

const NOT_ALLOWED = "Only a country's focal points (for their own country) and coordinators may submit requests for assistance.";

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  if (!canSubmitRequest(actor)) forbidden(NOT_ALLOWED);
  const options = await requestFormOptions(getDb());
  const own = isCoordinator(actor) ? null : actor.countryCode;
  // Coordinators arriving from a country page get that country chosen.
  const asked = new URL(request.url).searchParams.get("country");
  return {
    options,
    fixedCountry: own ? (options.countries.find((c) => c.value === own)?.label ?? own) : null,
    defaults: { countryCode: own ?? (options.countries.some((c) => c.value === asked) ? asked! : ""), urgency: "medium" },
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  if (!canSubmitRequest(actor)) forbidden(NOT_ALLOWED);
  const submission = parseWithZod(await request.formData(), { schema: RequestFormSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const countryCode = isCoordinator(actor) ? submission.value.countryCode : actor.countryCode;
  if (!countryCode) return data(submission.reply({ fieldErrors: { countryCode: ["Choose the requesting country"] } }), { status: 400 });
  const db = getDb();
  const input = toRequestInput(submission.value, countryCode);
  const unknown = await findUnknownRequestReferences(db, input);
  if (unknown) return data(submission.reply({ fieldErrors: unknown }), { status: 400 });
  try {
    const created = await createRequest(db, actor, input);
    return redirect(`/requests/${created.id}`, { headers: await flashMessage(request, "Request submitted. You will find each change of its status in your inbox.") });
  } catch (error) {
    if (error instanceof RequestInputError) return data(submission.reply({ fieldErrors: error.fieldErrors }), { status: 400 });
    throw error;
  }
}

export default function NewRequestPage() {
  const { options, fixedCountry, defaults } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <>
      <p>
        <Link to="/requests">← Requests for assistance</Link>
      </p>
      <h1>Request technical assistance</h1>
      <p className="lead">Coordinators review each request, match it with courses, trainers and providers, and keep you informed of every step.</p>
      <RequestForm id="request-new" lastResult={lastResult} options={options} defaultValue={defaults} fixedCountry={fixedCountry} submitLabel="Submit request" />
    </>
  );
}

export const meta: MetaFunction = () => [{ title: "Request technical assistance · Training Coordination Registry" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
