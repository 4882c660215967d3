// GET /api/v1/requests: assistance requests as the actor may see them, by the
// requests model's own rule (visibleRequestsCondition): public ones for
// everyone; the rest for their country's focal points, their submitter,
// donors and coordinators.
import { and, asc, count, desc, eq, inArray, isNull, or, sql, type SQL } from "drizzle-orm";
import { type Executor } from "#db/client.server";
import { assistanceRequests, countries, organisations, requestAudiences, requestLanguages, requestTopics } from "#db/schema";
import { REQUEST_PARAMS } from "~/domain/api-endpoints";
import { leavingOutBadParams, type ParamError, type ParamValues } from "~/domain/api-params";
import { OPEN_REQUEST_STATUSES } from "~/domain/coverage";
import { REQUEST_LIST_PARAMS } from "~/domain/list-page-params";
import { offsetOf, type Paging } from "~/utils/list-params";
import { type RequestListFilters } from "~/models/request-queries.server";
import { visibleRequestsCondition } from "~/models/requests.server";
import { type Actor } from "~/utils/permissions.server";
import { checkQuery, findUnknownReference } from "./references.server";

const r = assistanceRequests;

type RequestFilters = Omit<ParamValues<typeof REQUEST_PARAMS>, "page" | "pageSize">;

function unknownRequestReference(db: Executor, p: Pick<RequestFilters, "country" | "topic">) {
  return findUnknownReference(db, [
    { parameter: "country", kind: "country", values: p.country },
    { parameter: "topic", kind: "topic", values: p.topic },
  ]);
}

/** A requests query as the API reads it: its values, or the first bad parameter (a 400). */
export function checkRequestQuery(db: Executor, params: URLSearchParams) {
  return checkQuery(db, REQUEST_PARAMS, params, unknownRequestReference);
}

/** The requests list's query as its page and CSV read it: the filters and paging without each bad parameter, and what was wrong with each. */
export async function readRequestListFilters(db: Executor, params: URLSearchParams): Promise<{ filters: RequestListFilters; paging: Paging; problems: ParamError[] }> {
  const { value, problems } = await leavingOutBadParams(params, (query) => checkQuery(db, REQUEST_LIST_PARAMS, query, unknownRequestReference));
  const open = value.open === "1";
  return {
    filters: {
      countries: value.country,
      // "Open requests only" means any open status, unless particular statuses are ticked.
      statuses: open && !value.status.length ? [...OPEN_REQUEST_STATUSES] : value.status,
      topics: value.topic,
      mine: value.mine === "1",
      open,
    },
    paging: { page: value.page, pageSize: value.pageSize },
    problems,
  };
}

function conditions(actor: Actor, f: RequestFilters): SQL | undefined {
  const where: (SQL | undefined)[] = [isNull(r.deletedAt), visibleRequestsCondition(actor)];
  if (f.country.length) where.push(inArray(r.countryCode, f.country));
  if (f.status.length) where.push(inArray(r.status, f.status));
  if (f.urgency.length) where.push(inArray(r.urgency, f.urgency));
  if (f.topic.length) {
    const family = or(...f.topic.map((code) => sql`(${requestTopics.topicCode} = ${code} OR (${requestTopics.topicCode} >= ${code + "."} AND ${requestTopics.topicCode} < ${code + "/"}))`));
    where.push(sql`${r.id} IN (SELECT ${requestTopics.requestId} FROM ${requestTopics} WHERE ${family})`);
  }
  return and(...where);
}

export async function listApiRequests(db: Executor, actor: Actor, filters: RequestFilters, paging: Paging) {
  const where = conditions(actor, filters);
  const [rows, [{ total }]] = await Promise.all([
    db
      .select({ request: r, countryName: countries.nameEn, agencyOrgName: organisations.name })
      .from(r)
      .innerJoin(countries, eq(countries.code, r.countryCode))
      .leftJoin(organisations, eq(organisations.id, r.agencyId))
      .where(where)
      .orderBy(desc(r.createdAt), desc(r.id))
      .limit(paging.pageSize)
      .offset(offsetOf(paging)),
    db.select({ total: count() }).from(r).where(where),
  ]);
  const ids = rows.map((row) => row.request.id);
  const [topicRows, audienceRows, languageRows] = ids.length
    ? await Promise.all([
        db.select().from(requestTopics).where(inArray(requestTopics.requestId, ids)).orderBy(asc(requestTopics.topicCode)),
        db.select().from(requestAudiences).where(inArray(requestAudiences.requestId, ids)).orderBy(asc(requestAudiences.audienceCode)),
        db.select().from(requestLanguages).where(inArray(requestLanguages.requestId, ids)).orderBy(asc(requestLanguages.language)),
      ])
    : [[], [], []];
  const items = rows.map(({ request, agencyOrgName }) => ({
    id: request.id,
    country: request.countryCode,
    agency: request.agencyId ? { id: request.agencyId, name: agencyOrgName } : request.agencyName ? { id: null, name: request.agencyName } : null,
    title: request.title,
    description: request.description,
    topics: topicRows.filter((t) => t.requestId === request.id).map((t) => t.topicCode),
    audiences: audienceRows.filter((a) => a.requestId === request.id).map((a) => a.audienceCode),
    languages: languageRows.filter((l) => l.requestId === request.id).map((l) => l.language),
    expectedParticipants: request.expectedParticipants,
    wantedFrom: request.wantedFrom,
    wantedTo: request.wantedTo,
    urgency: request.urgency,
    status: request.status,
    isPublic: request.isPublic,
    createdAt: request.createdAt,
    updatedAt: request.updatedAt,
  }));
  return { items, page: paging.page, pageSize: paging.pageSize, total };
}
