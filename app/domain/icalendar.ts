// Planned and confirmed training sessions as an iCalendar feed (RFC 5545,
// with the RFC 7986 calendar name and refresh interval) that calendar apps
// subscribe to. Sessions are whole-day events: the dates are what the
// registry knows, not times. A confirmed session is CONFIRMED, a planned one
// TENTATIVE. The uid is the session id and the sequence its record version,
// so an app updates an event in place when the session changes.
//
// Written here rather than with the `ics` package: it validates every event
// with a schema library (about 3.5 ms an event, seconds of blocked server for
// a busy feed), cannot stream, and leaves commas inside CATEGORIES unescaped.
export type CalendarSession = {
  id: string;
  version: number;
  title: string;
  status: string;
  startDate: string;
  endDate: string;
  city: string | null;
  hostCountryName: string;
  provider: { name: string };
  topicList: { label: string }[];
  updatedAt: string;
};

export const CALENDAR_STATUSES = ["planned", "confirmed"] as const;

const CRLF = "\r\n";

/** TEXT values: backslash, semicolon, comma and newlines escaped (RFC 5545 §3.3.11). */
export function escapeText(text: string): string {
  return text
    .replace(/[\\;,]/g, (c) => `\\${c}`)
    .replace(/\r\n|\r|\n/g, "\\n")
    .replace(/[\u0000-\u0008\u000B-\u001F\u007F]/g, "");
}

/** Lines longer than 75 octets continue on the next line after a space, never inside a character. */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = "";
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char, "utf8");
    // The first line has 75 octets; continuation lines lose one to the leading space.
    if (octets + size > (parts.length ? 74 : 75)) {
      parts.push(current);
      current = "";
      octets = 0;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join(`${CRLF} `);
}

function compactDate(iso: string) {
  return iso.replaceAll("-", "");
}

/** A UTC timestamp, 20250101T100000Z. */
function compactTimestamp(iso: string) {
  return `${new Date(iso).toISOString().replace(/[-:]/g, "").slice(0, 15)}Z`;
}

/** All-day events end on the day after their last day. */
function dayAfter(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

function lines(properties: [string, string | null][]): string {
  return properties
    .filter((p): p is [string, string] => p[1] !== null && p[1] !== "")
    .map(([name, value]) => foldLine(`${name}:${value}`) + CRLF)
    .join("");
}

export function calendarHeader(args: { name: string; description: string }): string {
  return lines([
    ["BEGIN", "VCALENDAR"],
    ["VERSION", "2.0"],
    ["PRODID", "-//Training Coordination Registry//Sessions//EN"],
    ["CALSCALE", "GREGORIAN"],
    ["METHOD", "PUBLISH"],
    ["NAME", escapeText(args.name)],
    ["X-WR-CALNAME", escapeText(args.name)],
    ["DESCRIPTION", escapeText(args.description)],
    ["REFRESH-INTERVAL;VALUE=DURATION", "PT6H"],
    ["X-PUBLISHED-TTL", "PT6H"],
  ]);
}

export const CALENDAR_FOOTER = `END:VCALENDAR${CRLF}`;

export function calendarEvent(s: CalendarSession, args: { siteUrl: string; generatedAt: string }): string {
  const url = new URL(`/sessions/${s.id}`, args.siteUrl).href;
  const description = [`Provider: ${s.provider.name}`, `Topics: ${s.topicList.map((t) => t.label).join("; ")}`, `Status: ${s.status}`, url].join("\n");
  return lines([
    ["BEGIN", "VEVENT"],
    ["UID", `${s.id}@training-coordination-registry`],
    ["DTSTAMP", compactTimestamp(args.generatedAt)],
    ["SEQUENCE", String(s.version)],
    ["LAST-MODIFIED", compactTimestamp(s.updatedAt)],
    ["DTSTART;VALUE=DATE", compactDate(s.startDate)],
    ["DTEND;VALUE=DATE", compactDate(dayAfter(s.endDate))],
    ["SUMMARY", escapeText(s.title)],
    ["LOCATION", escapeText([s.city, s.hostCountryName].filter(Boolean).join(", "))],
    ["DESCRIPTION", escapeText(description)],
    ["URL", url],
    ["CATEGORIES", s.topicList.map((t) => escapeText(t.label)).join(",")],
    ["STATUS", s.status === "confirmed" ? "CONFIRMED" : "TENTATIVE"],
    // A training someone else runs should not block the subscriber's own time.
    ["TRANSP", "TRANSPARENT"],
    ["END", "VEVENT"],
  ]);
}

/** A whole feed (for tests and small calendars). */
export function calendarFeed(sessions: CalendarSession[], args: { siteUrl: string; generatedAt: string; name: string; description: string }): string {
  return calendarHeader(args) + sessions.map((s) => calendarEvent(s, args)).join("") + CALENDAR_FOOTER;
}
