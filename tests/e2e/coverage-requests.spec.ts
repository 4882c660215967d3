// Open-request counts on the coverage pages count only the requests the viewer
// may open on /requests: a visitor's gap list and the list it links to agree,
// even after a coordinator (who sees more) has had the same page built.
import { and, eq, inArray } from "drizzle-orm";
import { assistanceRequests, requestTopics, sessionCountries } from "#db/schema";
import { e2eDb, expect, test } from "./fixtures";

// A country with no training in the demo data, so its requests open gaps.
const COUNTRY = { code: "LCA", name: "Saint Lucia" };
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
  await expect(page.getByRole("rowheader", { name: /Saint Lucia/ }).first()).toBeVisible();
  await expect(page.getByRole("link", { name: /1 open request: Saint Lucia, Victim/ }).first()).toBeVisible();

  const visitor = await browser.newPage();
  try {
    await visitor.goto(GAPS);
    await expect(visitor.getByRole("heading", { level: 1, name: `Coverage gaps in ${COUNTRY.name}` })).toBeVisible();
    await expect(visitor.getByRole("link", { name: /open requests?: Saint Lucia, Victim/ })).toHaveCount(0);
    const links = visitor.getByRole("link", { name: /open requests?: Saint Lucia/ });
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
