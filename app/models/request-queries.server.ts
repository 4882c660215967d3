// Reading assistance requests for pages: one request with its timeline and
// links, and the filtered list. Both show only what the actor may see
// (requests.server.ts: canSeeRequest / visibleRequestsCondition).
import { and, asc, count, desc, eq, inArray, isNull, or, sql, type SQL } from "drizzle-orm";
import { type Executor } from "#db/client.server";
import {
  assistanceRequests,
  audiences,
  auditEvents,
  countries,
  courses,
  organisations,
  requestAudiences,
  requestLanguages,
  requestMatches,
  requestStatusEvents,
  requestTopics,
  topics,
  trainers,
  trainingSessions,
  users,
  type MATCH_KINDS,
  type REQUEST_STATUSES,
} from "#db/schema";
import { type Paging, offsetOf } from "~/utils/list-params";
import { isCoordinator, type Actor } from "~/utils/permissions.server";
import { canSeeRequest, visibleRequestsCondition } from "./requests.server";

const r = assistanceRequests;

export type MatchKind = (typeof MATCH_KINDS)[number];

/** One request with labels for what it links to, or null when it does not exist or the actor may not see it. */
export async function getRequest(db: Executor, actor: Actor, id: string) {
  const [row] = await db
    .select({ request: r, countryName: countries.nameEn, agencyOrgName: organisations.name, submitterName: users.displayName })
    .from(r)
    .innerJoin(countries, eq(countries.code, r.countryCode))
    .leftJoin(organisations, eq(organisations.id, r.agencyId))
    .leftJoin(users, eq(users.id, r.createdBy))
    .where(eq(r.id, id));
  if (!row || (row.request.deletedAt && !isCoordinator(actor)) || !canSeeRequest(actor, row.request)) return null;
  const [topicRows, audienceRows, languageRows, matches, timeline] = await Promise.all([
    db
      .select({ code: topics.code, label: topics.label })
      .from(requestTopics)
      .innerJoin(topics, eq(topics.code, requestTopics.topicCode))
      .where(eq(requestTopics.requestId, id))
      .orderBy(asc(topics.sortOrder), asc(topics.code)),
    db
      .select({ code: audiences.code, label: audiences.label })
      .from(requestAudiences)
      .innerJoin(audiences, eq(audiences.code, requestAudiences.audienceCode))
      .where(eq(requestAudiences.requestId, id))
      .orderBy(asc(audiences.sortOrder)),
    db.select({ code: requestLanguages.language }).from(requestLanguages).where(eq(requestLanguages.requestId, id)),
    listMatches(db, id),
    requestTimeline(db, id),
  ]);
  return {
    ...row.request,
    countryName: row.countryName,
    agency: row.request.agencyId ? { id: row.request.agencyId, name: row.agencyOrgName ?? row.request.agencyName ?? "" } : null,
    submitterName: row.submitterName,
    topics: topicRows,
    audiences: audienceRows,
    languages: languageRows.map((l) => l.code),
    matches,
    timeline,
  };
}

export type RequestDetail = NonNullable<Awaited<ReturnType<typeof getRequest>>>;

/** The live links of a request, each with what it points at in words. */
export async function listMatches(db: Executor, requestId: string) {
  const rows = await db
    .select()
    .from(requestMatches)
    .where(and(eq(requestMatches.requestId, requestId), isNull(requestMatches.deletedAt)))
    .orderBy(asc(requestMatches.createdAt));
  const ids = (kind: MatchKind) => rows.filter((m) => m.kind === kind).map((m) => m.targetId);
  const none = Promise.resolve([] as { id: string; label: string; detail: string | null }[]);
  const [courseRows, trainerRows, sessionRows, orgRows] = await Promise.all([
    ids("course").length ? db.select({ id: courses.id, label: courses.title, detail: courses.level }).from(courses).where(inArray(courses.id, ids("course"))) : none,
    ids("trainer").length
      ? db
          .select({ id: trainers.id, label: trainers.name, detail: organisations.name })
          .from(trainers)
          .leftJoin(organisations, eq(organisations.id, trainers.organisationId))
          .where(inArray(trainers.id, ids("trainer")))
      : none,
    ids("session").length
      ? db
          .select({ id: trainingSessions.id, label: trainingSessions.title, detail: sql<string>`${trainingSessions.status} || ', ' || ${trainingSessions.startDate}` })
          .from(trainingSessions)
          .where(inArray(trainingSessions.id, ids("session")))
      : none,
    ids("organisation").length
      ? db.select({ id: organisations.id, label: organisations.name, detail: organisations.acronym }).from(organisations).where(inArray(organisations.id, ids("organisation")))
      : none,
  ]);
  const targets = new Map([...courseRows, ...trainerRows, ...sessionRows, ...orgRows].map((t) => [t.id, t]));
  return rows.map((m) => ({
    id: m.id,
    kind: m.kind,
    targetId: m.targetId,
    note: m.note,
    version: m.version,
    label: targets.get(m.targetId)?.label ?? "(record no longer available)",
    detail: targets.get(m.targetId)?.detail ?? null,
  }));
}

/**
 * Everything that happened to a request, oldest first: status moves (with
 * their notes) from request_status_event, and the other audited changes
 * (edits, links, deletion) from the audit trail.
 */
export async function requestTimeline(db: Executor, requestId: string) {
  const [moves, audits] = await Promise.all([
    db
      .select({ id: requestStatusEvents.id, at: requestStatusEvents.at, from: requestStatusEvents.fromStatus, to: requestStatusEvents.toStatus, note: requestStatusEvents.note, by: users.displayName })
      .from(requestStatusEvents)
      .leftJoin(users, eq(users.id, requestStatusEvents.by))
      .where(eq(requestStatusEvents.requestId, requestId)),
    db
      .select({ id: auditEvents.id, at: auditEvents.at, action: auditEvents.action, changes: auditEvents.changes, by: users.displayName })
      .from(auditEvents)
      .leftJoin(users, eq(users.id, auditEvents.actorId))
      .where(and(eq(auditEvents.recordKind, "request"), eq(auditEvents.recordId, requestId), sql`${auditEvents.action} NOT IN ('create', 'status')`)),
  ]);
  const entries = [
    ...moves.map((m) => ({ id: m.id, at: m.at, by: m.by, kind: "status" as const, from: m.from, to: m.to, note: m.note, action: null, fields: [] as string[] })),
    ...audits.map((a) => ({ id: a.id, at: a.at, by: a.by, kind: "change" as const, from: null, to: null, note: null, action: a.action, fields: Object.keys(a.changes ?? {}) })),
  ];
  return entries.sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id));
}

export type RequestFilters = {
  countries: string[];
  statuses: (typeof REQUEST_STATUSES)[number][];
  /** Topic codes; each matches itself and its subtopics. */
  topics: string[];
  /** Only the actor's own country's requests (focal points). */
  mine: boolean;
};

export type RequestListFilters = RequestFilters & { open: boolean };

export async function listRequests(db: Executor, actor: Actor, filters: RequestFilters, paging: Paging) {
  const where: (SQL | undefined)[] = [isNull(r.deletedAt), visibleRequestsCondition(actor)];
  if (filters.countries.length) where.push(inArray(r.countryCode, filters.countries));
  if (filters.statuses.length) where.push(inArray(r.status, filters.statuses));
  if (filters.mine && actor) where.push(actor.countryCode ? or(eq(r.countryCode, actor.countryCode), eq(r.createdBy, actor.id)) : eq(r.createdBy, actor.id));
  if (filters.topics.length) {
    const family = or(...filters.topics.map((code) => sql`(topic_code = ${code} OR (topic_code >= ${code + "."} AND topic_code < ${code + "/"}))`));
    where.push(sql`${r.id} IN (SELECT request_id FROM request_topic WHERE ${family})`);
  }
  const condition = and(...where);
  const [items, [{ total }]] = await Promise.all([
    db
      .select({
        id: r.id,
        title: r.title,
        countryCode: r.countryCode,
        countryName: countries.nameEn,
        status: r.status,
        urgency: r.urgency,
        isPublic: r.isPublic,
        wantedFrom: r.wantedFrom,
        wantedTo: r.wantedTo,
        createdAt: r.createdAt,
        topics: sql<string | null>`(SELECT group_concat(t.label, '; ') FROM (SELECT t.label FROM request_topic rt JOIN topic t ON t.code = rt.topic_code WHERE rt.request_id = ${r.id} ORDER BY rt.topic_code) t)`,
        topicCodes: sql<string | null>`(SELECT group_concat(c.topic_code, ';') FROM (SELECT topic_code FROM request_topic WHERE request_id = ${r.id} ORDER BY topic_code) c)`,
      })
      .from(r)
      .innerJoin(countries, eq(countries.code, r.countryCode))
      .where(condition)
      .orderBy(desc(r.createdAt), desc(r.id))
      .limit(paging.pageSize)
      .offset(offsetOf(paging)),
    db.select({ total: count() }).from(r).where(condition),
  ]);
  return { items, total, ...paging };
}
