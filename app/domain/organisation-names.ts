// Matching organisation (and people's) names as people type them: "unodc",
// "UNODC" and "United Nations Office on Drugs and Crime" name one
// organisation; case, accents and punctuation never make two names differ.

/** A name reduced to what tells names apart: lower case, no accents, words separated by one space. */
export function foldName(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/&/g, " and ")
    .replace(/['’‘`]/g, "")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** "United Nations Office on Drugs and Crime (UNODC)": the name, then the acronym. */
const NAME_WITH_ACRONYM = /^(.+?)\s*\(([^()]+)\)\s*$/;

export type OrganisationName = { id: string; name: string; acronym: string | null };

export type OrganisationResolver = (text: string) => string | null;

/**
 * Finds an organisation by its name or its acronym. A full name beats an
 * acronym (an organisation called "ICMEC" wins over another whose acronym is
 * ICMEC), and among equals the first in `organisations` wins, so callers pass
 * them oldest first. "United Nations Office on Drugs and Crime (UNODC)" is
 * tried whole, then as its name, then as its acronym.
 */
export function buildOrganisationResolver(organisations: readonly OrganisationName[]): OrganisationResolver {
  const byName = new Map<string, string>();
  const byAcronym = new Map<string, string>();
  for (const org of organisations) {
    const name = foldName(org.name);
    if (name && !byName.has(name)) byName.set(name, org.id);
    const acronym = org.acronym ? foldName(org.acronym) : "";
    if (acronym && !byAcronym.has(acronym)) byAcronym.set(acronym, org.id);
  }
  const lookup = (text: string) => {
    const key = foldName(text);
    return key ? (byName.get(key) ?? byAcronym.get(key) ?? null) : null;
  };
  return (text) => {
    const whole = lookup(text);
    if (whole) return whole;
    const bracketed = NAME_WITH_ACRONYM.exec(text);
    return bracketed ? (lookup(bracketed[1]) ?? lookup(bracketed[2])) : null;
  };
}

/**
 * Every organisation the text could name, by name or acronym: the whole text
 * first, then for "Name (ACRONYM)" the name, then the acronym. Where one
 * choice matters more than convenience (whose sessions an import records),
 * more than one is a question to ask, not a tie to break.
 */
export function organisationCandidates(organisations: readonly OrganisationName[], text: string): string[] {
  const named = (part: string) => {
    const key = foldName(part);
    if (!key) return [];
    return [...new Set(organisations.filter((org) => foldName(org.name) === key || (org.acronym !== null && foldName(org.acronym) === key)).map((org) => org.id))];
  };
  const whole = named(text);
  if (whole.length) return whole;
  const bracketed = NAME_WITH_ACRONYM.exec(text);
  if (!bracketed) return [];
  const name = named(bracketed[1]);
  return name.length ? name : named(bracketed[2]);
}
