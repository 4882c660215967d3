import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import { getDb } from "#db/client.server";
import { REQUEST_STATUSES } from "#db/schema";
import { CsvLink } from "~/components/csv-link";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FilterSelect } from "~/components/forms";
import { LeftOutFilters } from "~/components/left-out-filters";
import { Pagination } from "~/components/pagination";
import { RequestStatusBadge } from "~/components/request-status-badge";
import { TitleLink } from "~/components/title-link";
import { REQUEST_STATUS_LABELS } from "~/domain/request-status";
import { readRequestListFilters } from "~/models/api/requests.server";
import { listRequests } from "~/models/request-queries.server";
import { canSubmitRequest } from "~/models/requests.server";
import { sessionFilterOptions } from "~/models/session-form-options.server";
import { getActor } from "~/utils/auth.server";
import { formatDate, formatNumber, humanise } from "~/utils/format";

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await getActor(request);
  const db = getDb();
  const { filters, paging, problems } = await readRequestListFilters(db, new URL(request.url).searchParams);
  const [result, options] = await Promise.all([listRequests(db, actor, filters, paging), sessionFilterOptions(db)]);
  return {
    filters,
    problems,
    ...result,
    options: { countries: options.countries, topics: options.topics },
    canSubmit: canSubmitRequest(actor),
    hasCountry: actor?.role === "focal_point" && !!actor.countryCode,
    signedIn: !!actor,
  };
}

export default function RequestsPage() {
  const { filters, problems, items, total, page, pageSize, options, canSubmit, hasCountry, signedIn } = useLoaderData<typeof loader>();
  const location = useLocation();
  return (
    <>
      <div className="results-head">
        <h1>Requests for assistance</h1>
        <div className="actions">
          {canSubmit && (
            <Link className="button" to="/requests/new">
              Request assistance
            </Link>
          )}
        </div>
      </div>
      <p className="lead">
        Member States ask for training here; coordinators match each request with courses, trainers and providers.
        {!signedIn && " Only requests their countries chose to make public are shown to visitors."}
      </p>
      <div className="with-sidebar">
        <Form method="get" className="filters" role="search" aria-labelledby="filters-heading" key={location.search}>
          <h2 id="filters-heading">Filter requests</h2>
          {hasCountry && (
            <div className="field">
              <label>
                <input type="checkbox" name="mine" value="1" defaultChecked={filters.mine} /> My country&apos;s requests only
              </label>
            </div>
          )}
          <div className="field">
            <label>
              <input type="checkbox" name="open" value="1" defaultChecked={filters.open} /> Open requests only
            </label>
          </div>
          <FilterSelect id="request-country" name="country" label="Country" any="Any country" value={filters.countries[0]} options={options.countries} />
          <FilterSelect id="request-topic" name="topic" label="Topic" any="Any topic" value={filters.topics[0]} options={options.topics} />
          <fieldset className="facet">
            <legend>Status</legend>
            <ul>
              {REQUEST_STATUSES.map((status) => (
                <li key={status}>
                  <label>
                    <input type="checkbox" name="status" value={status} defaultChecked={!filters.open && filters.statuses.includes(status)} />
                    {REQUEST_STATUS_LABELS[status]}
                  </label>
                </li>
              ))}
            </ul>
          </fieldset>
          <div className="actions">
            <button type="submit">Apply filters</button>
            <Link to="/requests">Clear all</Link>
          </div>
        </Form>
        <section aria-labelledby="results-heading">
          <LeftOutFilters problems={problems} />
          <h2 id="results-heading" aria-live="polite">
            {total === 1 ? "1 request" : `${formatNumber(total)} requests`}
          </h2>
          <CsvLink to="/requests.csv" leftOut={problems.map((p) => p.parameter)} />
          {items.length ? (
            <table>
              <caption className="visually-hidden">Requests for assistance, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">Request</th>
                  <th scope="col">Country</th>
                  <th scope="col">Topics</th>
                  <th scope="col">Urgency</th>
                  <th scope="col">Submitted</th>
                  <th scope="col">Status</th>
                </tr>
              </thead>
              <tbody>
                {items.map((r) => (
                  <tr key={r.id}>
                    <th scope="row">
                      <TitleLink to={`/requests/${r.id}`}>{r.title}</TitleLink>
                      {!r.isPublic && <span className="muted"> (not public)</span>}
                    </th>
                    <td>{r.countryName}</td>
                    <td>{r.topics}</td>
                    <td>{humanise(r.urgency)}</td>
                    <td>{formatDate(r.createdAt.slice(0, 10))}</td>
                    <td>
                      <RequestStatusBadge status={r.status} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p>No requests match.</p>
          )}
          <Pagination page={page} pageSize={pageSize} total={total} />
        </section>
      </div>
    </>
  );
}

export const meta: MetaFunction = () => [
  { title: "Requests for assistance · Training Coordination Registry" },
  { name: "description", content: "Member States' requests for training against online child abuse and exploitation, and how each was answered." },
];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
