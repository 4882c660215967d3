// /coverage/gaps.csv: the ranked gap list with the same filters as the page.
import { type LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "#db/client.server";
import { readPageCoverageFilters } from "~/domain/coverage-params";
import { gapListCsv } from "~/domain/gap-csv";
import { countryExists, getGapList } from "~/models/coverage-views.server";
import { requestVisibility } from "~/models/requests.server";
import { getActor } from "~/utils/auth.server";
import { today } from "~/utils/format";

export async function loader({ request }: LoaderFunctionArgs) {
  const params = new URL(request.url).searchParams;
  const filters = readPageCoverageFilters(params, today());
  const db = getDb();
  const code = params.get("country")?.trim().toUpperCase();
  const country = code ? await countryExists(db, code) : null;
  const gaps = await getGapList(db, filters, today(), requestVisibility(await getActor(request)), { country: country?.code ?? null });
  return new Response(gapListCsv(gaps), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="coverage-gaps-${today()}.csv"`,
    },
  });
}
