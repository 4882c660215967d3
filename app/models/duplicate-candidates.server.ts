// Candidate duplicate pairs: found by blocking and scoring (app/domain), kept
// in duplicate_candidate and refreshed from the records the triggers marked
// dirty, so every write path (forms, CSV import, merges) is covered without
// knowing about this module. A full scan rebuilds one kind from scratch.
import { and, eq, inArray, lte, max, or, sql } from "drizzle-orm";
import { type Executor } from "#db/client.server";
import { duplicateCandidates, duplicateDirty, duplicateScans } from "#db/schema";
import { courseKeys, forEachSessionCandidatePair, organisationKeys, pairsSharingKeys, trainerKeys } from "~/domain/duplicate-blocking";
import {
  DUPLICATE_THRESHOLD,
  SESSION_DATE_WINDOW_DAYS,
  prepareSession,
  scoreCoursePair,
  scoreOrganisationPair,
  scoreSessionPair,
  scoreTrainerPair,
  type PairScore,
  type PreparedSession,
} from "~/domain/duplicate-scoring";
import {
  coursesForScoring,
  organisationsForScoring,
  sessionsForScoring,
  trainersForScoring,
  type DuplicateKind,
} from "./duplicate-records.server";
import { nowIso } from "./records.server";

export type Candidate = { kind: DuplicateKind; idA: string; idB: string; score: number; reasons: string[] };

/** Beyond this many changed sessions, one full scan is cheaper than checking each. */
const INCREMENTAL_LIMIT = 2000;

function ordered(kind: DuplicateKind, x: string, y: string, scored: PairScore): Candidate {
  const [idA, idB] = x < y ? [x, y] : [y, x];
  return { kind, idA, idB, score: scored.score, reasons: scored.reasons };
}

/** Every candidate pair of one kind among all live records. */
export async function findAllCandidates(db: Executor, kind: DuplicateKind): Promise<Candidate[]> {
  const out: Candidate[] = [];
  const keep = (x: string, y: string, scored: PairScore) => {
    if (scored.score >= DUPLICATE_THRESHOLD) out.push(ordered(kind, x, y, scored));
  };
  if (kind === "session") {
    const sessions = (await sessionsForScoring(db, null)).map(prepareSession);
    // Most pairs cannot reach the threshold: the bound rules them out before any reason is written.
    forEachSessionCandidatePair(sessions, (i, j) => keep(sessions[i].id, sessions[j].id, scoreSessionPair(sessions[i], sessions[j], { atLeast: DUPLICATE_THRESHOLD })));
  } else if (kind === "course") {
    const courses = await coursesForScoring(db, null);
    for (const [i, j] of pairsSharingKeys(courses.map(courseKeys))) keep(courses[i].id, courses[j].id, scoreCoursePair(courses[i], courses[j]));
  } else if (kind === "trainer") {
    const trainers = await trainersForScoring(db, null);
    for (const [i, j] of pairsSharingKeys(trainers.map(trainerKeys))) keep(trainers[i].id, trainers[j].id, scoreTrainerPair(trainers[i], trainers[j]));
  } else {
    const orgs = await organisationsForScoring(db, null);
    for (const [i, j] of pairsSharingKeys(orgs.map(organisationKeys))) keep(orgs[i].id, orgs[j].id, scoreOrganisationPair(orgs[i], orgs[j]));
  }
  return out;
}

async function insertCandidates(db: Executor, rows: Candidate[]) {
  const now = nowIso();
  for (let i = 0; i < rows.length; i += 200) {
    await db
      .insert(duplicateCandidates)
      .values(rows.slice(i, i + 200).map((r) => ({ ...r, computedAt: now })))
      .onConflictDoUpdate({
        target: [duplicateCandidates.kind, duplicateCandidates.idA, duplicateCandidates.idB],
        set: { score: sql`excluded.score`, reasons: sql`excluded.reasons`, computedAt: sql`excluded.computed_at` },
      });
  }
}

async function lastDirtySeq(db: Executor, kind: DuplicateKind) {
  const [row] = await db.select({ seq: max(duplicateDirty.seq) }).from(duplicateDirty).where(eq(duplicateDirty.kind, kind));
  return row?.seq ?? 0;
}

async function markApplied(db: Executor, kind: DuplicateKind, upTo: number, full: boolean) {
  await db.delete(duplicateDirty).where(and(eq(duplicateDirty.kind, kind), lte(duplicateDirty.seq, upTo)));
  const values = { kind, watermark: String(upTo), ...(full ? { fullScanAt: nowIso() } : {}) };
  await db.insert(duplicateScans).values(values).onConflictDoUpdate({ target: duplicateScans.kind, set: values });
}

/** Rebuild one kind's candidates from scratch. */
export async function fullScan(db: Executor, kind: DuplicateKind) {
  // Marks made after this point are applied by the next refresh.
  const upTo = await lastDirtySeq(db, kind);
  const found = await findAllCandidates(db, kind);
  await db.transaction(async (tx) => {
    await tx.delete(duplicateCandidates).where(eq(duplicateCandidates.kind, kind));
    await insertCandidates(tx, found);
    await markApplied(tx, kind, upTo, true);
  });
  return found.length;
}

/** Live sessions sharing a beneficiary country and starting within the window of `s`, and those linked by provider reference. */
export async function sessionNeighbourIds(
  db: Executor,
  s: { id?: string; countries: readonly string[]; startDate: string; providerId: string; reportingOrgId?: string; externalId?: string | null; providerRef?: string | null },
): Promise<string[]> {
  if (!s.countries.length) return [];
  const countryList = sql.join(
    s.countries.map((c) => sql`${c}`),
    sql`, `,
  );
  const rows = await db.all<{ id: string }>(sql`
    SELECT DISTINCT session_id AS id FROM session_block
    WHERE country_code IN (${countryList}) AND topic_code = ''
      AND start_date BETWEEN date(${s.startDate}, ${`-${SESSION_DATE_WINDOW_DAYS} days`}) AND date(${s.startDate}, ${`+${SESSION_DATE_WINDOW_DAYS} days`})
    UNION
    SELECT id FROM training_session WHERE deleted_at IS NULL AND ${s.providerRef ?? null} IS NOT NULL AND reporting_org_id = ${s.providerId} AND external_id = ${s.providerRef ?? null}
    UNION
    SELECT id FROM training_session WHERE deleted_at IS NULL AND ${s.externalId ?? null} IS NOT NULL AND provider_id = ${s.reportingOrgId ?? null} AND provider_ref = ${s.externalId ?? null}`);
  return rows.map((r) => r.id).filter((id) => id !== s.id);
}

/** Re-score the given sessions against their blocks; their old candidate rows are replaced. */
async function rescoreSessions(db: Executor, ids: string[]) {
  const changed = (await sessionsForScoring(db, ids)).map(prepareSession);
  const neighbours = new Map<string, string[]>();
  for (const s of changed) neighbours.set(s.id, await sessionNeighbourIds(db, { ...s, providerId: s.provider.id, reportingOrgId: s.reporter.id }));
  const needed = [...new Set([...neighbours.values()].flat())].filter((id) => !changed.some((c) => c.id === id));
  const byId = new Map<string, PreparedSession>(changed.map((s) => [s.id, s]));
  for (const s of (await sessionsForScoring(db, needed)).map(prepareSession)) byId.set(s.id, s);
  const found = new Map<string, Candidate>();
  for (const s of changed) {
    for (const otherId of neighbours.get(s.id) ?? []) {
      const other = byId.get(otherId);
      if (!other) continue;
      const scored = scoreSessionPair(s, other);
      if (scored.score >= DUPLICATE_THRESHOLD) {
        const c = ordered("session", s.id, other.id, scored);
        found.set(`${c.idA}|${c.idB}`, c);
      }
    }
  }
  await db.transaction(async (tx) => {
    for (let i = 0; i < ids.length; i += 400) {
      const chunk = ids.slice(i, i + 400);
      await tx
        .delete(duplicateCandidates)
        .where(and(eq(duplicateCandidates.kind, "session"), or(inArray(duplicateCandidates.idA, chunk), inArray(duplicateCandidates.idB, chunk))));
    }
    await insertCandidates(tx, [...found.values()]);
  });
}

/**
 * Bring one kind's candidates up to date with every write since the last
 * refresh. Cheap when nothing changed (one indexed read). Sessions are
 * re-scored one by one against their blocks; the smaller kinds are rescanned.
 */
export async function refreshCandidates(db: Executor, kind: DuplicateKind) {
  const [scan] = await db.select().from(duplicateScans).where(eq(duplicateScans.kind, kind));
  const upTo = await lastDirtySeq(db, kind);
  if (!scan?.fullScanAt || (kind !== "session" && upTo > 0)) return void (await fullScan(db, kind));
  if (!upTo) return;
  const dirty = await db
    .selectDistinct({ id: duplicateDirty.recordId })
    .from(duplicateDirty)
    .where(and(eq(duplicateDirty.kind, kind), lte(duplicateDirty.seq, upTo)));
  if (dirty.length > INCREMENTAL_LIMIT) return void (await fullScan(db, kind));
  await rescoreSessions(
    db,
    dirty.map((d) => d.id),
  );
  await db.transaction((tx) => markApplied(tx, kind, upTo, false));
}
