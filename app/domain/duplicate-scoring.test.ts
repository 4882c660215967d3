import { describe, expect, it } from "vitest";
import {
  DUPLICATE_THRESHOLD,
  jaccard,
  prepareSession,
  sameOrganisationName,
  scoreCoursePair,
  scoreOrganisationPair,
  scoreSessionPair,
  scoreTrainerPair,
  type CourseForScoring,
  type OrganisationForScoring,
  type SessionForScoring,
  type TrainerForScoring,
} from "./duplicate-scoring";

const RCA = { id: "org-rca", name: "Regional Cybercrime Academy", acronym: "RCA" };
const FUND = { id: "org-fund", name: "Nordic Child Safety Fund", acronym: "NCSF" };
const OTHER = { id: "org-other", name: "Global Policing Institute", acronym: "GPI" };

function session(overrides: Partial<SessionForScoring> = {}): SessionForScoring {
  return {
    id: "s1",
    title: "Mobile device forensics",
    courseId: null,
    provider: RCA,
    reporter: RCA,
    externalId: "RCA-2024-0007",
    providerRef: null,
    hostCountry: "KEN",
    hostCountryName: "Kenya",
    countries: ["KEN"],
    city: null,
    startDate: "2024-03-04",
    endDate: "2024-03-06",
    mode: "in_person",
    topics: ["EVID.MOBILE"],
    audiences: ["FORENSIC", "POLICE"],
    participants: 24,
    funders: [FUND.id],
    trainers: [],
    ...overrides,
  };
}

/** The same delivery as `session()`, reported by its funder. */
const funderReport = (overrides: Partial<SessionForScoring> = {}) =>
  session({ id: "s2", title: "Training course: mobile device forensics", reporter: FUND, externalId: "GRANT-7", startDate: "2024-03-05", endDate: "2024-03-07", ...overrides });

const score = (a: SessionForScoring, b: SessionForScoring) => scoreSessionPair(prepareSession(a), prepareSession(b));

describe("scoreSessionPair", () => {
  it("finds the delivery its funder reported again, with reasons in words", () => {
    const r = score(session(), funderReport());
    expect(r.score).toBeGreaterThan(0.95);
    expect(r.reasons).toEqual(expect.arrayContaining(["same host country (Kenya)", "dates 1 day apart", "same provider (RCA)", "one report is by a funder (NCSF)"]));
    expect(r.reasons.some((x) => /^titles 0\.\d\d similar$/.test(x))).toBe(true);
  });

  it("is certain when the funder's report names the provider's own id", () => {
    const r = score(session(), funderReport({ providerRef: "RCA-2024-0007", title: "Something else", startDate: "2024-05-01", endDate: "2024-05-01" }));
    expect(r.score).toBe(1);
    expect(r.reasons[0]).toContain("RCA-2024-0007");
  });

  it("reads a provider registered under its acronym as the same provider", () => {
    const r = score(session(), funderReport({ provider: { id: "org-rca-2", name: "RCA", acronym: null } }));
    expect(r.reasons).toContain("provider 'RCA' = 'Regional Cybercrime Academy'");
    expect(r.score).toBeGreaterThan(DUPLICATE_THRESHOLD);
  });

  it("counts dates: the same week agrees, weeks apart disagrees", () => {
    const near = score(session(), funderReport({ startDate: "2024-03-06", endDate: "2024-03-08" })).score;
    const far = score(session(), funderReport({ startDate: "2024-03-20", endDate: "2024-03-22" }));
    expect(near).toBeGreaterThan(DUPLICATE_THRESHOLD);
    expect(far.score).toBeLessThan(DUPLICATE_THRESHOLD);
    expect(far.reasons).toContain("but dates 16 days apart");
  });

  it("keeps the same course in neighbouring countries the same week apart", () => {
    const r = score(session(), funderReport({ hostCountry: "UGA", hostCountryName: "Uganda", countries: ["UGA"] }));
    expect(r.score).toBeLessThan(DUPLICATE_THRESHOLD);
    expect(r.reasons).toContain("but no country in common");
  });

  it("keeps two providers' similar sessions apart (an overlap, not a duplicate)", () => {
    const r = score(session(), session({ id: "s2", provider: OTHER, reporter: OTHER, externalId: "GPI-1", title: "Forensics of mobile devices" }));
    expect(r.score).toBeLessThan(DUPLICATE_THRESHOLD);
    expect(r.reasons.some((x) => x.startsWith("but different providers"))).toBe(true);
  });

  it("keeps a provider's two cohorts in two cities apart", () => {
    const r = score(session({ city: "Nairobi" }), session({ id: "s2", city: "Mombasa", externalId: "RCA-2024-0008" }));
    expect(r.score).toBeLessThan(DUPLICATE_THRESHOLD);
    expect(r.reasons).toContain("but different cities (Nairobi / Mombasa)");
  });

  it("treats the same course as the same title, different courses as a disagreement", () => {
    const same = score(session({ courseId: "c1" }), funderReport({ courseId: "c1", title: "Phones and tablets: evidence" }));
    expect(same.reasons).toContain("same course");
    expect(same.score).toBeGreaterThan(DUPLICATE_THRESHOLD);
    const different = score(session({ courseId: "c1" }), funderReport({ courseId: "c2" }));
    expect(different.reasons).toContain("but different courses");
  });

  it("weighs topics, audiences, participant counts, trainers and mode", () => {
    const base = score(session(), funderReport()).score;
    expect(score(session(), funderReport({ topics: ["VIC.INTERVIEW"] })).reasons).toContain("but no topic in common");
    expect(score(session(), funderReport({ audiences: ["JUDGE"] })).reasons).toContain("but no audience in common");
    expect(score(session(), funderReport({ participants: 25 })).reasons).toContain("participants 24 and 25");
    expect(score(session(), funderReport({ participants: 80 })).reasons).toContain("but participants 24 and 80");
    expect(score(session({ trainers: ["t1"] }), funderReport({ trainers: ["t1"] })).reasons).toContain("a trainer in common");
    expect(score(session(), funderReport({ mode: "online" })).reasons).toContain("but delivered in person / online");
    expect(score(session(), funderReport({ participants: 80 })).score).toBeLessThan(base);
  });

  it("sees one organisation reporting two ids as two deliveries", () => {
    const r = score(session(), session({ id: "s2", externalId: "RCA-2024-0009" }));
    expect(r.reasons.some((x) => x.startsWith("but RCA reported both under different ids"))).toBe(true);
  });

  it("scores symmetrically", () => {
    expect(score(session(), funderReport()).score).toBe(score(funderReport(), session()).score);
  });
});

describe("sameOrganisationName", () => {
  it("matches an acronym registered as a name to the full name", () => {
    expect(sameOrganisationName({ id: "a", name: "RCA", acronym: null }, RCA)).toBe("'RCA' = 'Regional Cybercrime Academy'");
    expect(sameOrganisationName({ id: "a", name: "UNODC", acronym: null }, { id: "b", name: "United Nations Office on Drugs and Crime", acronym: null })).not.toBeNull();
    expect(sameOrganisationName(RCA, OTHER)).toBeNull();
  });
});

describe("scoreOrganisationPair", () => {
  const org = (o: Partial<OrganisationForScoring>): OrganisationForScoring => ({ ...RCA, kind: "academic", countryCode: "SGP", countryName: "Singapore", website: null, ...o });
  it("finds an organisation registered again under its acronym", () => {
    const r = scoreOrganisationPair(org({}), org({ id: "x", name: "RCA", acronym: null }));
    expect(r.score).toBeGreaterThan(0.9);
    expect(r.reasons).toContain("'RCA' = 'Regional Cybercrime Academy'");
  });
  it("keeps namesakes in different countries apart", () => {
    const a = org({ name: "Ministry of Justice", acronym: null, kind: "government", countryCode: "KEN" });
    const b = org({ id: "x", name: "Ministry of Justice", acronym: null, kind: "government", countryCode: "UGA" });
    expect(scoreOrganisationPair(a, b).score).toBeLessThan(DUPLICATE_THRESHOLD);
  });
  it("counts a shared website", () => {
    const r = scoreOrganisationPair(org({ website: "https://rca.example" }), org({ id: "x", name: "Regional Cyber Crime Academy", website: "http://www.rca.example/about" }));
    expect(r.reasons).toContain("same website (rca.example)");
  });
});

describe("scoreTrainerPair", () => {
  const trainer = (t: Partial<TrainerForScoring>): TrainerForScoring => ({ id: "t1", name: "Dr. Amina O. Hassan", organisation: RCA, email: null, userId: null, topics: ["EVID.MOBILE"], countries: ["KEN"], languages: ["en"], ...t });
  it("finds a person registered with and without title and initial", () => {
    const r = scoreTrainerPair(trainer({}), trainer({ id: "t2", name: "Amina Hassan" }));
    expect(r.score).toBeGreaterThan(0.9);
    expect(r.reasons[0]).toContain("'Dr. Amina O. Hassan' / 'Amina Hassan'");
  });
  it("keeps relatives apart, and two user accounts mean two people", () => {
    expect(scoreTrainerPair(trainer({}), trainer({ id: "t2", name: "Omar Hassan" })).score).toBeLessThan(DUPLICATE_THRESHOLD);
    expect(scoreTrainerPair(trainer({ userId: "u1" }), trainer({ id: "t2", name: "Amina Hassan", userId: "u2" })).reasons).toContain("but linked to two different user accounts");
  });
  it("takes the same e-mail address as near proof", () => {
    const r = scoreTrainerPair(trainer({ email: "a.hassan@rca.example" }), trainer({ id: "t2", name: "A. Hassan", email: "A.Hassan@rca.example " }));
    expect(r.score).toBeGreaterThan(0.99);
  });
});

describe("scoreCoursePair", () => {
  const course = (c: Partial<CourseForScoring>): CourseForScoring => ({
    id: "c1",
    title: "Mobile device forensics",
    summary: "Acquire and analyse evidence from phones.",
    provider: RCA,
    level: "intermediate",
    mode: "in_person",
    durationHours: 16,
    topics: ["EVID.MOBILE"],
    audiences: ["FORENSIC"],
    languages: ["en"],
    ...c,
  });
  it("finds a course registered twice with a reworded title", () => {
    expect(scoreCoursePair(course({}), course({ id: "c2", title: "Mobile Device Forensics (2-day course)" })).score).toBeGreaterThan(0.9);
  });
  it("keeps a different level or another provider's namesake apart", () => {
    expect(scoreCoursePair(course({}), course({ id: "c2", provider: OTHER, level: "advanced", durationHours: 40 })).score).toBeLessThan(DUPLICATE_THRESHOLD);
  });
});

describe("jaccard", () => {
  it("is shared over all", () => {
    expect(jaccard(["a", "b"], ["b", "c"])).toBeCloseTo(1 / 3);
    expect(jaccard([], [])).toBe(1);
  });
});

describe("organisation names with numbers", () => {
  it("does not take two numbered branches for one organisation", async () => {
    const { sameOrganisationName } = await import("./duplicate-scoring");
    expect(sameOrganisationName({ id: "a", name: "Provider institute 1", acronym: null }, { id: "b", name: "Provider institute 11", acronym: null })).toBeNull();
    expect(sameOrganisationName({ id: "a", name: "Police Academy 2", acronym: null }, { id: "b", name: "Police Acadamy 2", acronym: null })).not.toBeNull();
  });
});
