import { type LinksFunction, type LoaderFunctionArgs } from "@remix-run/node";
import {
  Form,
  Link,
  Links,
  Meta,
  NavLink,
  Outlet,
  Scripts,
  ScrollRestoration,
  data,
  useLoaderData,
  useLocation,
  useRouteLoaderData,
} from "@remix-run/react";
import { useEffect } from "react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { unreadCount } from "~/models/notifications.server";
import { getDb } from "#db/client.server";
import { getActor } from "~/utils/auth.server";
import { getSession, sessionStorage } from "~/utils/session.server";
import stylesUrl from "~/styles.css?url";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesUrl },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await getActor(request);
  const session = await getSession(request);
  const flash = session.get("flash") ?? null;
  const user = actor && { id: actor.id, displayName: actor.displayName, role: actor.role, vetted: actor.vetted, unread: await unreadCount(getDb(), actor.id) };
  const headers = flash ? { "Set-Cookie": await sessionStorage().commitSession(session) } : undefined;
  return data({ user, flash }, { headers });
}

export type RootUser = Awaited<ReturnType<typeof loader>>["data"]["user"];

/** The signed-in user as the root loader saw them, for any component. */
export function useOptionalUser() {
  return useRouteLoaderData<typeof loader>("root")?.user ?? null;
}

const NAV = [
  { to: "/courses", label: "Courses" },
  { to: "/sessions", label: "Training sessions" },
  { to: "/trainers", label: "Trainers" },
  { to: "/materials", label: "Materials" },
  { to: "/organisations", label: "Organisations" },
  { to: "/countries", label: "Countries" },
  { to: "/coverage", label: "Coverage" },
  { to: "/requests", label: "Requests" },
  { to: "/check", label: "Check before funding" },
];

export function Layout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        {children}
        <ScrollRestoration />
        <Scripts />
      </body>
    </html>
  );
}

function Header() {
  const user = useOptionalUser();
  const location = useLocation();
  return (
    <header className="site-header">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <div className="brand">
        <Link to="/">Training Coordination Registry</Link>
      </div>
      <nav aria-label="Main">
        <ul>
          {NAV.map((item) => (
            <li key={item.to}>
              <NavLink to={item.to}>{item.label}</NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <div className="account">
        {user ? (
          <>
            {(user.role === "coordinator" || user.role === "admin") && <NavLink to="/coordination">Coordination</NavLink>}
            {user.role === "donor" && <NavLink to="/overlaps">Overlaps</NavLink>}
            {user.role === "admin" && <NavLink to="/admin/users">Users</NavLink>}
            <NavLink to="/inbox">{user.unread ? `Inbox (${user.unread})` : "Inbox"}</NavLink>
            <NavLink to="/profile">{user.displayName}</NavLink>
            <Form method="post" action="/logout">
              <button type="submit" className="link-button">
                Sign out
              </button>
            </Form>
          </>
        ) : (
          <Link to={`/login?${new URLSearchParams({ redirectTo: location.pathname + location.search })}`}>Sign in</Link>
        )}
      </div>
    </header>
  );
}

export default function App() {
  const { flash } = useLoaderData<typeof loader>();
  // Lets end-to-end tests wait until React has taken over the page.
  useEffect(() => {
    document.body.dataset.hydrated = "true";
  }, []);
  return (
    <>
      <Header />
      <main id="main" tabIndex={-1}>
        {flash && (
          <p role="status" className="flash">
            {flash}
          </p>
        )}
        <Outlet />
      </main>
      <footer className="site-footer">
        <p>
          Tracks training against technology-facilitated child abuse and exploitation (E/CN.15/2014/7, para. 59). All demo data
          is fictional.
        </p>
      </footer>
    </>
  );
}

export function ErrorBoundary() {
  return (
    <>
      <Header />
      <main id="main">
        <GeneralErrorBoundary />
      </main>
    </>
  );
}
