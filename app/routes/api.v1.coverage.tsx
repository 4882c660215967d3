// GET /api/v1/coverage?from=&to=&topic=&audience=&region= (DESIGN §7.2): public
// coverage cells, computed exactly as the coverage pages compute them.
import { type LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "#db/client.server";
import { parseApiCoverageParams } from "~/domain/coverage-params";
import { findUnknownCode, getCoverage } from "~/models/coverage.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const parsed = parseApiCoverageParams(new URL(request.url).searchParams);
  if (!parsed.ok) return Response.json({ error: parsed.error, parameter: parsed.parameter }, { status: 400 });
  const db = getDb();
  const q = parsed.value;
  const unknown = await findUnknownCode(db, q);
  if (unknown) return Response.json(unknown, { status: 400 });
  const cells = await getCoverage(db, q);
  return Response.json({
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
}
