import { readFileSync } from "node:fs";
import { Readable } from "node:stream";
import { count, eq, like, sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  assistanceRequests,
  auditEvents,
  follows,
  notifications,
  organisations,
  requestMatches,
  requestStatusEvents,
  sessionAudiences,
  sessionCountries,
  sessionTopics,
  trainingSessions,
} from "#db/schema";
import { createTestActor, createTestDb, createTestOrganisation, type TestDb } from "../../tests/setup/test-db";
import { TRIGGER_GROUPS } from "./session-import-derived.server";
import { COMMAND_LINE, importSessionsCsv, SessionImportError } from "./session-import.server";
import { deleteSession, restoreSession } from "./sessions.server";
import { mergeRecords } from "./duplicate-decisions.server";

const HEADER = "external_id,title,provider,host_country,start_date,end_date,status,topics,audiences,participants,notes";
const GOOD = "S-1,Preserving evidence,Reporter Org,KE,2025-03-04,2025-03-06,completed,EVID.PRESERVE,POLICE,25,";
const FIXTURE = readFileSync("tests/fixtures/sessions-forgiving.csv");

let t: TestDb;
let reporterId: string;

beforeEach(async () => {
  t = createTestDb();
  reporterId = (await createTestOrganisation(t.db, "Reporter Org", "ngo")).id;
});
afterEach(() => t.cleanup());

function run(text: string | Buffer, options: { dryRun?: boolean; keepRows?: number; actor?: Parameters<typeof importSessionsCsv>[1]["actor"] } = {}) {
  return importSessionsCsv(t.db, {
    input: Readable.from([typeof text === "string" ? Buffer.from(text) : text]),
    reporter: { id: reporterId },
    actor: options.actor ?? COMMAND_LINE,
    dryRun: options.dryRun,
    keepRows: options.keepRows,
  });
}

async function sessionCount() {
  const [{ n }] = await t.db.select({ n: count() }).from(trainingSessions);
  return n;
}

describe("a file with a bad row writes nothing and names line, column and reason", () => {
  // One case per class of bad row (DESIGN §7.1); each file has a good row first, so nothing partial can slip in.
  it.each([
    ["bad date format", "S-2,T,Reporter Org,KE,04/03/2025,2025-03-06,planned,EVID,,,", 3, "start_date", "not a real date"],
    ["impossible date", "S-2,T,Reporter Org,KE,2025-02-30,2025-03-06,planned,EVID,,,", 3, "start_date", "not a real date"],
    ["end before start", "S-2,T,Reporter Org,KE,2025-03-06,2025-03-04,planned,EVID,,,", 3, "end_date", "before it starts"],
    ["unknown country", "S-2,T,Reporter Org,Narnia,2025-03-04,2025-03-06,planned,EVID,,,", 3, "host_country", 'unknown country "Narnia"'],
    ["unknown topic", "S-2,T,Reporter Org,KE,2025-03-04,2025-03-06,planned,EVID.NOPE,,,", 3, "topics", 'unknown topic "EVID.NOPE"'],
    ["unknown audience", "S-2,T,Reporter Org,KE,2025-03-04,2025-03-06,planned,EVID,ASTRONAUT,,", 3, "audiences", 'unknown audience "ASTRONAUT"'],
    ["negative participants", "S-2,T,Reporter Org,KE,2025-03-04,2025-03-06,planned,EVID,,-4,", 3, "participants", "whole number"],
    ["non-integer participants", "S-2,T,Reporter Org,KE,2025-03-04,2025-03-06,planned,EVID,,12.5,", 3, "participants", "whole number"],
    ["missing required cell", "S-2,,Reporter Org,KE,2025-03-04,2025-03-06,planned,EVID,,,", 3, "title", "required, but empty"],
    ["unknown status", "S-2,T,Reporter Org,KE,2025-03-04,2025-03-06,done,EVID,,,", 3, "status", "not one of"],
    ["repeated external_id", "S-1,Again,Reporter Org,KE,2025-03-04,2025-03-06,planned,EVID,,,", 3, "external_id", "more than once in the file (first on line 2)"],
    ["wrong number of cells", "S-2,T,Reporter Org,KE", 3, null, "expected 11 cells like the header, found 4"],
    ["broken quoting", 'S-2,"T,Reporter Org,KE,2025-03-04,2025-03-06,planned,EVID,,,', 3, null, "never closed"],
  ] as const)("%s", async (_label, badRow, line, column, reason) => {
    const result = await run(`${HEADER}\n${GOOD}\n${badRow}\n`);
    expect(result.errorCount).toBeGreaterThan(0);
    expect(result.errors).toContainEqual({ line, column, reason: expect.stringContaining(reason) });
    expect(result.created + result.updated + result.unchanged).toBe(0);
    expect(await sessionCount()).toBe(0);
  });

  it("ids that only share a hash are not repeats; a real repeat among them is", async () => {
    // "ID-149599" and "ID-312382" have the same 30-bit hash in the importer's repeat finder.
    const row = (id: string) => `${id},T,Reporter Org,KE,2025-03-04,2025-03-06,planned,EVID,,,`;
    const fine = await run(`${HEADER}\n${row("ID-149599")}\n${row("ID-312382")}\n`);
    expect(fine).toMatchObject({ errorCount: 0, created: 2 });
    const repeated = await run(`${HEADER}\n${row("ID-149599")}\n${row("ID-312382")}\n${row("ID-999")}\n${row("ID-312382")}\n`, { dryRun: true });
    expect(repeated.errors).toEqual([{ line: 5, column: "external_id", reason: '"ID-312382" appears more than once in the file (first on line 3)' }]);
  });

  it("a repeat is reported even when the row it repeats has other problems", async () => {
    const result = await run(`${HEADER}\nS-2,,Reporter Org,KE,2025-03-04,2025-03-06,planned,EVID,,,\nS-2,T,Reporter Org,KE,2025-03-04,2025-03-06,planned,EVID,,,\n`);
    expect(result.errors).toEqual([
      { line: 2, column: "title", reason: "required, but empty" },
      { line: 3, column: "external_id", reason: '"S-2" appears more than once in the file (first on line 2)' },
    ]);
  });

  it("unknown and missing columns (line 1)", async () => {
    const result = await run(`${HEADER.replace("notes", "colour").replace("status,", "")}\n`);
    expect(result.errors).toEqual(
      expect.arrayContaining([
        { line: 1, column: "colour", reason: expect.stringContaining("unknown column") },
        { line: 1, column: "status", reason: "required column is missing" },
      ]),
    );
  });

  it("a file that is not UTF-8", async () => {
    const latin1 = Buffer.concat([Buffer.from(`${HEADER}\n${GOOD}\nS-2,Formaci`), Buffer.from([0xf3]), Buffer.from("n,Reporter Org,KE,2025-03-04,2025-03-06,planned,EVID,,,\n")]);
    const result = await run(latin1);
    expect(result.errors[0].reason).toContain("not UTF-8");
    expect(await sessionCount()).toBe(0);
  });

  it("names the line of a byte that is not UTF-8, deep in a big file", async () => {
    const rows = Array.from({ length: 1500 }, (_, i) => `S-${i},A title long enough to fill the reading chunks,Reporter Org,KE,2025-03-04,2025-03-06,planned,EVID,,,`);
    const file = Buffer.concat([Buffer.from(`${HEADER}\n${rows.join("\n")}\nS-X,Formaci`), Buffer.from([0xf3]), Buffer.from("n,Reporter Org,KE,2025-03-04,2025-03-06,planned,EVID,,,\n")]);
    expect(file.length).toBeGreaterThan(2 * 65_536);
    const result = await run(file);
    expect(result.errors).toEqual([{ line: 1502, column: null, reason: expect.stringContaining("not UTF-8") }]);
  });

  it("names the line where broken quoting starts, after multi-line cells and before more rows", async () => {
    const row = (id: string, title = "T") => `${id},${title},Reporter Org,KE,2025-03-04,2025-03-06,planned,EVID,,,`;
    const multiLine = `M-1,T,Reporter Org,KE,2025-03-04,2025-03-06,planned,EVID,,,"one\r\ntwo\r\nthree"`;
    const strayQuotes = await run(`${HEADER}\r\n${multiLine}\r\n${row("M-2", 'a "b" c')}\r\n${row("M-3")}\r\n`);
    expect(strayQuotes.errors).toEqual([{ line: 5, column: null, reason: expect.stringContaining("quote") }]);
    const unclosed = await run(`${HEADER}\n${GOOD}\n${row("M-2", '"T')}\n${row("M-3")}\n${row("M-4")}\n`);
    expect(unclosed.errors).toEqual([{ line: 3, column: null, reason: expect.stringContaining("never closed") }]);
  });

  it("an empty file", async () => {
    const result = await run("");
    expect(result.errors).toEqual([{ line: 1, column: null, reason: expect.stringContaining("the file is empty") }]);
  });

  it("a file with a header and no rows", async () => {
    const result = await run(`${HEADER}\r\n\r\n`);
    expect(result.errors).toEqual([{ line: 2, column: null, reason: "the file has a header but no rows below it" }]);
  });

  it("new organisations named by a bad file are not created either", async () => {
    const [{ n: before }] = await t.db.select({ n: count() }).from(organisations);
    await run(`${HEADER}\nS-1,T,Brand New Provider,KE,2025-03-04,2025-03-06,planned,EVID,,,\nS-2,T,Other New,KE,2025-03-04,2025-03-01,planned,EVID,,,\n`);
    const [{ n: after }] = await t.db.select({ n: count() }).from(organisations);
    expect(after).toBe(before);
  });
});

describe("importing", () => {
  it("reads a file whose line ends change from row to row, and names the right line", async () => {
    const row = (id: string, date = "2025-03-04") => `${id},T,Reporter Org,KE,${date},2025-03-06,planned,EVID,,,`;
    const mixed = `${HEADER}\r\n${row("M-1")}\n${row("M-2")}\r\n${row("M-3")}\r${row("M-4")}\n`;
    expect(await run(mixed, { dryRun: true })).toMatchObject({ errorCount: 0, created: 4 });
    const bad = await run(`${HEADER}\r\n${row("M-1")}\n${row("M-2")}\r\n${row("M-3", "2025-13-01")}\n`);
    expect(bad.errors).toEqual([{ line: 4, column: "start_date", reason: expect.stringContaining("not a real date") }]);
  });

  it("reads BOM, CRLF, any header case and keeps emoji, right-to-left, SQL- and formula-looking text exactly", async () => {
    const crlf = Buffer.from(FIXTURE.toString("utf8").replace(/\r?\n/g, "\r\n"));
    const result = await run(crlf);
    expect(result.errors).toEqual([]);
    expect(result).toMatchObject({ totalRows: 3, created: 3, updated: 0, unchanged: 0 });
    const rows = await t.db.select().from(trainingSessions).orderBy(trainingSessions.externalId);
    expect(rows.map((r) => r.title)).toEqual(["Preserving electronic evidence", "Entrevistas con niños 🧒", "تدريب الأدلة الرقمية"]);
    // Inside a quoted cell the file's own CRLF is kept as written.
    expect(rows[1].notes).toBe('Multi-line\r\nnote, with "quotes"');
    expect(rows[2].notes).toBe('=HYPERLINK("http://x");DROP TABLE training_session;--');
    expect(rows[1].hostCountry).toBe("BOL");
  });

  it("is idempotent: the same file again changes nothing, an edited row updates its session with an audit event", async () => {
    await run(FIXTURE);
    const [{ n: auditsBefore }] = await t.db.select({ n: count() }).from(auditEvents);
    const again = await run(FIXTURE);
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
    expect(await sessionCount()).toBe(3);
    const [{ n: auditsAfter }] = await t.db.select({ n: count() }).from(auditEvents);
    expect(auditsAfter).toBe(auditsBefore);

    const edited = FIXTURE.toString("utf8").replace("Preserving electronic evidence", "Preserving digital evidence").replace("EVID.PRESERVE;EVID.GATHER", "EVID.GATHER");
    const result = await run(edited, { keepRows: 10 });
    expect(result).toMatchObject({ created: 0, updated: 1, unchanged: 2 });
    const [session] = await t.db.select().from(trainingSessions).where(eq(trainingSessions.externalId, "UNODC-2025-001"));
    expect(session.title).toBe("Preserving digital evidence");
    expect(session.version).toBe(2);
    const topics = await t.db.select().from(sessionTopics).where(eq(sessionTopics.sessionId, session.id));
    expect(topics.map((x) => x.topicCode)).toEqual(["EVID.GATHER"]);
    const [audit] = await t.db.select().from(auditEvents).where(eq(auditEvents.action, "import_update"));
    expect(audit.recordId).toBe(session.id);
    expect(audit.changes).toMatchObject({ title: { before: "Preserving electronic evidence", after: "Preserving digital evidence" } });
    expect(result.rows.map((r) => [r.line, r.outcome, r.changed])).toEqual([
      [2, "updated", ["title", "topics"]],
      [3, "unchanged", []],
      [5, "unchanged", []],
    ]);
  });

  it("leaves out a row whose session was deleted in the registry, and imports it again once the session is restored", async () => {
    await run(FIXTURE);
    const coordinator = await createTestActor(t.db, "coordinator");
    const [session] = await t.db.select().from(trainingSessions).where(eq(trainingSessions.externalId, "UNODC-2025-001"));
    await deleteSession(t.db, { id: session.id, expectedVersion: session.version, actor: coordinator });

    const edited = FIXTURE.toString("utf8").replace("Preserving electronic evidence", "Preserving digital evidence");
    const again = await run(edited, { keepRows: 10 });
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 2, deleted: 1 });
    expect(again.rows.find((r) => r.line === 2)).toMatchObject({ outcome: "deleted", sessionId: session.id });
    const rows = await t.db.select().from(trainingSessions).where(eq(trainingSessions.externalId, "UNODC-2025-001"));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ title: "Preserving electronic evidence", deletedAt: expect.any(String) });

    const [deleted] = rows;
    await restoreSession(t.db, { id: deleted.id, expectedVersion: deleted.version, actor: coordinator });
    expect(await run(edited)).toMatchObject({ created: 0, updated: 1, deleted: 0 });
  });

  it("an update leaves alone the optional fields the file has no column for; an empty cell clears", async () => {
    await run(`${HEADER}\nS-1,Preserving evidence,Reporter Org,KE,2025-03-04,2025-03-06,completed,EVID.PRESERVE,POLICE,25,Keep this note\n`);
    const partialHeader = "external_id,title,provider,host_country,start_date,end_date,status,topics";
    const partial = await run(`${partialHeader}\nS-1,Preserving evidence,Reporter Org,KE,2025-03-04,2025-03-07,completed,EVID.PRESERVE\n`, { keepRows: 5 });
    expect(partial).toMatchObject({ errorCount: 0, updated: 1 });
    expect(partial.rows.map((r) => r.changed)).toEqual([["endDate"]]);
    const [kept] = await t.db.select().from(trainingSessions);
    expect([kept.endDate, kept.participants, kept.notes]).toEqual(["2025-03-07", 25, "Keep this note"]);
    expect((await t.db.select().from(sessionAudiences)).map((a) => a.audienceCode)).toEqual(["POLICE"]);

    const countries = async () => (await t.db.select().from(sessionCountries)).map((c) => c.countryCode).sort();
    await run(`${HEADER},beneficiary_countries\nS-1,Preserving evidence,Reporter Org,KE,2025-03-04,2025-03-07,completed,EVID.PRESERVE,POLICE,25,Keep this note,KE;UG\n`);
    expect(await countries()).toEqual(["KEN", "UGA"]);
    const withoutCountries = await run(`${partialHeader}\nS-1,Preserving evidence,Reporter Org,KE,2025-03-04,2025-03-07,completed,EVID.PRESERVE\n`, { keepRows: 5 });
    expect(withoutCountries).toMatchObject({ updated: 0, unchanged: 1 });
    expect(await countries()).toEqual(["KEN", "UGA"]);

    const cleared = await run(`${HEADER}\nS-1,Preserving evidence,Reporter Org,KE,2025-03-04,2025-03-07,completed,EVID.PRESERVE,POLICE,25,\n`, { keepRows: 5 });
    expect(cleared.rows.map((r) => r.changed)).toEqual([["notes"]]);
    const [after] = await t.db.select().from(trainingSessions);
    expect(after.notes).toBeNull();
  });

  it("tells followers of new sessions and moves a linked request to delivered when its session is imported as completed", async () => {
    const follower = await createTestActor(t.db, "donor");
    await t.db.insert(follows).values({ userId: follower.id, kind: "country", value: "KEN" });
    const planned = GOOD.replace("completed", "planned");
    await run(`${HEADER}\n${planned}\n`);
    const [session] = await t.db.select().from(trainingSessions).where(eq(trainingSessions.externalId, "S-1"));
    const told = await t.db.select().from(notifications).where(eq(notifications.userId, follower.id));
    expect(told.map((n) => [n.message, n.link])).toEqual([[expect.stringMatching(/^New training session in Kenya: Preserving evidence/), `/sessions/${session.id}`]]);

    const [request] = await t.db
      .insert(assistanceRequests)
      .values({ countryCode: "KEN", title: "Evidence training", description: "Wanted", status: "scheduled" })
      .returning();
    await t.db.insert(requestMatches).values({ requestId: request.id, kind: "session", targetId: session.id });
    const dryRun = await run(`${HEADER}\n${GOOD}\n`, { dryRun: true });
    expect(dryRun.updated).toBe(1);
    expect((await t.db.select().from(assistanceRequests).where(eq(assistanceRequests.id, request.id)))[0].status).toBe("scheduled");

    await run(`${HEADER}\n${GOOD}\n`);
    expect((await t.db.select().from(assistanceRequests).where(eq(assistanceRequests.id, request.id)))[0].status).toBe("delivered");
    const events = await t.db.select().from(requestStatusEvents).where(eq(requestStatusEvents.requestId, request.id));
    expect(events.map((e) => e.toStatus)).toContain("delivered");
  });

  it("tells each follower once per import when it brings them more than a few sessions", async () => {
    const kenya = await createTestActor(t.db, "donor");
    await t.db.insert(follows).values({ userId: kenya.id, kind: "country", value: "KEN" });
    const uganda = await createTestActor(t.db, "donor");
    await t.db.insert(follows).values({ userId: uganda.id, kind: "country", value: "UGA" });
    const row = (id: string, country: string) => `${id},T ${id},Reporter Org,${country},2025-03-04,2025-03-06,planned,EVID,,,`;
    const file = [HEADER, ...["K-1", "K-2", "K-3", "K-4", "K-5"].map((id) => row(id, "KE")), row("U-1", "UG"), row("U-2", "UG")].join("\n");
    await importSessionsCsv(t.db, { input: Readable.from([Buffer.from(file)]), reporter: { id: reporterId }, actor: COMMAND_LINE, chunkRows: 2 });
    const inbox = async (userId: string) => (await t.db.select().from(notifications).where(eq(notifications.userId, userId))).map((n) => [n.message, n.link]);
    expect(await inbox(kenya.id)).toEqual([
      ["5 training sessions in countries or topics you follow were added or changed status in an import by Reporter Org", `/sessions?reporter=${reporterId}`],
    ]);
    expect((await inbox(uganda.id)).map(([message]) => message)).toEqual([
      expect.stringMatching(/^New training session in Uganda: T U-1/),
      expect.stringMatching(/^New training session in Uganda: T U-2/),
    ]);
  });

  it("a dry run counts and lists what would happen and writes nothing", async () => {
    const result = await run(FIXTURE, { dryRun: true, keepRows: 2 });
    expect(result).toMatchObject({ dryRun: true, created: 3, updated: 0, unchanged: 0 });
    expect(result.rows.map((r) => [r.line, r.externalId, r.outcome])).toEqual([
      [2, "UNODC-2025-001", "created"],
      [3, "UNODC-2025-002", "created"],
    ]);
    expect(result.newOrganisations.length).toBeGreaterThan(0);
    expect(await sessionCount()).toBe(0);
    const created = await t.db.select().from(organisations).where(like(organisations.name, "Donor Fund"));
    expect(created).toEqual([]);
  });

  it("links a funder's report to the provider's session by provider_ref", async () => {
    await run(`${HEADER}\n${GOOD}\n`);
    const funder = await createTestOrganisation(t.db, "Funder Org", "donor");
    const funderRow = "F-9,Preserving evidence (funded),Reporter Org,KE,2025-03-04,2025-03-06,completed,EVID.PRESERVE,POLICE,25,";
    const result = await importSessionsCsv(t.db, {
      input: Readable.from([Buffer.from(`${HEADER},provider_ref\n${funderRow},S-1\n`)]),
      reporter: { id: funder.id },
      actor: COMMAND_LINE,
    });
    expect(result.errors).toEqual([]);
    const [row] = await t.db.select().from(trainingSessions).where(eq(trainingSessions.reportingOrgId, funder.id));
    expect(row.providerRef).toBe("S-1");
  });

  it("after a merge, the merged report's unchanged file leaves the survivor as merged; an edited row updates it", async () => {
    await run(`${HEADER}\n${GOOD}\n`);
    const funder = await createTestOrganisation(t.db, "Funder Org", "donor");
    const funderFile = (participants: number) =>
      `${HEADER},provider_ref\nF-9,Preserving evidence (funded),Reporter Org,KE,2025-03-04,2025-03-06,completed,EVID.PRESERVE,POLICE,${participants},,S-1\n`;
    const importFunder = (text: string) => importSessionsCsv(t.db, { input: Readable.from([Buffer.from(text)]), reporter: { id: funder.id }, actor: COMMAND_LINE });
    await importFunder(funderFile(30));
    const [own] = await t.db.select().from(trainingSessions).where(eq(trainingSessions.reportingOrgId, reporterId));
    const [theirs] = await t.db.select().from(trainingSessions).where(eq(trainingSessions.reportingOrgId, funder.id));
    const coordinator = await createTestActor(t.db, "coordinator");
    // The coordinator keeps the provider's title and the funder's participant count.
    await mergeRecords(t.db, coordinator, {
      kind: "session",
      survivorId: own.id,
      memberIds: [own.id, theirs.id],
      versions: { [own.id]: own.version, [theirs.id]: theirs.version },
      fields: { participants: theirs.id },
      lists: {},
      note: null,
    });
    const merged = async () => (await t.db.select().from(trainingSessions).where(eq(trainingSessions.id, own.id)))[0];
    const afterMerge = await merged();
    expect([afterMerge.title, afterMerge.participants]).toEqual(["Preserving evidence", 30]);

    expect(await importFunder(funderFile(30))).toMatchObject({ created: 0, updated: 0, unchanged: 1 });
    expect(await merged()).toMatchObject({ title: "Preserving evidence", participants: 30, version: afterMerge.version });

    expect(await importFunder(funderFile(31))).toMatchObject({ created: 0, updated: 1 });
    expect(await merged()).toMatchObject({ participants: 31, title: "Preserving evidence (funded)" });
  });

  it("keeps the trigger-kept tables set-wise for new sessions, and puts every trigger back", async () => {
    const triggers = () => t.db.all<{ name: string; sql: string }>(sql`SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name`);
    const before = await triggers();
    const result = await run(FIXTURE);
    // Every group is replayed: a migration that changes one of these triggers makes this fail, so the replay is updated with it.
    expect(result.replayedTriggerGroups.sort()).toEqual(TRIGGER_GROUPS.map((g) => g.name).sort());
    expect(await triggers()).toEqual(before);
    const [{ n: blocks }] = await t.db.all<{ n: number }>(sql`SELECT count(DISTINCT session_id) AS n FROM session_block`);
    expect(blocks).toBe(3);
    const [{ n: dirty }] = await t.db.all<{ n: number }>(sql`SELECT count(*) AS n FROM duplicate_dirty WHERE kind = 'session'`);
    expect(dirty).toBeGreaterThanOrEqual(3);
  });

  it("refuses a provider or funder name that could mean two organisations", async () => {
    await t.db.insert(organisations).values([
      { name: "Regional Cybercrime Academy", acronym: "RCA", kind: "ngo" },
      { name: "RCA", kind: "donor" },
    ]);
    const header = "external_id,title,provider,funders,host_country,start_date,end_date,status,topics";
    const result = await run(`${header}\nS-1,T,RCA,,KE,2025-03-04,2025-03-06,planned,EVID\nS-2,T,Reporter Org,Reporter Org;rca,KE,2025-03-04,2025-03-06,planned,EVID\n`);
    expect(result.errors.map((e) => [e.line, e.column])).toEqual([
      [2, "provider"],
      [3, "funders"],
    ]);
    for (const { reason } of result.errors) {
      expect(reason).toMatch(/^"(RCA|rca)" could be .* or .*; write the full name$/);
      expect(reason).toContain('"Regional Cybercrime Academy" (RCA)');
      expect(reason).toContain('"RCA"');
    }
    expect(await sessionCount()).toBe(0);
    const clear = await run(`${header}\nS-1,T,Regional Cybercrime Academy,,KE,2025-03-04,2025-03-06,planned,EVID\n`);
    expect(clear).toMatchObject({ errorCount: 0, created: 1 });
  });

  it("refuses a reporter name that could mean two organisations, and takes the full name or the id", async () => {
    const academy = await createTestOrganisation(t.db, "Twin Cities Academy");
    await t.db.update(organisations).set({ acronym: "TCA" }).where(eq(organisations.id, academy.id));
    const namesake = await createTestOrganisation(t.db, "TCA");
    const byName = (name: string) =>
      importSessionsCsv(t.db, { input: Readable.from([Buffer.from(FIXTURE)]), reporter: { name }, actor: COMMAND_LINE, dryRun: true });
    const refused = byName("tca");
    await expect(refused).rejects.toBeInstanceOf(SessionImportError);
    await expect(byName("tca")).rejects.toThrow(`"tca" could name 2 organisations: "Twin Cities Academy" (TCA), id ${academy.id}; "TCA", id ${namesake.id}.`);
    expect((await byName("Twin Cities Academy (TCA)")).reporter.id).toBe(academy.id);
    expect((await byName(namesake.id)).reporter.id).toBe(namesake.id);
  });

  it("lets a trainer import only for their own organisation", async () => {
    const other = await createTestOrganisation(t.db);
    const outsider = await createTestActor(t.db, "trainer", { organisationId: other.id });
    await expect(run(FIXTURE, { actor: outsider })).rejects.toMatchObject({ status: 403 });
    const focal = await createTestActor(t.db, "focal_point", { countryCode: "KEN" });
    await expect(run(FIXTURE, { actor: focal })).rejects.toMatchObject({ status: 403 });
    expect(await sessionCount()).toBe(0);
    const own = await createTestActor(t.db, "trainer", { organisationId: reporterId });
    expect((await run(FIXTURE, { actor: own })).created).toBe(3);
  });
});
