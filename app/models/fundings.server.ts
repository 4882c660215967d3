// Funding records (DESIGN §2): a donor organisation's pledged, committed or
// disbursed funding of a session or an assistance request, with an optional
// amount in an ISO 4217 currency. Donors record their own organisation's
// funding; coordinators any donor's. Every write is audited.
import { and, asc, desc, eq, inArray, isNull, or, type SQL } from "drizzle-orm";
import { type Executor } from "#db/client.server";
import { assistanceRequests, fundings, organisations, trainingSessions, type FUNDING_STATUSES } from "#db/schema";
import { canRecordFunding, forbidden, isCoordinator, type Actor } from "~/utils/permissions.server";
import { createRecord, notFound, softDeleteRecord, updateRecord } from "./records.server";
import { canSeeRequest, visibleRequestsCondition } from "./requests.server";

export type Funding = typeof fundings.$inferSelect;
export type FundingStatus = (typeof FUNDING_STATUSES)[number];

export type FundingInput = {
  donorId: string;
  sessionId: string | null;
  requestId: string | null;
  amount: number | null;
  currency: string | null;
  status: FundingStatus;
  note: string | null;
};

/** Input a form can show next to its fields (nothing was written). */
export class FundingInputError extends Error {
  constructor(readonly fieldErrors: Record<string, string[]>) {
    super(Object.values(fieldErrors).flat().join(" "));
  }
}

/** ISO 4217 codes as the runtime knows them (the same list in the browser). */
export const CURRENCIES: readonly string[] = Intl.supportedValuesOf("currency");

/** A donor records for their own organisation; coordinators for any. */
export function canRecordFundingFor(actor: Actor, donorId: string): boolean {
  if (!canRecordFunding(actor)) return false;
  return isCoordinator(actor) || (!!actor?.organisationId && actor.organisationId === donorId);
}

const NOT_YOURS = "Donors record and change only their own organisation's funding.";

async function checkInput(db: Executor, actor: Actor, input: FundingInput) {
  const errors: Record<string, string[]> = {};
  if (!!input.sessionId === !!input.requestId) errors[""] = ["Funding is for one session or one request."];
  if (input.amount != null && (!Number.isFinite(input.amount) || input.amount < 0)) errors.amount = ["Enter an amount of 0 or more"];
  if (input.amount != null && !input.currency) errors.currency = ["Choose the currency of the amount"];
  if (input.currency && !CURRENCIES.includes(input.currency)) errors.currency = ["Choose an ISO 4217 currency from the list"];
  const [donor] = await db.select({ id: organisations.id }).from(organisations).where(and(eq(organisations.id, input.donorId), isNull(organisations.deletedAt)));
  if (!donor) errors.donorId = ["Choose the donor organisation from the list"];
  if (Object.keys(errors).length) throw new FundingInputError(errors);
  if (input.sessionId) {
    const [s] = await db.select({ id: trainingSessions.id }).from(trainingSessions).where(and(eq(trainingSessions.id, input.sessionId), isNull(trainingSessions.deletedAt)));
    if (!s) notFound("Session not found");
  } else {
    const [r] = await db.select().from(assistanceRequests).where(and(eq(assistanceRequests.id, input.requestId!), isNull(assistanceRequests.deletedAt)));
    if (!r || !canSeeRequest(actor, r)) notFound("Request not found");
  }
}

export async function createFunding(db: Executor, actor: Actor, input: FundingInput): Promise<Funding> {
  if (!actor || !canRecordFunding(actor)) forbidden("Only donors and coordinators record funding.");
  if (!canRecordFundingFor(actor, input.donorId)) forbidden(NOT_YOURS);
  await checkInput(db, actor, input);
  return db.transaction((tx) => createRecord<Funding>(tx, fundings, "funding", { ...input }, actor.id));
}

async function currentFunding(db: Executor, actor: Actor, id: string) {
  const [row] = await db.select().from(fundings).where(eq(fundings.id, id));
  if (!row || row.deletedAt) notFound("Funding record not found");
  if (!canRecordFundingFor(actor, row.donorId)) forbidden(NOT_YOURS);
  return row;
}

/** Status, amount, currency and note change; what is funded, and by whom, stays. */
export async function updateFunding(
  db: Executor,
  args: { id: string; expectedVersion: number; actor: Actor; values: Pick<FundingInput, "amount" | "currency" | "status" | "note"> },
) {
  return db.transaction(async (tx) => {
    const current = await currentFunding(tx, args.actor, args.id);
    await checkInput(tx, args.actor, { ...current, ...args.values });
    return updateRecord<Funding>(tx, fundings, "funding", { id: current.id, expectedVersion: args.expectedVersion, values: args.values, actorId: args.actor!.id });
  });
}

export async function deleteFunding(db: Executor, args: { id: string; expectedVersion: number; actor: Actor }) {
  return db.transaction(async (tx) => {
    const current = await currentFunding(tx, args.actor, args.id);
    return softDeleteRecord(tx, fundings, "funding", { id: current.id, expectedVersion: args.expectedVersion, actorId: args.actor!.id });
  });
}

const fundingColumns = {
  id: fundings.id,
  version: fundings.version,
  donorId: fundings.donorId,
  donorName: organisations.name,
  sessionId: fundings.sessionId,
  requestId: fundings.requestId,
  amount: fundings.amount,
  currency: fundings.currency,
  status: fundings.status,
  note: fundings.note,
  createdAt: fundings.createdAt,
};

export type FundingRow = {
  id: string;
  version: number;
  donorId: string;
  donorName: string;
  sessionId: string | null;
  requestId: string | null;
  amount: number | null;
  currency: string | null;
  status: FundingStatus;
  note: string | null;
  createdAt: string;
  /** What is funded, in words. */
  targetTitle: string | null;
};

/**
 * Live funding of the given sessions and requests, or by one donor. Funding
 * of a request the actor may not see is left out.
 */
export async function listFundings(
  db: Executor,
  actor: Actor,
  where: { sessionIds?: string[]; requestIds?: string[]; donorId?: string },
): Promise<FundingRow[]> {
  const targets: SQL[] = [];
  if (where.sessionIds?.length) targets.push(inArray(fundings.sessionId, where.sessionIds));
  if (where.requestIds?.length) targets.push(inArray(fundings.requestId, where.requestIds));
  if (where.donorId) targets.push(eq(fundings.donorId, where.donorId));
  if (!targets.length) return [];
  const requestVisible = visibleRequestsCondition(actor);
  const rows = await db
    .select({ ...fundingColumns, sessionTitle: trainingSessions.title, requestTitle: assistanceRequests.title })
    .from(fundings)
    .innerJoin(organisations, eq(organisations.id, fundings.donorId))
    .leftJoin(trainingSessions, eq(trainingSessions.id, fundings.sessionId))
    .leftJoin(assistanceRequests, eq(assistanceRequests.id, fundings.requestId))
    .where(and(isNull(fundings.deletedAt), or(...targets), requestVisible ? or(isNull(fundings.requestId), requestVisible) : undefined))
    .orderBy(asc(organisations.name), desc(fundings.createdAt));
  return rows.map(({ sessionTitle, requestTitle, ...r }) => ({ ...r, targetTitle: sessionTitle ?? requestTitle ?? null }));
}

/** One live funding record with what it funds, or null when it does not exist or funds a request the actor may not see. */
export async function getFunding(db: Executor, actor: Actor, id: string): Promise<FundingRow | null> {
  const [row] = await db
    .select({ ...fundingColumns, sessionTitle: trainingSessions.title, request: assistanceRequests })
    .from(fundings)
    .innerJoin(organisations, eq(organisations.id, fundings.donorId))
    .leftJoin(trainingSessions, eq(trainingSessions.id, fundings.sessionId))
    .leftJoin(assistanceRequests, eq(assistanceRequests.id, fundings.requestId))
    .where(and(eq(fundings.id, id), isNull(fundings.deletedAt)));
  if (!row || (row.request && !canSeeRequest(actor, row.request))) return null;
  const { sessionTitle, request, ...rest } = row;
  return { ...rest, targetTitle: sessionTitle ?? request?.title ?? null };
}

/** Totals per currency and status, for a list's footer: amounts in different currencies are never added up. */
export function fundingTotals(rows: Pick<FundingRow, "amount" | "currency" | "status">[]) {
  const totals = new Map<string, number>();
  for (const r of rows) {
    if (r.amount == null || !r.currency) continue;
    const key = `${r.status} ${r.currency}`;
    totals.set(key, (totals.get(key) ?? 0) + r.amount);
  }
  return [...totals].map(([key, amount]) => {
    const [status, currency] = key.split(" ");
    return { status: status as FundingStatus, currency, amount };
  });
}

/**
 * What a page shows about funding of a session or request, or by a donor:
 * the records, totals per currency, which ones the actor may change, and
 * where to record more (null when the actor may not).
 */
export async function fundingSection(db: Executor, actor: Actor, target: { sessionId: string } | { requestId: string } | { donorId: string }) {
  const items = await listFundings(
    db,
    actor,
    "sessionId" in target ? { sessionIds: [target.sessionId] } : "requestId" in target ? { requestIds: [target.requestId] } : { donorId: target.donorId },
  );
  const recordHref =
    !canRecordFunding(actor) || "donorId" in target
      ? null
      : `/fundings/new?${"sessionId" in target ? `session=${target.sessionId}` : `request=${target.requestId}`}`;
  return {
    items: items.map((f) => ({ ...f, editable: canRecordFundingFor(actor, f.donorId) })),
    totals: fundingTotals(items),
    recordHref,
    showTarget: "donorId" in target,
  };
}

export type FundingSection = Awaited<ReturnType<typeof fundingSection>>;

/** What a new funding record would fund, in words; null when it does not exist or the actor may not see it. */
export async function fundingTarget(db: Executor, actor: Actor, target: { sessionId: string | null; requestId: string | null }) {
  if (target.sessionId) {
    const [s] = await db
      .select({ id: trainingSessions.id, title: trainingSessions.title })
      .from(trainingSessions)
      .where(and(eq(trainingSessions.id, target.sessionId), isNull(trainingSessions.deletedAt)));
    return s ? { kind: "session" as const, id: s.id, title: s.title, href: `/sessions/${s.id}` } : null;
  }
  if (!target.requestId) return null;
  const [r] = await db.select().from(assistanceRequests).where(and(eq(assistanceRequests.id, target.requestId), isNull(assistanceRequests.deletedAt)));
  return r && canSeeRequest(actor, r) ? { kind: "request" as const, id: r.id, title: r.title, href: `/requests/${r.id}` } : null;
}

/** The organisations a person may record funding for: their own, or any for coordinators (donors first). */
export async function donorChoices(db: Executor, actor: Actor) {
  const rows = await db
    .select({ id: organisations.id, name: organisations.name, acronym: organisations.acronym, kind: organisations.kind })
    .from(organisations)
    .where(and(isNull(organisations.deletedAt), isCoordinator(actor) ? undefined : eq(organisations.id, actor?.organisationId ?? "")))
    .orderBy(asc(organisations.name));
  return rows
    .sort((a, b) => Number(b.kind === "donor") - Number(a.kind === "donor"))
    .map((o) => ({ value: o.id, label: o.acronym ? `${o.name} (${o.acronym})` : o.name }));
}
