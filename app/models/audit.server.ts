// The audit trail: every write leaves an event with the fields it changed.
import { and, desc, eq } from "drizzle-orm";
import { type Executor } from "#db/client.server";
import { auditEvents, users, type FieldChanges, type RecordKind } from "#db/schema";

const BOOKKEEPING = new Set(["updatedAt", "version", "passwordHash"]);

/** Field-by-field difference of two row snapshots, ignoring bookkeeping columns. */
export function diffFields(before: Record<string, unknown> | null, after: Record<string, unknown> | null): FieldChanges {
  const changes: FieldChanges = {};
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  for (const key of keys) {
    if (BOOKKEEPING.has(key)) continue;
    const a = before?.[key] ?? null;
    const b = after?.[key] ?? null;
    if (JSON.stringify(a) !== JSON.stringify(b)) changes[key] = { before: a, after: b };
  }
  return changes;
}

export async function recordAudit(
  db: Executor,
  event: { actorId: string | null; action: string; recordKind: RecordKind; recordId: string; changes?: FieldChanges },
) {
  await db.insert(auditEvents).values({ ...event, changes: event.changes ?? {} });
}

export async function listHistory(db: Executor, recordKind: RecordKind, recordId: string) {
  return db
    .select({
      id: auditEvents.id,
      at: auditEvents.at,
      action: auditEvents.action,
      changes: auditEvents.changes,
      actorName: users.displayName,
    })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorId))
    .where(and(eq(auditEvents.recordKind, recordKind), eq(auditEvents.recordId, recordId)))
    .orderBy(desc(auditEvents.at), desc(auditEvents.id));
}
