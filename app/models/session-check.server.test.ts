import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { courses } from "#db/schema";
import { createTestActor, createTestDb, createTestOrganisation, type TestDb } from "#tests/setup/test-db";
import { needsConfirmation } from "~/domain/session-warnings";
import { type SignedInActor } from "~/utils/permissions.server";
import { checkExistingSession, checkSessionInput, type SessionCheckInput } from "./session-check.server";
import { createSession, type SessionInput } from "./sessions.server";

let t: TestDb;
let coordinator: SignedInActor;
let trainer: SignedInActor;
let orgA: string;
let orgB: string;

beforeEach(async () => {
  t = createTestDb();
  coordinator = await createTestActor(t.db, "coordinator");
  orgA = (await createTestOrganisation(t.db, "Regional Cybercrime Academy")).id;
  orgB = (await createTestOrganisation(t.db, "Global Policing Institute")).id;
  trainer = await createTestActor(t.db, "trainer", { organisationId: orgB });
});
afterEach(() => t.cleanup());

const existing: Omit<SessionInput, "providerId" | "reportingOrgId"> = {
  courseId: null,
  title: "Mobile phone forensics for first responders",
  externalId: null,
  hostCountry: "KEN",
  city: null,
  countries: [],
  startDate: "2026-09-07",
  endDate: "2026-09-09",
  status: "planned",
  topics: ["EVID.MOBILE"],
  audiences: ["POLICE"],
  offences: [],
  funders: [],
  trainers: [],
  language: "en",
  mode: "in_person",
  participants: null,
  participantsFemale: null,
  participantsMale: null,
  outcomes: null,
  notes: null,
};

function typed(overrides: Partial<SessionCheckInput> = {}): SessionCheckInput {
  return {
    id: null,
    courseId: null,
    title: "Phone evidence clinic",
    providerId: null,
    reportingOrgId: null,
    externalId: null,
    hostCountry: "KEN",
    city: null,
    countries: [],
    startDate: "2026-10-01",
    endDate: "2026-10-02",
    status: "planned",
    topics: ["EVID.MOBILE"],
    audiences: ["POLICE"],
    mode: null,
    participants: null,
    funders: [],
    trainers: [],
    ...overrides,
  };
}

describe("the session form's entry-time check", () => {
  it("takes a trainer's own organisation as the provider and warns of another provider's nearby session", async () => {
    const other = await createSession(t.db, coordinator, { ...existing, providerId: orgA, reportingOrgId: orgA });
    const check = await checkSessionInput(t.db, trainer, typed());
    expect(check?.overlaps.map((o) => o.session.id)).toEqual([other.id]);
    expect(check?.overlaps[0].dayGap).toBe(22);
    expect(needsConfirmation("planned", check, [])).toBe(true);
    expect(needsConfirmation("planned", check, [other.id])).toBe(false);
  });

  it("says nothing of a session by the same provider as an overlap, but warns when it looks like the same delivery", async () => {
    const own = await createSession(t.db, coordinator, { ...existing, providerId: orgB, reportingOrgId: orgB });
    const again = await checkSessionInput(t.db, trainer, typed({ title: "Mobile Phone Forensics for First Responders", startDate: "2026-09-07", endDate: "2026-09-09" }));
    expect(again?.overlaps).toEqual([]);
    expect(again?.duplicates.map((d) => d.session.id)).toEqual([own.id]);
    expect(again?.duplicates[0].reasons.length).toBeGreaterThan(0);
  });

  it("never reports the edited session against itself and uses its provider when the form does not send one", async () => {
    const mine = await createSession(t.db, coordinator, { ...existing, providerId: orgA, reportingOrgId: orgA });
    const check = await checkSessionInput(t.db, coordinator, typed({ id: mine.id, title: existing.title, startDate: existing.startDate, endDate: existing.endDate }));
    expect(check).not.toBeNull();
    expect(check?.duplicates).toEqual([]);
    expect(check?.overlaps).toEqual([]);
  });

  it("uses the course's title when the form leaves the title empty", async () => {
    const [course] = await t.db
      .insert(courses)
      .values({ title: "Mobile phone forensics for first responders", summary: "s", description: "d", providerId: orgB, level: "foundation", mode: "in_person" })
      .returning();
    const own = await createSession(t.db, coordinator, { ...existing, providerId: orgB, reportingOrgId: orgB });
    const check = await checkSessionInput(t.db, trainer, typed({ title: null, courseId: course.id, startDate: existing.startDate, endDate: existing.endDate }));
    expect(check?.duplicates.map((d) => d.session.id)).toEqual([own.id]);
  });

  it("cannot check without a provider: a coordinator has not chosen one yet", async () => {
    expect(await checkSessionInput(t.db, coordinator, typed())).toBeNull();
  });

  it("warns a donor about a registered session the same way, never against itself", async () => {
    const funded = await createSession(t.db, coordinator, { ...existing, providerId: orgA, reportingOrgId: orgA });
    const other = await createSession(t.db, coordinator, { ...existing, providerId: orgB, reportingOrgId: orgB, title: "Evidence from phones", startDate: "2026-10-01", endDate: "2026-10-02" });
    const check = await checkExistingSession(t.db, funded.id);
    expect(check?.overlaps.map((o) => o.session.id)).toEqual([other.id]);
    expect(check?.duplicates).toEqual([]);
    expect(await checkExistingSession(t.db, "nope")).toBeNull();
  });
});
