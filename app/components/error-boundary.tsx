import { Link, isRouteErrorResponse, useRouteError } from "@remix-run/react";

const TITLES: Record<number, string> = {
  400: "That request could not be understood",
  403: "You do not have access to this",
  404: "Not found",
  409: "Changed by someone else",
};

/** One kind page for 403/404/500; routes pass only their own message in the Response body. */
export function GeneralErrorBoundary() {
  const error = useRouteError();
  if (isRouteErrorResponse(error)) {
    const message = typeof error.data === "string" && error.data ? error.data : error.statusText;
    return (
      <section className="error-page">
        <h1>{TITLES[error.status] ?? `Error ${error.status}`}</h1>
        <p>{message}</p>
        {error.status === 403 && <p>If you think you should have access, ask a coordinator.</p>}
        <p>
          <Link to="/">Go to the home page</Link>
        </p>
      </section>
    );
  }
  if (typeof document === "undefined" || import.meta.env.DEV) console.error(error);
  return (
    <section className="error-page">
      <h1>Something went wrong</h1>
      <p>The error has been logged. Please try again; if it keeps happening, tell a coordinator.</p>
      <p>
        <Link to="/">Go to the home page</Link>
      </p>
    </section>
  );
}
