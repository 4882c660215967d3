// `npm run bench -- duplicates [--scan-sessions N] [--check-sessions N] [--reuse] [--skip-large]`
// 1. The hand-labelled set (tests/fixtures/duplicates-labelled.ts): precision,
//    recall and F1 of session duplicates after a full scan (all, dev, holdout),
//    and of overlaps against the labels and against the rule itself.
// 2. A full duplicate scan of 100,000 generated sessions (median of 3).
// 3. The entry-time check (overlaps + possible duplicates of a draft) against
//    1,000,000 sessions: median and p95 over 300 drafts.
// Generated databases are kept in .cache/bench-duplicates; --reuse keeps them.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { openDatabase, type Database } from "#db/client.server";
import { migrateDatabase } from "#db/migrate";
import { organisations, sessionAudiences, sessionCountries, sessionFunders, sessionTopics, trainingSessions } from "#db/schema";
import { seedReference } from "#db/seed/reference";
import { DUPLICATE_THRESHOLD, prepareSession, scoreSessionPair } from "~/domain/duplicate-scoring";
import { overlapBetween, type OverlapFacts } from "~/domain/overlaps";
import { countryKey, foldText } from "~/domain/similarity";
import { findAllCandidates, fullScan } from "~/models/duplicate-candidates.server";
import { sessionsForScoring } from "~/models/duplicate-records.server";
import { checkSessionDraft, listOverlaps, type SessionDraft } from "~/models/overlaps.server";
import { LABELLED_CASES, LABELLED_ORGANISATIONS, OVERLAP_CASES, type LabelledSession } from "#tests/fixtures/duplicates-labelled";
import { generateSessions, type PlantedPair } from "./duplicates-data";

const DIR = path.resolve(".cache/bench-duplicates");
const TODAY = new Date().toISOString().slice(0, 10);

function option(args: string[], name: string) {
  const i = args.indexOf(name);
  return i === -1 ? undefined : args[i + 1];
}

async function freshDatabase(file: string) {
  rmSync(file, { force: true });
  rmSync(`${file}-wal`, { force: true });
  rmSync(`${file}-shm`, { force: true });
  await migrateDatabase(`file:${file}`);
  const opened = openDatabase(`file:${file}`);
  await seedReference(opened.db);
  return opened;
}

const pairKey = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);

function metrics(truth: Set<string>, found: Set<string>) {
  const tp = [...found].filter((p) => truth.has(p)).length;
  const precision = found.size ? tp / found.size : 1;
  const recall = truth.size ? tp / truth.size : 1;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { tp, fp: found.size - tp, fn: truth.size - tp, precision, recall, f1 };
}

const pct = (x: number) => x.toFixed(3);

// ---------------------------------------------------------------- the labelled set

async function loadLabelled(db: Database, sessions: LabelledSession[]) {
  const orgIds = new Map<string, string>();
  const acronymIds = new Map<string, string>();
  for (const o of LABELLED_ORGANISATIONS) {
    const [row] = await db.insert(organisations).values({ name: o.name, acronym: o.acronym, kind: o.kind, countryCode: o.country }).returning();
    orgIds.set(foldText(o.name), row.id);
    if (o.acronym) acronymIds.set(foldText(o.acronym), row.id);
  }
  // Like the CSV import: an exact name first, then an acronym.
  const org = (name: string) => {
    const found = orgIds.get(foldText(name)) ?? acronymIds.get(foldText(name));
    if (!found) throw new Error(`Unknown organisation in the labelled set: ${name}`);
    return found;
  };
  const country = (value: string) => {
    const code = countryKey(value);
    if (!code) throw new Error(`Unknown country in the labelled set: ${value}`);
    return code;
  };
  const ids = new Map<string, string>();
  for (const s of sessions) {
    const [row] = await db
      .insert(trainingSessions)
      .values({
        title: s.title,
        providerId: org(s.provider),
        reportingOrgId: org(s.reporter),
        externalId: s.externalId,
        providerRef: s.providerRef ?? null,
        hostCountry: country(s.hostCountry),
        city: s.city ?? null,
        startDate: s.startDate,
        endDate: s.endDate,
        status: s.status,
        mode: s.mode ?? null,
        participants: s.participants ?? null,
      })
      .returning();
    ids.set(s.key, row.id);
    const countries = [...new Set((s.countries ?? [s.hostCountry]).map(country))];
    await db.insert(sessionCountries).values(countries.map((c) => ({ sessionId: row.id, countryCode: c })));
    if (s.topics.length) await db.insert(sessionTopics).values(s.topics.map((t) => ({ sessionId: row.id, topicCode: t })));
    if (s.audiences.length) await db.insert(sessionAudiences).values(s.audiences.map((a) => ({ sessionId: row.id, audienceCode: a })));
    const funders = [...new Set((s.funders ?? []).map(org))];
    if (funders.length) await db.insert(sessionFunders).values(funders.map((f) => ({ sessionId: row.id, organisationId: f })));
  }
  return ids;
}

async function labelledFigures() {
  mkdirSync(DIR, { recursive: true });
  const { client, db } = await freshDatabase(path.join(DIR, "labelled.db"));
  try {
    const overlapSessions = OVERLAP_CASES.flatMap((c) => [c.a, c.b]);
    const ids = await loadLabelled(db, [...LABELLED_CASES.flatMap((c) => c.sessions), ...overlapSessions]);
    const keyOf = new Map([...ids].map(([k, v]) => [v, k]));
    await fullScan(db, "session");
    const candidates = await findAllCandidates(db, "session");
    const found = new Set(candidates.map((c) => pairKey(c.idA, c.idB)));
    const bySplit: Record<string, { truth: Set<string>; keys: Set<string> }> = { all: { truth: new Set(), keys: new Set() }, dev: { truth: new Set(), keys: new Set() }, holdout: { truth: new Set(), keys: new Set() } };
    for (const c of LABELLED_CASES) {
      const members = c.sessions.map((s) => ids.get(s.key)!);
      for (const split of ["all", c.split]) for (const m of members) bySplit[split].keys.add(m);
      if (!c.duplicate) continue;
      for (let i = 0; i < members.length; i++) for (let j = i + 1; j < members.length; j++) for (const split of ["all", c.split]) bySplit[split].truth.add(pairKey(members[i], members[j]));
    }
    console.log(`\nSession duplicates on the labelled set (${LABELLED_CASES.length} cases, ${ids.size} sessions with the overlap cases; threshold ${DUPLICATE_THRESHOLD}):`);
    const figures: Record<string, ReturnType<typeof metrics>> = {};
    for (const [split, { truth, keys }] of Object.entries(bySplit)) {
      // A pair counts in a split when its labelled members belong to it (overlap-case sessions count everywhere).
      const inSplit = new Set([...found].filter((p) => p.split("|").every((id) => keys.has(id) || !bySplit.all.keys.has(id))));
      const m = (figures[split] = metrics(truth, inSplit));
      console.log(`  ${split.padEnd(8)} true pairs ${String(truth.size).padStart(3)}  found ${String(inSplit.size).padStart(3)}  precision ${pct(m.precision)}  recall ${pct(m.recall)}  F1 ${pct(m.f1)}`);
    }
    const truth = bySplit.all.truth;
    // How far from the threshold the labelled pairs fall, scored directly (no blocking).
    const prepared = new Map((await sessionsForScoring(db, null)).map((x) => [x.id, prepareSession(x)]));
    let lowestTrue = { score: 1, pair: "" };
    let highestFalse = { score: 0, pair: "" };
    for (const c of LABELLED_CASES) {
      const members = c.sessions.map((x) => ids.get(x.key)!);
      for (let i = 0; i < members.length; i++) {
        for (let j = i + 1; j < members.length; j++) {
          const score = scoreSessionPair(prepared.get(members[i])!, prepared.get(members[j])!).score;
          const pair = `${c.sessions[i].key} ~ ${c.sessions[j].key}`;
          if (c.duplicate && score < lowestTrue.score) lowestTrue = { score, pair };
          if (!c.duplicate && score > highestFalse.score) highestFalse = { score, pair };
        }
      }
    }
    console.log(`  lowest-scoring duplicate ${lowestTrue.score} (${lowestTrue.pair}); highest-scoring hard negative ${highestFalse.score} (${highestFalse.pair})`);
    const scoreOf = new Map(candidates.map((c) => [pairKey(c.idA, c.idB), c]));
    for (const p of truth) if (!found.has(p)) console.log(`  missed: ${p.split("|").map((id) => keyOf.get(id)).join(" ~ ")}`);
    for (const p of found) if (!truth.has(p)) console.log(`  false alarm: ${p.split("|").map((id) => keyOf.get(id)).join(" ~ ")} (${scoreOf.get(p)?.score}: ${scoreOf.get(p)?.reasons.join("; ")})`);

    // Overlaps: the labels, the index-driven entry-time check and the listing against the rule.
    const facts = new Map<string, OverlapFacts>();
    for (const s of [...LABELLED_CASES.flatMap((c) => c.sessions), ...overlapSessions]) {
      const id = ids.get(s.key)!;
      const [row] = await db.all<{ provider_id: string }>(sql`SELECT provider_id FROM training_session WHERE id = ${id}`);
      facts.set(id, { id, providerId: row.provider_id, status: s.status, startDate: s.startDate, endDate: s.endDate, countries: [...new Set((s.countries ?? [s.hostCountry]).map((c) => countryKey(c)!))], topics: s.topics, audiences: s.audiences });
    }
    const ruleTruth = new Set<string>();
    const all = [...facts.values()];
    for (let i = 0; i < all.length; i++) for (let j = i + 1; j < all.length; j++) if (overlapBetween(all[i], all[j])) ruleTruth.add(pairKey(all[i].id, all[j].id));
    const listed = await listOverlaps(db, { from: "2000-01-01", to: "2100-01-01", country: null, windowDays: 90 });
    const listedPairs = new Set(listed.pairs.map((p) => pairKey(p.a, p.b)));
    const checked = new Set<string>();
    for (const f of all) {
      const s = [...LABELLED_CASES.flatMap((c) => c.sessions), ...overlapSessions].find((x) => ids.get(x.key) === f.id)!;
      const draft: SessionDraft = { id: f.id, title: s.title, courseId: null, providerId: f.providerId, reportingOrgId: null, hostCountry: f.countries[0], countries: [...f.countries], city: null, startDate: f.startDate, endDate: f.endDate, status: f.status, mode: null, topics: [...f.topics], audiences: [...f.audiences], participants: null, funders: [], trainers: [] };
      const check = await checkSessionDraft(db, draft, 90, 1000);
      for (const o of check.overlaps) checked.add(pairKey(f.id, o.session.id));
    }
    const labelTruth = new Set(OVERLAP_CASES.filter((c) => c.overlap).map((c) => pairKey(ids.get(c.a.key)!, ids.get(c.b.key)!)));
    const labelPairs = new Set(OVERLAP_CASES.map((c) => pairKey(ids.get(c.a.key)!, ids.get(c.b.key)!)));
    const vsLabels = metrics(labelTruth, new Set([...checked].filter((p) => labelPairs.has(p))));
    const checkVsRule = metrics(ruleTruth, checked);
    const listVsRule = metrics(ruleTruth, listedPairs);
    console.log(`\nOverlaps (window 90 days):`);
    console.log(`  vs hand labels (${OVERLAP_CASES.length} cases, ${labelTruth.size} overlapping): precision ${pct(vsLabels.precision)}  recall ${pct(vsLabels.recall)}  F1 ${pct(vsLabels.f1)}`);
    console.log(`  entry-time check vs the rule over all ${all.length} sessions (${ruleTruth.size} pairs): precision ${pct(checkVsRule.precision)}  recall ${pct(checkVsRule.recall)}`);
    console.log(`  overlap listing vs the rule: precision ${pct(listVsRule.precision)}  recall ${pct(listVsRule.recall)}`);
    return { duplicates: figures.all, overlapLabels: vsLabels, overlapRule: checkVsRule };
  } finally {
    client.close();
  }
}

// ---------------------------------------------------------------- large registries

async function generated(file: string, sessions: number, reuse: boolean): Promise<{ client: ReturnType<typeof openDatabase>["client"]; db: Database; planted: PlantedPair[] }> {
  const plantedFile = `${file}.planted.json`;
  if (reuse && existsSync(file) && existsSync(plantedFile)) {
    const opened = openDatabase(`file:${file}`);
    return { ...opened, planted: JSON.parse(readFileSync(plantedFile, "utf8")) as PlantedPair[] };
  }
  const opened = await freshDatabase(file);
  const t0 = performance.now();
  let last = 0;
  const { planted } = await generateSessions(opened.client, {
    sessions,
    today: TODAY,
    onProgress: (done) => {
      if (done - last >= 100_000) {
        last = done;
        console.log(`  ${done.toLocaleString("en")} sessions, ${((performance.now() - t0) / 1000).toFixed(0)} s`);
      }
    },
  });
  writeFileSync(plantedFile, JSON.stringify(planted));
  console.log(`  generated ${sessions.toLocaleString("en")} sessions in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  return { ...opened, planted };
}

async function scanFigures(sessions: number, reuse: boolean) {
  console.log(`\nFull duplicate scan of ${sessions.toLocaleString("en")} generated sessions:`);
  const { client, db, planted } = await generated(path.join(DIR, `scan-${sessions}.db`), sessions, reuse);
  try {
    const times: number[] = [];
    let count = 0;
    for (let run = 0; run < 3; run++) {
      const t0 = performance.now();
      count = await fullScan(db, "session");
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    const found = new Set((await findAllCandidates(db, "session")).map((c) => pairKey(c.idA, c.idB)));
    const m = metrics(new Set(planted.map(([a, b]) => pairKey(a, b))), found);
    console.log(`  scan (load, block, score, store): median ${(times[1] / 1000).toFixed(2)} s (runs ${times.map((t) => (t / 1000).toFixed(2)).join(", ")} s); ${count.toLocaleString("en")} candidate pairs`);
    console.log(`  planted funder re-reports: ${planted.length}; recall ${pct(m.recall)}; candidates beyond the planted ones: ${m.fp} (same course, provider and country within days: genuinely ambiguous)`);
    return times[1];
  } finally {
    client.close();
  }
}

async function checkFigures(sessions: number, reuse: boolean) {
  console.log(`\nEntry-time check against ${sessions.toLocaleString("en")} sessions:`);
  const { client, db } = await generated(path.join(DIR, `check-${sessions}.db`), sessions, reuse);
  try {
    // Drafts shaped like real entries: an existing delivery's country, topics
    // and audiences, planned next year by another provider.
    const samples = await db.all<Record<string, string | null>>(sql`
      SELECT s.id, s.title, s.provider_id, s.host_country,
        (SELECT group_concat(country_code) FROM session_country WHERE session_id = s.id) AS countries,
        (SELECT group_concat(topic_code) FROM session_topic WHERE session_id = s.id) AS topics,
        (SELECT group_concat(audience_code) FROM session_audience WHERE session_id = s.id) AS audiences
      FROM training_session s WHERE s.rowid IN (SELECT abs(random()) % (SELECT max(rowid) FROM training_session) + 1 FROM training_session LIMIT 300)`);
    const year = Number(TODAY.slice(0, 4));
    const drafts: SessionDraft[] = samples.map((s, i) => {
      const start = new Date(Date.UTC(year, 0, 1) + ((i * 7919) % 540) * 86_400_000).toISOString().slice(0, 10);
      return {
        title: String(s.title),
        courseId: null,
        providerId: i % 3 === 0 ? String(s.provider_id) : "DORG059",
        reportingOrgId: "DORG059",
        hostCountry: String(s.host_country),
        countries: String(s.countries ?? s.host_country).split(","),
        city: null,
        startDate: start,
        endDate: start,
        status: "planned",
        mode: null,
        topics: String(s.topics ?? "").split(",").filter(Boolean),
        audiences: String(s.audiences ?? "").split(",").filter(Boolean),
        participants: null,
        funders: [],
        trainers: [],
      };
    });
    for (const d of drafts.slice(0, 20)) await checkSessionDraft(db, d);
    const times: number[] = [];
    let overlaps = 0;
    let duplicates = 0;
    for (const d of drafts) {
      const t0 = performance.now();
      const result = await checkSessionDraft(db, d);
      times.push(performance.now() - t0);
      overlaps += result.totalOverlaps;
      duplicates += result.totalDuplicates;
    }
    times.sort((a, b) => a - b);
    const at = (p: number) => times[Math.min(times.length - 1, Math.ceil(p * times.length) - 1)];
    console.log(`  ${times.length} drafts: median ${at(0.5).toFixed(1)} ms, p95 ${at(0.95).toFixed(1)} ms, max ${times[times.length - 1].toFixed(1)} ms`);
    console.log(`  on average ${(overlaps / drafts.length).toFixed(1)} overlapping sessions and ${(duplicates / drafts.length).toFixed(2)} possible duplicates per draft`);
    return at(0.95);
  } finally {
    client.close();
  }
}

export async function runDuplicatesBench(args: string[]) {
  mkdirSync(DIR, { recursive: true });
  const reuse = args.includes("--reuse");
  const labelled = await labelledFigures();
  if (args.includes("--skip-large")) return;
  const scan = await scanFigures(Number(option(args, "--scan-sessions") ?? 100_000), reuse);
  const check = await checkFigures(Number(option(args, "--check-sessions") ?? 1_000_000), reuse);
  const d = labelled.duplicates;
  console.log(
    `\nSummary: session duplicates precision ${pct(d.precision)} recall ${pct(d.recall)} F1 ${pct(d.f1)}; overlap recall ${pct(labelled.overlapLabels.recall)} (labels) ${pct(labelled.overlapRule.recall)} (rule); full scan ${(scan / 1000).toFixed(2)} s; entry-time check p95 ${check.toFixed(1)} ms`,
  );
}
