// The warning shown while a session is entered (DESIGN §4): overlapping
// efforts and possible duplicates of the draft. A planned or confirmed
// session is saved only once the person has seen every warning about it;
// with JavaScript they see them as they type, without it on a confirmation
// step. The form sends back the ids it showed, so a warning that appeared
// since (someone else's new session) still stops the save once.

export type WarnedSessions = {
  overlaps: { session: { id: string } }[];
  duplicates: { session: { id: string } }[];
};

/** The sessions a check warned about, in the order shown. */
export function warnedSessionIds(check: WarnedSessions | null | undefined): string[] {
  if (!check) return [];
  return [...new Set([...check.duplicates.map((d) => d.session.id), ...check.overlaps.map((o) => o.session.id)])];
}

/** Whether saving must stop for confirmation: a forward-looking session with a warning the person has not been shown. */
export function needsConfirmation(status: string, check: WarnedSessions | null | undefined, acknowledged: readonly string[]): boolean {
  if (status !== "planned" && status !== "confirmed") return false;
  const seen = new Set(acknowledged);
  return warnedSessionIds(check).some((id) => !seen.has(id));
}

/** The acknowledged ids as the form sends them: one comma-separated field. */
export function readAcknowledged(value: FormDataEntryValue | null): string[] {
  return typeof value === "string" ? value.split(",").map((v) => v.trim()).filter(Boolean) : [];
}
