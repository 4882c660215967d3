import { describe, expect, it } from "vitest";
import { readSessionFilters } from "./session-filters";

const read = (query: string) => readSessionFilters(new URLSearchParams(query));

describe("readSessionFilters", () => {
  it("reads every filter, repeated or ;-separated", () => {
    expect(read("q= forensics &country=ken;UGA&region=014&topic=EVID&topic=coop.mla&audience=POLICE&status=planned&status=completed&from=2026-01-01&to=2026-03-31&provider=01ABC&funder=01DEF&reporter=01GHI&sort=oldest")).toEqual({
      q: "forensics",
      countries: ["KEN", "UGA"],
      region: "014",
      topics: ["EVID", "COOP.MLA"],
      audiences: ["POLICE"],
      statuses: ["planned", "completed"],
      from: "2026-01-01",
      to: "2026-03-31",
      provider: "01ABC",
      funder: "01DEF",
      reporter: "01GHI",
      sort: "oldest",
    });
  });

  it("drops values that cannot be right instead of failing", () => {
    expect(read("country=Kenya&region=Africa&topic=EVID'--&status=done&from=1%2F2%2F2026&to=soon&provider=a%20b&reporter=x;y&sort=random")).toEqual({
      q: "",
      countries: [],
      region: null,
      topics: [],
      audiences: [],
      statuses: [],
      from: null,
      to: null,
      provider: null,
      funder: null,
      reporter: null,
      sort: "newest",
    });
  });
});
