import { parseWithZod } from "@conform-to/zod/v4";
import { invariantResponse } from "@epic-web/invariant";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { getDb } from "#db/client.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { UndoMergeForm } from "~/components/duplicate-parts";
import { FormErrors } from "~/components/forms";
import { HistoryLink } from "~/components/history";
import { ORGANISATION_KIND_LABELS } from "~/domain/organisation-kinds";
import { OrganisationCatalogue, FundingTable, SessionTable } from "~/components/organisation-profile";
import { TitleLink } from "~/components/title-link";
import { organisationCatalogue, organisationFunded, organisationProvided, organisationReceived } from "~/models/organisation-profile.server";
import {
  canEditOrganisation,
  deleteOrganisation,
  getOrganisation,
  organisationMergedInto,
  OrganisationNameTakenError,
  restoreOrganisation,
} from "~/models/organisations.server";
import { languageLabel } from "~/models/reference.server";
import { getActor, requireActor } from "~/utils/auth.server";
import { formatDate, formatNumber, humanise } from "~/utils/format";
import { versionField } from "~/utils/form-schemas";
import { isCoordinator } from "~/utils/permissions.server";
import { flashMessage } from "~/utils/session.server";
import { saveOrReplyStale } from "~/utils/submission.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await getActor(request);
  const db = getDb();
  // A merged-away duplicate lives on as its survivor; coordinators still see it (to undo the merge).
  const survivor = await organisationMergedInto(db, params.id!);
  if (survivor && !isCoordinator(actor)) throw redirect(`/organisations/${survivor}`);
  const organisation = await getOrganisation(db, actor, params.id!);
  invariantResponse(organisation, "Organisation not found", { status: 404 });
  const [provided, funded, received, catalogue] = await Promise.all([
    organisationProvided(db, organisation.id),
    organisationFunded(db, actor, organisation.id),
    organisationReceived(db, actor, organisation.id),
    organisationCatalogue(db, organisation.id),
  ]);
  return {
    organisation,
    provided,
    funded,
    received,
    catalogue: { ...catalogue, materials: catalogue.materials.map((m) => ({ ...m, languageLabel: languageLabel(m.language) })) },
    can: { edit: !organisation.deletedAt && canEditOrganisation(actor, organisation), delete: isCoordinator(actor), history: !!actor },
  };
}

const OrganisationActionSchema = z.object({ intent: z.enum(["delete", "restore"]), version: versionField });

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const db = getDb();
  const submission = parseWithZod(await request.formData(), { schema: OrganisationActionSchema });
  if (submission.status !== "success") throw new Response("Unknown action", { status: 400 });
  const { intent, version } = submission.value;
  const args = { id: params.id!, expectedVersion: version, actor };
  try {
    const saved = await saveOrReplyStale(submission, () => (intent === "delete" ? deleteOrganisation(db, args) : restoreOrganisation(db, args)));
    if (!saved.ok) return saved.response;
  } catch (error) {
    if (error instanceof OrganisationNameTakenError) return data(submission.reply({ formErrors: [`Not restored: ${error.message}`] }), { status: 409 });
    throw error;
  }
  return redirect(`/organisations/${params.id}`, { headers: await flashMessage(request, intent === "delete" ? "Organisation deleted." : "Organisation restored.") });
}

type PageData = ReturnType<typeof useLoaderData<typeof loader>>;

export default function OrganisationPage() {
  const { organisation, provided, funded, received, catalogue, can } = useLoaderData<typeof loader>();
  const actionResult = useActionData<typeof action>();
  return (
    <>
      <p>
        <Link to="/organisations">← Organisations</Link>
      </p>
      <h1>
        {organisation.name}
        {organisation.acronym && ` (${organisation.acronym})`} {organisation.deletedAt && <span className="badge danger">Deleted</span>}
      </h1>
      {organisation.deletedAt && organisation.duplicateOf && (
        <div className="notice">
          This record was merged into <Link to={`/organisations/${organisation.duplicateOf}`}>another organisation</Link> as a duplicate; everyone
          else is sent there.{" "}
          {can.delete && <UndoMergeForm kind="organisation" id={organisation.id} />}
        </div>
      )}
      <FormErrors errors={actionResult?.error?.[""]} />
      <OrganisationActions organisation={organisation} can={can} />
      <dl className="facts">
        <dt>Kind</dt>
        <dd>{ORGANISATION_KIND_LABELS[organisation.kind]}</dd>
        <dt>Country</dt>
        <dd>{organisation.countryCode ? <Link to={`/countries/${organisation.countryCode}`}>{organisation.countryName}</Link> : "International"}</dd>
        {organisation.website && /^https?:\/\//i.test(organisation.website) && (
          <>
            <dt>Website</dt>
            <dd>
              <a href={organisation.website} rel="noopener noreferrer">
                {organisation.website}
              </a>
            </dd>
          </>
        )}
      </dl>
      {organisation.description && <p className="prose pre-line">{organisation.description}</p>}

      <ul className="figures" aria-label="In figures">
        <li>
          <strong>{formatNumber(provided.delivered)}</strong> sessions delivered
        </li>
        <li>
          <strong>{formatNumber(provided.planned)}</strong> sessions planned
        </li>
        <li>
          <strong>{formatNumber(funded.delivered + funded.planned)}</strong> sessions funded
        </li>
        <li>
          <strong>{formatNumber(received.length)}</strong> assistance requests
        </li>
      </ul>

      <section aria-labelledby="provided">
        <h2 id="provided">Provided</h2>
        <p>
          {formatNumber(provided.delivered)} delivered, {formatNumber(provided.planned)} planned
          {provided.cancelled > 0 && `, ${formatNumber(provided.cancelled)} cancelled`}.{" "}
          {provided.sessions.length > 0 && <Link to={`/sessions?provider=${organisation.id}`}>All sessions it provided</Link>}
        </p>
        <SessionTable sessions={provided.sessions} caption="Sessions provided, newest first" empty="No sessions provided by this organisation have been registered." />
      </section>

      <section aria-labelledby="funded">
        <h2 id="funded">Funded</h2>
        {funded.sessions.length > 0 ? (
          <>
            <p>
              {formatNumber(funded.delivered)} delivered, {formatNumber(funded.planned)} planned
              {funded.cancelled > 0 && `, ${formatNumber(funded.cancelled)} cancelled`} sessions name it as a funder.{" "}
              <Link to={`/sessions?funder=${organisation.id}`}>All sessions it funded</Link>
            </p>
            <SessionTable sessions={funded.sessions} caption="Sessions funded, newest first" empty="" />
          </>
        ) : (
          <p className="muted">No sessions name this organisation as a funder.</p>
        )}
        {funded.records.length > 0 && <FundingTable records={funded.records} />}
      </section>

      <section aria-labelledby="received">
        <h2 id="received">Received</h2>
        {received.length ? (
          <table>
            <caption className="visually-hidden">Assistance requests it made, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Request</th>
                <th scope="col">Country</th>
                <th scope="col">Status</th>
                <th scope="col">Submitted</th>
              </tr>
            </thead>
            <tbody>
              {received.map((r) => (
                <tr key={r.id}>
                  <td>
                    <TitleLink to={`/requests/${r.id}`}>{r.title}</TitleLink> {!r.isPublic && <span className="badge">Not public</span>}
                  </td>
                  <td>{r.countryName}</td>
                  <td>{humanise(r.status)}</td>
                  <td>{formatDate(r.createdAt.slice(0, 10))}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="muted">No assistance requests from this organisation to show.</p>
        )}
      </section>

      <OrganisationCatalogue catalogue={catalogue} />
    </>
  );
}

function OrganisationActions({ organisation, can }: { organisation: PageData["organisation"]; can: PageData["can"] }) {
  if (!can.edit && !can.delete && !can.history) return null;
  return (
    <div className="actions">
      {can.edit && (
        <Link className="button" to={`/organisations/${organisation.id}/edit`}>
          Edit organisation
        </Link>
      )}
      {can.delete && (
        <Form method="post">
          <input type="hidden" name="version" value={organisation.version} />
          {organisation.deletedAt ? (
            <button type="submit" name="intent" value="restore">
              Restore organisation
            </button>
          ) : (
            <button type="submit" name="intent" value="delete" className="danger">
              Delete organisation
            </button>
          )}
        </Form>
      )}
      {can.history && <HistoryLink kind="organisation" id={organisation.id} />}
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.organisation.name ?? "Organisation"} · Training Coordination Registry` }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
