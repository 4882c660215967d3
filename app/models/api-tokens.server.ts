// Personal API tokens: shown once at creation, stored only as a SHA-256 hash,
// revocable by their owner. A token acts with its owner's role and scope.
import { createHash, randomBytes } from "node:crypto";
import { and, desc, eq, isNull } from "drizzle-orm";
import { type Executor } from "#db/client.server";
import { apiTokens } from "#db/schema";
import { type SignedInActor } from "~/utils/permissions.server";
import { recordAudit } from "./audit.server";

export function hashApiToken(token: string) {
  return createHash("sha256").update(token).digest("hex");
}

export async function createApiToken(db: Executor, actor: SignedInActor, name: string) {
  const token = `tcr_${randomBytes(24).toString("base64url")}`;
  const [row] = await db.insert(apiTokens).values({ userId: actor.id, name, tokenHash: hashApiToken(token) }).returning();
  await recordAudit(db, { actorId: actor.id, action: "create", recordKind: "api_token", recordId: row.id, changes: { name: { before: null, after: name } } });
  return { id: row.id, name, token };
}

export async function listApiTokens(db: Executor, actor: SignedInActor) {
  return db
    .select({ id: apiTokens.id, name: apiTokens.name, createdAt: apiTokens.createdAt, lastUsedAt: apiTokens.lastUsedAt })
    .from(apiTokens)
    .where(and(eq(apiTokens.userId, actor.id), isNull(apiTokens.revokedAt)))
    .orderBy(desc(apiTokens.createdAt));
}

/** Only the owner revokes; another user's token id is treated as not found. */
export async function revokeApiToken(db: Executor, actor: SignedInActor, id: string) {
  const [row] = await db
    .update(apiTokens)
    .set({ revokedAt: new Date().toISOString() })
    .where(and(eq(apiTokens.id, id), eq(apiTokens.userId, actor.id), isNull(apiTokens.revokedAt)))
    .returning();
  if (!row) throw new Response("Token not found", { status: 404 });
  await recordAudit(db, { actorId: actor.id, action: "revoke", recordKind: "api_token", recordId: id });
}
