// The permission matrix (DESIGN §6): every write route × every role, over real
// HTTP against the running server. Each request is an empty or minimal form:
// a role that may write gets past the permission check to validation (400) or
// to the action itself, one that may not gets 403, and an anonymous visitor is
// sent to sign in. Permission checks come before validation in every action, so
// nothing is written by this test.
import { request as playwrightRequest, type APIRequestContext } from "@playwright/test";
import { and, eq, isNull, sql } from "drizzle-orm";
import { assistanceRequests, courses, fundings, materials, organisations, trainers, trainingSessions, users, type ROLES } from "#db/schema";
import { hashPassword } from "~/utils/password.server";
import { e2eDb, expect, test } from "./fixtures";

type Actor = "anonymous" | "trainer" | "otherTrainer" | "focal" | "otherFocal" | "donor" | "coordinator" | "admin";
const ACTORS: Actor[] = ["anonymous", "trainer", "otherTrainer", "focal", "otherFocal", "donor", "coordinator", "admin"];
const PASSWORD = "permission-matrix-password";

type Case = { route: string; form?: Record<string, string>; allowed: Actor[] };

const ANY_TRAINER: Actor[] = ["trainer", "otherTrainer", "coordinator", "admin"];
const OWN_ORG: Actor[] = ["trainer", "coordinator", "admin"];
const COORDINATORS: Actor[] = ["coordinator", "admin"];
const SIGNED_IN: Actor[] = ["trainer", "otherTrainer", "focal", "otherFocal", "donor", "coordinator", "admin"];

type Ids = Awaited<ReturnType<typeof recordIds>>;

function matrix(ids: Ids): Case[] {
  return [
    { route: "/courses/new", allowed: ANY_TRAINER },
    { route: `/courses/${ids.course}/edit`, allowed: OWN_ORG },
    { route: `/courses/${ids.course}`, form: { intent: "retire" }, allowed: OWN_ORG },
    { route: `/courses/${ids.course}`, form: { intent: "delete" }, allowed: COORDINATORS },
    { route: "/sessions/new", allowed: ANY_TRAINER },
    { route: `/sessions/${ids.session}/edit`, allowed: OWN_ORG },
    { route: `/sessions/${ids.session}`, form: { intent: "cancel" }, allowed: OWN_ORG },
    { route: `/sessions/${ids.session}`, form: { intent: "delete" }, allowed: COORDINATORS },
    { route: "/materials/new", allowed: ANY_TRAINER },
    { route: `/materials/${ids.material}/edit`, allowed: OWN_ORG },
    { route: `/materials/${ids.material}`, form: { intent: "delete" }, allowed: COORDINATORS },
    { route: "/trainers/new", allowed: ANY_TRAINER },
    { route: `/trainers/${ids.trainer}/edit`, allowed: OWN_ORG },
    { route: "/organisations/new", allowed: COORDINATORS },
    { route: `/organisations/${ids.organisation}/edit`, allowed: OWN_ORG },
    { route: "/coordination/access-requests", allowed: COORDINATORS },
    { route: "/countries/KEN/needs/new", allowed: ["focal", "coordinator", "admin"] },
    { route: "/admin/users/new", allowed: ["admin"] },
    { route: `/admin/users/${ids.user}`, allowed: ["admin"] },
    { route: "/profile", allowed: SIGNED_IN },
    { route: "/sessions/import", form: { intent: "confirm" }, allowed: ANY_TRAINER },
    // Assistance requests: a Kenyan request that is open and public, so every role may see it.
    { route: "/requests/new", allowed: ["focal", "otherFocal", "coordinator", "admin"] },
    { route: `/requests/${ids.request}`, form: { intent: "status" }, allowed: ["focal", "coordinator", "admin"] },
    { route: `/requests/${ids.request}`, form: { intent: "link" }, allowed: COORDINATORS },
    { route: `/requests/${ids.request}`, form: { intent: "delete" }, allowed: COORDINATORS },
    { route: `/requests/${ids.request}/edit`, allowed: ["focal", "coordinator", "admin"] },
    { route: `/sessions/new?request=${ids.request}`, allowed: COORDINATORS },
    // Funding: the donor context belongs to the organisation that made this funding record.
    { route: `/fundings/new?session=${ids.session}`, allowed: ["donor", "coordinator", "admin"] },
    { route: `/fundings/${ids.funding}`, allowed: ["donor", "coordinator", "admin"] },
    { route: "/follow", allowed: SIGNED_IN },
    { route: "/inbox", allowed: SIGNED_IN },
    { route: `/duplicates/compare?kind=session&id=${ids.session}&id=${ids.otherSession}`, allowed: COORDINATORS },
    { route: "/duplicates/undo", allowed: COORDINATORS },
  ];
}

async function recordIds() {
  const { client, db } = e2eDb();
  try {
    // An organisation that provides a course, a session, a material and a trainer.
    const [org] = await db
      .select({ id: organisations.id })
      .from(organisations)
      .where(
        and(
          isNull(organisations.deletedAt),
          sql`EXISTS (SELECT 1 FROM course c WHERE c.provider_id = ${organisations.id} AND c.deleted_at IS NULL)`,
          sql`EXISTS (SELECT 1 FROM training_session s WHERE s.provider_id = ${organisations.id} AND s.reporting_org_id = ${organisations.id} AND s.deleted_at IS NULL)`,
          sql`EXISTS (SELECT 1 FROM material m WHERE m.publisher_id = ${organisations.id} AND m.deleted_at IS NULL)`,
          sql`EXISTS (SELECT 1 FROM trainer t WHERE t.organisation_id = ${organisations.id} AND t.deleted_at IS NULL)`,
        ),
      )
      .limit(1);
    const first = async <T extends { id: string }>(rows: Promise<T[]>) => (await rows)[0].id;
    const [other] = await db.select({ id: organisations.id }).from(organisations).where(sql`${organisations.id} <> ${org.id}`).limit(1);
    const [funding] = await db.select({ id: fundings.id, donorId: fundings.donorId }).from(fundings).where(isNull(fundings.deletedAt)).limit(1);
    return {
      organisation: org.id,
      otherOrganisation: other.id,
      course: await first(db.select({ id: courses.id }).from(courses).where(and(eq(courses.providerId, org.id), isNull(courses.deletedAt))).limit(1)),
      session: await first(
        db
          .select({ id: trainingSessions.id })
          .from(trainingSessions)
          .where(and(eq(trainingSessions.providerId, org.id), eq(trainingSessions.reportingOrgId, org.id), isNull(trainingSessions.deletedAt)))
          .limit(1),
      ),
      material: await first(db.select({ id: materials.id }).from(materials).where(and(eq(materials.publisherId, org.id), isNull(materials.deletedAt))).limit(1)),
      trainer: await first(db.select({ id: trainers.id }).from(trainers).where(and(eq(trainers.organisationId, org.id), isNull(trainers.deletedAt))).limit(1)),
      user: await first(db.select({ id: users.id }).from(users).where(eq(users.email, "donor@demo.example")).limit(1)),
      otherSession: await first(
        db.select({ id: trainingSessions.id }).from(trainingSessions).where(and(sql`${trainingSessions.providerId} <> ${org.id}`, isNull(trainingSessions.deletedAt))).limit(1),
      ),
      request: await first(
        db
          .select({ id: assistanceRequests.id })
          .from(assistanceRequests)
          .where(and(eq(assistanceRequests.countryCode, "KEN"), eq(assistanceRequests.isPublic, true), eq(assistanceRequests.status, "submitted"), isNull(assistanceRequests.deletedAt)))
          .limit(1),
      ),
      funding: funding.id,
      fundingDonor: funding.donorId,
    };
  } finally {
    client.close();
  }
}

async function signedInContexts(baseURL: string, orgs: { organisation: string; otherOrganisation: string; fundingDonor: string }) {
  const specs: Record<Exclude<Actor, "anonymous">, { role: (typeof ROLES)[number]; organisationId?: string; countryCode?: string }> = {
    trainer: { role: "trainer", organisationId: orgs.organisation },
    otherTrainer: { role: "trainer", organisationId: orgs.otherOrganisation },
    focal: { role: "focal_point", countryCode: "KEN" },
    otherFocal: { role: "focal_point", countryCode: "GHA" },
    donor: { role: "donor", organisationId: orgs.fundingDonor },
    coordinator: { role: "coordinator" },
    admin: { role: "admin" },
  };
  const { client, db } = e2eDb();
  const passwordHash = await hashPassword(PASSWORD);
  const contexts = new Map<Actor, APIRequestContext>([["anonymous", await playwrightRequest.newContext({ baseURL })]]);
  try {
    for (const [actor, spec] of Object.entries(specs) as [Exclude<Actor, "anonymous">, (typeof specs)["trainer"]][]) {
      const email = `matrix-${actor.toLowerCase()}-${Date.now()}@e2e.example`;
      await db.insert(users).values({ email, passwordHash, displayName: `Matrix ${actor}`, vetted: false, ...spec });
      const context = await playwrightRequest.newContext({ baseURL });
      const login = await context.post("/login", { form: { email, password: PASSWORD, redirectTo: "/" }, maxRedirects: 0 });
      expect(login.status(), `${actor} signs in`).toBe(302);
      contexts.set(actor, context);
    }
  } finally {
    client.close();
  }
  return contexts;
}

test("every write route allows exactly the roles DESIGN §6 names", async ({ baseURL }) => {
  test.setTimeout(120_000);
  const ids = await recordIds();
  const contexts = await signedInContexts(baseURL!, ids);
  const mismatches: string[] = [];
  for (const { route, form, allowed } of matrix(ids)) {
    for (const actor of ACTORS) {
      const response = await contexts.get(actor)!.post(route, { form: form ?? {}, maxRedirects: 0 });
      const status = response.status();
      const location = response.headers()["location"] ?? "";
      const outcome =
        status === 403 ? "denied" : status === 302 && location.startsWith("/login") ? "sign-in" : status === 404 ? "missing" : status >= 500 ? "error" : "allowed";
      const expected = actor === "anonymous" ? "sign-in" : allowed.includes(actor) ? "allowed" : "denied";
      if (outcome !== expected) mismatches.push(`${route} ${form ? JSON.stringify(form) : ""} as ${actor}: ${outcome} (${status}), expected ${expected}`);
    }
  }
  for (const context of contexts.values()) await context.dispose();
  expect(mismatches).toEqual([]);
});
