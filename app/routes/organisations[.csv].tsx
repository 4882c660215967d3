// /organisations.csv: the organisations list as CSV with its filters; a filter the page would leave out is refused.
import { type LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "#db/client.server";
import { readOrganisationListFilters } from "~/models/api/directory.server";
import { organisationCsvParts } from "~/models/api/list-exports.server";
import { streamedDownload, throwIfParamError } from "~/utils/api.server";
import { today } from "~/utils/format";

export async function loader({ request }: LoaderFunctionArgs) {
  const db = getDb();
  const { filters, problems } = await readOrganisationListFilters(db, new URL(request.url).searchParams);
  throwIfParamError(problems[0] ?? null);
  const { page: _page, pageSize: _size, ...unpaged } = filters;
  return streamedDownload(organisationCsvParts(db, unpaged), { contentType: "text/csv; charset=utf-8", fileName: `organisations-${today()}.csv` });
}
