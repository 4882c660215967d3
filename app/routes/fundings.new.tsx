import { parseWithZod } from "@conform-to/zod/v4";
import { invariantResponse } from "@epic-web/invariant";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { getDb } from "#db/client.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FundingForm, FundingFormSchema } from "~/components/funding-form";
import { SessionCheckPanel } from "~/components/session-check";
import { createFunding, CURRENCIES, donorChoices, FundingInputError, fundingTarget } from "~/models/fundings.server";
import { checkExistingSession } from "~/models/session-check.server";
import { requireActor } from "~/utils/auth.server";
import { canRecordFunding, forbidden, isCoordinator, type SignedInActor } from "~/utils/permissions.server";
import { flashMessage } from "~/utils/session.server";

async function setUp(request: Request) {
  const actor = await requireActor(request);
  if (!canRecordFunding(actor)) forbidden("Only donors and coordinators record funding.");
  if (!isCoordinator(actor) && !actor.organisationId) forbidden("Your account is not linked to a donor organisation; ask a coordinator to link it.");
  const params = new URL(request.url).searchParams;
  const target = await fundingTarget(getDb(), actor, { sessionId: params.get("session"), requestId: params.get("request") });
  invariantResponse(target, "Choose a session or a request to fund, from its page.", { status: 404 });
  return { actor, target };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const { actor, target } = await setUp(request);
  const donors = await donorChoices(getDb(), actor);
  // Before funding a session: what else serves the same people around then, and whether it is reported twice.
  const check = target.kind === "session" ? await checkExistingSession(getDb(), target.id) : null;
  return {
    target,
    check,
    donors,
    fixedDonor: isCoordinator(actor) ? null : (donors[0]?.label ?? null),
    currencies: CURRENCIES,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const { actor, target } = await setUp(request);
  const submission = parseWithZod(await request.formData(), { schema: FundingFormSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const donorId = isCoordinator(actor) ? submission.value.donorId : (actor as SignedInActor).organisationId;
  if (!donorId) return data(submission.reply({ fieldErrors: { donorId: ["Choose the donor organisation"] } }), { status: 400 });
  try {
    await createFunding(getDb(), actor, {
      donorId,
      sessionId: target.kind === "session" ? target.id : null,
      requestId: target.kind === "request" ? target.id : null,
      amount: submission.value.amount ?? null,
      currency: submission.value.currency ?? null,
      status: submission.value.status,
      note: submission.value.note || null,
    });
  } catch (error) {
    if (!(error instanceof FundingInputError)) throw error;
    const { "": formErrors, ...fieldErrors } = error.fieldErrors;
    return data(submission.reply({ formErrors, fieldErrors }), { status: 400 });
  }
  return redirect(target.href, { headers: await flashMessage(request, "Funding recorded.") });
}

export default function NewFundingPage() {
  const { target, donors, fixedDonor, currencies, check } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <>
      <p>
        <Link to={target.href}>← {target.title}</Link>
      </p>
      <h1>Record funding</h1>
      <p className="lead">
        For the {target.kind} <Link to={target.href}>{target.title}</Link>.
      </p>
      <SessionCheckPanel check={check} confirming={false} id="funding-check" purpose="funding" />
      <FundingForm id="funding-new" lastResult={lastResult} donors={donors} fixedDonor={fixedDonor} currencies={currencies} defaultValue={{ status: "pledged" }} submitLabel="Record funding" />
    </>
  );
}

export const meta: MetaFunction = () => [{ title: "Record funding · Training Coordination Registry" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
