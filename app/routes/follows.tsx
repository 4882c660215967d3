import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { getDb } from "#db/client.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FollowButton } from "~/components/follow-button";
import { listFollows } from "~/models/notifications.server";
import { sessionFilterOptions } from "~/models/session-form-options.server";
import { requireActor } from "~/utils/auth.server";
import { humanise } from "~/utils/format";

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const db = getDb();
  const [follows, options] = await Promise.all([listFollows(db, actor), sessionFilterOptions(db)]);
  return { follows, options: { countries: options.countries, regions: options.regions, topics: options.topics } };
}

export default function FollowsPage() {
  const { follows, options } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>What you follow</h1>
      <p className="lead">
        New training sessions, requests for assistance and their status changes in what you follow appear in your <Link to="/inbox">inbox</Link>.
      </p>
      {follows.length ? (
        <ul className="plain follow-list">
          {follows.map((f) => (
            <li key={`${f.kind}:${f.value}`}>
              <span className="muted">{humanise(f.kind)}:</span> {f.label} <FollowButton kind={f.kind} value={f.value} label={f.label} following />
            </li>
          ))}
        </ul>
      ) : (
        <p>You follow nothing yet.</p>
      )}
      <h2>Follow more</h2>
      <div className="two-col">
        <FollowForm kind="country" label="Country" options={options.countries} />
        <FollowForm kind="region" label="Region (UN M49)" options={options.regions} />
        <FollowForm kind="topic" label="Topic" options={options.topics} />
      </div>
    </>
  );
}

function FollowForm({ kind, label, options }: { kind: string; label: string; options: { value: string; label: string }[] }) {
  const id = `follow-${kind}`;
  return (
    <Form method="post" action="/follow" className="stack">
      <input type="hidden" name="kind" value={kind} />
      <input type="hidden" name="redirectTo" value="/follows" />
      <div className="field">
        <label htmlFor={id}>{label}</label>
        <select id={id} name="value" required>
          <option value="">Choose…</option>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" name="intent" value="follow">
        Follow {label.toLowerCase().replace(" (un m49)", "")}
      </button>
    </Form>
  );
}

export const meta: MetaFunction = () => [{ title: "What you follow · Training Coordination Registry" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
