// What a sessions list asks for, declared once and read from the URL the same
// way by the list page, its CSV, the JSON API and every sessions export, so
// none of them can drift from the others. A bad value is never silently
// dropped or compared as text: the API and the exports answer 400, the page
// says what it left out.
import { SESSION_STATUSES } from "#db/schema";
import { checkDateOrder, COUNTRY_CODE, PAGING_PARAMS, parseParams, SIMPLE_CODE, TOPIC_CODE, type ParamResult, type ParamSpecs, type ParamValues } from "./api-params";
import { type SessionStatus } from "./session-status";

export const SESSION_SORTS = ["newest", "oldest"] as const;
export type SessionSort = (typeof SESSION_SORTS)[number];

export const SESSIONS_PER_PAGE = 25;

/** Filters shared by the sessions list and every sessions export. */
export const SESSION_FILTER_PARAMS = {
  country: { type: "codeList", pattern: COUNTRY_CODE, example: "KEN", description: "Beneficiary country, ISO 3166-1 alpha-3. Repeat or separate with ; for any of several." },
  region: { type: "code", pattern: /^\d{3}$/, example: "014", description: "UN M49 region, sub-region or intermediate region code: sessions benefiting a country in it." },
  topic: { type: "codeList", pattern: TOPIC_CODE, example: "EVID", description: "Topic code; a general topic includes its subtopics (EVID matches EVID.MOBILE)." },
  audience: { type: "codeList", pattern: SIMPLE_CODE, example: "PROSECUTOR", description: "Audience code." },
  offence: { type: "codeList", pattern: SIMPLE_CODE, example: "CSAM", description: "Offence focus code: sessions with any of those given." },
  status: { type: "enumList", values: SESSION_STATUSES, description: "Session status." },
  from: { type: "date", description: "Sessions whose dates overlap the period starting on this date (YYYY-MM-DD)." },
  to: { type: "date", description: "Sessions whose dates overlap the period ending on this date (YYYY-MM-DD)." },
  provider: { type: "idList", description: "Provider organisation id; any of several." },
  funder: { type: "idList", description: "Funder organisation id; any of several." },
  reporter: { type: "id", description: "Reporting organisation id: what that organisation reported (for a lossless re-import)." },
  q: { type: "text", description: "Words in the title." },
  sort: { type: "enum", values: SESSION_SORTS, default: "newest", description: "By start date." },
} as const satisfies ParamSpecs;

export const SESSION_LIST_PARAMS = { ...SESSION_FILTER_PARAMS, ...PAGING_PARAMS } as const satisfies ParamSpecs;

export type SessionFilterParams = ParamValues<typeof SESSION_FILTER_PARAMS>;

export type SessionFilters = {
  q: string;
  /** Beneficiary countries, ISO alpha-3. */
  countries: string[];
  /** A UN M49 region, sub-region or intermediate region code. */
  region: string | null;
  /** Topic codes; each matches itself and its subtopics (EVID → EVID.*). */
  topics: string[];
  audiences: string[];
  /** Offence focus codes; a session matches when it has any of them. */
  offences: string[];
  statuses: SessionStatus[];
  /** The window a session's dates must overlap (either end may be open). */
  from: string | null;
  to: string | null;
  /** Organisation ids; a session matches any of them (coverage links may carry several). */
  providers: string[];
  funders: string[];
  /** The organisation that reported (entered or imported) the session. */
  reporter: string | null;
  sort: SessionSort;
};

/** The sessions list's own filter shape, so the API filters exactly as the page does. */
export function toSessionFilters(p: SessionFilterParams): SessionFilters {
  return {
    q: p.q ?? "",
    countries: p.country,
    region: p.region,
    topics: p.topic,
    audiences: p.audience,
    offences: p.offence,
    statuses: p.status,
    from: p.from,
    to: p.to,
    providers: p.provider,
    funders: p.funder,
    reporter: p.reporter,
    sort: p.sort,
  };
}

/**
 * Strict reading of a sessions query: the first bad parameter (malformed,
 * unknown, repeated, or `from` after `to`) or the filters. `specs` is
 * SESSION_LIST_PARAMS where the query may also carry a page.
 */
export function parseSessionFilters(
  params: URLSearchParams,
  specs: typeof SESSION_FILTER_PARAMS | typeof SESSION_LIST_PARAMS = SESSION_FILTER_PARAMS,
): ParamResult<SessionFilters> {
  const parsed = parseParams(specs, params);
  if (!parsed.ok) return parsed;
  const order = checkDateOrder(parsed.value);
  return order ? { ok: false, ...order } : { ok: true, value: toSessionFilters(parsed.value) };
}

/** No filter at all: the plain, newest-first list. */
export const NO_SESSION_FILTERS: SessionFilters = {
  q: "",
  countries: [],
  region: null,
  topics: [],
  audiences: [],
  offences: [],
  statuses: [],
  from: null,
  to: null,
  providers: [],
  funders: [],
  reporter: null,
  sort: "newest",
};
