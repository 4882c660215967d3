// Needs assessments (DESIGN §2): per-topic need levels 0–3 for a country,
// recorded by the country's focal points and by coordinators. Each assessment
// is a new record, so the history stays; the latest one feeds coverage gaps.
import { and, asc, desc, eq, inArray, isNull } from "drizzle-orm";
import { type Executor } from "#db/client.server";
import { needsAssessmentItems, needsAssessments, topics } from "#db/schema";
import { canWriteForCountry, forbidden, type Actor } from "~/utils/permissions.server";
import { createRecord } from "./records.server";

export type NeedsAssessmentInput = {
  countryCode: string;
  assessedOn: string;
  assessor: string;
  notes: string | null;
  items: { topicCode: string; level: number; notes: string | null }[];
};

export function canRecordNeeds(actor: Actor, countryCode: string) {
  return canWriteForCountry(actor, countryCode);
}

export async function createNeedsAssessment(db: Executor, actor: Actor, input: NeedsAssessmentInput) {
  if (!actor || !canRecordNeeds(actor, input.countryCode)) forbidden("Only the country's focal points and coordinators may record its needs.");
  if (!input.items.length) throw new Error("A needs assessment needs at least one topic");
  if (input.items.some((i) => !Number.isInteger(i.level) || i.level < 0 || i.level > 3)) throw new Error("Need levels run from 0 to 3");
  const items = dedupeItems(input.items);
  const known = await db.select({ code: topics.code }).from(topics).where(inArray(topics.code, items.map((i) => i.topicCode)));
  if (known.length !== items.length) throw new Error("Unknown topic in a needs assessment");
  return db.transaction(async (tx) => {
    const row = await createRecord<typeof needsAssessments.$inferSelect>(
      tx,
      needsAssessments,
      "needs_assessment",
      { countryCode: input.countryCode, assessedOn: input.assessedOn, assessor: input.assessor, notes: input.notes },
      actor.id,
      { items: { before: null, after: items.map((i) => `${i.topicCode}: ${i.level}${i.notes ? ` (${i.notes})` : ""}`) } },
    );
    await tx.insert(needsAssessmentItems).values(items.map((i) => ({ assessmentId: row.id, ...i })));
    return row;
  });
}

function dedupeItems(items: NeedsAssessmentInput["items"]) {
  return [...new Map(items.map((i) => [i.topicCode, i])).values()];
}

export type NeedsAssessmentWithItems = typeof needsAssessments.$inferSelect & {
  items: { topicCode: string; topicLabel: string; level: number; notes: string | null }[];
};

/** A country's assessments, newest first (the first is the one that counts). */
export async function listNeedsAssessments(db: Executor, countryCode: string): Promise<NeedsAssessmentWithItems[]> {
  const rows = await db
    .select()
    .from(needsAssessments)
    .where(and(eq(needsAssessments.countryCode, countryCode), isNull(needsAssessments.deletedAt)))
    .orderBy(desc(needsAssessments.assessedOn), desc(needsAssessments.createdAt), desc(needsAssessments.id));
  if (!rows.length) return [];
  const items = await db
    .select({
      assessmentId: needsAssessmentItems.assessmentId,
      topicCode: needsAssessmentItems.topicCode,
      topicLabel: topics.label,
      level: needsAssessmentItems.level,
      notes: needsAssessmentItems.notes,
    })
    .from(needsAssessmentItems)
    .innerJoin(topics, eq(topics.code, needsAssessmentItems.topicCode))
    .where(inArray(needsAssessmentItems.assessmentId, rows.map((r) => r.id)))
    .orderBy(asc(topics.sortOrder));
  return rows.map((r) => ({ ...r, items: items.filter((i) => i.assessmentId === r.id).map(({ assessmentId: _a, ...i }) => i) }));
}
