import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import { getDb } from "#db/client.server";
import { CsvLink } from "~/components/csv-link";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { LeftOutFilters } from "~/components/left-out-filters";
import { Pagination } from "~/components/pagination";
import { readTrainerListFilters } from "~/models/api/directory.server";
import { languageLabel } from "~/models/reference.server";
import { searchTrainers, trainerFilterOptions } from "~/models/trainer-search.server";
import { canCreateTrainer } from "~/models/trainers.server";
import { getActor } from "~/utils/auth.server";
import { formatNumber } from "~/utils/format";

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await getActor(request);
  const db = getDb();
  const { filters, problems } = await readTrainerListFilters(db, new URL(request.url).searchParams);
  const [result, options] = await Promise.all([searchTrainers(db, filters), trainerFilterOptions(db)]);
  return {
    // The form shows one value per filter; the URL may carry more (?topic=A;B) and they all apply.
    filters: {
      q: filters.q,
      topic: filters.topics[0] ?? "",
      language: filters.languages[0] ?? "",
      country: filters.countries[0] ?? "",
      organisation: filters.organisations[0] ?? "",
    },
    problems,
    ...result,
    items: result.items.map((t) => ({ ...t, languages: t.languages.map(languageLabel) })),
    options: { ...options, languages: options.languages.map((code) => ({ code, label: languageLabel(code) })).sort((a, b) => a.label.localeCompare(b.label)) },
    canCreate: canCreateTrainer(actor),
  };
}

export default function TrainersPage() {
  const { filters, problems, items, total, page, pageSize, options, canCreate } = useLoaderData<typeof loader>();
  const location = useLocation();
  return (
    <>
      <div className="results-head">
        <h1>Trainers</h1>
        {canCreate && (
          <Link className="button" to="/trainers/new">
            Add a trainer
          </Link>
        )}
      </div>
      <div className="with-sidebar">
        {/* Keyed by the query so the controls follow the URL after client-side navigation. */}
        <Form method="get" className="filters" role="search" aria-labelledby="filters-heading" key={location.search}>
          <h2 id="filters-heading">Search and filter</h2>
          <div className="field">
            <label htmlFor="trainer-q">Name or biography</label>
            <input id="trainer-q" name="q" type="search" defaultValue={filters.q} />
          </div>
          <div className="field">
            <label htmlFor="trainer-topic">Expertise</label>
            <select id="trainer-topic" name="topic" defaultValue={filters.topic}>
              <option value="">Any topic</option>
              {options.topics.map((t) => (
                <option key={t.code} value={t.code}>
                  {t.parentCode ? `\u00a0\u00a0\u00a0${t.label}` : `${t.label} (all)`}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="trainer-language">Language</label>
            <select id="trainer-language" name="language" defaultValue={filters.language}>
              <option value="">Any language</option>
              {options.languages.map((l) => (
                <option key={l.code} value={l.code}>
                  {l.label}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="trainer-country">Country worked in</label>
            <select id="trainer-country" name="country" defaultValue={filters.country}>
              <option value="">Any country</option>
              {options.countries.map((c) => (
                <option key={c.code} value={c.code}>
                  {c.name}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="trainer-organisation">Organisation</label>
            <select id="trainer-organisation" name="organisation" defaultValue={filters.organisation}>
              <option value="">Any organisation</option>
              {options.organisations.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.acronym ? `${o.name} (${o.acronym})` : o.name}
                </option>
              ))}
            </select>
          </div>
          <div className="actions">
            <button type="submit">Apply filters</button>
            <Link to="/trainers">Clear all</Link>
          </div>
        </Form>
        <section aria-labelledby="results-heading">
          <LeftOutFilters problems={problems} />
          <h2 id="results-heading" aria-live="polite">
            {total === 1 ? "1 trainer" : `${formatNumber(total)} trainers`}
          </h2>
          <CsvLink to="/trainers.csv" leftOut={problems.map((p) => p.parameter)} />
          {items.length ? (
            <ul className="card-list">
              {items.map((t) => (
                <li key={t.id} className="card">
                  <h3>
                    <Link to={`/trainers/${t.id}`}>{t.name}</Link>
                  </h3>
                  <p className="muted">
                    {[t.organisationAcronym ?? t.organisationName ?? "Independent", t.languages.join(", ")].filter(Boolean).join(" · ")}
                  </p>
                  {t.topics.length > 0 && (
                    <ul className="tags" aria-label="Expertise">
                      {t.topics.map((topic) => (
                        <li key={topic.code} className="badge">
                          {topic.label}
                        </li>
                      ))}
                    </ul>
                  )}
                </li>
              ))}
            </ul>
          ) : (
            <p>No trainers match. Try fewer filters or other words.</p>
          )}
          <Pagination page={page} pageSize={pageSize} total={total} />
        </section>
      </div>
    </>
  );
}

export const meta: MetaFunction = () => [
  { title: "Trainers · Training Coordination Registry" },
  { name: "description", content: "Find trainers by expertise, language and the countries they have worked in." },
];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
