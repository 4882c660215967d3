// Builds one migrated database with reference data per test run; each test
// copies it (see test-db.ts) so every test starts from a real, fresh libSQL file.
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { openDatabase } from "#db/client.server";
import { migrateDatabase } from "#db/migrate";
import { seedReference } from "#db/seed/reference";

export const BASE_DB_DIR = path.resolve(".cache/test-db");
export const BASE_DB_FILE = path.join(BASE_DB_DIR, "base.db");

export default async function globalSetup() {
  rmSync(BASE_DB_DIR, { recursive: true, force: true });
  mkdirSync(BASE_DB_DIR, { recursive: true });
  const url = `file:${BASE_DB_FILE}`;
  await migrateDatabase(url);
  const { client, db } = openDatabase(url);
  await seedReference(db);
  // A single self-contained file, so copying it is enough.
  await client.execute("PRAGMA journal_mode = DELETE");
  client.close();
}
