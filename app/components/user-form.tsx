import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import { z } from "zod";
import { ROLES } from "#db/schema";
import { CheckboxField, FormErrors, SelectField, TextField, type Option } from "~/components/forms";
import { humanise } from "~/utils/format";

const UserFields = z.object({
  email: z.email({ error: "Enter a valid email address" }),
  displayName: z.string({ error: "Enter a name" }).trim().min(2, { error: "Enter a name" }).max(120),
  role: z.enum(ROLES, { error: "Choose a role" }),
  organisationId: z.string().optional(),
  countryCode: z.string().optional(),
  vetted: z.boolean().default(false),
});

// Focal points act for a country; trainers and donors for an organisation.
function requireScope(value: z.infer<typeof UserFields>, ctx: z.RefinementCtx) {
  if (value.role === "focal_point" && !value.countryCode) {
    ctx.addIssue({ code: "custom", path: ["countryCode"], message: "A focal point needs a country" });
  }
  if ((value.role === "trainer" || value.role === "donor") && !value.organisationId) {
    ctx.addIssue({ code: "custom", path: ["organisationId"], message: "Choose the organisation this user works for" });
  }
}

/** One schema for both forms: a new user (no version yet) needs an initial password. */
export const UserFormSchema = UserFields.extend({
  password: z.string().min(12, { error: "Use at least 12 characters" }).max(200).optional(),
  version: z.coerce.number().int().min(1).optional(),
}).superRefine((value, ctx) => {
  requireScope(value, ctx);
  if (value.version === undefined && !value.password) {
    ctx.addIssue({ code: "custom", path: ["password"], message: "Set an initial password" });
  }
});

export function UserForm({
  mode,
  lastResult,
  defaultValue,
  organisations,
  countries,
}: {
  mode: "new" | "edit";
  lastResult: SubmissionResult<string[]> | undefined | null;
  defaultValue?: {
    email: string;
    displayName: string;
    role: string;
    organisationId: string;
    countryCode: string;
    vetted: boolean;
    version: string;
    password?: string;
  };
  organisations: Option[];
  countries: Option[];
}) {
  const [form, fields] = useForm({
    id: `user-${mode}`,
    lastResult,
    defaultValue,
    constraint: getZodConstraint(UserFormSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: UserFormSchema }),
    shouldRevalidate: "onInput",
  });
  return (
    <Form method="post" className="stack" {...getFormProps(form)}>
      <FormErrors id={form.errorId} errors={form.errors} />
      {mode === "edit" && <input type="hidden" name="version" value={String(defaultValue?.version ?? "")} />}
      <input type="hidden" name="intent" value="save" />
      <TextField field={fields.displayName} label="Name" autoComplete="off" />
      <TextField field={fields.email} label="Email" type="email" autoComplete="off" />
      {mode === "new" && (
        <TextField field={fields.password} label="Initial password" type="password" hint="At least 12 characters. Share it with the person safely; they can change it on their profile." autoComplete="new-password" />
      )}
      <SelectField field={fields.role} label="Role" options={ROLES.map((r) => ({ value: r, label: humanise(r) }))} placeholder="Choose a role" />
      <SelectField field={fields.organisationId} label="Organisation" options={organisations} placeholder="None" hint="Trainers write their organisation's records; donors record its funding." />
      <SelectField field={fields.countryCode} label="Country" options={countries} placeholder="None" hint="Focal points act for this country." />
      <CheckboxField field={fields.vetted} label="Vetted law-enforcement or justice user (may see restricted materials)" />
      <div className="actions">
        <button type="submit">{mode === "new" ? "Create user" : "Save changes"}</button>
      </div>
    </Form>
  );
}
