// Following and the in-app inbox. People follow a country, a UN M49 region
// or a topic; new sessions, new requests and status changes there are fanned
// out into their inbox as notification rows, one per person and event however
// many of their follows match. The inbox is the record; when SMTP_URL is set,
// utils/mailer.server.ts also sends each notification once by e-mail.
import { and, count, desc, eq, inArray, isNull, sql, type SQL } from "drizzle-orm";
import { ulid } from "ulid";
import { type Executor } from "#db/client.server";
import { countries, follows, notifications, topics, type FOLLOW_KINDS } from "#db/schema";
import { topicClosure } from "~/domain/coverage";
import { type Actor, forbidden } from "~/utils/permissions.server";
import { offsetOf, type Paging } from "~/utils/list-params";
import { nowIso } from "./records.server";

export type FollowKind = (typeof FOLLOW_KINDS)[number];

const list = (values: readonly string[]) =>
  sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  );

function signedIn(actor: Actor) {
  if (!actor) forbidden("Sign in to follow countries, regions and topics.");
  return actor;
}

/** What a follow points at, in words; null when the registry does not know it. */
export async function followTargetLabel(db: Executor, kind: FollowKind, value: string): Promise<string | null> {
  if (kind === "country") {
    const [row] = await db.select({ name: countries.nameEn }).from(countries).where(eq(countries.code, value));
    return row?.name ?? null;
  }
  if (kind === "topic") {
    const [row] = await db.select({ label: topics.label }).from(topics).where(and(eq(topics.code, value), isNull(topics.deletedAt)));
    return row?.label ?? null;
  }
  const [row] = await db.all<{ name: string | null }>(sql`
    SELECT CASE WHEN region_code = ${value} THEN region_name WHEN subregion_code = ${value} THEN subregion_name ELSE intermediate_name END AS name
    FROM country WHERE ${value} IN (region_code, subregion_code, intermediate_code) LIMIT 1`);
  return row?.name ?? null;
}

/** Follow something; following it again changes nothing. Returns its label. */
export async function follow(db: Executor, actor: Actor, kind: FollowKind, value: string): Promise<string> {
  const user = signedIn(actor);
  const label = await followTargetLabel(db, kind, value);
  if (!label) throw new Response(`There is no ${kind} "${value}" to follow.`, { status: 400 });
  await db.insert(follows).values({ userId: user.id, kind, value }).onConflictDoNothing();
  return label;
}

export async function unfollow(db: Executor, actor: Actor, kind: FollowKind, value: string) {
  const user = signedIn(actor);
  await db.delete(follows).where(and(eq(follows.userId, user.id), eq(follows.kind, kind), eq(follows.value, value)));
}

export async function isFollowing(db: Executor, actor: Actor, kind: FollowKind, value: string): Promise<boolean> {
  if (!actor) return false;
  const [row] = await db
    .select({ id: follows.id })
    .from(follows)
    .where(and(eq(follows.userId, actor.id), eq(follows.kind, kind), eq(follows.value, value)));
  return !!row;
}

export async function listFollows(db: Executor, actor: Actor) {
  const user = signedIn(actor);
  const rows = await db.select().from(follows).where(eq(follows.userId, user.id)).orderBy(follows.kind, follows.value);
  return Promise.all(rows.map(async (r) => ({ kind: r.kind, value: r.value, label: (await followTargetLabel(db, r.kind, r.value)) ?? r.value })));
}

// ---------------------------------------------------------------- fan-out

/** Inserts one notification per person. */
export async function notifyUsers(db: Executor, userIds: Iterable<string>, message: string, link: string | null) {
  const rows = [...new Set(userIds)].map((userId) => ({ id: ulid(), userId, message, link }));
  for (let i = 0; i < rows.length; i += 200) await db.insert(notifications).values(rows.slice(i, i + 200));
  return rows.length;
}

/**
 * The people following any of `countryCodes` (directly or through their M49
 * region, sub-region or intermediate region) or any of `topicCodes` (directly
 * or through a parent topic). `readers` narrows them to who may see the
 * thing (a condition on the user row aliased `u`).
 */
export async function followersOf(
  db: Executor,
  args: { countries: string[]; topics: string[]; excludeUserId?: string | null; readers?: SQL },
): Promise<string[]> {
  const matches: SQL[] = [];
  if (args.countries.length) {
    matches.push(sql`(f.kind = 'country' AND f.value IN (${list(args.countries)}))`);
    matches.push(sql`(f.kind = 'region' AND f.value IN (
      SELECT region_code FROM country WHERE code IN (${list(args.countries)}) AND region_code IS NOT NULL
      UNION SELECT subregion_code FROM country WHERE code IN (${list(args.countries)}) AND subregion_code IS NOT NULL
      UNION SELECT intermediate_code FROM country WHERE code IN (${list(args.countries)}) AND intermediate_code IS NOT NULL))`);
  }
  const closure = topicClosure(args.topics);
  if (closure.length) matches.push(sql`(f.kind = 'topic' AND f.value IN (${list(closure)}))`);
  if (!matches.length) return [];
  const rows = await db.all<{ id: string }>(sql`
    SELECT DISTINCT f.user_id AS id FROM follow f JOIN user u ON u.id = f.user_id
    WHERE u.deleted_at IS NULL AND f.user_id <> ${args.excludeUserId ?? ""}
      AND (${sql.join(matches, sql` OR `)})
      AND ${args.readers ?? sql`1`}`);
  return rows.map((r) => r.id);
}

// ---------------------------------------------------------------- inbox

export async function unreadCount(db: Executor, userId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
  return row?.n ?? 0;
}

export async function listInbox(db: Executor, actor: Actor, paging: Paging, options: { unreadOnly?: boolean } = {}) {
  const user = signedIn(actor);
  const where = and(eq(notifications.userId, user.id), options.unreadOnly ? isNull(notifications.readAt) : undefined);
  const [items, [{ total }], unread] = await Promise.all([
    db.select().from(notifications).where(where).orderBy(desc(notifications.at), desc(notifications.id)).limit(paging.pageSize).offset(offsetOf(paging)),
    db.select({ total: count() }).from(notifications).where(where),
    unreadCount(db, user.id),
  ]);
  return { items, total, unread, ...paging };
}

/** Marks the actor's own notifications read (the given ones, or all); someone else's are left alone. */
export async function markRead(db: Executor, actor: Actor, ids: string[] | "all") {
  const user = signedIn(actor);
  if (ids !== "all" && !ids.length) return 0;
  const result = await db
    .update(notifications)
    .set({ readAt: nowIso() })
    .where(and(eq(notifications.userId, user.id), isNull(notifications.readAt), ids === "all" ? undefined : inArray(notifications.id, ids)))
    .returning({ id: notifications.id });
  return result.length;
}

/** What a follow button needs: null `following` for a visitor, who is asked to sign in. */
export async function followState(db: Executor, actor: Actor, kind: FollowKind, value: string, label: string) {
  return { kind, value, label, following: actor ? await isFollowing(db, actor, kind, value) : null };
}

export type FollowState = Awaited<ReturnType<typeof followState>>;
