-- coverage_meta.generation is the version of everything the coverage pages
-- show, not only of the rollup: the server caches reference lists, built
-- matrices and whole anonymous pages under it (docs/decisions/007-coverage-page-cache.md).
-- Sessions, their links, needs, requests and countries already move it
-- (0004); these are the other tables the pages read: topic labels and
-- soft-deletes, the audience and offence-focus lists, organisations (the
-- provider and funder filters), and link rows changed in place.
CREATE TRIGGER coverage_gen_topic_update AFTER UPDATE ON topic BEGIN
  UPDATE coverage_meta SET generation = generation + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER coverage_gen_topic_delete AFTER DELETE ON topic BEGIN
  UPDATE coverage_meta SET generation = generation + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER coverage_gen_audience_insert AFTER INSERT ON audience BEGIN
  UPDATE coverage_meta SET generation = generation + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER coverage_gen_audience_update AFTER UPDATE ON audience BEGIN
  UPDATE coverage_meta SET generation = generation + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER coverage_gen_audience_delete AFTER DELETE ON audience BEGIN
  UPDATE coverage_meta SET generation = generation + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER coverage_gen_offence_focus_insert AFTER INSERT ON offence_focus BEGIN
  UPDATE coverage_meta SET generation = generation + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER coverage_gen_offence_focus_update AFTER UPDATE ON offence_focus BEGIN
  UPDATE coverage_meta SET generation = generation + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER coverage_gen_offence_focus_delete AFTER DELETE ON offence_focus BEGIN
  UPDATE coverage_meta SET generation = generation + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER coverage_gen_organisation_insert AFTER INSERT ON organisation BEGIN
  UPDATE coverage_meta SET generation = generation + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER coverage_gen_organisation_update AFTER UPDATE ON organisation BEGIN
  UPDATE coverage_meta SET generation = generation + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER coverage_gen_organisation_delete AFTER DELETE ON organisation BEGIN
  UPDATE coverage_meta SET generation = generation + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER coverage_gen_session_audience_update AFTER UPDATE ON session_audience BEGIN
  UPDATE coverage_meta SET generation = generation + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER coverage_gen_session_offence_update AFTER UPDATE ON session_offence BEGIN
  UPDATE coverage_meta SET generation = generation + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER coverage_gen_session_funder_update AFTER UPDATE ON session_funder BEGIN
  UPDATE coverage_meta SET generation = generation + 1 WHERE id = 1;
END;
