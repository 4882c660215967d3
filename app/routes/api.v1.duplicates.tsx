// GET /api/v1/duplicates?kind=session|course|trainer|organisation&status= (DESIGN §7.2):
// candidate duplicate pairs with their score and reasons, open ones unless
// another status is asked for. Reviewing duplicates is a coordinator's job,
// so the pairs are for coordinators (and their API tokens) only.
import { getDb } from "#db/client.server";
import { DUPLICATE_PARAMS } from "~/domain/api-endpoints";
import { listPairs } from "~/models/duplicates.server";
import { apiError, apiJson, apiLoader, readApiParams } from "~/utils/api.server";
import { isCoordinator } from "~/utils/permissions.server";

export const loader = apiLoader(async ({ request, actor }) => {
  const { kind, status, page, pageSize } = readApiParams(request, DUPLICATE_PARAMS);
  if (!isCoordinator(actor)) return apiError("Only coordinators may read duplicate candidates; sign in or send a coordinator's API token", null, actor ? 403 : 401);
  const statuses = status.length ? status : (["open"] as const);
  const result = await listPairs(getDb(), actor, { kind, statuses, paging: { page, pageSize } });
  return apiJson({
    kind,
    pairs: result.pairs.map((p) => ({ a: p.a, b: p.b, score: p.score, reasons: p.reasons, status: p.status, decidedAt: p.decidedAt })),
    page,
    pageSize,
    total: result.total,
  });
});
