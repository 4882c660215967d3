import { and, eq } from "drizzle-orm";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { accessRequests, auditEvents, courses, courseTopics, materials } from "#db/schema";
import { createTestActor, createTestDb, createTestOrganisation, type TestDb } from "#tests/setup/test-db";
import { receiveUploadForm, type ReceivedUpload } from "~/utils/uploads.server";
import { type AccessLevel, type Actor } from "~/utils/permissions.server";
import {
  canCreateMaterials,
  canDownloadMaterial,
  createMaterial,
  deleteMaterial,
  getMaterial,
  listMaterials,
  restoreMaterial,
  updateMaterial,
  type MaterialInput,
} from "./materials.server";
import { readMaterialListFilters } from "./api/catalogue.server";
import { StaleVersionError } from "./records.server";

let t: TestDb;
let uploadDir: string;
beforeEach(() => {
  t = createTestDb();
  uploadDir = mkdtempSync(path.join(tmpdir(), "registry-materials-"));
});
afterEach(() => {
  t.cleanup();
  rmSync(uploadDir, { recursive: true, force: true });
});

const PDF = (text: string) => Buffer.from(`%PDF-1.4\n% ${text}\n%%EOF\n`);

async function upload(bytes: Buffer, name = "handbook.pdf"): Promise<ReceivedUpload> {
  const body = new FormData();
  body.append("file", new File([Uint8Array.from(bytes)], name));
  const { outcome } = await receiveUploadForm(new Request("http://x/", { method: "POST", body }), { uploadDir, maxBytes: 1_000_000 });
  if (outcome.status !== "received") throw new Error(`upload not received: ${JSON.stringify(outcome)}`);
  return outcome.upload;
}

/** Every file under the upload folder except the (empty) incoming folder. */
function storedFiles(dir = uploadDir): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? storedFiles(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

function input(publisherId: string, extra: Partial<MaterialInput> = {}): MaterialInput {
  return {
    title: "Preserving electronic evidence: a field handbook",
    description: "Chain of custody for seized devices.",
    kind: "handbook",
    language: "en",
    licence: "CC BY 4.0",
    courseId: null,
    publisherId,
    edition: "v1",
    accessLevel: "public",
    externalUrl: null,
    ...extra,
  };
}

async function auditOf(id: string) {
  return t.db.select().from(auditEvents).where(eq(auditEvents.recordId, id)).orderBy(auditEvents.id);
}

describe("creating and editing materials", () => {
  it("lets a trainer publish for their own organisation, storing the file and its checksum", async () => {
    const org = await createTestOrganisation(t.db);
    const trainer = await createTestActor(t.db, "trainer", { organisationId: org.id });
    const bytes = PDF("first");
    const material = await createMaterial(t.db, trainer, input(org.id), await upload(bytes));
    expect(material).toMatchObject({ fileName: "handbook.pdf", fileSize: bytes.length, mediaType: "application/pdf", externalUrl: null });
    expect(material.filePath).toMatch(/^\d{4}\/[0-9A-Z]{26}-handbook\.pdf$/);
    expect(readFileSync(path.join(uploadDir, material.filePath!))).toEqual(bytes);
    const [event] = await auditOf(material.id);
    expect(event).toMatchObject({ action: "create", actorId: trainer.id, recordKind: "material" });
    expect(event.changes).toMatchObject({ sha256: { before: null, after: material.sha256 } });
  });

  it("forbids other organisations, focal points, donors and visitors, and writes nothing", async () => {
    const org = await createTestOrganisation(t.db);
    const other = await createTestOrganisation(t.db);
    const actors: Actor[] = [
      await createTestActor(t.db, "trainer", { organisationId: other.id }),
      await createTestActor(t.db, "trainer"),
      await createTestActor(t.db, "focal_point", { organisationId: org.id, countryCode: "KEN" }),
      await createTestActor(t.db, "donor", { organisationId: org.id }),
      null,
    ];
    for (const actor of actors) {
      await expect(createMaterial(t.db, actor, input(org.id, { externalUrl: "https://example.org/x" }))).rejects.toMatchObject({ status: 403 });
      // A trainer of another organisation may publish, just not for this one.
      if (actor !== actors[0]) expect(canCreateMaterials(actor)).toBe(false);
    }
    const received = await upload(PDF("x"));
    await expect(createMaterial(t.db, actors[0], input(org.id), received)).rejects.toMatchObject({ status: 403 });
    expect(await t.db.select().from(materials)).toEqual([]);
    expect(storedFiles().filter((f) => !f.includes(".incoming"))).toEqual([]);
  });

  it("lets coordinators publish for any organisation, with an external URL", async () => {
    const org = await createTestOrganisation(t.db);
    const coordinator = await createTestActor(t.db, "coordinator");
    expect(canCreateMaterials(coordinator)).toBe(true);
    const material = await createMaterial(t.db, coordinator, input(org.id, { externalUrl: "https://example.org/guide" }));
    expect(material).toMatchObject({ externalUrl: "https://example.org/guide", filePath: null });
  });

  it("requires exactly one of a file and a URL", async () => {
    const org = await createTestOrganisation(t.db);
    const coordinator = await createTestActor(t.db, "coordinator");
    await expect(createMaterial(t.db, coordinator, input(org.id))).rejects.toMatchObject({ status: 400 });
    await expect(createMaterial(t.db, coordinator, input(org.id, { externalUrl: "https://e.org" }), await upload(PDF("y")))).rejects.toMatchObject({
      status: 400,
    });
  });

  it("replaces the file on edit, keeps the old one on disk and audits both paths", async () => {
    const org = await createTestOrganisation(t.db);
    const trainer = await createTestActor(t.db, "trainer", { organisationId: org.id });
    const first = await createMaterial(t.db, trainer, input(org.id), await upload(PDF("first")));
    const second = await updateMaterial(t.db, trainer, { id: first.id, expectedVersion: 1, input: input(org.id, { edition: "v2" }), upload: await upload(PDF("second"), "v2.pdf") });
    expect(second).toMatchObject({ version: 2, edition: "v2", fileName: "v2.pdf" });
    expect(existsSync(path.join(uploadDir, first.filePath!))).toBe(true);
    expect(existsSync(path.join(uploadDir, second.filePath!))).toBe(true);
    const [, event] = await auditOf(first.id);
    expect(event.action).toBe("update");
    expect(event.changes).toMatchObject({
      filePath: { before: first.filePath, after: second.filePath },
      sha256: { before: first.sha256, after: second.sha256 },
      edition: { before: "v1", after: "v2" },
    });

    // The same file sent again is not a new version.
    const same = await updateMaterial(t.db, trainer, { id: first.id, expectedVersion: 2, input: input(org.id, { edition: "v2" }), upload: await upload(PDF("second"), "v2.pdf") });
    expect(same).toMatchObject({ version: 3, filePath: second.filePath });

    // An edit without a new file keeps the current one.
    const third = await updateMaterial(t.db, trainer, { id: first.id, expectedVersion: 3, input: input(org.id, { title: "Renamed" }) });
    expect(third).toMatchObject({ title: "Renamed", filePath: second.filePath });
  });

  it("switches to an external URL and back", async () => {
    const org = await createTestOrganisation(t.db);
    const coordinator = await createTestActor(t.db, "coordinator");
    const m = await createMaterial(t.db, coordinator, input(org.id), await upload(PDF("a")));
    const linked = await updateMaterial(t.db, coordinator, { id: m.id, expectedVersion: 1, input: input(org.id, { externalUrl: "https://e.org/a" }) });
    expect(linked).toMatchObject({ externalUrl: "https://e.org/a", filePath: null, sha256: null });
    await expect(updateMaterial(t.db, coordinator, { id: m.id, expectedVersion: 2, input: input(org.id) })).rejects.toMatchObject({ status: 400 });
    const back = await updateMaterial(t.db, coordinator, { id: m.id, expectedVersion: 2, input: input(org.id), upload: await upload(PDF("b")) });
    expect(back).toMatchObject({ externalUrl: null, mediaType: "application/pdf" });
  });

  it("refuses edits by other organisations, moving to another publisher, and stale versions, without keeping the new file", async () => {
    const org = await createTestOrganisation(t.db);
    const other = await createTestOrganisation(t.db);
    const trainer = await createTestActor(t.db, "trainer", { organisationId: org.id });
    const outsider = await createTestActor(t.db, "trainer", { organisationId: other.id });
    const m = await createMaterial(t.db, trainer, input(org.id), await upload(PDF("a")));
    await expect(updateMaterial(t.db, outsider, { id: m.id, expectedVersion: 1, input: input(other.id) })).rejects.toMatchObject({ status: 403 });
    await expect(updateMaterial(t.db, trainer, { id: m.id, expectedVersion: 1, input: input(other.id) })).rejects.toMatchObject({ status: 403 });
    const before = storedFiles().length;
    await expect(updateMaterial(t.db, trainer, { id: m.id, expectedVersion: 7, input: input(org.id), upload: await upload(PDF("late")) })).rejects.toBeInstanceOf(
      StaleVersionError,
    );
    expect(storedFiles().length).toBe(before);
    expect((await auditOf(m.id)).length).toBe(1);
  });

  it("lets only coordinators delete and restore; deleted ones are hidden from everyone else", async () => {
    const org = await createTestOrganisation(t.db);
    const trainer = await createTestActor(t.db, "trainer", { organisationId: org.id });
    const coordinator = await createTestActor(t.db, "coordinator");
    const m = await createMaterial(t.db, trainer, input(org.id, { externalUrl: "https://e.org" }));
    await expect(deleteMaterial(t.db, trainer, m.id, 1)).rejects.toMatchObject({ status: 403 });
    await deleteMaterial(t.db, coordinator, m.id, 1);
    expect(await getMaterial(t.db, trainer, m.id)).toBeNull();
    expect(await getMaterial(t.db, coordinator, m.id)).toMatchObject({ id: m.id, deletedAt: expect.any(String) });
    expect((await listMaterials(t.db, {}, { page: 1, pageSize: 25 })).total).toBe(0);
    await restoreMaterial(t.db, coordinator, m.id, 2);
    expect(await getMaterial(t.db, null, m.id)).toMatchObject({ id: m.id, deletedAt: null, publisherName: org.name });
    expect((await auditOf(m.id)).map((e) => e.action)).toEqual(["create", "delete", "restore"]);
  });
});

describe("the library", () => {
  it("filters by text, kind, language, access level, publisher and course topic", async () => {
    const org = await createTestOrganisation(t.db, "Harbour Police Academy");
    const other = await createTestOrganisation(t.db, "Inland Institute");
    const coordinator = await createTestActor(t.db, "coordinator");
    const [course] = await t.db.insert(courses).values({ title: "Mobile forensics", summary: "s", providerId: org.id, level: "advanced", mode: "in_person" }).returning();
    await t.db.insert(courseTopics).values({ courseId: course.id, topicCode: "EVID.MOBILE" });
    const url = { externalUrl: "https://e.org" };
    await createMaterial(t.db, coordinator, input(org.id, { ...url, title: "Handset extraction slides", kind: "slides", courseId: course.id }));
    await createMaterial(t.db, coordinator, input(other.id, { ...url, title: "Guía de entrevistas", language: "es", accessLevel: "restricted" }));
    await createMaterial(t.db, coordinator, input(other.id, { ...url, title: "Annual report", kind: "report", description: "Hotline \"statistics\"" }));

    const titles = async (filters: Parameters<typeof listMaterials>[1]) =>
      (await listMaterials(t.db, filters, { page: 1, pageSize: 25 })).items.map((i) => i.title).sort();
    expect(await titles({})).toHaveLength(3);
    expect(await titles({ q: "extract" })).toEqual(["Handset extraction slides"]);
    expect(await titles({ q: 'statistics" -' })).toEqual(["Annual report"]);
    expect(await titles({ kind: "report" })).toEqual(["Annual report"]);
    expect(await titles({ language: "es" })).toEqual(["Guía de entrevistas"]);
    expect(await titles({ accessLevel: "restricted" })).toEqual(["Guía de entrevistas"]);
    expect(await titles({ publisherId: other.id })).toEqual(["Annual report", "Guía de entrevistas"]);
    expect(await titles({ topic: "EVID" })).toEqual(["Handset extraction slides"]);
    expect(await titles({ topic: "EVID.MOBILE" })).toEqual(["Handset extraction slides"]);
    expect(await titles({ topic: "INV" })).toEqual([]);
    const page = await listMaterials(t.db, {}, { page: 2, pageSize: 2 });
    expect(page).toMatchObject({ total: 3, items: [expect.objectContaining({ isExternal: true })] });
  });

  it("reads its filters as the API does for the page and the CSV: values that name nothing are left out and named", async () => {
    const org = await createTestOrganisation(t.db, "Harbour Police Academy");
    const read = (query: string) => readMaterialListFilters(t.db, new URLSearchParams(query));
    expect(await read(`topic=evid&language=ES&publisher=${org.id}&kind=slides&access=public&q=x&page=2`)).toEqual({
      filters: { q: "x", topic: "EVID", language: "es", publisherId: org.id, kind: "slides", accessLevel: "public" },
      paging: { page: 2, pageSize: 25 },
      problems: [],
    });
    const { filters, problems } = await read("topic=ZZZ&language=xx&publisher=nobody&kind=poster&access=secret");
    expect(problems).toEqual([
      { parameter: "kind", error: expect.stringContaining('(got "poster")') },
      { parameter: "access", error: expect.stringContaining('(got "secret")') },
      { parameter: "topic", error: "Unknown topic code: ZZZ" },
      { parameter: "language", error: "Unknown ISO 639-1 language code: xx" },
      { parameter: "publisher", error: "Unknown organisation id: nobody" },
    ]);
    expect(filters).toEqual({ q: undefined, topic: undefined, language: undefined, publisherId: undefined, kind: undefined, accessLevel: undefined });
  });
});

describe("canDownloadMaterial", () => {
  const levels: AccessLevel[] = ["public", "registered", "restricted"];

  it("follows the access level for every role, vetting and grant", async () => {
    const org = await createTestOrganisation(t.db);
    const coordinator = await createTestActor(t.db, "coordinator");
    const ids: Record<AccessLevel, string> = { public: "", registered: "", restricted: "" };
    for (const accessLevel of levels) {
      ids[accessLevel] = (await createMaterial(t.db, coordinator, input(org.id, { accessLevel, externalUrl: "https://e.org" }))).id;
    }
    const grantee = await createTestActor(t.db, "focal_point", { countryCode: "KEN" });
    const refused = await createTestActor(t.db, "donor");
    // A grant for one material opens that material only; a refusal opens nothing.
    const otherRestricted = await createMaterial(t.db, coordinator, input(org.id, { accessLevel: "restricted", externalUrl: "https://e.org/2" }));
    await t.db.insert(accessRequests).values([
      { materialId: ids.restricted, userId: grantee.id, reason: "r", status: "granted" },
      { materialId: ids.restricted, userId: refused.id, reason: "r", status: "refused" },
    ]);

    const cases: [string, Actor, Record<AccessLevel, boolean>][] = [
      ["visitor", null, { public: true, registered: false, restricted: false }],
      ["grantee", grantee, { public: true, registered: true, restricted: true }],
      ["refused requester", refused, { public: true, registered: true, restricted: false }],
      ["coordinator", coordinator, { public: true, registered: true, restricted: true }],
      ["admin", await createTestActor(t.db, "admin"), { public: true, registered: true, restricted: true }],
    ];
    for (const role of ["trainer", "focal_point", "donor"] as const) {
      const publisherTrainer = role === "trainer" ? { organisationId: org.id } : {};
      cases.push([`unvetted ${role}`, await createTestActor(t.db, role, publisherTrainer), { public: true, registered: true, restricted: false }]);
      cases.push([`vetted ${role}`, await createTestActor(t.db, role, { vetted: true }), { public: true, registered: true, restricted: true }]);
    }
    for (const [label, actor, expected] of cases) {
      for (const level of levels) {
        const allowed = await canDownloadMaterial(t.db, actor, { id: ids[level], accessLevel: level });
        expect(allowed, `${label} × ${level}`).toBe(expected[level]);
      }
    }
    expect(await canDownloadMaterial(t.db, grantee, otherRestricted)).toBe(false);

    // A deleted grant no longer opens the material.
    await t.db.update(accessRequests).set({ deletedAt: "2025-01-01T00:00:00Z" }).where(and(eq(accessRequests.userId, grantee.id)));
    expect(await canDownloadMaterial(t.db, grantee, { id: ids.restricted, accessLevel: "restricted" })).toBe(false);
  });
});
