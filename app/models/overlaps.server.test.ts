import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { testSessionInput } from "#tests/setup/session-input";
import { createTestActor, createTestDb, createTestOrganisation, type TestDb } from "#tests/setup/test-db";
import { overlapBetween, type OverlapFacts } from "~/domain/overlaps";
import { type SignedInActor } from "~/utils/permissions.server";
import { checkSessionDraft, listOverlaps, type SessionDraft } from "./overlaps.server";
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

function draft(overrides: Partial<SessionDraft> = {}): SessionDraft {
  return {
    title: "Introduction to computer forensics",
    courseId: null,
    providerId: orgB,
    reportingOrgId: orgB,
    hostCountry: "KEN",
    countries: ["KEN"],
    city: null,
    startDate: "2026-10-12",
    endDate: "2026-10-14",
    status: "planned",
    mode: null,
    topics: ["EVID"],
    audiences: ["POLICE", "PROSECUTOR"],
    participants: null,
    funders: [],
    trainers: [],
    ...overrides,
  };
}

describe("checkSessionDraft", () => {
  it("warns about another provider's session for the same country, topic and audience within 90 days", async () => {
    const existing = await createSession(t.db, coordinator, input());
    await createSession(t.db, coordinator, input({ topics: ["VIC.INTERVIEW"] }));
    await createSession(t.db, coordinator, input({ startDate: "2027-03-01", endDate: "2027-03-01" }));
    await createSession(t.db, coordinator, input({ status: "cancelled" }));
    await createSession(t.db, coordinator, input({ providerId: orgB, reportingOrgId: orgB }));
    const check = await checkSessionDraft(t.db, draft());
    expect(check.overlaps).toEqual([
      { countries: ["KEN"], topics: ["EVID.FORENSICS"], audiences: ["POLICE"], dayGap: 33, session: expect.objectContaining({ id: existing.id, href: `/sessions/${existing.id}` }) },
    ]);
    expect(check.duplicates).toEqual([]);
    expect((await checkSessionDraft(t.db, draft(), 30)).overlaps).toEqual([]);
  });

  it("says nothing until the rule can apply, and never reports a session against itself", async () => {
    const existing = await createSession(t.db, coordinator, input());
    expect((await checkSessionDraft(t.db, draft({ audiences: [] }))).overlaps).toEqual([]);
    expect((await checkSessionDraft(t.db, draft())).overlaps).toHaveLength(1);
    expect((await checkSessionDraft(t.db, draft({ id: existing.id }))).overlaps).toEqual([]);
    const self = { ...draft({ id: existing.id, providerId: orgA, reportingOrgId: orgA }), title: "Digital forensics for first responders", startDate: "2026-09-07", endDate: "2026-09-09" };
    expect((await checkSessionDraft(t.db, self)).duplicates).toEqual([]);
  });

  it("shows the session a draft may be a second report of, with the reasons", async () => {
    const existing = await createSession(t.db, coordinator, input({ externalId: "RCA-9", status: "completed", startDate: "2025-09-07", endDate: "2025-09-09" }));
    const check = await checkSessionDraft(
      t.db,
      draft({ title: "Workshop: digital forensics for first responders", providerId: orgA, reportingOrgId: orgB, startDate: "2025-09-08", endDate: "2025-09-10", topics: ["EVID.FORENSICS"], status: "completed" }),
    );
    expect(check.duplicates).toHaveLength(1);
    expect(check.duplicates[0].session.id).toBe(existing.id);
    expect(check.duplicates[0].reasons).toContain("dates 1 day apart");
  });
});

describe("listOverlaps", () => {
  it("lists exactly the pairs the rule finds in the period, optionally for one country", async () => {
    const made: OverlapFacts[] = [];
    const providers = [orgA, orgB];
    for (let i = 0; i < 24; i++) {
      const start = new Date(Date.UTC(2026, 0, 1) + i * 19 * 86_400_000).toISOString().slice(0, 10);
      const spec = input({
        providerId: providers[i % 2],
        reportingOrgId: providers[i % 2],
        hostCountry: i % 3 === 0 ? "UGA" : "KEN",
        countries: i % 5 === 0 ? ["KEN", "UGA"] : [],
        startDate: start,
        endDate: start,
        topics: [["EVID", "EVID.FORENSICS", "EVID.GATHER"][i % 3]],
        audiences: [["POLICE", "JUDGE"][i % 4 === 3 ? 1 : 0]],
      });
      const s = await createSession(t.db, coordinator, spec);
      made.push({ id: s.id, providerId: spec.providerId, status: "planned", startDate: start, endDate: start, countries: spec.countries.length ? spec.countries : [spec.hostCountry], topics: spec.topics, audiences: spec.audiences });
    }
    const expected = new Set<string>();
    for (const a of made) for (const b of made) if (a.id < b.id && overlapBetween(a, b)) expected.add(`${a.id}|${b.id}`);
    const found = await listOverlaps(t.db, { from: "2026-01-01", to: "2027-12-31", country: null, windowDays: 90 });
    expect(new Set(found.pairs.map((p) => `${p.a}|${p.b}`))).toEqual(expected);
    expect(expected.size).toBeGreaterThan(10);
    const uganda = await listOverlaps(t.db, { from: "2026-01-01", to: "2027-12-31", country: "UGA", windowDays: 90 });
    expect(uganda.pairs.every((p) => p.countries.includes("UGA"))).toBe(true);
    expect(uganda.pairs.length).toBeLessThan(found.pairs.length);
  });
});
