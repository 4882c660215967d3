// GET /api/v1/sessions.iati.xml: IATI 2.03 activities, public facts only,
// whoever asks; the same filters as /api/v1/sessions.
import { getDb } from "#db/client.server";
import { iatiParts } from "~/models/api/session-exports.server";
import { checkSessionFilters } from "~/models/api/sessions.server";
import { apiLoader, streamedDownload, valueOrThrow } from "~/utils/api.server";
import { today } from "~/utils/format";

export const loader = apiLoader(async ({ request }) => {
  const db = getDb();
  const filters = valueOrThrow(await checkSessionFilters(db, new URL(request.url).searchParams));
  const context = { today: today(), generatedAt: new Date().toISOString() };
  return streamedDownload(iatiParts(db, filters, context), {
    contentType: "application/xml; charset=utf-8",
    fileName: `training-sessions-iati-${today()}.xml`,
    inline: true,
  });
});
