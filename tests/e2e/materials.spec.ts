// The materials library: downloads that honour the access level, access
// requests and their decision, and uploads checked against their content.
import { createHash } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { type Page } from "@playwright/test";
import { asc, eq } from "drizzle-orm";
import { ulid } from "ulid";
import { materials, organisations } from "#db/schema";
import { e2eDb, expect, test, waitForHydration } from "./fixtures";

// Must match the data folder playwright.config.ts gives the server (UPLOAD_DIR defaults to DATA_DIR/uploads).
const UPLOAD_DIR = path.resolve(`.cache/e2e-${process.env.E2E_PORT ?? 3100}/data/uploads`);

const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");
const pdfBytes = (label: string) => Buffer.from(`%PDF-1.4\n% ${label}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`);

async function anyOrganisationId() {
  const { client, db } = e2eDb();
  try {
    const [org] = await db.select({ id: organisations.id }).from(organisations).orderBy(asc(organisations.name)).limit(1);
    return org.id;
  } finally {
    client.close();
  }
}

/** A material with a real file on disk, written straight into the e2e database. */
async function materialWithFile(accessLevel: "public" | "registered" | "restricted") {
  const title = `E2E ${accessLevel} handbook ${ulid()}`;
  const bytes = pdfBytes(title);
  const filePath = `e2e/${ulid()}-handbook.pdf`;
  mkdirSync(path.join(UPLOAD_DIR, "e2e"), { recursive: true });
  writeFileSync(path.join(UPLOAD_DIR, filePath), bytes);
  const { client, db } = e2eDb();
  try {
    const [row] = await db
      .insert(materials)
      .values({
        title,
        kind: "handbook",
        language: "en",
        publisherId: await anyOrganisationId(),
        accessLevel,
        fileName: "Field handbook.pdf",
        filePath,
        fileSize: bytes.length,
        mediaType: "application/pdf",
        sha256: sha256(bytes),
      })
      .returning();
    return { id: row.id, title, bytes };
  } finally {
    client.close();
  }
}

async function expectDownloadOf(page: Page, linkName: RegExp, bytes: Buffer) {
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: linkName }).click()]);
  expect(download.suggestedFilename()).toBe("Field handbook.pdf");
  const stream = await download.createReadStream();
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  expect(sha256(Buffer.concat(chunks))).toBe(sha256(bytes));
}

test("an unvetted user requests a restricted material, a coordinator grants it, and then they can download it", async ({ page, signIn }) => {
  const material = await materialWithFile("restricted");
  await signIn("focal_point", { countryCode: "KEN" });
  await page.goto(`/materials/${material.id}`);
  await waitForHydration(page);
  await expect(page.getByRole("heading", { name: material.title })).toBeVisible();
  await expect(page.getByText("Restricted", { exact: true }).first()).toBeVisible();
  await expect(page.getByRole("link", { name: /^Download/ })).toHaveCount(0);

  // The file's own address does not open it either.
  const refused = await page.request.get(`/materials/${material.id}/download`);
  expect(refused.status()).toBe(403);
  expect(refused.headers()["content-type"]).toContain("text/html");
  await page.goto(`/materials/${material.id}/download`);
  await expect(page.getByRole("heading", { name: "You do not have access to this" })).toBeVisible();
  await page.getByRole("link", { name: "Go to the material's page" }).click();
  await waitForHydration(page);

  // A reason is required.
  await page.getByRole("button", { name: "Request access" }).click();
  await expect(page.getByText("Say why you need this material")).toBeVisible();
  await page.getByLabel("Why do you need this material?").fill("I lead the digital evidence course for the Nairobi cybercrime unit.");
  await page.getByRole("button", { name: "Request access" }).click();
  await expect(page.getByText("Your request is pending")).toBeVisible();
  await expect(page.getByRole("button", { name: "Request access" })).toHaveCount(0);

  // The coordinator signs in on the same page; the requester's session is kept aside.
  const requesterCookies = (await page.context().storageState()).cookies;
  await page.getByRole("button", { name: "Sign out" }).click();
  // Signed out before signing in again: /login sends a signed-in visitor home.
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
  await signIn("coordinator");
  await page.goto("/coordination/access-requests");
  await waitForHydration(page);
  const card = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: material.title }) });
  await expect(card).toContainText("I lead the digital evidence course for the Nairobi cybercrime unit.");
  await card.getByRole("button", { name: /^Grant/ }).click();
  await expect(page.getByText("Access granted.")).toBeVisible();
  const decided = page.getByRole("table").getByRole("row").filter({ hasText: material.title });
  await expect(decided).toContainText("Granted");

  // Back as the requester: the download is open to them now.
  await page.context().clearCookies();
  await page.context().addCookies(requesterCookies);
  await page.goto(`/materials/${material.id}`);
  await waitForHydration(page);
  const response = await page.request.get(`/materials/${material.id}/download`);
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toBe("application/pdf");
  expect(response.headers()["x-content-type-options"]).toBe("nosniff");
  expect(response.headers()["content-disposition"]).toContain("attachment;");
  expect(sha256(await response.body())).toBe(sha256(material.bytes));
  await expectDownloadOf(page, /^Download Field handbook\.pdf/, material.bytes);
});

test("a visitor downloads a public material and is sent to sign in for a registered one", async ({ page }) => {
  const open = await materialWithFile("public");
  const registered = await materialWithFile("registered");

  await page.goto(`/materials/${open.id}`);
  await waitForHydration(page);
  await expectDownloadOf(page, /^Download Field handbook\.pdf/, open.bytes);

  await page.goto(`/materials/${registered.id}`);
  await waitForHydration(page);
  await expect(page.getByRole("link", { name: /^Download/ })).toHaveCount(0);
  const redirect = await page.request.get(`/materials/${registered.id}/download`, { maxRedirects: 0 });
  expect(redirect.status()).toBe(302);
  expect(redirect.headers()["location"]).toBe(`/login?redirectTo=%2Fmaterials%2F${registered.id}`);
  await page.getByRole("link", { name: "Sign in to download" }).click();
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  expect(new URL(page.url()).searchParams.get("redirectTo")).toBe(`/materials/${registered.id}`);
});

test("the library lists restricted materials with a lock but no file", async ({ page }) => {
  const material = await materialWithFile("restricted");
  await page.goto(`/materials?${new URLSearchParams({ q: material.title, access: "restricted" })}`);
  await waitForHydration(page);
  const card = page.getByRole("listitem").filter({ has: page.getByRole("link", { name: material.title }) });
  await expect(card).toContainText("Restricted");
  await expect(card.getByRole("link")).toHaveCount(1);
});

async function fillMaterialForm(page: Page, title: string) {
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Kind").selectOption("handbook");
  await page.getByLabel("Language").selectOption("en");
  await page.getByLabel("Edition").fill("v1.0");
}

test("a trainer uploads a PDF for their organisation; a text file named .pdf is refused", async ({ page, signIn }) => {
  const organisationId = await anyOrganisationId();
  await signIn("trainer", { organisationId });
  await page.goto("/materials/new");
  await waitForHydration(page);

  const fakeTitle = `E2E fake PDF ${ulid()}`;
  await fillMaterialForm(page, fakeTitle);
  await page.getByLabel("File", { exact: true }).setInputFiles({ name: "notes.pdf", mimeType: "application/pdf", buffer: Buffer.from("Just some notes, not a PDF.\n") });
  await page.getByRole("button", { name: "Add material" }).click();
  await expect(page.getByText("This file's content is not a PDF.")).toBeVisible();
  await expect(page.getByLabel("Title")).toHaveValue(fakeTitle);

  const title = `E2E uploaded handbook ${ulid()}`;
  const bytes = pdfBytes(title);
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("File", { exact: true }).setInputFiles({ name: "Uploaded handbook.pdf", mimeType: "application/pdf", buffer: bytes });
  await page.getByRole("button", { name: "Add material" }).click();
  await expect(page.getByRole("heading", { name: title })).toBeVisible();
  await expect(page.getByText("Material added to the library.")).toBeVisible();
  await expect(page.getByText(sha256(bytes))).toBeVisible();

  await page.goto(`/materials?${new URLSearchParams({ q: title })}`);
  await expect(page.getByRole("link", { name: title })).toBeVisible();

  const { client, db } = e2eDb();
  try {
    expect(await db.select({ id: materials.id }).from(materials).where(eq(materials.title, fakeTitle))).toEqual([]);
    const [saved] = await db.select().from(materials).where(eq(materials.title, title));
    expect(saved).toMatchObject({ publisherId: organisationId, sha256: sha256(bytes), mediaType: "application/pdf", fileSize: bytes.length });
  } finally {
    client.close();
  }
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("a trainer uploads a material", async ({ page, signIn }) => {
    await signIn("trainer", { organisationId: await anyOrganisationId() });
    await page.goto("/materials/new");
    const title = `E2E no-JS upload ${ulid()}`;
    await fillMaterialForm(page, title);
    await page.getByLabel("File", { exact: true }).setInputFiles({ name: "guide.pdf", mimeType: "application/pdf", buffer: pdfBytes(title) });
    await page.getByRole("button", { name: "Add material" }).click();
    await expect(page.getByRole("heading", { name: title })).toBeVisible();
    await expect(page.getByRole("link", { name: /^Download guide\.pdf/ })).toBeVisible();
  });
});
