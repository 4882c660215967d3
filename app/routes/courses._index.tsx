import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import { getDb } from "#db/client.server";
import { CsvLink } from "~/components/csv-link";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { LeftOutFilters } from "~/components/left-out-filters";
import { Pagination } from "~/components/pagination";
import { TitleLink } from "~/components/title-link";
import { COURSE_FACETS, type CourseFacet } from "~/domain/course-search";
import { readCourseListFilters } from "~/models/api/catalogue.server";
import { searchCourses, type FacetOption } from "~/models/course-search.server";
import { canCreateCourse } from "~/models/courses.server";
import { languageLabel } from "~/models/reference.server";
import { getActor } from "~/utils/auth.server";
import { formatNumber, humanise } from "~/utils/format";

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await getActor(request);
  const db = getDb();
  const { filters: search, problems } = await readCourseListFilters(db, new URL(request.url).searchParams);
  const result = await searchCourses(db, search);
  return {
    search: { q: search.q, status: search.status, sort: search.sort },
    problems,
    ...result,
    items: result.items.map((c) => ({ ...c, languages: c.languages.map(languageLabel) })),
    canCreate: canCreateCourse(actor),
  };
}

const FACET_LEGENDS: Record<CourseFacet, string> = {
  topic: "Topic",
  audience: "Audience",
  offence: "Offence focus",
  level: "Level",
  mode: "Delivery mode",
  language: "Language",
  provider: "Provider",
};

export default function CoursesPage() {
  const { search, problems, items, total, page, pageSize, facets, canCreate } = useLoaderData<typeof loader>();
  const location = useLocation();
  return (
    <>
      <div className="results-head">
        <h1>Course catalogue</h1>
        {canCreate && (
          <Link className="button" to="/courses/new">
            Add a course
          </Link>
        )}
      </div>
      <div className="with-sidebar">
        {/* Keyed by the query so ticks follow the URL after client-side navigation (e.g. "Clear all"). */}
        <Form method="get" className="filters" role="search" aria-labelledby="filters-heading" key={location.search}>
          <h2 id="filters-heading">Search and filter</h2>
          <div className="field">
            <label htmlFor="course-q">Search courses</label>
            <input id="course-q" name="q" type="search" defaultValue={search.q} />
          </div>
          <div className="field">
            <label htmlFor="course-sort">Sort by</label>
            <select id="course-sort" name="sort" defaultValue={search.sort}>
              <option value="relevance">Relevance (with search text)</option>
              <option value="title">Title A–Z</option>
              <option value="newest">Newest first</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor="course-status">Status</label>
            <select id="course-status" name="status" defaultValue={search.status}>
              <option value="active">Active courses</option>
              <option value="retired">Retired courses</option>
              <option value="all">All courses</option>
            </select>
          </div>
          <div className="actions">
            <button type="submit">Apply filters</button>
            <Link to="/courses">Clear all</Link>
          </div>
          {COURSE_FACETS.map((facet) => (
            <Facet key={facet} name={facet} legend={FACET_LEGENDS[facet]} options={facets[facet]} />
          ))}
          <div className="actions">
            <button type="submit">Apply filters</button>
          </div>
        </Form>
        <section aria-labelledby="results-heading">
          <LeftOutFilters problems={problems} />
          <h2 id="results-heading" aria-live="polite">
            {total === 1 ? "1 course" : `${formatNumber(total)} courses`}
          </h2>
          <CsvLink to="/courses.csv" leftOut={problems.map((p) => p.parameter)} />
          {items.length ? (
            <ul className="card-list">
              {items.map((c) => (
                <li key={c.id} className="card">
                  <h3>
                    <TitleLink to={`/courses/${c.id}`}>{c.title}</TitleLink> {c.status === "retired" && <span className="badge warn">Retired</span>}
                  </h3>
                  <p>{c.summary}</p>
                  <p className="muted">
                    {[
                      c.providerAcronym ?? c.providerName,
                      humanise(c.level),
                      humanise(c.mode),
                      c.durationHours == null ? null : `${formatNumber(c.durationHours)} h`,
                      c.languages.join(", "),
                    ]
                      .filter(Boolean)
                      .join(" · ")}
                  </p>
                  <ul className="tags" aria-label="Topics">
                    {c.topics.map((t) => (
                      <li key={t.code} className="badge">
                        {t.label}
                      </li>
                    ))}
                  </ul>
                </li>
              ))}
            </ul>
          ) : (
            <p>No courses match. Try fewer filters or other words.</p>
          )}
          <Pagination page={page} pageSize={pageSize} total={total} />
        </section>
      </div>
    </>
  );
}

function Facet({ name, legend, options }: { name: CourseFacet; legend: string; options: FacetOption[] }) {
  if (!options.length) return null;
  return (
    <fieldset className="facet">
      <legend>{legend}</legend>
      <ul>
        {options.map((o) => (
          <li key={o.value} className={o.depth ? "subtopic" : undefined}>
            <label>
              <input type="checkbox" name={name} value={o.value} defaultChecked={o.selected} />
              <span>{o.label}</span>
              <span className="count">
                {formatNumber(o.count)}
                <span className="visually-hidden"> {o.count === 1 ? "course" : "courses"}</span>
              </span>
            </label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}

export const meta: MetaFunction = () => [
  { title: "Course catalogue · Training Coordination Registry" },
  { name: "description", content: "Search training courses on technology-facilitated child abuse and exploitation." },
];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
