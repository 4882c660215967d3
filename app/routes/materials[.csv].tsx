// /materials.csv: the materials library as CSV with its filters; download links only for those who may download.
import { type LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "#db/client.server";
import { materialCsvParts } from "~/models/api/list-exports.server";
import { readMaterialListFilters } from "~/models/materials.server";
import { getActor } from "~/utils/auth.server";
import { streamedDownload } from "~/utils/api.server";
import { today } from "~/utils/format";

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await getActor(request);
  const url = new URL(request.url);
  const db = getDb();
  const { filters } = await readMaterialListFilters(db, url.searchParams);
  return streamedDownload(materialCsvParts(db, actor, filters, url.origin), { contentType: "text/csv; charset=utf-8", fileName: `materials-${today()}.csv` });
}
