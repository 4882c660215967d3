-- Marks a record for a fresh duplicate scan whenever it or one of its lists
-- changes, whatever path writes it (forms, CSV import, merges, the CLI). The
-- candidates refresh (app/models/duplicate-candidates.server.ts) applies the
-- marks in seq order and removes them. See docs/decisions/004-duplicate-scoring.md.
CREATE TRIGGER duplicate_dirty_training_session_insert AFTER INSERT ON training_session BEGIN
  INSERT INTO duplicate_dirty (kind, record_id) VALUES ('session', NEW.id);
END;
--> statement-breakpoint
CREATE TRIGGER duplicate_dirty_training_session_update AFTER UPDATE ON training_session BEGIN
  INSERT INTO duplicate_dirty (kind, record_id) VALUES ('session', NEW.id);
END;
--> statement-breakpoint
CREATE TRIGGER duplicate_dirty_session_country_insert AFTER INSERT ON session_country BEGIN
  INSERT INTO duplicate_dirty (kind, record_id) VALUES ('session', NEW.session_id);
END;
--> statement-breakpoint
CREATE TRIGGER duplicate_dirty_session_country_delete AFTER DELETE ON session_country BEGIN
  INSERT INTO duplicate_dirty (kind, record_id) VALUES ('session', OLD.session_id);
END;
--> statement-breakpoint
CREATE TRIGGER duplicate_dirty_session_country_update AFTER UPDATE ON session_country BEGIN
  INSERT INTO duplicate_dirty (kind, record_id) VALUES ('session', NEW.session_id);
END;
--> statement-breakpoint
CREATE TRIGGER duplicate_dirty_session_topic_insert AFTER INSERT ON session_topic BEGIN
  INSERT INTO duplicate_dirty (kind, record_id) VALUES ('session', NEW.session_id);
END;
--> statement-breakpoint
CREATE TRIGGER duplicate_dirty_session_topic_delete AFTER DELETE ON session_topic BEGIN
  INSERT INTO duplicate_dirty (kind, record_id) VALUES ('session', OLD.session_id);
END;
--> statement-breakpoint
CREATE TRIGGER duplicate_dirty_session_topic_update AFTER UPDATE ON session_topic BEGIN
  INSERT INTO duplicate_dirty (kind, record_id) VALUES ('session', NEW.session_id);
END;
--> statement-breakpoint
CREATE TRIGGER duplicate_dirty_session_audience_insert AFTER INSERT ON session_audience BEGIN
  INSERT INTO duplicate_dirty (kind, record_id) VALUES ('session', NEW.session_id);
END;
--> statement-breakpoint
CREATE TRIGGER duplicate_dirty_session_audience_delete AFTER DELETE ON session_audience BEGIN
  INSERT INTO duplicate_dirty (kind, record_id) VALUES ('session', OLD.session_id);
END;
--> statement-breakpoint
CREATE TRIGGER duplicate_dirty_session_audience_update AFTER UPDATE ON session_audience BEGIN
  INSERT INTO duplicate_dirty (kind, record_id) VALUES ('session', NEW.session_id);
END;
--> statement-breakpoint
CREATE TRIGGER duplicate_dirty_session_funder_insert AFTER INSERT ON session_funder BEGIN
  INSERT INTO duplicate_dirty (kind, record_id) VALUES ('session', NEW.session_id);
END;
--> statement-breakpoint
CREATE TRIGGER duplicate_dirty_session_funder_delete AFTER DELETE ON session_funder BEGIN
  INSERT INTO duplicate_dirty (kind, record_id) VALUES ('session', OLD.session_id);
END;
--> statement-breakpoint
CREATE TRIGGER duplicate_dirty_session_funder_update AFTER UPDATE ON session_funder BEGIN
  INSERT INTO duplicate_dirty (kind, record_id) VALUES ('session', NEW.session_id);
END;
--> statement-breakpoint
CREATE TRIGGER duplicate_dirty_session_trainer_insert AFTER INSERT ON session_trainer BEGIN
  INSERT INTO duplicate_dirty (kind, record_id) VALUES ('session', NEW.session_id);
END;
--> statement-breakpoint
CREATE TRIGGER duplicate_dirty_session_trainer_delete AFTER DELETE ON session_trainer BEGIN
  INSERT INTO duplicate_dirty (kind, record_id) VALUES ('session', OLD.session_id);
END;
--> statement-breakpoint
CREATE TRIGGER duplicate_dirty_session_trainer_update AFTER UPDATE ON session_trainer BEGIN
  INSERT INTO duplicate_dirty (kind, record_id) VALUES ('session', NEW.session_id);
END;
--> statement-breakpoint
CREATE TRIGGER duplicate_dirty_course_insert AFTER INSERT ON course BEGIN
  INSERT INTO duplicate_dirty (kind, record_id) VALUES ('course', NEW.id);
END;
--> statement-breakpoint
CREATE TRIGGER duplicate_dirty_course_update AFTER UPDATE ON course BEGIN
  INSERT INTO duplicate_dirty (kind, record_id) VALUES ('course', NEW.id);
END;
--> statement-breakpoint
CREATE TRIGGER duplicate_dirty_course_topic_insert AFTER INSERT ON course_topic BEGIN
  INSERT INTO duplicate_dirty (kind, record_id) VALUES ('course', NEW.course_id);
END;
--> statement-breakpoint
CREATE TRIGGER duplicate_dirty_course_topic_delete AFTER DELETE ON course_topic BEGIN
  INSERT INTO duplicate_dirty (kind, record_id) VALUES ('course', OLD.course_id);
END;
--> statement-breakpoint
CREATE TRIGGER duplicate_dirty_course_topic_update AFTER UPDATE ON course_topic BEGIN
  INSERT INTO duplicate_dirty (kind, record_id) VALUES ('course', NEW.course_id);
END;
--> statement-breakpoint
CREATE TRIGGER duplicate_dirty_course_audience_insert AFTER INSERT ON course_audience BEGIN
  INSERT INTO duplicate_dirty (kind, record_id) VALUES ('course', NEW.course_id);
END;
--> statement-breakpoint
CREATE TRIGGER duplicate_dirty_course_audience_delete AFTER DELETE ON course_audience BEGIN
  INSERT INTO duplicate_dirty (kind, record_id) VALUES ('course', OLD.course_id);
END;
--> statement-breakpoint
CREATE TRIGGER duplicate_dirty_course_audience_update AFTER UPDATE ON course_audience BEGIN
  INSERT INTO duplicate_dirty (kind, record_id) VALUES ('course', NEW.course_id);
END;
--> statement-breakpoint
CREATE TRIGGER duplicate_dirty_course_language_insert AFTER INSERT ON course_language BEGIN
  INSERT INTO duplicate_dirty (kind, record_id) VALUES ('course', NEW.course_id);
END;
--> statement-breakpoint
CREATE TRIGGER duplicate_dirty_course_language_delete AFTER DELETE ON course_language BEGIN
  INSERT INTO duplicate_dirty (kind, record_id) VALUES ('course', OLD.course_id);
END;
--> statement-breakpoint
CREATE TRIGGER duplicate_dirty_course_language_update AFTER UPDATE ON course_language BEGIN
  INSERT INTO duplicate_dirty (kind, record_id) VALUES ('course', NEW.course_id);
END;
--> statement-breakpoint
CREATE TRIGGER duplicate_dirty_trainer_insert AFTER INSERT ON trainer BEGIN
  INSERT INTO duplicate_dirty (kind, record_id) VALUES ('trainer', NEW.id);
END;
--> statement-breakpoint
CREATE TRIGGER duplicate_dirty_trainer_update AFTER UPDATE ON trainer BEGIN
  INSERT INTO duplicate_dirty (kind, record_id) VALUES ('trainer', NEW.id);
END;
--> statement-breakpoint
CREATE TRIGGER duplicate_dirty_trainer_topic_insert AFTER INSERT ON trainer_topic BEGIN
  INSERT INTO duplicate_dirty (kind, record_id) VALUES ('trainer', NEW.trainer_id);
END;
--> statement-breakpoint
CREATE TRIGGER duplicate_dirty_trainer_topic_delete AFTER DELETE ON trainer_topic BEGIN
  INSERT INTO duplicate_dirty (kind, record_id) VALUES ('trainer', OLD.trainer_id);
END;
--> statement-breakpoint
CREATE TRIGGER duplicate_dirty_trainer_topic_update AFTER UPDATE ON trainer_topic BEGIN
  INSERT INTO duplicate_dirty (kind, record_id) VALUES ('trainer', NEW.trainer_id);
END;
--> statement-breakpoint
CREATE TRIGGER duplicate_dirty_trainer_language_insert AFTER INSERT ON trainer_language BEGIN
  INSERT INTO duplicate_dirty (kind, record_id) VALUES ('trainer', NEW.trainer_id);
END;
--> statement-breakpoint
CREATE TRIGGER duplicate_dirty_trainer_language_delete AFTER DELETE ON trainer_language BEGIN
  INSERT INTO duplicate_dirty (kind, record_id) VALUES ('trainer', OLD.trainer_id);
END;
--> statement-breakpoint
CREATE TRIGGER duplicate_dirty_trainer_language_update AFTER UPDATE ON trainer_language BEGIN
  INSERT INTO duplicate_dirty (kind, record_id) VALUES ('trainer', NEW.trainer_id);
END;
--> statement-breakpoint
CREATE TRIGGER duplicate_dirty_trainer_country_insert AFTER INSERT ON trainer_country BEGIN
  INSERT INTO duplicate_dirty (kind, record_id) VALUES ('trainer', NEW.trainer_id);
END;
--> statement-breakpoint
CREATE TRIGGER duplicate_dirty_trainer_country_delete AFTER DELETE ON trainer_country BEGIN
  INSERT INTO duplicate_dirty (kind, record_id) VALUES ('trainer', OLD.trainer_id);
END;
--> statement-breakpoint
CREATE TRIGGER duplicate_dirty_trainer_country_update AFTER UPDATE ON trainer_country BEGIN
  INSERT INTO duplicate_dirty (kind, record_id) VALUES ('trainer', NEW.trainer_id);
END;
--> statement-breakpoint
CREATE TRIGGER duplicate_dirty_organisation_insert AFTER INSERT ON organisation BEGIN
  INSERT INTO duplicate_dirty (kind, record_id) VALUES ('organisation', NEW.id);
END;
--> statement-breakpoint
CREATE TRIGGER duplicate_dirty_organisation_update AFTER UPDATE ON organisation BEGIN
  INSERT INTO duplicate_dirty (kind, record_id) VALUES ('organisation', NEW.id);
END;
