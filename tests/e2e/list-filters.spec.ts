// The list pages beyond sessions read their filters as the JSON API reads
// them: a value they cannot use is named above the results and left out (of
// the list and of the page's CSV link), and their CSV asked for it directly
// refuses it with the API's own JSON error.
import { type Page } from "@playwright/test";
import { expect, test } from "./fixtures";

const cases = [
  { path: "/organisations", bad: "kind=spaceship", first: "kind", message: "kind: must be one of un, igo, government", api: "/api/v1/organisations", kept: "q=police" },
  { path: "/trainers", bad: "country=ZZZ", first: "country", message: "Unknown country code: ZZZ", api: "/api/v1/trainers", kept: "language=en" },
  // The requests page's own tick is kept; a topic that names nothing and an impossible page go, each named.
  { path: "/requests", bad: "topic=NOPE&page=0", first: "page", message: "Unknown topic code: NOPE", api: null, kept: "open=1" },
] as const;

async function shownCount(page: Page) {
  const heading = await page.getByRole("heading", { level: 2, name: /^[\d,]+ [a-z]+$/ }).innerText();
  return Number(heading.replace(/\D/g, ""));
}

for (const c of cases) {
  test(`${c.path} names a filter it cannot use, lists without it, and its CSV link and CSV leave it out or refuse it`, async ({ page, request }) => {
    await page.goto(`${c.path}?${c.kept}`);
    const withoutBad = await shownCount(page);
    expect(withoutBad).toBeGreaterThan(0);
    await expect(page.getByRole("alert")).toHaveCount(0);

    await page.goto(`${c.path}?${c.bad}&${c.kept}`);
    const alert = page.getByRole("alert");
    await expect(alert).toContainText("Some filters could not be used and were left out");
    await expect(alert).toContainText(c.message);
    expect(await shownCount(page)).toBe(withoutBad);
    expect(await page.getByRole("link", { name: "Download CSV" }).getAttribute("href")).toBe(`${c.path}.csv?${c.kept}`);

    const csv = await request.get(`${c.path}.csv?${c.bad}&${c.kept}`);
    expect(csv.status()).toBe(400);
    const refusal = (await csv.json()) as { error: string; parameter: string };
    expect(refusal.parameter).toBe(c.first);
    expect((await request.get(`${c.path}.csv?${c.kept}`)).status()).toBe(200);

    if (c.api) {
      // The API refuses the same value with the same words.
      const api = await request.get(`${c.api}?${c.bad}`);
      expect(api.status()).toBe(400);
      expect(await api.json()).toEqual(refusal);
    }
  });
}

test("the requests page names every filter it left out", async ({ page }) => {
  await page.goto("/requests?topic=NOPE&page=0&open=1");
  const problems = page.getByRole("alert").getByRole("listitem");
  await expect(problems).toHaveCount(2);
  await expect(problems.nth(0)).toContainText('page: must be at least 1 (got "0")');
  await expect(problems.nth(1)).toContainText("Unknown topic code: NOPE");
  await expect(page.getByRole("checkbox", { name: "Open requests only" })).toBeChecked();
});
