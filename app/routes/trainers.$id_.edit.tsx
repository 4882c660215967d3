import { parseWithZod } from "@conform-to/zod/v4";
import { invariantResponse } from "@epic-web/invariant";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { getDb } from "#db/client.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { TrainerForm, TrainerFormSchema, toTrainerInput } from "~/components/trainer-form";
import { findTrainerInputProblems, getTrainerForEdit, trainerFormOptions, updateTrainer } from "~/models/trainers.server";
import { requireActor } from "~/utils/auth.server";
import { isCoordinator, type SignedInActor } from "~/utils/permissions.server";
import { flashMessage } from "~/utils/session.server";
import { saveOrReplyStale } from "~/utils/submission.server";

/** The full profile if this person may edit it: 404 when there is none (or it is deleted), 403 when it is not theirs. */
async function editableTrainer(actor: SignedInActor, id: string) {
  const trainer = await getTrainerForEdit(getDb(), actor, id);
  invariantResponse(trainer, "Trainer not found", { status: 404 });
  return trainer;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const trainer = await editableTrainer(actor, params.id!);
  const options = await trainerFormOptions(getDb(), actor, trainer);
  const { userId, ...rest } = trainer;
  return { trainer: { ...rest, linkedToMe: userId === actor.id, linkable: !userId || userId === actor.id }, options };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const trainer = await editableTrainer(actor, params.id!);
  const db = getDb();
  const submission = parseWithZod(await request.formData(), { schema: TrainerFormSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const { version } = submission.value;
  if (version === undefined) return data(submission.reply({ formErrors: ["Reload the page and try again."] }), { status: 400 });
  // Only a coordinator moves a profile to another organisation.
  const organisationId = isCoordinator(actor) ? (submission.value.organisationId ?? null) : trainer.organisationId;
  const input = toTrainerInput(submission.value, organisationId);
  const problems = await findTrainerInputProblems(db, actor, input, trainer.id);
  if (problems) return data(submission.reply({ fieldErrors: problems }), { status: 400 });
  const saved = await saveOrReplyStale(submission, () => updateTrainer(db, { id: trainer.id, expectedVersion: version, actor, input }));
  if (!saved.ok) return saved.response;
  return redirect(`/trainers/${trainer.id}`, { headers: await flashMessage(request, "Trainer profile saved.") });
}

export default function EditTrainerPage() {
  const { trainer, options } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <>
      <p>
        <Link to={`/trainers/${trainer.id}`}>← {trainer.name}</Link>
      </p>
      <h1>Edit trainer profile</h1>
      <TrainerForm
        key={trainer.version}
        id={`trainer-edit-${trainer.id}`}
        lastResult={lastResult}
        options={options}
        submitLabel="Save changes"
        linkable={trainer.linkable}
        defaultValue={{
          name: trainer.name,
          organisationId: trainer.organisationId ?? "",
          bio: trainer.bio ?? "",
          email: trainer.email ?? "",
          phone: trainer.phone ?? "",
          contactConsent: trainer.contactConsent,
          topics: trainer.topics.map((t) => t.code),
          languages: trainer.languages,
          countries: trainer.countries.map((c) => c.code),
          linkToMe: trainer.linkedToMe,
          version: String(trainer.version),
        }}
      />
    </>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Edit ${data?.trainer.name ?? "trainer"} · Training Coordination Registry` }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
