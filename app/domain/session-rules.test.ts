import { describe, expect, it } from "vitest";
import { beneficiaryCountries, sessionRuleErrors } from "./session-rules";

const facts = (overrides: Partial<Parameters<typeof sessionRuleErrors>[0]> = {}) => ({
  startDate: "2026-03-02",
  endDate: "2026-03-04",
  participants: 20,
  participantsFemale: null,
  participantsMale: null,
  ...overrides,
});

describe("sessionRuleErrors", () => {
  it("accepts consistent facts, including a one-day session", () => {
    expect(sessionRuleErrors(facts())).toBeNull();
    expect(sessionRuleErrors(facts({ endDate: "2026-03-02" }))).toBeNull();
    expect(sessionRuleErrors(facts({ participants: null }))).toBeNull();
  });

  it("refuses an end date before the start date", () => {
    expect(sessionRuleErrors(facts({ endDate: "2026-03-01" }))).toEqual({ endDate: "The end date cannot be before the start date" });
  });

  it("lets women and men add up to the total, not beyond", () => {
    expect(sessionRuleErrors(facts({ participantsFemale: 12, participantsMale: 8 }))).toBeNull();
    expect(sessionRuleErrors(facts({ participantsFemale: 12 }))).toBeNull();
    expect(sessionRuleErrors(facts({ participantsFemale: 12, participantsMale: 9 }))).toEqual({
      participantsFemale: "Women and men together (21) cannot exceed the total of 20",
    });
  });

  it("needs a total before a split by sex", () => {
    expect(sessionRuleErrors(facts({ participants: null, participantsMale: 3 }))).toEqual({
      participants: "Enter the total number of participants when giving numbers by sex",
    });
  });
});

describe("beneficiaryCountries", () => {
  it("defaults to the host country", () => {
    expect(beneficiaryCountries("KEN", [])).toEqual(["KEN"]);
  });

  it("keeps the chosen countries once each, host included only when chosen", () => {
    expect(beneficiaryCountries("KEN", ["UGA", "TZA", "UGA"])).toEqual(["UGA", "TZA"]);
  });
});
