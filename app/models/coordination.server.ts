// What waits for a coordinator: pending access requests, sessions whose status
// contradicts their dates, and soft-deleted records that can be restored.
import { and, desc, eq, inArray, isNotNull, lt, or, sql } from "drizzle-orm";
import { type Executor } from "#db/client.server";
import { accessRequests, courses, materials, organisations, trainers, trainingSessions } from "#db/schema";
import { requireCoordinator, type Actor } from "~/utils/permissions.server";

export async function getCoordinationCounts(db: Executor, actor: Actor, today: string) {
  requireCoordinator(actor);
  const [pending] = await db
    .select({ n: sql<number>`count(*)` })
    .from(accessRequests)
    .where(and(eq(accessRequests.status, "pending"), sql`${accessRequests.deletedAt} IS NULL`));
  const [stale] = await db
    .select({ n: sql<number>`count(*)` })
    .from(trainingSessions)
    .where(
      and(
        sql`${trainingSessions.deletedAt} IS NULL`,
        or(
          and(inArray(trainingSessions.status, ["planned", "confirmed"]), lt(trainingSessions.endDate, today)),
          and(eq(trainingSessions.status, "completed"), sql`${trainingSessions.startDate} > ${today}`),
        ),
      ),
    );
  return { pendingAccessRequests: pending.n, sessionsNeedingUpdate: stale.n };
}

const DELETED_LIMIT = 100;

/** Recently soft-deleted records of every kind that has a page, newest first. */
export async function listDeletedRecords(db: Executor, actor: Actor) {
  requireCoordinator(actor);
  const pick = async (kind: string, path: string, table: typeof courses | typeof materials | typeof trainers | typeof organisations | typeof trainingSessions, label: ReturnType<typeof sql<string>>) => {
    const rows = await db
      .select({ id: table.id, label, deletedAt: table.deletedAt })
      .from(table)
      .where(isNotNull(table.deletedAt))
      .orderBy(desc(table.deletedAt))
      .limit(DELETED_LIMIT);
    return rows.map((r) => ({ ...r, kind, href: `/${path}/${r.id}` }));
  };
  const groups = await Promise.all([
    pick("Course", "courses", courses, sql<string>`${courses.title}`),
    pick("Training session", "sessions", trainingSessions, sql<string>`${trainingSessions.title}`),
    pick("Material", "materials", materials, sql<string>`${materials.title}`),
    pick("Trainer", "trainers", trainers, sql<string>`${trainers.name}`),
    pick("Organisation", "organisations", organisations, sql<string>`${organisations.name}`),
  ]);
  return groups
    .flat()
    .sort((a, b) => (b.deletedAt ?? "").localeCompare(a.deletedAt ?? ""))
    .slice(0, DELETED_LIMIT);
}
