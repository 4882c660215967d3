// A session import killed in the middle (SIGKILL, as a crash or an operator's
// kill -9) leaves no partial rows: only whole sessions, each with its lists
// and audit event. Running the same command again completes the import, and
// a third run changes nothing.
import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type Client } from "@libsql/client";
import { afterAll, beforeAll, expect, it } from "vitest";
import { openDatabase } from "#db/client.server";
import { IMPORT_CHUNK_ROWS } from "~/models/session-import.server";
import { BENCH_REPORTER, loadCsvReference, writeSessionsCsv } from "../bench/import-data";
import { createTestDb, createTestOrganisation, type TestDb } from "../setup/test-db";

const ROWS = 50_000;
let t: TestDb;
let dir: string;
let csv: string;
let reporterId: string;
let client: Client;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "import-kill-"));
  t = createTestDb();
  reporterId = (await createTestOrganisation(t.db, BENCH_REPORTER, "un")).id;
  csv = path.join(dir, "sessions.csv");
  client = openDatabase(t.url).client;
  await writeSessionsCsv(csv, await loadCsvReference(client), { rows: ROWS });
}, 60_000);

afterAll(() => {
  client.close();
  t.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

/** The CLI as an operator runs it, started with node directly so its PID is the importer's. */
function startImport() {
  const child = spawn(process.execPath, ["app/cli/launch.mjs", "import", "sessions", csv, "--reporter", BENCH_REPORTER], {
    env: { ...process.env, DATABASE_URL: t.url, DATA_DIR: dir, DEMO_DATA: "off" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (d) => (output += d));
  child.stderr.on("data", (d) => (output += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string }>((resolve) =>
    child.on("close", (code, signal) => resolve({ code, signal, output })),
  );
  return { child, exited };
}

async function state() {
  const q = async (sql: string) => Number((await client.execute({ sql, args: [reporterId] })).rows[0].n);
  return {
    sessions: await q("SELECT count(*) AS n FROM training_session WHERE reporting_org_id = ?"),
    withoutTopic: await q("SELECT count(*) AS n FROM training_session s WHERE reporting_org_id = ? AND NOT EXISTS (SELECT 1 FROM session_topic WHERE session_id = s.id)"),
    withoutCountry: await q("SELECT count(*) AS n FROM training_session s WHERE reporting_org_id = ? AND NOT EXISTS (SELECT 1 FROM session_country WHERE session_id = s.id)"),
    audited: await q(
      "SELECT count(*) AS n FROM audit_event a JOIN training_session s ON s.id = a.record_id WHERE a.action = 'import_create' AND s.reporting_org_id = ?",
    ),
  };
}

it("killed mid-way it leaves whole sessions only; the same command again completes it", async () => {
  const run = startImport();
  // Wait until the first chunk is committed, then kill while the next one is being written.
  let seen = 0;
  for (let waited = 0; seen === 0 && waited < 240_000; waited += 50) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    seen = (await state()).sessions;
  }
  run.child.kill("SIGKILL");
  const killed = await run.exited;
  expect(killed.signal, killed.output).toBe("SIGKILL");

  const after = await state();
  expect(after.sessions).toBeGreaterThan(0);
  expect(after.sessions).toBeLessThan(ROWS);
  expect(after.sessions % IMPORT_CHUNK_ROWS).toBe(0); // whole write transactions only
  expect(after).toMatchObject({ withoutTopic: 0, withoutCountry: 0, audited: after.sessions });

  // The killed process had no chance to remove its scratch folder; the next import does.
  const scratch = () => readdirSync(tmpdir()).filter((name) => name.startsWith(`session-import-${run.child.pid}-`));
  expect(scratch()).toHaveLength(1);
  const again = await startImport().exited;
  expect(scratch()).toEqual([]);
  expect(again.code, again.output).toBe(0);
  expect(again.output).toContain(`${(ROWS - after.sessions).toLocaleString("en")} created, 0 updated, ${after.sessions.toLocaleString("en")} unchanged`);
  expect(await state()).toEqual({ sessions: ROWS, withoutTopic: 0, withoutCountry: 0, audited: ROWS });

  const third = await startImport().exited;
  expect(third.code, third.output).toBe(0);
  expect(third.output).toContain(`0 created, 0 updated, ${ROWS.toLocaleString("en")} unchanged`);
}, 600_000);
