// Catalogue entries: read one course with what hangs off it, and every write
// (create, edit, retire/reactivate, delete/restore). Each write checks the
// actor here, runs in one transaction and leaves an audit event; the lists in
// join tables are audited with the course.
import { and, asc, count, desc, eq, inArray, isNull } from "drizzle-orm";
import { type Executor } from "#db/client.server";
import {
  audiences,
  countries,
  courseAudiences,
  courseLanguages,
  courseOffences,
  courseTopics,
  courses,
  materials,
  offenceFocuses,
  organisations,
  topics,
  trainingSessions,
  type COURSE_STATUSES,
  type FieldChanges,
  type LEVELS,
  type MODES,
} from "#db/schema";
import { forbidden, isCoordinator, canWriteForOrganisation, requireCoordinator, type Actor } from "~/utils/permissions.server";
import { createRecord, notFound, replaceLinks, restoreRecord, softDeleteRecord, updateRecord } from "./records.server";
import { LANGUAGE_OPTIONS, languageLabel, listAudiences, listOffenceFocuses, listOrganisationOptions, listTopics } from "./reference.server";

export type Course = typeof courses.$inferSelect;

export type CourseInput = {
  title: string;
  summary: string;
  description: string;
  providerId: string;
  level: (typeof LEVELS)[number];
  mode: (typeof MODES)[number];
  durationHours: number | null;
  prerequisites: string | null;
  topics: string[];
  audiences: string[];
  offences: string[];
  languages: string[];
};

/** Trainers add courses for their own organisation; coordinators and admins for any. */
export function canCreateCourse(actor: Actor): boolean {
  return isCoordinator(actor) || (actor?.role === "trainer" && !!actor.organisationId);
}

export function canEditCourse(actor: Actor, course: { providerId: string }): boolean {
  return canWriteForOrganisation(actor, course.providerId);
}

const OWN_ORGANISATION_ONLY = "You may add and change courses only for your own organisation.";

/** The four lists kept in join tables, replaced together; returns their audit entries. */
async function writeLinks(db: Executor, courseId: string, input: CourseInput): Promise<FieldChanges> {
  return {
    topics: await replaceLinks(db, courseTopics, "courseId", "topicCode", courseId, input.topics),
    audiences: await replaceLinks(db, courseAudiences, "courseId", "audienceCode", courseId, input.audiences),
    offences: await replaceLinks(db, courseOffences, "courseId", "offenceCode", courseId, input.offences),
    languages: await replaceLinks(db, courseLanguages, "courseId", "language", courseId, input.languages),
  };
}

function onlyChanged(changes: FieldChanges): FieldChanges {
  return Object.fromEntries(Object.entries(changes).filter(([, c]) => JSON.stringify(c.before) !== JSON.stringify(c.after)));
}

function columnValues(input: CourseInput) {
  const { topics: _t, audiences: _a, offences: _o, languages: _l, ...values } = input;
  return values;
}

export async function createCourse(db: Executor, actor: Actor, input: CourseInput): Promise<Course> {
  if (!actor || !canWriteForOrganisation(actor, input.providerId)) forbidden(OWN_ORGANISATION_ONLY);
  return db.transaction(async (tx) => {
    // The id comes from the insert, the links need it: audit them as "from nothing".
    const lists = { topics: input.topics, audiences: input.audiences, offences: input.offences, languages: input.languages };
    const extra = Object.fromEntries(Object.entries(lists).map(([k, v]) => [k, { before: [], after: [...new Set(v)].sort() }]));
    const course = await createRecord<Course>(tx, courses, "course", { ...columnValues(input), status: "active" }, actor.id, extra);
    await writeLinks(tx, course.id, input);
    return course;
  });
}

async function currentCourse(db: Executor, id: string) {
  const [row] = await db.select().from(courses).where(eq(courses.id, id));
  return row ?? null;
}

/**
 * Save an edit made on a form opened at `expectedVersion`. A trainer may
 * neither edit another organisation's course nor hand their own to another
 * provider. Stale → StaleVersionError and nothing written.
 */
export async function updateCourse(
  db: Executor,
  args: { id: string; expectedVersion: number; actor: Actor; input: CourseInput },
): Promise<Course> {
  const { actor, input } = args;
  return db.transaction(async (tx) => {
    const current = await currentCourse(tx, args.id);
    if (!current || current.deletedAt) notFound("Course not found");
    if (!actor || !canEditCourse(actor, current) || !canWriteForOrganisation(actor, input.providerId)) forbidden(OWN_ORGANISATION_ONLY);
    const links = onlyChanged(await writeLinks(tx, args.id, input));
    return updateRecord<Course>(tx, courses, "course", {
      id: args.id,
      expectedVersion: args.expectedVersion,
      values: columnValues(input),
      actorId: actor.id,
      extraChanges: links,
    });
  });
}

/** Retire a course (it leaves the catalogue, its history stays) or bring it back. */
export async function setCourseStatus(
  db: Executor,
  args: { id: string; expectedVersion: number; actor: Actor; status: (typeof COURSE_STATUSES)[number] },
): Promise<Course> {
  return db.transaction(async (tx) => {
    const current = await currentCourse(tx, args.id);
    if (!current || current.deletedAt) notFound("Course not found");
    if (!args.actor || !canEditCourse(args.actor, current)) forbidden(OWN_ORGANISATION_ONLY);
    return updateRecord<Course>(tx, courses, "course", {
      id: args.id,
      expectedVersion: args.expectedVersion,
      values: { status: args.status },
      actorId: args.actor.id,
      action: args.status === "retired" ? "retire" : "reactivate",
    });
  });
}

export async function deleteCourse(db: Executor, args: { id: string; expectedVersion: number; actor: Actor }) {
  requireCoordinator(args.actor);
  const actorId = args.actor.id;
  return db.transaction((tx) => softDeleteRecord(tx, courses, "course", { id: args.id, expectedVersion: args.expectedVersion, actorId }));
}

export async function restoreCourse(db: Executor, args: { id: string; expectedVersion: number; actor: Actor }) {
  requireCoordinator(args.actor);
  const actorId = args.actor.id;
  return db.transaction((tx) => restoreRecord(tx, courses, "course", { id: args.id, expectedVersion: args.expectedVersion, actorId }));
}

/**
 * One course with its provider and labelled lists. A deleted course exists
 * only for coordinators (who may restore it); for everyone else it is null.
 */
export async function getCourse(db: Executor, actor: Actor, id: string) {
  const [row] = await db
    .select({ course: courses, providerName: organisations.name, providerAcronym: organisations.acronym })
    .from(courses)
    .innerJoin(organisations, eq(organisations.id, courses.providerId))
    .where(eq(courses.id, id));
  if (!row || (row.course.deletedAt && !isCoordinator(actor))) return null;
  const [topicRows, audienceRows, offenceRows, languageRows] = await Promise.all([
    db
      .select({ code: topics.code, label: topics.label })
      .from(courseTopics)
      .innerJoin(topics, eq(topics.code, courseTopics.topicCode))
      .where(eq(courseTopics.courseId, id))
      .orderBy(asc(topics.sortOrder)),
    db
      .select({ code: audiences.code, label: audiences.label })
      .from(courseAudiences)
      .innerJoin(audiences, eq(audiences.code, courseAudiences.audienceCode))
      .where(eq(courseAudiences.courseId, id))
      .orderBy(asc(audiences.sortOrder)),
    db
      .select({ code: offenceFocuses.code, label: offenceFocuses.label })
      .from(courseOffences)
      .innerJoin(offenceFocuses, eq(offenceFocuses.code, courseOffences.offenceCode))
      .where(eq(courseOffences.courseId, id))
      .orderBy(asc(offenceFocuses.sortOrder)),
    db.select({ language: courseLanguages.language }).from(courseLanguages).where(eq(courseLanguages.courseId, id)).orderBy(asc(courseLanguages.language)),
  ]);
  return {
    ...row.course,
    provider: { id: row.course.providerId, name: row.providerName, acronym: row.providerAcronym },
    topics: topicRows,
    audiences: audienceRows,
    offences: offenceRows,
    languages: languageRows.map((l) => l.language),
  };
}

export type CourseDetail = NonNullable<Awaited<ReturnType<typeof getCourse>>>;

/** The course's deliveries, newest first; at most `limit`, with the full count. */
export async function listCourseSessions(db: Executor, courseId: string, limit = 50) {
  const where = and(eq(trainingSessions.courseId, courseId), isNull(trainingSessions.deletedAt));
  const [items, [{ total }]] = await Promise.all([
    db
      .select({
        id: trainingSessions.id,
        title: trainingSessions.title,
        startDate: trainingSessions.startDate,
        endDate: trainingSessions.endDate,
        status: trainingSessions.status,
        hostCountry: trainingSessions.hostCountry,
        countryName: countries.nameEn,
        city: trainingSessions.city,
      })
      .from(trainingSessions)
      .innerJoin(countries, eq(countries.code, trainingSessions.hostCountry))
      .where(where)
      .orderBy(desc(trainingSessions.startDate), desc(trainingSessions.id))
      .limit(limit),
    db.select({ total: count() }).from(trainingSessions).where(where),
  ]);
  return { items, total };
}

/** The course's materials (listing only; access to files is decided on the material's own page). */
export async function listCourseMaterials(db: Executor, courseId: string) {
  return db
    .select({ id: materials.id, title: materials.title, kind: materials.kind, language: materials.language, accessLevel: materials.accessLevel })
    .from(materials)
    .where(and(eq(materials.courseId, courseId), isNull(materials.deletedAt)))
    .orderBy(asc(materials.title));
}

/**
 * Codes and the provider a form sent that the database does not know, as
 * field errors (only a tampered or outdated form gets here).
 */
export async function findUnknownReferences(db: Executor, input: Pick<CourseInput, "providerId" | "topics" | "audiences" | "offences">) {
  const [provider, knownTopics, knownAudiences, knownOffences] = await Promise.all([
    db.select({ id: organisations.id }).from(organisations).where(and(eq(organisations.id, input.providerId), isNull(organisations.deletedAt))),
    input.topics.length ? db.select({ code: topics.code }).from(topics).where(and(inArray(topics.code, input.topics), isNull(topics.deletedAt))) : [],
    input.audiences.length ? db.select({ code: audiences.code }).from(audiences).where(inArray(audiences.code, input.audiences)) : [],
    input.offences.length ? db.select({ code: offenceFocuses.code }).from(offenceFocuses).where(inArray(offenceFocuses.code, input.offences)) : [],
  ]);
  const errors: Record<string, string[]> = {};
  if (!provider.length) errors.providerId = ["Choose a provider from the list"];
  const unknown = (sent: string[], known: { code: string }[]) => sent.filter((c) => !known.some((k) => k.code === c));
  if (unknown(input.topics, knownTopics).length) errors.topics = ["Choose topics from the list"];
  if (unknown(input.audiences, knownAudiences).length) errors.audiences = ["Choose audiences from the list"];
  if (unknown(input.offences, knownOffences).length) errors.offences = ["Choose offence focuses from the list"];
  return Object.keys(errors).length ? errors : null;
}

/**
 * Choices for the course form. Coordinators pick any provider; a trainer's is
 * fixed to their organisation. Languages a course already has stay offered
 * even when they are not in the usual list, so an edit never drops them.
 */
export async function courseFormOptions(db: Executor, actor: Actor, currentLanguages: string[] = []) {
  const [topicRows, audienceRows, offenceRows, providers] = await Promise.all([
    listTopics(db),
    listAudiences(db),
    listOffenceFocuses(db),
    isCoordinator(actor) ? listOrganisationOptions(db) : [],
  ]);
  const [own] = !isCoordinator(actor) && actor?.organisationId
    ? await db.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, actor.organisationId))
    : [];
  const languages: { value: string; label: string }[] = LANGUAGE_OPTIONS.map((l) => ({ value: l.value, label: l.label }));
  for (const code of currentLanguages) if (!languages.some((l) => l.value === code)) languages.push({ value: code, label: languageLabel(code) });
  return {
    topics: topicRows.map((t) => ({ value: t.code, label: t.label, parentCode: t.parentCode })),
    audiences: audienceRows.map((a) => ({ value: a.code, label: a.label })),
    offences: offenceRows.map((o) => ({ value: o.code, label: o.label })),
    languages,
    providers: isCoordinator(actor) ? providers.map((o) => ({ value: o.id, label: o.acronym ? `${o.name} (${o.acronym})` : o.name })) : null,
    fixedProviderName: own?.name ?? null,
  };
}
