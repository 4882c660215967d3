import { afterEach, beforeEach, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../tests/setup/test-db";
import { openDatabase } from "./client.server";
import { pendingMigrations } from "./migrate";

let t: TestDb;
beforeEach(() => (t = createTestDb()));
afterEach(() => t.cleanup());

it("counts the committed migrations a database has not applied", async () => {
  const { client } = openDatabase(t.url);
  expect(await pendingMigrations(client)).toBe(0);
  await client.execute("DELETE FROM __drizzle_migrations WHERE rowid = (SELECT max(rowid) FROM __drizzle_migrations)");
  expect(await pendingMigrations(client)).toBe(1);
  await client.execute("DROP TABLE __drizzle_migrations");
  expect(await pendingMigrations(client)).toBeGreaterThan(10);
  client.close();
});
