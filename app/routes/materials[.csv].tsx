// /materials.csv: the materials library as CSV with its filters (a filter the page would leave out is refused); download links only for those who may download.
import { type LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "#db/client.server";
import { readMaterialListFilters } from "~/models/api/catalogue.server";
import { materialCsvParts } from "~/models/api/list-exports.server";
import { getActor } from "~/utils/auth.server";
import { streamedDownload, throwIfParamError } from "~/utils/api.server";
import { today } from "~/utils/format";

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await getActor(request);
  const url = new URL(request.url);
  const db = getDb();
  const { filters, problems } = await readMaterialListFilters(db, url.searchParams);
  throwIfParamError(problems[0] ?? null);
  return streamedDownload(materialCsvParts(db, actor, filters, url.origin), { contentType: "text/csv; charset=utf-8", fileName: `materials-${today()}.csv` });
}
