import { parseWithZod } from "@conform-to/zod/v4";
import { invariantResponse } from "@epic-web/invariant";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { getDb } from "#db/client.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormErrors } from "~/components/forms";
import { HistoryLink } from "~/components/history";
import {
  canEditCourse,
  deleteCourse,
  getCourse,
  listCourseMaterials,
  listCourseSessions,
  restoreCourse,
  setCourseStatus,
} from "~/models/courses.server";
import { languageLabel } from "~/models/reference.server";
import { getActor, requireActor } from "~/utils/auth.server";
import { formatDateRange, formatNumber, humanise } from "~/utils/format";
import { versionField } from "~/utils/form-schemas";
import { renderMarkdown } from "~/utils/markdown.server";
import { forbidden, isCoordinator, requireCoordinator } from "~/utils/permissions.server";
import { flashMessage } from "~/utils/session.server";
import { PossibleDuplicateBadge } from "~/components/duplicate-parts";
import { TitleLink } from "~/components/title-link";
import { possibleDuplicateIds } from "~/models/duplicates.server";
import { saveOrReplyStale } from "~/utils/submission.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await getActor(request);
  const db = getDb();
  const course = await getCourse(db, actor, params.id!);
  invariantResponse(course, "Course not found", { status: 404 });
  const [courseSessions, materials] = await Promise.all([listCourseSessions(db, course.id), listCourseMaterials(db, course.id)]);
  const flagged = await possibleDuplicateIds(db, courseSessions.items.map((s) => s.id));
  const sessions = { ...courseSessions, items: courseSessions.items.map((s) => ({ ...s, possibleDuplicate: flagged.has(s.id) })) };
  return {
    course: { ...course, languages: course.languages.map((code) => ({ code, label: languageLabel(code) })) },
    descriptionHtml: renderMarkdown(course.description),
    sessions,
    materials: materials.map((m) => ({ ...m, languageLabel: languageLabel(m.language) })),
    can: { edit: !course.deletedAt && canEditCourse(actor, course), delete: isCoordinator(actor), history: !!actor },
  };
}

const CourseActionSchema = z.object({ intent: z.enum(["retire", "reactivate", "delete", "restore"]), version: versionField });

const DONE = { retire: "Course retired.", reactivate: "Course reactivated.", delete: "Course deleted.", restore: "Course restored." };

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const db = getDb();
  const formData = await request.formData();
  // Permission before validation, so a refused role gets 403 whatever it sent.
  const intent = formData.get("intent");
  if (intent === "delete" || intent === "restore") requireCoordinator(actor);
  else {
    const current = await getCourse(db, actor, params.id!);
    invariantResponse(current, "Course not found", { status: 404 });
    if (!canEditCourse(actor, current)) forbidden("You may change only your own organisation's courses.");
  }
  const submission = parseWithZod(formData, { schema: CourseActionSchema });
  if (submission.status !== "success") throw new Response("Unknown action", { status: 400 });
  const { version } = submission.value;
  const args = { id: params.id!, expectedVersion: version, actor };
  const saved = await saveOrReplyStale(submission, () => {
    switch (submission.value.intent) {
      case "retire":
      case "reactivate":
        return setCourseStatus(db, { ...args, status: intent === "retire" ? "retired" : "active" });
      case "delete":
        return deleteCourse(db, args);
      case "restore":
        return restoreCourse(db, args);
    }
  });
  if (!saved.ok) return saved.response;
  return redirect(`/courses/${params.id}`, { headers: await flashMessage(request, DONE[submission.value.intent]) });
}

export default function CoursePage() {
  const { course, descriptionHtml, sessions, materials, can } = useLoaderData<typeof loader>();
  const actionResult = useActionData<typeof action>();
  const formErrors = actionResult?.error?.[""];
  return (
    <>
      <p>
        <Link to="/courses">← Course catalogue</Link>
      </p>
      <h1>
        {course.title} {course.status === "retired" && <span className="badge warn">Retired</span>}{" "}
        {course.deletedAt && <span className="badge danger">Deleted</span>}
      </h1>
      <p className="prose">{course.summary}</p>
      <FormErrors errors={formErrors} />
      <CourseActions course={course} can={can} />

      <dl className="facts">
        <dt>Provider</dt>
        <dd>
          <Link to={`/organisations/${course.provider.id}`}>{course.provider.name}</Link>
          {course.provider.acronym && ` (${course.provider.acronym})`}
        </dd>
        <dt>Level</dt>
        <dd>{humanise(course.level)}</dd>
        <dt>Delivery mode</dt>
        <dd>{humanise(course.mode)}</dd>
        <dt>Duration</dt>
        <dd>{course.durationHours == null ? "Not stated" : `${formatNumber(course.durationHours)} hours`}</dd>
        <dt>Languages</dt>
        <dd>{course.languages.map((l) => l.label).join(", ")}</dd>
        <dt>Prerequisites</dt>
        <dd>{course.prerequisites || "None stated"}</dd>
        <dt>Topics</dt>
        <dd>
          <Labels items={course.topics} />
        </dd>
        <dt>Audiences</dt>
        <dd>
          <Labels items={course.audiences} />
        </dd>
        <dt>Offence focus</dt>
        <dd>{course.offences.length ? <Labels items={course.offences} /> : "Not stated"}</dd>
      </dl>

      {descriptionHtml && (
        <section aria-labelledby="description">
          <h2 id="description">Description</h2>
          <div className="prose" dangerouslySetInnerHTML={{ __html: descriptionHtml }} />
        </section>
      )}

      <section aria-labelledby="sessions">
        <h2 id="sessions">Training sessions ({formatNumber(sessions.total)})</h2>
        {sessions.items.length ? (
          <table>
            <caption className="visually-hidden">Deliveries of this course, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Session</th>
                <th scope="col">Dates</th>
                <th scope="col">Country</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {sessions.items.map((s) => (
                <tr key={s.id}>
                  <td>
                    <TitleLink to={`/sessions/${s.id}`}>{s.title}</TitleLink> <PossibleDuplicateBadge show={s.possibleDuplicate} />
                  </td>
                  <td>{formatDateRange(s.startDate, s.endDate)}</td>
                  <td>{s.city ? `${s.city}, ${s.countryName}` : s.countryName}</td>
                  <td>{humanise(s.status)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="muted">No sessions of this course have been registered.</p>
        )}
        {sessions.total > sessions.items.length && (
          <p className="muted">
            Showing the {sessions.items.length} most recent of {formatNumber(sessions.total)}.
          </p>
        )}
      </section>

      <section aria-labelledby="materials">
        <h2 id="materials">Materials ({formatNumber(materials.length)})</h2>
        {materials.length ? (
          <table>
            <caption className="visually-hidden">Materials for this course</caption>
            <thead>
              <tr>
                <th scope="col">Material</th>
                <th scope="col">Kind</th>
                <th scope="col">Language</th>
                <th scope="col">Access</th>
              </tr>
            </thead>
            <tbody>
              {materials.map((m) => (
                <tr key={m.id}>
                  <td>
                    <TitleLink to={`/materials/${m.id}`}>{m.title}</TitleLink>
                  </td>
                  <td>{humanise(m.kind)}</td>
                  <td>{m.languageLabel}</td>
                  <td>
                    <span className={m.accessLevel === "public" ? "badge ok" : m.accessLevel === "restricted" ? "badge danger" : "badge"}>
                      {humanise(m.accessLevel)}
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="muted">No materials are linked to this course.</p>
        )}
      </section>
    </>
  );
}

function Labels({ items }: { items: { code: string; label: string }[] }) {
  return (
    <ul className="tags">
      {items.map((i) => (
        <li key={i.code} className="badge">
          {i.label}
        </li>
      ))}
    </ul>
  );
}

type PageData = ReturnType<typeof useLoaderData<typeof loader>>;

function CourseActions({ course, can }: { course: PageData["course"]; can: PageData["can"] }) {
  const button = (intent: string, label: string, className?: string) => (
    <Form method="post">
      <input type="hidden" name="version" value={course.version} />
      <button type="submit" name="intent" value={intent} className={className}>
        {label}
      </button>
    </Form>
  );
  if (!can.edit && !can.delete && !can.history) return null;
  return (
    <div className="actions">
      {can.edit && (
        <Link className="button" to={`/courses/${course.id}/edit`}>
          Edit course
        </Link>
      )}
      {can.edit && (course.status === "active" ? button("retire", "Retire course", "secondary") : button("reactivate", "Reactivate course", "secondary"))}
      {can.delete && (course.deletedAt ? button("restore", "Restore course") : button("delete", "Delete course", "danger"))}
      {can.history && <HistoryLink kind="course" id={course.id} />}
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.course.title ?? "Course"} · Training Coordination Registry` },
  { name: "description", content: data?.course.summary ?? "" },
];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
