// Duplication end to end: a planned session that overlaps another
// provider's is warned about while it is entered (live with JavaScript, on a
// confirmation step without); a coordinator reviews and merges a pair of
// reports of one delivery and undoes the merge from the merged record; a
// pair dismissed as "not a duplicate" does not come back.
import AxeBuilder from "@axe-core/playwright";
import { type Page } from "@playwright/test";
import { eq, inArray } from "drizzle-orm";
import { ulid } from "ulid";
import { organisations, sessionAudiences, sessionCountries, sessionTopics, trainingSessions } from "#db/schema";
import { e2eDb, expect, test, waitForHydration } from "./fixtures";

// Far beyond the demo data (which ends in 2027), so nothing else is nearby.
const YEAR = 2029;
const compareHref = (kind: string, ids: string[]) => `/duplicates/compare?${new URLSearchParams([["kind", kind], ...ids.map((id) => ["id", id])]).toString()}`;
const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

async function organisation(name: string, acronym: string | null = null) {
  const { client, db } = e2eDb();
  try {
    const [row] = await db.insert(organisations).values({ name, acronym, kind: "ngo" }).returning();
    return row.id;
  } finally {
    client.close();
  }
}

type SessionValues = {
  title: string;
  providerId: string;
  reportingOrgId?: string;
  country: string;
  startDate: string;
  endDate: string;
  status?: "planned" | "completed";
  externalId?: string;
  providerRef?: string;
  participants?: number;
};

async function addSession(v: SessionValues) {
  const { client, db } = e2eDb();
  try {
    const id = ulid();
    await db.insert(trainingSessions).values({
      id,
      title: v.title,
      providerId: v.providerId,
      reportingOrgId: v.reportingOrgId ?? v.providerId,
      hostCountry: v.country,
      startDate: v.startDate,
      endDate: v.endDate,
      status: v.status ?? "planned",
      externalId: v.externalId ?? null,
      providerRef: v.providerRef ?? null,
      participants: v.participants ?? null,
    });
    await db.insert(sessionCountries).values({ sessionId: id, countryCode: v.country });
    await db.insert(sessionTopics).values({ sessionId: id, topicCode: "EVID.MOBILE" });
    await db.insert(sessionAudiences).values({ sessionId: id, audienceCode: "POLICE" });
    return id;
  } finally {
    client.close();
  }
}

async function fillPlannedSession(page: Page, args: { title: string; country: string; start: string; end: string }) {
  await page.getByLabel("Title", { exact: true }).fill(args.title);
  await page.getByRole("group", { name: "Topics" }).getByRole("checkbox", { name: "Mobile device forensics" }).check();
  await page.getByRole("group", { name: "Audiences" }).getByRole("checkbox", { name: "Police and investigators" }).check();
  await page.getByLabel("Host country").selectOption({ label: args.country });
  await page.getByLabel("Start date").fill(args.start);
  await page.getByLabel("End date").fill(args.end);
}

/** Another provider's planned session, and a trainer of a new organisation who is about to plan one nearby. */
async function overlapSetting(page: Page, signIn: (role: "trainer", o: { organisationId: string }) => Promise<unknown>, country: string) {
  const suffix = unique();
  const other = await organisation(`Other Provider ${suffix}`);
  const existing = `Handset forensics week ${suffix}`;
  await addSession({ title: existing, providerId: other, country, startDate: `${YEAR}-03-02`, endDate: `${YEAR}-03-06` });
  await signIn("trainer", { organisationId: await organisation(`Planning Provider ${suffix}`) });
  return { existing, mine: `Smartphone evidence workshop ${suffix}` };
}

test("a trainer entering a planned session sees the overlapping session as the form is filled in", async ({ page, signIn }) => {
  const { existing, mine } = await overlapSetting(page, signIn, "PLW");
  await page.goto("/sessions/new");
  await waitForHydration(page);
  await fillPlannedSession(page, { title: mine, country: "Palau", start: `${YEAR}-04-20`, end: `${YEAR}-04-22` });
  const warning = page.getByRole("region", { name: "Similar sessions already registered" });
  await expect(warning).toContainText("Overlapping effort");
  await expect(warning.getByRole("link", { name: existing })).toBeVisible();
  await expect(warning).toContainText("45 days apart");

  // Seen while typing, so saving goes straight through.
  await page.getByRole("button", { name: "Register session" }).click();
  await expect(page.getByRole("heading", { level: 1, name: mine })).toBeVisible();
  await expect(page.getByRole("status")).toHaveText("Session registered.");
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("saving a planned session that overlaps another stops once on a confirmation step", async ({ page, signIn }) => {
    const { existing, mine } = await overlapSetting(page, signIn, "TON");
    await page.goto("/sessions/new");
    await fillPlannedSession(page, { title: mine, country: "Tonga", start: `${YEAR}-03-04`, end: `${YEAR}-03-05` });
    await page.getByRole("button", { name: "Register session" }).click();

    await expect(page.getByText("Similar sessions are already registered")).toBeVisible();
    const warning = page.getByRole("region", { name: "Please confirm: similar sessions exist" });
    await expect(warning.getByRole("link", { name: existing })).toBeVisible();
    await expect(warning).toContainText("at the same time");
    // Nothing was saved, and what was typed is still there.
    await expect(page.getByLabel("Title", { exact: true })).toHaveValue(mine);
    await expect(page.getByLabel("Host country")).toHaveValue("TON");

    await page.getByRole("button", { name: "Register session anyway" }).click();
    await expect(page.getByRole("heading", { level: 1, name: mine })).toBeVisible();
    await expect(page.getByRole("status")).toHaveText("Session registered.");
  });
});

/** One delivery reported twice: by its provider and, with a reworded title, by its funder. */
async function reportedTwice(country: string, month: string) {
  const suffix = unique();
  const provider = await organisation(`Regional Cyber Academy ${suffix}`, `RCA${suffix.slice(0, 4).toUpperCase()}`);
  const funder = await organisation(`Justice Fund ${suffix}`);
  const title = `Mobile phone forensics for first responders ${suffix}`;
  const own = await addSession({ title, providerId: provider, country, startDate: `${YEAR}-${month}-10`, endDate: `${YEAR}-${month}-12`, status: "completed", externalId: `RCA-${suffix}`, participants: 24 });
  const funders = await addSession({
    title: `Mobile Phone Forensics for First Responders ${suffix}`,
    providerId: provider,
    reportingOrgId: funder,
    country,
    startDate: `${YEAR}-${month}-11`,
    endDate: `${YEAR}-${month}-12`,
    status: "completed",
    providerRef: `RCA-${suffix}`,
  });
  return { title, ids: [own, funders] };
}

async function liveness(ids: string[]) {
  const { client, db } = e2eDb();
  try {
    return await db.select({ id: trainingSessions.id, deletedAt: trainingSessions.deletedAt, duplicateOf: trainingSessions.duplicateOf }).from(trainingSessions).where(inArray(trainingSessions.id, ids));
  } finally {
    client.close();
  }
}

test("a coordinator reviews a pair side by side, merges it, and undoes the merge from the merged record", async ({ page, signIn }) => {
  const { title, ids } = await reportedTwice("FJI", "05");
  await signIn("coordinator");

  // Flagged wherever sessions are listed, until reviewed.
  await page.goto("/sessions?country=FJI");
  const row = page.getByRole("row").filter({ has: page.getByRole("link", { name: title, exact: true }) });
  await expect(row.getByText("Possible duplicate")).toBeVisible();

  await page.goto("/coordination");
  await page.getByRole("link", { name: "possible duplicates to review" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Possible duplicates" })).toBeVisible();

  await page.goto(compareHref("session", ids));
  await waitForHydration(page);
  await expect(page.getByRole("heading", { level: 1, name: "Compare 2 sessions" })).toBeVisible();
  const why = page.getByRole("region", { name: "Why they were proposed" });
  await expect(why).toContainText(/score \d\.\d\d/);
  // The differing field is marked, with a choice per record; the kept record defaults to the fuller one.
  const titleRow = page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: /^Title/ }) });
  await expect(titleRow).toContainText("differs");
  await expect(page.getByRole("radio", { name: "Participants: use record 1" })).toBeChecked();
  await page.getByRole("button", { name: "Merge into the kept record" }).click();
  await expect(page.getByRole("status")).toContainText("Merged.");

  const afterMerge = await liveness(ids);
  const merged = afterMerge.find((r) => r.deletedAt)!;
  const survivor = afterMerge.find((r) => !r.deletedAt)!;
  expect(merged.duplicateOf).toBe(survivor.id);
  await page.goto("/sessions?country=FJI");
  await expect(page.getByRole("row").filter({ hasText: title })).toHaveCount(1);
  await expect(page.getByRole("row").filter({ hasText: title }).getByText("Possible duplicate")).toHaveCount(0);

  await page.goto(`/sessions/${merged.id}`);
  await expect(page.getByText("This record was merged into")).toBeVisible();
  await page.getByRole("button", { name: "Undo merge" }).click();
  await expect(page.getByRole("status")).toContainText("Merge undone");
  expect((await liveness(ids)).every((r) => !r.deletedAt && !r.duplicateOf)).toBe(true);
});

test("a pair marked not a duplicate is not proposed again, even after one record changes", async ({ page, signIn }) => {
  const { ids } = await reportedTwice("WSM", "07");
  await signIn("coordinator");
  const openPairs = async () => {
    const response = await page.request.get("/api/v1/duplicates?kind=session&pageSize=500");
    expect(response.status()).toBe(200);
    return ((await response.json()) as { pairs: { a: string; b: string; status: string }[] }).pairs;
  };
  const isOurs = (p: { a: string; b: string }) => ids.includes(p.a) && ids.includes(p.b);
  expect((await openPairs()).filter(isOurs)).toHaveLength(1);

  await page.goto(compareHref("session", ids));
  await page.getByRole("button", { name: "Not a duplicate" }).click();
  await expect(page.getByRole("status")).toContainText("will not be proposed again");

  // A later edit re-scores the record; the decision still holds.
  const { client, db } = e2eDb();
  try {
    await db.update(trainingSessions).set({ title: "Mobile phone forensics for first responders (revised)", version: 2 }).where(eq(trainingSessions.id, ids[1]));
  } finally {
    client.close();
  }
  expect((await openPairs()).filter(isOurs)).toHaveLength(0);
  const reviewed = await page.request.get("/api/v1/duplicates?kind=session&status=not_duplicate&pageSize=500");
  expect(((await reviewed.json()) as { pairs: { a: string; b: string; status: string }[] }).pairs.filter(isOurs)).toEqual([expect.objectContaining({ status: "not_duplicate" })]);

  await page.goto("/duplicates?kind=session&view=reviewed");
  await expect(page.getByRole("heading", { name: "Reviewed sessions" })).toBeVisible();
});

test("the duplicates and overlaps APIs answer a bad parameter with a 400 naming it", async ({ request }) => {
  const bad = await request.get("/api/v1/duplicates?kind=spaceship");
  expect(bad.status()).toBe(400);
  expect(await bad.json()).toMatchObject({ parameter: "kind" });
  const anonymous = await request.get("/api/v1/duplicates?kind=session");
  expect(anonymous.status()).toBe(401);
  const window = await request.get("/api/v1/overlaps?window=999");
  expect(window.status()).toBe(400);
  expect(await window.json()).toMatchObject({ parameter: "window" });
  const order = await request.get("/api/v1/overlaps?from=2029-05-01&to=2029-01-01");
  expect(await order.json()).toMatchObject({ parameter: "from" });
  const found = await request.get(`/api/v1/overlaps?from=${YEAR}-01-01&to=${YEAR}-12-31`);
  expect(found.status()).toBe(200);
  const body = await found.json();
  expect(body).toMatchObject({ from: `${YEAR}-01-01`, to: `${YEAR}-12-31`, window: 90, page: 1 });
  expect(Array.isArray(body.pairs)).toBe(true);
});

test("donors see overlapping efforts by country with a timeline", async ({ page, signIn }) => {
  const suffix = unique();
  const a = await organisation(`Timeline Provider A ${suffix}`);
  const b = await organisation(`Timeline Provider B ${suffix}`);
  await addSession({ title: `Cellebrite basics ${suffix}`, providerId: a, country: "KIR", startDate: `${YEAR}-09-01`, endDate: `${YEAR}-09-03` });
  await addSession({ title: `Phone extraction lab ${suffix}`, providerId: b, country: "KIR", startDate: `${YEAR}-10-15`, endDate: `${YEAR}-10-16` });
  await signIn("donor");
  await page.goto(`/overlaps?from=${YEAR}-01-01&to=${YEAR}-12-31&country=KIR`);
  const section = page.getByRole("region", { name: /Kiribati/ });
  await expect(section.getByRole("figure", { name: "Timeline of overlapping sessions in Kiribati" })).toBeVisible();
  const pair = section.getByRole("row").filter({ hasText: `Cellebrite basics ${suffix}` });
  await expect(pair).toContainText(`Phone extraction lab ${suffix}`);
  await expect(pair).toContainText("42 days");
  // The window is adjustable: 30 days leaves this pair out.
  await page.goto(`/overlaps?from=${YEAR}-01-01&to=${YEAR}-12-31&country=KIR&window=30`);
  await expect(page.getByRole("row").filter({ hasText: `Cellebrite basics ${suffix}` })).toHaveCount(0);
});

test("the duplicates and overlaps pages have no serious or critical accessibility violations", async ({ page, signIn }) => {
  test.setTimeout(120_000);
  const { ids } = await reportedTwice("NRU", "09");
  await signIn("coordinator");
  for (const path of ["/duplicates", "/duplicates?view=reviewed", compareHref("session", ids), `/overlaps?from=${YEAR}-01-01&to=${YEAR}-12-31`]) {
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
