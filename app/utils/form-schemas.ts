// zod pieces shared by forms (not .server: the same schemas validate in the browser).
import { isValid, parseISO } from "date-fns";
import { z } from "zod";

/** A real calendar date in YYYY-MM-DD ("2024-02-30" is rejected). */
export const isoDate = z
  .string({ error: "Enter a date" })
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: "Use the form YYYY-MM-DD" })
  .refine((v) => isValid(parseISO(v)) && parseISO(v).toISOString().startsWith(v), { error: "This date does not exist" });

/** A list field from checkboxes or a multi-select: absent means empty. */
export const codeList = (message = "Choose at least one") => z.array(z.string()).min(1, { error: message });
export const optionalCodeList = z.array(z.string()).default([]);

export const optionalText = z.string().trim().optional();

/** The record version the form was opened at, for optimistic concurrency. */
export const versionField = z.coerce.number().int().min(1);
