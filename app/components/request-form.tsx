// The assistance request form, shared by "submit a request" and "edit
// request". Its schema runs in the browser for instant messages and again on
// the server, where the model checks the same rules once more.
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import { z } from "zod";
import { URGENCIES } from "#db/schema";
import { CheckboxField, CheckboxGroupField, FormErrors, SelectField, TextareaField, TextField, type Option } from "~/components/forms";
import { TopicChoices } from "~/components/topic-choices";
import { isoDate, optionalCodeList, versionField } from "~/utils/form-schemas";
import { humanise } from "~/utils/format";

const text = (max: number) => z.string().trim().max(max, { error: `Use at most ${max.toLocaleString("en")} characters` });

export const RequestFormSchema = z
  .object({
    // Focal points always request for their own country; only coordinators choose.
    countryCode: z.string().regex(/^[A-Z]{3}$/, { error: "Choose the country from the list" }).optional(),
    agencyId: z.string().optional(),
    agencyName: text(200).optional(),
    title: text(200).min(1, { error: "Enter a short title" }),
    description: text(5000).min(1, { error: "Describe what is needed and why" }),
    expectedParticipants: z
      .number({ error: "Enter a whole number" })
      .int({ error: "Enter a whole number" })
      .min(1, { error: "Enter at least 1" })
      .max(100_000, { error: "Enter at most 100,000" })
      .optional(),
    wantedFrom: isoDate.optional(),
    wantedTo: isoDate.optional(),
    urgency: z.enum(URGENCIES, { error: "Choose how urgent it is" }),
    isPublic: z.boolean().optional(),
    topics: z.array(z.string(), { error: "Choose at least one topic" }).min(1, { error: "Choose at least one topic" }),
    audiences: optionalCodeList,
    languages: optionalCodeList,
    version: versionField.optional(),
  })
  .superRefine(
    (v, ctx) => {
      const from = typeof v.wantedFrom === "string" && isoDate.safeParse(v.wantedFrom).success ? v.wantedFrom : null;
      const to = typeof v.wantedTo === "string" && isoDate.safeParse(v.wantedTo).success ? v.wantedTo : null;
      if (from && to && to < from) ctx.addIssue({ code: "custom", path: ["wantedTo"], message: "The end of the timeframe cannot be before its start" });
    },
    { when: () => true },
  );

export type RequestFormValue = z.infer<typeof RequestFormSchema>;

export type RequestFormDefaults = Partial<Record<"countryCode" | "agencyId" | "agencyName" | "title" | "description" | "expectedParticipants" | "wantedFrom" | "wantedTo" | "urgency" | "version", string>> & {
  isPublic?: string;
  topics?: string[];
  audiences?: string[];
  languages?: string[];
};

export type RequestFormChoices = {
  topics: (Option & { parentCode: string | null })[];
  audiences: Option[];
  countries: Option[];
  organisations: Option[];
  languages: Option[];
};

export function RequestForm({
  id,
  lastResult,
  defaultValue,
  options,
  fixedCountry,
  submitLabel,
}: {
  id: string;
  lastResult: SubmissionResult<string[]> | undefined | null;
  defaultValue?: RequestFormDefaults;
  options: RequestFormChoices;
  /** The country's name when the person may not choose it. */
  fixedCountry: string | null;
  submitLabel: string;
}) {
  const [form, fields] = useForm({
    id,
    lastResult,
    defaultValue,
    constraint: getZodConstraint(RequestFormSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: RequestFormSchema }),
    shouldRevalidate: "onInput",
  });
  return (
    <Form method="post" className="stack" {...getFormProps(form)}>
      <FormErrors id={form.errorId} errors={form.errors} />
      {defaultValue?.version && <input type="hidden" name="version" value={defaultValue.version} />}

      <h2>Who is asking</h2>
      {fixedCountry ? (
        <p>
          <strong>Country:</strong> {fixedCountry}
        </p>
      ) : (
        <SelectField field={fields.countryCode} label="Country" options={options.countries} placeholder="Choose the requesting country" />
      )}
      <SelectField field={fields.agencyId} label="Requesting agency" options={options.organisations} placeholder="Not in the list" hint="If the agency is registered as an organisation." />
      <TextField field={fields.agencyName} label="Agency name" hint="If it is not in the list, e.g. “National Police Cybercrime Unit”." autoComplete="organization" />

      <h2>What is needed</h2>
      <TextField field={fields.title} label="Title" autoComplete="off" />
      <TextareaField field={fields.description} label="Description" rows={5} hint="What the officials need to be able to do, and what exists already." />
      <TopicChoices field={fields.topics} options={options.topics} legend="Topics" />
      <CheckboxGroupField field={fields.audiences} legend="Audiences" options={options.audiences} hint="Optional" />
      <CheckboxGroupField field={fields.languages} legend="Languages" options={options.languages} hint="Languages the training can be given in. Optional." />

      <h2>When and how many</h2>
      <div className="row">
        <TextField field={fields.expectedParticipants} label="Expected participants" type="number" min={1} step={1} hint="Optional" />
        <SelectField field={fields.urgency} label="Urgency" options={URGENCIES.map((u) => ({ value: u, label: humanise(u) }))} />
      </div>
      <div className="row">
        <TextField field={fields.wantedFrom} label="Wanted from" type="date" hint="Optional" />
        <TextField field={fields.wantedTo} label="Wanted until" type="date" hint="Optional" />
      </div>
      <CheckboxField field={fields.isPublic} label="Anyone may see this request" hint="Otherwise only your country's focal points, coordinators and donors see it." />

      <div className="actions">
        <button type="submit">{submitLabel}</button>
      </div>
    </Form>
  );
}

/** The model's input from a valid form; the country is decided by the route. */
export function toRequestInput(value: RequestFormValue, countryCode: string) {
  return {
    countryCode,
    agencyId: value.agencyId || null,
    agencyName: value.agencyName || null,
    title: value.title,
    description: value.description,
    expectedParticipants: value.expectedParticipants ?? null,
    wantedFrom: value.wantedFrom ?? null,
    wantedTo: value.wantedTo ?? null,
    urgency: value.urgency,
    isPublic: value.isPublic ?? false,
    topics: value.topics,
    audiences: value.audiences,
    languages: value.languages,
  };
}
