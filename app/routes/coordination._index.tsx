import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getDb } from "#db/client.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { getCoordinationCounts, listDeletedRecords } from "~/models/coordination.server";
import { openCounts } from "~/models/duplicates.server";
import { requireActor } from "~/utils/auth.server";
import { formatDateTime, formatNumber, today } from "~/utils/format";

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const db = getDb();
  const [counts, deleted] = await Promise.all([getCoordinationCounts(db, actor, today()), listDeletedRecords(db, actor)]);
  const duplicates = await openCounts(db, actor);
  return { counts, deleted, duplicates };
}

export default function CoordinationPage() {
  const { counts, deleted, duplicates } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Coordination</h1>
      <ul className="figures">
        <li>
          <strong>{formatNumber(counts.pendingAccessRequests)}</strong>
          <Link to="/coordination/access-requests">access requests waiting for a decision</Link>
        </li>
        <li>
          <strong>{formatNumber(counts.sessionsNeedingUpdate)}</strong>
          <Link to="/sessions/needs-update">sessions whose status contradicts their dates</Link>
        </li>
        <li>
          <strong>{formatNumber(Object.values(duplicates).reduce((a, b) => a + b, 0))}</strong>
          <Link to="/duplicates">possible duplicates to review</Link>
          <span className="muted">
            {" "}
            ({formatNumber(duplicates.session)} sessions, {formatNumber(duplicates.course)} courses, {formatNumber(duplicates.trainer)} trainers, {formatNumber(duplicates.organisation)}{" "}
            organisations)
          </span>
        </li>
        <li>
          <Link to="/overlaps">Overlapping efforts</Link> <span className="muted">by different providers in the same country, topic and audience</span>
        </li>
      </ul>
      <h2>Deleted records</h2>
      <p className="muted">Deleted records are kept. Open one to see it and restore it.</p>
      {deleted.length ? (
        <table>
          <caption className="visually-hidden">Deleted records, most recently deleted first</caption>
          <thead>
            <tr>
              <th scope="col">Record</th>
              <th scope="col">Kind</th>
              <th scope="col">Deleted</th>
            </tr>
          </thead>
          <tbody>
            {deleted.map((r) => (
              <tr key={`${r.kind}-${r.id}`}>
                <td>
                  <Link to={r.href}>{r.label}</Link>
                </td>
                <td>{r.kind}</td>
                <td>{formatDateTime(r.deletedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>Nothing has been deleted.</p>
      )}
    </>
  );
}

export const meta: MetaFunction = () => [{ title: "Coordination · Training Coordination Registry" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
