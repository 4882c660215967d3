// CSV import of training sessions (DESIGN §7.1), used by the command line and
// the web UI. Two phases keep "a file with any bad row writes nothing" and a
// flat memory together: phase 1 streams the whole file, checks every row and
// stages the good ones, resolved, in a scratch file; only when no row failed
// does phase 2 merge the staged rows in chunked transactions, so a process
// killed midway leaves whole sessions only, and running it again completes
// the import. See docs/decisions/006-session-import.md.
import { hash } from "node:crypto";
import { closeSync, createReadStream, mkdtempSync, openSync, readdirSync, rmSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { pipeline, Transform, type Readable } from "node:stream";
import { parse, type CsvError } from "csv-parse";
import { type Client } from "@libsql/client";
import { and, eq, isNull, sql } from "drizzle-orm";
import { type Database } from "#db/client.server";
import { organisations, trainers, type SESSION_STATUSES } from "#db/schema";
import {
  readSessionCsvHeader,
  validateSessionCsvRow,
  type CsvRowError,
  type SessionCsvColumn,
  type SessionCsvRow,
} from "~/domain/session-csv";
import { type OrganisationName } from "~/domain/organisation-names";
import { canWriteForOrganisation, forbidden, type Actor } from "~/utils/permissions.server";
import { formatNumber } from "~/utils/format";
import { createRecord, nowIso } from "./records.server";
import {
  loadAliases,
  loadCsvLookups,
  loadOrganisationMatcher,
  loadTrainerMatcher,
  newId,
  type PendingOrganisation,
  type PendingTrainer,
} from "./session-import-lookups.server";
import { moveLinkedRequests, sessionWriteNotice, type SessionNotice } from "./session-followups.server";
import { notifyUsers } from "./notifications.server";
import { fieldsInFile, mergeChunk, stagedRowFields, type RowOutcome, type StagedRow, type StatusChange } from "./session-import-write.server";

type SessionStatus = (typeof SESSION_STATUSES)[number];

/** The command line acts for the operator who runs it: no user, no permission check. */
export const COMMAND_LINE = { commandLine: true } as const;

export type ImportProgress = { phase: "checking" | "writing"; rows: number; total?: number };

export type SessionImportOptions = {
  input: Readable;
  /** The reporting organisation, by id or by name/acronym; it must exist. */
  reporter: { id: string } | { name: string };
  actor: Actor | typeof COMMAND_LINE;
  dryRun?: boolean;
  onProgress?: (progress: ImportProgress) => void;
  /** Rows per write transaction: bigger is faster, smaller keeps other writers' waits short. */
  chunkRows?: number;
  /** Row errors kept for the report (all are counted). */
  maxErrors?: number;
  /** Keep what happens to the first this many rows (in file order) for a preview; none by default. */
  keepRows?: number;
};

/** One row's outcome, for the web preview: its content as it would be written, and the session it names. */
export type ImportedRow = ReturnType<typeof stagedRowFields> & { outcome: RowOutcome; sessionId: string; changed: string[] };

export type SessionImportResult = {
  dryRun: boolean;
  reporter: { id: string; name: string };
  totalRows: number;
  created: number;
  updated: number;
  unchanged: number;
  /** Rows naming a session deleted in the registry: left out, not created again. */
  deleted: number;
  errors: CsvRowError[];
  errorCount: number;
  newOrganisations: PendingOrganisation[];
  newTrainers: PendingTrainer[];
  /** Derived-table trigger groups replayed set-wise (see session-import-derived.server.ts). */
  replayedTriggerGroups: string[];
  /** The first `keepRows` rows' outcomes, in file order (rows another row speaks for are not listed). */
  rows: ImportedRow[];
};

/** The import cannot start (e.g. an unknown reporting organisation); nothing was read or written. */
export class SessionImportError extends Error {}

const PROGRESS_EVERY = 10_000;
/**
 * Rows per write transaction by default. Bigger chunks write fewer index pages
 * a row (each commit writes every page the chunk touched) but hold more rows in
 * memory: 10,000 took a 100,000-row import from 230 to 290 MB for a few
 * percent; 5,000 also holds the write lock for under a second.
 */
export const IMPORT_CHUNK_ROWS = 5_000;

export async function importSessionsCsv(db: Database, options: SessionImportOptions): Promise<SessionImportResult> {
  const dryRun = options.dryRun ?? false;
  const orgs = await loadOrganisationMatcher(db);
  const reporterId = "id" in options.reporter ? options.reporter.id : reporterNamed(orgs.candidates(options.reporter.name), options.reporter.name);
  const [reporter] = reporterId
    ? await db
        .select({ id: organisations.id, name: organisations.name })
        .from(organisations)
        .where(and(eq(organisations.id, reporterId), isNull(organisations.deletedAt)))
    : [];
  if (!reporter) {
    const named = "name" in options.reporter ? `"${options.reporter.name}"` : `with id ${options.reporter.id}`;
    throw new SessionImportError(`No organisation ${named} in the registry (matched by name or acronym). The reporting organisation must exist before its sessions are imported.`);
  }
  const actor = options.actor;
  if (actor !== COMMAND_LINE && !canWriteForOrganisation(actor as Actor, reporter.id)) {
    forbidden("You may import sessions only for your own organisation.");
  }
  const actorId = actor && "id" in actor ? actor.id : null;

  removeAbandonedScratch();
  const dir = mkdtempSync(path.join(tmpdir(), `${SCRATCH_PREFIX}${process.pid}-`));
  try {
    const staged = await checkAndStage(db, { ...options, reporterId: reporter.id, orgs, file: path.join(dir, "rows.ndjson") });
    const result: SessionImportResult = {
      dryRun,
      reporter,
      totalRows: staged.totalRows,
      created: 0,
      updated: 0,
      unchanged: staged.skippedLines.size,
      deleted: 0,
      errors: staged.errors,
      errorCount: staged.errorCount,
      newOrganisations: [...orgs.pending.values()],
      newTrainers: [...staged.trainers.pending.values()],
      replayedTriggerGroups: [],
      rows: [],
    };
    if (staged.errorCount) return { ...result, unchanged: 0, newOrganisations: [], newTrainers: [] };

    const now = nowIso();
    // Every id of this import carries its start time; the factory then only increments (no randomness per id).
    const stamp = Date.now();
    if (!dryRun) await createPending(db, result, actorId);
    const client = (db as Database & { $client: Client }).$client;
    const replayed = new Set<string>();
    const notices = followerDigest();
    const fields = fieldsInFile(staged.columns);
    let written = 0;
    const keepRows = options.keepRows ?? 0;
    let keptEnough = false;
    // Chunks come in file order (rows within one in any order): collect whole chunks until enough are kept.
    const onRow = keepRows
      ? (row: StagedRow, outcome: RowOutcome, sessionId: string, changed: string[]) => {
          if (!keptEnough) result.rows.push({ ...stagedRowFields(row), outcome, sessionId, changed });
        }
      : undefined;
    for await (const rows of stagedChunks(staged.file, options.chunkRows ?? IMPORT_CHUNK_ROWS, staged.skippedLines)) {
      const counts = await mergeChunk(client, rows, { reporterId: reporter.id, actorId, fields, now, dryRun, newId: () => newId(stamp), onRow });
      if (keepRows && !keptEnough) {
        result.rows = result.rows.sort((a, b) => a.line - b.line).slice(0, keepRows);
        keptEnough = result.rows.length >= keepRows;
      }
      result.created += counts.created;
      result.updated += counts.updated;
      result.unchanged += counts.unchanged;
      result.deleted += counts.deleted;
      counts.replayedTriggerGroups.forEach((g) => replayed.add(g));
      await runFollowUps(db, counts.statusChanges, actorId, notices);
      written += rows.length;
      options.onProgress?.({ phase: "writing", rows: written, total: staged.stagedRows });
      // Let the event loop turn so the client frees native memory (STACK.md).
      await new Promise((resolve) => setImmediate(resolve));
    }
    result.replayedTriggerGroups = [...replayed];
    await notices.send(db, reporter);
    return result;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The one organisation a --reporter text names: the sessions are recorded as theirs, so an ambiguous name is never guessed. */
function reporterNamed(candidates: OrganisationName[], text: string): string | null {
  if (candidates.length <= 1) return candidates[0]?.id ?? null;
  const listed = candidates.map((org) => `"${org.name}"${org.acronym ? ` (${org.acronym})` : ""}, id ${org.id}`).join("; ");
  throw new SessionImportError(`"${text}" could name ${candidates.length} organisations: ${listed}. Give the full name or the id.`);
}

/**
 * What the sessions model does after each write, for the sessions a chunk
 * created or whose status it changed: linked requests move (delivered when
 * their session is completed), and what followers would be told is gathered
 * for the digest. Run after the chunk commits, in one transaction per chunk;
 * skipped when nothing can follow from it.
 */
async function runFollowUps(db: Database, changes: StatusChange[], actorId: string | null, digest: ReturnType<typeof followerDigest>) {
  if (!changes.length) return;
  const [{ anyone }] = await db.all<{ anyone: number }>(sql`SELECT EXISTS (SELECT 1 FROM follow) OR EXISTS (SELECT 1 FROM request_match WHERE kind = 'session' AND deleted_at IS NULL) AS anyone`);
  if (!anyone) return;
  await db.transaction(async (tx) => {
    for (const change of changes) {
      const write = { sessionId: change.sessionId, from: change.from as SessionStatus | null, to: change.to as SessionStatus, actorId };
      const notice = await sessionWriteNotice(tx, write);
      if (notice) digest.add(notice);
      await moveLinkedRequests(tx, write);
    }
  });
}

/** Up to this many sessions a follower hears about one by one; more become one message. */
const DIGEST_AFTER = 3;

/**
 * One message per follower for an import, not one per session: someone
 * following Kenya should not find a thousand notifications after a partner's
 * yearly upload. Counts per person, and the first few notices to send as they
 * are when there are only a few. Sent once the last chunk is in; an import
 * killed midway tells no one (running it again finds those sessions unchanged).
 */
function followerDigest() {
  const byFollower = new Map<string, { count: number; first: SessionNotice[] }>();
  return {
    add(notice: SessionNotice) {
      for (const userId of notice.followers) {
        const entry = byFollower.get(userId) ?? { count: 0, first: [] };
        entry.count++;
        if (entry.first.length < DIGEST_AFTER) entry.first.push(notice);
        byFollower.set(userId, entry);
      }
    },
    async send(db: Database, reporter: { id: string; name: string }) {
      if (!byFollower.size) return;
      await db.transaction(async (tx) => {
        for (const [userId, { count, first }] of byFollower) {
          if (count <= DIGEST_AFTER) {
            for (const notice of first) await notifyUsers(tx, [userId], notice.message, notice.link);
          } else {
            const message = `${formatNumber(count)} training sessions in countries or topics you follow were added or changed status in an import by ${reporter.name}`;
            await notifyUsers(tx, [userId], message, `/sessions?reporter=${reporter.id}`);
          }
        }
      });
    },
  };
}

const SCRATCH_PREFIX = "session-import-";

/** Scratch folders of imports whose process was killed (no cleanup ran): their process id no longer runs. */
export function removeAbandonedScratch(dir = tmpdir()) {
  for (const name of readdirSync(dir)) {
    const pid = name.startsWith(SCRATCH_PREFIX) ? Number(name.slice(SCRATCH_PREFIX.length).split("-")[0]) : NaN;
    if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) continue;
    try {
      process.kill(pid, 0);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ESRCH") rmSync(path.join(dir, name), { recursive: true, force: true });
    }
  }
}

/** New organisations and trainers first, in one transaction, each with its audit event. */
async function createPending(db: Database, result: SessionImportResult, actorId: string | null) {
  if (!result.newOrganisations.length && !result.newTrainers.length) return;
  await db.transaction(async (tx) => {
    for (const org of result.newOrganisations) await createRecord(tx, organisations, "organisation", { id: org.id, name: org.name, kind: org.kind }, actorId);
    for (const trainer of result.newTrainers) await createRecord(tx, trainers, "trainer", { id: trainer.id, name: trainer.name }, actorId);
  });
}

type StageContext = SessionImportOptions & {
  reporterId: string;
  orgs: Awaited<ReturnType<typeof loadOrganisationMatcher>>;
  file: string;
};

/** Phase 1: read every row, collect every error, stage the good rows (once the file has an error, only checking goes on). */
async function checkAndStage(db: Database, ctx: StageContext) {
  const [lookups, trainers, aliases] = await Promise.all([loadCsvLookups(db), loadTrainerMatcher(db), loadAliases(db, ctx.reporterId)]);
  const maxErrors = ctx.maxErrors ?? 1000;
  const errors: CsvRowError[] = [];
  let errorCount = 0;
  const addError = (error: CsvRowError) => {
    // csv-parse can reject one record twice for the same reason (two stray quotes): say it once.
    const last = errors.at(-1);
    if (last && last.line === error.line && last.column === error.column && last.reason === error.reason) return;
    errorCount++;
    if (errors.length < maxErrors) errors.push(error);
  };

  const out = lineWriter(ctx.file);
  const repeats = repeatFinder(path.join(path.dirname(ctx.file), "ids.ndjson"));
  // Whether an alias target's own external id is in the file (few: only merged sessions have aliases).
  const ownIds = new Set(aliases.ownExternalId.values());
  const ownInFile = new Set<string>();
  const aliasClaims = new Map<string, { line: number }[]>();
  const sameAsMerged = new Set<number>();
  let columns: SessionCsvColumn[] | null = null;
  const lines = lineCounter();
  let totalRows = 0;
  let stagedRows = 0;

  // Line ends may change within a file (rows pasted from elsewhere): any of the three ends a row.
  // pipeline, unlike pipe, hands an error anywhere (a read error, bad UTF-8) to the loop below.
  const parser = pipeline(
    ctx.input,
    utf8Checked(),
    parse({ bom: true, info: true, record_delimiter: ["\r\n", "\n", "\r"], relax_column_count: true, skip_empty_lines: true, skip_records_with_error: true, trim: true }),
    () => undefined,
  );
  // csv-parse reports a record it skips while it parses, ahead of the loop below: each report waits
  // until the loop reaches the records read before it, so its line counts from the right place.
  const skipped: CsvError[] = [];
  parser.on("skip", (error: CsvError) => skipped.push(error));
  const reportSkipped = (beforeParserLine = Infinity) => {
    while (skipped.length && Number(skipped[0].lines) < beforeParserLine) {
      addError({ line: lines.afterLastRecord(), column: null, reason: describeCsvError(skipped.shift()!) });
    }
  };
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      reportSkipped(info.lines);
      const line = lines.start(record, info.lines);
      if (!columns) {
        const header = readSessionCsvHeader(record, line);
        header.errors.forEach(addError);
        if (header.errors.length) break;
        columns = header.columns;
        continue;
      }
      if (record.every((cell) => cell.trim() === "")) continue;
      totalRows++;
      if (totalRows % PROGRESS_EVERY === 0) ctx.onProgress?.({ phase: "checking", rows: totalRows });
      const checked = validateSessionCsvRow(record, columns, line, lookups);
      if (checked.errors) {
        checked.errors.forEach(addError);
        if (checked.externalId) repeats.add(checked.externalId, line);
        continue;
      }
      const row = checked.row;
      repeats.add(row.externalId, line);
      const unclear = ambiguousOrganisations(row, line, ctx.orgs);
      if (unclear.length) {
        unclear.forEach(addError);
        continue;
      }
      if (ownIds.has(row.externalId)) ownInFile.add(row.externalId);
      if (errorCount) continue;
      const aliasTarget = aliases.target.get(row.externalId) ?? null;
      const staged = stageRow(row, line, aliasTarget, ctx.orgs, trainers);
      // A merged-away session's row, unchanged since its last import, says nothing new: the survivor keeps
      // what the coordinator chose in the merge. An edited row updates the survivor.
      if (aliasTarget && aliases.importHash.get(row.externalId) === staged.hash) sameAsMerged.add(line);
      else if (aliasTarget) aliasClaims.set(aliasTarget, [...(aliasClaims.get(aliasTarget) ?? []), { line }]);
      out.write(`${staged.text}\n`);
      stagedRows++;
    }
  } catch (error) {
    if (error instanceof NotUtf8Error) addError({ line: error.line, column: null, reason: error.message });
    else if ((error as CsvError).code?.startsWith("CSV_")) addError({ line: lines.afterLastRecord(), column: null, reason: describeCsvError(error as CsvError) });
    else throw error;
  } finally {
    out.close();
    repeats.close();
  }
  reportSkipped();
  for (const error of await repeats.find()) addError(error);
  // Repeats are found after the pass; keep the report in line order.
  errors.sort((a, b) => a.line - b.line);
  if (!columns && !errorCount) addError({ line: 1, column: null, reason: "the file is empty; the first line must name the columns" });
  else if (columns && !totalRows && !errorCount) addError({ line: 2, column: null, reason: "the file has a header but no rows below it" });
  return { file: ctx.file, columns: columns ?? [], totalRows, stagedRows, errors, errorCount, trainers, skippedLines: new Set([...resolveAliasClaims(aliasClaims, aliases.ownExternalId, ownInFile), ...sameAsMerged]) };
}

/**
 * Where records start. csv-parse counts to a record's last line, and counts
 * a CRLF inside a quoted cell as two lines; this keeps the running
 * difference so every record gets its first physical line, and so does a
 * record it had to skip (which starts after the last one read).
 */
function lineCounter() {
  let overcount = 0;
  let lastEnd = 0;
  return {
    start(record: string[], lastLine: number) {
      let breaks = 0;
      for (const cell of record) {
        if (!cell.includes("\n") && !cell.includes("\r")) continue;
        breaks += cell.match(/\r\n|\r|\n/g)?.length ?? 0;
        overcount += cell.match(/\r\n/g)?.length ?? 0;
      }
      lastEnd = lastLine - overcount;
      return lastEnd - breaks;
    },
    /** The first line of a record csv-parse rejected. */
    afterLastRecord: () => lastEnd + 1,
  };
}

/** 30-bit FNV-1a: small integers keep a million-entry Map at a fraction of the memory string keys take. */
function idHash(text: string) {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0) & 0x3fffffff;
}

/**
 * Finds external ids repeated in a file without keeping every id in memory:
 * a small hash and the line of each row in typed arrays (8 bytes a row, not
 * on the JavaScript heap), every (line, id) written to a scratch file, and,
 * for the few hashes seen more than once, the ids read back from that file to
 * tell real repeats from hash collisions.
 */
function repeatFinder(file: string) {
  let hashes = new Uint32Array(1 << 16);
  let lines = new Uint32Array(1 << 16);
  let count = 0;
  const ids = lineWriter(file);
  const grown = (array: Uint32Array) => {
    const bigger = new Uint32Array(array.length * 2);
    bigger.set(array);
    return bigger;
  };
  return {
    add(externalId: string, line: number) {
      if (count === hashes.length) [hashes, lines] = [grown(hashes), grown(lines)];
      hashes[count] = idHash(externalId);
      lines[count++] = line;
      ids.write(`${JSON.stringify([line, externalId])}\n`);
    },
    close: () => ids.close(),
    async find(): Promise<CsvRowError[]> {
      ids.close();
      // (hash, line) in one sortable 64-bit key: rows with the same hash end up side by side, in line order.
      const keys = new BigUint64Array(count);
      for (let i = 0; i < count; i++) keys[i] = (BigInt(hashes[i]) << 32n) | BigInt(lines[i]);
      keys.sort();
      const collided: number[][] = [];
      for (let i = 1; i < count; i++) {
        if (keys[i] >> 32n !== keys[i - 1] >> 32n) continue;
        const line = Number(keys[i] & 0xffffffffn);
        const previous = Number(keys[i - 1] & 0xffffffffn);
        const run = collided.at(-1);
        if (run?.at(-1) === previous) run.push(line);
        else collided.push([previous, line]);
      }
      if (!collided.length) return [];
      const wanted = new Set(collided.flat());
      const idOfLine = new Map<number, string>();
      for await (const text of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
        if (!text) continue;
        const [line, externalId] = JSON.parse(text) as [number, string];
        if (wanted.has(line)) idOfLine.set(line, externalId);
      }
      const errors: CsvRowError[] = [];
      for (const run of collided) {
        const seen = new Map<string, number>();
        for (const line of run) {
          const externalId = idOfLine.get(line)!;
          const first = seen.get(externalId);
          if (first === undefined) seen.set(externalId, line);
          else errors.push({ line, column: "external_id", reason: `"${externalId}" appears more than once in the file (first on line ${first})` });
        }
      }
      return errors;
    },
  };
}

/**
 * Lines appended to a scratch file by buffered synchronous writes: no row
 * waits in memory for the disk, so a million rows leave little garbage behind.
 */
function lineWriter(file: string) {
  const fd = openSync(file, "w");
  let pending: string[] = [];
  let size = 0;
  const flush = () => {
    if (pending.length) writeSync(fd, pending.join(""));
    pending = [];
    size = 0;
  };
  let open = true;
  return {
    write(line: string) {
      pending.push(line);
      size += line.length;
      if (size >= 1 << 16) flush();
    },
    close() {
      if (!open) return;
      open = false;
      try {
        flush();
      } finally {
        closeSync(fd);
      }
    },
  };
}

/**
 * After a merge, several rows of one file can name the same surviving
 * session (its own external id and the merged one's alias, or two aliases).
 * One row speaks for it: its own external id if the file has it, else the
 * last alias row. The others are skipped and counted unchanged, so
 * re-importing the file stays a no-op.
 */
function resolveAliasClaims(claims: Map<string, { line: number }[]>, ownExternalId: Map<string, string>, inFile: Set<string>) {
  const skipped = new Set<number>();
  for (const [sessionId, rows] of claims) {
    const own = ownExternalId.get(sessionId);
    const keep = own && inFile.has(own) ? null : rows[rows.length - 1].line;
    for (const { line } of rows) if (line !== keep) skipped.add(line);
  }
  return skipped;
}

function stageRow(
  row: SessionCsvRow,
  line: number,
  aliasTarget: string | null,
  orgs: StageContext["orgs"],
  trainers: Awaited<ReturnType<typeof loadTrainerMatcher>>,
): { text: string; hash: string } {
  const providerId = orgs.idFor(row.provider, "provider");
  const funderIds = [...new Set(row.funders.map((name) => orgs.idFor(name, "funder")))];
  const trainerIds = [...new Set(row.trainers.map((name) => trainers.idFor(name)))];
  const content = [
    row.title, row.courseId, providerId, row.hostCountry, row.city, row.startDate, row.endDate, row.status,
    row.language, row.mode, row.participants, row.providerRef, row.notes,
    row.countries, row.topics, row.audiences, row.offences, funderIds, trainerIds,
  ];
  // The hash covers what would be written, lists in any order, so an unchanged row is recognised without reading the session.
  const canonical = content.map((value) => (Array.isArray(value) ? [...value].sort() : value));
  const contentHash = hash("sha1", JSON.stringify(canonical), "base64url");
  return { text: JSON.stringify([line, row.externalId, contentHash, aliasTarget, ...content]), hash: contentHash };
}

/** A provider or funder name that could mean two organisations is never guessed (the command line's --reporter is not either). */
function ambiguousOrganisations(row: SessionCsvRow, line: number, orgs: StageContext["orgs"]): CsvRowError[] {
  const named = [["provider", row.provider] as const, ...row.funders.map((name) => ["funders", name] as const)];
  return named.flatMap(([column, name]) => {
    const candidates = orgs.ambiguous(name);
    if (!candidates) return [];
    const listed = candidates.map((org) => `"${org.name}"${org.acronym ? ` (${org.acronym})` : ""}`).join(" or ");
    return [{ line, column, reason: `"${name}" could be ${listed}; write the full name` }];
  });
}

/** Groups of staged lines, skipping rows another row speaks for. */
async function* stagedChunks(file: string, size: number, skipped: Set<number>) {
  let chunk: StagedRow[] = [];
  for await (const text of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
    if (!text) continue;
    const row = JSON.parse(text) as StagedRow;
    if (skipped.has(row[0])) continue;
    chunk.push(row);
    if (chunk.length >= size) {
      yield chunk;
      chunk = [];
    }
  }
  if (chunk.length) yield chunk;
}

class NotUtf8Error extends Error {
  constructor(readonly line: number) {
    super("the file is not UTF-8 text; save it as “CSV UTF-8” and import it again");
  }
}

/** Decodes UTF-8 strictly: a file in another encoding is an error, not silently garbled text. */
function utf8Checked() {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let line = 1;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      let text: string;
      try {
        text = decoder.decode(chunk, { stream: true });
      } catch {
        return done(new NotUtf8Error(line + lineBreaksBeforeBadByte(chunk)));
      }
      for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) line++;
      done(null, text);
    },
    flush(done) {
      try {
        done(null, decoder.decode());
      } catch {
        done(new NotUtf8Error(line));
      }
    },
  });
}

/**
 * Line breaks in a chunk before its first byte that is not UTF-8, so the error
 * names that line rather than the chunk's first. The platform decoder marks
 * the byte with U+FFFD (a U+FFFD typed earlier in the same chunk would be
 * taken for it); continuation bytes at the very start finish a character the
 * previous chunk began.
 */
function lineBreaksBeforeBadByte(chunk: Buffer): number {
  let start = 0;
  while (start < 3 && (chunk[start] & 0xc0) === 0x80) start++;
  const text = new TextDecoder().decode(chunk.subarray(start));
  const bad = text.indexOf("\uFFFD");
  return bad === -1 ? 0 : text.slice(0, bad).split("\n").length - 1;
}

function describeCsvError(error: CsvError): string {
  switch (error.code) {
    case "CSV_QUOTE_NOT_CLOSED":
      return "a quoted cell is never closed (a missing \")";
    case "CSV_INVALID_CLOSING_QUOTE":
      return 'text follows a closing quote; inside a quoted cell write a quote as two quotes ("")';
    case "INVALID_OPENING_QUOTE":
      return 'a quote inside an unquoted cell; quote the whole cell and write the inner quote as two quotes ("")';
    default:
      return `the CSV cannot be read here: ${error.message}`;
  }
}
