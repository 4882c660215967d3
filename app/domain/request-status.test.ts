import { describe, expect, it } from "vitest";
import { REQUEST_STATUSES } from "#db/schema";
import { allowedTransitions, transitionProblem } from "./request-status";

describe("request status transitions", () => {
  it("lets coordinators triage an open request forwards, skipping steps", () => {
    expect(allowedTransitions("submitted", "coordinator")).toEqual(["under_review", "matched", "scheduled", "declined", "withdrawn"]);
    expect(transitionProblem("under_review", "scheduled", "coordinator", null)).toBeNull();
    expect(transitionProblem("scheduled", "delivered", "coordinator", null)).toBeNull();
  });

  it("lets coordinators step back and reopen a declined request, never a delivered or withdrawn one", () => {
    expect(transitionProblem("scheduled", "matched", "coordinator", null)).toBeNull();
    expect(transitionProblem("declined", "under_review", "coordinator", null)).toBeNull();
    expect(allowedTransitions("delivered", "coordinator")).toEqual([]);
    expect(allowedTransitions("withdrawn", "coordinator")).toEqual([]);
    expect(transitionProblem("delivered", "under_review", "coordinator", null)).toBe("A request that is delivered cannot become under review.");
  });

  it("marks a request delivered only once it is scheduled, when a coordinator does it by hand", () => {
    expect(transitionProblem("under_review", "delivered", "coordinator", null)).toMatch(/cannot become delivered/);
  });

  it("needs a reason to decline", () => {
    expect(transitionProblem("under_review", "declined", "coordinator", null)).toMatch(/reason/);
    expect(transitionProblem("under_review", "declined", "coordinator", "   ")).toMatch(/reason/);
    expect(transitionProblem("under_review", "declined", "coordinator", "Outside our mandate")).toBeNull();
  });

  it("lets the requesting country only withdraw, and only while the request is open", () => {
    for (const from of ["submitted", "under_review", "matched", "scheduled"] as const) {
      expect(allowedTransitions(from, "requester")).toEqual(["withdrawn"]);
    }
    for (const from of ["delivered", "declined", "withdrawn"] as const) expect(allowedTransitions(from, "requester")).toEqual([]);
    expect(transitionProblem("submitted", "under_review", "requester", null)).toBe("The requesting country may only withdraw an open request.");
  });

  it("lets the registry deliver any open request whose session was completed, and nothing closed", () => {
    expect(transitionProblem("submitted", "delivered", "system", null)).toBeNull();
    expect(transitionProblem("matched", "scheduled", "system", null)).toBeNull();
    expect(transitionProblem("declined", "delivered", "system", null)).not.toBeNull();
    expect(transitionProblem("delivered", "delivered", "system", null)).toBe("The request is already delivered.");
  });

  it("never allows a move to the same status, for anyone", () => {
    for (const s of REQUEST_STATUSES) {
      for (const role of ["coordinator", "requester", "system"] as const) expect(allowedTransitions(s, role)).not.toContain(s);
    }
  });
});
