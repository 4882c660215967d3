// GET /api/v1/coverage?from=&to=&topic=&audience=&region= (DESIGN §7.2): public
// coverage cells, computed exactly as the coverage pages compute them. Open
// requests count only those the caller may read on /api/v1/requests.
import { getDb } from "#db/client.server";
import { parseApiCoverageParams } from "~/domain/coverage-params";
import { findUnknownCode, getCoverage } from "~/models/coverage.server";
import { requestVisibility } from "~/models/requests.server";
import { apiError, apiJson, apiLoader } from "~/utils/api.server";

export const loader = apiLoader(async ({ request, actor }) => {
  const parsed = parseApiCoverageParams(new URL(request.url).searchParams);
  if (!parsed.ok) return apiError(parsed.error, parsed.parameter);
  const db = getDb();
  const q = parsed.value;
  const unknown = await findUnknownCode(db, q);
  if (unknown) return apiError(unknown.error, unknown.parameter);
  const cells = await getCoverage(db, { ...q, requestsVisibleTo: requestVisibility(actor) });
  return apiJson({
    from: q.from,
    to: q.to,
    cells: cells.map((c) => ({
      country: c.country,
      topic: c.topic,
      delivered: c.delivered,
      planned: c.planned,
      participants: c.participants,
      lastDelivered: c.lastDelivered,
      needLevel: c.needLevel,
      openRequests: c.openRequests,
    })),
  });
});
