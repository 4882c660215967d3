import { and, asc, count, eq, gte, isNull, like, or, sql } from "drizzle-orm";
import { type Executor } from "#db/client.server";
import { apiTokens, loginAttempts, organisations, users, type ROLES } from "#db/schema";
import { hashPassword, verifyPassword } from "~/utils/password.server";
import { requireAdmin, type Actor, type SignedInActor } from "~/utils/permissions.server";
import { hashApiToken } from "./api-tokens.server";
import { createRecord, updateRecord } from "./records.server";

export type Role = (typeof ROLES)[number];

const actorColumns = {
  id: users.id,
  role: users.role,
  displayName: users.displayName,
  email: users.email,
  organisationId: users.organisationId,
  countryCode: users.countryCode,
  vetted: users.vetted,
};

export async function getActorById(db: Executor, id: string): Promise<SignedInActor | null> {
  const [row] = await db.select(actorColumns).from(users).where(and(eq(users.id, id), isNull(users.deletedAt)));
  return row ?? null;
}

export async function getActorByApiToken(db: Executor, token: string): Promise<SignedInActor | null> {
  const tokenHash = hashApiToken(token);
  const [row] = await db
    .select(actorColumns)
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(and(eq(apiTokens.tokenHash, tokenHash), isNull(apiTokens.revokedAt), isNull(users.deletedAt)));
  if (row) await db.update(apiTokens).set({ lastUsedAt: new Date().toISOString() }).where(eq(apiTokens.tokenHash, tokenHash));
  return row ?? null;
}

const MAX_FAILED_LOGINS = 5;
const LOGIN_WINDOW_MINUTES = 15;

/** True when this key (email and client address) has failed too often recently. */
export async function isLoginRateLimited(db: Executor, key: string): Promise<boolean> {
  const since = new Date(Date.now() - LOGIN_WINDOW_MINUTES * 60_000).toISOString();
  const [row] = await db
    .select({ n: count() })
    .from(loginAttempts)
    .where(and(eq(loginAttempts.key, key), gte(loginAttempts.at, since)));
  return (row?.n ?? 0) >= MAX_FAILED_LOGINS;
}

export async function verifyLogin(db: Executor, email: string, password: string, rateKey: string) {
  const [user] = await db
    .select({ id: users.id, passwordHash: users.passwordHash })
    .from(users)
    .where(and(eq(users.email, email.trim().toLowerCase()), isNull(users.deletedAt)));
  const ok = user ? await verifyPassword(password, user.passwordHash) : false;
  if (!ok) {
    await db.insert(loginAttempts).values({ key: rateKey });
    return null;
  }
  await db.delete(loginAttempts).where(eq(loginAttempts.key, rateKey));
  return user!.id;
}

export type UserInput = {
  email: string;
  displayName: string;
  role: Role;
  organisationId: string | null;
  countryCode: string | null;
  vetted: boolean;
};

export async function emailTaken(db: Executor, email: string, exceptId?: string) {
  const [row] = await db.select({ id: users.id }).from(users).where(eq(users.email, email.trim().toLowerCase()));
  return !!row && row.id !== exceptId;
}

export async function createUser(db: Executor, actor: Actor, input: UserInput & { password: string }) {
  requireAdmin(actor);
  const { password, ...rest } = input;
  return createRecord<typeof users.$inferSelect>(
    db,
    users,
    "user",
    { ...rest, email: rest.email.trim().toLowerCase(), passwordHash: await hashPassword(password) },
    actor.id,
  );
}

export async function updateUserByAdmin(db: Executor, actor: Actor, id: string, expectedVersion: number, input: UserInput) {
  requireAdmin(actor);
  return updateRecord(db, users, "user", {
    id,
    expectedVersion,
    values: { ...input, email: input.email.trim().toLowerCase() },
    actorId: actor.id,
  });
}

export async function updateOwnProfile(
  db: Executor,
  actor: SignedInActor,
  expectedVersion: number,
  input: { displayName: string; email: string },
) {
  return updateRecord(db, users, "user", {
    id: actor.id,
    expectedVersion,
    values: { displayName: input.displayName, email: input.email.trim().toLowerCase() },
    actorId: actor.id,
  });
}

export async function changeOwnPassword(db: Executor, actor: SignedInActor, current: string, next: string) {
  const [row] = await db.select({ passwordHash: users.passwordHash, version: users.version }).from(users).where(eq(users.id, actor.id));
  if (!row || !(await verifyPassword(current, row.passwordHash))) return false;
  await updateRecord(db, users, "user", {
    id: actor.id,
    expectedVersion: row.version,
    values: { passwordHash: await hashPassword(next) },
    actorId: actor.id,
    action: "change_password",
  });
  return true;
}

export async function getUser(db: Executor, id: string) {
  const [row] = await db
    .select({
      id: users.id,
      email: users.email,
      displayName: users.displayName,
      role: users.role,
      organisationId: users.organisationId,
      countryCode: users.countryCode,
      vetted: users.vetted,
      version: users.version,
      deletedAt: users.deletedAt,
      createdAt: users.createdAt,
    })
    .from(users)
    .where(eq(users.id, id));
  return row ?? null;
}

export async function listUsers(db: Executor, actor: Actor, query: { q?: string; role?: Role }) {
  requireAdmin(actor);
  const filters = [];
  if (query.q) filters.push(or(like(users.email, `%${query.q}%`), like(users.displayName, `%${query.q}%`)));
  if (query.role) filters.push(eq(users.role, query.role));
  return db
    .select({
      id: users.id,
      email: users.email,
      displayName: users.displayName,
      role: users.role,
      vetted: users.vetted,
      organisationName: organisations.name,
      countryCode: users.countryCode,
      deletedAt: users.deletedAt,
    })
    .from(users)
    .leftJoin(organisations, eq(organisations.id, users.organisationId))
    .where(filters.length ? and(...filters) : sql`1`)
    .orderBy(asc(users.displayName));
}
