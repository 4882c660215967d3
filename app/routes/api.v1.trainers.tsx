// GET /api/v1/trainers: the trainer directory; email and phone only for signed-in callers and only with consent.
import { getDb } from "#db/client.server";
import { TRAINER_PARAMS } from "~/domain/api-endpoints";
import { listTrainerRecords, trainerApiItem, trainerFiltersOf, unknownTrainerReference } from "~/models/api/directory.server";
import { apiJson, apiLoader, readApiParams, throwIfParamError } from "~/utils/api.server";

export const loader = apiLoader(async ({ request, actor }) => {
  const { page, pageSize, ...params } = readApiParams(request, TRAINER_PARAMS);
  const db = getDb();
  throwIfParamError(await unknownTrainerReference(db, { page, pageSize, ...params }));
  const { records, total } = await listTrainerRecords(db, actor, trainerFiltersOf(params, { page, pageSize }));
  return apiJson({ items: records.map(trainerApiItem), page, pageSize, total });
});
