// Who may do what (DESIGN §6). Every write goes through one of these checks in
// the model layer; hiding a button in the UI is never the only guard.
import { type ROLES } from "#db/schema";

export type Role = (typeof ROLES)[number];

/** The person acting: null for an anonymous visitor. */
export type Actor = {
  id: string;
  role: Role;
  displayName: string;
  email: string;
  organisationId: string | null;
  countryCode: string | null;
  vetted: boolean;
} | null;

export type SignedInActor = NonNullable<Actor>;

export function forbidden(message = "You do not have permission to do that."): never {
  throw new Response(message, { status: 403, statusText: "Forbidden" });
}

export function isCoordinator(actor: Actor): boolean {
  // Admins manage users and roles on top of everything a coordinator may do.
  return actor?.role === "coordinator" || actor?.role === "admin";
}

export function isAdmin(actor: Actor): boolean {
  return actor?.role === "admin";
}

/** Courses, materials and sessions belong to an organisation; trainers write their own organisation's. */
export function canWriteForOrganisation(actor: Actor, organisationId: string | null | undefined): boolean {
  if (isCoordinator(actor)) return true;
  return actor?.role === "trainer" && !!actor.organisationId && actor.organisationId === organisationId;
}

/** Requests and needs assessments belong to a country; focal points write their own country's. */
export function canWriteForCountry(actor: Actor, countryCode: string | null | undefined): boolean {
  if (isCoordinator(actor)) return true;
  return actor?.role === "focal_point" && !!actor.countryCode && actor.countryCode === countryCode;
}

/** Restricted detail of a session (contacts, notes, outcomes): its organisations, its country's focal point, coordinators. */
export function canSeeRestrictedSessionDetail(
  actor: Actor,
  session: { providerId: string; reportingOrgId: string; countryCodes: string[] },
): boolean {
  if (!actor) return false;
  if (isCoordinator(actor)) return true;
  if (actor.organisationId && (actor.organisationId === session.providerId || actor.organisationId === session.reportingOrgId)) return true;
  return actor.role === "focal_point" && !!actor.countryCode && session.countryCodes.includes(actor.countryCode);
}

export function canRecordFunding(actor: Actor): boolean {
  return actor?.role === "donor" || isCoordinator(actor);
}

export type AccessLevel = "public" | "registered" | "restricted";

/** Restricted materials are served only to vetted users. */
export function canAccessMaterial(actor: Actor, accessLevel: AccessLevel): boolean {
  if (accessLevel === "public") return true;
  if (!actor) return false;
  if (accessLevel === "registered") return true;
  return actor.vetted;
}

export function requireCoordinator(actor: Actor): asserts actor is SignedInActor {
  if (!isCoordinator(actor)) forbidden("Only coordinators may do that.");
}

export function requireAdmin(actor: Actor): asserts actor is SignedInActor {
  if (!isAdmin(actor)) forbidden("Only administrators may do that.");
}
