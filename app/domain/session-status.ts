// When a session's status and dates disagree (DESIGN §2). Both are kept as
// reported: the registry never guesses which one is wrong, it flags the
// session as "needs update" so its reporter fixes it.
import { type SESSION_STATUSES } from "#db/schema";
import { formatDate } from "~/utils/format";

export type SessionStatus = (typeof SESSION_STATUSES)[number];

type Dated = { status: SessionStatus; startDate: string; endDate: string };

/**
 * Why the status cannot be right as of `today` (an ISO date), or null. ISO
 * dates compare correctly as strings. A session that starts or ends today is
 * not in conflict: it may have been completed today, or still be running.
 */
export function statusConflict(session: Dated, today: string): string | null {
  if (session.status === "completed" && session.startDate > today) {
    return `Marked completed but starts on ${formatDate(session.startDate)}`;
  }
  if ((session.status === "planned" || session.status === "confirmed") && session.endDate < today) {
    return `End date passed but still ${session.status}`;
  }
  return null;
}
