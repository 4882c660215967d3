import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { csvDocument } from "./csv-safety";
import { HXL_HEADER, HXL_TAGS, hxlRows, type HxlSession } from "./hxl";

const session: HxlSession = {
  id: "S1",
  title: "=Investigating live-streamed abuse",
  provider: { name: "Example Institute" },
  funderList: [{ name: "Funder A" }, { name: "Funder B" }],
  beneficiaries: [
    { code: "PHL", name: "Philippines" },
    { code: "THA", name: "Thailand" },
  ],
  hostCountry: "PHL",
  city: "Manila",
  topicList: [{ code: "INV.LIVESTREAM", label: "Live-streamed abuse" }],
  startDate: "2025-02-01",
  endDate: "2025-02-03",
  status: "completed",
  participants: 30,
};

describe("HXL 3W rows", () => {
  it("carries the 3W hashtags the brief names", () => {
    for (const tag of ["#org+impl", "#org+funder", "#country+code", "#sector", "#date+start", "#date+end", "#status", "#output+num"]) {
      expect(HXL_TAGS).toContain(tag);
    }
    expect(HXL_HEADER).toHaveLength(HXL_TAGS.length);
  });

  it("gives one row per beneficiary country and counts participants once", () => {
    const rows = hxlRows(session);
    const at = (tag: string) => HXL_TAGS.indexOf(tag);
    expect(rows.map((r) => r[at("#country+code")])).toEqual(["PHL", "THA"]);
    expect(rows.map((r) => r[at("#output+num")])).toEqual([30, null]);
    expect(rows[0][at("#org+funder")]).toBe("Funder A; Funder B");
  });

  it("puts the city on the host country's row only", () => {
    const at = HXL_TAGS.indexOf("#loc+name");
    expect(hxlRows(session).map((r) => r[at])).toEqual(["Manila", null]);
    const hostedLast = { ...session, hostCountry: "THA", city: "Bangkok" };
    expect(hxlRows(hostedLast).map((r) => r[at])).toEqual([null, "Bangkok"]);
    const hostedElsewhere = { ...session, hostCountry: "LAO", city: "Vientiane" };
    expect(hxlRows(hostedElsewhere).map((r) => r[at])).toEqual([null, null]);
  });

  it("neutralises formula-looking cells in the file", () => {
    const text = csvDocument([HXL_HEADER, HXL_TAGS, ...hxlRows(session)]);
    const [, tags, first] = parse(text, { bom: true }) as string[][];
    expect(tags[0]).toBe("#activity+id");
    expect(first[HXL_TAGS.indexOf("#activity+name")]).toBe("'=Investigating live-streamed abuse");
  });
});
