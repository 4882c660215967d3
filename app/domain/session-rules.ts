// Rules a training session's facts must keep, whoever enters them (the form,
// an import, the model itself). Pure, so the browser and the server agree.

export type SessionFacts = {
  startDate: string;
  endDate: string;
  participants: number | null | undefined;
  participantsFemale: number | null | undefined;
  participantsMale: number | null | undefined;
};

/** Field → message for each broken rule, or null when the facts hold together. */
export function sessionRuleErrors(facts: SessionFacts): Record<string, string> | null {
  const errors: Record<string, string> = {};
  // ISO dates compare correctly as strings.
  if (facts.endDate < facts.startDate) errors.endDate = "The end date cannot be before the start date";
  const female = facts.participantsFemale ?? 0;
  const male = facts.participantsMale ?? 0;
  const split = facts.participantsFemale != null || facts.participantsMale != null;
  if (split && facts.participants == null) {
    errors.participants = "Enter the total number of participants when giving numbers by sex";
  } else if (split && female + male > (facts.participants ?? 0)) {
    errors.participantsFemale = `Women and men together (${female + male}) cannot exceed the total of ${facts.participants}`;
  }
  return Object.keys(errors).length ? errors : null;
}

/** Who benefits: the chosen countries, or the host country when none were chosen. */
export function beneficiaryCountries(hostCountry: string, chosen: string[]): string[] {
  const unique = [...new Set(chosen.filter(Boolean))];
  return unique.length ? unique : [hostCountry];
}
