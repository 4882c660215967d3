// Duplicate records, read side: the pairs to review (open, unsure, decided),
// grouped into clusters, the side-by-side comparison a coordinator merges
// from, the "possible duplicate" flag for session lists, and the redirect
// from a merged record to its survivor. Decisions: duplicate-decisions.server.ts.
import { redirect } from "@remix-run/node";
import { and, eq, inArray, isNull, or, sql } from "drizzle-orm";
import { type Executor } from "#db/client.server";
import { DUPLICATE_KINDS, countries, courses, duplicateCandidates, duplicateDecisions, organisations, trainers, users } from "#db/schema";
import { clustersOf } from "~/domain/duplicate-blocking";
import { type Paging, offsetOf } from "~/utils/list-params";
import { requireCoordinator, type Actor } from "~/utils/permissions.server";
import { flashMessage } from "~/utils/session.server";
import { refreshCandidates } from "./duplicate-candidates.server";
import { KIND_SPECS } from "./duplicate-merge.server";
import { recordHref, summariseRecords, type DuplicateKind } from "./duplicate-records.server";

export { type DuplicateKind } from "./duplicate-records.server";

export const PAIR_STATUSES = ["open", "unsure", "not_duplicate", "merged"] as const;
export type PairStatus = (typeof PAIR_STATUSES)[number];

export function isDuplicateKind(value: unknown): value is DuplicateKind {
  return (DUPLICATE_KINDS as readonly unknown[]).includes(value);
}

// ---------------------------------------------------------------- merged records

/** The record a merged record now lives on (following later merges), or null when it was not merged. */
export async function survivorOf(db: Executor, kind: DuplicateKind, id: string): Promise<string | null> {
  const table = KIND_SPECS[kind].table;
  let current = id;
  for (let hops = 0; hops < 20; hops++) {
    const [row] = await db.select({ duplicateOf: table.duplicateOf }).from(table).where(eq(table.id, current));
    if (!row?.duplicateOf) break;
    current = row.duplicateOf as string;
  }
  return current === id ? null : current;
}

/** In a record page's loader: a merged record's URL leads to its survivor. */
export async function redirectIfMerged(db: Executor, request: Request, kind: DuplicateKind, id: string) {
  const survivor = await survivorOf(db, kind, id);
  if (survivor) throw redirect(recordHref(kind, survivor), { headers: await flashMessage(request, "That record was merged into this one.") });
}

// ---------------------------------------------------------------- pairs

export type PairRow = {
  a: string;
  b: string;
  score: number | null;
  reasons: string[];
  status: PairStatus;
  decisionId: string | null;
  decidedAt: string | null;
};

/** Candidates with their decision, and decided pairs that are no longer candidates (merged ones), as one list. */
function pairsQuery(kind: DuplicateKind) {
  return sql`
    SELECT c.id_a AS a, c.id_b AS b, c.score AS score, c.reasons AS reasons, coalesce(d.decision, 'open') AS status, d.id AS decisionId, d.updated_at AS decidedAt
    FROM duplicate_candidate c
    LEFT JOIN duplicate_decision d ON d.kind = c.kind AND d.id_a = c.id_a AND d.id_b = c.id_b AND d.deleted_at IS NULL
    WHERE c.kind = ${kind}
    UNION ALL
    SELECT d.id_a, d.id_b, json_extract(d.merge_snapshot, '$.evidence.score'), json_extract(d.merge_snapshot, '$.evidence.reasons'), d.decision, d.id, d.updated_at
    FROM duplicate_decision d
    WHERE d.kind = ${kind} AND d.deleted_at IS NULL
      AND NOT EXISTS (SELECT 1 FROM duplicate_candidate c WHERE c.kind = d.kind AND c.id_a = d.id_a AND c.id_b = d.id_b)`;
}

function toPairRow(r: Record<string, unknown>): PairRow {
  const reasons = typeof r.reasons === "string" ? (JSON.parse(r.reasons) as string[]) : [];
  return {
    a: String(r.a),
    b: String(r.b),
    score: r.score == null ? null : Number(r.score),
    reasons,
    status: r.status as PairStatus,
    decisionId: r.decisionId == null ? null : String(r.decisionId),
    decidedAt: r.decidedAt == null ? null : String(r.decidedAt),
  };
}

/** Pairs of one kind in the given statuses, highest score first (then most recently decided). Coordinators only. */
export async function listPairs(db: Executor, actor: Actor, args: { kind: DuplicateKind; statuses: readonly PairStatus[]; paging: Paging }) {
  requireCoordinator(actor);
  await refreshCandidates(db, args.kind);
  const statuses = sql.join(
    args.statuses.map((s) => sql`${s}`),
    sql`, `,
  );
  const base = sql`SELECT * FROM (${pairsQuery(args.kind)}) WHERE status IN (${statuses})`;
  const [rows, [{ total }]] = await Promise.all([
    db.all<Record<string, unknown>>(sql`${base} ORDER BY score IS NULL, score DESC, decidedAt DESC, a, b LIMIT ${args.paging.pageSize} OFFSET ${offsetOf(args.paging)}`),
    db.all<{ total: number }>(sql`SELECT count(*) AS total FROM (${base})`),
  ]);
  return { pairs: rows.map(toPairRow), total, page: args.paging.page, pageSize: args.paging.pageSize };
}

/** Open candidates per kind, for the tabs. */
export async function openCounts(db: Executor, actor: Actor): Promise<Record<DuplicateKind, number>> {
  requireCoordinator(actor);
  for (const kind of DUPLICATE_KINDS) await refreshCandidates(db, kind);
  const rows = await db.all<{ kind: DuplicateKind; n: number }>(sql`
    SELECT c.kind AS kind, count(*) AS n FROM duplicate_candidate c
    WHERE NOT EXISTS (SELECT 1 FROM duplicate_decision d WHERE d.kind = c.kind AND d.id_a = c.id_a AND d.id_b = c.id_b AND d.deleted_at IS NULL)
    GROUP BY c.kind`);
  const counts = { session: 0, course: 0, trainer: 0, organisation: 0 };
  for (const r of rows) counts[r.kind] = r.n;
  return counts;
}

export type ReviewEntry = { members: string[]; pairs: PairRow[]; topScore: number };

/**
 * The review list: open (or unsure) pairs joined into clusters, so three
 * reports of one delivery are reviewed together, highest score first.
 */
export async function listReviewEntries(db: Executor, actor: Actor, args: { kind: DuplicateKind; status: "open" | "unsure"; paging: Paging }) {
  requireCoordinator(actor);
  await refreshCandidates(db, args.kind);
  const rows = (await db.all<Record<string, unknown>>(sql`SELECT * FROM (${pairsQuery(args.kind)}) WHERE status = ${args.status}`)).map(toPairRow);
  const byMember = new Map<string, PairRow[]>();
  for (const p of rows) for (const id of [p.a, p.b]) byMember.set(id, [...(byMember.get(id) ?? []), p]);
  const entries: ReviewEntry[] = clustersOf(rows.map((p) => [p.a, p.b] as const)).map((members) => {
    const pairs = [...new Set(members.flatMap((m) => byMember.get(m) ?? []))].sort((x, y) => (y.score ?? 0) - (x.score ?? 0));
    return { members, pairs, topScore: pairs[0]?.score ?? 0 };
  });
  entries.sort((x, y) => y.topScore - x.topScore || x.members[0].localeCompare(y.members[0]));
  const page = entries.slice(offsetOf(args.paging), offsetOf(args.paging) + args.paging.pageSize);
  const summaries = await summariseRecords(db, args.kind, page.flatMap((e) => e.members));
  return { entries: page, summaries: Object.fromEntries(summaries), total: entries.length, page: args.paging.page, pageSize: args.paging.pageSize };
}

/** The first open entry after deciding one, so a coordinator can keep going. */
export async function nextOpenEntry(db: Executor, actor: Actor, kind: DuplicateKind): Promise<string[] | null> {
  const { entries } = await listReviewEntries(db, actor, { kind, status: "open", paging: { page: 1, pageSize: 1 } });
  return entries[0]?.members ?? null;
}

/** Which of these sessions are in a candidate pair nobody has ruled out (open or unsure): the "possible duplicate" flag. */
export async function possibleDuplicateIds(db: Executor, sessionIds: readonly string[]): Promise<Set<string>> {
  if (!sessionIds.length) return new Set();
  await refreshCandidates(db, "session");
  const ids = [...sessionIds];
  const rows = await db
    .select({ a: duplicateCandidates.idA, b: duplicateCandidates.idB })
    .from(duplicateCandidates)
    .leftJoin(
      duplicateDecisions,
      and(
        eq(duplicateDecisions.kind, duplicateCandidates.kind),
        eq(duplicateDecisions.idA, duplicateCandidates.idA),
        eq(duplicateDecisions.idB, duplicateCandidates.idB),
        isNull(duplicateDecisions.deletedAt),
      ),
    )
    .where(
      and(
        eq(duplicateCandidates.kind, "session"),
        or(inArray(duplicateCandidates.idA, ids), inArray(duplicateCandidates.idB, ids)),
        or(isNull(duplicateDecisions.id), eq(duplicateDecisions.decision, "unsure")),
      ),
    );
  const wanted = new Set(ids);
  return new Set(rows.flatMap((r) => [r.a, r.b]).filter((id) => wanted.has(id)));
}

// ---------------------------------------------------------------- side by side

export type ComparedRecord = {
  id: string;
  version: number;
  label: string;
  href: string;
  live: boolean;
  /** Field group → the value as shown, "" when empty. */
  fields: Record<string, string>;
  lists: Record<string, string[]>;
  completeness: number;
};

type Lookup = Map<string, string>;

async function nameLookups(db: Executor, ids: string[], codes: string[]): Promise<Lookup> {
  const out: Lookup = new Map();
  const some = (xs: string[]) => (xs.length ? xs : ["\u0000"]);
  const [orgs, cs, ts, us, cos] = await Promise.all([
    db.select({ id: organisations.id, name: organisations.name }).from(organisations).where(inArray(organisations.id, some(ids))),
    db.select({ id: courses.id, name: courses.title }).from(courses).where(inArray(courses.id, some(ids))),
    db.select({ id: trainers.id, name: trainers.name }).from(trainers).where(inArray(trainers.id, some(ids))),
    db.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, some(ids))),
    db.select({ id: countries.code, name: countries.nameEn }).from(countries).where(inArray(countries.code, some(codes))),
  ]);
  for (const r of [...orgs, ...cs, ...ts, ...us, ...cos]) out.set(r.id, r.name);
  return out;
}

function show(value: unknown, names: Lookup): string {
  if (value == null || value === "") return "";
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (typeof value === "object") return JSON.stringify(value);
  const s = String(value);
  return names.get(s) ?? s;
}

/**
 * The records side by side with every field group and list, the candidate
 * pairs among them and what a merge would choose by default (the most
 * complete value; lists combined). Deleted records are included so a past
 * merge can be seen. Coordinators only.
 */
export async function getComparison(db: Executor, actor: Actor, kind: DuplicateKind, ids: string[]) {
  requireCoordinator(actor);
  const spec = KIND_SPECS[kind];
  const rows = (await db.select().from(spec.table).where(inArray(spec.table.id, ids))) as Record<string, unknown>[];
  if (rows.length !== ids.length) return null;
  rows.sort((x, y) => ids.indexOf(x.id as string) - ids.indexOf(y.id as string));
  const lists = new Map<string, Record<string, string[]>>(rows.map((r) => [r.id as string, {}]));
  for (const l of spec.lists) {
    const found = await db.select({ owner: l.table[l.owner], value: l.table[l.value] }).from(l.table).where(inArray(l.table[l.owner], ids));
    for (const r of rows) lists.get(r.id as string)![l.key] = found.filter((f) => f.owner === r.id).map((f) => f.value as string).sort();
  }
  const refIds = rows.flatMap((r) => spec.fields.flatMap((f) => f.columns.map((c) => r[c]))).filter((v): v is string => typeof v === "string");
  const listValues = [...lists.values()].flatMap((l) => Object.values(l).flat());
  const names = await nameLookups(db, [...refIds, ...listValues], [...refIds, ...listValues].filter((v) => /^[A-Z]{3}$/.test(v)));
  const summaries = await summariseRecords(db, kind, ids);
  const records: ComparedRecord[] = rows.map((r) => {
    const fields = Object.fromEntries(spec.fields.map((f) => [f.key, f.columns.map((c) => show(r[c], names)).filter(Boolean).join(" · ")]));
    const own = lists.get(r.id as string)!;
    const shownLists = Object.fromEntries(spec.lists.map((l) => [l.key, own[l.key].map((v) => names.get(v) ?? v)]));
    const completeness = Object.values(fields).filter(Boolean).length + Object.values(own).reduce((n, l) => n + l.length, 0) / 10;
    return { id: r.id as string, version: r.version as number, label: summaries.get(r.id as string)?.label ?? (r.id as string), href: recordHref(kind, r.id as string), live: !r.deletedAt, fields, lists: shownLists, completeness };
  });
  const survivor = defaultSurvivor(kind, rows, records);
  const fieldChoices = spec.fields.map((f) => {
    const values = records.map((r) => r.fields[f.key]);
    const size = (r: ComparedRecord) => (FREE_TEXT.has(f.key) ? r.fields[f.key].length : r.fields[f.key] ? 1 : 0);
    return { key: f.key, label: f.label, differs: new Set(values).size > 1, defaultFrom: mostComplete(records, size, survivor) };
  });
  const listChoices = spec.lists.map((l) => {
    const values = records.map((r) => r.lists[l.key].join("\u0000"));
    return { key: l.key, label: l.label, differs: new Set(values).size > 1 };
  });
  const pairs = (await db.all<Record<string, unknown>>(sql`SELECT * FROM (${pairsQuery(kind)}) WHERE a IN (${sql.join(ids.map((i) => sql`${i}`), sql`, `)}) AND b IN (${sql.join(ids.map((i) => sql`${i}`), sql`, `)})`)).map(toPairRow);
  return { kind, records, fieldChoices, listChoices, defaultSurvivor: survivor, pairs };
}

export type Comparison = NonNullable<Awaited<ReturnType<typeof getComparison>>>;

/** Fields where a longer value says more; for the others any value beats none. */
const FREE_TEXT = new Set(["title", "name", "summary", "description", "prerequisites", "bio", "outcomes", "notes", "contact", "participants", "place"]);

/** The record whose value is fullest, the survivor winning ties. */
function mostComplete(records: ComparedRecord[], size: (r: ComparedRecord) => number, survivor: string): string {
  let best = records.find((r) => r.id === survivor)!;
  for (const r of records) if (size(r) > size(best)) best = r;
  return best.id;
}

/** Keep the most complete record; on a tie a session reported by its own provider, then the oldest. */
function defaultSurvivor(kind: DuplicateKind, rows: Record<string, unknown>[], records: ComparedRecord[]): string {
  const ownReport = (r: Record<string, unknown>) => (kind === "session" && r.providerId === r.reportingOrgId ? 1 : 0);
  const ranked = rows
    .map((r, i) => ({ r, c: records[i] }))
    .filter((x) => x.c.live)
    .sort((x, y) => y.c.completeness - x.c.completeness || ownReport(y.r) - ownReport(x.r) || String(x.r.createdAt).localeCompare(String(y.r.createdAt)));
  return (ranked[0] ?? { c: records[0] }).c.id;
}

/** The live merge decision that merged `recordId` away, to undo it from the merged record's page. Coordinators only. */
export async function mergeDecisionOf(db: Executor, actor: Actor, kind: DuplicateKind, recordId: string): Promise<string | null> {
  requireCoordinator(actor);
  const [row] = await db.all<{ id: string }>(sql`
    SELECT d.id FROM duplicate_decision d
    WHERE d.kind = ${kind} AND d.decision = 'merged' AND d.deleted_at IS NULL AND (d.id_a = ${recordId} OR d.id_b = ${recordId})
      AND EXISTS (SELECT 1 FROM json_each(d.merge_snapshot, '$.mergedIds') m WHERE m.value = ${recordId})
    ORDER BY d.updated_at DESC LIMIT 1`);
  return row?.id ?? null;
}
