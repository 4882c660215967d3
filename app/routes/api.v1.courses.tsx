// GET /api/v1/courses: the course catalogue, filtered and ordered as the catalogue page does.
import { getDb } from "#db/client.server";
import { checkCourseQuery, courseApiItem, courseSearchOf, listCourseRecords } from "~/models/api/catalogue.server";
import { apiJson, apiLoader, valueOrThrow } from "~/utils/api.server";

export const loader = apiLoader(async ({ request }) => {
  const db = getDb();
  const { page, pageSize, ...params } = valueOrThrow(await checkCourseQuery(db, new URL(request.url).searchParams));
  const { records, total } = await listCourseRecords(db, courseSearchOf(params, { page, pageSize }));
  return apiJson({ items: records.map(courseApiItem), page, pageSize, total });
});
