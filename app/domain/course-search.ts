// What a catalogue search asks for, read from the URL the same way by the
// catalogue page and by anything else that lists courses (the API, links from
// other pages). No I/O: the query itself runs in models/course-search.server.ts.
import { readList } from "~/utils/list-params";

/** Facets, in the order the sidebar shows them; each is also its URL parameter name. */
export const COURSE_FACETS = ["topic", "audience", "offence", "level", "mode", "language", "provider"] as const;
export type CourseFacet = (typeof COURSE_FACETS)[number];
export type CourseFilters = Record<CourseFacet, string[]>;

export const COURSE_SORTS = ["relevance", "title", "newest"] as const;
export type CourseSort = (typeof COURSE_SORTS)[number];

/** Retired courses stay out of the catalogue unless asked for. */
export const COURSE_STATUS_FILTERS = ["active", "retired", "all"] as const;
export type CourseStatusFilter = (typeof COURSE_STATUS_FILTERS)[number];

export const COURSES_PER_PAGE = 20;

export type CourseSearch = {
  q: string;
  filters: CourseFilters;
  status: CourseStatusFilter;
  sort: CourseSort;
  page: number;
  pageSize: number;
};

function oneOf<T extends string>(allowed: readonly T[], value: string | null, fallback: T): T {
  return allowed.includes(value as T) ? (value as T) : fallback;
}

/**
 * Lenient, as list pages should be: an unknown sort or status falls back to
 * the default rather than failing. Relevance needs search text, so without
 * any the order is by title.
 */
export function readCourseSearch(params: URLSearchParams, pageSize = COURSES_PER_PAGE): CourseSearch {
  const q = (params.get("q") ?? "").trim().slice(0, 200);
  const filters = Object.fromEntries(COURSE_FACETS.map((facet) => [facet, [...new Set(readList(params, facet))].slice(0, 50)])) as CourseFilters;
  let sort = oneOf(COURSE_SORTS, params.get("sort"), q ? "relevance" : "title");
  if (sort === "relevance" && !q) sort = "title";
  const page = Number.parseInt(params.get("page") ?? "1", 10);
  return {
    q,
    filters,
    status: oneOf(COURSE_STATUS_FILTERS, params.get("status"), "active"),
    sort,
    page: Number.isFinite(page) && page >= 1 ? Math.min(page, 10_000) : 1,
    pageSize,
  };
}
