import { parseWithZod } from "@conform-to/zod/v4";
import { invariantResponse } from "@epic-web/invariant";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { getDb } from "#db/client.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { OrganisationForm, OrganisationFormSchema } from "~/components/organisation-form";
import {
  canClassifyOrganisation,
  canEditOrganisation,
  getOrganisation,
  isKnownCountry,
  OrganisationNameTakenError,
  updateOrganisation,
} from "~/models/organisations.server";
import { listCountries } from "~/models/reference.server";
import { requireActor } from "~/utils/auth.server";
import { forbidden, type SignedInActor } from "~/utils/permissions.server";
import { flashMessage } from "~/utils/session.server";
import { saveOrReplyStale } from "~/utils/submission.server";

/** The organisation if this person may edit it: 404 when there is none (or it is deleted), 403 when it is not theirs. */
async function editableOrganisation(actor: SignedInActor, id: string) {
  const organisation = await getOrganisation(getDb(), actor, id);
  invariantResponse(organisation && !organisation.deletedAt, "Organisation not found", { status: 404 });
  if (!canEditOrganisation(actor, organisation)) forbidden("Only coordinators, and trainers of this organisation, may edit it.");
  return organisation;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const organisation = await editableOrganisation(actor, params.id!);
  const classify = canClassifyOrganisation(actor);
  const countries = classify ? (await listCountries(getDb())).map((c) => ({ value: c.code, label: c.name })) : [];
  return { organisation, classify, countries };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const current = await editableOrganisation(actor, params.id!);
  const db = getDb();
  const submission = parseWithZod(await request.formData(), { schema: OrganisationFormSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const { name, acronym, website, description, version } = submission.value;
  if (version === undefined) return data(submission.reply({ formErrors: ["Reload the page and try again."] }), { status: 400 });
  // Kind and country come from the form only for coordinators; for anyone else they stay as they are.
  const classify = canClassifyOrganisation(actor);
  const kind = classify ? submission.value.kind : current.kind;
  const countryCode = classify ? (submission.value.countryCode ?? null) : current.countryCode;
  if (!kind) return data(submission.reply({ fieldErrors: { kind: ["Choose a kind"] } }), { status: 400 });
  if (countryCode && countryCode !== current.countryCode && !(await isKnownCountry(db, countryCode))) {
    return data(submission.reply({ fieldErrors: { countryCode: ["Choose a country from the list"] } }), { status: 400 });
  }
  const input = { name, acronym: acronym || null, kind, countryCode, website: website ?? null, description: description || null };
  try {
    const saved = await saveOrReplyStale(submission, () => updateOrganisation(db, { id: current.id, expectedVersion: version, actor, input }));
    if (!saved.ok) return saved.response;
  } catch (error) {
    if (error instanceof OrganisationNameTakenError) return data(submission.reply({ fieldErrors: { name: [error.message] } }), { status: 400 });
    throw error;
  }
  return redirect(`/organisations/${current.id}`, { headers: await flashMessage(request, "Organisation saved.") });
}

export default function EditOrganisationPage() {
  const { organisation, classify, countries } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <>
      <p>
        <Link to={`/organisations/${organisation.id}`}>← {organisation.name}</Link>
      </p>
      <h1>Edit organisation</h1>
      <OrganisationForm
        key={organisation.version}
        id={`organisation-edit-${organisation.id}`}
        lastResult={lastResult}
        countries={countries}
        classify={classify}
        fixed={{ kind: organisation.kind, countryName: organisation.countryName }}
        submitLabel="Save changes"
        defaultValue={{
          name: organisation.name,
          acronym: organisation.acronym ?? "",
          kind: organisation.kind,
          countryCode: organisation.countryCode ?? "",
          website: organisation.website ?? "",
          description: organisation.description ?? "",
          version: String(organisation.version),
        }}
      />
    </>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Edit ${data?.organisation.name ?? "organisation"} · Training Coordination Registry` }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
