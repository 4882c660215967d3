// Parts of an organisation's profile page: a table of sessions, its funding
// records, and its courses, trainers and materials.
import { Link } from "@remix-run/react";
import { AccessBadge } from "~/components/access-badge";
import { type organisationCatalogue, type organisationFunded, type organisationProvided } from "~/models/organisation-profile.server";
import { formatDateRange, formatNumber, humanise } from "~/utils/format";
import { TitleLink } from "./title-link";

type Provided = Awaited<ReturnType<typeof organisationProvided>>;
type Funded = Awaited<ReturnType<typeof organisationFunded>>;
type CatalogueRows = Awaited<ReturnType<typeof organisationCatalogue>>;
type Catalogue = Omit<CatalogueRows, "materials"> & { materials: (CatalogueRows["materials"][number] & { languageLabel: string })[] };

export function SessionTable({ sessions, caption, empty }: { sessions: Provided["sessions"]; caption: string; empty: string }) {
  if (!sessions.length) return <p className="muted">{empty}</p>;
  return (
    <table>
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Session</th>
          <th scope="col">Dates</th>
          <th scope="col">Place</th>
          <th scope="col">Status</th>
        </tr>
      </thead>
      <tbody>
        {sessions.map((s) => (
          <tr key={s.id}>
            <td>
              <TitleLink to={`/sessions/${s.id}`}>{s.title}</TitleLink>
            </td>
            <td>{formatDateRange(s.startDate, s.endDate)}</td>
            <td>{s.city ? `${s.city}, ${s.countryName}` : s.countryName}</td>
            <td>{humanise(s.status)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function FundingTable({ records }: { records: Funded["records"] }) {
  return (
    <>
      <h3 id="funding-records">Funding records</h3>
      <table aria-labelledby="funding-records">
        <thead>
          <tr>
            <th scope="col">For</th>
            <th scope="col" className="numeric">
              Amount
            </th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {records.map((f) => (
            <tr key={f.id}>
              <td>
                {f.sessionId ? (
                  <Link to={`/sessions/${f.sessionId}`}>{f.sessionTitle}</Link>
                ) : (
                  <>
                    Request: <Link to={`/requests/${f.requestId}`}>{f.requestTitle}</Link>
                  </>
                )}
              </td>
              <td className="numeric">{f.amount == null ? <span className="muted">Not stated</span> : `${formatNumber(f.amount)} ${f.currency ?? ""}`}</td>
              <td>{humanise(f.status)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

export function OrganisationCatalogue({ catalogue }: { catalogue: Catalogue }) {
  return (
    <div className="two-col">
      <section aria-labelledby="courses">
        <h2 id="courses">Courses ({formatNumber(catalogue.courses.length)})</h2>
        {catalogue.courses.length ? (
          <ul>
            {catalogue.courses.map((c) => (
              <li key={c.id}>
                <TitleLink to={`/courses/${c.id}`}>{c.title}</TitleLink> {c.status === "retired" && <span className="badge warn">Retired</span>}
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">No courses in the catalogue.</p>
        )}
      </section>
      <section aria-labelledby="trainers">
        <h2 id="trainers">Trainers ({formatNumber(catalogue.trainers.length)})</h2>
        {catalogue.trainers.length ? (
          <ul>
            {catalogue.trainers.map((t) => (
              <li key={t.id}>
                <Link to={`/trainers/${t.id}`}>{t.name}</Link>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">No trainers in the directory.</p>
        )}
      </section>
      <section aria-labelledby="materials">
        <h2 id="materials">Materials ({formatNumber(catalogue.materials.length)})</h2>
        {catalogue.materials.length ? (
          <ul>
            {catalogue.materials.map((m) => (
              <li key={m.id}>
                <TitleLink to={`/materials/${m.id}`}>{m.title}</TitleLink> <span className="muted">({humanise(m.kind)}, {m.languageLabel})</span>{" "}
                <AccessBadge level={m.accessLevel} />
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">No materials published.</p>
        )}
      </section>
    </div>
  );
}
