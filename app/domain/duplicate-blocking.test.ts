import { describe, expect, it } from "vitest";
import { clustersOf, courseKeys, organisationKeys, pairsSharingKeys, sessionCandidatePairs, trainerKeys, type SessionBlockingFacts } from "./duplicate-blocking";

const s = (countries: string[], startDay: number, extra: Partial<SessionBlockingFacts> = {}): SessionBlockingFacts => ({
  countries,
  startDay,
  provider: { id: "p" },
  reporter: { id: "p" },
  externalId: null,
  providerRef: null,
  ...extra,
});

describe("sessionCandidatePairs", () => {
  it("pairs sessions sharing a country and starting within the window, once each", () => {
    const sessions = [s(["KEN", "UGA"], 100), s(["KEN", "UGA"], 110), s(["KEN"], 130), s(["TZA"], 100)];
    expect(sessionCandidatePairs(sessions, 14)).toEqual([[0, 1]]);
    expect(sessionCandidatePairs(sessions, 30).sort()).toEqual([[0, 1], [0, 2], [1, 2]]);
  });
  it("pairs a funder report with the provider's own report by reference, however far apart", () => {
    const sessions = [s(["KEN"], 100, { externalId: "RCA-1" }), s(["TZA"], 400, { reporter: { id: "fund" }, providerRef: "RCA-1" })];
    expect(sessionCandidatePairs(sessions)).toEqual([[0, 1]]);
  });
  it("grows with the records, not with their square", () => {
    // 20,000 sessions over ten years in 50 countries: each meets only its fortnight.
    const many = Array.from({ length: 20_000 }, (_, i) => s([`C${i % 50}`], (i * 7919) % 3650));
    const pairs = sessionCandidatePairs(many, 14);
    expect(pairs.length).toBeLessThan(20_000 * 10);
  });
});

describe("key blocking", () => {
  it("pairs records sharing a key and skips keys too common to say anything", () => {
    const keys = [["=a", "w:police"], ["=b", "w:police"], ["=c", "w:police", "w:kenya"], ["=d", "w:kenya"]];
    expect(pairsSharingKeys(keys).sort()).toEqual([[0, 1], [0, 2], [1, 2], [2, 3]]);
    expect(pairsSharingKeys(keys, 2)).toEqual([[2, 3]]);
  });
  it("puts an acronym and its full name in one block", () => {
    const a = organisationKeys({ name: "RCA", acronym: null });
    const b = organisationKeys({ name: "Regional Cybercrime Academy", acronym: null });
    expect(a.some((k) => b.includes(k))).toBe(true);
  });
  it("puts a person with and without title in one block", () => {
    const a = trainerKeys({ name: "Dr. Amina O. Hassan", email: null });
    const b = trainerKeys({ name: "Amina Hassan", email: null });
    expect(a.some((k) => b.includes(k))).toBe(true);
  });
  it("puts reworded course titles in one block", () => {
    const a = courseKeys({ title: "Mobile device forensics" });
    const b = courseKeys({ title: "Forensics for mobile devices" });
    expect(a.some((k) => b.includes(k))).toBe(true);
  });
});

describe("clustersOf", () => {
  it("joins pairs into groups, largest first", () => {
    expect(clustersOf([["b", "c"], ["a", "b"], ["x", "y"]])).toEqual([["a", "b", "c"], ["x", "y"]]);
  });
});
