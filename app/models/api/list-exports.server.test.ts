import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestActor, createTestDb, createTestOrganisation, type TestDb } from "#tests/setup/test-db";
import { ORGANISATION_KIND_LABELS } from "~/domain/organisation-kinds";
import { createRequest, type RequestInput } from "~/models/requests.server";
import { listCountryRegions, readCountryListFilters } from "~/models/countries.server";
import { countryCsv, organisationCsvParts, requestCsvParts } from "./list-exports.server";
import { readRequestListFilters } from "./requests.server";

let t: TestDb;
beforeEach(() => {
  t = createTestDb();
});
afterEach(() => t.cleanup());

async function text(parts: AsyncIterable<string>) {
  let out = "";
  for await (const part of parts) out += part;
  return out.replace(/^\uFEFF/, "");
}

const request = (over: Partial<RequestInput> = {}): RequestInput => ({
  countryCode: "KEN",
  agencyId: null,
  agencyName: "Directorate of Criminal Investigations",
  title: "Mobile forensics for the new cyber unit",
  description: "Twenty investigators need to extract and preserve phone evidence.",
  expectedParticipants: 20,
  wantedFrom: "2026-09-01",
  wantedTo: "2026-12-31",
  urgency: "high",
  isPublic: true,
  topics: ["EVID.MOBILE", "COOP.MLA"],
  audiences: ["POLICE"],
  languages: ["en"],
  ...over,
});

describe("the requests CSV", () => {
  it("holds what the page shows each reader, filtered as the page is, with labels beside codes and formulas neutralised", async () => {
    const focal = await createTestActor(t.db, "focal_point", { countryCode: "KEN" });
    const coordinator = await createTestActor(t.db, "coordinator");
    await createRequest(t.db, focal, request({ title: "=HYPERLINK(\"http://evil\")" }));
    await createRequest(t.db, focal, request({ title: "Not public", isPublic: false }));
    await createRequest(t.db, coordinator, request({ title: "Uganda", countryCode: "UGA", topics: ["VIC.INTERVIEW"] }));
    const csv = async (actor: Parameters<typeof requestCsvParts>[1], query: string) =>
      text(requestCsvParts(t.db, actor, (await readRequestListFilters(t.db, new URLSearchParams(query))).filters));

    const visitor = (await csv(null, "country=KEN")).trim().split("\r\n");
    expect(visitor[0]).toBe("id,title,country,country_name,topics,topic_labels,urgency,status,status_label,public,wanted_from,wanted_to,submitted_at");
    expect(visitor).toHaveLength(2);
    expect(visitor[1]).toContain(`,"'=HYPERLINK(""http://evil"")",KEN,Kenya,COOP.MLA;EVID.MOBILE,`);
    expect(visitor[1]).toContain(",high,submitted,Submitted,true,2026-09-01,2026-12-31,");

    const seenByCoordinator = await csv(coordinator, "country=KEN");
    expect(seenByCoordinator).toContain("Not public");
    expect(seenByCoordinator).not.toContain("Uganda");
    expect(await csv(coordinator, "topic=VIC")).toContain("Uganda");
  });
});

describe("the countries CSV", () => {
  it("lists the countries the page lists, with region names beside codes", async () => {
    const all = countryCsv(await listCountryRegions(t.db, (await readCountryListFilters(new URLSearchParams(""))).filters));
    const lines = all.replace(/^\uFEFF/, "").trim().split("\r\n");
    expect(lines[0]).toBe("country,country_name,region,region_name,subregion,subregion_name,delivered,planned");
    expect(lines).toContain("KEN,Kenya,002,Africa,202,Sub-Saharan Africa,0,0");
    expect(lines.length).toBeGreaterThan(190);
    const active = countryCsv(await listCountryRegions(t.db, (await readCountryListFilters(new URLSearchParams("active=1"))).filters));
    expect(active.replace(/^\uFEFF/, "").trim().split("\r\n")).toHaveLength(1);
  });
});

describe("the organisations CSV", () => {
  it("labels each kind as the pages do, never by capitalising its code", async () => {
    await createTestOrganisation(t.db, "Child Safety Network", "ngo");
    await createTestOrganisation(t.db, "Office on Child Protection", "un");
    await createTestOrganisation(t.db, "Regional Police Cooperation Body", "igo");
    const lines = (await text(organisationCsvParts(t.db, { q: "", kind: null, country: null }))).trim().split("\r\n");
    expect(lines[0]).toBe("id,name,acronym,kind,kind_label,country,country_name,sessions_provided,sessions_funded");
    expect(lines.find((l) => l.includes("Child Safety Network"))).toContain(",ngo,Non-governmental organisation,");
    expect(lines.find((l) => l.includes("Office on Child Protection"))).toContain(`,un,${ORGANISATION_KIND_LABELS.un},`);
    expect(lines.find((l) => l.includes("Regional Police Cooperation Body"))).toContain(`,igo,${ORGANISATION_KIND_LABELS.igo},`);
  });
});
