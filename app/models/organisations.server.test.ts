import { and, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { assistanceRequests, auditEvents, fundings, organisations, sessionFunders, trainingSessions, type SESSION_STATUSES } from "#db/schema";
import { createTestActor, createTestDb, createTestOrganisation, type TestDb } from "#tests/setup/test-db";
import { type SignedInActor } from "~/utils/permissions.server";
import {
  OrganisationNameTakenError,
  createOrganisation,
  deleteOrganisation,
  organisationMergedInto,
  restoreOrganisation,
  searchOrganisations,
  updateOrganisation,
  type OrganisationInput,
} from "./organisations.server";
import { readOrganisationListFilters } from "./api/directory.server";
import { organisationFunded, organisationProvided, organisationReceived } from "./organisation-profile.server";

let t: TestDb;
let coordinator: SignedInActor;

beforeEach(async () => {
  t = createTestDb();
  coordinator = await createTestActor(t.db, "coordinator");
});
afterEach(() => t.cleanup());

function input(overrides: Partial<OrganisationInput> = {}): OrganisationInput {
  return { name: "Ministry of Interior", acronym: "MOI", kind: "government", countryCode: "KEN", website: null, description: null, ...overrides };
}

const add = (overrides: Partial<OrganisationInput> = {}) => createOrganisation(t.db, coordinator, input(overrides));

async function expectForbidden(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(Response);
  expect((error as Response).status).toBe(403);
}

async function addSession(providerId: string, status: (typeof SESSION_STATUSES)[number], extra: { startDate?: string; deleted?: boolean } = {}) {
  const [session] = await t.db
    .insert(trainingSessions)
    .values({
      title: `Session ${status}`,
      providerId,
      reportingOrgId: providerId,
      hostCountry: "KEN",
      startDate: extra.startDate ?? "2024-03-01",
      endDate: extra.startDate ?? "2024-03-01",
      status,
      deletedAt: extra.deleted ? "2024-04-01T00:00:00.000Z" : null,
    })
    .returning();
  return session;
}

describe("organisation names", () => {
  it("refuses a second live organisation with the same name in any case or spacing", async () => {
    const first = await add({ name: "Ministère de la Justice" });
    await expect(add({ name: "  MINISTÈRE de la  justice " })).rejects.toBeInstanceOf(OrganisationNameTakenError);
    const other = await add({ name: "Ministry of Justice" });
    await expect(updateOrganisation(t.db, { id: other.id, expectedVersion: 1, actor: coordinator, input: input({ name: "ministère de la justice" }) })).rejects.toThrow(
      "already registered",
    );
    // Saving a record under its own name is no clash.
    await updateOrganisation(t.db, { id: first.id, expectedVersion: 1, actor: coordinator, input: input({ name: "Ministère de la Justice", acronym: "MJ" }) });

    // A deleted organisation's name is free again, and restoring it then is refused.
    await deleteOrganisation(t.db, { id: other.id, expectedVersion: 1, actor: coordinator });
    await add({ name: "Ministry of Justice" });
    await expect(restoreOrganisation(t.db, { id: other.id, expectedVersion: 2, actor: coordinator })).rejects.toBeInstanceOf(OrganisationNameTakenError);
  });

  it("sends a merged-away duplicate's visitors to the survivor", async () => {
    const survivor = await add({ name: "United Nations Office on Drugs and Crime" });
    const duplicate = await add({ name: "UNODC" });
    expect(await organisationMergedInto(t.db, duplicate.id)).toBeNull();
    await t.db.update(organisations).set({ duplicateOf: survivor.id, deletedAt: "2026-01-01T00:00:00.000Z" }).where(eq(organisations.id, duplicate.id));
    expect(await organisationMergedInto(t.db, duplicate.id)).toBe(survivor.id);
  });
});

describe("who may write organisations", () => {
  it("lets only coordinators add, delete and restore organisations", async () => {
    for (const role of ["trainer", "focal_point", "donor"] as const) {
      await expectForbidden(createOrganisation(t.db, await createTestActor(t.db, role), input()));
    }
    await expectForbidden(createOrganisation(t.db, null, input()));
    const org = await add();
    const trainer = await createTestActor(t.db, "trainer", { organisationId: org.id });
    await expectForbidden(deleteOrganisation(t.db, { id: org.id, expectedVersion: 1, actor: trainer }));
  });

  it("lets a trainer edit their own organisation's profile, but not its kind or country", async () => {
    const org = await add();
    const own = await createTestActor(t.db, "trainer", { organisationId: org.id });
    await updateOrganisation(t.db, { id: org.id, expectedVersion: 1, actor: own, input: input({ acronym: "MoI", website: "https://moi.example" }) });
    await expectForbidden(updateOrganisation(t.db, { id: org.id, expectedVersion: 2, actor: own, input: input({ acronym: "MoI", kind: "donor" }) }));
    await expectForbidden(updateOrganisation(t.db, { id: org.id, expectedVersion: 2, actor: own, input: input({ acronym: "MoI", countryCode: "UGA" }) }));

    const outsider = await createTestActor(t.db, "trainer", { organisationId: (await createTestOrganisation(t.db)).id });
    await expectForbidden(updateOrganisation(t.db, { id: org.id, expectedVersion: 2, actor: outsider, input: input() }));
    const member = await createTestActor(t.db, "donor", { organisationId: org.id });
    await expectForbidden(updateOrganisation(t.db, { id: org.id, expectedVersion: 2, actor: member, input: input() }));

    const [row] = await t.db.select().from(organisations).where(eq(organisations.id, org.id));
    expect(row).toMatchObject({ acronym: "MoI", kind: "government", version: 2 });
    const [event] = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.recordId, org.id), eq(auditEvents.action, "update")));
    expect(event).toMatchObject({ actorId: own.id, changes: { acronym: { before: "MOI", after: "MoI" }, website: { before: null, after: "https://moi.example" } } });
  });
});

describe("the organisation list and profile", () => {
  it("filters by kind, country and name or acronym, and counts sessions provided and funded", async () => {
    const police = await add({ name: "National Police Service", acronym: "NPS", kind: "law_enforcement" });
    await add({ name: "Child Rights 100% Network", acronym: null, kind: "ngo", countryCode: "UGA" });
    const donor = await add({ name: "Global Fund for Children", acronym: "GFC", kind: "donor", countryCode: null });
    await addSession(police.id, "completed");
    await addSession(police.id, "planned");
    await addSession(police.id, "cancelled");
    await addSession(police.id, "completed", { deleted: true });
    const funded = await addSession(police.id, "confirmed");
    await t.db.insert(sessionFunders).values({ sessionId: funded.id, organisationId: donor.id });

    const list = async (query: string) => (await searchOrganisations(t.db, (await readOrganisationListFilters(t.db, new URLSearchParams(query))).filters)).items;
    expect((await list("")).map((o) => [o.name, o.provided, o.funded])).toEqual([
      ["Child Rights 100% Network", 0, 0],
      ["Global Fund for Children", 0, 1],
      ["National Police Service", 3, 0],
    ]);
    expect((await list("q=nps")).map((o) => o.name)).toEqual(["National Police Service"]);
    expect((await list("q=police")).map((o) => o.name)).toEqual(["National Police Service"]);
    expect((await list("q=100%25")).map((o) => o.name)).toEqual(["Child Rights 100% Network"]);
    expect((await list("q=_")).map((o) => o.name)).toEqual([]);
    // Quotes group words as the full-text searches do; alone they search for nothing, so everything is listed.
    expect((await list('q="')).length).toBe(3);
    expect((await list('q="police service"')).map((o) => o.name)).toEqual(["National Police Service"]);
    expect((await list('q="service police"')).map((o) => o.name)).toEqual([]);
    expect((await list("q=service national")).map((o) => o.name)).toEqual(["National Police Service"]);
    expect((await list("kind=donor")).map((o) => o.name)).toEqual(["Global Fund for Children"]);
    expect((await list("country=uga")).map((o) => o.name)).toEqual(["Child Rights 100% Network"]);

    const provided = await organisationProvided(t.db, police.id);
    expect(provided).toMatchObject({ delivered: 1, planned: 2, cancelled: 1 });
    expect(provided.sessions).toHaveLength(4);
    expect((await organisationFunded(t.db, null, donor.id)).sessions.map((s) => s.id)).toEqual([funded.id]);
  });

  it("reads the list's filters as the API does, leaving out and naming each value it cannot use", async () => {
    const read = (query: string) => readOrganisationListFilters(t.db, new URLSearchParams(query));
    expect(await read("kind=donor&country=uga&q=police&page=2")).toEqual({
      filters: { q: "police", kind: "donor", country: "UGA", page: 2, pageSize: 25 },
      problems: [],
    });
    const { filters, problems } = await read("kind=nonsense&country=ZZZ&page=0&q=anything");
    expect(problems).toEqual([
      { parameter: "kind", error: expect.stringContaining('(got "nonsense")') },
      { parameter: "page", error: expect.stringContaining("at least 1") },
      { parameter: "country", error: "Unknown country code: ZZZ" },
    ]);
    expect(filters).toEqual({ q: "anything", kind: null, country: null, page: 1, pageSize: 25 });
    expect((await read("colour=blue")).problems).toEqual([{ parameter: "colour", error: expect.stringMatching(/^Unknown parameter colour; the parameters are q, kind, country/) }]);
  });

  it("shows funding records and received requests only where the viewer may see the request", async () => {
    const agency = await add();
    const donor = await add({ name: "Donor Agency", kind: "donor" });
    const request = (title: string, isPublic: boolean) =>
      t.db
        .insert(assistanceRequests)
        .values({ countryCode: "KEN", agencyId: agency.id, title, description: "…", isPublic })
        .returning()
        .then(([r]) => r);
    const open = await request("Public request", true);
    const confidential = await request("Confidential request", false);
    const session = await addSession(agency.id, "completed");
    await t.db.insert(fundings).values([
      { donorId: donor.id, requestId: open.id, amount: 5000, currency: "USD", status: "committed" },
      { donorId: donor.id, requestId: confidential.id, amount: 9000, currency: "EUR", status: "pledged" },
      { donorId: donor.id, sessionId: session.id, status: "disbursed" },
    ]);

    const visitorView = await organisationFunded(t.db, null, donor.id);
    expect(visitorView.records.map((r) => r.requestTitle ?? r.sessionTitle).sort()).toEqual(["Public request", "Session completed"]);
    expect((await organisationFunded(t.db, coordinator, donor.id)).records).toHaveLength(3);

    expect((await organisationReceived(t.db, null, agency.id)).map((r) => r.title)).toEqual(["Public request"]);
    const focal = await createTestActor(t.db, "focal_point", { countryCode: "KEN" });
    expect((await organisationReceived(t.db, focal, agency.id)).map((r) => r.title)).toEqual(["Public request"]);
    expect((await organisationReceived(t.db, coordinator, agency.id)).map((r) => r.title).sort()).toEqual(["Confidential request", "Public request"]);
  });
});
