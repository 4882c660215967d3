// GET /api/v1/sessions?country=&topic=&from=&to=&status=&page=&pageSize= (DESIGN §7.2).
import { getDb } from "#db/client.server";
import { SESSION_LIST_PARAMS } from "~/domain/api-endpoints";
import { checkDateOrder } from "~/domain/api-params";
import { toSessionFilters } from "~/domain/api-endpoints";
import { listApiSessions, unknownSessionReference } from "~/models/api/sessions.server";
import { apiJson, apiLoader, readApiParams, throwIfParamError } from "~/utils/api.server";

export const loader = apiLoader(async ({ request, actor }) => {
  const params = readApiParams(request, SESSION_LIST_PARAMS);
  throwIfParamError(checkDateOrder(params));
  const db = getDb();
  throwIfParamError(await unknownSessionReference(db, params));
  return apiJson(await listApiSessions(db, actor, toSessionFilters(params), { page: params.page, pageSize: params.pageSize }));
});
