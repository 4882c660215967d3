// Realistic session CSV files of any size, streamed to disk (never built in
// memory): a few providers report most sessions, countries are skewed and
// written as codes or names, 1–3 topics mostly under one parent, statuses
// that follow the dates, some multi-country sessions, trainers from a pool,
// quoted notes with commas, emoji and right-to-left text.
import { createWriteStream } from "node:fs";
import { once } from "node:events";
import { type Client } from "@libsql/client";
import { SESSION_CSV_COLUMNS } from "~/domain/session-csv";
import { prng } from "./coverage-data";

export type CsvReference = {
  countries: { code: string; alpha2: string; name: string }[];
  topics: { code: string; parent: string | null }[];
  audiences: string[];
  offences: string[];
};

export async function loadCsvReference(client: Client): Promise<CsvReference> {
  const rows = async (sql: string) => (await client.execute(sql)).rows;
  return {
    countries: (await rows("SELECT code, alpha2, name_en FROM country WHERE region_code IS NOT NULL ORDER BY code")).map((r) => ({
      code: String(r.code),
      alpha2: String(r.alpha2),
      name: String(r.name_en),
    })),
    topics: (await rows("SELECT code, parent_code FROM topic ORDER BY sort_order")).map((r) => ({ code: String(r.code), parent: r.parent_code == null ? null : String(r.parent_code) })),
    audiences: (await rows("SELECT code FROM audience")).map((r) => String(r.code)),
    offences: (await rows("SELECT code FROM offence_focus")).map((r) => String(r.code)),
  };
}

export const BENCH_REPORTER = "Bench Reporting Agency";
const PROVIDERS = Array.from({ length: 40 }, (_, i) => (i % 4 === 0 ? `BPR${i}` : `Bench Provider ${i}`));
const FUNDERS = Array.from({ length: 15 }, (_, i) => `Bench Donor ${i}`);
const TRAINERS = Array.from({ length: 500 }, (_, i) => `Trainer ${String.fromCharCode(65 + (i % 26))}. Number ${i}`);
const CITIES = ["Nairobi", "La Paz", "Abidjan", "Bangkok", "Manila", "Dakar", "Lima", "Tunis", "Hanoi", "Kyiv", "Quito", "Accra"];
const TITLES = ["Electronic evidence", "Child-sensitive interviewing", "Victim identification", "Mutual legal assistance", "Online investigations", "Mobile forensics"];
const NOTES = ["", "", "", "Follow-up, in June", "Pre/post test: 54% → 81% 👍", "تقييم المتابعة", 'Said "excellent"'];
const LANGUAGES = ["en", "fr", "es", "ar", "ru", "pt", "sw", ""];
const MODES = ["in_person", "in_person", "online", "blended", ""];

function cell(value: string) {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Writes `rows` sessions (ids `${idPrefix}-000001`…) to `file`. */
export async function writeSessionsCsv(file: string, ref: CsvReference, options: { rows: number; seed?: number; idPrefix?: string; today?: string }) {
  const r = prng(options.seed ?? 7);
  const todayMs = Date.parse(options.today ?? "2026-01-01");
  const weights = ref.countries.map((_, i) => 1 / (i + 1));
  const order = [...ref.countries].sort(() => r.next() - 0.5);
  const total = weights.reduce((a, b) => a + b, 0);
  const pickCountry = () => {
    let x = r.next() * total;
    for (let i = 0; i < order.length; i++) if ((x -= weights[i]) <= 0) return order[i];
    return order[order.length - 1];
  };
  const countryCell = (c: CsvReference["countries"][number]) => {
    const x = r.next();
    return x < 0.7 ? c.code : x < 0.85 ? c.alpha2 : c.name;
  };
  const parents = ref.topics.filter((t) => !t.parent).map((t) => t.code);
  const children = new Map(parents.map((p) => [p, ref.topics.filter((t) => t.parent === p).map((t) => t.code)]));
  const some = (list: readonly string[], min: number, max: number) => [...new Set(Array.from({ length: r.int(min, max) }, () => r.pick(list)))];

  const out = createWriteStream(file);
  out.write(`${SESSION_CSV_COLUMNS.join(",")}\n`);
  let batch: string[] = [];
  for (let i = 1; i <= options.rows; i++) {
    const startMs = Date.UTC(r.int(2015, 2027), 0, 1) + r.int(0, 364) * DAY;
    const endMs = startMs + (r.next() < 0.03 ? r.int(10, 40) : r.int(0, 4)) * DAY;
    const s = r.next();
    const status = startMs > todayMs ? (s < 0.6 ? "planned" : s < 0.95 ? "confirmed" : "cancelled") : s < 0.88 ? "completed" : s < 0.95 ? "cancelled" : "planned";
    const host = pickCountry();
    const beneficiaries = r.next() < 0.15 ? Array.from({ length: r.int(1, 4) }, () => countryCell(pickCountry())) : [];
    const parent = r.pick(parents);
    const subs = children.get(parent) ?? [];
    const topics = subs.length && r.next() > 0.05 ? some(subs, 1, 3) : [parent];
    const values: Record<(typeof SESSION_CSV_COLUMNS)[number], string> = {
      external_id: `${options.idPrefix ?? "BENCH"}-${String(i).padStart(7, "0")}`,
      title: `${r.pick(TITLES)} ${r.pick(CITIES)}`,
      course_id: "",
      provider: r.pick(PROVIDERS),
      funders: some(FUNDERS, 0, 2).join(";"),
      host_country: countryCell(host),
      beneficiary_countries: beneficiaries.join(";"),
      city: r.pick(CITIES),
      start_date: iso(startMs),
      end_date: iso(endMs),
      status,
      topics: topics.join(";"),
      audiences: some(ref.audiences, 1, 3).join(";"),
      offence_focus: some(ref.offences, 0, 2).join(";"),
      language: r.pick(LANGUAGES),
      mode: r.pick(MODES),
      participants: r.next() < 0.1 ? "" : String(r.int(8, 60)),
      trainers: some(TRAINERS, 0, 2).join(";"),
      provider_ref: r.next() < 0.05 ? `PR-${r.int(1, 99999)}` : "",
      notes: r.pick(NOTES),
    };
    batch.push(SESSION_CSV_COLUMNS.map((c) => cell(values[c])).join(","));
    if (batch.length === 2000 || i === options.rows) {
      if (!out.write(`${batch.join("\n")}\n`)) await once(out, "drain");
      batch = [];
    }
  }
  out.end();
  await once(out, "close");
}
