// /courses.csv: the course catalogue as CSV, with the catalogue's search and filters (every match) and labels beside codes; a filter the page would leave out is refused.
import { type LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "#db/client.server";
import { readCourseListFilters } from "~/models/api/catalogue.server";
import { courseCsvParts } from "~/models/api/list-exports.server";
import { streamedDownload, throwIfParamError } from "~/utils/api.server";
import { today } from "~/utils/format";

export async function loader({ request }: LoaderFunctionArgs) {
  const db = getDb();
  const { filters, problems } = await readCourseListFilters(db, new URL(request.url).searchParams);
  throwIfParamError(problems[0] ?? null);
  return streamedDownload(courseCsvParts(db, filters), { contentType: "text/csv; charset=utf-8", fileName: `courses-${today()}.csv` });
}
