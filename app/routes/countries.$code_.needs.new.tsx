import { getFormProps, getInputProps, getSelectProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { invariantResponse } from "@epic-web/invariant";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { getDb } from "#db/client.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorList, TextareaField, TextField } from "~/components/forms";
import { NEED_LABELS } from "~/domain/gaps";
import { countryExists } from "~/models/coverage-views.server";
import { canRecordNeeds, createNeedsAssessment, listNeedsAssessments } from "~/models/needs-assessments.server";
import { listTopics } from "~/models/reference.server";
import { requireActor } from "~/utils/auth.server";
import { formatDate, today } from "~/utils/format";
import { isoDate, optionalText } from "~/utils/form-schemas";
import { forbidden } from "~/utils/permissions.server";
import { flashMessage } from "~/utils/session.server";

const NOT_ALLOWED = "Only the country's focal points and coordinators may record its needs.";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const db = getDb();
  const country = await countryExists(db, (params.code ?? "").toUpperCase());
  invariantResponse(country, "Country not found", { status: 404 });
  if (!canRecordNeeds(actor, country.code)) forbidden(NOT_ALLOWED);
  const [topics, history] = await Promise.all([listTopics(db), listNeedsAssessments(db, country.code)]);
  return { country, topics, latest: history[0] ?? null, today: today(), assessor: actor.displayName };
}

const NeedsAssessmentSchema = z.object({
  assessedOn: isoDate.refine((v) => v <= new Date().toISOString().slice(0, 10), { error: "An assessment cannot be dated in the future" }),
  assessor: z.string({ error: "Say who assessed" }).trim().min(1, { error: "Say who assessed" }).max(200),
  notes: optionalText,
  items: z
    .array(
      z.object({
        topicCode: z.string(),
        level: z.enum(["0", "1", "2", "3"]).optional(),
        notes: z.string().trim().max(1000).optional(),
      }),
    )
    .refine((items) => items.some((i) => i.level != null), { error: "Give a need level for at least one topic" }),
});

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const db = getDb();
  const country = await countryExists(db, (params.code ?? "").toUpperCase());
  invariantResponse(country, "Country not found", { status: 404 });
  if (!canRecordNeeds(actor, country.code)) forbidden(NOT_ALLOWED);
  const submission = parseWithZod(await request.formData(), { schema: NeedsAssessmentSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const known = new Set((await listTopics(db)).map((t) => t.code));
  const v = submission.value;
  const items = v.items.filter((i) => i.level != null).map((i) => ({ topicCode: i.topicCode, level: Number(i.level), notes: i.notes || null }));
  if (items.some((i) => !known.has(i.topicCode))) return data(submission.reply({ formErrors: ["The form lists a topic that no longer exists; reload it."] }), { status: 400 });
  await createNeedsAssessment(db, actor, { countryCode: country.code, assessedOn: v.assessedOn, assessor: v.assessor, notes: v.notes || null, items });
  return redirect(`/coverage/gaps?country=${country.code}`, { headers: await flashMessage(request, `Needs assessment for ${country.name} recorded.`) });
}

export default function NewNeedsAssessmentPage() {
  const { country, topics, latest, today, assessor } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const previous = new Map(latest?.items.map((i) => [i.topicCode, i]) ?? []);
  const [form, fields] = useForm({
    id: "needs-new",
    lastResult,
    constraint: getZodConstraint(NeedsAssessmentSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: NeedsAssessmentSchema }),
    shouldRevalidate: "onBlur",
    defaultValue: {
      assessedOn: today,
      assessor,
      items: topics.map((t) => ({ topicCode: t.code, level: previous.has(t.code) ? String(previous.get(t.code)!.level) : undefined, notes: previous.get(t.code)?.notes ?? "" })),
    },
  });
  const items = fields.items.getFieldList();
  return (
    <>
      <p>
        <Link to={`/countries/${country.code}`}>← {country.name}</Link>
      </p>
      <h1>Record a needs assessment for {country.name}</h1>
      <p>
        Give each assessed topic a need level from 0 (none) to 3 (critical); leave a topic unassessed if it was not looked at. A new
        assessment replaces the previous one in coverage and gaps; earlier ones stay in the history.
        {latest && ` The form starts from the latest assessment (${formatDate(latest.assessedOn)}, by ${latest.assessor}).`}
      </p>
      <Form method="post" className="stack" {...getFormProps(form)}>
        <ErrorList id={form.errorId} errors={form.errors} />
        <div className="row">
          <TextField field={fields.assessedOn} label="Date of the assessment" type="date" />
          <TextField field={fields.assessor} label="Assessed by" hint="A person, team or agency" />
        </div>
        <TextareaField field={fields.notes} label="Notes on the assessment (optional)" />
        <fieldset>
          <legend>Need per topic</legend>
          <ErrorList id={fields.items.errorId} errors={fields.items.errors} />
          <table className="needs-table">
            <thead>
              <tr>
                <th scope="col">Topic</th>
                <th scope="col">Need level</th>
                <th scope="col">Notes</th>
              </tr>
            </thead>
            <tbody>
              {items.map((item, i) => {
                const f = item.getFieldset();
                const topic = topics[i];
                return (
                  <tr key={item.key}>
                    <th scope="row" id={`topic-${i}`} className={topic.parentCode ? "subtopic" : undefined}>
                      <input {...getInputProps(f.topicCode, { type: "hidden" })} key={f.topicCode.key} />
                      {topic.label}
                    </th>
                    <td>
                      <select {...getSelectProps(f.level)} key={f.level.key} aria-label={`Need level: ${topic.label}`}>
                        <option value="">Not assessed</option>
                        {NEED_LABELS.map((label, level) => (
                          <option key={label} value={String(level)}>
                            {level} – {label}
                          </option>
                        ))}
                      </select>
                    </td>
                    <td>
                      <input {...getInputProps(f.notes, { type: "text" })} key={f.notes.key} aria-label={`Notes: ${topic.label}`} />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </fieldset>
        <div className="actions">
          <button type="submit">Record assessment</button>
          <Link to={`/countries/${country.code}`}>Cancel</Link>
        </div>
      </Form>
    </>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Needs assessment${data ? ` · ${data.country.name}` : ""} · Training Coordination Registry` },
];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
