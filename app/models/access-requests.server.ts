// Requests to download a restricted material: a signed-in user who may not
// download it asks with a reason; a coordinator grants or refuses with a
// reason. Both steps are audited; a grant is what canDownloadMaterial checks.
import { and, asc, desc, eq, sql } from "drizzle-orm";
import { type Executor } from "#db/client.server";
import { accessRequests, materials, organisations, users } from "#db/schema";
import { forbidden, requireCoordinator, type Actor } from "~/utils/permissions.server";
import { canDownloadMaterial } from "./materials.server";
import { createRecord, live, nowIso, updateRecord } from "./records.server";

export type AccessRequest = typeof accessRequests.$inferSelect;
export type AccessDecision = "granted" | "refused";

/** A request that cannot be made or decided as asked; its message is meant for the form. */
export class AccessRequestError extends Error {}

/** The actor's most recent request for this material (pending or decided), if any. */
export async function latestAccessRequest(db: Executor, actor: Actor, materialId: string) {
  if (!actor) return null;
  const [row] = await db
    .select({
      id: accessRequests.id,
      status: accessRequests.status,
      reason: accessRequests.reason,
      decisionReason: accessRequests.decisionReason,
      createdAt: accessRequests.createdAt,
      decidedAt: accessRequests.decidedAt,
    })
    .from(accessRequests)
    .where(and(eq(accessRequests.userId, actor.id), eq(accessRequests.materialId, materialId), live(accessRequests)))
    .orderBy(desc(accessRequests.createdAt), desc(accessRequests.id))
    .limit(1);
  return row ?? null;
}

/**
 * Ask for access to a material the actor cannot download yet. One pending
 * request per user and material; after a refusal the user may ask again.
 */
export async function requestAccess(db: Executor, actor: Actor, materialId: string, reason: string): Promise<AccessRequest> {
  if (!actor) forbidden("Sign in to request access.");
  const trimmed = reason.trim();
  if (!trimmed) throw new AccessRequestError("Say why you need this material.");
  return db.transaction(async (tx) => {
    const [material] = await tx
      .select({ id: materials.id, accessLevel: materials.accessLevel })
      .from(materials)
      .where(and(eq(materials.id, materialId), live(materials)));
    if (!material) throw new Response("Material not found", { status: 404 });
    if (await canDownloadMaterial(tx, actor, material)) throw new AccessRequestError("You can already download this material.");
    const latest = await latestAccessRequest(tx, actor, materialId);
    if (latest?.status === "pending") throw new AccessRequestError("You already have a request for this material waiting for a decision.");
    return createRecord<AccessRequest>(tx, accessRequests, "access_request", { materialId, userId: actor.id, reason: trimmed }, actor.id);
  });
}

/** Grant or refuse a pending request; refusing needs a reason the requester will read. */
export async function decideAccessRequest(
  db: Executor,
  actor: Actor,
  id: string,
  expectedVersion: number,
  decision: AccessDecision,
  reason: string | null | undefined,
): Promise<AccessRequest> {
  requireCoordinator(actor);
  const decisionReason = reason?.trim() || null;
  if (decision === "refused" && !decisionReason) throw new AccessRequestError("Give a reason for refusing.");
  return db.transaction(async (tx) => {
    const [request] = await tx.select().from(accessRequests).where(and(eq(accessRequests.id, id), live(accessRequests)));
    if (!request) throw new Response("Access request not found", { status: 404 });
    if (request.status !== "pending") throw new AccessRequestError(`This request was already ${request.status}.`);
    return updateRecord<AccessRequest>(tx, accessRequests, "access_request", {
      id,
      expectedVersion,
      values: { status: decision, decidedBy: actor.id, decidedAt: nowIso(), decisionReason },
      actorId: actor.id,
      action: decision === "granted" ? "grant" : "refuse",
    });
  });
}

const DECIDED_SHOWN = 100;

/** For coordinators: every pending request (oldest first), then the most recently decided ones. */
export async function listAccessRequests(db: Executor, actor: Actor) {
  requireCoordinator(actor);
  const columns = {
    id: accessRequests.id,
    version: accessRequests.version,
    status: accessRequests.status,
    reason: accessRequests.reason,
    createdAt: accessRequests.createdAt,
    decidedAt: accessRequests.decidedAt,
    decisionReason: accessRequests.decisionReason,
    // A subquery, not a second join on users: drizzle's types cannot tell two joins of one table apart.
    deciderName: sql<string | null>`(SELECT display_name FROM "user" WHERE id = ${accessRequests.decidedBy})`,
    requesterName: users.displayName,
    requesterEmail: users.email,
    requesterRole: users.role,
    requesterVetted: users.vetted,
    requesterOrganisation: organisations.name,
    materialId: materials.id,
    materialTitle: materials.title,
    materialAccessLevel: materials.accessLevel,
  };
  const base = () =>
    db
      .select(columns)
      .from(accessRequests)
      .innerJoin(users, eq(users.id, accessRequests.userId))
      .innerJoin(materials, eq(materials.id, accessRequests.materialId))
      .leftJoin(organisations, eq(organisations.id, users.organisationId));
  const [pending, decided] = await Promise.all([
    base()
      .where(and(eq(accessRequests.status, "pending"), live(accessRequests)))
      .orderBy(asc(accessRequests.createdAt), asc(accessRequests.id)),
    base()
      .where(and(sql`${accessRequests.status} <> 'pending'`, live(accessRequests)))
      .orderBy(desc(accessRequests.decidedAt), desc(accessRequests.id))
      .limit(DECIDED_SHOWN),
  ]);
  return { pending, decided };
}
