import { parseWithZod } from "@conform-to/zod/v4";
import { invariantResponse } from "@epic-web/invariant";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { getDb } from "#db/client.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { UndoMergeForm } from "~/components/duplicate-parts";
import { FormErrors } from "~/components/forms";
import { HistoryLink } from "~/components/history";
import { TitleLink } from "~/components/title-link";
import { languageLabel } from "~/models/reference.server";
import { canEditTrainer, deleteTrainer, getTrainer, listTrainerSessions, restoreTrainer, trainerMergedInto } from "~/models/trainers.server";
import { getActor, requireActor } from "~/utils/auth.server";
import { formatDateRange, formatNumber, humanise } from "~/utils/format";
import { versionField } from "~/utils/form-schemas";
import { isCoordinator } from "~/utils/permissions.server";
import { flashMessage } from "~/utils/session.server";
import { saveOrReplyStale } from "~/utils/submission.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await getActor(request);
  const db = getDb();
  // A merged-away duplicate lives on as its survivor; coordinators still see it (to undo the merge).
  const survivor = await trainerMergedInto(db, params.id!);
  if (survivor && !isCoordinator(actor)) throw redirect(`/trainers/${survivor}`);
  // Contact details arrive here already withheld unless this viewer may see them.
  const trainer = await getTrainer(db, actor, params.id!);
  invariantResponse(trainer, "Trainer not found", { status: 404 });
  const sessions = await listTrainerSessions(db, trainer.id);
  const { userId: _userId, ...shown } = trainer;
  return {
    trainer: { ...shown, languages: trainer.languages.map((code) => ({ code, label: languageLabel(code) })) },
    sessions,
    signedIn: !!actor,
    can: { edit: !trainer.deletedAt && canEditTrainer(actor, trainer), delete: isCoordinator(actor), history: !!actor },
  };
}

const TrainerActionSchema = z.object({ intent: z.enum(["delete", "restore"]), version: versionField });

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const db = getDb();
  const submission = parseWithZod(await request.formData(), { schema: TrainerActionSchema });
  if (submission.status !== "success") throw new Response("Unknown action", { status: 400 });
  const { intent, version } = submission.value;
  const args = { id: params.id!, expectedVersion: version, actor };
  const saved = await saveOrReplyStale(submission, () => (intent === "delete" ? deleteTrainer(db, args) : restoreTrainer(db, args)));
  if (!saved.ok) return saved.response;
  return redirect(`/trainers/${params.id}`, { headers: await flashMessage(request, intent === "delete" ? "Trainer deleted." : "Trainer restored.") });
}

export default function TrainerPage() {
  const { trainer, sessions, signedIn, can } = useLoaderData<typeof loader>();
  const actionResult = useActionData<typeof action>();
  return (
    <>
      <p>
        <Link to="/trainers">← Trainers</Link>
      </p>
      <h1>
        {trainer.name} {trainer.deletedAt && <span className="badge danger">Deleted</span>}
      </h1>
      {trainer.deletedAt && trainer.duplicateOf && (
        <div className="notice">
          This record was merged into <Link to={`/trainers/${trainer.duplicateOf}`}>another trainer</Link> as a duplicate; everyone else is sent
          there.{" "}
          {can.delete && <UndoMergeForm kind="trainer" id={trainer.id} />}
        </div>
      )}
      <FormErrors errors={actionResult?.error?.[""]} />
      <TrainerActions trainer={trainer} can={can} />

      <dl className="facts">
        <dt>Organisation</dt>
        <dd>
          {trainer.organisation ? (
            <>
              <Link to={`/organisations/${trainer.organisation.id}`}>{trainer.organisation.name}</Link>
              {trainer.organisation.acronym && ` (${trainer.organisation.acronym})`}
            </>
          ) : (
            "Independent"
          )}
        </dd>
        <dt>Expertise</dt>
        <dd>
          {trainer.topics.length ? (
            <ul className="tags">
              {trainer.topics.map((t) => (
                <li key={t.code} className="badge">
                  {t.label}
                </li>
              ))}
            </ul>
          ) : (
            "Not stated"
          )}
        </dd>
        <dt>Languages</dt>
        <dd>{trainer.languages.map((l) => l.label).join(", ") || "Not stated"}</dd>
        <dt>Countries worked in</dt>
        <dd>
          {trainer.countries.length
            ? trainer.countries.map((c, i) => (
                <span key={c.code}>
                  {i > 0 && ", "}
                  <Link to={`/countries/${c.code}`}>{c.name}</Link>
                </span>
              ))
            : "Not stated"}
        </dd>
      </dl>

      {trainer.bio && (
        <section aria-labelledby="bio">
          <h2 id="bio">About</h2>
          <p className="prose pre-line">{trainer.bio}</p>
        </section>
      )}

      <section aria-labelledby="contact">
        <h2 id="contact">Contact</h2>
        <ContactDetails trainer={trainer} signedIn={signedIn} />
      </section>

      <section aria-labelledby="sessions">
        <h2 id="sessions">Sessions trained ({formatNumber(sessions.total)})</h2>
        {sessions.items.length ? (
          <table>
            <caption className="visually-hidden">Training sessions with this trainer, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Session</th>
                <th scope="col">Dates</th>
                <th scope="col">Place</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {sessions.items.map((s) => (
                <tr key={s.id}>
                  <td>
                    <TitleLink to={`/sessions/${s.id}`}>{s.title}</TitleLink>
                  </td>
                  <td>{formatDateRange(s.startDate, s.endDate)}</td>
                  <td>{s.city ? `${s.city}, ${s.countryName}` : s.countryName}</td>
                  <td>{humanise(s.status)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="muted">No sessions with this trainer have been registered.</p>
        )}
        {sessions.total > sessions.items.length && (
          <p className="muted">
            Showing the {sessions.items.length} most recent of {formatNumber(sessions.total)}.
          </p>
        )}
      </section>
    </>
  );
}

type PageData = ReturnType<typeof useLoaderData<typeof loader>>;

function ContactDetails({ trainer, signedIn }: { trainer: PageData["trainer"]; signedIn: boolean }) {
  if (!signedIn) {
    return (
      <p>
        Contact details are shown to signed-in users when the trainer has agreed.{" "}
        <Link to={`/login?${new URLSearchParams({ redirectTo: `/trainers/${trainer.id}` })}`}>Sign in</Link>
      </p>
    );
  }
  if (!trainer.contactVisible) return <p>This trainer has not agreed to share contact details.</p>;
  if (!trainer.email && !trainer.phone) return <p className="muted">No contact details have been recorded.</p>;
  return (
    <dl className="facts">
      {trainer.email && (
        <>
          <dt>Email</dt>
          <dd>
            <a href={`mailto:${trainer.email}`}>{trainer.email}</a>
          </dd>
        </>
      )}
      {trainer.phone && (
        <>
          <dt>Phone</dt>
          <dd>
            <a href={`tel:${trainer.phone.replace(/[^\d+]/g, "")}`}>{trainer.phone}</a>
          </dd>
        </>
      )}
    </dl>
  );
}

function TrainerActions({ trainer, can }: { trainer: PageData["trainer"]; can: PageData["can"] }) {
  if (!can.edit && !can.delete && !can.history) return null;
  return (
    <div className="actions">
      {can.edit && (
        <Link className="button" to={`/trainers/${trainer.id}/edit`}>
          Edit profile
        </Link>
      )}
      {can.delete && (
        <Form method="post">
          <input type="hidden" name="version" value={trainer.version} />
          {trainer.deletedAt ? (
            <button type="submit" name="intent" value="restore">
              Restore trainer
            </button>
          ) : (
            <button type="submit" name="intent" value="delete" className="danger">
              Delete trainer
            </button>
          )}
        </Form>
      )}
      {can.history && <HistoryLink kind="trainer" id={trainer.id} />}
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.trainer.name ?? "Trainer"} · Training Coordination Registry` }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
