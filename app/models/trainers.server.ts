// Trainers: one profile whose contact details are released only to signed-in
// users and only with the trainer's consent, the trainer's sessions, who may
// write profiles, and the audited writes. The directory search is in
// trainer-search.server.ts.
import { and, asc, count, desc, eq, inArray, isNull, ne } from "drizzle-orm";
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

/** The survivor a merged-away (deleted) duplicate points to, or null: its page sends people there. */
export async function trainerMergedInto(db: Executor, id: string): Promise<string | null> {
  const [row] = await db.select({ deletedAt: trainers.deletedAt, duplicateOf: trainers.duplicateOf }).from(trainers).where(eq(trainers.id, id));
  return row?.deletedAt && row.duplicateOf ? row.duplicateOf : null;
}

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
