// /coverage/gaps.csv: the ranked gap list with the same filters as the page.
import { type LoaderFunctionArgs } from "@remix-run/node";
import { stringify } from "csv-stringify/sync";
import { getDb } from "#db/client.server";
import { readPageCoverageFilters } from "~/domain/coverage-params";
import { neutraliseCell } from "~/domain/gaps";
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
  const header = ["rank", "country", "country_name", "region", "topic", "topic_label", "need_level", "open_requests", "oldest_request_days", "last_delivered", "days_since_delivery", "reasons"];
  const rows = gaps.map((g) => [
    g.rank,
    g.country,
    g.countryName,
    g.regionName,
    g.topic,
    g.topicLabel,
    g.needLevel,
    g.openRequests,
    g.oldestRequestDays,
    g.lastDeliveredBefore,
    g.daysSinceDelivery,
    g.reasons.join("; "),
  ]);
  const body = stringify([header, ...rows.map((r) => r.map(neutraliseCell))]);
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="coverage-gaps-${today()}.csv"`,
    },
  });
}
