// Training sessions as IATI 2.03 activities (https://iatistandard.org), so
// aid-transparency tools can read what the registry knows. Only public facts
// go in: nothing here knows about notes, outcomes, contacts or splits by sex.
// Written one activity at a time so a large export streams.
//
// Choices the standard leaves to the publisher (docs/decisions/007-exports.md):
// - Identifiers. Registry organisations have no IATI organisation identifiers,
//   so each gets a registry-scoped ref "TCR-<id>"; an activity's identifier is
//   its reporter's ref plus the session id (stable and unique), and the
//   reporter's own external id is an other-identifier of type A1.
// - activity-status from the status and the dates: planned/confirmed before
//   the start → 1 Pipeline, from the start on → 2 Implementation; completed →
//   4 Closed once the end date has passed, 3 Finalisation before it;
//   cancelled → 5 Cancelled.
// - activity-date: actual (2, 4) only for a completed session and only for a
//   date that has passed (IATI forbids actual dates in the future), planned
//   (1, 3) otherwise.
// - Sectors: DAC 5-digit codes from the topics (vocabulary 1), and every
//   topic code as the registry's own sector (vocabulary 99); percentages are
//   split evenly within each vocabulary and add up to 100.

export type IatiOrganisation = { id: string; name: string; kind: string };

export type IatiSession = {
  id: string;
  externalId: string | null;
  title: string;
  city: string | null;
  hostCountryName: string;
  startDate: string;
  endDate: string;
  status: "planned" | "confirmed" | "completed" | "cancelled";
  participants: number | null;
  updatedAt: string;
  reporter: IatiOrganisation;
  provider: IatiOrganisation;
  funderList: IatiOrganisation[];
  beneficiaries: { alpha2: string; name: string }[];
  topicList: { code: string; label: string }[];
};

export const DAC = {
  security: { code: "15210", name: "Security system management and reform" },
  justice: { code: "15130", name: "Legal and judicial development" },
  violence: { code: "15180", name: "Ending violence against women and girls" },
} as const;

/** The DAC sector a topic belongs to, by its code or its nearest listed ancestor. */
const DAC_BY_TOPIC: [prefix: string, sector: keyof typeof DAC][] = [
  ["EVID.PRESENT", "justice"],
  ["COOP.MLA", "justice"],
  ["GOV.LAW", "justice"],
  ["GOV.UNITS", "security"],
  ["COOP", "security"],
  ["GOV", "justice"],
  ["VIC", "violence"],
  ["PREV", "violence"],
  ["EVID", "security"],
  ["INV", "security"],
  ["TOT", "security"],
];

export function dacSectorOf(topicCode: string): (typeof DAC)[keyof typeof DAC] {
  const match = DAC_BY_TOPIC.find(([prefix]) => topicCode === prefix || topicCode.startsWith(`${prefix}.`));
  return DAC[match?.[1] ?? "security"];
}

/** IATI OrganisationType codes for the registry's kinds of organisation. */
const ORGANISATION_TYPE: Record<string, string> = {
  un: "40",
  igo: "40",
  government: "10",
  law_enforcement: "10",
  ngo: "21",
  academic: "80",
  private: "70",
  donor: "90",
};

export function iatiOrganisationRef(o: { id: string }) {
  return `TCR-${o.id}`;
}

export function activityStatus(s: Pick<IatiSession, "status" | "startDate" | "endDate">, today: string): string {
  switch (s.status) {
    case "cancelled":
      return "5";
    case "completed":
      return s.endDate < today ? "4" : "3";
    default:
      return s.startDate > today ? "1" : "2";
  }
}

export function activityDates(s: Pick<IatiSession, "status" | "startDate" | "endDate">, today: string) {
  const done = s.status === "completed";
  return [
    { type: done && s.startDate <= today ? "2" : "1", isoDate: s.startDate },
    { type: done && s.endDate <= today ? "4" : "3", isoDate: s.endDate },
  ];
}

/** n shares of 100 with two decimals that add up to exactly 100. */
export function evenPercentages(n: number): number[] {
  if (n <= 0) return [];
  const base = Math.floor(10_000 / n);
  return Array.from({ length: n }, (_, i) => (base + (i < 10_000 - base * n ? 1 : 0)) / 100);
}

function describe(s: IatiSession): string {
  const place = [s.city, s.hostCountryName].filter(Boolean).join(", ");
  const topics = s.topicList.map((t) => t.label).join("; ");
  return `Training session "${s.title}" delivered by ${s.provider.name} in ${place}, ${s.startDate} to ${s.endDate}. Topics: ${topics}.`;
}

// Characters XML 1.0 cannot carry at all (most control characters): dropped rather than failing the file.
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" };

/** Text or attribute value, escaped. Written by hand: an XML builder spent ~2 ms an activity. */
export function xmlText(text: string): string {
  return text.replace(NOT_XML, "").replace(/[&<>"]/g, (c) => ESCAPES[c]);
}

type Attributes = Record<string, string | number>;

function tag(name: string, attributes: Attributes, children?: string[]): string {
  const attrs = Object.entries(attributes)
    .map(([k, v]) => ` ${k}="${xmlText(String(v))}"`)
    .join("");
  if (!children) return `<${name}${attrs}/>`;
  return `<${name}${attrs}>${children.join("")}</${name}>`;
}

function narrative(text: string) {
  return `<narrative>${xmlText(text)}</narrative>`;
}

function participatingOrg(o: IatiOrganisation, role: "1" | "4") {
  return tag("participating-org", { ref: iatiOrganisationRef(o), role, type: ORGANISATION_TYPE[o.kind] ?? "90" }, [narrative(o.name)]);
}

/** One <iati-activity> element, as text, in the order the schema's sequence requires. */
export function iatiActivity(s: IatiSession, context: { today: string }): string {
  const dac = [...new Map(s.topicList.map((t) => dacSectorOf(t.code)).map((d) => [d.code, d])).values()];
  const [countryShares, dacShares, topicShares] = [s.beneficiaries.length, dac.length, s.topicList.length].map(evenPercentages);
  const children = [
    tag("iati-identifier", {}, [xmlText(`${iatiOrganisationRef(s.reporter)}-${s.id}`)]),
    tag("reporting-org", { ref: iatiOrganisationRef(s.reporter), type: ORGANISATION_TYPE[s.reporter.kind] ?? "90" }, [narrative(s.reporter.name)]),
    tag("title", {}, [narrative(s.title)]),
    tag("description", { type: "1" }, [narrative(describe(s))]),
    ...s.funderList.map((f) => participatingOrg(f, "1")),
    participatingOrg(s.provider, "4"),
    ...(s.externalId ? [tag("other-identifier", { ref: s.externalId, type: "A1" })] : []),
    tag("activity-status", { code: activityStatus(s, context.today) }),
    ...activityDates(s, context.today).map((d) => tag("activity-date", { type: d.type, "iso-date": d.isoDate })),
    ...s.beneficiaries.map((c, i) => tag("recipient-country", { code: c.alpha2, percentage: countryShares[i] }, [narrative(c.name)])),
    ...dac.map((d, i) => tag("sector", { vocabulary: "1", code: d.code, percentage: dacShares[i] }, [narrative(d.name)])),
    ...s.topicList.map((t, i) => tag("sector", { vocabulary: "99", code: t.code, percentage: topicShares[i] }, [narrative(t.label)])),
    ...(s.participants != null && s.status !== "cancelled" ? [participantsResult(s, s.participants)] : []),
  ];
  const updated = s.updatedAt.replace(/(\.\d+)?Z$/, "Z");
  return `${tag("iati-activity", { "last-updated-datetime": updated, "xml:lang": "en" }, children.map((c) => `\n  ${c}`).concat("\n"))}`;
}

/** Participants as an output indicator: the target while planned, the actual once completed. */
function participantsResult(s: IatiSession, participants: number) {
  const value = tag(s.status === "completed" ? "actual" : "target", { value: participants });
  const period = tag("period", {}, [tag("period-start", { "iso-date": s.startDate }), tag("period-end", { "iso-date": s.endDate }), value]);
  const indicator = tag("indicator", { measure: "1", ascending: "true", "aggregation-status": "true" }, [tag("title", {}, [narrative("Number of participants")]), period]);
  return tag("result", { type: "1", "aggregation-status": "true" }, [tag("title", {}, [narrative("People trained")]), indicator]);
}

export function iatiHeader(generatedAt: string): string {
  const stamp = generatedAt.replace(/(\.\d+)?Z$/, "Z");
  return `<?xml version="1.0" encoding="UTF-8"?>\n<iati-activities version="2.03" generated-datetime="${stamp}">\n`;
}

export const IATI_FOOTER = "</iati-activities>\n";

/** A whole document (for tests and small exports). */
export function iatiDocument(sessions: IatiSession[], context: { today: string; generatedAt: string }): string {
  return iatiHeader(context.generatedAt) + sessions.map((s) => iatiActivity(s, context)).join("\n") + "\n" + IATI_FOOTER;
}
