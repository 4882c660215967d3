import { describe, expect, it } from "vitest";
import { readPageCoverageFilters } from "./coverage-params";

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
