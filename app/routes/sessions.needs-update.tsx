import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { getDb } from "#db/client.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Pagination } from "~/components/pagination";
import { SessionStatusBadge } from "~/components/session-status-badge";
import { TitleLink } from "~/components/title-link";
import { SESSIONS_PER_PAGE } from "~/domain/session-filters";
import { listOrganisationOptions } from "~/models/reference.server";
import { listSessionsNeedingUpdate } from "~/models/session-list.server";
import { requireActor } from "~/utils/auth.server";
import { formatDateRange, formatNumber, today } from "~/utils/format";
import { readPaging } from "~/utils/list-params";
import { isCoordinator } from "~/utils/permissions.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const params = new URL(request.url).searchParams;
  const db = getDb();
  const coordinator = isCoordinator(actor);
  const organisations = coordinator ? await listOrganisationOptions(db) : [];
  const organisationId = coordinator ? (organisations.find((o) => o.id === params.get("organisation"))?.id ?? null) : null;
  const paging = { ...readPaging(params, SESSIONS_PER_PAGE), pageSize: SESSIONS_PER_PAGE };
  const result = await listSessionsNeedingUpdate(db, actor, { organisationId, paging, today: today() });
  return {
    ...result,
    coordinator,
    hasOrganisation: !!actor.organisationId,
    organisationId,
    organisations: organisations.map((o) => ({ value: o.id, label: o.acronym ? `${o.name} (${o.acronym})` : o.name })),
  };
}

export default function NeedsUpdatePage() {
  const { items, total, page, pageSize, coordinator, hasOrganisation, organisationId, organisations } = useLoaderData<typeof loader>();
  return (
    <>
      <p>
        <Link to="/sessions">← Training sessions</Link>
      </p>
      <h1>Sessions that need an update</h1>
      <p className="prose">
        {coordinator ? "Sessions" : "Sessions your organisation reported or provided"} whose status does not fit their dates: marked completed
        before they start, or still planned after they ended. Nothing is changed automatically; open each one and correct the status or the
        dates.
      </p>
      {coordinator && (
        <Form method="get" className="row filters-inline" aria-label="Filter by organisation">
          <div className="field">
            <label htmlFor="needs-update-org">Organisation</label>
            <select id="needs-update-org" name="organisation" defaultValue={organisationId ?? ""}>
              <option value="">All organisations</option>
              {organisations.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          </div>
          <div className="actions">
            <button type="submit">Show</button>
          </div>
        </Form>
      )}
      <h2 aria-live="polite">{total === 1 ? "1 session needs an update" : `${formatNumber(total)} sessions need an update`}</h2>
      {!coordinator && !hasOrganisation && <p className="muted">Your account has no organisation, so no sessions are yours to update.</p>}
      {items.length > 0 ? (
        <table className="session-table">
          <caption className="visually-hidden">Sessions that need an update, longest-stale first</caption>
          <thead>
            <tr>
              <th scope="col">Session</th>
              <th scope="col">Dates</th>
              <th scope="col">Status</th>
              <th scope="col">What is wrong</th>
              <th scope="col">
                <span className="visually-hidden">Action</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((s) => (
              <tr key={s.id}>
                <th scope="row">
                  <TitleLink to={`/sessions/${s.id}`}>{s.title}</TitleLink>
                  <div className="muted">{s.providerAcronym ?? s.providerName}</div>
                </th>
                <td>{formatDateRange(s.startDate, s.endDate)}</td>
                <td>
                  <SessionStatusBadge status={s.status} />
                </td>
                <td>{s.conflict}</td>
                <td>
                  <Link to={`/sessions/${s.id}/edit`} aria-label={`Edit ${s.title}`}>
                    Edit
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>Nothing to update: every status fits its dates.</p>
      )}
      <Pagination page={page} pageSize={pageSize} total={total} />
    </>
  );
}

export const meta: MetaFunction = () => [{ title: "Sessions that need an update · Training Coordination Registry" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
