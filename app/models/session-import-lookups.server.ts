// What an import checks rows against, read once before the file: reference
// lists, courses, and the organisations, trainers and merge aliases it
// matches names and ids to. Organisations and trainers it does not know are
// given ids here and created just before the sessions that name them.
import { and, asc, eq, isNull } from "drizzle-orm";
import { monotonicFactory } from "ulid";
import { type Executor } from "#db/client.server";
import {
  audiences,
  countries,
  courses,
  externalAliases,
  offenceFocuses,
  organisations,
  topics,
  trainers,
  trainingSessions,
} from "#db/schema";
import { englishAliases } from "#db/seed/countries";
import { buildCountryResolver } from "~/domain/country-names";
import { buildOrganisationResolver, foldName, organisationCandidates, type OrganisationName } from "~/domain/organisation-names";
import { type SessionCsvLookups } from "~/domain/session-csv";

export const newId = monotonicFactory();

export type PendingOrganisation = { id: string; name: string; kind: "ngo" | "donor" };
export type PendingTrainer = { id: string; name: string };

/** Follow merge pointers to the record that survived (a merged-away record is soft-deleted). */
function survivorOf(rows: { id: string; duplicateOf: string | null; deletedAt: string | null }[]) {
  const byId = new Map(rows.map((r) => [r.id, r]));
  return (id: string): string | null => {
    let row = byId.get(id);
    for (let hops = 0; row?.duplicateOf && hops < 20; hops++) row = byId.get(row.duplicateOf);
    return row && !row.deletedAt ? row.id : null;
  };
}

/** Live names first (oldest first), then the names of merged-away records pointing at their survivor. */
function matchable<T extends { id: string; duplicateOf: string | null; deletedAt: string | null }>(rows: T[]): (T & { id: string })[] {
  const survivor = survivorOf(rows);
  const live = rows.filter((r) => !r.deletedAt);
  const merged = rows.flatMap((r) => {
    const target = r.deletedAt && r.duplicateOf ? survivor(r.id) : null;
    return target ? [{ ...r, id: target }] : [];
  });
  return [...live, ...merged];
}

export async function loadCsvLookups(db: Executor): Promise<SessionCsvLookups> {
  const [countryRows, topicRows, audienceRows, offenceRows, courseRows] = await Promise.all([
    db.select({ code: countries.code, alpha2: countries.alpha2, nameEn: countries.nameEn, nameUn: countries.nameUn }).from(countries),
    db.select({ code: topics.code }).from(topics).where(isNull(topics.deletedAt)),
    db.select({ code: audiences.code }).from(audiences),
    db.select({ code: offenceFocuses.code }).from(offenceFocuses),
    db.select({ id: courses.id }).from(courses).where(isNull(courses.deletedAt)),
  ]);
  const resolver = buildCountryResolver(countryRows.map((c) => ({ ...c, aliases: englishAliases(c.alpha2) })));
  const courseIds = new Set(courseRows.map((c) => c.id));
  return {
    country: (text) => resolver.resolve(text),
    countryHint: (text) => resolver.hint(text),
    topics: new Set(topicRows.map((t) => t.code)),
    audiences: new Set(audienceRows.map((a) => a.code)),
    offences: new Set(offenceRows.map((o) => o.code)),
    courseExists: (id) => courseIds.has(id),
  };
}

/** Organisations by name or acronym; names nobody knows become pending organisations. */
export async function loadOrganisationMatcher(db: Executor) {
  const rows = await db
    .select({ id: organisations.id, name: organisations.name, acronym: organisations.acronym, duplicateOf: organisations.duplicateOf, deletedAt: organisations.deletedAt })
    .from(organisations)
    .orderBy(asc(organisations.createdAt), asc(organisations.id));
  const named = matchable(rows) as OrganisationName[];
  const resolve = buildOrganisationResolver(named);
  // A merged organisation's names lead to its survivor: each id once, under its own (live) name.
  const byId = new Map<string, OrganisationName>();
  for (const org of named) if (!byId.has(org.id)) byId.set(org.id, org);
  const pending = new Map<string, PendingOrganisation>();
  const pendingById = new Map<string, PendingOrganisation>();
  const cache = new Map<string, string>();
  const ambiguity = new Map<string, OrganisationName[] | null>();
  /** Every existing organisation the text could name (or the one whose id it is), for choices that must not be guessed. */
  const candidates = (text: string): OrganisationName[] => {
    const own = byId.get(text.trim());
    return own ? [own] : organisationCandidates(named, text).map((id) => byId.get(id)!);
  };
  return {
    candidates,
    /** The organisations a file's name could mean when it could mean more than one (one's name is another's acronym), else null; once per name. */
    ambiguous(name: string): OrganisationName[] | null {
      let found = ambiguity.get(name);
      if (found === undefined) {
        const all = candidates(name);
        found = all.length > 1 ? all : null;
        ambiguity.set(name, found);
      }
      return found;
    },
    /** The organisation's id; a new name becomes a pending organisation, an "ngo" once it provides, else a "donor". */
    idFor(name: string, role: "provider" | "funder"): string {
      let id = cache.get(name);
      if (id === undefined) {
        id = resolve(name) ?? pendingOrganisation(name);
        cache.set(name, id);
      }
      const created = pendingById.get(id);
      if (created && role === "provider") created.kind = "ngo";
      return id;
    },
    pending,
  };
  function pendingOrganisation(name: string) {
    const key = foldName(name);
    const existing = pending.get(key);
    if (existing) return existing.id;
    const created: PendingOrganisation = { id: newId(), name, kind: "donor" };
    pending.set(key, created);
    pendingById.set(created.id, created);
    return created.id;
  }
}

/** Trainers by name, case- and accent-insensitively; unknown names become pending trainers. */
export async function loadTrainerMatcher(db: Executor) {
  const rows = await db
    .select({ id: trainers.id, name: trainers.name, duplicateOf: trainers.duplicateOf, deletedAt: trainers.deletedAt })
    .from(trainers)
    .orderBy(asc(trainers.createdAt), asc(trainers.id));
  const byName = new Map<string, string>();
  for (const t of matchable(rows)) {
    const key = foldName(t.name);
    if (key && !byName.has(key)) byName.set(key, t.id);
  }
  const pending = new Map<string, PendingTrainer>();
  return {
    idFor(name: string): string {
      const key = foldName(name);
      const known = byName.get(key);
      if (known) return known;
      const created = { id: newId(), name };
      byName.set(key, created.id);
      pending.set(key, created);
      return created.id;
    },
    pending,
  };
}

/**
 * The reporter's merge aliases (external id → surviving session), and for
 * each survivor the external id it carries itself under this reporter, so a
 * file naming both can be told apart (see resolveAliasClaims).
 */
export async function loadAliases(db: Executor, reporterId: string) {
  const rows = await db
    .select({
      externalId: externalAliases.externalId,
      sessionId: externalAliases.sessionId,
      importHash: externalAliases.importHash,
      ownExternalId: trainingSessions.externalId,
      ownReporter: trainingSessions.reportingOrgId,
    })
    .from(externalAliases)
    .innerJoin(trainingSessions, eq(trainingSessions.id, externalAliases.sessionId))
    .where(and(eq(externalAliases.reportingOrgId, reporterId), isNull(trainingSessions.deletedAt)));
  return {
    target: new Map(rows.map((r) => [r.externalId, r.sessionId])),
    /** What the merged-away session's row said when last imported: the same row again changes nothing. */
    importHash: new Map(rows.filter((r) => r.importHash).map((r) => [r.externalId, r.importHash!])),
    ownExternalId: new Map(rows.filter((r) => r.ownReporter === reporterId && r.ownExternalId).map((r) => [r.sessionId, r.ownExternalId!])),
  };
}
