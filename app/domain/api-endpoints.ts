// The parameters each /api/v1 endpoint takes (DESIGN §7.2), read by its route
// and described in the OpenAPI document from the same declaration.
import { ACCESS_LEVELS, COURSE_STATUSES, DUPLICATE_KINDS, LEVELS, MATERIAL_KINDS, MODES, ORGANISATION_KINDS, REQUEST_STATUSES, SESSION_STATUSES, URGENCIES } from "#db/schema";
import { COURSE_SORTS } from "./course-search";
import { COUNTRY_CODE, PAGING_PARAMS, SIMPLE_CODE, TOPIC_CODE, type ParamSpecs, type ParamValues } from "./api-params";

const LANGUAGE_CODE = /^[a-z]{2}$/;

export { SESSION_FILTER_PARAMS, SESSION_LIST_PARAMS } from "./session-filters";

export const COURSE_PARAMS = {
  q: { type: "text", description: "Full-text search in title, summary and description." },
  topic: { type: "codeList", pattern: TOPIC_CODE, example: "INV", description: "Topic code; includes subtopics." },
  audience: { type: "codeList", pattern: SIMPLE_CODE, example: "POLICE", description: "Audience code." },
  offence: { type: "codeList", pattern: SIMPLE_CODE, example: "CSAM", description: "Offence focus code." },
  level: { type: "enumList", values: LEVELS, description: "Course level." },
  mode: { type: "enumList", values: MODES, description: "Delivery mode." },
  language: { type: "codeList", pattern: LANGUAGE_CODE, lowerCase: true, example: "fr", description: "ISO 639-1 language code." },
  provider: { type: "idList", description: "Provider organisation id." },
  status: { type: "enum", values: [...COURSE_STATUSES, "all"], default: "active", description: "Retired courses are left out unless asked for." },
  sort: { type: "enum", values: COURSE_SORTS, description: "By default relevance when q is given, else title; relevance needs q." },
  ...PAGING_PARAMS,
} as const satisfies ParamSpecs;

export const TRAINER_PARAMS = {
  q: { type: "text", description: "Full-text search in name and biography." },
  topic: { type: "codeList", pattern: TOPIC_CODE, example: "VIC", description: "Expertise topic code; includes subtopics." },
  language: { type: "codeList", pattern: LANGUAGE_CODE, lowerCase: true, example: "es", description: "ISO 639-1 language code." },
  country: { type: "codeList", pattern: COUNTRY_CODE, example: "PHL", description: "Country worked in, ISO alpha-3." },
  organisation: { type: "idList", description: "Organisation id." },
  ...PAGING_PARAMS,
} as const satisfies ParamSpecs;

export const MATERIAL_PARAMS = {
  q: { type: "text", description: "Full-text search in title and description." },
  kind: { type: "enum", values: MATERIAL_KINDS, description: "Kind of material." },
  language: { type: "code", pattern: LANGUAGE_CODE, lowerCase: true, example: "en", description: "ISO 639-1 language code." },
  access: { type: "enum", values: ACCESS_LEVELS, description: "Access level." },
  publisher: { type: "id", description: "Publisher organisation id." },
  topic: { type: "code", pattern: TOPIC_CODE, example: "EVID", description: "Topic of the material's course; includes subtopics." },
  ...PAGING_PARAMS,
} as const satisfies ParamSpecs;

export const ORGANISATION_PARAMS = {
  q: { type: "text", description: "Words in the name or acronym." },
  kind: { type: "enum", values: ORGANISATION_KINDS, description: "Kind of organisation." },
  country: { type: "code", pattern: COUNTRY_CODE, example: "FRA", description: "Country the organisation is based in, ISO alpha-3." },
  ...PAGING_PARAMS,
} as const satisfies ParamSpecs;

export const REQUEST_PARAMS = {
  country: { type: "codeList", pattern: COUNTRY_CODE, example: "KEN", description: "Requesting country, ISO alpha-3." },
  status: { type: "enumList", values: REQUEST_STATUSES, description: "Request status." },
  topic: { type: "codeList", pattern: TOPIC_CODE, example: "COOP", description: "Topic code; includes subtopics." },
  urgency: { type: "enumList", values: URGENCIES, description: "Urgency." },
  ...PAGING_PARAMS,
} as const satisfies ParamSpecs;

/** Not paged: the answer is one cell per (country, topic) with anything in it. */
export const COVERAGE_PARAMS = {
  from: { type: "date", description: "Start of the window (YYYY-MM-DD); sessions overlapping it count." },
  to: { type: "date", description: "End of the window (YYYY-MM-DD)." },
  topic: { type: "code", pattern: TOPIC_CODE, example: "EVID", description: "Topic code; cells of the topic and its subtopics (EVID gives EVID and EVID.*)." },
  audience: { type: "codeList", pattern: SIMPLE_CODE, example: "POLICE", description: "Audience code: only sessions for any of these audiences count." },
  region: { type: "code", pattern: /^\d{3}$/, example: "002", description: "UN M49 region, sub-region or intermediate region code." },
} as const satisfies ParamSpecs;

/** The donor's check before funding: one place (country or region), its topics and audiences, a window. */
export const CHECK_PARAMS = {
  country: { type: "code", pattern: COUNTRY_CODE, example: "KEN", description: "Country to check, ISO 3166-1 alpha-3. Give country or region, not both." },
  region: { type: "code", pattern: /^\d{3}$/, example: "014", description: "UN M49 region, sub-region or intermediate region code to check instead of one country." },
  topic: { type: "codeList", pattern: TOPIC_CODE, example: "EVID", description: "Topic codes to judge; every top-level topic when none is given." },
  audience: { type: "codeList", pattern: SIMPLE_CODE, example: "PROSECUTOR", description: "Only sessions for any of these audiences count." },
  from: { type: "date", description: "Start of the window (YYYY-MM-DD)." },
  to: { type: "date", description: "End of the window (YYYY-MM-DD)." },
} as const satisfies ParamSpecs;

export const DUPLICATE_PAIR_STATUSES = ["open", "unsure", "not_duplicate", "merged"] as const;

export const DUPLICATE_PARAMS = {
  kind: { type: "enum", values: DUPLICATE_KINDS, default: "session", description: "Which records: session, course, trainer or organisation." },
  status: { type: "enumList", values: DUPLICATE_PAIR_STATUSES, description: "Pair status; open (not yet reviewed) when not given." },
  ...PAGING_PARAMS,
} as const satisfies ParamSpecs;

export const OVERLAP_PARAMS = {
  from: { type: "date", description: "Sessions running on or after this date (YYYY-MM-DD); default a year ago." },
  to: { type: "date", description: "Sessions running on or before this date (YYYY-MM-DD); default a year ahead." },
  country: { type: "code", pattern: COUNTRY_CODE, example: "KEN", description: "Beneficiary country, ISO 3166-1 alpha-3." },
  window: { type: "integer", min: 0, max: 365, default: 90, description: "Days apart two sessions may be and still overlap." },
  ...PAGING_PARAMS,
} as const satisfies ParamSpecs;
