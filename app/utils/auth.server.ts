// Who is making this request: a signed-in session, a personal API token, or nobody.
import { redirect } from "@remix-run/node";
import { getDb } from "#db/client.server";
import { getActorByApiToken, getActorById } from "~/models/users.server";
import { type Actor, type SignedInActor } from "./permissions.server";
import { getSession, sessionStorage } from "./session.server";

export async function getActor(request: Request): Promise<Actor> {
  const authorization = request.headers.get("Authorization");
  if (authorization?.startsWith("Bearer ") && tokenMayRead(request)) {
    return getActorByApiToken(getDb(), authorization.slice("Bearer ".length).trim());
  }
  const session = await getSession(request);
  const userId = session.get("userId");
  return userId ? getActorById(getDb(), userId) : null;
}

/**
 * A personal API token reads: the JSON API, the exports (CSV, XML, iCalendar)
 * and the material downloads the API links to, by GET only. Anywhere else the
 * header is ignored, so a leaked token can neither change data nor mint tokens
 * that outlive its revocation.
 */
export function tokenMayRead(request: Request): boolean {
  if (request.method !== "GET" && request.method !== "HEAD") return false;
  const { pathname } = new URL(request.url);
  return pathname.startsWith("/api/") || /\.(csv|xml|ics)$/.test(pathname) || /^\/materials\/[^/]+\/download$/.test(pathname);
}

/** Signed-in users only; anyone else is sent to sign in and brought back. */
export async function requireActor(request: Request): Promise<SignedInActor> {
  const actor = await getActor(request);
  if (actor) return actor;
  const url = new URL(request.url);
  throw redirect(`/login?${new URLSearchParams({ redirectTo: url.pathname + url.search })}`);
}

export async function startSession(request: Request, userId: string, redirectTo: string) {
  const session = await getSession(request);
  session.set("userId", userId);
  return redirect(redirectTo, { headers: { "Set-Cookie": await sessionStorage().commitSession(session) } });
}

export async function endSession(request: Request) {
  const session = await getSession(request);
  return redirect("/", { headers: { "Set-Cookie": await sessionStorage().destroySession(session) } });
}

/** The client address for rate limiting; behind a proxy the first forwarded hop. */
export function clientAddress(request: Request): string {
  return request.headers.get("x-forwarded-for")?.split(",")[0]?.trim() || "local";
}
