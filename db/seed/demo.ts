// Demo data: deterministic (one seeded PRNG), clearly fictional (every
// organisation and person is invented; e-mail addresses use .example), and
// shaped like the field: providers, donors, courses per topic, deliveries in
// 100+ countries from 2019 to 2027 in every status.
//
// Planted on purpose, for the duplicate-detection work:
// - the organisation "Regional Cybercrime Academy" (RCA) is registered a second time as "RCA";
// - the trainer "Dr. Amina O. Hassan" is registered a second time as "Amina Hassan";
// - three deliveries are reported twice: once by the provider and once by its funder,
//   with a reworded title and dates one day apart (the first with provider_ref set).
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { type SQLiteTable } from "drizzle-orm/sqlite-core";
import { monotonicFactory } from "ulid";
import { hashPassword } from "~/utils/password.server";
import { type Database, type Executor } from "../client.server";
import * as s from "../schema";
import { buildCountrySeeds } from "./countries";
import { AUDIENCE_SEEDS, OFFENCE_SEEDS, TOPIC_SEEDS } from "./reference-lists";

export const DEMO_PASSWORD = "demo-password-2026";

export const DEMO_USERS = [
  { email: "admin@demo.example", role: "admin", displayName: "Ada Admin (demo)", vetted: true },
  { email: "coordinator@demo.example", role: "coordinator", displayName: "Corin Coordinator (demo)", vetted: true },
  { email: "trainer@demo.example", role: "trainer", displayName: "Tomas Trainer (demo)", vetted: false },
  { email: "vetted@demo.example", role: "trainer", displayName: "Vera Vetted (demo)", vetted: true },
  { email: "registered@demo.example", role: "trainer", displayName: "Remy Registered (demo)", vetted: false },
  { email: "focal@demo.example", role: "focal_point", displayName: "Faith Focal Point (demo, Kenya)", vetted: false },
  { email: "donor@demo.example", role: "donor", displayName: "Dana Donor (demo)", vetted: false },
] as const;

export type DemoSummary = Record<string, number>;

const FILES_DIR = path.join(path.dirname(new URL(import.meta.url).pathname), "demo-files");
const SEED_TIME = Date.UTC(2026, 0, 1);

function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Random {
  private next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  float() {
    return this.next();
  }
  int(min: number, max: number) {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }
  chance(p: number) {
    return this.next() < p;
  }
  sample<T>(items: readonly T[], n: number): T[] {
    const copy = [...items];
    const out: T[] = [];
    while (out.length < n && copy.length) out.push(copy.splice(Math.floor(this.next() * copy.length), 1)[0]);
    return out;
  }
}

type OrgKind = (typeof s.ORGANISATION_KINDS)[number];
const ORGANISATIONS: [string, string | null, OrgKind, string | null][] = [
  ["Regional Cybercrime Academy", "RCA", "academic", "SGP"],
  ["Northshore Child Safety Foundation", "NCSF", "ngo", "CAN"],
  ["Meridian Institute for Digital Forensics", "MIDF", "academic", "NLD"],
  ["Coastal States Police Training College", "CSPTC", "law_enforcement", "GHA"],
  ["Andean Prosecutors' Network", "APN", "igo", "PER"],
  ["Sahel Justice Training Centre", "SJTC", "government", "SEN"],
  ["Lakeshore Online Safety Alliance", "LOSA", "ngo", "UGA"],
  ["Pacific Islands Law Enforcement Learning Hub", "PILELH", "igo", "FJI"],
  ["Caspian Judicial Studies Institute", "CJSI", "academic", "KAZ"],
  ["Mekong Child Protection Partnership", "MCPP", "ngo", "THA"],
  ["Balkan Digital Evidence Programme", "BDEP", "igo", "MKD"],
  ["Orchid Hotline Collective", "OHC", "ngo", "PHL"],
  ["Cedar Victim Support Services", "CVSS", "ngo", "LBN"],
  ["Highveld Specialised Investigations Unit", "HSIU", "law_enforcement", "ZAF"],
  ["Atlantic Interagency Training Office", "AITO", "un", "USA"],
  ["Global Office for Child Online Protection Training", "GOCOPT", "un", "AUT"],
  ["Riverbend University Centre for Cyber Law", "RUCCL", "academic", "KEN"],
  ["Safe Horizons Tech Coalition", "SHTC", "private", "IRL"],
  ["Carib Shield Training Consortium", "CSTC", "igo", "JAM"],
  ["Steppe Cyber Investigators Association", "SCIA", "law_enforcement", "MNG"],
  ["Ministry of Interior Training Directorate of Examplestan (fictional)", "MITD", "government", "JOR"],
  ["Harbourlight Education Trust", "HET", "ngo", "NZL"],
  ["Evergreen Development Fund", "EDF", "donor", "NOR"],
  ["Aurora Philanthropic Foundation", "APF", "donor", "CHE"],
  ["Northern Lights Development Agency", "NLDA", "donor", "SWE"],
  ["Tidewater Cooperation Fund", "TCF", "donor", "JPN"],
  ["Compass Rose Foundation for Children", "CRFC", "donor", "GBR"],
  ["Summit Trust for Safer Childhoods", "STSC", "donor", "AUS"],
  ["Kilimanjaro Judicial Academy", "KJA", "government", "TZA"],
  ["Nile Valley Family Protection Network", "NVFPN", "ngo", "EGY"],
  ["Silk Road Forensic Laboratory Services", "SRFLS", "private", "UZB"],
  ["Amazonia Prosecutorial Training School", "APTS", "government", "BRA"],
  ["RCA", null, "academic", "SGP"], // planted duplicate of the Regional Cybercrime Academy
];

const FIRST = ["Amina", "Kwame", "Li", "Sofia", "Ravi", "Olga", "Mateo", "Fatima", "Jonas", "Aiko", "Chidi", "Elena", "Omar", "Priya", "Tomasz", "Ngozi", "Diego", "Hana", "Yusuf", "Ingrid", "Kofi", "Mei", "Arjun", "Lucia", "Samir", "Nadia", "Pedro", "Zainab", "Viktor", "Thandiwe", "Ana", "Hiroshi"];
const LAST = ["Okafor", "Mensah", "Wei", "Rossi", "Sharma", "Petrova", "Fernández", "Al-Sayed", "Lindqvist", "Tanaka", "Eze", "Ivanova", "Haddad", "Nair", "Kowalski", "Adeyemi", "Morales", "Kim", "Demir", "Hansen", "Boateng", "Chen", "Patel", "Gómez", "Khalil", "Benali", "Santos", "Bello", "Novak", "Dlamini", "Silva", "Sato"];
const LANGUAGES = ["en", "fr", "es", "ar", "ru", "zh", "pt", "sw"];
const LICENCES = ["CC BY 4.0", "CC BY-NC 4.0", "CC BY-SA 4.0", "All rights reserved", "Open Government Licence"];
const CITY_SUFFIX = ["Central", "Harbour", "North", "Riverside", "Capital District", "Old Town"];

const COURSE_TITLES: Record<string, string[]> = {
  "EVID.GATHER": ["Search and Seizure of Digital Devices", "First Responders and Electronic Evidence"],
  "EVID.PRESERVE": ["Chain of Custody for Digital Evidence", "Expedited Data Preservation Requests"],
  "EVID.PRESENT": ["Presenting Electronic Evidence in Court", "Digital Evidence for Judges"],
  "EVID.FORENSICS": ["Computer Forensics for Child Exploitation Cases", "Triage of Seized Computers"],
  "EVID.MOBILE": ["Mobile Device Forensics for Child Exploitation Cases", "Messaging App Extraction"],
  "EVID.NETWORK": ["IP Addresses, Logs and Time-Zone Normalisation", "Reading Foreign Provider Reports"],
  "INV.PROACTIVE": ["Undercover Online Investigation of Grooming", "Proactive Investigation Techniques"],
  "INV.VICTIMID": ["Victim Identification from Abuse Material", "Hash Matching and Image Analysis"],
  "INV.ANONYMITY": ["Investigating Tor, Encryption and Cloud Storage", "Ephemeral Apps and Anonymity Services"],
  "INV.LIVESTREAM": ["Live-Streamed Abuse and Payment Tracing", "Following the Money in Live-Streaming Cases"],
  "INV.TRAFFICKING": ["Online Recruitment in Child Trafficking", "Exploitation in Travel and Tourism"],
  "INV.TARGETS": ["Offender Networks and High-Value Targets"],
  "VIC.ASSIST": ["Assisting Child Victims through Proceedings"],
  "VIC.INTERVIEW": ["Child-Sensitive Interviewing", "Forensic Interviews with Children"],
  "VIC.FAMILY": ["Abuse within Families: Identification and Response"],
  "COOP.MLA": ["Mutual Legal Assistance for Electronic Evidence", "Drafting Effective MLA Requests"],
  "COOP.JOINT": ["Joint Investigation Teams and SOPs"],
  "COOP.ESP": ["Working with Electronic Service Providers"],
  "GOV.UNITS": ["Building a Specialised Child Exploitation Unit"],
  "GOV.LAW": ["Reviewing Legislation on Online Child Exploitation"],
  "GOV.LEADERS": ["Briefing for Senior Officials on Online Child Abuse"],
  "PREV.CHILDREN": ["Online Safety Lessons for Children"],
  "PREV.CAREGIVERS": ["Keeping Children Safe Online: Parents and Teachers"],
  "PREV.REPORTING": ["Running a Reporting Hotline"],
  TOT: ["Training of Trainers: Child Online Protection", "Conducting Training Needs Assessments"],
};

const TOPIC_AUDIENCES: Record<string, string[]> = {
  EVID: ["POLICE", "FORENSIC", "PROSECUTOR", "JUDGE"],
  INV: ["POLICE", "FORENSIC", "PROSECUTOR"],
  VIC: ["VICTIM_SERVICES", "POLICE", "PROSECUTOR", "JUDGE"],
  COOP: ["PROSECUTOR", "POLICE", "POLICY", "INDUSTRY"],
  GOV: ["POLICY", "PROSECUTOR", "JUDGE"],
  PREV: ["EDUCATOR", "CAREGIVER", "CHILD", "CIVIL_SOCIETY"],
  TOT: ["TRAINER"],
};

const LEVEL_SUFFIX: Record<(typeof s.LEVELS)[number], string> = {
  awareness: "Awareness Briefing",
  foundation: "Foundation Course",
  intermediate: "Intermediate Course",
  advanced: "Advanced Workshop",
  train_the_trainer: "Training of Trainers",
};

type Row = Record<string, unknown>;

async function insertAll(db: Executor, table: SQLiteTable, rows: Row[]) {
  for (let i = 0; i < rows.length; i += 100) await db.insert(table).values(rows.slice(i, i + 100) as never);
}

/** A minimal one-page PDF, so demo downloads include a real PDF. */
function tinyPdf(title: string): Buffer {
  const text = title.replace(/[()\\]/g, "");
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
    `<< /Length ${`BT /F1 14 Tf 50 780 Td (${text}) Tj ET`.length} >>\nstream\nBT /F1 14 Tf 50 780 Td (${text}) Tj ET\nendstream`,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  ];
  let body = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("")}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, "latin1");
}

const MEDIA_TYPES: Record<string, string> = { ".md": "text/markdown", ".txt": "text/plain", ".csv": "text/csv", ".png": "image/png", ".pdf": "application/pdf" };

function isoDate(d: Date) {
  return d.toISOString().slice(0, 10);
}

function addDays(iso: string, days: number) {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return isoDate(d);
}

export async function seedDemo(db: Database, options: { now?: Date; uploadDir: string }): Promise<DemoSummary> {
  const rnd = new Random(20140759);
  const makeId = monotonicFactory(() => rnd.float());
  const id = () => makeId(SEED_TIME);
  const today = isoDate(options.now ?? new Date());
  const stamp = (iso: string) => `${iso}T09:00:00.000Z`;
  const passwordHash = await hashPassword(DEMO_PASSWORD);

  const countries = buildCountrySeeds().filter((c) => c.subregionCode && c.code !== "ATA");
  const hostCountries = rnd.sample(countries, 130);
  const bySubregion = new Map<string, typeof countries>();
  for (const c of countries) bySubregion.set(c.subregionCode!, [...(bySubregion.get(c.subregionCode!) ?? []), c]);
  const subtopics = TOPIC_SEEDS.filter((t) => t.code.includes(".") || t.code === "TOT").map((t) => t.code);
  const audienceFor = (topic: string) => TOPIC_AUDIENCES[topic.split(".")[0]] ?? AUDIENCE_SEEDS.map((a) => a.code);

  // Organisations
  const orgs = ORGANISATIONS.map(([name, acronym, kind, countryCode]) => ({
    id: id(),
    name,
    acronym,
    kind,
    countryCode,
    website: `https://${(acronym ?? name).toLowerCase().replace(/[^a-z]+/g, "")}.example.org`,
    description: `${name} is a fictional organisation in the registry's demo data.`,
    createdAt: stamp("2019-01-02"),
    updatedAt: stamp("2019-01-02"),
  }));
  const providers = orgs.filter((o) => o.kind !== "donor" && o.acronym);
  const donors = orgs.filter((o) => o.kind === "donor");

  // Users (one per role, plus a vetted and an unvetted trainer of other organisations)
  const orgFor: Record<string, string | null> = {
    "trainer@demo.example": providers[0].id,
    "vetted@demo.example": providers[2].id,
    "registered@demo.example": providers[6].id,
    "donor@demo.example": donors[0].id,
  };
  const userRows = DEMO_USERS.map((u) => ({
    id: id(),
    email: u.email,
    passwordHash,
    displayName: u.displayName,
    role: u.role,
    organisationId: orgFor[u.email] ?? null,
    countryCode: u.role === "focal_point" ? "KEN" : null,
    vetted: u.vetted,
    createdAt: stamp("2019-01-02"),
    updatedAt: stamp("2019-01-02"),
  }));
  const admin = userRows[0].id;
  const coordinator = userRows[1].id;

  // Trainers
  const trainerRows: Row[] = [];
  const trainerTopicRows: Row[] = [];
  const trainerLanguageRows: Row[] = [];
  const trainerCountryRows: Row[] = [];
  const trainerOrg = new Map<string, string>();
  for (let i = 0; i < 62; i++) {
    const planted = i === 60 ? "Dr. Amina O. Hassan" : i === 61 ? "Amina Hassan" : null;
    // The shift after each pass through FIRST keeps all 60 names (and e-mails) distinct: repeats would be real duplicates.
    const name = planted ?? `${FIRST[i % FIRST.length]} ${LAST[(i * 7 + 3 + Math.floor(i / FIRST.length)) % LAST.length]}`;
    const org = i >= 60 ? providers[1] : providers[i % providers.length];
    const consent = i % 2 === 0;
    const trainerId = id();
    trainerOrg.set(trainerId, org.id);
    const topics = rnd.sample(subtopics, rnd.int(1, 4));
    trainerRows.push({
      id: trainerId,
      name,
      organisationId: org.id,
      bio: `Fictional trainer with experience in ${topics.map((t) => TOPIC_SEEDS.find((x) => x.code === t)!.label.toLowerCase()).join("; ")}.`,
      email: consent ? `${name.toLowerCase().replace(/[^a-z]+/g, ".").replace(/^\.|\.$/g, "")}@trainers.example` : null,
      phone: consent && i % 4 === 0 ? `+1 555 01${String(i).padStart(2, "0")}` : null,
      contactConsent: consent,
      userId: i === 0 ? userRows[2].id : null,
      createdBy: coordinator,
      createdAt: stamp("2019-02-01"),
      updatedAt: stamp("2019-02-01"),
    });
    for (const t of topics) trainerTopicRows.push({ trainerId, topicCode: t });
    for (const l of new Set(["en", ...rnd.sample(LANGUAGES, rnd.int(0, 2))])) trainerLanguageRows.push({ trainerId, language: l });
    for (const c of rnd.sample(hostCountries, rnd.int(1, 5))) trainerCountryRows.push({ trainerId, countryCode: c.code });
  }
  // The demo trainer user's organisation matches the trainer profile linked to it.
  trainerRows[0].organisationId = providers[0].id;
  trainerOrg.set(trainerRows[0].id as string, providers[0].id);

  // Courses
  const courseRows: Row[] = [];
  const courseTopicRows: Row[] = [];
  const courseAudienceRows: Row[] = [];
  const courseOffenceRows: Row[] = [];
  const courseLanguageRows: Row[] = [];
  const courseMeta = new Map<string, { topics: string[]; audiences: string[]; offences: string[]; providerId: string; title: string; mode: string; language: string }>();
  const titleBases = Object.entries(COURSE_TITLES).flatMap(([topic, titles]) => titles.map((t) => ({ topic, t })));
  for (let i = 0; i < 84; i++) {
    const { topic, t } = titleBases[i % titleBases.length];
    const level = s.LEVELS[(i + Math.floor(i / titleBases.length)) % s.LEVELS.length];
    const title = i < titleBases.length ? t : `${t}: ${LEVEL_SUFFIX[level]}`;
    const courseId = id();
    const provider = i === 0 ? providers[0] : providers[(i * 5) % providers.length];
    const topics = [...new Set([topic, ...(rnd.chance(0.4) ? [rnd.pick(subtopics)] : [])])];
    const audiences = rnd.sample(audienceFor(topic), rnd.int(1, 3));
    const offences = rnd.sample(OFFENCE_SEEDS.map((o) => o.code), rnd.int(1, 3));
    const languages = [...new Set(["en", ...rnd.sample(LANGUAGES, rnd.int(0, 2))])];
    const mode = rnd.pick(s.MODES);
    courseRows.push({
      id: courseId,
      title,
      summary: `A ${level.replace(/_/g, " ")} course on ${TOPIC_SEEDS.find((x) => x.code === topic)!.label.toLowerCase()}.`,
      description: `## What participants learn\n\n- The legal basis and safeguards\n- Practical exercises on realistic, fictional case files\n- How to work with partners across borders\n\n## Format\n\n${rnd.int(2, 5)} days, ${mode.replace(/_/g, " ")}; assessed by a final exercise.`,
      providerId: provider.id,
      level,
      mode,
      durationHours: rnd.pick([4, 8, 16, 24, 32, 40]),
      prerequisites: level === "advanced" ? "The foundation course or equivalent experience." : null,
      status: i % 17 === 16 ? "retired" : "active",
      createdBy: coordinator,
      createdAt: stamp("2019-03-01"),
      updatedAt: stamp("2019-03-01"),
    });
    for (const tc of topics) courseTopicRows.push({ courseId, topicCode: tc });
    for (const a of audiences) courseAudienceRows.push({ courseId, audienceCode: a });
    for (const o of offences) courseOffenceRows.push({ courseId, offenceCode: o });
    for (const l of languages) courseLanguageRows.push({ courseId, language: l });
    courseMeta.set(courseId, { topics, audiences, offences, providerId: provider.id, title, mode, language: languages[0] });
  }
  const courseIds = [...courseMeta.keys()];

  // Materials: some with real files written to the upload folder
  const materialRows: Row[] = [];
  const shippedFiles = readdirSync(FILES_DIR).sort();
  const realFiles: { name: string; bytes: Buffer }[] = [
    ...shippedFiles.map((name) => ({ name, bytes: readFileSync(path.join(FILES_DIR, name)) })),
    ...Array.from({ length: 12 }, (_, i) => ({ name: `handout-${String(i + 1).padStart(2, "0")}.pdf`, bytes: tinyPdf(`Demo handout ${i + 1} (fictional)`) })),
  ];
  const fileFolder = path.join(options.uploadDir, "demo");
  mkdirSync(fileFolder, { recursive: true });
  for (let i = 0; i < 155; i++) {
    const courseId = rnd.chance(0.7) ? rnd.pick(courseIds) : null;
    const meta = courseId ? courseMeta.get(courseId)! : null;
    const kind = s.MATERIAL_KINDS[i % s.MATERIAL_KINDS.length];
    const access = i % 7 === 3 ? "restricted" : i % 4 === 1 ? "registered" : "public";
    const file = i < realFiles.length ? realFiles[i] : null;
    const row: Row = {
      id: id(),
      title: file ? file.name.replace(/\.[a-z]+$/, "").replace(/-/g, " ").replace(/^./, (c) => c.toUpperCase()) : `${meta?.title ?? "Child online protection"}: ${kind.replace(/_/g, " ")}`,
      description: `Fictional ${kind} for the demo registry.`,
      kind,
      language: meta?.language ?? rnd.pick(LANGUAGES),
      licence: rnd.pick(LICENCES),
      courseId,
      publisherId: meta?.providerId ?? rnd.pick(providers).id,
      edition: `v${rnd.int(1, 3)}.${rnd.int(0, 9)}`,
      accessLevel: access,
      createdBy: coordinator,
      createdAt: stamp("2020-01-15"),
      updatedAt: stamp("2020-01-15"),
    };
    if (file) {
      const relative = path.join("demo", file.name);
      writeFileSync(path.join(options.uploadDir, relative), file.bytes);
      Object.assign(row, {
        fileName: file.name,
        filePath: relative,
        fileSize: file.bytes.length,
        mediaType: MEDIA_TYPES[path.extname(file.name)] ?? "application/octet-stream",
        sha256: createHash("sha256").update(file.bytes).digest("hex"),
      });
    } else {
      row.externalUrl = `https://materials.example.org/demo/${String(i).padStart(3, "0")}`;
    }
    materialRows.push(row);
  }

  // Training sessions
  const sessionRows: Row[] = [];
  const sessionCountryRows: Row[] = [];
  const sessionTopicRows: Row[] = [];
  const sessionAudienceRows: Row[] = [];
  const sessionOffenceRows: Row[] = [];
  const sessionFunderRows: Row[] = [];
  const sessionTrainerRows: Row[] = [];
  const trainersByOrg = new Map<string, string[]>();
  for (const [t, o] of trainerOrg) trainersByOrg.set(o, [...(trainersByOrg.get(o) ?? []), t]);
  const start2019 = Date.UTC(2019, 0, 1);
  const span = Date.UTC(2027, 11, 1) - start2019;
  let conflicts = 0;
  const serial = new Map<string, number>();
  for (let i = 0; i < 1500; i++) {
    const courseId = rnd.chance(0.85) ? rnd.pick(courseIds) : null;
    const meta = courseId ? courseMeta.get(courseId)! : null;
    const provider = meta ? providers.find((p) => p.id === meta.providerId)! : rnd.pick(providers);
    const host = rnd.pick(hostCountries);
    const startDate = isoDate(new Date(start2019 + Math.floor(rnd.float() * span)));
    const endDate = addDays(startDate, rnd.int(0, 4));
    let status: (typeof s.SESSION_STATUSES)[number];
    if (endDate < today) status = rnd.chance(0.06) ? "cancelled" : "completed";
    else if (startDate > today) status = rnd.chance(0.08) ? "cancelled" : rnd.chance(0.6) ? "planned" : "confirmed";
    else status = "confirmed";
    // A few reports that were never brought up to date: the "needs update" list.
    if (conflicts < 18 && endDate < today && endDate > "2025-06-01" && status === "completed" && rnd.chance(0.15)) {
      status = "planned";
      conflicts++;
    } else if (conflicts < 22 && startDate > addDays(today, 30) && rnd.chance(0.05)) {
      status = "completed";
      conflicts++;
    }
    const year = startDate.slice(0, 4);
    const n = (serial.get(provider.acronym! + year) ?? 0) + 1;
    serial.set(provider.acronym! + year, n);
    const sessionId = id();
    const topics = meta ? meta.topics : rnd.sample(subtopics, rnd.int(1, 2));
    const participants = status === "cancelled" ? null : rnd.int(10, 45);
    const split = participants !== null && rnd.chance(0.5) ? rnd.int(0, participants) : null;
    sessionRows.push({
      id: sessionId,
      courseId,
      title: meta ? meta.title : `Workshop on ${TOPIC_SEEDS.find((t) => t.code === topics[0])!.label.toLowerCase()}`,
      providerId: provider.id,
      reportingOrgId: provider.id,
      externalId: `${provider.acronym}-${year}-${String(n).padStart(4, "0")}`,
      hostCountry: host.code,
      city: `${host.nameEn} ${rnd.pick(CITY_SUFFIX)}`,
      startDate,
      endDate,
      status,
      language: meta?.language ?? rnd.pick(LANGUAGES),
      mode: meta ? (meta.mode === "self_paced" ? "online" : meta.mode) : "in_person",
      participants,
      participantsFemale: split,
      participantsMale: split === null || participants === null ? null : participants - split,
      outcomes: status === "completed" && rnd.chance(0.4) ? `Average test score rose from ${rnd.int(35, 55)}% to ${rnd.int(65, 90)}%.` : null,
      notes: rnd.chance(0.2) ? "Host agency contact handled logistics (fictional note)." : null,
      createdBy: coordinator,
      createdAt: stamp(startDate < "2026-01-01" ? startDate : "2026-01-01"),
      updatedAt: stamp(startDate < "2026-01-01" ? startDate : "2026-01-01"),
    });
    const beneficiaries = new Set([host.code]);
    if (rnd.chance(0.1)) for (const c of rnd.sample(bySubregion.get(host.subregionCode!) ?? [], rnd.int(1, 4))) beneficiaries.add(c.code);
    for (const c of beneficiaries) sessionCountryRows.push({ sessionId, countryCode: c });
    for (const t of topics) sessionTopicRows.push({ sessionId, topicCode: t });
    for (const a of meta ? meta.audiences : rnd.sample(audienceFor(topics[0]), 2)) sessionAudienceRows.push({ sessionId, audienceCode: a });
    for (const o of meta ? meta.offences.slice(0, 2) : [rnd.pick(OFFENCE_SEEDS).code]) sessionOffenceRows.push({ sessionId, offenceCode: o });
    if (rnd.chance(0.6)) for (const d of rnd.sample(donors, rnd.int(1, 2))) sessionFunderRows.push({ sessionId, organisationId: d.id });
    for (const t of rnd.sample(trainersByOrg.get(provider.id) ?? [], rnd.int(1, 2))) sessionTrainerRows.push({ sessionId, trainerId: t });
  }

  // The same delivery reported again by its funder: reworded title, dates a day off.
  const rewordings = ["Training course: ", "Workshop – ", "Funded delivery: "];
  const candidates = sessionRows.filter((r) => r.status === "completed" && sessionFunderRows.some((f) => f.sessionId === r.id));
  for (const [k, original] of candidates.slice(0, 3).entries()) {
    const funderId = sessionFunderRows.find((f) => f.sessionId === original.id)!.organisationId as string;
    const copyId = id();
    sessionRows.push({
      ...original,
      id: copyId,
      title: `${rewordings[k]}${(original.title as string).toLowerCase()}`,
      reportingOrgId: funderId,
      externalId: `GRANT-${k + 1}-${(original.externalId as string).slice(-4)}`,
      providerRef: k === 0 ? original.externalId : null,
      startDate: addDays(original.startDate as string, 1),
      endDate: addDays(original.endDate as string, 1),
      outcomes: null,
      notes: null,
    });
    for (const table of [sessionCountryRows, sessionTopicRows, sessionAudienceRows, sessionFunderRows]) {
      for (const r of table.filter((r) => r.sessionId === original.id)) table.push({ ...r, sessionId: copyId });
    }
  }

  // Needs assessments, assistance requests, funding
  const assessed = ["KEN", ...rnd.sample(hostCountries.map((c) => c.code).filter((c) => c !== "KEN"), 14)];
  const assessmentRows: Row[] = [];
  const assessmentItemRows: Row[] = [];
  for (const [k, countryCode] of assessed.entries()) {
    const assessmentId = id();
    const assessedOn = `${2022 + (k % 4)}-${String((k % 12) + 1).padStart(2, "0")}-15`;
    assessmentRows.push({ id: assessmentId, countryCode, assessedOn, assessor: rnd.pick(providers).name, notes: "Fictional pre-training needs assessment.", createdBy: coordinator, createdAt: stamp(assessedOn), updatedAt: stamp(assessedOn) });
    for (const topicCode of rnd.sample(subtopics, 8)) assessmentItemRows.push({ assessmentId, topicCode, level: rnd.int(0, 3), notes: null });
  }
  const requestRows: Row[] = [];
  const requestTopicRows: Row[] = [];
  const requestAudienceRows: Row[] = [];
  const requestLanguageRows: Row[] = [];
  const requestEventRows: Row[] = [];
  const requestStatuses = ["submitted", "under_review", "matched", "scheduled", "delivered", "declined", "submitted", "under_review", "submitted", "withdrawn", "matched", "submitted"] as const;
  const focal = userRows.find((u) => u.role === "focal_point")!;
  for (const [k, status] of requestStatuses.entries()) {
    const requestId = id();
    const countryCode = k < 3 ? "KEN" : assessed[k % assessed.length];
    const topics = rnd.sample(subtopics, rnd.int(1, 3));
    const submitted = `2025-${String((k % 11) + 1).padStart(2, "0")}-0${(k % 8) + 1}`;
    requestRows.push({
      id: requestId,
      countryCode,
      agencyName: `National Police Cybercrime Unit of ${countries.find((c) => c.code === countryCode)?.nameEn ?? countryCode} (fictional)`,
      title: `Training on ${TOPIC_SEEDS.find((t) => t.code === topics[0])!.label.toLowerCase()}`,
      description: "Investigators need hands-on training; the unit was created recently. (Fictional request.)",
      expectedParticipants: rnd.int(15, 40),
      wantedFrom: "2027-01-01",
      wantedTo: "2027-06-30",
      urgency: rnd.pick(s.URGENCIES),
      status,
      statusReason: status === "declined" ? "Outside the programme's scope this year." : null,
      isPublic: k % 2 === 0,
      createdBy: countryCode === "KEN" ? focal.id : coordinator,
      createdAt: stamp(submitted),
      updatedAt: stamp(submitted),
    });
    for (const t of topics) requestTopicRows.push({ requestId, topicCode: t });
    for (const a of rnd.sample(audienceFor(topics[0]), 2)) requestAudienceRows.push({ requestId, audienceCode: a });
    requestLanguageRows.push({ requestId, language: rnd.pick(LANGUAGES) });
    requestEventRows.push({ id: id(), requestId, fromStatus: null, toStatus: "submitted", at: stamp(submitted), by: countryCode === "KEN" ? focal.id : coordinator });
    if (status !== "submitted") {
      requestEventRows.push({ id: id(), requestId, fromStatus: "submitted", toStatus: status, note: status === "declined" ? "Outside the programme's scope this year." : null, at: stamp(addDays(submitted, 20)), by: coordinator });
    }
  }
  const fundingRows: Row[] = [];
  for (let k = 0; k < 40; k++) {
    const onRequest = k % 8 === 0;
    fundingRows.push({
      id: id(),
      donorId: rnd.pick(donors).id,
      sessionId: onRequest ? null : rnd.pick(sessionRows).id,
      requestId: onRequest ? rnd.pick(requestRows).id : null,
      amount: rnd.chance(0.8) ? rnd.int(5, 120) * 1000 : null,
      currency: rnd.pick(["USD", "EUR", "GBP", "NOK", "CHF"]),
      status: rnd.pick(s.FUNDING_STATUSES),
      createdBy: admin,
      createdAt: stamp("2024-05-01"),
      updatedAt: stamp("2024-05-01"),
    });
  }

  await db.transaction(async (tx) => {
    await insertAll(tx, s.organisations, orgs);
    await insertAll(tx, s.users, userRows);
    await insertAll(tx, s.trainers, trainerRows);
    await insertAll(tx, s.trainerTopics, trainerTopicRows);
    await insertAll(tx, s.trainerLanguages, trainerLanguageRows);
    await insertAll(tx, s.trainerCountries, trainerCountryRows);
    await insertAll(tx, s.courses, courseRows);
    await insertAll(tx, s.courseTopics, courseTopicRows);
    await insertAll(tx, s.courseAudiences, courseAudienceRows);
    await insertAll(tx, s.courseOffences, courseOffenceRows);
    await insertAll(tx, s.courseLanguages, courseLanguageRows);
    await insertAll(tx, s.materials, materialRows);
    await insertAll(tx, s.trainingSessions, sessionRows);
    await insertAll(tx, s.sessionCountries, sessionCountryRows);
    await insertAll(tx, s.sessionTopics, sessionTopicRows);
    await insertAll(tx, s.sessionAudiences, sessionAudienceRows);
    await insertAll(tx, s.sessionOffences, sessionOffenceRows);
    await insertAll(tx, s.sessionFunders, sessionFunderRows);
    await insertAll(tx, s.sessionTrainers, sessionTrainerRows);
    await insertAll(tx, s.needsAssessments, assessmentRows);
    await insertAll(tx, s.needsAssessmentItems, assessmentItemRows);
    await insertAll(tx, s.assistanceRequests, requestRows);
    await insertAll(tx, s.requestTopics, requestTopicRows);
    await insertAll(tx, s.requestAudiences, requestAudienceRows);
    await insertAll(tx, s.requestLanguages, requestLanguageRows);
    await insertAll(tx, s.requestStatusEvents, requestEventRows);
    await insertAll(tx, s.fundings, fundingRows);
  });
  await db.run(sql`ANALYZE`);

  return {
    organisations: orgs.length,
    users: userRows.length,
    trainers: trainerRows.length,
    courses: courseRows.length,
    materials: materialRows.length,
    files: realFiles.length,
    sessions: sessionRows.length,
    hostCountries: new Set(sessionRows.map((r) => r.hostCountry)).size,
    requests: requestRows.length,
    needsAssessments: assessmentRows.length,
    fundings: fundingRows.length,
  };
}

// Child tables before parents. Reference tables (country, topic, audience,
// offence_focus) and derived tables kept by triggers are left to the triggers.
const RECORD_TABLES = [
  "notification", "follow", "api_token", "login_attempt", "duplicate_decision", "funding",
  "request_match", "request_status_event", "request_language", "request_audience", "request_topic", "assistance_request",
  "needs_assessment_item", "needs_assessment", "external_alias",
  "session_trainer", "session_funder", "session_offence", "session_audience", "session_topic", "session_country", "training_session",
  "access_request", "material", "course_language", "course_offence", "course_audience", "course_topic", "course",
  "trainer_country", "trainer_language", "trainer_topic", "trainer", "user", "organisation",
];

/** Empties every record table (the audit trail too), keeping reference data. */
export async function clearDemo(db: Database) {
  const existing = new Set(
    (await db.all<{ name: string }>(sql`SELECT name FROM sqlite_master WHERE type = 'table'`)).map((r) => r.name),
  );
  // The audit trail is append-only by trigger; a full reload is the one exception.
  await db.run(sql`DROP TRIGGER IF EXISTS audit_event_no_delete`);
  try {
    await db.transaction(async (tx) => {
      await tx.run(sql`DELETE FROM audit_event`);
      // Users and organisations reference each other through created rows; clear links first.
      await tx.run(sql`UPDATE organisation SET duplicate_of = NULL`);
      await tx.run(sql`UPDATE training_session SET duplicate_of = NULL`);
      await tx.run(sql`UPDATE course SET duplicate_of = NULL`);
      await tx.run(sql`UPDATE trainer SET duplicate_of = NULL`);
      for (const table of RECORD_TABLES) if (existing.has(table)) await tx.run(sql.raw(`DELETE FROM "${table}"`));
    });
  } finally {
    await db.run(
      sql.raw(`CREATE TRIGGER IF NOT EXISTS audit_event_no_delete BEFORE DELETE ON audit_event BEGIN
  SELECT RAISE(ABORT, 'audit events are append-only');
END`),
    );
  }
}
