import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { getDb } from "#db/client.server";
import { RECORD_KINDS } from "#db/schema";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { HistoryTable } from "~/components/history";
import { listHistory } from "~/models/audit.server";
import { requireActor } from "~/utils/auth.server";
import { forbidden, isAdmin, isCoordinator } from "~/utils/permissions.server";
import { humanise } from "~/utils/format";

// Fields whose values stay hidden from non-coordinators even in the history.
const SENSITIVE_FIELDS = new Set(["email", "phone", "passwordHash", "tokenHash", "notes", "outcomes", "reason", "decisionReason"]);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const kind = z.enum(RECORD_KINDS).safeParse(params.kind);
  if (!kind.success) throw new Response("No such kind of record.", { status: 404 });
  if ((kind.data === "user" || kind.data === "api_token") && !isAdmin(actor) && params.id !== actor.id) forbidden();
  const events = await listHistory(getDb(), kind.data, params.id!);
  const redact = !isCoordinator(actor);
  return {
    kind: kind.data,
    id: params.id!,
    events: events.map((e) => ({
      ...e,
      changes: Object.fromEntries(
        Object.entries(e.changes ?? {}).map(([field, change]) => [
          field,
          redact && SENSITIVE_FIELDS.has(field) ? { before: "(hidden)", after: "(hidden)" } : change,
        ]),
      ),
    })),
  };
}

export default function HistoryPage() {
  const { kind, id, events } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>History of {humanise(kind).toLowerCase()}</h1>
      <p className="muted">Record {id}. Every change is recorded here and cannot be altered.</p>
      <HistoryTable events={events} />
    </>
  );
}

export const meta: MetaFunction = () => [{ title: "History · Training Coordination Registry" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
