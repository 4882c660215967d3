// The answer of the donor's check: verdicts per topic, overlapping efforts,
// the sessions, the open requests and the funding behind them.
import { type Verdict } from "~/domain/donor-check";
import { needLabel } from "~/domain/gaps";
import { type DonorCheck } from "~/models/donor-check.server";
import { formatDate, formatDateRange, humanise } from "~/utils/format";
import { FundingList } from "./funding-list";
import { RequestStatusBadge } from "./request-status-badge";
import { TitleLink } from "./title-link";

const VERDICT: Record<Verdict, { label: string; className: string }> = {
  gap: { label: "Gap", className: "badge danger" },
  covered: { label: "Covered", className: "badge ok" },
  planned: { label: "Planned", className: "badge warn" },
};

export function CheckResults({ check, placeName, period, audiences }: { check: DonorCheck; placeName: string; period: string; audiences: string[] }) {
  const names = (items: { name: string }[]) => (items.length ? items.map((i) => i.name).join(", ") : "—");
  return (
    <>
      <section aria-labelledby="verdicts-heading">
        <h2 id="verdicts-heading">
          Verdicts for {placeName}, {period}
        </h2>
        {audiences.length > 0 && <p className="muted">For {audiences.join(", ")}.</p>}
        <table className="check-verdicts">
          <caption className="visually-hidden">One verdict per topic</caption>
          <thead>
            <tr>
              <th scope="col">Topic</th>
              <th scope="col">Verdict</th>
              <th scope="col">Delivered</th>
              <th scope="col">Planned</th>
              <th scope="col">Open requests</th>
              <th scope="col">Assessed need</th>
              <th scope="col">Providers</th>
              <th scope="col">Funders</th>
            </tr>
          </thead>
          <tbody>
            {check.verdicts.map((v) => (
              <tr key={v.topic}>
                <th scope="row">{v.label}</th>
                <td>
                  <span className={VERDICT[v.verdict].className}>{VERDICT[v.verdict].label}</span> {v.summary}
                </td>
                <td className="numeric">{v.delivered}</td>
                <td className="numeric">{v.planned}</td>
                <td className="numeric">{v.openRequests}</td>
                <td>{needLabel(v.needLevel)}</td>
                <td>{names(v.providers)}</td>
                <td>{names(v.funders)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section aria-labelledby="overlaps-heading">
        <h2 id="overlaps-heading">Overlapping efforts</h2>
        {check.overlaps.length ? (
          <ul className="check-overlaps">
            {check.overlaps.map((o) => (
              <li key={`${o.a.id}|${o.b.id}`}>
                <TitleLink to={`/sessions/${o.a.id}`}>{o.a.title}</TitleLink> ({o.a.provider.name}, {humanise(o.a.status).toLowerCase()}, {formatDate(o.a.startDate)}) and{" "}
                <TitleLink to={`/sessions/${o.b.id}`}>{o.b.title}</TitleLink> ({o.b.provider.name}, {humanise(o.b.status).toLowerCase()}, {formatDate(o.b.startDate)}):{" "}
                {o.dayGap === 0 ? "at the same time" : `${o.dayGap} days apart`}, both for {o.audiences.map((a) => humanise(a).toLowerCase()).join(", ")} in {o.topics.join(", ")}.
              </li>
            ))}
          </ul>
        ) : (
          <p>No planned session here overlaps another provider&apos;s work on the same topic and audience.</p>
        )}
      </section>

      <section aria-labelledby="sessions-heading">
        <h2 id="sessions-heading">Sessions delivered and planned</h2>
        {check.sessions.length ? (
          <table>
            <caption className="visually-hidden">Sessions in the period, by start date</caption>
            <thead>
              <tr>
                <th scope="col">Session</th>
                <th scope="col">Dates</th>
                <th scope="col">Status</th>
                <th scope="col">Provider</th>
                <th scope="col">Funders</th>
              </tr>
            </thead>
            <tbody>
              {check.sessions.map((s) => (
                <tr key={s.id}>
                  <th scope="row">
                    <TitleLink to={`/sessions/${s.id}`}>{s.title}</TitleLink>
                  </th>
                  <td>{formatDateRange(s.startDate, s.endDate)}</td>
                  <td>{humanise(s.status)}</td>
                  <td>{s.provider.name}</td>
                  <td>{names(s.funders)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p>None in this period.</p>
        )}
      </section>

      <section aria-labelledby="requests-heading">
        <h2 id="requests-heading">Open requests for assistance</h2>
        {check.requests.length ? (
          <ul>
            {check.requests.map((r) => (
              <li key={r.id}>
                <TitleLink to={`/requests/${r.id}`}>{r.title}</TitleLink> ({r.countryName}) <RequestStatusBadge status={r.status as never} />
              </li>
            ))}
          </ul>
        ) : (
          !check.hiddenRequests && <p>None.</p>
        )}
        {check.hiddenRequests > 0 && (
          <p className="muted">
            {check.hiddenRequests === 1 ? "1 more open request is" : `${check.hiddenRequests} more open requests are`} not public; sign in as a donor or coordinator to see
            {check.hiddenRequests === 1 ? " it" : " them"}.
          </p>
        )}
      </section>

      <FundingList items={check.fundings} showTarget />
    </>
  );
}
