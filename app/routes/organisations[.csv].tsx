// /organisations.csv: the organisations list as CSV with its filters.
import { type LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "#db/client.server";
import { organisationCsvParts } from "~/models/api/list-exports.server";
import { readOrganisationFilters } from "~/models/organisations.server";
import { streamedDownload } from "~/utils/api.server";
import { today } from "~/utils/format";

export async function loader({ request }: LoaderFunctionArgs) {
  const { page: _page, pageSize: _size, ...filters } = readOrganisationFilters(new URL(request.url).searchParams);
  return streamedDownload(organisationCsvParts(getDb(), filters), { contentType: "text/csv; charset=utf-8", fileName: `organisations-${today()}.csv` });
}
