import { and, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { auditEvents } from "#db/schema";
import { createTestActor, createTestDb, createTestOrganisation, type TestDb } from "#tests/setup/test-db";
import { type SignedInActor } from "~/utils/permissions.server";
import { createFunding, deleteFunding, FundingInputError, fundingTotals, getFunding, listFundings, updateFunding, type FundingInput } from "./fundings.server";
import { StaleVersionError } from "./records.server";
import { createRequest } from "./requests.server";
import { createSession } from "./sessions.server";

let t: TestDb;
let coordinator: SignedInActor;
let donor: SignedInActor;
let donorOrg: string;
let otherDonorOrg: string;
let sessionId: string;

beforeEach(async () => {
  t = createTestDb();
  coordinator = await createTestActor(t.db, "coordinator");
  donorOrg = (await createTestOrganisation(t.db, "Northern Aid Agency", "donor")).id;
  otherDonorOrg = (await createTestOrganisation(t.db, "Southern Trust", "donor")).id;
  donor = await createTestActor(t.db, "donor", { organisationId: donorOrg });
  const provider = (await createTestOrganisation(t.db, "Provider")).id;
  const session = await createSession(t.db, coordinator, {
    courseId: null,
    title: "Prosecutors' course on electronic evidence",
    providerId: provider,
    reportingOrgId: provider,
    externalId: null,
    hostCountry: "GHA",
    city: null,
    countries: [],
    startDate: "2026-05-04",
    endDate: "2026-05-08",
    status: "planned",
    topics: ["EVID.PRESENT"],
    audiences: ["PROSECUTOR"],
    offences: [],
    funders: [],
    trainers: [],
    language: null,
    mode: null,
    participants: null,
    participantsFemale: null,
    participantsMale: null,
    outcomes: null,
    notes: null,
  });
  sessionId = session.id;
});
afterEach(() => t.cleanup());

const funding = (over: Partial<FundingInput> = {}): FundingInput => ({
  donorId: donorOrg,
  sessionId,
  requestId: null,
  amount: 25000,
  currency: "EUR",
  status: "pledged",
  note: null,
  ...over,
});

describe("recording funding", () => {
  it("lets a donor record their own organisation's funding of a session, audited", async () => {
    const row = await createFunding(t.db, donor, funding());
    expect(row).toMatchObject({ donorId: donorOrg, sessionId, amount: 25000, currency: "EUR", status: "pledged" });
    const [audit] = await t.db.select().from(auditEvents).where(and(eq(auditEvents.recordId, row.id), eq(auditEvents.recordKind, "funding")));
    expect(audit).toMatchObject({ action: "create", actorId: donor.id });
  });

  it("refuses another donor's organisation, trainers and visitors; coordinators record for any donor", async () => {
    await expect(createFunding(t.db, donor, funding({ donorId: otherDonorOrg }))).rejects.toMatchObject({ status: 403 });
    const trainer = await createTestActor(t.db, "trainer", { organisationId: donorOrg });
    await expect(createFunding(t.db, trainer, funding())).rejects.toMatchObject({ status: 403 });
    await expect(createFunding(t.db, null, funding())).rejects.toMatchObject({ status: 403 });
    await expect(createFunding(t.db, coordinator, funding({ donorId: otherDonorOrg }))).resolves.toMatchObject({ donorId: otherDonorOrg });
  });

  it("checks the amount, the currency and what is funded", async () => {
    await expect(createFunding(t.db, donor, funding({ currency: null }))).rejects.toBeInstanceOf(FundingInputError);
    await expect(createFunding(t.db, donor, funding({ currency: "XYZ" }))).rejects.toThrow(/ISO 4217/);
    await expect(createFunding(t.db, donor, funding({ amount: -5 }))).rejects.toThrow(/0 or more/);
    await expect(createFunding(t.db, donor, funding({ sessionId: null }))).rejects.toThrow(/one session or one request/);
    await expect(createFunding(t.db, donor, funding({ sessionId: "missing" }))).rejects.toMatchObject({ status: 404 });
    // No amount at all is fine: a donor may record support before figures are known.
    await expect(createFunding(t.db, donor, funding({ amount: null, currency: null }))).resolves.toMatchObject({ amount: null });
  });

  it("funds a request, and hides funding of a request from those who may not see it", async () => {
    const focal = await createTestActor(t.db, "focal_point", { countryCode: "KEN" });
    const request = await createRequest(t.db, focal, {
      countryCode: "KEN",
      agencyId: null,
      agencyName: null,
      title: "Judges' awareness",
      description: "A day for senior judges.",
      expectedParticipants: null,
      wantedFrom: null,
      wantedTo: null,
      urgency: "low",
      isPublic: false,
      topics: ["EVID.PRESENT"],
      audiences: ["JUDGE"],
      languages: [],
    });
    const row = await createFunding(t.db, donor, funding({ sessionId: null, requestId: request.id, status: "committed" }));
    expect((await listFundings(t.db, focal, { requestIds: [request.id] })).map((f) => f.targetTitle)).toEqual(["Judges' awareness"]);
    const outsider = await createTestActor(t.db, "focal_point", { countryCode: "UGA" });
    expect(await listFundings(t.db, outsider, { requestIds: [request.id] })).toEqual([]);
    expect(await getFunding(t.db, outsider, row.id)).toBeNull();
  });
});

describe("changing funding", () => {
  it("moves a pledge to committed and disbursed on the version it was opened at; only its donor or a coordinator may", async () => {
    const row = await createFunding(t.db, donor, funding());
    const committed = await updateFunding(t.db, { id: row.id, expectedVersion: 1, actor: donor, values: { amount: 30000, currency: "EUR", status: "committed", note: null } });
    expect(committed).toMatchObject({ status: "committed", amount: 30000, version: 2 });
    await expect(updateFunding(t.db, { id: row.id, expectedVersion: 1, actor: donor, values: { amount: 1, currency: "EUR", status: "disbursed", note: null } })).rejects.toBeInstanceOf(StaleVersionError);
    const stranger = await createTestActor(t.db, "donor", { organisationId: otherDonorOrg });
    await expect(updateFunding(t.db, { id: row.id, expectedVersion: 2, actor: stranger, values: { amount: 1, currency: "EUR", status: "disbursed", note: null } })).rejects.toMatchObject({ status: 403 });
    await deleteFunding(t.db, { id: row.id, expectedVersion: 2, actor: coordinator });
    expect(await listFundings(t.db, donor, { sessionIds: [sessionId] })).toEqual([]);
  });

  it("totals amounts per status and currency, never across currencies", () => {
    expect(
      fundingTotals([
        { amount: 100, currency: "EUR", status: "pledged" },
        { amount: 50, currency: "EUR", status: "pledged" },
        { amount: 70, currency: "USD", status: "pledged" },
        { amount: null, currency: null, status: "disbursed" },
      ]),
    ).toEqual([
      { status: "pledged", currency: "EUR", amount: 150 },
      { status: "pledged", currency: "USD", amount: 70 },
    ]);
  });
});
