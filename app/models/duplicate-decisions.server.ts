// Duplicate decisions, by coordinators only, each in one transaction and
// audited: "not a duplicate" and "unsure" (remembered per pair, reopenable),
// merge (field by field, the others soft-deleted with a duplicateOf pointer,
// their references and identifiers moved to the survivor) and unmerge (the
// exact inverse, from the snapshot the merge stored on its decisions).
import { and, eq, inArray, isNull, or, sql } from "drizzle-orm";
import { ulid } from "ulid";
import { type Executor } from "#db/client.server";
import { duplicateCandidates, duplicateDecisions, type DUPLICATE_DECISIONS } from "#db/schema";
import { requireCoordinator, type Actor } from "~/utils/permissions.server";
import {
  KIND_SPECS,
  aliasSession,
  moveJoins,
  moveOrganisationAliases,
  moveRefs,
  organisationMergeClash,
  restoreAliases,
  restoreJoins,
  restoreOrganisationAliases,
  restoreRefs,
  type AliasChange,
  type MovedJoin,
  type MovedRefs,
} from "./duplicate-merge.server";
import { type DuplicateKind } from "./duplicate-records.server";
import { createRecord, notFound, nowIso, replaceLinks, StaleVersionError, updateRecord } from "./records.server";

type Decision = (typeof DUPLICATE_DECISIONS)[number];
type DecisionRow = typeof duplicateDecisions.$inferSelect;

/** A merge or unmerge the data does not allow, in words for the coordinator. */
export class MergeRefusedError extends Error {}

const pairKey = (a: string, b: string) => (a < b ? [a, b] : [b, a]);

async function liveDecision(db: Executor, kind: DuplicateKind, a: string, b: string) {
  const [idA, idB] = pairKey(a, b);
  const [row] = await db
    .select()
    .from(duplicateDecisions)
    .where(and(eq(duplicateDecisions.kind, kind), eq(duplicateDecisions.idA, idA), eq(duplicateDecisions.idB, idB), isNull(duplicateDecisions.deletedAt)));
  return row ?? null;
}

async function recordDecision(
  db: Executor,
  actorId: string,
  args: { kind: DuplicateKind; a: string; b: string; decision: Decision; note: string | null; snapshot?: Record<string, unknown> | null },
) {
  const [idA, idB] = pairKey(args.a, args.b);
  const values = { decision: args.decision, note: args.note, mergeSnapshot: args.snapshot ?? null };
  const existing = await liveDecision(db, args.kind, idA, idB);
  if (existing) {
    return updateRecord<DecisionRow>(db, duplicateDecisions, "duplicate_decision", { id: existing.id, expectedVersion: existing.version, values, actorId, action: args.decision });
  }
  return createRecord<DecisionRow>(db, duplicateDecisions, "duplicate_decision", { kind: args.kind, idA, idB, ...values }, actorId);
}

/** The candidate pairs among `ids` (all pairs when there are only two). */
async function pairsAmong(db: Executor, kind: DuplicateKind, ids: string[]) {
  if (ids.length === 2) return [pairKey(ids[0], ids[1])];
  const rows = await db
    .select({ a: duplicateCandidates.idA, b: duplicateCandidates.idB, score: duplicateCandidates.score, reasons: duplicateCandidates.reasons })
    .from(duplicateCandidates)
    .where(and(eq(duplicateCandidates.kind, kind), inArray(duplicateCandidates.idA, ids), inArray(duplicateCandidates.idB, ids)));
  return rows.map((r) => [r.a, r.b]);
}

async function assertLive(db: Executor, kind: DuplicateKind, ids: string[]) {
  const table = KIND_SPECS[kind].table;
  const rows = await db.select({ id: table.id }).from(table).where(and(inArray(table.id, ids), isNull(table.deletedAt)));
  if (rows.length !== new Set(ids).size) throw new MergeRefusedError("One of these records has been deleted or merged since; reload the page.");
}

/** "Not a duplicate" (never proposed again) or "unsure" (kept aside) for a pair, or for the candidate pairs of a cluster. */
export async function decidePairs(db: Executor, actor: Actor, args: { kind: DuplicateKind; ids: string[]; decision: "not_duplicate" | "unsure"; note: string | null }) {
  requireCoordinator(actor);
  if (new Set(args.ids).size < 2) throw new MergeRefusedError("Choose at least two records.");
  return db.transaction(async (tx) => {
    await assertLive(tx, args.kind, args.ids);
    const pairs = await pairsAmong(tx, args.kind, [...new Set(args.ids)]);
    for (const [a, b] of pairs) await recordDecision(tx, actor.id, { kind: args.kind, a, b, decision: args.decision, note: args.note });
    return pairs.length;
  });
}

/** Take back a "not a duplicate" or "unsure": the pair is proposed again. A merge is taken back with unmergeDecision. */
export async function reopenDecision(db: Executor, actor: Actor, decisionId: string) {
  requireCoordinator(actor);
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(duplicateDecisions).where(and(eq(duplicateDecisions.id, decisionId), isNull(duplicateDecisions.deletedAt)));
    if (!row) notFound("Decision not found");
    if (row.decision === "merged") throw new MergeRefusedError("Undo the merge instead.");
    await updateRecord(tx, duplicateDecisions, "duplicate_decision", { id: row.id, expectedVersion: row.version, values: { deletedAt: nowIso() }, actorId: actor.id, action: "reopen" });
    return row;
  });
}

export type MergeInput = {
  kind: DuplicateKind;
  survivorId: string;
  /** Every record of the merge, the survivor included. */
  memberIds: string[];
  /** The version each record was shown at. */
  versions: Record<string, number>;
  /** Field group → the record whose value to keep (default: the survivor's). */
  fields: Record<string, string>;
  /** List → a record's list, or "all" for all combined (the default). */
  lists: Record<string, string>;
  note: string | null;
};

type MemberMoves = { refs: MovedRefs[]; joins: MovedJoin[]; aliases: AliasChange[]; orgAliases: string[] };

export type MergeSnapshot = {
  operation: string;
  survivorId: string;
  mergedIds: string[];
  columnsBefore: Record<string, unknown>;
  columnsAfter: Record<string, unknown>;
  listsBefore: Record<string, string[]>;
  listsAfter: Record<string, string[]>;
  moves: Record<string, MemberMoves>;
  evidence: { score: number | null; reasons: string[] } | null;
};

const same = (x: unknown, y: unknown) => JSON.stringify(x ?? null) === JSON.stringify(y ?? null);

/**
 * Merge the members into the survivor, field by field. The others stay as
 * soft-deleted records pointing at the survivor; everything that referred to
 * them now refers to the survivor; a session's (reporter, external id)
 * becomes an alias. Returns the survivor's id.
 */
export async function mergeRecords(db: Executor, actor: Actor, input: MergeInput): Promise<string> {
  requireCoordinator(actor);
  const { kind, survivorId } = input;
  const spec = KIND_SPECS[kind];
  const members = [...new Set(input.memberIds)];
  const merged = members.filter((id) => id !== survivorId);
  if (!members.includes(survivorId) || !merged.length) throw new MergeRefusedError("Choose the record to keep and at least one other record.");
  const operation = ulid();
  await db.transaction(async (tx) => {
    const rows = (await tx.select().from(spec.table).where(inArray(spec.table.id, members))) as Record<string, unknown>[];
    const byId = new Map(rows.map((r) => [r.id as string, r]));
    for (const id of members) {
      const row = byId.get(id);
      if (!row || row.deletedAt) throw new MergeRefusedError("One of these records has been deleted or merged since; reload the page.");
      if (input.versions[id] !== undefined && row.version !== input.versions[id]) throw new StaleVersionError();
    }
    if (kind === "organisation") {
      for (const id of merged) {
        const clash = await organisationMergeClash(tx, id, survivorId);
        if (clash) throw new MergeRefusedError(clash);
      }
    }
    const survivor = byId.get(survivorId)!;
    const columnsBefore: Record<string, unknown> = {};
    const columnsAfter: Record<string, unknown> = {};
    for (const group of spec.fields) {
      const source = byId.get(input.fields[group.key] ?? survivorId) ?? survivor;
      for (const column of group.columns) {
        if (!same(source[column], survivor[column])) {
          columnsBefore[column] = survivor[column] ?? null;
          columnsAfter[column] = source[column] ?? null;
        }
      }
    }
    const listsBefore: Record<string, string[]> = {};
    const listsAfter: Record<string, string[]> = {};
    const listChanges: Record<string, { before: unknown; after: unknown }> = {};
    for (const l of spec.lists) {
      const found = await tx.select({ owner: l.table[l.owner], value: l.table[l.value] }).from(l.table).where(inArray(l.table[l.owner], members));
      const of = (id: string) => found.filter((f) => f.owner === id).map((f) => f.value as string);
      const choice = input.lists[l.key] ?? "all";
      const wanted = choice === "all" || !members.includes(choice) ? [...new Set(found.map((f) => f.value as string))] : of(choice);
      const change = await replaceLinks(tx, l.table, l.owner, l.value, survivorId, wanted);
      if (!same(change.before, change.after)) {
        listsBefore[l.key] = change.before;
        listsAfter[l.key] = change.after;
        listChanges[l.key] = change;
      }
    }
    await updateRecord(tx, spec.table, spec.recordKind, {
      id: survivorId,
      expectedVersion: survivor.version as number,
      values: columnsAfter,
      actorId: actor.id,
      action: "merge",
      extraChanges: { ...listChanges, mergedFrom: { before: null, after: merged } },
    });
    const moves: Record<string, MemberMoves> = {};
    for (const id of merged) {
      const row = byId.get(id)!;
      moves[id] = {
        refs: await moveRefs(tx, kind, id, survivorId, actor.id),
        joins: await moveJoins(tx, kind, id, survivorId, actor.id),
        aliases: kind === "session" ? await aliasSession(tx, { id, reportingOrgId: row.reportingOrgId as string, externalId: (row.externalId as string) ?? null, importHash: (row.importHash as string) ?? null }, survivorId) : [],
        orgAliases: kind === "organisation" ? await moveOrganisationAliases(tx, id, survivorId) : [],
      };
      await updateRecord(tx, spec.table, spec.recordKind, {
        id,
        expectedVersion: row.version as number,
        values: { deletedAt: nowIso(), duplicateOf: survivorId },
        actorId: actor.id,
        action: "merge",
      });
    }
    const evidence = await tx
      .select({ score: duplicateCandidates.score, reasons: duplicateCandidates.reasons, a: duplicateCandidates.idA, b: duplicateCandidates.idB })
      .from(duplicateCandidates)
      .where(and(eq(duplicateCandidates.kind, kind), inArray(duplicateCandidates.idA, members), inArray(duplicateCandidates.idB, members)));
    for (const id of merged) {
      const [a, b] = pairKey(survivorId, id);
      const pair = evidence.find((e) => e.a === a && e.b === b);
      const snapshot: MergeSnapshot = {
        operation,
        survivorId,
        mergedIds: merged,
        columnsBefore,
        columnsAfter,
        listsBefore,
        listsAfter,
        moves,
        evidence: pair ? { score: pair.score, reasons: pair.reasons } : null,
      };
      await recordDecision(tx, actor.id, { kind, a, b, decision: "merged", note: input.note, snapshot });
    }
    // The merged records are no longer candidates; the next refresh would say the same.
    await tx
      .delete(duplicateCandidates)
      .where(and(eq(duplicateCandidates.kind, kind), or(inArray(duplicateCandidates.idA, merged), inArray(duplicateCandidates.idB, merged))));
  });
  return survivorId;
}

/**
 * Undo a whole merge (every record merged with the one in this decision):
 * the merged records come back as they were, references and aliases return,
 * and the survivor gets back its own values, except where someone has edited
 * a field since (then the newer value stays, and the audit says so).
 */
export async function unmergeDecision(db: Executor, actor: Actor, decisionId: string) {
  requireCoordinator(actor);
  return db.transaction(async (tx) => {
    const [decision] = await tx.select().from(duplicateDecisions).where(and(eq(duplicateDecisions.id, decisionId), isNull(duplicateDecisions.deletedAt)));
    if (!decision || decision.decision !== "merged" || !decision.mergeSnapshot) notFound("Merge not found");
    const snap = decision.mergeSnapshot as unknown as MergeSnapshot;
    const kind = decision.kind;
    const spec = KIND_SPECS[kind];
    const [survivor] = (await tx.select().from(spec.table).where(eq(spec.table.id, snap.survivorId))) as Record<string, unknown>[];
    if (!survivor || survivor.deletedAt) throw new MergeRefusedError("The surviving record has been deleted or merged since; undo that first.");
    const mergedRows = (await tx.select().from(spec.table).where(inArray(spec.table.id, snap.mergedIds))) as Record<string, unknown>[];
    if (mergedRows.some((r) => r.duplicateOf !== snap.survivorId || !r.deletedAt)) throw new MergeRefusedError("This merge has already been undone.");
    for (const row of mergedRows) {
      const id = row.id as string;
      const m = snap.moves[id];
      await restoreRefs(tx, kind, m.refs, id, snap.survivorId, actor.id);
      await restoreJoins(tx, kind, m.joins, snap.survivorId, actor.id);
      await restoreAliases(tx, m.aliases, snap.survivorId);
      await restoreOrganisationAliases(tx, m.orgAliases, id, snap.survivorId);
      try {
        await updateRecord(tx, spec.table, spec.recordKind, { id, expectedVersion: row.version as number, values: { deletedAt: null, duplicateOf: null }, actorId: actor.id, action: "unmerge", includeDeleted: true });
      } catch (error) {
        if (String((error as Error)?.message).includes("UNIQUE constraint failed")) throw new MergeRefusedError("Another live session now uses the merged session's id; it cannot come back.");
        throw error;
      }
    }
    const values: Record<string, unknown> = {};
    const kept: string[] = [];
    for (const [column, after] of Object.entries(snap.columnsAfter)) {
      if (same(survivor[column], after)) values[column] = snap.columnsBefore[column];
      else kept.push(column);
    }
    const listChanges: Record<string, { before: unknown; after: unknown }> = {};
    for (const l of spec.lists) {
      if (!snap.listsAfter[l.key]) continue;
      const current = (await tx.select({ v: l.table[l.value] }).from(l.table).where(eq(l.table[l.owner], snap.survivorId))).map((r) => r.v as string).sort();
      if (!same(current, [...snap.listsAfter[l.key]].sort())) {
        kept.push(l.key);
        continue;
      }
      listChanges[l.key] = await replaceLinks(tx, l.table, l.owner, l.value, snap.survivorId, snap.listsBefore[l.key]);
    }
    await updateRecord(tx, spec.table, spec.recordKind, {
      id: snap.survivorId,
      expectedVersion: survivor.version as number,
      values,
      actorId: actor.id,
      action: "unmerge",
      extraChanges: { ...listChanges, unmerged: { before: snap.mergedIds, after: null }, ...(kept.length ? { keptAfterMerge: { before: null, after: kept } } : {}) },
    });
    const decisions = await tx
      .select()
      .from(duplicateDecisions)
      .where(and(eq(duplicateDecisions.kind, kind), isNull(duplicateDecisions.deletedAt), sql`json_extract(${duplicateDecisions.mergeSnapshot}, '$.operation') = ${snap.operation}`));
    for (const d of decisions) {
      await updateRecord(tx, duplicateDecisions, "duplicate_decision", { id: d.id, expectedVersion: d.version, values: { deletedAt: nowIso() }, actorId: actor.id, action: "unmerge" });
    }
    return { survivorId: snap.survivorId, restoredIds: snap.mergedIds, kept };
  });
}
