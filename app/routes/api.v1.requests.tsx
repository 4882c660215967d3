// GET /api/v1/requests: assistance requests; public ones for everyone, a focal point's own country's, all for coordinators.
import { getDb } from "#db/client.server";
import { REQUEST_PARAMS } from "~/domain/api-endpoints";
import { listApiRequests, unknownRequestReference } from "~/models/api/requests.server";
import { apiJson, apiLoader, readApiParams, throwIfParamError } from "~/utils/api.server";

export const loader = apiLoader(async ({ request, actor }) => {
  const { page, pageSize, ...params } = readApiParams(request, REQUEST_PARAMS);
  const db = getDb();
  throwIfParamError(await unknownRequestReference(db, { page, pageSize, ...params }));
  return apiJson(await listApiRequests(db, actor, params, { page, pageSize }));
});
