// Builds one migrated database with reference data per test run; each test
// copies it (see test-db.ts) so every test starts from a real, fresh libSQL file.
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { type TestProject } from "vitest/node";
import { openDatabase } from "#db/client.server";
import { migrateDatabase } from "#db/migrate";
import { seedReference } from "#db/seed/reference";

declare module "vitest" {
  export interface ProvidedContext {
    baseDbFile: string;
  }
}

export default async function globalSetup(project: TestProject) {
  // One folder per run, so parallel runs in one checkout never share it.
  const dir = path.resolve(`.cache/test-db-${process.pid}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, "base.db");
  const url = `file:${file}`;
  await migrateDatabase(url);
  const { client, db } = openDatabase(url);
  await seedReference(db);
  // Everything into the main file, so copying it alone is enough.
  await client.execute("PRAGMA wal_checkpoint(TRUNCATE)");
  client.close();
  project.provide("baseDbFile", file);
  return () => rmSync(dir, { recursive: true, force: true });
}
