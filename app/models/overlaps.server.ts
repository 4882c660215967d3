// Overlapping efforts and the check made while a session is entered: which
// sessions by other providers serve the same country, topic and audience
// within the window (the rule: domain/overlaps.ts), and which existing
// sessions the draft may duplicate. Both read the trigger-kept session_block
// index, so one check stays a few milliseconds over a million sessions.
import { sql } from "drizzle-orm";
import { type Executor } from "#db/client.server";
import { couldReach, dayNumber, DUPLICATE_THRESHOLD, SESSION_DATE_WINDOW_DAYS, prepareSession, scoreSessionPair, type PreparedSession, type SessionForScoring } from "~/domain/duplicate-scoring";
import { DEFAULT_OVERLAP_WINDOW_DAYS, dayGap, findOverlaps, overlapBetween, relatedTopicCodes, type Overlap, type OverlapFacts } from "~/domain/overlaps";
import { sessionsForScoring, summariseRecords, type RecordSummary } from "./duplicate-records.server";

const inList = (values: readonly string[]) =>
  sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  );

const splitList = (v: unknown) => (typeof v === "string" && v ? v.split(",") : []);

/** Rule facts of the given sessions (or of every live one matching `where`). */
async function overlapFacts(db: Executor, where: ReturnType<typeof sql>): Promise<OverlapFacts[]> {
  const rows = await db.all<Record<string, unknown>>(sql`
    SELECT s.id, s.provider_id, s.status, s.start_date, s.end_date,
      (SELECT group_concat(country_code) FROM session_country WHERE session_id = s.id) AS countries,
      (SELECT group_concat(topic_code) FROM session_topic WHERE session_id = s.id) AS topics,
      (SELECT group_concat(audience_code) FROM session_audience WHERE session_id = s.id) AS audiences
    FROM training_session s WHERE s.deleted_at IS NULL AND ${where}`);
  return rows.map((r) => ({
    id: String(r.id),
    providerId: String(r.provider_id),
    status: String(r.status),
    startDate: String(r.start_date),
    endDate: String(r.end_date),
    countries: splitList(r.countries),
    topics: splitList(r.topics),
    audiences: splitList(r.audiences),
  }));
}

export type SessionDraft = {
  /** The session being edited, never reported against itself. */
  id?: string | null;
  title: string;
  courseId: string | null;
  providerId: string;
  reportingOrgId: string | null;
  externalId?: string | null;
  providerRef?: string | null;
  hostCountry: string;
  countries: string[];
  city: string | null;
  startDate: string;
  endDate: string;
  status: string;
  mode: string | null;
  topics: string[];
  audiences: string[];
  participants: number | null;
  funders: string[];
  trainers: string[];
};

export type OverlapFound = Overlap & { session: RecordSummary };
export type DuplicateFound = { session: RecordSummary; score: number; reasons: string[] };

/**
 * Sessions overlapping the draft under the rule, nearest in time first: the
 * first `limit` with what they share, and how many there are. The index
 * query already holds the rule (another provider, a shared country, a related
 * topic, an audience in common); only the day gap is checked here, so the
 * full facts are read for the sessions shown, not for every match.
 */
async function overlapsOfDraft(db: Executor, draft: SessionDraft, windowDays: number, limit: number): Promise<{ shown: (Overlap & { id: string })[]; total: number }> {
  const none = { shown: [], total: 0 };
  if (draft.status === "cancelled" || !draft.audiences.length || !draft.topics.length) return none;
  const known = (await db.all<{ code: string }>(sql`SELECT code FROM topic`)).map((t) => t.code);
  const topics = relatedTopicCodes(draft.topics, known);
  const countries = draft.countries.length ? draft.countries : [draft.hostCountry];
  if (!topics.length) return none;
  const rows = await db.all<{ id: string; startDate: string; endDate: string }>(sql`
    SELECT DISTINCT b.session_id AS id, b.start_date AS startDate, b.end_date AS endDate FROM session_block b
    WHERE b.country_code IN (${inList(countries)}) AND b.topic_code IN (${inList(topics)})
      AND b.start_date BETWEEN date(${draft.startDate}, '-' || (${windowDays} + coalesce((SELECT max_span_days FROM coverage_meta WHERE id = 1), 0)) || ' days')
                           AND date(${draft.endDate}, ${`+${windowDays} days`})
      AND b.end_date >= date(${draft.startDate}, ${`-${windowDays} days`})
      AND b.provider_id <> ${draft.providerId} AND b.status <> 'cancelled' AND b.session_id <> ${draft.id ?? ""}
      -- Per candidate through the primary key: the audience index would read every session for POLICE.
      AND EXISTS (SELECT 1 FROM session_audience a WHERE a.session_id = b.session_id AND a.audience_code IN (${inList(draft.audiences)}))`);
  const near = rows
    .map((r) => ({ id: r.id, gap: dayGap(draft, r) }))
    .filter((r) => r.gap <= windowDays)
    .sort((a, b) => a.gap - b.gap || a.id.localeCompare(b.id));
  if (!near.length) return none;
  const facts = await overlapFacts(db, sql`s.id IN (${inList(near.slice(0, limit).map((r) => r.id))})`);
  const self: OverlapFacts = { id: draft.id ?? "", providerId: draft.providerId, status: draft.status, startDate: draft.startDate, endDate: draft.endDate, countries, topics: draft.topics, audiences: draft.audiences };
  const shown = facts
    .map((f) => ({ id: f.id, overlap: overlapBetween(self, f, windowDays) }))
    .filter((x): x is { id: string; overlap: Overlap } => !!x.overlap)
    .map((x) => ({ id: x.id, ...x.overlap }))
    .sort((a, b) => a.dayGap - b.dayGap || a.id.localeCompare(b.id));
  return { shown, total: near.length };
}

/** Existing sessions the draft may be a second report of, highest score first. */
async function duplicatesOfDraft(db: Executor, draft: SessionDraft): Promise<{ id: string; score: number; reasons: string[] }[]> {
  const countries = draft.countries.length ? draft.countries : [draft.hostCountry];
  const names = await db.all<Record<string, unknown>>(sql`
    SELECT o.id, o.name, o.acronym FROM organisation o WHERE o.id IN (${inList([draft.providerId, draft.reportingOrgId ?? draft.providerId])})`);
  const org = (id: string) => {
    const r = names.find((n) => n.id === id);
    return { id, name: String(r?.name ?? ""), acronym: r?.acronym == null ? null : String(r.acronym) };
  };
  const me: SessionForScoring = {
    ...draft,
    id: draft.id ?? "",
    provider: org(draft.providerId),
    reporter: org(draft.reportingOrgId ?? draft.providerId),
    externalId: draft.externalId ?? null,
    providerRef: draft.providerRef ?? null,
    countries,
  };
  const self = prepareSession(me);
  // In a busy country hundreds of sessions start within the fortnight; a light
  // read of each rules out most (another provider, days apart) before the
  // full facts of the rest are loaded and scored.
  const possible = await roughlyPossible(db, self);
  if (!possible.length) return [];
  return (await sessionsForScoring(db, possible))
    .map((other) => ({ id: other.id, ...scoreSessionPair(self, prepareSession(other)) }))
    .filter((x) => x.score >= DUPLICATE_THRESHOLD)
    .sort((a, b) => b.score - a.score);
}

/**
 * The neighbours that could reach the threshold at all, judged from the
 * blocking index alone (dates and provider), everything unknown counted at
 * its best. A funder's exact link is always kept.
 */
async function roughlyPossible(db: Executor, self: PreparedSession): Promise<string[]> {
  const rows = await db.all<{ id: string; provider_id: string; start_date: string; end_date: string }>(sql`
    SELECT DISTINCT session_id AS id, provider_id, start_date, end_date FROM session_block
    WHERE country_code IN (${inList(self.countries.length ? self.countries : [self.hostCountry])}) AND topic_code = ''
      AND start_date BETWEEN date(${self.startDate}, ${`-${SESSION_DATE_WINDOW_DAYS} days`}) AND date(${self.startDate}, ${`+${SESSION_DATE_WINDOW_DAYS} days`})`);
  const providerIds = [...new Set(rows.map((r) => r.provider_id))];
  const names = new Map<string, { id: string; name: string; acronym: string | null }>();
  if (providerIds.length) {
    for (const o of await db.all<{ id: string; name: string; acronym: string | null }>(sql`SELECT id, name, acronym FROM organisation WHERE id IN (${inList(providerIds)})`)) names.set(o.id, o);
  }
  const out = new Set<string>();
  const unknownList = ["?"];
  for (const r of rows) {
    if (r.id === self.id) continue;
    const facts = {
      startDay: dayNumber(r.start_date),
      endDay: dayNumber(r.end_date),
      hostCountry: self.hostCountry,
      cityKey: self.cityKey,
      provider: names.get(r.provider_id) ?? { id: r.provider_id, name: "", acronym: null },
      reporter: { id: "\u0000unknown", name: "", acronym: null },
      topics: unknownList,
      audiences: unknownList,
      trainers: unknownList,
      participants: self.participants,
    };
    if (couldReach(self, facts, DUPLICATE_THRESHOLD)) out.add(r.id);
  }
  // A funder's report naming the provider's own id (or the other way round): always scored, however far apart.
  const linked = await db.all<{ id: string }>(sql`
    SELECT id FROM training_session WHERE deleted_at IS NULL AND ${self.providerRef} IS NOT NULL AND reporting_org_id = ${self.provider.id} AND external_id = ${self.providerRef}
    UNION
    SELECT id FROM training_session WHERE deleted_at IS NULL AND ${self.externalId} IS NOT NULL AND provider_id = ${self.reporter.id} AND provider_ref = ${self.externalId}`);
  for (const r of linked) if (r.id !== self.id) out.add(r.id);
  return [...out];
}

/**
 * The check shown while a session is entered or edited (and on the no-JS
 * confirmation step, and per row of an import preview): overlapping efforts
 * and possible duplicates of the draft. Public session facts only.
 */
export async function checkSessionDraft(db: Executor, draft: SessionDraft, windowDays = DEFAULT_OVERLAP_WINDOW_DAYS, limit = 10) {
  const [overlaps, duplicates] = await Promise.all([overlapsOfDraft(db, draft, windowDays, limit), duplicatesOfDraft(db, draft)]);
  const shownOverlaps = overlaps.shown;
  const shownDuplicates = duplicates.slice(0, limit);
  const summaries = await summariseRecords(db, "session", [...shownOverlaps.map((o) => o.id), ...shownDuplicates.map((d) => d.id)]);
  return {
    overlaps: shownOverlaps.map(({ id, ...o }) => ({ ...o, session: summaries.get(id)! })),
    duplicates: shownDuplicates.map((d) => ({ session: summaries.get(d.id)!, score: d.score, reasons: d.reasons })),
    totalOverlaps: overlaps.total,
    totalDuplicates: duplicates.length,
  };
}

export type SessionCheck = Awaited<ReturnType<typeof checkSessionDraft>>;

/** Beyond this many sessions in the period, ask for a country or a shorter period. */
export const OVERLAP_SCAN_LIMIT = 50_000;

/**
 * Overlapping pairs among the sessions whose dates fall in [from, to] (and
 * serve `country` when given), nearest first. `tooMany` when the period holds
 * more sessions than one request should sweep.
 */
export async function listOverlaps(db: Executor, args: { from: string; to: string; country: string | null; windowDays: number }) {
  const where = sql`s.status <> 'cancelled' AND s.end_date >= ${args.from} AND s.start_date <= ${args.to}${
    args.country ? sql` AND s.id IN (SELECT session_id FROM session_country WHERE country_code = ${args.country})` : sql``
  }`;
  const [{ n }] = await db.all<{ n: number }>(sql`SELECT count(*) AS n FROM training_session s WHERE s.deleted_at IS NULL AND ${where}`);
  if (n > OVERLAP_SCAN_LIMIT) return { pairs: [], sessions: 0, tooMany: true };
  const facts = await overlapFacts(db, where);
  const pairs = findOverlaps(facts, args.windowDays)
    .map(({ a, b, overlap }) => ({ a: a.id, b: b.id, ...overlap }))
    .sort((x, y) => x.dayGap - y.dayGap || x.a.localeCompare(y.a) || x.b.localeCompare(y.b));
  return { pairs, sessions: facts.length, tooMany: false, facts: new Map(facts.map((f) => [f.id, f])) };
}
