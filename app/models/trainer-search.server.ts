// The trainer directory: its filters, text search over names and biographies
// (FTS5), and the choices offered in the filter form. The filters are read
// from the URL in models/api/directory.server.ts, as the API reads them.
import { and, asc, count, eq, inArray, isNull, or, sql, type SQL } from "drizzle-orm";
import { type SQLiteColumn } from "drizzle-orm/sqlite-core";
import { type Executor } from "#db/client.server";
import { countries, organisations, topics, trainerCountries, trainerLanguages, trainerTopics, trainers } from "#db/schema";
import { toFtsQuery } from "~/domain/search-query";
import { offsetOf, type Paging } from "~/utils/list-params";
import { live } from "./records.server";

export type TrainerFilters = Paging & {
  q: string;
  topics: string[];
  languages: string[];
  countries: string[];
  organisations: string[];
};

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
