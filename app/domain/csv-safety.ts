// Writing CSV that spreadsheets open safely and that the importer reads back
// exactly. Every CSV the registry writes goes through csvDocument.
//
// Formula injection: a spreadsheet runs a cell starting with = + - @ (or a
// tab or carriage return, which some of them skip before looking) as a
// formula. Such text cells get a leading apostrophe, which spreadsheets show
// as text and hide. Numbers are written as numbers: a negative number is not
// a formula, and quoting it would turn it into text.
//
// To stay lossless the rule must be reversible: text that already starts with
// apostrophes followed by a formula character gets one more, and
// restoreNeutralisedCell removes exactly one. So `=1+1` ⇄ `'=1+1` and
// `'=1+1` ⇄ `''=1+1`, and anything else is written and read unchanged.
import { stringify } from "csv-stringify/sync";

const NEEDS_APOSTROPHE = /^'*[=+\-@\t\r]/;
const NEUTRALISED = /^'+[=+\-@\t\r]/;

export type CsvCell = string | number | boolean | null | undefined;

export function neutraliseCell(value: CsvCell): string {
  if (value == null) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  if (typeof value === "boolean") return value ? "true" : "false";
  return NEEDS_APOSTROPHE.test(value) ? `'${value}` : value;
}

/** The inverse of neutraliseCell for text read back from one of our CSV files. */
export function restoreNeutralisedCell(text: string): string {
  return NEUTRALISED.test(text) ? text.slice(1) : text;
}

/**
 * A whole CSV file: UTF-8 byte order mark (so spreadsheet programs read
 * emoji and right-to-left scripts as UTF-8), RFC 4180 quoting and CRLF line
 * ends, every cell neutralised.
 */
export function csvDocument(rows: CsvCell[][], options: { bom?: boolean } = {}): string {
  const body = stringify(
    rows.map((row) => row.map(neutraliseCell)),
    // csv-stringify quotes only cells holding the whole CRLF delimiter: a lone
    // newline must be quoted too, and so must edge spaces that readers trim.
    { record_delimiter: "windows", quoted_match: /^\s|\s$|[\r\n]/ },
  );
  return (options.bom ?? true) ? `\uFEFF${body}` : body;
}

/** Further rows for a file started with csvDocument (no byte order mark). */
export function csvRows(rows: CsvCell[][]): string {
  return csvDocument(rows, { bom: false });
}
