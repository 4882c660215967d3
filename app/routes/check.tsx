// The donor's check before funding: one page answering, for a place, topics,
// audiences and a period, what was delivered and is planned there, by whom
// and with whose money, where efforts overlap, what is asked for and
// assessed, and a plain verdict per topic. All inputs are in the address, so
// a check can be linked, printed, and fetched as JSON (/api/v1/check).
import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useEffect, useState } from "react";
import { getDb } from "#db/client.server";
import { CheckResults } from "~/components/check-results";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FilterSelect } from "~/components/forms";
import { checkSearch, parseCheckParams, type CheckParams } from "~/domain/check-params";
import { windowForPreset } from "~/domain/coverage-params";
import { runDonorCheck } from "~/models/donor-check.server";
import { listAudiences, listTopics } from "~/models/reference.server";
import { sessionFilterOptions } from "~/models/session-form-options.server";
import { getActor } from "~/utils/auth.server";
import { formatDate, today } from "~/utils/format";

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await getActor(request);
  const db = getDb();
  const url = new URL(request.url);
  const [places, topics, audiences] = await Promise.all([sessionFilterOptions(db), listTopics(db), listAudiences(db)]);
  const options = {
    countries: places.countries,
    regions: places.regions,
    topics: topics.map((t) => ({ value: t.code, label: t.label, parentCode: t.parentCode })),
    audiences: audiences.map((a) => ({ value: a.code, label: a.label })),
  };
  const parsed = parseCheckParams(url.searchParams);
  const asked = url.searchParams.has("country") || url.searchParams.has("region");
  // Before the first check the form suggests the last three years and everything planned.
  const blank: CheckParams = { country: null, region: null, topics: [], audiences: [], from: windowForPreset("3y", today()).from, to: null };
  if (!parsed.ok) return { options, params: blank, problem: parsed.error, check: null, search: "" };
  if (!asked) return { options, params: blank, problem: null, check: null, search: "" };
  const check = await runDonorCheck(db, actor, parsed.value);
  if ("problem" in check) return { options, params: parsed.value, problem: check.problem.error, check: null, search: "" };
  const search = checkSearch(parsed.value);
  // Printed on paper, the check still says where to find it again and when it was made.
  return { options, params: parsed.value, problem: null, check, search, address: `${url.origin}/check?${search}`, checkedOn: today() };
}

export default function CheckPage() {
  const loaded = useLoaderData<typeof loader>();
  const { options, params, problem, check, search } = loaded;
  const period = params.from || params.to ? `${params.from ? formatDate(params.from) : "the beginning"} to ${params.to ? formatDate(params.to) : "everything planned"}` : "all time";
  return (
    <div className="check-page">
      <h1>Check before funding</h1>
      <p className="lead">What was delivered and is planned in a country or region, who provided and funded it, what is asked for, and where a new effort would overlap.</p>
      <Form method="get" className="check-form coverage-filters" aria-label="What to check">
        <FilterSelect id="check-country" name="country" label="Country" any="Choose a country…" value={params.country} options={options.countries} />
        <FilterSelect id="check-region" name="region" label="or a region (UN M49)" any="Choose a region…" value={params.region} options={options.regions} />
        <div className="field">
          <label htmlFor="check-from">From</label>
          <input id="check-from" name="from" type="date" defaultValue={params.from ?? ""} />
        </div>
        <div className="field">
          <label htmlFor="check-to">To</label>
          <input id="check-to" name="to" type="date" defaultValue={params.to ?? ""} aria-describedby="check-to-hint" />
          <span id="check-to-hint" className="hint">
            Empty: everything planned.
          </span>
        </div>
        <fieldset className="facet check-topics">
          <legend>Topics</legend>
          <span className="hint">None ticked: one verdict per general topic.</span>
          <ul>
            {options.topics.map((t) => (
              <li key={t.value} className={t.parentCode ? "subtopic" : undefined}>
                <label>
                  <input type="checkbox" name="topic" value={t.value} defaultChecked={params.topics.includes(t.value)} /> {t.label}
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
        <fieldset className="facet">
          <legend>Audiences</legend>
          <ul>
            {options.audiences.map((a) => (
              <li key={a.value}>
                <label>
                  <input type="checkbox" name="audience" value={a.value} defaultChecked={params.audiences.includes(a.value)} /> {a.label}
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
        <div className="actions">
          <button type="submit">Check</button>
          <Link to="/check">Start again</Link>
        </div>
      </Form>
      {problem && (
        <div className="error-summary" role="alert">
          <p>{problem}</p>
        </div>
      )}
      {check && (
        <>
          <div className="actions">
            <a href={`/api/v1/check?${search}`}>This check as JSON</a>
            <Link to={`/check?${search}`}>Link to this check</Link>
            <PrintButton />
          </div>
          {"address" in loaded && (
            <p className="print-only">
              Checked on {formatDate(loaded.checkedOn)}. This check, with the latest data: {loaded.address}
            </p>
          )}
          <CheckResults check={check} placeName={check.place.name} period={period} audiences={params.audiences.map((a) => options.audiences.find((o) => o.value === a)?.label ?? a)} />
        </>
      )}
    </div>
  );
}

/** Printing needs the browser: the button appears once scripts run; without them the browser's own Print command does the same. */
function PrintButton() {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  if (!hydrated) return null;
  return (
    <button type="button" className="secondary" onClick={() => window.print()}>
      Print
    </button>
  );
}

export const meta: MetaFunction = () => [
  { title: "Check before funding · Training Coordination Registry" },
  { name: "description", content: "Before funding training against online child abuse: what was delivered and is planned in a country, gaps, requests and overlaps." },
];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
