// A coverage figure links to the sessions list behind it: the list must show
// exactly as many sessions as the figure counts, whatever filters carry over.
import { afterEach, beforeEach, expect, it } from "vitest";
import { testSessionInput } from "#tests/setup/session-input";
import { createTestActor, createTestDb, createTestOrganisation, type TestDb } from "#tests/setup/test-db";
import { readPageCoverageFilters, sessionsHref } from "~/domain/coverage-params";
import { readSessionListFilters } from "./api/sessions.server";
import { getCoverage } from "./coverage.server";
import { queryFromFilters } from "./coverage-views.server";
import { requestVisibility } from "./requests.server";
import { listSessions } from "./session-list.server";
import { createSession, type SessionInput } from "./sessions.server";

const TODAY = "2026-06-15";
let t: TestDb;
beforeEach(() => {
  t = createTestDb();
});
afterEach(() => t.cleanup());

async function addSessions() {
  const org = (await createTestOrganisation(t.db, "Lakeside Police Academy")).id;
  const coordinator = await createTestActor(t.db, "coordinator");
  const base = testSessionInput({
    title: "Session",
    providerId: org,
    reportingOrgId: org,
    startDate: "2026-03-02",
    endDate: "2026-03-04",
    status: "completed",
    topics: ["EVID.MOBILE"],
    language: null,
    mode: null,
  });
  const variants: Partial<SessionInput>[] = [
    { offences: ["CSAM"] },
    { offences: ["CSAM", "SEXTORTION"], countries: ["KEN", "UGA"] },
    { offences: ["SEXTORTION"] },
    {},
    { offences: ["CSAM"], status: "planned", startDate: "2026-09-01", endDate: "2026-09-02" },
    { offences: ["TRAFFICKING"], status: "planned", startDate: "2026-09-01", endDate: "2026-09-02" },
    { offences: ["CSAM"], hostCountry: "UGA", topics: ["COOP.MLA"] },
  ];
  for (const v of variants) await createSession(t.db, coordinator, { ...base, ...v });
  return { org, other: (await createTestOrganisation(t.db, "Hilltop Institute")).id };
}

it.each([
  ["an offence filter", () => "window=all&offence=CSAM"],
  ["several providers", ({ org, other }: { org: string; other: string }) => `window=all&offence=CSAM;SEXTORTION&provider=${org};${other}`],
])("counts in a coverage cell with %s the sessions its link lists", async (_name, query) => {
  const orgs = await addSessions();
  const filters = readPageCoverageFilters(new URLSearchParams(query(orgs)), TODAY);
  const cells = await getCoverage(t.db, queryFromFilters(filters, requestVisibility(null), { topics: ["EVID", "COOP"] }), { useCache: false });
  expect(cells.some((c) => c.delivered > 0)).toBe(true);
  for (const cell of cells) {
    for (const status of ["delivered", "planned"] as const) {
      const href = sessionsHref(filters, { country: cell.country, topic: cell.topic, status });
      const { filters: listed, problems } = await readSessionListFilters(t.db, new URL(href, "http://x").searchParams);
      expect(problems, href).toEqual([]);
      const { total } = await listSessions(t.db, listed, { page: 1, pageSize: 25 }, TODAY);
      expect(total, href).toBe(cell[status]);
    }
  }
});
