// GET /api/v1/organisations: providers, funders and requesting agencies, as the organisations page lists them.
import { getDb } from "#db/client.server";
import { checkOrganisationQuery, listOrganisationRecords, organisationApiItem, organisationFiltersOf } from "~/models/api/directory.server";
import { apiJson, apiLoader, valueOrThrow } from "~/utils/api.server";

export const loader = apiLoader(async ({ request }) => {
  const db = getDb();
  const { page, pageSize, ...params } = valueOrThrow(await checkOrganisationQuery(db, new URL(request.url).searchParams));
  const { records, total } = await listOrganisationRecords(db, organisationFiltersOf(params, { page, pageSize }));
  return apiJson({ items: records.map(organisationApiItem), page, pageSize, total });
});
