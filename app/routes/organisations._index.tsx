import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import { getDb } from "#db/client.server";
import { CsvLink } from "~/components/csv-link";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ORGANISATION_KIND_LABELS } from "~/domain/organisation-kinds";
import { LeftOutFilters } from "~/components/left-out-filters";
import { Pagination } from "~/components/pagination";
import { readOrganisationListFilters } from "~/models/api/directory.server";
import { canCreateOrganisation, organisationCountryOptions, searchOrganisations } from "~/models/organisations.server";
import { getActor } from "~/utils/auth.server";
import { formatNumber } from "~/utils/format";

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await getActor(request);
  const db = getDb();
  const { filters, problems } = await readOrganisationListFilters(db, new URL(request.url).searchParams);
  const [result, countries] = await Promise.all([searchOrganisations(db, filters), organisationCountryOptions(db)]);
  return {
    filters: { q: filters.q, kind: filters.kind ?? "", country: filters.country ?? "" },
    problems,
    ...result,
    countries,
    canCreate: canCreateOrganisation(actor),
  };
}

export default function OrganisationsPage() {
  const { filters, problems, items, total, page, pageSize, countries, canCreate } = useLoaderData<typeof loader>();
  const location = useLocation();
  return (
    <>
      <div className="results-head">
        <h1>Organisations</h1>
        {canCreate && (
          <Link className="button" to="/organisations/new">
            Add an organisation
          </Link>
        )}
      </div>
      <p className="prose muted">Providers, funders and requesting agencies, with the training sessions each has provided and funded.</p>
      <Form method="get" className="filters" role="search" aria-labelledby="filters-heading" key={location.search}>
        <h2 id="filters-heading" className="visually-hidden">
          Search and filter
        </h2>
        <div className="row">
          <div className="field">
            <label htmlFor="organisation-q">Name or acronym</label>
            <input id="organisation-q" name="q" type="search" defaultValue={filters.q} />
          </div>
          <div className="field">
            <label htmlFor="organisation-kind">Kind</label>
            <select id="organisation-kind" name="kind" defaultValue={filters.kind}>
              <option value="">Any kind</option>
              {Object.entries(ORGANISATION_KIND_LABELS).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="organisation-country">Country</label>
            <select id="organisation-country" name="country" defaultValue={filters.country}>
              <option value="">Any country</option>
              {countries.map((c) => (
                <option key={c.code} value={c.code}>
                  {c.name}
                </option>
              ))}
            </select>
          </div>
        </div>
        <div className="actions">
          <button type="submit">Apply filters</button>
          <Link to="/organisations">Clear all</Link>
        </div>
      </Form>
      <section aria-labelledby="results-heading">
        <LeftOutFilters problems={problems} />
        <h2 id="results-heading" aria-live="polite">
          {total === 1 ? "1 organisation" : `${formatNumber(total)} organisations`}
        </h2>
        <CsvLink to="/organisations.csv" leftOut={problems.map((p) => p.parameter)} />
        {items.length ? (
          <table>
            <caption className="visually-hidden">Organisations, A–Z</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Acronym</th>
                <th scope="col">Kind</th>
                <th scope="col">Country</th>
                <th scope="col" className="numeric">
                  Sessions provided
                </th>
                <th scope="col" className="numeric">
                  Sessions funded
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((o) => (
                <tr key={o.id}>
                  <th scope="row">
                    <Link to={`/organisations/${o.id}`}>{o.name}</Link>
                  </th>
                  <td>{o.acronym}</td>
                  <td>{ORGANISATION_KIND_LABELS[o.kind]}</td>
                  <td>{o.countryCode ? <Link to={`/countries/${o.countryCode}`}>{o.countryName}</Link> : <span className="muted">International</span>}</td>
                  <td className="numeric">{formatNumber(o.provided)}</td>
                  <td className="numeric">{formatNumber(o.funded)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p>No organisations match. Try fewer filters or other words.</p>
        )}
        <p className="muted">Counts include delivered and planned sessions; cancelled ones are left out.</p>
        <Pagination page={page} pageSize={pageSize} total={total} />
      </section>
    </>
  );
}

export const meta: MetaFunction = () => [
  { title: "Organisations · Training Coordination Registry" },
  { name: "description", content: "Organisations that provide, fund and request training, with what each has provided and funded." },
];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
