// The trainer profile form, shared by "add a trainer" and "edit trainer". Its
// schema runs in the browser for instant messages and again on the server.
import { getCollectionProps, getFormProps, getSelectProps, useForm, type FieldMetadata, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import { z } from "zod";
import { CheckboxField, CheckboxGroupField, ErrorList, FormErrors, SelectField, TextareaField, TextField, type Option } from "~/components/forms";
import { codeList, optionalCodeList, versionField } from "~/utils/form-schemas";

export const TrainerFormSchema = z
  .object({
    name: z
      .string({ error: "Enter the trainer's name" })
      .trim()
      .min(2, { error: "Use at least 2 characters" })
      .max(200, { error: "Use at most 200 characters" }),
    // Only coordinators choose; everyone else keeps the profile's (or their own) organisation.
    organisationId: z.string().optional(),
    bio: z.string().trim().max(2000, { error: "Use at most 2,000 characters" }).optional(),
    email: z.email({ error: "Enter an email address such as name@example.org" }).max(254, { error: "Use at most 254 characters" }).optional(),
    phone: z
      .string()
      .trim()
      .max(40, { error: "Use at most 40 characters" })
      .regex(/^\+?[\d\s().-]{5,}$/, { error: "Use digits, spaces and + ( ) - only" })
      .optional(),
    contactConsent: z.boolean().default(false),
    topics: codeList("Choose at least one area of expertise"),
    languages: z
      .array(z.string().regex(/^[a-z]{2}$/, { error: "Choose languages from the list" }))
      .min(1, { error: "Choose at least one language" }),
    countries: optionalCodeList,
    linkToMe: z.boolean().default(false),
    version: versionField.optional(),
  })
  .superRefine((value, ctx) => {
    if (value.contactConsent && !value.email && !value.phone) {
      ctx.addIssue({ code: "custom", path: ["email"], message: "Enter an email or a phone number to share, or untick the consent box" });
    }
  });

export type TrainerFormValue = z.infer<typeof TrainerFormSchema>;

/** The model's input from a valid form; the organisation is decided by the caller (see the routes). */
export function toTrainerInput(value: TrainerFormValue, organisationId: string | null) {
  return {
    name: value.name,
    organisationId,
    bio: value.bio || null,
    email: value.email || null,
    phone: value.phone || null,
    contactConsent: value.contactConsent,
    topics: value.topics,
    languages: value.languages,
    countries: value.countries,
    linkToMe: value.linkToMe,
  };
}

export type TopicOption = Option & { parentCode: string | null };

export type TrainerFormOptions = {
  topics: TopicOption[];
  countries: Option[];
  languages: Option[];
  /** Organisations to choose from, or null when the organisation is fixed. */
  organisations: Option[] | null;
  fixedOrganisationName: string | null;
};

export type TrainerFormDefaults = Partial<Record<"name" | "organisationId" | "bio" | "email" | "phone" | "version", string>> &
  Partial<Record<"topics" | "languages" | "countries", string[]>> &
  Partial<Record<"contactConsent" | "linkToMe", boolean>>;

export function TrainerForm({
  id,
  lastResult,
  defaultValue,
  options,
  submitLabel,
  linkable,
}: {
  id: string;
  lastResult: SubmissionResult<string[]> | undefined | null;
  defaultValue?: TrainerFormDefaults;
  options: TrainerFormOptions;
  submitLabel: string;
  /** False when the profile is linked to someone else's account. */
  linkable: boolean;
}) {
  const [form, fields] = useForm({
    id,
    lastResult,
    defaultValue,
    constraint: getZodConstraint(TrainerFormSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: TrainerFormSchema }),
    shouldRevalidate: "onInput",
  });
  return (
    <Form method="post" className="stack" {...getFormProps(form)}>
      <FormErrors id={form.errorId} errors={form.errors} />
      {defaultValue?.version && <input type="hidden" name="version" value={defaultValue.version} />}
      <TextField field={fields.name} label="Name" autoComplete="off" />
      {options.organisations ? (
        <SelectField field={fields.organisationId} label="Organisation" options={options.organisations} placeholder="None (independent)" />
      ) : (
        <p>
          <strong>Organisation:</strong> {options.fixedOrganisationName ?? "None (independent)"}
        </p>
      )}
      <TextareaField field={fields.bio} label="Short biography" hint="Optional. Experience and what they teach; shown to everyone (up to 2,000 characters)." rows={5} />
      <TopicCheckboxes field={fields.topics} options={options.topics} />
      <CheckboxGroupField field={fields.languages} legend="Languages they train in" options={options.languages} />
      <MultiSelectField
        field={fields.countries}
        label="Countries worked in"
        options={options.countries}
        hint="Optional. Hold Ctrl (Cmd on a Mac) to choose more than one."
      />
      <fieldset className="field">
        <legend>Contact details</legend>
        <span className="hint">Shown only to signed-in users, and only if the trainer agrees below.</span>
        <div className="row top-aligned">
          <TextField field={fields.email} label="Email" type="email" autoComplete="off" />
          <TextField field={fields.phone} label="Phone" autoComplete="off" />
        </div>
        <CheckboxField field={fields.contactConsent} label="The trainer agrees to share these contact details with signed-in users" />
      </fieldset>
      {linkable ? (
        <CheckboxField field={fields.linkToMe} label="This is my own profile (link it to my account, so I can keep it up to date)" />
      ) : (
        <p className="muted">This profile is linked to another person's account.</p>
      )}
      <div className="actions">
        <button type="submit">{submitLabel}</button>
      </div>
    </Form>
  );
}

/** A list field as a multiple select: long lists (countries) stay compact and work without JavaScript. */
function MultiSelectField({ field, label, options, hint }: { field: FieldMetadata<string[] | undefined | null>; label: string; options: Option[]; hint: string }) {
  const props = getSelectProps(field);
  return (
    <div className="field">
      <label htmlFor={field.id}>{label}</label>
      <span className="hint" id={`${field.id}-hint`}>
        {hint}
      </span>
      <select {...props} key={props.key} multiple size={8} aria-describedby={[props["aria-describedby"], `${field.id}-hint`].filter(Boolean).join(" ")}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <ErrorList id={field.errorId} errors={field.errors} />
    </div>
  );
}

/** Expertise topics grouped under their area. */
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
  const areas = options.filter((o) => !o.parentCode || !options.some((p) => p.value === o.parentCode));
  return (
    <fieldset
      className="field topic-choices"
      aria-invalid={field.errors?.length ? true : undefined}
      aria-describedby={field.errors?.length ? field.errorId : undefined}
    >
      <legend>Expertise</legend>
      <span className="hint">Tick a whole area only when they teach all of it.</span>
      <ul>
        {areas.map((area) => {
          const children = options.filter((o) => o.parentCode === area.value);
          return (
            <li key={area.value}>
              {box(area)}
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
