import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useLocation } from "@remix-run/react";
import { getDb } from "#db/client.server";
import { CoverageFilters, periodText } from "~/components/coverage-filters";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { WorldMap } from "~/components/world-map";
import { countryHref, coverageFilterParams, readPageCoverageFilters, sessionsHref, type PageCoverageFilters } from "~/domain/coverage-params";
import { shadeLabels } from "~/domain/coverage-scale";
import { coverageFilterOptions, getCoverageMap } from "~/models/coverage-views.server";
import { worldShapes } from "~/models/world-geometry.server";
import { requestVisibility } from "~/models/requests.server";
import { getActor } from "~/utils/auth.server";
import { formatNumber, today } from "~/utils/format";

export async function loader({ request }: LoaderFunctionArgs) {
  const filters = readPageCoverageFilters(new URL(request.url).searchParams, today());
  const db = getDb();
  const [map, options] = await Promise.all([getCoverageMap(db, filters, requestVisibility(await getActor(request))), coverageFilterOptions(db)]);
  return { filters, options, ...map, shapes: worldShapes() };
}

export default function CoverageMapPage() {
  const data = useLoaderData<typeof loader>();
  const { filters, countries, scale } = data;
  const location = useLocation();
  const rows = [...countries].filter((c) => c.delivered || c.planned || c.gap).sort((a, b) => b.delivered - a.delivered || b.planned - a.planned || a.name.localeCompare(b.name));
  return (
    <>
      <div className="results-head">
        <h1>Coverage map: {data.topicLabel}</h1>
        <p className="coverage-views">
          <Link to={`/coverage${location.search}`}>Matrix</Link> · <Link to={`/coverage/gaps${location.search}`}>Gap list</Link>
        </p>
      </div>
      <CoverageFilters filters={filters} options={data.options} clearTo="/coverage/map">
        <div className="field">
          <label htmlFor="map-topic">Topic</label>
          <select id="map-topic" name="topic" defaultValue={filters.topic ?? ""}>
            <option value="">All topics</option>
            {data.topics.map((t) => (
              <option key={t.code} value={t.code}>
                {t.parentCode ? `— ${t.label}` : t.label}
              </option>
            ))}
          </select>
        </div>
      </CoverageFilters>
      <p>
        Delivered sessions per country, {periodText(filters)}; countries with planned sessions are hatched in orange. A regional session
        counts for each beneficiary country.
      </p>
      <ul className="coverage-legend-inline" aria-label="Map legend">
        {["none", ...shadeLabels(scale)].map((r, i) => (
          <li key={r}>
            <svg width="16" height="16" aria-hidden="true" className="world-map-swatch">
              <rect width="16" height="16" className={`fill-${i}`} />
            </svg>{" "}
            {r}
          </li>
        ))}
        <li>
          <svg width="16" height="16" aria-hidden="true" className="world-map-swatch">
            <rect width="16" height="16" className="planned-mark" />
          </svg>{" "}
          planned sessions
        </li>
      </ul>
      <WorldMap shapes={data.shapes} countries={countries} width={960} height={470} title={`Delivered sessions per country, ${data.topicLabel}`} countryHref={(code) => countryHref(code, filters)} />
      <h2 id="map-table">The map's figures</h2>
      <div className="table-scroll">
        <table aria-labelledby="map-table">
          <thead>
            <tr>
              <th scope="col">Country</th>
              <th scope="col">Delivered sessions</th>
              <th scope="col">Planned sessions</th>
              <th scope="col">People trained</th>
              <th scope="col">Gaps</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((c) => (
              <tr key={c.code}>
                <th scope="row">
                  <Link to={countryHref(c.code, filters)}>{c.name}</Link>
                </th>
                <td>{c.delivered ? <Link to={sessionsHref(filters, { country: c.code, topic: filters.topic ?? undefined, status: "delivered" })}>{formatNumber(c.delivered)}</Link> : 0}</td>
                <td>{c.planned ? <Link to={sessionsHref(filters, { country: c.code, topic: filters.topic ?? undefined, status: "planned" })}>{formatNumber(c.planned)}</Link> : 0}</td>
                <td>{formatNumber(c.participants)}</td>
                <td>{c.gap ? <Link to={`/coverage/gaps?${gapQuery(filters, c.code)}`}>Yes</Link> : "No"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

function gapQuery(filters: PageCoverageFilters, country: string) {
  const p = coverageFilterParams(filters);
  p.set("country", country);
  if (filters.topic) p.set("topic", filters.topic);
  return p.toString();
}

export const meta: MetaFunction = () => [{ title: "Coverage map · Training Coordination Registry" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
