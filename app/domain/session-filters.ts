// What a sessions list asks for, read from the URL the same way by the list
// page and anything else that lists sessions. Lenient like every list page:
// values that cannot be right are dropped rather than failing the page.
import { SESSION_STATUSES } from "#db/schema";
import { readList } from "~/utils/list-params";
import { type SessionStatus } from "./session-status";

export const SESSION_SORTS = ["newest", "oldest"] as const;
export type SessionSort = (typeof SESSION_SORTS)[number];

export const SESSIONS_PER_PAGE = 25;

export type SessionFilters = {
  q: string;
  /** Beneficiary countries, ISO alpha-3. */
  countries: string[];
  /** A UN M49 region, sub-region or intermediate region code. */
  region: string | null;
  /** Topic codes; each matches itself and its subtopics (EVID → EVID.*). */
  topics: string[];
  audiences: string[];
  statuses: SessionStatus[];
  /** The window a session's dates must overlap (either end may be open). */
  from: string | null;
  to: string | null;
  provider: string | null;
  funder: string | null;
  /** The organisation that reported (entered or imported) the session. */
  reporter: string | null;
  sort: SessionSort;
};

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function codes(params: URLSearchParams, name: string, pattern: RegExp): string[] {
  return [...new Set(readList(params, name).map((v) => v.toUpperCase()))].filter((v) => pattern.test(v)).slice(0, 50);
}

function single(params: URLSearchParams, name: string, pattern: RegExp): string | null {
  const value = params.get(name)?.trim() ?? "";
  return pattern.test(value) ? value : null;
}

export function readSessionFilters(params: URLSearchParams): SessionFilters {
  const sort = params.get("sort");
  return {
    q: (params.get("q") ?? "").trim().slice(0, 200),
    countries: codes(params, "country", /^[A-Z]{3}$/),
    region: single(params, "region", /^\d{3}$/),
    topics: codes(params, "topic", /^[A-Z][A-Z0-9_]*(\.[A-Z0-9_]+)*$/),
    audiences: codes(params, "audience", /^[A-Z][A-Z0-9_]*$/),
    statuses: [...new Set(readList(params, "status"))].filter((s): s is SessionStatus => (SESSION_STATUSES as readonly string[]).includes(s)),
    from: single(params, "from", ISO_DATE),
    to: single(params, "to", ISO_DATE),
    provider: single(params, "provider", /^[\w-]{1,64}$/),
    funder: single(params, "funder", /^[\w-]{1,64}$/),
    reporter: single(params, "reporter", /^[\w-]{1,64}$/),
    sort: sort === "oldest" ? "oldest" : "newest",
  };
}

/** No filter at all: the plain, newest-first list. */
export const NO_SESSION_FILTERS: SessionFilters = readSessionFilters(new URLSearchParams());
