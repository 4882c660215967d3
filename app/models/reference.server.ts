// Reference lists as options for forms and filters. Small and read often.
import { and, asc, eq, isNull, sql } from "drizzle-orm";
import { type Executor } from "#db/client.server";
import { audiences, countries, offenceFocuses, organisations, topics } from "#db/schema";

export async function listTopics(db: Executor) {
  return db
    .select({ code: topics.code, label: topics.label, parentCode: topics.parentCode, description: topics.description })
    .from(topics)
    .where(isNull(topics.deletedAt))
    .orderBy(asc(topics.sortOrder), asc(topics.code));
}

export async function listAudiences(db: Executor) {
  return db.select({ code: audiences.code, label: audiences.label }).from(audiences).orderBy(asc(audiences.sortOrder));
}

export async function listOffenceFocuses(db: Executor) {
  return db.select({ code: offenceFocuses.code, label: offenceFocuses.label }).from(offenceFocuses).orderBy(asc(offenceFocuses.sortOrder));
}

export async function listCountries(db: Executor) {
  return db
    .select({
      code: countries.code,
      alpha2: countries.alpha2,
      name: countries.nameEn,
      regionCode: countries.regionCode,
      regionName: countries.regionName,
      subregionCode: countries.subregionCode,
      subregionName: countries.subregionName,
      intermediateCode: countries.intermediateCode,
      intermediateName: countries.intermediateName,
    })
    .from(countries)
    .orderBy(asc(countries.nameEn));
}

/** UN M49 regions and sub-regions that have countries, for region filters. */
export async function listRegions(db: Executor) {
  const rows = await db
    .selectDistinct({
      regionCode: countries.regionCode,
      regionName: countries.regionName,
      subregionCode: countries.subregionCode,
      subregionName: countries.subregionName,
    })
    .from(countries)
    .where(sql`${countries.regionCode} IS NOT NULL`)
    .orderBy(asc(countries.regionName), asc(countries.subregionName));
  return rows;
}

export async function listOrganisationOptions(db: Executor, kind?: (typeof organisations.$inferSelect)["kind"]) {
  return db
    .select({ id: organisations.id, name: organisations.name, acronym: organisations.acronym, kind: organisations.kind })
    .from(organisations)
    .where(and(isNull(organisations.deletedAt), kind ? eq(organisations.kind, kind) : undefined))
    .orderBy(asc(organisations.name));
}

/** ISO 639-1 languages offered in forms: the six UN languages first, then others common in this field. */
export const LANGUAGE_OPTIONS = [
  { value: "en", label: "English" },
  { value: "fr", label: "French" },
  { value: "es", label: "Spanish" },
  { value: "ar", label: "Arabic" },
  { value: "ru", label: "Russian" },
  { value: "zh", label: "Chinese" },
  { value: "pt", label: "Portuguese" },
  { value: "sw", label: "Swahili" },
  { value: "hi", label: "Hindi" },
  { value: "id", label: "Indonesian" },
  { value: "th", label: "Thai" },
  { value: "vi", label: "Vietnamese" },
  { value: "tl", label: "Tagalog" },
  { value: "tr", label: "Turkish" },
  { value: "uk", label: "Ukrainian" },
  { value: "de", label: "German" },
] as const;

export function languageLabel(code: string | null | undefined): string {
  if (!code) return "";
  return LANGUAGE_OPTIONS.find((l) => l.value === code)?.label ?? code;
}

/** Select options for forms that pick an organisation and a country. */
export async function organisationAndCountryOptions(db: Executor) {
  const [organisations, countries] = await Promise.all([listOrganisationOptions(db), listCountries(db)]);
  return {
    organisations: organisations.map((o) => ({ value: o.id, label: o.acronym ? `${o.name} (${o.acronym})` : o.name })),
    countries: countries.map((c) => ({ value: c.code, label: c.name })),
  };
}
