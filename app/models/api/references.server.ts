// Codes and ids named in API parameters must exist: `country=XXX` is a
// mistake worth a 400 naming the parameter, not an empty list.
import { and, inArray, isNull, or, eq } from "drizzle-orm";
import { type Executor } from "#db/client.server";
import { audiences, countries, offenceFocuses, organisations, topics } from "#db/schema";
import { parseParams, type ParamError, type ParamResult, type ParamSpecs, type ParamValues } from "~/domain/api-params";
import { isLanguageCode } from "~/domain/session-csv";

export type ReferenceCheck = {
  parameter: string;
  kind: "country" | "topic" | "audience" | "offence" | "region" | "organisation" | "language";
  values: (string | null)[] | string | null;
};

const LABELS: Record<ReferenceCheck["kind"], string> = {
  country: "country code",
  topic: "topic code",
  audience: "audience code",
  offence: "offence focus code",
  region: "UN M49 region code",
  organisation: "organisation id",
  language: "ISO 639-1 language code",
};

async function known(db: Executor, kind: ReferenceCheck["kind"], values: string[]): Promise<Set<string>> {
  let rows: { value: string }[];
  switch (kind) {
    case "language":
      // The same test the session import applies: ISO 639-1 codes the platform's language data knows.
      rows = values.filter(isLanguageCode).map((value) => ({ value }));
      break;
    case "country":
      rows = await db.select({ value: countries.code }).from(countries).where(inArray(countries.code, values));
      break;
    case "topic":
      rows = await db.select({ value: topics.code }).from(topics).where(and(inArray(topics.code, values), isNull(topics.deletedAt)));
      break;
    case "audience":
      rows = await db.select({ value: audiences.code }).from(audiences).where(inArray(audiences.code, values));
      break;
    case "offence":
      rows = await db.select({ value: offenceFocuses.code }).from(offenceFocuses).where(inArray(offenceFocuses.code, values));
      break;
    case "organisation":
      rows = await db.select({ value: organisations.id }).from(organisations).where(inArray(organisations.id, values));
      break;
    case "region": {
      const found = await Promise.all(
        values.map((code) =>
          db
            .select({ value: countries.code })
            .from(countries)
            .where(or(eq(countries.regionCode, code), eq(countries.subregionCode, code), eq(countries.intermediateCode, code)))
            .limit(1),
        ),
      );
      rows = values.filter((_, i) => found[i].length).map((value) => ({ value }));
      break;
    }
  }
  return new Set(rows.map((r) => r.value));
}

/** The first parameter naming something that does not exist, or null. */
export async function findUnknownReference(db: Executor, checks: ReferenceCheck[]): Promise<ParamError | null> {
  for (const check of checks) {
    const values = [check.values].flat().filter((v): v is string => !!v);
    if (!values.length) continue;
    const found = await known(db, check.kind, values);
    const missing = values.find((v) => !found.has(v));
    if (missing) return { error: `Unknown ${LABELS[check.kind]}: ${missing}`, parameter: check.parameter };
  }
  return null;
}

/**
 * A query read strictly, as the API reads it: by its declaration, then every
 * code and id it names looked up by `unknown`. Its values, or the first
 * problem (a 400).
 */
export async function checkQuery<S extends ParamSpecs>(
  db: Executor,
  specs: S,
  params: URLSearchParams,
  unknown: (db: Executor, values: ParamValues<S>) => Promise<ParamError | null>,
): Promise<ParamResult<ParamValues<S>>> {
  const parsed = parseParams(specs, params);
  if (!parsed.ok) return parsed;
  const problem = await unknown(db, parsed.value);
  return problem ? { ok: false, ...problem } : parsed;
}
