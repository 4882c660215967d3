// The material form, shared by "add a material" and "edit material". Its
// schema runs in the browser for instant messages and again on the server,
// where the file itself is checked by the upload handler (size, content type).
import { getFormProps, getInputProps, useForm, type FieldMetadata, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import { useEffect, useState } from "react";
import { z } from "zod";
import { ACCESS_LEVELS, MATERIAL_KINDS } from "#db/schema";
import { ErrorList, FormErrors, SelectField, TextareaField, TextField, type Option } from "~/components/forms";
import { ACCEPT_ATTRIBUTE, ALLOWED_TYPES_HINT, formatFileSize } from "~/domain/media-types";
import { optionalText, versionField } from "~/utils/form-schemas";
import { humanise } from "~/utils/format";

const ACCESS_LABELS: Record<(typeof ACCESS_LEVELS)[number], string> = {
  public: "Public: anyone may download",
  registered: "Registered: signed-in users only",
  restricted: "Restricted: vetted law-enforcement and justice users only",
};

const WebAddressSchema = z.url({ protocol: /^https?$/ }).max(2000);

const shortText = (max: number) => optionalText.pipe(z.string().max(max, { error: `Use at most ${max} characters` }).optional());

/** `fileRequired`: a new material, or one that only had a link, needs a file when "Upload a file" is chosen. */
export function materialFormSchema({ fileRequired }: { fileRequired: boolean }) {
  return z
    .object({
      title: z
        .string({ error: "Enter a title" })
        .trim()
        .min(3, { error: "Use at least 3 characters" })
        .max(300, { error: "Use at most 300 characters" }),
      description: shortText(5000),
      kind: z.enum(MATERIAL_KINDS, { error: "Choose a kind" }),
      language: z.string({ error: "Choose a language" }).regex(/^[a-z]{2}$/, { error: "Choose a language from the list" }),
      licence: shortText(200),
      courseId: z.string().optional(),
      // Only coordinators choose; a trainer's materials are always their organisation's.
      publisherId: z.string().optional(),
      edition: shortText(50),
      accessLevel: z.enum(ACCESS_LEVELS, { error: "Choose who may download it" }),
      source: z.enum(["file", "url"], { error: "Choose a file or a link" }),
      // Checked below only when a link is chosen, so a half-typed address left behind does not block an upload.
      externalUrl: z.string().trim().optional(),
      // In the browser a File; on the server the name the upload handler received (the file is checked there).
      file: z.unknown().optional(),
      version: versionField.optional(),
    })
    .superRefine((value, ctx) => {
      if (value.source === "url") {
        if (!value.externalUrl) ctx.addIssue({ code: "custom", path: ["externalUrl"], message: "Enter the web address of the material" });
        else if (!WebAddressSchema.safeParse(value.externalUrl).success) {
          ctx.addIssue({ code: "custom", path: ["externalUrl"], message: "Enter a web address starting with https:// or http://" });
        }
      }
      if (value.source === "file" && fileRequired && value.file === undefined) {
        ctx.addIssue({ code: "custom", path: ["file"], message: "Choose a file to upload" });
      }
    });
}

export type MaterialFormValue = z.infer<ReturnType<typeof materialFormSchema>>;

/** The model's input from a valid form; the publisher is decided by the caller (see the routes). */
export function toMaterialInput(value: MaterialFormValue, publisherId: string) {
  return {
    title: value.title,
    description: value.description || null,
    kind: value.kind,
    language: value.language,
    licence: value.licence || null,
    courseId: value.courseId || null,
    publisherId,
    edition: value.edition || null,
    accessLevel: value.accessLevel,
    externalUrl: value.source === "url" ? (value.externalUrl ?? null) : null,
  };
}

export type MaterialFormOptions = {
  courses: Option[];
  languages: Option[];
  /** Publishers to choose from, or null when the publisher is fixed (a trainer's own organisation). */
  publishers: Option[] | null;
  fixedPublisherName: string | null;
  /** The upload size limit, e.g. "25 MB". */
  maxUpload: string;
};

export type MaterialFormDefaults = Partial<
  Record<"title" | "description" | "kind" | "language" | "licence" | "courseId" | "publisherId" | "edition" | "accessLevel" | "source" | "externalUrl" | "version", string>
>;

export function MaterialForm({
  id,
  lastResult,
  defaultValue,
  options,
  currentFile,
  submitLabel,
}: {
  id: string;
  lastResult: SubmissionResult<string[]> | undefined | null;
  defaultValue?: MaterialFormDefaults;
  options: MaterialFormOptions;
  /** The file already stored, when editing. */
  currentFile?: { fileName: string; fileSize: number | null } | null;
  submitLabel: string;
}) {
  const schema = materialFormSchema({ fileRequired: !currentFile });
  const [form, fields] = useForm({
    id,
    lastResult,
    defaultValue: { source: "file", accessLevel: "public", ...defaultValue },
    constraint: getZodConstraint(schema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
    // Re-checked as they type: a message that vanished on blur would shift the submit button away from the click.
    shouldRevalidate: "onInput",
  });
  const sourceChoices = [
    { value: "file", label: currentFile ? "Keep or replace the uploaded file" : "Upload a file" },
    { value: "url", label: "Link to it on another website" },
  ];
  // Without JavaScript both inputs stay visible; with it, only the chosen one.
  const hydrated = useHydrated();
  const source = fields.source.value ?? "file";
  return (
    <Form method="post" encType="multipart/form-data" className="stack" {...getFormProps(form)}>
      <FormErrors id={form.errorId} errors={form.errors} />
      {defaultValue?.version && <input type="hidden" name="version" value={defaultValue.version} />}
      <TextField field={fields.title} label="Title" autoComplete="off" />
      <TextareaField field={fields.description} label="Description" hint="Optional: what it covers and who it is for." rows={5} />
      <div className="row">
        <SelectField field={fields.kind} label="Kind" options={MATERIAL_KINDS.map((k) => ({ value: k, label: humanise(k) }))} placeholder="Choose a kind" />
        <SelectField field={fields.language} label="Language" options={options.languages} placeholder="Choose a language" />
      </div>
      <div className="row">
        <TextField field={fields.edition} label="Edition" hint="Optional: the material's own version, e.g. v2.1 or 2024 edition." />
        <TextField field={fields.licence} label="Licence" hint="Optional, e.g. CC BY 4.0." />
      </div>
      {options.publishers ? (
        <SelectField field={fields.publisherId} label="Publisher" options={options.publishers} placeholder="Choose the publisher" />
      ) : (
        <p>
          <strong>Publisher:</strong> {options.fixedPublisherName} <span className="muted">(your organisation)</span>
        </p>
      )}
      <SelectField field={fields.courseId} label="Course" options={options.courses} placeholder="Not linked to a course" hint="Optional." />
      <SelectField
        field={fields.accessLevel}
        label="Who may download it"
        options={ACCESS_LEVELS.map((level) => ({ value: level, label: ACCESS_LABELS[level] }))}
      />
      <fieldset className="field">
        <legend>File or link</legend>
        {sourceChoices.map((choice) => (
          <label key={choice.value} className="choice">
            <input type="radio" name={fields.source.name} value={choice.value} defaultChecked={(fields.source.initialValue ?? "file") === choice.value} />{" "}
            {choice.label}
          </label>
        ))}
        <ErrorList id={fields.source.errorId} errors={fields.source.errors} />
        <FileInput field={fields.file} currentFile={currentFile} maxUpload={options.maxUpload} hidden={hydrated && source !== "file"} />
        <div hidden={hydrated && source !== "url"}>
          <TextField field={fields.externalUrl} label="Web address" type="url" hint="Where the material is published, e.g. https://example.org/handbook.pdf" />
        </div>
      </fieldset>
      <div className="actions">
        <button type="submit">{submitLabel}</button>
      </div>
    </Form>
  );
}

function FileInput({
  field,
  currentFile,
  maxUpload,
  hidden,
}: {
  field: FieldMetadata<unknown>;
  maxUpload: string;
  currentFile?: { fileName: string; fileSize: number | null } | null;
  hidden: boolean;
}) {
  const hintId = `${field.id}-hint`;
  const { key, ...props } = getInputProps(field, { type: "file", ariaDescribedBy: hintId });
  return (
    <div className="field" hidden={hidden}>
      <label htmlFor={field.id}>{currentFile ? "Replace the file" : "File"}</label>
      <span id={hintId} className="hint">
        {currentFile && (
          <>
            Now: {currentFile.fileName} ({formatFileSize(currentFile.fileSize)}). Leave empty to keep it; a replaced file is kept in the archive.{" "}
          </>
        )}
        {ALLOWED_TYPES_HINT}, up to {maxUpload}. The file's content must match its type. If the form shows an error, choose the file again.
      </span>
      <input {...props} key={key} accept={ACCEPT_ATTRIBUTE} />
      <ErrorList id={field.errorId} errors={field.errors} />
    </div>
  );
}

function useHydrated() {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return hydrated;
}
