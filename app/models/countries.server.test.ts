import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  assistanceRequests,
  needsAssessmentItems,
  needsAssessments,
  sessionCountries,
  sessionFunders,
  sessionTopics,
  trainingSessions,
  type SESSION_STATUSES,
} from "#db/schema";
import { createTestActor, createTestDb, createTestOrganisation, type TestDb } from "#tests/setup/test-db";
import { groupByRegion, onlyActive } from "~/domain/country-groups";
import {
  countryProvidersAndFunders,
  countryTopicCounts,
  getCountry,
  latestNeedsAssessment,
  listCountryCounts,
  listCountrySessions,
  listOpenRequests,
  readCountryListFilters,
} from "./countries.server";

let t: TestDb;
let providerId: string;

beforeEach(async () => {
  t = createTestDb();
  providerId = (await createTestOrganisation(t.db, "Provider")).id;
});
afterEach(() => t.cleanup());

type SessionSpec = {
  status: (typeof SESSION_STATUSES)[number];
  countries: string[];
  topics?: string[];
  startDate?: string;
  deleted?: boolean;
  funderId?: string;
  providerId?: string;
};

async function addSession(spec: SessionSpec) {
  const [session] = await t.db
    .insert(trainingSessions)
    .values({
      title: `${spec.status} in ${spec.countries.join("+")}`,
      providerId: spec.providerId ?? providerId,
      reportingOrgId: spec.providerId ?? providerId,
      hostCountry: spec.countries[0],
      startDate: spec.startDate ?? "2024-05-01",
      endDate: spec.startDate ?? "2024-05-01",
      status: spec.status,
      deletedAt: spec.deleted ? "2024-06-01T00:00:00.000Z" : null,
    })
    .returning();
  await t.db.insert(sessionCountries).values(spec.countries.map((countryCode) => ({ sessionId: session.id, countryCode })));
  if (spec.topics?.length) await t.db.insert(sessionTopics).values(spec.topics.map((topicCode) => ({ sessionId: session.id, topicCode })));
  if (spec.funderId) await t.db.insert(sessionFunders).values({ sessionId: session.id, organisationId: spec.funderId });
  return session;
}

const countsOf = async (code: string) => {
  const row = (await listCountryCounts(t.db)).find((c) => c.code === code);
  return { delivered: row?.delivered, planned: row?.planned };
};

describe("sessions counted for a country", () => {
  it("counts completed as delivered, planned and confirmed as planned, and never cancelled or deleted ones", async () => {
    await addSession({ status: "completed", countries: ["KEN"] });
    await addSession({ status: "completed", countries: ["KEN"] });
    await addSession({ status: "planned", countries: ["KEN"] });
    await addSession({ status: "confirmed", countries: ["KEN"] });
    await addSession({ status: "cancelled", countries: ["KEN"] });
    await addSession({ status: "completed", countries: ["KEN"], deleted: true });
    expect(await countsOf("KEN")).toEqual({ delivered: 2, planned: 2 });
    const sessions = await listCountrySessions(t.db, "KEN");
    expect(sessions).toMatchObject({ delivered: 2, planned: 2, total: 4 });
    expect(sessions.items.map((s) => s.status).sort()).toEqual(["completed", "completed", "confirmed", "planned"]);
    expect(await countsOf("FRA")).toEqual({ delivered: 0, planned: 0 });
  });

  it("counts a regional session once in every beneficiary country, and in the region for each", async () => {
    await addSession({ status: "completed", countries: ["KEN", "UGA", "TZA"] });
    await addSession({ status: "planned", countries: ["UGA"] });
    expect(await countsOf("KEN")).toEqual({ delivered: 1, planned: 0 });
    expect(await countsOf("UGA")).toEqual({ delivered: 1, planned: 1 });
    expect(await countsOf("TZA")).toEqual({ delivered: 1, planned: 0 });

    const regions = groupByRegion(await listCountryCounts(t.db));
    const africa = regions.find((r) => r.name === "Africa")!;
    expect(africa).toMatchObject({ delivered: 3, planned: 1 });
    const active = onlyActive(regions);
    expect(active.map((r) => r.name)).toEqual(["Africa"]);
    expect(active[0].subregions.flatMap((s) => s.countries.map((c) => c.code)).sort()).toEqual(["KEN", "TZA", "UGA"]);
    // Every country is somewhere on the full list.
    expect(regions.reduce((n, r) => n + r.countryCount, 0)).toBe((await listCountryCounts(t.db)).length);
  });

  it("lists sessions received newest first, 25 at most", async () => {
    for (let day = 1; day <= 27; day++) await addSession({ status: "completed", countries: ["KEN"], startDate: `2024-01-${String(day).padStart(2, "0")}` });
    const sessions = await listCountrySessions(t.db, "KEN");
    expect(sessions.total).toBe(27);
    expect(sessions.items).toHaveLength(25);
    expect(sessions.items[0].startDate).toBe("2024-01-27");
  });

  it("counts per top-level topic, one session once per area", async () => {
    await addSession({ status: "completed", countries: ["KEN"], topics: ["EVID.MOBILE", "EVID.GATHER", "VIC.INTERVIEW"] });
    await addSession({ status: "planned", countries: ["KEN"], topics: ["EVID"] });
    await addSession({ status: "cancelled", countries: ["KEN"], topics: ["COOP.MLA"] });
    const rows = await countryTopicCounts(t.db, "KEN");
    expect(rows.map((r) => [r.code, r.delivered, r.planned])).toEqual([
      ["EVID", 1, 1],
      ["VIC", 1, 0],
    ]);
    expect(rows[0].label).toMatch(/evidence/i);
  });

  it("names the providers and funders active in the country", async () => {
    const funder = await createTestOrganisation(t.db, "Funder");
    const other = await createTestOrganisation(t.db, "Other provider");
    await addSession({ status: "completed", countries: ["KEN"], funderId: funder.id });
    await addSession({ status: "planned", countries: ["KEN", "UGA"] });
    await addSession({ status: "completed", countries: ["KEN"], providerId: other.id, funderId: funder.id });
    await addSession({ status: "cancelled", countries: ["KEN"], providerId: await createTestOrganisation(t.db, "Cancelled only").then((o) => o.id) });
    const { providers, funders } = await countryProvidersAndFunders(t.db, "KEN");
    expect(providers.map((p) => [p.name, p.sessions])).toEqual([
      ["Provider", 2],
      ["Other provider", 1],
    ]);
    expect(funders.map((f) => [f.name, f.sessions])).toEqual([["Funder", 2]]);
  });
});

describe("the countries list's filter", () => {
  it("is one tick, and anything else is left out and named", async () => {
    const read = (query: string) => readCountryListFilters(new URLSearchParams(query));
    expect(await read("active=1")).toEqual({ filters: { activeOnly: true }, problems: [] });
    expect(await read("")).toEqual({ filters: { activeOnly: false }, problems: [] });
    expect(await read("active=yes&region=002")).toEqual({
      filters: { activeOnly: false },
      problems: [
        { parameter: "region", error: "Unknown parameter region; the parameters are active" },
        { parameter: "active", error: 'active: must be 1 (got "yes")' },
      ],
    });
  });
});

describe("a country's profile", () => {
  it("finds a country by its alpha-3 code in any case, with its UN names and region", async () => {
    expect(await getCountry(t.db, "ken")).toMatchObject({ code: "KEN", nameEn: "Kenya", regionName: "Africa", nameFr: expect.any(String) });
    expect(await getCountry(t.db, "XYZ")).toBeNull();
  });

  it("shows the latest needs assessment, highest need first", async () => {
    expect(await latestNeedsAssessment(t.db, "KEN")).toBeNull();
    const [older] = await t.db.insert(needsAssessments).values({ countryCode: "KEN", assessedOn: "2022-01-10", assessor: "Old team" }).returning();
    const [latest] = await t.db.insert(needsAssessments).values({ countryCode: "KEN", assessedOn: "2024-02-01", assessor: "New team" }).returning();
    await t.db.insert(needsAssessmentItems).values([
      { assessmentId: older.id, topicCode: "EVID", level: 1 },
      { assessmentId: latest.id, topicCode: "EVID.MOBILE", level: 1 },
      { assessmentId: latest.id, topicCode: "VIC.INTERVIEW", level: 3 },
    ]);
    const assessment = await latestNeedsAssessment(t.db, "KEN");
    expect(assessment).toMatchObject({ assessor: "New team" });
    expect(assessment!.items.map((i) => [i.topicCode, i.level])).toEqual([
      ["VIC.INTERVIEW", 3],
      ["EVID.MOBILE", 1],
    ]);
  });

  it("shows open requests to whoever may see them on /requests: public ones to all, the rest to coordinators, donors and the country's focal point", async () => {
    const request = (title: string, isPublic: boolean, status: (typeof assistanceRequests.$inferInsert)["status"] = "submitted") =>
      t.db.insert(assistanceRequests).values({ countryCode: "KEN", title, description: "…", isPublic, status });
    await request("Public", true);
    await request("Private", false);
    await request("Delivered", true, "delivered");
    await request("Withdrawn", true, "withdrawn");
    const titles = async (actor: Parameters<typeof listOpenRequests>[1]) => (await listOpenRequests(t.db, actor, "KEN")).map((r) => r.title).sort();
    expect(await titles(null)).toEqual(["Public"]);
    expect(await titles(await createTestActor(t.db, "donor"))).toEqual(["Private", "Public"]);
    expect(await titles(await createTestActor(t.db, "focal_point", { countryCode: "UGA" }))).toEqual(["Public"]);
    expect(await titles(await createTestActor(t.db, "focal_point", { countryCode: "KEN" }))).toEqual(["Private", "Public"]);
    expect(await titles(await createTestActor(t.db, "coordinator"))).toEqual(["Private", "Public"]);
  });
});
