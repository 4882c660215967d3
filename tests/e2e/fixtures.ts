// Shared end-to-end fixtures: sign in as a freshly created user of any role,
// wait for hydration, and fail any test whose page logs a console error.
import { test as base, expect, type Page } from "@playwright/test";
import path from "node:path";
import { eq } from "drizzle-orm";
import { openDatabase } from "#db/client.server";
import { users, type ROLES } from "#db/schema";
import { hashPassword } from "~/utils/password.server";

type Role = (typeof ROLES)[number];
type UserOptions = { organisationId?: string | null; countryCode?: string | null; vetted?: boolean };

// Must match the data folder playwright.config.ts gives the server.
const E2E_DB_URL = `file:${path.resolve(`.cache/e2e-${process.env.E2E_PORT ?? 3100}/data/registry.db`)}`;
const PASSWORD = "e2e-password-123";

export function e2eDb() {
  return openDatabase(E2E_DB_URL);
}

const EXPECTED_STATUS_LOG = /^Failed to load resource: the server responded with a status of (400|401|403|404|409|429)\b/;

let passwordHash: Promise<string> | undefined;

export const test = base.extend<{
  signIn: (role: Role, options?: UserOptions) => Promise<{ id: string; email: string }>;
  consoleErrors: string[];
}>({
  consoleErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on("console", (msg) => {
        // Chromium logs every 4xx response it receives; a refused form (400),
        // a forbidden page (403) or a missing record (404) is the app working.
        if (msg.type() === "error" && !EXPECTED_STATUS_LOG.test(msg.text())) errors.push(msg.text());
      });
      page.on("pageerror", (err) => errors.push(err.message));
      await use(errors);
      expect(errors, "the page logged console errors").toEqual([]);
    },
    { auto: true },
  ],
  signIn: async ({ page, javaScriptEnabled }, use) => {
    const { client, db } = e2eDb();
    const created: string[] = [];
    await use(async (role, options = {}) => {
      passwordHash ??= hashPassword(PASSWORD);
      const email = `${role}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@e2e.example`;
      const [user] = await db
        .insert(users)
        .values({
          email,
          passwordHash: await passwordHash,
          displayName: `E2E ${role.replace("_", " ")}`,
          role,
          organisationId: options.organisationId ?? null,
          countryCode: options.countryCode ?? null,
          vetted: options.vetted ?? false,
        })
        .returning();
      created.push(user.id);
      await page.goto("/login");
      if (javaScriptEnabled) await waitForHydration(page);
      await page.getByLabel("Email").fill(email);
      await page.getByLabel("Password").fill(PASSWORD);
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
      return { id: user.id, email };
    });
    // Test users cannot sign in again once the test is over.
    for (const id of created) await db.update(users).set({ deletedAt: new Date().toISOString() }).where(eq(users.id, id));
    client.close();
  },
});

export async function waitForHydration(page: Page) {
  await page.locator('body[data-hydrated="true"]').waitFor();
}

export { expect };
