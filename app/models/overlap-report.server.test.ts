import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { testSessionInput } from "#tests/setup/session-input";
import { createTestActor, createTestDb, createTestOrganisation, type TestDb } from "#tests/setup/test-db";
import { type SignedInActor } from "~/utils/permissions.server";
import { countryNames, defaultOverlapPeriod, groupByCountry, overlapReport, type OverlapPair, type SessionBrief } from "./overlap-report.server";
import { createSession, type SessionInput } from "./sessions.server";

let t: TestDb;
let coordinator: SignedInActor;
let orgA: string;
let orgB: string;

beforeEach(async () => {
  t = createTestDb();
  coordinator = await createTestActor(t.db, "coordinator");
  orgA = (await createTestOrganisation(t.db, "Regional Cybercrime Academy")).id;
  orgB = (await createTestOrganisation(t.db, "Global Policing Institute")).id;
});
afterEach(() => t.cleanup());

function input(overrides: Partial<SessionInput> = {}): SessionInput {
  return testSessionInput({ providerId: orgA, reportingOrgId: orgA, ...overrides });
}

const brief = (id: string, startDate: string): SessionBrief => ({ id, title: id, status: "planned", startDate, endDate: startDate, provider: { id: "p", name: "P", acronym: null } });
const pair = (a: SessionBrief, b: SessionBrief, countries: string[]): OverlapPair => ({ a, b, countries, topics: ["EVID"], audiences: ["POLICE"], dayGap: 0 });

describe("overlap report", () => {
  it("names both sessions of each overlapping pair and leaves out those beyond the window", async () => {
    const a = await createSession(t.db, coordinator, input({ countries: ["KEN", "UGA"] }));
    const b = await createSession(t.db, coordinator, input({ providerId: orgB, reportingOrgId: orgB, title: "Evidence handling", startDate: "2026-10-20", endDate: "2026-10-21", countries: ["KEN", "UGA"] }));
    const period = { from: "2026-01-01", to: "2026-12-31", country: null };

    const report = await overlapReport(t.db, { ...period, windowDays: 90 });
    expect(report.tooMany).toBe(false);
    expect(report.pairs).toHaveLength(1);
    const [p] = report.pairs;
    expect([p.a.id, p.b.id].sort()).toEqual([a.id, b.id].sort());
    expect(p.countries).toEqual(["KEN", "UGA"]);
    expect(p.dayGap).toBe(41);
    expect([p.a.provider.name, p.b.provider.name].sort()).toEqual(["Global Policing Institute", "Regional Cybercrime Academy"]);

    expect((await overlapReport(t.db, { ...period, windowDays: 30 })).pairs).toEqual([]);
    // Asked for one country, a pair is shown for that country only.
    expect((await overlapReport(t.db, { ...period, country: "UGA", windowDays: 90 })).pairs[0].countries).toEqual(["UGA"]);
    expect((await overlapReport(t.db, { ...period, country: "TZA", windowDays: 90 })).pairs).toEqual([]);
  });

  it("groups pairs under each shared country, busiest first, with each session once in start order", () => {
    const [x, y, z] = [brief("x", "2026-03-01"), brief("y", "2026-02-01"), brief("z", "2026-04-01")];
    const groups = groupByCountry([pair(x, y, ["KEN", "UGA"]), pair(x, z, ["KEN"])]);
    expect(groups.map((g) => [g.country, g.pairs.length])).toEqual([
      ["KEN", 2],
      ["UGA", 1],
    ]);
    expect(groups[0].sessions.map((s) => s.id)).toEqual(["y", "x", "z"]);
  });

  it("defaults to a year back and a year ahead, and names countries", async () => {
    expect(defaultOverlapPeriod("2026-06-15")).toEqual({ from: "2025-06-15", to: "2027-06-15" });
    expect(await countryNames(t.db, ["KEN"])).toEqual({ KEN: "Kenya" });
    expect(await countryNames(t.db, [])).toEqual({});
  });
});
