// GET /api/v1/sessions.hxl.csv: HXL-tagged 3W rows for humanitarian tools, public facts only.
import { getDb } from "#db/client.server";
import { hxlParts } from "~/models/api/session-exports.server";
import { checkSessionFilters } from "~/models/api/sessions.server";
import { apiLoader, streamedDownload, valueOrThrow } from "~/utils/api.server";
import { today } from "~/utils/format";

export const loader = apiLoader(async ({ request }) => {
  const db = getDb();
  const filters = valueOrThrow(await checkSessionFilters(db, new URL(request.url).searchParams));
  return streamedDownload(hxlParts(db, filters), {
    contentType: "text/csv; charset=utf-8",
    fileName: `training-sessions-3w-hxl-${today()}.csv`,
  });
});
