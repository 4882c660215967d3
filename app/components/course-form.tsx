// The course form, shared by "add a course" and "edit course". Its schema
// runs in the browser for instant messages and again on the server.
import { getCollectionProps, getFormProps, useForm, type FieldMetadata, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import { z } from "zod";
import { LEVELS, MODES } from "#db/schema";
import { CheckboxGroupField, ErrorList, FormErrors, SelectField, TextareaField, TextField, type Option } from "~/components/forms";
import { codeList, optionalCodeList, versionField } from "~/utils/form-schemas";
import { humanise } from "~/utils/format";

const optionalLongText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: `Use at most ${max.toLocaleString("en")} characters` })
    .optional();

export const CourseFormSchema = z.object({
  title: z
    .string({ error: "Enter a title" })
    .trim()
    .min(3, { error: "Use at least 3 characters" })
    .max(200, { error: "Use at most 200 characters" }),
  summary: z
    .string({ error: "Enter a short summary" })
    .trim()
    .min(1, { error: "Enter a short summary" })
    .max(500, { error: "Use at most 500 characters" }),
  description: optionalLongText(20_000),
  // Only coordinators choose; a trainer's courses are always their organisation's.
  providerId: z.string().optional(),
  level: z.enum(LEVELS, { error: "Choose a level" }),
  mode: z.enum(MODES, { error: "Choose a delivery mode" }),
  durationHours: z
    .number({ error: "Enter a number of hours" })
    .gt(0, { error: "Enter more than 0 hours" })
    .max(2000, { error: "Enter at most 2,000 hours" })
    .optional(),
  prerequisites: optionalLongText(2000),
  topics: codeList("Choose at least one topic"),
  audiences: codeList("Choose at least one audience"),
  offences: optionalCodeList,
  languages: z
    .array(z.string().regex(/^[a-z]{2}$/, { error: "Choose languages from the list" }))
    .min(1, { error: "Choose at least one language" }),
  version: versionField.optional(),
});

export type CourseFormValue = z.infer<typeof CourseFormSchema>;

/** The model's input from a valid form; the provider is decided by the caller (see the routes). */
export function toCourseInput(value: CourseFormValue, providerId: string) {
  return {
    title: value.title,
    summary: value.summary,
    description: value.description ?? "",
    providerId,
    level: value.level,
    mode: value.mode,
    durationHours: value.durationHours ?? null,
    prerequisites: value.prerequisites || null,
    topics: value.topics,
    audiences: value.audiences,
    offences: value.offences,
    languages: value.languages,
  };
}

export type TopicOption = Option & { parentCode: string | null };

export type CourseFormOptions = {
  topics: TopicOption[];
  audiences: Option[];
  offences: Option[];
  languages: Option[];
  /** Providers to choose from, or null when the provider is fixed (a trainer's own organisation). */
  providers: Option[] | null;
  fixedProviderName: string | null;
};

export type CourseFormDefaults = Partial<Record<"title" | "summary" | "description" | "providerId" | "level" | "mode" | "durationHours" | "prerequisites" | "version", string>> &
  Partial<Record<"topics" | "audiences" | "offences" | "languages", string[]>>;

export function CourseForm({
  id,
  lastResult,
  defaultValue,
  options,
  submitLabel,
}: {
  id: string;
  lastResult: SubmissionResult<string[]> | undefined | null;
  defaultValue?: CourseFormDefaults;
  options: CourseFormOptions;
  submitLabel: string;
}) {
  const [form, fields] = useForm({
    id,
    lastResult,
    defaultValue,
    constraint: getZodConstraint(CourseFormSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: CourseFormSchema }),
    shouldRevalidate: "onInput",
  });
  return (
    <Form method="post" className="stack" {...getFormProps(form)}>
      <FormErrors id={form.errorId} errors={form.errors} />
      {defaultValue?.version && <input type="hidden" name="version" value={defaultValue.version} />}
      <TextField field={fields.title} label="Title" autoComplete="off" />
      <TextareaField field={fields.summary} label="Summary" hint="One or two sentences shown in the catalogue (up to 500 characters)." rows={3} />
      <TextareaField
        field={fields.description}
        label="Description"
        hint="Markdown: **bold**, *italic*, lists, headings and links (http, https, mailto)."
        rows={10}
      />
      {options.providers ? (
        <SelectField field={fields.providerId} label="Provider" options={options.providers} placeholder="Choose the provider" />
      ) : (
        <p>
          <strong>Provider:</strong> {options.fixedProviderName} <span className="muted">(your organisation)</span>
        </p>
      )}
      <div className="row">
        <SelectField field={fields.level} label="Level" options={LEVELS.map((l) => ({ value: l, label: humanise(l) }))} placeholder="Choose a level" />
        <SelectField field={fields.mode} label="Delivery mode" options={MODES.map((m) => ({ value: m, label: humanise(m) }))} placeholder="Choose a mode" />
        <TextField field={fields.durationHours} label="Duration (hours)" type="number" step="0.5" />
      </div>
      <TopicCheckboxes field={fields.topics} options={options.topics} />
      <CheckboxGroupField field={fields.audiences} legend="Audiences" options={options.audiences} />
      <CheckboxGroupField field={fields.offences} legend="Offence focus" options={options.offences} hint="Optional" />
      <CheckboxGroupField field={fields.languages} legend="Languages" options={options.languages} />
      <TextareaField field={fields.prerequisites} label="Prerequisites" hint="Optional" rows={3} />
      <div className="actions">
        <button type="submit">{submitLabel}</button>
      </div>
    </Form>
  );
}

/** Topics grouped under their parent, so the taxonomy reads as one. */
function TopicCheckboxes({ field, options }: { field: FieldMetadata<string[] | undefined | null>; options: TopicOption[] }) {
  const boxes = new Map(getCollectionProps(field, { type: "checkbox", options: options.map((o) => o.value) }).map((b) => [b.value, b]));
  const box = (o: TopicOption) => {
    const props = boxes.get(o.value)!;
    return (
      <label>
        <input {...props} key={props.key} />
        {o.label}
      </label>
    );
  };
  const parents = options.filter((o) => !o.parentCode || !options.some((p) => p.value === o.parentCode));
  return (
    <fieldset className="field topic-choices" aria-invalid={field.errors?.length ? true : undefined} aria-describedby={field.errors?.length ? field.errorId : undefined}>
      <legend>Topics</legend>
      <span className="hint">Tick a general topic only when the course covers the whole area.</span>
      <ul>
        {parents.map((parent) => {
          const children = options.filter((o) => o.parentCode === parent.value);
          return (
            <li key={parent.value}>
              {box(parent)}
              {children.length > 0 && (
                <ul>
                  {children.map((child) => (
                    <li key={child.value}>{box(child)}</li>
                  ))}
                </ul>
              )}
            </li>
          );
        })}
      </ul>
      <ErrorList id={field.errorId} errors={field.errors} />
    </fieldset>
  );
}
