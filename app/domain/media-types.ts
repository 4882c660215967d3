// Which files the materials library accepts, and how an upload's content is
// judged against the type its name claims. Pure logic: the bytes are read by
// app/utils/uploads.server.ts, which hands the verdicts here.

export type AllowedType = {
  mediaType: string;
  extensions: string[];
  /** With its article, for messages: "This file's content is not a PDF." */
  noun: string;
  /** Short label for lists: "PDF", "Word". */
  label: string;
  /** Media types `file-type` reports for this content (aliases of the same format). */
  detectedAs: string[];
  /** Text formats carry no magic number; they are accepted on their extension and valid UTF-8. */
  text?: true;
};

export const ALLOWED_TYPES: AllowedType[] = [
  { mediaType: "application/pdf", extensions: ["pdf"], noun: "a PDF", label: "PDF", detectedAs: ["application/pdf"] },
  {
    mediaType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    extensions: ["docx"],
    noun: "a Word document",
    label: "Word",
    detectedAs: ["application/vnd.openxmlformats-officedocument.wordprocessingml.document"],
  },
  {
    mediaType: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    extensions: ["pptx"],
    noun: "a PowerPoint presentation",
    label: "PowerPoint",
    detectedAs: ["application/vnd.openxmlformats-officedocument.presentationml.presentation"],
  },
  {
    mediaType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    extensions: ["xlsx"],
    noun: "an Excel spreadsheet",
    label: "Excel",
    detectedAs: ["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"],
  },
  {
    mediaType: "application/vnd.oasis.opendocument.text",
    extensions: ["odt"],
    noun: "an OpenDocument text",
    label: "OpenDocument text",
    detectedAs: ["application/vnd.oasis.opendocument.text"],
  },
  {
    mediaType: "application/vnd.oasis.opendocument.presentation",
    extensions: ["odp"],
    noun: "an OpenDocument presentation",
    label: "OpenDocument presentation",
    detectedAs: ["application/vnd.oasis.opendocument.presentation"],
  },
  { mediaType: "video/mp4", extensions: ["mp4", "m4v"], noun: "an MP4 video", label: "MP4 video", detectedAs: ["video/mp4", "video/x-m4v"] },
  { mediaType: "video/webm", extensions: ["webm"], noun: "a WebM video", label: "WebM video", detectedAs: ["video/webm"] },
  { mediaType: "image/png", extensions: ["png"], noun: "a PNG image", label: "PNG image", detectedAs: ["image/png", "image/apng"] },
  { mediaType: "image/jpeg", extensions: ["jpg", "jpeg"], noun: "a JPEG image", label: "JPEG image", detectedAs: ["image/jpeg"] },
  { mediaType: "application/zip", extensions: ["zip"], noun: "a ZIP archive", label: "ZIP archive", detectedAs: ["application/zip"] },
  { mediaType: "text/plain", extensions: ["txt"], noun: "a plain text file", label: "Text", detectedAs: [], text: true },
  { mediaType: "text/markdown", extensions: ["md", "markdown"], noun: "a Markdown file", label: "Markdown", detectedAs: [], text: true },
  { mediaType: "text/csv", extensions: ["csv"], noun: "a CSV file", label: "CSV", detectedAs: [], text: true },
];

/** For the file input's `accept` attribute and the form hint. */
export const ACCEPT_ATTRIBUTE = ALLOWED_TYPES.flatMap((t) => t.extensions.map((e) => `.${e}`)).join(",");
export const ALLOWED_TYPES_HINT = "PDF, Word, PowerPoint, Excel, OpenDocument, MP4, WebM, PNG, JPEG, ZIP, plain text, Markdown or CSV";

export function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf(".");
  return dot > 0 ? fileName.slice(dot + 1).toLowerCase() : "";
}

/**
 * The type a file claims to be: its extension decides; only a name without an
 * extension falls back to the media type the browser declared.
 */
export function claimedType(fileName: string, declaredType: string | undefined): AllowedType | undefined {
  const extension = extensionOf(fileName);
  if (extension) return ALLOWED_TYPES.find((t) => t.extensions.includes(extension));
  const declared = declaredType?.split(";")[0].trim().toLowerCase();
  return declared ? ALLOWED_TYPES.find((t) => t.mediaType === declared) : undefined;
}

export type UploadVerdict = { ok: true; type: AllowedType } | { ok: false; message: string };

/**
 * Judge a received file: `detectedMediaType` is what the content's magic
 * numbers say (undefined when none is recognised), `isUtf8Text` whether the
 * bytes are valid UTF-8 without NUL bytes.
 */
export function judgeUpload(args: {
  fileName: string;
  declaredType?: string;
  detectedMediaType: string | undefined;
  isUtf8Text: boolean;
}): UploadVerdict {
  const claimed = claimedType(args.fileName, args.declaredType);
  if (!claimed) return { ok: false, message: `Files of this type cannot be uploaded. Upload a ${ALLOWED_TYPES_HINT} file.` };
  const detected = args.detectedMediaType ? ALLOWED_TYPES.find((t) => t.detectedAs.includes(args.detectedMediaType!)) : undefined;
  const looksLike = detected ? ` (it looks like ${detected.noun})` : "";
  if (claimed.text) {
    if (args.detectedMediaType || !args.isUtf8Text) {
      return { ok: false, message: `This file's content is not ${claimed.noun}${looksLike}. Text files must be saved as UTF-8.` };
    }
    return { ok: true, type: claimed };
  }
  if (!args.detectedMediaType || !claimed.detectedAs.includes(args.detectedMediaType)) {
    return { ok: false, message: `This file's content is not ${claimed.noun}${looksLike}.` };
  }
  return { ok: true, type: claimed };
}

/**
 * Streaming check that bytes are UTF-8 text: valid sequences (also across
 * chunk boundaries) and no NUL byte, which no text format here contains.
 */
export function createTextCheck() {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let isText = true;
  return {
    push(chunk: Uint8Array) {
      if (!isText) return;
      if (chunk.includes(0)) isText = false;
      else {
        try {
          decoder.decode(chunk, { stream: true });
        } catch {
          isText = false;
        }
      }
    },
    /** Call once after the last chunk: a sequence cut off at the end is not text either. */
    finish(): boolean {
      if (!isText) return false;
      try {
        decoder.decode();
        return true;
      } catch {
        return false;
      }
    },
  };
}

const CONTROL = /[\u0000-\u001f\u007f]/g;

/** The name shown to people: the client's base name without control characters, kept short. */
export function displayFileName(clientName: string): string {
  const base = clientName.split(/[/\\]/).pop() ?? "";
  const clean = base.replace(CONTROL, "").trim();
  if (clean.length <= 200) return clean || "file";
  const extension = extensionOf(clean);
  return extension ? `${clean.slice(0, 190)}….${extension}` : clean.slice(0, 200);
}

/**
 * A name that is safe on any file system and in a URL: ASCII letters, digits,
 * dots, dashes and underscores, never starting with a dot, with the extension of
 * the verified type. Never a path: the caller prefixes a fresh id and a folder.
 */
export function safeStoredName(clientName: string, type: AllowedType): string {
  const base = clientName.split(/[/\\]/).pop() ?? "";
  const extension = type.extensions.includes(extensionOf(base)) ? extensionOf(base) : type.extensions[0];
  const dot = base.lastIndexOf(".");
  const stem = (dot > 0 ? base.slice(0, dot) : base)
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^A-Za-z0-9._-]+/g, "-")
    .replace(/^[.-]+|[.-]+$/g, "")
    .slice(0, 80);
  return `${stem || "file"}.${extension}`;
}

/** RFC 6266 / RFC 5987: an ASCII fallback plus the exact UTF-8 name. */
export function attachmentDisposition(fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

export function mediaTypeLabel(mediaType: string | null | undefined): string {
  if (!mediaType) return "";
  return ALLOWED_TYPES.find((t) => t.mediaType === mediaType)?.label ?? mediaType;
}

export function formatFileSize(bytes: number | null | undefined): string {
  if (bytes == null) return "";
  if (bytes < 1024) return `${bytes} B`;
  const units = ["KB", "MB", "GB"];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}
