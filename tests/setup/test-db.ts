import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { inject } from "vitest";
import { openDatabase, type Database } from "#db/client.server";
import { users, organisations, type ROLES } from "#db/schema";
import { type SignedInActor } from "~/utils/permissions.server";

export type TestDb = { db: Database; url: string; cleanup: () => void };

/** A fresh copy of the migrated base database with reference data. */
export function createTestDb(): TestDb {
  const dir = mkdtempSync(path.join(tmpdir(), "registry-test-"));
  const file = path.join(dir, "test.db");
  copyFileSync(inject("baseDbFile"), file);
  const url = `file:${file}`;
  const { client, db } = openDatabase(url);
  return {
    db,
    url,
    cleanup: () => {
      client.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

let counter = 0;

export async function createTestOrganisation(db: Database, name = `Test Org ${++counter}`, kind: (typeof organisations.$inferInsert)["kind"] = "ngo") {
  const [org] = await db.insert(organisations).values({ name, kind }).returning();
  return org;
}

/** A user row plus the actor the permission checks see. Password hashing is skipped: tests never sign in here. */
export async function createTestActor(
  db: Database,
  role: (typeof ROLES)[number],
  extra: { organisationId?: string | null; countryCode?: string | null; vetted?: boolean } = {},
): Promise<SignedInActor> {
  const n = ++counter;
  const [user] = await db
    .insert(users)
    .values({
      email: `${role}${n}@test.example`,
      passwordHash: "unusable",
      displayName: `${role} ${n}`,
      role,
      organisationId: extra.organisationId ?? null,
      countryCode: extra.countryCode ?? null,
      vetted: extra.vetted ?? false,
    })
    .returning();
  return {
    id: user.id,
    role: user.role,
    displayName: user.displayName,
    email: user.email,
    organisationId: user.organisationId,
    countryCode: user.countryCode,
    vetted: user.vetted,
  };
}
