import { describe, expect, test } from "vitest";
import {
  aggregateSessions,
  computeCoverage,
  latestNeeds,
  openRequestsByCell,
  splitStartRange,
  topicClosure,
  type CoverageWindow,
  type SessionRecord,
} from "./coverage";

const ALL: CoverageWindow = { from: null, to: null };

function session(overrides: Partial<SessionRecord> = {}): SessionRecord {
  return {
    id: overrides.id ?? "s1",
    status: "completed",
    startDate: "2024-03-10",
    endDate: "2024-03-12",
    participants: 20,
    deletedAt: null,
    countries: ["KEN"],
    topics: ["EVID.PRESERVE"],
    ...overrides,
  };
}

function cell(cells: ReturnType<typeof aggregateSessions>, country: string, topic: string) {
  return cells.get(`${country}|${topic}`);
}

describe("sessions", () => {
  test("a regional session covers every beneficiary country", () => {
    const cells = aggregateSessions([session({ countries: ["KEN", "UGA", "TZA"] })], ALL);
    for (const c of ["KEN", "UGA", "TZA"]) expect(cell(cells, c, "EVID.PRESERVE")).toMatchObject({ delivered: 1, participants: 20 });
  });

  test("a parent topic is covered when a subtopic is, once per session", () => {
    const cells = aggregateSessions([session({ topics: ["EVID.PRESERVE", "EVID.GATHER"] })], ALL);
    expect(cell(cells, "KEN", "EVID")).toMatchObject({ delivered: 1, participants: 20 });
    expect(cell(cells, "KEN", "EVID.GATHER")).toMatchObject({ delivered: 1 });
    expect(cell(cells, "KEN", "INV")).toBeUndefined();
    expect(cell(cells, "KEN", "*")).toMatchObject({ delivered: 1 }); // all topics: once per session
    expect(topicClosure(["A.B.C", "A.D"]).sort()).toEqual(["A", "A.B", "A.B.C", "A.D"]);
  });

  test("a session counts when its date range overlaps the window", () => {
    const s = session({ startDate: "2024-01-30", endDate: "2024-02-02" });
    expect(aggregateSessions([s], { from: "2024-02-01", to: "2024-02-29" }).size).toBeGreaterThan(0);
    expect(aggregateSessions([s], { from: "2023-12-01", to: "2024-01-30" }).size).toBeGreaterThan(0);
    expect(aggregateSessions([s], { from: "2024-02-03", to: null }).size).toBe(0);
    expect(aggregateSessions([s], { from: null, to: "2024-01-29" }).size).toBe(0);
  });

  test("cancelled never counts; planned and confirmed are planned, never delivered", () => {
    const cells = aggregateSessions(
      [
        session({ id: "a", status: "cancelled" }),
        session({ id: "b", status: "planned", participants: 10 }),
        session({ id: "c", status: "confirmed", participants: 5 }),
      ],
      ALL,
    );
    expect(cell(cells, "KEN", "EVID.PRESERVE")).toMatchObject({ delivered: 0, planned: 2, participants: 0, plannedParticipants: 15, lastDelivered: null });
  });

  test("soft-deleted sessions, merged duplicates included, never count", () => {
    const survivor = session({ id: "a", endDate: "2024-03-11" });
    const mergedAway = session({ id: "b", deletedAt: "2024-04-01T00:00:00Z", endDate: "2024-03-12" });
    const cells = aggregateSessions([survivor, mergedAway], ALL);
    expect(cell(cells, "KEN", "EVID.PRESERVE")).toMatchObject({ delivered: 1, participants: 20, lastDelivered: "2024-03-11" });
  });

  test("last delivered is the latest end date of a delivered session in the window", () => {
    const cells = aggregateSessions(
      [session({ id: "a", endDate: "2024-03-12" }), session({ id: "b", startDate: "2024-05-01", endDate: "2024-05-03" })],
      { from: null, to: "2024-04-30" },
    );
    expect(cell(cells, "KEN", "EVID")?.lastDelivered).toBe("2024-03-12");
  });
});

describe("needs, requests and gaps", () => {
  test("the latest assessment wins; a parent takes its subtopics' highest level", () => {
    const needs = latestNeeds([
      { id: "1", countryCode: "KEN", assessedOn: "2023-01-01", createdAt: "2023-01-02", deletedAt: null, items: [{ topicCode: "VIC.INTERVIEW", level: 3 }] },
      {
        id: "2",
        countryCode: "KEN",
        assessedOn: "2024-01-01",
        createdAt: "2024-01-02",
        deletedAt: null,
        items: [
          { topicCode: "EVID.PRESERVE", level: 3 },
          { topicCode: "EVID.GATHER", level: 1 },
        ],
      },
      { id: "3", countryCode: "KEN", assessedOn: "2025-01-01", createdAt: "2025-01-02", deletedAt: "2025-02-01", items: [] },
    ]);
    expect(Object.fromEntries(needs.get("KEN")!)).toEqual({ EVID: 3, "EVID.PRESERVE": 3, "EVID.GATHER": 1, "*": 3 });
  });

  test("open requests count per topic and ancestor, once per request; closed ones do not count", () => {
    const cells = openRequestsByCell([
      { id: "r1", countryCode: "KEN", status: "submitted", createdAt: "2024-02-01", deletedAt: null, topics: ["EVID.PRESERVE", "EVID.GATHER"] },
      { id: "r2", countryCode: "KEN", status: "scheduled", createdAt: "2024-01-01", deletedAt: null, topics: ["EVID.GATHER"] },
      { id: "r3", countryCode: "KEN", status: "delivered", createdAt: "2023-01-01", deletedAt: null, topics: ["EVID.GATHER"] },
      { id: "r4", countryCode: "KEN", status: "submitted", createdAt: "2023-01-01", deletedAt: "2023-02-01", topics: ["EVID.GATHER"] },
    ]);
    expect(cells.get("KEN|EVID")).toEqual({ count: 2, oldest: "2024-01-01" });
    expect(cells.get("KEN|EVID.PRESERVE")).toEqual({ count: 1, oldest: "2024-02-01" });
  });

  test("a cell with need ≥ 2 or an open request and nothing delivered or planned is a gap", () => {
    const cells = computeCoverage({
      window: { from: "2024-01-01", to: "2024-12-31" },
      sessions: [session({ id: "old", startDate: "2020-01-01", endDate: "2020-01-02", topics: ["EVID.GATHER"] }), session({ id: "p", status: "planned", topics: ["VIC.ASSIST"] })],
      assessments: [
        {
          id: "1",
          countryCode: "KEN",
          assessedOn: "2024-01-01",
          createdAt: "2024-01-01",
          deletedAt: null,
          items: [
            { topicCode: "EVID.GATHER", level: 2 },
            { topicCode: "VIC.ASSIST", level: 3 },
            { topicCode: "GOV.LAW", level: 1 },
          ],
        },
      ],
      requests: [{ id: "r", countryCode: "UGA", status: "under_review", createdAt: "2024-05-01", deletedAt: null, topics: ["COOP.MLA"] }],
    });
    const byKey = new Map(cells.map((c) => [`${c.country}|${c.topic}`, c]));
    expect(byKey.get("KEN|EVID.GATHER")).toMatchObject({ gap: true, needLevel: 2, delivered: 0 });
    expect(byKey.get("KEN|VIC.ASSIST")).toMatchObject({ gap: false, planned: 1, needLevel: 3 });
    expect(byKey.get("KEN|GOV.LAW")).toMatchObject({ gap: false, needLevel: 1 });
    expect(byKey.get("UGA|COOP")).toMatchObject({ gap: true, openRequests: 1, oldestOpenRequest: "2024-05-01" });
    // A cell with nothing in it is not listed; a session outside the window adds nothing.
    expect(byKey.has("KEN|INV")).toBe(false);
    expect(byKey.get("KEN|EVID.GATHER")?.lastDelivered).toBeNull();
  });
});

describe("splitting a window's start dates for the rollup", () => {
  test("whole years, whole months, and exact days at the edges", () => {
    expect(splitStartRange("2023-11-15", "2026-02-10")).toEqual({
      years: ["2024", "2025"],
      months: ["2023-12", "2026-01"],
      exactRanges: [
        { from: "2023-11-15", to: "2023-11-30" },
        { from: "2026-02-01", to: "2026-02-10" },
      ],
    });
  });

  test("within one month, and leap years", () => {
    expect(splitStartRange("2024-02-03", "2024-02-05")).toEqual({ years: [], months: [], exactRanges: [{ from: "2024-02-03", to: "2024-02-05" }] });
    expect(splitStartRange("2024-02-01", "2024-02-29")).toEqual({ years: [], months: ["2024-02"], exactRanges: [] });
    expect(splitStartRange("2024-01-01", "2024-12-31")).toEqual({ years: ["2024"], months: [], exactRanges: [] });
    expect(splitStartRange("2024-05-01", "2024-04-01")).toEqual({ years: [], months: [], exactRanges: [] });
  });
});
