// `npm run registry -- import sessions FILE.csv --reporter "ORG" [--dry-run]`
// Exit codes: 0 imported (or would import), 1 the file or reporter is wrong
// (every bad row listed), 2 the command itself is wrong.
import { createReadStream, statSync } from "node:fs";
import { setFlagsFromString } from "node:v8";
import { getClient, getDb } from "#db/client.server";
import { pendingMigrations } from "#db/migrate";
import { countOf, formatNumber } from "~/utils/format";
import {
  COMMAND_LINE,
  SessionImportError,
  importSessionsCsv,
  type ImportProgress,
  type SessionImportResult,
} from "~/models/session-import.server";

export const IMPORT_USAGE = `Usage: npm run registry -- import sessions FILE.csv --reporter "ORGANISATION" [--dry-run]
  FILE.csv      UTF-8 CSV with the columns of DESIGN §7.1 (header row first)
  --reporter    the reporting organisation's name, acronym or id (it must exist; a name
                two organisations answer to is refused)
  --dry-run     check the file and count what would change, writing nothing`;

type Parsed = { file: string; reporter: string; dryRun: boolean } | { problem: string };

export function parseImportArgs(args: string[]): Parsed {
  const [what, ...rest] = args;
  if (what !== "sessions") return { problem: what ? `Cannot import "${what}": only "sessions".` : "Say what to import: sessions." };
  let reporter: string | undefined;
  let dryRun = false;
  const files: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (arg === "--dry-run") dryRun = true;
    else if (arg === "--reporter") reporter = rest[++i];
    else if (arg.startsWith("--reporter=")) reporter = arg.slice("--reporter=".length);
    else if (arg.startsWith("--")) return { problem: `Unknown option ${arg}.` };
    else files.push(arg);
  }
  if (files.length !== 1) return { problem: files.length ? "Give one file at a time." : "Give the CSV file to import." };
  if (!reporter?.trim()) return { problem: "Give the reporting organisation: --reporter \"NAME OR ACRONYM\"." };
  return { file: files[0], reporter: reporter.trim(), dryRun };
}

/** Progress on stderr: one line rewritten in place on a terminal, a line per step otherwise (logs, pipes). */
function progressPrinter(dryRun: boolean) {
  // A dry run compares every row with the registry in transactions it rolls back: nothing is written.
  const secondPhase = dryRun ? "Comparing with the registry" : "Writing";
  const tty = process.stderr.isTTY;
  let last = 0;
  return {
    update({ phase, rows, total }: ImportProgress) {
      const now = Date.now();
      if (now - last < 1000 && rows !== total) return;
      last = now;
      const text =
        phase === "checking"
          ? `Checking: ${formatNumber(rows)} rows read`
          : `${secondPhase}: ${formatNumber(rows)} of ${formatNumber(total ?? rows)} rows (${Math.floor((rows / Math.max(total ?? rows, 1)) * 100)}%)`;
      process.stderr.write(tty ? `\r${text}\u001b[K` : `${text}\n`);
    },
    done() {
      if (tty && last) process.stderr.write("\r\u001b[K");
    },
  };
}

function report(result: SessionImportResult, file: string, seconds: number) {
  if (result.errorCount) {
    console.error(`${file}: ${countOf(result.errorCount, "problem")}; nothing was imported.`);
    for (const e of result.errors) console.error(`line ${e.line}${e.column ? `, column ${e.column}` : ""}: ${e.reason}`);
    const hidden = result.errorCount - result.errors.length;
    if (hidden > 0) console.error(`… and ${formatNumber(hidden)} more.`);
    return;
  }
  const counts =
    `${formatNumber(result.created)} created, ${formatNumber(result.updated)} updated, ${formatNumber(result.unchanged)} unchanged` +
    (result.deleted ? `, ${formatNumber(result.deleted)} left out because their sessions were deleted in the registry (a coordinator can restore one from its page)` : "");
  const source = `${countOf(result.totalRows, "row")} from ${file} for ${result.reporter.name}`;
  console.log(result.dryRun ? `Dry run, nothing written: ${source} would be ${counts} (${seconds.toFixed(1)} s).` : `Imported ${source}: ${counts} (${seconds.toFixed(1)} s).`);
  const would = result.dryRun ? "Would create" : "Created";
  if (result.newOrganisations.length) {
    const names = result.newOrganisations.slice(0, 20).map((o) => `"${o.name}" (${o.kind})`);
    const more = result.newOrganisations.length > 20 ? ` and ${result.newOrganisations.length - 20} more` : "";
    console.log(`${would} ${countOf(result.newOrganisations.length, "organisation")} not in the registry: ${names.join(", ")}${more}. Check their kind and details.`);
  }
  if (result.newTrainers.length) {
    const names = result.newTrainers.slice(0, 20).map((t) => `"${t.name}"`);
    const more = result.newTrainers.length > 20 ? ` and ${formatNumber(result.newTrainers.length - 20)} more` : "";
    console.log(`${would} ${countOf(result.newTrainers.length, "trainer")} not in the registry: ${names.join(", ")}${more}.`);
  }
}

export async function importCommand(args: string[]): Promise<number> {
  const parsed = parseImportArgs(args);
  if ("problem" in parsed) {
    console.error(`${parsed.problem}\n${IMPORT_USAGE}`);
    return 2;
  }
  try {
    if (!statSync(parsed.file).isFile()) throw new Error("not a file");
  } catch {
    console.error(`Cannot read ${parsed.file}: no such file.\n${IMPORT_USAGE}`);
    return 2;
  }
  // Each chunk's rows outlive a few young-generation collections and die old;
  // by default V8 lets that garbage grow the heap to several times what is live
  // before collecting it. A 20% margin keeps a million-row import's memory
  // flat, for about the same time.
  setFlagsFromString("--heap-growing-percent=20");
  const behind = await pendingMigrations(getClient());
  if (behind) {
    console.error(`The database is ${behind === 1 ? "1 migration" : `${behind} migrations`} behind this version of the registry: run \`npm run db:migrate\` first.`);
    return 2;
  }
  const progress = progressPrinter(parsed.dryRun);
  const started = performance.now();
  try {
    const result = await importSessionsCsv(getDb(), {
      input: createReadStream(parsed.file),
      reporter: { name: parsed.reporter },
      actor: COMMAND_LINE,
      dryRun: parsed.dryRun,
      onProgress: (p) => progress.update(p),
    });
    progress.done();
    report(result, parsed.file, (performance.now() - started) / 1000);
    return result.errorCount ? 1 : 0;
  } catch (error) {
    progress.done();
    if (error instanceof SessionImportError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  }
}
