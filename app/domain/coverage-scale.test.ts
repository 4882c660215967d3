import { describe, expect, it } from "vitest";
import { shadeLabels } from "./coverage-scale";

describe("shadeLabels", () => {
  it("names a class of one value by that value, and a wider one by its range", () => {
    expect(shadeLabels([1, 2, 3, 4])).toEqual(["1", "2", "3", "4", "over 4"]);
    expect(shadeLabels([2, 3, 4, 10])).toEqual(["1–2", "3", "4", "5–10", "over 10"]);
  });
});
