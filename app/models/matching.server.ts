// Matching requests to courses, trainers and providers: the candidates and
// their facts for the ranking in domain/matching.ts, and the coordinator's
// links (a suggestion accepted, a planned session created for the request).
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import { type Executor } from "#db/client.server";
import { assistanceRequests, courses, organisations, requestMatches, trainers, trainingSessions, type MATCH_KINDS } from "#db/schema";
import { addDays } from "~/domain/coverage";
import { LOOKBACK_DAYS, rankCourses, rankProviders, rankTrainers, type Labels, type Place, type RequestFacts } from "~/domain/matching";
import { relatedTopicCodes } from "~/domain/overlaps";
import { isOpenRequest } from "~/domain/request-status";
import { requireCoordinator, type Actor } from "~/utils/permissions.server";
import { recordAudit } from "./audit.server";
import { notFound, nowIso } from "./records.server";
import { languageLabel } from "./reference.server";
import { moveRequestBySystem } from "./requests.server";
import { createSession, type SessionInput } from "./sessions.server";

export type MatchKind = (typeof MATCH_KINDS)[number];

const list = (values: readonly string[]) =>
  sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  );
const split = (v: string | null) => (v ? v.split(",") : []);

type PlaceRow = { code: string; name: string; sub: string | null; subName: string | null; reg: string | null; regName: string | null };
const toPlace = (p: PlaceRow): Place => ({ countryCode: p.code, countryName: p.name, subregionCode: p.sub, subregionName: p.subName, regionCode: p.reg, regionName: p.regName });

async function placesByCountry(db: Executor): Promise<Map<string, Place>> {
  const rows = await db.all<PlaceRow>(sql`
    SELECT code, name_en AS name, subregion_code AS sub, subregion_name AS subName, region_code AS reg, region_name AS regName FROM country`);
  return new Map(rows.map((r) => [r.code, toPlace(r)]));
}

async function labels(db: Executor): Promise<Labels> {
  const [topicRows, audienceRows] = await Promise.all([
    db.all<{ code: string; label: string }>(sql`SELECT code, label FROM topic`),
    db.all<{ code: string; label: string }>(sql`SELECT code, label FROM audience`),
  ]);
  const topicsByCode = new Map(topicRows.map((t) => [t.code, t.label]));
  const audiencesByCode = new Map(audienceRows.map((a) => [a.code, a.label]));
  return { topic: (c) => topicsByCode.get(c) ?? c, audience: (c) => audiencesByCode.get(c) ?? c, language: (c) => languageLabel(c) };
}

async function requestFacts(db: Executor, requestId: string, places: Map<string, Place>): Promise<RequestFacts> {
  const [row] = await db.all<{ country: string; topics: string | null; audiences: string | null; languages: string | null }>(sql`
    SELECT r.country_code AS country,
      (SELECT group_concat(topic_code) FROM request_topic WHERE request_id = r.id) AS topics,
      (SELECT group_concat(audience_code) FROM request_audience WHERE request_id = r.id) AS audiences,
      (SELECT group_concat(language) FROM request_language WHERE request_id = r.id) AS languages
    FROM assistance_request r WHERE r.id = ${requestId}`);
  if (!row) notFound("Request not found");
  const place = places.get(row.country) ?? toPlace({ code: row.country, name: row.country, sub: null, subName: null, reg: null, regName: null });
  return { place, topics: split(row.topics), audiences: split(row.audiences), languages: split(row.languages) };
}

/** Ranked courses, trainers and providers for a request, each with its reasons. Coordinators only. */
export async function suggestMatches(db: Executor, actor: Actor, requestId: string, today: string) {
  requireCoordinator(actor);
  const [places, names, known] = await Promise.all([placesByCountry(db), labels(db), db.all<{ code: string }>(sql`SELECT code FROM topic`)]);
  const request = await requestFacts(db, requestId, places);
  const related = relatedTopicCodes(request.topics, known.map((k) => k.code));
  if (!related.length) return { courses: [], trainers: [], providers: [] };

  const courseRows = await db.all<{ id: string; title: string; providerId: string; providerName: string; level: string; topics: string | null; audiences: string | null; languages: string | null }>(sql`
    SELECT c.id, c.title, c.provider_id AS providerId, o.name AS providerName, c.level,
      (SELECT group_concat(topic_code) FROM course_topic WHERE course_id = c.id) AS topics,
      (SELECT group_concat(audience_code) FROM course_audience WHERE course_id = c.id) AS audiences,
      (SELECT group_concat(language) FROM course_language WHERE course_id = c.id) AS languages
    FROM course c JOIN organisation o ON o.id = c.provider_id
    WHERE c.deleted_at IS NULL AND c.status = 'active'
      AND c.id IN (SELECT course_id FROM course_topic WHERE topic_code IN (${list(related)}))`);

  const trainerRows = await db.all<{ id: string; name: string; orgName: string | null; consent: number; topics: string | null; languages: string | null; worked: string | null; trained: string | null }>(sql`
    SELECT t.id, t.name, o.name AS orgName, t.contact_consent AS consent,
      (SELECT group_concat(topic_code) FROM trainer_topic WHERE trainer_id = t.id) AS topics,
      (SELECT group_concat(language) FROM trainer_language WHERE trainer_id = t.id) AS languages,
      (SELECT group_concat(country_code) FROM trainer_country WHERE trainer_id = t.id) AS worked,
      (SELECT group_concat(sc.country_code) FROM session_trainer st
         JOIN training_session s ON s.id = st.session_id AND s.deleted_at IS NULL AND s.status = 'completed'
         JOIN session_country sc ON sc.session_id = s.id WHERE st.trainer_id = t.id) AS trained
    FROM trainer t LEFT JOIN organisation o ON o.id = t.organisation_id
    WHERE t.deleted_at IS NULL AND t.id IN (SELECT trainer_id FROM trainer_topic WHERE topic_code IN (${list(related)}))`);

  // Similar training nearby: completed in the look-back period, benefiting a country of the request's region.
  const sessionRows = request.place.regionCode
    ? await db.all<{ providerId: string; providerName: string; country: string; endDate: string; topics: string | null; audiences: string | null }>(sql`
        SELECT s.provider_id AS providerId, o.name AS providerName, sc.country_code AS country, s.end_date AS endDate,
          (SELECT group_concat(topic_code) FROM session_topic WHERE session_id = s.id) AS topics,
          (SELECT group_concat(audience_code) FROM session_audience WHERE session_id = s.id) AS audiences
        FROM training_session s
        JOIN organisation o ON o.id = s.provider_id AND o.deleted_at IS NULL
        JOIN session_country sc ON sc.session_id = s.id
        JOIN country c ON c.code = sc.country_code AND c.region_code = ${request.place.regionCode}
        WHERE s.deleted_at IS NULL AND s.status = 'completed' AND s.end_date >= ${addDays(today, -LOOKBACK_DAYS)} AND s.end_date <= ${today}
          AND s.id IN (SELECT session_id FROM session_topic WHERE topic_code IN (${list(related)}))`)
    : [];

  const placeOf = (code: string) => places.get(code) ?? toPlace({ code, name: code, sub: null, subName: null, reg: null, regName: null });
  const providers = new Map<string, { id: string; name: string; sessions: { place: Place; endDate: string; topics: string[]; audiences: string[] }[] }>();
  for (const s of sessionRows) {
    const p = providers.get(s.providerId) ?? { id: s.providerId, name: s.providerName, sessions: [] };
    p.sessions.push({ place: placeOf(s.country), endDate: s.endDate, topics: split(s.topics), audiences: split(s.audiences) });
    providers.set(s.providerId, p);
  }
  return {
    courses: rankCourses(
      request,
      courseRows.map((c) => ({ ...c, level: c.level as never, topics: split(c.topics), audiences: split(c.audiences), languages: split(c.languages) })),
      names,
    ),
    trainers: rankTrainers(
      request,
      trainerRows.map((t) => ({
        id: t.id,
        name: t.name,
        organisationName: t.orgName,
        contactConsent: !!t.consent,
        topics: split(t.topics),
        languages: split(t.languages),
        workedIn: split(t.worked).map(placeOf),
        trainedIn: split(t.trained).map(placeOf),
      })),
      names,
    ),
    providers: rankProviders(request, [...providers.values()], names, today),
  };
}

export type MatchSuggestions = Awaited<ReturnType<typeof suggestMatches>>;

/** The live record a match points at, by kind, with a name for the audit and the timeline. */
async function matchTarget(db: Executor, kind: MatchKind, id: string): Promise<{ label: string; providerId?: string } | null> {
  if (kind === "course") {
    const [c] = await db.select({ label: courses.title, providerId: courses.providerId }).from(courses).where(and(eq(courses.id, id), isNull(courses.deletedAt)));
    return c ?? null;
  }
  if (kind === "trainer") {
    const [t] = await db.select({ label: trainers.name }).from(trainers).where(and(eq(trainers.id, id), isNull(trainers.deletedAt)));
    return t ?? null;
  }
  if (kind === "session") {
    const [s] = await db.select({ label: trainingSessions.title }).from(trainingSessions).where(and(eq(trainingSessions.id, id), isNull(trainingSessions.deletedAt)));
    return s ?? null;
  }
  const [o] = await db.select({ label: organisations.name }).from(organisations).where(and(eq(organisations.id, id), isNull(organisations.deletedAt)));
  return o ?? null;
}

async function openRequest(db: Executor, requestId: string) {
  const [request] = await db.select().from(assistanceRequests).where(and(eq(assistanceRequests.id, requestId), isNull(assistanceRequests.deletedAt)));
  if (!request) notFound("Request not found");
  if (!isOpenRequest(request.status)) throw new Response("This request is closed; reopen it before linking anything to it.", { status: 409 });
  return request;
}

/** Links a record to the request (once); linking the first suggestion moves a new request to "matched". */
async function writeLink(tx: Executor, args: { requestId: string; kind: MatchKind; targetId: string; note: string | null; actorId: string }) {
  const request = await openRequest(tx, args.requestId);
  const target = await matchTarget(tx, args.kind, args.targetId);
  if (!target) notFound(`No ${args.kind} with id ${args.targetId}`);
  const [existing] = await tx
    .select()
    .from(requestMatches)
    .where(and(eq(requestMatches.requestId, request.id), eq(requestMatches.kind, args.kind), eq(requestMatches.targetId, args.targetId), isNull(requestMatches.deletedAt)));
  if (existing) return { request, match: existing, label: target.label };
  const [match] = await tx
    .insert(requestMatches)
    .values({ requestId: request.id, kind: args.kind, targetId: args.targetId, note: args.note, createdBy: args.actorId })
    .returning();
  await recordAudit(tx, { actorId: args.actorId, action: "link", recordKind: "request", recordId: request.id, changes: { [args.kind]: { before: null, after: target.label } } });
  if (args.kind !== "session" && (request.status === "submitted" || request.status === "under_review")) {
    await moveRequestBySystem(tx, { requestId: request.id, to: "matched", note: `${kindLabel(args.kind)} linked: ${target.label}`, actorId: args.actorId });
  }
  return { request, match, label: target.label };
}

export function kindLabel(kind: MatchKind) {
  return { course: "Course", trainer: "Trainer", session: "Session", organisation: "Provider" }[kind];
}

export async function linkMatch(db: Executor, args: { actor: Actor; requestId: string; kind: MatchKind; targetId: string; note?: string | null }) {
  requireCoordinator(args.actor);
  const actorId = args.actor.id;
  return db.transaction((tx) => writeLink(tx, { ...args, note: args.note ?? null, actorId }));
}

export async function unlinkMatch(db: Executor, args: { actor: Actor; requestId: string; matchId: string }) {
  requireCoordinator(args.actor);
  const actorId = args.actor.id;
  return db.transaction(async (tx) => {
    const [match] = await tx
      .select()
      .from(requestMatches)
      .where(and(eq(requestMatches.id, args.matchId), eq(requestMatches.requestId, args.requestId), isNull(requestMatches.deletedAt)));
    if (!match) notFound("That link does not exist");
    await tx.update(requestMatches).set({ deletedAt: nowIso(), updatedAt: nowIso(), version: match.version + 1 }).where(eq(requestMatches.id, match.id));
    const target = await matchTarget(tx, match.kind, match.targetId);
    await recordAudit(tx, { actorId, action: "unlink", recordKind: "request", recordId: args.requestId, changes: { [match.kind]: { before: target?.label ?? match.targetId, after: null } } });
  });
}

/**
 * A session registered for the request, in one transaction: the session
 * (through the sessions model, so its checks and audit apply), the link, and
 * the request's move to scheduled (delivered if the session is already completed).
 */
export async function createSessionForRequest(db: Executor, actor: Actor, requestId: string, input: SessionInput) {
  requireCoordinator(actor);
  const actorId = actor.id;
  return db.transaction(async (tx) => {
    await openRequest(tx, requestId);
    const session = await createSession(tx, actor, input);
    await writeLink(tx, { requestId, kind: "session", targetId: session.id, note: null, actorId });
    if (session.status === "completed") {
      await moveRequestBySystem(tx, { requestId, to: "delivered", note: `Session delivered: ${session.title}`, actorId });
    } else if (session.status !== "cancelled") {
      await moveRequestBySystem(tx, { requestId, to: "scheduled", note: `Session planned: ${session.title} (${session.startDate})`, actorId });
    }
    return session;
  });
}

/** What the session form starts with for a request: its facts and what has been linked to it. */
export async function sessionDefaultsForRequest(db: Executor, actor: Actor, requestId: string) {
  requireCoordinator(actor);
  const request = await openRequest(db, requestId);
  const [facts, matches] = await Promise.all([
    requestFacts(db, requestId, new Map()),
    db.select().from(requestMatches).where(and(eq(requestMatches.requestId, requestId), isNull(requestMatches.deletedAt))),
  ]);
  const linked = (kind: MatchKind) => matches.filter((m) => m.kind === kind).map((m) => m.targetId);
  const courseId = linked("course")[0] ?? "";
  const trainerIds = linked("trainer");
  let providerId = linked("organisation")[0] ?? "";
  if (!providerId && courseId) providerId = (await matchTarget(db, "course", courseId))?.providerId ?? "";
  if (!providerId && trainerIds.length) {
    const [t] = await db.select({ org: trainers.organisationId }).from(trainers).where(inArray(trainers.id, trainerIds)).limit(1);
    providerId = t?.org ?? "";
  }
  return {
    request: { id: request.id, title: request.title },
    defaults: {
      title: request.title,
      courseId,
      providerId,
      reportingOrgId: actor.organisationId ?? providerId,
      hostCountry: request.countryCode,
      startDate: request.wantedFrom ?? "",
      endDate: request.wantedFrom ?? "",
      status: "planned",
      language: facts.languages[0] ?? "",
      participants: request.expectedParticipants == null ? "" : String(request.expectedParticipants),
      topics: facts.topics,
      audiences: facts.audiences,
      trainers: trainerIds,
    },
  };
}
