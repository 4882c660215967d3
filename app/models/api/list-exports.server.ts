// The CSV behind each list page's "Download CSV": every row the page's
// current filters match (not only the page on screen), read with the page's
// own query a page of 500 at a time, with readable labels beside codes.
import { type Executor } from "#db/client.server";
import { csvDocument, csvRows, type CsvCell } from "~/domain/csv-safety";
import { type CourseSearch } from "~/domain/course-search";
import { type MaterialFilters } from "~/models/materials.server";
import { type OrganisationFilters } from "~/models/organisations.server";
import { type TrainerFilters } from "~/models/trainer-search.server";
import { REQUEST_STATUS_LABELS } from "~/domain/request-status";
import { type RegionGroup } from "~/domain/country-groups";
import { listRequests, type RequestFilters } from "~/models/request-queries.server";
import { MAX_PAGE_SIZE, type Paging } from "~/utils/list-params";
import { type Actor } from "~/utils/permissions.server";
import { COURSE_CSV_HEADER, courseCsvRow, listCourseRecords, listMaterialRecords, MATERIAL_CSV_HEADER, materialCsvRow } from "./catalogue.server";
import { listOrganisationRecords, listTrainerRecords, ORGANISATION_CSV_HEADER, organisationCsvRow, TRAINER_CSV_HEADER, trainerCsvRow } from "./directory.server";

/** Pages 1, 2, … of `read` until every match has been written. */
async function* pagedCsv<T>(header: string[], read: (paging: Paging) => Promise<{ records: T[]; total: number }>, row: (record: T) => CsvCell[]) {
  yield csvDocument([header]);
  for (let page = 1; ; page++) {
    const { records, total } = await read({ page, pageSize: MAX_PAGE_SIZE });
    if (records.length) yield csvRows(records.map(row));
    if (!records.length || page * MAX_PAGE_SIZE >= total) return;
  }
}

export function courseCsvParts(db: Executor, search: CourseSearch) {
  return pagedCsv(COURSE_CSV_HEADER, (paging) => listCourseRecords(db, { ...search, ...paging }), courseCsvRow);
}

export function materialCsvParts(db: Executor, actor: Actor, filters: MaterialFilters, origin: string) {
  return pagedCsv(MATERIAL_CSV_HEADER, (paging) => listMaterialRecords(db, actor, filters, paging), (m) => materialCsvRow(m, origin));
}

export function trainerCsvParts(db: Executor, actor: Actor, filters: Omit<TrainerFilters, keyof Paging>) {
  return pagedCsv(TRAINER_CSV_HEADER, (paging) => listTrainerRecords(db, actor, { ...filters, ...paging }), trainerCsvRow);
}

export function organisationCsvParts(db: Executor, filters: Omit<OrganisationFilters, keyof Paging>) {
  return pagedCsv(ORGANISATION_CSV_HEADER, (paging) => listOrganisationRecords(db, { ...filters, ...paging }), organisationCsvRow);
}

const REQUEST_CSV_HEADER = ["id", "title", "country", "country_name", "topics", "topic_labels", "urgency", "status", "status_label", "public", "wanted_from", "wanted_to", "submitted_at"];

/** The requests `actor` may see on the list page (non-public ones only for those allowed), with its filters. */
export function requestCsvParts(db: Executor, actor: Actor, filters: RequestFilters) {
  return pagedCsv(
    REQUEST_CSV_HEADER,
    async (paging) => {
      const { items, total } = await listRequests(db, actor, filters, paging);
      return { records: items, total };
    },
    (r) => [r.id, r.title, r.countryCode, r.countryName, r.topicCodes, r.topics, r.urgency, r.status, REQUEST_STATUS_LABELS[r.status], r.isPublic, r.wantedFrom, r.wantedTo, r.createdAt],
  );
}

const COUNTRY_CSV_HEADER = ["country", "country_name", "region", "region_name", "subregion", "subregion_name", "delivered", "planned"];

/** The countries page as CSV: one row per country listed, in the page's order. */
export function countryCsv(regions: RegionGroup[]): string {
  const rows = regions.flatMap((region) =>
    region.subregions.flatMap((subregion) =>
      subregion.countries.map((c) => [c.code, c.name, c.regionCode, c.regionName, c.subregionCode, c.subregionName, c.delivered, c.planned]),
    ),
  );
  return csvDocument([COUNTRY_CSV_HEADER, ...rows]);
}
