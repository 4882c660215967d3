import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestActor, createTestDb, createTestOrganisation, type TestDb } from "#tests/setup/test-db";
import { type SignedInActor } from "~/utils/permissions.server";
import { getCoverage } from "./coverage.server";
import { runDonorCheck } from "./donor-check.server";
import { createFunding } from "./fundings.server";
import { createNeedsAssessment } from "./needs-assessments.server";
import { createRequest } from "./requests.server";
import { createSession, type SessionInput } from "./sessions.server";

let t: TestDb;
let coordinator: SignedInActor;
let providerA: string;
let providerB: string;
let donorOrg: string;

beforeEach(async () => {
  t = createTestDb();
  coordinator = await createTestActor(t.db, "coordinator");
  providerA = (await createTestOrganisation(t.db, "Academy A")).id;
  providerB = (await createTestOrganisation(t.db, "Foundation B")).id;
  donorOrg = (await createTestOrganisation(t.db, "Donor D", "donor")).id;
});
afterEach(() => t.cleanup());

const session = (over: Partial<SessionInput>): SessionInput => ({
  courseId: null,
  title: "Session",
  providerId: providerA,
  reportingOrgId: providerA,
  externalId: null,
  hostCountry: "KEN",
  city: null,
  countries: [],
  startDate: "2025-04-01",
  endDate: "2025-04-03",
  status: "completed",
  topics: ["EVID.MOBILE"],
  audiences: ["POLICE"],
  offences: [],
  funders: [],
  trainers: [],
  language: null,
  mode: null,
  participants: 10,
  participantsFemale: null,
  participantsMale: null,
  outcomes: null,
  notes: null,
  ...over,
});

describe("the donor's check from the database", () => {
  it("gives the verdicts of a hand-built case, with the coverage figures for the same window", async () => {
    const delivered = await createSession(t.db, coordinator, session({ title: "Delivered forensics", funders: [donorOrg] }));
    await createSession(t.db, coordinator, session({ title: "Planned interviewing", status: "planned", startDate: "2026-06-01", endDate: "2026-06-02", topics: ["VIC.INTERVIEW"], providerId: providerB, reportingOrgId: providerB }));
    await createSession(t.db, coordinator, session({ title: "Cancelled MLA", status: "cancelled", topics: ["COOP.MLA"] }));
    await createSession(t.db, coordinator, session({ title: "Uganda MLA", hostCountry: "UGA", topics: ["COOP.MLA"] }));
    const focal = await createTestActor(t.db, "focal_point", { countryCode: "KEN" });
    await createNeedsAssessment(t.db, focal, { countryCode: "KEN", assessedOn: "2025-01-10", assessor: "Task force", notes: null, items: [{ topicCode: "COOP.MLA", level: 3, notes: null }] });
    await createRequest(t.db, focal, {
      countryCode: "KEN",
      agencyId: null,
      agencyName: null,
      title: "MLA training",
      description: "Requests abroad take a year.",
      expectedParticipants: null,
      wantedFrom: null,
      wantedTo: null,
      urgency: "high",
      isPublic: false,
      topics: ["COOP.MLA"],
      audiences: [],
      languages: [],
    });
    await createFunding(t.db, coordinator, { donorId: donorOrg, sessionId: delivered.id, requestId: null, amount: 1000, currency: "USD", status: "disbursed", note: null });

    const q = { country: "KEN", region: null, topics: ["EVID.MOBILE", "VIC.INTERVIEW", "COOP.MLA", "PREV.CHILDREN"], audiences: [], from: "2025-01-01", to: "2026-12-31" };
    const check = await runDonorCheck(t.db, null, q);
    if ("problem" in check) throw new Error(check.problem.error);
    expect(check.verdicts.map((v) => [v.topic, v.verdict, v.delivered, v.planned, v.openRequests, v.needLevel])).toEqual([
      ["EVID.MOBILE", "covered", 1, 0, 0, null],
      ["VIC.INTERVIEW", "planned", 0, 1, 0, null],
      ["COOP.MLA", "gap", 0, 0, 1, 3],
      ["PREV.CHILDREN", "gap", 0, 0, 0, null],
    ]);
    expect(check.verdicts[0]).toMatchObject({ providers: [{ name: "Academy A" }], funders: [{ name: "Donor D" }] });
    expect(check.verdicts[1].summary).toBe("Planned by Foundation B in Jun 2026 (1 session); nothing delivered yet.");
    // A visitor is told a non-public request exists, but not what it is.
    expect(check).toMatchObject({ requests: [], hiddenRequests: 1 });

    // One semantics: the coverage model counts the same sessions and needs, and
    // (as a coordinator sees them) the same requests.
    const cells = await getCoverage(t.db, { from: q.from, to: q.to, countries: ["KEN"], requestsVisibleTo: { all: true } }, { method: "exact" });
    for (const v of check.verdicts) {
      const cell = cells.find((c) => c.country === "KEN" && c.topic === v.topic);
      expect([cell?.delivered ?? 0, cell?.planned ?? 0, cell?.needLevel ?? null, cell?.openRequests ?? 0]).toEqual([v.delivered, v.planned, v.needLevel, v.openRequests]);
    }

    // The region (Eastern Africa) includes Uganda's MLA session.
    const region = await runDonorCheck(t.db, coordinator, { ...q, country: null, region: "014" });
    if ("problem" in region) throw new Error(region.problem.error);
    expect(region.place.name).toBe("Eastern Africa");
    expect(region.verdicts.find((v) => v.topic === "COOP.MLA")).toMatchObject({ verdict: "covered", delivered: 1, openRequests: 1 });
    expect(region.requests.map((r) => r.title)).toEqual(["MLA training"]);
  });

  it("names the parameter that is wrong", async () => {
    const base = { country: null, region: null, topics: [], audiences: [], from: null, to: null };
    expect(await runDonorCheck(t.db, null, base)).toEqual({ problem: { error: "Choose a country or a region", parameter: "country" } });
    expect(await runDonorCheck(t.db, null, { ...base, country: "XXX" })).toMatchObject({ problem: { parameter: "country" } });
    expect(await runDonorCheck(t.db, null, { ...base, region: "999" })).toMatchObject({ problem: { parameter: "region" } });
    expect(await runDonorCheck(t.db, null, { ...base, country: "KEN", topics: ["NOPE"] })).toMatchObject({ problem: { parameter: "topic" } });
    expect(await runDonorCheck(t.db, null, { ...base, country: "KEN", audiences: ["NOPE"] })).toMatchObject({ problem: { parameter: "audience" } });
    const all = await runDonorCheck(t.db, null, { ...base, country: "KEN" });
    if ("problem" in all) throw new Error(all.problem.error);
    expect(all.verdicts.map((v) => v.topic)).toEqual(["EVID", "INV", "VIC", "COOP", "GOV", "PREV", "TOT"]);
  });
});
