import { and, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { auditEvents, notifications, requestStatusEvents, trainers } from "#db/schema";
import { createTestActor, createTestDb, createTestOrganisation, type TestDb } from "#tests/setup/test-db";
import { type SignedInActor } from "~/utils/permissions.server";
import { readRequestListFilters } from "./api/requests.server";
import { createSessionForRequest, linkMatch, sessionDefaultsForRequest, unlinkMatch } from "./matching.server";
import { StaleVersionError } from "./records.server";
import { getRequest, listRequests } from "./request-queries.server";
import { changeRequestStatus, createRequest, RequestInputError, updateRequest, type RequestInput } from "./requests.server";
import { cancelSession, updateSession, type SessionInput } from "./sessions.server";

let t: TestDb;
let coordinator: SignedInActor;
let focalKen: SignedInActor;
let focalUga: SignedInActor;
let provider: string;

beforeEach(async () => {
  t = createTestDb();
  coordinator = await createTestActor(t.db, "coordinator");
  focalKen = await createTestActor(t.db, "focal_point", { countryCode: "KEN" });
  focalUga = await createTestActor(t.db, "focal_point", { countryCode: "UGA" });
  provider = (await createTestOrganisation(t.db, "Lakeside Police Academy")).id;
});
afterEach(() => t.cleanup());

const request = (over: Partial<RequestInput> = {}): RequestInput => ({
  countryCode: "KEN",
  agencyId: null,
  agencyName: "Directorate of Criminal Investigations",
  title: "Mobile forensics for the new cyber unit",
  description: "Twenty investigators need to extract and preserve phone evidence.",
  expectedParticipants: 20,
  wantedFrom: "2026-09-01",
  wantedTo: "2026-12-31",
  urgency: "high",
  isPublic: false,
  topics: ["EVID.MOBILE"],
  audiences: ["POLICE"],
  languages: ["en"],
  ...over,
});

const session = (over: Partial<SessionInput> = {}): SessionInput => ({
  courseId: null,
  title: "Phone extraction workshop",
  providerId: provider,
  reportingOrgId: provider,
  externalId: null,
  hostCountry: "KEN",
  city: "Nairobi",
  countries: [],
  startDate: "2026-10-05",
  endDate: "2026-10-07",
  status: "planned",
  topics: ["EVID.MOBILE"],
  audiences: ["POLICE"],
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
  ...over,
});

const inbox = async (userId: string) =>
  (await t.db.select().from(notifications).where(eq(notifications.userId, userId)).orderBy(notifications.id)).map((n) => n.message);

describe("submitting requests", () => {
  it("lets a focal point submit for their own country, audited, with the first timeline entry", async () => {
    const created = await createRequest(t.db, focalKen, request());
    expect(created).toMatchObject({ status: "submitted", countryCode: "KEN", createdBy: focalKen.id });
    const [audit] = await t.db.select().from(auditEvents).where(eq(auditEvents.recordId, created.id));
    expect(audit).toMatchObject({ action: "create", recordKind: "request", actorId: focalKen.id });
    expect(audit.changes?.topics).toEqual({ before: [], after: ["EVID.MOBILE"] });
    const detail = await getRequest(t.db, focalKen, created.id);
    expect(detail?.timeline).toMatchObject([{ kind: "status", from: null, to: "submitted" }]);
    expect(detail?.topics.map((x) => x.code)).toEqual(["EVID.MOBILE"]);
  });

  it("refuses other countries' focal points, trainers and visitors; coordinators submit for any country", async () => {
    await expect(createRequest(t.db, focalUga, request())).rejects.toMatchObject({ status: 403 });
    const trainer = await createTestActor(t.db, "trainer", { organisationId: provider });
    await expect(createRequest(t.db, trainer, request())).rejects.toMatchObject({ status: 403 });
    await expect(createRequest(t.db, null, request())).rejects.toMatchObject({ status: 403 });
    await expect(createRequest(t.db, coordinator, request({ countryCode: "UGA" }))).resolves.toMatchObject({ countryCode: "UGA" });
  });

  it("refuses a timeframe that ends before it starts, writing nothing", async () => {
    await expect(createRequest(t.db, focalKen, request({ wantedTo: "2026-01-01" }))).rejects.toBeInstanceOf(RequestInputError);
    expect((await listRequests(t.db, coordinator, { countries: [], statuses: [], topics: [], mine: false }, { page: 1, pageSize: 10 })).total).toBe(0);
  });
});

describe("who sees and changes a request", () => {
  it("hides a non-public request from other countries' focal points, trainers and visitors", async () => {
    const hidden = await createRequest(t.db, focalKen, request());
    const open = await createRequest(t.db, focalKen, request({ isPublic: true, title: "Public one" }));
    const trainer = await createTestActor(t.db, "trainer", { organisationId: provider });
    const donor = await createTestActor(t.db, "donor");
    for (const outsider of [focalUga, trainer, null]) {
      expect(await getRequest(t.db, outsider, hidden.id)).toBeNull();
      expect(await getRequest(t.db, outsider, open.id)).not.toBeNull();
      const listed = await listRequests(t.db, outsider, { countries: [], statuses: [], topics: [], mine: false }, { page: 1, pageSize: 10 });
      expect(listed.items.map((r) => r.title)).toEqual(["Public one"]);
    }
    for (const insider of [focalKen, coordinator, donor]) expect(await getRequest(t.db, insider, hidden.id)).not.toBeNull();
  });

  it("lets only the country's focal points and coordinators edit or withdraw it", async () => {
    const created = await createRequest(t.db, focalKen, request({ isPublic: true }));
    await expect(updateRequest(t.db, { id: created.id, expectedVersion: 1, actor: focalUga, input: request({ title: "Hijacked" }) })).rejects.toMatchObject({ status: 403 });
    await expect(changeRequestStatus(t.db, { id: created.id, expectedVersion: 1, actor: focalUga, to: "withdrawn", note: null })).rejects.toMatchObject({ status: 403 });
    const edited = await updateRequest(t.db, { id: created.id, expectedVersion: 1, actor: focalKen, input: request({ title: "Mobile forensics, two cohorts", topics: ["EVID.MOBILE", "EVID.PRESERVE"] }) });
    expect(edited).toMatchObject({ title: "Mobile forensics, two cohorts", version: 2 });
    const [audit] = await t.db.select().from(auditEvents).where(and(eq(auditEvents.recordId, created.id), eq(auditEvents.action, "update")));
    expect(audit.changes?.topics).toEqual({ before: ["EVID.MOBILE"], after: ["EVID.MOBILE", "EVID.PRESERVE"] });
    await expect(updateRequest(t.db, { id: created.id, expectedVersion: 1, actor: focalKen, input: request() })).rejects.toBeInstanceOf(StaleVersionError);
  });
});

describe("the requests list's filters", () => {
  const read = (query: string) => readRequestListFilters(t.db, new URLSearchParams(query));

  it("reads them as the API does, several topics included, with the page's own ticks", async () => {
    expect(await read("country=ken;UGA&topic=EVID&topic=coop.mla&status=matched&mine=1&page=3")).toEqual({
      filters: { countries: ["KEN", "UGA"], topics: ["EVID", "COOP.MLA"], statuses: ["matched"], mine: true, open: false },
      paging: { page: 3, pageSize: 25 },
      problems: [],
    });
    expect((await read("open=1")).filters.statuses).toEqual(["submitted", "under_review", "matched", "scheduled"]);
    expect((await read("open=1&status=declined")).filters.statuses).toEqual(["declined"]);
  });

  it("leaves out and names each value it cannot use, and filters by the rest", async () => {
    await createRequest(t.db, focalKen, request({ title: "Kenya, evidence" }));
    await createRequest(t.db, focalUga, request({ title: "Uganda, evidence", countryCode: "UGA" }));
    await createRequest(t.db, focalKen, request({ title: "Kenya, interviews", topics: ["VIC.INTERVIEW"] }));
    const { filters, paging, problems } = await read("country=KEN&topic=ZZZ&status=lost&open=yes&urgency=high&page=x");
    expect(problems).toEqual([
      { parameter: "urgency", error: expect.stringMatching(/^Unknown parameter urgency;/) },
      { parameter: "status", error: expect.stringContaining('(got "lost")') },
      { parameter: "page", error: expect.stringContaining('(got "x")') },
      { parameter: "open", error: expect.stringContaining('(got "yes")') },
      { parameter: "topic", error: "Unknown topic code: ZZZ" },
    ]);
    expect(filters).toEqual({ countries: ["KEN"], topics: [], statuses: [], mine: false, open: false });
    expect((await listRequests(t.db, coordinator, filters, paging)).items.map((r) => r.title).sort()).toEqual(["Kenya, evidence", "Kenya, interviews"]);
    const evidence = (await read("topic=EVID;INV")).filters;
    expect((await listRequests(t.db, coordinator, evidence, paging)).items.map((r) => r.title).sort()).toEqual(["Kenya, evidence", "Uganda, evidence"]);
  });
});

describe("triage", () => {
  it("moves through the allowed statuses with a timeline, and tells the submitter each time", async () => {
    const created = await createRequest(t.db, focalKen, request());
    await changeRequestStatus(t.db, { id: created.id, expectedVersion: 1, actor: coordinator, to: "under_review", note: null });
    await expect(changeRequestStatus(t.db, { id: created.id, expectedVersion: 2, actor: coordinator, to: "declined", note: "" })).rejects.toThrow(/reason/);
    await expect(changeRequestStatus(t.db, { id: created.id, expectedVersion: 2, actor: focalKen, to: "matched", note: null })).rejects.toThrow(/only withdraw/);
    const declined = await changeRequestStatus(t.db, { id: created.id, expectedVersion: 2, actor: coordinator, to: "declined", note: "Outside this year's programme" });
    expect(declined).toMatchObject({ status: "declined", statusReason: "Outside this year's programme" });
    const events = await t.db.select().from(requestStatusEvents).where(eq(requestStatusEvents.requestId, created.id)).orderBy(requestStatusEvents.id);
    expect(events.map((e) => [e.fromStatus, e.toStatus])).toEqual([
      [null, "submitted"],
      ["submitted", "under_review"],
      ["under_review", "declined"],
    ]);
    expect(await inbox(focalKen.id)).toEqual([
      "Request “Mobile forensics for the new cyber unit” (Kenya): Submitted → Under review",
      "Request “Mobile forensics for the new cyber unit” (Kenya): Under review → Declined. Outside this year's programme",
    ]);
    const audits = await t.db.select().from(auditEvents).where(and(eq(auditEvents.recordId, created.id), eq(auditEvents.action, "status")));
    expect(audits).toHaveLength(2);
  });
});

describe("from request to delivered session", () => {
  it("links a suggestion, schedules a session from the request, and delivers the request when the session is completed", async () => {
    const created = await createRequest(t.db, focalKen, request());
    const [trainer] = await t.db.insert(trainers).values({ name: "Amina Hassan", organisationId: provider }).returning();
    await linkMatch(t.db, { actor: coordinator, requestId: created.id, kind: "trainer", targetId: trainer.id });
    // Linking twice keeps one link.
    await linkMatch(t.db, { actor: coordinator, requestId: created.id, kind: "trainer", targetId: trainer.id });
    let detail = await getRequest(t.db, focalKen, created.id);
    expect(detail).toMatchObject({ status: "matched", matches: [{ kind: "trainer", label: "Amina Hassan" }] });
    await expect(linkMatch(t.db, { actor: focalKen, requestId: created.id, kind: "trainer", targetId: trainer.id })).rejects.toMatchObject({ status: 403 });

    const { defaults } = await sessionDefaultsForRequest(t.db, coordinator, created.id);
    expect(defaults).toMatchObject({ hostCountry: "KEN", topics: ["EVID.MOBILE"], audiences: ["POLICE"], trainers: [trainer.id], providerId: provider, participants: "20", startDate: "2026-09-01" });

    const planned = await createSessionForRequest(t.db, coordinator, created.id, session({ trainers: [trainer.id] }));
    detail = await getRequest(t.db, focalKen, created.id);
    expect(detail?.status).toBe("scheduled");
    expect(detail?.matches.map((m) => m.kind)).toEqual(["trainer", "session"]);

    await updateSession(t.db, { id: planned.id, expectedVersion: 1, actor: coordinator, input: session({ status: "completed", trainers: [trainer.id], startDate: "2026-01-05", endDate: "2026-01-07" }) });
    detail = await getRequest(t.db, focalKen, created.id);
    expect(detail?.status).toBe("delivered");
    expect(detail?.timeline.filter((e) => e.kind === "status").map((e) => e.to)).toEqual(["submitted", "matched", "scheduled", "delivered"]);
    expect(detail?.timeline.filter((e) => e.kind === "change").map((e) => e.action)).toEqual(["link", "link"]);
    expect(await inbox(focalKen.id)).toEqual([
      "Request “Mobile forensics for the new cyber unit” (Kenya): Submitted → Matched. Trainer linked: Amina Hassan",
      "Request “Mobile forensics for the new cyber unit” (Kenya): Matched → Scheduled. Session planned: Phone extraction workshop (2026-10-05)",
      "Request “Mobile forensics for the new cyber unit” (Kenya): Scheduled → Delivered. Session completed: Phone extraction workshop",
    ]);
    // Closed: nothing more is linked to it.
    await expect(linkMatch(t.db, { actor: coordinator, requestId: created.id, kind: "trainer", targetId: trainer.id })).rejects.toMatchObject({ status: 409 });
  });

  it("sends a scheduled request back to matched when its session is cancelled, and unlinks", async () => {
    const created = await createRequest(t.db, focalKen, request());
    const planned = await createSessionForRequest(t.db, coordinator, created.id, session());
    expect((await getRequest(t.db, coordinator, created.id))?.status).toBe("scheduled");
    await cancelSession(t.db, { id: planned.id, expectedVersion: 1, actor: coordinator });
    const detail = await getRequest(t.db, coordinator, created.id);
    expect(detail?.status).toBe("matched");
    await unlinkMatch(t.db, { actor: coordinator, requestId: created.id, matchId: detail!.matches[0].id });
    expect((await getRequest(t.db, coordinator, created.id))?.matches).toEqual([]);
  });
});
