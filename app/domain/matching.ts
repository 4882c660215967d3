// Suggestions for an assistance request (DESIGN §2): which catalogue courses,
// trainers and providers fit it, ranked, each with the reasons for its rank.
// Pure scoring over plain facts; the model (models/matching.server.ts) picks
// the candidates and supplies their facts.
//
// Every candidate gets a score in 0..1: a weighted mean of the parts that
// apply. A part the request says nothing about (no audiences, no languages)
// is left out and the others carry its weight, so a sparse request is not
// punished. A candidate that teaches nothing related to the request's topics
// is never suggested, whatever else fits.
import { differenceInCalendarDays, parseISO } from "date-fns";
import { type LEVELS } from "#db/schema";
import { topicsRelated } from "./overlaps";

export type Level = (typeof LEVELS)[number];

/** A place by UN M49 codes, with names for the reasons. */
export type Place = {
  countryCode: string;
  countryName: string;
  subregionCode: string | null;
  subregionName: string | null;
  regionCode: string | null;
  regionName: string | null;
};

export type RequestFacts = {
  place: Place;
  topics: string[];
  audiences: string[];
  languages: string[];
};

export type Labels = {
  topic: (code: string) => string;
  audience: (code: string) => string;
  language: (code: string) => string;
};

export type CourseCandidate = {
  id: string;
  title: string;
  providerId: string;
  providerName: string;
  level: Level;
  topics: string[];
  audiences: string[];
  languages: string[];
};

export type TrainerCandidate = {
  id: string;
  name: string;
  organisationName: string | null;
  topics: string[];
  languages: string[];
  /** Countries the trainer lists as worked in. */
  workedIn: Place[];
  /** One entry per session the trainer trained in, per beneficiary country. */
  trainedIn: Place[];
  /** The trainer agreed to be contacted: the registry's sign of availability. */
  contactConsent: boolean;
};

export type ProviderSession = { place: Place; endDate: string; topics: string[]; audiences: string[] };

export type ProviderCandidate = {
  id: string;
  name: string;
  /** The provider's completed sessions near the request (its region) in the look-back period. */
  sessions: ProviderSession[];
};

export type Suggestion = { id: string; name: string; detail: string | null; score: number; reasons: string[] };

/** Recent means delivered within a year; older deliveries count less, and nothing after three years. */
export const RECENT_DAYS = 365;
export const LOOKBACK_DAYS = 3 * 365;

type Part = { weight: number; value: number | null; reasons: string[] };

/** Weighted mean of the parts that apply, rounded to two decimals. */
function combine(parts: Part[]): { score: number; reasons: string[] } {
  const applying = parts.filter((p) => p.value != null);
  const weight = applying.reduce((sum, p) => sum + p.weight, 0);
  const score = weight ? applying.reduce((sum, p) => sum + p.weight * (p.value ?? 0), 0) / weight : 0;
  return { score: Math.round(score * 100) / 100, reasons: parts.flatMap((p) => p.reasons) };
}

/**
 * How well `offered` topics answer `wanted`: each wanted topic counts 1 when
 * offered exactly and ½ when only a broader or narrower topic is offered.
 */
export function topicFit(wanted: string[], offered: string[], labels: Labels, verb: string): Part {
  if (!wanted.length) return { weight: 0, value: null, reasons: [] };
  const exact: string[] = [];
  const related: string[] = [];
  for (const w of wanted) {
    if (offered.includes(w)) exact.push(w);
    else {
      const near = offered.find((o) => topicsRelated(o, w));
      if (near) related.push(near);
    }
  }
  const reasons: string[] = [];
  if (exact.length) reasons.push(`${verb} ${exact.map(labels.topic).join(", ")}`);
  if (related.length) reasons.push(`${verb} the related ${[...new Set(related)].map(labels.topic).join(", ")}`);
  return { weight: 0, value: (exact.length + related.length / 2) / wanted.length, reasons };
}

function audienceFit(wanted: string[], offered: string[], labels: Labels): Part {
  if (!wanted.length) return { weight: 0, value: null, reasons: [] };
  const shared = wanted.filter((a) => offered.includes(a));
  const missing = wanted.filter((a) => !offered.includes(a));
  const reasons: string[] = [];
  if (shared.length) reasons.push(`For ${shared.map(labels.audience).join(", ")}`);
  if (missing.length) reasons.push(`Not aimed at ${missing.map(labels.audience).join(", ")}`);
  return { weight: 0, value: shared.length / wanted.length, reasons };
}

function languageFit(wanted: string[], offered: string[], labels: Labels, verb: string): Part {
  if (!wanted.length) return { weight: 0, value: null, reasons: [] };
  const shared = wanted.filter((l) => offered.includes(l));
  if (shared.length) return { weight: 0, value: 1, reasons: [`${verb} ${shared.map(labels.language).join(", ")}`] };
  return { weight: 0, value: 0, reasons: [`${verb} none of the requested languages`] };
}

// Which course levels suit an audience: people who act on cases need working
// skills; people who decide, protect or raise awareness start from awareness.
const PRACTITIONERS = new Set(["POLICE", "FORENSIC", "PROSECUTOR", "JUDGE", "VICTIM_SERVICES"]);
const AWARENESS_AUDIENCES = new Set(["POLICY", "INDUSTRY", "EDUCATOR", "CAREGIVER", "CHILD", "CIVIL_SOCIETY"]);

export function levelSuits(level: Level, audience: string): boolean {
  if (audience === "TRAINER") return level === "train_the_trainer";
  if (PRACTITIONERS.has(audience)) return level === "foundation" || level === "intermediate" || level === "advanced";
  if (AWARENESS_AUDIENCES.has(audience)) return level === "awareness" || level === "foundation";
  return true;
}

function levelFit(level: Level, audiences: string[], labels: Labels): Part {
  if (!audiences.length) return { weight: 0, value: null, reasons: [] };
  const suited = audiences.filter((a) => levelSuits(level, a));
  const levelName = level.replace(/_/g, " ");
  if (suited.length === audiences.length) return { weight: 0, value: 1, reasons: [`The ${levelName} level suits the audience`] };
  if (!suited.length) return { weight: 0, value: 0, reasons: [`The ${levelName} level may not suit ${audiences.map(labels.audience).join(", ")}`] };
  return { weight: 0, value: suited.length / audiences.length, reasons: [`The ${levelName} level suits ${suited.map(labels.audience).join(", ")}`] };
}

/** 1 in the requesting country, 0.6 in its sub-region, 0.3 in its region, else 0. */
export function proximity(request: Place, other: Place): number {
  if (other.countryCode === request.countryCode) return 1;
  if (request.subregionCode && other.subregionCode === request.subregionCode) return 0.6;
  if (request.regionCode && other.regionCode === request.regionCode) return 0.3;
  return 0;
}

function placeWords(request: Place, closeness: number): string {
  if (closeness === 1) return request.countryName;
  if (closeness === 0.6) return request.subregionName ?? "the sub-region";
  return request.regionName ?? "the region";
}

const weighted = (part: Part, weight: number): Part => ({ ...part, weight });

const byScore = (a: Suggestion, b: Suggestion) => b.score - a.score || a.name.localeCompare(b.name) || a.id.localeCompare(b.id);

export function rankCourses(request: RequestFacts, courses: CourseCandidate[], labels: Labels, limit = 10): Suggestion[] {
  const ranked: Suggestion[] = [];
  for (const c of courses) {
    const topics = topicFit(request.topics, c.topics, labels, "Teaches");
    if (!topics.value) continue;
    const { score, reasons } = combine([
      weighted(topics, 0.5),
      weighted(audienceFit(request.audiences, c.audiences, labels), 0.2),
      weighted(languageFit(request.languages, c.languages, labels, "Offered in"), 0.2),
      weighted(levelFit(c.level, request.audiences, labels), 0.1),
    ]);
    ranked.push({ id: c.id, name: c.title, detail: c.providerName, score, reasons });
  }
  return ranked.sort(byScore).slice(0, limit);
}

function experienceFit(request: Place, t: TrainerCandidate): Part {
  const best = (places: Place[]) => places.reduce((m, p) => Math.max(m, proximity(request, p)), 0);
  const worked = best(t.workedIn);
  const trainedNear = t.trainedIn.filter((p) => proximity(request, p) > 0);
  const trained = best(trainedNear);
  const reasons: string[] = [];
  if (trained > 0) {
    const n = trainedNear.filter((p) => proximity(request, p) === trained).length;
    reasons.push(`Trained ${n === 1 ? "1 session" : `${n} sessions`} in ${placeWords(request, trained)}`);
  }
  if (worked > 0 && worked >= trained) reasons.push(`Has worked in ${placeWords(request, worked)}`);
  if (!worked && !trained) reasons.push(`No recorded experience in ${request.regionName ?? "the region"}`);
  return { weight: 0, value: Math.max(worked, trained), reasons };
}

export function rankTrainers(request: RequestFacts, trainers: TrainerCandidate[], labels: Labels, limit = 10): Suggestion[] {
  const ranked: Suggestion[] = [];
  for (const t of trainers) {
    const topics = topicFit(request.topics, t.topics, labels, "Expert in");
    if (!topics.value) continue;
    const { score, reasons } = combine([
      weighted(topics, 0.45),
      weighted(languageFit(request.languages, t.languages, labels, "Speaks"), 0.2),
      weighted(experienceFit(request.place, t), 0.2),
      {
        weight: 0.15,
        value: t.contactConsent ? 1 : 0,
        reasons: [t.contactConsent ? "Agreed to be contacted" : "Has not agreed to be contacted: reach them through their organisation"],
      },
    ]);
    ranked.push({ id: t.id, name: t.name, detail: t.organisationName, score, reasons });
  }
  return ranked.sort(byScore).slice(0, limit);
}

/** 1 for a delivery within RECENT_DAYS, falling to 0 at LOOKBACK_DAYS. */
export function recency(endDate: string, today: string): number {
  const days = differenceInCalendarDays(parseISO(today), parseISO(endDate));
  if (days <= RECENT_DAYS) return 1;
  if (days >= LOOKBACK_DAYS) return 0;
  return 1 - (days - RECENT_DAYS) / (LOOKBACK_DAYS - RECENT_DAYS);
}

export function rankProviders(request: RequestFacts, providers: ProviderCandidate[], labels: Labels, today: string, limit = 10): Suggestion[] {
  const ranked: Suggestion[] = [];
  for (const p of providers) {
    const similar = p.sessions.filter((s) => s.topics.some((t) => request.topics.some((w) => topicsRelated(t, w))) && proximity(request.place, s.place) > 0);
    if (!similar.length) continue;
    const topics = topicFit(request.topics, [...new Set(similar.flatMap((s) => s.topics))], labels, "Delivered");
    const closest = similar.reduce((m, s) => Math.max(m, proximity(request.place, s.place)), 0);
    const nearest = similar.filter((s) => proximity(request.place, s.place) === closest);
    const latest = similar.reduce((m, s) => (s.endDate > m ? s.endDate : m), similar[0].endDate);
    const count = nearest.length === 1 ? "1 similar session" : `${nearest.length} similar sessions`;
    const { score, reasons } = combine([
      weighted(topics, 0.4),
      { weight: 0.3, value: closest, reasons: [`Delivered ${count} in ${placeWords(request.place, closest)}`] },
      { weight: 0.2, value: recency(latest, today), reasons: [`The latest ended on ${latest}`] },
      weighted(audienceFit(request.audiences, [...new Set(similar.flatMap((s) => s.audiences))], labels), 0.1),
    ]);
    ranked.push({ id: p.id, name: p.name, detail: null, score, reasons });
  }
  return ranked.sort(byScore).slice(0, limit);
}
