import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { getDb } from "#db/client.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Pagination } from "~/components/pagination";
import { listInbox, markRead } from "~/models/notifications.server";
import { requireActor } from "~/utils/auth.server";
import { formatDateTime } from "~/utils/format";
import { readPaging } from "~/utils/list-params";
import { safeRedirect } from "~/utils/safe-redirect";

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const params = new URL(request.url).searchParams;
  const unreadOnly = params.get("show") === "unread";
  return { unreadOnly, ...(await listInbox(getDb(), actor, readPaging(params, 25), { unreadOnly })) };
}

const InboxActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("read"), id: z.string().min(1), open: z.string().optional() }),
  z.object({ intent: z.literal("read-all") }),
]);

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const parsed = InboxActionSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) throw new Response("Unknown action", { status: 400 });
  const db = getDb();
  if (parsed.data.intent === "read-all") {
    await markRead(db, actor, "all");
    return redirect("/inbox");
  }
  await markRead(db, actor, [parsed.data.id]);
  // "Open" marks the notification read and goes where it points.
  return redirect(safeRedirect(parsed.data.open, "/inbox"));
}

export default function InboxPage() {
  const { items, total, unread, page, pageSize, unreadOnly } = useLoaderData<typeof loader>();
  return (
    <>
      <div className="results-head">
        <h1>Inbox</h1>
        <div className="actions">
          <Link to="/follows">What you follow</Link>
          {unread > 0 && (
            <Form method="post">
              <button type="submit" name="intent" value="read-all" className="secondary">
                Mark all as read
              </button>
            </Form>
          )}
        </div>
      </div>
      <p aria-live="polite">
        {unread === 0 ? "Nothing unread." : unread === 1 ? "1 unread notification." : `${unread} unread notifications.`}{" "}
        {unreadOnly ? <Link to="/inbox">Show all</Link> : unread > 0 && <Link to="/inbox?show=unread">Show unread only</Link>}
      </p>
      {items.length ? (
        <ol className="inbox">
          {items.map((n) => (
            <li key={n.id} className={n.readAt ? "read" : "unread"}>
              <p>
                {!n.readAt && <span className="badge warn">New</span>} {n.message}
              </p>
              <div className="muted inbox-meta">
                {formatDateTime(n.at)}
                {n.link && (
                  <Form method="post" className="inline-form">
                    <input type="hidden" name="id" value={n.id} />
                    <input type="hidden" name="open" value={n.link} />
                    <button type="submit" name="intent" value="read" className="link-button">
                      Open<span className="visually-hidden">: {n.message}</span>
                    </button>
                  </Form>
                )}
                {!n.readAt && (
                  <Form method="post" className="inline-form">
                    <input type="hidden" name="id" value={n.id} />
                    <button type="submit" name="intent" value="read" className="link-button">
                      Mark as read<span className="visually-hidden">: {n.message}</span>
                    </button>
                  </Form>
                )}
              </div>
            </li>
          ))}
        </ol>
      ) : (
        <p>{total === 0 && !unreadOnly ? "No notifications yet. Follow a country, region or topic to hear of new sessions and requests there." : "No notifications here."}</p>
      )}
      <Pagination page={page} pageSize={pageSize} total={total} />
    </>
  );
}

export const meta: MetaFunction = () => [{ title: "Inbox · Training Coordination Registry" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
