// GET /api/v1/trainers: the trainer directory; email and phone only for signed-in callers and only with consent.
import { getDb } from "#db/client.server";
import { checkTrainerQuery, listTrainerRecords, trainerApiItem, trainerFiltersOf } from "~/models/api/directory.server";
import { apiJson, apiLoader, valueOrThrow } from "~/utils/api.server";

export const loader = apiLoader(async ({ request, actor }) => {
  const db = getDb();
  const { page, pageSize, ...params } = valueOrThrow(await checkTrainerQuery(db, new URL(request.url).searchParams));
  const { records, total } = await listTrainerRecords(db, actor, trainerFiltersOf(params, { page, pageSize }));
  return apiJson({ items: records.map(trainerApiItem), page, pageSize, total });
});
