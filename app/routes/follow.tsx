// POST /follow: the follow buttons on country and other pages. Comes back to
// the page it was pressed on, so it works without JavaScript.
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { FOLLOW_KINDS } from "#db/schema";
import { getDb } from "#db/client.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { follow, unfollow } from "~/models/notifications.server";
import { requireActor } from "~/utils/auth.server";
import { safeRedirect } from "~/utils/safe-redirect";
import { flashMessage } from "~/utils/session.server";

export async function loader(_: LoaderFunctionArgs) {
  return redirect("/follows");
}

const FollowSchema = z.object({
  intent: z.enum(["follow", "unfollow"]),
  kind: z.enum(FOLLOW_KINDS),
  value: z.string().trim().min(1).max(64),
  redirectTo: z.string().optional(),
});

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const parsed = FollowSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) throw new Response("Choose something to follow.", { status: 400 });
  const { intent, kind, value } = parsed.data;
  const db = getDb();
  const to = safeRedirect(parsed.data.redirectTo, "/follows");
  if (intent === "follow") {
    const label = await follow(db, actor, kind, value);
    return redirect(to, { headers: await flashMessage(request, `You follow ${label}. New sessions, requests and changes there appear in your inbox.`) });
  }
  await unfollow(db, actor, kind, value);
  return redirect(to, { headers: await flashMessage(request, "You no longer follow it.") });
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
