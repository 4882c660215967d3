// `npm run registry -- <command>`: operations on the registry's database.
//   prepare            reference data, and demo data on an empty database (npm start runs this)
//   seed --demo        reload the demo data (replaces everything but reference data)
//   import sessions    CSV import of training sessions (app/cli/import-sessions.ts)
import { count } from "drizzle-orm";
import { getDb } from "#db/client.server";
import { DUPLICATE_KINDS, organisations } from "#db/schema";
import { clearDemo, seedDemo } from "#db/seed/demo";
import { seedReference } from "#db/seed/reference";
import { refreshCandidates } from "~/models/duplicate-candidates.server";
import { getEnv } from "~/utils/env.server";

const USAGE = `Usage: npm run registry -- <command>
  prepare        load reference data; load demo data into an empty database unless DEMO_DATA=off
  seed --demo    replace all records with the demo data
  import sessions FILE.csv --reporter "ORG" [--dry-run]   import training sessions (DESIGN §7.1)`;

/** Bring duplicate candidates up to date, so the first page that shows them does not pay for a full scan. */
async function refreshDuplicates() {
  const db = getDb();
  const started = performance.now();
  for (const kind of DUPLICATE_KINDS) await refreshCandidates(db, kind);
  console.log(`Duplicate candidates up to date in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
}

async function prepare() {
  await prepareRecords();
  await refreshDuplicates();
}

async function prepareRecords() {
  const env = getEnv();
  const db = getDb();
  await seedReference(db);
  const [{ n }] = await db.select({ n: count() }).from(organisations);
  if (n > 0) return console.log("Reference data up to date; the database already has records.");
  if (!env.DEMO_DATA) return console.log("Empty database; demo data is turned off (DEMO_DATA=off).");
  const started = performance.now();
  const summary = await seedDemo(db, { uploadDir: env.UPLOAD_DIR });
  console.log(`Loaded demo data in ${((performance.now() - started) / 1000).toFixed(1)} s: ${JSON.stringify(summary)}`);
}

async function reseedDemo() {
  const env = getEnv();
  const db = getDb();
  await seedReference(db);
  await clearDemo(db);
  const summary = await seedDemo(db, { uploadDir: env.UPLOAD_DIR });
  console.log(`Demo data reloaded: ${JSON.stringify(summary)}`);
}

async function main(argv: string[]) {
  const [command, ...rest] = argv;
  switch (command) {
    case "prepare":
      return prepare();
    case "seed":
      if (rest.includes("--demo")) return reseedDemo();
      break;
    case "import": {
      const { importCommand } = await import("./import-sessions");
      process.exitCode = await importCommand(rest);
      return;
    }
  }
  console.error(USAGE);
  process.exitCode = 2;
}

/** A database nobody migrated fails on its first query: say what to do rather than print a query's stack. */
function unmigrated(error: unknown): boolean {
  for (let e = error; e instanceof Error; e = e.cause) if (/no such table/i.test(e.message)) return true;
  return false;
}

try {
  await main(process.argv.slice(2));
} catch (error) {
  if (!unmigrated(error)) throw error;
  console.error(`The database at ${getEnv().DATABASE_URL} has no registry tables yet: run \`npm run db:migrate\` first.`);
  process.exitCode = 1;
}
