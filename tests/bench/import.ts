// `npm run bench -- import [--rows 100000,1000000] [--reuse]`
// Generates session CSV files (100k and 1M rows by default), then for each
// runs the real import as the CLI in a child process on a fresh registry
// (rows/s and the child's peak RSS), and again on the same file (the
// unchanged re-import). Beside it, two raw libSQL insert rates measured in
// this run, on this disk, both with multi-row VALUES in batched transactions:
//  - session rows (the rate the target is judged against): the rows the
//    import stored for each session (the session, its country, topic,
//    audience, offence, funder and trainer rows, its audit event), read back
//    and inserted, in the tables' own order, into a fresh copy of the same
//    tables and indexes with every trigger dropped, for all the file's
//    sessions. Storing what the import stores, minus every check and every
//    derived table (duplicate blocking, coverage rollup), so a rate the import
//    cannot reach;
//  - bare table: one row a session, as wide as a session, into a table with
//    no index. A session is about fifteen indexed rows in the registry, so
//    this is context, not a rate an import can approach.
// Targets (issue): import ≥ 30% of the raw rate; peak RSS < 300 MB at 1M rows.
import { spawn } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { type Client, type InArgs, type InStatement } from "@libsql/client";
import { openDatabase } from "#db/client.server";
import { migrateDatabase } from "#db/migrate";
import { seedReference } from "#db/seed/reference";
import { BENCH_REPORTER, loadCsvReference, writeSessionsCsv } from "./import-data";

const DIR = path.resolve(".cache/bench-import");

function option(args: string[], name: string) {
  const i = args.indexOf(name);
  return i === -1 ? undefined : args[i + 1];
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const rate = (n: number) => `${Math.round(n).toLocaleString("en")}/s`;

/** A migrated registry with reference data and the reporting organisation, copied fresh for each import. */
async function buildBaseDatabase(file: string) {
  const url = `file:${file}`;
  await migrateDatabase(url);
  const { client, db } = openDatabase(url);
  await seedReference(db);
  await client.execute({ sql: "INSERT INTO organisation (id, name, acronym, kind) VALUES ('BENCHREPORTER', ?, 'BRA', 'un')", args: [BENCH_REPORTER] });
  await client.execute("PRAGMA wal_checkpoint(TRUNCATE)");
  const reference = await loadCsvReference(client);
  client.close();
  return reference;
}

/**
 * The ceiling to compare with: rows as wide as an imported session (the
 * training_session columns the import fills), 100 rows a statement, 10,000
 * rows a transaction, into a table without indexes.
 */
async function rawInsertRate(rows: number) {
  const file = path.join(DIR, "raw.db");
  rmSync(file, { force: true });
  const { client } = openDatabase(`file:${file}`);
  await client.execute("PRAGMA journal_mode = WAL");
  const columns = ["id", "created_at", "updated_at", "created_by", "version", "course_id", "title", "provider_id", "reporting_org_id", "external_id", "provider_ref", "host_country", "city", "start_date", "end_date", "status", "language", "mode", "participants", "notes", "import_hash"];
  await client.execute(`CREATE TABLE raw_session (${columns.join(", ")})`);
  const now = new Date().toISOString();
  const row = (i: number) => [`01JRAW${String(i).padStart(20, "0")}`, now, now, null, 1, null, `Electronic evidence Nairobi ${i}`, "01JPROVIDER0000000000000000", "BENCHREPORTER", `BENCH-${String(i).padStart(7, "0")}`, null, "KEN", "Nairobi", "2024-03-04", "2024-03-06", "completed", "en", "in_person", 25, "Follow-up, in June", "jc6ZQx-w3J0vAGHON6_YhA9fvYI:1"];
  const placeholders = `(${columns.map(() => "?").join(",")})`;
  const started = performance.now();
  for (let done = 0; done < rows; done += 10_000) {
    const statements: InStatement[] = [];
    for (let i = done; i < Math.min(done + 10_000, rows); i += 100) {
      const n = Math.min(100, rows - i);
      statements.push({ sql: `INSERT INTO raw_session VALUES ${Array(n).fill(placeholders).join(",")}`, args: Array.from({ length: n }, (_, k) => row(i + k)).flat() as never[] });
    }
    await client.batch(statements, "write");
    await new Promise((resolve) => setImmediate(resolve));
  }
  const perSecond = rows / ((performance.now() - started) / 1000);
  client.close();
  rmSync(file, { force: true });
  return perSecond;
}

/**
 * Tables holding what an import stores per session, the column naming the
 * session, and the order rows go in: the table's own key order, the cheapest
 * for its b-tree (rowid tables in the order the import wrote them).
 */
const SESSION_TABLES = [
  ["training_session", "id", "rowid"],
  ["session_country", "session_id", "rowid"],
  ["session_topic", "session_id", "rowid"],
  ["session_audience", "session_id", "rowid"],
  ["session_offence", "session_id", "rowid"],
  ["session_funder", "session_id", "rowid"],
  ["session_trainer", "session_id", "rowid"],
  ["audit_event", "record_id", "rowid"],
] as const;

/**
 * The rows the import stored for each session, read back from its registry
 * 10,000 sessions at a time (untimed) and inserted into a fresh registry whose
 * triggers are all dropped (timed); rate in sessions per second.
 */
async function rawSessionRowsInsertRate(imported: string, base: string) {
  const file = path.join(DIR, "raw-registry.db");
  for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
  copyFileSync(base, file);
  const source = openDatabase(`file:${imported}`).client;
  const { client } = openDatabase(`file:${file}`);
  const { rows: triggers } = await client.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'");
  for (const { name } of triggers) await client.execute(`DROP TRIGGER "${String(name)}"`);
  // Organisations and trainers the sessions name exist first, as in the import.
  for (const table of ["organisation", "trainer"]) await client.batch(await readRows(source, `OR IGNORE INTO ${table}`, `SELECT * FROM ${table}`, []), "write");
  const [{ sessions }] = (await source.execute("SELECT count(*) AS sessions FROM training_session")).rows;
  let timed = 0;
  const timedBatch = async (statements: InStatement[]) => {
    const started = performance.now();
    await client.batch(statements, "write");
    timed += performance.now() - started;
    await new Promise((resolve) => setImmediate(resolve));
  };
  let after = "";
  for (let done = 0; done < Number(sessions); done += 10_000) {
    const ids = `SELECT id FROM training_session WHERE id > ? ORDER BY id LIMIT 10000`;
    const statements: InStatement[] = [];
    for (const [table, key, order] of SESSION_TABLES) {
      statements.push(...(await readRows(source, `INTO ${table}`, `SELECT * FROM ${table} WHERE ${key} IN (${ids}) ORDER BY ${order}`, [after])));
    }
    const { rows: last } = await source.execute({ sql: `SELECT max(id) AS id FROM (${ids})`, args: [after] });
    after = String(last[0].id);
    await timedBatch(statements);
  }
  source.close();
  client.close();
  for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
  return Number(sessions) / (timed / 1000);
}

/** A query's rows as multi-row INSERTs `into` a table. */
async function readRows(from: Client, into: string, query: string, args: InArgs) {
  const { rows, columns } = await from.execute({ sql: query, args });
  return multiRowInserts(into, columns, rows.map((r) => columns.map((c) => r[c])));
}

/** As the bare-table rate: up to 100 rows a statement. */
function multiRowInserts(into: string, columns: string[], rows: unknown[][]): InStatement[] {
  const placeholders = `(${columns.map(() => "?").join(",")})`;
  const statements: InStatement[] = [];
  for (let i = 0; i < rows.length; i += 100) {
    const part = rows.slice(i, i + 100);
    statements.push({ sql: `INSERT ${into} (${columns.join(",")}) VALUES ${part.map(() => placeholders).join(",")}`, args: part.flat() as never[] });
  }
  return statements;
}

type ChildRun = { seconds: number; peakRss: number; output: string; code: number | null };

/** The CLI in a child process (as an operator runs it); peak RSS from the kernel's high-water mark. */
function runImport(dbFile: string, csv: string): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, ["app/cli/launch.mjs", "import", "sessions", csv, "--reporter", BENCH_REPORTER], {
      env: { ...process.env, DATABASE_URL: `file:${dbFile}`, DATA_DIR: path.dirname(dbFile), DEMO_DATA: "off" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    let peakRss = 0;
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    const poll = setInterval(() => {
      try {
        const status = readFileSync(`/proc/${child.pid}/status`, "utf8");
        const hwm = /VmHWM:\s+(\d+) kB/.exec(status);
        if (hwm) peakRss = Math.max(peakRss, Number(hwm[1]) * 1024);
      } catch {
        // the child has exited
      }
    }, 100);
    child.on("error", reject);
    child.on("close", (code) => {
      clearInterval(poll);
      resolve({ seconds: (performance.now() - started) / 1000, peakRss, output, code });
    });
  });
}

export async function runImportBench(args: string[]) {
  const sizes = (option(args, "--rows") ?? "100000,1000000").split(",").map(Number);
  const reuse = args.includes("--reuse");
  mkdirSync(DIR, { recursive: true });
  const base = path.join(DIR, "base.db");
  rmSync(base, { force: true });
  const reference = await buildBaseDatabase(base);

  const results: Record<string, string>[] = [];
  for (const rows of sizes) {
    const csv = path.join(DIR, `sessions-${rows}.csv`);
    if (!reuse || !existsSync(csv)) {
      const t0 = performance.now();
      await writeSessionsCsv(csv, reference, { rows });
      console.log(`Generated ${csv} (${mb(statSync(csv).size)}) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    }
    const raw = await rawInsertRate(Math.min(rows, 300_000));
    console.log(`Raw insert rate, bare table: ${rate(raw)}`);
    const dbFile = path.join(DIR, `registry-${rows}.db`);
    for (const suffix of ["", "-wal", "-shm"]) rmSync(dbFile + suffix, { force: true });
    copyFileSync(base, dbFile);
    const runs: { run: string; seconds: number; peakRss: number }[] = [];
    for (const run of ["first import", "re-import (unchanged)"]) {
      const result = await runImport(dbFile, csv);
      if (result.code !== 0) throw new Error(`Import failed (exit ${result.code}):\n${result.output.slice(-3000)}`);
      console.log(result.output.split("\n").filter((l) => l.startsWith("Imported")).join("\n"));
      runs.push({ run, ...result });
    }
    const rawSessionRows = await rawSessionRowsInsertRate(dbFile, base);
    console.log(`Raw insert rate, session rows: ${rate(rawSessionRows)} sessions`);
    for (const { run, seconds, peakRss } of runs) {
      const perSecond = rows / seconds;
      results.push({
        file: `${rows.toLocaleString("en")} rows`,
        run,
        "wall time": `${seconds.toFixed(1)} s`,
        "import rate": rate(perSecond),
        "raw, session rows": rate(rawSessionRows),
        "share": `${((perSecond / rawSessionRows) * 100).toFixed(0)}%`,
        "raw, bare table": rate(raw),
        "share ": `${((perSecond / raw) * 100).toFixed(0)}%`,
        "peak RSS": mb(peakRss),
      });
    }
  }
  console.log("\nSession CSV import (wall time of the CLI child process, start-up included)");
  console.table(results);
  console.log(
    "Session rows: the rows the import stored for each session (session, list rows, audit event), re-inserted into the same tables and indexes with triggers dropped, all sessions of the file (sessions/s).\n" +
      "Bare table: one row a session, no indexes, first 300,000 rows at most (context: a session is about fifteen indexed rows).\n" +
      "Targets: first import ≥ 30% of the session-rows rate; peak RSS < 300 MB for 1,000,000 rows.",
  );
}
