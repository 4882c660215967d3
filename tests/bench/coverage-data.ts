// Generates a large, realistically spread registry for the coverage benchmark:
// a skewed spread over countries (a few receive most training), regional
// sessions within a sub-region, growth over the years, short sessions with a
// few long programmes, statuses that follow the dates, 1–3 topics mostly
// within one parent. Written with multi-row INSERTs in batched transactions
// (see STACK.md), so the rollup triggers run as they would for an import.
import { type Client, type InStatement } from "@libsql/client";

export function prng(seed: number) {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)];
  return { next, int, pick };
}

type Reference = {
  countries: { code: string; subregion: string | null }[];
  topics: { code: string; parent: string | null }[];
  audiences: string[];
  offences: string[];
};

async function loadReference(client: Client): Promise<Reference> {
  const countries = (await client.execute("SELECT code, subregion_code FROM country WHERE region_code IS NOT NULL ORDER BY code")).rows.map((r) => ({
    code: String(r.code),
    subregion: r.subregion_code == null ? null : String(r.subregion_code),
  }));
  const topics = (await client.execute("SELECT code, parent_code FROM topic ORDER BY sort_order")).rows.map((r) => ({
    code: String(r.code),
    parent: r.parent_code == null ? null : String(r.parent_code),
  }));
  const audiences = (await client.execute("SELECT code FROM audience")).rows.map((r) => String(r.code));
  const offences = (await client.execute("SELECT code FROM offence_focus")).rows.map((r) => String(r.code));
  return { countries, topics, audiences, offences };
}

function insertRows(table: string, columns: string[], rows: unknown[][]): InStatement[] {
  const statements: InStatement[] = [];
  for (let i = 0; i < rows.length; i += 100) {
    const chunk = rows.slice(i, i + 100);
    const placeholders = chunk.map(() => `(${columns.map(() => "?").join(",")})`).join(",");
    statements.push({ sql: `INSERT INTO ${table} (${columns.join(",")}) VALUES ${placeholders}`, args: chunk.flat() as never[] });
  }
  return statements;
}

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export type GeneratedSizes = { sessions: number; organisations: number };

/** Organisations, then `sessions` sessions with their links, then needs assessments and requests. */
export async function generateRegistry(
  client: Client,
  options: { sessions: number; seed?: number; today: string; onProgress?: (done: number) => void },
) {
  const r = prng(options.seed ?? 2026);
  const ref = await loadReference(client);
  const todayMs = Date.parse(options.today);

  // A skewed spread: country weights follow 1/rank over a shuffled order.
  const order = [...ref.countries].sort(() => r.next() - 0.5);
  const weights = order.map((_, i) => 1 / (i + 1));
  const cumulative: number[] = [];
  weights.reduce((sum, w, i) => (cumulative[i] = sum + w), 0);
  const total = cumulative[cumulative.length - 1];
  const pickCountry = () => {
    const x = r.next() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return order[lo];
  };
  const bySubregion = new Map<string, string[]>();
  for (const c of ref.countries) if (c.subregion) bySubregion.set(c.subregion, [...(bySubregion.get(c.subregion) ?? []), c.code]);

  const parents = ref.topics.filter((t) => !t.parent).map((t) => t.code);
  const children = new Map(parents.map((p) => [p, ref.topics.filter((t) => t.parent === p).map((t) => t.code)]));

  const orgIds = Array.from({ length: 80 }, (_, i) => `BORG${String(i).padStart(3, "0")}`);
  const donorIds = orgIds.slice(60);
  await client.batch(
    insertRows(
      "organisation",
      ["id", "name", "kind"],
      orgIds.map((id, i) => [id, `Bench organisation ${i}`, i >= 60 ? "donor" : "ngo"]),
    ),
    "write",
  );

  // Years 2010 to next year, more sessions in later years.
  const firstYear = 2010;
  const lastYear = Number(options.today.slice(0, 4)) + 1;
  const yearWeights = Array.from({ length: lastYear - firstYear + 1 }, (_, i) => 1 + i / 6);
  const yearTotal = yearWeights.reduce((a, b) => a + b, 0);
  const pickYear = () => {
    let x = r.next() * yearTotal;
    for (let i = 0; i < yearWeights.length; i++) if ((x -= yearWeights[i]) <= 0) return firstYear + i;
    return lastYear;
  };

  const BATCH = 2000;
  for (let done = 0; done < options.sessions; done += BATCH) {
    const sessions: unknown[][] = [];
    const countryLinks: unknown[][] = [];
    const topicLinks: unknown[][] = [];
    const audienceLinks: unknown[][] = [];
    const offenceLinks: unknown[][] = [];
    const funderLinks: unknown[][] = [];
    for (let i = done; i < Math.min(done + BATCH, options.sessions); i++) {
      const id = `BS${String(i).padStart(7, "0")}`;
      const year = pickYear();
      const startMs = Date.UTC(year, 0, 1) + r.int(0, 364) * DAY;
      const long = r.next();
      const days = long < 0.0005 ? r.int(90, 240) : long < 0.03 ? r.int(10, 45) : r.int(0, 4);
      const future = startMs > todayMs;
      const s = r.next();
      const status = future
        ? s < 0.6 ? "planned" : s < 0.95 ? "confirmed" : "cancelled"
        : s < 0.88 ? "completed" : s < 0.94 ? "cancelled" : s < 0.98 ? "planned" : "confirmed";
      const host = pickCountry();
      const participants = r.next() < 0.1 ? null : r.int(8, 60);
      const deleted = r.next() < 0.01 ? "2026-01-01T00:00:00.000Z" : null;
      sessions.push([id, `Bench session ${i}`, r.pick(orgIds.slice(0, 60)), r.pick(orgIds), host.code, iso(startMs), iso(startMs + days * DAY), status, participants, deleted]);
      const countries = new Set([host.code]);
      if (r.next() < 0.15 && host.subregion) {
        const neighbours = bySubregion.get(host.subregion) ?? [];
        for (let k = r.int(1, 5); k > 0; k--) countries.add(r.pick(neighbours));
      }
      for (const c of countries) countryLinks.push([id, c]);
      const parent = r.pick(parents);
      const subs = children.get(parent) ?? [];
      const topicSet = new Set<string>();
      if (!subs.length || r.next() < 0.05) topicSet.add(parent);
      else for (let k = r.int(1, 3); k > 0; k--) topicSet.add(r.next() < 0.8 ? r.pick(subs) : r.pick(ref.topics).code);
      for (const t of topicSet) topicLinks.push([id, t]);
      for (const a of new Set(Array.from({ length: r.int(1, 3) }, () => r.pick(ref.audiences)))) audienceLinks.push([id, a]);
      for (const o of new Set(Array.from({ length: r.int(0, 2) }, () => r.pick(ref.offences)))) offenceLinks.push([id, o]);
      for (const f of new Set(Array.from({ length: r.int(0, 2) }, () => r.pick(donorIds)))) funderLinks.push([id, f]);
    }
    await client.batch(
      [
        ...insertRows(
          "training_session",
          ["id", "title", "provider_id", "reporting_org_id", "host_country", "start_date", "end_date", "status", "participants", "deleted_at"],
          sessions,
        ),
        ...insertRows("session_topic", ["session_id", "topic_code"], topicLinks),
        ...insertRows("session_country", ["session_id", "country_code"], countryLinks),
        ...insertRows("session_audience", ["session_id", "audience_code"], audienceLinks),
        ...insertRows("session_offence", ["session_id", "offence_code"], offenceLinks),
        ...insertRows("session_funder", ["session_id", "organisation_id"], funderLinks),
      ],
      "write",
    );
    options.onProgress?.(Math.min(done + BATCH, options.sessions));
    // Let the event loop turn so the client frees native memory (STACK.md).
    await new Promise((resolve) => setImmediate(resolve));
  }

  // Needs assessments for 120 countries, open and closed requests.
  const assessed = order.slice(0, 120);
  const assessments: unknown[][] = [];
  const items: unknown[][] = [];
  assessed.forEach((c, i) => {
    for (let k = 0; k < r.int(1, 3); k++) {
      const id = `BNA${i}-${k}`;
      assessments.push([id, c.code, iso(todayMs - r.int(30, 2000) * DAY), "Bench assessor"]);
      for (const t of new Set(Array.from({ length: r.int(5, 12) }, () => r.pick(ref.topics.filter((x) => x.parent)).code))) items.push([id, t, r.int(0, 3)]);
    }
  });
  const statuses = ["submitted", "under_review", "matched", "scheduled", "delivered", "declined", "withdrawn"];
  const requests: unknown[][] = [];
  const requestTopicRows: unknown[][] = [];
  for (let i = 0; i < 1500; i++) {
    const id = `BRQ${i}`;
    requests.push([id, pickCountry().code, `Bench request ${i}`, "Generated", r.pick(statuses), new Date(todayMs - r.int(1, 900) * DAY).toISOString()]);
    for (const t of new Set(Array.from({ length: r.int(1, 3) }, () => r.pick(ref.topics).code))) requestTopicRows.push([id, t]);
  }
  await client.batch(
    [
      ...insertRows("needs_assessment", ["id", "country_code", "assessed_on", "assessor"], assessments),
      ...insertRows("needs_assessment_item", ["assessment_id", "topic_code", "level"], items),
      ...insertRows("assistance_request", ["id", "country_code", "title", "description", "status", "created_at"], requests),
      ...insertRows("request_topic", ["request_id", "topic_code"], requestTopicRows),
    ],
    "write",
  );
}
