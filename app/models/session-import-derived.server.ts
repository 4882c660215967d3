// Derived tables for sessions an import creates, kept set-wise instead of row
// by row. Triggers keep coverage_rollup (drizzle/0004, 0005), session_block
// (0007) and duplicate_dirty (0009) exact on every write, but for a bulk
// insert they run once per session and per list row, which made an import
// several times slower. Inside the import's own transaction, while it inserts
// new sessions, each group of INSERT triggers whose definition is exactly the
// one known here is dropped, the same effect is applied once for the whole
// chunk, and the triggers are created again from their stored SQL before the
// transaction commits: other connections never see them missing. A group
// whose triggers changed (or vanished) is left alone and simply runs, so a
// later migration can make the import slower but never wrong; the tests say
// when that happens. See docs/decisions/005-session-import.md.
import { createHash } from "node:crypto";
import { type Transaction } from "@libsql/client";

/** The import's per-chunk temp table; rows naming no session, live or deleted, are the new sessions. */
export const CHUNK_TABLE = "temp.import_chunk";
const NEW_ROWS = "target_id IS NULL AND deleted_id IS NULL";
const NEW_IDS = `SELECT id FROM ${CHUNK_TABLE} WHERE ${NEW_ROWS}`;

type TriggerGroup = {
  name: string;
  /** Trigger name → fingerprint of its SQL (whitespace collapsed, SHA-256, 16 hex). */
  triggers: Record<string, string>;
  /** Statements with the triggers' whole effect for the chunk's new sessions. */
  replay: string[];
};

export const TRIGGER_GROUPS: TriggerGroup[] = [
  {
    name: "coverage rollup",
    triggers: {
      coverage_session_insert: "c5d02c49667f1046",
      coverage_country_insert: "8fd157454ceb71f7",
      coverage_topic_insert: "b90e96e630a6a5cb",
      coverage_gen_session_audience_insert: "5ca074e0f82657a3",
      coverage_gen_session_offence_insert: "40681c56972b9345",
      coverage_gen_session_funder_insert: "af0872444fa8475a",
    },
    // One count per session for each start period (year, month), beneficiary
    // country and topic in the closure of its topics, as the triggers count.
    // The sessions are joined once, by month; the year rows add up the months.
    replay: [
      `WITH month AS MATERIALIZED (
         SELECT substr(s.start_date, 1, 7) AS period, sc.country_code, t.code AS topic_code,
                CASE s.status WHEN 'completed' THEN 'delivered' ELSE 'planned' END AS status_class,
                count(*) AS sessions, sum(coalesce(s.participants, 0)) AS participants,
                max(CASE s.status WHEN 'completed' THEN s.end_date END) AS last_end
         FROM training_session s
         JOIN session_country sc ON sc.session_id = s.id
         JOIN (SELECT DISTINCT st.session_id, ta.ancestor_code AS code
                 FROM session_topic st JOIN topic_ancestor ta ON ta.topic_code = st.topic_code
                 WHERE st.session_id IN (${NEW_IDS})) t ON t.session_id = s.id
         WHERE s.id IN (${NEW_IDS}) AND s.deleted_at IS NULL AND s.status IN ('completed', 'planned', 'confirmed')
         GROUP BY 1, 2, 3, 4)
       INSERT INTO coverage_rollup (period, country_code, topic_code, status_class, sessions, participants, last_end)
        SELECT period, country_code, topic_code, status_class, sessions, participants, last_end FROM month WHERE true
        UNION ALL
        SELECT substr(period, 1, 4), country_code, topic_code, status_class, sum(sessions), sum(participants), max(last_end)
        FROM month WHERE true GROUP BY 1, 2, 3, 4
        ON CONFLICT (period, country_code, topic_code, status_class) DO UPDATE SET
          sessions = sessions + excluded.sessions,
          participants = participants + excluded.participants,
          last_end = CASE WHEN excluded.last_end IS NULL OR (last_end IS NOT NULL AND last_end >= excluded.last_end) THEN last_end ELSE excluded.last_end END`,
      `UPDATE coverage_meta SET generation = generation + 1,
         max_span_days = max(max_span_days, coalesce((SELECT max(CAST(julianday(end_date) - julianday(start_date) AS INTEGER)) FROM ${CHUNK_TABLE} WHERE ${NEW_ROWS}), 0))
       WHERE id = 1`,
    ],
  },
  {
    name: "duplicate blocking",
    triggers: {
      session_block_country_insert: "0520739da99392db",
      session_block_topic_insert: "f1b13a57f4c9df6c",
    },
    replay: [
      `INSERT OR IGNORE INTO session_block (country_code, topic_code, start_date, session_id, end_date, provider_id, status)
        SELECT sc.country_code, t.code, s.start_date, s.id, s.end_date, s.provider_id, s.status
        FROM training_session s
        JOIN session_country sc ON sc.session_id = s.id
        JOIN (SELECT session_id, topic_code AS code FROM session_topic WHERE session_id IN (${NEW_IDS})
              UNION ALL ${NEW_IDS.replace("SELECT id", "SELECT id, ''")}) t ON t.session_id = s.id
        WHERE s.id IN (${NEW_IDS}) AND s.deleted_at IS NULL
        ORDER BY 1, 2, 3, 4`,
    ],
  },
  {
    name: "duplicate dirty queue",
    triggers: {
      duplicate_dirty_training_session_insert: "ab7ca04198a4f450",
      duplicate_dirty_session_country_insert: "8a77263eaec7a947",
      duplicate_dirty_session_topic_insert: "73e9679a0c89e5dc",
      duplicate_dirty_session_audience_insert: "dcc7c085c0155c14",
      duplicate_dirty_session_funder_insert: "0920448cb7b8ee39",
      duplicate_dirty_session_trainer_insert: "e59fd0f6153c37d0",
    },
    // The triggers mark a session once per row written; one mark says the same.
    replay: [`INSERT INTO duplicate_dirty (kind, record_id) ${NEW_IDS.replace("SELECT id", "SELECT 'session', id")} ORDER BY id`],
  },
];

export function triggerFingerprint(sql: string): string {
  return createHash("sha256").update(sql.replace(/\s+/g, " ").trim()).digest("hex").slice(0, 16);
}

/** Which groups can be replayed set-wise against this database's triggers as they are now. */
export async function replayableGroups(tx: Pick<Transaction, "execute">) {
  const names = TRIGGER_GROUPS.flatMap((g) => Object.keys(g.triggers));
  const { rows } = await tx.execute({
    sql: `SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name IN (${names.map(() => "?").join(",")})`,
    args: names,
  });
  const stored = new Map(rows.map((r) => [String(r.name), String(r.sql)]));
  return TRIGGER_GROUPS.map((group) => ({
    group,
    stored,
    replayable: Object.entries(group.triggers).every(([name, print]) => stored.has(name) && triggerFingerprint(stored.get(name)!) === print),
  }));
}

/**
 * Runs `insert` (which must add only the chunk's new sessions and their list
 * rows) with the replayable trigger groups suspended, then applies their
 * effect set-wise and restores them, all inside the caller's transaction.
 * Returns the names of the groups that were replayed.
 */
export async function withTriggersReplayed(tx: Transaction, insert: () => Promise<void>): Promise<string[]> {
  const groups = (await replayableGroups(tx)).filter((g) => g.replayable);
  const suspended = groups.flatMap(({ group, stored }) => Object.keys(group.triggers).map((name) => ({ name, sql: stored.get(name)! })));
  for (const { name } of suspended) await tx.execute(`DROP TRIGGER ${name}`);
  await insert();
  for (const { group } of groups) for (const statement of group.replay) await tx.execute(statement);
  for (const { sql } of suspended) await tx.execute(sql);
  return groups.map((g) => g.group.name);
}
