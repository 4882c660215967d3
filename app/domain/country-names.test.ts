import { describe, expect, it } from "vitest";
import { buildCountrySeeds, englishAliases } from "#db/seed/countries";
import { buildCountryResolver, foldCountryName } from "./country-names";

const resolver = buildCountryResolver(buildCountrySeeds().map((c) => ({ ...c, aliases: englishAliases(c.alpha2) })));

describe("foldCountryName", () => {
  it("ignores case, accents, apostrophe variants, punctuation and spaces", () => {
    const folded = foldCountryName("cote d'ivoire");
    for (const spelling of ["Côte d’Ivoire", "COTE D‘IVOIRE", "Cote d`Ivoire", "  côte  d'ivoire "]) expect(foldCountryName(spelling)).toBe(folded);
    expect(foldCountryName("Viet Nam")).toBe(foldCountryName("Vietnam"));
    expect(foldCountryName("Trinidad & Tobago")).toBe(foldCountryName("Trinidad and Tobago"));
  });
});

describe("buildCountryResolver", () => {
  it.each([
    ["bo", "BOL"],
    ["BO", "BOL"],
    ["BOL", "BOL"],
    ["bol", "BOL"],
    ["Bolivia", "BOL"],
    ["Bolivia (Plurinational State of)", "BOL"],
    ["Plurinational State of Bolivia", "BOL"],
    ["cote d'ivoire", "CIV"],
    ["Côte d’Ivoire", "CIV"],
    ["Ivory Coast", "CIV"],
    ["United Kingdom", "GBR"],
    ["United Kingdom of Great Britain and Northern Ireland", "GBR"],
    ["Viet Nam", "VNM"],
    ["Türkiye", "TUR"],
    ["Turkey", "TUR"],
    ["Iran (Islamic Republic of)", "IRN"],
    ["Iran", "IRN"],
    ["Republic of Korea", "KOR"],
    ["South Korea", "KOR"],
    ["Micronesia", "FSM"],
    ["Moldova", "MDA"],
    ["Netherlands", "NLD"],
    ["the Netherlands", "NLD"],
    ["Kenya", "KEN"],
    [" kenya ", "KEN"],
    ["Kenyaa", null],
  ])("%s → %s", (text, code) => {
    expect(resolver.resolve(text)).toBe(code);
  });

  it("resolves UK only because the package lists it as an alias", () => {
    expect(englishAliases("GB")).toContain("UK");
    expect(resolver.resolve("UK")).toBe("GBR");
  });

  // Every common, short or former name people were seen to use.
  it.each([
    ["Laos", "LAO"],
    ["Lao PDR", "LAO"],
    ["Swaziland", "SWZ"],
    ["Burma", "MMR"],
    ["Macedonia", "MKD"],
    ["Holland", "NLD"],
    ["DR Congo", "COD"],
    ["D.R. Congo", "COD"],
    ["Democratic Republic of Congo", "COD"],
    ["Congo (Kinshasa)", "COD"],
    ["Republic of Congo", "COG"],
    ["Congo-Brazzaville", "COG"],
    ["Ivory Coast", "CIV"],
    ["Czechia", "CZE"],
    ["Czech Republic", "CZE"],
    ["East Timor", "TLS"],
    ["Cape Verde", "CPV"],
    ["Vatican", "VAT"],
    ["Russia", "RUS"],
    ["Vietnam", "VNM"],
    ["Tanzania", "TZA"],
    ["Venezuela", "VEN"],
    ["Brunei", "BRN"],
    ["Palestine", "PSE"],
    ["USA", "USA"],
    ["UAE", "ARE"],
    ["North Korea", "PRK"],
    ["Syria", "SYR"],
  ])("common name %s → %s", (text, code) => {
    expect(resolver.resolve(text)).toBe(code);
  });

  it("never picks one country for a name that means two, and says which two", () => {
    // "Congo" is also the UN name of the Republic of the Congo: people mean either.
    for (const text of ["Congo", "congo", " CONGO "]) expect(resolver.resolve(text)).toBeNull();
    expect(resolver.hint("Congo")).toBe("Republic of the Congo (COG) or Democratic Republic of the Congo (COD)");
    expect(resolver.resolve("Korea")).toBeNull();
    expect(resolver.hint("Korea")).toBe("South Korea (KOR) or North Korea (PRK)");
  });

  it("hints at the one country a short form starts", () => {
    expect(resolver.hint("Kyrgyz")).toBe("Kyrgyzstan (KGZ)");
    expect(resolver.hint("Atlantis")).toBeNull();
  });

  it("does not guess when a name is ambiguous or unknown", () => {
    expect(resolver.resolve("Korea")).toBeNull(); // both Koreas
    expect(resolver.resolve("Atlantis")).toBeNull();
    expect(resolver.resolve("")).toBeNull();
    expect(resolver.resolve("XX")).toBeNull();
  });

  it("suggests the one country a short form starts", () => {
    expect(resolver.suggest("Syria")).toEqual({ code: "SYR", name: "Syrian Arab Republic" });
    expect(resolver.suggest("Guinea")).toBeNull(); // Guinea, Guinea-Bissau, Equatorial… too many
    expect(resolver.suggest("Atlantis")).toBeNull();
  });
});
