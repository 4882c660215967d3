// GET /api/v1/sessions (DESIGN §7.2): the public facts of every session for
// everyone; notes, outcomes and the split by sex only for those who may see
// a session's restricted detail (its organisations, its countries' focal
// points, coordinators). Trainers appear by name, never with contact details.
import { type SessionFilters } from "~/domain/session-filters";
import { type Executor } from "#db/client.server";
import { type SessionFilterParams } from "~/domain/api-endpoints";
import { type ParamError } from "~/domain/api-params";
import { type Paging } from "~/utils/list-params";
import { type Actor } from "~/utils/permissions.server";
import { findUnknownReference } from "./references.server";
import { loadSessionRecords, maySeeRestricted, pageOfSessionIds, type SessionRecord } from "./session-records.server";

/** A 400 for codes and ids that name nothing. */
export function unknownSessionReference(db: Executor, params: SessionFilterParams): Promise<ParamError | null> {
  return findUnknownReference(db, [
    { parameter: "country", kind: "country", values: params.country },
    { parameter: "region", kind: "region", values: params.region },
    { parameter: "topic", kind: "topic", values: params.topic },
    { parameter: "audience", kind: "audience", values: params.audience },
    { parameter: "provider", kind: "organisation", values: params.provider },
    { parameter: "funder", kind: "organisation", values: params.funder },
    { parameter: "reporter", kind: "organisation", values: params.reporter },
  ]);
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
