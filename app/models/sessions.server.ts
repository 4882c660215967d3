// Training sessions (one delivery each): read one with everything hanging off
// it, and every write (create, edit, cancel, delete/restore). Each write checks
// the actor here, runs in one transaction and leaves an audit event that
// includes the join-table lists. Listing and filtering: session-list.server.ts.
import { and, asc, eq, inArray, isNull, ne } from "drizzle-orm";
import { type Executor } from "#db/client.server";
import {
  audiences,
  countries,
  courses,
  externalAliases,
  offenceFocuses,
  organisations,
  sessionAudiences,
  sessionCountries,
  sessionFunders,
  sessionOffences,
  sessionTopics,
  sessionTrainers,
  topics,
  trainers,
  trainingSessions,
  type FieldChanges,
  type MODES,
} from "#db/schema";
import { beneficiaryCountries, sessionRuleErrors } from "~/domain/session-rules";
import { type SessionStatus } from "~/domain/session-status";
import {
  canSeeRestrictedSessionDetail,
  canWriteForOrganisation,
  forbidden,
  isCoordinator,
  requireCoordinator,
  type Actor,
} from "~/utils/permissions.server";
import { alias } from "drizzle-orm/sqlite-core";
import { createRecord, notFound, replaceLinks, restoreRecord, softDeleteRecord, updateRecord } from "./records.server";

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
      return updateRecord<TrainingSession>(tx, trainingSessions, "session", {
        id: current.id,
        expectedVersion: args.expectedVersion,
        values: columns,
        actorId: actor.id,
        extraChanges: links,
      });
    }),
  );
}

/** Status → cancelled; the dates and everything else stay as reported. */
export async function cancelSession(db: Executor, args: { id: string; expectedVersion: number; actor: Actor }) {
  return db.transaction(async (tx) => {
    const current = await currentSession(tx, args.id);
    if (!args.actor || !canEditSession(args.actor, current)) forbidden(OWN_ORGANISATION_ONLY);
    return updateRecord<TrainingSession>(tx, trainingSessions, "session", {
      id: current.id,
      expectedVersion: args.expectedVersion,
      values: { status: "cancelled" },
      actorId: args.actor.id,
      action: "cancel",
    });
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

// ---------------------------------------------------------------- reading

const provider = alias(organisations, "provider");
const reporter = alias(organisations, "reporter");

/**
 * One session with labels for everything it links to. Notes, outcomes and
 * the split by sex are in `restricted`, filled only for those who may see
 * them. Trainers come without contact details. A deleted session exists only
 * for coordinators; for everyone else the result is null.
 */
export async function getSession(db: Executor, actor: Actor, id: string) {
  const [row] = await db
    .select({
      session: trainingSessions,
      providerName: provider.name,
      providerAcronym: provider.acronym,
      reporterName: reporter.name,
      reporterAcronym: reporter.acronym,
      hostCountryName: countries.nameEn,
      courseTitle: courses.title,
    })
    .from(trainingSessions)
    .innerJoin(provider, eq(provider.id, trainingSessions.providerId))
    .innerJoin(reporter, eq(reporter.id, trainingSessions.reportingOrgId))
    .innerJoin(countries, eq(countries.code, trainingSessions.hostCountry))
    .leftJoin(courses, eq(courses.id, trainingSessions.courseId))
    .where(eq(trainingSessions.id, id));
  if (!row || (row.session.deletedAt && !isCoordinator(actor))) return null;
  const lists = await linkedLists(db, id);
  const { notes, outcomes, participantsFemale, participantsMale, importHash: _h, createdBy: _c, ...open } = row.session;
  const countryCodes = lists.countries.map((c) => c.code);
  const mayRestricted = canSeeRestrictedSessionDetail(actor, { ...open, countryCodes });
  return {
    ...open,
    provider: { id: open.providerId, name: row.providerName, acronym: row.providerAcronym },
    reporter: { id: open.reportingOrgId, name: row.reporterName, acronym: row.reporterAcronym },
    hostCountryName: row.hostCountryName,
    course: open.courseId ? { id: open.courseId, title: row.courseTitle } : null,
    ...lists,
    restricted: mayRestricted ? { notes, outcomes, participantsFemale, participantsMale } : null,
  };
}

export type SessionDetail = NonNullable<Awaited<ReturnType<typeof getSession>>>;

async function linkedLists(db: Executor, id: string) {
  const [topicRows, audienceRows, offenceRows, countryRows, funderRows, trainerRows] = await Promise.all([
    db
      .select({ code: topics.code, label: topics.label })
      .from(sessionTopics)
      .innerJoin(topics, eq(topics.code, sessionTopics.topicCode))
      .where(eq(sessionTopics.sessionId, id))
      .orderBy(asc(topics.sortOrder), asc(topics.code)),
    db
      .select({ code: audiences.code, label: audiences.label })
      .from(sessionAudiences)
      .innerJoin(audiences, eq(audiences.code, sessionAudiences.audienceCode))
      .where(eq(sessionAudiences.sessionId, id))
      .orderBy(asc(audiences.sortOrder)),
    db
      .select({ code: offenceFocuses.code, label: offenceFocuses.label })
      .from(sessionOffences)
      .innerJoin(offenceFocuses, eq(offenceFocuses.code, sessionOffences.offenceCode))
      .where(eq(sessionOffences.sessionId, id))
      .orderBy(asc(offenceFocuses.sortOrder)),
    db
      .select({ code: countries.code, name: countries.nameEn })
      .from(sessionCountries)
      .innerJoin(countries, eq(countries.code, sessionCountries.countryCode))
      .where(eq(sessionCountries.sessionId, id))
      .orderBy(asc(countries.nameEn)),
    db
      .select({ id: organisations.id, name: organisations.name, acronym: organisations.acronym })
      .from(sessionFunders)
      .innerJoin(organisations, eq(organisations.id, sessionFunders.organisationId))
      .where(eq(sessionFunders.sessionId, id))
      .orderBy(asc(organisations.name)),
    // Names only: personal contact data never appears on sessions.
    db
      .select({ id: trainers.id, name: trainers.name, deletedAt: trainers.deletedAt })
      .from(sessionTrainers)
      .innerJoin(trainers, eq(trainers.id, sessionTrainers.trainerId))
      .where(eq(sessionTrainers.sessionId, id))
      .orderBy(asc(trainers.name)),
  ]);
  return {
    topics: topicRows,
    audiences: audienceRows,
    offences: offenceRows,
    countries: countryRows,
    funders: funderRows,
    trainers: trainerRows.map((t) => ({ id: t.id, name: t.name, live: !t.deletedAt })),
  };
}

/**
 * Ids and codes a form sent that the database does not know (only a tampered
 * or outdated form gets here), as field errors; null when all are known.
 */
export async function findUnknownSessionReferences(db: Executor, input: SessionInput) {
  const orgIds = [...new Set([input.providerId, input.reportingOrgId, ...input.funders])];
  const countryCodes = [...new Set([input.hostCountry, ...input.countries])];
  const [orgRows, countryRows, topicRows, audienceRows, offenceRows, trainerRows, courseRows] = await Promise.all([
    db.select({ id: organisations.id }).from(organisations).where(and(inArray(organisations.id, orgIds), isNull(organisations.deletedAt))),
    db.select({ id: countries.code }).from(countries).where(inArray(countries.code, countryCodes)),
    input.topics.length ? db.select({ id: topics.code }).from(topics).where(and(inArray(topics.code, input.topics), isNull(topics.deletedAt))) : [],
    input.audiences.length ? db.select({ id: audiences.code }).from(audiences).where(inArray(audiences.code, input.audiences)) : [],
    input.offences.length ? db.select({ id: offenceFocuses.code }).from(offenceFocuses).where(inArray(offenceFocuses.code, input.offences)) : [],
    input.trainers.length ? db.select({ id: trainers.id }).from(trainers).where(and(inArray(trainers.id, input.trainers), isNull(trainers.deletedAt))) : [],
    input.courseId ? db.select({ id: courses.id }).from(courses).where(and(eq(courses.id, input.courseId), isNull(courses.deletedAt))) : [],
  ]);
  const known = (rows: { id: string }[]) => new Set(rows.map((r) => r.id));
  const missing = (sent: string[], rows: { id: string }[]) => sent.some((v) => !known(rows).has(v));
  const errors: Record<string, string[]> = {};
  if (missing([input.providerId], orgRows)) errors.providerId = ["Choose the provider from the list"];
  if (missing([input.reportingOrgId], orgRows)) errors.reportingOrgId = ["Choose the reporting organisation from the list"];
  if (missing(input.funders, orgRows)) errors.funders = ["Choose funders from the list"];
  if (missing([input.hostCountry], countryRows)) errors.hostCountry = ["Choose the host country from the list"];
  if (missing(input.countries, countryRows)) errors.countries = ["Choose beneficiary countries from the list"];
  if (missing(input.topics, topicRows)) errors.topics = ["Choose topics from the list"];
  if (missing(input.audiences, audienceRows)) errors.audiences = ["Choose audiences from the list"];
  if (missing(input.offences, offenceRows)) errors.offences = ["Choose offence focuses from the list"];
  if (missing(input.trainers, trainerRows)) errors.trainers = ["Choose trainers from the list"];
  if (input.courseId && !courseRows.length) errors.courseId = ["Choose the course from the list"];
  return Object.keys(errors).length ? errors : null;
}
