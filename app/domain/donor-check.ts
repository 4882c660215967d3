// The donor's check before funding (DESIGN §1, §7.2): for a place (a country
// or a UN M49 region), some topics, audiences and a time window, one verdict
// per topic, in plain words:
//   covered — something was delivered there in the window ("covered recently by …");
//   planned — nothing delivered, but something is planned ("planned by … in …");
//   gap     — nothing delivered or planned, with the demand that is known.
// Which sessions count, and for which topics, is the coverage semantics of
// domain/coverage.ts (the same functions); overlapping efforts are the rule
// of domain/overlaps.ts. Pure: the model supplies the records.
import { format, parseISO } from "date-fns";
import { GAP_NEED_LEVEL, isOpenRequest, overlapsWindow, statusClass, topicClosure, type CoverageWindow } from "./coverage";
import { needLabel } from "./gaps";
import { findOverlaps, topicsRelated, type Overlap } from "./overlaps";

export type Named = { id: string; name: string };

export type CheckSession = {
  id: string;
  title: string;
  status: string;
  startDate: string;
  endDate: string;
  deletedAt: string | null;
  /** Beneficiary countries. */
  countries: string[];
  topics: string[];
  audiences: string[];
  provider: Named;
  funders: Named[];
};

export type CheckRequest = { id: string; status: string; deletedAt: string | null; topics: string[]; audiences: string[] };

export type CheckFunding = { donor: Named; sessionId: string | null; requestId: string | null };

export type CheckInput = {
  /** The countries of the place asked about. */
  countries: string[];
  topics: { code: string; label: string }[];
  audiences: string[];
  window: CoverageWindow;
  sessions: CheckSession[];
  requests: CheckRequest[];
  /** Latest assessed need per topic in the place (the highest among its countries), parents included. */
  needs: Map<string, number>;
  fundings: CheckFunding[];
};

export type Verdict = "gap" | "covered" | "planned";

export type TopicVerdict = {
  topic: string;
  label: string;
  verdict: Verdict;
  delivered: number;
  planned: number;
  openRequests: number;
  needLevel: number | null;
  providers: Named[];
  funders: Named[];
  lastDelivered: string | null;
  nextPlanned: string | null;
  sessionIds: string[];
  requestIds: string[];
  summary: string;
};

export type CheckOverlap = Overlap & { a: CheckSession; b: CheckSession };

/** Sessions that count under the coverage rules: live, not cancelled, overlapping the window, in the place, for the audiences. */
export function countingSessions(input: Pick<CheckInput, "countries" | "audiences" | "window" | "sessions">): CheckSession[] {
  const place = new Set(input.countries);
  return input.sessions.filter(
    (s) =>
      !s.deletedAt &&
      statusClass(s.status) != null &&
      overlapsWindow(s.startDate, s.endDate, input.window) &&
      s.countries.some((c) => place.has(c)) &&
      (!input.audiences.length || s.audiences.some((a) => input.audiences.includes(a))),
  );
}

/** A request counts for the audiences asked when it names one of them, or names none. */
function countingRequests(requests: CheckRequest[], audiences: string[]): CheckRequest[] {
  return requests.filter(
    (r) => !r.deletedAt && isOpenRequest(r.status) && (!audiences.length || !r.audiences.length || r.audiences.some((a) => audiences.includes(a))),
  );
}

function uniqueNamed(items: Named[]): Named[] {
  return [...new Map(items.map((i) => [i.id, i])).values()].sort((a, b) => a.name.localeCompare(b.name));
}

const monthYear = (iso: string) => format(parseISO(iso), "MMM yyyy");
const names = (items: Named[], max = 3) =>
  items.length <= max ? items.map((i) => i.name).join(", ") : `${items.slice(0, max).map((i) => i.name).join(", ")} and ${items.length - max} more`;
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export function checkTopics(input: CheckInput): TopicVerdict[] {
  const sessions = countingSessions(input);
  const requests = countingRequests(input.requests, input.audiences);
  return input.topics.map(({ code, label }) => {
    const covering = sessions.filter((s) => topicClosure(s.topics).includes(code));
    const delivered = covering.filter((s) => statusClass(s.status) === "delivered");
    const planned = covering.filter((s) => statusClass(s.status) === "planned");
    const asking = requests.filter((r) => topicClosure(r.topics).includes(code));
    const sessionIds = new Set(covering.map((s) => s.id));
    const requestIds = new Set(asking.map((r) => r.id));
    const funders = uniqueNamed([
      ...covering.flatMap((s) => s.funders),
      ...input.fundings.filter((f) => (f.sessionId && sessionIds.has(f.sessionId)) || (f.requestId && requestIds.has(f.requestId))).map((f) => f.donor),
    ]);
    const lastDelivered = delivered.reduce<string | null>((m, s) => (!m || s.endDate > m ? s.endDate : m), null);
    const nextPlanned = planned.reduce<string | null>((m, s) => (!m || s.startDate < m ? s.startDate : m), null);
    const needLevel = input.needs.get(code) ?? null;
    const verdict: Verdict = delivered.length ? "covered" : planned.length ? "planned" : "gap";
    const deliveredBy = uniqueNamed(delivered.map((s) => s.provider));
    const plannedBy = uniqueNamed(planned.map((s) => s.provider));
    return {
      topic: code,
      label,
      verdict,
      delivered: delivered.length,
      planned: planned.length,
      openRequests: asking.length,
      needLevel,
      providers: uniqueNamed([...deliveredBy, ...plannedBy]),
      funders,
      lastDelivered,
      nextPlanned,
      sessionIds: [...sessionIds],
      requestIds: [...requestIds],
      summary: summarise({ verdict, delivered: delivered.length, planned: planned.length, deliveredBy, plannedBy, lastDelivered, nextPlanned, openRequests: asking.length, needLevel }),
    };
  });
}

function summarise(v: {
  verdict: Verdict;
  delivered: number;
  planned: number;
  deliveredBy: Named[];
  plannedBy: Named[];
  lastDelivered: string | null;
  nextPlanned: string | null;
  openRequests: number;
  needLevel: number | null;
}): string {
  const plannedPart = v.nextPlanned ? `planned by ${names(v.plannedBy)} in ${monthYear(v.nextPlanned)}` : "";
  const demand: string[] = [];
  if (v.needLevel != null && v.needLevel >= GAP_NEED_LEVEL) demand.push(`assessed need ${needLabel(v.needLevel).toLowerCase()}`);
  if (v.openRequests) demand.push(plural(v.openRequests, "open request", "open requests"));
  if (v.verdict === "covered") {
    const main = `Covered recently by ${names(v.deliveredBy)} (${plural(v.delivered, "session", "sessions")} delivered, the latest ended ${v.lastDelivered})`;
    return v.planned ? `${main}; also ${plannedPart}.` : `${main}.`;
  }
  if (v.verdict === "planned") {
    const main = `Planned by ${names(v.plannedBy)} in ${monthYear(v.nextPlanned!)} (${plural(v.planned, "session", "sessions")})`;
    return demand.length ? `${main}; nothing delivered yet, with ${demand.join(" and ")}.` : `${main}; nothing delivered yet.`;
  }
  if (demand.length) return `Gap: nothing delivered or planned in this period, with ${demand.join(" and ")}.`;
  return "Gap: nothing delivered or planned in this period; no assessed need or open request is recorded either.";
}

/**
 * Overlapping efforts (DESIGN §4.2) among the counting sessions that involve
 * something planned (what a donor could still avoid funding twice), sharing
 * a topic asked about and, when audiences are asked, one of them.
 */
export function checkOverlaps(input: CheckInput, windowDays?: number): CheckOverlap[] {
  const sessions = countingSessions(input);
  const byId = new Map(sessions.map((s) => [s.id, s]));
  const asked = input.topics.map((t) => t.code);
  const place = new Set(input.countries);
  return findOverlaps(
    sessions.map((s) => ({ ...s, providerId: s.provider.id })),
    windowDays,
  )
    .filter(({ a, b }) => statusClass(a.status) === "planned" || statusClass(b.status) === "planned")
    .filter(({ overlap }) => overlap.countries.some((c) => place.has(c)))
    .filter(({ overlap }) => overlap.topics.some((t) => asked.some((q) => topicsRelated(q, t))))
    .filter(({ overlap }) => !input.audiences.length || overlap.audiences.some((a) => input.audiences.includes(a)))
    .map(({ a, b, overlap }) => ({ ...overlap, a: byId.get(a.id)!, b: byId.get(b.id)! }))
    .sort((x, y) => x.dayGap - y.dayGap || x.a.startDate.localeCompare(y.a.startDate));
}
