// What a merge touches, per kind, and how to put it back. A merge keeps the
// survivor (with the field values the coordinator chose), soft-deletes the
// others with a duplicateOf pointer, moves what pointed at them (sessions of
// a course, a trainer's sessions, an organisation's users …) to the survivor,
// and records every move so an unmerge restores exactly what was there.
import { and, eq, getTableName, inArray, sql, type SQL } from "drizzle-orm";
import { type SQLiteColumn } from "drizzle-orm/sqlite-core";
import { type Executor } from "#db/client.server";
import {
  assistanceRequests,
  auditEvents,
  courseAudiences,
  courseLanguages,
  courseOffences,
  courseTopics,
  courses,
  externalAliases,
  fundings,
  materials,
  organisations,
  requestMatches,
  sessionAudiences,
  sessionCountries,
  sessionFunders,
  sessionOffences,
  sessionTopics,
  sessionTrainers,
  trainerCountries,
  trainerLanguages,
  trainerTopics,
  trainers,
  trainingSessions,
  users,
  type FieldChanges,
  type RecordKind,
} from "#db/schema";
import { type DuplicateKind } from "./duplicate-records.server";
import { nowIso } from "./records.server";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyTable = any;

/** Columns chosen together (dates, or a participant count with its split by sex). */
export type FieldGroup = { key: string; label: string; columns: string[] };
/** A list held in a join table, chosen from one record or combined from all. */
export type ListSpec = { key: string; label: string; table: AnyTable; owner: string; value: string };
/** Rows of another table that point at the record and must follow it to the survivor. */
type RefSpec = { table: AnyTable; column: string; auditKind: RecordKind; auditIdColumn?: string; filter?: (kind: DuplicateKind) => SQL };
/** A join table whose rows point at the record (a session's trainers): moved, or dropped when the owner already has the survivor. */
type JoinSpec = { table: AnyTable; owner: string; value: string; ownerTable: AnyTable; ownerKind: RecordKind; listName: string };

export type KindSpec = { table: AnyTable; recordKind: RecordKind; fields: FieldGroup[]; lists: ListSpec[]; refs: RefSpec[]; joins: JoinSpec[] };

const g = (key: string, label: string, columns = [key]): FieldGroup => ({ key, label, columns });
const matchesOf = (kind: DuplicateKind) => eq(requestMatches.kind, kind);
const matchRef: RefSpec = { table: requestMatches, column: "targetId", auditKind: "request", auditIdColumn: "requestId", filter: matchesOf };

export const KIND_SPECS: Record<DuplicateKind, KindSpec> = {
  session: {
    table: trainingSessions,
    recordKind: "session",
    fields: [
      g("title", "Title"),
      g("courseId", "Course"),
      g("providerId", "Provider"),
      g("place", "Host country and city", ["hostCountry", "city"]),
      g("dates", "Dates", ["startDate", "endDate"]),
      g("status", "Status"),
      g("language", "Language"),
      g("mode", "Mode"),
      g("participants", "Participants", ["participants", "participantsFemale", "participantsMale", "participantsByAudience"]),
      g("outcomes", "Outcomes"),
      g("notes", "Notes"),
    ],
    lists: [
      { key: "countries", label: "Beneficiary countries", table: sessionCountries, owner: "sessionId", value: "countryCode" },
      { key: "topics", label: "Topics", table: sessionTopics, owner: "sessionId", value: "topicCode" },
      { key: "audiences", label: "Audiences", table: sessionAudiences, owner: "sessionId", value: "audienceCode" },
      { key: "offences", label: "Offence focus", table: sessionOffences, owner: "sessionId", value: "offenceCode" },
      { key: "funders", label: "Funders", table: sessionFunders, owner: "sessionId", value: "organisationId" },
      { key: "trainers", label: "Trainers", table: sessionTrainers, owner: "sessionId", value: "trainerId" },
    ],
    refs: [{ table: fundings, column: "sessionId", auditKind: "funding" }, matchRef],
    joins: [],
  },
  course: {
    table: courses,
    recordKind: "course",
    fields: [
      g("title", "Title"),
      g("summary", "Summary"),
      g("description", "Description"),
      g("providerId", "Provider"),
      g("level", "Level"),
      g("mode", "Delivery mode"),
      g("durationHours", "Duration (hours)"),
      g("prerequisites", "Prerequisites"),
      g("status", "Status"),
    ],
    lists: [
      { key: "topics", label: "Topics", table: courseTopics, owner: "courseId", value: "topicCode" },
      { key: "audiences", label: "Audiences", table: courseAudiences, owner: "courseId", value: "audienceCode" },
      { key: "offences", label: "Offence focus", table: courseOffences, owner: "courseId", value: "offenceCode" },
      { key: "languages", label: "Languages", table: courseLanguages, owner: "courseId", value: "language" },
    ],
    refs: [{ table: trainingSessions, column: "courseId", auditKind: "session" }, { table: materials, column: "courseId", auditKind: "material" }, matchRef],
    joins: [],
  },
  trainer: {
    table: trainers,
    recordKind: "trainer",
    fields: [g("name", "Name"), g("organisationId", "Organisation"), g("bio", "Biography"), g("contact", "Contact and consent", ["email", "phone", "contactConsent"]), g("userId", "User account")],
    lists: [
      { key: "topics", label: "Expertise", table: trainerTopics, owner: "trainerId", value: "topicCode" },
      { key: "languages", label: "Languages", table: trainerLanguages, owner: "trainerId", value: "language" },
      { key: "countries", label: "Countries worked in", table: trainerCountries, owner: "trainerId", value: "countryCode" },
    ],
    refs: [matchRef],
    joins: [{ table: sessionTrainers, owner: "sessionId", value: "trainerId", ownerTable: trainingSessions, ownerKind: "session", listName: "trainers" }],
  },
  organisation: {
    table: organisations,
    recordKind: "organisation",
    fields: [g("name", "Name"), g("acronym", "Acronym"), g("kind", "Kind"), g("countryCode", "Country"), g("website", "Website"), g("description", "Description")],
    lists: [],
    refs: [
      { table: users, column: "organisationId", auditKind: "user" },
      { table: trainers, column: "organisationId", auditKind: "trainer" },
      { table: courses, column: "providerId", auditKind: "course" },
      { table: materials, column: "publisherId", auditKind: "material" },
      { table: trainingSessions, column: "providerId", auditKind: "session" },
      { table: trainingSessions, column: "reportingOrgId", auditKind: "session" },
      { table: fundings, column: "donorId", auditKind: "funding" },
      { table: assistanceRequests, column: "agencyId", auditKind: "request" },
      matchRef,
    ],
    joins: [{ table: sessionFunders, owner: "sessionId", value: "organisationId", ownerTable: trainingSessions, ownerKind: "session", listName: "funders" }],
  },
};

export type MovedRefs = { table: string; column: string; ids: string[] };
export type MovedJoin = { table: string; from: string; moved: string[]; dropped: string[] };

const tableName = (t: AnyTable) => getTableName(t);

async function auditMany(db: Executor, rows: { actorId: string; action: string; recordKind: RecordKind; recordId: string; changes: FieldChanges }[]) {
  for (let i = 0; i < rows.length; i += 200) await db.insert(auditEvents).values(rows.slice(i, i + 200));
}

/** Point every reference to `from` at `to` instead; audited on each referring record, its version bumped. */
export async function moveRefs(db: Executor, kind: DuplicateKind, from: string, to: string, actorId: string): Promise<MovedRefs[]> {
  const moved: MovedRefs[] = [];
  for (const ref of KIND_SPECS[kind].refs) {
    const column = ref.table[ref.column] as SQLiteColumn;
    const auditColumn = ref.table[ref.auditIdColumn ?? "id"] as SQLiteColumn;
    const rows = await db
      .select({ id: ref.table.id as SQLiteColumn, auditId: auditColumn })
      .from(ref.table)
      .where(and(eq(column, from), ref.filter?.(kind)));
    if (!rows.length) continue;
    const ids = rows.map((r) => r.id as string);
    await setColumn(db, ref, ids, to);
    await auditMany(db, rows.map((r) => ({ actorId, action: "relink", recordKind: ref.auditKind, recordId: r.auditId as string, changes: { [ref.column]: { before: from, after: to } } })));
    moved.push({ table: tableName(ref.table), column: ref.column, ids });
  }
  return moved;
}

async function setColumn(db: Executor, ref: RefSpec, ids: string[], value: string) {
  for (let i = 0; i < ids.length; i += 400) {
    await db
      .update(ref.table)
      .set({ [ref.column]: value, version: sql`version + 1`, updatedAt: nowIso() })
      .where(inArray(ref.table.id as SQLiteColumn, ids.slice(i, i + 400)));
  }
}

/** Undo moveRefs: references still pointing at the survivor go back to the merged record. */
export async function restoreRefs(db: Executor, kind: DuplicateKind, moved: MovedRefs[], from: string, to: string, actorId: string) {
  for (const m of moved) {
    const ref = KIND_SPECS[kind].refs.find((r) => tableName(r.table) === m.table && r.column === m.column);
    if (!ref) continue;
    const column = ref.table[ref.column] as SQLiteColumn;
    const auditColumn = ref.table[ref.auditIdColumn ?? "id"] as SQLiteColumn;
    const still = await db
      .select({ id: ref.table.id as SQLiteColumn, auditId: auditColumn })
      .from(ref.table)
      .where(and(inArray(ref.table.id as SQLiteColumn, m.ids), eq(column, to)));
    await setColumn(db, ref, still.map((r) => r.id as string), from);
    await auditMany(db, still.map((r) => ({ actorId, action: "relink", recordKind: ref.auditKind, recordId: r.auditId as string, changes: { [ref.column]: { before: to, after: from } } })));
  }
}

async function bumpOwners(db: Executor, join: JoinSpec, owners: string[]) {
  for (let i = 0; i < owners.length; i += 400) {
    await db
      .update(join.ownerTable)
      .set({ version: sql`version + 1`, updatedAt: nowIso() })
      .where(inArray(join.ownerTable.id as SQLiteColumn, owners.slice(i, i + 400)));
  }
}

/** A session listing both the merged trainer and the survivor keeps one row: the merged one is dropped (and put back on undo). */
export async function moveJoins(db: Executor, kind: DuplicateKind, from: string, to: string, actorId: string): Promise<MovedJoin[]> {
  const out: MovedJoin[] = [];
  for (const join of KIND_SPECS[kind].joins) {
    const ownerCol = join.table[join.owner] as SQLiteColumn;
    const valueCol = join.table[join.value] as SQLiteColumn;
    const owners = (await db.select({ o: ownerCol }).from(join.table).where(eq(valueCol, from))).map((r) => r.o as string);
    if (!owners.length) continue;
    const already = new Set((await db.select({ o: ownerCol }).from(join.table).where(and(eq(valueCol, to), inArray(ownerCol, owners)))).map((r) => r.o as string));
    const dropped = owners.filter((o) => already.has(o));
    const moved = owners.filter((o) => !already.has(o));
    if (dropped.length) await db.delete(join.table).where(and(eq(valueCol, from), inArray(ownerCol, dropped)));
    if (moved.length) await db.update(join.table).set({ [join.value]: to }).where(and(eq(valueCol, from), inArray(ownerCol, moved)));
    await bumpOwners(db, join, owners);
    await auditMany(db, owners.map((o) => ({ actorId, action: "relink", recordKind: join.ownerKind, recordId: o, changes: { [join.listName]: { before: [from], after: already.has(o) ? [] : [to] } } })));
    out.push({ table: tableName(join.table), from, moved, dropped });
  }
  return out;
}

export async function restoreJoins(db: Executor, kind: DuplicateKind, movedJoins: MovedJoin[], to: string, actorId: string) {
  for (const m of movedJoins) {
    const join = KIND_SPECS[kind].joins.find((j) => tableName(j.table) === m.table);
    if (!join) continue;
    const ownerCol = join.table[join.owner] as SQLiteColumn;
    const valueCol = join.table[join.value] as SQLiteColumn;
    if (m.moved.length) await db.update(join.table).set({ [join.value]: m.from }).where(and(eq(valueCol, to), inArray(ownerCol, m.moved)));
    if (m.dropped.length) await db.insert(join.table).values(m.dropped.map((o) => ({ [join.owner]: o, [join.value]: m.from }))).onConflictDoNothing();
    const owners = [...m.moved, ...m.dropped];
    await bumpOwners(db, join, owners);
    await auditMany(db, owners.map((o) => ({ actorId, action: "relink", recordKind: join.ownerKind, recordId: o, changes: { [join.listName]: { before: m.moved.includes(o) ? [to] : [], after: [m.from] } } })));
  }
}

export type AliasChange = { reportingOrgId: string; externalId: string; before: string | null };

/**
 * A merged session's (reporting org, external id), and every alias that led
 * to it, now lead to the survivor, so re-importing an old file updates the
 * survivor instead of bringing the duplicate back.
 */
export async function aliasSession(
  db: Executor,
  merged: { id: string; reportingOrgId: string; externalId: string | null; importHash: string | null },
  survivorId: string,
): Promise<AliasChange[]> {
  const changes: AliasChange[] = [];
  const pointing = await db.select().from(externalAliases).where(eq(externalAliases.sessionId, merged.id));
  for (const a of pointing) changes.push({ reportingOrgId: a.reportingOrgId, externalId: a.externalId, before: merged.id });
  if (pointing.length) await db.update(externalAliases).set({ sessionId: survivorId }).where(eq(externalAliases.sessionId, merged.id));
  if (merged.externalId) {
    const key = and(eq(externalAliases.reportingOrgId, merged.reportingOrgId), eq(externalAliases.externalId, merged.externalId));
    const [existing] = await db.select().from(externalAliases).where(key);
    if (!existing) {
      // The hash without its ":version": what the reporter's file said when it was last imported.
      const importHash = merged.importHash?.replace(/:\d+$/, "") ?? null;
      await db.insert(externalAliases).values({ reportingOrgId: merged.reportingOrgId, externalId: merged.externalId, sessionId: survivorId, importHash });
      changes.push({ reportingOrgId: merged.reportingOrgId, externalId: merged.externalId, before: null });
    }
  }
  return changes;
}

/** Undo aliasSession: new aliases go, repointed ones point back. */
export async function restoreAliases(db: Executor, changes: AliasChange[], survivorId: string) {
  for (const c of changes) {
    const key = and(eq(externalAliases.reportingOrgId, c.reportingOrgId), eq(externalAliases.externalId, c.externalId), eq(externalAliases.sessionId, survivorId));
    if (c.before) await db.update(externalAliases).set({ sessionId: c.before }).where(key);
    // An alias row is a pointer, not a record: removing the one the merge added is the exact undo.
    else await db.delete(externalAliases).where(key);
  }
}

/**
 * When two organisations merge, the sessions and aliases each reported move
 * to the survivor; two of them with the same external id would then collide.
 * Returns a message naming the clash, or null.
 */
export async function organisationMergeClash(db: Executor, from: string, to: string): Promise<string | null> {
  const [clash] = await db.all<{ externalId: string }>(sql`
    SELECT a.external_id AS externalId FROM (
      SELECT external_id FROM training_session WHERE reporting_org_id = ${from} AND external_id IS NOT NULL AND deleted_at IS NULL
      UNION SELECT external_id FROM external_alias WHERE reporting_org_id = ${from}) a
    WHERE a.external_id IN (
      SELECT external_id FROM training_session WHERE reporting_org_id = ${to} AND external_id IS NOT NULL AND deleted_at IS NULL
      UNION SELECT external_id FROM external_alias WHERE reporting_org_id = ${to})
    LIMIT 1`);
  return clash
    ? `Both organisations reported a session with the id '${clash.externalId}'. Review and merge those sessions first, then merge the organisations.`
    : null;
}

/** Aliases reported by a merged organisation now belong to the survivor (no clash: checked first). */
export async function moveOrganisationAliases(db: Executor, from: string, to: string): Promise<string[]> {
  const rows = await db.select({ externalId: externalAliases.externalId }).from(externalAliases).where(eq(externalAliases.reportingOrgId, from));
  if (rows.length) await db.update(externalAliases).set({ reportingOrgId: to }).where(eq(externalAliases.reportingOrgId, from));
  return rows.map((r) => r.externalId);
}

export async function restoreOrganisationAliases(db: Executor, externalIds: string[], from: string, to: string) {
  if (externalIds.length) {
    await db
      .update(externalAliases)
      .set({ reportingOrgId: from })
      .where(and(eq(externalAliases.reportingOrgId, to), inArray(externalAliases.externalId, externalIds)));
  }
}
