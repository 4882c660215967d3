import { and, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { topics, trainingSessions } from "#db/schema";
import { createTestActor, createTestDb, createTestOrganisation, type TestDb } from "#tests/setup/test-db";
import { parseSessionFilters } from "~/domain/session-filters";
import { statusConflict, type SessionStatus } from "~/domain/session-status";
import { type SignedInActor } from "~/utils/permissions.server";
import { readSessionListFilters } from "./api/sessions.server";
import { listSessions, listSessionsNeedingUpdate, needsUpdateCondition, sessionConditions } from "./session-list.server";
import { createSession, type SessionInput } from "./sessions.server";

const TODAY = "2026-06-15";

let t: TestDb;
let orgA: string;
let orgB: string;
let funder: string;
let coordinator: SignedInActor;

beforeEach(async () => {
  t = createTestDb();
  orgA = (await createTestOrganisation(t.db, "Lakeside Police Academy")).id;
  orgB = (await createTestOrganisation(t.db, "Hilltop Institute")).id;
  funder = (await createTestOrganisation(t.db, "Riverside Fund", "donor")).id;
  coordinator = await createTestActor(t.db, "coordinator");
});
afterEach(() => t.cleanup());

function add(title: string, overrides: Partial<SessionInput> = {}) {
  return createSession(t.db, coordinator, {
    courseId: null,
    title,
    providerId: orgA,
    reportingOrgId: orgA,
    externalId: null,
    hostCountry: "KEN",
    city: null,
    countries: [],
    startDate: "2026-03-02",
    endDate: "2026-03-04",
    status: "completed",
    topics: ["EVID.MOBILE"],
    audiences: ["FORENSIC"],
    offences: [],
    funders: [],
    trainers: [],
    language: null,
    mode: null,
    participants: null,
    participantsFemale: null,
    participantsMale: null,
    outcomes: null,
    notes: null,
    ...overrides,
  });
}

const PAGE = { page: 1, pageSize: 25 };
function filtersOf(query: string) {
  const parsed = parseSessionFilters(new URLSearchParams(query));
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value;
}
const list = (query = "", paging = PAGE) => listSessions(t.db, filtersOf(query), paging, TODAY);
const titles = async (query = "") => (await list(query)).items.map((i) => i.title).sort();

describe("reading a list page's filters", () => {
  const read = (query: string) => readSessionListFilters(t.db, new URLSearchParams(query));

  it("reports an impossible date and leaves it out rather than comparing it as text", async () => {
    const { filters, problems } = await read("from=2025-13-45&country=KEN");
    expect(problems).toEqual([{ parameter: "from", error: expect.stringContaining("2025-13-45") }]);
    expect(filters).toMatchObject({ from: null, countries: ["KEN"] });
  });

  it("reports codes and ids that name nothing, each one", async () => {
    const { filters, problems } = await read(`topic=ZZZ&offence=NOPE&reporter=${orgA}&provider=nobody`);
    expect(problems.map((p) => p.parameter)).toEqual(["topic", "offence", "provider"]);
    expect(problems[0].error).toBe("Unknown topic code: ZZZ");
    expect(filters).toMatchObject({ topics: [], offences: [], providers: [], reporter: orgA });
  });

  it("keeps every good filter, reporter and offence included", async () => {
    expect(await read(`reporter=${orgB}&offence=CSAM`)).toEqual({ filters: expect.objectContaining({ reporter: orgB, offences: ["CSAM"] }), problems: [] });
  });
});

describe("filtering sessions", () => {
  it("by beneficiary country, not only the host", async () => {
    await add("Kenya only");
    await add("Regional, hosted in Kenya", { countries: ["KEN", "UGA", "TZA"] });
    await add("Uganda only", { hostCountry: "UGA" });
    expect(await titles("country=UGA")).toEqual(["Regional, hosted in Kenya", "Uganda only"]);
    expect(await titles("country=TZA;UGA")).toEqual(["Regional, hosted in Kenya", "Uganda only"]);
    expect(await titles("country=ken")).toEqual(["Kenya only", "Regional, hosted in Kenya"]);
  });

  it("by M49 region, sub-region or intermediate region", async () => {
    await add("Kenya", { hostCountry: "KEN" }); // Africa 002 / Sub-Saharan 202 / Eastern Africa 014
    await add("Ghana", { hostCountry: "GHA" }); // Africa 002 / Sub-Saharan 202 / Western Africa 011
    await add("Egypt", { hostCountry: "EGY" }); // Africa 002 / Northern Africa 015
    await add("France", { hostCountry: "FRA" }); // Europe 150
    await add("Hosted in France for Kenya", { hostCountry: "FRA", countries: ["KEN"] });
    expect(await titles("region=002")).toEqual(["Egypt", "Ghana", "Hosted in France for Kenya", "Kenya"]);
    expect(await titles("region=202")).toEqual(["Ghana", "Hosted in France for Kenya", "Kenya"]);
    expect(await titles("region=014")).toEqual(["Hosted in France for Kenya", "Kenya"]);
    expect(await titles("region=150")).toEqual(["France"]);
  });

  it("by topic, a code matching its subtopics but not look-alike codes", async () => {
    await t.db.insert(topics).values({ code: "EVIDENCE", label: "A look-alike code" });
    await add("Subtopic", { topics: ["EVID.MOBILE"] });
    await add("Parent", { topics: ["EVID"] });
    await add("Look-alike", { topics: ["EVIDENCE"] });
    await add("Other branch", { topics: ["COOP.MLA"] });
    expect(await titles("topic=EVID")).toEqual(["Parent", "Subtopic"]);
    expect(await titles("topic=EVID.MOBILE")).toEqual(["Subtopic"]);
    expect(await titles("topic=EVID&topic=COOP")).toEqual(["Other branch", "Parent", "Subtopic"]);
  });

  it("by audience and by one or more statuses", async () => {
    await add("Police, planned", { audiences: ["POLICE"], status: "planned", endDate: "2026-12-01", startDate: "2026-11-30" });
    await add("Judges, completed", { audiences: ["JUDGE", "PROSECUTOR"] });
    await add("Judges, cancelled", { audiences: ["JUDGE"], status: "cancelled" });
    expect(await titles("audience=JUDGE")).toEqual(["Judges, cancelled", "Judges, completed"]);
    expect(await titles("status=planned&status=cancelled")).toEqual(["Judges, cancelled", "Police, planned"]);
    expect(await titles("audience=JUDGE&status=completed")).toEqual(["Judges, completed"]);
  });

  it("by offence focus, any of several", async () => {
    await add("Abuse material", { offences: ["CSAM", "LIVE_STREAMING"] });
    await add("Sextortion", { offences: ["SEXTORTION"] });
    await add("No focus recorded");
    expect(await titles("offence=CSAM")).toEqual(["Abuse material"]);
    expect(await titles("offence=sextortion;LIVE_STREAMING")).toEqual(["Abuse material", "Sextortion"]);
  });

  it("by a date window that the session's dates overlap, ends included", async () => {
    await add("March", { startDate: "2026-03-02", endDate: "2026-03-04" });
    await add("Across the month end", { startDate: "2026-03-30", endDate: "2026-04-02" });
    await add("May", { startDate: "2026-05-10", endDate: "2026-05-10" });
    expect(await titles("from=2026-04-01&to=2026-04-30")).toEqual(["Across the month end"]);
    expect(await titles("from=2026-03-04&to=2026-03-04")).toEqual(["March"]);
    expect(await titles("from=2026-05-10")).toEqual(["May"]);
    expect(await titles("to=2026-03-30")).toEqual(["Across the month end", "March"]);
  });

  it("by provider, by funder, by reporting organisation and by words in the title", async () => {
    await add("Provided by A, funded", { funders: [funder] });
    await add("Provided by B", { providerId: orgB });
    await add("100% online_course");
    await add("Reported by the fund", { reportingOrgId: funder });
    expect(await titles(`provider=${orgB}`)).toEqual(["Provided by B"]);
    expect(await titles(`funder=${funder}`)).toEqual(["Provided by A, funded"]);
    expect(await titles(`reporter=${funder}`)).toEqual(["Reported by the fund"]);
    expect(await titles("q=provided BY")).toEqual(["Provided by A, funded", "Provided by B"]);
    // LIKE wildcards in the text are just characters.
    expect(await titles("q=0%")).toEqual(["100% online_course"]);
    expect(await titles("q=e_c")).toEqual(["100% online_course"]);
  });

  it("sorts by start date, newest first or oldest first, 25 a page with the total", async () => {
    for (let day = 1; day <= 27; day++) {
      const date = `2026-01-${String(day).padStart(2, "0")}`;
      await add(`Day ${day}`, { startDate: date, endDate: date });
    }
    const first = await list();
    expect(first.total).toBe(27);
    expect(first.items).toHaveLength(25);
    expect(first.items[0].title).toBe("Day 27");
    expect((await list("", { page: 2, pageSize: 25 })).items.map((i) => i.title)).toEqual(["Day 2", "Day 1"]);
    expect((await list("sort=oldest")).items[0].title).toBe("Day 1");
  });

  it("tells how many beneficiary countries a row has besides its host, and flags status conflicts", async () => {
    await add("Regional", { countries: ["KEN", "UGA", "TZA"] });
    await add("Elsewhere", { hostCountry: "FRA", countries: ["KEN", "UGA"], status: "planned", startDate: "2026-06-01", endDate: "2026-06-14" });
    const items = (await list()).items;
    const row = (title: string) => items.find((i) => i.title === title)!;
    expect(row("Regional")).toMatchObject({ otherCountries: 2, hostCountryName: "Kenya", providerName: "Lakeside Police Academy", conflict: null });
    expect(row("Elsewhere")).toMatchObject({ otherCountries: 2, conflict: "End date passed but still planned" });
  });

  it("finds the same sessions whether join-table filters are read as IN or as EXISTS", async () => {
    await add("Regional", { countries: ["KEN", "UGA"], topics: ["EVID.MOBILE", "COOP.MLA"], audiences: ["POLICE", "JUDGE"], offences: ["CSAM"], funders: [funder] });
    await add("Ghana", { hostCountry: "GHA", topics: ["EVID"], audiences: ["JUDGE"] });
    await add("France", { hostCountry: "FRA", topics: ["PREV.CHILDREN"], audiences: ["EDUCATOR"] });
    const ids = async (query: string, probe: "in" | "exists") => {
      const where = and(...sessionConditions(filtersOf(query), probe));
      return (await t.db.select({ title: trainingSessions.title }).from(trainingSessions).where(where)).map((r) => r.title).sort();
    };
    for (const query of ["country=UGA", "region=002", "region=150", "topic=EVID", "topic=COOP&audience=JUDGE", "audience=EDUCATOR", "offence=CSAM", `funder=${funder}`]) {
      const viaIn = await ids(query, "in");
      expect(viaIn.length, query).toBeGreaterThan(0);
      expect(await ids(query, "exists"), query).toEqual(viaIn);
    }
  });

  it("leaves out deleted sessions", async () => {
    const gone = await add("Deleted");
    await add("Kept");
    await t.db.update(trainingSessions).set({ deletedAt: "2026-01-01T00:00:00Z" }).where(eq(trainingSessions.id, gone.id));
    expect(await titles()).toEqual(["Kept"]);
  });
});

describe("the needs-update list", () => {
  async function fixture() {
    await add("A stale planned", { status: "planned", startDate: "2026-06-01", endDate: "2026-06-14" });
    await add("A completed in the future", { status: "completed", startDate: "2026-06-16", endDate: "2026-06-17" });
    await add("A fine", { status: "planned", startDate: "2026-06-10", endDate: TODAY });
    await add("A cancelled long ago", { status: "cancelled", startDate: "2020-01-01", endDate: "2020-01-01" });
    await add("B-reported, A-provided, stale", { reportingOrgId: orgB, status: "confirmed", startDate: "2026-01-01", endDate: "2026-01-02" });
    await add("B stale", { providerId: orgB, reportingOrgId: orgB, status: "planned", startDate: "2026-01-01", endDate: "2026-01-02" });
  }
  const needing = async (actor: SignedInActor, organisationId?: string) =>
    (await listSessionsNeedingUpdate(t.db, actor, { organisationId, paging: PAGE, today: TODAY })).items.map((i) => i.title).sort();

  it("shows a trainer the conflicts of sessions their organisation reported or provided, with reasons", async () => {
    await fixture();
    const trainer = await createTestActor(t.db, "trainer", { organisationId: orgA });
    expect(await needing(trainer, orgB)).toEqual(["A completed in the future", "A stale planned", "B-reported, A-provided, stale"]);
    const result = await listSessionsNeedingUpdate(t.db, trainer, { paging: PAGE, today: TODAY });
    expect(result.items.find((i) => i.title === "A completed in the future")?.conflict).toBe("Marked completed but starts on 16 Jun 2026");
  });

  it("shows coordinators every conflict, or one organisation's", async () => {
    await fixture();
    expect(await needing(coordinator)).toHaveLength(4);
    expect(await needing(coordinator, orgB)).toEqual(["B stale", "B-reported, A-provided, stale"]);
  });

  it("is not for focal points, donors or visitors", async () => {
    for (const role of ["focal_point", "donor"] as const) {
      const error = await listSessionsNeedingUpdate(t.db, await createTestActor(t.db, role), { paging: PAGE, today: TODAY }).catch((e: unknown) => e);
      expect((error as Response).status).toBe(403);
    }
  });

  it("finds in SQL exactly the sessions statusConflict flags", async () => {
    const dates = ["2026-06-14", TODAY, "2026-06-16"];
    const statuses: SessionStatus[] = ["planned", "confirmed", "completed", "cancelled"];
    const cases = statuses.flatMap((status) =>
      dates.flatMap((startDate) => dates.filter((endDate) => endDate >= startDate).map((endDate) => ({ status, startDate, endDate }))),
    );
    for (const c of cases) await add(`${c.status} ${c.startDate} ${c.endDate}`, c);
    const rows = await t.db.select().from(trainingSessions).where(needsUpdateCondition(TODAY));
    const expected = cases.filter((c) => statusConflict(c, TODAY)).map((c) => `${c.status} ${c.startDate} ${c.endDate}`);
    expect(rows.map((r) => r.title).sort()).toEqual(expected.sort());
  });
});
