import { describe, expect, it } from "vitest";
import { safeRedirect } from "./safe-redirect";

describe("safeRedirect", () => {
  it("keeps same-site paths", () => {
    expect(safeRedirect("/courses?q=x")).toBe("/courses?q=x");
  });
  it.each(["https://evil.example/", "//evil.example", "/\\evil.example", "javascript:alert(1)", "", null, undefined])("falls back for %s", (to) => {
    expect(safeRedirect(to, "/home")).toBe("/home");
  });
});
