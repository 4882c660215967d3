import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { getDb } from "#db/client.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { MaterialForm, toMaterialInput } from "~/components/material-form";
import { canCreateMaterials, createMaterial, materialFormOptions, materialReferenceErrors } from "~/models/materials.server";
import { formatFileSize } from "~/domain/media-types";
import { requireActor } from "~/utils/auth.server";
import { getEnv } from "~/utils/env.server";
import { readMaterialSubmission } from "~/utils/material-submission.server";
import { forbidden, isCoordinator } from "~/utils/permissions.server";
import { flashMessage } from "~/utils/session.server";

const NOT_ALLOWED = "Only trainers (for their own organisation) and coordinators may add materials.";

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  if (!canCreateMaterials(actor)) forbidden(NOT_ALLOWED);
  return { options: { ...(await materialFormOptions(getDb(), actor)), maxUpload: formatFileSize(getEnv().MAX_UPLOAD_MB * 1024 * 1024) } };
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  // Checked before the body is read, so a refused upload is never written to disk.
  if (!canCreateMaterials(actor)) forbidden(NOT_ALLOWED);
  const db = getDb();
  const { submission, uploadErrors, upload, discard } = await readMaterialSubmission(request, { fileRequired: true });
  try {
    if (submission.status !== "success" || uploadErrors) {
      return data(submission.reply(uploadErrors ? { fieldErrors: uploadErrors } : undefined), { status: 400 });
    }
    const publisherId = isCoordinator(actor) ? submission.value.publisherId : actor.organisationId;
    if (!publisherId) return data(submission.reply({ fieldErrors: { publisherId: ["Choose the publisher"] } }), { status: 400 });
    const input = toMaterialInput(submission.value, publisherId);
    const referenceErrors = await materialReferenceErrors(db, input);
    if (Object.keys(referenceErrors).length) return data(submission.reply({ fieldErrors: referenceErrors }), { status: 400 });
    const material = await createMaterial(db, actor, input, upload);
    return redirect(`/materials/${material.id}`, { headers: await flashMessage(request, "Material added to the library.") });
  } finally {
    await discard();
  }
}

export default function NewMaterialPage() {
  const { options } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <>
      <p>
        <Link to="/materials">← Materials library</Link>
      </p>
      <h1>Add a material</h1>
      <MaterialForm id="material-new" lastResult={lastResult} options={options} submitLabel="Add material" />
    </>
  );
}

export const meta: MetaFunction = () => [{ title: "Add a material · Training Coordination Registry" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
