import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { follows, notifications } from "#db/schema";
import { createTestActor, createTestDb, createTestOrganisation, type TestDb } from "#tests/setup/test-db";
import { type SignedInActor } from "~/utils/permissions.server";
import { follow, isFollowing, listFollows, listInbox, markRead, unfollow, unreadCount } from "./notifications.server";
import { changeRequestStatus, createRequest, type RequestInput } from "./requests.server";
import { createSession, updateSession, type SessionInput } from "./sessions.server";

let t: TestDb;
let coordinator: SignedInActor;
let org: string;

beforeEach(async () => {
  t = createTestDb();
  coordinator = await createTestActor(t.db, "coordinator");
  org = (await createTestOrganisation(t.db)).id;
});
afterEach(() => t.cleanup());

const session = (over: Partial<SessionInput> = {}): SessionInput => ({
  courseId: null,
  title: "Victim identification lab",
  providerId: org,
  reportingOrgId: org,
  externalId: null,
  hostCountry: "KEN",
  city: null,
  countries: [],
  startDate: "2026-11-02",
  endDate: "2026-11-04",
  status: "planned",
  topics: ["INV.VICTIMID"],
  audiences: ["POLICE"],
  offences: [],
  funders: [],
  trainers: [],
  language: null,
  mode: null,
  participants: null,
  participantsFemale: null,
  participantsMale: null,
  outcomes: null,
  notes: null,
  ...over,
});

const request = (over: Partial<RequestInput> = {}): RequestInput => ({
  countryCode: "KEN",
  agencyId: null,
  agencyName: null,
  title: "Help with victim identification",
  description: "Our unit has a backlog of images.",
  expectedParticipants: null,
  wantedFrom: null,
  wantedTo: null,
  urgency: "medium",
  isPublic: false,
  topics: ["INV.VICTIMID"],
  audiences: [],
  languages: [],
  ...over,
});

const messages = async (userId: string) => (await t.db.select().from(notifications).where(eq(notifications.userId, userId))).map((n) => n.message);

describe("following", () => {
  it("follows a known country, region or topic once, and unfollows", async () => {
    const user = await createTestActor(t.db, "donor");
    expect(await follow(t.db, user, "country", "KEN")).toBe("Kenya");
    expect(await follow(t.db, user, "country", "KEN")).toBe("Kenya");
    expect(await follow(t.db, user, "region", "014")).toBe("Eastern Africa");
    expect(await follow(t.db, user, "topic", "EVID")).toBe("Electronic evidence");
    await expect(follow(t.db, user, "topic", "NOPE")).rejects.toMatchObject({ status: 400 });
    await expect(follow(t.db, null, "country", "KEN")).rejects.toMatchObject({ status: 403 });
    expect((await listFollows(t.db, user)).map((f) => f.label)).toEqual(["Kenya", "Eastern Africa", "Electronic evidence"]);
    await unfollow(t.db, user, "country", "KEN");
    expect(await isFollowing(t.db, user, "country", "KEN")).toBe(false);
    expect(await t.db.select().from(follows).where(eq(follows.userId, user.id))).toHaveLength(2);
  });
});

describe("fan-out", () => {
  it("tells followers of the country, its regions and the topic's family about a new session, once each, never the author", async () => {
    const byCountry = await createTestActor(t.db, "donor");
    const byRegionAndTopic = await createTestActor(t.db, "trainer");
    const byParentTopic = await createTestActor(t.db, "focal_point", { countryCode: "UGA" });
    const elsewhere = await createTestActor(t.db, "donor");
    await follow(t.db, byCountry, "country", "KEN");
    await follow(t.db, byRegionAndTopic, "region", "202");
    await follow(t.db, byRegionAndTopic, "topic", "INV.VICTIMID");
    await follow(t.db, byParentTopic, "topic", "INV");
    await follow(t.db, elsewhere, "country", "FRA");
    await follow(t.db, coordinator, "country", "KEN");

    const created = await createSession(t.db, coordinator, session());
    const expected = "New training session in Kenya: Victim identification lab (planned, 2 Nov 2026)";
    for (const user of [byCountry, byRegionAndTopic, byParentTopic]) expect(await messages(user.id)).toEqual([expected]);
    expect(await messages(elsewhere.id)).toEqual([]);
    expect(await messages(coordinator.id)).toEqual([]);

    await updateSession(t.db, { id: created.id, expectedVersion: 1, actor: coordinator, input: session({ status: "confirmed" }) });
    expect(await messages(byCountry.id)).toEqual([expected, "Training session “Victim identification lab” (Kenya): Planned → Confirmed"]);
  });

  it("tells followers about new requests and status changes only when they may see the request", async () => {
    const focal = await createTestActor(t.db, "focal_point", { countryCode: "KEN" });
    const donor = await createTestActor(t.db, "donor");
    const trainer = await createTestActor(t.db, "trainer");
    for (const user of [donor, trainer]) await follow(t.db, user, "country", "KEN");

    const hidden = await createRequest(t.db, focal, request());
    expect(await messages(donor.id)).toEqual(["New assistance request from Kenya: Help with victim identification"]);
    expect(await messages(trainer.id)).toEqual([]);
    await createRequest(t.db, focal, request({ isPublic: true, title: "Public request" }));
    expect(await messages(trainer.id)).toEqual(["New assistance request from Kenya: Public request"]);

    await changeRequestStatus(t.db, { id: hidden.id, expectedVersion: 1, actor: coordinator, to: "under_review", note: null });
    expect(await messages(donor.id)).toHaveLength(3);
    expect(await messages(trainer.id)).toHaveLength(1);
    // The submitter hears of the change, whether or not they follow anything.
    expect(await messages(focal.id)).toEqual(["Request “Help with victim identification” (Kenya): Submitted → Under review"]);
  });
});

describe("the inbox", () => {
  it("counts unread notifications and marks only one's own as read", async () => {
    const reader = await createTestActor(t.db, "donor");
    const other = await createTestActor(t.db, "donor");
    for (const user of [reader, other]) await follow(t.db, user, "topic", "INV");
    await createSession(t.db, coordinator, session());
    await createSession(t.db, coordinator, session({ title: "Second lab" }));
    expect(await unreadCount(t.db, reader.id)).toBe(2);

    const page = await listInbox(t.db, reader, { page: 1, pageSize: 10 });
    expect(page).toMatchObject({ total: 2, unread: 2 });
    expect(page.items[0].message).toMatch(/Second lab/);
    expect(page.items[0].link).toMatch(/^\/sessions\//);

    const othersItem = (await listInbox(t.db, other, { page: 1, pageSize: 10 })).items[0];
    expect(await markRead(t.db, reader, [othersItem.id])).toBe(0);
    expect(await markRead(t.db, reader, [page.items[0].id])).toBe(1);
    expect(await unreadCount(t.db, reader.id)).toBe(1);
    expect((await listInbox(t.db, reader, { page: 1, pageSize: 10 }, { unreadOnly: true })).items.map((n) => n.message)).toEqual([page.items[1].message]);
    expect(await markRead(t.db, reader, "all")).toBe(1);
    expect(await unreadCount(t.db, reader.id)).toBe(0);
    expect(await unreadCount(t.db, other.id)).toBe(2);
  });
});
