import { describe, expect, it } from "vitest";
import { dayGap, findOverlaps, overlapBetween, relatedTopicCodes, sharedTopics, topicsRelated, type OverlapFacts } from "./overlaps";

const session = (o: Partial<OverlapFacts> = {}): OverlapFacts => ({
  id: "a",
  providerId: "p1",
  status: "planned",
  startDate: "2026-05-04",
  endDate: "2026-05-08",
  countries: ["KEN"],
  topics: ["EVID.FORENSICS"],
  audiences: ["POLICE"],
  ...o,
});

describe("dayGap", () => {
  it("is 0 for ranges that meet and the days between them otherwise", () => {
    expect(dayGap(session(), session({ startDate: "2026-05-08", endDate: "2026-05-09" }))).toBe(0);
    expect(dayGap(session(), session({ startDate: "2026-05-18", endDate: "2026-05-19" }))).toBe(10);
    expect(dayGap(session({ startDate: "2026-05-18", endDate: "2026-05-19" }), session())).toBe(10);
  });
});

describe("topics", () => {
  it("relates a topic to itself and to its ancestors, never to siblings", () => {
    expect(topicsRelated("EVID", "EVID.FORENSICS")).toBe(true);
    expect(topicsRelated("EVID.FORENSICS", "EVID")).toBe(true);
    expect(topicsRelated("EVID.GATHER", "EVID.PRESENT")).toBe(false);
    expect(topicsRelated("EVID", "EVIDENCE")).toBe(false);
  });
  it("names a shared topic by its more specific code", () => {
    expect(sharedTopics(["EVID", "VIC.ASSIST"], ["EVID.MOBILE", "COOP.MLA"])).toEqual(["EVID.MOBILE"]);
  });
  it("lists every known code related to the given ones", () => {
    expect(relatedTopicCodes(["EVID.MOBILE"], ["EVID", "EVID.MOBILE", "EVID.GATHER", "INV"])).toEqual(["EVID", "EVID.MOBILE"]);
  });
});

describe("overlapBetween (the rule)", () => {
  const other = (o: Partial<OverlapFacts> = {}) => session({ id: "b", providerId: "p2", startDate: "2026-06-15", endDate: "2026-06-16", ...o });

  it("finds two providers serving one country, topic and audience within the window", () => {
    expect(overlapBetween(session(), other())).toEqual({ countries: ["KEN"], topics: ["EVID.FORENSICS"], audiences: ["POLICE"], dayGap: 38 });
  });
  it("needs every part of the rule", () => {
    expect(overlapBetween(session(), other({ providerId: "p1" }))).toBeNull();
    expect(overlapBetween(session(), other({ countries: ["UGA"] }))).toBeNull();
    expect(overlapBetween(session(), other({ topics: ["EVID.GATHER"] }))).toBeNull();
    expect(overlapBetween(session(), other({ audiences: ["JUDGE"] }))).toBeNull();
    expect(overlapBetween(session(), other({ status: "cancelled" }))).toBeNull();
    expect(overlapBetween(session(), session())).toBeNull();
  });
  it("honours the window, inclusive, and an adjusted one", () => {
    expect(overlapBetween(session(), other({ startDate: "2026-08-06", endDate: "2026-08-06" }))?.dayGap).toBe(90);
    expect(overlapBetween(session(), other({ startDate: "2026-08-07", endDate: "2026-08-07" }))).toBeNull();
    expect(overlapBetween(session(), other(), 30)).toBeNull();
  });
  it("counts a shared beneficiary country even when the host countries differ", () => {
    expect(overlapBetween(session({ countries: ["KEN", "UGA"] }), other({ countries: ["UGA"] }))?.countries).toEqual(["UGA"]);
  });
});

describe("findOverlaps", () => {
  it("finds exactly the pairs the rule finds, including after a long programme", () => {
    const sessions: OverlapFacts[] = [];
    const topics = ["EVID", "EVID.FORENSICS", "EVID.GATHER", "VIC.INTERVIEW"];
    for (let i = 0; i < 300; i++) {
      const start = new Date(Date.UTC(2025, 0, 1) + ((i * 37) % 700) * 86_400_000);
      const days = i % 50 === 0 ? 200 : i % 4;
      sessions.push({
        id: `s${String(i).padStart(3, "0")}`,
        providerId: `p${i % 5}`,
        status: i % 17 === 0 ? "cancelled" : "planned",
        startDate: start.toISOString().slice(0, 10),
        endDate: new Date(start.getTime() + days * 86_400_000).toISOString().slice(0, 10),
        countries: i % 9 === 0 ? ["KEN", "UGA"] : [["KEN", "UGA", "TZA"][i % 3]],
        topics: [topics[i % 4]],
        audiences: [["POLICE", "JUDGE"][i % 2]],
      });
    }
    const brute = new Set<string>();
    for (const a of sessions) for (const b of sessions) if (a.id < b.id && overlapBetween(a, b)) brute.add(`${a.id}|${b.id}`);
    const found = new Set(findOverlaps(sessions).map((p) => `${p.a.id}|${p.b.id}`));
    expect(brute.size).toBeGreaterThan(50);
    expect(found).toEqual(brute);
  });
});
