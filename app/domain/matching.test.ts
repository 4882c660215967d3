import { describe, expect, it } from "vitest";
import {
  levelSuits,
  proximity,
  rankCourses,
  rankProviders,
  rankTrainers,
  recency,
  topicFit,
  type CourseCandidate,
  type Labels,
  type Place,
  type RequestFacts,
  type TrainerCandidate,
} from "./matching";

const place = (countryCode: string, countryName: string, subregion: [string, string], region: [string, string]): Place => ({
  countryCode,
  countryName,
  subregionCode: subregion[0],
  subregionName: subregion[1],
  regionCode: region[0],
  regionName: region[1],
});
const AFRICA: [string, string] = ["002", "Africa"];
const SSA: [string, string] = ["202", "Sub-Saharan Africa"];
const KEN = place("KEN", "Kenya", SSA, AFRICA);
const UGA = place("UGA", "Uganda", SSA, AFRICA);
const EGY = place("EGY", "Egypt", ["015", "Northern Africa"], AFRICA);
const FRA = place("FRA", "France", ["155", "Western Europe"], ["150", "Europe"]);

const labels: Labels = { topic: (c) => c, audience: (c) => c.toLowerCase(), language: (c) => c };

const request: RequestFacts = { place: KEN, topics: ["EVID.MOBILE", "VIC.INTERVIEW"], audiences: ["POLICE"], languages: ["en"] };

const course = (over: Partial<CourseCandidate>): CourseCandidate => ({
  id: "c",
  title: "Course",
  providerId: "p",
  providerName: "Provider",
  level: "intermediate",
  topics: [],
  audiences: ["POLICE"],
  languages: ["en"],
  ...over,
});

const trainer = (over: Partial<TrainerCandidate>): TrainerCandidate => ({
  id: "t",
  name: "Trainer",
  organisationName: null,
  topics: [],
  languages: ["en"],
  workedIn: [],
  trainedIn: [],
  contactConsent: true,
  ...over,
});

describe("topic fit", () => {
  it("counts an exact topic fully and a broader or narrower one by half", () => {
    expect(topicFit(["EVID.MOBILE", "VIC.INTERVIEW"], ["EVID.MOBILE"], labels, "Teaches").value).toBe(0.5);
    expect(topicFit(["EVID.MOBILE", "VIC.INTERVIEW"], ["EVID", "VIC.INTERVIEW"], labels, "Teaches")).toMatchObject({
      value: 0.75,
      reasons: ["Teaches VIC.INTERVIEW", "Teaches the related EVID"],
    });
    // Siblings are not related: gathering evidence is not mobile forensics.
    expect(topicFit(["EVID.MOBILE"], ["EVID.GATHER"], labels, "Teaches").value).toBe(0);
  });
});

describe("ranking courses", () => {
  it("ranks by topics, audience, language and level, with reasons, and leaves out unrelated courses", () => {
    const ranked = rankCourses(
      request,
      [
        course({ id: "both", title: "Both topics", topics: ["EVID.MOBILE", "VIC.INTERVIEW"] }),
        course({ id: "one-fr", title: "One topic in French", topics: ["EVID.MOBILE"], languages: ["fr"] }),
        course({ id: "one", title: "One topic", topics: ["EVID.MOBILE"] }),
        course({ id: "unrelated", title: "Unrelated", topics: ["GOV.LAW"] }),
      ],
      labels,
    );
    expect(ranked.map((s) => s.id)).toEqual(["both", "one", "one-fr"]);
    expect(ranked[0]).toMatchObject({ score: 1, detail: "Provider" });
    expect(ranked[0].reasons).toEqual(["Teaches EVID.MOBILE, VIC.INTERVIEW", "For police", "Offered in en", "The intermediate level suits the audience"]);
    expect(ranked[2].reasons).toContain("Offered in none of the requested languages");
    // 0.5 × ½ topics + 0.2 audience + 0 language + 0.1 level
    expect(ranked[2].score).toBe(0.55);
  });

  it("leaves out the parts a request says nothing about", () => {
    const sparse: RequestFacts = { place: KEN, topics: ["EVID.MOBILE"], audiences: [], languages: [] };
    const [only] = rankCourses(sparse, [course({ topics: ["EVID.MOBILE"], languages: ["fr"], audiences: ["JUDGE"] })], labels);
    expect(only).toMatchObject({ score: 1, reasons: ["Teaches EVID.MOBILE"] });
  });

  it("knows which levels suit which audiences", () => {
    expect(levelSuits("awareness", "POLICE")).toBe(false);
    expect(levelSuits("advanced", "FORENSIC")).toBe(true);
    expect(levelSuits("awareness", "CAREGIVER")).toBe(true);
    expect(levelSuits("train_the_trainer", "TRAINER")).toBe(true);
    expect(levelSuits("advanced", "TRAINER")).toBe(false);
  });
});

describe("ranking trainers", () => {
  it("prefers expertise, language, experience near the country and consent to be contacted", () => {
    const ranked = rankTrainers(
      request,
      [
        trainer({ id: "far", name: "Far away", topics: ["EVID.MOBILE", "VIC.INTERVIEW"], workedIn: [FRA] }),
        trainer({ id: "near", name: "Neighbour", topics: ["EVID.MOBILE", "VIC.INTERVIEW"], trainedIn: [UGA, UGA], workedIn: [UGA] }),
        trainer({ id: "local", name: "Local", topics: ["EVID.MOBILE", "VIC.INTERVIEW"], trainedIn: [KEN] }),
        trainer({ id: "shy", name: "Shy local", topics: ["EVID.MOBILE", "VIC.INTERVIEW"], workedIn: [KEN], contactConsent: false }),
        trainer({ id: "other", name: "Other field", topics: ["GOV.LAW"], workedIn: [KEN] }),
      ],
      labels,
    );
    // 0.45 + 0.2 + 0.2 × 0.6 + 0.15 for the consenting neighbour beats 0.45 + 0.2 + 0.2 for the local who did not consent.
    expect(ranked.map((s) => s.id)).toEqual(["local", "near", "shy", "far"]);
    expect(ranked[0].reasons).toEqual(["Expert in EVID.MOBILE, VIC.INTERVIEW", "Speaks en", "Trained 1 session in Kenya", "Agreed to be contacted"]);
    expect(ranked[2].reasons).toContain("Has not agreed to be contacted: reach them through their organisation");
    expect(ranked[1].reasons).toContain("Trained 2 sessions in Sub-Saharan Africa");
    expect(ranked[3].reasons).toContain("No recorded experience in Africa");
  });
});

describe("ranking providers", () => {
  const today = "2026-06-01";
  it("prefers similar training delivered nearby and recently", () => {
    const ranked = rankProviders(
      request,
      [
        { id: "old-local", name: "Old local", sessions: [{ place: KEN, endDate: "2023-01-10", topics: ["EVID.MOBILE"], audiences: ["POLICE"] }] },
        { id: "recent-near", name: "Recent neighbour", sessions: [{ place: UGA, endDate: "2026-03-01", topics: ["EVID.MOBILE", "VIC.INTERVIEW"], audiences: ["POLICE"] }] },
        { id: "region", name: "Same region", sessions: [{ place: EGY, endDate: "2026-03-01", topics: ["EVID.MOBILE"], audiences: ["JUDGE"] }] },
        { id: "off-topic", name: "Off topic", sessions: [{ place: KEN, endDate: "2026-03-01", topics: ["GOV.LAW"], audiences: ["POLICE"] }] },
      ],
      labels,
      today,
    );
    expect(ranked.map((s) => s.id)).toEqual(["recent-near", "old-local", "region"]);
    expect(ranked[0].reasons).toEqual([
      "Delivered EVID.MOBILE, VIC.INTERVIEW",
      "Delivered 1 similar session in Sub-Saharan Africa",
      "The latest ended on 2026-03-01",
      "For police",
    ]);
    expect(ranked[2].reasons).toContain("Not aimed at police");
  });

  it("measures proximity and recency", () => {
    expect([KEN, UGA, EGY, FRA].map((p) => proximity(KEN, p))).toEqual([1, 0.6, 0.3, 0]);
    expect(recency("2026-01-01", today)).toBe(1);
    expect(recency("2022-01-01", today)).toBe(0);
    expect(recency("2024-06-01", today)).toBeCloseTo(0.5, 1);
  });
});
