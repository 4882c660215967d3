// GET /api/v1/sessions.iati.xml: IATI 2.03 activities, public facts only,
// whoever asks; the same filters as /api/v1/sessions.
import { getDb } from "#db/client.server";
import { SESSION_FILTER_PARAMS } from "~/domain/api-endpoints";
import { checkDateOrder } from "~/domain/api-params";
import { iatiParts } from "~/models/api/session-exports.server";
import { toSessionFilters } from "~/domain/api-endpoints";
import { unknownSessionReference } from "~/models/api/sessions.server";
import { apiLoader, readApiParams, streamedDownload, throwIfParamError } from "~/utils/api.server";
import { today } from "~/utils/format";

export const loader = apiLoader(async ({ request }) => {
  const params = readApiParams(request, SESSION_FILTER_PARAMS);
  throwIfParamError(checkDateOrder(params));
  const db = getDb();
  throwIfParamError(await unknownSessionReference(db, params));
  const context = { today: today(), generatedAt: new Date().toISOString() };
  return streamedDownload(iatiParts(db, toSessionFilters(params), context), {
    contentType: "application/xml; charset=utf-8",
    fileName: `training-sessions-iati-${today()}.xml`,
    inline: true,
  });
});
