// /sessions.csv: the sessions list as CSV, with the page's filters (every match, not one page) and labels beside codes.
import { type LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "#db/client.server";
import { SESSION_LIST_PARAMS } from "~/domain/session-filters";
import { sessionListCsvParts } from "~/models/api/session-exports.server";
import { readSessionListFilters } from "~/models/api/sessions.server";
import { streamedDownload, throwIfParamError } from "~/utils/api.server";
import { today } from "~/utils/format";

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const db = getDb();
  // Read exactly as the page reads them; what the page would leave out with a message, the file refuses.
  const { filters, problems } = await readSessionListFilters(db, url.searchParams, SESSION_LIST_PARAMS);
  throwIfParamError(problems[0] ?? null);
  return streamedDownload(sessionListCsvParts(db, filters, url.origin), { contentType: "text/csv; charset=utf-8", fileName: `sessions-${today()}.csv` });
}
