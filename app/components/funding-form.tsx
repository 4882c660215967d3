// The funding form: who funds (chosen by coordinators, fixed for a donor),
// the status, and an optional amount in an ISO 4217 currency.
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import { z } from "zod";
import { FUNDING_STATUSES } from "#db/schema";
import { FormErrors, SelectField, TextareaField, TextField, type Option } from "~/components/forms";
import { versionField } from "~/utils/form-schemas";
import { humanise } from "~/utils/format";

export const FundingFormSchema = z
  .object({
    donorId: z.string().optional(),
    status: z.enum(FUNDING_STATUSES, { error: "Choose the status of the funding" }),
    amount: z.number({ error: "Enter an amount" }).min(0, { error: "Enter an amount of 0 or more" }).max(1e12, { error: "Enter a smaller amount" }).optional(),
    currency: z.string().regex(/^[A-Z]{3}$/, { error: "Choose an ISO 4217 currency from the list" }).optional(),
    note: z.string().trim().max(1000, { error: "Use at most 1,000 characters" }).optional(),
    version: versionField.optional(),
  })
  .superRefine(
    (v, ctx) => {
      if (typeof v.amount === "number" && !v.currency) ctx.addIssue({ code: "custom", path: ["currency"], message: "Choose the currency of the amount" });
    },
    { when: () => true },
  );

export type FundingFormDefaults = Partial<Record<"donorId" | "status" | "amount" | "currency" | "note" | "version", string>>;

export function FundingForm({
  id,
  lastResult,
  defaultValue,
  donors,
  fixedDonor,
  currencies,
  submitLabel,
}: {
  id: string;
  lastResult: SubmissionResult<string[]> | undefined | null;
  defaultValue?: FundingFormDefaults;
  donors: Option[];
  /** The donor's name when it cannot be chosen. */
  fixedDonor: string | null;
  currencies: readonly string[];
  submitLabel: string;
}) {
  const [form, fields] = useForm({
    id,
    lastResult,
    defaultValue,
    constraint: getZodConstraint(FundingFormSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: FundingFormSchema }),
    shouldRevalidate: "onInput",
  });
  return (
    <Form method="post" className="stack" {...getFormProps(form)}>
      <FormErrors id={form.errorId} errors={form.errors} />
      {defaultValue?.version && <input type="hidden" name="version" value={defaultValue.version} />}
      {fixedDonor ? (
        <p>
          <strong>Donor:</strong> {fixedDonor}
        </p>
      ) : (
        <SelectField field={fields.donorId} label="Donor" options={donors} placeholder="Choose the donor organisation" />
      )}
      <SelectField field={fields.status} label="Status" options={FUNDING_STATUSES.map((s) => ({ value: s, label: humanise(s) }))} hint="Pledged, then committed (agreed), then disbursed (paid)." />
      <div className="row">
        <TextField field={fields.amount} label="Amount" type="number" min={0} step="any" hint="Optional" />
        <SelectField field={fields.currency} label="Currency" options={currencies.map((c) => ({ value: c, label: c }))} placeholder="Not stated" hint="ISO 4217" />
      </div>
      <TextareaField field={fields.note} label="Note" rows={2} hint="Optional" />
      <div className="actions">
        <button type="submit">{submitLabel}</button>
      </div>
    </Form>
  );
}
