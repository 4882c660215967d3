// The donor's check reads all its inputs from the URL, so a check can be
// linked, printed and fetched as JSON with the same address:
// ?country=KEN | region=014, topic (repeat or ;), audience (repeat or ;), from, to.
import { readCodes, readDate, type ParamError } from "./coverage-params";

export type CheckParams = {
  country: string | null;
  region: string | null;
  topics: string[];
  audiences: string[];
  from: string | null;
  to: string | null;
};

export const CHECK_PARAMETERS = ["country", "region", "topic", "audience", "from", "to"] as const;

/** The inputs, or the first wrong one with its name (the API's 400). Codes are case-insensitive. */
export function parseCheckParams(params: URLSearchParams): { ok: true; value: CheckParams } | ({ ok: false } & ParamError) {
  for (const name of params.keys()) {
    if (!(CHECK_PARAMETERS as readonly string[]).includes(name)) return { ok: false, error: `Unknown parameter; the check takes ${CHECK_PARAMETERS.join(", ")}`, parameter: name };
  }
  const country = params.get("country")?.trim().toUpperCase() || null;
  if (country && !/^[A-Z]{3}$/.test(country)) return { ok: false, error: "country must be an ISO 3166-1 alpha-3 code, e.g. KEN", parameter: "country" };
  const region = params.get("region")?.trim() || null;
  if (region && !/^\d{3}$/.test(region)) return { ok: false, error: "region must be a three-digit UN M49 code, e.g. 014", parameter: "region" };
  const upper = new URLSearchParams([...params].map(([k, v]) => [k, k === "topic" || k === "audience" ? v.toUpperCase() : v]));
  const topics = readCodes(upper, "topic");
  if ("error" in topics) return { ok: false, ...topics };
  const audiences = readCodes(upper, "audience");
  if ("error" in audiences) return { ok: false, ...audiences };
  const from = readDate(params, "from");
  if ("error" in from) return { ok: false, ...from };
  const to = readDate(params, "to");
  if ("error" in to) return { ok: false, ...to };
  if (from.value && to.value && from.value > to.value) return { ok: false, error: "from must not be after to", parameter: "from" };
  return { ok: true, value: { country, region, topics: topics.value, audiences: audiences.value, from: from.value, to: to.value } };
}

/** The address of a check, for links between the page and its JSON. */
export function checkSearch(p: CheckParams): string {
  const s = new URLSearchParams();
  if (p.country) s.set("country", p.country);
  if (p.region) s.set("region", p.region);
  for (const t of p.topics) s.append("topic", t);
  for (const a of p.audiences) s.append("audience", a);
  if (p.from) s.set("from", p.from);
  if (p.to) s.set("to", p.to);
  return s.toString();
}
