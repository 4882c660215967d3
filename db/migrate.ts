// `npm run db:migrate`: apply the committed drizzle-kit migrations. An explicit
// step (npm start runs it first), never a side effect of importing the app.
import { readFileSync } from "node:fs";
import path from "node:path";
import { type Client } from "@libsql/client";
import { migrate } from "drizzle-orm/libsql/migrator";
import { getEnv } from "~/utils/env.server";
import { openDatabase } from "./client.server";

const MIGRATIONS_FOLDER = new URL("../drizzle", import.meta.url).pathname;

export async function migrateDatabase(url: string, authToken?: string) {
  const { client, db } = openDatabase(url, authToken);
  try {
    // WAL lets readers (the server) carry on while a writer (an import) works;
    // the mode is stored in the file, so setting it once is enough.
    if (url.startsWith("file:")) await client.execute("PRAGMA journal_mode = WAL");
    await migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
    await client.execute("ANALYZE");
  } finally {
    client.close();
  }
}

/**
 * How many committed migrations the database has not applied. The command
 * line checks before it writes: code that expects an index the database lacks
 * can run a thousand times slower, or fail halfway.
 */
export async function pendingMigrations(client: Client): Promise<number> {
  const journal = JSON.parse(readFileSync(path.join(MIGRATIONS_FOLDER, "meta/_journal.json"), "utf8")) as { entries: unknown[] };
  const { rows } = await client.execute("SELECT count(*) AS n FROM sqlite_master WHERE name = '__drizzle_migrations'");
  if (!Number(rows[0].n)) return journal.entries.length;
  const { rows: applied } = await client.execute("SELECT count(*) AS n FROM __drizzle_migrations");
  return Math.max(0, journal.entries.length - Number(applied[0].n));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const env = getEnv();
  await migrateDatabase(env.DATABASE_URL, env.DATABASE_AUTH_TOKEN);
  console.log(`Database migrated (${env.DATABASE_URL.replace(/\/\/[^@]*@/, "//")})`);
}
