// What a catalogue search asks for. It is read from the URL by
// courseSearchOf (models/api/catalogue.server.ts), the same way for the
// catalogue page, its CSV and the API; the query itself runs in
// models/course-search.server.ts.

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

