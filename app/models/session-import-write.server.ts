// Phase 2 of a session import: one chunk of checked, staged rows merged into
// the registry in one transaction. The chunk's keys go into a small temp
// table to find the session each row names; new sessions and their list rows
// are written with multi-row INSERTs (the fastest path through the client,
// STACK.md); changed sessions are updated one by one with an audit of the
// fields that changed; unchanged ones (same import hash at the same version)
// are left alone.
import { type InStatement, type Transaction, type Client } from "@libsql/client";
import { type SessionCsvColumn } from "~/domain/session-csv";
import { CHUNK_TABLE, withTriggersReplayed } from "./session-import-derived.server";

const SCALARS = [
  "title",
  "course_id",
  "provider_id",
  "host_country",
  "city",
  "start_date",
  "end_date",
  "status",
  "language",
  "mode",
  "participants",
  "provider_ref",
  "notes",
] as const;
const LISTS = ["countries", "topics", "audiences", "offences", "funders", "trainers"] as const;
type Scalar = (typeof SCALARS)[number];
type List = (typeof LISTS)[number];

/**
 * A checked row as staged between the phases: a JSON array, one per line of
 * the staging file, in this order. Organisations and trainers are already
 * resolved (new ones carry the id they will be given).
 */
export const STAGED_FIELDS = ["line", "external_id", "hash", "alias_target", ...SCALARS, ...LISTS] as const;
export type StagedRow = [line: number, externalId: string, hash: string, aliasTarget: string | null, ...rest: unknown[]];

const at = Object.fromEntries(STAGED_FIELDS.map((f, i) => [f, i])) as Record<(typeof STAGED_FIELDS)[number], number>;

/** Each list's join table and value column; the keys are the names the session audit uses. */
const LIST_TABLES: Record<List, { table: string; column: string }> = {
  countries: { table: "session_country", column: "country_code" },
  topics: { table: "session_topic", column: "topic_code" },
  audiences: { table: "session_audience", column: "audience_code" },
  offences: { table: "session_offence", column: "offence_code" },
  funders: { table: "session_funder", column: "organisation_id" },
  trainers: { table: "session_trainer", column: "trainer_id" },
};

/**
 * Fields an update leaves alone when the file has no column for them: a
 * partial file (a funder's, or one cut down by hand) says nothing about them.
 * That includes beneficiary countries: the host country is only their
 * default for a new session (DESIGN §7.1).
 */
const OPTIONAL_COLUMN_OF: Partial<Record<Scalar | List, SessionCsvColumn>> = {
  countries: "beneficiary_countries",
  course_id: "course_id",
  city: "city",
  language: "language",
  mode: "mode",
  participants: "participants",
  provider_ref: "provider_ref",
  notes: "notes",
  audiences: "audiences",
  offences: "offence_focus",
  funders: "funders",
  trainers: "trainers",
};

/** The fields a file with these columns may change. */
export function fieldsInFile(columns: readonly SessionCsvColumn[]): ReadonlySet<Scalar | List> {
  return new Set([...SCALARS, ...LISTS].filter((field) => {
    const column = OPTIONAL_COLUMN_OF[field];
    return !column || columns.includes(column);
  }));
}

const camel = (column: string) => column.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

export type ChunkContext = {
  reporterId: string;
  actorId: string | null;
  /** What an update may change (fieldsInFile); new sessions take every field. */
  fields: ReadonlySet<Scalar | List>;
  now: string;
  dryRun: boolean;
  /** New ids, monotonic so sessions land in id order. */
  newId: () => string;
  /** Told what happens to each row (the web preview lists them); `changed` names the fields an update changes. */
  onRow?: (row: StagedRow, outcome: RowOutcome, sessionId: string, changed: string[]) => void;
};

/** `deleted`: the row names a session deleted in the registry; it is left out, not created again. */
export type RowOutcome = "created" | "updated" | "unchanged" | "deleted";

/** A staged row's content by name (organisation and trainer names already resolved to ids). */
export function stagedRowFields(row: StagedRow) {
  const value = <T,>(field: (typeof STAGED_FIELDS)[number]) => row[at[field]] as T;
  return {
    line: value<number>("line"),
    externalId: value<string>("external_id"),
    title: value<string>("title"),
    courseId: value<string | null>("course_id"),
    providerId: value<string>("provider_id"),
    hostCountry: value<string>("host_country"),
    city: value<string | null>("city"),
    startDate: value<string>("start_date"),
    endDate: value<string>("end_date"),
    status: value<string>("status"),
    language: value<string | null>("language"),
    mode: value<string | null>("mode"),
    participants: value<number | null>("participants"),
    providerRef: value<string | null>("provider_ref"),
    notes: value<string | null>("notes"),
    countries: value<string[]>("countries"),
    topics: value<string[]>("topics"),
    audiences: value<string[]>("audiences"),
    offences: value<string[]>("offences"),
    funders: value<string[]>("funders"),
    trainers: value<string[]>("trainers"),
  };
}

/** A session whose status the chunk set (from null: created), for the follow-ups run after commit. */
export type StatusChange = { sessionId: string; from: string | null; to: string };

export type ChunkCounts = {
  created: number;
  updated: number;
  unchanged: number;
  /** Rows naming a deleted session, left out. */
  deleted: number;
  replayedTriggerGroups: string[];
  statusChanges: StatusChange[];
};

/** Multi-row INSERTs of at most ~2,000 bound values each. */
function insertRows(table: string, columns: readonly string[], rows: unknown[][]): InStatement[] {
  const perStatement = Math.max(1, Math.floor(2000 / columns.length));
  const placeholder = `(${columns.map(() => "?").join(",")})`;
  const statements: InStatement[] = [];
  for (let i = 0; i < rows.length; i += perStatement) {
    const part = rows.slice(i, i + perStatement);
    statements.push({ sql: `INSERT INTO ${table} (${columns.join(",")}) VALUES ${part.map(() => placeholder).join(",")}`, args: part.flat() as never[] });
  }
  return statements;
}

/** Merge one chunk in its own transaction (a dry run rolls it back). */
export async function mergeChunk(client: Client, rows: StagedRow[], ctx: ChunkContext): Promise<ChunkCounts> {
  // "write" is BEGIN IMMEDIATE: the chunk reads and writes one consistent state.
  const tx = await client.transaction(ctx.dryRun ? "deferred" : "write");
  try {
    // A bigger page cache for this connection (pooled, so put back after): index inserts touch many pages.
    const [{ cache_size: cacheSize }] = (await tx.execute("PRAGMA cache_size")).rows;
    await tx.execute("PRAGMA cache_size = -16384");
    await tx.execute(`CREATE TEMP TABLE IF NOT EXISTS import_chunk (
      line INTEGER PRIMARY KEY, id TEXT, external_id TEXT, hash TEXT, alias_target TEXT, start_date TEXT, end_date TEXT,
      target_id TEXT, target_version INTEGER, target_hash TEXT, deleted_id TEXT)`);
    await tx.execute(`DELETE FROM ${CHUNK_TABLE}`);
    const ids = new Map<number, string>();
    const keys = rows.map((row) => {
      const id = ctx.newId();
      ids.set(row[at.line] as number, id);
      return [row[at.line], id, row[at.external_id], row[at.hash], row[at.alias_target], row[at.start_date], row[at.end_date]];
    });
    for (const statement of insertRows(CHUNK_TABLE, ["line", "id", "external_id", "hash", "alias_target", "start_date", "end_date"], keys)) await tx.execute(statement);
    // The session a row names: its own (reporter, external id), else the survivor a merge left an alias to,
    // else the reporter's session that has no external id and whose registry id the row carries (exports fill the column with it).
    await tx.execute({
      sql: `UPDATE ${CHUNK_TABLE} SET target_id = coalesce(
              (SELECT s.id FROM training_session s WHERE s.reporting_org_id = ?1 AND s.external_id = import_chunk.external_id AND s.deleted_at IS NULL),
              (SELECT s.id FROM training_session s WHERE s.id = import_chunk.alias_target AND s.deleted_at IS NULL),
              (SELECT s.id FROM training_session s WHERE s.id = import_chunk.external_id AND s.reporting_org_id = ?1 AND s.external_id IS NULL AND s.deleted_at IS NULL))`,
      args: [ctx.reporterId],
    });
    // A row naming no live session may name one deleted in the registry (not merged away: merges leave aliases).
    // Someone removed it on purpose; an old file must not bring it back, so the row is left out and reported.
    await tx.execute({
      sql: `UPDATE ${CHUNK_TABLE} SET deleted_id = coalesce(
              (SELECT max(s.id) FROM training_session s WHERE s.reporting_org_id = ?1 AND s.external_id = import_chunk.external_id
                 AND s.deleted_at IS NOT NULL AND s.duplicate_of IS NULL),
              (SELECT s.id FROM training_session s WHERE s.id = import_chunk.external_id AND s.reporting_org_id = ?1 AND s.external_id IS NULL
                 AND s.deleted_at IS NOT NULL AND s.duplicate_of IS NULL))
            WHERE target_id IS NULL`,
      args: [ctx.reporterId],
    });
    const { rows: deletedRows } = await tx.execute(`SELECT line, deleted_id FROM ${CHUNK_TABLE} WHERE deleted_id IS NOT NULL`);
    const deleted = new Map(deletedRows.map((d) => [Number(d.line), String(d.deleted_id)]));
    const { rows: targets } = await tx.execute(`
      UPDATE ${CHUNK_TABLE} SET (target_version, target_hash) = (SELECT version, import_hash FROM training_session WHERE id = target_id)
      WHERE target_id IS NOT NULL RETURNING line, target_id, target_version, target_hash, hash`);
    const existing = new Map(targets.map((t) => [Number(t.line), t]));
    const fresh = rows.filter((row) => !existing.has(row[at.line] as number) && !deleted.has(row[at.line] as number));
    const suspect = targets.filter((t) => t.target_hash !== `${t.hash}:${t.target_version}`);
    if (ctx.onRow) {
      const byLine = new Map(rows.map((row) => [row[at.line] as number, row]));
      for (const row of fresh) ctx.onRow(row, "created", ids.get(row[at.line] as number)!, []);
      for (const [line, sessionId] of deleted) ctx.onRow(byLine.get(line)!, "deleted", sessionId, []);
      for (const t of targets) if (t.target_hash === `${t.hash}:${t.target_version}`) ctx.onRow(byLine.get(Number(t.line))!, "unchanged", String(t.target_id), []);
    }

    let replayedTriggerGroups: string[] = [];
    if (fresh.length && !ctx.dryRun) replayedTriggerGroups = await withTriggersReplayed(tx, () => insertSessions(tx, fresh, ids, ctx));
    const changed = suspect.length ? await applyChanges(tx, rows, suspect, ctx) : { updated: 0, unchanged: 0, statusChanges: [] };
    await tx.execute(`DROP TABLE ${CHUNK_TABLE}`);
    await tx.execute(`PRAGMA cache_size = ${Number(cacheSize)}`);
    if (ctx.dryRun) await tx.rollback();
    else await tx.commit();
    const statusChanges: StatusChange[] = ctx.dryRun
      ? []
      : [...fresh.map((row) => ({ sessionId: ids.get(row[at.line] as number)!, from: null, to: String(row[at.status]) })), ...changed.statusChanges];
    return {
      created: fresh.length,
      updated: changed.updated,
      unchanged: targets.length - suspect.length + changed.unchanged,
      deleted: deleted.size,
      replayedTriggerGroups,
      statusChanges,
    };
  } catch (error) {
    await tx.rollback().catch(() => undefined);
    throw error;
  } finally {
    tx.close();
  }
}

async function insertSessions(tx: Transaction, fresh: StagedRow[], ids: Map<number, string>, ctx: ChunkContext) {
  const idOf = (row: StagedRow) => ids.get(row[at.line] as number)!;
  const statements = insertRows(
    "training_session",
    ["id", "created_at", "updated_at", "created_by", "version", "reporting_org_id", "external_id", "import_hash", ...SCALARS],
    fresh.map((row) => [idOf(row), ctx.now, ctx.now, ctx.actorId, 1, ctx.reporterId, row[at.external_id], `${row[at.hash]}:1`, ...SCALARS.map((f) => row[at[f]])]),
  );
  for (const list of LISTS) {
    const { table, column } = LIST_TABLES[list];
    statements.push(...insertRows(table, ["session_id", column], fresh.flatMap((row) => (row[at[list]] as string[]).map((value) => [idOf(row), value]))));
  }
  statements.push(
    ...insertRows(
      "audit_event",
      ["id", "at", "actor_id", "action", "record_kind", "record_id", "changes"],
      fresh.map((row) => [
        ctx.newId(),
        ctx.now,
        ctx.actorId,
        "import_create",
        "session",
        idOf(row),
        JSON.stringify(
          Object.fromEntries((["external_id", "title", "start_date", "end_date", "status"] as const).map((f) => [camel(f), { before: null, after: row[at[f]] }])),
        ),
      ]),
    ),
  );
  for (const statement of statements) await tx.execute(statement);
}

type Change = { before: unknown; after: unknown };

/**
 * Rows whose session exists but whose hash differs at the session's current
 * version: the file changed, or someone edited the session since. Compared
 * field by field; only real differences are written and audited.
 */
async function applyChanges(tx: Transaction, rows: StagedRow[], suspect: { [key: string]: unknown }[], ctx: ChunkContext) {
  const byLine = new Map(rows.map((row) => [row[at.line] as number, row]));
  const { rows: before } = await tx.execute(`
    SELECT c.line, s.*, ${LISTS.map((list) => {
      const { table, column } = LIST_TABLES[list];
      return `(SELECT json_group_array(${column}) FROM ${table} WHERE session_id = s.id) AS was_${list}`;
    }).join(", ")}
    FROM ${CHUNK_TABLE} c JOIN training_session s ON s.id = c.target_id
    WHERE c.target_hash IS NOT (c.hash || ':' || c.target_version)`);
  let updated = 0;
  let unchanged = 0;
  const statusChanges: StatusChange[] = [];
  for (const was of before) {
    const row = byLine.get(Number(was.line))!;
    const changes: Record<string, Change> = {};
    const columns: Scalar[] = [];
    for (const field of SCALARS) {
      if (!ctx.fields.has(field)) continue;
      const after = row[at[field]] ?? null;
      if ((was[field] ?? null) !== after) {
        changes[camel(field)] = { before: was[field] ?? null, after };
        columns.push(field);
      }
    }
    const lists: List[] = [];
    for (const list of LISTS) {
      if (!ctx.fields.has(list)) continue;
      const old = (JSON.parse(String(was[`was_${list}`])) as string[]).sort();
      const now = [...(row[at[list]] as string[])].sort();
      if (old.join("\u0000") !== now.join("\u0000")) {
        changes[list] = { before: old, after: now };
        lists.push(list);
      }
    }
    const id = String(was.id);
    const version = Number(was.version);
    if (!columns.length && !lists.length) {
      // Same content (an edit that was undone, a merge): remember the row as imported.
      unchanged++;
      ctx.onRow?.(row, "unchanged", id, []);
      if (!ctx.dryRun) await tx.execute({ sql: "UPDATE training_session SET import_hash = ? WHERE id = ?", args: [`${row[at.hash]}:${version}`, id] });
      continue;
    }
    updated++;
    ctx.onRow?.(row, "updated", id, Object.keys(changes));
    if (ctx.dryRun) continue;
    if (columns.includes("status")) statusChanges.push({ sessionId: String(was.id), from: String(was.status), to: String(row[at.status]) });
    const statements: InStatement[] = [
      {
        sql: `UPDATE training_session SET ${columns.map((c) => `${c} = ?, `).join("")}version = version + 1, updated_at = ?, import_hash = ? WHERE id = ? AND version = ?`,
        args: [...columns.map((c) => row[at[c]] as never), ctx.now, `${row[at.hash]}:${version + 1}`, id, version],
      },
    ];
    for (const list of lists) {
      const { table, column } = LIST_TABLES[list];
      statements.push({ sql: `DELETE FROM ${table} WHERE session_id = ?`, args: [id] });
      statements.push(...insertRows(table, ["session_id", column], (row[at[list]] as string[]).map((value) => [id, value])));
    }
    statements.push({
      sql: "INSERT INTO audit_event (id, at, actor_id, action, record_kind, record_id, changes) VALUES (?, ?, ?, 'import_update', 'session', ?, ?)",
      args: [ctx.newId(), ctx.now, ctx.actorId, id, JSON.stringify(changes)],
    });
    for (const statement of statements) await tx.execute(statement);
  }
  return { updated, unchanged, statusChanges };
}
