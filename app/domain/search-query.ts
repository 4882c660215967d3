// Free text from a search box → an FTS5 MATCH expression that can never be a
// syntax error. People type quotes, hyphens, colons and words like NOT or NEAR;
// FTS5 would read those as operators (a 500 for the user). Here every word
// becomes a quoted string, so only letters and digits reach the query syntax.

/** Words are runs of letters, digits and combining marks (so Devanagari or Thai words stay whole). */
const WORD = /[\p{L}\p{N}\p{M}]+/gu;

/** More words than this adds nothing but cost. */
export const MAX_SEARCH_TERMS = 12;

/**
 * What someone typed, for searches by substring (LIKE) rather than full text,
 * read with the same rules as toFtsQuery: a part in double quotes is one
 * phrase, other words stand alone, every one must appear (AND), and the
 * quotes themselves are never searched for, so `"` alone searches nothing.
 */
export function toSearchPhrases(input: string | null | undefined): string[] {
  if (!input) return [];
  const phrases: string[] = [];
  input.split('"').forEach((part, index) => {
    if (index % 2 === 1) phrases.push(part.trim().replace(/\s+/g, " "));
    else phrases.push(...part.split(/\s+/));
  });
  return [...new Set(phrases.filter(Boolean))].slice(0, MAX_SEARCH_TERMS);
}

/** `%text%` for LIKE, with the wildcards in `text` taken literally (use with ESCAPE '\\'). */
export function likeContaining(text: string) {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * Turn what someone typed into a MATCH string, or null when nothing searchable
 * is left. Each word matches as a prefix (`"forens"*` finds "forensics"); a
 * part in double quotes matches as an exact phrase. Terms are ANDed.
 */
export function toFtsQuery(input: string | null | undefined): string | null {
  if (!input) return null;
  const terms: string[] = [];
  // Split on double quotes: odd-numbered parts were inside quotes. An unclosed
  // quote simply runs to the end of the input.
  input.split('"').forEach((part, index) => {
    const words = part.match(WORD) ?? [];
    if (!words.length) return;
    if (index % 2 === 1 && words.length > 1) terms.push(`"${words.join(" ")}"`);
    else terms.push(...words.map((w) => `"${w}"*`));
  });
  const kept = terms.slice(0, MAX_SEARCH_TERMS);
  return kept.length ? kept.join(" ") : null;
}
