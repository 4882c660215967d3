// The training session form, shared by "register a session" and "edit
// session". Its schema runs in the browser for instant messages and again on
// the server, where the model checks the same rules once more.
import { getFormProps, getSelectProps, useForm, type FieldMetadata, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form, useFetcher } from "@remix-run/react";
import { useEffect, useId, useRef } from "react";
import { z } from "zod";
import { MODES, SESSION_STATUSES } from "#db/schema";
import { CheckboxGroupField, ErrorList, FormErrors, SelectField, TextareaField, TextField, type Option } from "~/components/forms";
import { SessionCheckPanel, type SessionCheckView } from "~/components/session-check";
import { TopicChoices } from "~/components/topic-choices";
import { warnedSessionIds } from "~/domain/session-warnings";
import { sessionRuleErrors } from "~/domain/session-rules";
import { isoDate, optionalCodeList, versionField } from "~/utils/form-schemas";
import { humanise } from "~/utils/format";

const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: `Use at most ${max.toLocaleString("en")} characters` })
    .optional();

const headcount = z
  .number({ error: "Enter a whole number" })
  .int({ error: "Enter a whole number" })
  .min(0, { error: "Cannot be negative" })
  .max(1_000_000, { error: "Enter at most 1,000,000" })
  .optional();

export const SessionFormSchema = z
  .object({
    courseId: z.string().optional(),
    title: text(200),
    providerId: z.string().optional(),
    // Only coordinators choose; a trainer always reports for their own organisation.
    reportingOrgId: z.string().optional(),
    externalId: text(100),
    hostCountry: z.string({ error: "Choose the host country" }).regex(/^[A-Z]{3}$/, { error: "Choose the host country from the list" }),
    city: text(100),
    countries: optionalCodeList,
    startDate: isoDate,
    endDate: isoDate,
    status: z.enum(SESSION_STATUSES, { error: "Choose a status" }),
    topics: z.array(z.string(), { error: "Choose at least one topic" }).min(1, { error: "Choose at least one topic" }),
    audiences: optionalCodeList,
    offences: optionalCodeList,
    funders: optionalCodeList,
    trainers: optionalCodeList,
    language: z.string().regex(/^[a-z]{2}$/, { error: "Choose a language from the list" }).optional(),
    mode: z.enum(MODES, { error: "Choose a mode from the list" }).optional(),
    participants: headcount,
    participantsFemale: headcount,
    participantsMale: headcount,
    outcomes: text(5000),
    notes: text(5000),
    version: versionField.optional(),
  })
  .superRefine(
    (value, ctx) => {
      // Runs even when other fields failed, so every message shows at once;
      // hence it looks only at values that are themselves valid.
      const v = value as Partial<typeof value>;
      if (!v.title && !v.courseId) ctx.addIssue({ code: "custom", path: ["title"], message: "Enter a title, or choose the course this session delivers" });
      const date = (d: unknown) => (typeof d === "string" && isoDate.safeParse(d).success ? d : null);
      const count = (n: unknown) => (typeof n === "number" && Number.isInteger(n) && n >= 0 ? n : null);
      const startDate = date(v.startDate);
      const endDate = date(v.endDate);
      const errors = sessionRuleErrors({
        startDate: startDate ?? "",
        endDate: startDate && endDate ? endDate : "9999-12-31",
        participants: count(v.participants),
        participantsFemale: count(v.participantsFemale),
        participantsMale: count(v.participantsMale),
      });
      for (const [field, message] of Object.entries(errors ?? {})) ctx.addIssue({ code: "custom", path: [field], message });
    },
    { when: () => true },
  );

export type SessionFormValue = z.infer<typeof SessionFormSchema>;

type ListField = "countries" | "topics" | "audiences" | "offences" | "funders" | "trainers";
type ScalarField = Exclude<keyof SessionFormValue, ListField>;

/** What the form starts with: strings as an input holds them, lists as arrays. */
export type SessionFormDefaults = Partial<Record<ScalarField, string>> & Partial<Record<ListField, string[]>>;

export type SessionFormChoices = {
  topics: (Option & { parentCode: string | null })[];
  audiences: Option[];
  offences: Option[];
  countryGroups: { label: string; options: Option[] }[];
  organisations: Option[];
  courses: Option[];
  trainers: Option[];
  languages: Option[];
  reporterChoice: boolean;
  ownOrganisation: { id: string; name: string } | null;
};

export function SessionForm({
  id,
  lastResult,
  defaultValue,
  options,
  fixed,
  submitLabel,
  sessionId,
  check,
}: {
  id: string;
  lastResult: SubmissionResult<string[]> | undefined | null;
  defaultValue?: SessionFormDefaults;
  options: SessionFormChoices;
  /** Organisations the person may not change here, shown as text. */
  fixed: { provider: string | null; reporter: string | null };
  submitLabel: string;
  /** The session being edited, so the check never reports it against itself. */
  sessionId?: string;
  /** Warnings the server stopped the save for (the confirmation step). */
  check?: SessionCheckView | null;
}) {
  const [form, fields] = useForm({
    id,
    lastResult,
    defaultValue,
    constraint: getZodConstraint(SessionFormSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: SessionFormSchema }),
    shouldRevalidate: "onInput",
  });
  const orgs = options.organisations;
  const live = useLiveCheck(sessionId, check);
  // The newest answer wins: the live check once it has run, else the server's.
  const shown = live.check !== undefined ? live.check : (check ?? null);
  const confirming = !!check && live.check === undefined;
  return (
    <Form method="post" className="stack session-form" {...getFormProps(form)} ref={live.formRef} onChange={live.schedule}>
      <FormErrors id={form.errorId} errors={form.errors} />
      {defaultValue?.version && <input type="hidden" name="version" value={defaultValue.version} />}

      <h2>What was taught</h2>
      <SelectField field={fields.courseId} label="Course" options={options.courses} placeholder="None: a one-off workshop" hint="The catalogue course this session delivers, if any." />
      <TextField field={fields.title} label="Title" hint="Leave empty to use the course's title." autoComplete="off" />
      <TopicChoices field={fields.topics} options={options.topics} legend="Topics" hint="Tick a general topic only when the session covered the whole area." />
      <CheckboxGroupField field={fields.audiences} legend="Audiences" options={options.audiences} hint="Optional" />
      <CheckboxGroupField field={fields.offences} legend="Offence focus" options={options.offences} hint="Optional" />

      <h2>Who</h2>
      {fixed.provider ? (
        <p>
          <strong>Provider:</strong> {fixed.provider}
        </p>
      ) : (
        <SelectField field={fields.providerId} label="Provider" options={orgs} placeholder="Choose the provider" hint="The organisation that delivered the training." />
      )}
      {fixed.reporter ? (
        <p>
          <strong>Reported by:</strong> {fixed.reporter}
        </p>
      ) : (
        <SelectField field={fields.reportingOrgId} label="Reporting organisation" options={orgs} placeholder="Choose who reports it" />
      )}
      <TextField field={fields.externalId} label="Your reference" hint="Optional: the reporting organisation's own id for this session." autoComplete="off" />
      <MultiSelectField field={fields.funders} label="Funders" options={orgs} hint="Optional. Hold Ctrl (Cmd on a Mac) to choose more than one." />
      <MultiSelectField field={fields.trainers} label="Trainers" options={options.trainers} hint="Optional. Hold Ctrl (Cmd on a Mac) to choose more than one." />

      <h2>Where and when</h2>
      <div className="row">
        <CountrySelectField field={fields.hostCountry} label="Host country" groups={options.countryGroups} />
        <TextField field={fields.city} label="City" hint="Optional" />
      </div>
      <CountrySelectField
        field={fields.countries}
        label="Beneficiary countries"
        groups={options.countryGroups}
        multiple
        hint="The countries whose officials took part. Leave empty when only the host country benefits. Hold Ctrl (Cmd on a Mac) to choose more than one."
      />
      <div className="row">
        <TextField field={fields.startDate} label="Start date" type="date" />
        <TextField field={fields.endDate} label="End date" type="date" />
        <SelectField field={fields.status} label="Status" options={SESSION_STATUSES.map((s) => ({ value: s, label: humanise(s) }))} />
      </div>
      <div className="row">
        <SelectField field={fields.language} label="Language" options={options.languages} placeholder="Not stated" />
        <SelectField field={fields.mode} label="Delivery mode" options={MODES.map((m) => ({ value: m, label: humanise(m) }))} placeholder="Not stated" />
      </div>

      <h2>Participants</h2>
      <div className="row">
        <TextField field={fields.participants} label="Participants" type="number" min={0} step={1} hint="Total, if known." />
        <TextField field={fields.participantsFemale} label="Women" type="number" min={0} step={1} hint="Optional" />
        <TextField field={fields.participantsMale} label="Men" type="number" min={0} step={1} hint="Optional" />
      </div>
      <p className="muted">The numbers by sex, outcomes and notes are shown only to the session&apos;s organisations, focal points of its countries and coordinators.</p>
      <TextareaField field={fields.outcomes} label="Outcomes" hint="Optional: e.g. pre/post test scores, follow-up." rows={3} />
      <TextareaField field={fields.notes} label="Notes" hint="Optional" rows={3} />

      <SessionCheckPanel check={shown} confirming={confirming} id={`${id}-check`} />
      {/* The warnings this person has been shown: saving after seeing them is the confirmation. */}
      <input type="hidden" name="acknowledged" value={warnedSessionIds(shown).join(",")} />
      <div className="actions">
        <button type="submit">{confirming ? `${submitLabel} anyway` : submitLabel}</button>
      </div>
    </Form>
  );
}

/** The form fields the entry-time check reads; free text such as notes never leaves for it. */
const CHECKED_FIELDS = ["courseId", "title", "providerId", "reportingOrgId", "externalId", "hostCountry", "city", "countries", "startDate", "endDate", "status", "topics", "audiences", "mode", "participants", "funders", "trainers"];

/** Re-runs the check (GET /sessions/check) shortly after the person stops changing the form, and once on opening it filled in. */
function useLiveCheck(sessionId: string | undefined, serverCheck: SessionCheckView | null | undefined) {
  const fetcher = useFetcher<{ check: SessionCheckView | null }>();
  const formRef = useRef<HTMLFormElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const load = fetcher.load;
  const run = useRef(() => {});
  run.current = () => {
    const form = formRef.current;
    if (!form) return;
    const values = new FormData(form);
    const params = new URLSearchParams();
    for (const name of CHECKED_FIELDS) for (const value of values.getAll(name)) if (typeof value === "string" && value) params.append(name, value);
    if (sessionId) params.set("id", sessionId);
    load(`/sessions/check?${params.toString()}`);
  };
  useEffect(() => {
    run.current();
    return () => clearTimeout(timer.current);
  }, []);
  // After the server stopped a save, catch up so the warnings shown are the current ones.
  useEffect(() => {
    if (serverCheck) run.current();
  }, [serverCheck]);
  const schedule = () => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => run.current(), 400);
  };
  return { formRef, schedule, check: fetcher.data?.check, pending: fetcher.state !== "idle" };
}

function MultiSelectField({ field, label, options, hint }: { field: FieldMetadata<string[] | undefined>; label: string; options: Option[]; hint: string }) {
  const hintId = useId();
  const props = getSelectProps(field, { ariaDescribedBy: hintId });
  return (
    <div className="field">
      <label htmlFor={field.id}>{label}</label>
      <span id={hintId} className="hint">
        {hint}
      </span>
      <select {...props} key={props.key} multiple size={Math.min(8, Math.max(3, options.length))}>
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

/** Countries in <optgroup>s by M49 sub-region; one, or several with `multiple`. */
function CountrySelectField({
  field,
  label,
  groups,
  multiple,
  hint,
}: {
  field: FieldMetadata<string | string[] | undefined>;
  label: string;
  groups: SessionFormChoices["countryGroups"];
  multiple?: boolean;
  hint?: string;
}) {
  const hintId = useId();
  const props = getSelectProps(field as FieldMetadata<string | undefined>, { ariaDescribedBy: hint ? hintId : undefined });
  return (
    <div className="field">
      <label htmlFor={field.id}>{label}</label>
      {hint && (
        <span id={hintId} className="hint">
          {hint}
        </span>
      )}
      <select {...props} key={props.key} multiple={multiple} size={multiple ? 10 : undefined}>
        {!multiple && <option value="">Choose a country</option>}
        {groups.map((g) => (
          <optgroup key={g.label} label={g.label}>
            {g.options.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
      <ErrorList id={field.errorId} errors={field.errors} />
    </div>
  );
}

/** The model's input from a valid form; who provides and who reports is decided by the route. */
export function toSessionInput(value: SessionFormValue, organisations: { providerId: string; reportingOrgId: string }) {
  return {
    courseId: value.courseId || null,
    title: value.title || null,
    providerId: organisations.providerId,
    reportingOrgId: organisations.reportingOrgId,
    externalId: value.externalId || null,
    hostCountry: value.hostCountry,
    city: value.city || null,
    countries: value.countries,
    startDate: value.startDate,
    endDate: value.endDate,
    status: value.status,
    topics: value.topics,
    audiences: value.audiences,
    offences: value.offences,
    funders: value.funders,
    trainers: value.trainers,
    language: value.language || null,
    mode: value.mode ?? null,
    participants: value.participants ?? null,
    participantsFemale: value.participantsFemale ?? null,
    participantsMale: value.participantsMale ?? null,
    outcomes: value.outcomes || null,
    notes: value.notes || null,
  };
}
