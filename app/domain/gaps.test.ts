import { describe, expect, test } from "vitest";
import { rankGaps, type GapInput } from "./gaps";

const gap = (overrides: Partial<GapInput>): GapInput => ({
  country: "KEN",
  topic: "EVID",
  needLevel: null,
  openRequests: 0,
  oldestOpenRequest: null,
  lastDeliveredBefore: null,
  ...overrides,
});

describe("rankGaps", () => {
  test("ranks by need, then the oldest open request, then time since the last delivery", () => {
    const ranked = rankGaps(
      [
        gap({ country: "A", needLevel: 2, lastDeliveredBefore: "2024-01-01" }),
        gap({ country: "B", needLevel: 3 }),
        gap({ country: "C", needLevel: 2, openRequests: 1, oldestOpenRequest: "2025-01-01T10:00:00.000Z" }),
        gap({ country: "D", needLevel: 2, openRequests: 2, oldestOpenRequest: "2024-06-01T10:00:00.000Z" }),
        gap({ country: "E", needLevel: 2 }),
        gap({ country: "F", openRequests: 1, oldestOpenRequest: "2020-01-01" }),
      ],
      "2025-06-01",
    );
    expect(ranked.map((g) => g.country)).toEqual(["B", "D", "C", "E", "A", "F"]);
    expect(ranked.map((g) => g.rank)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  test("gives the reasons for each rank", () => {
    const [g] = rankGaps([gap({ needLevel: 3, openRequests: 2, oldestOpenRequest: "2025-05-02T00:00:00Z", lastDeliveredBefore: "2025-05-22" })], "2025-06-01");
    expect(g.reasons).toEqual([
      "Assessed need: critical (3)",
      "2 open requests, the oldest waiting 30 days",
      "Last delivered 10 days ago (2025-05-22)",
      "Nothing delivered or planned in the period",
    ]);
    expect(rankGaps([gap({ openRequests: 1, oldestOpenRequest: "2025-05-31" })], "2025-06-01")[0].reasons).toContain("Never delivered");
  });
});
