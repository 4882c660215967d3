import { describe, expect, it } from "vitest";
import { checkSearch, parseCheckParams } from "./check-params";

const parse = (query: string) => parseCheckParams(new URLSearchParams(query));

describe("reading the check's inputs from the URL", () => {
  it("reads a country or region, lists, and a window, whatever the case of the codes", () => {
    expect(parse("country=ken&topic=evid.mobile;VIC&topic=COOP.MLA&audience=police&from=2025-01-01&to=2026-12-31")).toEqual({
      ok: true,
      value: { country: "KEN", region: null, topics: ["EVID.MOBILE", "VIC", "COOP.MLA"], audiences: ["POLICE"], from: "2025-01-01", to: "2026-12-31" },
    });
    expect(parse("region=014")).toMatchObject({ ok: true, value: { region: "014", country: null, topics: [], from: null } });
  });

  it("names the wrong parameter", () => {
    expect(parse("country=Kenya")).toMatchObject({ ok: false, parameter: "country" });
    expect(parse("region=Africa")).toMatchObject({ ok: false, parameter: "region" });
    expect(parse("country=KEN&from=2025-02-30")).toMatchObject({ ok: false, parameter: "from" });
    expect(parse("country=KEN&from=2026-01-01&to=2025-01-01")).toMatchObject({ ok: false, parameter: "from" });
    expect(parse("country=KEN&topic=EVID%22")).toMatchObject({ ok: false, parameter: "topic" });
    expect(parse("country=KEN&colour=red")).toMatchObject({ ok: false, parameter: "colour" });
  });

  it("writes the same inputs back into an address", () => {
    const parsed = parse("country=KEN&topic=EVID&topic=VIC&audience=POLICE&from=2025-01-01");
    if (!parsed.ok) throw new Error(parsed.error);
    expect(checkSearch(parsed.value)).toBe("country=KEN&topic=EVID&topic=VIC&audience=POLICE&from=2025-01-01");
  });
});
