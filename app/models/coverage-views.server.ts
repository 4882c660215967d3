// What the coverage pages show, built on getCoverage so every page and the API
// count the same way: the matrix, the map, the gap list and a country's coverage.
// Each is kept per database and reused while coverage_meta.generation stands
// (byGeneration): the same figures are not rebuilt for every request.
import { sql } from "drizzle-orm";
import { type Executor } from "#db/client.server";
import { type MapCountry } from "~/components/world-map";
import { ALL_TOPICS, type CoverageCell } from "~/domain/coverage";
import { type PageCoverageFilters } from "~/domain/coverage-params";
import { shadeOf, shadeScale } from "~/domain/coverage-scale";
import { rankGaps, type RankedGap } from "~/domain/gaps";
import { listAudiences, listCountries, listOffenceFocuses, listOrganisationOptions, listRegions, listTopics } from "./reference.server";
import { getCoverage, needsExactCount, type CoverageQuery } from "./coverage.server";
import { byGeneration } from "./generation-memo.server";
import { type RequestVisibility } from "./requests.server";

/** Topics and countries as the coverage pages show them, read once per generation. */
export const topicOptions = (db: Executor) => byGeneration(db, "topics", () => listTopics(db));
const countryList = (db: Executor) => byGeneration(db, "countries", () => listCountries(db));

export type TopicColumn = { code: string; label: string; parentCode: string | null };

/** `viewer`: whose open requests count (requestVisibility of the person asking). */
export function queryFromFilters(f: PageCoverageFilters, viewer: RequestVisibility, extra: Partial<CoverageQuery> = {}): CoverageQuery {
  return {
    requestsVisibleTo: viewer,
    from: f.from,
    to: f.to,
    region: f.region,
    audiences: f.audiences,
    offences: f.offences,
    providers: f.providers,
    funders: f.funders,
    ...extra,
  };
}

/** Top-level topics, or one topic and its subtopics when the matrix is drilled down. */
export async function topicColumns(db: Executor, drill: string | null): Promise<{ columns: TopicColumn[]; parent: TopicColumn | null }> {
  const all = await topicOptions(db);
  const parent = drill ? (all.find((t) => t.code === drill && !t.parentCode && all.some((c) => c.parentCode === t.code)) ?? null) : null;
  const columns = parent ? [parent, ...all.filter((t) => t.parentCode === parent.code)] : all.filter((t) => !t.parentCode);
  return { columns, parent };
}

export type MatrixCell = Pick<CoverageCell, "delivered" | "planned" | "participants" | "needLevel" | "gap">;
export type MatrixRow = { code: string; name: string; cells: (MatrixCell | null)[] };
/** Per topic column: countries of the group with delivered training, with only planned training, and with gaps. */
export type GroupSummary = { delivered: number; plannedOnly: number; gaps: number };
export type MatrixSubgroup = {
  code: string;
  name: string;
  countryCount: number;
  /** Countries with delivered training in any topic column. */
  coveredCount: number;
  summary: GroupSummary[];
  rows: MatrixRow[] | null;
};
export type MatrixGroup = { code: string; name: string; subgroups: MatrixSubgroup[] };

/**
 * Countries grouped by UN M49 region and sub-region, one cell per topic column.
 * Each sub-region always has its summary; its country rows only when it is
 * expanded (`expanded` holds sub-region or region codes, or "all"), which keeps
 * the default page small.
 */
export function getCoverageMatrix(db: Executor, filters: PageCoverageFilters, expanded: string[], viewer: RequestVisibility) {
  return byGeneration(db, `matrix ${JSON.stringify({ filters, expanded, viewer })}`, () => buildMatrix(db, filters, expanded, viewer));
}

async function buildMatrix(db: Executor, filters: PageCoverageFilters, expanded: string[], viewer: RequestVisibility) {
  const { columns, parent } = await topicColumns(db, filters.topic);
  const cells = await getCoverage(db, queryFromFilters(filters, viewer, { topics: columns.map((c) => c.code) }));
  const byKey = new Map(cells.map((c) => [`${c.country}|${c.topic}`, c]));
  const countries = (await countryList(db)).filter((c) => c.regionCode && (!filters.region || [c.regionCode, c.subregionCode, c.intermediateCode].includes(filters.region)));
  const groups = new Map<string, MatrixGroup>();
  const isExpanded = (regionCode: string, subCode: string) => expanded.includes("all") || expanded.includes(regionCode) || expanded.includes(subCode);
  for (const country of countries) {
    const group = groups.get(country.regionCode!) ?? { code: country.regionCode!, name: country.regionName!, subgroups: [] };
    groups.set(group.code, group);
    const subCode = country.subregionCode ?? group.code;
    let sub = group.subgroups.find((s) => s.code === subCode);
    if (!sub) {
      sub = {
        code: subCode,
        name: country.subregionName ?? group.name,
        countryCount: 0,
        coveredCount: 0,
        summary: columns.map(() => ({ delivered: 0, plannedOnly: 0, gaps: 0 })),
        rows: isExpanded(group.code, subCode) ? [] : null,
      };
      group.subgroups.push(sub);
    }
    sub.countryCount += 1;
    const rowCells = columns.map((col, i) => {
      const c = byKey.get(`${country.code}|${col.code}`);
      if (!c) return null;
      const summary = sub.summary[i];
      if (c.delivered > 0) summary.delivered += 1;
      else if (c.planned > 0) summary.plannedOnly += 1;
      if (c.gap) summary.gaps += 1;
      return { delivered: c.delivered, planned: c.planned, participants: c.participants, needLevel: c.needLevel, gap: c.gap };
    });
    if (rowCells.some((c) => c && c.delivered > 0)) sub.coveredCount += 1;
    sub.rows?.push({ code: country.code, name: country.name, cells: rowCells });
  }
  const sortedGroups = [...groups.values()].sort((a, b) => a.name.localeCompare(b.name));
  for (const g of sortedGroups) g.subgroups.sort((a, b) => a.name.localeCompare(b.name));
  const delivered = cells.filter((c) => c.delivered > 0).map((c) => c.delivered);
  return { columns, parent, groups: sortedGroups, scale: shadeScale(delivered), exact: needsExactCount(queryFromFilters(filters, viewer)) };
}

/**
 * Latest end date of a delivered session before the window opens, per gap cell
 * (a gap has none inside the window). From the rollup where it can answer.
 */
async function lastDeliveredBefore(db: Executor, q: CoverageQuery, cells: CoverageCell[]): Promise<Map<string, string>> {
  const result = new Map<string, string>();
  if (!q.from || !cells.length) return result;
  const countries = [...new Set(cells.map((c) => c.country))];
  const topics = [...new Set(cells.map((c) => c.topic))];
  const before = await getCoverage(db, { ...q, from: null, to: dayBefore(q.from), countries, topics, topicPrefix: null }, { useCache: !needsExactCount(q) });
  for (const c of before) if (c.lastDelivered) result.set(`${c.country}|${c.topic}`, c.lastDelivered);
  return result;
}

function dayBefore(iso: string) {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

export type GapRow = RankedGap & { countryName: string; topicLabel: string; regionName: string | null };

/** Ranked gaps for the filters, optionally for one country and/or topic (with its subtopics). */
export function getGapList(
  db: Executor,
  filters: PageCoverageFilters,
  today: string,
  viewer: RequestVisibility,
  only: { country?: string | null } = {},
): Promise<GapRow[]> {
  return byGeneration(db, `gaps ${JSON.stringify({ filters, today, viewer, country: only.country ?? null })}`, () => buildGapList(db, filters, today, viewer, only));
}

async function buildGapList(db: Executor, filters: PageCoverageFilters, today: string, viewer: RequestVisibility, only: { country?: string | null }): Promise<GapRow[]> {
  const q = queryFromFilters(filters, viewer, { topicPrefix: filters.topic, countries: only.country ? [only.country] : undefined });
  const gaps = (await getCoverage(db, q)).filter((c) => c.gap);
  const last = await lastDeliveredBefore(db, q, gaps);
  const [countries, topics] = await Promise.all([countryList(db), topicOptions(db)]);
  const countryBy = new Map(countries.map((c) => [c.code, c]));
  const topicBy = new Map(topics.map((t) => [t.code, t.label]));
  return rankGaps(
    gaps.map((g) => ({ ...g, lastDeliveredBefore: last.get(`${g.country}|${g.topic}`) ?? null })),
    today,
  ).map((g) => ({
    ...g,
    countryName: countryBy.get(g.country)?.name ?? g.country,
    regionName: countryBy.get(g.country)?.regionName ?? null,
    topicLabel: topicBy.get(g.topic) ?? g.topic,
  }));
}

/** Per country, the figures of one topic or of all topics (each session once), shaded for the map. */
export function getCoverageMap(db: Executor, filters: PageCoverageFilters, viewer: RequestVisibility) {
  return byGeneration(db, `map ${JSON.stringify({ filters, viewer })}`, () => buildMap(db, filters, viewer));
}

async function buildMap(db: Executor, filters: PageCoverageFilters, viewer: RequestVisibility) {
  const [topics, countries, numerics] = await Promise.all([topicOptions(db), countryList(db), countryNumerics(db)]);
  const topic = filters.topic && topics.some((t) => t.code === filters.topic) ? filters.topic : null;
  const cells = await getCoverage(db, queryFromFilters(filters, viewer, { topics: [topic ?? ALL_TOPICS] }));
  const byCode = new Map(cells.map((c) => [c.country, c]));
  const scale = shadeScale(cells.filter((c) => c.delivered > 0).map((c) => c.delivered));
  const mapCountries: MapCountry[] = countries
    .filter((c) => c.regionCode)
    .map((c) => {
      const cell = byCode.get(c.code);
      const delivered = cell?.delivered ?? 0;
      return { code: c.code, numeric: numerics.get(c.code) ?? "", name: c.name, delivered, planned: cell?.planned ?? 0, participants: cell?.participants ?? 0, shade: shadeOf(delivered, scale), gap: !!cell?.gap };
    });
  const topicLabel = topic ? (topics.find((t) => t.code === topic)?.label ?? topic) : "all topics";
  return { topics, topicLabel, scale, countries: mapCountries };
}

export async function countryExists(db: Executor, code: string) {
  const rows = await db.all<{ code: string; name: string }>(sql`SELECT code, name_en AS name FROM country WHERE code = ${code}`);
  return rows[0] ?? null;
}

/** Options for the coverage filter form. */
export function coverageFilterOptions(db: Executor) {
  return byGeneration(db, "filter options", () => buildFilterOptions(db));
}

async function buildFilterOptions(db: Executor) {
  const [audiences, offences, organisations, regionRows] = await Promise.all([listAudiences(db), listOffenceFocuses(db), listOrganisationOptions(db), listRegions(db)]);
  const regions = new Map<string, string>();
  for (const r of regionRows) {
    if (r.regionCode && r.regionName) regions.set(r.regionCode, r.regionName);
  }
  for (const r of regionRows) {
    if (r.subregionCode && r.subregionName) regions.set(r.subregionCode, `${r.regionName} › ${r.subregionName}`);
  }
  return {
    audiences,
    offences,
    organisations: organisations.map((o) => ({ id: o.id, name: o.name, acronym: o.acronym })),
    regions: [...regions].map(([code, name]) => ({ code, name })).sort((a, b) => a.name.localeCompare(b.name)),
  };
}

/** ISO 3166-1 numeric codes, which key the world-atlas shapes. */
function countryNumerics(db: Executor): Promise<Map<string, string>> {
  return byGeneration(db, "country numerics", () => readCountryNumerics(db));
}

async function readCountryNumerics(db: Executor): Promise<Map<string, string>> {
  const rows = await db.all<{ code: string; numeric: string }>(sql`SELECT code, numeric FROM country`);
  return new Map(rows.map((r) => [r.code, r.numeric.padStart(3, "0")]));
}
