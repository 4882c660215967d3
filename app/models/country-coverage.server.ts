// The coverage part of a country's profile: topics covered against assessed
// needs and the country's ranked gaps, counted as on the coverage pages.
import { type Executor } from "#db/client.server";
import { readPageCoverageFilters } from "~/domain/coverage-params";
import { type Actor } from "~/utils/permissions.server";
import { getCoverage } from "./coverage.server";
import { getGapList, queryFromFilters } from "./coverage-views.server";
import { requestVisibility } from "./requests.server";
import { canRecordNeeds, listNeedsAssessments } from "./needs-assessments.server";
import { listTopics } from "./reference.server";

/**
 * `params`: the coverage pages' period and record filters, carried by their
 * links to the profile (the last 3 years when none); region and topic do not
 * apply to one country's table of all topics.
 */
export async function getCountryCoverage(db: Executor, countryCode: string, actor: Actor, today: string, params: URLSearchParams) {
  const filters = { ...readPageCoverageFilters(params, today), region: null, topic: null };
  const viewer = requestVisibility(actor);
  const [cells, topics, assessments, gaps] = await Promise.all([
    getCoverage(db, queryFromFilters(filters, viewer, { countries: [countryCode] })),
    listTopics(db),
    listNeedsAssessments(db, countryCode),
    getGapList(db, filters, today, viewer, { country: countryCode }),
  ]);
  const byTopic = new Map(cells.map((c) => [c.topic, c]));
  return {
    filters,
    topics: topics.map((t) => {
      const c = byTopic.get(t.code);
      return {
        code: t.code,
        label: t.label,
        isSubtopic: !!t.parentCode,
        delivered: c?.delivered ?? 0,
        planned: c?.planned ?? 0,
        participants: c?.participants ?? 0,
        lastDelivered: c?.lastDelivered ?? null,
        needLevel: c?.needLevel ?? null,
        openRequests: c?.openRequests ?? 0,
        gap: !!c?.gap,
      };
    }),
    gaps: gaps.slice(0, 10),
    gapCount: gaps.length,
    latestAssessment: assessments[0] ?? null,
    assessmentCount: assessments.length,
    canRecordNeeds: canRecordNeeds(actor, countryCode),
  };
}

export type CountryCoverage = Awaited<ReturnType<typeof getCountryCoverage>>;
