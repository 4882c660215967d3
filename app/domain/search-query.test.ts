import { createClient } from "@libsql/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_SEARCH_TERMS, toFtsQuery, toSearchPhrases } from "./search-query";

describe("toFtsQuery", () => {
  it("quotes each word and matches it as a prefix", () => {
    expect(toFtsQuery("mobile forens")).toBe('"mobile"* "forens"*');
  });

  it("returns null when nothing searchable is left", () => {
    expect(toFtsQuery(undefined)).toBeNull();
    expect(toFtsQuery("")).toBeNull();
    expect(toFtsQuery("  -- \"\" :*( ")).toBeNull();
  });

  it("drops FTS5 syntax characters so they cannot break the query", () => {
    expect(toFtsQuery('title:evidence -"chain OR (custody*')).toBe('"title"* "evidence"* "chain OR custody"');
    expect(toFtsQuery("a^b {c} d+e")).toBe('"a"* "b"* "c"* "d"* "e"*');
  });

  it("treats operator words as ordinary words", () => {
    expect(toFtsQuery("NOT NEAR AND")).toBe('"NOT"* "NEAR"* "AND"*');
  });

  it("keeps a quoted part as an exact phrase", () => {
    expect(toFtsQuery('"chain of custody" court')).toBe('"chain of custody" "court"*');
    // a single quoted word is still a prefix search
    expect(toFtsQuery('"court"')).toBe('"court"*');
  });

  it("keeps letters with diacritics and non-Latin scripts", () => {
    expect(toFtsQuery("Enquête préliminaire")).toBe('"Enquête"* "préliminaire"*');
    expect(toFtsQuery("расследование")).toBe('"расследование"*');
    expect(toFtsQuery("प्रशिक्षण")).toBe('"प्रशिक्षण"*');
  });

  it("caps the number of terms", () => {
    const many = Array.from({ length: 30 }, (_, i) => `w${i}`).join(" ");
    expect(toFtsQuery(many)!.split(" ")).toHaveLength(MAX_SEARCH_TERMS);
  });

  it("reads the same words and phrases for substring searches, never the quotes themselves", () => {
    expect(toSearchPhrases('"')).toEqual([]);
    expect(toSearchPhrases(' "chain of  custody" 100% e_c ')).toEqual(["chain of custody", "100%", "e_c"]);
    expect(toSearchPhrases('police "unclosed phrase')).toEqual(["police", "unclosed phrase"]);
    expect(toFtsQuery('"')).toBeNull();
  });

  describe("against a real FTS5 table", () => {
    const client = createClient({ url: ":memory:" });
    beforeAll(async () => {
      await client.execute("CREATE VIRTUAL TABLE t USING fts5(body, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3')");
      await client.execute("INSERT INTO t (body) VALUES ('Chain of custody for electronic evidence'), ('Enquête numérique'), ('Mobile forensics')");
    });
    afterAll(() => client.close());

    const search = async (text: string) =>
      (await client.execute({ sql: "SELECT body FROM t WHERE t MATCH ? ORDER BY rowid", args: [toFtsQuery(text)] })).rows.map((r) => r.body);

    it("never raises a syntax error, whatever is typed", async () => {
      for (const text of ['"', '"unclosed phrase', "a OR", "NEAR(", "-evidence", "col:x", "*", "x AND NOT", "(((", "^start", "evi* +"]) {
        const query = toFtsQuery(text);
        if (query) await expect(search(text)).resolves.toBeDefined();
      }
    });

    it("finds prefixes, phrases and words without their accents", async () => {
      expect(await search("forens")).toEqual(["Mobile forensics"]);
      expect(await search('"chain of custody"')).toEqual(["Chain of custody for electronic evidence"]);
      expect(await search('"custody of chain"')).toEqual([]);
      expect(await search("enquete")).toEqual(["Enquête numérique"]);
    });
  });
});
