// What an organisation did, for its profile: sessions it provided and
// funded, its funding records, the assistance requests it made, and its
// courses, trainers and materials.
import { and, asc, desc, eq, sql, type SQL } from "drizzle-orm";
import { type Executor } from "#db/client.server";
import { assistanceRequests, countries, courses, fundings, materials, sessionFunders, trainers, trainingSessions } from "#db/schema";
import { isCoordinator, type Actor } from "~/utils/permissions.server";
import { live } from "./records.server";

const sessionColumns = {
  id: trainingSessions.id,
  title: trainingSessions.title,
  startDate: trainingSessions.startDate,
  endDate: trainingSessions.endDate,
  status: trainingSessions.status,
  city: trainingSessions.city,
  countryName: countries.nameEn,
};

const statusCounts = {
  delivered: sql<number>`coalesce(sum(${trainingSessions.status} = 'completed'), 0)`,
  planned: sql<number>`coalesce(sum(${trainingSessions.status} IN ('planned', 'confirmed')), 0)`,
  cancelled: sql<number>`coalesce(sum(${trainingSessions.status} = 'cancelled'), 0)`,
};

/** Sessions it delivered as provider: counts by status and the newest `limit`. */
export async function organisationProvided(db: Executor, id: string, limit = 20) {
  const where = and(eq(trainingSessions.providerId, id), live(trainingSessions));
  const [[counts], sessions] = await Promise.all([
    db.select(statusCounts).from(trainingSessions).where(where),
    db
      .select(sessionColumns)
      .from(trainingSessions)
      .innerJoin(countries, eq(countries.code, trainingSessions.hostCountry))
      .where(where)
      .orderBy(desc(trainingSessions.startDate), desc(trainingSessions.id))
      .limit(limit),
  ]);
  return { ...counts, sessions };
}

/**
 * What it funded: sessions naming it as a funder (counts and the newest
 * `limit`), and its funding records. A record for an assistance request is
 * listed only when the actor may see that request.
 */
export async function organisationFunded(db: Executor, actor: Actor, id: string, limit = 20) {
  const where = and(eq(sessionFunders.organisationId, id), live(trainingSessions));
  const [[counts], sessions, records] = await Promise.all([
    db.select(statusCounts).from(sessionFunders).innerJoin(trainingSessions, eq(trainingSessions.id, sessionFunders.sessionId)).where(where),
    db
      .select(sessionColumns)
      .from(sessionFunders)
      .innerJoin(trainingSessions, eq(trainingSessions.id, sessionFunders.sessionId))
      .innerJoin(countries, eq(countries.code, trainingSessions.hostCountry))
      .where(where)
      .orderBy(desc(trainingSessions.startDate), desc(trainingSessions.id))
      .limit(limit),
    db
      .select({
        id: fundings.id,
        amount: fundings.amount,
        currency: fundings.currency,
        status: fundings.status,
        createdAt: fundings.createdAt,
        sessionId: trainingSessions.id,
        sessionTitle: trainingSessions.title,
        requestId: assistanceRequests.id,
        requestTitle: assistanceRequests.title,
      })
      .from(fundings)
      .leftJoin(trainingSessions, and(eq(trainingSessions.id, fundings.sessionId), live(trainingSessions)))
      .leftJoin(
        assistanceRequests,
        and(eq(assistanceRequests.id, fundings.requestId), live(assistanceRequests), requestVisibleTo(actor)),
      )
      .where(and(eq(fundings.donorId, id), live(fundings), sql`(${trainingSessions.id} IS NOT NULL OR ${assistanceRequests.id} IS NOT NULL)`))
      .orderBy(desc(fundings.createdAt), desc(fundings.id))
      .limit(100),
  ]);
  return { ...counts, sessions, records };
}

/** Assistance requests are private unless marked public; coordinators see them all. */
function requestVisibleTo(actor: Actor): SQL | undefined {
  return isCoordinator(actor) ? undefined : eq(assistanceRequests.isPublic, true);
}

/** What it received: assistance requests it made as the requesting agency. */
export async function organisationReceived(db: Executor, actor: Actor, id: string) {
  return db
    .select({
      id: assistanceRequests.id,
      title: assistanceRequests.title,
      status: assistanceRequests.status,
      urgency: assistanceRequests.urgency,
      createdAt: assistanceRequests.createdAt,
      isPublic: assistanceRequests.isPublic,
      countryCode: assistanceRequests.countryCode,
      countryName: countries.nameEn,
    })
    .from(assistanceRequests)
    .innerJoin(countries, eq(countries.code, assistanceRequests.countryCode))
    .where(and(eq(assistanceRequests.agencyId, id), live(assistanceRequests), requestVisibleTo(actor)))
    .orderBy(desc(assistanceRequests.createdAt), desc(assistanceRequests.id))
    .limit(100);
}

/** Its catalogue: courses, trainers and materials (titles and access levels; files are decided on each material's page). */
export async function organisationCatalogue(db: Executor, id: string) {
  const [courseRows, trainerRows, materialRows] = await Promise.all([
    db
      .select({ id: courses.id, title: courses.title, status: courses.status, level: courses.level })
      .from(courses)
      .where(and(eq(courses.providerId, id), live(courses)))
      .orderBy(asc(courses.status), asc(sql`${courses.title} COLLATE NOCASE`)),
    db
      .select({ id: trainers.id, name: trainers.name })
      .from(trainers)
      .where(and(eq(trainers.organisationId, id), live(trainers)))
      .orderBy(asc(sql`${trainers.name} COLLATE NOCASE`)),
    db
      .select({ id: materials.id, title: materials.title, kind: materials.kind, language: materials.language, accessLevel: materials.accessLevel })
      .from(materials)
      .where(and(eq(materials.publisherId, id), live(materials)))
      .orderBy(asc(sql`${materials.title} COLLATE NOCASE`)),
  ]);
  return { courses: courseRows, trainers: trainerRows, materials: materialRows };
}
