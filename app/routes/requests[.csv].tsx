// /requests.csv: the requests list as CSV with the page's filters (every match), to the same people the page shows them to.
import { type LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "#db/client.server";
import { requestCsvParts } from "~/models/api/list-exports.server";
import { readRequestListFilters } from "~/models/request-queries.server";
import { getActor } from "~/utils/auth.server";
import { streamedDownload } from "~/utils/api.server";
import { today } from "~/utils/format";

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await getActor(request);
  const filters = readRequestListFilters(new URL(request.url).searchParams);
  return streamedDownload(requestCsvParts(getDb(), actor, filters), { contentType: "text/csv; charset=utf-8", fileName: `requests-${today()}.csv` });
}
