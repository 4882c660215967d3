// The CSV behind each list page's "Download CSV": every row the page's
// current filters match (not only the page on screen), read with the page's
// own query a page of 500 at a time, with readable labels beside codes.
import { type Executor } from "#db/client.server";
import { csvDocument, csvRows, type CsvCell } from "~/domain/csv-safety";
import { type CourseSearch } from "~/domain/course-search";
import { type MaterialFilters } from "~/models/materials.server";
import { type OrganisationFilters } from "~/models/organisations.server";
import { type TrainerFilters } from "~/models/trainer-search.server";
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
