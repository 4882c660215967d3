// Reading records the way duplicate scoring needs them: each row with its
// lists and the names its reasons quote, in one query per kind (lists folded
// in with group_concat), so a full scan of 100k sessions stays a few seconds.
import { sql, type SQL } from "drizzle-orm";
import { type Executor } from "#db/client.server";
import { type DUPLICATE_KINDS } from "#db/schema";
import {
  type CourseForScoring,
  type OrganisationForScoring,
  type SessionForScoring,
  type TrainerForScoring,
} from "~/domain/duplicate-scoring";

export type DuplicateKind = (typeof DUPLICATE_KINDS)[number];

const list = (v: unknown) => (typeof v === "string" && v ? v.split(",") : []);
const text = (v: unknown) => (v == null ? null : String(v));

/** `AND x.id IN (…)` for a list of ids, or nothing for all live records. */
function onlyIds(column: SQL, ids: readonly string[] | null) {
  if (!ids) return sql``;
  if (!ids.length) return sql` AND 0`;
  return sql` AND ${column} IN (${sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  )})`;
}

/** Runs `load` over ids in chunks (SQLite limits bound parameters), or once for all records. */
async function inChunks<T>(ids: readonly string[] | null, load: (chunk: readonly string[] | null) => Promise<T[]>): Promise<T[]> {
  if (!ids) return load(null);
  const out: T[] = [];
  for (let i = 0; i < ids.length; i += 500) out.push(...(await load(ids.slice(i, i + 500))));
  return out;
}

type Raw = Record<string, unknown>;

// A full scan reads whole tables. Each as one JSON array (one result row,
// parsed in one go) is three to five times faster than 100k rows through the
// client, which builds an object per row.
async function jsonRows(db: Executor, query: SQL): Promise<unknown[][]> {
  const [row] = await db.all<{ j: string | null }>(query);
  return row?.j ? (JSON.parse(row.j) as unknown[][]) : [];
}

/** Every session's lists, one table at a time. */
async function allSessionLists(db: Executor) {
  const read = async (table: string, column: string) => {
    const out = new Map<string, string[]>();
    for (const [id, value] of await jsonRows(db, sql.raw(`SELECT json_group_array(json_array(session_id, ${column})) AS j FROM ${table}`))) {
      const list = out.get(id as string);
      if (list) list.push(value as string);
      else out.set(id as string, [value as string]);
    }
    return out;
  };
  return {
    countries: await read("session_country", "country_code"),
    topics: await read("session_topic", "topic_code"),
    audiences: await read("session_audience", "audience_code"),
    funders: await read("session_funder", "organisation_id"),
    trainers: await read("session_trainer", "trainer_id"),
  };
}

async function allSessionsForScoring(db: Executor): Promise<SessionForScoring[]> {
  // In id order, so a scan compares each pair the same way round every time.
  const rows = await jsonRows(
    db,
    sql`SELECT json_group_array(json_array(id, title, course_id, provider_id, reporting_org_id, external_id, provider_ref, host_country, city, start_date, end_date, mode, participants)) AS j
      FROM (SELECT * FROM training_session WHERE deleted_at IS NULL ORDER BY id)`,
  );
  const lists = await allSessionLists(db);
  // Organisations and countries repeat on every row: read once, one object each.
  const orgs = new Map(
    (await db.all<Raw>(sql`SELECT id, name, acronym FROM organisation`)).map((o) => [String(o.id), { id: String(o.id), name: String(o.name), acronym: text(o.acronym) }]),
  );
  const countryNames = new Map((await db.all<Raw>(sql`SELECT code, name_en FROM country`)).map((c) => [String(c.code), String(c.name_en)]));
  const org = (id: unknown) => orgs.get(String(id)) ?? { id: String(id), name: "", acronym: null };
  return rows.map(([id, title, courseId, providerId, reporterId, externalId, providerRef, host, city, start, end, mode, participants]) => {
    const key = String(id);
    return {
      id: key,
      title: String(title),
      courseId: text(courseId),
      provider: org(providerId),
      reporter: org(reporterId),
      externalId: text(externalId),
      providerRef: text(providerRef),
      hostCountry: String(host),
      hostCountryName: countryNames.get(String(host)) ?? String(host),
      countries: lists.countries.get(key) ?? [],
      city: text(city),
      startDate: String(start),
      endDate: String(end),
      mode: text(mode),
      participants: participants == null ? null : Number(participants),
      topics: lists.topics.get(key) ?? [],
      audiences: lists.audiences.get(key) ?? [],
      funders: lists.funders.get(key) ?? [],
      trainers: lists.trainers.get(key) ?? [],
    };
  });
}

export async function sessionsForScoring(db: Executor, ids: readonly string[] | null): Promise<SessionForScoring[]> {
  if (!ids) return allSessionsForScoring(db);
  return inChunks(ids, async (chunk) => {
    const rows = await db.all<Raw>(sql`
      SELECT s.id, s.title, s.course_id, s.provider_id, p.name AS p_name, p.acronym AS p_acronym,
        s.reporting_org_id, r.name AS r_name, r.acronym AS r_acronym, s.external_id, s.provider_ref,
        s.host_country, c.name_en AS host_name, s.city, s.start_date, s.end_date, s.mode, s.participants,
        (SELECT group_concat(country_code) FROM session_country WHERE session_id = s.id) AS countries,
        (SELECT group_concat(topic_code) FROM session_topic WHERE session_id = s.id) AS topics,
        (SELECT group_concat(audience_code) FROM session_audience WHERE session_id = s.id) AS audiences,
        (SELECT group_concat(organisation_id) FROM session_funder WHERE session_id = s.id) AS funders,
        (SELECT group_concat(trainer_id) FROM session_trainer WHERE session_id = s.id) AS trainers
      FROM training_session s
      JOIN organisation p ON p.id = s.provider_id
      JOIN organisation r ON r.id = s.reporting_org_id
      JOIN country c ON c.code = s.host_country
      WHERE s.deleted_at IS NULL${onlyIds(sql`s.id`, chunk)}`);
    return rows.map((r) => ({
      id: String(r.id),
      title: String(r.title),
      courseId: text(r.course_id),
      provider: { id: String(r.provider_id), name: String(r.p_name), acronym: text(r.p_acronym) },
      reporter: { id: String(r.reporting_org_id), name: String(r.r_name), acronym: text(r.r_acronym) },
      externalId: text(r.external_id),
      providerRef: text(r.provider_ref),
      hostCountry: String(r.host_country),
      hostCountryName: String(r.host_name),
      countries: list(r.countries),
      city: text(r.city),
      startDate: String(r.start_date),
      endDate: String(r.end_date),
      mode: text(r.mode),
      participants: r.participants == null ? null : Number(r.participants),
      topics: list(r.topics),
      audiences: list(r.audiences),
      funders: list(r.funders),
      trainers: list(r.trainers),
    }));
  });
}

export async function coursesForScoring(db: Executor, ids: readonly string[] | null): Promise<CourseForScoring[]> {
  return inChunks(ids, async (chunk) => {
    const rows = await db.all<Raw>(sql`
      SELECT c.id, c.title, c.summary, c.provider_id, p.name AS p_name, p.acronym AS p_acronym, c.level, c.mode, c.duration_hours,
        (SELECT group_concat(topic_code) FROM course_topic WHERE course_id = c.id) AS topics,
        (SELECT group_concat(audience_code) FROM course_audience WHERE course_id = c.id) AS audiences,
        (SELECT group_concat(language) FROM course_language WHERE course_id = c.id) AS languages
      FROM course c JOIN organisation p ON p.id = c.provider_id
      WHERE c.deleted_at IS NULL${onlyIds(sql`c.id`, chunk)}`);
    return rows.map((r) => ({
      id: String(r.id),
      title: String(r.title),
      summary: String(r.summary),
      provider: { id: String(r.provider_id), name: String(r.p_name), acronym: text(r.p_acronym) },
      level: String(r.level),
      mode: String(r.mode),
      durationHours: r.duration_hours == null ? null : Number(r.duration_hours),
      topics: list(r.topics),
      audiences: list(r.audiences),
      languages: list(r.languages),
    }));
  });
}

export async function trainersForScoring(db: Executor, ids: readonly string[] | null): Promise<TrainerForScoring[]> {
  return inChunks(ids, async (chunk) => {
    const rows = await db.all<Raw>(sql`
      SELECT t.id, t.name, t.email, t.user_id, t.organisation_id, o.name AS o_name, o.acronym AS o_acronym,
        (SELECT group_concat(topic_code) FROM trainer_topic WHERE trainer_id = t.id) AS topics,
        (SELECT group_concat(country_code) FROM trainer_country WHERE trainer_id = t.id) AS countries,
        (SELECT group_concat(language) FROM trainer_language WHERE trainer_id = t.id) AS languages
      FROM trainer t LEFT JOIN organisation o ON o.id = t.organisation_id
      WHERE t.deleted_at IS NULL${onlyIds(sql`t.id`, chunk)}`);
    return rows.map((r) => ({
      id: String(r.id),
      name: String(r.name),
      email: text(r.email),
      userId: text(r.user_id),
      organisation: r.organisation_id ? { id: String(r.organisation_id), name: String(r.o_name), acronym: text(r.o_acronym) } : null,
      topics: list(r.topics),
      countries: list(r.countries),
      languages: list(r.languages),
    }));
  });
}

export async function organisationsForScoring(db: Executor, ids: readonly string[] | null): Promise<OrganisationForScoring[]> {
  return inChunks(ids, async (chunk) => {
    const rows = await db.all<Raw>(sql`
      SELECT o.id, o.name, o.acronym, o.kind, o.country_code, c.name_en AS country_name, o.website
      FROM organisation o LEFT JOIN country c ON c.code = o.country_code
      WHERE o.deleted_at IS NULL${onlyIds(sql`o.id`, chunk)}`);
    return rows.map((r) => ({
      id: String(r.id),
      name: String(r.name),
      acronym: text(r.acronym),
      kind: String(r.kind),
      countryCode: text(r.country_code),
      countryName: text(r.country_name),
      website: text(r.website),
    }));
  });
}

export type RecordSummary = { id: string; label: string; detail: string; href: string; deleted: boolean };

const PATHS: Record<DuplicateKind, string> = { session: "sessions", course: "courses", trainer: "trainers", organisation: "organisations" };

export function recordHref(kind: DuplicateKind, id: string) {
  return `/${PATHS[kind]}/${id}`;
}

/** A line to recognise each record by in a list of pairs (deleted ones included). */
export async function summariseRecords(db: Executor, kind: DuplicateKind, ids: readonly string[]): Promise<Map<string, RecordSummary>> {
  const unique = [...new Set(ids)];
  const rows = await inChunks(unique, async (chunk) => {
    const where = onlyIds(sql`x.id`, chunk);
    switch (kind) {
      case "session":
        return db.all<Raw>(sql`SELECT x.id, x.title AS label, x.start_date || ' – ' || x.end_date || ' · ' || c.name_en || ' · ' || coalesce(p.acronym, p.name) || ' (reported by ' || coalesce(r.acronym, r.name) || ')' AS detail, x.deleted_at
          FROM training_session x JOIN country c ON c.code = x.host_country JOIN organisation p ON p.id = x.provider_id JOIN organisation r ON r.id = x.reporting_org_id WHERE 1${where}`);
      case "course":
        return db.all<Raw>(sql`SELECT x.id, x.title AS label, coalesce(p.acronym, p.name) || ' · ' || x.level || ' · ' || x.mode AS detail, x.deleted_at FROM course x JOIN organisation p ON p.id = x.provider_id WHERE 1${where}`);
      case "trainer":
        return db.all<Raw>(sql`SELECT x.id, x.name AS label, coalesce(o.name, 'no organisation') AS detail, x.deleted_at FROM trainer x LEFT JOIN organisation o ON o.id = x.organisation_id WHERE 1${where}`);
      case "organisation":
        return db.all<Raw>(sql`SELECT x.id, x.name || coalesce(' (' || x.acronym || ')', '') AS label, x.kind || coalesce(' · ' || x.country_code, '') AS detail, x.deleted_at FROM organisation x WHERE 1${where}`);
    }
  });
  return new Map(
    rows.map((r) => [String(r.id), { id: String(r.id), label: String(r.label), detail: String(r.detail ?? ""), href: recordHref(kind, String(r.id)), deleted: r.deleted_at != null }]),
  );
}
