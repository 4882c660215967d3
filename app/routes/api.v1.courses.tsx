// GET /api/v1/courses: the course catalogue, filtered and ordered as the catalogue page does.
import { getDb } from "#db/client.server";
import { COURSE_PARAMS } from "~/domain/api-endpoints";
import { courseApiItem, courseSearchOf, listCourseRecords, unknownCourseReference } from "~/models/api/catalogue.server";
import { apiJson, apiLoader, readApiParams, throwIfParamError } from "~/utils/api.server";

export const loader = apiLoader(async ({ request }) => {
  const { page, pageSize, ...params } = readApiParams(request, COURSE_PARAMS);
  const db = getDb();
  throwIfParamError(await unknownCourseReference(db, { page, pageSize, ...params }));
  const { records, total } = await listCourseRecords(db, courseSearchOf(params, { page, pageSize }));
  return apiJson({ items: records.map(courseApiItem), page, pageSize, total });
});
