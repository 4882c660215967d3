// /sessions.csv: the sessions list as CSV, with the page's filters (every match, not one page) and labels beside codes.
import { type LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "#db/client.server";
import { readSessionFilters } from "~/domain/session-filters";
import { sessionListCsvParts } from "~/models/api/session-exports.server";
import { streamedDownload } from "~/utils/api.server";
import { today } from "~/utils/format";

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const query = { ...readSessionFilters(url.searchParams), reporter: null };
  return streamedDownload(sessionListCsvParts(getDb(), query, url.origin), { contentType: "text/csv; charset=utf-8", fileName: `sessions-${today()}.csv` });
}
