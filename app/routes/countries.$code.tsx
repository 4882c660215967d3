import { invariantResponse } from "@epic-web/invariant";
import { redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Fragment } from "react";
import { getDb } from "#db/client.server";
import { CountryCoverage } from "~/components/country-coverage";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FollowButton } from "~/components/follow-button";
import { needLevelLabel } from "~/domain/country-groups";
import { sessionsHref } from "~/domain/coverage-params";
import {
  countryProvidersAndFunders,
  countryTopicCounts,
  getCountry,
  latestNeedsAssessment,
  listCountrySessions,
  listOpenRequests,
} from "~/models/countries.server";
import { PossibleDuplicateBadge } from "~/components/duplicate-parts";
import { TitleLink } from "~/components/title-link";
import { getCountryCoverage } from "~/models/country-coverage.server";
import { followState } from "~/models/notifications.server";
import { possibleDuplicateIds } from "~/models/duplicates.server";
import { getActor } from "~/utils/auth.server";
import { formatDate, formatDateRange, formatNumber, humanise, today } from "~/utils/format";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const db = getDb();
  const country = await getCountry(db, params.code ?? "");
  invariantResponse(country, "No country with that ISO 3166-1 alpha-3 code", { status: 404 });
  // One address per country: /countries/ken → /countries/KEN.
  if (params.code !== country.code) throw redirect(`/countries/${country.code}${new URL(request.url).search}`);
  const actor = await getActor(request);
  const [countrySessions, topicCounts, organisations, assessment, requests, coverage] = await Promise.all([
    listCountrySessions(db, country.code),
    countryTopicCounts(db, country.code),
    countryProvidersAndFunders(db, country.code),
    latestNeedsAssessment(db, country.code),
    listOpenRequests(db, actor, country.code),
    // The coverage pages' own view of the country (recent window, gaps), kept in their component.
    getCountryCoverage(db, country.code, actor, today(), new URL(request.url).searchParams),
  ]);
  const flagged = await possibleDuplicateIds(db, countrySessions.items.map((s) => s.id));
  const sessions = { ...countrySessions, items: countrySessions.items.map((s) => ({ ...s, possibleDuplicate: flagged.has(s.id) })) };
  // Follow the country itself, or the M49 region, sub-region and intermediate region it belongs to.
  const follows = await Promise.all([
    followState(db, actor, "country", country.code, country.nameEn),
    ...(country.regionCode && country.regionName ? [followState(db, actor, "region", country.regionCode, country.regionName)] : []),
    ...(country.subregionCode && country.subregionName ? [followState(db, actor, "region", country.subregionCode, country.subregionName)] : []),
    ...(country.intermediateCode && country.intermediateName ? [followState(db, actor, "region", country.intermediateCode, country.intermediateName)] : []),
  ]);
  return { country, sessions, topicCounts, organisations, assessment, requests, coverage, follows };
}

const UN_LANGUAGES = [
  { lang: "en", label: "English", key: "nameEn" },
  { lang: "fr", label: "French", key: "nameFr" },
  { lang: "es", label: "Spanish", key: "nameEs" },
  { lang: "ru", label: "Russian", key: "nameRu" },
  { lang: "ar", label: "Arabic", key: "nameAr" },
  { lang: "zh", label: "Chinese", key: "nameZh" },
] as const;

type PageData = ReturnType<typeof useLoaderData<typeof loader>>;

export default function CountryPage() {
  const { country, sessions, topicCounts, organisations, assessment, requests, coverage, follows } = useLoaderData<typeof loader>();
  return (
    <>
      <p>
        <Link to="/countries">← Countries</Link>
      </p>
      <h1>{country.nameEn}</h1>
      <div className="actions" role="group" aria-label="Follow">
        {follows[0].following == null ? (
          <FollowButton {...follows[0]} />
        ) : (
          follows.map((f) => <FollowButton key={f.value} {...f} />)
        )}
      </div>
      <dl className="facts">
        <dt>ISO code</dt>
        <dd>
          {country.code} ({country.alpha2})
        </dd>
        {country.nameUn && country.nameUn !== country.nameEn && (
          <>
            <dt>UN name</dt>
            <dd>{country.nameUn}</dd>
          </>
        )}
        <dt>UN M49 region</dt>
        <dd>{[country.regionName, country.subregionName, country.intermediateName].filter(Boolean).join(" › ") || "None"}</dd>
      </dl>

      <section aria-labelledby="names">
        <h2 id="names">Names in the UN languages</h2>
        <dl className="facts">
          {UN_LANGUAGES.filter((l) => country[l.key]).map((l) => (
            <Fragment key={l.lang}>
              <dt>{l.label}</dt>
              <dd>
                <span lang={l.lang} dir={l.lang === "ar" ? "rtl" : undefined}>
                  {country[l.key]}
                </span>
              </dd>
            </Fragment>
          ))}
        </dl>
      </section>

      <ul className="figures" aria-label="In figures, all time">
        <li>
          <Link to={sessionsHref(ALL_TIME, { country: country.code, status: "delivered" })}>
            <strong>{formatNumber(sessions.delivered)}</strong> sessions delivered
          </Link>{" "}
          <span className="muted">all time</span>
        </li>
        <li>
          <Link to={sessionsHref(ALL_TIME, { country: country.code, status: "planned" })}>
            <strong>{formatNumber(sessions.planned)}</strong> sessions planned
          </Link>
        </li>
        <li>
          <Link to={`/requests?country=${country.code}&open=1`}>
            <strong>{formatNumber(requests.length)}</strong> open requests
          </Link>
        </li>
      </ul>

      <SessionsReceived country={country} sessions={sessions} />
      <TopicCounts code={country.code} rows={topicCounts} />
      <Organisations organisations={organisations} />
      <NeedsAssessment assessment={assessment} />
      <OpenRequests requests={requests} />
      <CountryCoverage code={country.code} name={country.nameEn} coverage={coverage} />
    </>
  );
}

function SessionsReceived({ country, sessions }: { country: PageData["country"]; sessions: PageData["sessions"] }) {
  return (
    <section aria-labelledby="sessions">
      <h2 id="sessions">Sessions received</h2>
      {sessions.items.length ? (
        <ol className="timeline">
          {sessions.items.map((s) => (
            <li key={s.id}>
              <span className="muted">{formatDateRange(s.startDate, s.endDate)}</span> · <TitleLink to={`/sessions/${s.id}`}>{s.title}</TitleLink> ·{" "}
              {s.providerAcronym ?? s.providerName} ·{" "}
              <span className={s.status === "completed" ? "badge ok" : "badge"}>{s.status === "completed" ? "Delivered" : humanise(s.status)}</span>
              {s.hostCountry !== country.code && <span className="muted"> (held in {s.city ? `${s.city}, ` : ""}{s.hostCountryName})</span>}{" "}
              <PossibleDuplicateBadge show={s.possibleDuplicate} />
            </li>
          ))}
        </ol>
      ) : (
        <p className="muted">No sessions delivered or planned for this country have been registered.</p>
      )}
      {sessions.total > 0 && (
        <p>
          {sessions.total > sessions.items.length && `Showing the ${sessions.items.length} most recent of ${formatNumber(sessions.total)}. `}
          <Link to={`/sessions?country=${country.code}`}>All sessions for {country.nameEn}</Link>
        </p>
      )}
    </section>
  );
}

/** The profile's own figures count every session on record; the coverage section counts its period. */
const ALL_TIME = { from: null, to: null, audiences: [], offences: [], providers: [], funders: [] };

function TopicCounts({ code, rows }: { code: string; rows: PageData["topicCounts"] }) {
  if (!rows.length) return null;
  return (
    <section aria-labelledby="topics">
      <h2 id="topics">By topic, all time</h2>
      <p className="muted">Every session on record; the coverage section below counts a chosen period.</p>
      <div className="table-scroll">
        <table>
          <caption className="visually-hidden">Sessions delivered and planned per topic area, all time</caption>
          <thead>
            <tr>
              <th scope="col">Topic area</th>
              <th scope="col" className="numeric">
                Delivered
              </th>
              <th scope="col" className="numeric">
                Planned
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.code}>
                <th scope="row">{r.label}</th>
                <td className="numeric">
                  {r.delivered ? <Link to={sessionsHref(ALL_TIME, { country: code, topic: r.code, status: "delivered" })}>{formatNumber(r.delivered)}</Link> : 0}
                </td>
                <td className="numeric">
                  {r.planned ? <Link to={sessionsHref(ALL_TIME, { country: code, topic: r.code, status: "planned" })}>{formatNumber(r.planned)}</Link> : 0}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function Organisations({ organisations }: { organisations: PageData["organisations"] }) {
  const list = (items: PageData["organisations"]["providers"], empty: string) =>
    items.length ? (
      <ul>
        {items.map((o) => (
          <li key={o.id}>
            <Link to={`/organisations/${o.id}`}>{o.name}</Link>
            {o.acronym && ` (${o.acronym})`} <span className="muted">· {o.sessions === 1 ? "1 session" : `${formatNumber(o.sessions)} sessions`}</span>
          </li>
        ))}
      </ul>
    ) : (
      <p className="muted">{empty}</p>
    );
  return (
    <div className="two-col">
      <section aria-labelledby="providers">
        <h2 id="providers">Providers active here</h2>
        {list(organisations.providers, "None registered.")}
      </section>
      <section aria-labelledby="funders">
        <h2 id="funders">Funders active here</h2>
        {list(organisations.funders, "None registered.")}
      </section>
    </div>
  );
}

function NeedsAssessment({ assessment }: { assessment: PageData["assessment"] }) {
  return (
    <section aria-labelledby="needs">
      <h2 id="needs">Latest needs assessment</h2>
      {assessment ? (
        <>
          <p>
            Assessed on {formatDate(assessment.assessedOn)} by {assessment.assessor}.
          </p>
          <div className="table-scroll">
            <table>
              <caption className="visually-hidden">Need per topic, highest first</caption>
              <thead>
                <tr>
                  <th scope="col">Topic</th>
                  <th scope="col">Need</th>
                  <th scope="col">Notes</th>
                </tr>
              </thead>
              <tbody>
                {assessment.items.map((i) => (
                  <tr key={i.topicCode}>
                    <th scope="row">{i.label}</th>
                    <td>
                      <span className={i.level >= 3 ? "badge danger" : i.level === 2 ? "badge warn" : "badge"}>{needLevelLabel(i.level)}</span>
                    </td>
                    <td>{i.notes}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : (
        <p className="muted">No needs assessment has been recorded for this country.</p>
      )}
    </section>
  );
}

function OpenRequests({ requests }: { requests: PageData["requests"] }) {
  return (
    <section aria-labelledby="requests">
      <h2 id="requests">Open assistance requests</h2>
      {requests.length ? (
        <div className="table-scroll">
          <table>
            <caption className="visually-hidden">Open requests, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Request</th>
                <th scope="col">Agency</th>
                <th scope="col">Urgency</th>
                <th scope="col">Status</th>
                <th scope="col">Submitted</th>
              </tr>
            </thead>
            <tbody>
              {requests.map((r) => (
                <tr key={r.id}>
                  <td>
                    <TitleLink to={`/requests/${r.id}`}>{r.title}</TitleLink> {!r.isPublic && <span className="badge">Not public</span>}
                  </td>
                  <td>{r.agencyName}</td>
                  <td>{humanise(r.urgency)}</td>
                  <td>{humanise(r.status)}</td>
                  <td>{formatDate(r.createdAt.slice(0, 10))}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="muted">No open assistance requests to show.</p>
      )}
    </section>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.country.nameEn ?? "Country"} · Training Coordination Registry` }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
