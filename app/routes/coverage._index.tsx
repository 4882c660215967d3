import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useLocation } from "@remix-run/react";
import { getDb } from "#db/client.server";
import { CoverageFilters, periodText } from "~/components/coverage-filters";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { countryHref, coverageFilterParams, readPageCoverageFilters, sessionsHref, type PageCoverageFilters } from "~/domain/coverage-params";
import { NEED_LABELS } from "~/domain/gaps";
import { shadeLabels, shadeOf } from "~/domain/coverage-scale";
import { coverageFilterOptions, getCoverageMatrix, type MatrixCell } from "~/models/coverage-views.server";
import { requestVisibility } from "~/models/requests.server";
import { getActor } from "~/utils/auth.server";
import { formatNumber, today } from "~/utils/format";

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const filters = readPageCoverageFilters(url.searchParams, today());
  const db = getDb();
  // With a region chosen the page is small enough to show every country;
  // otherwise sub-regions show their summary until opened with ?expand=CODE.
  const expanded = filters.region ? ["all"] : url.searchParams.getAll("expand");
  const [matrix, options] = await Promise.all([getCoverageMatrix(db, filters, expanded, requestVisibility(await getActor(request))), coverageFilterOptions(db)]);
  return { filters, options, expanded, ...matrix };
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>;

export default function CoverageMatrixPage() {
  const data = useLoaderData<typeof loader>();
  const { filters, columns, parent, groups, scale } = data;
  const location = useLocation();
  const withTopic = (topic: string | null) => {
    const p = new URLSearchParams(location.search);
    if (topic) p.set("topic", topic);
    else p.delete("topic");
    return `?${p}`;
  };
  const withExpanded = (code: string, open: boolean) => {
    const p = new URLSearchParams(location.search);
    const codes = p.getAll("expand").filter((c) => c !== code);
    p.delete("expand");
    for (const c of open ? [...codes, code] : codes) p.append("expand", c);
    return `?${p}`;
  };
  return (
    <>
      <div className="results-head">
        <h1>Coverage by country and topic</h1>
        <p className="coverage-views">
          <Link to={`/coverage/map${location.search}`}>World map</Link> · <Link to={`/coverage/gaps${location.search}`}>Gap list</Link>
        </p>
      </div>
      <CoverageFilters filters={filters} options={data.options} clearTo="/coverage" keep={{ topic: filters.topic }} />
      <p>
        Figures count {periodText(filters)}. In each cell: <strong>delivered</strong> sessions, then <em className="planned">planned</em>{" "}
        (planned or confirmed) sessions and the people trained. A regional session counts for every beneficiary country; a topic
        counts its subtopics' sessions once each. Every number in a cell opens the sessions behind it. A collapsed sub-region counts
        countries: those with training open the sessions they had, its gaps open the gap list. Gaps in the headings and summaries are
        counted per country and column shown; the gap list also lists each subtopic, so it can hold more.
        {data.exact && " Audience, offence, provider and funder filters are counted record by record."}
      </p>
      {parent ? (
        <p>
          Showing <strong>{parent.label}</strong> and its subtopics. <Link to={withTopic(null)}>Back to all topics</Link>
        </p>
      ) : null}
      <Legend scale={scale} />
      {groups.map((group) => (
        <details key={group.code} open className="coverage-region">
          <summary>
            <h2>{group.name}</h2> <span className="muted">{regionSummary(group.subgroups)}</span>
          </summary>
          {group.subgroups.map((sub) => (
            <details key={sub.code} open className="coverage-subregion">
              <summary>
                <h3>{sub.name}</h3> <span className="muted">{regionSummary([sub])}</span>
              </summary>
              {!filters.region && (
                <p className="expand-link">
                  {sub.rows ? (
                    <Link to={withExpanded(sub.code, false)} preventScrollReset>
                      Show the summary only
                    </Link>
                  ) : (
                    <Link to={withExpanded(sub.code, true)} preventScrollReset>
                      Show {sub.countryCount} {sub.countryCount === 1 ? "country" : "countries"}
                      <span className="visually-hidden"> of {sub.name}</span>
                    </Link>
                  )}
                </p>
              )}
              <div className="table-scroll">
                <table className="coverage-matrix">
                  <caption className="visually-hidden">
                    Sessions per topic in {sub.name}
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">Country</th>
                      {columns.map((col) => (
                        <th scope="col" key={col.code} title={col.label}>
                          {!parent && data.columns.length && col.parentCode == null ? (
                            <Link to={withTopic(col.code)} aria-label={`${col.label}: show subtopics`}>
                              {col.label}
                            </Link>
                          ) : (
                            col.label
                          )}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {!sub.rows && <SummaryRow sub={sub} columns={columns} filters={filters} />}
                    {sub.rows?.map((row) => (
                      <tr key={row.code}>
                        <th scope="row">
                          <Link to={countryHref(row.code, filters)}>{row.name}</Link>
                        </th>
                        {row.cells.map((cell, i) => (
                          <Cell key={columns[i].code} cell={cell} scale={scale} filters={filters} country={row.code} countryName={row.name} topic={columns[i]} />
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </details>
          ))}
        </details>
      ))}
    </>
  );
}

type Subgroup = Data["groups"][number]["subgroups"][number];

function regionSummary(subgroups: Subgroup[]) {
  const countries = subgroups.reduce((n, s) => n + s.countryCount, 0);
  const covered = subgroups.reduce((n, s) => n + s.coveredCount, 0);
  const gaps = subgroups.reduce((n, s) => n + s.summary.reduce((m, c) => m + c.gaps, 0), 0);
  return `${covered} of ${countries} countries with delivered training · ${gaps} ${gaps === 1 ? "gap" : "gaps"} in these columns`;
}

/**
 * A collapsed sub-region: per topic, how many of its countries had training
 * (opening the sessions they had), had only planned training, and have gaps
 * (opening those gaps).
 */
function SummaryRow({ sub, columns, filters }: { sub: Subgroup; columns: Data["columns"]; filters: PageCoverageFilters }) {
  return (
    <tr className="coverage-summary">
      <th scope="row">All {sub.countryCount} countries</th>
      {sub.summary.map((s, i) => {
        const topic = columns[i];
        const where = `${sub.name}, ${topic.label}`;
        return (
          <td key={topic.code} className={s.gaps ? "cov-gap" : undefined}>
            {s.delivered > 0 && (
              <Link className="cov-delivered" to={sessionsHref(filters, { region: sub.code, topic: topic.code, status: "delivered" })}>
                {formatNumber(s.delivered)} with training<span className="visually-hidden">: their delivered sessions, {where}</span>
              </Link>
            )}
            {s.plannedOnly > 0 && (
              <Link className="cov-planned" to={sessionsHref(filters, { region: sub.code, topic: topic.code, status: "planned" })}>
                +{formatNumber(s.plannedOnly)} planned only<span className="visually-hidden">: planned sessions, {where}</span>
              </Link>
            )}
            {s.gaps > 0 && (
              <Link className="badge danger" to={`/coverage/gaps?${gapQuery(filters, { region: sub.code, topic: topic.code })}`}>
                {s.gaps === 1 ? "1 gap" : `${s.gaps} gaps`}
                <span className="visually-hidden">, {where}</span>
              </Link>
            )}
          </td>
        );
      })}
    </tr>
  );
}

function Cell(props: {
  cell: MatrixCell | null;
  scale: number[];
  filters: PageCoverageFilters;
  country: string;
  countryName: string;
  topic: { code: string; label: string };
}) {
  const { cell, filters, country, topic } = props;
  if (!cell) return <td className="cov-empty" />;
  const shade = shadeOf(cell.delivered, props.scale);
  const where = `${props.countryName}, ${topic.label}`;
  return (
    <td className={`cov shade-${shade}${cell.gap ? " cov-gap" : ""}`}>
      {cell.delivered > 0 && (
        <Link className="cov-delivered" to={sessionsHref(filters, { country, topic: topic.code, status: "delivered" })}>
          {formatNumber(cell.delivered)}
          <span className="visually-hidden"> delivered sessions, {where}</span>
        </Link>
      )}
      {cell.planned > 0 && (
        <Link className="cov-planned" to={sessionsHref(filters, { country, topic: topic.code, status: "planned" })}>
          +{formatNumber(cell.planned)}
          <span className="visually-hidden"> planned sessions, {where}</span>
        </Link>
      )}
      {cell.participants > 0 && <span className="cov-people">{formatNumber(cell.participants)} trained</span>}
      {cell.gap && (
        <Link className="badge danger" to={`/coverage/gaps?${gapQuery(filters, { country, topic: topic.code })}`} aria-label={`Gap: ${where}`}>
          Gap
        </Link>
      )}
      {cell.needLevel != null && cell.needLevel >= 2 && !cell.gap && <span className="cov-need">Need: {NEED_LABELS[cell.needLevel]}</span>}
    </td>
  );
}

function gapQuery(filters: PageCoverageFilters, where: { country?: string; region?: string; topic: string }) {
  const p = coverageFilterParams(filters);
  for (const [name, value] of Object.entries(where)) if (value) p.set(name, value);
  return p.toString();
}

function Legend({ scale }: { scale: number[] }) {
  const ranges = shadeLabels(scale);
  return (
    <div className="coverage-legend">
      <h2 className="visually-hidden">Legend</h2>
      <p>Shading: delivered sessions in the cell</p>
      <ul>
        {ranges.map((r, i) => (
          <li key={r}>
            <span className={`swatch shade-${i + 1}`} aria-hidden="true" /> {r}
          </li>
        ))}
        <li>
          <span className="badge danger">Gap</span> assessed need of 2 or more, or an open request, with nothing delivered or planned
        </li>
        <li>
          <span className="cov-planned">+3</span> planned or confirmed sessions
        </li>
      </ul>
    </div>
  );
}

export const meta: MetaFunction = () => [
  { title: "Coverage · Training Coordination Registry" },
  { name: "description", content: "Which countries have had which training, what is planned, and where needs meet no response." },
];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
