// /materials.csv: the materials library as CSV with its filters; download links only for those who may download.
import { type LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "#db/client.server";
import { materialCsvParts } from "~/models/api/list-exports.server";
import { isAccessLevel, isMaterialKind, type MaterialFilters } from "~/models/materials.server";
import { getActor } from "~/utils/auth.server";
import { streamedDownload } from "~/utils/api.server";
import { today } from "~/utils/format";

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await getActor(request);
  const url = new URL(request.url);
  // Read as the library page reads them: values that cannot be right are ignored.
  const value = (name: string) => url.searchParams.get(name)?.trim() || undefined;
  const filters: MaterialFilters = {
    q: value("q"),
    kind: [value("kind")].find(isMaterialKind),
    language: value("language")?.match(/^[a-z]{2}$/)?.[0],
    accessLevel: [value("access")].find(isAccessLevel),
    publisherId: value("publisher"),
    topic: value("topic"),
  };
  return streamedDownload(materialCsvParts(getDb(), actor, filters, url.origin), { contentType: "text/csv; charset=utf-8", fileName: `materials-${today()}.csv` });
}
