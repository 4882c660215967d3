// Is this pair of records one real thing entered twice? Each kind compares
// its own signals; every signal adds evidence for or against (a log-odds
// weight, as in Fellegi–Sunter record linkage) and the sum becomes a score
// in 0..1 through the logistic function. The signals that weighed are kept,
// in words, as the reasons a coordinator reads. Weights and the threshold
// are explained in docs/decisions/005-duplicate-detection.md.
import {
  foldText,
  isAcronymOf,
  looksLikeAcronym,
  personNameSimilarity,
  prepareText,
  textSimilarity,
  type PreparedText,
} from "./similarity";
import { topicsRelated } from "./overlaps";

/** Pairs at or above this score are candidates: shown for review and flagged in lists. */
export const DUPLICATE_THRESHOLD = 0.6;

/** Sessions further apart than this (start to start) are never compared. */
export const SESSION_DATE_WINDOW_DAYS = 14;

export type PairScore = { score: number; reasons: string[] };

/** A text is built only when the pair is kept: most compared pairs are not, and building words for them cost more than scoring. */
type Signal = { weight: number; text: string | null | (() => string) };

const say = (s: Signal) => (typeof s.text === "function" ? s.text() : s.text!);

/** Reasons that moved the score, strongest first; contrary evidence reads "but …". */
function conclude(prior: number, signals: Signal[]): PairScore {
  const total = signals.reduce((sum, s) => sum + s.weight, prior);
  const score = 1 / (1 + Math.exp(-total));
  const told = signals.filter((s) => s.text && Math.abs(s.weight) >= 0.3);
  const reasons = [
    ...told.filter((s) => s.weight > 0).sort((a, b) => b.weight - a.weight).map(say),
    ...told.filter((s) => s.weight < 0).sort((a, b) => a.weight - b.weight).map((s) => `but ${say(s)}`),
  ];
  return { score: Math.round(score * 1000) / 1000, reasons };
}

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));
const two = (x: number) => x.toFixed(2);

/** Distinct values in a short list, without building a Set (called for a million pairs in a scan). */
function distinct(xs: readonly string[]): number {
  let n = 0;
  for (let i = 0; i < xs.length; i++) if (xs.indexOf(xs[i]) === i) n++;
  return n;
}

export function jaccard(a: readonly string[], b: readonly string[]): number {
  if (!a.length && !b.length) return 1;
  let shared = 0;
  for (const x of b) if (a.includes(x)) shared++;
  return shared / (distinct(a) + distinct(b) - shared);
}

/** Evidence from two titles: strong both ways, neutral around 0.55. */
function titleSignal(similarity: number, centre = 0.55): Signal {
  const weight = clamp(10 * (similarity - centre), -4, 3);
  return { weight, text: similarity >= centre ? `titles ${two(similarity)} similar` : `titles only ${two(similarity)} similar` };
}

export type OrganisationName = { id: string; name: string; acronym: string | null };

const label = (o: OrganisationName) => (o.acronym ? `${o.name} (${o.acronym})` : o.name);

/**
 * Two organisation records that name one organisation: the same name, or one
 * registered under its acronym ("RCA") and the other under the full name it
 * abbreviates (or carries as its acronym). Null when the names say nothing.
 */
export function sameOrganisationName(a: OrganisationName, b: OrganisationName): string | null {
  // A scan compares the same few hundred organisations millions of times.
  const key = `${a.name}\u0000${a.acronym}\u0001${b.name}\u0000${b.acronym}`;
  const known = organisationNameCache.get(key);
  if (known !== undefined) return known;
  if (organisationNameCache.size > 20_000) organisationNameCache.clear();
  const found = compareOrganisationNames(a, b);
  organisationNameCache.set(key, found);
  return found;
}

const organisationNameCache = new Map<string, string | null>();

const numbersIn = (name: string) => (name.match(/\d+/g) ?? []).join(" ");

function compareOrganisationNames(a: OrganisationName, b: OrganisationName): string | null {
  if (foldText(a.name) === foldText(b.name)) return `'${a.name}' = '${b.name}'`;
  for (const [x, y] of [
    [a, b],
    [b, a],
  ]) {
    if (!looksLikeAcronym(x.name) || looksLikeAcronym(y.name)) continue;
    if (isAcronymOf(x.name, y.name) || (y.acronym && foldText(y.acronym) === foldText(x.name))) return `'${x.name}' = '${y.name}'`;
  }
  // "Police Academy 1" and "Police Academy 2" are two places, however alike the words.
  if (numbersIn(a.name) !== numbersIn(b.name)) return null;
  if (textSimilarity(prepareText(a.name), prepareText(b.name)) >= 0.85) return `'${a.name}' ≈ '${b.name}'`;
  return null;
}

// ---------------------------------------------------------------- sessions

export type SessionForScoring = {
  id: string;
  title: string;
  courseId: string | null;
  provider: OrganisationName;
  reporter: OrganisationName;
  externalId: string | null;
  providerRef: string | null;
  hostCountry: string;
  hostCountryName?: string;
  /** Beneficiary countries, alpha-3. */
  countries: string[];
  city: string | null;
  startDate: string;
  endDate: string;
  mode: string | null;
  topics: string[];
  audiences: string[];
  participants: number | null;
  /** Funder organisation ids. */
  funders: string[];
  trainers: string[];
};

export type PreparedSession = SessionForScoring & { text: PreparedText; startDay: number; endDay: number; cityKey: string | null };

const dayNumbers = new Map<string, number>();

export function dayNumber(iso: string): number {
  let day = dayNumbers.get(iso);
  if (day === undefined) {
    if (dayNumbers.size >= 100_000) dayNumbers.clear();
    day = Math.round(Date.parse(`${iso}T00:00:00Z`) / 86_400_000);
    dayNumbers.set(iso, day);
  }
  return day;
}

// Most sessions carry their course's title, so a scan prepares and compares
// the same few thousand titles over and over: both are remembered (bounded).
const preparedTitles = new Map<string, PreparedText>();
const titlePairs = new WeakMap<PreparedText, Map<PreparedText, number>>();
let rememberedPairs = 0;

function preparedTitle(title: string): PreparedText {
  let text = preparedTitles.get(title);
  if (!text) {
    if (preparedTitles.size >= 50_000) preparedTitles.clear();
    text = prepareText(title);
    preparedTitles.set(title, text);
  }
  return text;
}

/** textSimilarity of two prepared titles, remembered per ordered pair of (shared) prepared titles. */
function titleSimilarityOf(x: PreparedText, y: PreparedText): number {
  let row = titlePairs.get(x);
  const known = row?.get(y);
  if (known !== undefined) return known;
  const value = textSimilarity(x, y);
  if (rememberedPairs < 2_000_000) {
    if (!row) titlePairs.set(x, (row = new Map()));
    row.set(y, value);
    rememberedPairs++;
  }
  return value;
}

export function prepareSession(s: SessionForScoring): PreparedSession {
  return { ...s, text: preparedTitle(s.title), startDay: dayNumber(s.startDate), endDay: dayNumber(s.endDate), cityKey: s.city ? foldText(s.city) : null };
}

/** The funder's report names the provider's own id for the delivery: no guessing needed. */
function exactReference(a: PreparedSession, b: PreparedSession): string | null {
  for (const [x, y] of [
    [a, b],
    [b, a],
  ]) {
    if (x.providerRef && y.externalId === x.providerRef && y.reporter.id === x.provider.id) {
      return `provider reference '${x.providerRef}' is the provider's own id for this delivery`;
    }
  }
  return null;
}

function dateSignal(a: PreparedSession, b: PreparedSession): Signal {
  const dStart = Math.abs(a.startDay - b.startDay);
  const d = Math.min(dStart, Math.abs(a.endDay - b.endDay));
  if (d === 0) return { weight: 1.5, text: dStart === 0 && a.endDay === b.endDay ? "same dates" : "same start or end date" };
  const text = () => `dates ${d} day${d === 1 ? "" : "s"} apart`;
  if (d <= 3) return { weight: 1.5 - 0.3 * d, text };
  if (d <= 6) return { weight: 0.2 - 0.4 * (d - 4), text };
  if (d <= 13) return { weight: -3, text };
  return { weight: -8, text };
}

function placeSignals(a: PreparedSession, b: PreparedSession): Signal[] {
  const signals: Signal[] = [];
  const name = a.hostCountryName ?? a.hostCountry;
  if (a.hostCountry === b.hostCountry) signals.push({ weight: 0.5, text: () => `same host country (${name})` });
  else if (a.countries.includes(b.hostCountry) || b.countries.includes(a.hostCountry)) signals.push({ weight: 0.3, text: "one host country is among the other's beneficiaries" });
  else if (a.countries.some((c) => b.countries.includes(c))) signals.push({ weight: -0.5, text: "different host countries" });
  else signals.push({ weight: -8, text: "no country in common" });
  if (a.cityKey && b.cityKey) {
    if (a.cityKey === b.cityKey || a.cityKey.includes(b.cityKey) || b.cityKey.includes(a.cityKey)) signals.push({ weight: 0.5, text: () => `same city (${a.city})` });
    else signals.push({ weight: -3.5, text: () => `different cities (${a.city} / ${b.city})` });
  }
  return signals;
}

// Organisation objects are shared between a scan's sessions: compare each pair of providers once.
const providerNames = new WeakMap<OrganisationName, WeakMap<OrganisationName, string | null>>();
function sameProviderName(a: OrganisationName, b: OrganisationName): string | null {
  let row = providerNames.get(a);
  const known = row?.get(b);
  if (known !== undefined) return known;
  const found = sameOrganisationName(a, b);
  if (!row) providerNames.set(a, (row = new WeakMap()));
  row.set(b, found);
  return found;
}

function organisationSignals(a: PreparedSession, b: PreparedSession): Signal[] {
  const signals: Signal[] = [];
  if (a.provider.id === b.provider.id) signals.push({ weight: 1, text: () => `same provider (${a.provider.acronym ?? a.provider.name})` });
  else {
    const same = sameProviderName(a.provider, b.provider);
    signals.push(same ? { weight: 0.8, text: () => `provider ${same}` } : { weight: -4, text: () => `different providers (${label(a.provider)} / ${label(b.provider)})` });
  }
  if (a.reporter.id !== b.reporter.id) {
    const funderReport = b.funders.includes(a.reporter.id) ? a.reporter : a.funders.includes(b.reporter.id) ? b.reporter : null;
    if (funderReport) signals.push({ weight: 1, text: () => `one report is by a funder (${funderReport.acronym ?? funderReport.name})` });
    else signals.push({ weight: 0.3, text: "reported by different organisations" });
  } else if (a.externalId && b.externalId) {
    signals.push({ weight: -3.5, text: () => `${a.reporter.acronym ?? a.reporter.name} reported both under different ids (${a.externalId} / ${b.externalId})` });
  }
  return signals;
}

function contentSignals(a: PreparedSession, b: PreparedSession): Signal[] {
  const signals: Signal[] = [];
  if (a.topics.length && b.topics.length) {
    // A funder often tags the parent topic (EVID) where the provider tagged EVID.MOBILE.
    const covered = (xs: string[], ys: string[]) => xs.every((x) => ys.some((y) => topicsRelated(x, y)));
    if (jaccard(a.topics, b.topics) === 1) signals.push({ weight: 0.3, text: "same topics" });
    else if (covered(a.topics, b.topics) && covered(b.topics, a.topics)) signals.push({ weight: 0.2, text: "related topics" });
    else if (!a.topics.some((x) => b.topics.some((y) => topicsRelated(x, y)))) signals.push({ weight: -1.5, text: "no topic in common" });
  }
  if (a.audiences.length && b.audiences.length) {
    const j = jaccard(a.audiences, b.audiences);
    if (j === 1) signals.push({ weight: 0.3, text: "same audiences" });
    else if (j === 0) signals.push({ weight: -0.8, text: "no audience in common" });
  }
  if (a.participants && b.participants) {
    const ratio = Math.min(a.participants, b.participants) / Math.max(a.participants, b.participants);
    const text = () => (a.participants === b.participants ? `same number of participants (${a.participants})` : `participants ${a.participants} and ${b.participants}`);
    if (ratio >= 0.95) signals.push({ weight: 0.6, text });
    else if (ratio >= 0.8) signals.push({ weight: 0.3, text });
    else if (ratio < 0.5) signals.push({ weight: -1, text });
  }
  if (a.trainers.length && b.trainers.length) {
    signals.push(a.trainers.some((t) => b.trainers.includes(t)) ? { weight: 1, text: "a trainer in common" } : { weight: -0.5, text: "no trainer in common" });
  }
  if (a.mode && b.mode && a.mode !== b.mode && a.mode !== "blended" && b.mode !== "blended") {
    const [ma, mb] = [a.mode, b.mode];
    signals.push({ weight: -1, text: () => `delivered ${ma.replace("_", " ")} / ${mb.replace("_", " ")}` });
  }
  return signals;
}

const SESSION_PRIOR = -3;

/**
 * An upper bound of a session pair's log-odds from a few numbers, with no
 * words built and nothing allocated: dates, host country and provider are
 * weighed exactly, every other signal at its best. A full scan rejects most
 * pairs on this alone (another provider, a week apart). Never below the true
 * value, so it never drops a candidate.
 */
export type RoughSessionFacts = Pick<PreparedSession, "startDay" | "endDay" | "hostCountry" | "cityKey" | "provider" | "reporter" | "topics" | "audiences" | "participants" | "trainers">;

/** Whether a pair could reach `atLeast` at all, from facts a light query gives (lists only need to be non-empty when unknown). */
export function couldReach(a: RoughSessionFacts, b: RoughSessionFacts, atLeast: number): boolean {
  return 1 / (1 + Math.exp(-roughSessionBound(a, b))) >= atLeast;
}

function roughSessionBound(a: RoughSessionFacts, b: RoughSessionFacts): number {
  const d = Math.min(Math.abs(a.startDay - b.startDay), Math.abs(a.endDay - b.endDay));
  let total = SESSION_PRIOR + MAX_TITLE_WEIGHT;
  total += d === 0 ? 1.5 : d <= 3 ? 1.5 - 0.3 * d : d <= 6 ? 0.2 - 0.4 * (d - 4) : d <= 13 ? -3 : -8;
  total += a.hostCountry === b.hostCountry ? 0.5 : 0.3;
  if (a.cityKey && b.cityKey) total += 0.5;
  total += a.provider.id === b.provider.id ? 1 : sameProviderName(a.provider, b.provider) ? 0.8 : -4;
  if (a.reporter.id !== b.reporter.id) total += 1;
  if (a.topics.length && b.topics.length) total += 0.3;
  if (a.audiences.length && b.audiences.length) total += 0.3;
  if (a.participants && b.participants) total += 0.6;
  if (a.trainers.length && b.trainers.length) total += 1;
  return total;
}
/** The most a title (or the same course) can add: what pruning assumes before comparing titles. */
const MAX_TITLE_WEIGHT = 3;

/**
 * Two session records: one delivery reported twice (by its provider and its
 * funder, typically)? With `atLeast`, a pair that cannot reach that score
 * whatever its titles say is not compared further: its score is then only an
 * upper bound and it has no reasons (a full scan skips most pairs this way).
 */
export function scoreSessionPair(a: PreparedSession, b: PreparedSession, options: { atLeast?: number } = {}): PairScore {
  const exact = exactReference(a, b);
  if (exact) return { score: 1, reasons: [exact] };
  if (options.atLeast !== undefined) {
    const bound = roughSessionBound(a, b);
    if (1 / (1 + Math.exp(-bound)) < options.atLeast) return { score: Math.round(1000 / (1 + Math.exp(-bound))) / 1000, reasons: [] };
  }
  const signals: Signal[] = [dateSignal(a, b), ...placeSignals(a, b), ...organisationSignals(a, b), ...contentSignals(a, b)];
  if (options.atLeast !== undefined) {
    const bound = signals.reduce((sum, x) => sum + x.weight, SESSION_PRIOR + MAX_TITLE_WEIGHT);
    if (1 / (1 + Math.exp(-bound)) < options.atLeast) return { score: Math.round(1000 / (1 + Math.exp(-bound))) / 1000, reasons: [] };
  }
  const titles = titleSignal(titleSimilarityOf(a.text, b.text));
  if (a.courseId && a.courseId === b.courseId) signals.push({ weight: Math.max(titles.weight, 2.5), text: "same course" });
  else {
    signals.push(titles);
    if (a.courseId && b.courseId) signals.push({ weight: -1.5, text: "different courses" });
  }
  return conclude(SESSION_PRIOR, signals);
}

// ---------------------------------------------------------------- courses

export type CourseForScoring = {
  id: string;
  title: string;
  summary: string;
  provider: OrganisationName;
  level: string;
  mode: string;
  durationHours: number | null;
  topics: string[];
  audiences: string[];
  languages: string[];
};

export function scoreCoursePair(a: CourseForScoring, b: CourseForScoring): PairScore {
  const signals: Signal[] = [titleSignal(textSimilarity(prepareText(a.title), prepareText(b.title)), 0.6)];
  const summaries = textSimilarity(prepareText(a.summary), prepareText(b.summary));
  if (summaries >= 0.7) signals.push({ weight: 1, text: `summaries ${two(summaries)} similar` });
  if (a.provider.id === b.provider.id) signals.push({ weight: 1.5, text: `same provider (${a.provider.acronym ?? a.provider.name})` });
  else {
    const same = sameOrganisationName(a.provider, b.provider);
    signals.push(same ? { weight: 1.2, text: `provider ${same}` } : { weight: -2.5, text: `different providers (${label(a.provider)} / ${label(b.provider)})` });
  }
  if (a.topics.length && b.topics.length) {
    const j = jaccard(a.topics, b.topics);
    if (j === 1) signals.push({ weight: 0.8, text: "same topics" });
    else if (j === 0) signals.push({ weight: -1.5, text: "no topic in common" });
  }
  if (a.audiences.length && b.audiences.length) {
    const j = jaccard(a.audiences, b.audiences);
    if (j === 1) signals.push({ weight: 0.4, text: "same audiences" });
    else if (j === 0) signals.push({ weight: -0.6, text: "no audience in common" });
  }
  signals.push(a.level === b.level ? { weight: 0.3, text: "same level" } : { weight: -0.8, text: `levels ${a.level} / ${b.level}` });
  signals.push(a.mode === b.mode ? { weight: 0.2, text: null } : { weight: -0.4, text: "different delivery modes" });
  if (a.durationHours && b.durationHours) {
    const ratio = Math.min(a.durationHours, b.durationHours) / Math.max(a.durationHours, b.durationHours);
    if (ratio >= 0.9) signals.push({ weight: 0.5, text: `duration ${a.durationHours} h and ${b.durationHours} h` });
    else if (ratio < 0.5) signals.push({ weight: -0.8, text: `duration ${a.durationHours} h and ${b.durationHours} h` });
  }
  if (a.languages.length && b.languages.length && !a.languages.some((l) => b.languages.includes(l))) signals.push({ weight: -0.5, text: "no language in common" });
  return conclude(-2.5, signals);
}

// ---------------------------------------------------------------- trainers

export type TrainerForScoring = {
  id: string;
  name: string;
  organisation: OrganisationName | null;
  email: string | null;
  userId: string | null;
  topics: string[];
  countries: string[];
  languages: string[];
};

export function scoreTrainerPair(a: TrainerForScoring, b: TrainerForScoring): PairScore {
  const names = personNameSimilarity(a.name, b.name);
  const signals: Signal[] = [{ weight: clamp(12 * (names.score - 0.6), -5, 4), text: `${names.why} ('${a.name}' / '${b.name}')` }];
  if (a.email && b.email) {
    signals.push(a.email.trim().toLowerCase() === b.email.trim().toLowerCase() ? { weight: 5, text: "same e-mail address" } : { weight: -1.5, text: "different e-mail addresses" });
  }
  if (a.organisation && b.organisation) {
    if (a.organisation.id === b.organisation.id) signals.push({ weight: 1.5, text: `same organisation (${a.organisation.acronym ?? a.organisation.name})` });
    else if (sameOrganisationName(a.organisation, b.organisation)) signals.push({ weight: 1.2, text: `organisation ${sameOrganisationName(a.organisation, b.organisation)}` });
    else signals.push({ weight: -1, text: "different organisations" });
  }
  if (a.userId && b.userId && a.userId !== b.userId) signals.push({ weight: -4, text: "linked to two different user accounts" });
  if (a.topics.length && b.topics.length) {
    signals.push(a.topics.some((t) => b.topics.includes(t)) ? { weight: 0.5, text: "expertise in common" } : { weight: -0.5, text: "no expertise in common" });
  }
  if (a.countries.length && b.countries.length && a.countries.some((c) => b.countries.includes(c))) signals.push({ weight: 0.3, text: "countries worked in, in common" });
  if (a.languages.length && b.languages.length && !a.languages.some((l) => b.languages.includes(l))) signals.push({ weight: -0.5, text: "no language in common" });
  return conclude(-2, signals);
}

// ---------------------------------------------------------------- organisations

export type OrganisationForScoring = OrganisationName & {
  kind: string;
  countryCode: string | null;
  countryName?: string | null;
  website: string | null;
};

function websiteHost(url: string): string | null {
  const m = /^(?:[a-z]+:\/\/)?(?:www\.)?([^/:?#]+)/i.exec(url.trim());
  return m ? m[1].toLowerCase() : null;
}

export function scoreOrganisationPair(a: OrganisationForScoring, b: OrganisationForScoring): PairScore {
  const signals: Signal[] = [];
  const same = sameOrganisationName(a, b);
  const names = textSimilarity(prepareText(a.name), prepareText(b.name));
  if (same && foldText(a.name) !== foldText(b.name)) signals.push({ weight: 3.5, text: same });
  else signals.push(titleSignal(names, 0.6));
  if (a.acronym && b.acronym) {
    signals.push(foldText(a.acronym) === foldText(b.acronym) ? { weight: 2.5, text: `same acronym (${a.acronym})` } : { weight: -1.5, text: `different acronyms (${a.acronym} / ${b.acronym})` });
  }
  if (a.countryCode && b.countryCode) {
    signals.push(a.countryCode === b.countryCode ? { weight: 0.8, text: `same country (${a.countryName ?? a.countryCode})` } : { weight: -3, text: "different countries" });
  }
  signals.push(a.kind === b.kind ? { weight: 0.5, text: null } : { weight: -1, text: `kinds ${a.kind} / ${b.kind}` });
  const [ha, hb] = [a.website && websiteHost(a.website), b.website && websiteHost(b.website)];
  if (ha && hb) signals.push(ha === hb ? { weight: 3, text: `same website (${ha})` } : { weight: -1, text: "different websites" });
  return conclude(-2.5, signals);
}
