// Headline figures for the home page. A merged duplicate is soft-deleted, so
// "deleted_at IS NULL" also keeps every real delivery counted once.
import { and, asc, desc, eq, gte, inArray, isNull, lt, sql } from "drizzle-orm";
import { type Executor } from "#db/client.server";
import { countries, courses, organisations, sessionCountries, trainers, trainingSessions } from "#db/schema";

export async function getHeadlineFigures(db: Executor) {
  const [delivered] = await db
    .select({ sessions: sql<number>`count(*)`, participants: sql<number>`coalesce(sum(${trainingSessions.participants}), 0)` })
    .from(trainingSessions)
    .where(and(isNull(trainingSessions.deletedAt), eq(trainingSessions.status, "completed")));
  const [reached] = await db
    .select({ n: sql<number>`count(distinct ${sessionCountries.countryCode})` })
    .from(sessionCountries)
    .innerJoin(trainingSessions, eq(trainingSessions.id, sessionCountries.sessionId))
    .where(and(isNull(trainingSessions.deletedAt), eq(trainingSessions.status, "completed")));
  const [courseCount] = await db
    .select({ n: sql<number>`count(*)` })
    .from(courses)
    .where(and(isNull(courses.deletedAt), eq(courses.status, "active")));
  const [trainerCount] = await db.select({ n: sql<number>`count(*)` }).from(trainers).where(isNull(trainers.deletedAt));
  return {
    sessionsDelivered: delivered.sessions,
    participantsTrained: delivered.participants,
    countriesReached: reached.n,
    activeCourses: courseCount.n,
    trainers: trainerCount.n,
  };
}

const sessionSummary = {
  id: trainingSessions.id,
  title: trainingSessions.title,
  startDate: trainingSessions.startDate,
  endDate: trainingSessions.endDate,
  status: trainingSessions.status,
  city: trainingSessions.city,
  hostCountry: trainingSessions.hostCountry,
  hostCountryName: countries.nameEn,
  providerName: organisations.name,
};

export async function listRecentAndUpcoming(db: Executor, today: string, limit = 6) {
  const summaries = () =>
    db
      .select(sessionSummary)
      .from(trainingSessions)
      .innerJoin(countries, eq(countries.code, trainingSessions.hostCountry))
      .innerJoin(organisations, eq(organisations.id, trainingSessions.providerId));
  const recent = await summaries()
    .where(and(isNull(trainingSessions.deletedAt), eq(trainingSessions.status, "completed"), lt(trainingSessions.endDate, today)))
    .orderBy(desc(trainingSessions.endDate))
    .limit(limit);
  const upcoming = await summaries()
    .where(
      and(
        isNull(trainingSessions.deletedAt),
        inArray(trainingSessions.status, ["planned", "confirmed"]),
        gte(trainingSessions.startDate, today),
      ),
    )
    .orderBy(asc(trainingSessions.startDate))
    .limit(limit);
  return { recent, upcoming };
}
