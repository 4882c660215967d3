// Query parameters of the JSON API, the exports and the list pages, declared
// once: each declaration yields the zod check that reads it (strict: a bad or
// unknown parameter is a 400 naming it, or on a list page a message naming it,
// never a silent fallback) and its entry in the OpenAPI description. No I/O;
// whether a code exists is the model's question.
import { z } from "zod";
import { isoDate } from "~/utils/form-schemas";
import { MAX_PAGE_SIZE } from "~/utils/list-params";

type Described = { description: string };

export type ParamSpec = Described &
  (
    | { type: "integer"; min: number; max: number; default: number }
    | { type: "date" }
    | { type: "text" }
    | { type: "id" }
    | { type: "enum"; values: readonly string[]; default?: string }
    | { type: "enumList"; values: readonly string[] }
    | { type: "idList" }
    | { type: "codeList"; pattern: RegExp; example: string; lowerCase?: boolean }
    | { type: "code"; pattern: RegExp; example: string; lowerCase?: boolean }
  );

export type ParamSpecs = Record<string, ParamSpec>;

type ValueOf<S extends ParamSpec> = S extends { type: "integer" }
  ? number
  : S extends { type: "enum"; values: readonly (infer V)[]; default: string }
    ? V
    : S extends { type: "enum"; values: readonly (infer V)[] }
      ? V | null
      : S extends { type: "enumList"; values: readonly (infer V)[] }
        ? V[]
        : S extends { type: "codeList" | "idList" }
          ? string[]
          : string | null;

export type ParamValues<S extends ParamSpecs> = { [K in keyof S]: ValueOf<S[K]> };

export type ParamError = { error: string; parameter: string };
export type ParamResult<T> = { ok: true; value: T } | ({ ok: false } & ParamError);

const MAX_LIST = 50;

/** The zod check for one raw value of a parameter (a list's items one by one). */
function checkFor(spec: ParamSpec) {
  switch (spec.type) {
    case "integer":
      return z
        .string()
        .regex(/^\d{1,9}$/, { error: "must be a whole number" })
        .transform(Number)
        .pipe(
          z
            .number()
            .min(spec.min, { error: `must be at least ${spec.min}` })
            .max(spec.max, { error: `must be at most ${spec.max}` }),
        );
    case "date":
      return isoDate;
    case "text":
      return z.string().max(200, { error: "must be at most 200 characters" });
    case "id":
    case "idList":
      return z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, { error: "must be a record id" });
    case "enum":
    case "enumList":
      return z.enum(spec.values as [string, ...string[]], { error: spec.values.length === 1 ? `must be ${spec.values[0]}` : `must be one of ${spec.values.join(", ")}` });
    case "code":
    case "codeList":
      return z
        .string()
        // Codes are case-insensitive: kept upper case (topics, countries) or lower case (languages).
        .transform((v) => (spec.lowerCase ? v.toLowerCase() : v.toUpperCase()))
        .pipe(z.string().regex(spec.pattern, { error: `must be a code like ${spec.example}` }));
  }
}

function isList(spec: ParamSpec) {
  return spec.type === "enumList" || spec.type === "codeList" || spec.type === "idList";
}

/**
 * Read `params` against `specs`. Lists may repeat the parameter or separate
 * values with ";"; an empty value counts as absent; everything else must fit.
 */
export function parseParams<S extends ParamSpecs>(specs: S, params: URLSearchParams): ParamResult<ParamValues<S>> {
  for (const name of new Set(params.keys())) {
    if (!Object.hasOwn(specs, name)) return { ok: false, error: `Unknown parameter ${name.slice(0, 64)}; the parameters are ${Object.keys(specs).join(", ")}`, parameter: name };
  }
  const value: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(specs)) {
    const raw = params
      .getAll(name)
      .flatMap((v) => (isList(spec) ? v.split(";") : [v]))
      .map((v) => v.trim())
      .filter(Boolean);
    if (!isList(spec) && raw.length > 1) return { ok: false, error: `${name} may be given only once`, parameter: name };
    if (raw.length > MAX_LIST) return { ok: false, error: `${name} takes at most ${MAX_LIST} values`, parameter: name };
    const check = checkFor(spec);
    const parsed: unknown[] = [];
    for (const item of raw) {
      const result = check.safeParse(item);
      if (!result.success) {
        const message = result.error.issues[0]?.message ?? "is not valid";
        return { ok: false, error: `${name}: ${message.charAt(0).toLowerCase()}${message.slice(1)} (got "${item.slice(0, 64)}")`, parameter: name };
      }
      parsed.push(result.data);
    }
    if (isList(spec)) value[name] = [...new Set(parsed)];
    else value[name] = parsed[0] ?? ("default" in spec ? spec.default : null) ?? null;
  }
  return { ok: true, value: value as ParamValues<S> };
}

/**
 * A query as a list page and its CSV read it: `check` (the API's strict
 * reading) run again without each parameter it refuses, until it accepts what
 * is left. The page lists what it left out and why; the CSV refuses with the
 * first problem, as the API does.
 */
export async function leavingOutBadParams<T>(
  params: URLSearchParams,
  check: (query: URLSearchParams) => ParamResult<T> | Promise<ParamResult<T>>,
): Promise<{ value: T; problems: ParamError[] }> {
  const query = new URLSearchParams(params);
  const problems: ParamError[] = [];
  for (;;) {
    const checked = await check(query);
    if (checked.ok) return { value: checked.value, problems };
    problems.push({ error: checked.error, parameter: checked.parameter });
    // Every problem names a parameter of the query, so each round removes one and this ends.
    if (!query.has(checked.parameter)) throw new Error(`A query problem names an absent parameter: ${checked.parameter}`);
    query.delete(checked.parameter);
  }
}

/** `from` after `to` is a mistake worth a 400, not an empty list. */
export function checkDateOrder(value: { from: string | null; to: string | null }): ParamError | null {
  return value.from && value.to && value.from > value.to ? { error: "from must not be after to", parameter: "from" } : null;
}

// ---------------------------------------------------------------- shared declarations

export const PAGING_PARAMS = {
  page: { type: "integer", min: 1, max: 1_000_000, default: 1, description: "Page number, from 1." },
  pageSize: { type: "integer", min: 1, max: MAX_PAGE_SIZE, default: 100, description: `Items per page, at most ${MAX_PAGE_SIZE}.` },
} as const satisfies ParamSpecs;

/** The same parameters with a list page's own page size as the default (the API's is 100). */
export function withPageSize<S extends ParamSpecs & typeof PAGING_PARAMS>(specs: S, pageSize: number) {
  return { ...specs, pageSize: { ...PAGING_PARAMS.pageSize, default: pageSize } };
}

export const TOPIC_CODE = /^[A-Z][A-Z0-9_]*(\.[A-Z0-9_]+)*$/;
export const COUNTRY_CODE = /^[A-Z]{3}$/;
export const SIMPLE_CODE = /^[A-Z][A-Z0-9_]*$/;

// ---------------------------------------------------------------- OpenAPI

/** The OpenAPI 3.1 parameter objects for `specs`. */
export function openApiParameters(specs: ParamSpecs) {
  return Object.entries(specs).map(([name, spec]) => {
    const base = { name, in: "query", required: false, description: spec.description };
    switch (spec.type) {
      case "integer":
        return { ...base, schema: { type: "integer", minimum: spec.min, maximum: spec.max, default: spec.default } };
      case "date":
        return { ...base, schema: { type: "string", format: "date" } };
      case "text":
        return { ...base, schema: { type: "string", maxLength: 200 } };
      case "id":
        return { ...base, schema: { type: "string", pattern: "^[A-Za-z0-9_-]{1,64}$" } };
      case "idList":
        return { ...base, explode: true, schema: { type: "array", items: { type: "string", pattern: "^[A-Za-z0-9_-]{1,64}$" } } };
      case "enum":
        return { ...base, schema: { type: "string", enum: [...spec.values], ...(spec.default ? { default: spec.default } : {}) } };
      case "enumList":
        return { ...base, explode: true, schema: { type: "array", items: { type: "string", enum: [...spec.values] } } };
      case "code":
        return { ...base, schema: { type: "string", pattern: spec.pattern.source, examples: [spec.example] } };
      case "codeList":
        return { ...base, explode: true, schema: { type: "array", items: { type: "string", pattern: spec.pattern.source, examples: [spec.example] } } };
    }
  });
}
