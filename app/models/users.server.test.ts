import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestActor, createTestDb, type TestDb } from "#tests/setup/test-db";
import { changeOwnPassword, createUser, isLoginRateLimited, updateUserByAdmin, verifyLogin } from "./users.server";

let t: TestDb;
beforeEach(() => {
  t = createTestDb();
});
afterEach(() => t.cleanup());

const input = { email: "New.Person@Example.org", displayName: "New Person", role: "donor" as const, organisationId: null, countryCode: null, vetted: false };

describe("accounts", () => {
  it("lets only admins create users, with a hashed password and a lower-cased email", async () => {
    const admin = await createTestActor(t.db, "admin");
    const user = await createUser(t.db, admin, { ...input, password: "correct horse battery" });
    expect(user.email).toBe("new.person@example.org");
    expect(user.passwordHash).toMatch(/^scrypt\$/);
    expect(await verifyLogin(t.db, "NEW.person@example.org", "correct horse battery", "k")).toBe(user.id);

    for (const role of ["coordinator", "trainer", "donor", "focal_point"] as const) {
      const actor = await createTestActor(t.db, role);
      await expect(createUser(t.db, actor, { ...input, email: `${role}@x.example`, password: "x".repeat(12) })).rejects.toMatchObject({ status: 403 });
    }
    await expect(createUser(t.db, null, { ...input, email: "anon@x.example", password: "x".repeat(12) })).rejects.toMatchObject({ status: 403 });
  });

  it("limits repeated failed sign-ins for one key", async () => {
    const admin = await createTestActor(t.db, "admin");
    await createUser(t.db, admin, { ...input, password: "correct horse battery" });
    for (let i = 0; i < 5; i++) expect(await verifyLogin(t.db, input.email, "wrong", "key-1")).toBeNull();
    expect(await isLoginRateLimited(t.db, "key-1")).toBe(true);
    expect(await isLoginRateLimited(t.db, "key-2")).toBe(false);
  });

  it("changes a password only with the current one", async () => {
    const admin = await createTestActor(t.db, "admin");
    const user = await createUser(t.db, admin, { ...input, password: "correct horse battery" });
    const actor = { ...admin, id: user.id, role: user.role };
    expect(await changeOwnPassword(t.db, actor, "not it", "another long password")).toBe(false);
    expect(await changeOwnPassword(t.db, actor, "correct horse battery", "another long password")).toBe(true);
    expect(await verifyLogin(t.db, input.email, "another long password", "k")).toBe(user.id);
  });

  it("lets admins change roles and vetting, versioned", async () => {
    const admin = await createTestActor(t.db, "admin");
    const user = await createUser(t.db, admin, { ...input, password: "correct horse battery" });
    const updated = await updateUserByAdmin(t.db, admin, user.id, 1, { ...input, role: "coordinator", vetted: true });
    expect(updated).toMatchObject({ role: "coordinator", vetted: true, version: 2 });
    const coordinator = await createTestActor(t.db, "coordinator");
    await expect(updateUserByAdmin(t.db, coordinator, user.id, 2, { ...input, vetted: false })).rejects.toMatchObject({ status: 403 });
  });
});
