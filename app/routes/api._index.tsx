// /api: the API and the exports explained for people, with working links and
// a small form that builds a calendar subscription address.
import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { getDb } from "#db/client.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { CHECK_PARAMS, COURSE_PARAMS, COVERAGE_PARAMS, DUPLICATE_PARAMS, MATERIAL_PARAMS, ORGANISATION_PARAMS, OVERLAP_PARAMS, REQUEST_PARAMS, SESSION_LIST_PARAMS, TRAINER_PARAMS } from "~/domain/api-endpoints";
import { type ParamSpecs } from "~/domain/api-params";
import { readSessionListFilters } from "~/models/api/sessions.server";
import { sessionFilterOptions } from "~/models/session-form-options.server";
import { getActor } from "~/utils/auth.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const actor = await getActor(request);
  const db = getDb();
  const options = await sessionFilterOptions(db);
  // The calendar form reads like the sessions filters; only known values make it into the address.
  const { filters: chosen } = await readSessionListFilters(db, url.searchParams);
  const feed = new URLSearchParams();
  const country = options.countries.find((c) => c.value === chosen.countries[0])?.value;
  const region = options.regions.find((r) => r.value === chosen.region)?.value;
  const topic = options.topics.find((t) => t.value === chosen.topics[0])?.value;
  if (country) feed.set("country", country);
  if (region) feed.set("region", region);
  if (topic) feed.set("topic", topic);
  const feedUrl = `${url.origin}/api/v1/sessions.ics${feed.size ? `?${feed}` : ""}`;
  return {
    origin: url.origin,
    signedIn: !!actor,
    options: { countries: options.countries, regions: options.regions, topics: options.topics },
    calendar: { asked: url.searchParams.has("calendar"), country, region, topic, feedUrl, webcalUrl: feedUrl.replace(/^https?:/, "webcal:") },
  };
}

// Parameter names come from the declarations the endpoints read, so this page cannot drift from them.
const names = (specs: ParamSpecs) => Object.keys(specs).join(", ");
/** A working example address: paged lists show a few items; the rest need their subject. */
const SAMPLE_QUERY: Record<string, string> = { "/api/v1/coverage": "?topic=EVID", "/api/v1/check": "?country=KEN&topic=EVID" };
const ENDPOINTS = [
  ["/api/v1/sessions", "Training sessions", names(SESSION_LIST_PARAMS)],
  ["/api/v1/courses", "The course catalogue", names(COURSE_PARAMS)],
  ["/api/v1/trainers", "Trainers (contact details only when signed in and with consent)", names(TRAINER_PARAMS)],
  ["/api/v1/materials", "Materials (files and links only for those allowed to download them)", names(MATERIAL_PARAMS)],
  ["/api/v1/organisations", "Organisations with sessions provided and funded", names(ORGANISATION_PARAMS)],
  ["/api/v1/requests", "Assistance requests you may see", names(REQUEST_PARAMS)],
  ["/api/v1/coverage", "Coverage cells per country and topic", names(COVERAGE_PARAMS)],
  ["/api/v1/check", "The donor's check before funding: gap, covered or planned per topic for a country or region, with overlaps", names(CHECK_PARAMS)],
  ["/api/v1/duplicates", "Candidate duplicate records with scores and reasons (coordinators only)", names(DUPLICATE_PARAMS)],
  ["/api/v1/overlaps", "Overlapping efforts: sessions by different providers for the same country, topic and audience", names(OVERLAP_PARAMS)],
] as const;

const EXPORTS = [
  ["/api/v1/sessions.csv", "CSV with the import columns: edit it and import it again without losing anything"],
  ["/api/v1/sessions.iati.xml", "IATI 2.03 activities (public facts only) for aid-transparency tools"],
  ["/api/v1/sessions.hxl.csv", "HXL-tagged “who does what where” (3W) rows for humanitarian tools"],
  ["/api/v1/sessions.ics", "A calendar of planned and confirmed sessions"],
] as const;

export default function ApiPage() {
  const { origin, signedIn, options, calendar } = useLoaderData<typeof loader>();
  return (
    <article className="prose">
      <h1>Data access: API and exports</h1>
      <p>
        Everything the registry shows publicly can be read by other tools, in JSON through the API or as files. The machine-readable description is{" "}
        <a href="/api/v1/openapi.json">the OpenAPI document</a>.
      </p>

      <h2>Who sees what</h2>
      <p>
        Without signing in you get public data. Signed in, or with a personal API token, you get what your account may see on the pages, and nothing
        more: restricted materials, trainers&apos; contact details without their consent and restricted session details stay out for everyone else.
      </p>
      <p>
        {signedIn ? (
          <>
            Create a token on <Link to="/profile">your profile</Link>; it is shown once. Send it as <code>Authorization: Bearer &lt;token&gt;</code>.
          </>
        ) : (
          <>
            <Link to="/login?redirectTo=/profile">Sign in</Link> to create a personal API token on your profile; send it as{" "}
            <code>Authorization: Bearer &lt;token&gt;</code>.
          </>
        )}{" "}
        A revoked token is refused with status 401.
      </p>

      <h2>Endpoints</h2>
      <p>
        Lists return <code>{'{ "items": […], "page", "pageSize", "total" }'}</code>. Use <code>page</code> and <code>pageSize</code> (at most 500). A list
        parameter may repeat or separate values with <code>;</code>.
      </p>
      <table>
        <caption className="visually-hidden">API endpoints</caption>
        <thead>
          <tr>
            <th scope="col">Address</th>
            <th scope="col">What</th>
            <th scope="col">Filters</th>
          </tr>
        </thead>
        <tbody>
          {ENDPOINTS.map(([path, what, filters]) => (
            <tr key={path}>
              <th scope="row">
                <a href={`${path}${SAMPLE_QUERY[path] ?? "?pageSize=5"}`}>{path}</a>
              </th>
              <td>{what}</td>
              <td>{filters}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        A bad parameter is answered with status 400 and <code>{'{ "error": "…", "parameter": "…" }'}</code>, for example{" "}
        <a href="/api/v1/sessions?pageSize=501">pageSize=501</a>.
      </p>

      <h2>Exports of training sessions</h2>
      <p>Each takes the same filters as the sessions API and contains every match. For example, Kenya only: add <code>?country=KEN</code>.</p>
      <ul>
        {EXPORTS.map(([path, what]) => (
          <li key={path}>
            <a href={path}>{path}</a>: {what}
          </li>
        ))}
      </ul>
      <p>
        Every list page (sessions, courses, trainers, materials, organisations) also offers a CSV of what it shows, with readable labels beside codes.
        Spreadsheets run cells that begin with = + - or @ as formulas, so such cells get a leading apostrophe; the importer removes it again.
      </p>

      <h2 id="calendar-heading">Subscribe to a calendar</h2>
      <Form method="get" aria-labelledby="calendar-heading" className="stack">
        <input type="hidden" name="calendar" value="1" />
        <CalendarSelect name="country" label="Beneficiary country" any="Any country" value={calendar.country} options={options.countries} />
        <CalendarSelect name="region" label="Region (UN M49)" any="Any region" value={calendar.region} options={options.regions} />
        <CalendarSelect name="topic" label="Topic" any="Any topic" value={calendar.topic} options={options.topics} />
        <div className="actions">
          <button type="submit">Make the calendar address</button>
        </div>
      </Form>
      {calendar.asked && (
        <div className="notice" role="status">
          <p>
            Add this address to your calendar app (“subscribe” or “add from URL”): <code>{calendar.feedUrl}</code>
          </p>
          <p>
            <a href={calendar.webcalUrl}>Open in your calendar app</a> · <a href={calendar.feedUrl.replace(origin, "")}>Download the .ics file</a>
          </p>
        </div>
      )}
    </article>
  );
}

function CalendarSelect(props: { name: string; label: string; any: string; value: string | undefined; options: { value: string; label: string }[] }) {
  const id = `calendar-${props.name}`;
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <select id={id} name={props.name} defaultValue={props.value ?? ""}>
        <option value="">{props.any}</option>
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export const meta: MetaFunction = () => [
  { title: "API and exports · Training Coordination Registry" },
  { name: "description", content: "Read the registry's training data as JSON, CSV, IATI XML, HXL or a calendar feed." },
];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
