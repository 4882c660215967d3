// The CSV contract for training sessions (DESIGN §7.1): the columns, how a
// header is read, and how one row is checked and normalised. Forgiving where
// people are (header case, spaces, code case, country spellings), strict where
// the data would be wrong. Pure: reference lists come in as `lookups`, and
// organisation and trainer names are left for the caller to match.
import { type MODES, type SESSION_STATUSES } from "#db/schema";
import { restoreNeutralisedCell } from "./csv-safety";

export const SESSION_CSV_COLUMNS = [
  "external_id",
  "title",
  "course_id",
  "provider",
  "funders",
  "host_country",
  "beneficiary_countries",
  "city",
  "start_date",
  "end_date",
  "status",
  "topics",
  "audiences",
  "offence_focus",
  "language",
  "mode",
  "participants",
  "trainers",
  "provider_ref",
  "notes",
] as const;

export type SessionCsvColumn = (typeof SESSION_CSV_COLUMNS)[number];

export const REQUIRED_SESSION_CSV_COLUMNS: readonly SessionCsvColumn[] = [
  "external_id",
  "title",
  "provider",
  "host_country",
  "start_date",
  "end_date",
  "status",
  "topics",
];

/** The separator inside list cells (funders, countries, topics, …). */
export const LIST_SEPARATOR = ";";

export type CsvRowError = { line: number; column: string | null; reason: string };

export type SessionCsvRow = {
  externalId: string;
  title: string;
  courseId: string | null;
  provider: string;
  funders: string[];
  hostCountry: string;
  /** Beneficiary countries (alpha-3); the host country when the cell is empty. */
  countries: string[];
  city: string | null;
  startDate: string;
  endDate: string;
  status: (typeof SESSION_STATUSES)[number];
  topics: string[];
  audiences: string[];
  offences: string[];
  language: string | null;
  mode: (typeof MODES)[number] | null;
  participants: number | null;
  trainers: string[];
  providerRef: string | null;
  notes: string | null;
};

export type SessionCsvLookups = {
  /** Alpha-3 code for what was typed, or null. */
  country: (text: string) => string | null;
  /** A hint for an unknown country ("did you mean …"), optional. */
  countryHint?: (text: string) => string | null;
  topics: ReadonlySet<string>;
  audiences: ReadonlySet<string>;
  offences: ReadonlySet<string>;
  courseExists: (id: string) => boolean;
};

const STATUSES: readonly string[] = ["planned", "confirmed", "completed", "cancelled"] satisfies (typeof SESSION_STATUSES)[number][];
const MODE_VALUES: readonly string[] = ["in_person", "online", "blended", "self_paced"] satisfies (typeof MODES)[number][];
const MAX_TEXT = 10_000;
const MAX_SHORT_TEXT = 500;
const MAX_PARTICIPANTS = 10_000_000;
/** Control characters no one types and no spreadsheet shows (tab and line breaks are text). */
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTER = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** "Start Date", " start-date " and "START_DATE" all name start_date. */
export function normaliseColumnName(name: string): string {
  return name.trim().toLowerCase().replace(/[\s-]+/g, "_");
}

/** An unknown header cell as it can be shown: control characters (a binary file) as "?", at most 60 characters. */
function shownColumnName(cell: string): string {
  // eslint-disable-next-line no-control-regex
  const text = cell.trim().replace(/[\u0000-\u001f\u007f-\u009f\ufffd]/g, "?");
  if (!text) return "(empty)";
  return text.length > 60 ? `${text.slice(0, 59)}…` : text;
}

/** Which column each cell of a row belongs to, or the header's problems (line 1). */
export function readSessionCsvHeader(cells: readonly string[], line = 1): { columns: SessionCsvColumn[]; errors: CsvRowError[] } {
  const known = new Set<string>(SESSION_CSV_COLUMNS);
  const columns: SessionCsvColumn[] = [];
  const errors: CsvRowError[] = [];
  const seen = new Set<string>();
  // A workbook saved under a .csv name starts with the zip signature of .xlsx.
  if (cells[0]?.startsWith("PK\u0003\u0004")) {
    return { columns, errors: [{ line, column: null, reason: "this is an Excel workbook, not CSV: in the spreadsheet, save it as “CSV UTF-8 (comma delimited)”" }] };
  }
  // Spreadsheets set to some locales save with ";" between cells, and "text" exports use tabs: the header is then one cell of known names.
  for (const [separator, name] of [[";", '";"'], ["\t", "tabs"]] as const) {
    if (cells.length === 1 && cells[0].split(separator).filter((cell) => known.has(normaliseColumnName(cell))).length > 1) {
      return { columns, errors: [{ line, column: null, reason: `the cells are separated by ${name}: save the file as comma-separated CSV (UTF-8)` }] };
    }
  }
  cells.forEach((cell) => {
    const name = normaliseColumnName(cell);
    if (!known.has(name)) {
      errors.push({ line, column: shownColumnName(cell), reason: `unknown column; the columns are ${SESSION_CSV_COLUMNS.join(", ")}` });
    } else if (seen.has(name)) {
      errors.push({ line, column: name, reason: "column appears twice" });
    }
    seen.add(name);
    columns.push(name as SessionCsvColumn);
  });
  for (const required of REQUIRED_SESSION_CSV_COLUMNS) {
    if (!seen.has(required)) errors.push({ line, column: required, reason: "required column is missing" });
  }
  return { columns, errors };
}

/** A list cell: split on ";", trimmed, empty items dropped, repeats dropped (first kept). */
export function splitListCell(cell: string): string[] {
  const items = cell
    .split(LIST_SEPARATOR)
    .map((item) => item.trim())
    .filter(Boolean);
  return [...new Set(items)];
}

const MIN_YEAR = 1900;

/** A real calendar date written YYYY-MM-DD (no 2025-02-30), from 1900 on. */
export function isIsoDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return year >= MIN_YEAR && date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

const languageNames = new Intl.DisplayNames(["en"], { type: "language", fallback: "none" });
const languageCodes = new Map<string, boolean>(); // asking Intl is slow, and a file uses few codes

/** An ISO 639-1 code the platform's language data knows ("sw", not "xx" or "swa"). */
export function isLanguageCode(code: string): boolean {
  let known = languageCodes.get(code);
  if (known === undefined) {
    known = /^[a-z]{2}$/.test(code) && languageNames.of(code) !== undefined;
    if (languageCodes.size < 1000) languageCodes.set(code, known);
  }
  return known;
}

/** "In person", "in-person" and "IN_PERSON" are one mode; the same for statuses. */
function normaliseEnum(text: string): string {
  return text.trim().toLowerCase().replace(/[\s-]+/g, "_");
}

/** Every cell of one data row checked; either a normalised row or every problem found in it. */
export function validateSessionCsvRow(
  cells: readonly string[],
  columns: readonly SessionCsvColumn[],
  line: number,
  lookups: SessionCsvLookups,
): { row: SessionCsvRow; errors?: undefined } | { row?: undefined; errors: CsvRowError[]; externalId: string | null } {
  if (cells.length !== columns.length) {
    return { externalId: null, errors: [{ line, column: null, reason: `expected ${columns.length} cells like the header, found ${cells.length}` }] };
  }
  const errors: CsvRowError[] = [];
  const fail = (column: SessionCsvColumn, reason: string) => errors.push({ line, column, reason });
  const cell: Partial<Record<SessionCsvColumn, string>> = {};
  // Our exports put an apostrophe before text a spreadsheet would run as a formula; it comes off here, so an export re-imports exactly.
  columns.forEach((column, i) => {
    cell[column] = restoreNeutralisedCell(cells[i].trim());
    const control = CONTROL_CHARACTER.exec(cell[column]);
    if (control) fail(column, `contains an invisible control character (U+${control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}); remove it`);
  });
  const text = (column: SessionCsvColumn, max = MAX_TEXT): string | null => {
    const value = cell[column] ?? "";
    if (value.length > max) fail(column, `longer than ${max} characters`);
    return value || null;
  };
  const required = (column: SessionCsvColumn, max = MAX_SHORT_TEXT): string => {
    const value = text(column, max);
    if (value === null) fail(column, "required, but empty");
    return value ?? "";
  };
  const codes = (column: SessionCsvColumn, known: ReadonlySet<string>, what: string): string[] => {
    const values = splitListCell(cell[column] ?? "").map((code) => code.toUpperCase());
    const unknown = values.filter((code) => !known.has(code));
    if (unknown.length) fail(column, `unknown ${what} ${unknown.map((c) => `"${c}"`).join(", ")}`);
    return [...new Set(values)];
  };
  const country = (column: SessionCsvColumn, value: string): string | null => {
    const code = lookups.country(value);
    if (!code) {
      const hint = lookups.countryHint?.(value);
      fail(column, `unknown country "${value}"${hint ? ` (did you mean ${hint}?)` : ""}; use an ISO 3166 code or the English name`);
    }
    return code;
  };
  const date = (column: SessionCsvColumn): string => {
    const value = required(column, 100);
    if (value && !isIsoDate(value)) {
      const year = /^(\d{4})-\d{2}-\d{2}$/.exec(value)?.[1];
      fail(column, year && Number(year) < MIN_YEAR ? `"${value}" is before ${MIN_YEAR}` : `"${value}" is not a real date written YYYY-MM-DD`);
    }
    return value;
  };

  const externalId = required("external_id", 200);
  const title = required("title");
  const courseId = text("course_id", 200);
  if (courseId && !lookups.courseExists(courseId)) fail("course_id", `no course with id "${courseId}" in the registry`);
  const provider = required("provider");
  const funders = splitListCell(cell.funders ?? "");

  const hostText = required("host_country");
  const hostCountry = hostText ? country("host_country", hostText) : null;
  const beneficiaries = splitListCell(cell.beneficiary_countries ?? "").map((c) => country("beneficiary_countries", c));

  const startDate = date("start_date");
  const endDate = date("end_date");
  if (isIsoDate(startDate) && isIsoDate(endDate) && endDate < startDate) fail("end_date", `ends (${endDate}) before it starts (${startDate})`);

  const statusText = required("status", 50);
  const status = normaliseEnum(statusText);
  if (statusText && !STATUSES.includes(status)) fail("status", `"${statusText}" is not one of ${STATUSES.join(", ")}`);

  const topics = codes("topics", lookups.topics, "topic");
  if (!(cell.topics ?? "").replaceAll(LIST_SEPARATOR, "").trim()) fail("topics", "required, but empty");
  const audiences = codes("audiences", lookups.audiences, "audience");
  const offences = codes("offence_focus", lookups.offences, "offence focus");

  const languageText = text("language", 50);
  const language = languageText ? languageText.toLowerCase() : null;
  if (language && !isLanguageCode(language)) fail("language", `"${languageText}" is not an ISO 639-1 language code (e.g. en, fr, sw)`);

  const modeText = text("mode", 50);
  const mode = modeText ? normaliseEnum(modeText) : null;
  if (modeText && !MODE_VALUES.includes(mode!)) fail("mode", `"${modeText}" is not one of ${MODE_VALUES.join(", ")}`);

  const participantsText = text("participants", 20);
  let participants: number | null = null;
  if (participantsText) {
    participants = /^\d+$/.test(participantsText) ? Number(participantsText) : null;
    if (participants === null || participants > MAX_PARTICIPANTS) fail("participants", `"${participantsText}" is not a whole number of 0 or more`);
  }

  const trainers = splitListCell(cell.trainers ?? "");
  for (const [column, names] of [["funders", funders], ["trainers", trainers]] as const) {
    if (names.some((n) => n.length > MAX_SHORT_TEXT)) fail(column, `a name is longer than ${MAX_SHORT_TEXT} characters`);
  }

  const city = text("city", MAX_SHORT_TEXT);
  const providerRef = text("provider_ref", 200);
  const notes = text("notes");

  // A bad row's external id still counts towards repeats, so one pass reports them too.
  if (errors.length) return { errors, externalId: errors.some((e) => e.column === "external_id") ? null : externalId };
  const countries = beneficiaries.length ? [...new Set(beneficiaries as string[])] : [hostCountry!];
  return {
    row: {
      externalId,
      title,
      courseId,
      provider,
      funders,
      hostCountry: hostCountry!,
      countries,
      city,
      startDate,
      endDate,
      status: status as SessionCsvRow["status"],
      topics,
      audiences,
      offences,
      language,
      mode: mode as SessionCsvRow["mode"],
      participants,
      trainers,
      providerRef,
      notes,
    },
  };
}
