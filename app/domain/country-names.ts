// Turning what people type for a country into its ISO 3166-1 alpha-3 code:
// codes, the English name, the UN name ("Bolivia (Plurinational State of)"),
// the common names in ./country-aliases ("Laos", "Burma") and the English
// aliases the i18n-iso-countries package lists ("UK", "Ivory Coast"),
// whatever the case, accents, punctuation or apostrophe. A name that could
// mean several countries ("Congo") resolves to none of them.
// Pure: the caller passes the country rows and the package's aliases.
import { AMBIGUOUS_COUNTRY_NAMES, COUNTRY_ALIASES } from "./country-aliases";

export type CountryNameSource = {
  code: string; // alpha-3
  alpha2: string;
  nameEn: string;
  nameUn: string | null;
  aliases: readonly string[];
};

export type CountryResolver = {
  /** The alpha-3 code, or null when nothing (or more than one country) answers to the text. */
  resolve(text: string): string | null;
  /** For an error message: a country whose name starts with the text, when exactly one does. */
  suggest(text: string): { code: string; name: string } | null;
  /**
   * For an error message on text that resolves to no country, what it may
   * have meant: every country an ambiguous name could mean ("Republic of the
   * Congo (COG) or Democratic Republic of the Congo (COD)"), else the one
   * suggestion ("Syrian Arab Republic (SYR)"), else null.
   */
  hint(text: string): string | null;
};

/**
 * Case, accents, apostrophes (' ’ ‘ `), punctuation and spaces do not tell
 * countries apart: "Côte d’Ivoire", "cote d'ivoire" and "COTE DIVOIRE" fold
 * alike, and so do "Viet Nam" and "Vietnam".
 */
export function foldCountryName(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/&/g, "and")
    .replace(/[^\p{L}\p{N}]/gu, "");
}

/**
 * Other spellings derived from one name: "Bolivia (Plurinational State of)"
 * also answers to "Bolivia" and "Plurinational State of Bolivia";
 * "Micronesia, Federated States of" to "Micronesia" and "Federated States of
 * Micronesia"; a leading "The" may be left out.
 */
function derivedForms(name: string): string[] {
  const forms: string[] = [];
  const bracketed = /^(.+?)\s*\((.+)\)$/.exec(name);
  if (bracketed) forms.push(bracketed[1], `${bracketed[2]} ${bracketed[1]}`);
  const inverted = /^([^,]+),\s*(.+)$/.exec(name);
  if (inverted) forms.push(inverted[1], `${inverted[2]} ${inverted[1]}`);
  if (/^the\s/i.test(name)) forms.push(name.slice(4));
  return forms;
}

export function buildCountryResolver(sources: readonly CountryNameSource[]): CountryResolver {
  // Earlier levels win: codes, then official names, then the common names of
  // ./country-aliases, then the package's aliases and derived forms. Within a
  // level a key two countries claim is ambiguous and answers to neither,
  // unless an earlier level settled it; the known ambiguous names answer to
  // none at any level, even where one is a country's official name ("Congo").
  const known = new Set(sources.map((c) => c.code));
  const settled = new Map<string, string>();
  const contested = new Map<string, string[]>();
  for (const [name, codes] of Object.entries(AMBIGUOUS_COUNTRY_NAMES)) {
    const present = codes.filter((code) => known.has(code));
    if (present.length > 1) contested.set(foldCountryName(name), present);
  }
  const listed = sources.map((c) => ({ code: c.code, names: [c.nameEn, c.nameUn, ...c.aliases].filter((n): n is string => !!n) }));
  const keysOf = new Map(listed.map((c) => [c.code, c.names.map(foldCountryName)]));
  // A derived short form is only safe when no other country's name contains
  // it: "Korea" (from "Korea, Republic of") is also in "North Korea".
  const unshared = (form: string, code: string) => {
    const key = foldCountryName(form);
    return !listed.some((other) => other.code !== code && keysOf.get(other.code)!.some((k) => k.includes(key)));
  };
  const levels: [string, string][][] = [
    sources.flatMap((c) => [
      [c.code, c.code],
      [c.alpha2, c.code],
    ]),
    sources.flatMap((c) => [c.nameEn, c.nameUn].filter((n): n is string => !!n).map((n): [string, string] => [n, c.code])),
    Object.entries(COUNTRY_ALIASES).filter(([, code]) => known.has(code)),
    listed.flatMap((c) => [
      ...c.names.map((n): [string, string] => [n, c.code]),
      ...c.names
        .flatMap(derivedForms)
        .filter((form) => unshared(form, c.code))
        .map((n): [string, string] => [n, c.code]),
    ]),
  ];
  for (const level of levels) {
    const claims = new Map<string, Set<string>>();
    for (const [name, code] of level) {
      const key = foldCountryName(name);
      if (!key || settled.has(key) || contested.has(key)) continue;
      const codes = claims.get(key) ?? new Set<string>();
      codes.add(code);
      claims.set(key, codes);
    }
    for (const [key, codes] of claims) {
      if (codes.size === 1) settled.set(key, [...codes][0]);
      else contested.set(key, [...codes]);
    }
  }

  const names = sources.map((c) => ({ code: c.code, name: c.nameEn, keys: keysOf.get(c.code)! }));
  const nameOf = new Map(sources.map((c) => [c.code, c.nameEn]));
  const labelled = (code: string) => `${nameOf.get(code)} (${code})`;

  const suggest = (text: string) => {
    const key = foldCountryName(text);
    if (key.length < 3 || contested.has(key)) return null;
    const matches = names.filter((c) => c.keys.some((k) => k.startsWith(key)));
    return matches.length === 1 ? { code: matches[0].code, name: matches[0].name } : null;
  };

  return {
    resolve(text) {
      const key = foldCountryName(text);
      return key ? (settled.get(key) ?? null) : null;
    },
    suggest,
    hint(text) {
      const several = contested.get(foldCountryName(text));
      if (several) return several.map(labelled).join(" or ");
      const one = suggest(text);
      return one && labelled(one.code);
    },
  };
}
