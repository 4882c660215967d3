import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { accessRequests, auditEvents } from "#db/schema";
import { createTestActor, createTestDb, createTestOrganisation, type TestDb } from "#tests/setup/test-db";
import { type AccessLevel } from "~/utils/permissions.server";
import { AccessRequestError, decideAccessRequest, latestAccessRequest, listAccessRequests, requestAccess } from "./access-requests.server";
import { canDownloadMaterial, createMaterial } from "./materials.server";
import { StaleVersionError } from "./records.server";

let t: TestDb;
beforeEach(() => {
  t = createTestDb();
});
afterEach(() => t.cleanup());

async function setUp(accessLevel: AccessLevel = "restricted") {
  const org = await createTestOrganisation(t.db);
  const coordinator = await createTestActor(t.db, "coordinator");
  const material = await createMaterial(t.db, coordinator, {
    title: "Undercover online investigation playbook",
    description: null,
    kind: "handbook",
    language: "en",
    licence: null,
    courseId: null,
    publisherId: org.id,
    edition: null,
    accessLevel,
    externalUrl: "https://example.org/playbook",
  });
  const requester = await createTestActor(t.db, "trainer", { organisationId: org.id });
  return { coordinator, material, requester };
}

describe("requesting access", () => {
  it("records one pending request per user and material, audited", async () => {
    const { material, requester } = await setUp();
    const request = await requestAccess(t.db, requester, material.id, "  I train the cybercrime unit in Mombasa.  ");
    expect(request).toMatchObject({ status: "pending", userId: requester.id, materialId: material.id, reason: "I train the cybercrime unit in Mombasa." });
    expect(await latestAccessRequest(t.db, requester, material.id)).toMatchObject({ id: request.id, status: "pending" });
    await expect(requestAccess(t.db, requester, material.id, "again")).rejects.toBeInstanceOf(AccessRequestError);
    expect(await t.db.select().from(accessRequests)).toHaveLength(1);
    const [event] = await t.db.select().from(auditEvents).where(eq(auditEvents.recordId, request.id));
    expect(event).toMatchObject({ action: "create", recordKind: "access_request", actorId: requester.id });
  });

  it("refuses visitors, an empty reason, and people who may already download", async () => {
    const { material, requester } = await setUp();
    await expect(requestAccess(t.db, null, material.id, "please")).rejects.toMatchObject({ status: 403 });
    await expect(requestAccess(t.db, requester, material.id, "   ")).rejects.toBeInstanceOf(AccessRequestError);
    const vetted = await createTestActor(t.db, "focal_point", { vetted: true });
    await expect(requestAccess(t.db, vetted, material.id, "please")).rejects.toThrow("You can already download this material.");
    const open = await setUp("registered");
    await expect(requestAccess(t.db, open.requester, open.material.id, "please")).rejects.toBeInstanceOf(AccessRequestError);
    await expect(requestAccess(t.db, requester, "no-such-material", "please")).rejects.toMatchObject({ status: 404 });
    expect(await t.db.select().from(accessRequests)).toEqual([]);
  });
});

describe("deciding a request", () => {
  it("grants access to that material, audited, for coordinators only", async () => {
    const { coordinator, material, requester } = await setUp();
    const request = await requestAccess(t.db, requester, material.id, "Investigator training");
    for (const role of ["trainer", "focal_point", "donor"] as const) {
      const actor = await createTestActor(t.db, role, { vetted: true });
      await expect(decideAccessRequest(t.db, actor, request.id, 1, "granted", null)).rejects.toMatchObject({ status: 403 });
    }
    await expect(decideAccessRequest(t.db, null, request.id, 1, "granted", null)).rejects.toMatchObject({ status: 403 });
    expect(await canDownloadMaterial(t.db, requester, material)).toBe(false);

    const granted = await decideAccessRequest(t.db, coordinator, request.id, 1, "granted", "");
    expect(granted).toMatchObject({ status: "granted", decidedBy: coordinator.id, decisionReason: null, version: 2 });
    expect(granted.decidedAt).toEqual(expect.any(String));
    expect(await canDownloadMaterial(t.db, requester, material)).toBe(true);
    const events = await t.db.select().from(auditEvents).where(eq(auditEvents.recordId, request.id)).orderBy(auditEvents.id);
    expect(events[1]).toMatchObject({ action: "grant", actorId: coordinator.id, changes: { status: { before: "pending", after: "granted" } } });

    // Decided once: a second decision (e.g. a second tab) is refused.
    await expect(decideAccessRequest(t.db, coordinator, request.id, 2, "refused", "changed my mind")).rejects.toThrow("already granted");
  });

  it("requires a reason to refuse, and lets the user ask again afterwards", async () => {
    const { coordinator, material, requester } = await setUp();
    const request = await requestAccess(t.db, requester, material.id, "Please");
    await expect(decideAccessRequest(t.db, coordinator, request.id, 1, "refused", "  ")).rejects.toBeInstanceOf(AccessRequestError);
    const refused = await decideAccessRequest(t.db, coordinator, request.id, 1, "refused", "Ask your unit head to request it.");
    expect(refused).toMatchObject({ status: "refused", decisionReason: "Ask your unit head to request it." });
    expect(await canDownloadMaterial(t.db, requester, material)).toBe(false);
    expect(await latestAccessRequest(t.db, requester, material.id)).toMatchObject({ status: "refused", decisionReason: "Ask your unit head to request it." });

    const again = await requestAccess(t.db, requester, material.id, "My unit head approved: see letter ref. 12");
    expect(again.status).toBe("pending");
    expect(await latestAccessRequest(t.db, requester, material.id)).toMatchObject({ id: again.id });
  });

  it("rejects a stale version", async () => {
    const { coordinator, material, requester } = await setUp();
    const request = await requestAccess(t.db, requester, material.id, "Please");
    await expect(decideAccessRequest(t.db, coordinator, request.id, 5, "granted", null)).rejects.toBeInstanceOf(StaleVersionError);
  });
});

describe("the coordinators' list", () => {
  it("shows pending requests first with who asked for what, then decided ones", async () => {
    const { coordinator, material, requester } = await setUp();
    const other = await createTestActor(t.db, "donor");
    const first = await requestAccess(t.db, requester, material.id, "First");
    const second = await requestAccess(t.db, other, material.id, "Second");
    await decideAccessRequest(t.db, coordinator, first.id, 1, "refused", "No");
    const { pending, decided } = await listAccessRequests(t.db, coordinator);
    expect(pending).toEqual([
      expect.objectContaining({ id: second.id, requesterName: other.displayName, materialTitle: material.title, reason: "Second", version: 1 }),
    ]);
    expect(decided).toEqual([expect.objectContaining({ id: first.id, status: "refused", decisionReason: "No", deciderName: coordinator.displayName })]);
    await expect(listAccessRequests(t.db, requester)).rejects.toMatchObject({ status: 403 });
  });
});
