// The session exports end to end through their route loaders: the §7.1 CSV
// re-imports losslessly (BOM, CRLF, emoji, right-to-left, multi-line and
// formula-looking text), and the IATI document is valid against the official
// IATI 2.03 activity schema (checked with xmllint).
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { type LoaderFunctionArgs } from "@remix-run/node";
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "#db/client.server";
import { trainingSessions } from "#db/schema";
import { seedDemo } from "#db/seed/demo";
import { createApiToken } from "~/models/api-tokens.server";
import { COMMAND_LINE, importSessionsCsv } from "~/models/session-import.server";
import { createSession } from "~/models/sessions.server";
import { testSessionInput } from "#tests/setup/session-input";
import { createTestActor, createTestDb, createTestOrganisation, type TestDb } from "../setup/test-db";

type Loader = (args: LoaderFunctionArgs) => Promise<Response>;
const FIXTURE = readFileSync("tests/fixtures/sessions-forgiving.csv", "utf8");
const IATI_SCHEMA = path.resolve(process.env.IATI_SCHEMA_DIR ?? "tests/fixtures/iati-2.03", "iati-activities-schema.xsd");

let dbs: TestDb[] = [];
let dataDir: string;

beforeEach(() => {
  dataDir = mkdtempSync(path.join(tmpdir(), "session-exports-"));
  process.env.SESSION_SECRET ??= "a-test-session-secret-that-is-long-enough";
  process.env.DATA_DIR ??= dataDir;
});

afterEach(() => {
  globalThis.__registryDb?.client.close();
  globalThis.__registryDb = undefined;
  dbs.forEach((d) => d.cleanup());
  dbs = [];
  rmSync(dataDir, { recursive: true, force: true });
});

/** A fresh registry that the route loaders read (they take the process's database). */
function useFreshDb() {
  const t = createTestDb();
  dbs.push(t);
  globalThis.__registryDb?.client.close();
  globalThis.__registryDb = openDatabase(t.url);
  return t.db;
}

async function exportText(route: () => Promise<{ loader: Loader }>, url: string, token?: string) {
  const { loader } = await route();
  const headers = token ? { Authorization: `Bearer ${token}` } : undefined;
  const response = await loader({ request: new Request(`http://registry.test${url}`, { headers }), params: {}, context: {} });
  expect(response.status).toBe(200);
  return Buffer.from(await response.arrayBuffer()).toString("utf8");
}

const sessionsCsv = () => import("~/routes/api.v1.sessions[.csv]");

function importText(db: Database, text: string, reporterId: string) {
  return importSessionsCsv(db, { input: Readable.from([Buffer.from(text)]), reporter: { id: reporterId }, actor: COMMAND_LINE });
}

/** Export the reporter's sessions as a coordinator (who sees the notes too). */
async function exportReporter(db: Database, reporterId: string) {
  const coordinator = await createTestActor(db, "coordinator");
  const { token } = await createApiToken(db, coordinator, "export");
  return exportText(sessionsCsv, `/api/v1/sessions.csv?reporter=${reporterId}`, token);
}

describe("/api/v1/sessions.csv round trip", () => {
  it("an export re-imports losslessly: unchanged in place, identical when loaded into another registry", async () => {
    const a = useFreshDb();
    const reporterA = await createTestOrganisation(a, "Round Trip Partner");
    const first = await importText(a, FIXTURE.replace(/\r?\n/g, "\r\n"), reporterA.id);
    expect(first.errors).toEqual([]);
    const exported = await exportReporter(a, reporterA.id);

    // The file as spreadsheets want it: BOM, CRLF, formulas neutralised; the text itself intact.
    expect(exported.startsWith("\uFEFFexternal_id,title,course_id,provider,funders,")).toBe(true);
    expect(exported).toContain("\r\n");
    expect(exported).toContain(`"'=HYPERLINK(""http://x"");DROP TABLE training_session;--"`);
    expect(exported).toContain("تدريب الأدلة الرقمية");
    expect(exported).toContain("Entrevistas con niños 🧒");
    expect(exported).toContain('"Multi-line\r\nnote, with ""quotes"""');

    const again = await importText(a, exported, reporterA.id);
    expect(again).toMatchObject({ errorCount: 0, created: 0, updated: 0, unchanged: 3 });

    const b = useFreshDb();
    const reporterB = await createTestOrganisation(b, "Round Trip Partner");
    const loaded = await importText(b, exported, reporterB.id);
    expect(loaded).toMatchObject({ errorCount: 0, created: 3 });
    expect(await exportReporter(b, reporterB.id)).toBe(exported);
  });

  it("a session entered on the form (no external id) goes out under its registry id and comes back to itself", async () => {
    const db = useFreshDb();
    const reporter = await createTestOrganisation(db, "Form Partner");
    const trainer = await createTestActor(db, "trainer", { organisationId: reporter.id });
    const entered = await createSession(db, trainer, testSessionInput({ title: "Entered by hand", providerId: reporter.id, reportingOrgId: reporter.id }));
    const exported = await exportReporter(db, reporter.id);
    expect(exported).toContain(`\r\n${entered.id},Entered by hand,`);

    expect(await importText(db, exported, reporter.id)).toMatchObject({ errorCount: 0, created: 0, updated: 0, unchanged: 1 });
    const edited = exported.replace("Entered by hand", "Entered by hand (corrected)");
    expect(await importText(db, edited, reporter.id)).toMatchObject({ errorCount: 0, created: 0, updated: 1 });
    const rows = await db.select().from(trainingSessions).where(eq(trainingSessions.reportingOrgId, reporter.id));
    expect(rows.map((r) => [r.id, r.title, r.externalId])).toEqual([[entered.id, "Entered by hand (corrected)", null]]);
    // Another reporter's file naming that id is theirs to create, never an edit of this session.
    const other = await createTestOrganisation(db, "Other Partner");
    expect(await importText(db, edited, other.id)).toMatchObject({ errorCount: 0, created: 1 });
  });
});

const xmllint = spawnSync("xmllint", ["--version"]).status === 0;

describe("/api/v1/sessions.iati.xml", () => {
  it.skipIf(!xmllint)("is valid IATI 2.03 (xmllint against the official activity schema)", async () => {
    const db = useFreshDb();
    await seedDemo(db, { uploadDir: path.join(dataDir, "uploads") });
    const reporter = await createTestOrganisation(db, "Round Trip Partner");
    expect((await importText(db, FIXTURE, reporter.id)).errors).toEqual([]);
    const xml = await exportText(() => import("~/routes/api.v1.sessions[.iati.xml]"), "/api/v1/sessions.iati.xml");
    expect(xml).toContain('<iati-activities version="2.03"');
    expect(xml).toContain("تدريب الأدلة الرقمية");
    expect(xml).not.toContain("Follow-up in June"); // notes are restricted detail
    const file = path.join(dataDir, "export.xml");
    writeFileSync(file, xml);
    const result = spawnSync("xmllint", ["--noout", "--schema", IATI_SCHEMA, file], { encoding: "utf8" });
    expect(result.stderr).toContain("validates");
    expect(result.status).toBe(0);
    // A document the schema rejects is reported as such, so the check above can fail.
    writeFileSync(file, xml.replace("<activity-status", "<activity-state"));
    expect(() => execFileSync("xmllint", ["--noout", "--schema", IATI_SCHEMA, file], { stdio: "pipe" })).toThrow();
  }, 60_000);
});
