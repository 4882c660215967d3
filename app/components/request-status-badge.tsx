import { REQUEST_STATUS_LABELS, type RequestStatus } from "~/domain/request-status";

const TONE: Record<RequestStatus, string> = {
  submitted: "badge warn",
  under_review: "badge warn",
  matched: "badge",
  scheduled: "badge",
  delivered: "badge ok",
  declined: "badge danger",
  withdrawn: "badge",
};

export function RequestStatusBadge({ status }: { status: RequestStatus }) {
  return <span className={TONE[status]}>{REQUEST_STATUS_LABELS[status]}</span>;
}
