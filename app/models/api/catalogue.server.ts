// Courses and materials for the API and the list pages' CSV: the catalogue's
// and the library's own queries (same filters, same order), plus the lists
// those pages do not need. A material's file or link is given only to those
// canDownloadMaterial allows; its public description is given to everyone,
// exactly as the library and the material page show it.
import { asc, eq, inArray } from "drizzle-orm";
import { type Executor } from "#db/client.server";
import { audiences, courseAudiences, courseOffences, materials, offenceFocuses } from "#db/schema";
import { COURSE_PARAMS, MATERIAL_PARAMS } from "~/domain/api-endpoints";
import { leavingOutBadParams, type ParamValues } from "~/domain/api-params";
import { COURSE_LIST_PARAMS, MATERIAL_LIST_PARAMS } from "~/domain/list-page-params";
import { type CourseSearch } from "~/domain/course-search";
import { languageLabel } from "~/models/reference.server";
import { searchCourses } from "~/models/course-search.server";
import { canDownloadMaterial, listMaterials, type MaterialFilters } from "~/models/materials.server";
import { humanise } from "~/utils/format";
import { type Paging } from "~/utils/list-params";
import { type Actor } from "~/utils/permissions.server";
import { checkQuery, findUnknownReference } from "./references.server";

type Coded = { code: string; label: string };

// ---------------------------------------------------------------- courses

type CourseQuery = Omit<ParamValues<typeof COURSE_PARAMS>, "page" | "pageSize">;

export function courseSearchOf(p: CourseQuery, paging: Paging): CourseSearch {
  // Ranked when there is search text to rank by, and only then.
  const sort = p.sort === "relevance" && !p.q ? "title" : (p.sort ?? (p.q ? "relevance" : "title"));
  return {
    q: p.q ?? "",
    filters: { topic: p.topic, audience: p.audience, offence: p.offence, level: p.level, mode: p.mode, language: p.language, provider: p.provider },
    status: p.status,
    sort,
    page: paging.page,
    pageSize: paging.pageSize,
  };
}

function unknownCourseReference(db: Executor, p: CourseQuery) {
  return findUnknownReference(db, [
    { parameter: "topic", kind: "topic", values: p.topic },
    { parameter: "audience", kind: "audience", values: p.audience },
    { parameter: "offence", kind: "offence", values: p.offence },
    { parameter: "language", kind: "language", values: p.language },
    { parameter: "provider", kind: "organisation", values: p.provider },
  ]);
}

/** A courses query as the API reads it: its values, or the first bad parameter (a 400). */
export function checkCourseQuery(db: Executor, params: URLSearchParams) {
  return checkQuery(db, COURSE_PARAMS, params, unknownCourseReference);
}

/** The catalogue's query as its page and CSV read it: the search without each bad parameter, and what was wrong with each. */
export async function readCourseListFilters(db: Executor, params: URLSearchParams) {
  const { value, problems } = await leavingOutBadParams(params, (query) => checkQuery(db, COURSE_LIST_PARAMS, query, unknownCourseReference));
  return { filters: courseSearchOf(value, { page: value.page, pageSize: value.pageSize }), problems };
}

export async function listCourseRecords(db: Executor, search: CourseSearch) {
  const { items, total } = await searchCourses(db, search);
  const ids = items.map((c) => c.id);
  const [audienceRows, offenceRows] = ids.length
    ? await Promise.all([
        db
          .select({ courseId: courseAudiences.courseId, code: audiences.code, label: audiences.label })
          .from(courseAudiences)
          .innerJoin(audiences, eq(audiences.code, courseAudiences.audienceCode))
          .where(inArray(courseAudiences.courseId, ids))
          .orderBy(asc(audiences.sortOrder)),
        db
          .select({ courseId: courseOffences.courseId, code: offenceFocuses.code, label: offenceFocuses.label })
          .from(courseOffences)
          .innerJoin(offenceFocuses, eq(offenceFocuses.code, courseOffences.offenceCode))
          .where(inArray(courseOffences.courseId, ids))
          .orderBy(asc(offenceFocuses.sortOrder)),
      ])
    : [[], []];
  const of = (rows: ({ courseId: string } & Coded)[], id: string): Coded[] => rows.filter((r) => r.courseId === id).map(({ code, label }) => ({ code, label }));
  const records = items.map((c) => ({ ...c, audiences: of(audienceRows, c.id), offences: of(offenceRows, c.id) }));
  return { records, total };
}

type CourseRecord = Awaited<ReturnType<typeof listCourseRecords>>["records"][number];

export function courseApiItem(c: CourseRecord) {
  return {
    id: c.id,
    title: c.title,
    summary: c.summary,
    provider: { id: c.providerId, name: c.providerName, acronym: c.providerAcronym },
    level: c.level,
    mode: c.mode,
    durationHours: c.durationHours,
    status: c.status,
    topics: c.topics.map((t) => t.code),
    audiences: c.audiences.map((a) => a.code),
    offenceFocus: c.offences.map((o) => o.code),
    languages: c.languages,
  };
}

export const COURSE_CSV_HEADER = ["id", "title", "summary", "provider_id", "provider", "level", "mode", "duration_hours", "status", "topics", "topic_labels", "audiences", "audience_labels", "offence_focus", "offence_focus_labels", "languages", "language_labels"];

export function courseCsvRow(c: CourseRecord) {
  const codes = (list: Coded[]) => list.map((x) => x.code).join(";");
  const labels = (list: Coded[]) => list.map((x) => x.label).join("; ");
  return [
    c.id,
    c.title,
    c.summary,
    c.providerId,
    c.providerName,
    c.level,
    c.mode,
    c.durationHours,
    c.status,
    codes(c.topics),
    labels(c.topics),
    codes(c.audiences),
    labels(c.audiences),
    codes(c.offences),
    labels(c.offences),
    c.languages.join(";"),
    c.languages.map(languageLabel).join("; "),
  ];
}

// ---------------------------------------------------------------- materials

type MaterialQuery = Omit<ParamValues<typeof MATERIAL_PARAMS>, "page" | "pageSize">;

export function materialFiltersOf(p: MaterialQuery): MaterialFilters {
  return {
    q: p.q ?? undefined,
    kind: p.kind ?? undefined,
    language: p.language ?? undefined,
    accessLevel: p.access ?? undefined,
    publisherId: p.publisher ?? undefined,
    topic: p.topic ?? undefined,
  };
}

function unknownMaterialReference(db: Executor, p: MaterialQuery) {
  return findUnknownReference(db, [
    { parameter: "topic", kind: "topic", values: p.topic },
    { parameter: "language", kind: "language", values: p.language },
    { parameter: "publisher", kind: "organisation", values: p.publisher },
  ]);
}

/** A materials query as the API reads it: its values, or the first bad parameter (a 400). */
export function checkMaterialQuery(db: Executor, params: URLSearchParams) {
  return checkQuery(db, MATERIAL_PARAMS, params, unknownMaterialReference);
}

/** The library's query as its page and CSV read it: the filters and paging without each bad parameter, and what was wrong with each. */
export async function readMaterialListFilters(db: Executor, params: URLSearchParams) {
  const { value, problems } = await leavingOutBadParams(params, (query) => checkQuery(db, MATERIAL_LIST_PARAMS, query, unknownMaterialReference));
  return { filters: materialFiltersOf(value), paging: { page: value.page, pageSize: value.pageSize }, problems };
}

/**
 * One page of the library as `actor` may see it. `download` is null unless
 * the actor may have the file or link: then the download address (relative
 * to the site), the external link or file details.
 */
export async function listMaterialRecords(db: Executor, actor: Actor, filters: MaterialFilters, paging: Paging) {
  const { items, total } = await listMaterials(db, filters, paging);
  const ids = items.map((m) => m.id);
  const extra = ids.length
    ? await db
        .select({
          id: materials.id,
          description: materials.description,
          licence: materials.licence,
          externalUrl: materials.externalUrl,
          fileName: materials.fileName,
          fileSize: materials.fileSize,
          mediaType: materials.mediaType,
          sha256: materials.sha256,
        })
        .from(materials)
        .where(inArray(materials.id, ids))
    : [];
  const byId = new Map(extra.map((e) => [e.id, e]));
  const records = await Promise.all(
    items.map(async (m) => {
      const more = byId.get(m.id)!;
      const allowed = await canDownloadMaterial(db, actor, m);
      const download = allowed
        ? {
            url: `/materials/${m.id}/download`,
            externalUrl: more.externalUrl,
            fileName: more.fileName,
            fileSize: more.fileSize,
            mediaType: more.mediaType,
            sha256: more.sha256,
          }
        : null;
      return { ...m, description: more.description, licence: more.licence, download };
    }),
  );
  return { records, total };
}

type MaterialRecord = Awaited<ReturnType<typeof listMaterialRecords>>["records"][number];

export function materialApiItem(m: MaterialRecord, origin: string) {
  return {
    id: m.id,
    title: m.title,
    description: m.description,
    kind: m.kind,
    language: m.language,
    licence: m.licence,
    edition: m.edition,
    accessLevel: m.accessLevel,
    publisher: { id: m.publisherId, name: m.publisherName },
    courseId: m.courseId,
    updatedAt: m.updatedAt,
    canDownload: m.download !== null,
    download: m.download && { ...m.download, url: new URL(m.download.url, origin).href },
  };
}

export const MATERIAL_CSV_HEADER = ["id", "title", "kind", "kind_label", "language", "language_label", "access_level", "edition", "licence", "publisher_id", "publisher", "course_id", "course", "updated_at", "download_url"];

export function materialCsvRow(m: MaterialRecord, origin: string) {
  return [
    m.id,
    m.title,
    m.kind,
    humanise(m.kind),
    m.language,
    languageLabel(m.language),
    m.accessLevel,
    m.edition,
    m.licence,
    m.publisherId,
    m.publisherName,
    m.courseId,
    m.courseTitle,
    m.updatedAt,
    m.download ? new URL(m.download.url, origin).href : "",
  ];
}
