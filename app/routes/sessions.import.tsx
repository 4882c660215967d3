// Import training sessions from a CSV file (DESIGN §7.1) in the browser:
// upload → preview (what would be created / updated / unchanged, every bad
// row, overlap and duplicate warnings per row) → confirm. The same import as
// the command line, run as a dry run for the preview; the file waits on disk
// between the two steps. Without JavaScript these are plain form posts; with
// it, the page polls the import's progress while a large file is worked on.
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { getDb } from "#db/client.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ImportErrors, ImportPreview, ImportProgressBar } from "~/components/session-import-parts";
import { SESSION_CSV_COLUMNS, REQUIRED_SESSION_CSV_COLUMNS } from "~/domain/session-csv";
import { importSessionsCsv, SessionImportError, type SessionImportResult } from "~/models/session-import.server";
import {
  canImportSessions,
  findImport,
  importReporterOptions,
  keepImport,
  newImportJob,
  previewWarnings,
  receiveImportUpload,
  reporterSessionsState,
  removeImport,
  trackedImportInput,
  type StoredImport,
} from "~/models/session-import-web.server";
import { requireActor } from "~/utils/auth.server";
import { getEnv } from "~/utils/env.server";
import { countOf, formatNumber } from "~/utils/format";
import { forbidden, isCoordinator, type SignedInActor } from "~/utils/permissions.server";
import { flashMessage } from "~/utils/session.server";

const NOT_ALLOWED = "Only trainers (for their own organisation) and coordinators may import training sessions.";
/** Larger files go through the command line, which has no request to keep open. */
const MAX_IMPORT_BYTES = 250 * 1024 * 1024;
/** Rows listed in the preview; the counts cover the whole file. */
const PREVIEW_ROWS = 200;

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  if (!canImportSessions(actor)) forbidden(NOT_ALLOWED);
  return {
    reporters: await importReporterOptions(getDb(), actor),
    chooseReporter: isCoordinator(actor),
    job: newImportJob(),
    columns: SESSION_CSV_COLUMNS,
    required: REQUIRED_SESSION_CSV_COLUMNS,
    maxMb: MAX_IMPORT_BYTES / 1024 / 1024,
  };
}

const PreviewSchema = z.object({
  intent: z.literal("preview"),
  job: z.string().optional(),
  reporterId: z.string({ error: "Choose the reporting organisation" }).min(1, { error: "Choose the reporting organisation" }),
});

const ConfirmSchema = z.object({
  intent: z.literal("confirm"),
  job: z.string().optional(),
  token: z.string({ error: "The preview has expired; upload the file again" }),
});

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  // Checked before the body is read, so a refused upload never reaches the disk.
  if (!canImportSessions(actor)) forbidden(NOT_ALLOWED);
  const uploadDir = getEnv().UPLOAD_DIR;
  if (request.headers.get("Content-Type")?.startsWith("multipart/form-data")) return preview(request, actor, uploadDir);
  return confirm(request, actor, uploadDir);
}

async function preview(request: Request, actor: SignedInActor, uploadDir: string) {
  const { fields, upload, problem } = await receiveImportUpload(request, { uploadDir, maxBytes: MAX_IMPORT_BYTES });
  // A trainer imports for their own organisation, whatever the form says.
  if (!isCoordinator(actor)) fields.set("reporterId", actor.organisationId ?? "");
  const submission = parseWithZod(fields, { schema: PreviewSchema });
  const fileProblem = problem ?? (upload ? null : "Choose a CSV file to import.");
  if (submission.status !== "success" || fileProblem) {
    if (upload) await removeImport(uploadDir, upload.token);
    const errors = submission.reply().error;
    return formView({ reporterId: errors?.reporterId, file: fileProblem ? [fileProblem] : undefined }, String(fields.get("reporterId") ?? ""));
  }
  const { reporterId, job } = submission.value;
  const stored: StoredImport = { ...upload!, actorId: actor.id, reporterId };
  return checkAndPreview(uploadDir, actor, stored, job ?? null, false);
}

/**
 * The dry run behind a preview: errors remove the upload; a clean file is
 * kept for the confirm, with the state of the reporter's sessions it was
 * previewed against.
 */
async function checkAndPreview(uploadDir: string, actor: SignedInActor, stored: StoredImport, job: string | null, changedSincePreview: boolean) {
  const registryState = await reporterSessionsState(getDb(), stored.reporterId);
  // Anything but an accepted preview (a refusal, a failure) removes the upload at once.
  const result = await runImport(actor, stored, job, true).catch(async (error: unknown) => {
    await removeImport(uploadDir, stored.token);
    throw error;
  });
  if (result.stage !== "checked") {
    await removeImport(uploadDir, stored.token);
    return result.response;
  }
  if (result.result.errorCount) {
    await removeImport(uploadDir, stored.token);
    return data(errorsView(stored, result.result), { status: 400 });
  }
  await keepImport(uploadDir, { ...stored, registryState });
  const r = result.result;
  const warnings = await previewWarnings(getDb(), r.rows, stored.reporterId);
  return {
    stage: "preview" as const,
    changedSincePreview,
    token: stored.token,
    fileName: stored.fileName,
    reporter: r.reporter.name,
    totalRows: r.totalRows,
    created: r.created,
    updated: r.updated,
    unchanged: r.unchanged,
    deleted: r.deleted,
    newOrganisations: r.newOrganisations.map((o) => o.name),
    newTrainers: r.newTrainers.map((t) => t.name),
    rows: r.rows.map(({ line, externalId, title, startDate, endDate, hostCountry, status, outcome, sessionId, changed }) => ({
      line,
      externalId,
      title,
      startDate,
      endDate,
      hostCountry,
      status,
      outcome,
      sessionId: outcome === "created" ? null : sessionId,
      changed,
    })),
    warnings,
  };
}

async function confirm(request: Request, actor: SignedInActor, uploadDir: string) {
  const submission = parseWithZod(await request.formData(), { schema: ConfirmSchema });
  if (submission.status !== "success") return formView({ file: ["The preview has expired; upload the file again."] }, "");
  const stored = await findImport(uploadDir, submission.value.token, actor);
  if (!stored) {
    return formView({ file: ["This upload was already imported, or its preview expired; upload the file again."] }, "");
  }
  const job = submission.value.job ?? null;
  // Someone changed these sessions since the preview: show what the file would do now instead of doing it.
  if (stored.registryState !== (await reporterSessionsState(getDb(), stored.reporterId))) return checkAndPreview(uploadDir, actor, stored, job, true);
  const result = await runImport(actor, stored, job, false);
  if (result.stage !== "checked") return result.response;
  // The registry may have changed since the preview; the whole file is checked again and still written all or nothing.
  if (result.result.errorCount) {
    await removeImport(uploadDir, stored.token);
    return data(errorsView(stored, result.result), { status: 400 });
  }
  await removeImport(uploadDir, stored.token);
  const r = result.result;
  const message =
    `Imported ${countOf(r.totalRows, "row")} from ${stored.fileName} for ${r.reporter.name}: ` +
    `${formatNumber(r.created)} created, ${formatNumber(r.updated)} updated, ${formatNumber(r.unchanged)} unchanged` +
    (r.deleted ? `, ${formatNumber(r.deleted)} left out (deleted in the registry).` : ".");
  return redirect("/sessions", { headers: await flashMessage(request, message) });
}

async function runImport(actor: SignedInActor, stored: StoredImport, job: string | null, dryRun: boolean) {
  const tracked = trackedImportInput(actor, job, stored.file, stored.size);
  try {
    const result = await importSessionsCsv(getDb(), {
      input: tracked.input,
      reporter: { id: stored.reporterId },
      actor,
      dryRun,
      keepRows: dryRun ? PREVIEW_ROWS : 0,
      onProgress: tracked.onProgress,
    });
    return { stage: "checked" as const, result };
  } catch (error) {
    if (error instanceof SessionImportError) {
      return { stage: "refused" as const, response: formView({ reporterId: [error.message] }, stored.reporterId) };
    }
    throw error;
  } finally {
    tracked.finish();
  }
}

type FormErrors = { reporterId?: string[] | null; file?: string[] | null };

/** The upload form again, with its field errors and the organisation chosen (status 400). */
function formView(fieldErrors: FormErrors, chosenReporter: string) {
  return data({ stage: "form" as const, fieldErrors, chosenReporter }, { status: 400 });
}

function errorsView(stored: StoredImport, result: SessionImportResult) {
  return {
    stage: "errors" as const,
    chosenReporter: stored.reporterId,
    fileName: stored.fileName,
    totalRows: result.totalRows,
    errorCount: result.errorCount,
    errors: result.errors,
  };
}

export default function ImportSessionsPage() {
  const { reporters, chooseReporter, job, columns, required, maxMb } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const busyJob = navigation.state === "submitting" ? String(navigation.formData?.get("job") ?? "") : null;
  const fieldErrors = result?.stage === "form" ? result.fieldErrors : undefined;
  // Without JavaScript the page comes back whole: keep the organisation the user chose.
  const chosenReporter = result?.stage === "form" || result?.stage === "errors" ? result.chosenReporter : "";
  return (
    <>
      <p>
        <Link to="/sessions">← Training sessions</Link>
      </p>
      <h1>Import training sessions</h1>
      {busyJob && <ImportProgressBar job={busyJob} />}
      {result?.stage === "preview" ? (
        <>
          <ImportPreview preview={result} />
          <Form method="post" className="actions">
            <input type="hidden" name="intent" value="confirm" />
            <input type="hidden" name="token" value={result.token} />
            <input type="hidden" name="job" value={job} />
            <button type="submit" disabled={!!busyJob}>
              Import {countOf(result.totalRows, "row")}
            </button>
            <Link to="/sessions/import">Choose another file</Link>
          </Form>
        </>
      ) : (
        <>
          {result?.stage === "errors" && <ImportErrors result={result} />}
          <p>
            Upload a UTF-8 CSV file with a header row. You will see what would be created, updated and left unchanged before anything is
            written; a file with any bad row writes nothing.
          </p>
          <Form method="post" encType="multipart/form-data" className="stack" aria-labelledby="import-form-heading">
            <h2 id="import-form-heading">{result?.stage === "errors" ? "Upload the corrected file" : "Choose the file"}</h2>
            <input type="hidden" name="intent" value="preview" />
            <input type="hidden" name="job" value={job} />
            {chooseReporter ? (
              <div className="field">
                <label htmlFor="import-reporter">Reporting organisation</label>
                <span id="import-reporter-hint" className="hint">
                  The organisation whose external ids the file uses; re-importing its file updates its sessions.
                </span>
                <select id="import-reporter" name="reporterId" aria-describedby="import-reporter-hint import-reporter-error" key={chosenReporter} defaultValue={chosenReporter} aria-invalid={fieldErrors?.reporterId ? true : undefined}>
                  <option value="">Choose an organisation</option>
                  {reporters.map((o) => (
                    <option key={o.value} value={o.value}>
                      {o.label}
                    </option>
                  ))}
                </select>
                <FieldErrors id="import-reporter-error" errors={fieldErrors?.reporterId} />
              </div>
            ) : (
              <>
                <p>Reporting organisation: {reporters[0]?.label}</p>
                <FieldErrors id="import-reporter-error" errors={fieldErrors?.reporterId} />
              </>
            )}
            <div className="field">
              <label htmlFor="import-file">CSV file</label>
              <span id="import-file-hint" className="hint">
                Up to {maxMb} MB. Larger files: <code>npm run registry -- import sessions FILE.csv</code>.
              </span>
              <input id="import-file" name="file" type="file" accept=".csv,text/csv" aria-describedby="import-file-hint import-file-error" aria-invalid={fieldErrors?.file ? true : undefined} />
              <FieldErrors id="import-file-error" errors={fieldErrors?.file} />
            </div>
            <div className="actions">
              <button type="submit" disabled={!!busyJob}>
                Check the file
              </button>
            </div>
          </Form>
          <details>
            <summary>The columns</summary>
            <p>
              Required: {required.join(", ")}. Optional: {columns.filter((c) => !required.includes(c)).join(", ")}. Lists (funders, countries,
              topics, audiences, trainers) are separated by “;”. Dates are YYYY-MM-DD. An export from the sessions list
              (“CSV for re-import”) has exactly these columns.
            </p>
          </details>
        </>
      )}
    </>
  );
}

function FieldErrors({ id, errors }: { id: string; errors?: string[] | null }) {
  return (
    <div id={id}>
      {errors?.map((e) => (
        <p key={e} className="field-error">
          {e}
        </p>
      ))}
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Import training sessions · Training Coordination Registry" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
