import AxeBuilder from "@axe-core/playwright";
import { test, expect } from "./fixtures";

const PUBLIC_PAGES = ["/", "/courses", "/sessions", "/trainers", "/materials", "/organisations", "/countries", "/login"];
const SIGNED_IN_PAGES = ["/profile", "/coordination", "/sessions/needs-update", "/coordination/access-requests", "/courses/new", "/sessions/new"];

// Each test scans several pages; axe takes a few seconds a page on a busy machine.
test.describe.configure({ timeout: 180_000 });

async function expectNoSeriousViolations(page: import("@playwright/test").Page, path: string) {
  const response = await page.goto(path);
  expect(response?.status(), path).toBe(200);
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(
    serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")})`),
    `axe on ${path}`,
  ).toEqual([]);
}

test("the main public pages have no serious or critical accessibility violations", async ({ page }) => {
  for (const path of PUBLIC_PAGES) await expectNoSeriousViolations(page, path);
});

test("the first record of each list page has no serious or critical accessibility violations", async ({ page }) => {
  for (const list of ["/courses", "/sessions", "/trainers", "/materials", "/organisations", "/countries"]) {
    await page.goto(list);
    const href = await page
      .getByRole("main")
      .locator(`a[href^="${list}/"]`)
      .first()
      .getAttribute("href");
    expect(href, `a record link on ${list}`).toBeTruthy();
    await expectNoSeriousViolations(page, href!);
  }
});

test("the coordinator's pages and the entry forms have no serious or critical accessibility violations", async ({ page, signIn }) => {
  await signIn("coordinator");
  for (const path of SIGNED_IN_PAGES) await expectNoSeriousViolations(page, path);
});
