// Coverage figures from the database, with the semantics of app/domain/coverage.ts.
// Two ways to count the sessions, which must always agree:
// - exact: the plain aggregate over sessions, their countries and topics;
// - rollup: coverage_rollup (kept exact by triggers) answers the whole years
//   and months of the window, and the exact query only the leftover edge days
//   and the sessions that start before the window and run into it.
// Filters the rollup does not carry (audience, offence, provider, funder) use
// the exact query. See docs/decisions/003-coverage-rollup.md.
import { sql, type SQL } from "drizzle-orm";
import { type Executor } from "#db/client.server";
import {
  OPEN_REQUEST_STATUSES,
  addDays,
  addSessionCell,
  assembleCoverage,
  cellKey,
  emptySessionCell,
  ALL_TOPICS,
  coverageTopics,
  splitStartRange,
  type CoverageCell,
  type SessionCell,
} from "~/domain/coverage";
import { requestVisibility, requestsVisibleUnder, type RequestVisibility } from "./requests.server";

export type CoverageQuery = {
  from: string | null;
  to: string | null;
  /** Topic code prefix: "EVID" matches EVID and EVID.*. */
  topicPrefix?: string | null;
  /** Exactly these topics (e.g. the top-level columns of the matrix). */
  topics?: string[];
  /** UN M49 region, sub-region or intermediate region code. */
  region?: string | null;
  countries?: string[];
  audiences?: string[];
  offences?: string[];
  providers?: string[];
  funders?: string[];
  /**
   * Whose open requests count: the viewer's (requestVisibility), so a count
   * never includes a request the viewer could not open on /requests; public
   * ones only when not given. Part of the cache key, so one viewer's figures
   * never reach another.
   */
  requestsVisibleTo?: RequestVisibility;
};

export type CountingMethod = "auto" | "rollup" | "exact";

type SessionCellRow = {
  country: string;
  topic: string;
  delivered: number;
  planned: number;
  participants: number;
  planned_participants: number;
  last_delivered: string | null;
};

const list = (values: string[]) => sql.join(
  values.map((v) => sql`${v}`),
  sql`, `,
);

/** Filters the rollup cannot answer. */
export function needsExactCount(q: CoverageQuery) {
  return !!(q.audiences?.length || q.offences?.length || q.providers?.length || q.funders?.length);
}

function countryCondition(column: SQL, q: CoverageQuery): SQL | undefined {
  const parts: SQL[] = [];
  if (q.region) parts.push(sql`${column} IN (SELECT code FROM country WHERE ${q.region} IN (region_code, subregion_code, intermediate_code))`);
  if (q.countries?.length) parts.push(sql`${column} IN (${list(q.countries)})`);
  return parts.length ? sql.join(parts, sql` AND `) : undefined;
}

function topicCondition(column: SQL, q: CoverageQuery): SQL | undefined {
  const parts: SQL[] = [];
  if (q.topicPrefix) parts.push(sql`substr(${column}, 1, ${q.topicPrefix.length}) = ${q.topicPrefix}`);
  if (q.topics) parts.push(q.topics.length ? sql`${column} IN (${list(q.topics)})` : sql`0`);
  else parts.push(sql`${column} <> ${ALL_TOPICS}`);
  return parts.length ? sql.join(parts, sql` AND `) : undefined;
}

function and(parts: (SQL | undefined)[]): SQL {
  const present = parts.filter((p): p is SQL => !!p);
  return present.length ? sql.join(present, sql` AND `) : sql`1`;
}

/** An upper bound on any session's length in days (grows only), kept by the triggers. */
async function maxSpanDays(db: Executor): Promise<number> {
  const [row] = await db.all<{ n: number }>(sql`SELECT max_span_days AS n FROM coverage_meta WHERE id = 1`);
  return row?.n ?? 0;
}

export async function coverageGeneration(db: Executor): Promise<number> {
  const [row] = await db.all<{ n: number }>(sql`SELECT generation AS n FROM coverage_meta WHERE id = 1`);
  return row?.n ?? 0;
}

/**
 * The plain aggregate: sessions whose start date is in [startFrom, startTo] and
 * whose end date is ≥ endFrom, per beneficiary country and covered topic.
 */
async function exactSessionRows(
  db: Executor,
  q: CoverageQuery,
  range: { startFrom: string | null; startTo: string | null; endFrom: string | null },
): Promise<SessionCellRow[]> {
  const sessionConditions = and([
    sql`s.deleted_at IS NULL`,
    sql`s.status IN ('completed', 'planned', 'confirmed')`,
    range.startFrom ? sql`s.start_date >= ${range.startFrom}` : undefined,
    range.startTo ? sql`s.start_date <= ${range.startTo}` : undefined,
    range.endFrom ? sql`s.end_date >= ${range.endFrom}` : undefined,
    q.audiences?.length ? sql`EXISTS (SELECT 1 FROM session_audience x WHERE x.session_id = s.id AND x.audience_code IN (${list(q.audiences)}))` : undefined,
    q.offences?.length ? sql`EXISTS (SELECT 1 FROM session_offence x WHERE x.session_id = s.id AND x.offence_code IN (${list(q.offences)}))` : undefined,
    q.funders?.length ? sql`EXISTS (SELECT 1 FROM session_funder x WHERE x.session_id = s.id AND x.organisation_id IN (${list(q.funders)}))` : undefined,
    q.providers?.length ? sql`s.provider_id IN (${list(q.providers)})` : undefined,
    countryCondition(sql`sc.country_code`, q),
    topicCondition(sql`ta.ancestor_code`, q),
  ]);
  // The inner GROUP BY makes each (session, country, topic) count once when two
  // of a session's subtopics share a parent.
  return db.all<SessionCellRow>(sql`
    SELECT country, topic,
      sum(status = 'completed') AS delivered,
      sum(status <> 'completed') AS planned,
      sum(CASE WHEN status = 'completed' THEN participants ELSE 0 END) AS participants,
      sum(CASE WHEN status <> 'completed' THEN participants ELSE 0 END) AS planned_participants,
      max(CASE WHEN status = 'completed' THEN end_date END) AS last_delivered
    FROM (
      SELECT sc.country_code AS country, ta.ancestor_code AS topic, s.status AS status,
        coalesce(s.participants, 0) AS participants, s.end_date AS end_date
      FROM training_session s
      JOIN session_country sc ON sc.session_id = s.id
      JOIN session_topic st ON st.session_id = s.id
      JOIN topic_ancestor ta ON ta.topic_code = st.topic_code
      WHERE ${sessionConditions}
      GROUP BY s.id, sc.country_code, ta.ancestor_code
    )
    GROUP BY country, topic`);
}

function toCells(rows: SessionCellRow[], into = new Map<string, SessionCell>()) {
  for (const r of rows) {
    const key = cellKey(r.country, r.topic);
    const cell = into.get(key) ?? emptySessionCell(r.country, r.topic);
    addSessionCell(cell, {
      delivered: r.delivered,
      planned: r.planned,
      participants: r.participants,
      plannedParticipants: r.planned_participants,
      lastDelivered: r.last_delivered,
    });
    into.set(key, cell);
  }
  return into;
}

/** Session figures per cell by the plain aggregate over the session tables. */
export async function sessionCellsExact(db: Executor, q: CoverageQuery): Promise<Map<string, SessionCell>> {
  const span = q.from ? await maxSpanDays(db) : 0;
  // A session overlapping the window starts at most `span` days before it.
  const rows = await exactSessionRows(db, q, {
    startFrom: q.from ? addDays(q.from, -span) : null,
    startTo: q.to,
    endFrom: q.from,
  });
  return toCells(rows);
}

/** Session figures per cell from the rollup, plus exact queries for the edges of the window. */
export async function sessionCellsFromRollup(db: Executor, q: CoverageQuery): Promise<Map<string, SessionCell>> {
  if (needsExactCount(q)) throw new Error("The coverage rollup does not carry audience, offence, provider or funder");
  // Two subqueries, so each is one index lookup (min and max together would scan the table).
  const [bounds] = await db.all<{ lo: string | null; hi: string | null }>(
    sql`SELECT (SELECT min(start_date) FROM training_session) AS lo, (SELECT max(start_date) FROM training_session) AS hi`,
  );
  const cells = new Map<string, SessionCell>();
  if (!bounds?.lo || !bounds.hi) return cells;
  const lo = q.from && q.from > bounds.lo ? q.from : bounds.lo;
  const hi = q.to && q.to < bounds.hi ? q.to : bounds.hi;
  const parts = splitStartRange(lo, hi);
  const periods = [...parts.years, ...parts.months];
  if (periods.length) {
    const rows = await db.all<SessionCellRow>(sql`
      SELECT country_code AS country, topic_code AS topic,
        sum(CASE WHEN status_class = 'delivered' THEN sessions ELSE 0 END) AS delivered,
        sum(CASE WHEN status_class = 'planned' THEN sessions ELSE 0 END) AS planned,
        sum(CASE WHEN status_class = 'delivered' THEN participants ELSE 0 END) AS participants,
        sum(CASE WHEN status_class = 'planned' THEN participants ELSE 0 END) AS planned_participants,
        max(last_end) AS last_delivered
      FROM coverage_rollup
      WHERE ${and([sql`period IN (${list(periods)})`, countryCondition(sql`country_code`, q), topicCondition(sql`topic_code`, q)])}
      GROUP BY country_code, topic_code`);
    toCells(rows, cells);
  }
  for (const range of parts.exactRanges) {
    toCells(await exactSessionRows(db, q, { startFrom: range.from, startTo: range.to, endFrom: null }), cells);
  }
  if (q.from) {
    // Sessions that start before the window and are still running when it opens.
    const span = await maxSpanDays(db);
    if (span > 0) toCells(await exactSessionRows(db, q, { startFrom: addDays(q.from, -span), startTo: addDays(q.from, -1), endFrom: q.from }), cells);
  }
  return cells;
}

export async function loadLatestNeeds(db: Executor, q: CoverageQuery): Promise<Map<string, Map<string, number>>> {
  const rows = await db.all<{ country: string; topic: string; level: number }>(sql`
    SELECT na.country_code AS country, i.topic_code AS topic, i.level AS level
    FROM needs_assessment na JOIN needs_assessment_item i ON i.assessment_id = na.id
    WHERE na.deleted_at IS NULL
      AND na.id = (SELECT n2.id FROM needs_assessment n2 WHERE n2.country_code = na.country_code AND n2.deleted_at IS NULL
                   ORDER BY n2.assessed_on DESC, n2.created_at DESC, n2.id DESC LIMIT 1)
      AND ${and([countryCondition(sql`na.country_code`, q)])}`);
  const needs = new Map<string, Map<string, number>>();
  for (const r of rows) {
    const levels = needs.get(r.country) ?? new Map<string, number>();
    for (const topic of coverageTopics([r.topic])) levels.set(topic, Math.max(levels.get(topic) ?? 0, r.level));
    needs.set(r.country, levels);
  }
  return needs;
}

export async function loadOpenRequests(db: Executor, q: CoverageQuery): Promise<Map<string, { count: number; oldest: string }>> {
  // Unaliased: the visibility condition names assistance_request's columns.
  const rows = await db.all<{ id: string; country: string; createdAt: string; topic: string }>(sql`
    SELECT assistance_request.id AS id, assistance_request.country_code AS country, assistance_request.created_at AS createdAt, rt.topic_code AS topic
    FROM assistance_request JOIN request_topic rt ON rt.request_id = assistance_request.id
    WHERE assistance_request.deleted_at IS NULL AND assistance_request.status IN (${list([...OPEN_REQUEST_STATUSES])})
      AND ${and([countryCondition(sql`assistance_request.country_code`, q), requestsVisibleUnder(q.requestsVisibleTo ?? requestVisibility(null))])}
    ORDER BY assistance_request.id`);
  const byRequest = new Map<string, { country: string; createdAt: string; topics: string[] }>();
  for (const r of rows) {
    const entry = byRequest.get(r.id) ?? { country: r.country, createdAt: r.createdAt, topics: [] };
    entry.topics.push(r.topic);
    byRequest.set(r.id, entry);
  }
  const cells = new Map<string, { count: number; oldest: string }>();
  for (const r of byRequest.values()) {
    for (const topic of coverageTopics(r.topics)) {
      const key = cellKey(r.country, topic);
      const cell = cells.get(key);
      if (!cell) cells.set(key, { count: 1, oldest: r.createdAt });
      else {
        cell.count += 1;
        if (r.createdAt < cell.oldest) cell.oldest = r.createdAt;
      }
    }
  }
  return cells;
}

/** The all-topics cell is returned only when asked for by name in `topics`. */
function topicMatches(q: CoverageQuery) {
  return (topic: string) =>
    (topic !== ALL_TOPICS || !!q.topics?.includes(ALL_TOPICS)) &&
    (!q.topicPrefix || topic.startsWith(q.topicPrefix)) &&
    (!q.topics || q.topics.includes(topic));
}

// Results keyed by query, reused only while coverage_meta.generation (bumped by
// every write that can change coverage) is unchanged: never stale, even when a
// CLI import writes the same database.
// One cache per database handle, so two databases never share answers.
// Two levels: whole answers per viewer, and beneath them the session counts,
// which are the costly part and the same for every viewer, so a new viewer
// (each signed-in user sees their own requests) never recounts sessions.
type Kept<T> = { generation: number; value: T };
const answers = new WeakMap<Executor, Map<string, Kept<CoverageCell[]>>>();
const sessionCounts = new WeakMap<Executor, Map<string, Kept<Map<string, SessionCell>>>>();
const CACHE_SIZE = 64;

async function keptFor<T>(store: WeakMap<Executor, Map<string, Kept<T>>>, db: Executor, key: string, generation: number | null, compute: () => Promise<T>) {
  let cache = store.get(db);
  if (!cache) store.set(db, (cache = new Map()));
  const hit = generation == null ? undefined : cache.get(key);
  if (hit && hit.generation === generation) return hit.value;
  const value = await compute();
  if (generation != null) {
    if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
    cache.set(key, { generation, value });
  }
  return value;
}

/** Coverage cells for a query: the one computation behind the API and the pages. */
export async function getCoverage(
  db: Executor,
  q: CoverageQuery,
  options: { method?: CountingMethod; useCache?: boolean } = {},
): Promise<CoverageCell[]> {
  const viewer = q.requestsVisibleTo ?? requestVisibility(null);
  const method = options.method ?? "auto";
  const exact = method === "exact" || (method === "auto" && needsExactCount(q));
  // Exact (record-by-record) results are cached too: the generation also moves
  // on every audience, offence, funder and provider change they depend on.
  const generation = options.useCache !== false ? await coverageGeneration(db) : null;
  const sessionQuery = { ...q, requestsVisibleTo: undefined };
  return keptFor(answers, db, JSON.stringify({ q: sessionQuery, viewer, exact }), generation, async () => {
    const [sessionCells, needs, requests] = await Promise.all([
      keptFor(sessionCounts, db, JSON.stringify({ q: sessionQuery, exact }), generation, () =>
        exact ? sessionCellsExact(db, q) : sessionCellsFromRollup(db, q),
      ),
      loadLatestNeeds(db, q),
      loadOpenRequests(db, q),
    ]);
    const matches = topicMatches(q);
    return assembleCoverage({ sessionCells: sessionCells.values(), needs, requests, includeCell: (_c, topic) => matches(topic) });
  });
}
