// /courses.csv: the course catalogue as CSV, with the catalogue's search and filters (every match) and labels beside codes.
import { type LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "#db/client.server";
import { readCourseSearch } from "~/domain/course-search";
import { courseCsvParts } from "~/models/api/list-exports.server";
import { streamedDownload } from "~/utils/api.server";
import { today } from "~/utils/format";

export async function loader({ request }: LoaderFunctionArgs) {
  const search = readCourseSearch(new URL(request.url).searchParams);
  return streamedDownload(courseCsvParts(getDb(), search), { contentType: "text/csv; charset=utf-8", fileName: `courses-${today()}.csv` });
}
