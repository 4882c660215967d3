// /countries.csv: the countries page as CSV, with its "only countries with sessions" choice; a value the page would leave out is refused.
import { type LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "#db/client.server";
import { countryCsv } from "~/models/api/list-exports.server";
import { listCountryRegions, readCountryListFilters } from "~/models/countries.server";
import { throwIfParamError } from "~/utils/api.server";
import { today } from "~/utils/format";

export async function loader({ request }: LoaderFunctionArgs) {
  const { filters, problems } = await readCountryListFilters(new URL(request.url).searchParams);
  throwIfParamError(problems[0] ?? null);
  const regions = await listCountryRegions(getDb(), filters);
  return new Response(countryCsv(regions), {
    headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="countries-${today()}.csv"` },
  });
}
