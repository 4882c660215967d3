// Session CSV import in the browser (DESIGN §7.1): a file with a bad row shows
// every problem and writes nothing; the corrected file is previewed, confirmed
// and its sessions are listed; the same file again is all unchanged. Once with
// JavaScript (progress polled) and once as plain form posts.
import { type Page } from "@playwright/test";
import { eq } from "drizzle-orm";
import { organisations, trainingSessions } from "#db/schema";
import { e2eDb, expect, test, waitForHydration } from "./fixtures";

const HEADER = "external_id,title,provider,host_country,beneficiary_countries,start_date,end_date,status,topics,audiences,participants,notes";

/** A fresh reporting organisation, so each run imports into an empty slate. */
async function freshOrganisation() {
  const { client, db } = e2eDb();
  try {
    const [org] = await db.insert(organisations).values({ name: `E2E Import Partner ${Date.now()}`, kind: "ngo" }).returning();
    return org;
  } finally {
    client.close();
  }
}

async function sessionsReportedBy(orgId: string) {
  const { client, db } = e2eDb();
  try {
    return await db
      .select({ title: trainingSessions.title, city: trainingSessions.city, participants: trainingSessions.participants })
      .from(trainingSessions)
      .where(eq(trainingSessions.reportingOrgId, orgId));
  } finally {
    client.close();
  }
}

function csvFile(org: string, tag: string, badEndDate: boolean) {
  const rows = [
    HEADER,
    `${tag}-1,Mobile forensics clinic ${tag},${org},TV,,2027-04-05,2027-04-07,planned,EVID.MOBILE,POLICE,18,"مرحبا 👋, =1+1"`,
    `${tag}-2,Interviewing children ${tag},${org},Tuvalu,TV;FJ,2027-05-10,${badEndDate ? "2027-05-01" : "2027-05-12"},confirmed,VIC.INTERVIEW,JUDGE,,`,
  ];
  return { name: `${tag}.csv`, mimeType: "text/csv", buffer: Buffer.from(`\uFEFF${rows.join("\r\n")}\r\n`) };
}

async function upload(page: Page, file: ReturnType<typeof csvFile>) {
  await page.getByLabel("CSV file").setInputFiles(file);
  await page.getByRole("button", { name: "Check the file" }).click();
}

async function importFlow(page: Page, js: boolean, orgId: string, orgName: string) {
  const tag = `E2E${Date.now()}${js ? "J" : "N"}`;
  await page.goto("/sessions");
  await page.getByRole("link", { name: "Import from CSV" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Import training sessions" })).toBeVisible();
  if (js) await waitForHydration(page);
  await expect(page.getByText(`Reporting organisation: ${orgName}`)).toBeVisible();

  // A bad row: every problem listed with its line and column, nothing written.
  await upload(page, csvFile(orgName, tag, true));
  const problems = page.getByRole("region", { name: /1 problem; nothing was imported/ });
  await expect(problems).toBeVisible();
  await expect(problems.getByRole("row", { name: /3 end_date ends \(2027-05-01\) before it starts \(2027-05-10\)/ })).toBeVisible();
  expect(await sessionsReportedBy(orgId)).toEqual([]);

  // The corrected file: a preview, still nothing written, then confirm.
  await upload(page, csvFile(orgName, tag, false));
  await expect(page.getByRole("heading", { name: "Preview: nothing has been written yet" })).toBeVisible();
  await expect(page.getByRole("list", { name: "What the import would do" })).toContainText("2 to create");
  await expect(page.getByRole("row", { name: new RegExp(`2 New ${tag}-1 Mobile forensics clinic`) })).toBeVisible();
  expect(await sessionsReportedBy(orgId)).toEqual([]);
  await page.getByRole("button", { name: "Import 2 rows" }).click();
  await expect(page.getByRole("status")).toContainText("2 created, 0 updated, 0 unchanged");
  expect(await sessionsReportedBy(orgId)).toHaveLength(2);

  // The imported sessions are in the registry, text exactly as in the file.
  await page.goto(`/sessions?q=${encodeURIComponent(tag)}`);
  await expect(page.getByRole("heading", { name: "2 sessions" })).toBeVisible();
  await page.getByRole("link", { name: `Mobile forensics clinic ${tag}` }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Mobile forensics clinic ${tag}` })).toBeVisible();
  await expect(page.getByText("مرحبا 👋, =1+1")).toBeVisible();

  // The same file again: all unchanged.
  await page.goto("/sessions/import");
  if (js) await waitForHydration(page);
  await upload(page, csvFile(orgName, tag, false));
  await expect(page.getByRole("list", { name: "What the import would do" })).toContainText("0 to create");
  await expect(page.getByRole("list", { name: "What the import would do" })).toContainText("2 unchanged");
  await page.getByRole("button", { name: "Import 2 rows" }).click();
  await expect(page.getByRole("status")).toContainText("0 created, 0 updated, 2 unchanged");
  expect(await sessionsReportedBy(orgId)).toHaveLength(2);
}

test("a trainer imports a CSV file: bad row refused, preview, confirm, re-import unchanged", async ({ page, signIn }) => {
  const org = await freshOrganisation();
  await signIn("trainer", { organisationId: org.id });
  await importFlow(page, true, org.id, org.name);
});

test("a preview made before someone else changed the sessions is shown again, not applied", async ({ page, signIn }) => {
  const org = await freshOrganisation();
  await signIn("trainer", { organisationId: org.id });
  const tag = `E2E${Date.now()}S`;
  await page.goto("/sessions/import");
  await waitForHydration(page);
  await upload(page, csvFile(org.name, tag, false));
  await page.getByRole("button", { name: "Import 2 rows" }).click();
  await expect(page.getByRole("status")).toContainText("2 created");

  // The file changes one session's participants; while its preview is open, another writer moves the city.
  await page.goto("/sessions/import");
  await waitForHydration(page);
  const edited = csvFile(org.name, tag, false);
  edited.buffer = Buffer.from(edited.buffer.toString().replace(",POLICE,18,", ",POLICE,19,"));
  await upload(page, edited);
  await expect(page.getByRole("list", { name: "What the import would do" })).toContainText("1 to update");
  const { client } = e2eDb();
  try {
    await client.execute({ sql: "UPDATE training_session SET city = 'Funafuti', version = version + 1 WHERE reporting_org_id = ? AND external_id = ?", args: [org.id, `${tag}-1`] });
  } finally {
    client.close();
  }
  await page.getByRole("button", { name: "Import 2 rows" }).click();
  await expect(page.getByRole("alert")).toContainText("Nothing was imported");
  await expect(page.getByRole("heading", { name: "Preview: nothing has been written yet" })).toBeVisible();
  expect(await sessionsReportedBy(org.id)).toEqual(expect.arrayContaining([expect.objectContaining({ city: "Funafuti", participants: 18 })]));

  // Confirmed again against the registry as it is now: the file's values win, and the result says so.
  await page.getByRole("button", { name: "Import 2 rows" }).click();
  await expect(page.getByRole("status")).toContainText("0 created, 1 updated, 1 unchanged");
  expect(await sessionsReportedBy(org.id)).toEqual(expect.arrayContaining([expect.objectContaining({ participants: 19 })]));
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the same import works as plain form posts", async ({ page, signIn }) => {
    const org = await freshOrganisation();
    await signIn("trainer", { organisationId: org.id });
    await importFlow(page, false, org.id, org.name);
  });

  test("a coordinator's choice of organisation stays chosen when the file comes back with problems", async ({ page, signIn }) => {
    const org = await freshOrganisation();
    await signIn("coordinator");
    await page.goto("/sessions/import");
    await page.getByLabel("Reporting organisation").selectOption({ label: org.name });
    await upload(page, csvFile(org.name, `E2E${Date.now()}C`, true));
    await expect(page.getByRole("region", { name: /1 problem; nothing was imported/ })).toBeVisible();
    await expect(page.getByLabel("Reporting organisation")).toHaveValue(org.id);
  });
});

test("only trainers and coordinators see the import; others are refused", async ({ page, signIn }) => {
  await signIn("donor");
  await page.goto("/sessions");
  await expect(page.getByRole("heading", { level: 1, name: "Training sessions" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Import from CSV" })).toHaveCount(0);
  const response = await page.goto("/sessions/import");
  expect(response?.status()).toBe(403);
});
