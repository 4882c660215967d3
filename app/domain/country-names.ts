// Turning what people type for a country into its ISO 3166-1 alpha-3 code:
// codes, the English name, the UN name ("Bolivia (Plurinational State of)")
// and the English aliases the i18n-iso-countries package lists ("UK",
// "Ivory Coast"), whatever the case, accents, punctuation or apostrophe.
// Pure: the caller passes the country rows and the aliases.

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
  // Earlier levels win: codes, then official names, then aliases and derived
  // forms. Within a level a key two countries claim is ambiguous and answers
  // to neither ("Congo" as an alias), unless an earlier level settled it.
  const settled = new Map<string, string>();
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
      if (!key || settled.has(key)) continue;
      const codes = claims.get(key) ?? new Set<string>();
      codes.add(code);
      claims.set(key, codes);
    }
    for (const [key, codes] of claims) if (codes.size === 1) settled.set(key, [...codes][0]);
  }

  const names = sources.map((c) => ({ code: c.code, name: c.nameEn, keys: keysOf.get(c.code)! }));

  return {
    resolve(text) {
      const key = foldCountryName(text);
      return key ? (settled.get(key) ?? null) : null;
    },
    suggest(text) {
      const key = foldCountryName(text);
      if (key.length < 3) return null;
      const matches = names.filter((c) => c.keys.some((k) => k.startsWith(key)));
      return matches.length === 1 ? { code: matches[0].code, name: matches[0].name } : null;
    },
  };
}
