import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useLocation } from "@remix-run/react";
import { getDb } from "#db/client.server";
import { CoverageFilters, periodText } from "~/components/coverage-filters";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { countryHref, readPageCoverageFilters, sessionsHref } from "~/domain/coverage-params";
import { countryExists, coverageFilterOptions, getGapList, topicOptions } from "~/models/coverage-views.server";
import { requestVisibility } from "~/models/requests.server";
import { getActor } from "~/utils/auth.server";
import { formatNumber, today } from "~/utils/format";

export async function loader({ request }: LoaderFunctionArgs) {
  const params = new URL(request.url).searchParams;
  const filters = readPageCoverageFilters(params, today());
  const db = getDb();
  const countryCode = params.get("country")?.trim().toUpperCase() || null;
  const country = countryCode ? await countryExists(db, countryCode) : null;
  const viewer = requestVisibility(await getActor(request));
  const [gaps, options, topics] = await Promise.all([
    getGapList(db, filters, today(), viewer, { country: country?.code ?? null }),
    coverageFilterOptions(db),
    topicOptions(db),
  ]);
  return { filters, options, topics, country, gaps: gaps.slice(0, 500), total: gaps.length };
}

export default function GapListPage() {
  const { filters, options, topics, country, gaps, total } = useLoaderData<typeof loader>();
  const location = useLocation();
  const csv = `/coverage/gaps.csv${location.search}`;
  return (
    <>
      <div className="results-head">
        <h1>Coverage gaps{country ? ` in ${country.name}` : ""}</h1>
        <p className="coverage-views">
          <Link to={`/coverage${location.search}`}>Matrix</Link> · <Link to={`/coverage/map${location.search}`}>World map</Link> ·{" "}
          <a href={csv} download>
            Download CSV
          </a>
        </p>
      </div>
      <CoverageFilters filters={filters} options={options} clearTo="/coverage/gaps" keep={{ country: country?.code ?? null }}>
        <div className="field">
          <label htmlFor="gap-topic">Topic</label>
          <select id="gap-topic" name="topic" defaultValue={filters.topic ?? ""}>
            <option value="">All topics</option>
            {topics.map((t) => (
              <option key={t.code} value={t.code}>
                {t.parentCode ? `— ${t.label}` : t.label}
              </option>
            ))}
          </select>
        </div>
      </CoverageFilters>
      <p>
        A gap is a country and topic with an assessed need of 2 or more, or an open assistance request, but no session delivered or planned
        ({periodText(filters)}). Ranked by assessed need, then the age of the oldest open request, then the time since the last delivery.
        {country && (
          <>
            {" "}
            <Link to={countryHref(country.code, filters)}>{country.name}: country profile</Link>
          </>
        )}
      </p>
      <h2 aria-live="polite">{total === 1 ? "1 gap" : `${formatNumber(total)} gaps`}{total > gaps.length ? ` (the first ${gaps.length} shown; the CSV has all)` : ""}</h2>
      {gaps.length ? (
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">Rank</th>
                <th scope="col">Country</th>
                <th scope="col">Topic</th>
                <th scope="col">Why it ranks here</th>
                <th scope="col">Records</th>
              </tr>
            </thead>
            <tbody>
              {gaps.map((g) => (
                <tr key={`${g.country}|${g.topic}`}>
                  <td>{g.rank}</td>
                  <th scope="row">
                    <Link to={countryHref(g.country, filters)}>{g.countryName}</Link>
                    {g.regionName && <span className="muted"> · {g.regionName}</span>}
                  </th>
                  <td>{g.topicLabel}</td>
                  <td>
                    <ul className="gap-reasons">
                      {g.reasons.map((r) => (
                        <li key={r}>{r}</li>
                      ))}
                    </ul>
                  </td>
                  <td>
                    <Link to={sessionsHref({ ...filters, from: null, to: null }, { country: g.country, topic: g.topic, status: "delivered" })}>
                      Earlier deliveries<span className="visually-hidden">: {g.countryName}, {g.topicLabel}</span>
                    </Link>
                    {g.openRequests > 0 && (
                      <>
                        {" · "}
                        <Link to={`/requests?country=${g.country}&topic=${encodeURIComponent(g.topic)}&open=1`}>
                          {g.openRequests} open {g.openRequests === 1 ? "request" : "requests"}
                          <span className="visually-hidden">: {g.countryName}, {g.topicLabel}</span>
                        </Link>
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>No gaps for these filters.</p>
      )}
    </>
  );
}

export const meta: MetaFunction = () => [{ title: "Coverage gaps · Training Coordination Registry" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
