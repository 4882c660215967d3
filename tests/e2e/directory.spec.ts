// The directory end to end: trainers (filters, profile, contact details by
// sign-in and consent), organisations (what they provided, an edit and its
// history) and countries (by region, without JavaScript, names in the UN
// languages, sessions received).
import AxeBuilder from "@axe-core/playwright";
import { and, asc, count, desc, eq, isNull, ne, sql } from "drizzle-orm";
import { countries, organisations, sessionCountries, topics, trainerLanguages, trainerTopics, trainers, trainingSessions } from "#db/schema";
import { languageLabel } from "~/models/reference.server";
import { test, expect, e2eDb, waitForHydration } from "./fixtures";

async function withDb<T>(read: (db: ReturnType<typeof e2eDb>["db"]) => Promise<T>): Promise<T> {
  const { client, db } = e2eDb();
  try {
    return await read(db);
  } finally {
    client.close();
  }
}

/**
 * A consenting trainer with an email, a subtopic and a language, chosen so
 * that it comes first (A–Z) among everyone matching its parent topic and
 * language: the filters below then show it on the first page.
 */
async function trainerToFind() {
  return withDb(async (db) => {
    const all = await db
      .select({ id: trainers.id, name: trainers.name, email: trainers.email, consent: trainers.contactConsent })
      .from(trainers)
      .where(isNull(trainers.deletedAt))
      .orderBy(asc(sql`${trainers.name} COLLATE NOCASE`));
    const topicRows = await db.select().from(trainerTopics);
    const languageRows = await db.select().from(trainerLanguages);
    const parentOf = (code: string) => code.split(".")[0];
    for (const candidate of all.filter((t) => t.consent && t.email)) {
      for (const { topicCode } of topicRows.filter((r) => r.trainerId === candidate.id && r.topicCode.includes("."))) {
        for (const { language } of languageRows.filter((r) => r.trainerId === candidate.id)) {
          const parent = parentOf(topicCode);
          const first = all.find(
            (t) =>
              topicRows.some((r) => r.trainerId === t.id && parentOf(r.topicCode) === parent) &&
              languageRows.some((r) => r.trainerId === t.id && r.language === language),
          );
          if (first?.id !== candidate.id) continue;
          const [topic] = await db.select({ label: topics.label }).from(topics).where(eq(topics.code, parent));
          return { ...candidate, email: candidate.email!, topicLabel: `${topic.label} (all)`, language: languageLabel(language) };
        }
      }
    }
    throw new Error("demo data has no consenting trainer to find");
  });
}

async function consentingTrainer() {
  return withDb(async (db) => {
    const [trainer] = await db
      .select({ id: trainers.id, name: trainers.name, email: trainers.email })
      .from(trainers)
      .where(and(isNull(trainers.deletedAt), eq(trainers.contactConsent, true), sql`${trainers.email} IS NOT NULL`))
      .orderBy(asc(trainers.name))
      .limit(1);
    expect(trainer, "demo data has a consenting trainer with an email").toBeTruthy();
    return { ...trainer, email: trainer.email! };
  });
}

/** Demo trainers who did not consent have no contact details stored; this one has, so withholding them is tested. */
async function createPrivateTrainer() {
  return withDb(async (db) => {
    const email = `private-${Date.now()}@trainers.example`;
    const [trainer] = await db.insert(trainers).values({ name: "E2E Private Trainer", email, phone: "+1 555 0100", contactConsent: false }).returning();
    return { id: trainer.id, email };
  });
}

async function deleteTrainer(id: string) {
  await withDb((db) => db.update(trainers).set({ deletedAt: new Date().toISOString() }).where(eq(trainers.id, id)));
}

/** The organisation that provided the most sessions, and its newest one. */
async function busiestProvider() {
  return withDb(async (db) => {
    const provided = count(trainingSessions.id);
    const [organisation] = await db
      .select({ id: organisations.id, name: organisations.name, provided })
      .from(organisations)
      .innerJoin(trainingSessions, and(eq(trainingSessions.providerId, organisations.id), isNull(trainingSessions.deletedAt)))
      .where(isNull(organisations.deletedAt))
      .groupBy(organisations.id)
      .orderBy(desc(provided))
      .limit(1);
    const [newest] = await db
      .select({ title: trainingSessions.title })
      .from(trainingSessions)
      .where(and(eq(trainingSessions.providerId, organisation.id), isNull(trainingSessions.deletedAt)))
      .orderBy(desc(trainingSessions.startDate), desc(trainingSessions.id))
      .limit(1);
    return { ...organisation, newestSession: newest.title };
  });
}

/** A beneficiary country with sessions, its region and UN names, and its newest session. */
async function countryWithSessions() {
  return withDb(async (db) => {
    const received = count(sessionCountries.sessionId);
    const [country] = await db
      .select({ code: countries.code, name: countries.nameEn, region: countries.regionName, fr: countries.nameFr, ru: countries.nameRu, received })
      .from(countries)
      .innerJoin(sessionCountries, eq(sessionCountries.countryCode, countries.code))
      .innerJoin(trainingSessions, eq(trainingSessions.id, sessionCountries.sessionId))
      .where(and(isNull(trainingSessions.deletedAt), ne(trainingSessions.status, "cancelled"), sql`${countries.nameRu} IS NOT NULL`))
      .groupBy(countries.code)
      .orderBy(desc(received))
      .limit(1);
    const [newest] = await db
      .select({ title: trainingSessions.title })
      .from(sessionCountries)
      .innerJoin(trainingSessions, eq(trainingSessions.id, sessionCountries.sessionId))
      .where(and(eq(sessionCountries.countryCode, country.code), isNull(trainingSessions.deletedAt), ne(trainingSessions.status, "cancelled")))
      .orderBy(desc(trainingSessions.startDate), desc(trainingSessions.id))
      .limit(1);
    return { ...country, region: country.region!, fr: country.fr!, ru: country.ru!, newestSession: newest.title };
  });
}

/** An organisation nobody else's test looks at: the last one A–Z that provided nothing. */
async function quietOrganisation() {
  return withDb(async (db) => {
    const [organisation] = await db
      .select({ id: organisations.id, name: organisations.name })
      .from(organisations)
      .where(
        and(
          isNull(organisations.deletedAt),
          sql`NOT EXISTS (SELECT 1 FROM ${trainingSessions} WHERE ${trainingSessions.providerId} = ${organisations.id})`,
        ),
      )
      .orderBy(desc(organisations.name))
      .limit(1);
    expect(organisation, "demo data has an organisation that provided nothing").toBeTruthy();
    return organisation;
  });
}

test("a visitor filters trainers by topic and language and opens a profile without contact details", async ({ page }) => {
  const trainer = await trainerToFind();
  await page.goto("/trainers");
  await waitForHydration(page);
  await page.getByRole("combobox", { name: "Expertise" }).selectOption({ label: trainer.topicLabel });
  await page.getByRole("combobox", { name: "Language" }).selectOption({ label: trainer.language });
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/[?&]topic=[A-Z]+&language=[a-z]{2}/);
  await page.getByRole("link", { name: trainer.name, exact: true }).click();

  await expect(page.getByRole("heading", { level: 1, name: trainer.name })).toBeVisible();
  await expect(page.getByText("Contact details are shown to signed-in users when the trainer has agreed.")).toBeVisible();
  await expect(page.getByText(trainer.email)).toHaveCount(0);
  expect(await page.content()).not.toContain(trainer.email);
});

test("a signed-in user sees a consenting trainer's contact details, and not a non-consenting one's", async ({ page, signIn }) => {
  const [consenting, private_] = await Promise.all([consentingTrainer(), createPrivateTrainer()]);
  try {
    await signIn("donor");
    await page.goto(`/trainers/${consenting.id}`);
    await expect(page.getByRole("link", { name: consenting.email })).toHaveAttribute("href", `mailto:${consenting.email}`);

    await page.goto(`/trainers/${private_.id}`);
    await expect(page.getByText("This trainer has not agreed to share contact details.")).toBeVisible();
    expect(await page.content()).not.toContain(private_.email);
  } finally {
    await deleteTrainer(private_.id);
  }
});

test("a visitor opens an organisation's profile and sees the sessions it provided", async ({ page }) => {
  const provider = await busiestProvider();
  await page.goto("/organisations");
  await waitForHydration(page);
  await page.getByLabel("Name or acronym").fill(provider.name);
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/[?&]q=/);
  await page.getByRole("link", { name: provider.name, exact: true }).click();

  await expect(page.getByRole("heading", { level: 1, name: new RegExp(provider.name) })).toBeVisible();
  const provided = page.getByRole("region", { name: "Provided" });
  await expect(provided.getByRole("link", { name: provider.newestSession }).first()).toBeVisible();
  await expect(provided.getByRole("link", { name: "All sessions it provided" })).toHaveAttribute("href", `/sessions?provider=${provider.id}`);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("a visitor browses countries by region and opens a country with its UN names and sessions", async ({ page }) => {
    const country = await countryWithSessions();
    await page.goto("/countries");
    const link = page.getByRole("link", { name: country.name, exact: true });
    await expect(link).toBeHidden();
    await page.getByText(country.region, { exact: true }).click();
    await link.click();

    await expect(page).toHaveURL(`/countries/${country.code}`);
    await expect(page.getByRole("heading", { level: 1, name: country.name })).toBeVisible();
    const names = page.getByRole("region", { name: "Names in the UN languages" });
    await expect(names.getByText(country.ru, { exact: true })).toHaveAttribute("lang", "ru");
    await expect(names.getByText(country.fr, { exact: true })).toHaveAttribute("lang", "fr");
    const sessions = page.getByRole("region", { name: "Sessions received" });
    await expect(sessions.getByRole("link", { name: country.newestSession }).first()).toBeVisible();
    await expect(sessions.getByRole("link", { name: `All sessions for ${country.name}` })).toHaveAttribute("href", `/sessions?country=${country.code}`);

    // Codes are case-insensitive; an unknown one is a 404.
    await page.goto(`/countries/${country.code.toLowerCase()}`);
    await expect(page).toHaveURL(`/countries/${country.code}`);
    expect((await page.goto("/countries/XYZ"))?.status()).toBe(404);
  });
});

test("a coordinator edits an organisation and its history shows the change", async ({ page, signIn }) => {
  const organisation = await quietOrganisation();
  const description = `Edited in an end-to-end test at ${Date.now()}.`;
  await signIn("coordinator");
  await page.goto(`/organisations/${organisation.id}`);
  await waitForHydration(page);
  await page.getByRole("link", { name: "Edit organisation" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Edit organisation" })).toBeVisible();
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
  expect(results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);

  await page.getByLabel("Description").fill(description);
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("heading", { level: 1, name: new RegExp(organisation.name) })).toBeVisible();
  await expect(page.getByText(description)).toBeVisible();

  await page.getByRole("link", { name: "History" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "History of organisation" })).toBeVisible();
  const latest = page.getByRole("row").nth(1);
  await expect(latest).toContainText("Update");
  await expect(latest).toContainText(description);
});
