// The filter form shared by the coverage pages: a plain GET form, so it works without JavaScript.
import { Form, Link } from "@remix-run/react";
import { WINDOW_LABELS, WINDOW_PRESETS, type PageCoverageFilters } from "~/domain/coverage-params";

export type FilterOptions = {
  audiences: { code: string; label: string }[];
  offences: { code: string; label: string }[];
  organisations: { id: string; name: string; acronym: string | null }[];
  regions: { code: string; name: string }[];
};

type Props = {
  filters: PageCoverageFilters;
  options: FilterOptions;
  clearTo: string;
  /** Hidden values that belong to the page (e.g. the drilled-down topic). */
  keep?: Record<string, string | null>;
  children?: React.ReactNode;
};

export function CoverageFilters({ filters, options, clearTo, keep = {}, children }: Props) {
  const orgLabel = (o: FilterOptions["organisations"][number]) => (o.acronym ? `${o.name} (${o.acronym})` : o.name);
  return (
    <>
      {filters.problems.length > 0 && (
        <div className="error-summary" role="alert">
          {filters.problems.map((p) => (
            <p key={p}>{p}</p>
          ))}
        </div>
      )}
      <Form method="get" className="coverage-filters" aria-labelledby="coverage-filters-heading">
        <h2 id="coverage-filters-heading" className="visually-hidden">
          Filters
        </h2>
        {Object.entries(keep).map(([name, value]) => (value ? <input key={name} type="hidden" name={name} value={value} /> : null))}
        <div className="field">
          <label htmlFor="cov-window">Period</label>
          <select id="cov-window" name="window" defaultValue={filters.preset}>
            {WINDOW_PRESETS.map((p) => (
              <option key={p} value={p}>
                {WINDOW_LABELS[p]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="cov-from">From (custom)</label>
          <input id="cov-from" name="from" type="date" defaultValue={filters.preset === "custom" ? (filters.from ?? "") : ""} />
        </div>
        <div className="field">
          <label htmlFor="cov-to">To (custom)</label>
          <input id="cov-to" name="to" type="date" defaultValue={filters.preset === "custom" ? (filters.to ?? "") : ""} />
        </div>
        <Select id="cov-region" name="region" label="Region" value={filters.region} options={options.regions.map((r) => [r.code, r.name])} />
        <Select id="cov-audience" name="audience" label="Audience" value={filters.audiences[0]} options={options.audiences.map((a) => [a.code, a.label])} />
        <Select id="cov-offence" name="offence" label="Offence focus" value={filters.offences[0]} options={options.offences.map((o) => [o.code, o.label])} />
        <Select id="cov-provider" name="provider" label="Provider" value={filters.providers[0]} options={options.organisations.map((o) => [o.id, orgLabel(o)])} />
        <Select id="cov-funder" name="funder" label="Funder" value={filters.funders[0]} options={options.organisations.map((o) => [o.id, orgLabel(o)])} />
        {children}
        <div className="actions">
          <button type="submit">Apply filters</button>
          <Link to={clearTo}>Clear filters</Link>
        </div>
      </Form>
    </>
  );
}

function Select(props: { id: string; name: string; label: string; value: string | null | undefined; options: [string, string][] }) {
  return (
    <div className="field">
      <label htmlFor={props.id}>{props.label}</label>
      <select id={props.id} name={props.name} defaultValue={props.value ?? ""}>
        <option value="">Any</option>
        {props.options.map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** One line saying what the figures cover, so a printed or shared page is never ambiguous. */
export function periodText(filters: Pick<PageCoverageFilters, "from" | "to">) {
  if (!filters.from && !filters.to) return "all time";
  if (filters.from && !filters.to) return `sessions running on or after ${filters.from}, planned ones included`;
  if (!filters.from) return `sessions running on or before ${filters.to}`;
  return `sessions running between ${filters.from} and ${filters.to}`;
}
