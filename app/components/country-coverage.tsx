// The coverage section of a country profile (/countries/:code): topics covered
// against assessed needs, the country's gaps, and where allowed a link to record
// a needs assessment. Data from getCountryCoverage.
import { Link } from "@remix-run/react";
import { periodText } from "~/components/coverage-filters";
import { coverageFilterParams, sessionsHref } from "~/domain/coverage-params";
import { NEED_LABELS } from "~/domain/gaps";
import { type CountryCoverage as Data } from "~/models/country-coverage.server";
import { formatDate, formatNumber } from "~/utils/format";

export function CountryCoverage({ code, name, coverage }: { code: string; name: string; coverage: Data }) {
  const { filters, topics, gaps, latestAssessment } = coverage;
  const gapParams = coverageFilterParams(filters);
  gapParams.set("country", code);
  const recordFilters = [
    ["audience", filters.audiences],
    ["offence focus", filters.offences],
    ["provider", filters.providers],
    ["funder", filters.funders],
  ].filter(([, values]) => values.length);
  return (
    <section aria-labelledby="country-coverage-heading" className="country-coverage">
      <h2 id="country-coverage-heading">Coverage and needs</h2>
      {filters.problems.length > 0 && (
        <div className="error-summary" role="alert">
          {filters.problems.map((p) => (
            <p key={p}>{p}</p>
          ))}
        </div>
      )}
      <p>
        Counting {periodText(filters)}
        {recordFilters.length > 0 && <>, only sessions with {recordFilters.map(([label, values]) => `${label} ${(values as string[]).join(" or ")}`).join(", ")}</>}
        , against the latest needs assessment. <Link to={`/coverage/gaps?${gapParams}`}>All gaps in {name}</Link>
        {gapParams.size > 1 && (
          <>
            {" · "}
            <Link to={`/countries/${code}#country-coverage-heading`}>The last 3 years, without filters</Link>
          </>
        )}
      </p>
      <p>
        {latestAssessment
          ? `Needs as assessed on ${formatDate(latestAssessment.assessedOn)} by ${latestAssessment.assessor}${coverage.assessmentCount > 1 ? ` (${coverage.assessmentCount} assessments on record)` : ""}.`
          : "No needs assessment recorded yet."}
      </p>
      {coverage.canRecordNeeds && (
        <p>
          <Link className="button secondary" to={`/countries/${code}/needs/new`}>
            Record a needs assessment
          </Link>
        </p>
      )}
      <div className="table-scroll">
        <table>
          <caption className="visually-hidden">Topics covered in {name} against assessed needs</caption>
          <thead>
            <tr>
              <th scope="col">Topic</th>
              <th scope="col">Delivered</th>
              <th scope="col">Planned</th>
              <th scope="col">Last delivered</th>
              <th scope="col">Assessed need</th>
              <th scope="col">Open requests</th>
            </tr>
          </thead>
          <tbody>
            {topics.map((t) => (
              <tr key={t.code}>
                <th scope="row" className={t.isSubtopic ? "subtopic" : undefined}>
                  {t.label} {t.gap && <span className="badge danger">Gap</span>}
                </th>
                <td>{t.delivered ? <Link to={sessionsHref(filters, { country: code, topic: t.code, status: "delivered" })}>{formatNumber(t.delivered)}</Link> : 0}</td>
                <td>{t.planned ? <Link to={sessionsHref(filters, { country: code, topic: t.code, status: "planned" })}>{formatNumber(t.planned)}</Link> : 0}</td>
                <td>{formatDate(t.lastDelivered)}</td>
                <td>{t.needLevel == null ? <span className="muted">Not assessed</span> : `${t.needLevel} – ${NEED_LABELS[t.needLevel]}`}</td>
                <td>
                  {t.openRequests > 0 && (
                    <Link to={`/requests?country=${code}&topic=${encodeURIComponent(t.code)}&open=1`}>
                      {formatNumber(t.openRequests)}
                      <span className="visually-hidden"> open requests, {t.label}</span>
                    </Link>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h3 id="country-gaps">Gaps ({formatNumber(coverage.gapCount)})</h3>
      {gaps.length ? (
        <ol>
          {gaps.map((g) => (
            <li key={g.topic}>
              <strong>{g.topicLabel}</strong>: {g.reasons.slice(0, -1).join("; ")}
            </li>
          ))}
        </ol>
      ) : (
        <p>No gaps: every assessed need of 2 or more and every open request has delivered or planned training.</p>
      )}
    </section>
  );
}
