import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestActor, createTestDb, createTestOrganisation, type TestDb } from "../../tests/setup/test-db";
import { COMMAND_LINE, importSessionsCsv } from "./session-import.server";
import { canImportSessions, findImport, importReporterOptions, keepImport, previewWarnings, readImportProgress, removeImport, trackedImportInput } from "./session-import-web.server";

const HEADER = "external_id,title,provider,host_country,start_date,end_date,status,topics,audiences";

let t: TestDb;
let dir: string;
beforeEach(() => {
  t = createTestDb();
  dir = mkdtempSync(path.join(tmpdir(), "import-web-"));
});
afterEach(() => {
  t.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

function run(text: string, reporterId: string, dryRun = false) {
  return importSessionsCsv(t.db, { input: Readable.from([Buffer.from(text)]), reporter: { id: reporterId }, actor: COMMAND_LINE, dryRun, keepRows: 50 });
}

describe("preview warnings per row", () => {
  it("names possible duplicates and overlapping efforts already registered, and nothing for an unrelated row", async () => {
    const first = await createTestOrganisation(t.db, "Provider One");
    await createTestOrganisation(t.db, "Provider Two");
    const second = await createTestOrganisation(t.db, "Second Reporter", "donor");
    const registered = await run(`${HEADER}\nP1-1,Preserving electronic evidence for police,Provider One,KE,2025-03-04,2025-03-06,completed,EVID.PRESERVE,POLICE\n`, first.id);
    expect(registered.created).toBe(1);

    const preview = await run(
      [
        HEADER,
        "R-1,Preserving electronic evidence for police,Provider One,KE,2025-03-04,2025-03-06,completed,EVID.PRESERVE,POLICE",
        "R-2,Evidence handling workshop,Provider Two,KE,2025-03-10,2025-03-11,completed,EVID.PRESERVE,POLICE",
        "R-3,Victim interviewing,Provider Two,PER,2019-01-10,2019-01-11,completed,VIC.INTERVIEW,JUDGE",
      ].join("\n"),
      second.id,
      true,
    );
    expect(preview.errors).toEqual([]);
    const warnings = await previewWarnings(t.db, preview.rows, second.id);
    const sessionHref = `/sessions/${registered.rows[0].sessionId}`;
    expect(warnings[2]?.duplicates).toEqual([expect.objectContaining({ href: sessionHref, label: "Preserving electronic evidence for police" })]);
    expect(warnings[3]?.overlaps).toEqual([expect.objectContaining({ href: sessionHref, detail: expect.stringContaining("KEN") })]);
    expect(warnings[4]).toBeUndefined();
  });
});

describe("uploads kept between preview and confirm", () => {
  it("belong to the person who uploaded them, and are gone once removed", async () => {
    const org = await createTestOrganisation(t.db);
    const owner = await createTestActor(t.db, "trainer", { organisationId: org.id });
    const other = await createTestActor(t.db, "coordinator");
    const token = "01JAAAAAAAAAAAAAAAAAAAAAAA";
    const file = path.join(dir, ".imports", `${token}.csv`);
    await import("node:fs/promises").then((fs) => fs.mkdir(path.dirname(file), { recursive: true }));
    writeFileSync(file, HEADER);
    const stored = { token, file, fileName: "sessions.csv", size: HEADER.length, actorId: owner.id, reporterId: org.id };
    await keepImport(dir, stored);
    expect(await findImport(dir, token, owner)).toEqual(stored);
    expect(await findImport(dir, token, other)).toBeNull();
    expect(await findImport(dir, "../../etc/passwd", owner)).toBeNull();
    await removeImport(dir, token);
    expect(await findImport(dir, token, owner)).toBeNull();
  });
});

describe("who may import, for whom", () => {
  it("trainers for their own organisation, coordinators for any; nobody else", async () => {
    const org = await createTestOrganisation(t.db, "Own Org");
    await createTestOrganisation(t.db, "Other Org");
    const trainer = await createTestActor(t.db, "trainer", { organisationId: org.id });
    const coordinator = await createTestActor(t.db, "coordinator");
    expect(canImportSessions(trainer)).toBe(true);
    expect(canImportSessions(coordinator)).toBe(true);
    expect(canImportSessions(await createTestActor(t.db, "trainer"))).toBe(false);
    expect(canImportSessions(await createTestActor(t.db, "donor"))).toBe(false);
    expect(canImportSessions(await createTestActor(t.db, "focal_point", { countryCode: "KEN" }))).toBe(false);
    expect(canImportSessions(null)).toBe(false);
    expect((await importReporterOptions(t.db, trainer)).map((o) => o.label)).toEqual(["Own Org"]);
    expect((await importReporterOptions(t.db, coordinator)).map((o) => o.label)).toEqual(expect.arrayContaining(["Own Org", "Other Org"]));
  });
});

describe("progress", () => {
  it("follows the bytes read and the import's own steps, for the person who started it only", async () => {
    const org = await createTestOrganisation(t.db);
    const owner = await createTestActor(t.db, "trainer", { organisationId: org.id });
    const other = await createTestActor(t.db, "trainer", { organisationId: org.id });
    const file = path.join(dir, "s.csv");
    const text = `${HEADER}\nX-1,T,Own,KE,2025-03-04,2025-03-06,planned,EVID,\n`;
    writeFileSync(file, text);
    const job = "01JBBBBBBBBBBBBBBBBBBBBBBB";
    const tracked = trackedImportInput(owner, job, file, text.length);
    expect(readImportProgress(owner, job)).toMatchObject({ phase: "checking", rows: 0, bytes: 0, totalBytes: text.length });
    for await (const _ of tracked.input) {
      /* read it all */
    }
    expect(readImportProgress(owner, job)?.bytes).toBe(text.length);
    tracked.onProgress({ phase: "writing", rows: 1, total: 1 });
    expect(readImportProgress(owner, job)).toMatchObject({ phase: "writing", rows: 1, total: 1 });
    expect(readImportProgress(other, job)).toBeNull();
    tracked.finish();
    expect(readImportProgress(owner, job)).toBeNull();
  });
});
