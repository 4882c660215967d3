import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { activityDates, activityStatus, dacSectorOf, evenPercentages, iatiDocument, type IatiSession } from "./iati";

// The official schema is kept in tests/fixtures so the check runs on every machine.
const SCHEMA = path.resolve(process.env.IATI_SCHEMA_DIR ?? "tests/fixtures/iati-2.03", "iati-activities-schema.xsd");
const hasXmllint = spawnSync("xmllint", ["--version"]).status === 0;

const TODAY = "2025-06-15";

function session(overrides: Partial<IatiSession> = {}): IatiSession {
  return {
    id: "01JTESTSESSION0000000000001",
    externalId: "KE/2025/007",
    title: "Electronic evidence for prosecutors",
    city: "Nairobi",
    hostCountryName: "Kenya",
    startDate: "2025-03-03",
    endDate: "2025-03-07",
    status: "completed",
    participants: 24,
    updatedAt: "2025-03-10T08:30:00.123Z",
    reporter: { id: "01JORGREPORTER", name: "Example Police Academy", kind: "law_enforcement" },
    provider: { id: "01JORGPROVIDER", name: "Example Training Institute", kind: "academic" },
    funderList: [{ id: "01JORGFUNDER", name: "Example Development Agency", kind: "donor" }],
    beneficiaries: [
      { alpha2: "KE", name: "Kenya" },
      { alpha2: "UG", name: "Uganda" },
      { alpha2: "TZ", name: "Tanzania" },
    ],
    topicList: [
      { code: "EVID.PRESENT", label: "Presenting electronic evidence in court" },
      { code: "EVID.MOBILE", label: "Mobile device forensics" },
    ],
    ...overrides,
  };
}

describe("IATI activities", () => {
  it("derives the activity status from the status and the dates", () => {
    expect(activityStatus({ status: "planned", startDate: "2025-07-01", endDate: "2025-07-02" }, TODAY)).toBe("1");
    expect(activityStatus({ status: "confirmed", startDate: "2025-06-10", endDate: "2025-06-20" }, TODAY)).toBe("2");
    expect(activityStatus({ status: "completed", startDate: "2025-06-10", endDate: "2025-06-20" }, TODAY)).toBe("3");
    expect(activityStatus({ status: "completed", startDate: "2025-01-10", endDate: "2025-01-12" }, TODAY)).toBe("4");
    expect(activityStatus({ status: "cancelled", startDate: "2025-01-10", endDate: "2025-01-12" }, TODAY)).toBe("5");
  });

  it("reports actual dates only for completed sessions and never in the future", () => {
    expect(activityDates({ status: "completed", startDate: "2025-01-10", endDate: "2025-01-12" }, TODAY).map((d) => d.type)).toEqual(["2", "4"]);
    expect(activityDates({ status: "completed", startDate: "2025-06-10", endDate: "2025-06-20" }, TODAY).map((d) => d.type)).toEqual(["2", "3"]);
    expect(activityDates({ status: "planned", startDate: "2025-01-10", endDate: "2025-01-12" }, TODAY).map((d) => d.type)).toEqual(["1", "3"]);
  });

  it("maps topics to DAC sectors and splits percentages to exactly 100", () => {
    expect(dacSectorOf("EVID.PRESENT").code).toBe("15130");
    expect(dacSectorOf("INV.VICTIMID").code).toBe("15210");
    expect(dacSectorOf("VIC").code).toBe("15180");
    expect(dacSectorOf("CUSTOM.THING").code).toBe("15210");
    for (const n of [1, 2, 3, 6, 7]) expect(Math.round(evenPercentages(n).reduce((a, b) => a + b, 0) * 100)).toBe(10_000);
  });

  it("writes funders as role 1, the provider as role 4, alpha-2 countries and both sector vocabularies", () => {
    const xml = iatiDocument([session()], { today: TODAY, generatedAt: "2025-06-15T10:00:00.000Z" });
    expect(xml).toContain('<participating-org ref="TCR-01JORGFUNDER" role="1" type="90">');
    expect(xml).toContain('<participating-org ref="TCR-01JORGPROVIDER" role="4" type="80">');
    expect(xml).toContain('<recipient-country code="UG" percentage="33.33">');
    expect(xml).toContain('<sector vocabulary="1" code="15130" percentage="50">');
    expect(xml).toContain('<sector vocabulary="99" code="EVID.MOBILE" percentage="50">');
    expect(xml).toContain('<actual value="24"/>');
    expect(xml).toContain('<other-identifier ref="KE/2025/007" type="A1"/>');
  });

  it.skipIf(!hasXmllint)("validates against the official IATI 2.03 activity schema", () => {
    const sessions = [
      session(),
      session({ id: "01JTESTSESSION0000000000002", status: "planned", startDate: "2025-09-01", endDate: "2025-09-03", funderList: [], externalId: null }),
      session({
        id: "01JTESTSESSION0000000000003",
        title: 'Ateliers « preuves » & <balises> 🙂 — تدريب\u0007',
        city: null,
        status: "cancelled",
        participants: null,
        beneficiaries: [{ alpha2: "MA", name: "Morocco" }],
        topicList: [{ code: "VIC.INTERVIEW", label: "Child-sensitive interviewing" }],
      }),
    ];
    const dir = mkdtempSync(path.join(tmpdir(), "iati-"));
    try {
      const file = path.join(dir, "activities.xml");
      writeFileSync(file, iatiDocument(sessions, { today: TODAY, generatedAt: new Date().toISOString() }));
      const run = spawnSync("xmllint", ["--noout", "--schema", SCHEMA, file], { encoding: "utf8" });
      expect(run.stderr).toContain("validates");
      expect(run.status).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.runIf(!hasXmllint)("is skipped: xmllint is not installed (apt-get install libxml2-utils), so the schema check did not run", () => {
    expect(hasXmllint).toBe(false);
  });
});
