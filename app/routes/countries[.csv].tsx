// /countries.csv: the countries page as CSV, with its "only countries with sessions" choice.
import { type LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "#db/client.server";
import { countryCsv } from "~/models/api/list-exports.server";
import { listCountryRegions, readCountryListFilters } from "~/models/countries.server";
import { today } from "~/utils/format";

export async function loader({ request }: LoaderFunctionArgs) {
  const regions = await listCountryRegions(getDb(), readCountryListFilters(new URL(request.url).searchParams));
  return new Response(countryCsv(regions), {
    headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="countries-${today()}.csv"` },
  });
}
