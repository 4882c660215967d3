// Choices offered by the request form and the requests filter, and the check
// that a submitted form chose only from them.
import { and, inArray, isNull } from "drizzle-orm";
import { type Executor } from "#db/client.server";
import { audiences, countries, organisations, topics } from "#db/schema";
import { LANGUAGE_OPTIONS, listAudiences, listCountries, listOrganisationOptions, listTopics } from "./reference.server";
import { type RequestInput } from "./requests.server";

export async function requestFormOptions(db: Executor) {
  const [topicRows, audienceRows, countryRows, orgRows] = await Promise.all([listTopics(db), listAudiences(db), listCountries(db), listOrganisationOptions(db)]);
  return {
    topics: topicRows.map((t) => ({ value: t.code, label: t.label, parentCode: t.parentCode })),
    audiences: audienceRows.map((a) => ({ value: a.code, label: a.label })),
    countries: countryRows.map((c) => ({ value: c.code, label: c.name })),
    organisations: orgRows.map((o) => ({ value: o.id, label: o.acronym ? `${o.name} (${o.acronym})` : o.name })),
    languages: LANGUAGE_OPTIONS.map((l) => ({ value: l.value, label: l.label })),
  };
}

export type RequestFormOptions = Awaited<ReturnType<typeof requestFormOptions>>;

/** Codes and ids a form sent that the registry does not know (a tampered or outdated form), as field errors. */
export async function findUnknownRequestReferences(db: Executor, input: RequestInput) {
  const [countryRows, topicRows, audienceRows, orgRows] = await Promise.all([
    db.select({ id: countries.code }).from(countries).where(inArray(countries.code, [input.countryCode])),
    input.topics.length ? db.select({ id: topics.code }).from(topics).where(and(inArray(topics.code, input.topics), isNull(topics.deletedAt))) : [],
    input.audiences.length ? db.select({ id: audiences.code }).from(audiences).where(inArray(audiences.code, input.audiences)) : [],
    input.agencyId ? db.select({ id: organisations.id }).from(organisations).where(and(inArray(organisations.id, [input.agencyId]), isNull(organisations.deletedAt))) : [],
  ]);
  const missing = (sent: string[], rows: { id: string }[]) => sent.some((v) => !rows.some((r) => r.id === v));
  const errors: Record<string, string[]> = {};
  if (missing([input.countryCode], countryRows)) errors.countryCode = ["Choose the country from the list"];
  if (missing(input.topics, topicRows)) errors.topics = ["Choose topics from the list"];
  if (missing(input.audiences, audienceRows)) errors.audiences = ["Choose audiences from the list"];
  if (input.agencyId && !orgRows.length) errors.agencyId = ["Choose the agency from the list"];
  if (input.languages.some((l) => !/^[a-z]{2}$/.test(l))) errors.languages = ["Choose languages from the list"];
  return Object.keys(errors).length ? errors : null;
}
