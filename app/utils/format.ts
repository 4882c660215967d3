// Display helpers shared by pages: dates in the reader's locale via date-fns,
// code lists as readable labels.
import { format, parseISO } from "date-fns";

/** "2024-03-05" → "5 Mar 2024"; ISO stays the storage and API format. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return "";
  return format(parseISO(iso), "d MMM yyyy");
}

export function formatDateRange(start: string, end: string): string {
  return start === end ? formatDate(start) : `${formatDate(start)} – ${formatDate(end)}`;
}

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return "";
  return format(parseISO(iso), "d MMM yyyy, HH:mm");
}

// Built once: a new Intl.NumberFormat per call was a visible share of rendering big tables.
const numberFormat = new Intl.NumberFormat("en");

export function formatNumber(n: number | null | undefined): string {
  return n == null ? "" : numberFormat.format(n);
}

/** "train_the_trainer" → "Train the trainer" */
/** "1 row", "2,000 rows": a count with its noun. */
export function countOf(n: number, singular: string, plural = `${singular}s`): string {
  return `${formatNumber(n)} ${n === 1 ? singular : plural}`;
}

export function humanise(code: string | null | undefined): string {
  if (!code) return "";
  // snake_case codes and camelCase field names alike: "in_person" → "In person", "endDate" → "End date".
  const text = code
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .replace(/_/g, " ")
    .toLowerCase();
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function today(): string {
  return new Date().toISOString().slice(0, 10);
}
