// GET /api/v1/coverage?from=&to=&topic=&audience=&region= (DESIGN §7.2): public
// coverage cells, computed exactly as the coverage pages compute them. Open
// requests count only those the caller may read on /api/v1/requests.
import { getDb } from "#db/client.server";
import { parseApiCoverageParams } from "~/domain/coverage-params";
import { findUnknownReference } from "~/models/api/references.server";
import { getCoverage } from "~/models/coverage.server";
import { requestVisibility } from "~/models/requests.server";
import { apiJson, apiLoader, throwIfParamError, valueOrThrow } from "~/utils/api.server";

export const loader = apiLoader(async ({ request, actor }) => {
  const q = valueOrThrow(parseApiCoverageParams(new URL(request.url).searchParams));
  const db = getDb();
  throwIfParamError(
    await findUnknownReference(db, [
      { parameter: "topic", kind: "topic", values: q.topicPrefix },
      { parameter: "audience", kind: "audience", values: q.audiences },
      { parameter: "region", kind: "region", values: q.region },
    ]),
  );
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
