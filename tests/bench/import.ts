// `npm run bench -- import [--rows 100000,1000000] [--reuse]`
// Generates session CSV files (100k and 1M rows by default), then for each:
// the raw libSQL insert rate for rows of the same width (multi-row VALUES in
// batched transactions into a plain table, measured in this run, on this
// disk), and the real import run as the CLI in a child process on a fresh
// registry: rows/s, its share of the raw rate, and the child's peak RSS. A
// second run of the same file measures the unchanged re-import.
// Targets (issue): import ≥ 30% of the raw rate; peak RSS < 300 MB at 1M rows.
import { spawn } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { type InStatement } from "@libsql/client";
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

type ChildRun = { seconds: number; peakRss: number; output: string; code: number | null };

/** The CLI in a child process (as an operator runs it); peak RSS from the kernel's high-water mark. */
function runImport(dbFile: string, csv: string): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, ["--import", "tsx", "app/cli/registry.ts", "import", "sessions", csv, "--reporter", BENCH_REPORTER], {
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
    console.log(`Raw insert rate: ${rate(raw)}`);
    const dbFile = path.join(DIR, `registry-${rows}.db`);
    for (const suffix of ["", "-wal", "-shm"]) rmSync(dbFile + suffix, { force: true });
    copyFileSync(base, dbFile);
    for (const run of ["first import", "re-import (unchanged)"]) {
      const result = await runImport(dbFile, csv);
      if (result.code !== 0) throw new Error(`Import failed (exit ${result.code}):\n${result.output.slice(-3000)}`);
      console.log(result.output.split("\n").filter((l) => l.startsWith("Imported")).join("\n"));
      const perSecond = rows / result.seconds;
      results.push({
        file: `${rows.toLocaleString("en")} rows`,
        run,
        "wall time": `${result.seconds.toFixed(1)} s`,
        "import rate": rate(perSecond),
        "raw insert rate": rate(raw),
        "share of raw": `${((perSecond / raw) * 100).toFixed(0)}%`,
        "peak RSS": mb(result.peakRss),
      });
    }
  }
  console.log("\nSession CSV import (wall time of the CLI child process, start-up included)");
  console.table(results);
  console.log("Targets: first import ≥ 30% of the raw insert rate; peak RSS < 300 MB for 1,000,000 rows.");
}
