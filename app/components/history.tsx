import { Link } from "@remix-run/react";
import { formatDateTime, humanise } from "~/utils/format";

type HistoryEvent = {
  id: string;
  at: string;
  action: string;
  actorName: string | null;
  changes: Record<string, { before: unknown; after: unknown }> | null;
};

function show(value: unknown): string {
  if (value === null || value === undefined || value === "") return "—";
  if (Array.isArray(value)) return value.join(", ") || "—";
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

/** The audit trail of one record, newest first. */
export function HistoryTable({ events }: { events: HistoryEvent[] }) {
  if (!events.length) return <p className="muted">No recorded changes.</p>;
  return (
    <table>
      <caption className="visually-hidden">Changes, newest first</caption>
      <thead>
        <tr>
          <th scope="col">When</th>
          <th scope="col">Who</th>
          <th scope="col">What</th>
          <th scope="col">Changes</th>
        </tr>
      </thead>
      <tbody>
        {events.map((e) => (
          <tr key={e.id}>
            <td>{formatDateTime(e.at)}</td>
            <td>{e.actorName ?? "System"}</td>
            <td>{humanise(e.action)}</td>
            <td>
              {e.changes && Object.keys(e.changes).length ? (
                <ul>
                  {Object.entries(e.changes).map(([field, change]) => (
                    <li key={field}>
                      <strong>{field}</strong>: {show(change.before)} → {show(change.after)}
                    </li>
                  ))}
                </ul>
              ) : (
                <span className="muted">—</span>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function HistoryLink({ kind, id }: { kind: string; id: string }) {
  return <Link to={`/history/${kind}/${id}`}>History</Link>;
}
