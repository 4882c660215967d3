import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { auditEvents, organisations } from "#db/schema";
import { createTestDb, type TestDb } from "#tests/setup/test-db";
import { createRecord, restoreRecord, softDeleteRecord, StaleVersionError, updateRecord } from "./records.server";

let t: TestDb;
beforeEach(() => {
  t = createTestDb();
});
afterEach(() => t.cleanup());

async function auditOf(id: string) {
  return t.db.select().from(auditEvents).where(eq(auditEvents.recordId, id)).orderBy(auditEvents.id);
}

describe("the shared write path", () => {
  it("creates a record with an audit event listing its fields", async () => {
    const org = await createRecord<typeof organisations.$inferSelect>(t.db, organisations, "organisation", { name: "Lakeside Institute", kind: "academic" }, "user-1");
    expect(org.version).toBe(1);
    expect(org.createdBy).toBe("user-1");
    const [event] = await auditOf(org.id);
    expect(event.action).toBe("create");
    expect(event.actorId).toBe("user-1");
    expect(event.changes).toMatchObject({ name: { before: null, after: "Lakeside Institute" } });
  });

  it("updates at the expected version, bumps it and audits only what changed", async () => {
    const org = await createRecord<typeof organisations.$inferSelect>(t.db, organisations, "organisation", { name: "Old", kind: "ngo" }, null);
    const updated = await updateRecord<typeof organisations.$inferSelect>(t.db, organisations, "organisation", {
      id: org.id,
      expectedVersion: 1,
      values: { name: "New", kind: "ngo" },
      actorId: "u",
    });
    expect(updated.version).toBe(2);
    const events = await auditOf(org.id);
    expect(events[1].changes).toEqual({ name: { before: "Old", after: "New" } });
  });

  it("refuses a stale version and writes nothing", async () => {
    const org = await createRecord<typeof organisations.$inferSelect>(t.db, organisations, "organisation", { name: "A", kind: "ngo" }, null);
    await updateRecord(t.db, organisations, "organisation", { id: org.id, expectedVersion: 1, values: { name: "B" }, actorId: null });
    await expect(
      updateRecord(t.db, organisations, "organisation", { id: org.id, expectedVersion: 1, values: { name: "C" }, actorId: null }),
    ).rejects.toBeInstanceOf(StaleVersionError);
    const [row] = await t.db.select().from(organisations).where(eq(organisations.id, org.id));
    expect(row.name).toBe("B");
    expect(await auditOf(org.id)).toHaveLength(2);
  });

  it("soft-deletes and restores, keeping the row", async () => {
    const org = await createRecord<typeof organisations.$inferSelect>(t.db, organisations, "organisation", { name: "A", kind: "ngo" }, null);
    const deleted = await softDeleteRecord(t.db, organisations, "organisation", { id: org.id, expectedVersion: 1, actorId: "c" });
    expect(deleted.deletedAt).toBeTruthy();
    // A deleted record cannot be edited, only restored.
    await expect(
      updateRecord(t.db, organisations, "organisation", { id: org.id, expectedVersion: 2, values: { name: "X" }, actorId: null }),
    ).rejects.toBeInstanceOf(Response);
    const restored = await restoreRecord(t.db, organisations, "organisation", { id: org.id, expectedVersion: 2, actorId: "c" });
    expect(restored.deletedAt).toBeNull();
    expect((await auditOf(org.id)).map((e) => e.action)).toEqual(["create", "delete", "restore"]);
  });

  it("keeps audit events append-only", async () => {
    const org = await createRecord<typeof organisations.$inferSelect>(t.db, organisations, "organisation", { name: "A", kind: "ngo" }, null);
    const appendOnly = { cause: expect.objectContaining({ message: expect.stringMatching(/append-only/) }) };
    await expect(t.db.delete(auditEvents).where(eq(auditEvents.recordId, org.id))).rejects.toMatchObject(appendOnly);
    await expect(t.db.update(auditEvents).set({ action: "x" }).where(eq(auditEvents.recordId, org.id))).rejects.toMatchObject(appendOnly);
  });

  it("rolls back every row of a failed transaction", async () => {
    await expect(
      t.db.transaction(async (tx) => {
        await createRecord(tx, organisations, "organisation", { name: "Half", kind: "ngo" }, null);
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect(await t.db.select().from(organisations).where(eq(organisations.name, "Half"))).toHaveLength(0);
  });
});
