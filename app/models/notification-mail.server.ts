// E-mail copies of inbox notifications (only when SMTP_URL is set). The inbox
// stays the record; e-mail is a courtesy copy, sent at most once: a batch is
// claimed (emailed_at set) in one statement before it is sent, so two server
// processes never mail the same notification, and a failed send is logged,
// not retried. Only recent notifications are mailed, so switching SMTP on
// does not flood people with old news.
import { sql } from "drizzle-orm";
import { type Executor } from "#db/client.server";
import { nowIso } from "./records.server";

export type UnmailedNotification = { id: string; message: string; link: string | null; at: string; email: string; displayName: string };

/** Claims up to `limit` unmailed notifications written at or after `since` for live users, oldest first. */
export async function claimUnmailedNotifications(db: Executor, args: { since: string; limit: number }): Promise<UnmailedNotification[]> {
  const claimed = await db.all<{ id: string }>(sql`
    UPDATE notification SET emailed_at = ${nowIso()}
    WHERE id IN (
      SELECT n.id FROM notification n JOIN user u ON u.id = n.user_id
      WHERE n.emailed_at IS NULL AND n.at >= ${args.since} AND u.deleted_at IS NULL
      ORDER BY n.at, n.id LIMIT ${args.limit})
      AND emailed_at IS NULL
    RETURNING id`);
  if (!claimed.length) return [];
  const ids = sql.join(
    claimed.map((c) => sql`${c.id}`),
    sql`, `,
  );
  return db.all<UnmailedNotification>(sql`
    SELECT n.id, n.message, n.link, n.at, u.email, u.display_name AS displayName
    FROM notification n JOIN user u ON u.id = n.user_id
    WHERE n.id IN (${ids}) ORDER BY n.at, n.id`);
}
