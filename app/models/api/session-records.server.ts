// Whole training sessions for the API and the exports: which sessions match
// (the sessions list's own filter conditions, so a filter means the same on
// the page, in the API and in every export), and each matching session with
// everything it links to, read for many sessions at once (a fixed number of
// queries per batch, never one per session).
import { and, asc, count, desc, inArray, sql, type SQL } from "drizzle-orm";
import { type Executor } from "#db/client.server";
import {
  audiences,
  countries,
  offenceFocuses,
  organisations,
  sessionAudiences,
  sessionCountries,
  sessionFunders,
  sessionOffences,
  sessionTopics,
  sessionTrainers,
  topics,
  trainers,
  trainingSessions,
} from "#db/schema";
import { type SessionFilters } from "~/domain/session-filters";
import { sessionConditions } from "~/models/session-list.server";
import { offsetOf, type Paging } from "~/utils/list-params";
import { canSeeRestrictedSessionDetail, type Actor } from "~/utils/permissions.server";

const s = trainingSessions;


function whereOf(query: SessionFilters): SQL | undefined {
  return and(...sessionConditions(query));
}

function orderOf(query: SessionFilters) {
  const direction = query.sort === "oldest" ? asc : desc;
  return [direction(s.startDate), direction(s.id)];
}

/** One page of matching session ids, in list order, with the total. */
export async function pageOfSessionIds(db: Executor, query: SessionFilters, paging: Paging) {
  const where = whereOf(query);
  const [rows, [{ total }]] = await Promise.all([
    db
      .select({ id: s.id })
      .from(s)
      .where(where)
      .orderBy(...orderOf(query))
      .limit(paging.pageSize)
      .offset(offsetOf(paging)),
    db.select({ total: count() }).from(s).where(where),
  ]);
  return { ids: rows.map((r) => r.id), total };
}

/**
 * Every matching session, `batchSize` at a time, in list order. Each batch
 * continues after the last row of the one before (start date, id), so the
 * thousandth batch costs what the first did, unlike a growing OFFSET.
 */
export async function* matchingSessionBatches(db: Executor, query: SessionFilters, batchSize = 500): AsyncGenerator<SessionRecord[]> {
  const newest = query.sort !== "oldest";
  let after: { startDate: string; id: string } | null = null;
  const reference = await referenceLists(db);
  for (;;) {
    const keyset: SQL | undefined = after
      ? newest
        ? sql`(${s.startDate}, ${s.id}) < (${after.startDate}, ${after.id})`
        : sql`(${s.startDate}, ${s.id}) > (${after.startDate}, ${after.id})`
      : undefined;
    const rows = await db
      .select({ id: s.id, startDate: s.startDate })
      .from(s)
      .where(and(whereOf(query), keyset))
      .orderBy(...orderOf(query))
      .limit(batchSize);
    if (!rows.length) return;
    yield await loadSessionRecords(
      db,
      rows.map((r) => r.id),
      reference,
    );
    if (rows.length < batchSize) return;
    after = rows[rows.length - 1];
    // Let the event loop turn, so a long export neither starves other requests nor holds native memory.
    await new Promise((resolve) => setImmediate(resolve));
  }
}

type Coded = { code: string; label: string };

/** A session with everything it links to, restricted detail included: callers decide what to show. */
export type SessionRecord = Awaited<ReturnType<typeof loadSessionRecords>>[number];

/**
 * The sessions with these ids, in the same order. The link tables are read
 * by session id alone and labels joined here from the small reference lists:
 * joined in SQL, the planner would rather scan a reference table and probe
 * the link table once per row of it (five times slower for 500 sessions).
 */
export async function loadSessionRecords(db: Executor, ids: string[], known?: ReferenceLists) {
  if (!ids.length) return [];
  const [rows, countryLinks, topicLinks, audienceLinks, offenceLinks, funderLinks, trainerLinks, reference] = await Promise.all([
    db.select().from(s).where(inArray(s.id, ids)),
    db.select().from(sessionCountries).where(inArray(sessionCountries.sessionId, ids)),
    db.select().from(sessionTopics).where(inArray(sessionTopics.sessionId, ids)),
    db.select().from(sessionAudiences).where(inArray(sessionAudiences.sessionId, ids)),
    db.select().from(sessionOffences).where(inArray(sessionOffences.sessionId, ids)),
    db.select().from(sessionFunders).where(inArray(sessionFunders.sessionId, ids)),
    db.select().from(sessionTrainers).where(inArray(sessionTrainers.sessionId, ids)),
    known ?? referenceLists(db),
  ]);
  const orgIds = [...new Set([...rows.flatMap((r) => [r.providerId, r.reportingOrgId]), ...funderLinks.map((f) => f.organisationId)])];
  const trainerIds = [...new Set(trainerLinks.map((t) => t.trainerId))];
  const [orgRows, trainerRows] = await Promise.all([
    db.select({ id: organisations.id, name: organisations.name, acronym: organisations.acronym, kind: organisations.kind }).from(organisations).where(inArray(organisations.id, orgIds)),
    // Names only: a session never carries anyone's contact details.
    trainerIds.length ? db.select({ id: trainers.id, name: trainers.name }).from(trainers).where(inArray(trainers.id, trainerIds)) : [],
  ]);
  const orgs = new Map(orgRows.map((o) => [o.id, o]));
  const trainerNames = new Map(trainerRows.map((t) => [t.id, t.name]));
  const linked = <L extends { sessionId: string }, T>(links: L[], pick: (link: L) => T | undefined, order: (a: T, b: T) => number) => {
    const map = new Map<string, T[]>();
    for (const link of links) {
      const value = pick(link);
      if (value !== undefined) map.set(link.sessionId, [...(map.get(link.sessionId) ?? []), value]);
    }
    for (const list of map.values()) list.sort(order);
    return (id: string) => map.get(id) ?? [];
  };
  const bySort = (a: { sortOrder: number; code: string }, b: { sortOrder: number; code: string }) => a.sortOrder - b.sortOrder || a.code.localeCompare(b.code);
  const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
  const countriesOf = linked(countryLinks, (l) => reference.countries.get(l.countryCode), (a, b) => a.code.localeCompare(b.code));
  const topicsOf = linked(topicLinks, (l) => reference.topics.get(l.topicCode), bySort);
  const audiencesOf = linked(audienceLinks, (l) => reference.audiences.get(l.audienceCode), bySort);
  const offencesOf = linked(offenceLinks, (l) => reference.offences.get(l.offenceCode), bySort);
  const fundersOf = linked(funderLinks, (l) => orgs.get(l.organisationId), byName);
  const trainersOf = linked(trainerLinks, (l) => (trainerNames.has(l.trainerId) ? { id: l.trainerId, name: trainerNames.get(l.trainerId)! } : undefined), byName);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const label = ({ code, label }: Coded) => ({ code, label });
  return ids.flatMap((id) => {
    const session = byId.get(id);
    if (!session) return [];
    const host = reference.countries.get(session.hostCountry)!;
    return [
      {
        ...session,
        provider: orgs.get(session.providerId)!,
        reporter: orgs.get(session.reportingOrgId)!,
        hostCountryName: host.name,
        hostCountryAlpha2: host.alpha2,
        beneficiaries: countriesOf(id),
        topicList: topicsOf(id).map(label),
        audienceList: audiencesOf(id).map(label),
        offenceList: offencesOf(id).map(label),
        funderList: fundersOf(id),
        trainerList: trainersOf(id),
      },
    ];
  });
}

type ReferenceLists = Awaited<ReturnType<typeof referenceLists>>;

/** Countries, topics, audiences and offence focuses: a few hundred rows, read whole. */
async function referenceLists(db: Executor) {
  const [countryRows, topicRows, audienceRows, offenceRows] = await Promise.all([
    db.select({ code: countries.code, alpha2: countries.alpha2, name: countries.nameEn }).from(countries),
    db.select({ code: topics.code, label: topics.label, sortOrder: topics.sortOrder }).from(topics),
    db.select({ code: audiences.code, label: audiences.label, sortOrder: audiences.sortOrder }).from(audiences),
    db.select({ code: offenceFocuses.code, label: offenceFocuses.label, sortOrder: offenceFocuses.sortOrder }).from(offenceFocuses),
  ]);
  const byCode = <T extends { code: string }>(list: T[]) => new Map(list.map((x) => [x.code, x]));
  return { countries: byCode(countryRows), topics: byCode(topicRows), audiences: byCode(audienceRows), offences: byCode(offenceRows) };
}

/** Notes, outcomes and the split by sex: for the session's organisations, its countries' focal points and coordinators. */
export function maySeeRestricted(actor: Actor, record: SessionRecord): boolean {
  return canSeeRestrictedSessionDetail(actor, { ...record, countryCodes: record.beneficiaries.map((c) => c.code) });
}
