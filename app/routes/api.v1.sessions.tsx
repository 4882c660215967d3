// GET /api/v1/sessions?country=&topic=&from=&to=&status=&page=&pageSize= (DESIGN §7.2).
import { getDb } from "#db/client.server";
import { SESSION_LIST_PARAMS } from "~/domain/session-filters";
import { listApiSessions, checkSessionFilters } from "~/models/api/sessions.server";
import { apiJson, apiLoader, readApiParams, valueOrThrow } from "~/utils/api.server";

export const loader = apiLoader(async ({ request, actor }) => {
  const { page, pageSize } = readApiParams(request, SESSION_LIST_PARAMS);
  const db = getDb();
  const filters = valueOrThrow(await checkSessionFilters(db, new URL(request.url).searchParams, SESSION_LIST_PARAMS));
  return apiJson(await listApiSessions(db, actor, filters, { page, pageSize }));
});
