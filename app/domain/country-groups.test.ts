import { describe, expect, it } from "vitest";
import { groupByRegion, needLevelLabel, onlyActive, type CountryCounts } from "./country-groups";

const country = (code: string, region: string | null, subregion: string | null, delivered = 0, planned = 0): CountryCounts => ({
  code,
  name: code,
  regionCode: region,
  regionName: region,
  subregionCode: subregion,
  subregionName: subregion,
  delivered,
  planned,
});

describe("grouping countries by region", () => {
  it("sorts regions, sub-regions and countries by name, areas without a region last, with totals", () => {
    const regions = groupByRegion([
      country("ZZZ", null, null),
      country("UGA", "Africa", "Sub-Saharan Africa", 2, 1),
      country("EGY", "Africa", "Northern Africa", 1),
      country("KEN", "Africa", "Sub-Saharan Africa", 0, 3),
      country("ATA", "Americas", null),
    ]);
    expect(regions.map((r) => [r.name, r.delivered, r.planned, r.countryCount])).toEqual([
      ["Africa", 3, 4, 3],
      ["Americas", 0, 0, 1],
      ["Other areas", 0, 0, 1],
    ]);
    expect(regions[0].subregions.map((s) => [s.name, s.countries.map((c) => c.code)])).toEqual([
      ["Northern Africa", ["EGY"]],
      ["Sub-Saharan Africa", ["KEN", "UGA"]],
    ]);
    // A region with no sub-regions gets one group named after itself.
    expect(regions[1].subregions[0].name).toBe("Americas");
  });

  it("keeps only countries with something delivered or planned", () => {
    const active = onlyActive(groupByRegion([country("UGA", "Africa", "East", 0, 1), country("KEN", "Africa", "East"), country("FRA", "Europe", "West")]));
    expect(active.map((r) => [r.name, r.countryCount, r.subregions[0].countries.map((c) => c.code)])).toEqual([["Africa", 1, ["UGA"]]]);
  });

  it("names need levels", () => {
    expect([0, 1, 2, 3].map(needLevelLabel)).toEqual(["None", "Low", "Significant", "Critical"]);
  });
});
