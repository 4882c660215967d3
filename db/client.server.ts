// One libSQL client per process, reused across dev-server reloads.
import { createClient, type Client } from "@libsql/client";
import { drizzle, type LibSQLDatabase } from "drizzle-orm/libsql";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { getEnv } from "~/utils/env.server";
import * as schema from "./schema";

export type Database = LibSQLDatabase<typeof schema>;
/** A transaction or the database itself: model functions accept either. */
export type Executor = Database | Parameters<Parameters<Database["transaction"]>[0]>[0];

export function openDatabase(url: string, authToken?: string): { client: Client; db: Database } {
  if (url.startsWith("file:")) {
    const file = url.slice("file:".length);
    if (file !== ":memory:") mkdirSync(path.dirname(file), { recursive: true });
  }
  // timeout sets busy_timeout on every pooled connection, so a CLI import and
  // the server can write the same file without "database is locked".
  const client = createClient({ url, authToken, timeout: 10_000 });
  return { client, db: drizzle(client, { schema }) };
}

declare global {
  // eslint-disable-next-line no-var
  var __registryDb: { client: Client; db: Database } | undefined;
}

function connection() {
  if (!globalThis.__registryDb) {
    const env = getEnv();
    globalThis.__registryDb = openDatabase(env.DATABASE_URL, env.DATABASE_AUTH_TOKEN);
  }
  return globalThis.__registryDb;
}

export function getDb(): Database {
  return connection().db;
}

export function getClient(): Client {
  return connection().client;
}
