// Organisations: who may write them, the list with what each provided and
// funded, one organisation, and the audited writes with a duplicate-name
// check. What it did, for its profile, is in organisation-profile.server.ts.
import { and, asc, count, eq, or, sql, type SQL } from "drizzle-orm";
import { type Executor } from "#db/client.server";
import { likeContaining, toSearchPhrases } from "~/domain/search-query";
import { ORGANISATION_KINDS, countries, organisations, sessionFunders, trainingSessions } from "#db/schema";
import { offsetOf, type Paging } from "~/utils/list-params";
import { forbidden, isCoordinator, requireCoordinator, type Actor } from "~/utils/permissions.server";
import { createRecord, live, notFound, restoreRecord, softDeleteRecord, updateRecord } from "./records.server";

export type Organisation = typeof organisations.$inferSelect;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

export type OrganisationInput = {
  name: string;
  acronym: string | null;
  kind: OrganisationKind;
  countryCode: string | null;
  website: string | null;
  description: string | null;
};

// ---------------------------------------------------------------- permissions

// Coordinators add organisations and change everything about them. A trainer
// may keep their own organisation's public profile current (name, acronym,
// website, description): they know it best, and every change is audited.
// Kind and country stay with coordinators, because they decide how the
// organisation is counted (a donor's funding, a government's requests).

export function canCreateOrganisation(actor: Actor): boolean {
  return isCoordinator(actor);
}

export function canEditOrganisation(actor: Actor, organisation: { id: string }): boolean {
  return isCoordinator(actor) || (actor?.role === "trainer" && actor.organisationId === organisation.id);
}

/** Kind and country: coordinators only. */
export function canClassifyOrganisation(actor: Actor): boolean {
  return isCoordinator(actor);
}

// ---------------------------------------------------------------- list

export type OrganisationFilters = Paging & { q: string; kind: OrganisationKind | null; country: string | null };

// Cancelled sessions were never provided or funded; deleted ones (merged
// duplicates included) do not exist.
const countedSession = sql`${trainingSessions.deletedAt} IS NULL AND ${trainingSessions.status} <> 'cancelled'`;

export async function searchOrganisations(db: Executor, filters: OrganisationFilters) {
  const conditions: (SQL | undefined)[] = [live(organisations)];
  if (filters.kind) conditions.push(eq(organisations.kind, filters.kind));
  if (filters.country) conditions.push(eq(organisations.countryCode, filters.country));
  // Each word or quoted phrase in the name or the acronym; SQLite's LIKE ignores case (for ASCII letters).
  for (const phrase of toSearchPhrases(filters.q)) {
    const pattern = likeContaining(phrase);
    conditions.push(or(sql`${organisations.name} LIKE ${pattern} ESCAPE '\\'`, sql`${organisations.acronym} LIKE ${pattern} ESCAPE '\\'`));
  }
  const where = and(...conditions);
  const [items, [{ total }]] = await Promise.all([
    db
      .select({
        id: organisations.id,
        name: organisations.name,
        acronym: organisations.acronym,
        kind: organisations.kind,
        countryCode: organisations.countryCode,
        countryName: countries.nameEn,
        provided: sql<number>`(SELECT count(*) FROM ${trainingSessions} WHERE ${trainingSessions.providerId} = ${organisations.id} AND ${countedSession})`,
        funded: sql<number>`(SELECT count(*) FROM ${sessionFunders} JOIN ${trainingSessions} ON ${trainingSessions.id} = ${sessionFunders.sessionId}
          WHERE ${sessionFunders.organisationId} = ${organisations.id} AND ${countedSession})`,
      })
      .from(organisations)
      .leftJoin(countries, eq(countries.code, organisations.countryCode))
      .where(where)
      .orderBy(asc(sql`${organisations.name} COLLATE NOCASE`), asc(organisations.id))
      .limit(filters.pageSize)
      .offset(offsetOf(filters)),
    db.select({ total: count() }).from(organisations).where(where),
  ]);
  return { items, total, page: filters.page, pageSize: filters.pageSize };
}

/** Countries that some live organisation is based in, for the list's filter. */
export async function organisationCountryOptions(db: Executor) {
  return db
    .selectDistinct({ code: countries.code, name: countries.nameEn })
    .from(organisations)
    .innerJoin(countries, eq(countries.code, organisations.countryCode))
    .where(live(organisations))
    .orderBy(asc(countries.nameEn));
}

// ---------------------------------------------------------------- one organisation

/** The organisation with its country's name; a deleted one exists only for coordinators. */
export async function getOrganisation(db: Executor, actor: Actor, id: string) {
  const [row] = await db
    .select({ organisation: organisations, countryName: countries.nameEn })
    .from(organisations)
    .leftJoin(countries, eq(countries.code, organisations.countryCode))
    .where(eq(organisations.id, id));
  if (!row || (row.organisation.deletedAt && !isCoordinator(actor))) return null;
  return { ...row.organisation, countryName: row.countryName };
}

/** The survivor a merged-away (deleted) duplicate points to, or null: its page sends people there. */
export async function organisationMergedInto(db: Executor, id: string): Promise<string | null> {
  const [row] = await db
    .select({ deletedAt: organisations.deletedAt, duplicateOf: organisations.duplicateOf })
    .from(organisations)
    .where(eq(organisations.id, id));
  return row?.deletedAt && row.duplicateOf ? row.duplicateOf : null;
}

// ---------------------------------------------------------------- writes

/** Two live organisations may not share a name, whatever its case or spacing. */
export class OrganisationNameTakenError extends Error {
  constructor(readonly existing: { id: string; name: string }) {
    super(`An organisation called “${existing.name}” is already registered.`);
  }
}

function sameName(a: string, b: string) {
  const norm = (s: string) => s.normalize("NFC").trim().replace(/\s+/g, " ").toLocaleLowerCase("en");
  return norm(a) === norm(b);
}

/** The live organisation already using `name` (ignoring case), other than `exceptId`. */
export async function findOrganisationNameClash(db: Executor, name: string, exceptId?: string) {
  // Compared here rather than with SQL lower(), which folds ASCII letters only
  // ("MINISTÈRE" vs "Ministère"); the list of organisations is short.
  const rows = await db.select({ id: organisations.id, name: organisations.name }).from(organisations).where(live(organisations));
  return rows.find((row) => row.id !== exceptId && sameName(row.name, name)) ?? null;
}

export async function createOrganisation(db: Executor, actor: Actor, input: OrganisationInput): Promise<Organisation> {
  requireCoordinator(actor);
  return db.transaction(async (tx) => {
    const clash = await findOrganisationNameClash(tx, input.name);
    if (clash) throw new OrganisationNameTakenError(clash);
    return createRecord<Organisation>(tx, organisations, "organisation", input, actor.id);
  });
}

export async function updateOrganisation(
  db: Executor,
  args: { id: string; expectedVersion: number; actor: Actor; input: OrganisationInput },
): Promise<Organisation> {
  const { actor, input } = args;
  return db.transaction(async (tx) => {
    const [current] = await tx.select().from(organisations).where(eq(organisations.id, args.id));
    if (!current || current.deletedAt) notFound("Organisation not found");
    if (!actor || !canEditOrganisation(actor, current)) forbidden("You may edit only your own organisation's profile.");
    if (!canClassifyOrganisation(actor) && (input.kind !== current.kind || input.countryCode !== current.countryCode)) {
      forbidden("Only coordinators may change an organisation's kind or country.");
    }
    const clash = await findOrganisationNameClash(tx, input.name, args.id);
    if (clash) throw new OrganisationNameTakenError(clash);
    return updateRecord<Organisation>(tx, organisations, "organisation", {
      id: args.id,
      expectedVersion: args.expectedVersion,
      values: input,
      actorId: actor.id,
    });
  });
}

export async function deleteOrganisation(db: Executor, args: { id: string; expectedVersion: number; actor: Actor }) {
  requireCoordinator(args.actor);
  const actorId = args.actor.id;
  return db.transaction((tx) => softDeleteRecord(tx, organisations, "organisation", { id: args.id, expectedVersion: args.expectedVersion, actorId }));
}

/** Restoring brings back a name that may have been reused meanwhile: refused then, like a new duplicate. */
export async function restoreOrganisation(db: Executor, args: { id: string; expectedVersion: number; actor: Actor }) {
  requireCoordinator(args.actor);
  const actorId = args.actor.id;
  return db.transaction(async (tx) => {
    const [current] = await tx.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, args.id));
    if (!current) notFound("Organisation not found");
    const clash = await findOrganisationNameClash(tx, current.name, args.id);
    if (clash) throw new OrganisationNameTakenError(clash);
    return restoreRecord(tx, organisations, "organisation", { id: args.id, expectedVersion: args.expectedVersion, actorId });
  });
}

/** Whether `code` is a known country (forms send codes; a tampered one is a field error). */
export async function isKnownCountry(db: Executor, code: string) {
  const rows = await db.select({ code: countries.code }).from(countries).where(eq(countries.code, code));
  return rows.length > 0;
}
