// The course catalogue end to end: searching and filtering as a visitor,
// adding a course as a trainer (with and without JavaScript), bad input, and
// a trainer refused another organisation's course.
import { and, asc, eq, isNull, ne } from "drizzle-orm";
import { courses, organisations } from "#db/schema";
import { test, expect, e2eDb, waitForHydration } from "./fixtures";
import { type Page } from "@playwright/test";

/** A live, active demo course with its provider. */
async function someCourse() {
  const { client, db } = e2eDb();
  try {
    const [course] = await db
      .select({ id: courses.id, title: courses.title, level: courses.level, providerId: courses.providerId })
      .from(courses)
      .where(and(isNull(courses.deletedAt), eq(courses.status, "active")))
      .orderBy(asc(courses.createdAt))
      .limit(1);
    expect(course, "demo data has an active course").toBeTruthy();
    return course;
  } finally {
    client.close();
  }
}

/** An organisation other than `providerId`, for a trainer who must not touch that course. */
async function anotherOrganisation(providerId: string) {
  const { client, db } = e2eDb();
  try {
    const [org] = await db
      .select({ id: organisations.id, name: organisations.name })
      .from(organisations)
      .where(and(isNull(organisations.deletedAt), ne(organisations.id, providerId)))
      .limit(1);
    return org;
  } finally {
    client.close();
  }
}

async function courseTitle(id: string) {
  const { client, db } = e2eDb();
  try {
    const [row] = await db.select({ title: courses.title }).from(courses).where(eq(courses.id, id));
    return row?.title;
  } finally {
    client.close();
  }
}

const LEVEL_LABELS: Record<string, string> = {
  awareness: "Awareness",
  foundation: "Foundation",
  intermediate: "Intermediate",
  advanced: "Advanced",
  train_the_trainer: "Train the trainer",
};

async function fillRequiredFields(page: Page, title: string) {
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Summary").fill("A two-day practical course on extracting evidence from phones.");
  await page.getByLabel("Description").fill("## What you will learn\n\n- acquisition\n- **reporting**");
  await page.getByLabel("Level").selectOption({ label: "Intermediate" });
  await page.getByLabel("Delivery mode").selectOption({ label: "Blended" });
  await page.getByLabel("Duration (hours)").fill("14");
  await page.getByRole("group", { name: "Topics" }).getByRole("checkbox", { name: "Mobile device forensics" }).check();
  await page.getByRole("group", { name: "Audiences" }).getByRole("checkbox", { name: "Forensic examiners" }).check();
  await page.getByRole("group", { name: "Languages" }).getByRole("checkbox", { name: "English" }).check();
}

test("a visitor searches the catalogue, filters by a facet with counts and opens a course", async ({ page }) => {
  const course = await someCourse();
  await page.goto("/courses");
  await waitForHydration(page);
  await page.getByLabel("Search courses").fill(course.title);
  await page.getByRole("button", { name: "Apply filters" }).first().click();
  // The URL changes once the results have arrived.
  await expect(page).toHaveURL(/[?&]q=/);
  await expect(page.getByRole("link", { name: course.title, exact: true })).toBeVisible();

  // The count next to a facet value is the number of courses ticking it shows.
  const levelLabel = LEVEL_LABELS[course.level];
  const levelFacet = page.getByRole("group", { name: "Level" });
  const levelName = { name: new RegExp(`^${levelLabel} \\d+ courses?$`) };
  const levelBox = levelFacet.getByRole("checkbox", levelName);
  const row = levelFacet.getByRole("listitem").filter({ has: page.getByRole("checkbox", levelName) });
  const shown = Number((await row.innerText()).match(/(\d+)\s*courses?\s*$/)?.[1]);
  expect(shown).toBeGreaterThan(0);
  await levelBox.check();
  await page.getByRole("button", { name: "Apply filters" }).first().click();
  await expect(page).toHaveURL(new RegExp(`level=${course.level}`));
  await expect(page.getByRole("heading", { level: 2, name: shown === 1 ? "1 course" : `${shown} courses` })).toBeVisible();
  await expect(levelBox).toBeChecked();

  await page.getByRole("link", { name: course.title, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: course.title })).toBeVisible();
  await expect(page.getByRole("heading", { name: /Training sessions/ })).toBeVisible();
  await expect(page.getByRole("link", { name: "Edit course" })).toHaveCount(0);
});

test("a trainer adds a course and finds it by searching its title", async ({ page, signIn }) => {
  const course = await someCourse();
  await signIn("trainer", { organisationId: course.providerId });
  await page.goto("/courses/new");
  await waitForHydration(page);
  const title = `Phone evidence workshop ${Date.now()}`;
  await fillRequiredFields(page, title);
  await page.getByRole("button", { name: "Add course" }).click();

  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(page.getByRole("status")).toHaveText("Course added to the catalogue.");
  await expect(page.getByRole("heading", { name: "What you will learn" })).toBeVisible();

  await page.goto("/courses");
  await waitForHydration(page);
  await page.getByLabel("Search courses").fill(title);
  await page.getByRole("button", { name: "Apply filters" }).first().click();
  await expect(page.getByRole("heading", { level: 2, name: "1 course" })).toBeVisible();
  await expect(page.getByRole("link", { name: title })).toBeVisible();
});

test("a trainer may not edit another organisation's course", async ({ page, signIn }) => {
  const course = await someCourse();
  const other = await anotherOrganisation(course.providerId);
  await signIn("trainer", { organisationId: other.id });

  const response = await page.goto(`/courses/${course.id}/edit`);
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { level: 1, name: "You do not have access to this" })).toBeVisible();

  // Not by posting directly either.
  const post = await page.request.post(`/courses/${course.id}/edit`, {
    form: { title: "Taken over", summary: "x", level: "advanced", mode: "online", topics: "EVID", audiences: "POLICE", languages: "en", version: "1" },
  });
  expect(post.status()).toBe(403);
  expect(await courseTitle(course.id)).toBe(course.title);

  // Nor retire it from its page, where no such buttons are offered.
  await page.goto(`/courses/${course.id}`);
  await expect(page.getByRole("button", { name: "Retire course" })).toHaveCount(0);
  const retire = await page.request.post(`/courses/${course.id}`, { form: { intent: "retire", version: "1" } });
  expect(retire.status()).toBe(403);
});

test("the course form shows what is wrong and keeps what was typed", async ({ page, signIn }) => {
  const course = await someCourse();
  await signIn("trainer", { organisationId: course.providerId });
  await page.goto("/courses/new");
  await waitForHydration(page);
  await page.getByLabel("Summary").fill("Typed summary stays");
  await page.getByLabel("Level").selectOption({ label: "Advanced" });
  await page.getByRole("group", { name: "Audiences" }).getByRole("checkbox", { name: "Prosecutors" }).check();
  await page.getByRole("button", { name: "Add course" }).click();

  await expect(page.getByText("Enter a title")).toBeVisible();
  await expect(page.getByText("Choose at least one topic")).toBeVisible();
  await expect(page.getByLabel("Title")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Summary")).toHaveValue("Typed summary stays");
  await expect(page.getByLabel("Level")).toHaveValue("advanced");
  await expect(page.getByRole("group", { name: "Audiences" }).getByRole("checkbox", { name: "Prosecutors" })).toBeChecked();
  await expect(page).toHaveURL(/\/courses\/new$/);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("a trainer adds a course, the server checking the form", async ({ page, signIn }) => {
    const course = await someCourse();
    await signIn("trainer", { organisationId: course.providerId });
    await page.goto("/courses/new");
    const title = `Offline course ${Date.now()}`;
    await fillRequiredFields(page, title);
    await page.getByLabel("Title").fill("");
    await page.getByRole("button", { name: "Add course" }).click();

    // The server's answer: the message, and everything else as typed.
    await expect(page.getByText("Enter a title")).toBeVisible();
    await expect(page.getByLabel("Summary")).toHaveValue("A two-day practical course on extracting evidence from phones.");
    await expect(page.getByRole("group", { name: "Topics" }).getByRole("checkbox", { name: "Mobile device forensics" })).toBeChecked();

    await page.getByLabel("Title").fill(title);
    await page.getByRole("button", { name: "Add course" }).click();
    await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
    await expect(page.getByText("14 hours")).toBeVisible();
  });
});
