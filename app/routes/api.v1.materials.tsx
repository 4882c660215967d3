// GET /api/v1/materials: the library's metadata; a file or link only for those allowed to download it.
import { getDb } from "#db/client.server";
import { MATERIAL_PARAMS } from "~/domain/api-endpoints";
import { listMaterialRecords, materialApiItem, materialFiltersOf, unknownMaterialReference } from "~/models/api/catalogue.server";
import { apiJson, apiLoader, readApiParams, throwIfParamError } from "~/utils/api.server";

export const loader = apiLoader(async ({ request, actor }) => {
  const { page, pageSize, ...params } = readApiParams(request, MATERIAL_PARAMS);
  const db = getDb();
  throwIfParamError(await unknownMaterialReference(db, { page, pageSize, ...params }));
  const { records, total } = await listMaterialRecords(db, actor, materialFiltersOf(params), { page, pageSize });
  const origin = new URL(request.url).origin;
  return apiJson({ items: records.map((m) => materialApiItem(m, origin)), page, pageSize, total });
});
