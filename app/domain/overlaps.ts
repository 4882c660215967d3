// Overlapping efforts (DESIGN §4.2): two distinct deliveries by different
// providers that serve the same beneficiary country, share a topic and an
// audience, and fall within a window of each other. Not duplicates, never
// merged: shown to coordinators and donors so the second one is planned
// knowingly. This file is the rule; the database queries must agree with it.

export const DEFAULT_OVERLAP_WINDOW_DAYS = 90;
export const MAX_OVERLAP_WINDOW_DAYS = 365;

export type OverlapFacts = {
  id: string;
  providerId: string;
  status: string;
  startDate: string;
  endDate: string;
  /** Beneficiary countries, alpha-3. */
  countries: readonly string[];
  topics: readonly string[];
  audiences: readonly string[];
};

export type Overlap = {
  countries: string[];
  topics: string[];
  audiences: string[];
  /** Days between the two date ranges; 0 when they overlap. */
  dayGap: number;
};

const DAY = 86_400_000;

/** Whole days from the end of the earlier range to the start of the later one; 0 when the ranges meet. */
export function dayGap(a: { startDate: string; endDate: string }, b: { startDate: string; endDate: string }): number {
  const later = a.startDate > b.startDate ? a : b;
  const earlier = later === a ? b : a;
  if (later.startDate <= earlier.endDate) return 0;
  return Math.round((Date.parse(later.startDate) - Date.parse(earlier.endDate)) / DAY);
}

/** A topic code is the other or one of its ancestors: EVID and EVID.FORENSICS are related, EVID.GATHER and EVID.PRESENT are not. */
export function topicsRelated(a: string, b: string): boolean {
  return a === b || b.startsWith(`${a}.`) || a.startsWith(`${b}.`);
}

/** The shared topics, each named by its more specific code. */
export function sharedTopics(a: readonly string[], b: readonly string[]): string[] {
  const shared = new Set<string>();
  for (const x of a) for (const y of b) if (topicsRelated(x, y)) shared.add(x.length >= y.length ? x : y);
  return [...shared].sort();
}

const intersect = (a: readonly string[], b: readonly string[]) => [...new Set(a.filter((x) => b.includes(x)))].sort();

/** The overlap between two sessions under the rule, or null when they do not overlap. */
export function overlapBetween(a: OverlapFacts, b: OverlapFacts, windowDays = DEFAULT_OVERLAP_WINDOW_DAYS): Overlap | null {
  if (a.id === b.id || a.providerId === b.providerId) return null;
  if (a.status === "cancelled" || b.status === "cancelled") return null;
  const gap = dayGap(a, b);
  if (gap > windowDays) return null;
  const countries = intersect(a.countries, b.countries);
  if (!countries.length) return null;
  const audiences = intersect(a.audiences, b.audiences);
  if (!audiences.length) return null;
  const topics = sharedTopics(a.topics, b.topics);
  if (!topics.length) return null;
  return { countries, topics, audiences, dayGap: gap };
}

/** Every topic code related to one of `codes`, given all known codes: what to look for in an index of exact codes. */
export function relatedTopicCodes(codes: readonly string[], known: readonly string[]): string[] {
  return known.filter((k) => codes.some((c) => topicsRelated(c, k)));
}

/**
 * All overlapping pairs among `sessions` by sweeping each country's sessions
 * in start order: only sessions starting within the window plus the longest
 * session's length of each other can overlap, so few pairs are tried.
 */
export function findOverlaps(sessions: readonly OverlapFacts[], windowDays = DEFAULT_OVERLAP_WINDOW_DAYS) {
  const maxSpan = sessions.reduce((m, s) => Math.max(m, (Date.parse(s.endDate) - Date.parse(s.startDate)) / DAY), 0);
  const reach = windowDays + maxSpan;
  const byCountry = new Map<string, OverlapFacts[]>();
  for (const s of sessions) {
    if (s.status === "cancelled") continue;
    for (const c of new Set(s.countries)) {
      const list = byCountry.get(c);
      if (list) list.push(s);
      else byCountry.set(c, [s]);
    }
  }
  const found = new Map<string, { a: OverlapFacts; b: OverlapFacts; overlap: Overlap }>();
  for (const list of byCountry.values()) {
    list.sort((x, y) => x.startDate.localeCompare(y.startDate));
    for (let i = 0; i < list.length; i++) {
      const limit = Date.parse(list[i].startDate) + reach * DAY;
      for (let j = i + 1; j < list.length && Date.parse(list[j].startDate) <= limit; j++) {
        const [a, b] = list[i].id < list[j].id ? [list[i], list[j]] : [list[j], list[i]];
        const key = `${a.id}|${b.id}`;
        if (found.has(key)) continue;
        const overlap = overlapBetween(a, b, windowDays);
        if (overlap) found.set(key, { a, b, overlap });
      }
    }
  }
  return [...found.values()];
}
