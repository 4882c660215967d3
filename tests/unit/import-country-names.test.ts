// The session import reads the common names people give countries ("Laos",
// "Burma", "DR Congo"), and refuses a name that could mean two countries
// ("Congo") with the same kind of error as an unknown one, naming both codes.
import { Readable } from "node:stream";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { COMMAND_LINE, importSessionsCsv } from "~/models/session-import.server";
import { createTestDb, createTestOrganisation, type TestDb } from "../setup/test-db";

const HEADER = "external_id,title,provider,host_country,beneficiary_countries,start_date,end_date,status,topics";

let t: TestDb;
let reporterId: string;

beforeEach(async () => {
  t = createTestDb();
  reporterId = (await createTestOrganisation(t.db, "Reporter Org", "ngo")).id;
});
afterEach(() => t.cleanup());

function checkFile(rows: string[]) {
  return importSessionsCsv(t.db, {
    input: Readable.from([Buffer.from([HEADER, ...rows].join("\n"))]),
    reporter: { id: reporterId },
    actor: COMMAND_LINE,
    dryRun: true,
    keepRows: rows.length,
  });
}

describe("country names in the session import", () => {
  it("reads common short and former names", async () => {
    const names: [string, string][] = [
      ["Laos", "LAO"],
      ["Swaziland", "SWZ"],
      ["Burma", "MMR"],
      ["Macedonia", "MKD"],
      ["Holland", "NLD"],
      ["DR Congo", "COD"],
      ["East Timor", "TLS"],
      ["Vatican", "VAT"],
      ["Syria", "SYR"],
      ["Brunei", "BRN"],
    ];
    const result = await checkFile(names.map(([name], i) => `S-${i},Training ${i},Reporter Org,${name},"${name}; Czechia",2025-03-04,2025-03-06,planned,EVID`));
    expect(result.errors).toEqual([]);
    expect(result.rows.map((r) => [r.hostCountry, r.countries])).toEqual(names.map(([, code]) => [code, [code, "CZE"]]));
  });

  it("refuses Congo alone, naming both Congos' codes", async () => {
    const result = await checkFile([
      "S-1,Training,Reporter Org,Kenya,,2025-03-04,2025-03-06,planned,EVID",
      "S-2,Training,Reporter Org,Congo,,2025-03-04,2025-03-06,planned,EVID",
      "S-3,Training,Reporter Org,Kenya,Congo,2025-03-04,2025-03-06,planned,EVID",
    ]);
    expect(result.created).toBe(0);
    expect(result.errors.map((e) => [e.line, e.column])).toEqual([
      [3, "host_country"],
      [4, "beneficiary_countries"],
    ]);
    for (const error of result.errors) {
      expect(error.reason).toContain('unknown country "Congo" (did you mean Republic of the Congo (COG) or Democratic Republic of the Congo (COD)?)');
    }
  });
});
