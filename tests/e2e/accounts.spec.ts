import { test, expect, waitForHydration } from "./fixtures";

test("a wrong password is refused with a message and the email kept", async ({ page }) => {
  await page.goto("/login");
  await waitForHydration(page);
  await page.getByLabel("Email").fill("nobody@demo.example");
  await page.getByLabel("Password").fill("wrong password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert")).toContainText("Email or password is incorrect");
  await expect(page.getByLabel("Email")).toHaveValue("nobody@demo.example");
});

test("an admin creates a user who can then sign in and change their password", async ({ page, signIn, browser }) => {
  await signIn("admin");
  await page.goto("/admin/users/new");
  await waitForHydration(page);
  const email = `new-${Date.now()}@e2e.example`;
  await page.getByLabel("Name").fill("Nadia Example");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Initial password").fill("a long initial password");
  await page.getByLabel("Role").selectOption("donor");
  await page.getByRole("button", { name: "Create user" }).click();
  // A donor needs an organisation: the form says so and keeps what was typed.
  await expect(page.getByText("Choose the organisation this user works for")).toBeVisible();
  await expect(page.getByLabel("Name")).toHaveValue("Nadia Example");
  await page.getByLabel("Organisation").selectOption({ index: 1 });
  await page.getByLabel("Initial password").fill("a long initial password");
  await page.getByRole("button", { name: "Create user" }).click();
  await expect(page.getByRole("heading", { name: "Nadia Example" })).toBeVisible();

  const other = await browser.newPage();
  await other.goto("/login");
  await waitForHydration(other);
  await other.getByLabel("Email").fill(email);
  await other.getByLabel("Password").fill("a long initial password");
  await other.getByRole("button", { name: "Sign in" }).click();
  await other.getByRole("link", { name: "Nadia Example" }).click();
  await waitForHydration(other);
  await other.getByLabel("Current password").fill("a long initial password");
  await other.getByLabel("New password", { exact: true }).fill("short");
  await other.getByLabel("Repeat new password").fill("short");
  await other.getByRole("button", { name: "Change password" }).click();
  await expect(other.getByText("Use at least 12 characters")).toBeVisible();
  await other.getByLabel("New password", { exact: true }).fill("a brand new long password");
  await other.getByLabel("Repeat new password").fill("a brand new long password");
  await other.getByRole("button", { name: "Change password" }).click();
  await expect(other.getByRole("status")).toContainText("Password changed");
  await other.close();
});

test("non-admins cannot open user management", async ({ page, signIn }) => {
  await signIn("coordinator");
  const response = await page.goto("/admin/users");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "You do not have access to this" })).toBeVisible();
});

test("signing in returns to the page that asked for it, never to another site", async ({ page }) => {
  await page.goto("/profile");
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Fprofile/);
  await page.goto("/login?redirectTo=//evil.example/");
  await waitForHydration(page);
  await page.getByLabel("Email").fill("coordinator@demo.example");
  await page.getByLabel("Password").fill("demo-password-2026");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/127\.0\.0\.1:\d+\/$/);
});

for (const javaScriptEnabled of [true, false]) {
  test.describe(`API tokens ${javaScriptEnabled ? "with" : "without"} JavaScript`, () => {
    test.use({ javaScriptEnabled });

    test("creating a token shows it once and empties the name for the next one", async ({ page, signIn }) => {
      await signIn("donor");
      await page.goto("/profile");
      if (javaScriptEnabled) await waitForHydration(page);
      await page.getByLabel("Token name").fill("nightly sync");
      await page.getByRole("button", { name: "Create token" }).click();
      await expect(page.getByRole("status").filter({ hasText: "New token nightly sync" })).toBeVisible();
      await expect(page.getByLabel("New API token")).toHaveText(/^tcr_/);
      await expect(page.getByLabel("Token name")).toHaveValue("");

      await page.getByLabel("Token name").fill("quarterly report");
      await page.getByRole("button", { name: "Create token" }).click();
      await expect(page.getByRole("status").filter({ hasText: "New token quarterly report" })).toBeVisible();
      await expect(page.getByLabel("Token name")).toHaveValue("");
      await expect(page.getByRole("button", { name: "Revoke nightly sync" })).toBeVisible();
      await expect(page.getByRole("button", { name: "Revoke quarterly report" })).toBeVisible();
    });
  });
}
