// Training sessions end to end: a trainer registers a session and finds it by
// filtering, bad input keeps what was typed (with and without JavaScript), a
// stale session shows on the needs-update list until it is corrected, and a
// visitor filters by UN M49 region and status without JavaScript.
import { type Page } from "@playwright/test";
import { addYears, formatISO } from "date-fns";
import { and, eq, isNull, sql } from "drizzle-orm";
import { organisations, sessionCountries, sessionTopics, trainingSessions } from "#db/schema";
import { e2eDb, expect, test, waitForHydration } from "./fixtures";

/** A demo organisation that already provides sessions. */
async function someOrganisation() {
  const { client, db } = e2eDb();
  try {
    const [org] = await db
      .select({ id: organisations.id })
      .from(organisations)
      .where(and(isNull(organisations.deletedAt), sql`EXISTS (SELECT 1 FROM training_session s WHERE s.provider_id = ${organisations.id})`))
      .limit(1);
    expect(org, "demo data has an organisation with sessions").toBeTruthy();
    return org.id;
  } finally {
    client.close();
  }
}

const inAYear = (days = 0) => formatISO(addYears(new Date(), 1).getTime() + days * 86_400_000, { representation: "date" });

async function fillSession(page: Page, title: string) {
  await page.getByLabel("Title", { exact: true }).fill(title);
  await page.getByRole("group", { name: "Topics" }).getByRole("checkbox", { name: "Mobile device forensics" }).check();
  await page.getByLabel("Host country").selectOption({ label: "Tuvalu" });
  await page.getByLabel("City").fill("Funafuti");
  await page.getByLabel("Start date").fill(inAYear());
  await page.getByLabel("End date").fill(inAYear(2));
  await page.getByLabel("Participants", { exact: true }).fill("18");
}

test("a trainer registers a planned session and finds it by host country and topic", async ({ page, signIn }) => {
  await signIn("trainer", { organisationId: await someOrganisation() });
  await page.goto("/sessions");
  await page.getByRole("link", { name: "Register a session" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Register a training session" })).toBeVisible();
  await waitForHydration(page);
  const title = `Phone extraction clinic ${Date.now()}`;
  await fillSession(page, title);
  await expect(page.getByLabel("Status")).toHaveValue("planned");
  await page.getByRole("button", { name: "Register session" }).click();

  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(page.getByRole("status")).toHaveText("Session registered.");
  // No beneficiary country chosen: the host country is the one.
  await expect(page.getByRole("link", { name: "Tuvalu" })).toHaveCount(2);

  await page.goto("/sessions");
  await waitForHydration(page);
  await page.getByLabel("Beneficiary country").selectOption({ label: "Tuvalu" });
  await page.getByLabel("Topic").selectOption("EVID.MOBILE");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/country=TUV/);
  await expect(page).toHaveURL(/topic=EVID\.MOBILE/);
  const row = page.getByRole("row").filter({ has: page.getByRole("link", { name: title }) });
  await expect(row).toBeVisible();
  await expect(row.getByRole("cell", { name: "Planned" })).toBeVisible();
});

async function submitBadSession(page: Page) {
  await page.getByLabel("Title", { exact: true }).fill("Workshop with mistakes");
  await page.getByLabel("Host country").selectOption({ label: "Kenya" });
  await page.getByLabel("Start date").fill("2026-05-10");
  await page.getByLabel("End date").fill("2026-05-01");
  await page.getByLabel("Participants", { exact: true }).fill("-3");
  await page.getByRole("button", { name: "Register session" }).click();
}

async function expectMessagesAndValues(page: Page) {
  await expect(page.getByText("The end date cannot be before the start date")).toBeVisible();
  await expect(page.getByText("Cannot be negative")).toBeVisible();
  await expect(page.getByText("Choose at least one topic")).toBeVisible();
  await expect(page.getByLabel("End date")).toHaveAccessibleDescription(/cannot be before the start date/);
  await expect(page.getByLabel("Title", { exact: true })).toHaveValue("Workshop with mistakes");
  await expect(page.getByLabel("Host country")).toHaveValue("KEN");
  await expect(page.getByLabel("Start date")).toHaveValue("2026-05-10");
  await expect(page.getByLabel("End date")).toHaveValue("2026-05-01");
  await expect(page.getByLabel("Participants", { exact: true })).toHaveValue("-3");
}

test("the session form explains bad input next to each field and keeps what was typed", async ({ page, signIn }) => {
  await signIn("trainer", { organisationId: await someOrganisation() });
  await page.goto("/sessions/new");
  await waitForHydration(page);
  await submitBadSession(page);
  await expectMessagesAndValues(page);
  await expect(page).toHaveURL(/\/sessions\/new$/);
});

/** A planned session of `organisationId` whose end date has passed, written straight into the database. */
async function insertStaleSession(organisationId: string, title: string) {
  const { client, db } = e2eDb();
  try {
    const [row] = await db
      .insert(trainingSessions)
      .values({ title, providerId: organisationId, reportingOrgId: organisationId, hostCountry: "GHA", startDate: "2025-02-03", endDate: "2025-02-05", status: "planned" })
      .returning({ id: trainingSessions.id });
    await db.insert(sessionCountries).values({ sessionId: row.id, countryCode: "GHA" });
    await db.insert(sessionTopics).values({ sessionId: row.id, topicCode: "COOP.MLA" });
    return row.id;
  } finally {
    client.close();
  }
}

test("a stale planned session is listed as needing an update until it is marked completed", async ({ page, signIn }) => {
  const organisationId = await someOrganisation();
  const title = `Mutual legal assistance clinic ${Date.now()}`;
  await insertStaleSession(organisationId, title);
  await signIn("trainer", { organisationId });

  await page.goto("/sessions");
  await page.getByRole("link", { name: "Sessions that need an update" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Sessions that need an update" })).toBeVisible();
  const row = page.getByRole("row").filter({ has: page.getByRole("link", { name: title, exact: true }) });
  await expect(row).toContainText("End date passed but still planned");

  await row.getByRole("link", { name: `Edit ${title}` }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Edit session" })).toBeVisible();
  await waitForHydration(page);
  await page.getByLabel("Status").selectOption("completed");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("status")).toHaveText("Session saved.");
  await expect(page.getByRole("heading", { level: 1, name: title })).toContainText("Completed");
  await expect(page.getByRole("note")).toHaveCount(0);

  await page.goto("/sessions/needs-update");
  await expect(page.getByRole("heading", { level: 1, name: "Sessions that need an update" })).toBeVisible();
  await expect(page.getByRole("link", { name: title, exact: true })).toHaveCount(0);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("bad input comes back from the server with messages and the typed values", async ({ page, signIn }) => {
    await signIn("trainer", { organisationId: await someOrganisation() });
    await page.goto("/sessions/new");
    await submitBadSession(page);
    await expectMessagesAndValues(page);
  });

  test("a visitor filters sessions by UN M49 region and status", async ({ page }) => {
    const { client, db } = e2eDb();
    // Completed, live sessions benefiting a country of Eastern Africa (M49 014).
    const [{ expected }] = await db
      .select({ expected: sql<number>`count(*)` })
      .from(trainingSessions)
      .where(
        and(
          isNull(trainingSessions.deletedAt),
          eq(trainingSessions.status, "completed"),
          sql`EXISTS (SELECT 1 FROM session_country sc JOIN country c ON c.code = sc.country_code WHERE sc.session_id = ${trainingSessions.id} AND c.intermediate_code = '014')`,
        ),
      );
    client.close();
    expect(expected).toBeGreaterThan(0);

    await page.goto("/sessions");
    await page.getByLabel("Region (UN M49)").selectOption("014");
    await page.getByRole("group", { name: "Status" }).getByRole("checkbox", { name: "Completed" }).check();
    await page.getByRole("button", { name: "Apply filters" }).click();
    await expect(page).toHaveURL(/region=014/);
    await expect(page).toHaveURL(/status=completed/);
    await expect(page.getByRole("heading", { level: 2, name: expected === 1 ? "1 session" : `${expected.toLocaleString("en")} sessions` })).toBeVisible();
    await expect(page.getByLabel("Region (UN M49)")).toHaveValue("014");
    // Every row on the page (the header row aside) is a completed session.
    const table = page.getByRole("table", { name: "Training sessions, in the order chosen" });
    await expect(table.getByRole("row")).toHaveCount(Math.min(expected, 25) + 1);
    await expect(table.getByRole("cell", { name: /^Completed/ })).toHaveCount(Math.min(expected, 25));
  });
});
