// The materials library: listing with filters, one material, who may download
// it, and the writes (create, edit, soft delete, restore), each audited. Files
// arrive through app/utils/uploads.server.ts; a replaced file stays on disk.
import { and, asc, count, desc, eq, isNull, like, or, sql, type SQL } from "drizzle-orm";
import { type Executor } from "#db/client.server";
import { accessRequests, courses, courseTopics, type MATERIAL_KINDS, materials, organisations } from "#db/schema";
import { toFtsQuery } from "~/domain/search-query";
import { type Paging, offsetOf } from "~/utils/list-params";
import {
  canAccessMaterial,
  canWriteForOrganisation,
  forbidden,
  isCoordinator,
  requireCoordinator,
  type AccessLevel,
  type Actor,
  type SignedInActor,
} from "~/utils/permissions.server";
import { keepUpload, removeKeptFile, type ReceivedUpload, type StoredFile } from "~/utils/uploads.server";
import { LANGUAGE_OPTIONS, listOrganisationOptions } from "./reference.server";
import { createRecord, live, restoreRecord, softDeleteRecord, updateRecord } from "./records.server";

export type Material = typeof materials.$inferSelect;
export type MaterialKind = (typeof MATERIAL_KINDS)[number];

export type MaterialInput = {
  title: string;
  description: string | null;
  kind: MaterialKind;
  language: string;
  licence: string | null;
  courseId: string | null;
  publisherId: string;
  edition: string | null;
  accessLevel: AccessLevel;
  /** Set to link to an external resource instead of a file; null keeps (or requires) a file. */
  externalUrl: string | null;
};

// ---------------------------------------------------------------- permissions

/** Trainers publish for their own organisation; coordinators for any. */
export function canCreateMaterials(actor: Actor): boolean {
  return isCoordinator(actor) || (actor?.role === "trainer" && !!actor.organisationId);
}

export function canEditMaterial(actor: Actor, material: { publisherId: string }): boolean {
  return canWriteForOrganisation(actor, material.publisherId);
}

/**
 * The one access decision for a material's file or link, used by its page and
 * by the download route: public to anyone, registered to signed-in users,
 * restricted to vetted users, coordinators and those granted access to it.
 */
export async function canDownloadMaterial(
  db: Executor,
  actor: Actor,
  material: { id: string; accessLevel: AccessLevel },
): Promise<boolean> {
  if (canAccessMaterial(actor, material.accessLevel)) return true;
  if (!actor || material.accessLevel !== "restricted") return false;
  if (isCoordinator(actor)) return true;
  const [grant] = await db
    .select({ id: accessRequests.id })
    .from(accessRequests)
    .where(
      and(
        eq(accessRequests.userId, actor.id),
        eq(accessRequests.materialId, material.id),
        eq(accessRequests.status, "granted"),
        live(accessRequests),
      ),
    )
    .limit(1);
  return !!grant;
}

// ---------------------------------------------------------------- reading

export type MaterialFilters = {
  q?: string;
  kind?: MaterialKind;
  language?: string;
  accessLevel?: AccessLevel;
  publisherId?: string;
  /** A topic code; matches materials whose course has this topic or one below it. */
  topic?: string;
};

function filterConditions(filters: MaterialFilters): SQL[] {
  const conditions: SQL[] = [live(materials)];
  const fts = toFtsQuery(filters.q);
  if (fts) conditions.push(sql`${materials.id} IN (SELECT id FROM material_fts WHERE material_fts MATCH ${fts})`);
  if (filters.kind) conditions.push(eq(materials.kind, filters.kind));
  if (filters.language) conditions.push(eq(materials.language, filters.language));
  if (filters.accessLevel) conditions.push(eq(materials.accessLevel, filters.accessLevel));
  if (filters.publisherId) conditions.push(eq(materials.publisherId, filters.publisherId));
  if (filters.topic) {
    const topicCourses = sql`(SELECT ${courseTopics.courseId} FROM ${courseTopics} WHERE ${or(
      eq(courseTopics.topicCode, filters.topic),
      like(courseTopics.topicCode, `${filters.topic}.%`),
    )})`;
    conditions.push(sql`${materials.courseId} IN ${topicCourses}`);
  }
  return conditions;
}

/** One page of the library, newest first. Lists metadata only: files are served by the download route. */
export async function listMaterials(db: Executor, filters: MaterialFilters, paging: Paging) {
  const where = and(...filterConditions(filters));
  const [items, [{ total }]] = await Promise.all([
    db
      .select({
        id: materials.id,
        title: materials.title,
        kind: materials.kind,
        language: materials.language,
        accessLevel: materials.accessLevel,
        edition: materials.edition,
        publisherId: materials.publisherId,
        publisherName: organisations.name,
        courseId: materials.courseId,
        courseTitle: courses.title,
        isExternal: sql<boolean>`${materials.externalUrl} IS NOT NULL`.mapWith(Boolean),
        updatedAt: materials.updatedAt,
      })
      .from(materials)
      .innerJoin(organisations, eq(organisations.id, materials.publisherId))
      .leftJoin(courses, eq(courses.id, materials.courseId))
      .where(where)
      .orderBy(desc(materials.createdAt), desc(materials.id))
      .limit(paging.pageSize)
      .offset(offsetOf(paging)),
    db.select({ total: count() }).from(materials).where(where),
  ]);
  return { items, total };
}

/** Organisations that publish at least one live material, for the publisher filter. */
export async function listPublishers(db: Executor) {
  return db
    .selectDistinct({ id: organisations.id, name: organisations.name })
    .from(organisations)
    .innerJoin(materials, and(eq(materials.publisherId, organisations.id), live(materials)))
    .orderBy(asc(organisations.name));
}

/** Live courses to attach a material to. */
export async function listCourseOptions(db: Executor) {
  return db
    .select({ id: courses.id, title: courses.title })
    .from(courses)
    .where(live(courses))
    .orderBy(asc(courses.title));
}

/** Choices for the material form; a trainer's publisher is fixed to their organisation. */
export async function materialFormOptions(db: Executor, actor: SignedInActor) {
  const [courseRows, organisationRows] = await Promise.all([listCourseOptions(db), listOrganisationOptions(db)]);
  const coordinator = isCoordinator(actor);
  const own = organisationRows.find((o) => o.id === actor.organisationId);
  return {
    courses: courseRows.map((c) => ({ value: c.id, label: c.title })),
    languages: LANGUAGE_OPTIONS.map((l) => ({ value: l.value, label: l.label })),
    publishers: coordinator ? organisationRows.map((o) => ({ value: o.id, label: o.acronym ? `${o.name} (${o.acronym})` : o.name })) : null,
    fixedPublisherName: coordinator ? null : (own?.name ?? null),
  };
}

/** A material with its publisher and course; a deleted one only for coordinators. */
export async function getMaterial(db: Executor, actor: Actor, id: string) {
  const [row] = await db
    .select({
      material: materials,
      publisherName: organisations.name,
      courseTitle: courses.title,
    })
    .from(materials)
    .innerJoin(organisations, eq(organisations.id, materials.publisherId))
    .leftJoin(courses, eq(courses.id, materials.courseId))
    .where(eq(materials.id, id));
  if (!row || (row.material.deletedAt && !isCoordinator(actor))) return null;
  return { ...row.material, publisherName: row.publisherName, courseTitle: row.courseTitle };
}

/** Field errors for ids that name no live organisation or course. */
export async function materialReferenceErrors(db: Executor, input: { publisherId: string; courseId: string | null }) {
  const errors: Record<string, string[]> = {};
  const [publisher] = await db
    .select({ id: organisations.id })
    .from(organisations)
    .where(and(eq(organisations.id, input.publisherId), isNull(organisations.deletedAt)));
  if (!publisher) errors.publisherId = ["Choose a publisher from the list"];
  if (input.courseId) {
    const [course] = await db.select({ id: courses.id }).from(courses).where(and(eq(courses.id, input.courseId), live(courses)));
    if (!course) errors.courseId = ["Choose a course from the list"];
  }
  return errors;
}

// ---------------------------------------------------------------- writing

const NO_FILE = { fileName: null, filePath: null, fileSize: null, mediaType: null, sha256: null };

function requirePublisherRights(actor: Actor, publisherId: string): asserts actor is SignedInActor {
  if (!canWriteForOrganisation(actor, publisherId)) {
    forbidden("Trainers may publish and edit materials only for their own organisation.");
  }
}

/** Move the upload into place, run the save, and take the file back out if the save fails. */
async function withKeptUpload<T>(upload: ReceivedUpload | undefined, save: (file: StoredFile | null) => Promise<T>): Promise<T> {
  const file = upload ? await keepUpload(upload) : null;
  try {
    return await save(file);
  } catch (error) {
    if (file && upload) await removeKeptFile(upload.uploadDir, file.filePath);
    throw error;
  }
}

/** A new material with either an uploaded file or an external URL, never both. */
export async function createMaterial(db: Executor, actor: Actor, input: MaterialInput, upload?: ReceivedUpload): Promise<Material> {
  requirePublisherRights(actor, input.publisherId);
  if (!upload === !input.externalUrl) throw new Response("A material has either an uploaded file or an external URL.", { status: 400 });
  return withKeptUpload(upload, (file) =>
    db.transaction((tx) =>
      createRecord<Material>(tx, materials, "material", { ...input, ...(file ?? NO_FILE) }, actor.id),
    ),
  );
}

/**
 * Save an edit at `expectedVersion`. A new upload replaces the file (the old
 * one stays on disk, and the audit event records both paths); an external URL
 * replaces the file link; neither keeps the current file.
 */
export async function updateMaterial(
  db: Executor,
  actor: Actor,
  args: { id: string; expectedVersion: number; input: MaterialInput; upload?: ReceivedUpload },
): Promise<Material> {
  const [current] = await db.select().from(materials).where(and(eq(materials.id, args.id), live(materials)));
  if (!current) throw new Response("Material not found", { status: 404 });
  requirePublisherRights(actor, current.publisherId);
  requirePublisherRights(actor, args.input.publisherId);
  if (args.upload && args.input.externalUrl) throw new Response("A material has either an uploaded file or an external URL.", { status: 400 });
  if (!args.upload && !args.input.externalUrl && !current.filePath) {
    throw new Response("Upload a file or give an external URL.", { status: 400 });
  }
  // The same file sent again (say, the form re-saved with it still chosen) is not a new version.
  const upload = args.upload && (args.upload.sha256 !== current.sha256 || args.upload.fileName !== current.fileName) ? args.upload : undefined;
  return withKeptUpload(upload, (file) => {
    const source = file ? { ...file, externalUrl: null } : args.input.externalUrl ? { ...NO_FILE } : {};
    return db.transaction((tx) =>
      updateRecord<Material>(tx, materials, "material", {
        id: args.id,
        expectedVersion: args.expectedVersion,
        values: { ...args.input, ...source },
        actorId: actor.id,
      }),
    );
  });
}

export async function deleteMaterial(db: Executor, actor: Actor, id: string, expectedVersion: number) {
  requireCoordinator(actor);
  return softDeleteRecord(db, materials, "material", { id, expectedVersion, actorId: actor.id });
}

export async function restoreMaterial(db: Executor, actor: Actor, id: string, expectedVersion: number) {
  requireCoordinator(actor);
  return restoreRecord(db, materials, "material", { id, expectedVersion, actorId: actor.id });
}
