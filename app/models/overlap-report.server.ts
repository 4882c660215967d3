// Overlapping efforts as the overlaps page and GET /api/v1/overlaps show them:
// the pairs the rule finds in a period (overlaps.server.ts), each session
// named, grouped by shared beneficiary country for the page's timelines.
import { sql } from "drizzle-orm";
import { addDays, formatISO } from "date-fns";
import { type Executor } from "#db/client.server";
import { listOverlaps } from "./overlaps.server";

export type SessionBrief = {
  id: string;
  title: string;
  status: string;
  startDate: string;
  endDate: string;
  provider: { id: string; name: string; acronym: string | null };
};

export type OverlapPair = { a: SessionBrief; b: SessionBrief; countries: string[]; topics: string[]; audiences: string[]; dayGap: number };

const iso = (d: Date) => formatISO(d, { representation: "date" });

/** The period shown when none is asked for: a year back and a year ahead of `today`. */
export function defaultOverlapPeriod(today: string) {
  const day = new Date(`${today}T00:00:00Z`);
  return { from: iso(addDays(day, -365)), to: iso(addDays(day, 365)) };
}

async function sessionBriefs(db: Executor, ids: string[]): Promise<Map<string, SessionBrief>> {
  const out = new Map<string, SessionBrief>();
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const rows = await db.all<Record<string, unknown>>(sql`
      SELECT s.id, s.title, s.status, s.start_date, s.end_date, p.id AS p_id, p.name AS p_name, p.acronym AS p_acronym
      FROM training_session s JOIN organisation p ON p.id = s.provider_id
      WHERE s.id IN (${sql.join(
        chunk.map((id) => sql`${id}`),
        sql`, `,
      )})`);
    for (const r of rows) {
      out.set(String(r.id), {
        id: String(r.id),
        title: String(r.title),
        status: String(r.status),
        startDate: String(r.start_date),
        endDate: String(r.end_date),
        provider: { id: String(r.p_id), name: String(r.p_name), acronym: r.p_acronym == null ? null : String(r.p_acronym) },
      });
    }
  }
  return out;
}

/**
 * Every overlapping pair among sessions running in [from, to] (serving
 * `country` when given), nearest in time first, with both sessions named.
 * `tooMany` when the period holds more sessions than one request sweeps.
 */
export async function overlapReport(db: Executor, args: { from: string; to: string; country: string | null; windowDays: number }) {
  const found = await listOverlaps(db, args);
  if (found.tooMany) return { tooMany: true as const, pairs: [] as OverlapPair[], sessions: 0 };
  const briefs = await sessionBriefs(db, [...new Set(found.pairs.flatMap((p) => [p.a, p.b]))]);
  const pairs: OverlapPair[] = found.pairs.map((p) => ({
    a: briefs.get(p.a)!,
    b: briefs.get(p.b)!,
    // With a country asked for, a pair is shown for that country only.
    countries: args.country ? p.countries.filter((c) => c === args.country) : p.countries,
    topics: p.topics,
    audiences: p.audiences,
    dayGap: p.dayGap,
  }));
  return { tooMany: false as const, pairs, sessions: found.sessions };
}

export type CountryOverlaps = { country: string; pairs: OverlapPair[]; sessions: SessionBrief[] };

/** Pairs under each shared country (a pair sharing two countries shows under both), countries with most pairs first. */
export function groupByCountry(pairs: readonly OverlapPair[]): CountryOverlaps[] {
  const groups = new Map<string, OverlapPair[]>();
  for (const p of pairs) for (const c of p.countries) groups.set(c, [...(groups.get(c) ?? []), p]);
  return [...groups.entries()]
    .map(([country, list]) => {
      const sessions = new Map<string, SessionBrief>();
      for (const p of list) for (const s of [p.a, p.b]) sessions.set(s.id, s);
      return { country, pairs: list, sessions: [...sessions.values()].sort((x, y) => x.startDate.localeCompare(y.startDate) || x.id.localeCompare(y.id)) };
    })
    .sort((x, y) => y.pairs.length - x.pairs.length || x.country.localeCompare(y.country));
}

/** English short names of the given countries. */
export async function countryNames(db: Executor, codes: readonly string[]): Promise<Record<string, string>> {
  if (!codes.length) return {};
  const rows = await db.all<{ code: string; name: string }>(sql`SELECT code, name_en AS name FROM country WHERE code IN (${sql.join(
    codes.map((c) => sql`${c}`),
    sql`, `,
  )})`);
  return Object.fromEntries(rows.map((r) => [r.code, r.name]));
}
