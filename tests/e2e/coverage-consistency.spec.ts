// The coverage pages and the lists their numbers open agree: open-request
// counts count only the requests the viewer may open on /requests (even after
// a coordinator, who sees more, has had the same page built), a country on the
// map opens its profile with the map's filters, and the profile's figures say
// their period and open the sessions they count.
import { and, eq, inArray } from "drizzle-orm";
import { assistanceRequests, requestTopics, sessionCountries } from "#db/schema";
import { e2eDb, expect, test } from "./fixtures";

// A country with no training in the demo data, so its requests open gaps.
const COUNTRY = { code: "ATG", name: "Antigua and Barbuda" };
const TITLES = { public: "E2E public request", hidden: "E2E non-public request" };

test.beforeAll(async () => {
  const { client, db } = e2eDb();
  const sessions = await db.select().from(sessionCountries).where(eq(sessionCountries.countryCode, COUNTRY.code));
  expect(sessions, "the country must have no sessions in the demo data").toEqual([]);
  const existing = await db.select().from(assistanceRequests).where(and(eq(assistanceRequests.countryCode, COUNTRY.code), inArray(assistanceRequests.title, Object.values(TITLES))));
  if (!existing.length) {
    for (const [title, isPublic, topicCode] of [[TITLES.public, true, "EVID.GATHER"], [TITLES.hidden, false, "VIC.INTERVIEW"]] as const) {
      const [r] = await db.insert(assistanceRequests).values({ countryCode: COUNTRY.code, title, description: "E2E", status: "submitted", isPublic }).returning();
      await db.insert(requestTopics).values({ requestId: r.id, topicCode });
    }
  }
  client.close();
});

const GAPS = `/coverage/gaps?country=${COUNTRY.code}&window=all`;

test("a visitor's gap list counts only public requests, and each count opens a list of as many", async ({ page, browser, signIn }) => {
  test.setTimeout(90_000);
  // The coordinator's view is built first and must not be served to the visitor.
  await signIn("coordinator");
  await page.goto(GAPS);
  await expect(page.getByRole("rowheader", { name: /Antigua and Barbuda/ }).first()).toBeVisible();
  await expect(page.getByRole("link", { name: /1 open request\s*: Antigua and Barbuda, Victims/ }).first()).toBeVisible();

  const visitor = await browser.newPage();
  try {
    await visitor.goto(GAPS);
    await expect(visitor.getByRole("heading", { level: 1, name: `Coverage gaps in ${COUNTRY.name}` })).toBeVisible();
    await expect(visitor.getByRole("link", { name: /open requests?\s*: Antigua and Barbuda, Victims/ })).toHaveCount(0);
    const links = visitor.getByRole("link", { name: /open requests?\s*: Antigua and Barbuda/ });
    const count = await links.count();
    expect(count).toBeGreaterThan(0);
    for (let i = 0; i < count; i++) {
      const link = links.nth(i);
      const shown = Number((await link.innerText()).match(/^(\d+) open/)![1]);
      const href = (await link.getAttribute("href"))!;
      const list = await browser.newPage();
      try {
        await list.goto(href);
        await expect(list.getByRole("heading", { level: 2, name: shown === 1 ? "1 request" : `${shown} requests` }), href).toBeVisible();
      } finally {
        await list.close();
      }
    }
  } finally {
    await visitor.close();
  }
});

test("the coverage API counts for an anonymous caller only the public requests", async ({ request }) => {
  const response = await request.get(`/api/v1/coverage?region=029`);
  expect(response.ok()).toBe(true);
  const { cells } = (await response.json()) as { cells: { country: string; topic: string; openRequests: number }[] };
  const open = (topic: string) => cells.find((c) => c.country === COUNTRY.code && c.topic === topic)?.openRequests ?? 0;
  expect([open("EVID"), open("VIC")]).toEqual([1, 0]);
});

test("a country on the filtered map opens its profile counting the same period and audience", async ({ page }) => {
  await page.goto("/coverage/map?window=12m&audience=POLICE");
  const shape = page.getByRole("group", { name: /Delivered sessions per country/ }).getByRole("link", { name: /^Kenya: / });
  const href = await shape.getAttribute("href");
  expect(href).toBe("/countries/KEN?window=12m&audience=POLICE");
  await page.goto(href!);
  const coverage = page.getByRole("region", { name: "Coverage and needs" });
  await expect(coverage.getByText(/Counting sessions running on or after \d{4}-\d{2}-\d{2}, planned ones included, only sessions with audience POLICE/)).toBeVisible();
});

test("the profile's topic figures say they count all time and open as many sessions", async ({ page }) => {
  await page.goto("/countries/KEN");
  const byTopic = page.getByRole("region", { name: "By topic, all time" });
  const link = byTopic.getByRole("row", { name: /^Electronic evidence/ }).getByRole("link").first();
  const shown = Number((await link.innerText()).replace(/\D/g, ""));
  await link.click();
  await expect(page).toHaveURL(/\/sessions\?country=KEN&topic=EVID&status=completed$/);
  await expect(page.getByRole("heading", { level: 2, name: new RegExp(`^${shown} sessions?`) })).toBeVisible();
});

test("titles in lists keep their own direction, so a right-to-left title does not reorder the text around it", async ({ page }) => {
  await page.goto("/countries/KEN");
  const titles = page.getByRole("region", { name: "Sessions received" }).locator("a[href^='/sessions/']");
  expect(await titles.count()).toBeGreaterThan(0);
  for (const dir of await titles.evaluateAll((links) => links.map((a) => a.getAttribute("dir")))) expect(dir).toBe("auto");
});

test.describe("on a phone (390 px wide)", () => {
  test.use({ viewport: { width: 390, height: 844 } });
  for (const path of ["/sessions", "/countries/KEN", "/coverage", "/coverage/gaps?country=KEN"]) {
    test(`${path} fits the screen: wide tables scroll on their own`, async ({ page }) => {
      await page.goto(path);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
    });
  }
});
