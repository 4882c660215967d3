// The cache of whole anonymous coverage pages in server.js, over real HTTP:
// its headers, that a write made by another process (this test's own
// connection to the server's database file) shows on the next page, and that
// a signed-in visitor never gets the anonymous copy.
import { eq } from "drizzle-orm";
import { organisations, users } from "#db/schema";
import { createSession, deleteSession } from "~/models/sessions.server";
import { type SignedInActor } from "~/utils/permissions.server";
import { testSessionInput } from "#tests/setup/session-input";
import { e2eDb, expect, test, waitForHydration } from "./fixtures";

// A country with no sessions, needs or requests in the demo data, which no other test writes to.
const COUNTRY = { code: "MNG", name: "Mongolia" };

test("anonymous coverage pages are kept whole, with headers that make browsers ask again", async ({ request }) => {
  for (const url of ["/coverage/gaps?window=all", "/coverage/gaps.data?window=all"]) {
    expect((await request.get(url)).status()).toBe(200);
    const kept = await request.get(url);
    expect(kept.headers()["x-page-cache"], url).toBe("hit");
    expect(kept.headers()["cache-control"]).toBe("no-cache");
    expect(kept.headers()["vary"]).toContain("Cookie, Authorization");
    const etag = kept.headers()["etag"];
    expect(etag).toMatch(/^W\/"/);
    const revalidated = await request.get(url, { headers: { "If-None-Match": etag } });
    expect(revalidated.status()).toBe(304);
  }
  // Static assets keep remix-serve's long, immutable caching.
  const html = await (await request.get("/coverage")).text();
  const asset = html.match(/\/assets\/[^"]+\.js/)?.[0];
  expect(asset).toBeTruthy();
  expect((await request.get(asset!)).headers()["cache-control"]).toBe("public, max-age=31536000, immutable");
});

test("a session written by another process shows on the next anonymous page, and so does its deletion", async ({ page, request }) => {
  const { client, db } = e2eDb();
  try {
    const [user] = await db.insert(users).values({ email: `cache-${Date.now()}@e2e.example`, passwordHash: "unusable", displayName: "E2E cache writer", role: "coordinator" }).returning();
    const actor: SignedInActor = { id: user.id, role: user.role, displayName: user.displayName, email: user.email, organisationId: null, countryCode: null, vetted: false };
    const [provider] = await db.insert(organisations).values({ name: `E2E cache provider ${Date.now()}`, kind: "ngo" }).returning();

    const url = "/coverage/map?window=all";
    const mapRow = () => page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: COUNTRY.name }) });
    await page.goto(url);
    await expect(page.getByRole("heading", { level: 1, name: "Coverage map: all topics" })).toBeVisible();
    await expect(mapRow()).toHaveCount(0);
    // The provider created above is already a filter option: creating it moved the generation.
    await expect(page.getByLabel("Provider").locator("option", { hasText: provider.name })).toHaveCount(1);
    expect((await request.get(url)).headers()["x-page-cache"]).toBe("hit");
    const dataBefore = await (await request.get("/coverage/map.data?window=all")).text();

    const session = await createSession(
      db,
      actor,
      testSessionInput({
        title: "Cache test: evidence handling",
        hostCountry: COUNTRY.code,
        startDate: "2025-05-05",
        endDate: "2025-05-07",
        status: "completed",
        topics: ["EVID.GATHER"],
        participants: 17,
        providerId: provider.id,
        reportingOrgId: provider.id,
      }),
    );
    expect((await request.get(url)).headers()["x-page-cache"]).toBe("miss");
    await page.goto(url);
    await expect(mapRow()).toHaveCount(1);
    await expect(mapRow().getByRole("cell").nth(0)).toHaveText("1");
    await expect(mapRow().getByRole("cell").nth(2)).toHaveText("17");
    expect(await (await request.get("/coverage/map.data?window=all")).text()).not.toBe(dataBefore);

    await deleteSession(db, { id: session.id, expectedVersion: session.version, actor });
    await page.goto(url);
    await expect(mapRow()).toHaveCount(0);
    expect(await (await request.get("/coverage/map.data?window=all")).text()).toBe(dataBefore);
    await db.update(users).set({ deletedAt: new Date().toISOString() }).where(eq(users.id, user.id));
  } finally {
    client.close();
  }
});

test("a signed-in visitor never gets the anonymous copy, on the page or its data", async ({ page, request, signIn }) => {
  await request.get("/coverage?window=12m");
  expect((await request.get("/coverage?window=12m")).headers()["x-page-cache"]).toBe("hit");
  await signIn("coordinator");
  const response = await page.goto("/coverage?window=12m");
  expect(response?.headers()["x-page-cache"]).toBe("bypass");
  expect(response?.headers()["cache-control"]).toBe("private, no-cache");
  await waitForHydration(page);
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  await expect(page.getByRole("link", { name: "E2E coordinator" })).toBeVisible();
  const data = page.waitForResponse((r) => new URL(r.url()).pathname === "/coverage/map.data");
  await page.getByRole("link", { name: "World map" }).click();
  expect((await data).headers()["x-page-cache"]).toBe("bypass");
  await expect(page.getByRole("heading", { level: 1, name: /Coverage map/ })).toBeVisible();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
});
