import { and, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { auditEvents, courses, externalAliases, sessionTopics, trainers, trainingSessions } from "#db/schema";
import { createTestActor, createTestDb, createTestOrganisation, type TestDb } from "#tests/setup/test-db";
import { type SignedInActor } from "~/utils/permissions.server";
import { StaleVersionError } from "./records.server";
import { getSession, mergedInto } from "./session-detail.server";
import {
  cancelSession,
  canEditSession,
  createSession,
  deleteSession,
  restoreSession,
  SessionInputError,
  updateSession,
  type SessionInput,
} from "./sessions.server";

let t: TestDb;
let orgA: string; // the trainer's organisation
let orgB: string; // someone else's
let coordinator: SignedInActor;
let trainerA: SignedInActor;
let trainerB: SignedInActor;

beforeEach(async () => {
  t = createTestDb();
  orgA = (await createTestOrganisation(t.db, "Lakeside Police Academy")).id;
  orgB = (await createTestOrganisation(t.db, "Hilltop Foundation", "donor")).id;
  coordinator = await createTestActor(t.db, "coordinator");
  trainerA = await createTestActor(t.db, "trainer", { organisationId: orgA });
  trainerB = await createTestActor(t.db, "trainer", { organisationId: orgB });
});
afterEach(() => t.cleanup());

function input(overrides: Partial<SessionInput> = {}): SessionInput {
  return {
    courseId: null,
    title: "Mobile forensics workshop",
    providerId: orgA,
    reportingOrgId: orgA,
    externalId: null,
    hostCountry: "KEN",
    city: "Nairobi",
    countries: [],
    startDate: "2026-03-02",
    endDate: "2026-03-04",
    status: "planned",
    topics: ["EVID.MOBILE"],
    audiences: ["FORENSIC"],
    offences: [],
    funders: [],
    trainers: [],
    language: "en",
    mode: "in_person",
    participants: 20,
    participantsFemale: null,
    participantsMale: null,
    outcomes: null,
    notes: null,
    ...overrides,
  };
}

async function rejection(promise: Promise<unknown>) {
  return promise.then(
    () => null,
    (e: unknown) => e,
  );
}

async function expectStatus(promise: Promise<unknown>, status: number) {
  const error = await rejection(promise);
  expect(error).toBeInstanceOf(Response);
  expect((error as Response).status).toBe(status);
}

async function expectFieldError(promise: Promise<unknown>, field: string) {
  const error = await rejection(promise);
  expect(error).toBeInstanceOf(SessionInputError);
  expect(Object.keys((error as SessionInputError).fieldErrors)).toEqual([field]);
}

const events = (id: string) => t.db.select().from(auditEvents).where(and(eq(auditEvents.recordKind, "session"), eq(auditEvents.recordId, id)));

describe("creating a session", () => {
  it("lets a trainer report for their own organisation, with its lists audited", async () => {
    const session = await createSession(t.db, trainerA, input({ topics: ["EVID.MOBILE", "EVID.GATHER"], funders: [orgB] }));
    expect(session).toMatchObject({ title: "Mobile forensics workshop", reportingOrgId: orgA, status: "planned", createdBy: trainerA.id, version: 1 });
    const [event] = await events(session.id);
    expect(event.action).toBe("create");
    expect(event.actorId).toBe(trainerA.id);
    expect(event.changes?.topics).toEqual({ before: [], after: ["EVID.GATHER", "EVID.MOBILE"] });
    expect(event.changes?.funders).toEqual({ before: [], after: [orgB] });
    expect(event.changes?.countries).toEqual({ before: [], after: ["KEN"] });
    expect(event.changes?.title).toEqual({ before: null, after: "Mobile forensics workshop" });
  });

  it("lets a reporting trainer name another organisation as provider (a funder reporting)", async () => {
    const session = await createSession(t.db, trainerB, input({ providerId: orgA, reportingOrgId: orgB }));
    expect(session.providerId).toBe(orgA);
    expect(canEditSession(trainerB, session)).toBe(true);
    expect(canEditSession(trainerA, session)).toBe(true);
  });

  it("refuses a trainer reporting on behalf of another organisation", async () => {
    await expectStatus(createSession(t.db, trainerA, input({ reportingOrgId: orgB, providerId: orgB })), 403);
    await expectStatus(createSession(t.db, trainerA, input({ reportingOrgId: orgB, providerId: orgA })), 403);
  });

  it("refuses focal points, donors and visitors; lets coordinators report for anyone", async () => {
    const focal = await createTestActor(t.db, "focal_point", { countryCode: "KEN" });
    const donor = await createTestActor(t.db, "donor", { organisationId: orgB });
    await expectStatus(createSession(t.db, focal, input()), 403);
    await expectStatus(createSession(t.db, donor, input({ reportingOrgId: orgB })), 403);
    await expectStatus(createSession(t.db, null, input()), 403);
    const session = await createSession(t.db, coordinator, input({ reportingOrgId: orgB }));
    expect(session.reportingOrgId).toBe(orgB);
    expect(await t.db.select().from(trainingSessions)).toHaveLength(1);
  });

  it("makes the host country the beneficiary when none is chosen", async () => {
    const alone = await getSession(t.db, null, (await createSession(t.db, trainerA, input())).id);
    expect(alone?.countries.map((c) => c.code)).toEqual(["KEN"]);
    const regional = await getSession(t.db, null, (await createSession(t.db, trainerA, input({ countries: ["UGA", "TZA"] }))).id);
    expect(regional?.countries.map((c) => c.code).sort()).toEqual(["TZA", "UGA"]);
  });

  it("takes the course's title unless the session has its own; a one-off workshop needs one", async () => {
    const [course] = await t.db
      .insert(courses)
      .values({ title: "Seizing electronic evidence", summary: "First response", providerId: orgA, level: "foundation", mode: "in_person" })
      .returning();
    expect((await createSession(t.db, trainerA, input({ courseId: course.id, title: null }))).title).toBe("Seizing electronic evidence");
    expect((await createSession(t.db, trainerA, input({ courseId: course.id, title: "Nairobi edition" }))).title).toBe("Nairobi edition");
    await expectFieldError(createSession(t.db, trainerA, input({ title: "  " })), "title");
  });

  it("refuses facts that do not hold together, writing nothing", async () => {
    await expectFieldError(createSession(t.db, trainerA, input({ endDate: "2026-03-01" })), "endDate");
    await expectFieldError(createSession(t.db, trainerA, input({ participants: 10, participantsFemale: 6, participantsMale: 5 })), "participantsFemale");
    expect(await t.db.select().from(trainingSessions)).toHaveLength(0);
  });

  it("keeps (reporting organisation, external id) unique among live sessions, as a field error", async () => {
    const first = await createSession(t.db, trainerA, input({ externalId: "LPA-2026-01" }));
    await expectFieldError(createSession(t.db, trainerA, input({ externalId: "LPA-2026-01" })), "externalId");
    // Another reporter may use the same id of its own.
    await createSession(t.db, trainerB, input({ providerId: orgB, reportingOrgId: orgB, externalId: "LPA-2026-01" }));
    // A deleted session gives its id back, so it cannot be restored while the id is reused.
    await deleteSession(t.db, { id: first.id, expectedVersion: 1, actor: coordinator });
    const second = await createSession(t.db, trainerA, input({ externalId: "LPA-2026-01" }));
    await expectFieldError(restoreSession(t.db, { id: first.id, expectedVersion: 2, actor: coordinator }), "externalId");
    // An id that now points at a merge survivor is taken too.
    await t.db.insert(externalAliases).values({ reportingOrgId: orgA, externalId: "LPA-OLD", sessionId: second.id });
    await expectFieldError(createSession(t.db, trainerA, input({ externalId: "LPA-OLD" })), "externalId");
  });
});

describe("editing a session", () => {
  it("saves a trainer's edit of their organisation's session, auditing changed lists only", async () => {
    const session = await createSession(t.db, trainerA, input());
    const saved = await updateSession(t.db, {
      id: session.id,
      expectedVersion: 1,
      actor: trainerA,
      input: input({ status: "completed", topics: ["EVID.MOBILE", "EVID.PRESENT"] }),
    });
    expect(saved).toMatchObject({ status: "completed", version: 2 });
    const update = (await events(session.id)).find((e) => e.action === "update");
    expect(update?.actorId).toBe(trainerA.id);
    expect(update?.changes).toEqual({
      status: { before: "planned", after: "completed" },
      topics: { before: ["EVID.MOBILE"], after: ["EVID.MOBILE", "EVID.PRESENT"] },
    });
  });

  it("refuses trainers of other organisations, focal points and donors; lets coordinators", async () => {
    const session = await createSession(t.db, trainerA, input());
    const focal = await createTestActor(t.db, "focal_point", { countryCode: "KEN" });
    const donor = await createTestActor(t.db, "donor", { organisationId: orgA });
    for (const actor of [trainerB, focal, donor, null]) {
      await expectStatus(updateSession(t.db, { id: session.id, expectedVersion: 1, actor, input: input({ city: "Mombasa" }) }), 403);
    }
    expect((await updateSession(t.db, { id: session.id, expectedVersion: 1, actor: coordinator, input: input({ city: "Mombasa" }) })).city).toBe("Mombasa");
  });

  it("keeps a trainer from moving the reporter or handing away a session they only provide", async () => {
    const reportedByB = await createSession(t.db, trainerB, input({ providerId: orgA, reportingOrgId: orgB }));
    const args = { id: reportedByB.id, expectedVersion: 1, actor: trainerA };
    await expectStatus(updateSession(t.db, { ...args, input: input({ providerId: orgA, reportingOrgId: orgA }) }), 403);
    await expectStatus(updateSession(t.db, { ...args, input: input({ providerId: orgB, reportingOrgId: orgB }) }), 403);
    const saved = await updateSession(t.db, { ...args, input: input({ providerId: orgA, reportingOrgId: orgB, city: "Kisumu" }) });
    expect(saved.city).toBe("Kisumu");
  });

  it("refuses a stale edit and writes nothing, lists included", async () => {
    const session = await createSession(t.db, trainerA, input());
    await updateSession(t.db, { id: session.id, expectedVersion: 1, actor: trainerA, input: input({ city: "Mombasa" }) });
    const error = await rejection(updateSession(t.db, { id: session.id, expectedVersion: 1, actor: trainerA, input: input({ topics: ["COOP.MLA"] }) }));
    expect(error).toBeInstanceOf(StaleVersionError);
    const topicRows = await t.db.select().from(sessionTopics).where(eq(sessionTopics.sessionId, session.id));
    expect(topicRows.map((r) => r.topicCode)).toEqual(["EVID.MOBILE"]);
  });

  it("refuses to give a session an external id its reporter already uses", async () => {
    await createSession(t.db, trainerA, input({ externalId: "A-1" }));
    const other = await createSession(t.db, trainerA, input({ externalId: "A-2" }));
    await expectFieldError(updateSession(t.db, { id: other.id, expectedVersion: 1, actor: trainerA, input: input({ externalId: "A-1" }) }), "externalId");
    // Keeping its own id is fine.
    await updateSession(t.db, { id: other.id, expectedVersion: 1, actor: trainerA, input: input({ externalId: "A-2", city: "Kisumu" }) });
  });
});

describe("cancelling, deleting and restoring", () => {
  it("cancels a session keeping its dates, audited as a cancellation", async () => {
    const session = await createSession(t.db, trainerA, input());
    const cancelled = await cancelSession(t.db, { id: session.id, expectedVersion: 1, actor: trainerA });
    expect(cancelled).toMatchObject({ status: "cancelled", startDate: "2026-03-02", endDate: "2026-03-04" });
    const cancel = (await events(session.id)).find((e) => e.action === "cancel");
    expect(cancel?.changes).toEqual({ status: { before: "planned", after: "cancelled" } });
  });

  it("lets only the session's organisations and coordinators cancel", async () => {
    const session = await createSession(t.db, trainerA, input());
    const focal = await createTestActor(t.db, "focal_point", { countryCode: "KEN" });
    await expectStatus(cancelSession(t.db, { id: session.id, expectedVersion: 1, actor: trainerB }), 403);
    await expectStatus(cancelSession(t.db, { id: session.id, expectedVersion: 1, actor: focal }), 403);
    await expect(cancelSession(t.db, { id: session.id, expectedVersion: 1, actor: coordinator })).resolves.toMatchObject({ status: "cancelled" });
  });

  it("lets only coordinators delete and restore; a deleted session is gone for everyone else", async () => {
    const session = await createSession(t.db, trainerA, input());
    await expectStatus(deleteSession(t.db, { id: session.id, expectedVersion: 1, actor: trainerA }), 403);
    await deleteSession(t.db, { id: session.id, expectedVersion: 1, actor: coordinator });
    expect(await getSession(t.db, trainerA, session.id)).toBeNull();
    expect((await getSession(t.db, coordinator, session.id))?.deletedAt).toBeTruthy();
    await expectStatus(updateSession(t.db, { id: session.id, expectedVersion: 2, actor: coordinator, input: input() }), 404);
    await expectStatus(restoreSession(t.db, { id: session.id, expectedVersion: 2, actor: trainerA }), 403);
    await restoreSession(t.db, { id: session.id, expectedVersion: 2, actor: coordinator });
    expect((await getSession(t.db, null, session.id))?.deletedAt).toBeNull();
    expect((await events(session.id)).map((e) => e.action).sort()).toEqual(["create", "delete", "restore"]);
  });
});

describe("reading a session", () => {
  it("shows notes, outcomes and the split by sex only to its organisations, its countries' focal points and coordinators", async () => {
    const session = await createSession(
      t.db,
      trainerA,
      input({ countries: ["KEN", "UGA"], participantsFemale: 11, participantsMale: 9, notes: "Venue changed", outcomes: "Post-test +30%" }),
    );
    const restrictedFor = async (actor: SignedInActor | null) => (await getSession(t.db, actor, session.id))?.restricted ?? null;
    expect(await restrictedFor(null)).toBeNull();
    expect(await restrictedFor(trainerB)).toBeNull();
    expect(await restrictedFor(await createTestActor(t.db, "donor"))).toBeNull();
    expect(await restrictedFor(await createTestActor(t.db, "focal_point", { countryCode: "TZA" }))).toBeNull();
    expect(await restrictedFor(await createTestActor(t.db, "focal_point", { countryCode: "UGA" }))).toEqual({
      notes: "Venue changed",
      outcomes: "Post-test +30%",
      participantsFemale: 11,
      participantsMale: 9,
    });
    expect(await restrictedFor(trainerA)).not.toBeNull();
    expect(await restrictedFor(coordinator)).not.toBeNull();
    const open = await getSession(t.db, null, session.id);
    expect(open).not.toHaveProperty("notes");
    expect(open).not.toHaveProperty("participantsFemale");
  });

  it("names trainers without their contact details", async () => {
    const [trainer] = await t.db
      .insert(trainers)
      .values({ name: "Amina Hassan", organisationId: orgA, email: "amina@example.org", phone: "+254 700 000000", contactConsent: true })
      .returning();
    const session = await createSession(t.db, trainerA, input({ trainers: [trainer.id], funders: [orgB] }));
    const detail = await getSession(t.db, coordinator, session.id);
    expect(detail?.trainers).toEqual([{ id: trainer.id, name: "Amina Hassan", live: true }]);
    expect(JSON.stringify(detail)).not.toMatch(/amina@example|700 000000/);
    expect(detail?.funders).toEqual([{ id: orgB, name: "Hilltop Foundation", acronym: null }]);
    expect(detail?.provider.name).toBe("Lakeside Police Academy");
    expect(detail?.hostCountryName).toBe("Kenya");
  });

  it("points a merged-away duplicate at its survivor, and nothing else", async () => {
    const survivor = await createSession(t.db, trainerA, input());
    const duplicate = await createSession(t.db, trainerB, input({ providerId: orgA, reportingOrgId: orgB }));
    expect(await mergedInto(t.db, duplicate.id)).toBeNull();
    await t.db.update(trainingSessions).set({ deletedAt: "2026-01-01T00:00:00Z", duplicateOf: survivor.id }).where(eq(trainingSessions.id, duplicate.id));
    expect(await mergedInto(t.db, duplicate.id)).toBe(survivor.id);
    await deleteSession(t.db, { id: survivor.id, expectedVersion: 1, actor: coordinator });
    expect(await mergedInto(t.db, survivor.id)).toBeNull();
  });
});
