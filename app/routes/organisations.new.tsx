import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { getDb } from "#db/client.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { OrganisationForm, OrganisationFormSchema } from "~/components/organisation-form";
import { createOrganisation, isKnownCountry, OrganisationNameTakenError } from "~/models/organisations.server";
import { listCountries } from "~/models/reference.server";
import { requireActor } from "~/utils/auth.server";
import { requireCoordinator } from "~/utils/permissions.server";
import { flashMessage } from "~/utils/session.server";

export async function loader({ request }: LoaderFunctionArgs) {
  requireCoordinator(await requireActor(request));
  const countries = await listCountries(getDb());
  return { countries: countries.map((c) => ({ value: c.code, label: c.name })) };
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  requireCoordinator(actor);
  const db = getDb();
  const submission = parseWithZod(await request.formData(), { schema: OrganisationFormSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const { name, acronym, kind, countryCode, website, description } = submission.value;
  if (!kind) return data(submission.reply({ fieldErrors: { kind: ["Choose a kind"] } }), { status: 400 });
  if (countryCode && !(await isKnownCountry(db, countryCode))) {
    return data(submission.reply({ fieldErrors: { countryCode: ["Choose a country from the list"] } }), { status: 400 });
  }
  const input = { name, acronym: acronym || null, kind, countryCode: countryCode ?? null, website: website ?? null, description: description || null };
  try {
    const organisation = await createOrganisation(db, actor, input);
    return redirect(`/organisations/${organisation.id}`, { headers: await flashMessage(request, "Organisation added.") });
  } catch (error) {
    if (error instanceof OrganisationNameTakenError) return data(submission.reply({ fieldErrors: { name: [error.message] } }), { status: 400 });
    throw error;
  }
}

export default function NewOrganisationPage() {
  const { countries } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <>
      <p>
        <Link to="/organisations">← Organisations</Link>
      </p>
      <h1>Add an organisation</h1>
      <OrganisationForm id="organisation-new" lastResult={lastResult} countries={countries} classify submitLabel="Add organisation" />
    </>
  );
}

export const meta: MetaFunction = () => [{ title: "Add an organisation · Training Coordination Registry" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
