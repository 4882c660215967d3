// Pieces of the session import page: the bad rows of a rejected file, the
// preview of an accepted one (with overlap and duplicate warnings per row),
// and the progress bar shown while the server works through a large file.
import { Link } from "@remix-run/react";
import { useEffect, useState } from "react";
import { countOf, formatDateRange, formatNumber, humanise } from "~/utils/format";

type RowError = { line: number; column: string | null; reason: string };

export function ImportErrors({ result }: { result: { fileName: string; totalRows: number; errorCount: number; errors: RowError[] } }) {
  const hidden = result.errorCount - result.errors.length;
  return (
    <section aria-labelledby="import-errors-heading" className="error-summary">
      <h2 id="import-errors-heading">
        {result.fileName}: {countOf(result.errorCount, "problem")}; nothing was imported
      </h2>
      <p>Correct every row listed and upload the file again. The whole file is imported only when no row has a problem.</p>
      <div className="table-scroll">
        <table>
          <caption className="visually-hidden">Problems in the file</caption>
          <thead>
            <tr>
              <th scope="col">Line</th>
              <th scope="col">Column</th>
              <th scope="col">Problem</th>
            </tr>
          </thead>
          <tbody>
            {result.errors.map((e, i) => (
              <tr key={i}>
                <td>{e.line}</td>
                <td>{e.column ?? "—"}</td>
                <td>{e.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {hidden > 0 && <p>… and {formatNumber(hidden)} more.</p>}
    </section>
  );
}

type PreviewRow = {
  line: number;
  externalId: string;
  title: string;
  startDate: string;
  endDate: string;
  hostCountry: string;
  status: string;
  outcome: "created" | "updated" | "unchanged" | "deleted";
  sessionId: string | null;
  changed: string[];
};
type Warnings = Record<number, { overlaps: { label: string; href: string; detail: string }[]; duplicates: { label: string; href: string; score: number }[] }>;

export type ImportPreviewData = {
  fileName: string;
  reporter: string;
  totalRows: number;
  created: number;
  updated: number;
  unchanged: number;
  deleted: number;
  newOrganisations: string[];
  newTrainers: string[];
  /** Shown again because the reporter's sessions changed after the first preview. */
  changedSincePreview: boolean;
  rows: PreviewRow[];
  warnings: Warnings;
};

const OUTCOME_LABEL = { created: "New", updated: "Updated", unchanged: "Unchanged", deleted: "Left out: deleted in the registry" } as const;
const OUTCOME_BADGE = { created: "ok", updated: "warn", unchanged: "", deleted: "warn" } as const;

export function ImportPreview({ preview }: { preview: ImportPreviewData }) {
  const warned = Object.keys(preview.warnings).length;
  return (
    <section aria-labelledby="import-preview-heading">
      <h2 id="import-preview-heading">Preview: nothing has been written yet</h2>
      <p>
        {preview.fileName}, reported by {preview.reporter}: {countOf(preview.totalRows, "row")}, all valid.
      </p>
      <ul className="figures" aria-label="What the import would do">
        <li>
          <strong>{formatNumber(preview.created)}</strong> to create
        </li>
        <li>
          <strong>{formatNumber(preview.updated)}</strong> to update
        </li>
        <li>
          <strong>{formatNumber(preview.unchanged)}</strong> unchanged
        </li>
        {preview.deleted > 0 && (
          <li>
            <strong>{formatNumber(preview.deleted)}</strong> left out
          </li>
        )}
      </ul>
      {preview.deleted > 0 && (
        <p className="notice">
          {preview.deleted === 1 ? "1 row names a session" : `${formatNumber(preview.deleted)} rows name sessions`} deleted in the registry. They
          are left out rather than created again; to bring one back, a coordinator restores it from its page, and the file is imported again.
        </p>
      )}
      {preview.changedSincePreview && (
        <p className="notice" role="alert">
          Nothing was imported: {preview.reporter}’s sessions changed after your preview (someone edited them or imported another file). This
          is what the file would do now; check it and confirm again.
        </p>
      )}
      <NewRecordsNotice names={preview.newOrganisations} one="organisation is" many="organisations are" />
      <NewRecordsNotice names={preview.newTrainers} one="trainer is" many="trainers are" />
      {warned > 0 && (
        <p className="notice">
          {preview.rows.length < preview.totalRows ? `Of the first ${formatNumber(preview.rows.length)} rows, listed below, ` : ""}
          {countOf(warned, "row")} {warned === 1 ? "overlaps" : "overlap"} with other efforts or may duplicate sessions already registered. You
          can still import; coordinators review possible duplicates.
        </p>
      )}
      <div className="table-scroll">
        <table>
          <caption>
            {preview.rows.length < preview.totalRows
              ? `The first ${formatNumber(preview.rows.length)} rows of ${formatNumber(preview.totalRows)}`
              : "Every row of the file"}
          </caption>
          <thead>
            <tr>
              <th scope="col">Line</th>
              <th scope="col">Result</th>
              <th scope="col">External id</th>
              <th scope="col">Title</th>
              <th scope="col">Dates</th>
              <th scope="col">Country</th>
              <th scope="col">Status</th>
              <th scope="col">Warnings</th>
            </tr>
          </thead>
          <tbody>
            {preview.rows.map((row) => (
              <tr key={row.line}>
                <td>{row.line}</td>
                <td>
                  <span className={`badge ${OUTCOME_BADGE[row.outcome]}`}>{OUTCOME_LABEL[row.outcome]}</span>
                  {row.changed.length > 0 && <span className="muted"> ({row.changed.map(humanise).join(", ")})</span>}
                </td>
                <td>{row.externalId}</td>
                <td>{row.sessionId ? <Link to={`/sessions/${row.sessionId}`}>{row.title}</Link> : row.title}</td>
                <td>{formatDateRange(row.startDate, row.endDate)}</td>
                <td>{row.hostCountry}</td>
                <td>{humanise(row.status)}</td>
                <td>
                  <RowWarnings warnings={preview.warnings[row.line]} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function RowWarnings({ warnings }: { warnings?: Warnings[number] }) {
  if (!warnings) return <span className="muted">None</span>;
  return (
    <ul className="gap-reasons">
      {warnings.duplicates.map((d) => (
        <li key={`d${d.href}`}>
          Possible duplicate of <Link to={d.href}>{d.label}</Link> ({Math.round(d.score * 100)}% alike)
        </li>
      ))}
      {warnings.overlaps.map((o) => (
        <li key={`o${o.href}`}>
          Overlaps <Link to={o.href}>{o.label}</Link> <span className="muted">({o.detail})</span>
        </li>
      ))}
    </ul>
  );
}

type Progress = { phase: "checking" | "writing"; rows: number; total?: number; bytes: number; totalBytes: number } | null;

/** Polls the server for the running import's progress; shown only with JavaScript (the page is a plain post without it). */
export function ImportProgressBar({ job }: { job: string }) {
  const [progress, setProgress] = useState<Progress>(null);
  useEffect(() => {
    // Plain fetches, not a fetcher: the form's own navigation must not wait for (or abort) a poll.
    const controller = new AbortController();
    const poll = async () => {
      try {
        const response = await fetch(`/sessions/import-progress?job=${encodeURIComponent(job)}`, { signal: controller.signal });
        if (response.ok) setProgress(((await response.json()) as { progress: Progress }).progress);
      } catch {
        // Aborted when the page moves on, or a missed poll: the next one catches up.
      }
    };
    void poll();
    const timer = setInterval(poll, 700);
    return () => {
      clearInterval(timer);
      controller.abort();
    };
  }, [job]);
  let value: number | undefined;
  let text = "Uploading the file…";
  if (progress?.phase === "checking") {
    value = progress.totalBytes ? progress.bytes / progress.totalBytes : undefined;
    text = `Checking: ${formatNumber(progress.rows)} rows read`;
  } else if (progress?.phase === "writing") {
    value = progress.total ? progress.rows / progress.total : undefined;
    text = `Comparing and writing: ${formatNumber(progress.rows)} of ${formatNumber(progress.total ?? progress.rows)} rows`;
  }
  return (
    <div className="import-progress" role="status">
      <label htmlFor={`progress-${job}`}>{text}</label>
      <progress id={`progress-${job}`} max={1} value={value} />
    </div>
  );
}

/** Organisations or trainers the file names that the import would add, named so a misspelling is caught. */
function NewRecordsNotice({ names, one, many }: { names: string[]; one: string; many: string }) {
  if (!names.length) return null;
  const shown = 20;
  return (
    <p className="notice">
      {names.length === 1 ? `1 ${one}` : `${formatNumber(names.length)} ${many}`} not in the registry and would be added:{" "}
      {names.slice(0, shown).join(", ")}
      {names.length > shown ? ` and ${formatNumber(names.length - shown)} more` : ""}. Check the spelling if you meant an existing one.
    </p>
  );
}
