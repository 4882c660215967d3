// Reading coverage filters from a URL, for the API (strict: a bad value is a
// 400 naming the parameter) and the pages (presets for the time window).
import { isoDate } from "~/utils/form-schemas";
import { COVERAGE_PARAMS } from "./api-endpoints";
import { checkDateOrder, parseParams, type ParamResult } from "./api-params";

export const WINDOW_PRESETS = ["12m", "3y", "all", "custom"] as const;
export type WindowPreset = (typeof WINDOW_PRESETS)[number];

export const WINDOW_LABELS: Record<WindowPreset, string> = {
  "12m": "Last 12 months and planned",
  "3y": "Last 3 years and planned",
  all: "All time",
  custom: "Custom dates",
};

export const DEFAULT_PRESET: WindowPreset = "3y";

/**
 * Presets look back from today and stay open towards the future, so planned
 * sessions count as planned coverage rather than leaving a false gap.
 */
export function windowForPreset(preset: Exclude<WindowPreset, "custom">, today: string): { from: string | null; to: string | null } {
  if (preset === "all") return { from: null, to: null };
  const d = new Date(`${today}T00:00:00Z`);
  if (preset === "12m") d.setUTCFullYear(d.getUTCFullYear() - 1);
  else d.setUTCFullYear(d.getUTCFullYear() - 3);
  d.setUTCDate(d.getUTCDate() + 1);
  return { from: d.toISOString().slice(0, 10), to: null };
}

export type ParamError = { error: string; parameter: string };

const CODE = /^[A-Za-z0-9_]+(\.[A-Za-z0-9_]*)*$/;
const M49 = /^\d{3}$/;

export function readDate(params: URLSearchParams, name: string): { value: string | null } | ParamError {
  const raw = params.get(name);
  if (raw == null || raw === "") return { value: null };
  const parsed = isoDate.safeParse(raw.trim());
  if (!parsed.success) return { error: `${name} must be a date in the form YYYY-MM-DD`, parameter: name };
  return { value: parsed.data };
}

export function readCodes(params: URLSearchParams, name: string): { value: string[] } | ParamError {
  const values = params
    .getAll(name)
    .flatMap((v) => v.split(/[;,]/))
    .map((v) => v.trim())
    .filter(Boolean);
  const bad = values.find((v) => !CODE.test(v) || v.length > 64);
  if (bad) return { error: `${name} has a malformed code: ${bad}`, parameter: name };
  return { value: [...new Set(values)] };
}

export type ApiCoverageParams = {
  from: string | null;
  to: string | null;
  topicPrefix: string | null;
  audiences: string[];
  region: string | null;
};

/**
 * GET /api/v1/coverage?from=&to=&topic=&audience=&region= (DESIGN §7.2), read
 * like every other endpoint: codes in any case, unknown parameters refused.
 */
export function parseApiCoverageParams(params: URLSearchParams): ParamResult<ApiCoverageParams> {
  const parsed = parseParams(COVERAGE_PARAMS, params);
  if (!parsed.ok) return parsed;
  const order = checkDateOrder(parsed.value);
  if (order) return { ok: false, ...order };
  const { from, to, topic, audience, region } = parsed.value;
  return { ok: true, value: { from, to, topicPrefix: topic, audiences: audience, region } };
}

export type PageCoverageFilters = {
  preset: WindowPreset;
  from: string | null;
  to: string | null;
  audiences: string[];
  offences: string[];
  providers: string[];
  funders: string[];
  region: string | null;
  topic: string | null;
  problems: string[];
};

/** Lenient for pages: a bad value is reported on the page and left out, never a failure. */
export function readPageCoverageFilters(params: URLSearchParams, today: string): PageCoverageFilters {
  const problems: string[] = [];
  const requested = params.get("window");
  const known = (WINDOW_PRESETS as readonly string[]).includes(requested ?? "");
  if (requested && !known) problems.push(`Unknown period "${requested}"; showing the last 3 years instead.`);
  let preset: WindowPreset = known ? (requested as WindowPreset) : DEFAULT_PRESET;
  if (!requested && (params.get("from") || params.get("to"))) preset = "custom";
  let window = preset === "custom" ? { from: null as string | null, to: null as string | null } : windowForPreset(preset, today);
  if (preset === "custom") {
    const from = readDate(params, "from");
    const to = readDate(params, "to");
    if ("error" in from) problems.push(from.error);
    if ("error" in to) problems.push(to.error);
    window = { from: "value" in from ? from.value : null, to: "value" in to ? to.value : null };
    if (window.from && window.to && window.from > window.to) {
      problems.push("The start date is after the end date; showing all time instead.");
      window = { from: null, to: null };
    }
  }
  const codes = (name: string) => {
    const r = readCodes(params, name);
    if ("error" in r) {
      problems.push(r.error);
      return [];
    }
    return r.value;
  };
  const region = params.get("region")?.trim() || null;
  const topic = params.get("topic")?.trim() || null;
  if (region && !M49.test(region)) problems.push(`Unknown region "${region}"; showing every region.`);
  if (topic && !CODE.test(topic)) problems.push(`Unknown topic "${topic}"; showing every topic.`);
  return {
    preset,
    ...window,
    audiences: codes("audience"),
    offences: codes("offence"),
    providers: codes("provider"),
    funders: codes("funder"),
    region: region && M49.test(region) ? region : null,
    topic: topic && CODE.test(topic) ? topic : null,
    problems,
  };
}

/** The sessions list (/sessions) showing the records behind a figure, with the same filters. */
export function sessionsHref(
  filters: Pick<PageCoverageFilters, "from" | "to" | "audiences" | "offences" | "providers" | "funders">,
  cell: { country?: string; region?: string | null; topic?: string; status: "delivered" | "planned" },
): string {
  const p = new URLSearchParams();
  if (cell.country) p.set("country", cell.country);
  if (cell.region) p.set("region", cell.region);
  if (cell.topic) p.set("topic", cell.topic);
  p.set("status", cell.status === "delivered" ? "completed" : "planned;confirmed");
  if (filters.from) p.set("from", filters.from);
  if (filters.to) p.set("to", filters.to);
  setRecordFilters(p, filters);
  return `/sessions?${p}`;
}

type RecordFilters = Pick<PageCoverageFilters, "preset" | "from" | "to" | "audiences" | "offences" | "providers" | "funders">;

/** Audience, offence, provider and funder filters as the sessions list and the coverage pages read them. */
function setRecordFilters(p: URLSearchParams, filters: Pick<RecordFilters, "audiences" | "offences" | "providers" | "funders">) {
  for (const [name, values] of [
    ["audience", filters.audiences],
    ["offence", filters.offences],
    ["provider", filters.providers],
    ["funder", filters.funders],
  ] as const) {
    if (values.length) p.set(name, values.join(";"));
  }
}

/**
 * The period and record filters as URL parameters, for links between the
 * coverage pages and to a country profile (which read them back with
 * readPageCoverageFilters). Region and topic are left to each link.
 */
export function coverageFilterParams(filters: RecordFilters): URLSearchParams {
  const p = new URLSearchParams();
  if (filters.preset !== DEFAULT_PRESET) p.set("window", filters.preset);
  if (filters.preset === "custom") {
    if (filters.from) p.set("from", filters.from);
    if (filters.to) p.set("to", filters.to);
  }
  setRecordFilters(p, filters);
  return p;
}

/** A country's profile, its coverage counted with the same period and filters. */
export function countryHref(code: string, filters: RecordFilters): string {
  const query = coverageFilterParams(filters).toString();
  return query ? `/countries/${code}?${query}` : `/countries/${code}`;
}
