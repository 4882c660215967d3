// Shared write path for every record table: create, versioned update, soft
// delete and restore, each inside the caller's transaction and each audited.
import { and, eq, isNull, sql } from "drizzle-orm";
import { type SQLiteTableWithColumns } from "drizzle-orm/sqlite-core";
import { type Executor } from "#db/client.server";
import { type FieldChanges, type RecordKind } from "#db/schema";
import { diffFields, recordAudit } from "./audit.server";

// Any table built with the shared `record()` columns.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type RecordTable = SQLiteTableWithColumns<any>;

/** Someone saved the record after this form was opened. */
export class StaleVersionError extends Error {
  constructor() {
    super("This record was changed by someone else since you opened it. Reload to see their changes, then apply yours again.");
  }
}

export function nowIso() {
  return new Date().toISOString();
}

export function notFound(message: string): never {
  throw new Response(message, { status: 404, statusText: "Not Found" });
}

export async function createRecord<Row extends Record<string, unknown>>(
  db: Executor,
  table: RecordTable,
  kind: RecordKind,
  values: Record<string, unknown>,
  actorId: string | null,
  extraChanges: FieldChanges = {},
): Promise<Row> {
  const [row] = await db.insert(table).values({ ...values, createdBy: actorId }).returning();
  await recordAudit(db, {
    actorId,
    action: "create",
    recordKind: kind,
    recordId: row.id as string,
    changes: { ...diffFields(null, stripBookkeeping(row)), ...extraChanges },
  });
  return row as Row;
}

/**
 * Update a live record if it is still at `expectedVersion`; throws
 * StaleVersionError otherwise so nobody's edit is silently overwritten.
 */
export async function updateRecord<Row extends Record<string, unknown>>(
  db: Executor,
  table: RecordTable,
  kind: RecordKind,
  args: {
    id: string;
    expectedVersion: number;
    values: Record<string, unknown>;
    actorId: string | null;
    action?: string;
    extraChanges?: FieldChanges;
    includeDeleted?: boolean;
  },
): Promise<Row> {
  const [before] = await db.select().from(table).where(eq(table.id, args.id));
  if (!before || (before.deletedAt && !args.includeDeleted)) notFound(`No ${kind} with id ${args.id}`);
  if (before.version !== args.expectedVersion) throw new StaleVersionError();
  const [after] = await db
    .update(table)
    .set({ ...args.values, version: sql`${table.version} + 1`, updatedAt: nowIso() })
    .where(and(eq(table.id, args.id), eq(table.version, args.expectedVersion)))
    .returning();
  if (!after) throw new StaleVersionError();
  const changes = { ...diffFields(stripBookkeeping(before), stripBookkeeping(after)), ...args.extraChanges };
  await recordAudit(db, { actorId: args.actorId, action: args.action ?? "update", recordKind: kind, recordId: args.id, changes });
  return after as Row;
}

export async function softDeleteRecord(
  db: Executor,
  table: RecordTable,
  kind: RecordKind,
  args: { id: string; expectedVersion: number; actorId: string | null },
) {
  return updateRecord(db, table, kind, { ...args, values: { deletedAt: nowIso() }, action: "delete" });
}

export async function restoreRecord(
  db: Executor,
  table: RecordTable,
  kind: RecordKind,
  args: { id: string; expectedVersion: number; actorId: string | null },
) {
  return updateRecord(db, table, kind, { ...args, values: { deletedAt: null }, action: "restore", includeDeleted: true });
}

export function live(table: RecordTable) {
  return isNull(table.deletedAt);
}

function stripBookkeeping(row: Record<string, unknown>) {
  const { createdAt: _c, updatedAt: _u, version: _v, createdBy: _b, ...rest } = row;
  return rest;
}

/** Replace the rows of a join table for one owner; returns the before/after lists for the audit. */
export async function replaceLinks(
  db: Executor,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  table: SQLiteTableWithColumns<any>,
  ownerColumn: string,
  valueColumn: string,
  ownerId: string,
  values: string[],
): Promise<{ before: string[]; after: string[] }> {
  const owner = table[ownerColumn];
  const existing = await db.select({ value: table[valueColumn] }).from(table).where(eq(owner, ownerId));
  const before = existing.map((r) => r.value as string).sort();
  const after = [...new Set(values)].sort();
  if (before.join("\u0000") !== after.join("\u0000")) {
    await db.delete(table).where(eq(owner, ownerId));
    if (after.length) await db.insert(table).values(after.map((v) => ({ [ownerColumn]: ownerId, [valueColumn]: v })));
  }
  return { before, after };
}
