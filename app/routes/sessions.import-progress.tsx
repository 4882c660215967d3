// GET /sessions/import-progress?job=…: how far the signed-in person's running
// import has got, for the import page's progress bar (JavaScript only).
import { type LoaderFunctionArgs } from "@remix-run/node";
import { canImportSessions, readImportProgress } from "~/models/session-import-web.server";
import { requireActor } from "~/utils/auth.server";
import { forbidden } from "~/utils/permissions.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  if (!canImportSessions(actor)) forbidden("Only trainers and coordinators import sessions.");
  const job = new URL(request.url).searchParams.get("job") ?? "";
  // Plain JSON for a plain fetch; never cached, it changes by the second.
  return Response.json({ progress: readImportProgress(actor, job) }, { headers: { "Cache-Control": "no-store" } });
}
