// What follows from a session being written, wherever it is written from
// (the sessions model calls this inside its transaction): followers of its
// countries, regions and topics are told about a new session or a status
// change, and requests linked to it move with it — delivered when it is
// completed, back to matched when it is cancelled.
import { sql } from "drizzle-orm";
import { type Executor } from "#db/client.server";
import { type SESSION_STATUSES } from "#db/schema";
import { formatDate, humanise } from "~/utils/format";
import { followersOf, notifyUsers } from "./notifications.server";
import { moveRequestBySystem, requestsLinkedToSession } from "./requests.server";

type SessionStatus = (typeof SESSION_STATUSES)[number];

async function sessionFacts(db: Executor, sessionId: string) {
  const [row] = await db.all<{ title: string; startDate: string; countries: string | null; names: string | null; topics: string | null }>(sql`
    SELECT s.title, s.start_date AS startDate,
      (SELECT group_concat(country_code) FROM session_country WHERE session_id = s.id) AS countries,
      (SELECT group_concat(c.name_en, ', ') FROM session_country sc JOIN country c ON c.code = sc.country_code WHERE sc.session_id = s.id) AS names,
      (SELECT group_concat(topic_code) FROM session_topic WHERE session_id = s.id) AS topics
    FROM training_session s WHERE s.id = ${sessionId}`);
  if (!row) return null;
  return { ...row, countries: row.countries?.split(",") ?? [], topics: row.topics?.split(",") ?? [] };
}

type SessionWrite = { sessionId: string; from: SessionStatus | null; to: SessionStatus; actorId: string | null };

/** A notice for people following the session's countries, regions or topics, or null when nothing changed for them. */
export type SessionNotice = { followers: string[]; message: string; link: string };

/** Call after a session was created (`from` null) or saved, with its status before and after. */
export async function afterSessionWrite(tx: Executor, args: SessionWrite) {
  const notice = await sessionWriteNotice(tx, args);
  if (notice) await notifyUsers(tx, notice.followers, notice.message, notice.link);
  await moveLinkedRequests(tx, args);
}

/** Who is told about a session write, and what; a bulk writer (the import) may gather these into one message per person. */
export async function sessionWriteNotice(tx: Executor, args: SessionWrite): Promise<SessionNotice | null> {
  if (args.from === args.to) return null;
  const session = await sessionFacts(tx, args.sessionId);
  if (!session) return null;
  const followers = await followersOf(tx, { countries: session.countries, topics: session.topics, excludeUserId: args.actorId });
  if (!followers.length) return null;
  const message =
    args.from == null
      ? `New training session in ${session.names}: ${session.title} (${humanise(args.to).toLowerCase()}, ${formatDate(session.startDate)})`
      : `Training session “${session.title}” (${session.names}): ${humanise(args.from)} → ${humanise(args.to)}`;
  return { followers, message, link: `/sessions/${args.sessionId}` };
}

/** Requests linked to the session move with it: delivered when it is completed, back to matched when it is cancelled. */
export async function moveLinkedRequests(tx: Executor, args: SessionWrite) {
  if (args.from == null || args.from === args.to || (args.to !== "completed" && args.to !== "cancelled")) return;
  const linked = await requestsLinkedToSession(tx, args.sessionId);
  if (!linked.length) return;
  const [{ title }] = await tx.all<{ title: string }>(sql`SELECT title FROM training_session WHERE id = ${args.sessionId}`);
  for (const request of linked) {
    if (args.to === "completed") {
      await moveRequestBySystem(tx, { requestId: request.id, to: "delivered", note: `Session completed: ${title}`, actorId: args.actorId });
    } else if (request.status === "scheduled") {
      await moveRequestBySystem(tx, { requestId: request.id, to: "matched", note: `The linked session was cancelled: ${title}`, actorId: args.actorId });
    }
  }
}
