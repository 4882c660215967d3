// GET /api/v1/sessions (DESIGN §7.2): the public facts of every session for
// everyone; notes, outcomes and the split by sex only for those who may see
// a session's restricted detail (its organisations, its countries' focal
// points, coordinators). Trainers appear by name, never with contact details.
import { type Executor } from "#db/client.server";
import { leavingOutBadParams, type ParamError, type ParamResult } from "~/domain/api-params";
import { parseSessionFilters, SESSION_FILTER_PARAMS, type SESSION_LIST_PARAMS, type SessionFilters } from "~/domain/session-filters";
import { type Paging } from "~/utils/list-params";
import { type Actor } from "~/utils/permissions.server";
import { findUnknownReference } from "./references.server";
import { loadSessionRecords, maySeeRestricted, pageOfSessionIds, type SessionRecord } from "./session-records.server";

/** A 400 for codes and ids that name nothing. */
export function unknownSessionReference(db: Executor, filters: SessionFilters): Promise<ParamError | null> {
  return findUnknownReference(db, [
    { parameter: "country", kind: "country", values: filters.countries },
    { parameter: "region", kind: "region", values: filters.region },
    { parameter: "topic", kind: "topic", values: filters.topics },
    { parameter: "audience", kind: "audience", values: filters.audiences },
    { parameter: "offence", kind: "offence", values: filters.offences },
    { parameter: "provider", kind: "organisation", values: filters.providers },
    { parameter: "funder", kind: "organisation", values: filters.funders },
    { parameter: "reporter", kind: "organisation", values: filters.reporter },
  ]);
}

/** A sessions query read strictly, as the API and the exports read it: the filters, or the first problem (a 400). */
export async function checkSessionFilters(
  db: Executor,
  params: URLSearchParams,
  specs: typeof SESSION_FILTER_PARAMS | typeof SESSION_LIST_PARAMS = SESSION_FILTER_PARAMS,
): Promise<ParamResult<SessionFilters>> {
  const parsed = parseSessionFilters(params, specs);
  if (!parsed.ok) return parsed;
  const unknown = await unknownSessionReference(db, parsed.value);
  return unknown ? { ok: false, ...unknown } : parsed;
}

/**
 * A sessions query as the list page and its CSV read it: the filters left
 * after taking out each bad parameter, and what was wrong with each (the
 * page shows the problems beside the list, the CSV refuses with the first).
 */
export async function readSessionListFilters(
  db: Executor,
  params: URLSearchParams,
  specs: typeof SESSION_FILTER_PARAMS | typeof SESSION_LIST_PARAMS = SESSION_FILTER_PARAMS,
): Promise<{ filters: SessionFilters; problems: ParamError[] }> {
  const { value, problems } = await leavingOutBadParams(params, (query) => checkSessionFilters(db, query, specs));
  return { filters: value, problems };
}

const organisation = (o: { id: string; name: string; acronym: string | null }) => ({ id: o.id, name: o.name, acronym: o.acronym });

export function sessionApiItem(record: SessionRecord, actor: Actor) {
  return {
    id: record.id,
    externalId: record.externalId,
    reportingOrganisation: organisation(record.reporter),
    title: record.title,
    courseId: record.courseId,
    provider: organisation(record.provider),
    funders: record.funderList.map(organisation),
    hostCountry: record.hostCountry,
    beneficiaryCountries: record.beneficiaries.map((c) => c.code),
    city: record.city,
    startDate: record.startDate,
    endDate: record.endDate,
    status: record.status,
    topics: record.topicList.map((t) => t.code),
    audiences: record.audienceList.map((a) => a.code),
    offenceFocus: record.offenceList.map((o) => o.code),
    language: record.language,
    mode: record.mode,
    participants: record.participants,
    trainers: record.trainerList.map((t) => t.name),
    providerRef: record.providerRef,
    updatedAt: record.updatedAt,
    ...(maySeeRestricted(actor, record)
      ? {
          restricted: {
            notes: record.notes,
            outcomes: record.outcomes,
            participantsFemale: record.participantsFemale,
            participantsMale: record.participantsMale,
          },
        }
      : {}),
  };
}

export type SessionApiItem = ReturnType<typeof sessionApiItem>;

export async function listApiSessions(db: Executor, actor: Actor, query: SessionFilters, paging: Paging) {
  const { ids, total } = await pageOfSessionIds(db, query, paging);
  const records = await loadSessionRecords(db, ids);
  return { items: records.map((r) => sessionApiItem(r, actor)), page: paging.page, pageSize: paging.pageSize, total };
}
