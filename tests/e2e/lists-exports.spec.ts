// Lists, their CSV and the JSON API read filters one way: the CSV holds what
// the page shows, a bad filter is said out loud (page) or refused (CSV, API),
// and every API error, unknown addresses included, is JSON.
import { parse } from "csv-parse/sync";
import { sql } from "drizzle-orm";
import { e2eDb, expect, test } from "./fixtures";

/** The demo organisation that reported the fewest sessions (but some), so its filter narrows the list. */
async function aReporter() {
  const { client, db } = e2eDb();
  try {
    const [row] = await db.all<{ id: string }>(
      sql`SELECT reporting_org_id AS id FROM training_session WHERE deleted_at IS NULL GROUP BY reporting_org_id ORDER BY count(*), reporting_org_id LIMIT 1`,
    );
    return row.id;
  } finally {
    client.close();
  }
}

const rowsOf = (body: string) => parse(body.replace(/^\uFEFF/, ""), { columns: true }) as Record<string, string>[];

async function shownCount(page: import("@playwright/test").Page) {
  const heading = await page.getByRole("heading", { level: 2, name: /\d sessions?$/ }).innerText();
  return Number(heading.replace(/\D/g, ""));
}

test("the sessions CSV holds exactly the sessions the filtered page counts, reporter and offence focus included", async ({ page }) => {
  const reporter = await aReporter();
  for (const query of [`reporter=${reporter}`, "offence=CSAM&status=completed"]) {
    await page.goto(`/sessions?${query}`);
    const shown = await shownCount(page);
    expect(shown, query).toBeGreaterThan(0);
    const href = await page.getByRole("link", { name: "Download CSV" }).getAttribute("href");
    const response = await page.request.get(href!);
    expect(response.status(), query).toBe(200);
    expect(rowsOf(await response.text()), query).toHaveLength(shown);
  }
  await page.goto("/sessions?offence=CSAM");
  await expect(page.getByLabel("Offence focus")).toHaveValue("CSAM");
});

test("a session list told an impossible date says so, and its CSV refuses it", async ({ page, request }) => {
  await page.goto("/sessions?from=2025-13-45");
  await expect(page.getByRole("alert")).toContainText("2025-13-45");
  // Past sessions only: tests running alongside add sessions, none of them before 2025.
  await page.goto("/sessions?to=2024-12-31");
  const unfiltered = await shownCount(page);
  expect(unfiltered).toBeGreaterThan(0);
  await page.goto("/sessions?from=2025-13-45&country=KEN");
  // The page's own CSV link is for what it shows: the filter it left out is left out there too.
  expect(await page.getByRole("link", { name: "Download CSV" }).getAttribute("href")).toBe("/sessions.csv?country=KEN");
  await page.goto("/sessions?from=2025-13-45&to=2024-12-31");
  expect(await shownCount(page)).toBe(unfiltered);
  const csv = await request.get("/sessions.csv?from=2025-13-45");
  expect(csv.status()).toBe(400);
  expect(await csv.json()).toMatchObject({ parameter: "from" });
});

test("the API filters sessions by offence focus and treats codes, parameters and addresses alike everywhere", async ({ request }) => {
  const byOffence = await request.get("/api/v1/sessions?offence=csam&pageSize=500");
  expect(byOffence.status()).toBe(200);
  const body = (await byOffence.json()) as { items: { offenceFocus: string[] }[]; total: number };
  expect(body.total).toBeGreaterThan(0);
  expect(body.items.every((s) => s.offenceFocus.includes("CSAM"))).toBe(true);

  const lower = await request.get("/api/v1/coverage?topic=evid");
  expect(lower.status()).toBe(200);
  expect(((await lower.json()) as { cells: unknown[] }).cells.length).toBeGreaterThan(0);

  for (const [url, parameter] of [
    ["/api/v1/coverage?topic=ZZZ", "topic"],
    ["/api/v1/coverage?pageSize=1", "pageSize"],
    ["/api/v1/sessions?offence=NOPE", "offence"],
    ["/api/v1/trainers?language=xx", "language"],
  ]) {
    const response = await request.get(url);
    expect(response.status(), url).toBe(400);
    expect(await response.json(), url).toMatchObject({ parameter });
  }

  const missing = await request.get("/api/v1/nothing");
  expect(missing.status()).toBe(404);
  expect(missing.headers()["content-type"]).toContain("application/json");
  expect(await missing.json()).toMatchObject({ error: expect.stringContaining("/api/v1/nothing") });

  const all = (await (await request.get("/api/v1/organisations")).json()) as { total: number };
  const quote = (await (await request.get('/api/v1/organisations?q="')).json()) as { total: number };
  expect(quote.total).toBe(all.total);
});

test("the OpenAPI document and the /api page describe coverage and the check", async ({ page, request }) => {
  const doc = (await (await request.get("/api/v1/openapi.json")).json()) as { paths: Record<string, unknown> };
  expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(["/api/v1/coverage", "/api/v1/check"]));
  await page.goto("/api");
  for (const path of ["/api/v1/check", "/api/v1/duplicates", "/api/v1/overlaps", "/api/v1/coverage"]) {
    await expect(page.getByRole("link", { name: path, exact: true })).toBeVisible();
  }
});

test("the requests and countries lists offer CSV of what they show", async ({ page, signIn }) => {
  await page.goto("/countries?active=1");
  const countriesHref = await page.getByRole("link", { name: "Download CSV" }).getAttribute("href");
  expect(countriesHref).toBe("/countries.csv?active=1");
  const countries = rowsOf(await (await page.request.get(countriesHref!)).text());
  expect(countries.length).toBeGreaterThan(0);
  // One row header per country listed, in folded regions too.
  expect(countries.length).toBe(await page.getByRole("rowheader", { includeHidden: true }).count());

  await page.goto("/requests");
  const publicRows = rowsOf(await (await page.request.get("/requests.csv")).text());
  expect(publicRows.every((r) => r.public === "true")).toBe(true);
  expect(publicRows.length).toBe(Number((await page.getByRole("heading", { level: 2, name: /\d requests?$/ }).innerText()).replace(/\D/g, "")));

  await signIn("coordinator");
  await page.goto("/requests?open=1");
  const href = await page.getByRole("link", { name: "Download CSV" }).getAttribute("href");
  expect(href).toBe("/requests.csv?open=1");
  const rows = rowsOf(await (await page.request.get(href!)).text());
  expect(rows.length).toBe(Number((await page.getByRole("heading", { level: 2, name: /\d requests?$/ }).innerText()).replace(/\D/g, "")));
  expect(rows.some((r) => r.public === "false")).toBe(true);
  expect(rows.every((r) => r.status_label && r.country_name)).toBe(true);
});
