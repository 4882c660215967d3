import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { csvDocument, neutraliseCell, restoreNeutralisedCell } from "./csv-safety";

describe("neutraliseCell", () => {
  it.each([
    ["=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"],
    ["+1", "'+1"],
    ["-2+3", "'-2+3"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\t=1", "'\t=1"],
    ["\r=1", "'\r=1"],
    ["'=1", "''=1"],
    ["plain", "plain"],
    ["it's", "it's"],
    ["'quoted'", "'quoted'"],
    ["", ""],
  ])("%j → %j", (input, output) => {
    expect(neutraliseCell(input)).toBe(output);
  });

  it("writes numbers, booleans and empty values as they are", () => {
    expect(neutraliseCell(-5)).toBe("-5");
    expect(neutraliseCell(12)).toBe("12");
    expect(neutraliseCell(null)).toBe("");
    expect(neutraliseCell(undefined)).toBe("");
    expect(neutraliseCell(true)).toBe("true");
    expect(neutraliseCell(Number.NaN)).toBe("");
  });

  it("is undone exactly by restoreNeutralisedCell", () => {
    const samples = ["=1+1", "'=1+1", "''-x", "+", "-", "@", "'", "''", "plain", "'plain", "a=b", " =x", "\t", "مرحبا", "🙂=", "DROP TABLE x;--"];
    for (const text of samples) expect(restoreNeutralisedCell(neutraliseCell(text))).toBe(text);
  });
});

describe("csvDocument", () => {
  it("starts with a byte order mark, ends lines with CRLF and quotes what needs quoting", () => {
    const text = csvDocument([
      ["a", "b"],
      ['say "hi", then', "two\nlines"],
    ]);
    expect(text.startsWith("\uFEFFa,b\r\n")).toBe(true);
    expect(text).toContain('"say ""hi"", then","two\nlines"\r\n');
  });

  it("reads back to the same values once neutralisation is undone", () => {
    const values = ["=cmd|' /C calc'!A0", "-10", "Ünïcødé 🙂", "שלום, עולם", "'; DROP TABLE training_session; --", " padded ", "a\r\nb"];
    const parsed = parse(csvDocument([values]), { bom: true }) as string[][];
    expect(parsed[0].map(restoreNeutralisedCell)).toEqual(values);
  });
});
