// A complete, valid SessionInput for model tests: a planned in-person police
// course on digital forensics in Kenya. Tests override only what they are about.
import { type SessionInput } from "~/models/sessions.server";

export function testSessionInput(overrides: Partial<SessionInput> & Pick<SessionInput, "providerId" | "reportingOrgId">): SessionInput {
  return {
    courseId: null,
    title: "Digital forensics for first responders",
    externalId: null,
    hostCountry: "KEN",
    city: null,
    countries: [],
    startDate: "2026-09-07",
    endDate: "2026-09-09",
    status: "planned",
    topics: ["EVID.FORENSICS"],
    audiences: ["POLICE"],
    offences: [],
    funders: [],
    trainers: [],
    language: "en",
    mode: "in_person",
    participants: null,
    participantsFemale: null,
    participantsMale: null,
    outcomes: null,
    notes: null,
    ...overrides,
  };
}
