import { and, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { auditEvents, courseTopics, courses, topics } from "#db/schema";
import { createTestActor, createTestDb, createTestOrganisation, type TestDb } from "#tests/setup/test-db";
import { type SignedInActor } from "~/utils/permissions.server";
import { readCourseListFilters } from "./api/catalogue.server";
import { searchCourses } from "./course-search.server";
import {
  createCourse,
  deleteCourse,
  getCourse,
  restoreCourse,
  setCourseStatus,
  updateCourse,
  type CourseInput,
} from "./courses.server";
import { StaleVersionError } from "./records.server";

let t: TestDb;
let providerId: string;
let coordinator: SignedInActor;

beforeEach(async () => {
  t = createTestDb();
  providerId = (await createTestOrganisation(t.db, "Lakeside Police Academy")).id;
  coordinator = await createTestActor(t.db, "coordinator");
});
afterEach(() => t.cleanup());

function input(overrides: Partial<CourseInput> = {}): CourseInput {
  return {
    title: "Seizing electronic evidence",
    summary: "Hands-on first response at a scene.",
    description: "",
    providerId,
    level: "foundation",
    mode: "in_person",
    durationHours: 16,
    prerequisites: null,
    topics: ["EVID.GATHER"],
    audiences: ["POLICE"],
    offences: [],
    languages: ["en"],
    ...overrides,
  };
}

const add = (overrides: Partial<CourseInput> = {}) => createCourse(t.db, coordinator, input(overrides));
const read = (query = "") => readCourseListFilters(t.db, new URLSearchParams(query));
async function search(query = "") {
  const { filters, problems } = await read(query);
  expect(problems).toEqual([]);
  return searchCourses(t.db, filters);
}
const titles = async (query = "") => (await search(query)).items.map((i) => i.title);

async function expectForbidden(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(Response);
  expect((error as Response).status).toBe(403);
}

describe("searching the catalogue", () => {
  it("reads the page's query as the API does: active courses by title, 20 a page, by relevance when there is text", async () => {
    expect((await read()).filters).toEqual({
      q: "",
      filters: { topic: [], audience: [], offence: [], level: [], mode: [], language: [], provider: [] },
      status: "active",
      sort: "title",
      page: 1,
      pageSize: 20,
    });
    expect((await read("q=evidence")).filters.sort).toBe("relevance");
    expect((await read("q=evidence&sort=newest")).filters.sort).toBe("newest");
    expect((await read("sort=relevance")).filters.sort).toBe("title");
    expect((await read("topic=EVID&topic=INV.PROACTIVE;evid&level=advanced&language=FR")).filters.filters).toMatchObject({
      topic: ["EVID", "INV.PROACTIVE"],
      level: ["advanced"],
      language: ["fr"],
    });
  });

  it("leaves out and names each value it cannot use, and keeps the rest", async () => {
    const { filters, problems } = await read(`status=bogus&sort=x&page=-3&topic=ZZZ&audience=POLICE&offence=NOPE&provider=nobody&q=a`);
    expect(problems).toEqual([
      { parameter: "status", error: expect.stringContaining('(got "bogus")') },
      { parameter: "sort", error: expect.stringContaining('(got "x")') },
      { parameter: "page", error: expect.stringContaining('(got "-3")') },
      { parameter: "topic", error: "Unknown topic code: ZZZ" },
      { parameter: "offence", error: "Unknown offence focus code: NOPE" },
      { parameter: "provider", error: "Unknown organisation id: nobody" },
    ]);
    expect(filters).toMatchObject({ q: "a", status: "active", sort: "relevance", page: 1, filters: { topic: [], audience: ["POLICE"], offence: [], provider: [] } });
  });

  it("finds courses by words and prefixes, best matches first", async () => {
    await add({ title: "Courtroom skills", summary: "Presenting findings", description: "Includes a module on mobile forensics." });
    await add({ title: "Mobile device forensics", summary: "Extracting data from phones" });
    await add({ title: "Interviewing children", summary: "Child-sensitive methods", topics: ["VIC.INTERVIEW"] });
    expect(await titles("q=forens")).toEqual(["Mobile device forensics", "Courtroom skills"]);
    expect(await titles("q=forens&sort=title")).toEqual(["Courtroom skills", "Mobile device forensics"]);
    expect(await titles('q="mobile device"')).toEqual(["Mobile device forensics"]);
    // Operators and stray quotes are just text, never an error.
    expect(await titles('q=" OR NEAR( -child*')).toEqual([]);
  });

  it("lists by title without text, newest first on request, 20 a page", async () => {
    for (let i = 1; i <= 22; i++) await add({ title: `Course ${String(i).padStart(2, "0")}` });
    const first = await search();
    expect(first.total).toBe(22);
    expect(first.items).toHaveLength(20);
    expect(first.items[0].title).toBe("Course 01");
    expect((await search("page=2")).items.map((i) => i.title)).toEqual(["Course 21", "Course 22"]);
    expect((await search("sort=newest")).items[0].title).toBe("Course 22");
  });

  it("matches a parent topic to its subtopics, and not to look-alike codes", async () => {
    await t.db.insert(topics).values({ code: "EVIDENCE", label: "A look-alike code" });
    await add({ title: "Tagged with a subtopic", topics: ["EVID.MOBILE"] });
    await add({ title: "Tagged with the parent", topics: ["EVID"] });
    await add({ title: "Another branch", topics: ["INV.PROACTIVE"] });
    await add({ title: "Look-alike", topics: ["EVIDENCE"] });
    expect(await titles("topic=EVID")).toEqual(["Tagged with a subtopic", "Tagged with the parent"]);
    expect(await titles("topic=EVID.MOBILE")).toEqual(["Tagged with a subtopic"]);
    expect(await titles("topic=EVID&topic=INV")).toEqual(["Another branch", "Tagged with a subtopic", "Tagged with the parent"]);
  });

  it("counts each facet value given the other facets' filters", async () => {
    await add({ title: "A", audiences: ["POLICE"], level: "foundation", topics: ["EVID.MOBILE", "EVID.GATHER"], languages: ["en", "fr"] });
    await add({ title: "B", summary: "Courtroom practice", audiences: ["POLICE", "PROSECUTOR"], level: "advanced", topics: ["EVID.PRESENT"] });
    await add({ title: "C", audiences: ["JUDGE"], level: "advanced", topics: ["COOP.MLA"], languages: ["fr"] });

    const result = await search("audience=POLICE");
    expect(result.items.map((i) => i.title)).toEqual(["A", "B"]);
    const count = (facet: keyof typeof result.facets, value: string) => result.facets[facet].find((o) => o.value === value)?.count;
    // Its own facet ignores its own filter, so the alternatives stay visible.
    expect(count("audience", "POLICE")).toBe(2);
    expect(count("audience", "JUDGE")).toBe(1);
    // Other facets are narrowed by it.
    expect(count("level", "advanced")).toBe(1);
    expect(count("level", "foundation")).toBe(1);
    // A parent counts a course once, however many of its subtopics it has.
    expect(count("topic", "EVID")).toBe(2);
    expect(count("topic", "EVID.MOBILE")).toBe(1);
    expect(count("topic", "COOP")).toBe(0);
    expect(count("language", "fr")).toBe(1);
    expect(result.facets.audience.find((o) => o.value === "POLICE")?.selected).toBe(true);
    expect(result.facets.provider).toEqual([expect.objectContaining({ value: providerId, count: 2, label: "Lakeside Police Academy" })]);

    // Text narrows the counts too.
    const narrowed = await search("q=courtroom&audience=POLICE");
    expect(narrowed.facets.audience.find((o) => o.value === "POLICE")?.count).toBe(1);
  });

  it("hides retired courses unless asked for, and deleted ones always", async () => {
    await add({ title: "Current" });
    const old = await add({ title: "Old" });
    await setCourseStatus(t.db, { id: old.id, expectedVersion: 1, actor: coordinator, status: "retired" });
    const gone = await add({ title: "Gone" });
    await deleteCourse(t.db, { id: gone.id, expectedVersion: 1, actor: coordinator });
    expect(await titles()).toEqual(["Current"]);
    expect(await titles("status=retired")).toEqual(["Old"]);
    expect(await titles("status=all")).toEqual(["Current", "Old"]);
    expect((await search()).facets.level.find((o) => o.value === "foundation")?.count).toBe(1);
  });
});

describe("who may write courses", () => {
  it("lets a trainer add and edit courses of their own organisation only", async () => {
    const trainer = await createTestActor(t.db, "trainer", { organisationId: providerId });
    const course = await createCourse(t.db, trainer, input());
    await updateCourse(t.db, { id: course.id, expectedVersion: 1, actor: trainer, input: input({ title: "Renamed" }) });

    const other = await createTestOrganisation(t.db);
    await expectForbidden(createCourse(t.db, trainer, input({ providerId: other.id })));
    // …nor hand their course over to another provider.
    await expectForbidden(updateCourse(t.db, { id: course.id, expectedVersion: 2, actor: trainer, input: input({ providerId: other.id }) }));

    const outsider = await createTestActor(t.db, "trainer", { organisationId: other.id });
    await expectForbidden(updateCourse(t.db, { id: course.id, expectedVersion: 2, actor: outsider, input: input({ providerId: other.id }) }));
    await expectForbidden(setCourseStatus(t.db, { id: course.id, expectedVersion: 2, actor: outsider, status: "retired" }));
    const [row] = await t.db.select().from(courses).where(eq(courses.id, course.id));
    expect(row).toMatchObject({ title: "Renamed", providerId, status: "active", version: 2 });
  });

  it("refuses focal points, donors, visitors and trainers without an organisation", async () => {
    const course = await add();
    for (const actor of [
      await createTestActor(t.db, "focal_point", { countryCode: "KEN" }),
      await createTestActor(t.db, "donor", { organisationId: providerId }),
      await createTestActor(t.db, "trainer"),
      null,
    ]) {
      await expectForbidden(createCourse(t.db, actor, input()));
      await expectForbidden(updateCourse(t.db, { id: course.id, expectedVersion: 1, actor, input: input({ title: "Nope" }) }));
    }
    expect(await t.db.select().from(courses)).toHaveLength(1);
  });

  it("lets coordinators write for any provider, and only them delete and restore", async () => {
    const other = await createTestOrganisation(t.db);
    const course = await add({ providerId: other.id });
    const trainer = await createTestActor(t.db, "trainer", { organisationId: other.id });
    await expectForbidden(deleteCourse(t.db, { id: course.id, expectedVersion: 1, actor: trainer }));

    await deleteCourse(t.db, { id: course.id, expectedVersion: 1, actor: coordinator });
    expect(await getCourse(t.db, trainer, course.id)).toBeNull();
    expect(await getCourse(t.db, null, course.id)).toBeNull();
    expect((await getCourse(t.db, coordinator, course.id))?.deletedAt).toBeTruthy();
    await expectForbidden(restoreCourse(t.db, { id: course.id, expectedVersion: 2, actor: trainer }));
    await restoreCourse(t.db, { id: course.id, expectedVersion: 2, actor: coordinator });
    expect(await getCourse(t.db, null, course.id)).toMatchObject({ title: "Seizing electronic evidence", provider: { id: other.id } });
  });
});

describe("editing", () => {
  it("rejects a stale version and writes nothing, links included", async () => {
    const course = await add();
    await updateCourse(t.db, { id: course.id, expectedVersion: 1, actor: coordinator, input: input({ title: "First edit" }) });
    await expect(
      updateCourse(t.db, { id: course.id, expectedVersion: 1, actor: coordinator, input: input({ title: "Late edit", topics: ["COOP.MLA"] }) }),
    ).rejects.toBeInstanceOf(StaleVersionError);
    const [row] = await t.db.select().from(courses).where(eq(courses.id, course.id));
    expect(row).toMatchObject({ title: "First edit", version: 2 });
    const links = await t.db.select().from(courseTopics).where(eq(courseTopics.courseId, course.id));
    expect(links.map((l) => l.topicCode)).toEqual(["EVID.GATHER"]);
    const events = await t.db.select().from(auditEvents).where(eq(auditEvents.recordId, course.id));
    expect(events.map((e) => e.action)).toEqual(["create", "update"]);
  });

  it("audits fields and list changes with before and after", async () => {
    const course = await add({ topics: ["EVID.GATHER", "EVID"], languages: ["en"] });
    const [created] = await t.db.select().from(auditEvents).where(eq(auditEvents.recordId, course.id));
    expect(created).toMatchObject({ action: "create", actorId: coordinator.id, recordKind: "course" });
    expect(created.changes).toMatchObject({ title: { before: null, after: "Seizing electronic evidence" }, topics: { before: [], after: ["EVID", "EVID.GATHER"] } });

    await updateCourse(t.db, {
      id: course.id,
      expectedVersion: 1,
      actor: coordinator,
      input: input({ title: "Seizing and preserving evidence", topics: ["EVID.GATHER", "EVID"], languages: ["en", "es"] }),
    });
    const [updated] = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.recordId, course.id), eq(auditEvents.action, "update")));
    expect(updated.changes).toEqual({
      title: { before: "Seizing electronic evidence", after: "Seizing and preserving evidence" },
      languages: { before: ["en"], after: ["en", "es"] },
    });
  });

  it("retires and reactivates, audited as such", async () => {
    const course = await add();
    await setCourseStatus(t.db, { id: course.id, expectedVersion: 1, actor: coordinator, status: "retired" });
    await setCourseStatus(t.db, { id: course.id, expectedVersion: 2, actor: coordinator, status: "active" });
    const events = await t.db.select().from(auditEvents).where(eq(auditEvents.recordId, course.id)).orderBy(auditEvents.id);
    expect(events.map((e) => e.action)).toEqual(["create", "retire", "reactivate"]);
    expect(events[1].changes).toEqual({ status: { before: "active", after: "retired" } });
  });
});
