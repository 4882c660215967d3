// Training sessions (one delivery each): every write (create, edit, cancel,
// delete/restore). Each write checks the actor here, runs in one transaction
// and leaves an audit event that includes the join-table lists. Reading one:
// session-detail.server.ts; listing and filtering: session-list.server.ts.
import { and, eq, isNull, ne } from "drizzle-orm";
import { type Executor } from "#db/client.server";
import {
  courses,
  externalAliases,
  sessionAudiences,
  sessionCountries,
  sessionFunders,
  sessionOffences,
  sessionTopics,
  sessionTrainers,
  trainingSessions,
  type FieldChanges,
  type MODES,
} from "#db/schema";
import { beneficiaryCountries, sessionRuleErrors } from "~/domain/session-rules";
import { type SessionStatus } from "~/domain/session-status";
import { canWriteForOrganisation, forbidden, isCoordinator, requireCoordinator, type Actor } from "~/utils/permissions.server";
import { createRecord, notFound, replaceLinks, restoreRecord, softDeleteRecord, updateRecord } from "./records.server";
// Followers' inboxes and linked assistance requests move with the session (requests area).
import { afterSessionWrite } from "./session-followups.server";

export type TrainingSession = typeof trainingSessions.$inferSelect;

export type SessionInput = {
  courseId: string | null;
  /** Null or empty: the course's title (a one-off workshop without a course must have its own). */
  title: string | null;
  providerId: string;
  reportingOrgId: string;
  externalId: string | null;
  hostCountry: string;
  city: string | null;
  /** Beneficiary countries; none means the host country. */
  countries: string[];
  startDate: string;
  endDate: string;
  status: SessionStatus;
  topics: string[];
  audiences: string[];
  offences: string[];
  funders: string[];
  trainers: string[];
  language: string | null;
  mode: (typeof MODES)[number] | null;
  participants: number | null;
  participantsFemale: number | null;
  participantsMale: number | null;
  outcomes: string | null;
  notes: string | null;
};

/** Input a form can show next to its fields (nothing was written). */
export class SessionInputError extends Error {
  constructor(readonly fieldErrors: Record<string, string[]>) {
    super(Object.values(fieldErrors).flat().join(" "));
  }
}

// ---------------------------------------------------------------- permissions

/** Trainers report sessions for their own organisation; coordinators for any. */
export function canCreateSession(actor: Actor): boolean {
  return isCoordinator(actor) || (actor?.role === "trainer" && !!actor.organisationId);
}

/** A session is a trainer's to change when their organisation provided it or reported it. */
export function canEditSession(actor: Actor, session: { providerId: string; reportingOrgId: string }): boolean {
  return canWriteForOrganisation(actor, session.providerId) || canWriteForOrganisation(actor, session.reportingOrgId);
}

const OWN_ORGANISATION_ONLY = "You may add and change only sessions your organisation provides or reports.";

// ---------------------------------------------------------------- writing

type Lists = Pick<SessionInput, "countries" | "topics" | "audiences" | "offences" | "funders" | "trainers">;

async function writeLinks(db: Executor, sessionId: string, lists: Lists): Promise<FieldChanges> {
  return {
    countries: await replaceLinks(db, sessionCountries, "sessionId", "countryCode", sessionId, lists.countries),
    topics: await replaceLinks(db, sessionTopics, "sessionId", "topicCode", sessionId, lists.topics),
    audiences: await replaceLinks(db, sessionAudiences, "sessionId", "audienceCode", sessionId, lists.audiences),
    offences: await replaceLinks(db, sessionOffences, "sessionId", "offenceCode", sessionId, lists.offences),
    funders: await replaceLinks(db, sessionFunders, "sessionId", "organisationId", sessionId, lists.funders),
    trainers: await replaceLinks(db, sessionTrainers, "sessionId", "trainerId", sessionId, lists.trainers),
  };
}

function onlyChanged(changes: FieldChanges): FieldChanges {
  return Object.fromEntries(Object.entries(changes).filter(([, c]) => JSON.stringify(c.before) !== JSON.stringify(c.after)));
}

/**
 * The columns and lists to store: rules checked, the title defaulted to the
 * course's, the beneficiaries defaulted to the host country.
 */
async function prepare(db: Executor, input: SessionInput) {
  const broken = sessionRuleErrors(input);
  if (broken) throw new SessionInputError(Object.fromEntries(Object.entries(broken).map(([k, v]) => [k, [v]])));
  let title = input.title?.trim() || null;
  if (!title && input.courseId) {
    const [course] = await db.select({ title: courses.title }).from(courses).where(eq(courses.id, input.courseId));
    title = course?.title ?? null;
  }
  if (!title) throw new SessionInputError({ title: ["Enter a title, or choose the course this session delivers"] });
  const { countries: chosen, topics: t, audiences: a, offences: o, funders: f, trainers: tr, ...columns } = input;
  const lists: Lists = { countries: beneficiaryCountries(input.hostCountry, chosen), topics: t, audiences: a, offences: o, funders: f, trainers: tr };
  return { columns: { ...columns, title, externalId: input.externalId?.trim() || null }, lists };
}

const EXTERNAL_ID_TAKEN = "Your organisation already reported another session with this id. Use a different id, or edit that session.";

/** (reporting org, external id) names one live session, merged-away ones included (as aliases). */
async function assertExternalIdFree(db: Executor, reportingOrgId: string, externalId: string | null, exceptId?: string) {
  if (!externalId) return;
  const [clash] = await db
    .select({ id: trainingSessions.id })
    .from(trainingSessions)
    .where(
      and(
        eq(trainingSessions.reportingOrgId, reportingOrgId),
        eq(trainingSessions.externalId, externalId),
        isNull(trainingSessions.deletedAt),
        exceptId ? ne(trainingSessions.id, exceptId) : undefined,
      ),
    )
    .limit(1);
  const [aliased] = clash
    ? []
    : await db
        .select({ id: externalAliases.sessionId })
        .from(externalAliases)
        .where(
          and(
            eq(externalAliases.reportingOrgId, reportingOrgId),
            eq(externalAliases.externalId, externalId),
            exceptId ? ne(externalAliases.sessionId, exceptId) : undefined,
          ),
        )
        .limit(1);
  if (clash || aliased) throw new SessionInputError({ externalId: [EXTERNAL_ID_TAKEN] });
}

/** Two saves racing past the check still meet the unique index: same friendly message. */
async function translatingUniqueClash<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (String((error as Error)?.message ?? "").includes("UNIQUE constraint failed: training_session.reporting_org_id")) {
      throw new SessionInputError({ externalId: [EXTERNAL_ID_TAKEN] });
    }
    throw error;
  }
}

/** A trainer reports for their own organisation; the provider may be another (e.g. a funder reporting). */
export async function createSession(db: Executor, actor: Actor, input: SessionInput): Promise<TrainingSession> {
  if (!actor || !canCreateSession(actor)) forbidden(OWN_ORGANISATION_ONLY);
  if (!isCoordinator(actor) && input.reportingOrgId !== actor.organisationId) forbidden(OWN_ORGANISATION_ONLY);
  return translatingUniqueClash(() =>
    db.transaction(async (tx) => {
      const { columns, lists } = await prepare(tx, input);
      await assertExternalIdFree(tx, columns.reportingOrgId, columns.externalId);
      // The id comes from the insert and the links need it: audit them as "from nothing".
      const extra = Object.fromEntries(Object.entries(lists).map(([k, v]) => [k, { before: [], after: [...new Set(v)].sort() }]));
      const session = await createRecord<TrainingSession>(tx, trainingSessions, "session", columns, actor.id, extra);
      await writeLinks(tx, session.id, lists);
      await afterSessionWrite(tx, { sessionId: session.id, from: null, to: session.status, actorId: actor.id });
      return session;
    }),
  );
}

async function currentSession(db: Executor, id: string) {
  const [row] = await db.select().from(trainingSessions).where(eq(trainingSessions.id, id));
  if (!row || row.deletedAt) notFound("Session not found");
  return row;
}

/**
 * Save an edit made on a form opened at `expectedVersion`. A trainer keeps the
 * reporting organisation as it is and cannot hand the session to
 * organisations other than their own. Stale → StaleVersionError, nothing written.
 */
export async function updateSession(
  db: Executor,
  args: { id: string; expectedVersion: number; actor: Actor; input: SessionInput },
): Promise<TrainingSession> {
  const { actor, input } = args;
  return translatingUniqueClash(() =>
    db.transaction(async (tx) => {
      const current = await currentSession(tx, args.id);
      if (!actor || !canEditSession(actor, current)) forbidden(OWN_ORGANISATION_ONLY);
      if (!isCoordinator(actor) && (input.reportingOrgId !== current.reportingOrgId || !canEditSession(actor, input))) {
        forbidden(OWN_ORGANISATION_ONLY);
      }
      const { columns, lists } = await prepare(tx, input);
      await assertExternalIdFree(tx, columns.reportingOrgId, columns.externalId, current.id);
      const links = onlyChanged(await writeLinks(tx, current.id, lists));
      const saved = await updateRecord<TrainingSession>(tx, trainingSessions, "session", {
        id: current.id,
        expectedVersion: args.expectedVersion,
        values: columns,
        actorId: actor.id,
        extraChanges: links,
      });
      await afterSessionWrite(tx, { sessionId: saved.id, from: current.status, to: saved.status, actorId: actor.id });
      return saved;
    }),
  );
}

/** Status → cancelled; the dates and everything else stay as reported. */
export async function cancelSession(db: Executor, args: { id: string; expectedVersion: number; actor: Actor }) {
  return db.transaction(async (tx) => {
    const current = await currentSession(tx, args.id);
    if (!args.actor || !canEditSession(args.actor, current)) forbidden(OWN_ORGANISATION_ONLY);
    const saved = await updateRecord<TrainingSession>(tx, trainingSessions, "session", {
      id: current.id,
      expectedVersion: args.expectedVersion,
      values: { status: "cancelled" },
      actorId: args.actor.id,
      action: "cancel",
    });
    await afterSessionWrite(tx, { sessionId: saved.id, from: current.status, to: saved.status, actorId: args.actor.id });
    return saved;
  });
}

export async function deleteSession(db: Executor, args: { id: string; expectedVersion: number; actor: Actor }) {
  requireCoordinator(args.actor);
  const actorId = args.actor.id;
  return db.transaction((tx) => softDeleteRecord(tx, trainingSessions, "session", { id: args.id, expectedVersion: args.expectedVersion, actorId }));
}

/** Restoring must not create a second live row with the same (reporter, external id). */
export async function restoreSession(db: Executor, args: { id: string; expectedVersion: number; actor: Actor }) {
  requireCoordinator(args.actor);
  const actorId = args.actor.id;
  return translatingUniqueClash(() =>
    db.transaction(async (tx) => {
      const [row] = await tx.select().from(trainingSessions).where(eq(trainingSessions.id, args.id));
      if (!row) notFound("Session not found");
      await assertExternalIdFree(tx, row.reportingOrgId, row.externalId, row.id);
      return restoreRecord(tx, trainingSessions, "session", { id: args.id, expectedVersion: args.expectedVersion, actorId });
    }),
  );
}
