import { describe, expect, it } from "vitest";
import { buildOrganisationResolver, foldName, organisationCandidates } from "./organisation-names";

describe("foldName", () => {
  it("ignores case, accents, apostrophes, punctuation and extra spaces", () => {
    expect(foldName("  Fondation  Éducation-Enfance ")).toBe("fondation education enfance");
    expect(foldName("Save the Children’s Fund")).toBe(foldName("save the childrens fund"));
    expect(foldName("Justice & Peace")).toBe(foldName("justice and peace"));
    expect(foldName("U.N.O.D.C.")).toBe("u n o d c");
  });
});

describe("buildOrganisationResolver", () => {
  const resolve = buildOrganisationResolver([
    { id: "unodc", name: "United Nations Office on Drugs and Crime", acronym: "UNODC" },
    { id: "icmec", name: "International Centre for Missing & Exploited Children", acronym: "ICMEC" },
    { id: "icmec-2", name: "ICMEC", acronym: null },
    { id: "police", name: "Policía Nacional", acronym: "PN" },
    { id: "older", name: "Same Name", acronym: null },
    { id: "newer", name: "same name", acronym: null },
  ]);

  it("matches a name or an acronym, case- and accent-insensitively", () => {
    expect(resolve("UNODC")).toBe("unodc");
    expect(resolve("unodc")).toBe("unodc");
    expect(resolve("United Nations Office on Drugs and Crime")).toBe("unodc");
    expect(resolve("united nations office on drugs & crime")).toBe("unodc");
    expect(resolve("POLICIA NACIONAL")).toBe("police");
    expect(resolve(" pn ")).toBe("police");
  });

  it("prefers a full name over another organisation's acronym, and the first of equals", () => {
    expect(resolve("ICMEC")).toBe("icmec-2");
    expect(resolve("Same name")).toBe("older");
  });

  it("understands 'Name (ACRONYM)'", () => {
    expect(resolve("United Nations Office on Drugs and Crime (UNODC)")).toBe("unodc");
    expect(resolve("Some Unknown Office (UNODC)")).toBe("unodc");
  });

  it("returns null for unknown or empty names", () => {
    expect(resolve("Interpol")).toBeNull();
    expect(resolve("  ")).toBeNull();
  });
});

describe("organisationCandidates", () => {
  const orgs = [
    { id: "academy", name: "Regional Cybercrime Academy", acronym: "RCA" },
    { id: "rca", name: "RCA", acronym: null },
    { id: "unodc", name: "United Nations Office on Drugs and Crime", acronym: "UNODC" },
  ];
  it("lists every organisation a name or acronym could mean", () => {
    expect(organisationCandidates(orgs, "rca").sort()).toEqual(["academy", "rca"]);
    expect(organisationCandidates(orgs, "unodc")).toEqual(["unodc"]);
    expect(organisationCandidates(orgs, "Nobody")).toEqual([]);
  });
  it("settles a name with its acronym in brackets by the name", () => {
    expect(organisationCandidates(orgs, "Regional Cybercrime Academy (RCA)")).toEqual(["academy"]);
    expect(organisationCandidates(orgs, "Office (UNODC)")).toEqual(["unodc"]);
  });
});
