import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import { getDb } from "#db/client.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { CsvLink } from "~/components/csv-link";
import { LeftOutFilters } from "~/components/left-out-filters";
import { listCountryRegions, readCountryListFilters } from "~/models/countries.server";
import { formatNumber } from "~/utils/format";

export async function loader({ request }: LoaderFunctionArgs) {
  const { filters, problems } = await readCountryListFilters(new URL(request.url).searchParams);
  return { activeOnly: filters.activeOnly, problems, regions: await listCountryRegions(getDb(), filters) };
}

export default function CountriesPage() {
  const { activeOnly, problems, regions } = useLoaderData<typeof loader>();
  const location = useLocation();
  return (
    <>
      <h1>Countries</h1>
      <p className="prose">
        Training received by each country as a beneficiary, grouped by UN M49 region. A regional session counts in every country it served. Delivered
        means completed; planned includes confirmed sessions; cancelled sessions are not counted.
      </p>
      <Form method="get" className="actions" key={location.search}>
        <label className="choice">
          <input type="checkbox" name="active" value="1" defaultChecked={activeOnly} /> Only countries with sessions delivered or planned
        </label>
        <button type="submit" className="secondary">
          Show
        </button>
      </Form>
      <LeftOutFilters problems={problems} />
      <CsvLink to="/countries.csv" leftOut={problems.map((p) => p.parameter)} />
      {regions.length === 0 && <p>No country has any sessions yet.</p>}
      {regions.map((region) => (
        <details key={region.code} className="region" open={regions.length === 1}>
          <summary>
            <h2>{region.name}</h2>{" "}
            <span className="muted">
              {formatNumber(region.countryCount)} {region.countryCount === 1 ? "country" : "countries"} · {formatNumber(region.delivered)} delivered ·{" "}
              {formatNumber(region.planned)} planned
            </span>
          </summary>
          {region.subregions.map((subregion) => (
            <section key={subregion.code} aria-labelledby={`subregion-${region.code}-${subregion.code}`}>
              <h3 id={`subregion-${region.code}-${subregion.code}`}>{subregion.name}</h3>
              <table>
                <caption className="visually-hidden">Sessions received in {subregion.name}</caption>
                <thead>
                  <tr>
                    <th scope="col">Country</th>
                    <th scope="col" className="numeric">
                      Delivered
                    </th>
                    <th scope="col" className="numeric">
                      Planned
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {subregion.countries.map((c) => (
                    <tr key={c.code}>
                      <th scope="row">
                        <Link to={`/countries/${c.code}`}>{c.name}</Link>
                      </th>
                      <td className="numeric">{formatNumber(c.delivered)}</td>
                      <td className="numeric">{formatNumber(c.planned)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          ))}
        </details>
      ))}
    </>
  );
}

export const meta: MetaFunction = () => [
  { title: "Countries · Training Coordination Registry" },
  { name: "description", content: "Training delivered and planned in each country, by UN M49 region." },
];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
