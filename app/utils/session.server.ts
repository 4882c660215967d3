import { createCookieSessionStorage } from "@remix-run/node";
import { getEnv } from "./env.server";

let storage: ReturnType<typeof createCookieSessionStorage<{ userId: string }, { flash: string }>> | undefined;

/** Signed cookie sessions: httpOnly, SameSite=Lax, Secure in production. */
export function sessionStorage() {
  const env = getEnv();
  storage ??= createCookieSessionStorage<{ userId: string }, { flash: string }>({
    cookie: {
      name: "__registry_session",
      httpOnly: true,
      sameSite: "lax",
      path: "/",
      secure: env.SECURE_COOKIES,
      secrets: [env.SESSION_SECRET],
      maxAge: 60 * 60 * 24 * 14,
    },
  });
  return storage;
}

export function getSession(request: Request) {
  return sessionStorage().getSession(request.headers.get("Cookie"));
}

/** Redirect with a one-time message shown at the top of the next page. */
export async function flashMessage(request: Request, message: string) {
  const session = await getSession(request);
  session.flash("flash", message);
  return { "Set-Cookie": await sessionStorage().commitSession(session) };
}
