-- Full-text search over the catalogue. drizzle-kit cannot express virtual
-- tables or triggers, so they live in this custom migration. Each index keeps
-- its own copy of the text (not external content): rowids of tables with a
-- text primary key may change on VACUUM, ids never do.
CREATE VIRTUAL TABLE course_fts USING fts5(id UNINDEXED, title, summary, description, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3');
--> statement-breakpoint
CREATE TRIGGER course_fts_insert AFTER INSERT ON course BEGIN
  INSERT INTO course_fts (id, title, summary, description) VALUES (new.id, new.title, new.summary, new.description);
END;
--> statement-breakpoint
CREATE TRIGGER course_fts_update AFTER UPDATE OF title, summary, description ON course BEGIN
  UPDATE course_fts SET title = new.title, summary = new.summary, description = new.description WHERE id = new.id;
END;
--> statement-breakpoint
CREATE TRIGGER course_fts_delete AFTER DELETE ON course BEGIN
  DELETE FROM course_fts WHERE id = old.id;
END;
--> statement-breakpoint
CREATE VIRTUAL TABLE material_fts USING fts5(id UNINDEXED, title, description, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3');
--> statement-breakpoint
CREATE TRIGGER material_fts_insert AFTER INSERT ON material BEGIN
  INSERT INTO material_fts (id, title, description) VALUES (new.id, new.title, coalesce(new.description, ''));
END;
--> statement-breakpoint
CREATE TRIGGER material_fts_update AFTER UPDATE OF title, description ON material BEGIN
  UPDATE material_fts SET title = new.title, description = coalesce(new.description, '') WHERE id = new.id;
END;
--> statement-breakpoint
CREATE TRIGGER material_fts_delete AFTER DELETE ON material BEGIN
  DELETE FROM material_fts WHERE id = old.id;
END;
--> statement-breakpoint
CREATE VIRTUAL TABLE trainer_fts USING fts5(id UNINDEXED, name, bio, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3');
--> statement-breakpoint
CREATE TRIGGER trainer_fts_insert AFTER INSERT ON trainer BEGIN
  INSERT INTO trainer_fts (id, name, bio) VALUES (new.id, new.name, coalesce(new.bio, ''));
END;
--> statement-breakpoint
CREATE TRIGGER trainer_fts_update AFTER UPDATE OF name, bio ON trainer BEGIN
  UPDATE trainer_fts SET name = new.name, bio = coalesce(new.bio, '') WHERE id = new.id;
END;
--> statement-breakpoint
CREATE TRIGGER trainer_fts_delete AFTER DELETE ON trainer BEGIN
  DELETE FROM trainer_fts WHERE id = old.id;
END;
--> statement-breakpoint
-- Audit events are append-only.
CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event BEGIN
  SELECT RAISE(ABORT, 'audit events are append-only');
END;
--> statement-breakpoint
CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event BEGIN
  SELECT RAISE(ABORT, 'audit events are append-only');
END;
