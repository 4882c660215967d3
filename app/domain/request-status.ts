// The life of an assistance request (DESIGN §2): who may move it from which
// status to which. Coordinators triage; the requesting country may withdraw
// its own request; the system moves it to delivered when its linked session
// is completed. Pure rules, used by the model (which enforces them) and by
// the request page (which offers only what is allowed).
import { type REQUEST_STATUSES } from "#db/schema";
import { isOpenRequest } from "./coverage";

export type RequestStatus = (typeof REQUEST_STATUSES)[number];

/** Who is moving the request: a coordinator, the requesting country's focal point, or the registry itself. */
export type TransitionRole = "coordinator" | "requester" | "system";

export const REQUEST_STATUS_LABELS: Record<RequestStatus, string> = {
  submitted: "Submitted",
  under_review: "Under review",
  matched: "Matched",
  scheduled: "Scheduled",
  delivered: "Delivered",
  declined: "Declined",
  withdrawn: "Withdrawn",
};

// Coordinators may skip steps (a request can be scheduled straight away) and
// step back (a cancelled session sends a request back to "matched"); a
// declined request can be reopened. Delivered and withdrawn are final.
const COORDINATOR_MOVES: Record<RequestStatus, readonly RequestStatus[]> = {
  submitted: ["under_review", "matched", "scheduled", "declined", "withdrawn"],
  under_review: ["matched", "scheduled", "declined", "withdrawn"],
  matched: ["under_review", "scheduled", "declined", "withdrawn"],
  scheduled: ["matched", "delivered", "withdrawn"],
  delivered: [],
  declined: ["under_review"],
  withdrawn: [],
};

export function isFinal(status: RequestStatus): boolean {
  return status === "delivered" || status === "withdrawn";
}

export { isOpenRequest };

/** The statuses `role` may move a request in `from` to, in the order a form offers them. */
export function allowedTransitions(from: RequestStatus, role: TransitionRole): RequestStatus[] {
  if (role === "coordinator") return [...COORDINATOR_MOVES[from]];
  if (role === "requester") return isOpenRequest(from) ? ["withdrawn"] : [];
  // The registry moves an open request to scheduled when a session is created
  // for it, to delivered when that session is completed, back to matched
  // when it is cancelled, and to matched when a suggestion is linked.
  if (!isOpenRequest(from)) return [];
  return (["matched", "scheduled", "delivered"] as const).filter((to) => to !== from);
}

/** Why a move is refused, in words for the person trying it; null when it is allowed. */
export function transitionProblem(from: RequestStatus, to: RequestStatus, role: TransitionRole, reason: string | null): string | null {
  if (from === to) return `The request is already ${REQUEST_STATUS_LABELS[to].toLowerCase()}.`;
  if (!allowedTransitions(from, role).includes(to)) {
    if (role === "requester") return "The requesting country may only withdraw an open request.";
    return `A request that is ${REQUEST_STATUS_LABELS[from].toLowerCase()} cannot become ${REQUEST_STATUS_LABELS[to].toLowerCase()}.`;
  }
  if (to === "declined" && !reason?.trim()) return "Give the reason for declining, so the requesting country knows why.";
  return null;
}
