import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import { getDb } from "#db/client.server";
import { SESSION_STATUSES } from "#db/schema";
import { CsvLink } from "~/components/csv-link";
import { PossibleDuplicateBadge } from "~/components/duplicate-parts";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FilterSelect } from "~/components/forms";
import { LeftOutFilters } from "~/components/left-out-filters";
import { Pagination } from "~/components/pagination";
import { NeedsUpdateBadge, SessionStatusBadge } from "~/components/session-status-badge";
import { TitleLink } from "~/components/title-link";
import { SESSION_LIST_PARAMS, SESSIONS_PER_PAGE } from "~/domain/session-filters";
import { readSessionListFilters } from "~/models/api/sessions.server";
import { sessionFilterOptions } from "~/models/session-form-options.server";
import { listSessions } from "~/models/session-list.server";
import { canImportSessions } from "~/models/session-import-web.server";
import { canCreateSession } from "~/models/sessions.server";
import { possibleDuplicateIds } from "~/models/duplicates.server";
import { getActor } from "~/utils/auth.server";
import { formatDateRange, formatNumber, humanise, today } from "~/utils/format";
import { readPaging } from "~/utils/list-params";
import { isCoordinator } from "~/utils/permissions.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await getActor(request);
  const params = new URL(request.url).searchParams;
  const paging = { ...readPaging(params, SESSIONS_PER_PAGE), pageSize: SESSIONS_PER_PAGE };
  const db = getDb();
  const { filters, problems } = await readSessionListFilters(db, params, SESSION_LIST_PARAMS);
  const [result, options] = await Promise.all([listSessions(db, filters, paging, today()), sessionFilterOptions(db)]);
  const flagged = await possibleDuplicateIds(db, result.items.map((s) => s.id));
  return {
    filters,
    problems,
    ...result,
    items: result.items.map((s) => ({ ...s, possibleDuplicate: flagged.has(s.id) })),
    options,
    canCreate: canCreateSession(actor),
    canImport: canImportSessions(actor),
    // Those who report sessions keep them up to date.
    showNeedsUpdate: isCoordinator(actor) || actor?.role === "trainer",
  };
}

export default function SessionsPage() {
  const { filters, problems, items, total, page, pageSize, options, canCreate, canImport, showNeedsUpdate } = useLoaderData<typeof loader>();
  const location = useLocation();
  return (
    <>
      <div className="results-head">
        <h1>Training sessions</h1>
        <div className="actions">
          {showNeedsUpdate && <Link to="/sessions/needs-update">Sessions that need an update</Link>}
          {canImport && <Link to="/sessions/import">Import from CSV</Link>}
          {canCreate && (
            <Link className="button" to="/sessions/new">
              Register a session
            </Link>
          )}
        </div>
      </div>
      <div className="with-sidebar">
        {/* Keyed by the query so the controls follow the URL after client-side navigation. */}
        <Form method="get" className="filters" role="search" aria-labelledby="filters-heading" key={location.search}>
          <h2 id="filters-heading">Filter sessions</h2>
          <div className="field">
            <label htmlFor="session-q">Title contains</label>
            <input id="session-q" name="q" type="search" defaultValue={filters.q} />
          </div>
          <FilterSelect id="session-country" name="country" label="Beneficiary country" any="Any country" value={filters.countries[0]} options={options.countries} />
          <FilterSelect id="session-region" name="region" label="Region (UN M49)" any="Any region" value={filters.region} options={options.regions} />
          <FilterSelect id="session-topic" name="topic" label="Topic" any="Any topic" value={filters.topics[0]} options={options.topics} hint="A general topic includes its subtopics." />
          <FilterSelect id="session-audience" name="audience" label="Audience" any="Any audience" value={filters.audiences[0]} options={options.audiences} />
          <FilterSelect id="session-offence" name="offence" label="Offence focus" any="Any offence focus" value={filters.offences[0]} options={options.offences} />
          <fieldset className="facet">
            <legend>Status</legend>
            <ul>
              {SESSION_STATUSES.map((status) => (
                <li key={status}>
                  <label>
                    <input type="checkbox" name="status" value={status} defaultChecked={filters.statuses.includes(status)} />
                    {humanise(status)}
                  </label>
                </li>
              ))}
            </ul>
          </fieldset>
          <fieldset className="facet">
            <legend>Dates</legend>
            <span className="hint muted">Sessions running at any time in this period.</span>
            <div className="field">
              <label htmlFor="session-from">From</label>
              <input id="session-from" name="from" type="date" defaultValue={filters.from ?? ""} />
            </div>
            <div className="field">
              <label htmlFor="session-to">To</label>
              <input id="session-to" name="to" type="date" defaultValue={filters.to ?? ""} />
            </div>
          </fieldset>
          <FilterSelect id="session-provider" name="provider" label="Provider" any="Any provider" value={filters.providers[0]} options={options.organisations} />
          <FilterSelect id="session-funder" name="funder" label="Funder" any="Any funder" value={filters.funders[0]} options={options.organisations} />
          <FilterSelect id="session-reporter" name="reporter" label="Reported by" any="Any organisation" value={filters.reporter} options={options.organisations} />
          <div className="field">
            <label htmlFor="session-sort">Order</label>
            <select id="session-sort" name="sort" defaultValue={filters.sort}>
              <option value="newest">Newest first</option>
              <option value="oldest">Oldest first</option>
            </select>
          </div>
          <div className="actions">
            <button type="submit">Apply filters</button>
            <Link to="/sessions">Clear all</Link>
          </div>
        </Form>
        <section aria-labelledby="results-heading">
          <LeftOutFilters problems={problems} />
          <h2 id="results-heading" aria-live="polite">
            {total === 1 ? "1 session" : `${formatNumber(total)} sessions`}
          </h2>
          <CsvLink to="/sessions.csv" importable="/api/v1/sessions.csv" leftOut={problems.map((p) => p.parameter)} />
          {items.length ? <SessionTable items={items} /> : <p>No sessions match. Try fewer filters or a wider period.</p>}
          <Pagination page={page} pageSize={pageSize} total={total} />
        </section>
      </div>
    </>
  );
}

type Row = ReturnType<typeof useLoaderData<typeof loader>>["items"][number];

function SessionTable({ items }: { items: Row[] }) {
  return (
    <div className="table-scroll">
      <table className="session-table">
        <caption className="visually-hidden">Training sessions, in the order chosen</caption>
        <thead>
          <tr>
            <th scope="col">Session</th>
            <th scope="col">Dates</th>
            <th scope="col">Where</th>
            <th scope="col">Provider</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {items.map((s) => (
            <tr key={s.id}>
              <th scope="row">
                <TitleLink to={`/sessions/${s.id}`}>{s.title}</TitleLink> <PossibleDuplicateBadge show={s.possibleDuplicate} />
              </th>
              <td>{formatDateRange(s.startDate, s.endDate)}</td>
              <td>
                {s.hostCountryName}
                {s.otherCountries > 0 && <span className="muted"> and {s.otherCountries} more</span>}
              </td>
              <td>{s.providerAcronym ?? s.providerName}</td>
              <td>
                <SessionStatusBadge status={s.status} /> {s.conflict && <NeedsUpdateBadge reason={s.conflict} />}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export const meta: MetaFunction = () => [
  { title: "Training sessions · Training Coordination Registry" },
  { name: "description", content: "Planned and delivered training against online child abuse and exploitation, by country, region, topic and provider." },
];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
