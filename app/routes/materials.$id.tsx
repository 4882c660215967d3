import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { invariantResponse } from "@epic-web/invariant";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { z } from "zod";
import { getDb } from "#db/client.server";
import { AccessBadge } from "~/components/access-badge";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormErrors, TextareaField } from "~/components/forms";
import { HistoryLink } from "~/components/history";
import { formatFileSize, mediaTypeLabel } from "~/domain/media-types";
import { AccessRequestError, latestAccessRequest, requestAccess } from "~/models/access-requests.server";
import { canDownloadMaterial, canEditMaterial, deleteMaterial, getMaterial, restoreMaterial } from "~/models/materials.server";
import { languageLabel } from "~/models/reference.server";
import { getActor, requireActor } from "~/utils/auth.server";
import { formatDate, humanise } from "~/utils/format";
import { versionField } from "~/utils/form-schemas";
import { isCoordinator, requireCoordinator } from "~/utils/permissions.server";
import { flashMessage } from "~/utils/session.server";
import { saveOrReplyStale } from "~/utils/submission.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await getActor(request);
  const db = getDb();
  const material = await getMaterial(db, actor, params.id!);
  invariantResponse(material, "Material not found", { status: 404 });
  const canDownload = await canDownloadMaterial(db, actor, material);
  const accessRequest = !canDownload && material.accessLevel === "restricted" ? await latestAccessRequest(db, actor, material.id) : null;
  return {
    // Everything but where the file lies on disk.
    material: {
      id: material.id,
      title: material.title,
      description: material.description,
      kind: material.kind,
      language: languageLabel(material.language),
      licence: material.licence,
      edition: material.edition,
      accessLevel: material.accessLevel,
      publisherId: material.publisherId,
      publisherName: material.publisherName,
      courseId: material.courseId,
      courseTitle: material.courseTitle,
      fileName: material.fileName,
      fileSize: material.fileSize,
      mediaType: material.mediaType,
      sha256: canDownload ? material.sha256 : null,
      externalHost: material.externalUrl ? hostOf(material.externalUrl) : null,
      updatedAt: material.updatedAt,
      deletedAt: material.deletedAt,
      version: material.version,
    },
    canDownload,
    accessRequest,
    can: {
      edit: !material.deletedAt && canEditMaterial(actor, material),
      deleteOrRestore: isCoordinator(actor),
      requestAccess: !!actor && !canDownload && material.accessLevel === "restricted" && accessRequest?.status !== "pending",
      history: !!actor,
    },
    signedIn: !!actor,
  };
}

function hostOf(url: string) {
  try {
    return new URL(url).host;
  } catch {
    return "another website";
  }
}

const RequestAccessSchema = z.object({
  intent: z.literal("request-access"),
  reason: z
    .string({ error: "Say why you need this material" })
    .trim()
    .min(10, { error: "Say why you need this material (at least 10 characters)" })
    .max(2000, { error: "Use at most 2,000 characters" }),
});
const RecordActionSchema = z.object({ intent: z.enum(["delete", "restore"]), version: versionField });

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const db = getDb();
  const id = params.id!;
  const formData = await request.formData();

  if (formData.get("intent") === "request-access") {
    const submission = parseWithZod(formData, { schema: RequestAccessSchema });
    if (submission.status !== "success") return data(submission.reply(), { status: 400 });
    try {
      await requestAccess(db, actor, id, submission.value.reason);
    } catch (error) {
      if (error instanceof AccessRequestError) return data(submission.reply({ formErrors: [error.message] }), { status: 409 });
      throw error;
    }
    return redirect(`/materials/${id}`, { headers: await flashMessage(request, "Your request has been sent to the coordinators.") });
  }

  // Deleting and restoring are coordinators' alone: refuse before validating.
  requireCoordinator(actor);
  const submission = parseWithZod(formData, { schema: RecordActionSchema });
  if (submission.status !== "success") throw new Response("Unknown action", { status: 400 });
  const { intent, version } = submission.value;
  const change = intent === "delete" ? deleteMaterial : restoreMaterial;
  const saved = await saveOrReplyStale(submission, () => change(db, actor, id, version));
  if (!saved.ok) return saved.response;
  return redirect(intent === "delete" ? "/materials" : `/materials/${id}`, {
    headers: await flashMessage(request, intent === "delete" ? "Material deleted. Coordinators can restore it." : "Material restored."),
  });
}

export default function MaterialPage() {
  const { material, can } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  // Errors of the delete/restore buttons (a stale version); the access form shows its own.
  const recordErrors = lastResult?.initialValue?.intent === "request-access" ? null : lastResult?.error?.[""];
  return (
    <>
      <p>
        <Link to="/materials">← Materials library</Link>
      </p>
      <h1>
        {material.title} <AccessBadge level={material.accessLevel} />
        {material.deletedAt && <span className="badge danger">Deleted</span>}
      </h1>
      <FormErrors errors={recordErrors} />

      <DownloadSection />

      <dl className="facts">
        <dt>Kind</dt>
        <dd>{humanise(material.kind)}</dd>
        <dt>Language</dt>
        <dd>{material.language}</dd>
        <dt>Publisher</dt>
        <dd>
          <Link to={`/organisations/${material.publisherId}`}>{material.publisherName}</Link>
        </dd>
        <dt>Course</dt>
        <dd>{material.courseId ? <Link to={`/courses/${material.courseId}`}>{material.courseTitle}</Link> : "Not linked to a course"}</dd>
        <dt>Edition</dt>
        <dd>{material.edition || "Not stated"}</dd>
        <dt>Licence</dt>
        <dd>{material.licence || "Not stated"}</dd>
        <dt>Access</dt>
        <dd>{ACCESS_TEXT[material.accessLevel]}</dd>
        {material.fileName ? (
          <>
            <dt>File</dt>
            <dd>
              {material.fileName} ({mediaTypeLabel(material.mediaType)}, {formatFileSize(material.fileSize)})
            </dd>
          </>
        ) : (
          <>
            <dt>Published at</dt>
            <dd>{material.externalHost}</dd>
          </>
        )}
        {material.sha256 && (
          <>
            <dt>SHA-256</dt>
            <dd>
              <code className="checksum">{material.sha256}</code>
            </dd>
          </>
        )}
        <dt>Last updated</dt>
        <dd>{formatDate(material.updatedAt.slice(0, 10))}</dd>
      </dl>

      {material.description && (
        <section aria-labelledby="description">
          <h2 id="description">Description</h2>
          <div className="prose">
            {material.description.split(/\n{2,}/).map((paragraph, i) => (
              <p key={i} className="pre-line">
                {paragraph}
              </p>
            ))}
          </div>
        </section>
      )}

      <div className="actions">
        {can.edit && (
          <Link className="button secondary" to={`/materials/${material.id}/edit`}>
            Edit material
          </Link>
        )}
        {can.deleteOrRestore && (
          <Form method="post">
            <input type="hidden" name="version" value={material.version} />
            {material.deletedAt ? (
              <button type="submit" name="intent" value="restore">
                Restore material
              </button>
            ) : (
              <button type="submit" name="intent" value="delete" className="danger">
                Delete material
              </button>
            )}
          </Form>
        )}
        {can.history && <HistoryLink kind="material" id={material.id} />}
      </div>
    </>
  );
}

const ACCESS_TEXT = {
  public: "Public: anyone may download it",
  registered: "Registered users: sign in to download it",
  restricted: "Restricted: vetted law-enforcement and justice users, or by request",
};

/** Download, or what the reader can do to get it: sign in, request access, or wait for a decision. */
function DownloadSection() {
  const { material, canDownload, accessRequest, can, signedIn } = useLoaderData<typeof loader>();
  const location = useLocation();
  const href = `/materials/${material.id}/download`;
  if (canDownload) {
    return (
      <p>
        {material.fileName ? (
          <a className="button" href={href} download>
            Download {material.fileName} ({mediaTypeLabel(material.mediaType)}, {formatFileSize(material.fileSize)})
          </a>
        ) : (
          <a className="button" href={href} rel="noopener noreferrer">
            Open the material on {material.externalHost}
          </a>
        )}
      </p>
    );
  }
  if (!signedIn) {
    return (
      <p className="notice">
        <Link to={`/login?${new URLSearchParams({ redirectTo: location.pathname })}`}>Sign in to download</Link>
        {material.accessLevel === "restricted" && " — restricted materials are open to vetted users, or on request."}
      </p>
    );
  }
  return (
    <section aria-labelledby="access" className="access-box">
      <h2 id="access">Access</h2>
      <p>This material is restricted to vetted law-enforcement and justice users. You can ask a coordinator for access.</p>
      {accessRequest?.status === "pending" && (
        <p className="notice" role="status">
          Your request is pending (sent {formatDate(accessRequest.createdAt.slice(0, 10))}). A coordinator will decide on it.
        </p>
      )}
      {accessRequest?.status === "refused" && (
        <p className="notice">
          Your request was refused{accessRequest.decisionReason ? `: ${accessRequest.decisionReason}` : "."} You may ask again with more
          detail.
        </p>
      )}
      {can.requestAccess && <RequestAccessForm />}
    </section>
  );
}

function RequestAccessForm() {
  const actionResult = useActionData<typeof action>();
  const lastResult = actionResult?.initialValue?.intent === "request-access" ? actionResult : undefined;
  const [form, fields] = useForm({
    id: "request-access",
    lastResult,
    constraint: getZodConstraint(RequestAccessSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: RequestAccessSchema }),
    // Re-checked as they type, so a message vanishing on blur cannot shift the button away from a click.
    shouldRevalidate: "onInput",
  });
  return (
    <Form method="post" className="stack" {...getFormProps(form)}>
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value="request-access" />
      <TextareaField
        field={fields.reason}
        label="Why do you need this material?"
        hint="Your role, your unit and how you will use it. Coordinators read this before deciding."
        rows={4}
      />
      <div className="actions">
        <button type="submit">Request access</button>
      </div>
    </Form>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.material.title ?? "Material"} · Training Coordination Registry` }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
