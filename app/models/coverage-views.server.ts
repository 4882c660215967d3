// What the coverage pages show, built on getCoverage so every page and the API
// count the same way: the matrix, the map, the gap list and a country's coverage.
import { sql } from "drizzle-orm";
import { type Executor } from "#db/client.server";
import { ALL_TOPICS, type CoverageCell } from "~/domain/coverage";
import { type PageCoverageFilters } from "~/domain/coverage-params";
import { shadeScale } from "~/domain/coverage-scale";
import { rankGaps, type RankedGap } from "~/domain/gaps";
import { listAudiences, listCountries, listOffenceFocuses, listOrganisationOptions, listRegions, listTopics } from "./reference.server";
import { getCoverage, needsExactCount, type CoverageQuery } from "./coverage.server";

export type TopicColumn = { code: string; label: string; parentCode: string | null };

export function queryFromFilters(f: PageCoverageFilters, extra: Partial<CoverageQuery> = {}): CoverageQuery {
  return {
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
  const all = await listTopics(db);
  const parent = drill ? (all.find((t) => t.code === drill && !t.parentCode && all.some((c) => c.parentCode === t.code)) ?? null) : null;
  const columns = parent ? [parent, ...all.filter((t) => t.parentCode === parent.code)] : all.filter((t) => !t.parentCode);
  return { columns, parent };
}

export type MatrixCell = Pick<CoverageCell, "delivered" | "planned" | "participants" | "plannedParticipants" | "needLevel" | "openRequests" | "gap">;
export type MatrixRow = { code: string; name: string; cells: (MatrixCell | null)[] };
export type MatrixGroup = { code: string; name: string; subgroups: { code: string; name: string; rows: MatrixRow[] }[] };

/** Countries grouped by UN M49 region and sub-region, one cell per topic column. */
export async function getCoverageMatrix(db: Executor, filters: PageCoverageFilters) {
  const { columns, parent } = await topicColumns(db, filters.topic);
  const cells = await getCoverage(db, queryFromFilters(filters, { topics: columns.map((c) => c.code) }));
  const byKey = new Map(cells.map((c) => [`${c.country}|${c.topic}`, c]));
  const countries = (await listCountries(db)).filter((c) => c.regionCode && (!filters.region || [c.regionCode, c.subregionCode, c.intermediateCode].includes(filters.region)));
  const groups = new Map<string, MatrixGroup>();
  for (const country of countries) {
    const group = groups.get(country.regionCode!) ?? { code: country.regionCode!, name: country.regionName!, subgroups: [] };
    groups.set(group.code, group);
    const subCode = country.subregionCode ?? group.code;
    let sub = group.subgroups.find((s) => s.code === subCode);
    if (!sub) group.subgroups.push((sub = { code: subCode, name: country.subregionName ?? group.name, rows: [] }));
    sub.rows.push({
      code: country.code,
      name: country.name,
      cells: columns.map((col) => {
        const c = byKey.get(`${country.code}|${col.code}`);
        return c
          ? { delivered: c.delivered, planned: c.planned, participants: c.participants, plannedParticipants: c.plannedParticipants, needLevel: c.needLevel, openRequests: c.openRequests, gap: c.gap }
          : null;
      }),
    });
  }
  const sortedGroups = [...groups.values()].sort((a, b) => a.name.localeCompare(b.name));
  for (const g of sortedGroups) g.subgroups.sort((a, b) => a.name.localeCompare(b.name));
  const delivered = cells.filter((c) => c.delivered > 0).map((c) => c.delivered);
  return { columns, parent, groups: sortedGroups, scale: shadeScale(delivered), exact: needsExactCount(queryFromFilters(filters)) };
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
export async function getGapList(db: Executor, filters: PageCoverageFilters, today: string, only: { country?: string | null } = {}): Promise<GapRow[]> {
  const q = queryFromFilters(filters, { topicPrefix: filters.topic, countries: only.country ? [only.country] : undefined });
  const gaps = (await getCoverage(db, q)).filter((c) => c.gap);
  const last = await lastDeliveredBefore(db, q, gaps);
  const [countries, topics] = await Promise.all([listCountries(db), listTopics(db)]);
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

/** Per country, the figures of one topic or of all topics (each session once) for the map. */
export async function getMapFigures(db: Executor, filters: PageCoverageFilters, topic: string | null) {
  const topics = await listTopics(db);
  const chosen = topic && topics.some((t) => t.code === topic) ? topic : null;
  const cells = await getCoverage(db, queryFromFilters(filters, { topics: [chosen ?? ALL_TOPICS] }));
  return { topics, topic: chosen, cells };
}

export async function countryExists(db: Executor, code: string) {
  const rows = await db.all<{ code: string; name: string }>(sql`SELECT code, name_en AS name FROM country WHERE code = ${code}`);
  return rows[0] ?? null;
}

/** Options for the coverage filter form. */
export async function coverageFilterOptions(db: Executor) {
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
export async function countryNumerics(db: Executor): Promise<Map<string, string>> {
  const rows = await db.all<{ code: string; numeric: string }>(sql`SELECT code, numeric FROM country`);
  return new Map(rows.map((r) => [r.code, r.numeric.padStart(3, "0")]));
}
