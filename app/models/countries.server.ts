// Countries as beneficiaries: what each received (delivered and planned
// sessions, per top-level topic), who provided and funded it, the latest needs
// assessment and open assistance requests.
//
// Counting rule, the same everywhere here: a session counts for every
// beneficiary country in session_country (a regional workshop for three
// countries counts once in each); `completed` is delivered, `planned` and
// `confirmed` are planned; cancelled and soft-deleted sessions (merged
// duplicates included) never count.
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import { type Executor } from "#db/client.server";
import {
  assistanceRequests,
  countries,
  needsAssessmentItems,
  needsAssessments,
  organisations,
  sessionCountries,
  sessionFunders,
  sessionTopics,
  topics,
  trainingSessions,
} from "#db/schema";
import { leavingOutBadParams, parseParams, type ParamError } from "~/domain/api-params";
import { groupByRegion, onlyActive, type CountryCounts } from "~/domain/country-groups";
import { COUNTRY_LIST_PARAMS } from "~/domain/list-page-params";
import { type Actor } from "~/utils/permissions.server";
import { live } from "./records.server";
import { visibleRequestsCondition } from "./requests.server";

const delivered = sql<number>`coalesce(sum(${trainingSessions.status} = 'completed'), 0)`;
const planned = sql<number>`coalesce(sum(${trainingSessions.status} IN ('planned', 'confirmed')), 0)`;
const counted = and(live(trainingSessions), sql`${trainingSessions.status} <> 'cancelled'`);

/** Delivered and planned sessions per beneficiary country, for every country. */
export async function listCountryCounts(db: Executor): Promise<CountryCounts[]> {
  const perCountry = db
    .select({ countryCode: sessionCountries.countryCode, delivered: delivered.as("delivered"), planned: planned.as("planned") })
    .from(sessionCountries)
    .innerJoin(trainingSessions, eq(trainingSessions.id, sessionCountries.sessionId))
    .where(counted)
    .groupBy(sessionCountries.countryCode)
    .as("per_country");
  return db
    .select({
      code: countries.code,
      name: countries.nameEn,
      regionCode: countries.regionCode,
      regionName: countries.regionName,
      subregionCode: countries.subregionCode,
      subregionName: countries.subregionName,
      delivered: sql<number>`coalesce(${perCountry.delivered}, 0)`,
      planned: sql<number>`coalesce(${perCountry.planned}, 0)`,
    })
    .from(countries)
    .leftJoin(perCountry, eq(perCountry.countryCode, countries.code))
    .orderBy(asc(countries.nameEn));
}

export async function listCountriesByRegion(db: Executor) {
  return groupByRegion(await listCountryCounts(db));
}

export type CountryListFilters = { activeOnly: boolean };

/** The countries list's one filter, read the same way by the page and its CSV: without a bad value, and what was wrong with it. */
export async function readCountryListFilters(params: URLSearchParams): Promise<{ filters: CountryListFilters; problems: ParamError[] }> {
  const { value, problems } = await leavingOutBadParams(params, (query) => parseParams(COUNTRY_LIST_PARAMS, query));
  return { filters: { activeOnly: value.active === "1" }, problems };
}

/** The countries list as the page and its CSV show it. */
export async function listCountryRegions(db: Executor, filters: CountryListFilters) {
  const all = await listCountriesByRegion(db);
  return filters.activeOnly ? onlyActive(all) : all;
}

/** One country by its alpha-3 code, in any case; null when unknown. */
export async function getCountry(db: Executor, code: string) {
  const [row] = await db.select().from(countries).where(eq(countries.code, code.toUpperCase()));
  return row ?? null;
}

export type Country = NonNullable<Awaited<ReturnType<typeof getCountry>>>;

function beneficiary(code: string) {
  return and(eq(sessionCountries.countryCode, code), counted);
}

/** Totals and the newest `limit` sessions received, newest first (cancelled ones are not received). */
export async function listCountrySessions(db: Executor, code: string, limit = 25) {
  const [[totals], items] = await Promise.all([
    db
      .select({ delivered, planned })
      .from(sessionCountries)
      .innerJoin(trainingSessions, eq(trainingSessions.id, sessionCountries.sessionId))
      .where(beneficiary(code)),
    db
      .select({
        id: trainingSessions.id,
        title: trainingSessions.title,
        startDate: trainingSessions.startDate,
        endDate: trainingSessions.endDate,
        status: trainingSessions.status,
        city: trainingSessions.city,
        hostCountry: trainingSessions.hostCountry,
        hostCountryName: countries.nameEn,
        providerId: organisations.id,
        providerName: organisations.name,
        providerAcronym: organisations.acronym,
      })
      .from(sessionCountries)
      .innerJoin(trainingSessions, eq(trainingSessions.id, sessionCountries.sessionId))
      .innerJoin(organisations, eq(organisations.id, trainingSessions.providerId))
      .innerJoin(countries, eq(countries.code, trainingSessions.hostCountry))
      .where(beneficiary(code))
      .orderBy(desc(trainingSessions.startDate), desc(trainingSessions.id))
      .limit(limit),
  ]);
  return { ...totals, total: totals.delivered + totals.planned, items };
}

/**
 * Delivered and planned sessions per top-level topic (the code before the
 * first dot: EVID.MOBILE counts for EVID). A session with two subtopics of one
 * area counts once for it.
 */
export async function countryTopicCounts(db: Executor, code: string) {
  const root = sql<string>`CASE WHEN instr(${sessionTopics.topicCode}, '.') > 0
    THEN substr(${sessionTopics.topicCode}, 1, instr(${sessionTopics.topicCode}, '.') - 1) ELSE ${sessionTopics.topicCode} END`;
  const perSessionRoot = db
    .selectDistinct({ sessionId: trainingSessions.id, status: trainingSessions.status, root: root.as("root") })
    .from(sessionCountries)
    .innerJoin(trainingSessions, eq(trainingSessions.id, sessionCountries.sessionId))
    .innerJoin(sessionTopics, eq(sessionTopics.sessionId, trainingSessions.id))
    .where(beneficiary(code))
    .as("per_session_root");
  const rows = await db
    .select({
      code: perSessionRoot.root,
      label: topics.label,
      delivered: sql<number>`sum(${perSessionRoot.status} = 'completed')`,
      planned: sql<number>`sum(${perSessionRoot.status} IN ('planned', 'confirmed'))`,
    })
    .from(perSessionRoot)
    .leftJoin(topics, sql`${topics.code} = ${perSessionRoot.root}`)
    .groupBy(sql`${perSessionRoot.root}`, topics.label, topics.sortOrder)
    .orderBy(asc(topics.sortOrder), sql`${perSessionRoot.root}`);
  return rows.map((r) => ({ ...r, label: r.label ?? r.code }));
}

/** Organisations that provided or funded sessions for the country, busiest first. */
export async function countryProvidersAndFunders(db: Executor, code: string, limit = 20) {
  const sessions = sql<number>`count(DISTINCT ${trainingSessions.id})`;
  const [providers, funders] = await Promise.all([
    db
      .select({ id: organisations.id, name: organisations.name, acronym: organisations.acronym, sessions })
      .from(sessionCountries)
      .innerJoin(trainingSessions, eq(trainingSessions.id, sessionCountries.sessionId))
      .innerJoin(organisations, eq(organisations.id, trainingSessions.providerId))
      .where(beneficiary(code))
      .groupBy(organisations.id)
      .orderBy(desc(sessions), asc(organisations.name))
      .limit(limit),
    db
      .select({ id: organisations.id, name: organisations.name, acronym: organisations.acronym, sessions })
      .from(sessionCountries)
      .innerJoin(trainingSessions, eq(trainingSessions.id, sessionCountries.sessionId))
      .innerJoin(sessionFunders, eq(sessionFunders.sessionId, trainingSessions.id))
      .innerJoin(organisations, eq(organisations.id, sessionFunders.organisationId))
      .where(beneficiary(code))
      .groupBy(organisations.id)
      .orderBy(desc(sessions), asc(organisations.name))
      .limit(limit),
  ]);
  return { providers, funders };
}

/** The most recent live needs assessment with its per-topic levels (highest need first), or null. */
export async function latestNeedsAssessment(db: Executor, code: string) {
  const [assessment] = await db
    .select({ id: needsAssessments.id, assessedOn: needsAssessments.assessedOn, assessor: needsAssessments.assessor, notes: needsAssessments.notes })
    .from(needsAssessments)
    .where(and(eq(needsAssessments.countryCode, code), live(needsAssessments)))
    .orderBy(desc(needsAssessments.assessedOn), desc(needsAssessments.id))
    .limit(1);
  if (!assessment) return null;
  const items = await db
    .select({ topicCode: needsAssessmentItems.topicCode, label: topics.label, level: needsAssessmentItems.level, notes: needsAssessmentItems.notes })
    .from(needsAssessmentItems)
    .innerJoin(topics, eq(topics.code, needsAssessmentItems.topicCode))
    .where(eq(needsAssessmentItems.assessmentId, assessment.id))
    .orderBy(desc(needsAssessmentItems.level), asc(topics.sortOrder), asc(topics.code));
  return { ...assessment, items };
}

export const OPEN_REQUEST_STATUSES = ["submitted", "under_review", "matched", "scheduled"] as const;

/**
 * Open assistance requests from the country. Requests are private unless
 * marked public; coordinators and the country's own focal point see them all.
 */
export async function listOpenRequests(db: Executor, actor: Actor, code: string) {
  // The requests list's own rule, so this list and /requests?country=… agree.
  const visible = visibleRequestsCondition(actor);
  return db
    .select({
      id: assistanceRequests.id,
      title: assistanceRequests.title,
      status: assistanceRequests.status,
      urgency: assistanceRequests.urgency,
      createdAt: assistanceRequests.createdAt,
      isPublic: assistanceRequests.isPublic,
      agencyName: sql<string | null>`coalesce(${organisations.name}, ${assistanceRequests.agencyName})`,
    })
    .from(assistanceRequests)
    .leftJoin(organisations, eq(organisations.id, assistanceRequests.agencyId))
    .where(and(eq(assistanceRequests.countryCode, code), live(assistanceRequests), inArray(assistanceRequests.status, [...OPEN_REQUEST_STATUSES]), visible))
    .orderBy(desc(assistanceRequests.createdAt), desc(assistanceRequests.id));
}
