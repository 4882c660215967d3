// GET /api/v1/organisations: providers, funders and requesting agencies, as the organisations page lists them.
import { getDb } from "#db/client.server";
import { ORGANISATION_PARAMS } from "~/domain/api-endpoints";
import { listOrganisationRecords, organisationApiItem, organisationFiltersOf, unknownOrganisationReference } from "~/models/api/directory.server";
import { apiJson, apiLoader, readApiParams, throwIfParamError } from "~/utils/api.server";

export const loader = apiLoader(async ({ request }) => {
  const { page, pageSize, ...params } = readApiParams(request, ORGANISATION_PARAMS);
  const db = getDb();
  throwIfParamError(await unknownOrganisationReference(db, { page, pageSize, ...params }));
  const { records, total } = await listOrganisationRecords(db, organisationFiltersOf(params, { page, pageSize }));
  return apiJson({ items: records.map(organisationApiItem), page, pageSize, total });
});
