// The records behind the donor's check (domain/donor-check.ts): the sessions,
// open requests, assessed needs and funding for a place, some topics and
// audiences, and a window. Needs come from the coverage model, so the check
// and the coverage pages read one latest assessment the same way.
import { and, asc, isNull, sql } from "drizzle-orm";
import { type Executor } from "#db/client.server";
import { topics as topicTable } from "#db/schema";
import { checkOverlaps, checkTopics, type CheckRequest, type CheckSession } from "~/domain/donor-check";
import { type Actor } from "~/utils/permissions.server";
import { loadLatestNeeds } from "./coverage.server";
import { listFundings } from "./fundings.server";
import { canSeeRequest } from "./requests.server";

export type CheckQuery = {
  country: string | null;
  region: string | null;
  topics: string[];
  audiences: string[];
  from: string | null;
  to: string | null;
};

export type CheckProblem = { error: string; parameter: string };

const list = (values: readonly string[]) =>
  sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  );
// Names may hold commas; the unit separator never appears in them.
const SEP = "\u001f";
const split = (v: string | null) => (v ? v.split(SEP) : []);
const named = (v: string | null) => split(v).map((pair) => ({ id: pair.slice(0, pair.indexOf("=")), name: pair.slice(pair.indexOf("=") + 1) }));

/** The place's name and countries, the topics with labels; or the parameter that names nothing known. */
export async function resolveCheckQuery(
  db: Executor,
  q: CheckQuery,
): Promise<{ problem: CheckProblem } | { place: { name: string; countries: string[] }; topics: { code: string; label: string }[] }> {
  if (!q.country && !q.region) return { problem: { error: "Choose a country or a region", parameter: "country" } };
  if (q.country && q.region) return { problem: { error: "Choose a country or a region, not both", parameter: "region" } };
  const places = q.country
    ? await db.all<{ code: string; name: string }>(sql`SELECT code, name_en AS name FROM country WHERE code = ${q.country}`)
    : await db.all<{ code: string; name: string }>(sql`
        SELECT code, CASE WHEN region_code = ${q.region} THEN region_name WHEN subregion_code = ${q.region} THEN subregion_name ELSE intermediate_name END AS name
        FROM country WHERE ${q.region} IN (region_code, subregion_code, intermediate_code) ORDER BY code`);
  if (!places.length) return { problem: q.country ? { error: `Unknown country: ${q.country}`, parameter: "country" } : { error: `Unknown UN M49 region: ${q.region}`, parameter: "region" } };
  const known = await db.select({ code: topicTable.code, label: topicTable.label, parent: topicTable.parentCode }).from(topicTable).where(isNull(topicTable.deletedAt)).orderBy(asc(topicTable.sortOrder), asc(topicTable.code));
  const unknownTopic = q.topics.find((t) => !known.some((k) => k.code === t));
  if (unknownTopic) return { problem: { error: `Unknown topic: ${unknownTopic}`, parameter: "topic" } };
  if (q.audiences.length) {
    const rows = await db.all<{ code: string }>(sql`SELECT code FROM audience WHERE code IN (${list(q.audiences)})`);
    const missing = q.audiences.find((a) => !rows.some((r) => r.code === a));
    if (missing) return { problem: { error: `Unknown audience: ${missing}`, parameter: "audience" } };
  }
  // No topic asked: one verdict per general topic.
  const asked = q.topics.length ? known.filter((k) => q.topics.includes(k.code)) : known.filter((k) => !k.parent);
  return {
    place: { name: places[0].name, countries: places.map((p) => p.code) },
    topics: asked.map((t) => ({ code: t.code, label: t.label })),
  };
}

/** A topic asked about, or any subtopic of it. */
function topicFamily(column: ReturnType<typeof sql>, codes: string[]) {
  return sql.join(
    codes.map((c) => sql`(${column} = ${c} OR (${column} >= ${c + "."} AND ${column} < ${c + "/"}))`),
    sql` OR `,
  );
}

async function loadSessions(db: Executor, countries: string[], topics: string[], q: CheckQuery): Promise<CheckSession[]> {
  const rows = await db.all<Record<string, string | null>>(sql`
    SELECT s.id, s.title, s.status, s.start_date AS startDate, s.end_date AS endDate, s.provider_id AS providerId, o.name AS providerName,
      (SELECT group_concat(country_code, ${SEP}) FROM session_country WHERE session_id = s.id) AS countries,
      (SELECT group_concat(topic_code, ${SEP}) FROM session_topic WHERE session_id = s.id) AS topics,
      (SELECT group_concat(audience_code, ${SEP}) FROM session_audience WHERE session_id = s.id) AS audiences,
      (SELECT group_concat(f.organisation_id || '=' || fo.name, ${SEP}) FROM session_funder f JOIN organisation fo ON fo.id = f.organisation_id WHERE f.session_id = s.id) AS funders
    FROM training_session s JOIN organisation o ON o.id = s.provider_id
    WHERE s.deleted_at IS NULL AND s.status IN ('completed', 'planned', 'confirmed')
      ${q.to ? sql`AND s.start_date <= ${q.to}` : sql``}
      ${q.from ? sql`AND s.end_date >= ${q.from}` : sql``}
      AND s.id IN (SELECT session_id FROM session_country WHERE country_code IN (${list(countries)}))
      AND s.id IN (SELECT session_id FROM session_topic st WHERE ${topicFamily(sql`st.topic_code`, topics)})
      ${q.audiences.length ? sql`AND s.id IN (SELECT session_id FROM session_audience WHERE audience_code IN (${list(q.audiences)}))` : sql``}
    ORDER BY s.start_date, s.id`);
  return rows.map((r) => ({
    id: r.id!,
    title: r.title!,
    status: r.status!,
    startDate: r.startDate!,
    endDate: r.endDate!,
    deletedAt: null,
    countries: split(r.countries),
    topics: split(r.topics),
    audiences: split(r.audiences),
    provider: { id: r.providerId!, name: r.providerName! },
    funders: named(r.funders),
  }));
}

type RequestRow = CheckRequest & { title: string; countryCode: string; countryName: string; isPublic: boolean; createdBy: string | null; createdAt: string };

async function loadOpenRequests(db: Executor, countries: string[], topics: string[]): Promise<RequestRow[]> {
  const rows = await db.all<Record<string, string | number | null>>(sql`
    SELECT r.id, r.title, r.status, r.country_code AS countryCode, c.name_en AS countryName, r.is_public AS isPublic, r.created_by AS createdBy, r.created_at AS createdAt,
      (SELECT group_concat(topic_code, ${SEP}) FROM request_topic WHERE request_id = r.id) AS topics,
      (SELECT group_concat(audience_code, ${SEP}) FROM request_audience WHERE request_id = r.id) AS audiences
    FROM assistance_request r JOIN country c ON c.code = r.country_code
    WHERE r.deleted_at IS NULL AND r.status IN ('submitted', 'under_review', 'matched', 'scheduled')
      AND r.country_code IN (${list(countries)})
      AND r.id IN (SELECT request_id FROM request_topic rt WHERE ${topicFamily(sql`rt.topic_code`, topics)})
    ORDER BY r.created_at`);
  return rows.map((r) => ({
    id: String(r.id),
    title: String(r.title),
    status: String(r.status),
    countryCode: String(r.countryCode),
    countryName: String(r.countryName),
    isPublic: !!r.isPublic,
    createdBy: r.createdBy == null ? null : String(r.createdBy),
    createdAt: String(r.createdAt),
    deletedAt: null,
    topics: split(r.topics as string | null),
    audiences: split(r.audiences as string | null),
  }));
}

/** The highest latest assessed need per topic among the place's countries, and which country has it. */
async function placeNeeds(db: Executor, countries: string[]) {
  const byCountry = await loadLatestNeeds(db, { from: null, to: null, countries });
  const needs = new Map<string, number>();
  for (const levels of byCountry.values()) for (const [topic, level] of levels) needs.set(topic, Math.max(needs.get(topic) ?? 0, level));
  return needs;
}

/** The whole check: verdicts per topic, overlaps, and the records behind them (requests only as far as the actor may see them). */
export async function runDonorCheck(db: Executor, actor: Actor, q: CheckQuery) {
  const resolved = await resolveCheckQuery(db, q);
  if ("problem" in resolved) return resolved;
  const { place, topics } = resolved;
  const codes = topics.map((t) => t.code);
  const [sessions, requests, needs] = await Promise.all([loadSessions(db, place.countries, codes, q), loadOpenRequests(db, place.countries, codes), placeNeeds(db, place.countries)]);
  const fundings = await listFundings(db, actor, { sessionIds: sessions.map((s) => s.id), requestIds: requests.map((r) => r.id) });
  const input = {
    countries: place.countries,
    topics,
    audiences: q.audiences,
    window: { from: q.from, to: q.to },
    sessions,
    requests,
    needs,
    fundings: fundings.map((f) => ({ donor: { id: f.donorId, name: f.donorName }, sessionId: f.sessionId, requestId: f.requestId })),
  };
  const visibleRequests = requests.filter((r) => canSeeRequest(actor, r));
  return {
    place,
    verdicts: checkTopics(input),
    overlaps: checkOverlaps(input),
    sessions,
    requests: visibleRequests,
    hiddenRequests: requests.length - visibleRequests.length,
    fundings,
  };
}

export type DonorCheck = Exclude<Awaited<ReturnType<typeof runDonorCheck>>, { problem: CheckProblem }>;
