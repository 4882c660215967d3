// /trainers.csv: the trainer directory as CSV with its filters; contact details only as the profile pages show them.
import { type LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "#db/client.server";
import { trainerCsvParts } from "~/models/api/list-exports.server";
import { readTrainerFilters } from "~/models/trainer-search.server";
import { getActor } from "~/utils/auth.server";
import { streamedDownload } from "~/utils/api.server";
import { today } from "~/utils/format";

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await getActor(request);
  const { page: _page, pageSize: _size, ...filters } = readTrainerFilters(new URL(request.url).searchParams);
  return streamedDownload(trainerCsvParts(getDb(), actor, filters), { contentType: "text/csv; charset=utf-8", fileName: `trainers-${today()}.csv` });
}
