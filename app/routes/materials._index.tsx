import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import { getDb } from "#db/client.server";
import { ACCESS_LEVELS, MATERIAL_KINDS } from "#db/schema";
import { AccessBadge } from "~/components/access-badge";
import { CsvLink } from "~/components/csv-link";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FilterSelect } from "~/components/forms";
import { LeftOutFilters } from "~/components/left-out-filters";
import { Pagination } from "~/components/pagination";
import { TitleLink } from "~/components/title-link";
import { readMaterialListFilters } from "~/models/api/catalogue.server";
import { canCreateMaterials, listMaterials, listPublishers } from "~/models/materials.server";
import { languageLabel, LANGUAGE_OPTIONS, listTopics } from "~/models/reference.server";
import { getActor } from "~/utils/auth.server";
import { formatNumber, humanise } from "~/utils/format";

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await getActor(request);
  const db = getDb();
  const { filters, paging, problems } = await readMaterialListFilters(db, new URL(request.url).searchParams);
  const [{ items, total }, topics, publishers] = await Promise.all([listMaterials(db, filters, paging), listTopics(db), listPublishers(db)]);
  // Any ISO 639-1 code filters, as in the API: the list offers the common ones and the one in use.
  const asked = filters.language;
  const languages = asked && !LANGUAGE_OPTIONS.some((l) => l.value === asked) ? [...LANGUAGE_OPTIONS, { value: asked, label: languageLabel(asked) }] : LANGUAGE_OPTIONS;
  return {
    filters: { ...filters, q: filters.q ?? "" },
    problems,
    items: items.map((m) => ({ ...m, languageLabel: languageLabel(m.language) })),
    total,
    page: paging.page,
    pageSize: paging.pageSize,
    options: {
      topics: topics.map((t) => ({ value: t.code, label: t.parentCode ? `— ${t.label}` : t.label })),
      publishers: publishers.map((p) => ({ value: p.id, label: p.name })),
      languages: languages.map((l) => ({ value: l.value, label: l.label })),
    },
    canCreate: canCreateMaterials(actor),
  };
}

export default function MaterialsPage() {
  const { filters, problems, items, total, page, pageSize, options, canCreate } = useLoaderData<typeof loader>();
  const location = useLocation();
  return (
    <>
      <div className="results-head">
        <h1>Materials library</h1>
        {canCreate && (
          <Link className="button" to="/materials/new">
            Add a material
          </Link>
        )}
      </div>
      <div className="with-sidebar">
        {/* Keyed by the query so the controls follow the URL after client-side navigation. */}
        <Form method="get" className="filters" role="search" aria-labelledby="filters-heading" key={location.search}>
          <h2 id="filters-heading">Search and filter</h2>
          <div className="field">
            <label htmlFor="material-q">Search materials</label>
            <input id="material-q" name="q" type="search" defaultValue={filters.q} />
          </div>
          <FilterSelect id="material-kind" name="kind" label="Kind" any="Any kind" value={filters.kind} options={MATERIAL_KINDS.map((k) => ({ value: k, label: humanise(k) }))} />
          <FilterSelect id="material-language" name="language" label="Language" any="Any language" value={filters.language} options={options.languages} />
          <FilterSelect
            id="material-access"
            name="access"
            label="Access"
            any="Any access"
            value={filters.accessLevel}
            options={ACCESS_LEVELS.map((level) => ({ value: level, label: ACCESS_LABELS[level] }))}
          />
          <FilterSelect id="material-publisher" name="publisher" label="Publisher" any="Any publisher" value={filters.publisherId} options={options.publishers} />
          <FilterSelect
            id="material-topic"
            name="topic"
            label="Course topic"
            any="Any topic"
            value={filters.topic}
            options={options.topics}
            hint="Materials linked to a course on this topic."
          />
          <div className="actions">
            <button type="submit">Apply filters</button>
            <Link to="/materials">Clear all</Link>
          </div>
        </Form>
        <section aria-labelledby="results-heading">
          <LeftOutFilters problems={problems} />
          <h2 id="results-heading" aria-live="polite">
            {total === 1 ? "1 material" : `${formatNumber(total)} materials`}
          </h2>
          <CsvLink to="/materials.csv" leftOut={problems.map((p) => p.parameter)} />
          {items.length ? (
            <ul className="card-list">
              {items.map((m) => (
                <li key={m.id} className="card">
                  <h3>
                    <TitleLink to={`/materials/${m.id}`}>{m.title}</TitleLink> <AccessBadge level={m.accessLevel} />
                  </h3>
                  <p className="muted">
                    {[humanise(m.kind), m.languageLabel, m.publisherName, m.edition, m.isExternal ? "External link" : null].filter(Boolean).join(" · ")}
                  </p>
                  {m.courseId && (
                    <p>
                      Course: <Link to={`/courses/${m.courseId}`}>{m.courseTitle}</Link>
                    </p>
                  )}
                </li>
              ))}
            </ul>
          ) : (
            <p>No materials match. Try fewer filters or other words.</p>
          )}
          <Pagination page={page} pageSize={pageSize} total={total} />
        </section>
      </div>
    </>
  );
}

const ACCESS_LABELS = { public: "Public", registered: "Registered users", restricted: "Restricted (vetted users)" };

export const meta: MetaFunction = () => [
  { title: "Materials library · Training Coordination Registry" },
  { name: "description", content: "Curricula, handbooks, slides and exercises for training against online child abuse and exploitation." },
];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
