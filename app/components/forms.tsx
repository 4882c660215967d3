// Labelled form controls wired to conform fields: each shows its own errors,
// keeps what the person typed, and links the message with aria-describedby.
import { getCollectionProps, getInputProps, getSelectProps, getTextareaProps, type FieldMetadata } from "@conform-to/react";
import { useId, type ReactNode } from "react";

export function ErrorList({ id, errors }: { id?: string; errors?: string[] | null }) {
  if (!errors?.length) return null;
  return (
    <div id={id}>
      {errors.map((e) => (
        <p key={e} className="field-error">
          {e}
        </p>
      ))}
    </div>
  );
}

type InputType = "text" | "email" | "password" | "number" | "date" | "url" | "search" | "hidden";

export function TextField({
  field,
  label,
  type = "text",
  hint,
  ...rest
}: {
  field: FieldMetadata<string | number | undefined | null>;
  label: string;
  type?: InputType;
  hint?: string;
} & Omit<React.InputHTMLAttributes<HTMLInputElement>, "type">) {
  const hintId = useId();
  const props = getInputProps(field, { type, ariaDescribedBy: hint ? hintId : undefined });
  return (
    <div className="field">
      <label htmlFor={field.id}>{label}</label>
      {hint && (
        <span id={hintId} className="hint">
          {hint}
        </span>
      )}
      <input {...props} {...rest} key={props.key} />
      <ErrorList id={field.errorId} errors={field.errors} />
    </div>
  );
}

export function TextareaField({
  field,
  label,
  hint,
  ...rest
}: { field: FieldMetadata<string | undefined | null>; label: string; hint?: string } & React.TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const hintId = useId();
  const props = getTextareaProps(field, { ariaDescribedBy: hint ? hintId : undefined });
  return (
    <div className="field">
      <label htmlFor={field.id}>{label}</label>
      {hint && (
        <span id={hintId} className="hint">
          {hint}
        </span>
      )}
      <textarea {...props} {...rest} key={props.key} />
      <ErrorList id={field.errorId} errors={field.errors} />
    </div>
  );
}

export type Option = { value: string; label: string };

export function SelectField({
  field,
  label,
  options,
  placeholder,
  hint,
}: {
  field: FieldMetadata<string | undefined | null>;
  label: string;
  options: Option[];
  placeholder?: string;
  hint?: string;
}) {
  const hintId = useId();
  const props = getSelectProps(field, { ariaDescribedBy: hint ? hintId : undefined });
  return (
    <div className="field">
      <label htmlFor={field.id}>{label}</label>
      {hint && (
        <span id={hintId} className="hint">
          {hint}
        </span>
      )}
      <select {...props} key={props.key}>
        {placeholder !== undefined && <option value="">{placeholder}</option>}
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

/** A group of checkboxes for a list field (topics, audiences, countries…). */
export function CheckboxGroupField({
  field,
  legend,
  options,
  hint,
}: {
  field: FieldMetadata<string[] | undefined | null>;
  legend: string;
  options: Option[];
  hint?: ReactNode;
}) {
  const boxes = getCollectionProps(field, { type: "checkbox", options: options.map((o) => o.value) });
  const labels = new Map(options.map((o) => [o.value, o.label]));
  return (
    <fieldset className="field" aria-invalid={field.errors?.length ? true : undefined} aria-describedby={field.errors?.length ? field.errorId : undefined}>
      <legend>{legend}</legend>
      {hint && <span className="hint">{hint}</span>}
      <div className="checkbox-grid">
        {boxes.map((box) => (
          <label key={box.key}>
            <input {...box} key={box.key} />
            {labels.get(box.value)}
          </label>
        ))}
      </div>
      <ErrorList id={field.errorId} errors={field.errors} />
    </fieldset>
  );
}

export function CheckboxField({
  field,
  label,
  hint,
}: {
  field: FieldMetadata<boolean | string | undefined | null>;
  label: string;
  hint?: string;
}) {
  const props = getInputProps(field, { type: "checkbox" });
  return (
    <div className="field">
      <label>
        <input {...props} key={props.key} /> {label}
      </label>
      {hint && <span className="hint">{hint}</span>}
      <ErrorList id={field.errorId} errors={field.errors} />
    </div>
  );
}

/** Form-level errors, e.g. "changed by someone else". */
export function FormErrors({ id, errors }: { id?: string; errors?: string[] | null }) {
  if (!errors?.length) return null;
  return (
    <div id={id} className="error-summary" role="alert">
      {errors.map((e) => (
        <p key={e}>{e}</p>
      ))}
    </div>
  );
}

/**
 * A filter drop-down for plain GET forms (lists, the check, overlaps): not a
 * conform field, nothing to validate, an empty "any" choice first.
 */
export function FilterSelect({
  id,
  name,
  label,
  any,
  value,
  options,
  hint,
}: {
  id: string;
  name: string;
  label: string;
  any: string;
  value: string | null | undefined;
  options: readonly { value: string; label: string }[];
  hint?: string;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint && (
        <span className="hint" id={`${id}-hint`}>
          {hint}
        </span>
      )}
      <select id={id} name={name} defaultValue={value ?? ""} aria-describedby={hint ? `${id}-hint` : undefined}>
        <option value="">{any}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
