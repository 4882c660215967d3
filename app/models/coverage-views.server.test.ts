// The coverage pages' views are kept per database and reused while
// coverage_meta.generation stands. These tests pin down that every write they
// depend on, from this connection or another one on the same file (as a CLI
// import in another process would be), shows on the next read.
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { openDatabase, type Database } from "#db/client.server";
import { audiences, offenceFocuses, organisations, topics } from "#db/schema";
import { createTestActor, createTestDb, createTestOrganisation, type TestDb } from "#tests/setup/test-db";
import { testSessionInput } from "#tests/setup/session-input";
import { readPageCoverageFilters, type PageCoverageFilters } from "~/domain/coverage-params";
import { type SignedInActor } from "~/utils/permissions.server";
import { coverageFilterOptions, getCoverageMap, getCoverageMatrix, getGapList, topicOptions } from "./coverage-views.server";
import { createNeedsAssessment } from "./needs-assessments.server";
import { createRequest } from "./requests.server";
import { createOrganisation, deleteOrganisation, updateOrganisation } from "./organisations.server";
import { requestVisibility } from "./requests.server";
import { createSession, deleteSession } from "./sessions.server";

const TODAY = "2026-11-28";
const VISITOR = requestVisibility(null);

let t: TestDb;
/** A second connection to the same file: writes the server's handle did not make. */
let other: { db: Database; close: () => void };
let coordinator: SignedInActor;
let orgId: string;

beforeEach(async () => {
  t = createTestDb();
  const opened = openDatabase(t.url);
  other = { db: opened.db, close: () => opened.client.close() };
  coordinator = await createTestActor(t.db, "coordinator");
  orgId = (await createTestOrganisation(t.db)).id;
});
afterEach(() => {
  other.close();
  t.cleanup();
});

const filters = (query: string): PageCoverageFilters => readPageCoverageFilters(new URLSearchParams(query), TODAY);

function matrixCell(matrix: Awaited<ReturnType<typeof getCoverageMatrix>>, country: string, topic: string) {
  const col = matrix.columns.findIndex((c) => c.code === topic);
  for (const g of matrix.groups) for (const s of g.subgroups) for (const r of s.rows ?? []) if (r.code === country) return r.cells[col];
  throw new Error(`${country} is not in the matrix`);
}

describe("views are reused while nothing changes", () => {
  test("the same filters give the same built objects, other filters their own", async () => {
    const f = filters("window=all&region=002");
    expect(await getCoverageMatrix(t.db, f, ["all"], VISITOR)).toBe(await getCoverageMatrix(t.db, f, ["all"], VISITOR));
    expect(await coverageFilterOptions(t.db)).toBe(await coverageFilterOptions(t.db));
    expect(await getCoverageMatrix(t.db, filters("window=12m&region=002"), ["all"], VISITOR)).not.toBe(await getCoverageMatrix(t.db, f, ["all"], VISITOR));
  });

  test("one database's views are never served for another's", async () => {
    await updateOrganisation(other.db, { id: orgId, expectedVersion: 1, actor: coordinator, input: await orgInput(orgId, "Only in the first database") });
    const second = createTestDb();
    try {
      const names = async (db: Database) => (await coverageFilterOptions(db)).organisations.map((o) => o.name);
      expect(await names(t.db)).toContain("Only in the first database");
      expect(await names(second.db)).not.toContain("Only in the first database");
    } finally {
      second.cleanup();
    }
  });
});

describe("views kept for one viewer are never served to another", () => {
  test("a gap opened only by a non-public request shows to a coordinator, never to a visitor, whoever asks first", async () => {
    const focal = await createTestActor(t.db, "focal_point", { countryCode: "FJI" });
    await createRequest(t.db, focal, {
      countryCode: "FJI", agencyId: null, agencyName: null, title: "Victim interviews", description: "Not for the public.",
      expectedParticipants: null, wantedFrom: null, wantedTo: null, urgency: "high", isPublic: false, topics: ["VIC"], audiences: [], languages: [],
    });
    const f = filters("window=3y&region=009");
    const COORDINATOR = requestVisibility(coordinator);
    const seen = async (viewer: ReturnType<typeof requestVisibility>) => ({
      gaps: (await getGapList(t.db, f, TODAY, viewer, { country: "FJI" })).map((g) => [g.topic, g.openRequests]),
      map: (await getCoverageMap(t.db, f, viewer)).countries.find((c) => c.code === "FJI")?.gap,
      matrix: matrixCell(await getCoverageMatrix(t.db, f, ["all"], viewer), "FJI", "VIC")?.gap ?? false,
    });
    const hidden = { gaps: [], map: false, matrix: false };
    const shown = { gaps: [["VIC", 1]], map: true, matrix: true };
    expect(await seen(VISITOR)).toEqual(hidden);
    expect(await seen(COORDINATOR)).toEqual(shown);
    expect(await seen(VISITOR)).toEqual(hidden);
    expect(await seen(requestVisibility(focal))).toEqual(shown);
  });
});

async function orgInput(id: string, name: string) {
  const [row] = await t.db.select().from(organisations).where(eq(organisations.id, id));
  return { name, acronym: row.acronym, kind: row.kind, countryCode: row.countryCode, website: row.website, description: row.description };
}

describe("a write from another connection shows on the next read", () => {
  test("a session created and then deleted changes the matrix and the map", async () => {
    const f = filters("window=all&region=002");
    const before = matrixCell(await getCoverageMatrix(t.db, f, ["all"], VISITOR), "KEN", "EVID");
    expect(before).toBeNull();
    const mapBefore = (await getCoverageMap(t.db, f, VISITOR)).countries.find((c) => c.code === "KEN");
    expect(mapBefore?.delivered).toBe(0);

    const session = await createSession(
      other.db,
      coordinator,
      testSessionInput({ providerId: orgId, reportingOrgId: orgId, status: "completed", startDate: "2025-03-03", endDate: "2025-03-05", participants: 12 }),
    );
    expect(matrixCell(await getCoverageMatrix(t.db, f, ["all"], VISITOR), "KEN", "EVID")).toMatchObject({ delivered: 1, participants: 12 });
    expect((await getCoverageMap(t.db, f, VISITOR)).countries.find((c) => c.code === "KEN")).toMatchObject({ delivered: 1, participants: 12 });

    await deleteSession(other.db, { id: session.id, expectedVersion: session.version, actor: coordinator });
    expect(matrixCell(await getCoverageMatrix(t.db, f, ["all"], VISITOR), "KEN", "EVID")).toBeNull();
    expect((await getCoverageMap(t.db, f, VISITOR)).countries.find((c) => c.code === "KEN")?.delivered).toBe(0);
  });

  test("a needs assessment opens a gap in the gap list", async () => {
    const f = filters("window=3y");
    const gapsFor = async () => (await getGapList(t.db, f, TODAY, VISITOR, { country: "FJI" })).map((g) => g.topic);
    expect(await gapsFor()).toEqual([]);
    await createNeedsAssessment(other.db, coordinator, { countryCode: "FJI", assessedOn: "2026-10-01", assessor: "Assessor", notes: null, items: [{ topicCode: "VIC", level: 3, notes: null }] });
    expect(await gapsFor()).toContain("VIC");
  });

  test("organisations created, renamed and deleted show in the provider and funder options", async () => {
    const names = async () => (await coverageFilterOptions(t.db)).organisations.map((o) => o.name);
    const created = await createOrganisation(other.db, coordinator, { name: "Newly listed provider", acronym: null, kind: "ngo", countryCode: null, website: null, description: null });
    expect(await names()).toContain("Newly listed provider");
    await updateOrganisation(other.db, { id: created.id, expectedVersion: created.version, actor: coordinator, input: { name: "Renamed provider", acronym: null, kind: "ngo", countryCode: null, website: null, description: null } });
    expect(await names()).toContain("Renamed provider");
    expect(await names()).not.toContain("Newly listed provider");
    await deleteOrganisation(other.db, { id: created.id, expectedVersion: created.version + 1, actor: coordinator });
    expect(await names()).not.toContain("Renamed provider");
  });

  test("topic labels and soft-deleted topics show in the matrix columns and topic lists", async () => {
    const f = filters("window=all");
    const columnLabel = async () => (await getCoverageMatrix(t.db, f, [], VISITOR)).columns.find((c) => c.code === "VIC")?.label;
    expect(await columnLabel()).toBeTruthy();
    await other.db.update(topics).set({ label: "Victims (renamed)" }).where(eq(topics.code, "VIC"));
    expect(await columnLabel()).toBe("Victims (renamed)");
    await other.db.update(topics).set({ deletedAt: "2026-11-28T00:00:00Z" }).where(eq(topics.code, "VIC.INTERVIEW"));
    expect((await topicOptions(t.db)).map((x) => x.code)).not.toContain("VIC.INTERVIEW");
  });

  test("audience and offence-focus lists show in the filter options", async () => {
    const labels = async () => {
      const o = await coverageFilterOptions(t.db);
      return [...o.audiences.map((a) => a.label), ...o.offences.map((x) => x.label)];
    };
    const [audience] = await t.db.select().from(audiences).limit(1);
    const [offence] = await t.db.select().from(offenceFocuses).limit(1);
    await labels();
    await other.db.update(audiences).set({ label: "Audience (renamed)" }).where(eq(audiences.code, audience.code));
    expect(await labels()).toContain("Audience (renamed)");
    await other.db.update(offenceFocuses).set({ label: "Offence (renamed)" }).where(eq(offenceFocuses.code, offence.code));
    expect(await labels()).toContain("Offence (renamed)");
  });
});

test("a write on the same connection shows on the next read too", async () => {
  const names = async () => (await coverageFilterOptions(t.db)).organisations.map((o) => o.name);
  await names();
  await createOrganisation(t.db, coordinator, { name: "Written here", acronym: null, kind: "ngo", countryCode: null, website: null, description: null });
  expect(await names()).toContain("Written here");
});
