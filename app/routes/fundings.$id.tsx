// One funding record: its donor (or a coordinator) updates its status and
// amount as the funding moves from pledged to disbursed, or deletes it.
import { parseWithZod } from "@conform-to/zod/v4";
import { invariantResponse } from "@epic-web/invariant";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { getDb } from "#db/client.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FundingForm, FundingFormSchema } from "~/components/funding-form";
import { HistoryLink } from "~/components/history";
import { canRecordFundingFor, CURRENCIES, deleteFunding, FundingInputError, getFunding, updateFunding } from "~/models/fundings.server";
import { requireActor } from "~/utils/auth.server";
import { versionField } from "~/utils/form-schemas";
import { forbidden } from "~/utils/permissions.server";
import { flashMessage } from "~/utils/session.server";
import { saveOrReplyStale } from "~/utils/submission.server";

async function setUp(request: Request, id: string) {
  const actor = await requireActor(request);
  const funding = await getFunding(getDb(), actor, id);
  invariantResponse(funding, "Funding record not found", { status: 404 });
  if (!canRecordFundingFor(actor, funding.donorId)) forbidden("Donors change only their own organisation's funding.");
  return { actor, funding };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { funding } = await setUp(request, params.id!);
  return { funding, currencies: CURRENCIES, targetHref: funding.sessionId ? `/sessions/${funding.sessionId}` : `/requests/${funding.requestId}` };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, funding } = await setUp(request, params.id!);
  const db = getDb();
  const formData = await request.formData();
  const back = funding.sessionId ? `/sessions/${funding.sessionId}` : `/requests/${funding.requestId}`;
  if (formData.get("intent") === "delete") {
    const version = versionField.safeParse(formData.get("version"));
    if (!version.success) throw new Response("The form is missing the record version.", { status: 400 });
    await deleteFunding(db, { id: funding.id, expectedVersion: version.data, actor });
    return redirect(back, { headers: await flashMessage(request, "Funding record deleted.") });
  }
  const submission = parseWithZod(formData, { schema: FundingFormSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const values = { status: submission.value.status, amount: submission.value.amount ?? null, currency: submission.value.currency ?? null, note: submission.value.note || null };
  try {
    const saved = await saveOrReplyStale(submission, () => updateFunding(db, { id: funding.id, expectedVersion: submission.value.version ?? funding.version, actor, values }));
    if (!saved.ok) return saved.response;
  } catch (error) {
    if (!(error instanceof FundingInputError)) throw error;
    const { "": formErrors, ...fieldErrors } = error.fieldErrors;
    return data(submission.reply({ formErrors, fieldErrors }), { status: 400 });
  }
  return redirect(back, { headers: await flashMessage(request, "Funding saved.") });
}

export default function FundingPage() {
  const { funding, currencies, targetHref } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <>
      <p>
        <Link to={targetHref}>← {funding.targetTitle}</Link>
      </p>
      <h1>Funding by {funding.donorName}</h1>
      <p className="lead">
        For the {funding.sessionId ? "session" : "request"} <Link to={targetHref}>{funding.targetTitle}</Link>.
      </p>
      <FundingForm
        id="funding-edit"
        lastResult={lastResult}
        donors={[]}
        fixedDonor={funding.donorName}
        currencies={currencies}
        defaultValue={{
          status: funding.status,
          amount: funding.amount == null ? "" : String(funding.amount),
          currency: funding.currency ?? "",
          note: funding.note ?? "",
          version: String(funding.version),
        }}
        submitLabel="Save funding"
      />
      <Form method="post" className="actions">
        <input type="hidden" name="version" value={funding.version} />
        <button type="submit" name="intent" value="delete" className="danger">
          Delete this funding record
        </button>
        <HistoryLink kind="funding" id={funding.id} />
      </Form>
    </>
  );
}

export const meta: MetaFunction = () => [{ title: "Funding · Training Coordination Registry" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
