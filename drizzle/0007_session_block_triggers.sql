-- Keeps session_block exact on every write to sessions, their beneficiary
-- countries and their topics, whatever path writes them (forms, CSV import,
-- merges). A live session has one row per beneficiary country and topic, and
-- one per country with topic '' (the duplicate check's block, topic or not).
-- A soft-deleted session (merged duplicates included) has none.
-- See docs/decisions/004-duplicate-scoring.md.
INSERT OR IGNORE INTO session_block (country_code, topic_code, start_date, session_id, end_date, provider_id, status)
  SELECT sc.country_code, t.code, s.start_date, s.id, s.end_date, s.provider_id, s.status
  FROM training_session s
  JOIN session_country sc ON sc.session_id = s.id
  JOIN (SELECT session_id, topic_code AS code FROM session_topic UNION ALL SELECT id, '' FROM training_session) t ON t.session_id = s.id
  WHERE s.deleted_at IS NULL;
--> statement-breakpoint
CREATE TRIGGER session_block_country_insert AFTER INSERT ON session_country BEGIN
  INSERT OR IGNORE INTO session_block (country_code, topic_code, start_date, session_id, end_date, provider_id, status)
    SELECT NEW.country_code, t.code, s.start_date, s.id, s.end_date, s.provider_id, s.status
    FROM training_session s, (SELECT '' AS code UNION ALL SELECT topic_code FROM session_topic WHERE session_id = NEW.session_id) t
    WHERE s.id = NEW.session_id AND s.deleted_at IS NULL;
END;
--> statement-breakpoint
CREATE TRIGGER session_block_country_delete AFTER DELETE ON session_country BEGIN
  DELETE FROM session_block WHERE session_id = OLD.session_id AND country_code = OLD.country_code;
END;
--> statement-breakpoint
CREATE TRIGGER session_block_country_update AFTER UPDATE ON session_country BEGIN
  DELETE FROM session_block WHERE session_id = OLD.session_id AND country_code = OLD.country_code;
  INSERT OR IGNORE INTO session_block (country_code, topic_code, start_date, session_id, end_date, provider_id, status)
    SELECT NEW.country_code, t.code, s.start_date, s.id, s.end_date, s.provider_id, s.status
    FROM training_session s, (SELECT '' AS code UNION ALL SELECT topic_code FROM session_topic WHERE session_id = NEW.session_id) t
    WHERE s.id = NEW.session_id AND s.deleted_at IS NULL;
END;
--> statement-breakpoint
CREATE TRIGGER session_block_topic_insert AFTER INSERT ON session_topic BEGIN
  INSERT OR IGNORE INTO session_block (country_code, topic_code, start_date, session_id, end_date, provider_id, status)
    SELECT sc.country_code, NEW.topic_code, s.start_date, s.id, s.end_date, s.provider_id, s.status
    FROM training_session s JOIN session_country sc ON sc.session_id = s.id
    WHERE s.id = NEW.session_id AND s.deleted_at IS NULL;
END;
--> statement-breakpoint
CREATE TRIGGER session_block_topic_delete AFTER DELETE ON session_topic BEGIN
  DELETE FROM session_block WHERE session_id = OLD.session_id AND topic_code = OLD.topic_code;
END;
--> statement-breakpoint
CREATE TRIGGER session_block_topic_update AFTER UPDATE ON session_topic BEGIN
  DELETE FROM session_block WHERE session_id = OLD.session_id AND topic_code = OLD.topic_code;
  INSERT OR IGNORE INTO session_block (country_code, topic_code, start_date, session_id, end_date, provider_id, status)
    SELECT sc.country_code, NEW.topic_code, s.start_date, s.id, s.end_date, s.provider_id, s.status
    FROM training_session s JOIN session_country sc ON sc.session_id = s.id
    WHERE s.id = NEW.session_id AND s.deleted_at IS NULL;
END;
--> statement-breakpoint
CREATE TRIGGER session_block_session_update AFTER UPDATE OF start_date, end_date, provider_id, status, deleted_at ON training_session
  WHEN OLD.start_date IS NOT NEW.start_date OR OLD.end_date IS NOT NEW.end_date OR OLD.provider_id IS NOT NEW.provider_id OR OLD.status IS NOT NEW.status OR OLD.deleted_at IS NOT NEW.deleted_at
BEGIN
  DELETE FROM session_block WHERE session_id = OLD.id;
  INSERT OR IGNORE INTO session_block (country_code, topic_code, start_date, session_id, end_date, provider_id, status)
    SELECT sc.country_code, t.code, NEW.start_date, NEW.id, NEW.end_date, NEW.provider_id, NEW.status
    FROM session_country sc, (SELECT '' AS code UNION ALL SELECT topic_code FROM session_topic WHERE session_id = NEW.id) t
    WHERE sc.session_id = NEW.id AND NEW.deleted_at IS NULL;
END;
--> statement-breakpoint
CREATE TRIGGER session_block_session_delete AFTER DELETE ON training_session BEGIN
  DELETE FROM session_block WHERE session_id = OLD.id;
END;
