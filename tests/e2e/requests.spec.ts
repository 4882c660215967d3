// Requests for assistance end to end: a focal point submits a request; a
// coordinator reviews it, accepts a suggested trainer and schedules a session
// from it, seeing the overlap with another provider's plan; the session is
// completed and the request shows delivered; the focal point's inbox shows
// each step. The donor's check gives the right
// verdicts on a small hand-built case (page, JSON and no-JavaScript form).
// A focal point cannot see or edit another country's non-public request.
import AxeBuilder from "@axe-core/playwright";
import { type Page } from "@playwright/test";
import { addDays, addYears, formatISO } from "date-fns";
import { and, eq, sql } from "drizzle-orm";
import { ulid } from "ulid";
import * as s from "#db/schema";
import { e2eDb, expect, test, waitForHydration } from "./fixtures";

const iso = (d: Date) => formatISO(d, { representation: "date" });
const unique = () => `${Date.now()}-${Math.random().toString(36).slice(2, 6)}`;
// The password the signIn fixture gives every user it creates.
const FIXTURE_PASSWORD = "e2e-password-123";

async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
}

async function signInAgain(page: Page, email: string) {
  await page.goto("/login");
  await waitForHydration(page);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(FIXTURE_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
}

/** A trainer who fits the request exactly: expertise, language, worked in the country, agreed to be contacted. */
async function createFittingTrainer(name: string, countryCode: string) {
  const { client, db } = e2eDb();
  try {
    const [org] = await db.select({ id: s.organisations.id }).from(s.organisations).where(sql`deleted_at IS NULL`).limit(1);
    const [trainer] = await db.insert(s.trainers).values({ name, organisationId: org.id, contactConsent: true, bio: "End-to-end test trainer." }).returning();
    await db.insert(s.trainerTopics).values({ trainerId: trainer.id, topicCode: "EVID.MOBILE" });
    await db.insert(s.trainerLanguages).values({ trainerId: trainer.id, language: "en" });
    await db.insert(s.trainerCountries).values({ trainerId: trainer.id, countryCode });
    return trainer.id;
  } finally {
    client.close();
  }
}

/** Another provider's planned session on the same topic and audience in the country: an overlapping effort. */
async function plantOverlappingSession(title: string, countryCode: string, startDate: string) {
  const { client, db } = e2eDb();
  try {
    const [org] = await db.insert(s.organisations).values({ name: `Neighbouring Provider ${unique()}`, kind: "ngo" }).returning();
    const id = ulid();
    await db.insert(s.trainingSessions).values({ id, title, providerId: org.id, reportingOrgId: org.id, hostCountry: countryCode, startDate, endDate: startDate, status: "planned" });
    await db.insert(s.sessionCountries).values({ sessionId: id, countryCode });
    await db.insert(s.sessionTopics).values({ sessionId: id, topicCode: "EVID.MOBILE" });
    await db.insert(s.sessionAudiences).values({ sessionId: id, audienceCode: "POLICE" });
  } finally {
    client.close();
  }
}

test("a request goes from submission to delivery, and the focal point's inbox shows each step", async ({ page, signIn }) => {
  test.setTimeout(120_000);
  const title = `Phone forensics for the cyber desk ${unique()}`;
  const trainerName = `Aaron Abara ${unique()}`;
  const trainerId = await createFittingTrainer(trainerName, "NRU");

  // The focal point of Nauru submits a request.
  const focal = await signIn("focal_point", { countryCode: "NRU" });
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Requests" }).click();
  await page.getByRole("link", { name: "Request assistance" }).click();
  await waitForHydration(page);
  await expect(page.getByText("Country: Nauru")).toBeVisible();
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Description").fill("Six investigators need to extract and preserve evidence from phones.");
  await page.getByRole("group", { name: "Topics" }).getByRole("checkbox", { name: "Mobile device forensics" }).check();
  await page.getByRole("group", { name: "Audiences" }).getByRole("checkbox", { name: "Police and investigators" }).check();
  await page.getByRole("group", { name: "Languages" }).getByRole("checkbox", { name: "English" }).check();
  await page.getByLabel("Expected participants").fill("6");
  await page.getByLabel("Urgency").selectOption("high");
  const wanted = iso(addYears(new Date(), 1));
  await page.getByLabel("Wanted from").fill(wanted);
  await page.getByRole("button", { name: "Submit request" }).click();
  await expect(page.getByRole("heading", { level: 1, name: new RegExp(title) })).toBeVisible();
  await expect(page.getByRole("status")).toContainText("Request submitted");
  const requestUrl = page.url();
  await signOut(page);

  // A coordinator reviews it, accepts the suggested trainer and schedules a session.
  await signIn("coordinator");
  await page.goto(requestUrl);
  await waitForHydration(page);
  await page.getByLabel("New status").selectOption({ label: "Under review" });
  await page.getByRole("button", { name: "Change status" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Under review");
  const trainers = page.getByRole("table", { name: "Trainers" });
  const row = trainers.getByRole("row").filter({ hasText: trainerName });
  await expect(row).toContainText("Has worked in Nauru");
  await row.getByRole("button", { name: `Accept ${trainerName}` }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Matched");
  await expect(page.getByRole("region", { name: /Linked courses/ }).getByRole("link", { name: trainerName })).toBeVisible();

  // Someone else already plans similar training there a few weeks later: scheduling shows it.
  const neighbour = `Handset evidence clinic ${unique()}`;
  await plantOverlappingSession(neighbour, "NRU", iso(addDays(addYears(new Date(), 1), 20)));
  await page.getByRole("link", { name: "Create planned session" }).click();
  await expect(page.getByText(/For the request/)).toBeVisible();
  await waitForHydration(page);
  const warning = page.getByRole("region", { name: "Similar sessions already registered" });
  await expect(warning).toContainText("Overlapping effort");
  await expect(warning.getByRole("link", { name: neighbour })).toBeVisible();
  await expect(page.getByLabel("Title", { exact: true })).toHaveValue(title);
  await expect(page.getByLabel("Host country")).toHaveValue("NRU");
  await expect(page.getByRole("group", { name: "Topics" }).getByRole("checkbox", { name: "Mobile device forensics" })).toBeChecked();
  await expect(page.getByLabel("Start date")).toHaveValue(wanted);
  // The accepted trainer comes along, and so does their organisation as provider.
  await expect(page.getByRole("listbox", { name: "Trainers" })).toHaveValues([trainerId]);
  await expect(page.getByRole("combobox", { name: "Provider" })).not.toHaveValue("");
  await page.getByLabel("End date").fill(iso(addDays(addYears(new Date(), 1), 2)));
  await page.getByRole("button", { name: "Register session" }).click();
  await expect(page.getByRole("status")).toContainText("Session registered and linked to the request");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Scheduled");

  // The session is delivered: marking it completed delivers the request.
  await page.getByRole("region", { name: /Linked courses/ }).getByRole("link", { name: title }).click();
  await expect(page.getByRole("link", { name: "Edit session" })).toBeVisible();
  await expect(page.getByRole("link", { name: trainerName })).toHaveCount(1);
  await page.getByRole("link", { name: "Edit session" }).click();
  await waitForHydration(page);
  const done = iso(addDays(new Date(), -3));
  await page.getByLabel("Start date").fill(done);
  await page.getByLabel("End date").fill(done);
  await page.getByLabel("Status").selectOption("completed");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Completed");
  await page.goto(requestUrl);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Delivered");
  const timeline = page.getByRole("region", { name: "Timeline" });
  for (const step of ["Submitted → Under review", "Under review → Matched", "Matched → Scheduled", "Scheduled → Delivered"]) await expect(timeline).toContainText(step);
  await signOut(page);

  // The focal point finds each step in their inbox.
  await signInAgain(page, focal.email);
  await page.getByRole("link", { name: "Inbox (4)" }).click();
  await expect(page.getByText("4 unread notifications.")).toBeVisible();
  const inbox = page.getByRole("list").filter({ hasText: title });
  await expect(inbox.getByRole("listitem")).toHaveCount(4);
  await expect(inbox).toContainText(`Request “${title}” (Nauru): Submitted → Under review`);
  await expect(inbox).toContainText(`Under review → Matched. Trainer linked: ${trainerName}`);
  await expect(inbox).toContainText("Matched → Scheduled. Session planned:");
  await expect(inbox).toContainText("Scheduled → Delivered. Session completed:");
  await page.getByRole("button", { name: "Mark all as read" }).click();
  await expect(page.getByText("Nothing unread.")).toBeVisible();
  await expect(page.getByRole("link", { name: "Inbox", exact: true })).toBeVisible();
});

/** A country no demo session, request or assessment mentions, with a small case built in it. */
async function buildCheckCase() {
  const { client, db } = e2eDb();
  try {
    const [country] = await db.all<{ code: string; name: string }>(sql`
      SELECT code, name_en AS name FROM country c WHERE region_code IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM session_country WHERE country_code = c.code)
        AND NOT EXISTS (SELECT 1 FROM assistance_request WHERE country_code = c.code)
        AND NOT EXISTS (SELECT 1 FROM needs_assessment WHERE country_code = c.code)
      ORDER BY code LIMIT 1`);
    const suffix = unique();
    const sessionIds: string[] = [];
    const [a, b] = await db
      .insert(s.organisations)
      .values([
        { name: `Check Academy ${suffix}`, kind: "academic" },
        { name: `Check Foundation ${suffix}`, kind: "ngo" },
      ])
      .returning();
    const addSession = async (values: { title: string; providerId: string; status: "completed" | "planned"; startDate: string; topic: string }) => {
      const id = ulid();
      sessionIds.push(id);
      const { topic, ...rest } = values;
      await db.insert(s.trainingSessions).values({ id, ...rest, reportingOrgId: values.providerId, hostCountry: country.code, endDate: values.startDate });
      await db.insert(s.sessionCountries).values({ sessionId: id, countryCode: country.code });
      await db.insert(s.sessionTopics).values({ sessionId: id, topicCode: topic });
      await db.insert(s.sessionAudiences).values({ sessionId: id, audienceCode: "POLICE" });
    };
    await addSession({ title: `Delivered forensics ${suffix}`, providerId: a.id, status: "completed", startDate: iso(addDays(new Date(), -100)), topic: "EVID.MOBILE" });
    await addSession({ title: `Planned interviewing ${suffix}`, providerId: b.id, status: "planned", startDate: iso(addDays(new Date(), 60)), topic: "VIC.INTERVIEW" });
    const [assessment] = await db.insert(s.needsAssessments).values({ countryCode: country.code, assessedOn: iso(addDays(new Date(), -30)), assessor: "E2E" }).returning();
    await db.insert(s.needsAssessmentItems).values({ assessmentId: assessment.id, topicCode: "COOP.MLA", level: 3 });
    return { country, providerA: a.name, providerB: b.name, deliveredSessionId: sessionIds[0], deliveredTitle: `Delivered forensics ${suffix}` };
  } finally {
    client.close();
  }
}

test("the donor's check gives the right verdicts on a hand-built case, on the page and as JSON", async ({ page, request }) => {
  const { country, providerA, providerB } = await buildCheckCase();
  const from = iso(addYears(new Date(), -1));
  const query = `country=${country.code}&topic=EVID.MOBILE&topic=VIC.INTERVIEW&topic=COOP.MLA&from=${from}`;
  await page.goto(`/check?${query}`);
  const verdicts = page.getByRole("table", { name: "One verdict per topic" });
  const verdictRow = (topic: string) => verdicts.getByRole("row").filter({ has: page.getByRole("rowheader", { name: topic }) });
  await expect(verdictRow("Mobile device forensics")).toContainText(`Covered Covered recently by ${providerA}`);
  await expect(verdictRow("Child-sensitive interviewing")).toContainText(`Planned Planned by ${providerB} in`);
  await expect(verdictRow("Mutual legal assistance")).toContainText("Gap Gap: nothing delivered or planned in this period, with assessed need critical (3)");
  await expect(page.getByRole("link", { name: "This check as JSON" })).toHaveAttribute("href", `/api/v1/check?${query}`);

  const json = await (await request.get(`/api/v1/check?${query}`)).json();
  expect(json.verdicts.map((v: { topic: string; verdict: string; delivered: number; planned: number; needLevel: number | null }) => [v.topic, v.verdict, v.delivered, v.planned, v.needLevel])).toEqual([
    ["EVID.MOBILE", "covered", 1, 0, null],
    ["VIC.INTERVIEW", "planned", 0, 1, null],
    ["COOP.MLA", "gap", 0, 0, 3],
  ]);
  const bad = await request.get(`/api/v1/check?country=${country.code}&from=yesterday`);
  expect(bad.status()).toBe(400);
  expect(await bad.json()).toMatchObject({ parameter: "from" });
  const neither = await request.get("/api/v1/check?topic=EVID");
  expect(neither.status()).toBe(400);
  expect(await neither.json()).toMatchObject({ parameter: "country" });
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("a donor records funding for a session; the session, the donor's page and the check show it", async ({ page, signIn }) => {
    const { country, deliveredSessionId, deliveredTitle } = await buildCheckCase();
    const { client, db } = e2eDb();
    const [donor] = await db.insert(s.organisations).values({ name: `Harbour Light Fund ${unique()}`, kind: "donor" }).returning();
    client.close();
    await signIn("donor", { organisationId: donor.id });

    await page.goto(`/sessions/${deliveredSessionId}`);
    const funding = page.getByRole("region", { name: "Funding" });
    await expect(funding).toContainText("No funding recorded.");
    await funding.getByRole("link", { name: "Record funding" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Record funding" })).toBeVisible();
    await page.getByLabel("Status").selectOption("committed");
    await page.getByLabel("Amount").fill("25000");
    await page.getByLabel("Currency").selectOption("EUR");
    await page.getByRole("button", { name: "Record funding" }).click();
    await expect(page.getByRole("status")).toContainText("Funding recorded.");
    await expect(page.getByRole("heading", { level: 1 })).toContainText(deliveredTitle);
    const row = page.getByRole("region", { name: "Funding" }).getByRole("row").filter({ hasText: donor.name });
    await expect(row).toContainText("Committed");
    await expect(row).toContainText("EUR 25,000");

    await row.getByRole("link", { name: donor.name, exact: true }).click();
    await expect(page.getByRole("heading", { level: 1, name: donor.name })).toBeVisible();
    await expect(page.getByRole("region", { name: "Funded" })).toContainText(deliveredTitle);

    await page.goto(`/check?country=${country.code}&topic=EVID`);
    const inCheck = page.getByRole("region", { name: "Funding" }).getByRole("row").filter({ hasText: donor.name });
    await expect(inCheck).toContainText(deliveredTitle);
    await expect(inCheck).toContainText("EUR 25,000");
  });

  // Marshall Islands: no other test writes there, so only this test's events reach the inbox.
  test("a donor follows a country; a focal point's request there and its triage reach the donor's inbox", async ({ page, signIn }) => {
    const title = `Hotline staff training ${unique()}`;
    const donor = await signIn("donor");
    await page.goto("/countries/MHL");
    await page.getByRole("group", { name: "Follow" }).getByRole("button", { name: "Follow Marshall Islands" }).click();
    await expect(page.getByRole("status")).toContainText("You follow Marshall Islands.");
    await expect(page.getByRole("button", { name: "Unfollow Marshall Islands" })).toBeVisible();
    await signOut(page);

    await signIn("focal_point", { countryCode: "MHL" });
    await page.goto("/requests/new");
    await page.getByLabel("Title").fill(title);
    await page.getByLabel("Description").fill("Hotline staff need to handle reports of online abuse.");
    await page.getByRole("group", { name: "Topics" }).getByRole("checkbox", { name: "Reporting channels and hotlines" }).check();
    await page.getByRole("button", { name: "Submit request" }).click();
    await expect(page.getByRole("status")).toContainText("Request submitted");
    await expect(page.getByRole("heading", { level: 1, name: new RegExp(title) })).toBeVisible();
    const requestUrl = page.url();
    await signOut(page);

    // A coordinator declines it: a reason is required, and the form says so without JavaScript.
    await signIn("coordinator");
    await page.goto(requestUrl);
    await page.getByLabel("New status").selectOption({ label: "Declined" });
    await page.getByRole("button", { name: "Change status" }).click();
    await expect(page.getByText("Give the reason for declining, so the requesting country knows why.")).toBeVisible();
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Submitted");
    await page.getByLabel("New status").selectOption({ label: "Declined" });
    await page.getByLabel("Note for the requesting country").fill("A regional hotline course already covers this in March.");
    await page.getByRole("button", { name: "Change status" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Declined");
    await expect(page.getByRole("region", { name: "Timeline" })).toContainText("Submitted → Declined");
    await signOut(page);

    await page.goto("/login");
    await page.getByLabel("Email").fill(donor.email);
    await page.getByLabel("Password").fill(FIXTURE_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("link", { name: "Inbox (2)" }).click();
    await expect(page.getByText("2 unread notifications.")).toBeVisible();
    await expect(page.getByRole("main")).toContainText(`New assistance request from Marshall Islands: ${title}`);
    await expect(page.getByRole("main")).toContainText(`Request “${title}” (Marshall Islands): Submitted → Declined`);
  });

  test("a visitor fills in the check form and gets a linkable answer", async ({ page }) => {
    await page.goto("/check");
    await page.getByLabel("Country").selectOption({ label: "Kenya" });
    await page.getByRole("group", { name: "Topics" }).getByRole("checkbox", { name: "Electronic evidence", exact: true }).check();
    await page.getByLabel("From", { exact: true }).fill("2020-01-01");
    await page.getByRole("button", { name: "Check" }).click();
    await expect(page).toHaveURL(/country=KEN/);
    await expect(page).toHaveURL(/topic=EVID/);
    await expect(page.getByRole("heading", { name: /Verdicts for Kenya/ })).toBeVisible();
    await expect(page.getByRole("table", { name: "One verdict per topic" }).getByRole("rowheader", { name: "Electronic evidence" })).toBeVisible();
  });
});

test("a focal point cannot see or edit another country's non-public request, on the pages or through the API", async ({ page, request, signIn }) => {
  const { client, db } = e2eDb();
  const [hidden] = await db
    .select({ id: s.assistanceRequests.id, title: s.assistanceRequests.title })
    .from(s.assistanceRequests)
    .where(and(eq(s.assistanceRequests.countryCode, "KEN"), eq(s.assistanceRequests.isPublic, false), sql`deleted_at IS NULL`))
    .limit(1);
  const [open] = await db
    .select({ id: s.assistanceRequests.id })
    .from(s.assistanceRequests)
    .where(and(eq(s.assistanceRequests.countryCode, "KEN"), eq(s.assistanceRequests.isPublic, true), sql`deleted_at IS NULL`, sql`status IN ('submitted', 'under_review', 'matched', 'scheduled')`))
    .limit(1);
  client.close();
  expect(hidden && open, "demo data has public and non-public open requests from Kenya").toBeTruthy();

  await signIn("focal_point", { countryCode: "UGA" });
  const seen = await page.goto(`/requests/${hidden.id}`);
  expect(seen?.status()).toBe(404);
  expect((await page.goto(`/requests/${hidden.id}/edit`))?.status()).toBe(404);
  const tampered = await page.request.post(`/requests/${hidden.id}`, { form: { intent: "status", to: "withdrawn", version: "1" } });
  expect(tampered.status()).toBe(404);
  await page.goto("/requests?country=KEN");
  // Demo titles repeat, so look for this request's own address.
  await expect(page.locator(`a[href="/requests/${hidden.id}"]`)).toHaveCount(0);

  // A public request of another country is readable, not changeable.
  expect((await page.goto(`/requests/${open.id}`))?.status()).toBe(200);
  await expect(page.getByRole("button", { name: "Withdraw request" })).toHaveCount(0);
  expect((await page.goto(`/requests/${open.id}/edit`))?.status()).toBe(403);
  const withdraw = await page.request.post(`/requests/${open.id}`, { form: { intent: "status", to: "withdrawn", version: "1" } });
  expect(withdraw.status()).toBe(403);

  // The JSON API applies the same rule, filtered by country or not, signed in or not.
  const apiIds = async (get: (url: string) => Promise<{ json(): Promise<unknown> }>, url: string) =>
    ((await (await get(url)).json()) as { items: { id: string }[] }).items.map((i) => i.id);
  for (const url of ["/api/v1/requests?country=KEN&pageSize=500", "/api/v1/requests?pageSize=500"]) {
    const asFocal = await apiIds((u) => page.request.get(u), url);
    expect(asFocal).not.toContain(hidden.id);
    expect(asFocal).toContain(open.id);
    const asVisitor = await apiIds((u) => request.get(u), url);
    expect(asVisitor).not.toContain(hidden.id);
    expect(asVisitor).toContain(open.id);
  }
  // Kenya's own focal point and a coordinator do see it, so the filter is not simply dropping everything non-public.
  await signOut(page);
  await signIn("focal_point", { countryCode: "KEN" });
  expect(await apiIds((u) => page.request.get(u), "/api/v1/requests?country=KEN&pageSize=500")).toContain(hidden.id);
  expect((await page.goto(`/requests/${hidden.id}`))?.status()).toBe(200);
});

test("the request, check, inbox and funding pages have no serious or critical accessibility violations", async ({ page, signIn }) => {
  test.setTimeout(180_000);
  const { client, db } = e2eDb();
  const [req] = await db.select({ id: s.assistanceRequests.id }).from(s.assistanceRequests).where(and(eq(s.assistanceRequests.status, "submitted"), sql`deleted_at IS NULL`)).limit(1);
  const [session] = await db.select({ id: s.trainingSessions.id }).from(s.trainingSessions).where(sql`deleted_at IS NULL`).limit(1);
  client.close();
  await signIn("coordinator");
  const pages = [
    "/check?country=KEN&topic=EVID&topic=VIC&from=2020-01-01",
    "/requests",
    `/requests/${req.id}`,
    "/requests/new",
    `/sessions/new?request=${req.id}`,
    "/inbox",
    "/follows",
    "/countries/KEN",
    `/fundings/new?session=${session.id}`,
    `/sessions/${session.id}`,
  ];
  for (const path of pages) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(200);
    const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    expect(
      serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")})`),
      `axe on ${path}`,
    ).toEqual([]);
  }
});
