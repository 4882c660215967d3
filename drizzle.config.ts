import { defineConfig } from "drizzle-kit";

export default defineConfig({
  dialect: "sqlite",
  schema: "./db/schema.ts",
  out: "./drizzle",
  dbCredentials: { url: process.env.DATABASE_URL ?? "file:data/registry.db" },
  // FTS5 virtual tables and their shadow tables come from a custom migration.
  tablesFilter: ["!*_fts*"],
});
