import { and, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { auditEvents, topics, trainers } from "#db/schema";
import { createTestActor, createTestDb, createTestOrganisation, type TestDb } from "#tests/setup/test-db";
import { type SignedInActor } from "~/utils/permissions.server";
import { StaleVersionError } from "./records.server";
import { readTrainerListFilters } from "./api/directory.server";
import { searchTrainers } from "./trainer-search.server";
import {
  createTrainer,
  deleteTrainer,
  findTrainerInputProblems,
  getTrainer,
  getTrainerForEdit,
  restoreTrainer,
  trainerMergedInto,
  updateTrainer,
  type TrainerInput,
} from "./trainers.server";

let t: TestDb;
let orgId: string;
let coordinator: SignedInActor;

beforeEach(async () => {
  t = createTestDb();
  orgId = (await createTestOrganisation(t.db, "Harbour Police College")).id;
  coordinator = await createTestActor(t.db, "coordinator");
});
afterEach(() => t.cleanup());

function input(overrides: Partial<TrainerInput> = {}): TrainerInput {
  return {
    name: "Amina Hassan",
    organisationId: orgId,
    bio: "Digital forensics examiner.",
    email: "amina@example.org",
    phone: "+254 700 000000",
    contactConsent: true,
    topics: ["EVID.MOBILE"],
    languages: ["en"],
    countries: ["KEN"],
    linkToMe: false,
    ...overrides,
  };
}

const add = (overrides: Partial<TrainerInput> = {}) => createTrainer(t.db, coordinator, input(overrides));
const read = (query = "") => readTrainerListFilters(t.db, new URLSearchParams(query));
const names = async (query = "") => (await searchTrainers(t.db, (await read(query)).filters)).items.map((i) => i.name);

async function expectForbidden(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(Response);
  expect((error as Response).status).toBe(403);
}

describe("the trainer directory", () => {
  it("matches a parent topic to its subtopics, never to look-alike codes", async () => {
    await t.db.insert(topics).values({ code: "EVIDENCE", label: "A look-alike code" });
    await add({ name: "Subtopic", topics: ["EVID.MOBILE"] });
    await add({ name: "Parent", topics: ["EVID"] });
    await add({ name: "Other branch", topics: ["VIC.INTERVIEW"] });
    await add({ name: "Look-alike", topics: ["EVIDENCE"] });
    expect(await names("topic=EVID")).toEqual(["Parent", "Subtopic"]);
    expect(await names("topic=EVID.MOBILE")).toEqual(["Subtopic"]);
    expect(await names("topic=EVID&topic=VIC")).toEqual(["Other branch", "Parent", "Subtopic"]);
  });

  it("filters by language, country worked in and organisation, together", async () => {
    const other = await createTestOrganisation(t.db, "Coastal University");
    await add({ name: "English in Kenya", languages: ["en"], countries: ["KEN"] });
    await add({ name: "French in Senegal", languages: ["fr"], countries: ["SEN"] });
    await add({ name: "Both, elsewhere", languages: ["en", "fr"], countries: ["SEN", "KEN"], organisationId: other.id });
    expect(await names("language=fr")).toEqual(["Both, elsewhere", "French in Senegal"]);
    expect(await names("country=ken")).toEqual(["Both, elsewhere", "English in Kenya"]);
    expect(await names("language=fr&country=KEN")).toEqual(["Both, elsewhere"]);
    expect(await names(`organisation=${orgId}`)).toEqual(["English in Kenya", "French in Senegal"]);
  });

  it("reads the directory's filters as the API does, leaving out and naming each value it cannot use", async () => {
    await add({ name: "English in Kenya" });
    const { filters, problems } = await read(`topic=EVID;ZZZ&language=xx&country=ken&organisation=nobody&q=kenya&page=abc`);
    expect(problems).toEqual([
      { parameter: "page", error: expect.stringContaining('(got "abc")') },
      { parameter: "topic", error: "Unknown topic code: ZZZ" },
      { parameter: "language", error: "Unknown ISO 639-1 language code: xx" },
      { parameter: "organisation", error: "Unknown organisation id: nobody" },
    ]);
    expect(filters).toEqual({ q: "kenya", topics: [], languages: [], countries: ["KEN"], organisations: [], page: 1, pageSize: 24 });
    expect(await names("topic=EVID;ZZZ&country=ken")).toEqual(["English in Kenya"]);
    expect((await read(`topic=EVID&organisation=${orgId}`)).problems).toEqual([]);
  });

  it("searches names and bios by word prefix, and awkward input is never an error", async () => {
    await add({ name: "Jean-Pierre Dubois", bio: "Prosecutor; teaches mutual legal assistance." });
    await add({ name: "Maria Lopez", bio: "Forensic examiner of mobile devices." });
    expect(await names("q=forens")).toEqual(["Maria Lopez"]);
    expect(await names("q=jean-pierre")).toEqual(["Jean-Pierre Dubois"]);
    expect(await names("q=" + encodeURIComponent('"mutual legal'))).toEqual(["Jean-Pierre Dubois"]);
    for (const awkward of ['"', "-", 'NOT "', "OR NEAR(", "*", "lopez:"]) {
      await expect(names("q=" + encodeURIComponent(awkward))).resolves.toBeInstanceOf(Array);
    }
    expect(await names("q=" + encodeURIComponent("-"))).toHaveLength(2);
  });

  it("shows 24 a page, hides deleted trainers, and lists each card's topics and languages", async () => {
    for (let i = 1; i <= 25; i++) await add({ name: `Trainer ${String(i).padStart(2, "0")}`, languages: ["fr", "en"] });
    const gone = await add({ name: "Trainer 00 deleted" });
    await deleteTrainer(t.db, { id: gone.id, expectedVersion: 1, actor: coordinator });
    const first = await searchTrainers(t.db, (await read()).filters);
    expect(first.total).toBe(25);
    expect(first.items).toHaveLength(24);
    expect(first.items[0]).toMatchObject({ name: "Trainer 01", organisationName: "Harbour Police College", languages: ["en", "fr"] });
    expect(first.items[0].topics).toEqual([{ code: "EVID.MOBILE", label: expect.any(String) }]);
    expect(await names("page=2")).toEqual(["Trainer 25"]);
  });
});

describe("contact details", () => {
  it("are released only to signed-in users, and only with the trainer's consent", async () => {
    const consenting = await add({ name: "Consenting", contactConsent: true });
    const private_ = await add({ name: "Private", contactConsent: false });
    const donor = await createTestActor(t.db, "donor");

    const anonymous = await getTrainer(t.db, null, consenting.id);
    expect(anonymous).toMatchObject({ email: null, phone: null, contactVisible: false, contactConsent: true });

    expect(await getTrainer(t.db, donor, consenting.id)).toMatchObject({ email: "amina@example.org", phone: "+254 700 000000", contactVisible: true });
    expect(await getTrainer(t.db, donor, private_.id)).toMatchObject({ email: null, phone: null, contactVisible: false });
    // Not even a coordinator sees them on the profile without consent.
    expect(await getTrainer(t.db, coordinator, private_.id)).toMatchObject({ email: null, phone: null });
    // Those who may edit the profile see them in the form.
    expect(await getTrainerForEdit(t.db, coordinator, private_.id)).toMatchObject({ email: "amina@example.org" });
  });

  it("hides a deleted trainer from everyone but coordinators", async () => {
    const trainer = await add();
    await deleteTrainer(t.db, { id: trainer.id, expectedVersion: 1, actor: coordinator });
    expect(await getTrainer(t.db, null, trainer.id)).toBeNull();
    expect(await getTrainer(t.db, await createTestActor(t.db, "donor"), trainer.id)).toBeNull();
    expect(await getTrainer(t.db, coordinator, trainer.id)).toMatchObject({ deletedAt: expect.any(String) });
    await restoreTrainer(t.db, { id: trainer.id, expectedVersion: 2, actor: coordinator });
    expect(await getTrainer(t.db, null, trainer.id)).toMatchObject({ deletedAt: null });
  });

  it("sends a merged-away duplicate's visitors to the survivor", async () => {
    const survivor = await add({ name: "Amina O. Hassan" });
    const duplicate = await add();
    expect(await trainerMergedInto(t.db, duplicate.id)).toBeNull();
    await t.db.update(trainers).set({ duplicateOf: survivor.id, deletedAt: "2026-01-01T00:00:00.000Z" }).where(eq(trainers.id, duplicate.id));
    expect(await trainerMergedInto(t.db, duplicate.id)).toBe(survivor.id);
    expect(await trainerMergedInto(t.db, "no-such-id")).toBeNull();
  });
});

describe("who may write trainer profiles", () => {
  it("lets a trainer add and edit their own organisation's trainers only", async () => {
    const trainerUser = await createTestActor(t.db, "trainer", { organisationId: orgId });
    const profile = await createTrainer(t.db, trainerUser, input());
    await updateTrainer(t.db, { id: profile.id, expectedVersion: 1, actor: trainerUser, input: input({ name: "Amina O. Hassan" }) });

    const other = await createTestOrganisation(t.db);
    await expectForbidden(createTrainer(t.db, trainerUser, input({ organisationId: other.id })));
    await expectForbidden(createTrainer(t.db, trainerUser, input({ organisationId: null })));
    // …nor move a profile to another organisation.
    await expectForbidden(updateTrainer(t.db, { id: profile.id, expectedVersion: 2, actor: trainerUser, input: input({ organisationId: other.id }) }));

    const outsider = await createTestActor(t.db, "trainer", { organisationId: other.id });
    await expectForbidden(updateTrainer(t.db, { id: profile.id, expectedVersion: 2, actor: outsider, input: input({ organisationId: other.id }) }));
    await expectForbidden(getTrainerForEdit(t.db, outsider, profile.id));
    for (const role of ["focal_point", "donor"] as const) {
      const someone = await createTestActor(t.db, role, { organisationId: orgId });
      await expectForbidden(createTrainer(t.db, someone, input()));
      await expectForbidden(updateTrainer(t.db, { id: profile.id, expectedVersion: 2, actor: someone, input: input() }));
    }
    await expectForbidden(createTrainer(t.db, null, input()));
    const [row] = await t.db.select().from(trainers).where(eq(trainers.id, profile.id));
    expect(row).toMatchObject({ name: "Amina O. Hassan", organisationId: orgId, version: 2 });
  });

  it("lets a user edit the profile linked to their account, and nobody take over someone else's", async () => {
    const self = await createTestActor(t.db, "trainer", { organisationId: orgId });
    const profile = await createTrainer(t.db, self, input({ linkToMe: true }));
    expect(profile.userId).toBe(self.id);

    // Moved to another organisation by a coordinator, it stays editable by its owner.
    const elsewhere = await createTestOrganisation(t.db);
    await updateTrainer(t.db, { id: profile.id, expectedVersion: 1, actor: coordinator, input: input({ organisationId: elsewhere.id }) });
    const [moved] = await t.db.select().from(trainers).where(eq(trainers.id, profile.id));
    expect(moved.userId).toBe(self.id);
    await updateTrainer(t.db, {
      id: profile.id,
      expectedVersion: 2,
      actor: self,
      input: input({ organisationId: elsewhere.id, bio: "Updated by me", linkToMe: true }),
    });

    const intruder = await createTestActor(t.db, "trainer", { organisationId: elsewhere.id });
    await expectForbidden(updateTrainer(t.db, { id: profile.id, expectedVersion: 3, actor: intruder, input: input({ organisationId: elsewhere.id, linkToMe: true }) }));

    // Unticking the link gives the profile back to its organisation.
    await updateTrainer(t.db, { id: profile.id, expectedVersion: 3, actor: self, input: input({ organisationId: elsewhere.id, linkToMe: false }) });
    const [unlinked] = await t.db.select().from(trainers).where(eq(trainers.id, profile.id));
    expect(unlinked).toMatchObject({ userId: null, bio: "Digital forensics examiner." });
    await expectForbidden(updateTrainer(t.db, { id: profile.id, expectedVersion: 4, actor: self, input: input({ organisationId: elsewhere.id }) }));
  });

  it("refuses a second profile for one account and references the database does not know", async () => {
    const self = await createTestActor(t.db, "trainer", { organisationId: orgId });
    const mine = await createTrainer(t.db, self, input({ linkToMe: true }));
    expect(await findTrainerInputProblems(t.db, self, input({ linkToMe: true }), mine.id)).toBeNull();
    expect(await findTrainerInputProblems(t.db, self, input({ linkToMe: true }))).toEqual({
      linkToMe: ["Your account is already linked to the profile of Amina Hassan"],
    });
    expect(await findTrainerInputProblems(t.db, coordinator, input({ organisationId: "nope", topics: ["NOPE"], countries: ["XXX"] }))).toEqual({
      organisationId: [expect.any(String)],
      topics: [expect.any(String)],
      countries: [expect.any(String)],
    });
  });

  it("lets only coordinators delete and restore, and audits every write with its lists", async () => {
    const trainerUser = await createTestActor(t.db, "trainer", { organisationId: orgId });
    const profile = await add();
    await expectForbidden(deleteTrainer(t.db, { id: profile.id, expectedVersion: 1, actor: trainerUser }));
    await updateTrainer(t.db, { id: profile.id, expectedVersion: 1, actor: trainerUser, input: input({ languages: ["en", "sw"], contactConsent: false }) });
    await expect(updateTrainer(t.db, { id: profile.id, expectedVersion: 1, actor: trainerUser, input: input() })).rejects.toBeInstanceOf(StaleVersionError);
    await deleteTrainer(t.db, { id: profile.id, expectedVersion: 2, actor: coordinator });
    await expectForbidden(restoreTrainer(t.db, { id: profile.id, expectedVersion: 3, actor: trainerUser }));

    const events = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.recordKind, "trainer"), eq(auditEvents.recordId, profile.id)))
      .orderBy(auditEvents.at, auditEvents.id);
    expect(events.map((e) => e.action)).toEqual(["create", "update", "delete"]);
    expect(events[0].changes).toMatchObject({ name: { before: null, after: "Amina Hassan" }, topics: { before: [], after: ["EVID.MOBILE"] } });
    expect(events[1].changes).toEqual({
      contactConsent: { before: true, after: false },
      languages: { before: ["en"], after: ["en", "sw"] },
    });
  });
});
