import { useLocation } from "@remix-run/react";

/**
 * "Download CSV" for a list page: the same filters as the page shows (the
 * page number dropped: the file holds every match; parameters the page
 * `leftOut` as unusable dropped too). Plain links, so they work without
 * JavaScript.
 */
export function CsvLink({ to, importable, leftOut = [] }: { to: string; importable?: string; leftOut?: string[] }) {
  const params = new URLSearchParams(useLocation().search);
  for (const name of ["page", "pageSize", ...leftOut]) params.delete(name);
  const query = params.size ? `?${params}` : "";
  return (
    <p className="csv-links">
      <a href={`${to}${query}`} download>
        Download CSV
      </a>
      {importable && (
        <>
          {" · "}
          <a href={`${importable}${query}`} download>
            CSV for re-import
          </a>
        </>
      )}{" "}
      <span className="muted">(every match, not only this page)</span> · <a href="/api">API and other formats</a>
    </p>
  );
}
