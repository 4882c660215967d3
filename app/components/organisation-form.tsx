// The organisation form, shared by "add an organisation" and "edit
// organisation". Kind and country are chosen by coordinators only; for anyone
// else they are shown, not editable (the model refuses a change anyway).
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import { z } from "zod";
import { ORGANISATION_KINDS } from "#db/schema";
import { FormErrors, SelectField, TextareaField, TextField, type Option } from "~/components/forms";
import { ORGANISATION_KIND_LABELS } from "~/domain/organisation-kinds";
import { versionField } from "~/utils/form-schemas";

// Still importable from here for the list page; the labels live in app/domain.

export const OrganisationFormSchema = z.object({
  name: z
    .string({ error: "Enter the organisation's name" })
    .trim()
    .min(2, { error: "Use at least 2 characters" })
    .max(200, { error: "Use at most 200 characters" }),
  acronym: z.string().trim().max(30, { error: "Use at most 30 characters" }).optional(),
  kind: z.enum(ORGANISATION_KINDS, { error: "Choose a kind" }).optional(),
  countryCode: z.string().regex(/^[A-Z]{3}$/, { error: "Choose a country from the list" }).optional(),
  website: z
    .url({ protocol: /^https?$/, error: "Enter a web address starting with https:// or http://" })
    .max(500, { error: "Use at most 500 characters" })
    .optional(),
  description: z.string().trim().max(4000, { error: "Use at most 4,000 characters" }).optional(),
  version: versionField.optional(),
});

export type OrganisationFormValue = z.infer<typeof OrganisationFormSchema>;

export type OrganisationFormDefaults = Partial<Record<"name" | "acronym" | "kind" | "countryCode" | "website" | "description" | "version", string>>;

export function OrganisationForm({
  id,
  lastResult,
  defaultValue,
  countries,
  classify,
  fixed,
  submitLabel,
}: {
  id: string;
  lastResult: SubmissionResult<string[]> | undefined | null;
  defaultValue?: OrganisationFormDefaults;
  countries: Option[];
  /** May this person choose the kind and country? */
  classify: boolean;
  /** What is shown instead when they may not. */
  fixed?: { kind: (typeof ORGANISATION_KINDS)[number]; countryName: string | null };
  submitLabel: string;
}) {
  const [form, fields] = useForm({
    id,
    lastResult,
    defaultValue,
    constraint: getZodConstraint(OrganisationFormSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: OrganisationFormSchema }),
    shouldRevalidate: "onBlur",
  });
  return (
    <Form method="post" className="stack" {...getFormProps(form)}>
      <FormErrors id={form.errorId} errors={form.errors} />
      {defaultValue?.version && <input type="hidden" name="version" value={defaultValue.version} />}
      <TextField field={fields.name} label="Name" autoComplete="off" />
      <TextField field={fields.acronym} label="Acronym" hint="Optional, e.g. UNODC" autoComplete="off" />
      {classify ? (
        <div className="row">
          <SelectField
            field={fields.kind}
            label="Kind"
            options={Object.entries(ORGANISATION_KIND_LABELS).map(([value, label]) => ({ value, label }))}
            placeholder="Choose a kind"
          />
          <SelectField field={fields.countryCode} label="Country" options={countries} placeholder="None (international)" />
        </div>
      ) : (
        <p>
          <strong>Kind:</strong> {fixed ? ORGANISATION_KIND_LABELS[fixed.kind] : ""} · <strong>Country:</strong> {fixed?.countryName ?? "International"}{" "}
          <span className="muted">(a coordinator can change these)</span>
        </p>
      )}
      <TextField field={fields.website} label="Website" type="url" hint="Optional" autoComplete="off" />
      <TextareaField field={fields.description} label="Description" hint="Optional. What the organisation does in this field." rows={5} />
      <div className="actions">
        <button type="submit">{submitLabel}</button>
      </div>
    </Form>
  );
}
