// GET /api/v1/materials: the library's metadata; a file or link only for those allowed to download it.
import { getDb } from "#db/client.server";
import { checkMaterialQuery, listMaterialRecords, materialApiItem, materialFiltersOf } from "~/models/api/catalogue.server";
import { apiJson, apiLoader, valueOrThrow } from "~/utils/api.server";

export const loader = apiLoader(async ({ request, actor }) => {
  const db = getDb();
  const { page, pageSize, ...params } = valueOrThrow(await checkMaterialQuery(db, new URL(request.url).searchParams));
  const { records, total } = await listMaterialRecords(db, actor, materialFiltersOf(params), { page, pageSize });
  const origin = new URL(request.url).origin;
  return apiJson({ items: records.map((m) => materialApiItem(m, origin)), page, pageSize, total });
});
