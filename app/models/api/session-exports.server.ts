// Every session export, written a batch at a time so a large one streams:
// the §7.1 CSV that re-imports losslessly, the list page's CSV with labels
// beside codes, IATI 2.03 XML, HXL 3W CSV and the iCalendar feed. All take
// the sessions list's filters. What a reader may not see never gets in:
// notes only for those allowed a session's restricted detail (the §7.1 CSV),
// and nothing restricted in the public formats at all.
import { type SessionFilters } from "~/domain/session-filters";
import { type Executor } from "#db/client.server";
import { csvDocument, csvRows } from "~/domain/csv-safety";
import { HXL_HEADER, HXL_TAGS, hxlRows } from "~/domain/hxl";
import { IATI_FOOTER, iatiActivity, iatiHeader } from "~/domain/iati";
import { CALENDAR_FOOTER, CALENDAR_STATUSES, calendarEvent, calendarHeader } from "~/domain/icalendar";
import { SESSION_CSV_COLUMNS } from "~/domain/session-csv";
import { humanise } from "~/utils/format";
import { type Actor } from "~/utils/permissions.server";
import { matchingSessionBatches, maySeeRestricted, type SessionRecord } from "./session-records.server";

const list = (values: string[]) => values.join(";");

/**
 * One §7.1 row. A session registered without an external id (on the web
 * form) is exported under its registry id, so the row still names it.
 */
export function sessionCsvRow(r: SessionRecord, actor: Actor) {
  return [
    r.externalId ?? r.id,
    r.title,
    r.courseId,
    r.provider.name,
    list(r.funderList.map((f) => f.name)),
    r.hostCountry,
    list(r.beneficiaries.map((c) => c.code)),
    r.city,
    r.startDate,
    r.endDate,
    r.status,
    list(r.topicList.map((t) => t.code)),
    list(r.audienceList.map((a) => a.code)),
    list(r.offenceList.map((o) => o.code)),
    r.language,
    r.mode,
    r.participants,
    list(r.trainerList.map((t) => t.name)),
    r.providerRef,
    maySeeRestricted(actor, r) ? r.notes : null,
  ];
}

export async function* sessionCsvParts(db: Executor, actor: Actor, query: SessionFilters): AsyncGenerator<string> {
  yield csvDocument([[...SESSION_CSV_COLUMNS]]);
  for await (const batch of matchingSessionBatches(db, query)) yield csvRows(batch.map((r) => sessionCsvRow(r, actor)));
}

const LIST_HEADER = [
  "id",
  "title",
  "status",
  "status_label",
  "start_date",
  "end_date",
  "host_country",
  "host_country_name",
  "city",
  "beneficiary_countries",
  "beneficiary_country_names",
  "provider_id",
  "provider",
  "funders",
  "topics",
  "topic_labels",
  "audiences",
  "audience_labels",
  "participants",
  "url",
];

function listRow(r: SessionRecord, origin: string) {
  return [
    r.id,
    r.title,
    r.status,
    humanise(r.status),
    r.startDate,
    r.endDate,
    r.hostCountry,
    r.hostCountryName,
    r.city,
    list(r.beneficiaries.map((c) => c.code)),
    r.beneficiaries.map((c) => c.name).join("; "),
    r.provider.id,
    r.provider.name,
    r.funderList.map((f) => f.name).join("; "),
    list(r.topicList.map((t) => t.code)),
    r.topicList.map((t) => t.label).join("; "),
    list(r.audienceList.map((a) => a.code)),
    r.audienceList.map((a) => a.label).join("; "),
    r.participants,
    new URL(`/sessions/${r.id}`, origin).href,
  ];
}

/** The sessions page's CSV: what the list shows, every match rather than one page, labels beside codes. */
export async function* sessionListCsvParts(db: Executor, query: SessionFilters, origin: string): AsyncGenerator<string> {
  yield csvDocument([LIST_HEADER]);
  for await (const batch of matchingSessionBatches(db, query)) yield csvRows(batch.map((r) => listRow(r, origin)));
}

export async function* iatiParts(db: Executor, query: SessionFilters, context: { today: string; generatedAt: string }): AsyncGenerator<string> {
  yield iatiHeader(context.generatedAt);
  let any = false;
  for await (const batch of matchingSessionBatches(db, query)) {
    any ||= batch.length > 0;
    yield batch.map((r) => iatiActivity(r, context)).join("\n") + "\n";
  }
  // The schema wants at least one activity; an empty answer says why it has none.
  if (!any) yield "<!-- No training sessions match these filters. -->\n";
  yield IATI_FOOTER;
}

export async function* hxlParts(db: Executor, query: SessionFilters): AsyncGenerator<string> {
  yield csvDocument([HXL_HEADER, HXL_TAGS]);
  for await (const batch of matchingSessionBatches(db, query)) yield csvRows(batch.flatMap(hxlRows));
}

/** Only planned and confirmed sessions; a status filter can narrow that further, never widen it. */
export function calendarStatuses(query: SessionFilters): SessionFilters["statuses"] {
  return CALENDAR_STATUSES.filter((s) => !query.statuses.length || query.statuses.includes(s));
}

export async function* calendarParts(
  db: Executor,
  query: SessionFilters,
  context: { siteUrl: string; generatedAt: string; name: string; description: string },
): AsyncGenerator<string> {
  yield calendarHeader(context);
  const statuses = calendarStatuses(query);
  if (statuses.length) {
    for await (const batch of matchingSessionBatches(db, { ...query, statuses })) yield batch.map((r) => calendarEvent(r, context)).join("");
  }
  yield CALENDAR_FOOTER;
}
