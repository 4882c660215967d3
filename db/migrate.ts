// `npm run db:migrate`: apply the committed drizzle-kit migrations. An explicit
// step (npm start runs it first), never a side effect of importing the app.
import { migrate } from "drizzle-orm/libsql/migrator";
import { getEnv } from "~/utils/env.server";
import { openDatabase } from "./client.server";

export async function migrateDatabase(url: string, authToken?: string) {
  const { client, db } = openDatabase(url, authToken);
  try {
    // WAL lets readers (the server) carry on while a writer (an import) works;
    // the mode is stored in the file, so setting it once is enough.
    if (url.startsWith("file:")) await client.execute("PRAGMA journal_mode = WAL");
    await migrate(db, { migrationsFolder: new URL("../drizzle", import.meta.url).pathname });
    await client.execute("ANALYZE");
  } finally {
    client.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const env = getEnv();
  await migrateDatabase(env.DATABASE_URL, env.DATABASE_AUTH_TOKEN);
  console.log(`Database migrated (${env.DATABASE_URL.replace(/\/\/[^@]*@/, "//")})`);
}
