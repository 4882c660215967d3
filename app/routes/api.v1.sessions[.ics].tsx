// GET /api/v1/sessions.ics?country=&region=&topic=: an iCalendar feed of
// planned and confirmed sessions that calendar apps subscribe to.
import { getDb } from "#db/client.server";
import { calendarParts } from "~/models/api/session-exports.server";
import { checkSessionFilters } from "~/models/api/sessions.server";
import { apiLoader, streamedDownload, valueOrThrow } from "~/utils/api.server";

export const loader = apiLoader(async ({ request }) => {
  const db = getDb();
  const filters = valueOrThrow(await checkSessionFilters(db, new URL(request.url).searchParams));
  const narrowedBy = [...filters.countries, filters.region && `region ${filters.region}`, ...filters.topics].filter(Boolean).join(", ");
  const name = narrowedBy ? `Training sessions: ${narrowedBy}` : "Training sessions";
  return streamedDownload(
    calendarParts(db, filters, {
      siteUrl: new URL(request.url).origin,
      generatedAt: new Date().toISOString(),
      name,
      description: "Planned and confirmed training sessions from the Training Coordination Registry",
    }),
    { contentType: "text/calendar; charset=utf-8", fileName: "training-sessions.ics", inline: true },
  );
});
