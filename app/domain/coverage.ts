// The coverage maths of DESIGN §5, as pure functions over plain records. This
// file is the reference semantics: the database-backed computation
// (app/models/coverage.server.ts) and its rollup are tested against it.
//
// - A completed session is "delivered"; planned and confirmed are "planned";
//   cancelled and soft-deleted sessions (merged duplicates included) never count.
// - A session counts in a window when its date range overlaps the window.
// - It covers every beneficiary country, and each of its topics together with
//   their ancestors (by code prefix), once per session.
// - Needs come from each country's latest assessment; a parent topic's need is
//   the highest of its own and its subtopics'. Open requests count towards
//   their topics and the topics' ancestors.
// - A gap is a cell with assessed need ≥ 2 or an open request, but nothing
//   delivered or planned in the window.

export const OPEN_REQUEST_STATUSES = ["submitted", "under_review", "matched", "scheduled"] as const;
export const GAP_NEED_LEVEL = 2;
/** The all-topics cell of a country: every session, need and request with any topic, once. */
export const ALL_TOPICS = "*";

export type StatusClass = "delivered" | "planned";

/** Inclusive ISO dates; null means unbounded on that side. */
export type CoverageWindow = { from: string | null; to: string | null };

export type SessionRecord = {
  id: string;
  status: string;
  startDate: string;
  endDate: string;
  participants: number | null;
  deletedAt: string | null;
  countries: string[];
  topics: string[];
};

export type NeedsAssessmentRecord = {
  id: string;
  countryCode: string;
  assessedOn: string;
  createdAt: string;
  deletedAt: string | null;
  items: { topicCode: string; level: number }[];
};

export type OpenRequestRecord = {
  id: string;
  countryCode: string;
  status: string;
  createdAt: string;
  deletedAt: string | null;
  topics: string[];
};

/** What sessions contribute to one (country, topic) cell. */
export type SessionCell = {
  country: string;
  topic: string;
  delivered: number;
  planned: number;
  participants: number; // in delivered sessions
  plannedParticipants: number; // expected in planned sessions
  lastDelivered: string | null; // latest end date of a delivered session in the window
};

export type CoverageCell = SessionCell & {
  needLevel: number | null;
  openRequests: number;
  oldestOpenRequest: string | null; // creation date of the oldest open request
  gap: boolean;
};

export function statusClass(status: string): StatusClass | null {
  if (status === "completed") return "delivered";
  if (status === "planned" || status === "confirmed") return "planned";
  return null;
}

export function overlapsWindow(startDate: string, endDate: string, window: CoverageWindow): boolean {
  return (window.to == null || startDate <= window.to) && (window.from == null || endDate >= window.from);
}

/** A topic code and each of its ancestors: "EVID.PRESERVE" → EVID.PRESERVE, EVID. */
export function topicAncestry(code: string): string[] {
  const parts = code.split(".");
  return parts.map((_, i) => parts.slice(0, i + 1).join(".")).reverse();
}

/** Every topic a set of topics covers, each once. */
export function topicClosure(codes: string[]): string[] {
  return [...new Set(codes.flatMap(topicAncestry))];
}

/** The cells a set of topics counts in: its closure and, when there is any topic, all topics. */
export function coverageTopics(codes: string[]): string[] {
  const closure = topicClosure(codes);
  return closure.length ? [...closure, ALL_TOPICS] : closure;
}

export function cellKey(country: string, topic: string) {
  return `${country}|${topic}`;
}

export function emptySessionCell(country: string, topic: string): SessionCell {
  return { country, topic, delivered: 0, planned: 0, participants: 0, plannedParticipants: 0, lastDelivered: null };
}

/** Adds one cell's figures into another (the parts of a window are disjoint sets of sessions). */
export function addSessionCell(into: SessionCell, part: Omit<SessionCell, "country" | "topic">) {
  into.delivered += part.delivered;
  into.planned += part.planned;
  into.participants += part.participants;
  into.plannedParticipants += part.plannedParticipants;
  if (part.lastDelivered && (!into.lastDelivered || part.lastDelivered > into.lastDelivered)) into.lastDelivered = part.lastDelivered;
}

/** The reference computation of what sessions contribute to each cell. */
export function aggregateSessions(sessions: SessionRecord[], window: CoverageWindow): Map<string, SessionCell> {
  const cells = new Map<string, SessionCell>();
  for (const session of sessions) {
    const cls = statusClass(session.status);
    if (!cls || session.deletedAt || !overlapsWindow(session.startDate, session.endDate, window)) continue;
    const participants = session.participants ?? 0;
    for (const country of new Set(session.countries)) {
      for (const topic of coverageTopics(session.topics)) {
        const key = cellKey(country, topic);
        const cell = cells.get(key) ?? emptySessionCell(country, topic);
        if (cls === "delivered") addSessionCell(cell, { delivered: 1, planned: 0, participants, plannedParticipants: 0, lastDelivered: session.endDate });
        else addSessionCell(cell, { delivered: 0, planned: 1, participants: 0, plannedParticipants: participants, lastDelivered: null });
        cells.set(key, cell);
      }
    }
  }
  return cells;
}

/** country → topic → level, from each country's latest live assessment; parents take their subtopics' highest level. */
export function latestNeeds(assessments: NeedsAssessmentRecord[]): Map<string, Map<string, number>> {
  const latest = new Map<string, NeedsAssessmentRecord>();
  for (const a of assessments) {
    if (a.deletedAt) continue;
    const current = latest.get(a.countryCode);
    if (!current || compareAssessments(a, current) > 0) latest.set(a.countryCode, a);
  }
  const needs = new Map<string, Map<string, number>>();
  for (const [country, assessment] of latest) {
    const levels = new Map<string, number>();
    for (const item of assessment.items) {
      for (const topic of coverageTopics([item.topicCode])) levels.set(topic, Math.max(levels.get(topic) ?? 0, item.level));
    }
    needs.set(country, levels);
  }
  return needs;
}

function compareAssessments(a: NeedsAssessmentRecord, b: NeedsAssessmentRecord) {
  return a.assessedOn.localeCompare(b.assessedOn) || a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id);
}

export function isOpenRequest(status: string) {
  return (OPEN_REQUEST_STATUSES as readonly string[]).includes(status);
}

/** country|topic → how many open requests ask for it (each request once) and the oldest one's date. */
export function openRequestsByCell(requests: OpenRequestRecord[]): Map<string, { count: number; oldest: string }> {
  const cells = new Map<string, { count: number; oldest: string }>();
  for (const r of requests) {
    if (r.deletedAt || !isOpenRequest(r.status)) continue;
    for (const topic of coverageTopics(r.topics)) {
      const key = cellKey(r.countryCode, topic);
      const cell = cells.get(key);
      if (!cell) cells.set(key, { count: 1, oldest: r.createdAt });
      else {
        cell.count += 1;
        if (r.createdAt < cell.oldest) cell.oldest = r.createdAt;
      }
    }
  }
  return cells;
}

export function isGap(cell: Pick<CoverageCell, "delivered" | "planned" | "needLevel" | "openRequests">): boolean {
  const demand = (cell.needLevel ?? 0) >= GAP_NEED_LEVEL || cell.openRequests > 0;
  return demand && cell.delivered === 0 && cell.planned === 0;
}

/**
 * The one function that turns session figures, needs and open requests into
 * coverage cells, for the API and the pages alike: one cell per (country,
 * topic) with anything in it, sorted by country then topic.
 */
export function assembleCoverage(input: {
  sessionCells: Iterable<SessionCell>;
  needs: Map<string, Map<string, number>>;
  requests: Map<string, { count: number; oldest: string }>;
  includeCell?: (country: string, topic: string) => boolean;
}): CoverageCell[] {
  const include = input.includeCell ?? (() => true);
  const cells = new Map<string, CoverageCell>();
  const cellFor = (country: string, topic: string) => {
    const key = cellKey(country, topic);
    let cell = cells.get(key);
    if (!cell) {
      cell = { ...emptySessionCell(country, topic), needLevel: null, openRequests: 0, oldestOpenRequest: null, gap: false };
      cells.set(key, cell);
    }
    return cell;
  };
  for (const s of input.sessionCells) {
    if (include(s.country, s.topic) && (s.delivered || s.planned)) Object.assign(cellFor(s.country, s.topic), s);
  }
  for (const [country, levels] of input.needs) {
    for (const [topic, level] of levels) if (include(country, topic)) cellFor(country, topic).needLevel = level;
  }
  for (const [key, r] of input.requests) {
    const [country, topic] = key.split("|");
    if (!include(country, topic)) continue;
    const cell = cellFor(country, topic);
    cell.openRequests = r.count;
    cell.oldestOpenRequest = r.oldest;
  }
  const result = [...cells.values()];
  for (const cell of result) cell.gap = isGap(cell);
  return result.sort((a, b) => a.country.localeCompare(b.country) || a.topic.localeCompare(b.topic));
}

/** The whole computation from plain records: what the database version must equal. */
export function computeCoverage(input: {
  sessions: SessionRecord[];
  assessments: NeedsAssessmentRecord[];
  requests: OpenRequestRecord[];
  window: CoverageWindow;
}): CoverageCell[] {
  return assembleCoverage({
    sessionCells: aggregateSessions(input.sessions, input.window).values(),
    needs: latestNeeds(input.assessments),
    requests: openRequestsByCell(input.requests),
  });
}

export type WindowParts = {
  years: string[]; // "2024": every session starting that year
  months: string[]; // "2024-03"
  exactRanges: { from: string; to: string }[]; // start dates answered record by record
};

/**
 * Splits the start dates [lo, hi] into whole years, whole months and the
 * leftover days at either edge, so a rollup keyed by start year and month can
 * answer the whole periods and an exact query the rest.
 */
export function splitStartRange(lo: string, hi: string): WindowParts {
  const parts: WindowParts = { years: [], months: [], exactRanges: [] };
  let day = lo;
  while (day <= hi) {
    const monthEnd = lastDayOfMonth(day);
    const yearEnd = `${day.slice(0, 4)}-12-31`;
    if (day.endsWith("-01-01") && yearEnd <= hi) {
      parts.years.push(day.slice(0, 4));
      day = nextDay(yearEnd);
    } else if (day.endsWith("-01") && monthEnd <= hi) {
      parts.months.push(day.slice(0, 7));
      day = nextDay(monthEnd);
    } else {
      const to = monthEnd < hi ? monthEnd : hi;
      parts.exactRanges.push({ from: day, to });
      day = nextDay(to);
    }
  }
  return parts;
}

export function lastDayOfMonth(iso: string): string {
  const [y, m] = iso.split("-").map(Number);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${iso.slice(0, 7)}-${String(last).padStart(2, "0")}`;
}

export function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function nextDay(iso: string) {
  return addDays(iso, 1);
}
