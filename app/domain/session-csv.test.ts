import { describe, expect, it } from "vitest";
import {
  SESSION_CSV_COLUMNS,
  isIsoDate,
  isLanguageCode,
  readSessionCsvHeader,
  splitListCell,
  validateSessionCsvRow,
  type SessionCsvColumn,
  type SessionCsvLookups,
} from "./session-csv";

const lookups: SessionCsvLookups = {
  country: (text) => ({ ke: "KEN", ken: "KEN", kenya: "KEN", ug: "UGA", uganda: "UGA" })[text.trim().toLowerCase()] ?? null,
  countryHint: (text) => (text === "Keny" ? "Kenya (KEN)" : null),
  topics: new Set(["EVID", "EVID.PRESERVE", "VIC.INTERVIEW"]),
  audiences: new Set(["POLICE", "JUDGE"]),
  offences: new Set(["CSAM"]),
  courseExists: (id) => id === "course-1",
};

const good: Record<SessionCsvColumn, string> = {
  external_id: "S-1",
  title: "Preserving electronic evidence",
  course_id: "course-1",
  provider: "UNODC",
  funders: "Donor A; Donor B",
  host_country: "KE",
  beneficiary_countries: "",
  city: "Nairobi",
  start_date: "2025-03-04",
  end_date: "2025-03-06",
  status: "completed",
  topics: "EVID.PRESERVE",
  audiences: "POLICE;JUDGE",
  offence_focus: "CSAM",
  language: "en",
  mode: "in_person",
  participants: "25",
  trainers: "Amina Hassan",
  provider_ref: "",
  notes: "",
};

function check(overrides: Partial<Record<SessionCsvColumn, string>> = {}) {
  const values = { ...good, ...overrides };
  return validateSessionCsvRow(
    SESSION_CSV_COLUMNS.map((c) => values[c]),
    SESSION_CSV_COLUMNS,
    7,
    lookups,
  );
}

function reasonFor(overrides: Partial<Record<SessionCsvColumn, string>>, column: SessionCsvColumn) {
  const result = check(overrides);
  expect(result.errors, `expected an error in ${column}`).toBeDefined();
  const error = result.errors!.find((e) => e.column === column);
  expect(error, JSON.stringify(result.errors)).toBeDefined();
  expect(error!.line).toBe(7);
  return error!.reason;
}

describe("readSessionCsvHeader", () => {
  it("lists the columns in canonical order", () => {
    expect(SESSION_CSV_COLUMNS[0]).toBe("external_id");
    expect(SESSION_CSV_COLUMNS).toHaveLength(20);
  });

  it("accepts any order, case and surrounding spaces", () => {
    const { columns, errors } = readSessionCsvHeader([" Title ", "EXTERNAL_ID", "Provider", "host country", "Start-Date", "end_date", "status", "topics"]);
    expect(errors).toEqual([]);
    expect(columns).toEqual(["title", "external_id", "provider", "host_country", "start_date", "end_date", "status", "topics"]);
  });

  it("rejects unknown, repeated and missing required columns", () => {
    const { errors } = readSessionCsvHeader(["external_id", "title", "title", "colour", "provider", "start_date", "end_date", "status", "topics"]);
    expect(errors).toEqual(
      expect.arrayContaining([
        { line: 1, column: "colour", reason: expect.stringContaining("unknown column") },
        { line: 1, column: "title", reason: "column appears twice" },
        { line: 1, column: "host_country", reason: "required column is missing" },
      ]),
    );
  });

  it("says when the cells are separated by semicolons", () => {
    expect(readSessionCsvHeader(["external_id;title;provider;host_country"]).errors).toEqual([
      { line: 1, column: null, reason: 'the cells are separated by ";": save the file as comma-separated CSV (UTF-8)' },
    ]);
  });

  it("says when the cells are separated by tabs", () => {
    expect(readSessionCsvHeader(["external_id\ttitle\tprovider\thost_country"]).errors).toEqual([
      { line: 1, column: null, reason: "the cells are separated by tabs: save the file as comma-separated CSV (UTF-8)" },
    ]);
  });

  it("says when the file is an Excel workbook", () => {
    const { errors } = readSessionCsvHeader(["PK\u0003\u0004\u0014\u0000\u0006" + "x".repeat(100)]);
    expect(errors).toEqual([{ line: 1, column: null, reason: expect.stringContaining("this is an Excel workbook, not CSV") }]);
  });

  it("shows an unknown column from a binary file without its control characters, shortened", () => {
    const [error] = readSessionCsvHeader(["BIN\u0003\u0004\u0014\u0000" + "x".repeat(100)]).errors;
    expect(error.column).toBe(`BIN????${"x".repeat(52)}…`);
  });
});

describe("validateSessionCsvRow", () => {
  it("normalises a good row", () => {
    const { row, errors } = check({ status: " Completed ", mode: "In person", language: "EN", topics: "evid.preserve; EVID.PRESERVE ;" });
    expect(errors).toBeUndefined();
    expect(row).toMatchObject({
      externalId: "S-1",
      hostCountry: "KEN",
      countries: ["KEN"], // defaults to the host country
      status: "completed",
      mode: "in_person",
      language: "en",
      topics: ["EVID.PRESERVE"],
      audiences: ["POLICE", "JUDGE"],
      funders: ["Donor A", "Donor B"],
      participants: 25,
      providerRef: null,
      notes: null,
    });
  });

  it("keeps beneficiary countries given in any form, once each", () => {
    expect(check({ beneficiary_countries: "Kenya; UG; uganda" }).row?.countries).toEqual(["KEN", "UGA"]);
  });

  it("keeps text exactly: emoji, right-to-left, formula- and SQL-looking", () => {
    const notes = "مرحبا 👋 =SUM(A1) '); DROP TABLE training_session;--";
    expect(check({ notes, title: "דיני ראיות 📱" }).row).toMatchObject({ notes, title: "דיני ראיות 📱" });
  });

  it("takes off the apostrophe our exports put before formula-looking text, and only that one", () => {
    expect(check({ notes: "'=SUM(A1)", title: "''+1 idea" }).row).toMatchObject({ notes: "=SUM(A1)", title: "'+1 idea" });
    expect(check({ notes: "'quoted'" }).row?.notes).toBe("'quoted'");
  });

  it.each([
    [{ start_date: "2025-02-30" }, "start_date", "not a real date"],
    [{ start_date: "04/03/2025" }, "start_date", "not a real date"],
    [{ end_date: "2025-3-6" }, "end_date", "not a real date"],
    [{ end_date: "2025-03-01" }, "end_date", "before it starts"],
    [{ host_country: "Narnia" }, "host_country", 'unknown country "Narnia"'],
    [{ host_country: "Keny" }, "host_country", "did you mean Kenya (KEN)?"],
    [{ beneficiary_countries: "KE;Atlantis" }, "beneficiary_countries", 'unknown country "Atlantis"'],
    [{ topics: "EVID.NOPE" }, "topics", 'unknown topic "EVID.NOPE"'],
    [{ topics: " ; " }, "topics", "required, but empty"],
    [{ audiences: "POLICE;ASTRONAUT" }, "audiences", 'unknown audience "ASTRONAUT"'],
    [{ offence_focus: "SPAM" }, "offence_focus", 'unknown offence focus "SPAM"'],
    [{ participants: "-3" }, "participants", "whole number"],
    [{ participants: "12.5" }, "participants", "whole number"],
    [{ participants: "many" }, "participants", "whole number"],
    [{ status: "done" }, "status", "not one of planned"],
    [{ mode: "carrier pigeon" }, "mode", "not one of in_person"],
    [{ language: "xx" }, "language", "not an ISO 639-1"],
    [{ language: "eng" }, "language", "not an ISO 639-1"],
    [{ external_id: "  " }, "external_id", "required, but empty"],
    [{ title: "" }, "title", "required, but empty"],
    [{ provider: "" }, "provider", "required, but empty"],
    [{ course_id: "course-404" }, "course_id", "no course"],
    [{ start_date: "0001-01-01" }, "start_date", '"0001-01-01" is before 1900'],
    [{ title: "Evidence \u001b[31m red" }, "title", "control character (U+001B)"],
    [{ city: "Nai\u0007robi" }, "city", "control character (U+0007)"],
    [{ trainers: "Amina\u0001 Hassan" }, "trainers", "control character (U+0001)"],
  ] as const)("%o → %s: %s", (overrides, column, reason) => {
    expect(reasonFor(overrides, column)).toContain(reason);
  });

  it("reports a date with a time once, as not a date", () => {
    const { errors } = check({ start_date: "2027-01-01T00:00:00" });
    expect(errors).toEqual([{ line: 7, column: "start_date", reason: '"2027-01-01T00:00:00" is not a real date written YYYY-MM-DD' }]);
  });

  it("keeps tabs and line breaks as text", () => {
    expect(check({ notes: "line one\r\nline\ttwo" }).row?.notes).toBe("line one\r\nline\ttwo");
  });

  it("reports every problem of a row, not only the first", () => {
    const { errors } = check({ start_date: "2025-13-01", status: "done", participants: "-1" });
    expect(errors?.map((e) => e.column)).toEqual(["start_date", "status", "participants"]);
  });

  it("rejects a row whose cell count differs from the header", () => {
    const result = validateSessionCsvRow(["a", "b"], SESSION_CSV_COLUMNS, 3, lookups);
    expect(result.errors).toEqual([{ line: 3, column: null, reason: "expected 20 cells like the header, found 2" }]);
  });
});

describe("small pieces", () => {
  it("splits list cells on ';'", () => {
    expect(splitListCell(" a ; b;;a ;")).toEqual(["a", "b"]);
    expect(splitListCell("")).toEqual([]);
  });

  it("knows real dates and language codes", () => {
    expect(isIsoDate("2024-02-29")).toBe(true);
    expect(isIsoDate("2023-02-29")).toBe(false);
    expect(isIsoDate("2023-00-10")).toBe(false);
    expect(isLanguageCode("sw")).toBe(true);
    expect(isLanguageCode("qq")).toBe(false);
  });
});
