import { describe, expect, it } from "vitest";
import { checkOverlaps, checkTopics, type CheckInput, type CheckSession } from "./donor-check";

const UNODC = { id: "o1", name: "UNODC" };
const ICMEC = { id: "o2", name: "ICMEC" };
const NGO = { id: "o3", name: "Child Safe NGO" };
const NORAD = { id: "d1", name: "Norad" };
const SIDA = { id: "d2", name: "Sida" };

const session = (over: Partial<CheckSession> & Pick<CheckSession, "id">): CheckSession => ({
  title: over.id,
  status: "completed",
  startDate: "2025-03-01",
  endDate: "2025-03-03",
  deletedAt: null,
  countries: ["KEN"],
  topics: ["EVID.MOBILE"],
  audiences: ["POLICE"],
  provider: UNODC,
  funders: [],
  ...over,
});

// Kenya, 2025-01-01 … 2026-12-31. Mobile forensics was delivered (and more is
// planned); child interviewing is only planned; MLA has a critical need and an
// open request but nothing else; prevention for children has nothing at all.
const base: CheckInput = {
  countries: ["KEN"],
  topics: [
    { code: "EVID.MOBILE", label: "Mobile device forensics" },
    { code: "VIC.INTERVIEW", label: "Child-sensitive interviewing" },
    { code: "COOP.MLA", label: "Mutual legal assistance" },
    { code: "PREV.CHILDREN", label: "Children's online safety" },
    { code: "EVID", label: "Electronic evidence" },
  ],
  audiences: [],
  window: { from: "2025-01-01", to: "2026-12-31" },
  sessions: [
    session({ id: "s1", funders: [NORAD] }),
    session({ id: "s2", endDate: "2025-09-12", startDate: "2025-09-10", provider: ICMEC }),
    session({ id: "s3", status: "planned", startDate: "2026-04-14", endDate: "2026-04-16", provider: NGO }),
    session({ id: "s4", status: "planned", startDate: "2026-05-04", endDate: "2026-05-06", topics: ["VIC.INTERVIEW"], audiences: ["PROSECUTOR"], provider: NGO }),
    // None of these count: cancelled, deleted, before the window, another country.
    session({ id: "x1", status: "cancelled", topics: ["COOP.MLA"] }),
    session({ id: "x2", deletedAt: "2025-05-01T00:00:00Z", topics: ["COOP.MLA"] }),
    session({ id: "x3", startDate: "2024-06-01", endDate: "2024-06-02", topics: ["COOP.MLA"] }),
    session({ id: "x4", countries: ["UGA"], topics: ["COOP.MLA"] }),
  ],
  requests: [
    { id: "r1", status: "under_review", deletedAt: null, topics: ["COOP.MLA"], audiences: ["PROSECUTOR"] },
    { id: "r2", status: "delivered", deletedAt: null, topics: ["COOP.MLA"], audiences: [] },
    { id: "r3", status: "submitted", deletedAt: null, topics: ["VIC.INTERVIEW"], audiences: ["POLICE"] },
  ],
  needs: new Map([
    ["COOP.MLA", 3],
    ["COOP", 3],
    ["PREV.CHILDREN", 1],
  ]),
  fundings: [
    { donor: SIDA, sessionId: "s3", requestId: null },
    { donor: NORAD, sessionId: null, requestId: "r1" },
  ],
};

describe("the donor's check", () => {
  const verdicts = Object.fromEntries(checkTopics(base).map((v) => [v.topic, v]));

  it("calls a topic delivered in the window covered, naming who delivered and funded it", () => {
    expect(verdicts["EVID.MOBILE"]).toMatchObject({
      verdict: "covered",
      delivered: 2,
      planned: 1,
      openRequests: 0,
      lastDelivered: "2025-09-12",
      nextPlanned: "2026-04-14",
      providers: [NGO, ICMEC, UNODC],
      funders: [NORAD, SIDA],
    });
    expect(verdicts["EVID.MOBILE"].summary).toBe(
      "Covered recently by ICMEC, UNODC (2 sessions delivered, the latest ended 2025-09-12); also planned by Child Safe NGO in Apr 2026.",
    );
  });

  it("counts a parent topic as covered when a subtopic is", () => {
    expect(verdicts.EVID).toMatchObject({ verdict: "covered", delivered: 2, planned: 1 });
  });

  it("calls a topic with only planned sessions planned, with the open demand", () => {
    expect(verdicts["VIC.INTERVIEW"]).toMatchObject({ verdict: "planned", delivered: 0, planned: 1, openRequests: 1, providers: [NGO] });
    expect(verdicts["VIC.INTERVIEW"].summary).toBe("Planned by Child Safe NGO in May 2026 (1 session); nothing delivered yet, with 1 open request.");
  });

  it("calls a topic with need or requests but nothing delivered or planned a gap, ignoring cancelled, deleted, old and foreign sessions", () => {
    expect(verdicts["COOP.MLA"]).toMatchObject({ verdict: "gap", delivered: 0, planned: 0, openRequests: 1, needLevel: 3, funders: [NORAD] });
    expect(verdicts["COOP.MLA"].summary).toBe("Gap: nothing delivered or planned in this period, with assessed need critical (3) and 1 open request.");
  });

  it("still answers gap when nothing is known at all, and says so", () => {
    expect(verdicts["PREV.CHILDREN"]).toMatchObject({ verdict: "gap", needLevel: 1, openRequests: 0 });
    expect(verdicts["PREV.CHILDREN"].summary).toMatch(/no assessed need or open request/);
  });

  it("narrows sessions and requests to the audiences asked", () => {
    const forProsecutors = Object.fromEntries(checkTopics({ ...base, audiences: ["PROSECUTOR"] }).map((v) => [v.topic, v]));
    expect(forProsecutors["EVID.MOBILE"]).toMatchObject({ verdict: "gap", delivered: 0, planned: 0 });
    expect(forProsecutors["VIC.INTERVIEW"]).toMatchObject({ verdict: "planned", openRequests: 0 });
    expect(forProsecutors["COOP.MLA"]).toMatchObject({ openRequests: 1 });
  });

  it("lists overlapping efforts that involve a planned session", () => {
    const overlaps = checkOverlaps({
      ...base,
      sessions: [
        ...base.sessions,
        // UNODC plans the same training a month after the NGO's: an overlap.
        session({ id: "s5", status: "planned", startDate: "2026-05-20", endDate: "2026-05-21" }),
      ],
    });
    expect(overlaps.map((o) => [o.a.id, o.b.id].sort())).toEqual([["s3", "s5"]]);
    expect(overlaps[0]).toMatchObject({ countries: ["KEN"], topics: ["EVID.MOBILE"], audiences: ["POLICE"], dayGap: 34 });
  });
});
