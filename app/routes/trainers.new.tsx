import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { getDb } from "#db/client.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { TrainerForm, TrainerFormSchema, toTrainerInput } from "~/components/trainer-form";
import { canCreateTrainer, createTrainer, findTrainerInputProblems, trainerFormOptions } from "~/models/trainers.server";
import { requireActor } from "~/utils/auth.server";
import { forbidden, isCoordinator } from "~/utils/permissions.server";
import { flashMessage } from "~/utils/session.server";

const NOT_ALLOWED = "Only trainers (for their own organisation) and coordinators may add trainer profiles.";

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  if (!canCreateTrainer(actor)) forbidden(NOT_ALLOWED);
  return { options: await trainerFormOptions(getDb(), actor) };
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  if (!canCreateTrainer(actor)) forbidden(NOT_ALLOWED);
  const db = getDb();
  const submission = parseWithZod(await request.formData(), { schema: TrainerFormSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  // A coordinator picks the organisation (or none); a trainer's profiles are their organisation's.
  const organisationId = isCoordinator(actor) ? (submission.value.organisationId ?? null) : actor.organisationId;
  const input = toTrainerInput(submission.value, organisationId);
  const problems = await findTrainerInputProblems(db, actor, input);
  if (problems) return data(submission.reply({ fieldErrors: problems }), { status: 400 });
  const trainer = await createTrainer(db, actor, input);
  return redirect(`/trainers/${trainer.id}`, { headers: await flashMessage(request, "Trainer added to the directory.") });
}

export default function NewTrainerPage() {
  const { options } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <>
      <p>
        <Link to="/trainers">← Trainers</Link>
      </p>
      <h1>Add a trainer</h1>
      <TrainerForm id="trainer-new" lastResult={lastResult} options={options} submitLabel="Add trainer" linkable />
    </>
  );
}

export const meta: MetaFunction = () => [{ title: "Add a trainer · Training Coordination Registry" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
