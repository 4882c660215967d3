// Choices offered by the session form and the sessions filter sidebar.
import { and, asc, eq, isNull, or } from "drizzle-orm";
import { type Executor } from "#db/client.server";
import { courses, organisations, trainers } from "#db/schema";
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
 * Everything the session form offers. `current` keeps a course the session
 * already has selectable even when it has since been retired.
 */
export async function sessionFormOptions(db: Executor, actor: Actor, current?: { courseId: string | null; language: string | null }) {
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
      .where(isNull(trainers.deletedAt))
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
  const [regionRows, countryRows, topicRows, audienceRows, orgRows] = await Promise.all([
    listRegions(db),
    listCountries(db),
    listTopics(db),
    listAudiences(db),
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
    organisations: orgRows.map((o) => ({ value: o.id, label: organisationLabel(o) })),
  };
}
