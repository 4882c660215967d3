import { parseWithZod } from "@conform-to/zod/v4";
import { invariantResponse } from "@epic-web/invariant";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { getDb } from "#db/client.server";
import { CourseForm, CourseFormSchema, toCourseInput } from "~/components/course-form";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { canEditCourse, courseFormOptions, findUnknownReferences, getCourse, updateCourse } from "~/models/courses.server";
import { type SignedInActor, forbidden, isCoordinator } from "~/utils/permissions.server";
import { requireActor } from "~/utils/auth.server";
import { flashMessage } from "~/utils/session.server";
import { saveOrReplyStale } from "~/utils/submission.server";

/** The course if this person may edit it: 404 when there is none (or it is deleted), 403 when it is not theirs. */
async function editableCourse(actor: SignedInActor, id: string) {
  const course = await getCourse(getDb(), actor, id);
  invariantResponse(course && !course.deletedAt, "Course not found", { status: 404 });
  if (!canEditCourse(actor, course)) forbidden("You may edit only your own organisation's courses.");
  return course;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const course = await editableCourse(actor, params.id!);
  return { course, options: await courseFormOptions(getDb(), actor, course.languages) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const course = await editableCourse(actor, params.id!);
  const db = getDb();
  const submission = parseWithZod(await request.formData(), { schema: CourseFormSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const { version } = submission.value;
  if (version === undefined) return data(submission.reply({ formErrors: ["Reload the page and try again."] }), { status: 400 });
  // A coordinator may move a course to another provider; a trainer's stays with their organisation.
  const providerId = isCoordinator(actor) ? (submission.value.providerId ?? "") : course.providerId;
  const input = toCourseInput(submission.value, providerId);
  const unknown = await findUnknownReferences(db, input);
  if (unknown) return data(submission.reply({ fieldErrors: unknown }), { status: 400 });
  const saved = await saveOrReplyStale(submission, () => updateCourse(db, { id: course.id, expectedVersion: version, actor, input }));
  if (!saved.ok) return saved.response;
  return redirect(`/courses/${course.id}`, { headers: await flashMessage(request, "Course saved.") });
}

export default function EditCoursePage() {
  const { course, options } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <>
      <p>
        <Link to={`/courses/${course.id}`}>← {course.title}</Link>
      </p>
      <h1>Edit course</h1>
      <CourseForm
        key={course.version}
        id={`course-edit-${course.id}`}
        lastResult={lastResult}
        options={options}
        submitLabel="Save changes"
        defaultValue={{
          title: course.title,
          summary: course.summary,
          description: course.description,
          providerId: course.providerId,
          level: course.level,
          mode: course.mode,
          durationHours: course.durationHours == null ? "" : String(course.durationHours),
          prerequisites: course.prerequisites ?? "",
          topics: course.topics.map((t) => t.code),
          audiences: course.audiences.map((a) => a.code),
          offences: course.offences.map((o) => o.code),
          languages: course.languages,
          version: String(course.version),
        }}
      />
    </>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Edit ${data?.course.title ?? "course"} · Training Coordination Registry` },
];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
