// Trainers: the directory (filters and text search), one profile whose
// contact details are released only to signed-in users and only with the
// trainer's consent, the trainer's sessions, and the audited writes.
import { and, asc, count, desc, eq, inArray, isNull, ne, or, sql, type SQL } from "drizzle-orm";
import { type SQLiteColumn } from "drizzle-orm/sqlite-core";
import { type Executor } from "#db/client.server";
import {
  countries,
  organisations,
  sessionTrainers,
  topics,
  trainerCountries,
  trainerLanguages,
  trainerTopics,
  trainers,
  trainingSessions,
  type FieldChanges,
} from "#db/schema";
import { toFtsQuery } from "~/domain/search-query";
import { offsetOf, readList, readPaging, type Paging } from "~/utils/list-params";
import { canWriteForOrganisation, forbidden, isCoordinator, requireCoordinator, type Actor } from "~/utils/permissions.server";
import { LANGUAGE_OPTIONS, languageLabel, listOrganisationOptions } from "./reference.server";
import { createRecord, live, notFound, replaceLinks, restoreRecord, softDeleteRecord, updateRecord } from "./records.server";

export type Trainer = typeof trainers.$inferSelect;

export type TrainerInput = {
  name: string;
  organisationId: string | null;
  bio: string | null;
  email: string | null;
  phone: string | null;
  contactConsent: boolean;
  topics: string[];
  languages: string[];
  countries: string[];
  /** Tie this profile to the acting user's own account; false unties it if it was theirs. */
  linkToMe: boolean;
};

// ---------------------------------------------------------------- permissions

/** Coordinators add trainers for any organisation; trainers for their own. */
export function canCreateTrainer(actor: Actor): boolean {
  return isCoordinator(actor) || (actor?.role === "trainer" && !!actor.organisationId);
}

/** Coordinators, trainers of the profile's organisation, and the person whose account it is linked to. */
export function canEditTrainer(actor: Actor, trainer: { organisationId: string | null; userId: string | null }): boolean {
  if (!actor) return false;
  return canWriteForOrganisation(actor, trainer.organisationId) || (!!trainer.userId && trainer.userId === actor.id);
}

/** Contact details are personal data: signed-in users only, and only with consent. */
export function canSeeTrainerContact(actor: Actor, trainer: { contactConsent: boolean }): boolean {
  return !!actor && trainer.contactConsent;
}

// ---------------------------------------------------------------- directory

export type TrainerFilters = Paging & {
  q: string;
  topics: string[];
  languages: string[];
  countries: string[];
  organisations: string[];
};

export const TRAINERS_PER_PAGE = 24;

export function readTrainerFilters(params: URLSearchParams): TrainerFilters {
  return {
    ...readPaging(params, TRAINERS_PER_PAGE),
    q: (params.get("q") ?? "").trim().slice(0, 200),
    topics: readList(params, "topic"),
    languages: readList(params, "language"),
    countries: readList(params, "country").map((c) => c.toUpperCase()),
    organisations: readList(params, "organisation"),
  };
}

/** The topic itself or one of its subtopics: EVID matches EVID.MOBILE, never EVIDENCE. */
export function inTopicFamily(tagged: SQLiteColumn, code: string): SQL {
  const pattern = `${code.replace(/[\\%_]/g, (c) => `\\${c}`)}.%`;
  return sql`(${tagged} = ${code} OR ${tagged} LIKE ${pattern} ESCAPE '\\')`;
}

function trainerConditions(filters: TrainerFilters): SQL | undefined {
  const conditions: (SQL | undefined)[] = [live(trainers)];
  if (filters.topics.length) {
    const family = or(...filters.topics.map((code) => inTopicFamily(trainerTopics.topicCode, code)));
    conditions.push(inArray(trainers.id, sql`(SELECT ${trainerTopics.trainerId} FROM ${trainerTopics} WHERE ${family})`));
  }
  if (filters.languages.length) {
    const spoken = inArray(trainerLanguages.language, filters.languages);
    conditions.push(inArray(trainers.id, sql`(SELECT ${trainerLanguages.trainerId} FROM ${trainerLanguages} WHERE ${spoken})`));
  }
  if (filters.countries.length) {
    const workedIn = inArray(trainerCountries.countryCode, filters.countries);
    conditions.push(inArray(trainers.id, sql`(SELECT ${trainerCountries.trainerId} FROM ${trainerCountries} WHERE ${workedIn})`));
  }
  if (filters.organisations.length) conditions.push(inArray(trainers.organisationId, filters.organisations));
  const match = toFtsQuery(filters.q);
  if (match) conditions.push(inArray(trainers.id, sql`(SELECT id FROM trainer_fts WHERE trainer_fts MATCH ${match})`));
  return and(...conditions);
}

export async function searchTrainers(db: Executor, filters: TrainerFilters) {
  const where = trainerConditions(filters);
  const [rows, [{ total }]] = await Promise.all([
    db
      .select({
        id: trainers.id,
        name: trainers.name,
        organisationId: trainers.organisationId,
        organisationName: organisations.name,
        organisationAcronym: organisations.acronym,
      })
      .from(trainers)
      .leftJoin(organisations, eq(organisations.id, trainers.organisationId))
      .where(where)
      .orderBy(asc(sql`${trainers.name} COLLATE NOCASE`), asc(trainers.id))
      .limit(filters.pageSize)
      .offset(offsetOf(filters)),
    db.select({ total: count() }).from(trainers).where(where),
  ]);
  const ids = rows.map((r) => r.id);
  const [topicRows, languageRows] = ids.length
    ? await Promise.all([
        db
          .select({ trainerId: trainerTopics.trainerId, code: topics.code, label: topics.label })
          .from(trainerTopics)
          .innerJoin(topics, eq(topics.code, trainerTopics.topicCode))
          .where(inArray(trainerTopics.trainerId, ids))
          .orderBy(asc(topics.sortOrder), asc(topics.code)),
        db.select().from(trainerLanguages).where(inArray(trainerLanguages.trainerId, ids)).orderBy(asc(trainerLanguages.language)),
      ])
    : [[], []];
  const items = rows.map((r) => ({
    ...r,
    topics: topicRows.filter((t) => t.trainerId === r.id).map(({ code, label }) => ({ code, label })),
    languages: languageRows.filter((l) => l.trainerId === r.id).map((l) => l.language),
  }));
  return { items, total, page: filters.page, pageSize: filters.pageSize };
}

/** Choices for the directory's filters: only values some live trainer has, so no choice leads nowhere. */
export async function trainerFilterOptions(db: Executor) {
  const liveTrainerIds = sql`(SELECT ${trainers.id} FROM ${trainers} WHERE ${trainers.deletedAt} IS NULL)`;
  const [topicRows, languageRows, countryRows, organisationRows] = await Promise.all([
    db
      .select({ code: topics.code, label: topics.label, parentCode: topics.parentCode })
      .from(topics)
      .where(isNull(topics.deletedAt))
      .orderBy(asc(topics.sortOrder), asc(topics.code)),
    db.selectDistinct({ language: trainerLanguages.language }).from(trainerLanguages).where(inArray(trainerLanguages.trainerId, liveTrainerIds)),
    db
      .selectDistinct({ code: countries.code, name: countries.nameEn })
      .from(trainerCountries)
      .innerJoin(countries, eq(countries.code, trainerCountries.countryCode))
      .where(inArray(trainerCountries.trainerId, liveTrainerIds))
      .orderBy(asc(countries.nameEn)),
    db
      .selectDistinct({ id: organisations.id, name: organisations.name, acronym: organisations.acronym })
      .from(trainers)
      .innerJoin(organisations, eq(organisations.id, trainers.organisationId))
      .where(live(trainers))
      .orderBy(asc(organisations.name)),
  ]);
  return { topics: topicRows, languages: languageRows.map((l) => l.language).sort(), countries: countryRows, organisations: organisationRows };
}

// ---------------------------------------------------------------- one trainer

async function trainerLists(db: Executor, id: string) {
  const [topicRows, languageRows, countryRows] = await Promise.all([
    db
      .select({ code: topics.code, label: topics.label })
      .from(trainerTopics)
      .innerJoin(topics, eq(topics.code, trainerTopics.topicCode))
      .where(eq(trainerTopics.trainerId, id))
      .orderBy(asc(topics.sortOrder), asc(topics.code)),
    db.select({ language: trainerLanguages.language }).from(trainerLanguages).where(eq(trainerLanguages.trainerId, id)).orderBy(asc(trainerLanguages.language)),
    db
      .select({ code: countries.code, name: countries.nameEn })
      .from(trainerCountries)
      .innerJoin(countries, eq(countries.code, trainerCountries.countryCode))
      .where(eq(trainerCountries.trainerId, id))
      .orderBy(asc(countries.nameEn)),
  ]);
  return { topics: topicRows, languages: languageRows.map((l) => l.language), countries: countryRows };
}

async function trainerRow(db: Executor, id: string) {
  const [row] = await db
    .select({ trainer: trainers, organisationName: organisations.name, organisationAcronym: organisations.acronym })
    .from(trainers)
    .leftJoin(organisations, eq(organisations.id, trainers.organisationId))
    .where(eq(trainers.id, id));
  return row ?? null;
}

/**
 * One trainer's profile as `actor` may see it. Email and phone are null
 * unless the actor is signed in and the trainer consented (`contactVisible`
 * says which); a deleted trainer exists only for coordinators.
 */
export async function getTrainer(db: Executor, actor: Actor, id: string) {
  const row = await trainerRow(db, id);
  if (!row || (row.trainer.deletedAt && !isCoordinator(actor))) return null;
  const contactVisible = canSeeTrainerContact(actor, row.trainer);
  return {
    ...row.trainer,
    email: contactVisible ? row.trainer.email : null,
    phone: contactVisible ? row.trainer.phone : null,
    contactVisible,
    organisation: row.trainer.organisationId ? { id: row.trainer.organisationId, name: row.organisationName!, acronym: row.organisationAcronym } : null,
    ...(await trainerLists(db, id)),
  };
}

export type TrainerDetail = NonNullable<Awaited<ReturnType<typeof getTrainer>>>;

/** The whole record, contact details included, for someone allowed to edit it; null when missing or deleted. */
export async function getTrainerForEdit(db: Executor, actor: Actor, id: string) {
  const row = await trainerRow(db, id);
  if (!row || row.trainer.deletedAt) return null;
  if (!canEditTrainer(actor, row.trainer)) forbidden("You may edit only your own profile or your organisation's trainers.");
  return { ...row.trainer, organisationName: row.organisationName, ...(await trainerLists(db, id)) };
}

/** Sessions the trainer delivered or will deliver, newest first; at most `limit`, with the full count. */
export async function listTrainerSessions(db: Executor, trainerId: string, limit = 50) {
  const where = and(eq(sessionTrainers.trainerId, trainerId), live(trainingSessions));
  const [items, [{ total }]] = await Promise.all([
    db
      .select({
        id: trainingSessions.id,
        title: trainingSessions.title,
        startDate: trainingSessions.startDate,
        endDate: trainingSessions.endDate,
        status: trainingSessions.status,
        city: trainingSessions.city,
        countryName: countries.nameEn,
      })
      .from(sessionTrainers)
      .innerJoin(trainingSessions, eq(trainingSessions.id, sessionTrainers.sessionId))
      .innerJoin(countries, eq(countries.code, trainingSessions.hostCountry))
      .where(where)
      .orderBy(desc(trainingSessions.startDate), desc(trainingSessions.id))
      .limit(limit),
    db.select({ total: count() }).from(sessionTrainers).innerJoin(trainingSessions, eq(trainingSessions.id, sessionTrainers.sessionId)).where(where),
  ]);
  return { items, total };
}

// ---------------------------------------------------------------- writes

const NOT_YOURS = "You may add and change trainer profiles only for your own organisation, or your own profile.";

async function writeLinks(db: Executor, trainerId: string, input: TrainerInput): Promise<FieldChanges> {
  const changes: FieldChanges = {
    topics: await replaceLinks(db, trainerTopics, "trainerId", "topicCode", trainerId, input.topics),
    languages: await replaceLinks(db, trainerLanguages, "trainerId", "language", trainerId, input.languages),
    countries: await replaceLinks(db, trainerCountries, "trainerId", "countryCode", trainerId, input.countries),
  };
  return Object.fromEntries(Object.entries(changes).filter(([, c]) => JSON.stringify(c.before) !== JSON.stringify(c.after)));
}

function columnValues(input: TrainerInput) {
  const { topics: _t, languages: _l, countries: _c, linkToMe: _m, ...values } = input;
  return values;
}

export async function createTrainer(db: Executor, actor: Actor, input: TrainerInput): Promise<Trainer> {
  if (!actor || !canCreateTrainer(actor) || !canWriteForOrganisation(actor, input.organisationId)) forbidden(NOT_YOURS);
  return db.transaction(async (tx) => {
    // The links need the new id; audit them with the create as lists "from nothing".
    const lists = { topics: input.topics, languages: input.languages, countries: input.countries };
    const extra = Object.fromEntries(Object.entries(lists).map(([k, v]) => [k, { before: [], after: [...new Set(v)].sort() }]));
    const values = { ...columnValues(input), userId: input.linkToMe ? actor.id : null };
    const trainer = await createRecord<Trainer>(tx, trainers, "trainer", values, actor.id, extra);
    await writeLinks(tx, trainer.id, input);
    return trainer;
  });
}

/**
 * Save an edit made on a form opened at `expectedVersion`. Someone who may
 * edit the profile only because it is theirs cannot move it to an
 * organisation they do not write for; nobody can take over a profile linked
 * to another account.
 */
export async function updateTrainer(
  db: Executor,
  args: { id: string; expectedVersion: number; actor: Actor; input: TrainerInput },
): Promise<Trainer> {
  const { actor, input } = args;
  return db.transaction(async (tx) => {
    const [current] = await tx.select().from(trainers).where(eq(trainers.id, args.id));
    if (!current || current.deletedAt) notFound("Trainer not found");
    if (!actor || !canEditTrainer(actor, current)) forbidden(NOT_YOURS);
    if (input.organisationId !== current.organisationId && !canWriteForOrganisation(actor, input.organisationId)) forbidden(NOT_YOURS);
    if (input.linkToMe && current.userId && current.userId !== actor.id) forbidden("This profile is linked to someone else's account.");
    const userId = input.linkToMe ? actor.id : current.userId === actor.id ? null : current.userId;
    const links = await writeLinks(tx, args.id, input);
    return updateRecord<Trainer>(tx, trainers, "trainer", {
      id: args.id,
      expectedVersion: args.expectedVersion,
      values: { ...columnValues(input), userId },
      actorId: actor.id,
      extraChanges: links,
    });
  });
}

export async function deleteTrainer(db: Executor, args: { id: string; expectedVersion: number; actor: Actor }) {
  requireCoordinator(args.actor);
  const actorId = args.actor.id;
  return db.transaction((tx) => softDeleteRecord(tx, trainers, "trainer", { id: args.id, expectedVersion: args.expectedVersion, actorId }));
}

export async function restoreTrainer(db: Executor, args: { id: string; expectedVersion: number; actor: Actor }) {
  requireCoordinator(args.actor);
  const actorId = args.actor.id;
  return db.transaction((tx) => restoreRecord(tx, trainers, "trainer", { id: args.id, expectedVersion: args.expectedVersion, actorId }));
}

/**
 * What a form sent that cannot be saved, as field errors: an organisation,
 * topic or country the database does not know (a tampered or outdated form),
 * or a second profile for an account that already has one.
 */
export async function findTrainerInputProblems(db: Executor, actor: Actor, input: TrainerInput, currentId?: string) {
  const [organisation, knownTopics, knownCountries, ownProfile] = await Promise.all([
    input.organisationId
      ? db.select({ id: organisations.id }).from(organisations).where(and(eq(organisations.id, input.organisationId), live(organisations)))
      : [{ id: null }],
    input.topics.length ? db.select({ code: topics.code }).from(topics).where(and(inArray(topics.code, input.topics), isNull(topics.deletedAt))) : [],
    input.countries.length ? db.select({ code: countries.code }).from(countries).where(inArray(countries.code, input.countries)) : [],
    input.linkToMe && actor
      ? db
          .select({ id: trainers.id, name: trainers.name })
          .from(trainers)
          .where(and(eq(trainers.userId, actor.id), live(trainers), currentId ? ne(trainers.id, currentId) : undefined))
      : [],
  ]);
  const errors: Record<string, string[]> = {};
  if (!organisation.length) errors.organisationId = ["Choose an organisation from the list"];
  if (input.topics.some((c) => !knownTopics.some((k) => k.code === c))) errors.topics = ["Choose topics from the list"];
  if (input.countries.some((c) => !knownCountries.some((k) => k.code === c))) errors.countries = ["Choose countries from the list"];
  if (ownProfile.length) errors.linkToMe = [`Your account is already linked to the profile of ${ownProfile[0].name}`];
  return Object.keys(errors).length ? errors : null;
}

/**
 * Choices for the trainer form. Coordinators pick any organisation (or none);
 * anyone else keeps the profile with the organisation it has, or their own
 * for a new one. Languages a profile already has stay offered.
 */
export async function trainerFormOptions(db: Executor, actor: Actor, current?: { organisationId: string | null; languages: string[] }) {
  const [topicRows, countryRows, organisationRows] = await Promise.all([
    db
      .select({ code: topics.code, label: topics.label, parentCode: topics.parentCode })
      .from(topics)
      .where(isNull(topics.deletedAt))
      .orderBy(asc(topics.sortOrder), asc(topics.code)),
    db.select({ code: countries.code, name: countries.nameEn }).from(countries).orderBy(asc(countries.nameEn)),
    isCoordinator(actor) ? listOrganisationOptions(db) : [],
  ]);
  const fixedOrganisationId = current ? current.organisationId : (actor?.organisationId ?? null);
  const [fixed] =
    !isCoordinator(actor) && fixedOrganisationId
      ? await db.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, fixedOrganisationId))
      : [];
  const languages: { value: string; label: string }[] = LANGUAGE_OPTIONS.map((l) => ({ value: l.value, label: l.label }));
  for (const code of current?.languages ?? []) if (!languages.some((l) => l.value === code)) languages.push({ value: code, label: languageLabel(code) });
  return {
    topics: topicRows.map((t) => ({ value: t.code, label: t.label, parentCode: t.parentCode })),
    countries: countryRows.map((c) => ({ value: c.code, label: c.name })),
    languages,
    organisations: isCoordinator(actor) ? organisationRows.map((o) => ({ value: o.id, label: o.acronym ? `${o.name} (${o.acronym})` : o.name })) : null,
    fixedOrganisationName: fixed?.name ?? null,
  };
}
