// GET /api/v1/sessions.csv: the DESIGN §7.1 columns, so an export re-imports
// losslessly; the same filters as /api/v1/sessions, every match (no paging).
import { getDb } from "#db/client.server";
import { sessionCsvParts } from "~/models/api/session-exports.server";
import { checkSessionFilters } from "~/models/api/sessions.server";
import { apiLoader, streamedDownload, valueOrThrow } from "~/utils/api.server";
import { today } from "~/utils/format";

export const loader = apiLoader(async ({ request, actor }) => {
  const db = getDb();
  const filters = valueOrThrow(await checkSessionFilters(db, new URL(request.url).searchParams));
  return streamedDownload(sessionCsvParts(db, actor, filters), {
    contentType: "text/csv; charset=utf-8",
    fileName: `training-sessions-${today()}.csv`,
  });
});
