// Reading the material form (multipart, with an optional file) the same way
// for "add" and "edit": the file is streamed and checked by the upload
// handler, the other fields by the form schema.
import { parseWithZod } from "@conform-to/zod/v4";
import { materialFormSchema } from "~/components/material-form";
import { getEnv } from "./env.server";
import { receiveUploadForm } from "./uploads.server";

/**
 * Parse and validate. The caller must `await discard()` when done (in a
 * `finally`): it removes the received file unless the save moved it into place.
 */
export async function readMaterialSubmission(request: Request, options: { fileRequired: boolean }) {
  const env = getEnv();
  const received = await receiveUploadForm(request, { uploadDir: env.UPLOAD_DIR, maxBytes: env.MAX_UPLOAD_MB * 1024 * 1024 });
  const submission = parseWithZod(received.formData, { schema: materialFormSchema(options) });
  const wantsFile = received.formData.get("source") !== "url";
  const outcome = received.outcome;
  return {
    submission,
    /** The upload handler's verdict, as field errors for the file input (none when a link was chosen). */
    uploadErrors: wantsFile && outcome.status === "rejected" ? { file: [outcome.message] } : null,
    upload: wantsFile && outcome.status === "received" ? outcome.upload : undefined,
    discard: received.discard,
  };
}
