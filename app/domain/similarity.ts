// Comparing the words people type about the same thing in different ways:
// titles (reworded, abbreviated, in French or Spanish), organisation names
// and acronyms, people's names with titles and initials, and countries in
// any form. Pure and deterministic, so duplicate scoring can be unit-tested
// and run over 100k records. See docs/decisions/005-duplicate-detection.md.
import countries from "i18n-iso-countries";
import en from "i18n-iso-countries/langs/en.json" with { type: "json" };
import es from "i18n-iso-countries/langs/es.json" with { type: "json" };
import fr from "i18n-iso-countries/langs/fr.json" with { type: "json" };
import { AMBIGUOUS_COUNTRY_NAMES, COUNTRY_ALIASES } from "./country-aliases";

/** Lower case, accents off, anything but letters and digits becomes one space. */
export function foldText(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

const STOPWORDS = new Set(
  [
    // English
    "a an the of on in for and to with at by from into about as or its their this that",
    // French
    "le la les l un une des du de d et en au aux pour sur dans par avec sa son ses",
    // Spanish and Portuguese
    "el los las lo unos unas del y e para por sobre con al o os da do das dos em",
  ]
    .join(" ")
    .split(" "),
);

/** Words every training title uses; they count a quarter as much as the rest. */
const GENERIC = new Set(["training", "course", "workshop", "seminar", "session", "programme", "module", "delivery", "funded", "edition", "introduction", "basic", "part"]);

// Phrases whose words do not translate one by one.
const PHRASES: [RegExp, string][] = [
  [/\ben ligne\b/g, "online"],
  [/\ben linea\b/g, "online"],
  [/\bentraide judiciaire\b/g, "mutual legal assistance"],
  [/\basistencia (judicial|juridica) (reciproca|mutua)\b/g, "mutual legal assistance"],
  [/\btraite des (etres humains|personnes)\b/g, "human trafficking"],
  [/\btrata de (personas|seres humanos)\b/g, "human trafficking"],
  [/\b(en direct|en vivo)\b/g, "live"],
  [/\bde base\b/g, "basic"],
  [/\bligne d ecoute\b/g, "hotline"],
  [/\bfuseaux? horaires?\b/g, "time zone"],
  [/\b(zonas? horarias?|husos? horarios?)\b/g, "time zone"],
  [/\blinea de ayuda\b/g, "hotline"],
];

// French and Spanish words of the field mapped onto the English word the
// registry uses; cognates the suffix rules below already catch are left out.
const LEXICON: Record<string, string> = Object.fromEntries(
  Object.entries({
    evidence: "preuve prueba evidencia",
    digital: "numerique",
    child: "children enfant nino nina ninos ninas infancia infantil menor menores mineur",
    abuse: "abus abuso",
    sexual: "sexuel sexuelle",
    exploitation: "explotacion",
    investigation: "enquete investigacion",
    investigator: "enqueteur investigador",
    judge: "juge juez jueces",
    prosecutor: "procureur fiscal fiscales",
    police: "policia policier policial",
    court: "tribunal tribunaux cour tribunales",
    forensic: "criminalistique forense forenses",
    computer: "informatique informatico informatica ordenador computadora",
    mobile: "movil moviles portable",
    device: "appareil dispositif dispositivo",
    phone: "telephone telefono",
    victim: "victime victima",
    interview: "entretien audition entrevista",
    mutual: "mutuelle mutua mutuo",
    legal: "judiciaire juridique juridica juridico",
    assistance: "asistencia aide ayuda",
    trafficking: "traite trata",
    preservation: "conservation conservacion",
    chain: "chaine cadena",
    custody: "garde custodia",
    seizure: "saisie incautacion decomiso",
    gathering: "collecte recopilacion recoleccion obtencion",
    network: "reseau red",
    address: "adresse direccion",
    log: "journal journaux registro",
    connection: "connexion conexion",
    awareness: "sensibilisation sensibilizacion concienciacion",
    parent: "padre madre",
    teacher: "enseignant docente maestro professeur profesor",
    caregiver: "cuidador",
    reporting: "signalement denuncia",
    trainer: "formateur formador instructor",
    training: "formation capacitacion formacion entrenamiento",
    workshop: "atelier taller",
    course: "cours curso",
    seminar: "seminaire seminario",
    advanced: "avance avanzado",
    basic: "basico basique",
    management: "gestion",
    cybercrime: "cybercriminalite ciberdelincuencia cibercrimen ciberdelito",
    crime: "crimen delito delit",
    offender: "delinquant delincuente agresseur",
    material: "materiel",
    image: "imagen",
    analysis: "analyse analisis",
    encryption: "chiffrement cifrado",
    anonymity: "anonymat anonimato",
    tourism: "tourisme turismo",
    travel: "voyage viaje",
    specialised: "specialise especializado specialized",
    unit: "unite unidad",
    law: "loi ley droit derecho",
    procedure: "procedimiento",
    joint: "conjoint conjointe conjunto",
    official: "fonctionnaire funcionario",
    safety: "securite seguridad security",
    practical: "pratique practico",
    streaming: "diffusion transmision",
    person: "people personne persona",
    woman: "women femme mujer",
    programme: "program programa",
    organisation: "organization organizacion",
    centre: "center centro",
    defence: "defense",
    offence: "offense infraction",
    provider: "fournisseur proveedor",
    service: "servicio",
  }).flatMap(([english, words]) => words.split(" ").map((w) => [w, english])),
);

// Spanish and French endings onto English ones (investigacion → investigation).
const SUFFIXES: [RegExp, string][] = [
  [/cion$/, "tion"],
  [/(ique|ica|ico)$/, "ic"],
  [/(idad|ite)$/, "ity"],
  [/(isme|ismo)$/, "ism"],
  [/isation$/, "ization"],
];

function singular(word: string): string {
  if (word.length <= 3) return word;
  if (word.endsWith("ies") && word.length > 4) return `${word.slice(0, -3)}y`;
  if (/(ss|us|is)$/.test(word)) return word;
  if (word.endsWith("es") && /(ches|shes|xes|sses|ciones)$/.test(word)) return word.slice(0, -2);
  if (word.endsWith("s")) return word.slice(0, -1);
  return word;
}

// Titles reuse a small vocabulary: remembering each word's canonical form makes a full scan cheap.
const canonicalCache = new Map<string, string | null>();

/** One folded word as the English word the comparison uses, or null for a stopword. */
export function canonicalWord(word: string): string | null {
  const known = canonicalCache.get(word);
  if (known !== undefined) return known;
  if (canonicalCache.size > 50_000) canonicalCache.clear();
  const canonical = canonicalOf(word);
  canonicalCache.set(word, canonical);
  return canonical;
}

function canonicalOf(word: string): string | null {
  if (STOPWORDS.has(word)) return null;
  const direct = LEXICON[word] ?? LEXICON[singular(word)];
  if (direct) return direct;
  let w = singular(word);
  if (w.length > 6) for (const [pattern, replacement] of SUFFIXES) w = w.replace(pattern, replacement);
  return LEXICON[w] ?? w;
}

export type PreparedText = {
  /** Canonical words in order, stopwords dropped. */
  tokens: string[];
  /** Words written in capitals in the original ("CSAM", "MLA"), folded. */
  acronyms: string[];
  trigrams: Grams;
};

const PHRASE_HINT = /\b(en|entraide|asistencia|traite|trata|de|ligne|linea|fuseaux?|zonas?|husos?)\b/;

/** Everything a comparison needs from one text, computed once per record. */
export function prepareText(text: string): PreparedText {
  const acronyms = (text.match(/\b[A-Z][A-Z0-9]{1,7}\b/g) ?? []).map((a) => a.toLowerCase());
  let folded = foldText(text);
  if (PHRASE_HINT.test(folded)) for (const [pattern, replacement] of PHRASES) folded = folded.replace(pattern, replacement);
  const tokens = folded
    .split(" ")
    .filter(Boolean)
    .flatMap((w) => (canonicalWord(w) ?? "").split(" "))
    .filter(Boolean);
  return { tokens, acronyms, trigrams: trigrams(tokens.join(" ")) };
}

/** A set of character trigrams as sorted distinct numbers: compared by merging, with no hashing. */
export type Grams = Uint16Array;

// Folded text holds only a-z, 0-9 and spaces: 37 symbols, so a trigram fits in 16 bits.
function symbol(code: number): number {
  if (code >= 97 && code <= 122) return code - 96;
  if (code >= 48 && code <= 57) return code - 21;
  return 0;
}

/** Character trigrams of a folded text, padded so short words still have some. */
export function trigrams(folded: string): Grams {
  const padded = `  ${folded} `;
  const out: number[] = [];
  for (let i = 0; i + 3 <= padded.length; i++) {
    out.push(symbol(padded.charCodeAt(i)) * 1444 + symbol(padded.charCodeAt(i + 1)) * 38 + symbol(padded.charCodeAt(i + 2)));
  }
  const sorted = Uint16Array.from(out).sort();
  let n = 0;
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) sorted[n++] = sorted[i];
  return sorted.subarray(0, n);
}

/** Dice coefficient of two trigram sets: 1 when equal, 0 when disjoint. */
export function gramDice(a: Grams, b: Grams): number {
  if (!a.length && !b.length) return 1;
  if (!a.length || !b.length) return 0;
  let i = 0;
  let j = 0;
  let shared = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      shared++;
      i++;
      j++;
    } else if (a[i] < b[j]) i++;
    else j++;
  }
  return (2 * shared) / (a.length + b.length);
}

/** Character similarity of two raw strings (folded first). */
export function trigramSimilarity(a: string, b: string): number {
  return gramDice(trigrams(foldText(a)), trigrams(foldText(b)));
}

const wordGrams = new Map<string, Grams>();
function gramsOfWord(word: string): Grams {
  let g = wordGrams.get(word);
  if (!g) {
    if (wordGrams.size > 50_000) wordGrams.clear();
    g = trigrams(word);
    wordGrams.set(word, g);
  }
  return g;
}

/** Two words are the same word, or close spellings of one (electronic / electronica, Mohammed / Mohamed). */
export function wordSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  if (a.length < 5 || b.length < 5 || a[0] !== b[0] || Math.abs(a.length - b.length) > 3) return 0;
  const s = gramDice(gramsOfWord(a), gramsOfWord(b));
  return s >= 0.6 ? s : 0;
}

const weightOf = (token: string) => (GENERIC.has(token) ? 0.25 : 1);

/** Weighted Dice over words, where close spellings count by their similarity. */
export function tokenSimilarity(a: string[], b: string[]): number {
  const total = a.reduce((s, t) => s + weightOf(t), 0) + b.reduce((s, t) => s + weightOf(t), 0);
  if (!total) return a.length === b.length ? 1 : 0;
  const used = new Array<boolean>(b.length).fill(false);
  let matched = 0;
  for (const x of a) {
    let best = -1;
    let bestScore = 0;
    for (let j = 0; j < b.length; j++) {
      if (used[j]) continue;
      const s = wordSimilarity(x, b[j]);
      if (s > bestScore) [best, bestScore] = [j, s];
      if (s === 1) break;
    }
    if (best >= 0) {
      used[best] = true;
      matched += bestScore * Math.min(weightOf(x), weightOf(b[best]));
    }
  }
  return (2 * matched) / total;
}

/** Initials of the words that matter: "Regional Cybercrime Academy" → "rca". */
export function initialsOf(text: string): string {
  return foldText(text)
    .split(" ")
    .filter((w) => w && !STOPWORDS.has(w))
    .map((w) => w[0])
    .join("");
}

/** A short all-capitals name such as "RCA" or "UNODC". */
export function looksLikeAcronym(text: string): boolean {
  return /^[A-Z][A-Z0-9&.-]{1,9}$/.test(text.trim());
}

/** "RCA" abbreviates "Regional Cybercrime Academy" (stopwords may or may not count). */
export function isAcronymOf(short: string, long: string): boolean {
  const s = foldText(short).replace(/ /g, "");
  if (s.length < 2 || foldText(long).split(" ").length < 2) return false;
  const all = foldText(long)
    .split(" ")
    .filter(Boolean)
    .map((w) => w[0])
    .join("");
  return s === initialsOf(long) || s === all;
}

/** Replace each run of words whose initials spell one of `acronyms` by the acronym. */
function collapseRuns(tokens: string[], acronyms: string[]): string[] {
  if (!acronyms.length) return tokens;
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    let replaced = false;
    for (const acronym of acronyms) {
      const n = acronym.length;
      if (n < 2 || i + n > tokens.length) continue;
      let spelled = "";
      for (let k = 0; k < n; k++) spelled += tokens[i + k][0];
      if (spelled === acronym) {
        out.push(acronym);
        i += n - 1;
        replaced = true;
        break;
      }
    }
    if (!replaced) out.push(tokens[i]);
  }
  return out;
}

/** Similarity of two titles in 0..1: the better of word and character similarity, acronyms spelled out. */
export function textSimilarity(a: PreparedText, b: PreparedText): number {
  let ta = a.tokens;
  let tb = b.tokens;
  let ga = a.trigrams;
  let gb = b.trigrams;
  if (a.acronyms.length || b.acronyms.length) {
    ta = collapseRuns(ta, b.acronyms);
    tb = collapseRuns(tb, a.acronyms);
    if (ta !== a.tokens) ga = trigrams(ta.join(" "));
    if (tb !== b.tokens) gb = trigrams(tb.join(" "));
  }
  return Math.max(tokenSimilarity(ta, tb), gramDice(ga, gb));
}

/** Convenience for one-off comparisons (tests, single checks). */
export function titleSimilarity(a: string, b: string): number {
  return textSimilarity(prepareText(a), prepareText(b));
}

// ---------------------------------------------------------------- people

const PERSON_TITLES = new Set(
  (
    "dr doctor docteur dra prof professor profesor professeur mr mrs ms miss mx mme mlle sr sra srta don dona " +
    "judge justice hon honourable insp inspector sgt sergeant det detective capt captain col colonel lt maj major " +
    "supt superintendent cmdr commander chief officer phd md msc llm esq jr ret"
  ).split(" "),
);

export type PersonName = { given: string[]; family: string; all: string[] };

/** "Dr. Amina O. Hassan" and "Hassan, Amina O." → given [amina, o], family hassan. */
export function parsePersonName(name: string): PersonName {
  const comma = name.indexOf(",");
  const ordered = comma > 0 ? `${name.slice(comma + 1)} ${name.slice(0, comma)}` : name;
  const words = foldText(ordered).split(" ").filter(Boolean);
  const kept = words.filter((w) => !PERSON_TITLES.has(w));
  const all = kept.length ? kept : words;
  return { given: all.slice(0, -1), family: all[all.length - 1] ?? "", all };
}

const isInitial = (w: string) => w.length === 1;

/**
 * How likely two written names are one person, with the reason. Titles are
 * ignored; an initial agrees with a name starting with it; a missing middle
 * name is not a disagreement.
 */
export function personNameSimilarity(a: string, b: string): { score: number; why: string } {
  const pa = parsePersonName(a);
  const pb = parsePersonName(b);
  if (!pa.family || !pb.family) return { score: 0, why: "a name is empty" };
  if (pa.all.join(" ") === pb.all.join(" ")) return { score: 1, why: "same name" };
  const familyMatch = Math.max(wordSimilarity(pa.family, pb.family), pa.family === pb.family ? 1 : 0);
  if (familyMatch >= 0.8) {
    const [fa, fb] = [pa.given[0], pb.given[0]];
    if (!fa || !fb) return { score: 0.5, why: "same family name, one without a given name" };
    const middleA = pa.given.slice(1);
    const middleB = pb.given.slice(1);
    const middleClash = middleA.length && middleB.length && middleA[0][0] !== middleB[0][0];
    const penalty = middleClash ? 0.3 : 0;
    if (!isInitial(fa) && !isInitial(fb)) {
      const g = wordSimilarity(fa, fb);
      if (g === 1) return { score: 0.95 * familyMatch - penalty, why: middleA.length !== middleB.length ? "same name; title or middle initial ignored" : "same name" };
      if (g >= 0.6) return { score: 0.8 * familyMatch - penalty, why: "same family name, close spelling of the given name" };
      return { score: 0.15, why: "same family name, different given names" };
    }
    if (fa[0] === fb[0]) return { score: 0.75 * familyMatch - penalty, why: "same family name, matching initial" };
    return { score: 0.1, why: "same family name, different initials" };
  }
  if (pa.given[0] && pb.given[0] && pa.family === pb.given[0] && pb.family === pa.given[0]) {
    return { score: 0.8, why: "same names in the other order" };
  }
  return { score: 0.6 * gramDice(trigrams(pa.all.join(" ")), trigrams(pb.all.join(" "))), why: "different names" };
}

// ---------------------------------------------------------------- countries

for (const locale of [en, fr, es]) countries.registerLocale(locale);

let countryNames: Map<string, string | null> | undefined;

function countryNameIndex() {
  if (countryNames) return countryNames;
  // The common names first, so they win; ambiguous names map to null.
  countryNames = new Map<string, string | null>([
    ...Object.entries(COUNTRY_ALIASES).map(([alias, code]): [string, string] => [foldText(alias), code]),
    ...Object.keys(AMBIGUOUS_COUNTRY_NAMES).map((name): [string, null] => [foldText(name), null]),
  ]);
  for (const lang of ["en", "fr", "es"]) {
    for (const [alpha2, names] of Object.entries(countries.getNames(lang, { select: "all" }))) {
      const alpha3 = countries.alpha2ToAlpha3(alpha2);
      if (!alpha3) continue;
      for (const n of names) if (!countryNames.has(foldText(n))) countryNames.set(foldText(n), alpha3);
    }
  }
  return countryNames;
}

/** A country written as alpha-3, alpha-2, a common name or its English, French or Spanish name → alpha-3, or null (also for an ambiguous name). */
export function countryKey(value: string): string | null {
  const v = value.trim();
  if (/^[A-Za-z]{3}$/.test(v) && countries.isValid(v.toUpperCase())) return v.toUpperCase();
  if (/^[A-Za-z]{2}$/.test(v)) return countries.alpha2ToAlpha3(v.toUpperCase()) ?? null;
  const index = countryNameIndex();
  // "Bolivia (Plurinational State of)", "Tanzania, United Republic of": the UN and ISO list forms.
  const bare = v.replace(/\(.*?\)/g, " ");
  const comma = bare.indexOf(",");
  const forms = [v, bare, ...(comma > 0 ? [`${bare.slice(comma + 1)} ${bare.slice(0, comma)}`, bare.slice(0, comma)] : [])];
  for (const form of forms) {
    const code = index.get(foldText(form));
    if (code !== undefined) return code;
  }
  return null;
}
