// GET /api/v1/sessions.ics?country=&region=&topic=: an iCalendar feed of
// planned and confirmed sessions that calendar apps subscribe to.
import { getDb } from "#db/client.server";
import { SESSION_FILTER_PARAMS } from "~/domain/api-endpoints";
import { checkDateOrder } from "~/domain/api-params";
import { calendarParts } from "~/models/api/session-exports.server";
import { toSessionFilters } from "~/domain/api-endpoints";
import { unknownSessionReference } from "~/models/api/sessions.server";
import { apiLoader, readApiParams, streamedDownload, throwIfParamError } from "~/utils/api.server";

export const loader = apiLoader(async ({ request }) => {
  const params = readApiParams(request, SESSION_FILTER_PARAMS);
  throwIfParamError(checkDateOrder(params));
  const db = getDb();
  throwIfParamError(await unknownSessionReference(db, params));
  const narrowedBy = [...params.country, params.region && `region ${params.region}`, ...params.topic].filter(Boolean).join(", ");
  const name = narrowedBy ? `Training sessions: ${narrowedBy}` : "Training sessions";
  return streamedDownload(
    calendarParts(db, toSessionFilters(params), {
      siteUrl: new URL(request.url).origin,
      generatedAt: new Date().toISOString(),
      name,
      description: "Planned and confirmed training sessions from the Training Coordination Registry",
    }),
    { contentType: "text/calendar; charset=utf-8", fileName: "training-sessions.ics", inline: true },
  );
});
