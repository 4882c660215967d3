// /requests.csv: the requests list as CSV with the page's filters (every match), to the same people the page shows them to; a filter the page would leave out is refused.
import { type LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "#db/client.server";
import { requestCsvParts } from "~/models/api/list-exports.server";
import { readRequestListFilters } from "~/models/api/requests.server";
import { getActor } from "~/utils/auth.server";
import { streamedDownload, throwIfParamError } from "~/utils/api.server";
import { today } from "~/utils/format";

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await getActor(request);
  const db = getDb();
  const { filters, problems } = await readRequestListFilters(db, new URL(request.url).searchParams);
  throwIfParamError(problems[0] ?? null);
  return streamedDownload(requestCsvParts(db, actor, filters), { contentType: "text/csv; charset=utf-8", fileName: `requests-${today()}.csv` });
}
