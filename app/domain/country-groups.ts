import { NEED_LABELS } from "./gaps";
// Countries arranged by UN M49 region and sub-region, with each group's
// totals, for the countries page. Pure: the rows come from the model.

export type CountryCounts = {
  code: string;
  name: string;
  regionCode: string | null;
  regionName: string | null;
  subregionCode: string | null;
  subregionName: string | null;
  delivered: number;
  planned: number;
};

type Totals = { delivered: number; planned: number };
export type SubregionGroup = Totals & { code: string; name: string; countries: CountryCounts[] };
export type RegionGroup = Totals & { code: string; name: string; subregions: SubregionGroup[]; countryCount: number };

// A few ISO areas (Antarctica, some islands) sit in no M49 region.
const NO_REGION = { code: "", name: "Other areas" };

/**
 * Regions A–Z (areas without one last), sub-regions A–Z, countries A–Z.
 * Totals add up the countries' counts, so a session for several countries of a
 * region counts once in each of them (the registry counts per beneficiary).
 */
export function groupByRegion(rows: CountryCounts[]): RegionGroup[] {
  const regions = new Map<string, RegionGroup>();
  for (const row of rows) {
    const regionKey = row.regionCode ?? NO_REGION.code;
    let region = regions.get(regionKey);
    if (!region) {
      region = { code: regionKey, name: row.regionName ?? NO_REGION.name, subregions: [], countryCount: 0, delivered: 0, planned: 0 };
      regions.set(regionKey, region);
    }
    // A region without sub-regions still gets one group, named after itself.
    const subKey = row.subregionCode ?? regionKey;
    let subregion = region.subregions.find((s) => s.code === subKey);
    if (!subregion) {
      subregion = { code: subKey, name: row.subregionName ?? region.name, countries: [], delivered: 0, planned: 0 };
      region.subregions.push(subregion);
    }
    subregion.countries.push(row);
    for (const group of [region, subregion]) {
      group.delivered += row.delivered;
      group.planned += row.planned;
    }
    region.countryCount += 1;
  }
  const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, "en");
  const sorted = [...regions.values()].sort((a, b) => (a.code === NO_REGION.code ? 1 : b.code === NO_REGION.code ? -1 : byName(a, b)));
  for (const region of sorted) {
    region.subregions.sort(byName);
    for (const subregion of region.subregions) subregion.countries.sort(byName);
  }
  return sorted;
}

/** Drop countries with nothing delivered or planned, and groups left empty. */
export function onlyActive(regions: RegionGroup[]): RegionGroup[] {
  return regions
    .map((region) => {
      const subregions = region.subregions
        .map((s) => ({ ...s, countries: s.countries.filter((c) => c.delivered + c.planned > 0) }))
        .filter((s) => s.countries.length > 0);
      return { ...region, subregions, countryCount: subregions.reduce((n, s) => n + s.countries.length, 0) };
    })
    .filter((region) => region.subregions.length > 0);
}

/** Need levels of a needs assessment (0–3), as words. */
// One scale everywhere: the labels are the gap list's (DESIGN §2: 0 none … 3 critical).
export const NEED_LEVEL_LABELS = NEED_LABELS;

export function needLevelLabel(level: number): string {
  return NEED_LEVEL_LABELS[level] ?? String(level);
}
