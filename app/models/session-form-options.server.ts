// Choices offered by the session form and the sessions filter sidebar, and
// the check that a submitted form chose only from them.
import { and, asc, eq, inArray, isNull, or } from "drizzle-orm";
import { type Executor } from "#db/client.server";
import { audiences, countries, courses, offenceFocuses, organisations, topics, trainers } from "#db/schema";
import { type SessionInput } from "./sessions.server";
import { type Actor, isCoordinator } from "~/utils/permissions.server";
import { LANGUAGE_OPTIONS, languageLabel, listAudiences, listCountries, listOffenceFocuses, listOrganisationOptions, listRegions, listTopics } from "./reference.server";

export type Option = { value: string; label: string };
export type OptionGroup = { label: string; options: Option[] };

type CountryRow = Awaited<ReturnType<typeof listCountries>>[number];

/** 250 countries are easier to find in M49 sub-regions, as <optgroup>s. */
function groupCountries(rows: CountryRow[]): OptionGroup[] {
  const groups = new Map<string, OptionGroup>();
  const sorted = [...rows].sort(
    (a, b) =>
      (a.regionName ?? "~").localeCompare(b.regionName ?? "~") ||
      (a.subregionName ?? "").localeCompare(b.subregionName ?? "") ||
      a.name.localeCompare(b.name),
  );
  for (const c of sorted) {
    const label = c.regionName ? `${c.regionName}: ${c.subregionName ?? c.regionName}` : "Other territories";
    const group = groups.get(label) ?? { label, options: [] };
    group.options.push({ value: c.code, label: c.name });
    groups.set(label, group);
  }
  return [...groups.values()];
}

const organisationLabel = (o: { name: string; acronym: string | null }) => (o.acronym ? `${o.name} (${o.acronym})` : o.name);

/**
 * Everything the session form offers. `current` keeps what the session
 * already has selectable (a retired course, a removed trainer, an unusual
 * language), so saving an edit never drops it unasked.
 */
export async function sessionFormOptions(
  db: Executor,
  actor: Actor,
  current?: { courseId: string | null; language: string | null; trainers: { id: string }[] },
) {
  const currentTrainers = current?.trainers.map((t) => t.id) ?? [];
  const [topicRows, audienceRows, offenceRows, countryRows, orgRows, courseRows, trainerRows] = await Promise.all([
    listTopics(db),
    listAudiences(db),
    listOffenceFocuses(db),
    listCountries(db),
    listOrganisationOptions(db),
    db
      .select({ id: courses.id, title: courses.title })
      .from(courses)
      .where(and(isNull(courses.deletedAt), or(eq(courses.status, "active"), current?.courseId ? eq(courses.id, current.courseId) : undefined)))
      .orderBy(asc(courses.title)),
    db
      .select({ id: trainers.id, name: trainers.name, orgName: organisations.name, orgAcronym: organisations.acronym })
      .from(trainers)
      .leftJoin(organisations, eq(organisations.id, trainers.organisationId))
      .where(or(isNull(trainers.deletedAt), currentTrainers.length ? inArray(trainers.id, currentTrainers) : undefined))
      .orderBy(asc(trainers.name)),
  ]);
  const languages: Option[] = LANGUAGE_OPTIONS.map((l) => ({ value: l.value, label: l.label }));
  if (current?.language && !languages.some((l) => l.value === current.language)) {
    languages.push({ value: current.language, label: languageLabel(current.language) });
  }
  const own = actor?.organisationId ? orgRows.find((o) => o.id === actor.organisationId) : undefined;
  return {
    topics: topicRows.map((t) => ({ value: t.code, label: t.label, parentCode: t.parentCode })),
    audiences: audienceRows.map((a) => ({ value: a.code, label: a.label })),
    offences: offenceRows.map((o) => ({ value: o.code, label: o.label })),
    countryGroups: groupCountries(countryRows),
    organisations: orgRows.map((o) => ({ value: o.id, label: organisationLabel(o) })),
    courses: courseRows.map((c) => ({ value: c.id, label: c.title })),
    trainers: trainerRows.map((t) => ({
      value: t.id,
      label: t.orgName ? `${t.name} (${t.orgAcronym ?? t.orgName})` : t.name,
    })),
    languages,
    /** Coordinators choose who reports; a trainer always reports for their own organisation. */
    reporterChoice: isCoordinator(actor),
    ownOrganisation: own ? { id: own.id, name: organisationLabel(own) } : null,
  };
}

export type SessionFormOptions = Awaited<ReturnType<typeof sessionFormOptions>>;

/**
 * Choices for the sessions filter sidebar: M49 regions with their
 * sub-regions and intermediate regions (indented), countries, topics grouped
 * under their parents, audiences and organisations.
 */
export async function sessionFilterOptions(db: Executor) {
  const [regionRows, countryRows, topicRows, audienceRows, offenceRows, orgRows] = await Promise.all([
    listRegions(db),
    listCountries(db),
    listTopics(db),
    listAudiences(db),
    listOffenceFocuses(db),
    listOrganisationOptions(db),
  ]);
  const regions: Option[] = [];
  for (const r of regionRows) {
    if (r.regionCode && !regions.some((o) => o.value === r.regionCode)) regions.push({ value: r.regionCode, label: r.regionName ?? r.regionCode });
    if (r.subregionCode && !regions.some((o) => o.value === r.subregionCode)) {
      regions.push({ value: r.subregionCode, label: `— ${r.subregionName ?? r.subregionCode}` });
      const intermediates = new Map<string, string>();
      for (const c of countryRows) {
        if (c.subregionCode === r.subregionCode && c.intermediateCode) intermediates.set(c.intermediateCode, c.intermediateName ?? c.intermediateCode);
      }
      for (const [code, name] of [...intermediates].sort((a, b) => a[1].localeCompare(b[1]))) regions.push({ value: code, label: `— — ${name}` });
    }
  }
  return {
    regions,
    countries: countryRows.map((c) => ({ value: c.code, label: c.name })),
    topics: topicRows.map((t) => ({ value: t.code, label: t.parentCode ? `— ${t.label}` : t.label })),
    audiences: audienceRows.map((a) => ({ value: a.code, label: a.label })),
    offences: offenceRows.map((o) => ({ value: o.code, label: o.label })),
    organisations: orgRows.map((o) => ({ value: o.id, label: organisationLabel(o) })),
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
    // Any known trainer: one removed since being linked may stay linked.
    input.trainers.length ? db.select({ id: trainers.id }).from(trainers).where(inArray(trainers.id, input.trainers)) : [],
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
