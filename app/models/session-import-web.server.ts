// What the web import adds around the one import (session-import.server.ts):
// the uploaded file kept on disk between preview and confirm (owned by the
// person who uploaded it), the progress of a running check or write for the
// page to poll, and the entry-time overlap/duplicate check per previewed row.
import { createReadStream } from "node:fs";
import { mkdir, open, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { Transform } from "node:stream";
import { unstable_parseMultipartFormData, type UploadHandler, type UploadHandlerPart } from "@remix-run/node";
import { and, asc, eq, isNull, sql } from "drizzle-orm";
import { ulid } from "ulid";
import { type Executor } from "#db/client.server";
import { organisations, trainingSessions } from "#db/schema";
import { isCoordinator, type Actor, type SignedInActor } from "~/utils/permissions.server";
import { checkSessionDraft } from "./overlaps.server";
import { type ImportedRow, type ImportProgress } from "./session-import.server";

/** Trainers import for their own organisation, coordinators for any. */
export function canImportSessions(actor: Actor): actor is SignedInActor {
  return isCoordinator(actor) || (actor?.role === "trainer" && !!actor.organisationId);
}

/** The organisations the actor may import for, by name. */
export async function importReporterOptions(db: Executor, actor: SignedInActor) {
  const live = isNull(organisations.deletedAt);
  return db
    .select({ value: organisations.id, label: organisations.name })
    .from(organisations)
    .where(isCoordinator(actor) ? live : and(live, eq(organisations.id, actor.organisationId ?? "")))
    .orderBy(asc(organisations.name));
}

/**
 * A mark that moves whenever any of the organisation's sessions is created,
 * changed, deleted, restored or merged: every such write adds one to the
 * session's version (records.server.ts, the import). Confirming a preview
 * made before another write would apply changes nobody saw, so the confirm
 * compares this with the preview's.
 */
export async function reporterSessionsState(db: Executor, reporterId: string): Promise<string> {
  const [{ sessions, versions }] = await db
    .select({ sessions: sql<number>`count(*)`, versions: sql<number>`coalesce(sum(${trainingSessions.version}), 0)` })
    .from(trainingSessions)
    .where(eq(trainingSessions.reportingOrgId, reporterId));
  return `${sessions}:${versions}`;
}

// ── The uploaded file, kept between preview and confirm ──────────────────

const FOLDER = ".imports";
/** An upload nobody confirmed is removed after this long. */
const KEEP_MS = 24 * 60 * 60 * 1000;
const TOKEN = /^[0-9A-HJKMNP-TV-Z]{26}$/;

export type StoredImport = {
  token: string;
  file: string;
  fileName: string;
  size: number;
  actorId: string;
  reporterId: string;
  /** The reporter's sessions as they were when the preview was made (reporterSessionsState). */
  registryState?: string;
};

const filesOf = (uploadDir: string, token: string) => {
  const dir = path.join(path.resolve(uploadDir), FOLDER);
  return { dir, csv: path.join(dir, `${token}.csv`), meta: path.join(dir, `${token}.json`) };
};

async function drain(data: AsyncIterable<Uint8Array>) {
  for await (const _ of data) {
    /* the parser needs every part read, even one thrown away */
  }
}

async function readField(part: UploadHandlerPart): Promise<string> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of part.data) {
    size += chunk.byteLength;
    if (size > 10_000) throw new Response(`The field "${part.name}" is too long.`, { status: 413 });
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}

export type ReceivedImport = { fields: FormData; upload: { token: string; file: string; fileName: string; size: number } | null; problem: string | null };

/**
 * The import form's multipart body: text fields, and the file in `file`
 * streamed to the upload folder (never held in memory). Too big or empty
 * files are removed at once and reported as `problem`.
 */
export async function receiveImportUpload(request: Request, options: { uploadDir: string; maxBytes: number }): Promise<ReceivedImport> {
  const token = ulid();
  const { dir, csv } = filesOf(options.uploadDir, token);
  let upload: ReceivedImport["upload"] = null;
  let problem: string | null = null;
  const handler: UploadHandler = async (part) => {
    if (part.filename === undefined) return readField(part);
    if (part.name !== "file" || !part.filename || upload || problem) {
      await drain(part.data);
      return undefined;
    }
    await mkdir(dir, { recursive: true });
    const handle = await open(csv, "wx");
    let size = 0;
    try {
      for await (const chunk of part.data) {
        size += chunk.byteLength;
        if (size > options.maxBytes) {
          problem ??= `The file is larger than the ${Math.round(options.maxBytes / 1024 / 1024)} MB limit; import it with the command line instead (npm run registry -- import sessions).`;
          continue;
        }
        await handle.write(chunk);
      }
    } finally {
      await handle.close();
    }
    if (!problem && size === 0) problem = "The file is empty.";
    if (problem) await rm(csv, { force: true });
    else upload = { token, file: csv, fileName: path.basename(part.filename).slice(0, 200), size };
    return upload ? upload.fileName : "";
  };
  try {
    const fields = await unstable_parseMultipartFormData(request, handler);
    return { fields, upload, problem };
  } catch (error) {
    await rm(csv, { force: true });
    if (error instanceof TypeError || (error instanceof Error && /multipart/.test(error.message))) {
      throw new Response("The upload could not be read. Please try again.", { status: 400 });
    }
    throw error;
  }
}

/** Keep an upload that passed the preview, for the confirm step; old unconfirmed ones go. */
export async function keepImport(uploadDir: string, stored: StoredImport) {
  const { meta, dir } = filesOf(uploadDir, stored.token);
  await writeFile(meta, JSON.stringify(stored));
  const now = Date.now();
  for (const name of await readdir(dir)) {
    const file = path.join(dir, name);
    const info = await stat(file).catch(() => null);
    if (info && now - info.mtimeMs > KEEP_MS) await rm(file, { force: true });
  }
}

/** The kept upload behind a token, if it exists and belongs to this person; else null. */
export async function findImport(uploadDir: string, token: string, actor: SignedInActor): Promise<StoredImport | null> {
  if (!TOKEN.test(token)) return null;
  const { meta } = filesOf(uploadDir, token);
  const stored = await readFile(meta, "utf8").then((text) => JSON.parse(text) as StoredImport).catch(() => null);
  return stored && stored.actorId === actor.id ? stored : null;
}

export async function removeImport(uploadDir: string, token: string) {
  if (!TOKEN.test(token)) return;
  const { csv, meta } = filesOf(uploadDir, token);
  await rm(csv, { force: true });
  await rm(meta, { force: true });
}

// ── Progress, for the page to poll while a large file is checked or written ──

export type WebImportProgress = ImportProgress & { bytes: number; totalBytes: number; at: number };

// Progress lives in this process only: it is a convenience for the page, never data.
const progressByJob = new Map<string, WebImportProgress>();
const JOB = /^[0-9A-HJKMNP-TV-Z]{26}$/;

const jobKey = (actor: SignedInActor, job: string) => `${actor.id}:${job}`;

export function newImportJob() {
  return ulid();
}

export function readImportProgress(actor: SignedInActor, job: string): WebImportProgress | null {
  return JOB.test(job) ? (progressByJob.get(jobKey(actor, job)) ?? null) : null;
}

/**
 * The stored file as a stream that counts the bytes read, plus the progress
 * callback for the import: together they keep the job's progress current.
 */
export function trackedImportInput(actor: SignedInActor, job: string | null, file: string, totalBytes: number) {
  const key = job && JOB.test(job) ? jobKey(actor, job) : null;
  const state: WebImportProgress = { phase: "checking", rows: 0, bytes: 0, totalBytes, at: Date.now() };
  const publish = () => {
    if (!key) return;
    state.at = Date.now();
    progressByJob.set(key, { ...state });
    // Forget jobs nobody polled for an hour.
    for (const [k, p] of progressByJob) if (state.at - p.at > 60 * 60 * 1000) progressByJob.delete(k);
  };
  publish();
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      state.bytes += chunk.byteLength;
      publish();
      done(null, chunk);
    },
  });
  const input = createReadStream(file).pipe(counter);
  return {
    input,
    onProgress: (progress: ImportProgress) => {
      Object.assign(state, progress);
      publish();
    },
    finish: () => {
      if (key) progressByJob.delete(key);
    },
  };
}

// ── Per-row warnings in the preview ────────────────────────────────────────

export type RowWarnings = { overlaps: { label: string; href: string; detail: string }[]; duplicates: { label: string; href: string; score: number }[] };

/**
 * The entry-time check (overlaps.server.ts) for every previewed row that
 * would be created or changed (not those left out): overlapping efforts by other providers and
 * possible duplicates already in the registry. Keyed by file line.
 */
export async function previewWarnings(db: Executor, rows: ImportedRow[], reporterId: string): Promise<Record<number, RowWarnings>> {
  const warnings: Record<number, RowWarnings> = {};
  for (const row of rows) {
    if (row.outcome === "unchanged" || row.outcome === "deleted") continue;
    const check = await checkSessionDraft(
      db,
      {
        // A created row's id is only provisional in a preview: nothing to exclude yet.
        id: row.outcome === "updated" ? row.sessionId : null,
        title: row.title,
        courseId: row.courseId,
        providerId: row.providerId,
        reportingOrgId: reporterId,
        externalId: row.externalId,
        providerRef: row.providerRef,
        hostCountry: row.hostCountry,
        countries: row.countries,
        city: row.city,
        startDate: row.startDate,
        endDate: row.endDate,
        status: row.status,
        mode: row.mode,
        topics: row.topics,
        audiences: row.audiences,
        participants: row.participants,
        funders: row.funders,
        trainers: row.trainers,
      },
      undefined,
      3,
    );
    if (!check.overlaps.length && !check.duplicates.length) continue;
    warnings[row.line] = {
      overlaps: check.overlaps.map((o) => ({
        label: o.session.label,
        href: o.session.href,
        detail: `${o.session.detail}; same ${[...o.countries, ...o.topics].join(", ")}; ${o.dayGap ? `${o.dayGap} days apart` : "same dates"}`,
      })),
      duplicates: check.duplicates.map((d) => ({ label: d.session.label, href: d.session.href, score: d.score })),
    };
  }
  return warnings;
}
