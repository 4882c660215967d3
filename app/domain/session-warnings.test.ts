import { describe, expect, it } from "vitest";
import { needsConfirmation, readAcknowledged, warnedSessionIds } from "./session-warnings";

const check = {
  overlaps: [{ session: { id: "o1" } }, { session: { id: "d1" } }],
  duplicates: [{ session: { id: "d1" } }],
};

describe("session warnings", () => {
  it("lists each warned session once, duplicates first", () => {
    expect(warnedSessionIds(check)).toEqual(["d1", "o1"]);
    expect(warnedSessionIds(null)).toEqual([]);
  });

  it("stops a planned or confirmed session until every warning was shown", () => {
    expect(needsConfirmation("planned", check, [])).toBe(true);
    expect(needsConfirmation("confirmed", check, ["d1"])).toBe(true);
    expect(needsConfirmation("planned", check, ["o1", "d1"])).toBe(false);
    expect(needsConfirmation("planned", { overlaps: [], duplicates: [] }, [])).toBe(false);
  });

  it("never stops a report of a completed or cancelled session", () => {
    expect(needsConfirmation("completed", check, [])).toBe(false);
    expect(needsConfirmation("cancelled", check, [])).toBe(false);
  });

  it("reads the acknowledged ids from one comma-separated field", () => {
    expect(readAcknowledged(" a, b,,c ")).toEqual(["a", "b", "c"]);
    expect(readAcknowledged(null)).toEqual([]);
  });
});
