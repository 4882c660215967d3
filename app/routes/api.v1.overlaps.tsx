// GET /api/v1/overlaps?from=&to=&country=&window= (DESIGN §7.2): overlapping
// efforts (§4) as pairs with the shared countries, topics, audiences and the
// days between them. Public session facts only, like the donor's check.
import { getDb } from "#db/client.server";
import { OVERLAP_PARAMS } from "~/domain/api-endpoints";
import { checkDateOrder } from "~/domain/api-params";
import { findUnknownReference } from "~/models/api/references.server";
import { defaultOverlapPeriod, overlapReport } from "~/models/overlap-report.server";
import { apiError, apiJson, apiLoader, readApiParams, throwIfParamError } from "~/utils/api.server";
import { today } from "~/utils/format";

export const loader = apiLoader(async ({ request }) => {
  const params = readApiParams(request, OVERLAP_PARAMS);
  throwIfParamError(checkDateOrder(params));
  const db = getDb();
  throwIfParamError(await findUnknownReference(db, [{ parameter: "country", kind: "country", values: params.country }]));
  const period = defaultOverlapPeriod(today());
  const from = params.from ?? (params.to && params.to < period.from ? params.to : period.from);
  const to = params.to ?? (params.from && params.from > period.to ? params.from : period.to);
  const report = await overlapReport(db, { from, to, country: params.country, windowDays: params.window });
  if (report.tooMany) return apiError("Too many sessions in this period to compare at once; give a country or a shorter period", params.country ? "from" : "country");
  const start = (params.page - 1) * params.pageSize;
  return apiJson({
    from,
    to,
    country: params.country,
    window: params.window,
    pairs: report.pairs.slice(start, start + params.pageSize),
    page: params.page,
    pageSize: params.pageSize,
    total: report.pairs.length,
  });
});
