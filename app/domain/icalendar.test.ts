import { describe, expect, it } from "vitest";
import { calendarFeed, escapeText, foldLine, type CalendarSession } from "./icalendar";

const session: CalendarSession = {
  id: "01JSESSION",
  version: 3,
  title: "Preuves électroniques; chaîne de possession, 🙂 — تدريب المحققين على الأدلة الرقمية وحفظها",
  status: "confirmed",
  startDate: "2025-03-30",
  endDate: "2025-03-31",
  city: "Rabat",
  hostCountryName: "Morocco",
  provider: { name: "Example Institute" },
  topicList: [
    { label: "Preservation, chain of custody" },
    { label: "Mobile device forensics" },
  ],
  updatedAt: "2025-01-02T03:04:05.678Z",
};

/** Unfolded content lines as [name with parameters, raw value]. */
function contentLines(feed: string): [string, string][] {
  return feed
    .replace(/\r\n /g, "")
    .split("\r\n")
    .filter(Boolean)
    .map((line) => {
      const colon = line.indexOf(":");
      return [line.slice(0, colon), line.slice(colon + 1)];
    });
}

function unescapeText(value: string) {
  return value.replace(/\\([\\;,nN])/g, (_, c: string) => (c === "n" || c === "N" ? "\n" : c));
}

describe("iCalendar feed", () => {
  const feed = calendarFeed([session, { ...session, id: "01JPLANNED", status: "planned", city: null }], {
    siteUrl: "https://registry.example",
    generatedAt: "2025-06-01T12:00:00.000Z",
    name: "Training sessions: Morocco",
    description: "Planned and confirmed sessions",
  });

  it("uses CRLF and never lets a line exceed 75 octets", () => {
    expect(feed.endsWith("END:VCALENDAR\r\n")).toBe(true);
    for (const line of feed.split("\r\n")) expect(Buffer.byteLength(line, "utf8")).toBeLessThanOrEqual(75);
  });

  it("writes whole-day events whose end is the day after the last day", () => {
    const props = contentLines(feed);
    expect(props).toContainEqual(["DTSTART;VALUE=DATE", "20250330"]);
    expect(props).toContainEqual(["DTEND;VALUE=DATE", "20250401"]);
    expect(props).toContainEqual(["UID", "01JSESSION@training-coordination-registry"]);
    expect(props).toContainEqual(["SEQUENCE", "3"]);
    expect(props.filter(([name]) => name === "STATUS").map(([, v]) => v)).toEqual(["CONFIRMED", "TENTATIVE"]);
  });

  it("reads back titles, places and categories exactly after unfolding and unescaping", () => {
    const props = contentLines(feed);
    const summary = props.find(([name]) => name === "SUMMARY")!;
    expect(unescapeText(summary[1])).toBe(session.title);
    expect(unescapeText(props.find(([name]) => name === "LOCATION")![1])).toBe("Rabat, Morocco");
    const categories = props.find(([name]) => name === "CATEGORIES")![1].split(/(?<!\\),/).map(unescapeText);
    expect(categories).toEqual(["Preservation, chain of custody", "Mobile device forensics"]);
  });

  it("escapes text and folds on character boundaries", () => {
    expect(escapeText("a;b,c\\d\ne")).toBe("a\\;b\\,c\\\\d\\ne");
    const folded = foldLine(`SUMMARY:${"🙂".repeat(40)}`);
    expect(folded.replace(/\r\n /g, "")).toBe(`SUMMARY:${"🙂".repeat(40)}`);
    expect(folded).not.toContain("\uFFFD");
  });
});
