// Receiving uploaded files: a multipart handler that streams the file part to
// a temporary file under the upload folder while hashing and counting it, then
// judges its content against the allow-list (app/domain/media-types.ts).
// Accepted files are moved into place by `keepUpload` only once the record is
// about to be saved; everything else is removed, so a rejected form leaves
// nothing behind.
import { createHash } from "node:crypto";
import { mkdir, open, rename, rm } from "node:fs/promises";
import path from "node:path";
import { unstable_parseMultipartFormData, type UploadHandler, type UploadHandlerPart } from "@remix-run/node";
import { fileTypeFromFile } from "file-type";
import { ulid } from "ulid";
import { createTextCheck, displayFileName, formatFileSize, judgeUpload, safeStoredName } from "~/domain/media-types";

/** An accepted file, still in the temporary folder. */
export type ReceivedUpload = {
  tempPath: string;
  uploadDir: string;
  fileName: string;
  storedName: string;
  fileSize: number;
  mediaType: string;
  sha256: string;
};

export type UploadOutcome =
  | { status: "none" }
  | { status: "received"; upload: ReceivedUpload }
  | { status: "rejected"; message: string };

/** The file's columns on a material row; `filePath` is relative to the upload folder. */
export type StoredFile = { fileName: string; filePath: string; fileSize: number; mediaType: string; sha256: string };

const INCOMING = ".incoming";
/** Text fields are small; anything bigger is not a form this app renders. */
const MAX_FIELD_BYTES = 100_000;

async function drain(data: AsyncIterable<Uint8Array>) {
  // The multipart parser reads parts in order: a part's bytes must be consumed
  // before the next field can be read, even when they are thrown away.
  for await (const _ of data) {
    /* discard */
  }
}

async function readText(part: UploadHandlerPart): Promise<string> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of part.data) {
    size += chunk.byteLength;
    if (size > MAX_FIELD_BYTES) throw new Response(`The field "${part.name}" is too long.`, { status: 413 });
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/**
 * A multipart upload handler for one file field. Text fields become strings;
 * the file field's value in the form data is the file's display name (or ""
 * when no file was chosen), and `outcome()` tells what happened to the file.
 */
export function createUploadReceiver(options: { uploadDir: string; maxBytes: number; fieldName?: string }) {
  const fieldName = options.fieldName ?? "file";
  const uploadDir = path.resolve(options.uploadDir);
  let outcome: UploadOutcome = { status: "none" };

  async function receiveFile(part: UploadHandlerPart & { filename: string }): Promise<string> {
    const fileName = displayFileName(part.filename);
    await mkdir(path.join(uploadDir, INCOMING), { recursive: true });
    const tempPath = path.join(uploadDir, INCOMING, `${ulid()}.part`);
    const handle = await open(tempPath, "wx");
    const hash = createHash("sha256");
    const text = createTextCheck();
    let size = 0;
    let tooLarge = false;
    try {
      for await (const chunk of part.data) {
        if (tooLarge) continue; // keep reading so the fields after the file still arrive
        size += chunk.byteLength;
        if (size > options.maxBytes) {
          tooLarge = true;
          await handle.close();
          await rm(tempPath, { force: true });
          continue;
        }
        hash.update(chunk);
        text.push(chunk);
        await handle.write(chunk);
      }
    } catch (error) {
      if (!tooLarge) await handle.close();
      await rm(tempPath, { force: true });
      throw error;
    }
    if (tooLarge) {
      outcome = { status: "rejected", message: `The file is larger than the ${formatFileSize(Math.floor(options.maxBytes))} limit.` };
      return fileName;
    }
    await handle.close();
    if (size === 0) {
      await rm(tempPath, { force: true });
      outcome = { status: "rejected", message: "The file is empty." };
      return fileName;
    }
    const detected = await fileTypeFromFile(tempPath);
    const verdict = judgeUpload({ fileName, declaredType: part.contentType, detectedMediaType: detected?.mime, isUtf8Text: text.finish() });
    if (!verdict.ok) {
      await rm(tempPath, { force: true });
      outcome = { status: "rejected", message: verdict.message };
      return fileName;
    }
    outcome = {
      status: "received",
      upload: {
        tempPath,
        uploadDir,
        fileName,
        storedName: safeStoredName(fileName, verdict.type),
        fileSize: size,
        mediaType: verdict.type.mediaType,
        sha256: hash.digest("hex"),
      },
    };
    return fileName;
  }

  const handler: UploadHandler = async (part) => {
    if (part.filename === undefined) return readText(part);
    // One file, in the expected field; any other file part is read and dropped.
    if (part.name !== fieldName || !part.filename || outcome.status !== "none") {
      await drain(part.data);
      return part.name === fieldName ? "" : undefined;
    }
    return receiveFile(part as UploadHandlerPart & { filename: string });
  };

  return {
    handler,
    outcome: () => outcome,
    /** Remove the temporary file unless it was kept; safe to call more than once. */
    discard: async () => {
      if (outcome.status === "received") await rm(outcome.upload.tempPath, { force: true });
    },
  };
}

/**
 * Parse a multipart form with one file field. If parsing fails part-way, the
 * received file is removed before the error propagates.
 */
export async function receiveUploadForm(request: Request, options: { uploadDir: string; maxBytes: number; fieldName?: string }) {
  const receiver = createUploadReceiver(options);
  try {
    const formData = await unstable_parseMultipartFormData(request, receiver.handler);
    return { formData, outcome: receiver.outcome(), discard: receiver.discard };
  } catch (error) {
    await receiver.discard();
    // A body that is not multipart, or is cut off: the client's fault, not a server error.
    if (error instanceof TypeError || (error instanceof Error && /multipart/.test(error.message))) {
      throw new Response("The upload could not be read. Please try again.", { status: 400 });
    }
    throw error;
  }
}

/** Move an accepted upload to `<uploadDir>/<yyyy>/<ulid>-<safe name>`. */
export async function keepUpload(upload: ReceivedUpload, now = new Date()): Promise<StoredFile> {
  const year = String(now.getUTCFullYear());
  const relative = `${year}/${ulid()}-${upload.storedName}`;
  await mkdir(path.join(upload.uploadDir, year), { recursive: true });
  await rename(upload.tempPath, path.join(upload.uploadDir, relative));
  return { fileName: upload.fileName, filePath: relative, fileSize: upload.fileSize, mediaType: upload.mediaType, sha256: upload.sha256 };
}

/** Undo `keepUpload` when the record could not be saved after all. */
export async function removeKeptFile(uploadDir: string, filePath: string) {
  const absolute = resolveStoredFile(uploadDir, filePath);
  if (absolute) await rm(absolute, { force: true });
}

/** The absolute path of a stored file, or null if the stored path would leave the upload folder. */
export function resolveStoredFile(uploadDir: string, filePath: string): string | null {
  const root = path.resolve(uploadDir);
  const absolute = path.resolve(root, filePath);
  return absolute.startsWith(root + path.sep) ? absolute : null;
}
