import { describe, expect, it } from "vitest";
import {
  canonicalWord,
  countryKey,
  foldText,
  initialsOf,
  isAcronymOf,
  looksLikeAcronym,
  parsePersonName,
  personNameSimilarity,
  prepareText,
  titleSimilarity,
  tokenSimilarity,
  trigramSimilarity,
  wordSimilarity,
} from "./similarity";

describe("foldText", () => {
  it("drops case, accents and punctuation", () => {
    expect(foldText("  Preuves ÉLECTRONIQUES: la Chaîne-de-garde!  ")).toBe("preuves electroniques la chaine de garde");
    expect(foldText("Niños y niñas")).toBe("ninos y ninas");
  });
});

describe("canonicalWord", () => {
  it("drops stopwords in three languages", () => {
    for (const w of ["the", "of", "de", "la", "y", "pour"]) expect(canonicalWord(w)).toBeNull();
  });
  it("maps French and Spanish words of the field onto English", () => {
    expect(canonicalWord("preuves")).toBe("evidence");
    expect(canonicalWord("prueba")).toBe("evidence");
    expect(canonicalWord("enfants")).toBe("child");
    expect(canonicalWord("ninos")).toBe("child");
    expect(canonicalWord("formation")).toBe("training");
  });
  it("turns Spanish and French endings into English ones and plurals into singulars", () => {
    expect(canonicalWord("investigacion")).toBe("investigation");
    expect(canonicalWord("electronica")).toBe("electronic");
    expect(canonicalWord("electroniques")).toBe("electronic");
    expect(canonicalWord("investigations")).toBe("investigation");
    expect(canonicalWord("addresses")).toBe("address");
  });
});

describe("prepareText", () => {
  it("keeps the words that matter and notes acronyms written in capitals", () => {
    const t = prepareText("Handling CSAM in the courts");
    expect(t.tokens).toEqual(["handling", "csam", "court"]);
    expect(t.acronyms).toEqual(["csam"]);
  });
  it("translates phrases whose words do not translate one by one", () => {
    expect(prepareText("Entraide judiciaire en ligne").tokens).toEqual(["mutual", "legal", "assistance", "online"]);
  });
});

describe("trigram and word similarity", () => {
  it("is 1 for equal strings and 0 for unrelated ones", () => {
    expect(trigramSimilarity("Digital forensics", "digital  FORENSICS")).toBe(1);
    expect(trigramSimilarity("abc", "xyz")).toBe(0);
  });
  it("tolerates a typo", () => {
    expect(trigramSimilarity("Mobile device forensics", "Mobile devise forensics")).toBeGreaterThan(0.75);
  });
  it("matches close spellings of long words only", () => {
    expect(wordSimilarity("mohammed", "mohamed")).toBeGreaterThan(0.6);
    expect(wordSimilarity("law", "lab")).toBe(0);
  });
});

describe("tokenSimilarity", () => {
  it("counts generic words like 'training' a quarter", () => {
    const plain = tokenSimilarity(["digital", "forensic"], ["digital", "forensic", "training"]);
    const meaningful = tokenSimilarity(["digital", "forensic"], ["digital", "forensic", "mobile"]);
    expect(plain).toBeGreaterThan(0.85);
    expect(meaningful).toBeLessThan(plain);
  });
});

describe("titleSimilarity", () => {
  it("sees a reworded title as the same", () => {
    expect(titleSimilarity("Mobile device forensics", "Training course: mobile device forensics")).toBeGreaterThan(0.8);
  });
  it("sees an abbreviation spelled out as the same", () => {
    expect(titleSimilarity("Investigating CSAM cases", "Investigating child sexual abuse material cases")).toBeGreaterThan(0.9);
    expect(titleSimilarity("MLA requests for electronic evidence", "Mutual legal assistance requests for electronic evidence")).toBeGreaterThan(0.9);
  });
  it("sees a French or Spanish title as the same as the English one", () => {
    expect(titleSimilarity("Preservation of electronic evidence and chain of custody", "Conservation des preuves électroniques et chaîne de garde")).toBeGreaterThan(0.75);
    expect(titleSimilarity("Child-sensitive interviewing of victims", "Entrevista de víctimas adaptada a niños")).toBeGreaterThan(0.6);
  });
  it("keeps different courses apart", () => {
    expect(titleSimilarity("Mobile device forensics", "Presenting electronic evidence in court")).toBeLessThan(0.3);
  });
});

describe("acronyms", () => {
  it("recognises an acronym and the name it abbreviates, with or without stopwords", () => {
    expect(looksLikeAcronym("RCA")).toBe(true);
    expect(looksLikeAcronym("Rca")).toBe(false);
    expect(initialsOf("Regional Cybercrime Academy")).toBe("rca");
    expect(isAcronymOf("RCA", "Regional Cybercrime Academy")).toBe(true);
    expect(isAcronymOf("UNODC", "United Nations Office on Drugs and Crime")).toBe(true);
    expect(isAcronymOf("CoE", "Council of Europe")).toBe(true);
    expect(isAcronymOf("IOM", "International Organization for Migration")).toBe(true);
    expect(isAcronymOf("RCA", "Regional Police Academy")).toBe(false);
  });
});

describe("people's names", () => {
  it("drops titles and reads 'Family, Given'", () => {
    expect(parsePersonName("Dr. Amina O. Hassan")).toEqual({ given: ["amina", "o"], family: "hassan", all: ["amina", "o", "hassan"] });
    expect(parsePersonName("Hassan, Amina")).toEqual({ given: ["amina"], family: "hassan", all: ["amina", "hassan"] });
  });
  it("matches a name with a title and a middle initial to the plain name", () => {
    const r = personNameSimilarity("Dr. Amina O. Hassan", "Amina Hassan");
    expect(r.score).toBeGreaterThan(0.9);
    expect(r.why).toContain("middle initial ignored");
  });
  it("matches an initial to the given name it starts", () => {
    expect(personNameSimilarity("A. Hassan", "Amina Hassan").score).toBeGreaterThan(0.7);
    expect(personNameSimilarity("B. Hassan", "Amina Hassan").score).toBeLessThan(0.2);
  });
  it("keeps relatives apart and sees swapped order", () => {
    expect(personNameSimilarity("Omar Hassan", "Amina Hassan").score).toBeLessThan(0.2);
    expect(personNameSimilarity("Hassan Amina", "Amina Hassan").score).toBeGreaterThanOrEqual(0.8);
  });
  it("penalises conflicting middle names", () => {
    expect(personNameSimilarity("Amina O. Hassan", "Amina K. Hassan").score).toBeLessThan(personNameSimilarity("Amina O. Hassan", "Amina Hassan").score);
  });
});

describe("countryKey", () => {
  it("reads alpha-3, alpha-2 and English, French or Spanish names", () => {
    expect(countryKey("KEN")).toBe("KEN");
    expect(countryKey("ke")).toBe("KEN");
    expect(countryKey("Kenya")).toBe("KEN");
    expect(countryKey("Côte d'Ivoire")).toBe("CIV");
    expect(countryKey("Allemagne")).toBe("DEU");
    expect(countryKey("Alemania")).toBe("DEU");
    expect(countryKey("United States")).toBe("USA");
    expect(countryKey("Tanzania, United Republic of")).toBe("TZA");
    expect(countryKey("Bolivia (Plurinational State of)")).toBe("BOL");
  });
  it("reads the common and former names the import reads", () => {
    expect(countryKey("Swaziland")).toBe("SWZ");
    expect(countryKey("Burma")).toBe("MMR");
    expect(countryKey("DR Congo")).toBe("COD");
    expect(countryKey("Congo (Brazzaville)")).toBe("COG");
    expect(countryKey("East Timor")).toBe("TLS");
  });
  it("returns null for what is not a country, or could be two", () => {
    expect(countryKey("XYZ")).toBeNull();
    expect(countryKey("Atlantis")).toBeNull();
    expect(countryKey("Congo")).toBeNull();
    expect(countryKey("Korea")).toBeNull();
  });
});
