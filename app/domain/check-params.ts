// The donor's check reads all its inputs from the URL, so a check can be
// linked, printed and fetched as JSON with the same address:
// ?country=KEN | region=014, topic (repeat or ;), audience (repeat or ;), from, to.
import { CHECK_PARAMS } from "./api-endpoints";
import { checkDateOrder, parseParams, type ParamResult } from "./api-params";

export type CheckParams = {
  country: string | null;
  region: string | null;
  topics: string[];
  audiences: string[];
  from: string | null;
  to: string | null;
};

export const CHECK_PARAMETERS = Object.keys(CHECK_PARAMS) as (keyof typeof CHECK_PARAMS)[];

/** The inputs, or the first wrong one with its name (the API's 400), read like every other endpoint's. Codes are case-insensitive. */
export function parseCheckParams(params: URLSearchParams): ParamResult<CheckParams> {
  const parsed = parseParams(CHECK_PARAMS, params);
  if (!parsed.ok) return parsed;
  const order = checkDateOrder(parsed.value);
  if (order) return { ok: false, ...order };
  const { country, region, topic, audience, from, to } = parsed.value;
  return { ok: true, value: { country, region, topics: topic, audiences: audience, from, to } };
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
