import { invariantResponse } from "@epic-web/invariant";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { getDb } from "#db/client.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { MaterialForm, toMaterialInput } from "~/components/material-form";
import { canEditMaterial, getMaterial, materialFormOptions, materialReferenceErrors, updateMaterial } from "~/models/materials.server";
import { formatFileSize } from "~/domain/media-types";
import { requireActor } from "~/utils/auth.server";
import { getEnv } from "~/utils/env.server";
import { readMaterialSubmission } from "~/utils/material-submission.server";
import { forbidden, isCoordinator, type SignedInActor } from "~/utils/permissions.server";
import { flashMessage } from "~/utils/session.server";
import { saveOrReplyStale } from "~/utils/submission.server";

async function editableMaterial(actor: SignedInActor, id: string) {
  const material = await getMaterial(getDb(), actor, id);
  invariantResponse(material && !material.deletedAt, "Material not found", { status: 404 });
  if (!canEditMaterial(actor, material)) forbidden("Only coordinators and trainers of the publishing organisation may edit this material.");
  return material;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const material = await editableMaterial(actor, params.id!);
  return { material, options: { ...(await materialFormOptions(getDb(), actor)), maxUpload: formatFileSize(getEnv().MAX_UPLOAD_MB * 1024 * 1024) } };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  // Checked before the body is read, so a refused upload is never written to disk.
  const material = await editableMaterial(actor, params.id!);
  const db = getDb();
  const { submission, uploadErrors, upload, discard } = await readMaterialSubmission(request, { fileRequired: !material.filePath });
  try {
    if (submission.status !== "success" || uploadErrors) {
      return data(submission.reply(uploadErrors ? { fieldErrors: uploadErrors } : undefined), { status: 400 });
    }
    const { version } = submission.value;
    if (version === undefined) return data(submission.reply({ formErrors: ["Reload the page and try again."] }), { status: 400 });
    const publisherId = (isCoordinator(actor) && submission.value.publisherId) || material.publisherId;
    const input = toMaterialInput(submission.value, publisherId);
    const referenceErrors = await materialReferenceErrors(db, input);
    if (Object.keys(referenceErrors).length) return data(submission.reply({ fieldErrors: referenceErrors }), { status: 400 });
    const saved = await saveOrReplyStale(submission, () => updateMaterial(db, actor, { id: material.id, expectedVersion: version, input, upload }));
    if (!saved.ok) return saved.response;
    return redirect(`/materials/${material.id}`, { headers: await flashMessage(request, "Material saved.") });
  } finally {
    await discard();
  }
}

export default function EditMaterialPage() {
  const { material, options } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <>
      <p>
        <Link to={`/materials/${material.id}`}>← {material.title}</Link>
      </p>
      <h1>Edit material</h1>
      <MaterialForm
        key={material.version}
        id="material-edit"
        lastResult={lastResult}
        options={options}
        currentFile={material.fileName ? { fileName: material.fileName, fileSize: material.fileSize } : null}
        defaultValue={{
          title: material.title,
          description: material.description ?? "",
          kind: material.kind,
          language: material.language,
          licence: material.licence ?? "",
          courseId: material.courseId ?? "",
          publisherId: material.publisherId,
          edition: material.edition ?? "",
          accessLevel: material.accessLevel,
          source: material.externalUrl ? "url" : "file",
          externalUrl: material.externalUrl ?? "",
          version: String(material.version),
        }}
        submitLabel="Save changes"
      />
    </>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Edit ${data?.material.title ?? "material"} · Training Coordination Registry` },
];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
