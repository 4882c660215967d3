import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openApiDocument } from "./openapi";

const document = openApiDocument("http://registry.example");

/** /api/v1 addresses served by a route module, from the file names (api.v1.sessions[.csv].tsx → /api/v1/sessions.csv). */
function servedPaths() {
  const routes = readdirSync(path.resolve(__dirname, "../routes"));
  return routes
    .filter((f) => f.startsWith("api.v1.") && !f.startsWith("api.v1.$") && !f.startsWith("api.v1.openapi"))
    .map((f) => `/api/v1/${f.slice("api.v1.".length).replace(/\.tsx$/, "").replace(/\[|\]/g, "")}`);
}

describe("the OpenAPI document", () => {
  it("describes every endpoint there is", () => {
    const served = servedPaths();
    expect(served).toEqual(expect.arrayContaining(["/api/v1/coverage", "/api/v1/check", "/api/v1/sessions.csv"]));
    expect(Object.keys(document.paths).sort()).toEqual(served.sort());
  });

  it("lists the parameters coverage, check and sessions read", () => {
    const names = (p: keyof typeof document.paths) => document.paths[p].get.parameters.map((x) => x.name);
    expect(names("/api/v1/coverage")).toEqual(["from", "to", "topic", "audience", "region"]);
    expect(names("/api/v1/check")).toEqual(["country", "region", "topic", "audience", "from", "to"]);
    expect(names("/api/v1/sessions")).toContain("offence");
  });
});
