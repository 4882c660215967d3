// One training session for its page: public facts for everyone, restricted
// detail only for those allowed to see it, never anyone's contact details.
import { asc, eq } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { type Executor } from "#db/client.server";
import {
  audiences,
  countries,
  courses,
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
} from "#db/schema";
import { canSeeRestrictedSessionDetail, isCoordinator, type Actor } from "~/utils/permissions.server";

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


/** The session a merged-away one lives on as (DESIGN §2: its page leads to the survivor), or null. */
export async function mergedInto(db: Executor, id: string): Promise<string | null> {
  const [row] = await db
    .select({ duplicateOf: trainingSessions.duplicateOf, deletedAt: trainingSessions.deletedAt })
    .from(trainingSessions)
    .where(eq(trainingSessions.id, id));
  return row?.deletedAt && row.duplicateOf ? row.duplicateOf : null;
}
