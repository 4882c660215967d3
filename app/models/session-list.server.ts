// Listing training sessions: the filtered, paged list and the "needs update"
// list. Written for a million rows: the order follows session_start_idx, the
// total is counted once and labels are fetched for one page only. Filters on
// join tables are `id IN (SELECT session_id …)` rather than correlated EXISTS:
// SQLite can then drive a selective filter from the join table's value index
// (country=KEN over 1M sessions: ~50 ms, against ~1 s probing every session
// with EXISTS) and still use it as a membership test when it is not selective.
import { and, asc, count, desc, eq, inArray, isNull, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { type Executor } from "#db/client.server";
import {
  countries,
  organisations,
  sessionAudiences,
  sessionCountries,
  sessionFunders,
  sessionTopics,
  trainingSessions,
} from "#db/schema";
import { type SessionFilters } from "~/domain/session-filters";
import { statusConflict } from "~/domain/session-status";
import { type Paging, offsetOf } from "~/utils/list-params";
import { forbidden, isCoordinator, type Actor } from "~/utils/permissions.server";

const s = trainingSessions;

/** The session has a row in `table` meeting `condition`. */
function hasLinked(table: typeof sessionCountries | typeof sessionTopics | typeof sessionAudiences | typeof sessionFunders, condition: SQL) {
  return sql`${s.id} IN (SELECT ${table.sessionId} FROM ${table} WHERE ${condition})`;
}

/** EVID matches EVID and EVID.*, never EVIDENCE: '.' < '/' in byte order, so this is an index range. */
function inTopicFamily(code: string) {
  const tagged = sessionTopics.topicCode;
  return sql`(${tagged} = ${code} OR (${tagged} >= ${code + "."} AND ${tagged} < ${code + "/"}))`;
}

function likeContains(text: string) {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * Mirrors statusConflict (domain/session-status.ts) in SQL, so the database
 * can find the sessions that need an update; a test keeps the two in step.
 */
export function needsUpdateCondition(today: string) {
  return or(
    and(eq(s.status, "completed"), sql`${s.startDate} > ${today}`),
    and(inArray(s.status, ["planned", "confirmed"]), sql`${s.endDate} < ${today}`),
  )!;
}

export function sessionConditions(filters: SessionFilters): SQL[] {
  const where: SQL[] = [isNull(s.deletedAt)];
  if (filters.q) where.push(sql`${s.title} LIKE ${likeContains(filters.q)} ESCAPE '\\'`);
  if (filters.countries.length) where.push(hasLinked(sessionCountries, inArray(sessionCountries.countryCode, filters.countries)));
  if (filters.region) {
    const r = filters.region;
    const inRegion = sql`SELECT ${countries.code} FROM ${countries} WHERE ${countries.regionCode} = ${r} OR ${countries.subregionCode} = ${r} OR ${countries.intermediateCode} = ${r}`;
    where.push(hasLinked(sessionCountries, sql`${sessionCountries.countryCode} IN (${inRegion})`));
  }
  if (filters.topics.length) where.push(hasLinked(sessionTopics, or(...filters.topics.map(inTopicFamily))!));
  if (filters.audiences.length) where.push(hasLinked(sessionAudiences, inArray(sessionAudiences.audienceCode, filters.audiences)));
  if (filters.statuses.length) where.push(inArray(s.status, filters.statuses));
  // A session counts in a window when its date range overlaps it.
  if (filters.from) where.push(sql`${s.endDate} >= ${filters.from}`);
  if (filters.to) where.push(sql`${s.startDate} <= ${filters.to}`);
  if (filters.provider) where.push(eq(s.providerId, filters.provider));
  if (filters.funder) where.push(hasLinked(sessionFunders, eq(sessionFunders.organisationId, filters.funder)));
  return where;
}

const provider = alias(organisations, "provider");

/** One page of sessions matching `where`, with the total, each row ready for a list. */
async function pageOfSessions(db: Executor, where: SQL | undefined, order: "newest" | "oldest", paging: Paging, today: string) {
  const direction = order === "oldest" ? asc : desc;
  const [rows, [{ total }]] = await Promise.all([
    db
      .select({
        id: s.id,
        title: s.title,
        startDate: s.startDate,
        endDate: s.endDate,
        status: s.status,
        city: s.city,
        hostCountry: s.hostCountry,
        hostCountryName: countries.nameEn,
        providerId: s.providerId,
        providerName: provider.name,
        providerAcronym: provider.acronym,
        reportingOrgId: s.reportingOrgId,
      })
      .from(s)
      .innerJoin(countries, eq(countries.code, s.hostCountry))
      .innerJoin(provider, eq(provider.id, s.providerId))
      .where(where)
      .orderBy(direction(s.startDate), direction(s.id))
      .limit(paging.pageSize)
      .offset(offsetOf(paging)),
    db.select({ total: count() }).from(s).where(where),
  ]);
  const others = await otherBeneficiaryCounts(
    db,
    rows.map((r) => r.id),
  );
  const items = rows.map((r) => ({ ...r, otherCountries: others.get(r.id) ?? 0, conflict: statusConflict(r, today) }));
  return { items, total, page: paging.page, pageSize: paging.pageSize };
}

/** How many beneficiary countries each session has besides its host ("and N more"). */
async function otherBeneficiaryCounts(db: Executor, ids: string[]) {
  if (!ids.length) return new Map<string, number>();
  const rows = await db
    .select({ id: sessionCountries.sessionId, n: count() })
    .from(sessionCountries)
    .innerJoin(s, eq(s.id, sessionCountries.sessionId))
    .where(and(inArray(sessionCountries.sessionId, ids), sql`${sessionCountries.countryCode} <> ${s.hostCountry}`))
    .groupBy(sessionCountries.sessionId);
  return new Map(rows.map((r) => [r.id, r.n]));
}

export async function listSessions(db: Executor, filters: SessionFilters, paging: Paging, today: string) {
  return pageOfSessions(db, and(...sessionConditions(filters)), filters.sort, paging, today);
}

export type SessionListItem = Awaited<ReturnType<typeof listSessions>>["items"][number];

/**
 * Sessions whose status and dates disagree, for the people who must fix
 * them: a trainer sees those their organisation reported or provided, a
 * coordinator all (or one organisation's). Others report no sessions.
 */
export async function listSessionsNeedingUpdate(
  db: Executor,
  actor: Actor,
  args: { organisationId?: string | null; paging: Paging; today: string },
) {
  if (!actor || (!isCoordinator(actor) && actor.role !== "trainer")) forbidden("Only trainers and coordinators keep sessions up to date.");
  const organisationId = isCoordinator(actor) ? args.organisationId : actor.organisationId;
  if (!isCoordinator(actor) && !organisationId) return { items: [], total: 0, page: 1, pageSize: args.paging.pageSize };
  const where = and(
    isNull(s.deletedAt),
    needsUpdateCondition(args.today),
    organisationId ? or(eq(s.providerId, organisationId), eq(s.reportingOrgId, organisationId)) : undefined,
  );
  // Oldest first: the longest-stale sessions are the ones to fix first.
  return pageOfSessions(db, where, "oldest", args.paging, args.today);
}
