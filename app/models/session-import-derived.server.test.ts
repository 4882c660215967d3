import { createReadStream, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type Client } from "@libsql/client";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database } from "#db/client.server";
import { createTestDb, createTestOrganisation, type TestDb } from "#tests/setup/test-db";
import { BENCH_REPORTER, loadCsvReference, writeSessionsCsv } from "#tests/bench/import-data";
import { TRIGGER_GROUPS } from "./session-import-derived.server";
import { COMMAND_LINE, importSessionsCsv } from "./session-import.server";

// The import keeps the trigger-kept tables set-wise, chunk by chunk. Here the
// same two files go into two registries: one as the import runs, one with the
// triggers altered (a comment) so the import cannot recognise them and they
// run row by row. Every derived table must come out the same.

const clientOf = (db: Database) => (db as Database & { $client: Client }).$client;

let dir: string;
let replayed: TestDb;
let perRow: TestDb;
const results: Record<string, string[]> = {};

async function importFile(t: TestDb, file: string) {
  const result = await importSessionsCsv(t.db, { input: createReadStream(file), reporter: { name: BENCH_REPORTER }, actor: COMMAND_LINE, chunkRows: 37 });
  expect(result.errors).toEqual([]);
  return result;
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "import-derived-"));
  replayed = createTestDb();
  perRow = createTestDb();
  const reference = await loadCsvReference(clientOf(replayed.db));
  const first = path.join(dir, "first.csv");
  const second = path.join(dir, "second.csv");
  // The second file rewrites the first 200 sessions (new dates, statuses, lists) and adds 150.
  await writeSessionsCsv(first, reference, { rows: 200, seed: 1, today: "2025-06-01" });
  await writeSessionsCsv(second, reference, { rows: 350, seed: 2, today: "2025-06-01" });

  const triggerNames = TRIGGER_GROUPS.flatMap((g) => Object.keys(g.triggers));
  const stored = await perRow.db.all<{ name: string; sql: string }>(sql`SELECT name, sql FROM sqlite_master WHERE type = 'trigger'`);
  for (const { name, sql: text } of stored.filter((s) => triggerNames.includes(s.name))) {
    await perRow.db.run(sql.raw(`DROP TRIGGER ${name}`));
    await perRow.db.run(sql.raw(text.replace(/\bBEGIN\b/, "BEGIN /* row by row */")));
  }
  for (const [key, t] of [["replayed", replayed], ["perRow", perRow]] as const) {
    await createTestOrganisation(t.db, BENCH_REPORTER, "un");
    const a = await importFile(t, first);
    const b = await importFile(t, second);
    expect([a.created, b.created, b.updated + b.unchanged]).toEqual([200, 150, 200]);
    results[key] = [...a.replayedTriggerGroups, ...b.replayedTriggerGroups];
  }
}, 60_000);

afterAll(() => {
  replayed?.cleanup();
  perRow?.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

describe("set-wise upkeep of derived tables during an import", () => {
  it("replays every group in one registry and none in the other", () => {
    expect(new Set(results.replayed)).toEqual(new Set(TRIGGER_GROUPS.map((g) => g.name)));
    expect(results.perRow).toEqual([]);
  });

  it("leaves the coverage rollup exactly as the triggers do", async () => {
    const rollup = (db: Database) => db.all(sql`SELECT * FROM coverage_rollup ORDER BY period, country_code, topic_code, status_class`);
    const expected = await rollup(perRow.db);
    expect(expected.length).toBeGreaterThan(100);
    expect(await rollup(replayed.db)).toEqual(expected);
    const span = (db: Database) => db.all(sql`SELECT max_span_days FROM coverage_meta`);
    expect(await span(replayed.db)).toEqual(await span(perRow.db));
  });

  it("leaves the duplicate blocks and the dirty queue exactly as the triggers do", async () => {
    // Ids differ between the two registries; external ids and organisation names do not.
    const blocks = (db: Database) =>
      db.all(sql`
        SELECT b.country_code, b.topic_code, b.start_date, s.external_id, b.end_date, o.name AS provider, b.status
        FROM session_block b JOIN training_session s ON s.id = b.session_id JOIN organisation o ON o.id = b.provider_id
        ORDER BY 1, 2, 3, 4`);
    const expected = await blocks(perRow.db);
    expect(expected.length).toBeGreaterThan(350);
    expect(await blocks(replayed.db)).toEqual(expected);
    const dirty = (db: Database) =>
      db.all(sql`SELECT DISTINCT s.external_id FROM duplicate_dirty d JOIN training_session s ON s.id = d.record_id WHERE d.kind = 'session' ORDER BY 1`);
    expect(await dirty(replayed.db)).toEqual(await dirty(perRow.db));
  });
});
