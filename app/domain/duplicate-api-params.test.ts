import { describe, expect, it } from "vitest";
import { DUPLICATE_PARAMS, OVERLAP_PARAMS } from "./api-endpoints";
import { parseParams } from "./api-params";
import { openApiDocument } from "./openapi";

const read = (specs: typeof DUPLICATE_PARAMS | typeof OVERLAP_PARAMS, query: string) => parseParams(specs, new URLSearchParams(query));

describe("GET /api/v1/duplicates parameters", () => {
  it("defaults to open session pairs", () => {
    expect(read(DUPLICATE_PARAMS, "")).toEqual({ ok: true, value: { kind: "session", status: [], page: 1, pageSize: 100 } });
    expect(read(DUPLICATE_PARAMS, "kind=trainer&status=merged;not_duplicate")).toMatchObject({ ok: true, value: { kind: "trainer", status: ["merged", "not_duplicate"] } });
  });

  it("names the bad parameter", () => {
    expect(read(DUPLICATE_PARAMS, "kind=spaceship")).toMatchObject({ ok: false, parameter: "kind" });
    expect(read(DUPLICATE_PARAMS, "status=maybe")).toMatchObject({ ok: false, parameter: "status" });
    expect(read(DUPLICATE_PARAMS, "pageSize=501")).toMatchObject({ ok: false, parameter: "pageSize" });
    expect(read(DUPLICATE_PARAMS, "sort=score")).toMatchObject({ ok: false, parameter: "sort" });
  });
});

describe("GET /api/v1/overlaps parameters", () => {
  it("takes a period, a country in any case and a window of 0 to 365 days, 90 by default", () => {
    expect(read(OVERLAP_PARAMS, "from=2026-01-01&to=2026-06-30&country=ken")).toMatchObject({ ok: true, value: { from: "2026-01-01", to: "2026-06-30", country: "KEN", window: 90 } });
    expect(read(OVERLAP_PARAMS, "window=0")).toMatchObject({ ok: true, value: { window: 0 } });
    expect(read(OVERLAP_PARAMS, "window=366")).toMatchObject({ ok: false, parameter: "window" });
    expect(read(OVERLAP_PARAMS, "from=2026-02-30")).toMatchObject({ ok: false, parameter: "from" });
    expect(read(OVERLAP_PARAMS, "country=Kenya")).toMatchObject({ ok: false, parameter: "country" });
  });

  it("both endpoints are described in the OpenAPI document", () => {
    const paths = openApiDocument("http://localhost").paths as Record<string, { get: { parameters: { name: string }[] } }>;
    expect(paths["/api/v1/duplicates"].get.parameters.map((p) => p.name)).toEqual(["kind", "status", "page", "pageSize"]);
    expect(paths["/api/v1/overlaps"].get.parameters.map((p) => p.name)).toEqual(["from", "to", "country", "window", "page", "pageSize"]);
  });
});
