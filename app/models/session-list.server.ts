// Listing training sessions: the filtered, paged list and the "needs update"
// list. Written for a million rows: the total is counted once, labels are
// fetched for one page only, and the page itself is read the cheaper of two
// ways (see pageOfSessions). Filters on join tables come in two forms:
// `id IN (SELECT session_id …)` lets SQLite start from a selective join table's
// value index (country=KEN over 1M sessions: ~50 ms, against ~1 s probing every
// session), a correlated EXISTS lets it walk session_start_idx in page order
// and stop once a page is full, which is what a broad filter needs.
import { and, asc, count, desc, eq, inArray, isNull, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { type Executor } from "#db/client.server";
import {
  countries,
  organisations,
  sessionAudiences,
  sessionCountries,
  sessionFunders,
  sessionOffences,
  sessionTopics,
  trainingSessions,
} from "#db/schema";
import { likeContaining, toSearchPhrases } from "~/domain/search-query";
import { type SessionFilters } from "~/domain/session-filters";
import { statusConflict } from "~/domain/session-status";
import { type Paging, offsetOf } from "~/utils/list-params";
import { forbidden, isCoordinator, type Actor } from "~/utils/permissions.server";

const s = trainingSessions;

type Probe = "in" | "exists";
type LinkTable = typeof sessionCountries | typeof sessionTopics | typeof sessionAudiences | typeof sessionOffences | typeof sessionFunders;

/** The session has a row in `table` meeting `condition`. */
function hasLinked(probe: Probe, table: LinkTable, condition: SQL) {
  return probe === "in"
    ? sql`${s.id} IN (SELECT ${table.sessionId} FROM ${table} WHERE ${condition})`
    : sql`EXISTS (SELECT 1 FROM ${table} WHERE ${table.sessionId} = ${s.id} AND ${condition})`;
}

/** EVID matches EVID and EVID.*, never EVIDENCE: '.' < '/' in byte order, so this is an index range. */
function inTopicFamily(code: string) {
  const tagged = sessionTopics.topicCode;
  return sql`(${tagged} = ${code} OR (${tagged} >= ${code + "."} AND ${tagged} < ${code + "/"}))`;
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

export function sessionConditions(filters: SessionFilters, probe: Probe = "in"): SQL[] {
  const where: SQL[] = [isNull(s.deletedAt)];
  for (const phrase of toSearchPhrases(filters.q)) where.push(sql`${s.title} LIKE ${likeContaining(phrase)} ESCAPE '\\'`);
  if (filters.countries.length) where.push(hasLinked(probe, sessionCountries, inArray(sessionCountries.countryCode, filters.countries)));
  if (filters.region) {
    const r = filters.region;
    const inRegion = sql`SELECT ${countries.code} FROM ${countries} WHERE ${countries.regionCode} = ${r} OR ${countries.subregionCode} = ${r} OR ${countries.intermediateCode} = ${r}`;
    where.push(hasLinked(probe, sessionCountries, sql`${sessionCountries.countryCode} IN (${inRegion})`));
  }
  if (filters.topics.length) where.push(hasLinked(probe, sessionTopics, or(...filters.topics.map(inTopicFamily))!));
  if (filters.audiences.length) where.push(hasLinked(probe, sessionAudiences, inArray(sessionAudiences.audienceCode, filters.audiences)));
  if (filters.offences.length) where.push(hasLinked(probe, sessionOffences, inArray(sessionOffences.offenceCode, filters.offences)));
  if (filters.statuses.length) where.push(inArray(s.status, filters.statuses));
  // A session counts in a window when its date range overlaps it.
  if (filters.from) where.push(sql`${s.endDate} >= ${filters.from}`);
  if (filters.to) where.push(sql`${s.startDate} <= ${filters.to}`);
  if (filters.providers.length) where.push(inArray(s.providerId, filters.providers));
  if (filters.funders.length) where.push(hasLinked(probe, sessionFunders, inArray(sessionFunders.organisationId, filters.funders)));
  if (filters.reporter) where.push(eq(s.reportingOrgId, filters.reporter));
  return where;
}

const provider = alias(organisations, "provider");

/**
 * One page of sessions matching `where`, with the total, each row ready for a
 * list. Walking the start-date index until the page is full reads about
 * (offset + page size) × sessions / matches rows; gathering every match and
 * sorting reads about `matches`. The count, needed anyway, says which is less.
 */
async function pageOfSessions(db: Executor, where: (probe: Probe) => SQL | undefined, order: "newest" | "oldest", paging: Paging, today: string) {
  const [{ total }] = await db.select({ total: count() }).from(s).where(where("in"));
  if (total === 0) return { items: [], total, page: paging.page, pageSize: paging.pageSize };
  // The largest rowid: the table's size within deletions, read from the end of its b-tree.
  const [{ size }] = await db.select({ size: sql<number>`coalesce(max(rowid), 0)` }).from(s);
  const walk = (offsetOf(paging) + paging.pageSize) * size < total * total;
  const direction = order === "oldest" ? asc : desc;
  const rows = await db
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
    .where(where(walk ? "exists" : "in"))
    .orderBy(direction(s.startDate), direction(s.id))
    .limit(paging.pageSize)
    .offset(offsetOf(paging));
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
  return pageOfSessions(db, (probe) => and(...sessionConditions(filters, probe)), filters.sort, paging, today);
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
  return pageOfSessions(db, () => where, "oldest", args.paging, args.today);
}
