// Assistance requests (DESIGN §2): who may see and change them, and every
// write (submit, edit, status moves, delete/restore). Each write checks the
// actor here, runs in one transaction, leaves an audit event, records status
// moves in the request's timeline and notifies the submitter and followers.
// Reading for pages: request-queries.server.ts.
import { and, eq, isNull, or, sql, type SQL } from "drizzle-orm";
import { type Executor } from "#db/client.server";
import {
  assistanceRequests,
  countries,
  requestAudiences,
  requestLanguages,
  requestMatches,
  requestStatusEvents,
  requestTopics,
  type URGENCIES,
} from "#db/schema";
import { isOpenRequest } from "~/domain/coverage";
import { REQUEST_STATUS_LABELS, transitionProblem, type RequestStatus, type TransitionRole } from "~/domain/request-status";
import { canWriteForCountry, forbidden, isCoordinator, requireCoordinator, type Actor } from "~/utils/permissions.server";
import { followersOf, notifyUsers } from "./notifications.server";
import { createRecord, notFound, replaceLinks, restoreRecord, softDeleteRecord, updateRecord } from "./records.server";

export type AssistanceRequest = typeof assistanceRequests.$inferSelect;

export type RequestInput = {
  countryCode: string;
  agencyId: string | null;
  agencyName: string | null;
  title: string;
  description: string;
  expectedParticipants: number | null;
  wantedFrom: string | null;
  wantedTo: string | null;
  urgency: (typeof URGENCIES)[number];
  isPublic: boolean;
  topics: string[];
  audiences: string[];
  languages: string[];
};

/** Input a form can show next to its fields (nothing was written). */
export class RequestInputError extends Error {
  constructor(readonly fieldErrors: Record<string, string[]>) {
    super(Object.values(fieldErrors).flat().join(" "));
  }
}

// ---------------------------------------------------------------- permissions

type Visible = Pick<AssistanceRequest, "countryCode" | "isPublic" | "createdBy">;

/**
 * A public request is everyone's to read. One that is not is read by its
 * country's focal points, its submitter, coordinators, and donors (who may
 * fund requests, and read all data that is not restricted).
 */
export function canSeeRequest(actor: Actor, request: Visible): boolean {
  const v = requestVisibility(actor);
  return (
    v.all ||
    request.isPublic ||
    (v.submitter != null && v.submitter === request.createdBy) ||
    (v.country != null && v.country === request.countryCode)
  );
}

/**
 * The rule above as plain data: which requests besides the public ones a
 * person reads. Counts of requests cached for many viewers (coverage) are kept
 * under it, so one viewer's count is never served to another who may see less.
 */
export type RequestVisibility = { all: true } | { all: false; submitter: string | null; country: string | null };

export function requestVisibility(actor: Actor): RequestVisibility {
  if (isCoordinator(actor) || actor?.role === "donor") return { all: true };
  return { all: false, submitter: actor?.id ?? null, country: (actor?.role === "focal_point" && actor.countryCode) || null };
}

/** The same rule as a condition on assistance_request, for lists. */
export function visibleRequestsCondition(actor: Actor): SQL | undefined {
  return requestsVisibleUnder(requestVisibility(actor));
}

/** A condition on assistance_request (unaliased) selecting what `v` may see; undefined when all. */
export function requestsVisibleUnder(v: RequestVisibility): SQL | undefined {
  if (v.all) return undefined;
  const parts = [eq(assistanceRequests.isPublic, true)];
  if (v.submitter) parts.push(eq(assistanceRequests.createdBy, v.submitter));
  if (v.country) parts.push(eq(assistanceRequests.countryCode, v.country));
  return or(...parts);
}

/** The same rule as a condition on a user row aliased `u`: who may be told about the request. */
function readersCondition(request: Visible): SQL {
  if (request.isPublic) return sql`1`;
  return sql`(u.role IN ('coordinator', 'admin', 'donor') OR u.id = ${request.createdBy ?? ""}
    OR (u.role = 'focal_point' AND u.country_code = ${request.countryCode}))`;
}

/** Focal points submit for their own country; coordinators for any. */
export function canSubmitRequest(actor: Actor): boolean {
  return isCoordinator(actor) || (actor?.role === "focal_point" && !!actor.countryCode);
}

/** The details may change while the request is open, by its country's focal points or coordinators. */
export function canEditRequest(actor: Actor, request: Pick<AssistanceRequest, "countryCode" | "status" | "deletedAt">): boolean {
  return !request.deletedAt && isOpenRequest(request.status) && canWriteForCountry(actor, request.countryCode);
}

/** How the actor may move the request's status: as coordinator, as the requesting country, or not at all. */
export function transitionRoleOf(actor: Actor, request: Pick<AssistanceRequest, "countryCode">): TransitionRole | null {
  if (isCoordinator(actor)) return "coordinator";
  if (canWriteForCountry(actor, request.countryCode)) return "requester";
  return null;
}

const OWN_COUNTRY_ONLY = "Focal points may submit and change requests only for their own country.";

// ---------------------------------------------------------------- writing

type Lists = Pick<RequestInput, "topics" | "audiences" | "languages">;

async function writeLinks(db: Executor, requestId: string, lists: Lists) {
  return {
    topics: await replaceLinks(db, requestTopics, "requestId", "topicCode", requestId, lists.topics),
    audiences: await replaceLinks(db, requestAudiences, "requestId", "audienceCode", requestId, lists.audiences),
    languages: await replaceLinks(db, requestLanguages, "requestId", "language", requestId, lists.languages),
  };
}

function prepare(input: RequestInput) {
  const errors: Record<string, string[]> = {};
  if (!input.topics.length) errors.topics = ["Choose at least one topic"];
  if (input.wantedFrom && input.wantedTo && input.wantedTo < input.wantedFrom) errors.wantedTo = ["The end of the timeframe cannot be before its start"];
  if (Object.keys(errors).length) throw new RequestInputError(errors);
  const { topics, audiences, languages, ...columns } = input;
  return { columns: { ...columns, title: columns.title.trim(), agencyName: columns.agencyName?.trim() || null }, lists: { topics, audiences, languages } };
}

async function countryName(db: Executor, code: string) {
  const [row] = await db.select({ name: countries.nameEn }).from(countries).where(eq(countries.code, code));
  return row?.name ?? code;
}

export async function createRequest(db: Executor, actor: Actor, input: RequestInput): Promise<AssistanceRequest> {
  if (!actor || !canSubmitRequest(actor) || !canWriteForCountry(actor, input.countryCode)) forbidden(OWN_COUNTRY_ONLY);
  const { columns, lists } = prepare(input);
  return db.transaction(async (tx) => {
    const extra = Object.fromEntries(Object.entries(lists).map(([k, v]) => [k, { before: [], after: [...new Set(v)].sort() }]));
    const request = await createRecord<AssistanceRequest>(tx, assistanceRequests, "request", { ...columns, status: "submitted" }, actor.id, extra);
    await writeLinks(tx, request.id, lists);
    await tx.insert(requestStatusEvents).values({ requestId: request.id, fromStatus: null, toStatus: "submitted", by: actor.id });
    const followers = await followersOf(tx, { countries: [request.countryCode], topics: lists.topics, excludeUserId: actor.id, readers: readersCondition(request) });
    await notifyUsers(tx, followers, `New assistance request from ${await countryName(tx, request.countryCode)}: ${request.title}`, `/requests/${request.id}`);
    return request;
  });
}

async function currentRequest(db: Executor, id: string) {
  const [row] = await db.select().from(assistanceRequests).where(eq(assistanceRequests.id, id));
  if (!row || row.deletedAt) notFound("Request not found");
  return row;
}

/** Save an edit made on a form opened at `expectedVersion` (StaleVersionError otherwise). The country stays. */
export async function updateRequest(db: Executor, args: { id: string; expectedVersion: number; actor: Actor; input: RequestInput }) {
  const { actor } = args;
  return db.transaction(async (tx) => {
    const current = await currentRequest(tx, args.id);
    if (!actor || !canEditRequest(actor, current)) forbidden("Only the country's focal points and coordinators may change an open request.");
    const { columns, lists } = prepare({ ...args.input, countryCode: current.countryCode });
    const links = Object.fromEntries(Object.entries(await writeLinks(tx, current.id, lists)).filter(([, c]) => c.before.join() !== c.after.join()));
    return updateRecord<AssistanceRequest>(tx, assistanceRequests, "request", {
      id: current.id,
      expectedVersion: args.expectedVersion,
      values: columns,
      actorId: actor.id,
      extraChanges: links,
    });
  });
}

/** Writes a status move that has been allowed: the row, its timeline entry, the audit and the notifications. */
async function writeStatusMove(
  tx: Executor,
  current: AssistanceRequest,
  args: { to: RequestStatus; note: string | null; actorId: string | null; expectedVersion: number },
) {
  const saved = await updateRecord<AssistanceRequest>(tx, assistanceRequests, "request", {
    id: current.id,
    expectedVersion: args.expectedVersion,
    values: { status: args.to, statusReason: args.to === "declined" || args.to === "withdrawn" ? args.note : null },
    actorId: args.actorId,
    action: "status",
  });
  await tx.insert(requestStatusEvents).values({ requestId: current.id, fromStatus: current.status, toStatus: args.to, note: args.note, by: args.actorId });
  const topics = (await tx.select({ code: requestTopics.topicCode }).from(requestTopics).where(eq(requestTopics.requestId, current.id))).map((t) => t.code);
  const followers = await followersOf(tx, { countries: [current.countryCode], topics, excludeUserId: args.actorId, readers: readersCondition(current) });
  const submitter = current.createdBy && current.createdBy !== args.actorId ? [current.createdBy] : [];
  const change = `${REQUEST_STATUS_LABELS[current.status]} → ${REQUEST_STATUS_LABELS[args.to]}`;
  const message = `Request “${current.title}” (${await countryName(tx, current.countryCode)}): ${change}${args.note ? `. ${args.note}` : ""}`;
  await notifyUsers(tx, [...submitter, ...followers], message, `/requests/${current.id}`);
  return saved;
}

/** A person moves the request (triage by a coordinator, or withdrawal by the requesting country). */
export async function changeRequestStatus(
  db: Executor,
  args: { id: string; expectedVersion: number; actor: Actor; to: RequestStatus; note: string | null },
) {
  return db.transaction(async (tx) => {
    const current = await currentRequest(tx, args.id);
    const role = transitionRoleOf(args.actor, current);
    if (!args.actor || !role) forbidden("Only coordinators and the requesting country's focal points may change a request's status.");
    const note = args.note?.trim() || null;
    const problem = transitionProblem(current.status, args.to, role, note);
    if (problem) throw new RequestInputError({ to: [problem] });
    return writeStatusMove(tx, current, { to: args.to, note, actorId: args.actor.id, expectedVersion: args.expectedVersion });
  });
}

/**
 * A move that follows from something else (a suggestion linked, a session
 * created, completed or cancelled). Made only when the rules allow it; the
 * caller's transaction and the person whose action caused it are kept.
 */
export async function moveRequestBySystem(tx: Executor, args: { requestId: string; to: RequestStatus; note: string; actorId: string | null }) {
  const current = await currentRequest(tx, args.requestId);
  if (transitionProblem(current.status, args.to, "system", args.note)) return null;
  return writeStatusMove(tx, current, { to: args.to, note: args.note, actorId: args.actorId, expectedVersion: current.version });
}

/** Open requests linked to a session (through a live "session" match). */
export async function requestsLinkedToSession(db: Executor, sessionId: string) {
  return db
    .select({ id: assistanceRequests.id, status: assistanceRequests.status })
    .from(requestMatches)
    .innerJoin(assistanceRequests, eq(assistanceRequests.id, requestMatches.requestId))
    .where(
      and(
        eq(requestMatches.kind, "session"),
        eq(requestMatches.targetId, sessionId),
        isNull(requestMatches.deletedAt),
        isNull(assistanceRequests.deletedAt),
      ),
    );
}

export async function deleteRequest(db: Executor, args: { id: string; expectedVersion: number; actor: Actor }) {
  requireCoordinator(args.actor);
  const actorId = args.actor.id;
  return db.transaction((tx) => softDeleteRecord(tx, assistanceRequests, "request", { id: args.id, expectedVersion: args.expectedVersion, actorId }));
}

export async function restoreRequest(db: Executor, args: { id: string; expectedVersion: number; actor: Actor }) {
  requireCoordinator(args.actor);
  const actorId = args.actor.id;
  return db.transaction((tx) => restoreRecord(tx, assistanceRequests, "request", { id: args.id, expectedVersion: args.expectedVersion, actorId }));
}
