import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { apiTokens } from "#db/schema";
import { createTestActor, createTestDb, type TestDb } from "#tests/setup/test-db";
import { createApiToken, listApiTokens, revokeApiToken } from "./api-tokens.server";
import { getActorByApiToken } from "./users.server";

let t: TestDb;
beforeEach(() => {
  t = createTestDb();
});
afterEach(() => t.cleanup());

describe("personal API tokens", () => {
  it("authenticates as their owner, are stored hashed, and stop working once revoked", async () => {
    const donor = await createTestActor(t.db, "donor");
    const { id, token } = await createApiToken(t.db, donor, "reporting script");
    const [stored] = await t.db.select().from(apiTokens);
    expect(stored.tokenHash).not.toContain(token);
    expect(stored.tokenHash).toHaveLength(64);
    expect((await getActorByApiToken(t.db, token))?.id).toBe(donor.id);
    expect(await getActorByApiToken(t.db, `${token}x`)).toBeNull();
    await revokeApiToken(t.db, donor, id);
    expect(await getActorByApiToken(t.db, token)).toBeNull();
    expect(await listApiTokens(t.db, donor)).toEqual([]);
  });

  it("cannot be revoked by another user", async () => {
    const owner = await createTestActor(t.db, "trainer");
    const other = await createTestActor(t.db, "trainer");
    const { id } = await createApiToken(t.db, owner, "mine");
    await expect(revokeApiToken(t.db, other, id)).rejects.toMatchObject({ status: 404 });
    expect(await listApiTokens(t.db, owner)).toHaveLength(1);
  });
});
