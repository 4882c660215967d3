// Topic checkboxes laid out as the taxonomy: each general topic with its
// subtopics beneath it, so "Electronic evidence" and its six parts read as one.
import { getCollectionProps, type FieldMetadata } from "@conform-to/react";
import { ErrorList, type Option } from "~/components/forms";

type TopicOption = Option & { parentCode: string | null };

export function TopicChoices({
  field,
  options,
  legend,
  hint,
}: {
  field: FieldMetadata<string[] | undefined | null>;
  options: TopicOption[];
  legend: string;
  hint?: string;
}) {
  const inputs = getCollectionProps(field, { type: "checkbox", options: options.map((o) => o.value) });
  const inputFor = new Map(inputs.map((input) => [input.value, input]));
  const known = new Set(options.map((o) => o.value));
  const roots = options.filter((o) => !o.parentCode || !known.has(o.parentCode));
  const invalid = !!field.errors?.length;
  const choice = (o: TopicOption) => {
    const { key, ...input } = inputFor.get(o.value)!;
    return (
      <label className="topic-choice">
        <input key={key} {...input} /> {o.label}
      </label>
    );
  };
  return (
    <fieldset className="field topic-tree" aria-invalid={invalid || undefined} aria-describedby={invalid ? field.errorId : undefined}>
      <legend>{legend}</legend>
      {hint && <span className="hint">{hint}</span>}
      <ul>
        {roots.map((root) => {
          const children = options.filter((o) => o.parentCode === root.value);
          return (
            <li key={root.value}>
              {choice(root)}
              {children.length > 0 && (
                <ul>
                  {children.map((child) => (
                    <li key={child.value}>{choice(child)}</li>
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
