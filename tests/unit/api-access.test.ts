// The JSON API and every export, called through their route loaders as each
// role (a real API token per user; a visitor sends none) against the demo
// data: restricted materials, trainers' contact details without consent,
// sessions' restricted detail and private requests never reach anyone who may
// not see them; those who may, get them. And every bad parameter is a JSON 400
// naming it, never a 500.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type LoaderFunctionArgs } from "@remix-run/node";
import { inArray, isNotNull, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "#db/client.server";
import { assistanceRequests, materials, organisations, trainers, trainingSessions } from "#db/schema";
import { seedDemo } from "#db/seed/demo";
import { createApiToken, listApiTokens } from "~/models/api-tokens.server";
import { getActor } from "~/utils/auth.server";
import { canSeeRestrictedSessionDetail, type SignedInActor } from "~/utils/permissions.server";
import { createTestActor, createTestDb, type TestDb } from "../setup/test-db";

type Loader = (args: LoaderFunctionArgs) => Promise<unknown>;
const routes = {
  "/api/v1/sessions": () => import("~/routes/api.v1.sessions"),
  "/api/v1/sessions.csv": () => import("~/routes/api.v1.sessions[.csv]"),
  "/api/v1/sessions.iati.xml": () => import("~/routes/api.v1.sessions[.iati.xml]"),
  "/api/v1/sessions.hxl.csv": () => import("~/routes/api.v1.sessions[.hxl.csv]"),
  "/api/v1/sessions.ics": () => import("~/routes/api.v1.sessions[.ics]"),
  "/api/v1/courses": () => import("~/routes/api.v1.courses"),
  "/api/v1/trainers": () => import("~/routes/api.v1.trainers"),
  "/api/v1/materials": () => import("~/routes/api.v1.materials"),
  "/api/v1/organisations": () => import("~/routes/api.v1.organisations"),
  "/api/v1/requests": () => import("~/routes/api.v1.requests"),
  "/api/v1/coverage": () => import("~/routes/api.v1.coverage"),
  "/api/v1/check": () => import("~/routes/api.v1.check"),
  "/sessions.csv": () => import("~/routes/sessions[.csv]"),
  "/courses.csv": () => import("~/routes/courses[.csv]"),
  "/trainers.csv": () => import("~/routes/trainers[.csv]"),
  "/materials.csv": () => import("~/routes/materials[.csv]"),
  "/organisations.csv": () => import("~/routes/organisations[.csv]"),
  "/coverage/gaps.csv": () => import("~/routes/coverage.gaps[.csv]"),
} as const;
type Path = keyof typeof routes;
const JSON_LISTS: Path[] = ["/api/v1/sessions", "/api/v1/courses", "/api/v1/trainers", "/api/v1/materials", "/api/v1/organisations", "/api/v1/requests"];

let t: TestDb;
let dataDir: string;
const tokens = new Map<string, string>();
const actors = new Map<string, SignedInActor>();

async function call(pathAndQuery: string, role: string | null): Promise<Response> {
  const url = new URL(pathAndQuery, "http://registry.test");
  const route = routes[url.pathname as Path];
  if (!route) throw new Error(`no route for ${url.pathname}`);
  const { loader } = (await route()) as { loader: Loader };
  const headers = new Headers();
  if (role) headers.set("Authorization", `Bearer ${tokens.get(role)}`);
  try {
    const result = await loader({ request: new Request(url, { headers }), params: {}, context: {} });
    return result instanceof Response ? result : Response.json(result);
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

async function body(pathAndQuery: string, role: string | null) {
  const response = await call(pathAndQuery, role);
  expect(response.status, `${pathAndQuery} as ${role ?? "visitor"}`).toBe(200);
  return response.text();
}

/** Every page of a JSON list. */
async function allItems(pathname: string, role: string | null): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  for (let page = 1; ; page++) {
    const data = JSON.parse(await body(`${pathname}?pageSize=500&page=${page}`, role)) as { items: Record<string, unknown>[]; total: number };
    items.push(...data.items);
    if (items.length >= data.total || !data.items.length) return items;
  }
}

const ROLES = ["visitor", "registered", "trainer", "vetted", "focal", "donor", "coordinator"] as const;
const roleOf = (name: (typeof ROLES)[number]) => (name === "visitor" ? null : name);

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), "api-access-"));
  process.env.SESSION_SECRET ??= "a-test-session-secret-that-is-long-enough";
  process.env.DATA_DIR ??= dataDir;
  t = createTestDb();
  globalThis.__registryDb = openDatabase(t.url);
  await seedDemo(t.db, { uploadDir: path.join(dataDir, "uploads") });
  // Some trainers with contact details withhold consent.
  const contacts = await t.db.select({ id: trainers.id }).from(trainers).where(isNotNull(trainers.email)).orderBy(trainers.id);
  const withheld = contacts.filter((_, i) => i % 2 === 0).map((x) => x.id);
  await t.db.update(trainers).set({ contactConsent: false }).where(inArray(trainers.id, withheld));
  await t.db.update(trainers).set({ contactConsent: true }).where(inArray(trainers.id, contacts.map((x) => x.id).filter((id) => !withheld.includes(id))));
  // Distinct restricted notes on a spread of sessions, to look for in every response.
  await t.db.run(sql`UPDATE training_session SET notes = 'restricted-note-' || id WHERE rowid % 40 = 0`);
  const [provider] = await t.db
    .select({ id: organisations.id })
    .from(organisations)
    .where(sql`EXISTS (SELECT 1 FROM training_session s WHERE s.provider_id = ${organisations.id} AND s.notes LIKE 'restricted-note-%')`)
    .limit(1);
  const make = {
    // Signed in, with no organisation: what any account may read.
    registered: () => createTestActor(t.db, "trainer"),
    trainer: () => createTestActor(t.db, "trainer", { organisationId: provider.id }),
    vetted: () => createTestActor(t.db, "trainer", { organisationId: provider.id, vetted: true }),
    focal: () => createTestActor(t.db, "focal_point", { countryCode: "KEN" }),
    donor: () => createTestActor(t.db, "donor"),
    coordinator: () => createTestActor(t.db, "coordinator", { vetted: true }),
  };
  for (const [name, create] of Object.entries(make)) {
    const actor = await create();
    actors.set(name, actor);
    tokens.set(name, (await createApiToken(t.db, actor, "test")).token);
  }
}, 60_000);

afterAll(() => {
  globalThis.__registryDb?.client.close();
  globalThis.__registryDb = undefined;
  t.cleanup();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("what each role gets", () => {
  it("every endpoint and export answers every role", async () => {
    const needs: Partial<Record<Path, string>> = { "/api/v1/check": "?country=KEN" };
    for (const role of ROLES) for (const p of Object.keys(routes) as Path[]) await body(`${p}${needs[p] ?? ""}`, roleOf(role));
  }, 120_000);

  it("restricted session detail: only for the session's organisations, its country's focal point and coordinators; never in public formats", async () => {
    const noted = await t.db
      .select({ id: trainingSessions.id, notes: trainingSessions.notes, providerId: trainingSessions.providerId, reportingOrgId: trainingSessions.reportingOrgId, countries: sql<string>`(SELECT group_concat(country_code) FROM session_country WHERE session_id = training_session.id)` })
      .from(trainingSessions)
      .where(sql`notes LIKE 'restricted-note-%'`);
    expect(noted.length).toBeGreaterThan(10);
    for (const role of ROLES) {
      const actor = actors.get(role) ?? null;
      const allowed = (n: (typeof noted)[number]) => canSeeRestrictedSessionDetail(actor, { ...n, countryCodes: n.countries.split(",") });
      const json = JSON.stringify(await allItems("/api/v1/sessions", roleOf(role)));
      const csv = await body("/api/v1/sessions.csv", roleOf(role));
      const listCsv = await body("/sessions.csv", roleOf(role));
      for (const n of noted) {
        expect(json.includes(n.notes!), `${role}, session ${n.id} in JSON`).toBe(allowed(n));
        expect(csv.includes(n.notes!), `${role}, session ${n.id} in the §7.1 CSV`).toBe(allowed(n));
        expect(listCsv.includes(n.notes!), `${role}, session ${n.id} in the list CSV`).toBe(false);
      }
      for (const p of ["/api/v1/sessions.iati.xml", "/api/v1/sessions.hxl.csv", "/api/v1/sessions.ics"] as const) {
        expect(await body(p, roleOf(role)), `${p} as ${role}`).not.toContain("restricted-note-");
      }
    }
    // The rule lets someone see something, so the checks above can fail both ways.
    expect(noted.some((n) => canSeeRestrictedSessionDetail(actors.get("trainer")!, { ...n, countryCodes: n.countries.split(",") }))).toBe(true);
  }, 120_000);

  it("trainers' contact details: signed-in readers only, and only with the trainer's consent", async () => {
    const withContact = await t.db
      .select({ id: trainers.id, email: trainers.email, consent: trainers.contactConsent })
      .from(trainers)
      .where(isNotNull(trainers.email));
    expect(withContact.some((x) => x.consent)).toBe(true);
    expect(withContact.some((x) => !x.consent)).toBe(true);
    for (const role of ROLES) {
      const json = JSON.stringify(await allItems("/api/v1/trainers", roleOf(role)));
      const csv = await body("/trainers.csv", roleOf(role));
      for (const x of withContact) {
        const visible = role !== "visitor" && x.consent;
        expect(json.includes(x.email!), `${role}: ${x.email} in JSON`).toBe(visible);
        expect(csv.includes(x.email!), `${role}: ${x.email} in CSV`).toBe(visible);
      }
    }
  }, 60_000);

  it("materials: downloads of restricted ones only for vetted users, of registered ones only when signed in", async () => {
    const library = await t.db.select({ id: materials.id, accessLevel: materials.accessLevel }).from(materials).where(sql`deleted_at IS NULL`);
    expect(new Set(library.map((m) => m.accessLevel))).toEqual(new Set(["public", "registered", "restricted"]));
    for (const role of ROLES) {
      const actor = actors.get(role) ?? null;
      const items = await allItems("/api/v1/materials", roleOf(role));
      const csv = await body("/materials.csv", roleOf(role));
      for (const m of library) {
        const item = items.find((i) => i.id === m.id);
        if (!item) continue; // not listed at all is fine too
        const may = m.accessLevel === "public" || (m.accessLevel === "registered" && !!actor) || (m.accessLevel === "restricted" && !!actor?.vetted);
        expect(item.download !== null, `${role}: material ${m.id} (${m.accessLevel}) download`).toBe(may);
        if (!may) expect(csv.includes(`/materials/${m.id}/download`), `${role}: material ${m.id} download in CSV`).toBe(false);
      }
    }
  }, 60_000);

  it("material downloads follow the same rules with a token as signed in: restricted files only for vetted users", async () => {
    const { loader } = await import("~/routes/materials.$id.download");
    const library = await t.db
      .select({ id: materials.id, accessLevel: materials.accessLevel, externalUrl: materials.externalUrl })
      .from(materials)
      .where(sql`deleted_at IS NULL`);
    const restricted = library.filter((m) => m.accessLevel === "restricted");
    expect(restricted.some((m) => !m.externalUrl)).toBe(true);
    const download = async (id: string, role: string | null) => {
      const headers = new Headers(role ? { Authorization: `Bearer ${tokens.get(role)}` } : {});
      const request = new Request(`http://registry.test/materials/${id}/download`, { headers });
      return Promise.resolve(loader({ request, params: { id }, context: {} })).catch((thrown: unknown) => {
        if (thrown instanceof Response) return thrown;
        throw thrown;
      });
    };
    for (const role of ROLES) {
      const actor = actors.get(role) ?? null;
      for (const m of library) {
        const may = m.accessLevel === "public" || (m.accessLevel === "registered" && !!actor) || (m.accessLevel === "restricted" && !!actor?.vetted);
        const response = await download(m.id, roleOf(role));
        const what = `${role}: material ${m.id} (${m.accessLevel})`;
        if (may && m.externalUrl) {
          expect(response.status, what).toBe(302);
          expect(response.headers.get("Location"), what).toBe(m.externalUrl);
        } else if (may) {
          expect(response.status, what).toBe(200);
          expect(response.headers.get("Content-Disposition"), what).toMatch(/^attachment/);
          expect((await response.arrayBuffer()).byteLength, what).toBe(Number(response.headers.get("Content-Length")));
        } else {
          expect([302, 403], what).toContain(response.status);
          if (response.status === 302) expect(response.headers.get("Location"), what).toMatch(/^\/login\?/);
        }
      }
    }
    tokens.set("forged", "tcr_not-a-real-token");
    const revoked = await download(restricted[0].id, "forged");
    expect(revoked.status).toBe(401);
  }, 60_000);

  it("requests: private ones only for their country's focal point, their submitter, donors and coordinators", async () => {
    const all = await t.db.select({ id: assistanceRequests.id, isPublic: assistanceRequests.isPublic, country: assistanceRequests.countryCode }).from(assistanceRequests).where(sql`deleted_at IS NULL`);
    expect(all.some((r) => !r.isPublic)).toBe(true);
    for (const role of ROLES) {
      const ids = new Set((await allItems("/api/v1/requests", roleOf(role))).map((r) => r.id));
      const actor = actors.get(role);
      for (const r of all) {
        const may = r.isPublic || role === "donor" || role === "coordinator" || (role === "focal" && r.country === actor?.countryCode);
        expect(ids.has(r.id), `${role}: request ${r.id}`).toBe(may);
      }
    }
  }, 60_000);

  it("a revoked or unknown token is a JSON 401, not a visitor's answer", async () => {
    tokens.set("forged", "tcr_not-a-real-token");
    const response = await call("/api/v1/sessions", "forged");
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ parameter: "Authorization" });
  });

  it("a token reads the API and exports only: pages and form posts ignore it", async () => {
    const { action } = await import("~/routes/profile");
    const actor = actors.get("coordinator")!;
    const before = await listApiTokens(t.db, actor);
    const form = new URLSearchParams({ intent: "create-token", name: "minted with a token" });
    const post = new Request("http://registry.test/profile", {
      method: "POST",
      body: form,
      headers: { Authorization: `Bearer ${tokens.get("coordinator")}`, "Content-Type": "application/x-www-form-urlencoded" },
    });
    const refused = await Promise.resolve(action({ request: post, params: {}, context: {} })).catch((thrown: unknown) => thrown);
    expect(refused).toBeInstanceOf(Response);
    expect((refused as Response).headers.get("Location")).toMatch(/^\/login\?/);
    expect(await listApiTokens(t.db, actor)).toHaveLength(before.length);

    const bearer = { Authorization: `Bearer ${tokens.get("coordinator")}` };
    expect(await getActor(new Request("http://registry.test/sessions/import", { headers: bearer }))).toBeNull();
    expect(await getActor(new Request("http://registry.test/api/v1/sessions", { method: "POST", headers: bearer }))).toBeNull();
    expect((await getActor(new Request("http://registry.test/api/v1/sessions", { headers: bearer })))?.id).toBe(actor.id);
    expect((await getActor(new Request("http://registry.test/sessions.csv", { headers: bearer })))?.id).toBe(actor.id);
  });
});

describe("bad parameters are JSON 400s naming the parameter", () => {
  const cases: [string, string][] = [
    ["pageSize=501", "pageSize"],
    ["pageSize=-1", "pageSize"],
    ["page=abc", "page"],
    ["page=0", "page"],
    ["colour=red", "colour"],
  ];
  const sessionCases: [string, string][] = [
    ["country=XXX", "country"],
    ["country=1", "country"],
    ["topic=NOT.A.TOPIC", "topic"],
    ["from=2025-13-01", "from"],
    ["to=yesterday", "to"],
    ["from=2025-05-01&to=2025-01-01", "from"],
    ["status=done", "status"],
    ["region=999", "region"],
    ["provider=nobody", "provider"],
    ["country=%00%27%3B--", "country"],
  ];
  const paths: Path[] = [...JSON_LISTS];
  const sessionPaths: Path[] = ["/api/v1/sessions", "/api/v1/sessions.csv", "/api/v1/sessions.iati.xml", "/api/v1/sessions.hxl.csv", "/api/v1/sessions.ics"];

  it.each(paths.flatMap((p) => cases.map(([q, param]) => [p, q, param] as const)))("%s?%s → 400 %s", async (p, query, parameter) => {
    const response = await call(`${p}?${query}`, null);
    expect(response.status).toBe(400);
    expect(response.headers.get("Content-Type")).toContain("json");
    expect(await response.json()).toMatchObject({ error: expect.any(String), parameter });
  });

  it.each(sessionPaths.flatMap((p) => sessionCases.map(([q, param]) => [p, q, param] as const)))("%s?%s → 400 %s", async (p, query, parameter) => {
    const response = await call(`${p}?${query}`, "coordinator");
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: expect.any(String), parameter });
  });

  it("odd but harmless values never give a 500", async () => {
    const odd = ["q=%F0%9F%91%8B", "q='%20OR%201=1--", "country=ken", "topic=evid", "from=2025-01-01&to=2025-01-01", "pageSize=500&page=999999"];
    for (const p of [...JSON_LISTS, ...sessionPaths, "/api/v1/coverage", "/api/v1/check"] as Path[]) {
      for (const q of odd) {
        const response = await call(`${p}?${q}`, "coordinator");
        expect([200, 400], `${p}?${q}`).toContain(response.status);
        if (response.status === 400) expect(await response.json()).toMatchObject({ parameter: expect.any(String) });
      }
    }
  }, 60_000);
});
