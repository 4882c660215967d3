import { describe, expect, it } from "vitest";
import { NO_SESSION_FILTERS, parseSessionFilters, SESSION_LIST_PARAMS } from "./session-filters";

const parse = (query: string) => parseSessionFilters(new URLSearchParams(query));

describe("parseSessionFilters", () => {
  it("reads every filter, repeated or ;-separated, codes in any case", () => {
    expect(
      parse("q= forensics &country=ken;UGA&region=014&topic=EVID&topic=coop.mla&audience=POLICE&offence=csam;SEXTORTION&status=planned&status=completed&from=2026-01-01&to=2026-03-31&provider=01ABC&funder=01DEF&reporter=01GHI&sort=oldest"),
    ).toEqual({
      ok: true,
      value: {
        q: "forensics",
        countries: ["KEN", "UGA"],
        region: "014",
        topics: ["EVID", "COOP.MLA"],
        audiences: ["POLICE"],
        offences: ["CSAM", "SEXTORTION"],
        statuses: ["planned", "completed"],
        from: "2026-01-01",
        to: "2026-03-31",
        providers: ["01ABC"],
        funders: ["01DEF"],
        reporter: "01GHI",
        sort: "oldest",
      },
    });
  });

  it("reads nothing as no filter", () => {
    expect(parse("")).toEqual({ ok: true, value: NO_SESSION_FILTERS });
  });

  it("refuses an impossible date instead of comparing it as text", () => {
    expect(parse("from=2025-13-45")).toMatchObject({ ok: false, parameter: "from" });
    expect(parse("to=1%2F2%2F2026")).toMatchObject({ ok: false, parameter: "to" });
    expect(parse("from=2026-03-01&to=2026-02-01")).toMatchObject({ ok: false, parameter: "from", error: "from must not be after to" });
  });

  it("names the first malformed or unknown parameter", () => {
    expect(parse("country=Kenya")).toMatchObject({ ok: false, parameter: "country" });
    expect(parse("offence=CSAM'--")).toMatchObject({ ok: false, parameter: "offence" });
    expect(parse("status=done")).toMatchObject({ ok: false, parameter: "status" });
    expect(parse("reporter=a%20b")).toMatchObject({ ok: false, parameter: "reporter" });
    expect(parse("page=2")).toMatchObject({ ok: false, parameter: "page" });
    expect(parseSessionFilters(new URLSearchParams("page=2"), SESSION_LIST_PARAMS)).toEqual({ ok: true, value: NO_SESSION_FILTERS });
  });
});
