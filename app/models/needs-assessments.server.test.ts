import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { auditEvents } from "#db/schema";
import { createTestActor, createTestDb, type TestDb } from "#tests/setup/test-db";
import { getCoverage } from "./coverage.server";
import { createNeedsAssessment, listNeedsAssessments } from "./needs-assessments.server";

let t: TestDb;
beforeEach(() => {
  t = createTestDb();
});
afterEach(() => t.cleanup());

const input = (overrides = {}) => ({
  countryCode: "KEN",
  assessedOn: "2025-03-01",
  assessor: "National task force",
  notes: null,
  items: [
    { topicCode: "EVID.PRESERVE", level: 3, notes: "No preservation orders in use" },
    { topicCode: "VIC.INTERVIEW", level: 1, notes: null },
  ],
  ...overrides,
});

describe("needs assessments", () => {
  test("a focal point records their own country's needs, audited; the latest feeds gaps and history is kept", async () => {
    const focal = await createTestActor(t.db, "focal_point", { countryCode: "KEN" });
    const first = await createNeedsAssessment(t.db, focal, input());
    const [event] = await t.db.select().from(auditEvents).where(eq(auditEvents.recordId, first.id));
    expect(event).toMatchObject({ action: "create", recordKind: "needs_assessment", actorId: focal.id });
    expect(event.changes?.items.after).toEqual(["EVID.PRESERVE: 3 (No preservation orders in use)", "VIC.INTERVIEW: 1"]);

    let cells = await getCoverage(t.db, { from: null, to: null });
    expect(cells.find((c) => c.country === "KEN" && c.topic === "EVID.PRESERVE")).toMatchObject({ needLevel: 3, gap: true });

    await createNeedsAssessment(t.db, focal, input({ assessedOn: "2025-09-01", items: [{ topicCode: "EVID.PRESERVE", level: 1, notes: null }] }));
    cells = await getCoverage(t.db, { from: null, to: null });
    expect(cells.find((c) => c.country === "KEN" && c.topic === "EVID.PRESERVE")).toMatchObject({ needLevel: 1, gap: false });
    expect(cells.find((c) => c.topic === "VIC.INTERVIEW")).toBeUndefined();

    const history = await listNeedsAssessments(t.db, "KEN");
    expect(history.map((h) => h.assessedOn)).toEqual(["2025-09-01", "2025-03-01"]);
    expect(history[1].items.map((i) => [i.topicCode, i.level])).toEqual([
      ["EVID.PRESERVE", 3],
      ["VIC.INTERVIEW", 1],
    ]);
  });

  test("coordinators may record for any country; others may not", async () => {
    const coordinator = await createTestActor(t.db, "coordinator");
    await expect(createNeedsAssessment(t.db, coordinator, input({ countryCode: "PHL" }))).resolves.toMatchObject({ countryCode: "PHL" });
    const otherFocal = await createTestActor(t.db, "focal_point", { countryCode: "UGA" });
    const trainer = await createTestActor(t.db, "trainer");
    for (const actor of [otherFocal, trainer, null]) {
      await expect(createNeedsAssessment(t.db, actor, input())).rejects.toMatchObject({ status: 403 });
    }
    expect(await listNeedsAssessments(t.db, "KEN")).toEqual([]);
  });

  test("rejects levels outside 0–3 and unknown topics", async () => {
    const coordinator = await createTestActor(t.db, "coordinator");
    await expect(createNeedsAssessment(t.db, coordinator, input({ items: [{ topicCode: "EVID", level: 4, notes: null }] }))).rejects.toThrow(/0 to 3/);
    await expect(createNeedsAssessment(t.db, coordinator, input({ items: [{ topicCode: "NOPE", level: 2, notes: null }] }))).rejects.toThrow(/Unknown topic/);
  });
});
