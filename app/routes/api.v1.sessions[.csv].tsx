// GET /api/v1/sessions.csv: the DESIGN §7.1 columns, so an export re-imports
// losslessly; the same filters as /api/v1/sessions, every match (no paging).
import { getDb } from "#db/client.server";
import { SESSION_FILTER_PARAMS } from "~/domain/api-endpoints";
import { checkDateOrder } from "~/domain/api-params";
import { sessionCsvParts } from "~/models/api/session-exports.server";
import { toSessionFilters } from "~/domain/api-endpoints";
import { unknownSessionReference } from "~/models/api/sessions.server";
import { apiLoader, readApiParams, streamedDownload, throwIfParamError } from "~/utils/api.server";
import { today } from "~/utils/format";

export const loader = apiLoader(async ({ request, actor }) => {
  const params = readApiParams(request, SESSION_FILTER_PARAMS);
  throwIfParamError(checkDateOrder(params));
  const db = getDb();
  throwIfParamError(await unknownSessionReference(db, params));
  return streamedDownload(sessionCsvParts(db, actor, toSessionFilters(params)), {
    contentType: "text/csv; charset=utf-8",
    fileName: `training-sessions-${today()}.csv`,
  });
});
