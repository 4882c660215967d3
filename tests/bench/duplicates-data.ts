// A large registry for the duplicate benchmark: courses with realistic
// titles from 60 providers, their deliveries spread over countries with a
// skew (a few countries receive most training, 1/rank), years of growth,
// cohorts of one course close together, and about 1% of deliveries reported
// a second time by a funder (reworded title, dates a day or two off). Loaded
// through the triggers with multi-row INSERTs, as an import would.
import { type Client, type InStatement } from "@libsql/client";
import { prng } from "./coverage-data";

const SUBJECTS: [string, string[], string[]][] = [
  ["Mobile device forensics", ["EVID.MOBILE"], ["FORENSIC", "POLICE"]],
  ["Preservation of electronic evidence and chain of custody", ["EVID.PRESERVE"], ["POLICE", "PROSECUTOR"]],
  ["Gathering and seizure of digital evidence", ["EVID.GATHER"], ["POLICE"]],
  ["Presenting electronic evidence in court", ["EVID.PRESENT"], ["PROSECUTOR", "JUDGE"]],
  ["Computer forensics", ["EVID.FORENSICS"], ["FORENSIC"]],
  ["IP addresses, connection logs and time zones", ["EVID.NETWORK"], ["POLICE", "FORENSIC"]],
  ["Undercover online investigation of grooming", ["INV.PROACTIVE"], ["POLICE"]],
  ["Victim identification from abuse material", ["INV.VICTIMID"], ["POLICE", "FORENSIC"]],
  ["Tor, encryption and cloud storage", ["INV.ANONYMITY"], ["POLICE", "FORENSIC"]],
  ["Live-streamed abuse and payment tracing", ["INV.LIVESTREAM"], ["POLICE"]],
  ["Online recruitment in trafficking cases", ["INV.TRAFFICKING"], ["POLICE", "PROSECUTOR"]],
  ["Offender networks and high-value targets", ["INV.TARGETS"], ["POLICE"]],
  ["Assisting child victims through the justice process", ["VIC.ASSIST"], ["VICTIM_SERVICES", "PROSECUTOR"]],
  ["Child-sensitive interviewing", ["VIC.INTERVIEW"], ["POLICE", "VICTIM_SERVICES"]],
  ["Abuse within families: recognising online signs", ["VIC.FAMILY"], ["VICTIM_SERVICES", "EDUCATOR"]],
  ["Mutual legal assistance for electronic evidence", ["COOP.MLA"], ["PROSECUTOR", "JUDGE"]],
  ["Joint investigation teams", ["COOP.JOINT"], ["POLICE", "PROSECUTOR"]],
  ["Requesting data from electronic service providers", ["COOP.ESP"], ["POLICE", "PROSECUTOR"]],
  ["Setting up specialised cybercrime units", ["GOV.UNITS"], ["POLICY", "POLICE"]],
  ["Reviewing legislation on online child abuse", ["GOV.LAW"], ["POLICY"]],
  ["Awareness for senior officials", ["GOV.LEADERS"], ["POLICY"]],
  ["Children's online safety", ["PREV.CHILDREN"], ["CHILD", "EDUCATOR"]],
  ["Online safety for parents and teachers", ["PREV.CAREGIVERS"], ["CAREGIVER", "EDUCATOR"]],
  ["Reporting channels and hotlines", ["PREV.REPORTING"], ["CIVIL_SOCIETY"]],
  ["Training of trainers and needs assessment", ["TOT"], ["TRAINER"]],
];
const FLAVOURS = ["", "Introduction to ", "Advanced ", "Practical ", "Regional course: ", "Foundations of "];
const SUFFIXES = ["", " for first responders", " for prosecutors", " (blended)", " – level 2", " workshop"];
const REWORDINGS = ["Training course: ", "Workshop – ", "Funded delivery: ", "Regional workshop on ", ""];

function insertRows(table: string, columns: string[], rows: unknown[][]): InStatement[] {
  const out: InStatement[] = [];
  for (let i = 0; i < rows.length; i += 100) {
    const chunk = rows.slice(i, i + 100);
    out.push({ sql: `INSERT INTO ${table} (${columns.join(",")}) VALUES ${chunk.map(() => `(${columns.map(() => "?").join(",")})`).join(",")}`, args: chunk.flat() as never[] });
  }
  return out;
}

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export type PlantedPair = [string, string];

/** `sessions` deliveries (plus the funder re-reports planted among them); returns the planted pairs. */
export async function generateSessions(client: Client, options: { sessions: number; seed?: number; today: string; onProgress?: (done: number) => void }) {
  const r = prng(options.seed ?? 59);
  const countries = (await client.execute("SELECT code, subregion_code FROM country WHERE region_code IS NOT NULL ORDER BY code")).rows.map((x) => ({ code: String(x.code), sub: x.subregion_code == null ? null : String(x.subregion_code) }));
  const order = [...countries].sort(() => r.next() - 0.5);
  const cumulative: number[] = [];
  order.reduce((sum, _, i) => (cumulative[i] = sum + 1 / (i + 1)), 0);
  const pickCountry = () => {
    const x = r.next() * cumulative[cumulative.length - 1];
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return order[lo];
  };
  const bySub = new Map<string, string[]>();
  for (const c of countries) if (c.sub) bySub.set(c.sub, [...(bySub.get(c.sub) ?? []), c.code]);

  const providers = Array.from({ length: 60 }, (_, i) => ({ id: `DORG${String(i).padStart(3, "0")}`, name: `Provider institute ${i}`, acronym: `PI${i}` }));
  const donors = Array.from({ length: 20 }, (_, i) => ({ id: `DDON${String(i).padStart(3, "0")}`, name: `Donor fund ${i}`, acronym: `DF${i}` }));
  await client.batch(insertRows("organisation", ["id", "name", "acronym", "kind"], [...providers.map((p) => [p.id, p.name, p.acronym, "ngo"]), ...donors.map((d) => [d.id, d.name, d.acronym, "donor"])]), "write");

  // Each provider teaches a handful of courses under its own titles.
  const courses = providers.flatMap((p) =>
    Array.from({ length: r.int(3, 8) }, () => {
      const [subject, topics, audiences] = r.pick(SUBJECTS);
      const flavour = r.pick(FLAVOURS);
      const title = `${flavour}${flavour ? subject.toLowerCase() : subject}${r.pick(SUFFIXES)}`;
      return { providerId: p.id, title: title.charAt(0).toUpperCase() + title.slice(1), topics, audiences };
    }),
  );
  const firstYear = 2010;
  const lastYear = Number(options.today.slice(0, 4)) + 1;
  const weights = Array.from({ length: lastYear - firstYear + 1 }, (_, i) => 1 + i / 6);
  const totalWeight = weights.reduce((a, b) => a + b, 0);
  const pickYear = () => {
    let x = r.next() * totalWeight;
    for (let i = 0; i < weights.length; i++) if ((x -= weights[i]) <= 0) return firstYear + i;
    return lastYear;
  };
  const todayMs = Date.parse(options.today);
  const planted: PlantedPair[] = [];
  const BATCH = 2000;
  let n = 0;
  while (n < options.sessions) {
    const rows: unknown[][] = [];
    const links: Record<string, unknown[][]> = { country: [], topic: [], audience: [], funder: [] };
    const add = (row: unknown[], c: string[], t: string[], a: string[], f: string[]) => {
      rows.push(row);
      for (const x of c) links.country.push([row[0], x]);
      for (const x of t) links.topic.push([row[0], x]);
      for (const x of a) links.audience.push([row[0], x]);
      for (const x of f) links.funder.push([row[0], x]);
    };
    for (let k = 0; k < BATCH && n < options.sessions; k++, n++) {
      const id = `DS${String(n).padStart(8, "0")}`;
      const course = r.pick(courses);
      const host = pickCountry();
      const startMs = Date.UTC(pickYear(), 0, 1) + r.int(0, 364) * DAY;
      const days = r.next() < 0.03 ? r.int(10, 45) : r.int(0, 4);
      const status = startMs > todayMs ? (r.next() < 0.6 ? "planned" : "confirmed") : r.next() < 0.93 ? "completed" : "cancelled";
      const beneficiaries = new Set([host.code]);
      if (r.next() < 0.12 && host.sub) for (let j = r.int(1, 3); j > 0; j--) beneficiaries.add(r.pick(bySub.get(host.sub)!));
      const funders = [...new Set(Array.from({ length: r.int(0, 2) }, () => r.pick(donors).id))];
      const participants = r.next() < 0.15 ? null : r.int(10, 45);
      const start = iso(startMs);
      const end = iso(startMs + days * DAY);
      add([id, course.title, course.providerId, course.providerId, `${course.providerId}-${n}`, null, host.code, start, end, status, participants], [...beneficiaries], course.topics, course.audiences, funders);
      // About 1% of funded deliveries are reported again by the funder.
      if (funders.length && r.next() < 0.02 && n + 1 < options.sessions) {
        n++;
        const copy = `DS${String(n).padStart(8, "0")}`;
        const shift = r.int(-1, 2) * DAY;
        const title = `${r.pick(REWORDINGS)}${course.title.toLowerCase()}`;
        add([copy, title, course.providerId, funders[0], `GRANT-${n}`, null, host.code, iso(startMs + shift), iso(startMs + days * DAY + shift), status, participants], [...beneficiaries], course.topics, r.next() < 0.3 ? [] : course.audiences, funders);
        planted.push([id, copy]);
      }
    }
    await client.batch(
      [
        ...insertRows("training_session", ["id", "title", "provider_id", "reporting_org_id", "external_id", "provider_ref", "host_country", "start_date", "end_date", "status", "participants"], rows),
        ...insertRows("session_country", ["session_id", "country_code"], links.country),
        ...insertRows("session_topic", ["session_id", "topic_code"], links.topic),
        ...insertRows("session_audience", ["session_id", "audience_code"], links.audience),
        ...insertRows("session_funder", ["session_id", "organisation_id"], links.funder),
      ],
      "write",
    );
    options.onProgress?.(n);
    await new Promise((resolve) => setImmediate(resolve));
  }
  // The generated rows are already scanned by the benchmark itself; the marks would only make the first refresh a full scan.
  await client.execute("DELETE FROM duplicate_dirty");
  await client.execute("ANALYZE");
  return { planted };
}
