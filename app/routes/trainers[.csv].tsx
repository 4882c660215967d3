// /trainers.csv: the trainer directory as CSV with its filters (a filter the page would leave out is refused); contact details only as the profile pages show them.
import { type LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "#db/client.server";
import { readTrainerListFilters } from "~/models/api/directory.server";
import { trainerCsvParts } from "~/models/api/list-exports.server";
import { getActor } from "~/utils/auth.server";
import { streamedDownload, throwIfParamError } from "~/utils/api.server";
import { today } from "~/utils/format";

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await getActor(request);
  const db = getDb();
  const { filters, problems } = await readTrainerListFilters(db, new URL(request.url).searchParams);
  throwIfParamError(problems[0] ?? null);
  const { page: _page, pageSize: _size, ...unpaged } = filters;
  return streamedDownload(trainerCsvParts(db, actor, unpaged), { contentType: "text/csv; charset=utf-8", fileName: `trainers-${today()}.csv` });
}
