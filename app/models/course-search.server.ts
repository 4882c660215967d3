// The catalogue search: full text (FTS5, bm25), facet filters, facet counts,
// sorting and paging. Within one facet the chosen values are alternatives
// (OR); different facets narrow each other (AND). A facet's counts apply every
// filter except its own, so each number says how many courses that box would
// show next to the others already ticked.
import { and, asc, count, desc, eq, inArray, isNull, or, sql, type SQL } from "drizzle-orm";
import { sqliteTable, text, type SQLiteColumn, type SQLiteTable } from "drizzle-orm/sqlite-core";
import { type Executor } from "#db/client.server";
import {
  LEVELS,
  MODES,
  audiences,
  courseAudiences,
  courseLanguages,
  courseOffences,
  courseTopics,
  courses,
  offenceFocuses,
  organisations,
  topics,
} from "#db/schema";
import { COURSE_FACETS, type CourseFacet, type CourseSearch } from "~/domain/course-search";
import { toFtsQuery } from "~/domain/search-query";
import { humanise } from "~/utils/format";
import { languageLabel } from "./reference.server";

// The FTS5 table lives in a custom migration, outside db/schema.ts; this
// description only lets queries join it by name.
const courseFts = sqliteTable("course_fts", { id: text("id").notNull() });
// Title matters most, then the summary, then the long description.
const relevance = sql`bm25(course_fts, 0.0, 10.0, 4.0, 1.0)`;

/**
 * A tagged topic belongs to the family of `code`: the topic itself or one of
 * its subtopics (EVID → EVID.MOBILE, never EVIDENCE). '.' < '/' in byte order,
 * so [code + '.', code + '/') is exactly the subtopics, as an index range.
 */
function inTopicFamily(tagged: SQLiteColumn, code: string | SQLiteColumn) {
  return sql`(${tagged} = ${code} OR (${tagged} >= ${code} || '.' AND ${tagged} < ${code} || '/'))`;
}

/** Courses with a row in a join table that meets `condition`. */
function linked(courseId: SQLiteColumn, table: SQLiteTable, condition: SQL | undefined) {
  return inArray(courses.id, sql`(SELECT ${courseId} FROM ${table} WHERE ${condition})`);
}

function facetCondition(facet: CourseFacet, values: string[]): SQL | undefined {
  if (!values.length) return undefined;
  switch (facet) {
    case "topic":
      return linked(courseTopics.courseId, courseTopics, or(...values.map((code) => inTopicFamily(courseTopics.topicCode, code))));
    case "audience":
      return linked(courseAudiences.courseId, courseAudiences, inArray(courseAudiences.audienceCode, values));
    case "offence":
      return linked(courseOffences.courseId, courseOffences, inArray(courseOffences.offenceCode, values));
    case "language":
      return linked(courseLanguages.courseId, courseLanguages, inArray(courseLanguages.language, values));
    case "level":
      return inArray(courses.level, values as (typeof LEVELS)[number][]);
    case "mode":
      return inArray(courses.mode, values as (typeof MODES)[number][]);
    case "provider":
      return inArray(courses.providerId, values);
  }
}

/** Everything but the facets: not deleted, the status wanted, and the search text. */
function baseConditions(search: CourseSearch, match: string | null): SQL[] {
  const conditions: SQL[] = [isNull(courses.deletedAt)];
  if (search.status !== "all") conditions.push(eq(courses.status, search.status));
  if (match) conditions.push(inArray(courses.id, sql`(SELECT id FROM course_fts WHERE course_fts MATCH ${match})`));
  return conditions;
}

function conditionsExcept(search: CourseSearch, match: string | null, left: CourseFacet | null) {
  const facets = COURSE_FACETS.filter((f) => f !== left).map((f) => facetCondition(f, search.filters[f]));
  return and(...baseConditions(search, match), ...facets);
}

export type FacetOption = { value: string; label: string; count: number; selected: boolean; depth: number };
export type CourseFacets = Record<CourseFacet, FacetOption[]>;

export async function searchCourses(db: Executor, search: CourseSearch) {
  const match = toFtsQuery(search.q);
  const where = conditionsExcept(search, match, null);
  const byRelevance = search.sort === "relevance" && match !== null;
  const columns = {
    id: courses.id,
    title: courses.title,
    summary: courses.summary,
    level: courses.level,
    mode: courses.mode,
    durationHours: courses.durationHours,
    status: courses.status,
    createdAt: courses.createdAt,
    providerId: courses.providerId,
    providerName: organisations.name,
    providerAcronym: organisations.acronym,
  };
  const order =
    search.sort === "newest" ? [desc(courses.createdAt), desc(courses.id)] : [asc(sql`${courses.title} COLLATE NOCASE`), asc(courses.id)];
  const offset = (search.page - 1) * search.pageSize;

  // With relevance order the FTS table is joined (the planner drives the
  // search from it) so bm25 is available to sort by.
  const rowsQuery = byRelevance
    ? db
        .select(columns)
        .from(courseFts)
        .innerJoin(courses, eq(courses.id, courseFts.id))
        .innerJoin(organisations, eq(organisations.id, courses.providerId))
        .where(and(sql`course_fts MATCH ${match}`, conditionsExcept(search, null, null)))
        .orderBy(relevance, ...order)
    : db.select(columns).from(courses).innerJoin(organisations, eq(organisations.id, courses.providerId)).where(where).orderBy(...order);

  const [rows, [{ total }], facets] = await Promise.all([
    rowsQuery.limit(search.pageSize).offset(offset),
    db.select({ total: count() }).from(courses).where(where),
    facetCounts(db, search, match),
  ]);
  const labels = await labelsFor(
    db,
    rows.map((r) => r.id),
  );
  const items = rows.map((r) => ({ ...r, topics: labels.topics.get(r.id) ?? [], languages: labels.languages.get(r.id) ?? [] }));
  return { items, total, page: search.page, pageSize: search.pageSize, facets };
}

/** Topic labels and languages of the courses on one page, in two queries. */
async function labelsFor(db: Executor, ids: string[]) {
  const topicsById = new Map<string, { code: string; label: string }[]>();
  const languagesById = new Map<string, string[]>();
  if (!ids.length) return { topics: topicsById, languages: languagesById };
  const [topicRows, languageRows] = await Promise.all([
    db
      .select({ courseId: courseTopics.courseId, code: topics.code, label: topics.label })
      .from(courseTopics)
      .innerJoin(topics, eq(topics.code, courseTopics.topicCode))
      .where(inArray(courseTopics.courseId, ids))
      .orderBy(asc(topics.sortOrder)),
    db.select().from(courseLanguages).where(inArray(courseLanguages.courseId, ids)).orderBy(asc(courseLanguages.language)),
  ]);
  for (const { courseId, ...topic } of topicRows) topicsById.set(courseId, [...(topicsById.get(courseId) ?? []), topic]);
  for (const row of languageRows) languagesById.set(row.courseId, [...(languagesById.get(row.courseId) ?? []), row.language]);
  return { topics: topicsById, languages: languagesById };
}

type Count = { value: string; n: number };

/** One GROUP BY per facet, all run together. */
async function facetCounts(db: Executor, search: CourseSearch, match: string | null): Promise<CourseFacets> {
  const except = (facet: CourseFacet) => conditionsExcept(search, match, facet);
  const n = sql<number>`count(DISTINCT ${courses.id})`;
  const viaLink = (facet: CourseFacet, table: SQLiteTable, courseId: SQLiteColumn, value: SQLiteColumn) =>
    db
      .select({ value: sql<string>`${value}`, n })
      .from(table)
      .innerJoin(courses, eq(courses.id, courseId))
      .where(except(facet))
      .groupBy(value);

  const [topicRows, topicCounts, audienceRows, audienceCounts, offenceRows, offenceCounts, languageCounts, levelCounts, modeCounts, providerCounts] =
    await Promise.all([
      db.select({ code: topics.code, label: topics.label, parentCode: topics.parentCode }).from(topics).where(isNull(topics.deletedAt)).orderBy(asc(topics.sortOrder), asc(topics.code)),
      // A parent topic counts the courses tagged with it or with any of its subtopics, each once.
      db
        .select({ value: topics.code, n })
        .from(topics)
        .innerJoin(courseTopics, inTopicFamily(courseTopics.topicCode, topics.code))
        .innerJoin(courses, eq(courses.id, courseTopics.courseId))
        .where(except("topic"))
        .groupBy(topics.code),
      db.select({ code: audiences.code, label: audiences.label }).from(audiences).orderBy(asc(audiences.sortOrder)),
      viaLink("audience", courseAudiences, courseAudiences.courseId, courseAudiences.audienceCode),
      db.select({ code: offenceFocuses.code, label: offenceFocuses.label }).from(offenceFocuses).orderBy(asc(offenceFocuses.sortOrder)),
      viaLink("offence", courseOffences, courseOffences.courseId, courseOffences.offenceCode),
      viaLink("language", courseLanguages, courseLanguages.courseId, courseLanguages.language),
      db.select({ value: sql<string>`${courses.level}`, n }).from(courses).where(except("level")).groupBy(courses.level),
      db.select({ value: sql<string>`${courses.mode}`, n }).from(courses).where(except("mode")).groupBy(courses.mode),
      db
        .select({ value: courses.providerId, label: organisations.name, acronym: organisations.acronym, n })
        .from(courses)
        .innerJoin(organisations, eq(organisations.id, courses.providerId))
        .where(except("provider"))
        .groupBy(courses.providerId),
    ]);

  const selected = (facet: CourseFacet) => new Set(search.filters[facet]);
  const options = (facet: CourseFacet, all: { value: string; label: string; depth?: number }[], counts: Count[]) => {
    const chosen = selected(facet);
    const byValue = new Map(counts.map((c) => [c.value, c.n]));
    return all.map((o) => ({ depth: 0, ...o, count: byValue.get(o.value) ?? 0, selected: chosen.has(o.value) }));
  };
  // Open-ended lists (languages, providers) show only values with courses, plus whatever is ticked.
  const openEnded = (facet: CourseFacet, counts: (Count & { label: string })[]) => {
    const chosen = selected(facet);
    const known = new Set(counts.map((c) => c.value));
    const missing = [...chosen].filter((v) => !known.has(v)).map((value) => ({ value, label: value, n: 0 }));
    return [...counts, ...missing]
      .map((c) => ({ value: c.value, label: c.label, count: c.n, selected: chosen.has(c.value), depth: 0 }))
      .sort((a, b) => a.label.localeCompare(b.label));
  };

  return {
    topic: options(
      "topic",
      topicRows.map((t) => ({ value: t.code, label: t.label, depth: t.parentCode ? 1 : 0 })),
      topicCounts,
    ),
    audience: options("audience", audienceRows.map((a) => ({ value: a.code, label: a.label })), audienceCounts),
    offence: options("offence", offenceRows.map((o) => ({ value: o.code, label: o.label })), offenceCounts),
    level: options("level", LEVELS.map((l) => ({ value: l, label: humanise(l) })), levelCounts),
    mode: options("mode", MODES.map((m) => ({ value: m, label: humanise(m) })), modeCounts),
    language: openEnded("language", languageCounts.map((c) => ({ ...c, label: languageLabel(c.value) }))),
    provider: openEnded(
      "provider",
      providerCounts.map((p) => ({ value: p.value, n: p.n, label: p.acronym ? `${p.label} (${p.acronym})` : p.label })),
    ),
  };
}

export type CourseSearchResult = Awaited<ReturnType<typeof searchCourses>>;
