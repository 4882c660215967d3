// The entry-time check of a session form (DESIGN §4): what the person has
// typed so far, turned into a draft for checkSessionDraft. Used by the
// form's live check (GET /sessions/check) and by the save actions, which
// stop once for confirmation when there are warnings not yet shown.
import { eq } from "drizzle-orm";
import { type Executor } from "#db/client.server";
import { courses, trainingSessions } from "#db/schema";
import { type SignedInActor } from "~/utils/permissions.server";
import { sessionsForScoring } from "./duplicate-records.server";
import { checkSessionDraft, type SessionCheck } from "./overlaps.server";

export type SessionCheckInput = {
  /** The session being edited. */
  id?: string | null;
  courseId: string | null;
  title: string | null;
  providerId: string | null;
  reportingOrgId: string | null;
  externalId: string | null;
  hostCountry: string;
  city: string | null;
  countries: string[];
  startDate: string;
  endDate: string;
  status: string;
  topics: string[];
  audiences: string[];
  mode: string | null;
  participants: number | null;
  funders: string[];
  trainers: string[];
};

/**
 * Overlaps and possible duplicates of what is being entered. The provider
 * and reporter default to the edited session's, then to the person's own
 * organisation; without a provider nothing can be said about overlaps.
 */
export async function checkSessionInput(db: Executor, actor: SignedInActor, input: SessionCheckInput): Promise<SessionCheck | null> {
  const [existing] = input.id
    ? await db.select({ providerId: trainingSessions.providerId, reportingOrgId: trainingSessions.reportingOrgId }).from(trainingSessions).where(eq(trainingSessions.id, input.id))
    : [];
  const providerId = input.providerId || existing?.providerId || actor.organisationId;
  if (!providerId) return null;
  const reportingOrgId = input.reportingOrgId || existing?.reportingOrgId || actor.organisationId || providerId;
  let title = input.title ?? "";
  if (!title && input.courseId) {
    const [course] = await db.select({ title: courses.title }).from(courses).where(eq(courses.id, input.courseId));
    title = course?.title ?? "";
  }
  return checkSessionDraft(db, {
    id: input.id ?? null,
    title,
    courseId: input.courseId,
    providerId,
    reportingOrgId,
    externalId: input.externalId,
    hostCountry: input.hostCountry,
    countries: input.countries,
    city: input.city,
    startDate: input.startDate,
    endDate: input.endDate,
    status: input.status,
    mode: input.mode,
    topics: input.topics,
    audiences: input.audiences,
    participants: input.participants,
    funders: input.funders,
    trainers: input.trainers,
  });
}

/**
 * The same warnings for a session already registered (a donor about to fund
 * it): the sessions it overlaps and those it may duplicate. Null when it is
 * gone.
 */
export async function checkExistingSession(db: Executor, sessionId: string): Promise<SessionCheck | null> {
  const [s] = await sessionsForScoring(db, [sessionId]);
  if (!s) return null;
  const [row] = await db.select({ status: trainingSessions.status }).from(trainingSessions).where(eq(trainingSessions.id, sessionId));
  return checkSessionDraft(db, {
    id: s.id,
    title: s.title,
    courseId: s.courseId,
    providerId: s.provider.id,
    reportingOrgId: s.reporter.id,
    externalId: s.externalId,
    providerRef: s.providerRef,
    hostCountry: s.hostCountry,
    countries: s.countries,
    city: s.city,
    startDate: s.startDate,
    endDate: s.endDate,
    status: row?.status ?? "planned",
    mode: s.mode,
    topics: s.topics,
    audiences: s.audiences,
    participants: s.participants,
    funders: s.funders,
    trainers: s.trainers,
  });
}
