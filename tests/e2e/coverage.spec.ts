import AxeBuilder from "@axe-core/playwright";
import { eq } from "drizzle-orm";
import { needsAssessmentItems, needsAssessments, sessionCountries } from "#db/schema";
import { e2eDb, expect, test, waitForHydration } from "./fixtures";

// A country with an assessed critical need and no training at all: its cells are gaps.
const GAP_COUNTRY = { code: "DMA", name: "Dominica" };

test.beforeAll(async () => {
  const { client, db } = e2eDb();
  const sessions = await db.select().from(sessionCountries).where(eq(sessionCountries.countryCode, GAP_COUNTRY.code));
  expect(sessions, "the gap country must have no sessions in the demo data").toEqual([]);
  const existing = await db.select().from(needsAssessments).where(eq(needsAssessments.countryCode, GAP_COUNTRY.code));
  if (!existing.length) {
    const [a] = await db.insert(needsAssessments).values({ countryCode: GAP_COUNTRY.code, assessedOn: "2026-01-15", assessor: "E2E assessor" }).returning();
    await db.insert(needsAssessmentItems).values({ assessmentId: a.id, topicCode: "GOV.LAW", level: 3 });
  }
  client.close();
});

async function expectNoSeriousViolations(page: import("@playwright/test").Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")})`)).toEqual([]);
}

test("filter the matrix, open a gap cell, follow a number to its sessions, open the country profile", async ({ page }) => {
  test.setTimeout(60_000);
  await page.goto("/coverage");
  await waitForHydration(page);
  await expect(page.getByRole("heading", { level: 1, name: "Coverage by country and topic" })).toBeVisible();
  await page.getByLabel("Period").selectOption("all");
  await page.getByLabel("Region").selectOption({ label: "Americas" });
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/window=all/);
  await expect(page).toHaveURL(/region=019/);
  await expect(page.getByRole("heading", { level: 2, name: "Americas" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "Africa" })).toHaveCount(0);

  // Drill down to a topic's subtopics and back.
  await page.getByRole("link", { name: "Structures: show subtopics" }).first().click();
  await expect(page.getByText("and its subtopics")).toBeVisible();
  await expect(page.getByRole("columnheader", { name: "Legislation review" }).first()).toBeVisible();
  await page.getByRole("link", { name: "Back to all topics" }).click();

  // The gap cell opens the gap with the reasons for its rank.
  await page.getByRole("link", { name: `Gap: ${GAP_COUNTRY.name}, Structures` }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Coverage gaps in ${GAP_COUNTRY.name}` })).toBeVisible();
  const row = page.getByRole("row").filter({ hasText: "Structures" });
  await expect(row.getByText("Assessed need: critical (3)")).toBeVisible();
  await expect(row.getByText("Never delivered")).toBeVisible();

  // A number in the matrix opens the sessions behind it, with the same filters.
  await page.goto("/coverage?window=all&region=002");
  const number = page.getByRole("link", { name: /delivered sessions, / }).first();
  const label = (await number.textContent()) ?? "";
  const count = Number(label.replace(/\D.*$/, "").replace(/,/g, ""));
  const href = await number.getAttribute("href");
  expect(href).toMatch(/^\/sessions\?country=[A-Z]{3}&topic=[A-Z]+&status=completed/);
  await number.click();
  await expect(page).toHaveURL(/\/sessions\?/);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByText(new RegExp(`\\b${count.toLocaleString("en")} (sessions?|training sessions?)\\b`, "i")).first()).toBeVisible();

  // The country profile.
  await page.goto(`/coverage/gaps?country=${GAP_COUNTRY.code}`);
  await page.getByRole("link", { name: `${GAP_COUNTRY.name}: country profile` }).click();
  await expect(page).toHaveURL(`/countries/${GAP_COUNTRY.code}`);
  await expect(page.getByRole("heading", { level: 1, name: GAP_COUNTRY.name })).toBeVisible();
});

test("the gap list exports CSV with the same filters", async ({ page, request }) => {
  await page.goto(`/coverage/gaps?country=${GAP_COUNTRY.code}&window=all`);
  const href = await page.getByRole("link", { name: "Download CSV" }).getAttribute("href");
  const response = await request.get(href!);
  expect(response.headers()["content-type"]).toContain("text/csv");
  // A byte order mark first, as in every CSV the registry writes, so spreadsheets read UTF-8.
  expect([...(await response.body()).subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = (await response.text()).replace(/^\uFEFF/, "").trim().split("\r\n");
  expect(lines[0]).toBe("rank,country,country_name,region,topic,topic_label,need_level,open_requests,oldest_request_days,last_delivered,days_since_delivery,reasons");
  expect(lines.some((l) => l.includes(`${GAP_COUNTRY.code},${GAP_COUNTRY.name}`) && l.includes("GOV.LAW"))).toBe(true);
});

test("the coverage API answers with cells, and with 400 naming the parameter on bad input", async ({ request }) => {
  const ok = await request.get(`/api/v1/coverage?from=2020-01-01&topic=GOV&region=019`);
  expect(ok.status()).toBe(200);
  const body = await ok.json();
  expect(body).toMatchObject({ from: "2020-01-01", to: null });
  expect(body.cells.find((c: { country: string; topic: string }) => c.country === GAP_COUNTRY.code && c.topic === "GOV.LAW")).toEqual({
    country: GAP_COUNTRY.code,
    topic: "GOV.LAW",
    delivered: 0,
    planned: 0,
    participants: 0,
    lastDelivered: null,
    needLevel: 3,
    openRequests: 0,
  });
  expect(body.cells.every((c: { topic: string }) => c.topic.startsWith("GOV"))).toBe(true);
  for (const [query, parameter] of [
    ["from=2020-13-01", "from"],
    ["from=2021-01-01&to=2020-01-01", "from"],
    ["audience=NOBODY", "audience"],
    ["region=999", "region"],
    ["region=Africa", "region"],
    ["topic=%22%3B--", "topic"],
  ]) {
    const bad = await request.get(`/api/v1/coverage?${query}`);
    expect(bad.status(), query).toBe(400);
    expect(await bad.json(), query).toMatchObject({ parameter });
  }
});

test("a focal point records a needs assessment for their country, and not for another", async ({ page, signIn }) => {
  await signIn("focal_point", { countryCode: "FJI" });
  await page.goto("/countries/FJI/needs/new");
  await waitForHydration(page);
  await page.getByLabel("Need level: Child-sensitive interviewing").selectOption("3");
  await page.getByLabel("Notes: Child-sensitive interviewing").fill("No trained interviewers outside the capital");
  await page.getByRole("button", { name: "Record assessment" }).click();
  await expect(page.getByRole("status")).toContainText("Needs assessment for Fiji recorded.");
  await expect(page).toHaveURL(/\/coverage\/gaps\?country=FJI/);
  await expectNoSeriousViolations(page);

  const response = await page.goto("/countries/KEN/needs/new");
  expect(response?.status()).toBe(403);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the map renders on the server, with small states findable and the same data as a table", async ({ page }) => {
    await page.goto("/coverage/map");
    const map = page.getByRole("group", { name: "Delivered sessions per country, all topics" });
    await expect(map).toBeVisible();
    await expect(map.getByRole("link", { name: /^Kenya: \d[\d,]* delivered/ })).toBeAttached();
    // Tuvalu and Nauru are too small for the 1:110m shapes: they are markers, still links.
    await expect(map.getByRole("link", { name: /^Tuvalu: / })).toBeAttached();
    await expect(map.getByRole("link", { name: /^Nauru: / })).toBeAttached();
    await expect(page.getByRole("table").getByRole("rowheader").first()).toBeVisible();

    await page.getByLabel("Topic", { exact: true }).selectOption({ label: "Electronic evidence" });
    await page.getByRole("button", { name: "Apply filters" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Coverage map: Electronic evidence" })).toBeVisible();
  });

  test("a collapsed sub-region shows its summary and opens to its countries", async ({ page }) => {
    await page.goto("/coverage?window=all");
    const summary = page.getByRole("row", { name: /^All \d+ countries/ }).first();
    await expect(summary).toBeVisible();
    // Its figures open what they count; no country's own cells are shown yet.
    expect(await page.getByRole("link", { name: /with training\s*: their delivered sessions, / }).count()).toBeGreaterThan(0);
    await expect(page.getByRole("link", { name: /^\d[\d,]* delivered sessions, / })).toHaveCount(0);
    await page.getByRole("link", { name: /^Show \d+ countries of Sub-Saharan Africa$/ }).click();
    await expect(page).toHaveURL(/expand=202/);
    await expect(page.getByRole("rowheader", { name: "Kenya" })).toBeVisible();
    await expect(page.getByRole("link", { name: /delivered sessions, Kenya, / }).first()).toBeVisible();
    await page.getByRole("link", { name: "Show the summary only" }).click();
    await expect(page.getByRole("rowheader", { name: "Kenya" })).toHaveCount(0);
  });

  test("every coverage page says which filter it could not read", async ({ page }) => {
    for (const path of ["/coverage?window=bogus", "/coverage/map?window=bogus", "/coverage/gaps?window=bogus"]) {
      await page.goto(path);
      await expect(page.getByRole("alert"), path).toContainText('Unknown period "bogus"; showing the last 3 years instead.');
    }
  });

  test("the matrix filters without JavaScript", async ({ page }) => {
    await page.goto("/coverage");
    await page.getByLabel("Region").selectOption({ label: "Africa" });
    await page.getByRole("button", { name: "Apply filters" }).click();
    await expect(page.getByRole("heading", { level: 2, name: "Africa" })).toBeVisible();
  });
});

test("the coverage pages have no serious or critical accessibility violations", async ({ page }) => {
  test.setTimeout(120_000); // axe over the whole matrix takes a while
  for (const path of ["/coverage", "/coverage?topic=EVID&window=all", "/coverage/map", "/coverage/gaps"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(200);
    await expectNoSeriousViolations(page);
  }
});
