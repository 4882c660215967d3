// GET /api/v1/requests: assistance requests; public ones for everyone, a focal point's own country's, all for coordinators.
import { getDb } from "#db/client.server";
import { checkRequestQuery, listApiRequests } from "~/models/api/requests.server";
import { apiJson, apiLoader, valueOrThrow } from "~/utils/api.server";

export const loader = apiLoader(async ({ request, actor }) => {
  const db = getDb();
  const { page, pageSize, ...params } = valueOrThrow(await checkRequestQuery(db, new URL(request.url).searchParams));
  return apiJson(await listApiRequests(db, actor, params, { page, pageSize }));
});
