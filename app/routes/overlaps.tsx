// Overlapping efforts (DESIGN §4.2) for coordinators and donors: sessions by
// different providers serving the same country, topic and audience within a
// window of each other, grouped by country, each country with a timeline
// drawn on the server (plain positioned bars, no script).
import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { getDb } from "#db/client.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FilterSelect } from "~/components/forms";
import { Pagination } from "~/components/pagination";
import { SessionStatusBadge } from "~/components/session-status-badge";
import { TitleLink } from "~/components/title-link";
import { OVERLAP_PARAMS } from "~/domain/api-endpoints";
import { checkDateOrder, parseParams } from "~/domain/api-params";
import { DEFAULT_OVERLAP_WINDOW_DAYS } from "~/domain/overlaps";
import { countryNames, defaultOverlapPeriod, groupByCountry, overlapReport, type SessionBrief } from "~/models/overlap-report.server";
import { sessionFilterOptions } from "~/models/session-form-options.server";
import { requireActor } from "~/utils/auth.server";
import { type SessionStatus } from "~/domain/session-status";
import { formatDate, formatDateRange, formatNumber, today } from "~/utils/format";
import { forbidden, isCoordinator } from "~/utils/permissions.server";

const COUNTRIES_PER_PAGE = 10;

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  if (!isCoordinator(actor) && actor.role !== "donor") forbidden("Overlapping efforts are shown to coordinators and donors.");
  const db = getDb();
  const search = new URL(request.url).searchParams;
  // Empty form fields count as not given.
  for (const [k, v] of [...search.entries()]) if (!v.trim()) search.delete(k);
  const parsed = parseParams({ ...OVERLAP_PARAMS, pageSize: { ...OVERLAP_PARAMS.pageSize, default: COUNTRIES_PER_PAGE } }, search);
  const period = defaultOverlapPeriod(today());
  const options = await sessionFilterOptions(db);
  const problem = !parsed.ok ? parsed : checkDateOrder(parsed.value);
  const q = parsed.ok ? parsed.value : { from: null, to: null, country: null, window: DEFAULT_OVERLAP_WINDOW_DAYS, page: 1, pageSize: COUNTRIES_PER_PAGE };
  const from = q.from ?? period.from;
  const to = q.to ?? period.to;
  const base = { from, to, country: q.country, window: q.window, countries: options.countries };
  if (problem) return { ...base, error: `${problem.error}.`, groups: [], names: {} as Record<string, string>, total: 0, pairs: 0, page: 1, pageSize: COUNTRIES_PER_PAGE };
  const report = await overlapReport(db, { from, to, country: q.country, windowDays: q.window });
  if (report.tooMany) return { ...base, error: "Too many sessions in this period to compare at once: choose a country or a shorter period.", groups: [], names: {} as Record<string, string>, total: 0, pairs: 0, page: 1, pageSize: COUNTRIES_PER_PAGE };
  const all = groupByCountry(report.pairs);
  const groups = all.slice((q.page - 1) * q.pageSize, q.page * q.pageSize);
  const names = await countryNames(db, groups.map((g) => g.country));
  return { ...base, error: null, groups, names, total: all.length, pairs: report.pairs.length, page: q.page, pageSize: q.pageSize };
}

export default function OverlapsPage() {
  const d = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Overlapping efforts</h1>
      <p className="muted">
        Sessions by different providers for the same beneficiary country that share a topic and an audience and are at most {d.window} days apart. They are not
        duplicates: each is a real delivery, but the providers may want to coordinate.
      </p>
      <Form method="get" className="filters inline-filters" role="search" aria-label="Period, country and window">
        <div className="row">
          <div className="field">
            <label htmlFor="overlaps-from">From</label>
            <input id="overlaps-from" name="from" type="date" defaultValue={d.from} />
          </div>
          <div className="field">
            <label htmlFor="overlaps-to">To</label>
            <input id="overlaps-to" name="to" type="date" defaultValue={d.to} />
          </div>
          <FilterSelect id="overlaps-country" name="country" label="Beneficiary country" any="Any country" value={d.country} options={d.countries} />
          <div className="field">
            <label htmlFor="overlaps-window">Window (days apart)</label>
            <input id="overlaps-window" name="window" type="number" min={0} max={365} step={1} defaultValue={d.window} />
          </div>
        </div>
        <div className="actions">
          <button type="submit">Show overlaps</button>
          <Link to="/overlaps">Reset</Link>
        </div>
      </Form>
      {d.error ? (
        <p className="error-summary" role="alert">
          {d.error}
        </p>
      ) : (
        <p aria-live="polite">
          {formatNumber(d.pairs)} overlapping {d.pairs === 1 ? "pair" : "pairs"} in {formatNumber(d.total)} {d.total === 1 ? "country" : "countries"}, {formatDate(d.from)} to {formatDate(d.to)}.{" "}
          <a href={`/api/v1/overlaps?${new URLSearchParams({ from: d.from, to: d.to, window: String(d.window), ...(d.country ? { country: d.country } : {}) }).toString()}`}>As JSON</a>
        </p>
      )}
      {d.groups.map((g) => (
        <section key={g.country} aria-labelledby={`overlaps-${g.country}`}>
          <h2 id={`overlaps-${g.country}`}>
            <Link to={`/countries/${g.country}`}>{d.names[g.country] ?? g.country}</Link>{" "}
            <span className="muted">
              · {g.pairs.length} {g.pairs.length === 1 ? "pair" : "pairs"}
            </span>
          </h2>
          <Timeline sessions={g.sessions} from={d.from} to={d.to} label={`Timeline of overlapping sessions in ${d.names[g.country] ?? g.country}`} />
          <table>
            <caption className="visually-hidden">Overlapping pairs in {d.names[g.country] ?? g.country}, nearest in time first</caption>
            <thead>
              <tr>
                <th scope="col">Session</th>
                <th scope="col">Overlaps with</th>
                <th scope="col">Apart</th>
                <th scope="col">Shared topics and audiences</th>
              </tr>
            </thead>
            <tbody>
              {g.pairs.map((p) => (
                <tr key={`${p.a.id}|${p.b.id}`}>
                  <td>
                    <SessionCell s={p.a} />
                  </td>
                  <td>
                    <SessionCell s={p.b} />
                  </td>
                  <td>{p.dayGap === 0 ? "same time" : `${formatNumber(p.dayGap)} days`}</td>
                  <td>
                    {p.topics.join(", ")} · {p.audiences.join(", ")}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
      <Pagination page={d.page} pageSize={d.pageSize} total={d.total} />
    </>
  );
}

function SessionCell({ s }: { s: SessionBrief }) {
  return (
    <>
      <TitleLink to={`/sessions/${s.id}`}>{s.title}</TitleLink>
      <br />
      <span className="muted">
        {formatDateRange(s.startDate, s.endDate)} · {s.provider.acronym ?? s.provider.name}
      </span>{" "}
      <SessionStatusBadge status={s.status as SessionStatus} />
    </>
  );
}

const DAY = 86_400_000;

/** Each session as a bar over the period; the dates are also in the text for those who cannot see the bars. */
function Timeline({ sessions, from, to, label }: { sessions: SessionBrief[]; from: string; to: string; label: string }) {
  const start = Date.parse(from);
  const span = Math.max(DAY, Date.parse(to) + DAY - start);
  const pct = (iso: string) => Math.min(100, Math.max(0, ((Date.parse(iso) - start) / span) * 100));
  return (
    <figure className="overlap-timeline" aria-label={label}>
      {sessions.map((s) => {
        const left = pct(s.startDate);
        const width = Math.max(0.5, pct(new Date(Date.parse(s.endDate) + DAY).toISOString().slice(0, 10)) - left);
        return (
          <div className="overlap-timeline-row" key={s.id}>
            <span>
              {s.title} <span className="muted">({s.provider.acronym ?? s.provider.name})</span>
            </span>
            <span className="overlap-timeline-track" title={`${formatDateRange(s.startDate, s.endDate)}`}>
              <span className={`overlap-timeline-bar${s.status === "completed" ? "" : " planned"}`} style={{ left: `${left}%`, width: `${width}%` }} />
            </span>
          </div>
        );
      })}
      <div className="overlap-timeline-row" aria-hidden="true">
        <span />
        <span className="overlap-timeline-axis">
          <span>{formatDate(from)}</span>
          <span>{formatDate(to)}</span>
        </span>
      </div>
    </figure>
  );
}

export const meta: MetaFunction = () => [{ title: "Overlapping efforts · Training Coordination Registry" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
