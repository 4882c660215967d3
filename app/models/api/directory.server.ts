// Trainers and organisations for the API and the list pages' CSV: the
// directory's own queries, plus what a list page leaves out. A trainer's
// email and phone go only to signed-in people, and only with the trainer's
// consent (canSeeTrainerContact, the rule the profile page uses).
import { asc, eq, inArray } from "drizzle-orm";
import { type Executor } from "#db/client.server";
import { countries, trainerCountries, trainers } from "#db/schema";
import { ORGANISATION_PARAMS, TRAINER_PARAMS } from "~/domain/api-endpoints";
import { leavingOutBadParams, type ParamValues } from "~/domain/api-params";
import { ORGANISATION_KIND_LABELS } from "~/domain/organisation-kinds";
import { ORGANISATION_LIST_PARAMS, TRAINER_LIST_PARAMS } from "~/domain/list-page-params";
import { searchOrganisations, type OrganisationFilters } from "~/models/organisations.server";
import { languageLabel } from "~/models/reference.server";
import { searchTrainers, type TrainerFilters } from "~/models/trainer-search.server";
import { canSeeTrainerContact } from "~/models/trainers.server";
import { type Paging } from "~/utils/list-params";
import { type Actor } from "~/utils/permissions.server";
import { checkQuery, findUnknownReference } from "./references.server";

// ---------------------------------------------------------------- trainers

type TrainerQuery = Omit<ParamValues<typeof TRAINER_PARAMS>, "page" | "pageSize">;

export function trainerFiltersOf(p: TrainerQuery, paging: Paging): TrainerFilters {
  return { ...paging, q: p.q ?? "", topics: p.topic, languages: p.language, countries: p.country, organisations: p.organisation };
}

function unknownTrainerReference(db: Executor, p: TrainerQuery) {
  return findUnknownReference(db, [
    { parameter: "topic", kind: "topic", values: p.topic },
    { parameter: "language", kind: "language", values: p.language },
    { parameter: "country", kind: "country", values: p.country },
    { parameter: "organisation", kind: "organisation", values: p.organisation },
  ]);
}

/** A trainers query as the API reads it: its values, or the first bad parameter (a 400). */
export function checkTrainerQuery(db: Executor, params: URLSearchParams) {
  return checkQuery(db, TRAINER_PARAMS, params, unknownTrainerReference);
}

/** The trainer directory's query as its page and CSV read it: the filters without each bad parameter, and what was wrong with each. */
export async function readTrainerListFilters(db: Executor, params: URLSearchParams) {
  const { value, problems } = await leavingOutBadParams(params, (query) => checkQuery(db, TRAINER_LIST_PARAMS, query, unknownTrainerReference));
  return { filters: trainerFiltersOf(value, { page: value.page, pageSize: value.pageSize }), problems };
}

export async function listTrainerRecords(db: Executor, actor: Actor, filters: TrainerFilters) {
  const { items, total } = await searchTrainers(db, filters);
  const ids = items.map((t) => t.id);
  const [details, countryRows] = ids.length
    ? await Promise.all([
        db
          .select({ id: trainers.id, bio: trainers.bio, email: trainers.email, phone: trainers.phone, contactConsent: trainers.contactConsent })
          .from(trainers)
          .where(inArray(trainers.id, ids)),
        db
          .select({ trainerId: trainerCountries.trainerId, code: countries.code, name: countries.nameEn })
          .from(trainerCountries)
          .innerJoin(countries, eq(countries.code, trainerCountries.countryCode))
          .where(inArray(trainerCountries.trainerId, ids))
          .orderBy(asc(countries.nameEn)),
      ])
    : [[], []];
  const byId = new Map(details.map((d) => [d.id, d]));
  const records = items.map((t) => {
    const d = byId.get(t.id)!;
    return {
      ...t,
      bio: d.bio,
      countries: countryRows.filter((c) => c.trainerId === t.id).map(({ code, name }) => ({ code, name })),
      // Decided here, once: nothing downstream ever sees contact details it may not show.
      contact: canSeeTrainerContact(actor, d) ? { email: d.email, phone: d.phone } : null,
    };
  });
  return { records, total };
}

type TrainerRecord = Awaited<ReturnType<typeof listTrainerRecords>>["records"][number];

export function trainerApiItem(t: TrainerRecord) {
  return {
    id: t.id,
    name: t.name,
    organisation: t.organisationId ? { id: t.organisationId, name: t.organisationName, acronym: t.organisationAcronym } : null,
    bio: t.bio,
    topics: t.topics.map((x) => x.code),
    languages: t.languages,
    countries: t.countries.map((c) => c.code),
    contact: t.contact,
  };
}

export const TRAINER_CSV_HEADER = ["id", "name", "organisation_id", "organisation", "topics", "topic_labels", "languages", "language_labels", "countries", "country_names", "email", "phone"];

export function trainerCsvRow(t: TrainerRecord) {
  return [
    t.id,
    t.name,
    t.organisationId,
    t.organisationName,
    t.topics.map((x) => x.code).join(";"),
    t.topics.map((x) => x.label).join("; "),
    t.languages.join(";"),
    t.languages.map(languageLabel).join("; "),
    t.countries.map((c) => c.code).join(";"),
    t.countries.map((c) => c.name).join("; "),
    t.contact?.email,
    t.contact?.phone,
  ];
}

// ---------------------------------------------------------------- organisations

type OrganisationQuery = Omit<ParamValues<typeof ORGANISATION_PARAMS>, "page" | "pageSize">;

export function organisationFiltersOf(p: OrganisationQuery, paging: Paging): OrganisationFilters {
  return { ...paging, q: p.q ?? "", kind: p.kind, country: p.country };
}

function unknownOrganisationReference(db: Executor, p: OrganisationQuery) {
  return findUnknownReference(db, [{ parameter: "country", kind: "country", values: p.country }]);
}

/** An organisations query as the API reads it: its values, or the first bad parameter (a 400). */
export function checkOrganisationQuery(db: Executor, params: URLSearchParams) {
  return checkQuery(db, ORGANISATION_PARAMS, params, unknownOrganisationReference);
}

/** The organisations list's query as its page and CSV read it: the filters without each bad parameter, and what was wrong with each. */
export async function readOrganisationListFilters(db: Executor, params: URLSearchParams) {
  const { value, problems } = await leavingOutBadParams(params, (query) => checkQuery(db, ORGANISATION_LIST_PARAMS, query, unknownOrganisationReference));
  return { filters: organisationFiltersOf(value, { page: value.page, pageSize: value.pageSize }), problems };
}

export async function listOrganisationRecords(db: Executor, filters: OrganisationFilters) {
  const { items, total } = await searchOrganisations(db, filters);
  return { records: items, total };
}

type OrganisationRecord = Awaited<ReturnType<typeof listOrganisationRecords>>["records"][number];

export function organisationApiItem(o: OrganisationRecord) {
  return {
    id: o.id,
    name: o.name,
    acronym: o.acronym,
    kind: o.kind,
    country: o.countryCode,
    sessionsProvided: o.provided,
    sessionsFunded: o.funded,
  };
}

export const ORGANISATION_CSV_HEADER = ["id", "name", "acronym", "kind", "kind_label", "country", "country_name", "sessions_provided", "sessions_funded"];

export function organisationCsvRow(o: OrganisationRecord) {
  return [o.id, o.name, o.acronym, o.kind, ORGANISATION_KIND_LABELS[o.kind], o.countryCode, o.countryName, o.provided, o.funded];
}
