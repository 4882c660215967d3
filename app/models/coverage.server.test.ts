import { eq, sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { type Database } from "#db/client.server";
import {
  assistanceRequests,
  needsAssessmentItems,
  needsAssessments,
  requestTopics,
  sessionAudiences,
  sessionCountries,
  sessionTopics,
  topics,
  trainingSessions,
} from "#db/schema";
import { createTestActor, createTestDb, createTestOrganisation, type TestDb } from "#tests/setup/test-db";
import { aggregateSessions, type CoverageCell, type CoverageWindow, type SessionCell, type SessionRecord } from "~/domain/coverage";
import { replaceLinks } from "./records.server";
import { listRequests } from "./request-queries.server";
import { requestVisibility } from "./requests.server";
import { getCoverage, sessionCellsExact, sessionCellsFromRollup, type CoverageQuery } from "./coverage.server";

let t: TestDb;
let orgId: string;
beforeEach(async () => {
  t = createTestDb();
  orgId = (await createTestOrganisation(t.db)).id;
});
afterEach(() => t.cleanup());

const COUNTRIES = ["KEN", "UGA", "TZA", "PHL", "FJI", "BRA"];
const TOPICS = ["EVID.GATHER", "EVID.PRESERVE", "EVID.FORENSICS", "INV.PROACTIVE", "VIC.INTERVIEW", "TOT"];
const STATUSES = ["planned", "confirmed", "completed", "cancelled"] as const;

function random(seed: number) {
  let s = seed;
  const next = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
  const pick = <T,>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)];
  const some = <T,>(xs: readonly T[], max: number) => [...new Set(Array.from({ length: 1 + Math.floor(next() * max) }, () => pick(xs)))];
  const date = () => {
    const d = new Date(Date.UTC(2022, 0, 1) + Math.floor(next() * 3 * 365) * 86_400_000);
    return d.toISOString().slice(0, 10);
  };
  return { next, pick, some, date };
}

function addDaysIso(iso: string, n: number) {
  return new Date(Date.parse(iso) + n * 86_400_000).toISOString().slice(0, 10);
}

async function createSession(db: Database, r: ReturnType<typeof random>, extra: Partial<typeof trainingSessions.$inferInsert> = {}) {
  const start = r.date();
  const [row] = await db
    .insert(trainingSessions)
    .values({
      title: "Session",
      providerId: orgId,
      reportingOrgId: orgId,
      hostCountry: "KEN",
      startDate: start,
      endDate: addDaysIso(start, Math.floor(r.next() * 40)),
      status: r.pick(STATUSES),
      participants: r.next() < 0.2 ? null : Math.floor(r.next() * 40),
      ...extra,
    })
    .returning();
  await db.insert(sessionCountries).values(r.some(COUNTRIES, 3).map((countryCode) => ({ sessionId: row.id, countryCode })));
  await db.insert(sessionTopics).values(r.some(TOPICS, 3).map((topicCode) => ({ sessionId: row.id, topicCode })));
  return row;
}

async function loadSessionRecords(db: Database): Promise<SessionRecord[]> {
  const sessions = await db.select().from(trainingSessions);
  const countries = await db.select().from(sessionCountries);
  const topicRows = await db.select().from(sessionTopics);
  return sessions.map((s) => ({
    ...s,
    countries: countries.filter((c) => c.sessionId === s.id).map((c) => c.countryCode),
    topics: topicRows.filter((c) => c.sessionId === s.id).map((c) => c.topicCode),
  }));
}

const WINDOWS: CoverageWindow[] = [
  { from: null, to: null },
  { from: "2023-01-01", to: "2023-12-31" },
  { from: "2022-11-17", to: "2024-02-09" },
  { from: "2023-06-15", to: null },
  { from: null, to: "2023-03-03" },
  { from: "2024-03-20", to: "2024-03-22" },
];

function sorted(cells: Map<string, SessionCell>) {
  return [...cells.values()].sort((a, b) => a.country.localeCompare(b.country) || a.topic.localeCompare(b.topic));
}

/** The rollup, the plain aggregate and the reference maths agree, and the rollup table equals a rebuild from scratch. */
async function expectExact(db: Database) {
  const records = await loadSessionRecords(db);
  for (const window of WINDOWS) {
    const all = sorted(aggregateSessions(records, window));
    const expected = all.filter((c) => c.topic !== "*");
    expect(sorted(await sessionCellsExact(db, window)), `exact ${JSON.stringify(window)}`).toEqual(expected);
    expect(sorted(await sessionCellsFromRollup(db, window)), `rollup ${JSON.stringify(window)}`).toEqual(expected);
    // The all-topics cells count each session once per country.
    const allTopics = all.filter((c) => c.topic === "*");
    expect(sorted(await sessionCellsExact(db, { ...window, topics: ["*"] })), `exact * ${JSON.stringify(window)}`).toEqual(allTopics);
    expect(sorted(await sessionCellsFromRollup(db, { ...window, topics: ["*"] })), `rollup * ${JSON.stringify(window)}`).toEqual(allTopics);
  }
  const stored = await db.all(sql`SELECT * FROM coverage_rollup ORDER BY period, country_code, topic_code, status_class`);
  const rebuilt = await db.all(sql`
    SELECT substr(s.start_date, 1, g.len) AS period, sc.country_code, ta.code AS topic_code,
      CASE s.status WHEN 'completed' THEN 'delivered' ELSE 'planned' END AS status_class,
      count(*) AS sessions, sum(coalesce(s.participants, 0)) AS participants,
      max(CASE s.status WHEN 'completed' THEN s.end_date END) AS last_end
    FROM training_session s JOIN session_country sc ON sc.session_id = s.id
    JOIN (SELECT DISTINCT st.session_id, ta.ancestor_code AS code FROM session_topic st JOIN topic_ancestor ta ON ta.topic_code = st.topic_code) ta ON ta.session_id = s.id,
    (SELECT 4 AS len UNION ALL SELECT 7) AS g
    WHERE s.deleted_at IS NULL AND s.status IN ('completed', 'planned', 'confirmed')
    GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`);
  expect(stored).toEqual(rebuilt);
}

describe("the coverage rollup stays exact", () => {
  test("after creates, edits, link changes, soft deletes, restores, merges and hard deletes", async () => {
    const db = t.db;
    const r = random(42);
    const sessions: (typeof trainingSessions.$inferSelect)[] = [];
    for (let i = 0; i < 60; i++) sessions.push(await createSession(db, r));
    await expectExact(db);

    // Edits of status, dates and participants.
    for (const s of sessions.slice(0, 20)) {
      const start = r.date();
      await db
        .update(trainingSessions)
        .set({ status: r.pick(STATUSES), startDate: start, endDate: addDaysIso(start, Math.floor(r.next() * 10)), participants: Math.floor(r.next() * 30) })
        .where(eq(trainingSessions.id, s.id));
    }
    // A long session raises the span bound; the boundary query must still find it.
    await db.update(trainingSessions).set({ startDate: "2022-02-01", endDate: "2023-08-01", status: "completed" }).where(eq(trainingSessions.id, sessions[20].id));
    await expectExact(db);

    // Beneficiary countries and topics replaced the way forms and imports do, and moved by UPDATE.
    await db.transaction(async (tx) => {
      for (const s of sessions.slice(20, 35)) {
        await replaceLinks(tx, sessionCountries, "sessionId", "countryCode", s.id, r.some(COUNTRIES, 3));
        await replaceLinks(tx, sessionTopics, "sessionId", "topicCode", s.id, r.some(TOPICS, 4));
      }
    });
    await db.update(sessionTopics).set({ topicCode: "EVID.MOBILE" }).where(eq(sessionTopics.topicCode, "EVID.GATHER"));
    await db.update(sessionCountries).set({ countryCode: "IND" }).where(eq(sessionCountries.countryCode, "FJI"));
    await expectExact(db);

    // Soft deletes and restores.
    for (const s of sessions.slice(35, 45)) await db.update(trainingSessions).set({ deletedAt: "2025-01-01T00:00:00.000Z" }).where(eq(trainingSessions.id, s.id));
    await expectExact(db);
    for (const s of sessions.slice(35, 40)) await db.update(trainingSessions).set({ deletedAt: null }).where(eq(trainingSessions.id, s.id));
    await expectExact(db);

    // A merge: the duplicate is soft-deleted and points at the survivor, whose links absorb the duplicate's.
    const [survivor, duplicate] = [sessions[45], sessions[46]];
    await db.transaction(async (tx) => {
      await tx.update(trainingSessions).set({ deletedAt: "2025-02-01T00:00:00.000Z", duplicateOf: survivor.id }).where(eq(trainingSessions.id, duplicate.id));
      await replaceLinks(tx, sessionCountries, "sessionId", "countryCode", survivor.id, ["KEN", "UGA"]);
    });
    await expectExact(db);

    // Hard deletes (as a demo reset does): links first, then the session.
    for (const s of sessions.slice(50, 55)) {
      await db.delete(sessionCountries).where(eq(sessionCountries.sessionId, s.id));
      await db.delete(sessionTopics).where(eq(sessionTopics.sessionId, s.id));
      await db.delete(trainingSessions).where(eq(trainingSessions.id, s.id));
    }
    await expectExact(db);
  });

  test("a topic added between existing ones becomes an ancestor of its descendants", async () => {
    const db = t.db;
    await db.insert(topics).values({ code: "EVID.GATHER.CLOUD", parentCode: "EVID.GATHER", label: "Cloud" });
    const r = random(7);
    const s = await createSession(db, r, { status: "completed" });
    await db.insert(sessionTopics).values({ sessionId: s.id, topicCode: "EVID.GATHER.CLOUD" });
    await expectExact(db);
  });

  test("bulk multi-row inserts keep it exact", async () => {
    const db = t.db;
    const r = random(3);
    const ids: string[] = [];
    const values = Array.from({ length: 200 }, (_, i) => {
      const start = r.date();
      const id = `bulk${String(i).padStart(4, "0")}`;
      ids.push(id);
      return { id, title: "Bulk", providerId: orgId, reportingOrgId: orgId, hostCountry: "KEN", startDate: start, endDate: addDaysIso(start, 2), status: r.pick(STATUSES), participants: 10 };
    });
    await db.insert(trainingSessions).values(values);
    await db.insert(sessionTopics).values(ids.flatMap((sessionId) => r.some(TOPICS, 3).map((topicCode) => ({ sessionId, topicCode }))));
    await db.insert(sessionCountries).values(ids.flatMap((sessionId) => r.some(COUNTRIES, 2).map((countryCode) => ({ sessionId, countryCode }))));
    await expectExact(db);
  });
});

describe("getCoverage", () => {
  test("combines sessions, the latest needs and open requests, and filters by topic prefix, region and audience", async () => {
    const db = t.db;
    const [s] = await db
      .insert(trainingSessions)
      .values({ title: "S", providerId: orgId, reportingOrgId: orgId, hostCountry: "KEN", startDate: "2024-03-01", endDate: "2024-03-02", status: "completed", participants: 12 })
      .returning();
    await db.insert(sessionCountries).values([{ sessionId: s.id, countryCode: "KEN" }, { sessionId: s.id, countryCode: "BRA" }]);
    await db.insert(sessionTopics).values({ sessionId: s.id, topicCode: "EVID.GATHER" });
    await db.insert(sessionAudiences).values({ sessionId: s.id, audienceCode: "POLICE" });
    const [older] = await db.insert(needsAssessments).values({ countryCode: "KEN", assessedOn: "2023-01-01", assessor: "A" }).returning();
    await db.insert(needsAssessmentItems).values({ assessmentId: older.id, topicCode: "INV.PROACTIVE", level: 3 });
    const [latest] = await db.insert(needsAssessments).values({ countryCode: "KEN", assessedOn: "2024-01-01", assessor: "B" }).returning();
    await db.insert(needsAssessmentItems).values({ assessmentId: latest.id, topicCode: "VIC.INTERVIEW", level: 2 });
    const [req] = await db.insert(assistanceRequests).values({ countryCode: "KEN", title: "R", description: "D", status: "under_review", isPublic: true }).returning();
    await db.insert(requestTopics).values({ requestId: req.id, topicCode: "EVID.GATHER" });

    const q: CoverageQuery = { from: "2024-01-01", to: "2024-12-31" };
    const cells = await getCoverage(db, q);
    const find = (country: string, topic: string) => cells.find((c) => c.country === country && c.topic === topic);
    expect(find("KEN", "EVID")).toMatchObject({ delivered: 1, participants: 12, lastDelivered: "2024-03-02", openRequests: 1, gap: false });
    expect(find("KEN", "VIC")).toMatchObject({ needLevel: 2, gap: true });
    expect(find("KEN", "INV")).toBeUndefined(); // the older assessment no longer counts
    expect(find("BRA", "EVID.GATHER")).toMatchObject({ delivered: 1 });

    expect((await getCoverage(db, { ...q, topicPrefix: "VIC" })).map((c) => c.topic)).toEqual(["VIC", "VIC.INTERVIEW"]);
    expect(new Set((await getCoverage(db, { ...q, region: "419" })).map((c) => c.country))).toEqual(new Set(["BRA"]));
    expect((await getCoverage(db, { ...q, audiences: ["JUDGE"] })).find((c) => c.topic === "EVID.GATHER" && c.country === "KEN")).toMatchObject({ delivered: 0, gap: true });

    // A write shows on the next call, cache or not.
    // Record-by-record answers (an audience filter) are cached too, and a changed audience shows at once.
    const judges = { ...q, audiences: ["JUDGE"] };
    const kenGather = (cells: CoverageCell[]) => cells.find((c) => c.topic === "EVID.GATHER" && c.country === "KEN");
    expect(kenGather(await getCoverage(db, judges))).toMatchObject({ delivered: 0 });
    await db.insert(sessionAudiences).values({ sessionId: s.id, audienceCode: "JUDGE" });
    expect(kenGather(await getCoverage(db, judges))).toMatchObject({ delivered: 1 });

    await db.update(trainingSessions).set({ status: "cancelled" }).where(eq(trainingSessions.id, s.id));
    expect((await getCoverage(db, q)).find((c) => c.country === "BRA")).toBeUndefined();
  });
});

describe("open requests in coverage", () => {
  /** An open request for KEN's EVID.GATHER, submitted by `createdBy`. */
  async function openRequest(isPublic: boolean, createdBy: string | null = null) {
    const [req] = await t.db.insert(assistanceRequests).values({ countryCode: "KEN", title: "R", description: "D", status: "submitted", isPublic, createdBy }).returning();
    await t.db.insert(requestTopics).values({ requestId: req.id, topicCode: "EVID.GATHER" });
    return req;
  }
  const kenEvid = (cells: CoverageCell[]) => cells.find((c) => c.country === "KEN" && c.topic === "EVID");
  const window: CoverageQuery = { from: "2024-01-01", to: null };

  test("count only the requests the viewer may open on /requests, whatever was asked before", async () => {
    const coordinator = await createTestActor(t.db, "coordinator");
    const donor = await createTestActor(t.db, "donor");
    const focalKen = await createTestActor(t.db, "focal_point", { countryCode: "KEN" });
    const focalUga = await createTestActor(t.db, "focal_point", { countryCode: "UGA" });
    const submitter = await createTestActor(t.db, "trainer");
    await openRequest(true);
    await openRequest(false);
    await openRequest(false, submitter.id);

    const viewers = [null, focalUga, submitter, focalKen, donor, coordinator, null, submitter];
    const expected = [1, 1, 2, 3, 3, 3, 1, 2];
    for (const [i, actor] of viewers.entries()) {
      const cell = kenEvid(await getCoverage(t.db, { ...window, requestsVisibleTo: requestVisibility(actor) }));
      const listed = await listRequests(t.db, actor, { countries: ["KEN"], statuses: [], topics: ["EVID"], mine: false }, { page: 1, pageSize: 50 });
      expect([actor?.role ?? "visitor", cell?.openRequests]).toEqual([actor?.role ?? "visitor", expected[i]]);
      expect(listed.total).toBe(expected[i]);
    }
  });

  test("a gap that only a hidden request opens is not shown to a visitor, in either order of asking", async () => {
    const coordinator = await createTestActor(t.db, "coordinator");
    await openRequest(false);
    const asCoordinator = { ...window, requestsVisibleTo: requestVisibility(coordinator) };
    const asVisitor = { ...window, requestsVisibleTo: requestVisibility(null) };
    expect(kenEvid(await getCoverage(t.db, asCoordinator))).toMatchObject({ openRequests: 1, gap: true });
    expect(kenEvid(await getCoverage(t.db, asVisitor))).toBeUndefined();
    expect(kenEvid(await getCoverage(t.db, window))).toBeUndefined(); // public only unless told otherwise
    expect(kenEvid(await getCoverage(t.db, asCoordinator))).toMatchObject({ openRequests: 1, gap: true });
  });
});
