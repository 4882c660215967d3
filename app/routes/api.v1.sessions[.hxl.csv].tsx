// GET /api/v1/sessions.hxl.csv: HXL-tagged 3W rows for humanitarian tools, public facts only.
import { getDb } from "#db/client.server";
import { SESSION_FILTER_PARAMS } from "~/domain/api-endpoints";
import { checkDateOrder } from "~/domain/api-params";
import { hxlParts } from "~/models/api/session-exports.server";
import { toSessionFilters } from "~/domain/api-endpoints";
import { unknownSessionReference } from "~/models/api/sessions.server";
import { apiLoader, readApiParams, streamedDownload, throwIfParamError } from "~/utils/api.server";
import { today } from "~/utils/format";

export const loader = apiLoader(async ({ request }) => {
  const params = readApiParams(request, SESSION_FILTER_PARAMS);
  throwIfParamError(checkDateOrder(params));
  const db = getDb();
  throwIfParamError(await unknownSessionReference(db, params));
  return streamedDownload(hxlParts(db, toSessionFilters(params)), {
    contentType: "text/csv; charset=utf-8",
    fileName: `training-sessions-3w-hxl-${today()}.csv`,
  });
});
