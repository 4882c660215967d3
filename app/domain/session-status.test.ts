import { describe, expect, it } from "vitest";
import { statusConflict, type SessionStatus } from "./session-status";

const TODAY = "2026-06-15";
const session = (status: SessionStatus, startDate: string, endDate: string) => ({ status, startDate, endDate });

describe("statusConflict", () => {
  it("flags a completed session that has not started yet", () => {
    expect(statusConflict(session("completed", "2026-06-16", "2026-06-18"), TODAY)).toBe("Marked completed but starts on 16 Jun 2026");
  });

  it("accepts a completed session that started today or earlier", () => {
    expect(statusConflict(session("completed", TODAY, TODAY), TODAY)).toBeNull();
    expect(statusConflict(session("completed", TODAY, "2026-06-17"), TODAY)).toBeNull();
    expect(statusConflict(session("completed", "2026-06-01", "2026-06-03"), TODAY)).toBeNull();
  });

  it("flags a planned or confirmed session whose end date has passed", () => {
    expect(statusConflict(session("planned", "2026-06-10", "2026-06-14"), TODAY)).toBe("End date passed but still planned");
    expect(statusConflict(session("confirmed", "2026-06-14", "2026-06-14"), TODAY)).toBe("End date passed but still confirmed");
  });

  it("accepts a planned or confirmed session that ends today or later", () => {
    expect(statusConflict(session("planned", "2026-06-10", TODAY), TODAY)).toBeNull();
    expect(statusConflict(session("confirmed", TODAY, TODAY), TODAY)).toBeNull();
    expect(statusConflict(session("planned", "2026-07-01", "2026-07-03"), TODAY)).toBeNull();
    // Running now: started, not yet ended.
    expect(statusConflict(session("confirmed", "2026-06-14", "2026-06-16"), TODAY)).toBeNull();
  });

  it("never flags a cancelled session, whatever its dates", () => {
    expect(statusConflict(session("cancelled", "2020-01-01", "2020-01-02"), TODAY)).toBeNull();
    expect(statusConflict(session("cancelled", "2030-01-01", "2030-01-02"), TODAY)).toBeNull();
  });
});
