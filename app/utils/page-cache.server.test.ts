// The page cache's rules, with a render function that numbers its pages so a
// test can tell a kept page from a fresh one. Over real HTTP against the real
// database: tests/e2e/coverage-cache.spec.ts.
import { beforeEach, describe, expect, test } from "vitest";
import { PageCache } from "./page-cache.server";

let version: string;
let renders: string[];
let cache: PageCache;

beforeEach(() => {
  version = "1 2026-11-28";
  renders = [];
  cache = new PageCache({ version: async () => version });
});

function page(extra: Record<string, string> = {}, status = 200) {
  return async (request: Request) => {
    renders.push(new URL(request.url).pathname + new URL(request.url).search);
    return new Response(`page ${renders.length} for ${request.url}`, { status, headers: { "Content-Type": "text/html", ...extra } });
  };
}

const get = (path: string, headers: Record<string, string> = {}) => new Request(`http://registry.test${path}`, { headers });

describe("anonymous GETs of the coverage pages", () => {
  test("are rendered once and then served from the cache, each URL on its own", async () => {
    const first = await cache.respond(get("/coverage?window=3y"), page());
    expect(first.headers.get("X-Page-Cache")).toBe("miss");
    const again = await cache.respond(get("/coverage?window=3y"), page());
    expect(again.headers.get("X-Page-Cache")).toBe("hit");
    expect(await again.text()).toBe(await first.text());
    await cache.respond(get("/coverage?window=12m"), page());
    await cache.respond(get("/coverage.data?window=3y"), page());
    await cache.respond(get("/coverage/map"), page());
    await cache.respond(get("/coverage/gaps.data?_routes=routes%2Fcoverage.gaps"), page());
    expect(renders).toEqual(["/coverage?window=3y", "/coverage?window=12m", "/coverage.data?window=3y", "/coverage/map", "/coverage/gaps.data?_routes=routes%2Fcoverage.gaps"]);
  });

  test("a new version (a write, or a new day) renders again", async () => {
    await cache.respond(get("/coverage"), page());
    version = "2 2026-11-28";
    const after = await cache.respond(get("/coverage"), page());
    expect(after.headers.get("X-Page-Cache")).toBe("miss");
    expect(await after.text()).toMatch(/^page 2 /);
    version = "2 2026-11-29";
    expect(await (await cache.respond(get("/coverage"), page())).text()).toMatch(/^page 3 /);
  });

  test("carry headers that make browsers and proxies ask again, and answer 304 when nothing changed", async () => {
    const first = await cache.respond(get("/coverage/map"), page({ Vary: "Accept-Encoding" }));
    expect(first.headers.get("Cache-Control")).toBe("no-cache");
    expect(first.headers.get("Vary")).toBe("Accept-Encoding, Cookie, Authorization");
    const etag = first.headers.get("ETag")!;
    expect(etag).toMatch(/^W\/".+"$/);
    const revalidated = await cache.respond(get("/coverage/map", { "If-None-Match": etag }), page());
    expect(revalidated.status).toBe(304);
    expect(await revalidated.text()).toBe("");
    expect(revalidated.headers.get("ETag")).toBe(etag);
    version = "2 2026-11-28";
    const changed = await cache.respond(get("/coverage/map", { "If-None-Match": etag }), page({ Vary: "Accept-Encoding" }));
    expect(changed.status).toBe(200);
    expect(changed.headers.get("ETag")).not.toBe(etag);
  });

  test("requests that arrive during a rendering share it", async () => {
    let finish!: () => void;
    const slow = async (request: Request) => {
      renders.push(request.url);
      await new Promise<void>((resolve) => (finish = resolve));
      return new Response("slow page", { status: 200 });
    };
    const responses = Array.from({ length: 5 }, () => cache.respond(get("/coverage"), slow));
    await new Promise((r) => setTimeout(r, 10));
    finish();
    const bodies = await Promise.all((await Promise.all(responses)).map((r) => r.text()));
    expect(renders).toHaveLength(1);
    expect(bodies).toEqual(Array(5).fill("slow page"));
  });

  test("errors, redirects and responses that set a cookie are never kept", async () => {
    expect((await cache.respond(get("/coverage"), page({}, 500))).status).toBe(500);
    await cache.respond(get("/coverage"), page({ "Set-Cookie": "flash=1" }));
    const third = await cache.respond(get("/coverage"), page());
    expect(third.headers.get("X-Page-Cache")).toBe("miss");
    expect(renders).toHaveLength(3);
  });

  test("keep at most maxBytes, dropping the least recently used page", async () => {
    cache = new PageCache({ version: async () => version, maxBytes: 400 });
    const big = (n: number) => async () => new Response("x".repeat(n), { status: 200 });
    await cache.respond(get("/coverage?a"), big(90));
    await cache.respond(get("/coverage?b"), big(90));
    await cache.respond(get("/coverage?c"), big(90));
    await cache.respond(get("/coverage?a"), big(90)); // a is now the most recent
    await cache.respond(get("/coverage?d"), big(90));
    await cache.respond(get("/coverage?e"), big(90));
    expect(cache.size).toEqual({ pages: 4, bytes: 360 });
    expect((await cache.respond(get("/coverage?b"), big(90))).headers.get("X-Page-Cache")).toBe("miss");
    expect((await cache.respond(get("/coverage?a"), big(90))).headers.get("X-Page-Cache")).toBe("hit");
    await cache.respond(get("/coverage?huge"), big(101)); // over a quarter of the budget
    expect((await cache.respond(get("/coverage?huge"), big(101))).headers.get("X-Page-Cache")).toBe("miss");
  });
});

describe("everything else goes straight to the app", () => {
  test("signed-in visitors and API tokens get their own page, marked private", async () => {
    await cache.respond(get("/coverage"), page());
    const signedIn = await cache.respond(get("/coverage", { Cookie: "__session=abc" }), page());
    expect(await signedIn.text()).toMatch(/^page 2 /);
    expect(signedIn.headers.get("Cache-Control")).toBe("private, no-cache");
    expect(signedIn.headers.get("Vary")).toBe("Cookie, Authorization");
    expect(signedIn.headers.get("X-Page-Cache")).toBe("bypass");
    const token = await cache.respond(get("/coverage", { Authorization: "Bearer t" }), page());
    expect(await token.text()).toMatch(/^page 3 /);
    // The anonymous copy is still there, untouched by the signed-in pages.
    expect(await (await cache.respond(get("/coverage"), page())).text()).toMatch(/^page 1 /);
  });

  test("other pages and other methods are not cached or marked", async () => {
    for (const path of ["/sessions", "/coverage/gaps.csv", "/countries/KEN", "/api/v1/coverage", "/coverage/"]) {
      const response = await cache.respond(get(path), page());
      expect(response.headers.has("X-Page-Cache"), path).toBe(false);
    }
    const post = await cache.respond(new Request("http://registry.test/coverage", { method: "POST", body: "x" }), page());
    expect(post.headers.get("X-Page-Cache")).toBe("bypass");
    expect(renders).toHaveLength(6);
  });
});
