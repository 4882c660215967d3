import { type SessionStatus } from "~/domain/session-status";
import { humanise } from "~/utils/format";

const TONE: Record<SessionStatus, string> = { planned: "badge", confirmed: "badge", completed: "badge ok", cancelled: "badge danger" };

export function SessionStatusBadge({ status }: { status: SessionStatus }) {
  return <span className={TONE[status]}>{humanise(status)}</span>;
}

/** Shown wherever a session's status and dates disagree; the reason is in the title and for screen readers. */
export function NeedsUpdateBadge({ reason }: { reason: string }) {
  return (
    <span className="badge warn" title={reason}>
      Needs update<span className="visually-hidden">: {reason}</span>
    </span>
  );
}
