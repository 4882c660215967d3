import { describe, expect, it } from "vitest";
import { countryHref, parseApiCoverageParams, readPageCoverageFilters } from "./coverage-params";

const read = (query: string) => readPageCoverageFilters(new URLSearchParams(query), "2026-11-28");

describe("readPageCoverageFilters", () => {
  it("reads a known period and reports nothing", () => {
    expect(read("window=12m")).toMatchObject({ preset: "12m", from: "2025-11-29", problems: [] });
  });

  it("says so when the period, region or topic is not one it knows, and falls back to the defaults", () => {
    const filters = read("window=bogus&region=Africa&topic=evid;drop");
    expect(filters).toMatchObject({ preset: "3y", region: null, topic: null });
    expect(filters.problems).toEqual([
      'Unknown period "bogus"; showing the last 3 years instead.',
      'Unknown region "Africa"; showing every region.',
      'Unknown topic "evid;drop"; showing every topic.',
    ]);
  });
});

describe("parseApiCoverageParams", () => {
  const parse = (query: string) => parseApiCoverageParams(new URLSearchParams(query));

  it("reads codes in any case, as the sessions endpoint does", () => {
    expect(parse("topic=evid.mobile&audience=police;Judge&region=002&from=2026-01-01")).toEqual({
      ok: true,
      value: { from: "2026-01-01", to: null, topicPrefix: "EVID.MOBILE", audiences: ["POLICE", "JUDGE"], region: "002" },
    });
  });

  it("refuses parameters it does not take, like every other endpoint", () => {
    expect(parse("pageSize=1")).toMatchObject({ ok: false, parameter: "pageSize" });
  });

  it("refuses malformed values and a window that ends before it starts", () => {
    expect(parse("topic=EVID.")).toMatchObject({ ok: false, parameter: "topic" });
    expect(parse("from=2025-13-45")).toMatchObject({ ok: false, parameter: "from" });
    expect(parse("from=2026-02-01&to=2026-01-01")).toMatchObject({ ok: false, parameter: "from" });
  });
});

describe("countryHref", () => {
  it("carries the period and record filters, which the profile reads back as they were", () => {
    for (const query of ["window=12m&audience=POLICE", "from=2024-01-01&to=2024-06-30&offence=CSAM;GROOMING&provider=p1&funder=f1", "window=all"]) {
      const filters = read(`${query}&region=002&topic=EVID`);
      const href = countryHref("KEN", filters);
      expect(href).toMatch(/^\/countries\/KEN\?/);
      const back = read(href.split("?")[1]);
      expect({ ...back, region: filters.region, topic: filters.topic }).toEqual(filters);
      expect(back).toMatchObject({ region: null, topic: null });
    }
  });

  it("is the plain profile address with the default period and no filters", () => {
    expect(countryHref("KEN", read(""))).toBe("/countries/KEN");
  });
});
