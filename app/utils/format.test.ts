import { describe, expect, it } from "vitest";
import { humanise } from "./format";

describe("humanise", () => {
  it("reads codes and field names as words", () => {
    expect(humanise("train_the_trainer")).toBe("Train the trainer");
    expect(humanise("endDate")).toBe("End date");
    expect(humanise("providerRef")).toBe("Provider ref");
    expect(humanise("POLICE")).toBe("Police");
    expect(humanise(null)).toBe("");
  });
});
