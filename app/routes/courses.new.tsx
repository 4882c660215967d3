import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { getDb } from "#db/client.server";
import { CourseForm, CourseFormSchema, toCourseInput } from "~/components/course-form";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { canCreateCourse, courseFormOptions, createCourse, findUnknownReferences } from "~/models/courses.server";
import { requireActor } from "~/utils/auth.server";
import { forbidden, isCoordinator } from "~/utils/permissions.server";
import { flashMessage } from "~/utils/session.server";

const NOT_ALLOWED = "Only trainers (for their own organisation) and coordinators may add courses.";

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  if (!canCreateCourse(actor)) forbidden(NOT_ALLOWED);
  return { options: await courseFormOptions(getDb(), actor) };
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  if (!canCreateCourse(actor)) forbidden(NOT_ALLOWED);
  const db = getDb();
  const submission = parseWithZod(await request.formData(), { schema: CourseFormSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const providerId = isCoordinator(actor) ? submission.value.providerId : actor.organisationId;
  if (!providerId) return data(submission.reply({ fieldErrors: { providerId: ["Choose the provider"] } }), { status: 400 });
  const input = toCourseInput(submission.value, providerId);
  const unknown = await findUnknownReferences(db, input);
  if (unknown) return data(submission.reply({ fieldErrors: unknown }), { status: 400 });
  const course = await createCourse(db, actor, input);
  return redirect(`/courses/${course.id}`, { headers: await flashMessage(request, "Course added to the catalogue.") });
}

export default function NewCoursePage() {
  const { options } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <>
      <p>
        <Link to="/courses">← Course catalogue</Link>
      </p>
      <h1>Add a course</h1>
      <CourseForm id="course-new" lastResult={lastResult} options={options} submitLabel="Add course" />
    </>
  );
}

export const meta: MetaFunction = () => [{ title: "Add a course · Training Coordination Registry" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
