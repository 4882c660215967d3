import { and, eq, sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  auditEvents,
  courses,
  coverageRollup,
  duplicateDecisions,
  externalAliases,
  fundings,
  sessionBlocks,
  sessionCountries,
  sessionTopics,
  sessionTrainers,
  trainers,
  trainingSessions,
} from "#db/schema";
import { createTestActor, createTestDb, createTestOrganisation, type TestDb } from "#tests/setup/test-db";
import { type SignedInActor } from "~/utils/permissions.server";
import { fullScan, refreshCandidates } from "./duplicate-candidates.server";
import { decidePairs, mergeRecords, MergeRefusedError, reopenDecision, unmergeDecision } from "./duplicate-decisions.server";
import { getComparison, listPairs, listReviewEntries, mergeDecisionOf, possibleDuplicateIds, survivorOf } from "./duplicates.server";
import { StaleVersionError } from "./records.server";
import { createSession, SessionInputError, updateSession, type SessionInput } from "./sessions.server";

let t: TestDb;
let coordinator: SignedInActor;
let provider: string;
let funder: string;
let other: string;
const paging = { page: 1, pageSize: 50 };

beforeEach(async () => {
  t = createTestDb();
  coordinator = await createTestActor(t.db, "coordinator");
  provider = (await createTestOrganisation(t.db, "Regional Cybercrime Academy", "academic")).id;
  funder = (await createTestOrganisation(t.db, "Nordic Child Safety Fund", "donor")).id;
  other = (await createTestOrganisation(t.db, "Global Policing Institute", "ngo")).id;
});
afterEach(() => t.cleanup());

function input(overrides: Partial<SessionInput> = {}): SessionInput {
  return {
    courseId: null,
    title: "Mobile device forensics",
    providerId: provider,
    reportingOrgId: provider,
    externalId: "RCA-2024-0007",
    hostCountry: "KEN",
    city: null,
    countries: [],
    startDate: "2024-03-04",
    endDate: "2024-03-06",
    status: "completed",
    topics: ["EVID.MOBILE"],
    audiences: ["FORENSIC", "POLICE"],
    offences: [],
    funders: [funder],
    trainers: [],
    language: "en",
    mode: "in_person",
    participants: 24,
    participantsFemale: null,
    participantsMale: null,
    outcomes: "Scores rose from 40% to 75%.",
    notes: null,
    ...overrides,
  };
}

/** The provider's own report and its funder's report of the same delivery. */
async function plantedPair() {
  const own = await createSession(t.db, coordinator, input());
  const theirs = await createSession(
    t.db,
    coordinator,
    input({ title: "Training course: mobile device forensics", reportingOrgId: funder, externalId: "GRANT-7", startDate: "2024-03-05", endDate: "2024-03-07", countries: ["KEN", "UGA"], outcomes: null }),
  );
  return { own, theirs };
}

const rowOf = async (id: string) => (await t.db.select().from(trainingSessions).where(eq(trainingSessions.id, id)))[0];
const listOf = async (id: string) => (await t.db.select({ c: sessionCountries.countryCode }).from(sessionCountries).where(eq(sessionCountries.sessionId, id))).map((r) => r.c).sort();
const delivered = async () =>
  (await t.db.select({ n: sql<number>`coalesce(sum(${coverageRollup.sessions}), 0)` }).from(coverageRollup).where(and(eq(coverageRollup.statusClass, "delivered"), eq(coverageRollup.countryCode, "KEN"), eq(coverageRollup.topicCode, "EVID.MOBILE"), eq(coverageRollup.period, "2024"))))[0].n;

describe("candidates", () => {
  it("finds a delivery reported by its provider and its funder, with reasons, and flags both", async () => {
    const { own, theirs } = await plantedPair();
    await createSession(t.db, coordinator, input({ externalId: "RCA-2024-0099", startDate: "2024-07-01", endDate: "2024-07-03" }));
    const { pairs, total } = await listPairs(t.db, coordinator, { kind: "session", statuses: ["open"], paging });
    expect(total).toBe(1);
    expect([pairs[0].a, pairs[0].b].sort()).toEqual([own.id, theirs.id].sort());
    expect(pairs[0].score).toBeGreaterThan(0.9);
    expect(pairs[0].reasons).toEqual(expect.arrayContaining(["dates 1 day apart", "one report is by a funder (Nordic Child Safety Fund)"]));
    expect(await possibleDuplicateIds(t.db, [own.id, theirs.id, "nope"])).toEqual(new Set([own.id, theirs.id]));
  });

  it("keeps up with later writes through the dirty marks, whatever wrote them", async () => {
    const { own } = await plantedPair();
    await refreshCandidates(t.db, "session");
    const third = await createSession(t.db, coordinator, input({ title: "Mobile device forensics (cohort B)", reportingOrgId: other, providerId: provider, externalId: "X-1", outcomes: null }));
    expect((await listPairs(t.db, coordinator, { kind: "session", statuses: ["open"], paging })).total).toBe(3);
    // Moving the third session months away drops its pairs.
    await updateSession(t.db, { id: third.id, expectedVersion: third.version, actor: coordinator, input: input({ reportingOrgId: other, externalId: "X-1", startDate: "2024-09-01", endDate: "2024-09-02" }) });
    const { pairs } = await listPairs(t.db, coordinator, { kind: "session", statuses: ["open"], paging });
    expect(pairs.map((p) => [p.a, p.b].includes(own.id))).toEqual([true]);
  });

  it("groups three reports of one delivery into one cluster", async () => {
    await plantedPair();
    await createSession(t.db, coordinator, input({ title: "Mobile device forensics", reportingOrgId: other, externalId: "GPI-3", outcomes: null }));
    const review = await listReviewEntries(t.db, coordinator, { kind: "session", status: "open", paging });
    expect(review.entries).toHaveLength(1);
    expect(review.entries[0].members).toHaveLength(3);
    expect(review.entries[0].pairs).toHaveLength(3);
  });

  it("remembers 'not a duplicate': the pair never comes back, even after edits and a full scan; reopening brings it back", async () => {
    const { own, theirs } = await plantedPair();
    await decidePairs(t.db, coordinator, { kind: "session", ids: [own.id, theirs.id], decision: "not_duplicate", note: "Two cohorts" });
    await updateSession(t.db, { id: own.id, expectedVersion: own.version, actor: coordinator, input: input({ participants: 25 }) });
    await fullScan(t.db, "session");
    expect((await listPairs(t.db, coordinator, { kind: "session", statuses: ["open"], paging })).total).toBe(0);
    expect(await possibleDuplicateIds(t.db, [own.id])).toEqual(new Set());
    const reviewed = await listPairs(t.db, coordinator, { kind: "session", statuses: ["not_duplicate"], paging });
    expect(reviewed.pairs).toHaveLength(1);
    await reopenDecision(t.db, coordinator, reviewed.pairs[0].decisionId!);
    expect((await listPairs(t.db, coordinator, { kind: "session", statuses: ["open"], paging })).total).toBe(1);
    const audit = await t.db.select().from(auditEvents).where(eq(auditEvents.recordKind, "duplicate_decision"));
    expect(audit.map((a) => a.action).sort()).toEqual(["create", "reopen"]);
  });

  it("keeps 'unsure' pairs aside but still flags them", async () => {
    const { own, theirs } = await plantedPair();
    await decidePairs(t.db, coordinator, { kind: "session", ids: [own.id, theirs.id], decision: "unsure", note: null });
    expect((await listPairs(t.db, coordinator, { kind: "session", statuses: ["open"], paging })).total).toBe(0);
    expect((await listReviewEntries(t.db, coordinator, { kind: "session", status: "unsure", paging })).total).toBe(1);
    expect((await possibleDuplicateIds(t.db, [own.id])).size).toBe(1);
  });

  it("finds an organisation registered again under its acronym", async () => {
    const again = await createTestOrganisation(t.db, "RCA", "academic");
    const orgs = await listPairs(t.db, coordinator, { kind: "organisation", statuses: ["open"], paging });
    expect(orgs.pairs.map((p) => [p.a, p.b].sort())).toEqual([[provider, again.id].sort()]);
    expect(orgs.pairs[0].reasons).toContain("'RCA' = 'Regional Cybercrime Academy'");
  });

  it("is for coordinators only", async () => {
    const donor = await createTestActor(t.db, "donor");
    await expect(listPairs(t.db, donor, { kind: "session", statuses: ["open"], paging })).rejects.toMatchObject({ status: 403 });
    await expect(decidePairs(t.db, donor, { kind: "session", ids: ["a", "b"], decision: "unsure", note: null })).rejects.toMatchObject({ status: 403 });
    await expect(mergeRecords(t.db, null, { kind: "session", survivorId: "a", memberIds: ["a", "b"], versions: {}, fields: {}, lists: {}, note: null })).rejects.toMatchObject({ status: 403 });
  });
});

describe("merging sessions", () => {
  it("merges field by field, keeps the other as a pointer, moves funding and aliases, and counts the delivery once", async () => {
    const { own, theirs } = await plantedPair();
    await t.db.insert(fundings).values({ donorId: funder, sessionId: theirs.id, status: "disbursed", amount: 5000, currency: "EUR" });
    expect(await delivered()).toBe(2);
    const comparison = (await getComparison(t.db, coordinator, "session", [own.id, theirs.id]))!;
    expect(comparison.defaultSurvivor).toBe(own.id);
    expect(comparison.fieldChoices.find((f) => f.key === "title")?.differs).toBe(true);
    await mergeRecords(t.db, coordinator, {
      kind: "session",
      survivorId: own.id,
      memberIds: [own.id, theirs.id],
      versions: { [own.id]: own.version, [theirs.id]: theirs.version },
      fields: { title: theirs.id },
      lists: {},
      note: "Funder's report of our delivery",
    });
    const survivor = await rowOf(own.id);
    const gone = await rowOf(theirs.id);
    expect(survivor.title).toBe("Training course: mobile device forensics");
    expect(survivor.outcomes).toBe("Scores rose from 40% to 75%.");
    expect(await listOf(own.id)).toEqual(["KEN", "UGA"]);
    expect(gone.deletedAt).not.toBeNull();
    expect(gone.duplicateOf).toBe(own.id);
    expect(await survivorOf(t.db, "session", theirs.id)).toBe(own.id);
    expect((await t.db.select().from(fundings))[0].sessionId).toBe(own.id);
    expect(await t.db.select().from(externalAliases)).toEqual([expect.objectContaining({ reportingOrgId: funder, externalId: "GRANT-7", sessionId: own.id })]);
    expect(await delivered()).toBe(1);
    expect(await t.db.select().from(sessionBlocks).where(eq(sessionBlocks.sessionId, theirs.id))).toEqual([]);
    expect((await listPairs(t.db, coordinator, { kind: "session", statuses: ["merged"], paging })).pairs[0]).toMatchObject({ status: "merged" });
    const actions = await t.db.select({ kind: auditEvents.recordKind, action: auditEvents.action, id: auditEvents.recordId }).from(auditEvents).where(sql`${auditEvents.action} IN ('merge', 'relink', 'create')`);
    expect(actions).toEqual(
      expect.arrayContaining([
        { kind: "session", action: "merge", id: own.id },
        { kind: "session", action: "merge", id: theirs.id },
        { kind: "funding", action: "relink", id: expect.any(String) },
        { kind: "duplicate_decision", action: "create", id: expect.any(String) },
      ]),
    );
  });

  it("does not let the merged report come back: its (reporter, id) now names the survivor", async () => {
    const { own, theirs } = await plantedPair();
    await mergeRecords(t.db, coordinator, { kind: "session", survivorId: own.id, memberIds: [own.id, theirs.id], versions: {}, fields: {}, lists: {}, note: null });
    await expect(createSession(t.db, coordinator, input({ reportingOrgId: funder, externalId: "GRANT-7" }))).rejects.toBeInstanceOf(SessionInputError);
    await fullScan(t.db, "session");
    expect((await listPairs(t.db, coordinator, { kind: "session", statuses: ["open"], paging })).total).toBe(0);
  });

  it("unmerges exactly: both records, their lists, funding, aliases and coverage as they were", async () => {
    const { own, theirs } = await plantedPair();
    await t.db.insert(fundings).values({ donorId: funder, sessionId: theirs.id, status: "disbursed" });
    const before = { own: await rowOf(own.id), theirs: await rowOf(theirs.id), ownCountries: await listOf(own.id), theirCountries: await listOf(theirs.id) };
    await mergeRecords(t.db, coordinator, { kind: "session", survivorId: own.id, memberIds: [own.id, theirs.id], versions: {}, fields: { title: theirs.id, dates: theirs.id }, lists: {}, note: null });
    const [decision] = await t.db.select().from(duplicateDecisions);
    await unmergeDecision(t.db, coordinator, decision.id);
    const strip = ({ version: _v, updatedAt: _u, ...rest }: typeof before.own) => rest;
    expect(strip(await rowOf(own.id))).toEqual(strip(before.own));
    expect(strip(await rowOf(theirs.id))).toEqual(strip(before.theirs));
    expect(await listOf(own.id)).toEqual(before.ownCountries);
    expect(await listOf(theirs.id)).toEqual(before.theirCountries);
    expect((await t.db.select().from(fundings))[0].sessionId).toBe(theirs.id);
    expect(await t.db.select().from(externalAliases)).toEqual([]);
    expect(await delivered()).toBe(2);
    expect((await t.db.select().from(duplicateDecisions))[0].deletedAt).not.toBeNull();
    expect((await listPairs(t.db, coordinator, { kind: "session", statuses: ["open"], paging })).total).toBe(1);
    await expect(unmergeDecision(t.db, coordinator, decision.id)).rejects.toMatchObject({ status: 404 });
  });

  it("finds the merge to undo from the merged record, and only for it", async () => {
    const { own, theirs } = await plantedPair();
    expect(await mergeDecisionOf(t.db, coordinator, "session", theirs.id)).toBeNull();
    await mergeRecords(t.db, coordinator, { kind: "session", survivorId: own.id, memberIds: [own.id, theirs.id], versions: {}, fields: {}, lists: {}, note: null });
    const [decision] = await t.db.select().from(duplicateDecisions);
    expect(await mergeDecisionOf(t.db, coordinator, "session", theirs.id)).toBe(decision.id);
    // The survivor was not merged away: nothing to undo from its page.
    expect(await mergeDecisionOf(t.db, coordinator, "session", own.id)).toBeNull();
    await unmergeDecision(t.db, coordinator, decision.id);
    expect(await mergeDecisionOf(t.db, coordinator, "session", theirs.id)).toBeNull();
    await expect(mergeDecisionOf(t.db, null, "session", theirs.id)).rejects.toMatchObject({ status: 403 });
  });

  it("keeps a survivor's field edited after the merge when undoing it", async () => {
    const { own, theirs } = await plantedPair();
    await mergeRecords(t.db, coordinator, { kind: "session", survivorId: own.id, memberIds: [own.id, theirs.id], versions: {}, fields: { title: theirs.id }, lists: {}, note: null });
    await t.db.update(trainingSessions).set({ title: "Edited later" }).where(eq(trainingSessions.id, own.id));
    const [decision] = await t.db.select().from(duplicateDecisions);
    const result = await unmergeDecision(t.db, coordinator, decision.id);
    expect(result.kept).toEqual(["title"]);
    expect((await rowOf(own.id)).title).toBe("Edited later");
  });

  it("merges a cluster with one member left out, and refuses a stale form", async () => {
    const { own, theirs } = await plantedPair();
    const third = await createSession(t.db, coordinator, input({ reportingOrgId: other, externalId: "GPI-3", outcomes: null }));
    await expect(
      mergeRecords(t.db, coordinator, { kind: "session", survivorId: own.id, memberIds: [own.id, theirs.id], versions: { [own.id]: own.version + 5 }, fields: {}, lists: {}, note: null }),
    ).rejects.toBeInstanceOf(StaleVersionError);
    await mergeRecords(t.db, coordinator, { kind: "session", survivorId: own.id, memberIds: [own.id, theirs.id], versions: {}, fields: {}, lists: {}, note: null });
    expect((await rowOf(third.id)).deletedAt).toBeNull();
    const open = await listPairs(t.db, coordinator, { kind: "session", statuses: ["open"], paging });
    expect(open.pairs.map((p) => [p.a, p.b].sort())).toEqual([[own.id, third.id].sort()]);
    await expect(
      mergeRecords(t.db, coordinator, { kind: "session", survivorId: own.id, memberIds: [own.id, theirs.id], versions: {}, fields: {}, lists: {}, note: null }),
    ).rejects.toBeInstanceOf(MergeRefusedError);
  });
});

describe("merging the other kinds", () => {
  it("moves a course's sessions to the surviving course and back", async () => {
    const { own } = await plantedPair();
    const [c1, c2] = await t.db
      .insert(courses)
      .values([
        { title: "Mobile device forensics", summary: "Phones.", providerId: provider, level: "intermediate", mode: "in_person" },
        { title: "Mobile Device Forensics (2 days)", summary: "Phones and tablets.", providerId: provider, level: "intermediate", mode: "in_person" },
      ])
      .returning();
    await t.db.update(trainingSessions).set({ courseId: c2.id }).where(eq(trainingSessions.id, own.id));
    const open = await listPairs(t.db, coordinator, { kind: "course", statuses: ["open"], paging });
    expect(open.total).toBe(1);
    await mergeRecords(t.db, coordinator, { kind: "course", survivorId: c1.id, memberIds: [c1.id, c2.id], versions: {}, fields: { summary: c2.id }, lists: {}, note: null });
    expect((await rowOf(own.id)).courseId).toBe(c1.id);
    const [decision] = await t.db.select().from(duplicateDecisions);
    await unmergeDecision(t.db, coordinator, decision.id);
    expect((await rowOf(own.id)).courseId).toBe(c2.id);
  });

  it("moves a trainer's sessions, dropping a second link to the same session, and puts both back", async () => {
    const [a, b] = await t.db
      .insert(trainers)
      .values([
        { name: "Dr. Amina O. Hassan", organisationId: provider },
        { name: "Amina Hassan", organisationId: provider },
      ])
      .returning();
    const s1 = await createSession(t.db, coordinator, input({ trainers: [a.id, b.id] }));
    const s2 = await createSession(t.db, coordinator, input({ externalId: "RCA-2", startDate: "2025-01-01", endDate: "2025-01-02", trainers: [b.id] }));
    const open = await listPairs(t.db, coordinator, { kind: "trainer", statuses: ["open"], paging });
    expect(open.total).toBe(1);
    await mergeRecords(t.db, coordinator, { kind: "trainer", survivorId: a.id, memberIds: [a.id, b.id], versions: {}, fields: {}, lists: {}, note: null });
    const links = async () => (await t.db.select().from(sessionTrainers)).map((r) => `${r.sessionId === s1.id ? "s1" : "s2"}:${r.trainerId === a.id ? "a" : "b"}`).sort();
    expect(await links()).toEqual(["s1:a", "s2:a"]);
    const [decision] = await t.db.select().from(duplicateDecisions);
    await unmergeDecision(t.db, coordinator, decision.id);
    expect(await links()).toEqual(["s1:a", "s1:b", "s2:b"]);
  });

  it("merges an organisation registered twice, moving what it provided, and refuses when both reported one id", async () => {
    const again = await createTestOrganisation(t.db, "RCA", "academic");
    const s = await createSession(t.db, coordinator, input({ providerId: again.id, reportingOrgId: again.id, externalId: "RCA-OTHER" }));
    await mergeRecords(t.db, coordinator, { kind: "organisation", survivorId: provider, memberIds: [provider, again.id], versions: {}, fields: {}, lists: {}, note: null });
    expect(await rowOf(s.id)).toMatchObject({ providerId: provider, reportingOrgId: provider });
    const [decision] = await t.db.select().from(duplicateDecisions);
    await unmergeDecision(t.db, coordinator, decision.id);
    expect(await rowOf(s.id)).toMatchObject({ providerId: again.id, reportingOrgId: again.id });
    await createSession(t.db, coordinator, input({ providerId: again.id, reportingOrgId: again.id, externalId: "RCA-2024-0007", startDate: "2025-05-01", endDate: "2025-05-01" }));
    await createSession(t.db, coordinator, input());
    await expect(
      mergeRecords(t.db, coordinator, { kind: "organisation", survivorId: provider, memberIds: [provider, again.id], versions: {}, fields: {}, lists: {}, note: null }),
    ).rejects.toThrow(/RCA-2024-0007/);
  });
});

describe("session blocking index", () => {
  it("holds one row per live session, country and topic plus one per country, kept by triggers", async () => {
    const s = await createSession(t.db, coordinator, input({ countries: ["KEN", "UGA"], topics: ["EVID.MOBILE", "EVID.GATHER"] }));
    const rows = async () => (await t.db.select().from(sessionBlocks).where(eq(sessionBlocks.sessionId, s.id))).map((r) => `${r.countryCode}/${r.topicCode}`).sort();
    expect(await rows()).toEqual(["KEN/", "KEN/EVID.GATHER", "KEN/EVID.MOBILE", "UGA/", "UGA/EVID.GATHER", "UGA/EVID.MOBILE"]);
    await t.db.delete(sessionTopics).where(and(eq(sessionTopics.sessionId, s.id), eq(sessionTopics.topicCode, "EVID.GATHER")));
    await t.db.update(trainingSessions).set({ startDate: "2024-03-01" }).where(eq(trainingSessions.id, s.id));
    expect(await rows()).toEqual(["KEN/", "KEN/EVID.MOBILE", "UGA/", "UGA/EVID.MOBILE"]);
    expect(new Set((await t.db.select().from(sessionBlocks).where(eq(sessionBlocks.sessionId, s.id))).map((r) => r.startDate))).toEqual(new Set(["2024-03-01"]));
    await t.db.update(trainingSessions).set({ deletedAt: "2026-01-01T00:00:00Z" }).where(eq(trainingSessions.id, s.id));
    expect(await rows()).toEqual([]);
  });
});
