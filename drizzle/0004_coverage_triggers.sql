-- Keeps coverage_rollup exact on every write to sessions, their beneficiary
-- countries and their topics, whatever path writes them (forms, CSV import,
-- merges, deletes, restores). A session contributes, when live and not
-- cancelled, one count to (period, country, topic, class) for each of its
-- start year and start month, each beneficiary country and each topic in the
-- closure of its topics (a topic and its ancestors, once per session).
-- Removal recomputes last_end only where the removed session held it.
-- See docs/decisions/003-coverage-rollup.md.
INSERT INTO coverage_meta (id, max_span_days, generation) VALUES (1, 0, 0) ON CONFLICT (id) DO NOTHING;
--> statement-breakpoint
INSERT OR IGNORE INTO topic_ancestor (topic_code, ancestor_code)
  SELECT d.code, a.code FROM topic d JOIN topic a ON a.code = d.code OR substr(d.code, 1, length(a.code) + 1) = a.code || '.';
--> statement-breakpoint
CREATE TRIGGER topic_ancestor_insert AFTER INSERT ON topic BEGIN
  INSERT OR IGNORE INTO topic_ancestor (topic_code, ancestor_code)
    SELECT NEW.code, a.code FROM topic a WHERE a.code = NEW.code OR substr(NEW.code, 1, length(a.code) + 1) = a.code || '.';
  INSERT OR IGNORE INTO topic_ancestor (topic_code, ancestor_code)
    SELECT d.code, NEW.code FROM topic d WHERE substr(d.code, 1, length(NEW.code) + 1) = NEW.code || '.';
  INSERT INTO coverage_rollup (period, country_code, topic_code, status_class, sessions, participants, last_end)
    SELECT substr(s.start_date, 1, g.len), sc.country_code, NEW.code, CASE s.status WHEN 'completed' THEN 'delivered' ELSE 'planned' END, count(*), sum(coalesce(s.participants, 0)), max(CASE s.status WHEN 'completed' THEN s.end_date END)
    FROM training_session s JOIN session_country sc ON sc.session_id = s.id, (SELECT 4 AS len UNION ALL SELECT 7) AS g
    WHERE s.deleted_at IS NULL AND s.status IN ('completed', 'planned', 'confirmed')
      AND s.id IN (SELECT session_id FROM session_topic WHERE substr(topic_code, 1, length(NEW.code) + 1) = NEW.code || '.')
    GROUP BY 1, 2, 4;
  UPDATE coverage_meta SET generation = generation + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER coverage_session_insert AFTER INSERT ON training_session BEGIN
  INSERT INTO coverage_rollup (period, country_code, topic_code, status_class, sessions, participants, last_end)
    SELECT period, country_code, topic_code, status_class, 1, participants, last_end FROM (SELECT substr(s.start_date, 1, g.len) AS period, c.country_code AS country_code, t.code AS topic_code, CASE s.status WHEN 'completed' THEN 'delivered' ELSE 'planned' END AS status_class, coalesce(s.participants, 0) AS participants, CASE s.status WHEN 'completed' THEN s.end_date END AS last_end
    FROM (SELECT NEW.id AS id, NEW.status AS status, NEW.start_date AS start_date, NEW.end_date AS end_date, NEW.participants AS participants, NEW.deleted_at AS deleted_at) AS s, (SELECT country_code FROM session_country WHERE session_id = NEW.id) AS c, (SELECT DISTINCT ta.ancestor_code AS code FROM session_topic st JOIN topic_ancestor ta ON ta.topic_code = st.topic_code WHERE st.session_id = NEW.id) AS t, (SELECT 4 AS len UNION ALL SELECT 7) AS g
    WHERE s.deleted_at IS NULL AND s.status IN ('completed', 'planned', 'confirmed')) WHERE true
    ON CONFLICT (period, country_code, topic_code, status_class) DO UPDATE SET
      sessions = sessions + 1,
      participants = participants + excluded.participants,
      last_end = CASE WHEN excluded.last_end IS NULL OR (last_end IS NOT NULL AND last_end >= excluded.last_end) THEN last_end ELSE excluded.last_end END;
  UPDATE coverage_meta SET generation = generation + 1, max_span_days = max(max_span_days, coalesce(CAST(julianday(NEW.end_date) - julianday(NEW.start_date) AS INTEGER), 0)) WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER coverage_session_update AFTER UPDATE OF status, start_date, end_date, participants, deleted_at ON training_session WHEN OLD.status IS NOT NEW.status OR OLD.start_date IS NOT NEW.start_date OR OLD.end_date IS NOT NEW.end_date OR OLD.participants IS NOT NEW.participants OR OLD.deleted_at IS NOT NEW.deleted_at BEGIN
  UPDATE coverage_rollup SET sessions = sessions - 1, participants = coverage_rollup.participants - c.participants
    FROM (SELECT substr(s.start_date, 1, g.len) AS period, c.country_code AS country_code, t.code AS topic_code, CASE s.status WHEN 'completed' THEN 'delivered' ELSE 'planned' END AS status_class, coalesce(s.participants, 0) AS participants, CASE s.status WHEN 'completed' THEN s.end_date END AS last_end
    FROM (SELECT OLD.id AS id, OLD.status AS status, OLD.start_date AS start_date, OLD.end_date AS end_date, OLD.participants AS participants, OLD.deleted_at AS deleted_at) AS s, (SELECT country_code FROM session_country WHERE session_id = OLD.id) AS c, (SELECT DISTINCT ta.ancestor_code AS code FROM session_topic st JOIN topic_ancestor ta ON ta.topic_code = st.topic_code WHERE st.session_id = OLD.id) AS t, (SELECT 4 AS len UNION ALL SELECT 7) AS g
    WHERE s.deleted_at IS NULL AND s.status IN ('completed', 'planned', 'confirmed')) AS c WHERE coverage_rollup.period = c.period AND coverage_rollup.country_code = c.country_code AND coverage_rollup.topic_code = c.topic_code AND coverage_rollup.status_class = c.status_class;
  DELETE FROM coverage_rollup WHERE sessions <= 0 AND (period, country_code, topic_code, status_class) IN (SELECT period, country_code, topic_code, status_class FROM (SELECT substr(s.start_date, 1, g.len) AS period, c.country_code AS country_code, t.code AS topic_code, CASE s.status WHEN 'completed' THEN 'delivered' ELSE 'planned' END AS status_class, coalesce(s.participants, 0) AS participants, CASE s.status WHEN 'completed' THEN s.end_date END AS last_end
    FROM (SELECT OLD.id AS id, OLD.status AS status, OLD.start_date AS start_date, OLD.end_date AS end_date, OLD.participants AS participants, OLD.deleted_at AS deleted_at) AS s, (SELECT country_code FROM session_country WHERE session_id = OLD.id) AS c, (SELECT DISTINCT ta.ancestor_code AS code FROM session_topic st JOIN topic_ancestor ta ON ta.topic_code = st.topic_code WHERE st.session_id = OLD.id) AS t, (SELECT 4 AS len UNION ALL SELECT 7) AS g
    WHERE s.deleted_at IS NULL AND s.status IN ('completed', 'planned', 'confirmed')));
  UPDATE coverage_rollup SET last_end = (SELECT max(s2.end_date) FROM training_session s2 JOIN session_country sc2 ON sc2.session_id = s2.id
        WHERE sc2.country_code = coverage_rollup.country_code AND s2.start_date >= CASE length(coverage_rollup.period) WHEN 4 THEN coverage_rollup.period || '-01-01' ELSE coverage_rollup.period || '-01' END AND s2.start_date < CASE length(coverage_rollup.period) WHEN 4 THEN printf('%04d-01-01', coverage_rollup.period + 1) ELSE date(coverage_rollup.period || '-01', '+1 month') END
          AND s2.status = 'completed' AND s2.deleted_at IS NULL
          AND EXISTS (SELECT 1 FROM session_topic st2 JOIN topic_ancestor ta2 ON ta2.topic_code = st2.topic_code WHERE st2.session_id = s2.id AND ta2.ancestor_code = coverage_rollup.topic_code))
    FROM (SELECT substr(s.start_date, 1, g.len) AS period, c.country_code AS country_code, t.code AS topic_code, CASE s.status WHEN 'completed' THEN 'delivered' ELSE 'planned' END AS status_class, coalesce(s.participants, 0) AS participants, CASE s.status WHEN 'completed' THEN s.end_date END AS last_end
    FROM (SELECT OLD.id AS id, OLD.status AS status, OLD.start_date AS start_date, OLD.end_date AS end_date, OLD.participants AS participants, OLD.deleted_at AS deleted_at) AS s, (SELECT country_code FROM session_country WHERE session_id = OLD.id) AS c, (SELECT DISTINCT ta.ancestor_code AS code FROM session_topic st JOIN topic_ancestor ta ON ta.topic_code = st.topic_code WHERE st.session_id = OLD.id) AS t, (SELECT 4 AS len UNION ALL SELECT 7) AS g
    WHERE s.deleted_at IS NULL AND s.status IN ('completed', 'planned', 'confirmed')) AS c WHERE coverage_rollup.period = c.period AND coverage_rollup.country_code = c.country_code AND coverage_rollup.topic_code = c.topic_code AND coverage_rollup.status_class = c.status_class AND c.status_class = 'delivered' AND coverage_rollup.last_end = c.last_end;
  INSERT INTO coverage_rollup (period, country_code, topic_code, status_class, sessions, participants, last_end)
    SELECT period, country_code, topic_code, status_class, 1, participants, last_end FROM (SELECT substr(s.start_date, 1, g.len) AS period, c.country_code AS country_code, t.code AS topic_code, CASE s.status WHEN 'completed' THEN 'delivered' ELSE 'planned' END AS status_class, coalesce(s.participants, 0) AS participants, CASE s.status WHEN 'completed' THEN s.end_date END AS last_end
    FROM (SELECT NEW.id AS id, NEW.status AS status, NEW.start_date AS start_date, NEW.end_date AS end_date, NEW.participants AS participants, NEW.deleted_at AS deleted_at) AS s, (SELECT country_code FROM session_country WHERE session_id = NEW.id) AS c, (SELECT DISTINCT ta.ancestor_code AS code FROM session_topic st JOIN topic_ancestor ta ON ta.topic_code = st.topic_code WHERE st.session_id = NEW.id) AS t, (SELECT 4 AS len UNION ALL SELECT 7) AS g
    WHERE s.deleted_at IS NULL AND s.status IN ('completed', 'planned', 'confirmed')) WHERE true
    ON CONFLICT (period, country_code, topic_code, status_class) DO UPDATE SET
      sessions = sessions + 1,
      participants = participants + excluded.participants,
      last_end = CASE WHEN excluded.last_end IS NULL OR (last_end IS NOT NULL AND last_end >= excluded.last_end) THEN last_end ELSE excluded.last_end END;
  UPDATE coverage_meta SET generation = generation + 1, max_span_days = max(max_span_days, coalesce(CAST(julianday(NEW.end_date) - julianday(NEW.start_date) AS INTEGER), 0)) WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER coverage_session_delete AFTER DELETE ON training_session BEGIN
  UPDATE coverage_rollup SET sessions = sessions - 1, participants = coverage_rollup.participants - c.participants
    FROM (SELECT substr(s.start_date, 1, g.len) AS period, c.country_code AS country_code, t.code AS topic_code, CASE s.status WHEN 'completed' THEN 'delivered' ELSE 'planned' END AS status_class, coalesce(s.participants, 0) AS participants, CASE s.status WHEN 'completed' THEN s.end_date END AS last_end
    FROM (SELECT OLD.id AS id, OLD.status AS status, OLD.start_date AS start_date, OLD.end_date AS end_date, OLD.participants AS participants, OLD.deleted_at AS deleted_at) AS s, (SELECT country_code FROM session_country WHERE session_id = OLD.id) AS c, (SELECT DISTINCT ta.ancestor_code AS code FROM session_topic st JOIN topic_ancestor ta ON ta.topic_code = st.topic_code WHERE st.session_id = OLD.id) AS t, (SELECT 4 AS len UNION ALL SELECT 7) AS g
    WHERE s.deleted_at IS NULL AND s.status IN ('completed', 'planned', 'confirmed')) AS c WHERE coverage_rollup.period = c.period AND coverage_rollup.country_code = c.country_code AND coverage_rollup.topic_code = c.topic_code AND coverage_rollup.status_class = c.status_class;
  DELETE FROM coverage_rollup WHERE sessions <= 0 AND (period, country_code, topic_code, status_class) IN (SELECT period, country_code, topic_code, status_class FROM (SELECT substr(s.start_date, 1, g.len) AS period, c.country_code AS country_code, t.code AS topic_code, CASE s.status WHEN 'completed' THEN 'delivered' ELSE 'planned' END AS status_class, coalesce(s.participants, 0) AS participants, CASE s.status WHEN 'completed' THEN s.end_date END AS last_end
    FROM (SELECT OLD.id AS id, OLD.status AS status, OLD.start_date AS start_date, OLD.end_date AS end_date, OLD.participants AS participants, OLD.deleted_at AS deleted_at) AS s, (SELECT country_code FROM session_country WHERE session_id = OLD.id) AS c, (SELECT DISTINCT ta.ancestor_code AS code FROM session_topic st JOIN topic_ancestor ta ON ta.topic_code = st.topic_code WHERE st.session_id = OLD.id) AS t, (SELECT 4 AS len UNION ALL SELECT 7) AS g
    WHERE s.deleted_at IS NULL AND s.status IN ('completed', 'planned', 'confirmed')));
  UPDATE coverage_rollup SET last_end = (SELECT max(s2.end_date) FROM training_session s2 JOIN session_country sc2 ON sc2.session_id = s2.id
        WHERE sc2.country_code = coverage_rollup.country_code AND s2.start_date >= CASE length(coverage_rollup.period) WHEN 4 THEN coverage_rollup.period || '-01-01' ELSE coverage_rollup.period || '-01' END AND s2.start_date < CASE length(coverage_rollup.period) WHEN 4 THEN printf('%04d-01-01', coverage_rollup.period + 1) ELSE date(coverage_rollup.period || '-01', '+1 month') END
          AND s2.status = 'completed' AND s2.deleted_at IS NULL
          AND EXISTS (SELECT 1 FROM session_topic st2 JOIN topic_ancestor ta2 ON ta2.topic_code = st2.topic_code WHERE st2.session_id = s2.id AND ta2.ancestor_code = coverage_rollup.topic_code))
    FROM (SELECT substr(s.start_date, 1, g.len) AS period, c.country_code AS country_code, t.code AS topic_code, CASE s.status WHEN 'completed' THEN 'delivered' ELSE 'planned' END AS status_class, coalesce(s.participants, 0) AS participants, CASE s.status WHEN 'completed' THEN s.end_date END AS last_end
    FROM (SELECT OLD.id AS id, OLD.status AS status, OLD.start_date AS start_date, OLD.end_date AS end_date, OLD.participants AS participants, OLD.deleted_at AS deleted_at) AS s, (SELECT country_code FROM session_country WHERE session_id = OLD.id) AS c, (SELECT DISTINCT ta.ancestor_code AS code FROM session_topic st JOIN topic_ancestor ta ON ta.topic_code = st.topic_code WHERE st.session_id = OLD.id) AS t, (SELECT 4 AS len UNION ALL SELECT 7) AS g
    WHERE s.deleted_at IS NULL AND s.status IN ('completed', 'planned', 'confirmed')) AS c WHERE coverage_rollup.period = c.period AND coverage_rollup.country_code = c.country_code AND coverage_rollup.topic_code = c.topic_code AND coverage_rollup.status_class = c.status_class AND c.status_class = 'delivered' AND coverage_rollup.last_end = c.last_end;
  UPDATE coverage_meta SET generation = generation + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER coverage_country_insert AFTER INSERT ON session_country BEGIN
  INSERT INTO coverage_rollup (period, country_code, topic_code, status_class, sessions, participants, last_end)
    SELECT period, country_code, topic_code, status_class, 1, participants, last_end FROM (SELECT substr(s.start_date, 1, g.len) AS period, c.country_code AS country_code, t.code AS topic_code, CASE s.status WHEN 'completed' THEN 'delivered' ELSE 'planned' END AS status_class, coalesce(s.participants, 0) AS participants, CASE s.status WHEN 'completed' THEN s.end_date END AS last_end
    FROM (SELECT id, status, start_date, end_date, participants, deleted_at FROM training_session WHERE id = NEW.session_id) AS s, (SELECT NEW.country_code AS country_code) AS c, (SELECT DISTINCT ta.ancestor_code AS code FROM session_topic st JOIN topic_ancestor ta ON ta.topic_code = st.topic_code WHERE st.session_id = NEW.session_id) AS t, (SELECT 4 AS len UNION ALL SELECT 7) AS g
    WHERE s.deleted_at IS NULL AND s.status IN ('completed', 'planned', 'confirmed')) WHERE true
    ON CONFLICT (period, country_code, topic_code, status_class) DO UPDATE SET
      sessions = sessions + 1,
      participants = participants + excluded.participants,
      last_end = CASE WHEN excluded.last_end IS NULL OR (last_end IS NOT NULL AND last_end >= excluded.last_end) THEN last_end ELSE excluded.last_end END;
  UPDATE coverage_meta SET generation = generation + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER coverage_country_delete AFTER DELETE ON session_country BEGIN
  UPDATE coverage_rollup SET sessions = sessions - 1, participants = coverage_rollup.participants - c.participants
    FROM (SELECT substr(s.start_date, 1, g.len) AS period, c.country_code AS country_code, t.code AS topic_code, CASE s.status WHEN 'completed' THEN 'delivered' ELSE 'planned' END AS status_class, coalesce(s.participants, 0) AS participants, CASE s.status WHEN 'completed' THEN s.end_date END AS last_end
    FROM (SELECT id, status, start_date, end_date, participants, deleted_at FROM training_session WHERE id = OLD.session_id) AS s, (SELECT OLD.country_code AS country_code) AS c, (SELECT DISTINCT ta.ancestor_code AS code FROM session_topic st JOIN topic_ancestor ta ON ta.topic_code = st.topic_code WHERE st.session_id = OLD.session_id) AS t, (SELECT 4 AS len UNION ALL SELECT 7) AS g
    WHERE s.deleted_at IS NULL AND s.status IN ('completed', 'planned', 'confirmed')) AS c WHERE coverage_rollup.period = c.period AND coverage_rollup.country_code = c.country_code AND coverage_rollup.topic_code = c.topic_code AND coverage_rollup.status_class = c.status_class;
  DELETE FROM coverage_rollup WHERE sessions <= 0 AND (period, country_code, topic_code, status_class) IN (SELECT period, country_code, topic_code, status_class FROM (SELECT substr(s.start_date, 1, g.len) AS period, c.country_code AS country_code, t.code AS topic_code, CASE s.status WHEN 'completed' THEN 'delivered' ELSE 'planned' END AS status_class, coalesce(s.participants, 0) AS participants, CASE s.status WHEN 'completed' THEN s.end_date END AS last_end
    FROM (SELECT id, status, start_date, end_date, participants, deleted_at FROM training_session WHERE id = OLD.session_id) AS s, (SELECT OLD.country_code AS country_code) AS c, (SELECT DISTINCT ta.ancestor_code AS code FROM session_topic st JOIN topic_ancestor ta ON ta.topic_code = st.topic_code WHERE st.session_id = OLD.session_id) AS t, (SELECT 4 AS len UNION ALL SELECT 7) AS g
    WHERE s.deleted_at IS NULL AND s.status IN ('completed', 'planned', 'confirmed')));
  UPDATE coverage_rollup SET last_end = (SELECT max(s2.end_date) FROM training_session s2 JOIN session_country sc2 ON sc2.session_id = s2.id
        WHERE sc2.country_code = coverage_rollup.country_code AND s2.start_date >= CASE length(coverage_rollup.period) WHEN 4 THEN coverage_rollup.period || '-01-01' ELSE coverage_rollup.period || '-01' END AND s2.start_date < CASE length(coverage_rollup.period) WHEN 4 THEN printf('%04d-01-01', coverage_rollup.period + 1) ELSE date(coverage_rollup.period || '-01', '+1 month') END
          AND s2.status = 'completed' AND s2.deleted_at IS NULL
          AND EXISTS (SELECT 1 FROM session_topic st2 JOIN topic_ancestor ta2 ON ta2.topic_code = st2.topic_code WHERE st2.session_id = s2.id AND ta2.ancestor_code = coverage_rollup.topic_code))
    FROM (SELECT substr(s.start_date, 1, g.len) AS period, c.country_code AS country_code, t.code AS topic_code, CASE s.status WHEN 'completed' THEN 'delivered' ELSE 'planned' END AS status_class, coalesce(s.participants, 0) AS participants, CASE s.status WHEN 'completed' THEN s.end_date END AS last_end
    FROM (SELECT id, status, start_date, end_date, participants, deleted_at FROM training_session WHERE id = OLD.session_id) AS s, (SELECT OLD.country_code AS country_code) AS c, (SELECT DISTINCT ta.ancestor_code AS code FROM session_topic st JOIN topic_ancestor ta ON ta.topic_code = st.topic_code WHERE st.session_id = OLD.session_id) AS t, (SELECT 4 AS len UNION ALL SELECT 7) AS g
    WHERE s.deleted_at IS NULL AND s.status IN ('completed', 'planned', 'confirmed')) AS c WHERE coverage_rollup.period = c.period AND coverage_rollup.country_code = c.country_code AND coverage_rollup.topic_code = c.topic_code AND coverage_rollup.status_class = c.status_class AND c.status_class = 'delivered' AND coverage_rollup.last_end = c.last_end;
  UPDATE coverage_meta SET generation = generation + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER coverage_country_update AFTER UPDATE ON session_country BEGIN
  UPDATE coverage_rollup SET sessions = sessions - 1, participants = coverage_rollup.participants - c.participants
    FROM (SELECT substr(s.start_date, 1, g.len) AS period, c.country_code AS country_code, t.code AS topic_code, CASE s.status WHEN 'completed' THEN 'delivered' ELSE 'planned' END AS status_class, coalesce(s.participants, 0) AS participants, CASE s.status WHEN 'completed' THEN s.end_date END AS last_end
    FROM (SELECT id, status, start_date, end_date, participants, deleted_at FROM training_session WHERE id = OLD.session_id) AS s, (SELECT OLD.country_code AS country_code) AS c, (SELECT DISTINCT ta.ancestor_code AS code FROM session_topic st JOIN topic_ancestor ta ON ta.topic_code = st.topic_code WHERE st.session_id = OLD.session_id) AS t, (SELECT 4 AS len UNION ALL SELECT 7) AS g
    WHERE s.deleted_at IS NULL AND s.status IN ('completed', 'planned', 'confirmed')) AS c WHERE coverage_rollup.period = c.period AND coverage_rollup.country_code = c.country_code AND coverage_rollup.topic_code = c.topic_code AND coverage_rollup.status_class = c.status_class;
  DELETE FROM coverage_rollup WHERE sessions <= 0 AND (period, country_code, topic_code, status_class) IN (SELECT period, country_code, topic_code, status_class FROM (SELECT substr(s.start_date, 1, g.len) AS period, c.country_code AS country_code, t.code AS topic_code, CASE s.status WHEN 'completed' THEN 'delivered' ELSE 'planned' END AS status_class, coalesce(s.participants, 0) AS participants, CASE s.status WHEN 'completed' THEN s.end_date END AS last_end
    FROM (SELECT id, status, start_date, end_date, participants, deleted_at FROM training_session WHERE id = OLD.session_id) AS s, (SELECT OLD.country_code AS country_code) AS c, (SELECT DISTINCT ta.ancestor_code AS code FROM session_topic st JOIN topic_ancestor ta ON ta.topic_code = st.topic_code WHERE st.session_id = OLD.session_id) AS t, (SELECT 4 AS len UNION ALL SELECT 7) AS g
    WHERE s.deleted_at IS NULL AND s.status IN ('completed', 'planned', 'confirmed')));
  UPDATE coverage_rollup SET last_end = (SELECT max(s2.end_date) FROM training_session s2 JOIN session_country sc2 ON sc2.session_id = s2.id
        WHERE sc2.country_code = coverage_rollup.country_code AND s2.start_date >= CASE length(coverage_rollup.period) WHEN 4 THEN coverage_rollup.period || '-01-01' ELSE coverage_rollup.period || '-01' END AND s2.start_date < CASE length(coverage_rollup.period) WHEN 4 THEN printf('%04d-01-01', coverage_rollup.period + 1) ELSE date(coverage_rollup.period || '-01', '+1 month') END
          AND s2.status = 'completed' AND s2.deleted_at IS NULL
          AND EXISTS (SELECT 1 FROM session_topic st2 JOIN topic_ancestor ta2 ON ta2.topic_code = st2.topic_code WHERE st2.session_id = s2.id AND ta2.ancestor_code = coverage_rollup.topic_code))
    FROM (SELECT substr(s.start_date, 1, g.len) AS period, c.country_code AS country_code, t.code AS topic_code, CASE s.status WHEN 'completed' THEN 'delivered' ELSE 'planned' END AS status_class, coalesce(s.participants, 0) AS participants, CASE s.status WHEN 'completed' THEN s.end_date END AS last_end
    FROM (SELECT id, status, start_date, end_date, participants, deleted_at FROM training_session WHERE id = OLD.session_id) AS s, (SELECT OLD.country_code AS country_code) AS c, (SELECT DISTINCT ta.ancestor_code AS code FROM session_topic st JOIN topic_ancestor ta ON ta.topic_code = st.topic_code WHERE st.session_id = OLD.session_id) AS t, (SELECT 4 AS len UNION ALL SELECT 7) AS g
    WHERE s.deleted_at IS NULL AND s.status IN ('completed', 'planned', 'confirmed')) AS c WHERE coverage_rollup.period = c.period AND coverage_rollup.country_code = c.country_code AND coverage_rollup.topic_code = c.topic_code AND coverage_rollup.status_class = c.status_class AND c.status_class = 'delivered' AND coverage_rollup.last_end = c.last_end;
  INSERT INTO coverage_rollup (period, country_code, topic_code, status_class, sessions, participants, last_end)
    SELECT period, country_code, topic_code, status_class, 1, participants, last_end FROM (SELECT substr(s.start_date, 1, g.len) AS period, c.country_code AS country_code, t.code AS topic_code, CASE s.status WHEN 'completed' THEN 'delivered' ELSE 'planned' END AS status_class, coalesce(s.participants, 0) AS participants, CASE s.status WHEN 'completed' THEN s.end_date END AS last_end
    FROM (SELECT id, status, start_date, end_date, participants, deleted_at FROM training_session WHERE id = NEW.session_id) AS s, (SELECT NEW.country_code AS country_code) AS c, (SELECT DISTINCT ta.ancestor_code AS code FROM session_topic st JOIN topic_ancestor ta ON ta.topic_code = st.topic_code WHERE st.session_id = NEW.session_id) AS t, (SELECT 4 AS len UNION ALL SELECT 7) AS g
    WHERE s.deleted_at IS NULL AND s.status IN ('completed', 'planned', 'confirmed')) WHERE true
    ON CONFLICT (period, country_code, topic_code, status_class) DO UPDATE SET
      sessions = sessions + 1,
      participants = participants + excluded.participants,
      last_end = CASE WHEN excluded.last_end IS NULL OR (last_end IS NOT NULL AND last_end >= excluded.last_end) THEN last_end ELSE excluded.last_end END;
  UPDATE coverage_meta SET generation = generation + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER coverage_topic_insert AFTER INSERT ON session_topic BEGIN
  INSERT INTO coverage_rollup (period, country_code, topic_code, status_class, sessions, participants, last_end)
    SELECT period, country_code, topic_code, status_class, 1, participants, last_end FROM (SELECT substr(s.start_date, 1, g.len) AS period, c.country_code AS country_code, t.code AS topic_code, CASE s.status WHEN 'completed' THEN 'delivered' ELSE 'planned' END AS status_class, coalesce(s.participants, 0) AS participants, CASE s.status WHEN 'completed' THEN s.end_date END AS last_end
    FROM (SELECT id, status, start_date, end_date, participants, deleted_at FROM training_session WHERE id = NEW.session_id) AS s, (SELECT country_code FROM session_country WHERE session_id = NEW.session_id) AS c, (SELECT ta.ancestor_code AS code FROM topic_ancestor ta WHERE ta.topic_code = NEW.topic_code AND NOT EXISTS (SELECT 1 FROM session_topic st JOIN topic_ancestor ta2 ON ta2.topic_code = st.topic_code WHERE st.session_id = NEW.session_id AND ta2.ancestor_code = ta.ancestor_code AND st.topic_code <> NEW.topic_code)) AS t, (SELECT 4 AS len UNION ALL SELECT 7) AS g
    WHERE s.deleted_at IS NULL AND s.status IN ('completed', 'planned', 'confirmed')) WHERE true
    ON CONFLICT (period, country_code, topic_code, status_class) DO UPDATE SET
      sessions = sessions + 1,
      participants = participants + excluded.participants,
      last_end = CASE WHEN excluded.last_end IS NULL OR (last_end IS NOT NULL AND last_end >= excluded.last_end) THEN last_end ELSE excluded.last_end END;
  UPDATE coverage_meta SET generation = generation + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER coverage_topic_delete AFTER DELETE ON session_topic BEGIN
  UPDATE coverage_rollup SET sessions = sessions - 1, participants = coverage_rollup.participants - c.participants
    FROM (SELECT substr(s.start_date, 1, g.len) AS period, c.country_code AS country_code, t.code AS topic_code, CASE s.status WHEN 'completed' THEN 'delivered' ELSE 'planned' END AS status_class, coalesce(s.participants, 0) AS participants, CASE s.status WHEN 'completed' THEN s.end_date END AS last_end
    FROM (SELECT id, status, start_date, end_date, participants, deleted_at FROM training_session WHERE id = OLD.session_id) AS s, (SELECT country_code FROM session_country WHERE session_id = OLD.session_id) AS c, (SELECT ta.ancestor_code AS code FROM topic_ancestor ta WHERE ta.topic_code = OLD.topic_code AND NOT EXISTS (SELECT 1 FROM session_topic st JOIN topic_ancestor ta2 ON ta2.topic_code = st.topic_code WHERE st.session_id = OLD.session_id AND ta2.ancestor_code = ta.ancestor_code AND 1)) AS t, (SELECT 4 AS len UNION ALL SELECT 7) AS g
    WHERE s.deleted_at IS NULL AND s.status IN ('completed', 'planned', 'confirmed')) AS c WHERE coverage_rollup.period = c.period AND coverage_rollup.country_code = c.country_code AND coverage_rollup.topic_code = c.topic_code AND coverage_rollup.status_class = c.status_class;
  DELETE FROM coverage_rollup WHERE sessions <= 0 AND (period, country_code, topic_code, status_class) IN (SELECT period, country_code, topic_code, status_class FROM (SELECT substr(s.start_date, 1, g.len) AS period, c.country_code AS country_code, t.code AS topic_code, CASE s.status WHEN 'completed' THEN 'delivered' ELSE 'planned' END AS status_class, coalesce(s.participants, 0) AS participants, CASE s.status WHEN 'completed' THEN s.end_date END AS last_end
    FROM (SELECT id, status, start_date, end_date, participants, deleted_at FROM training_session WHERE id = OLD.session_id) AS s, (SELECT country_code FROM session_country WHERE session_id = OLD.session_id) AS c, (SELECT ta.ancestor_code AS code FROM topic_ancestor ta WHERE ta.topic_code = OLD.topic_code AND NOT EXISTS (SELECT 1 FROM session_topic st JOIN topic_ancestor ta2 ON ta2.topic_code = st.topic_code WHERE st.session_id = OLD.session_id AND ta2.ancestor_code = ta.ancestor_code AND 1)) AS t, (SELECT 4 AS len UNION ALL SELECT 7) AS g
    WHERE s.deleted_at IS NULL AND s.status IN ('completed', 'planned', 'confirmed')));
  UPDATE coverage_rollup SET last_end = (SELECT max(s2.end_date) FROM training_session s2 JOIN session_country sc2 ON sc2.session_id = s2.id
        WHERE sc2.country_code = coverage_rollup.country_code AND s2.start_date >= CASE length(coverage_rollup.period) WHEN 4 THEN coverage_rollup.period || '-01-01' ELSE coverage_rollup.period || '-01' END AND s2.start_date < CASE length(coverage_rollup.period) WHEN 4 THEN printf('%04d-01-01', coverage_rollup.period + 1) ELSE date(coverage_rollup.period || '-01', '+1 month') END
          AND s2.status = 'completed' AND s2.deleted_at IS NULL
          AND EXISTS (SELECT 1 FROM session_topic st2 JOIN topic_ancestor ta2 ON ta2.topic_code = st2.topic_code WHERE st2.session_id = s2.id AND ta2.ancestor_code = coverage_rollup.topic_code))
    FROM (SELECT substr(s.start_date, 1, g.len) AS period, c.country_code AS country_code, t.code AS topic_code, CASE s.status WHEN 'completed' THEN 'delivered' ELSE 'planned' END AS status_class, coalesce(s.participants, 0) AS participants, CASE s.status WHEN 'completed' THEN s.end_date END AS last_end
    FROM (SELECT id, status, start_date, end_date, participants, deleted_at FROM training_session WHERE id = OLD.session_id) AS s, (SELECT country_code FROM session_country WHERE session_id = OLD.session_id) AS c, (SELECT ta.ancestor_code AS code FROM topic_ancestor ta WHERE ta.topic_code = OLD.topic_code AND NOT EXISTS (SELECT 1 FROM session_topic st JOIN topic_ancestor ta2 ON ta2.topic_code = st.topic_code WHERE st.session_id = OLD.session_id AND ta2.ancestor_code = ta.ancestor_code AND 1)) AS t, (SELECT 4 AS len UNION ALL SELECT 7) AS g
    WHERE s.deleted_at IS NULL AND s.status IN ('completed', 'planned', 'confirmed')) AS c WHERE coverage_rollup.period = c.period AND coverage_rollup.country_code = c.country_code AND coverage_rollup.topic_code = c.topic_code AND coverage_rollup.status_class = c.status_class AND c.status_class = 'delivered' AND coverage_rollup.last_end = c.last_end;
  UPDATE coverage_meta SET generation = generation + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER coverage_topic_update AFTER UPDATE ON session_topic BEGIN
  UPDATE coverage_rollup SET sessions = sessions - 1, participants = coverage_rollup.participants - c.participants
    FROM (SELECT substr(s.start_date, 1, g.len) AS period, c.country_code AS country_code, t.code AS topic_code, CASE s.status WHEN 'completed' THEN 'delivered' ELSE 'planned' END AS status_class, coalesce(s.participants, 0) AS participants, CASE s.status WHEN 'completed' THEN s.end_date END AS last_end
    FROM (SELECT id, status, start_date, end_date, participants, deleted_at FROM training_session WHERE id = OLD.session_id) AS s, (SELECT country_code FROM session_country WHERE session_id = OLD.session_id) AS c, (SELECT ta.ancestor_code AS code FROM topic_ancestor ta WHERE ta.topic_code = OLD.topic_code AND NOT EXISTS (SELECT 1 FROM session_topic st JOIN topic_ancestor ta2 ON ta2.topic_code = st.topic_code WHERE st.session_id = OLD.session_id AND ta2.ancestor_code = ta.ancestor_code AND NOT (st.session_id = NEW.session_id AND st.topic_code = NEW.topic_code)) AND NOT (OLD.session_id = NEW.session_id AND ta.ancestor_code IN (SELECT ancestor_code FROM topic_ancestor WHERE topic_code = NEW.topic_code))) AS t, (SELECT 4 AS len UNION ALL SELECT 7) AS g
    WHERE s.deleted_at IS NULL AND s.status IN ('completed', 'planned', 'confirmed')) AS c WHERE coverage_rollup.period = c.period AND coverage_rollup.country_code = c.country_code AND coverage_rollup.topic_code = c.topic_code AND coverage_rollup.status_class = c.status_class;
  DELETE FROM coverage_rollup WHERE sessions <= 0 AND (period, country_code, topic_code, status_class) IN (SELECT period, country_code, topic_code, status_class FROM (SELECT substr(s.start_date, 1, g.len) AS period, c.country_code AS country_code, t.code AS topic_code, CASE s.status WHEN 'completed' THEN 'delivered' ELSE 'planned' END AS status_class, coalesce(s.participants, 0) AS participants, CASE s.status WHEN 'completed' THEN s.end_date END AS last_end
    FROM (SELECT id, status, start_date, end_date, participants, deleted_at FROM training_session WHERE id = OLD.session_id) AS s, (SELECT country_code FROM session_country WHERE session_id = OLD.session_id) AS c, (SELECT ta.ancestor_code AS code FROM topic_ancestor ta WHERE ta.topic_code = OLD.topic_code AND NOT EXISTS (SELECT 1 FROM session_topic st JOIN topic_ancestor ta2 ON ta2.topic_code = st.topic_code WHERE st.session_id = OLD.session_id AND ta2.ancestor_code = ta.ancestor_code AND NOT (st.session_id = NEW.session_id AND st.topic_code = NEW.topic_code)) AND NOT (OLD.session_id = NEW.session_id AND ta.ancestor_code IN (SELECT ancestor_code FROM topic_ancestor WHERE topic_code = NEW.topic_code))) AS t, (SELECT 4 AS len UNION ALL SELECT 7) AS g
    WHERE s.deleted_at IS NULL AND s.status IN ('completed', 'planned', 'confirmed')));
  UPDATE coverage_rollup SET last_end = (SELECT max(s2.end_date) FROM training_session s2 JOIN session_country sc2 ON sc2.session_id = s2.id
        WHERE sc2.country_code = coverage_rollup.country_code AND s2.start_date >= CASE length(coverage_rollup.period) WHEN 4 THEN coverage_rollup.period || '-01-01' ELSE coverage_rollup.period || '-01' END AND s2.start_date < CASE length(coverage_rollup.period) WHEN 4 THEN printf('%04d-01-01', coverage_rollup.period + 1) ELSE date(coverage_rollup.period || '-01', '+1 month') END
          AND s2.status = 'completed' AND s2.deleted_at IS NULL
          AND EXISTS (SELECT 1 FROM session_topic st2 JOIN topic_ancestor ta2 ON ta2.topic_code = st2.topic_code WHERE st2.session_id = s2.id AND ta2.ancestor_code = coverage_rollup.topic_code))
    FROM (SELECT substr(s.start_date, 1, g.len) AS period, c.country_code AS country_code, t.code AS topic_code, CASE s.status WHEN 'completed' THEN 'delivered' ELSE 'planned' END AS status_class, coalesce(s.participants, 0) AS participants, CASE s.status WHEN 'completed' THEN s.end_date END AS last_end
    FROM (SELECT id, status, start_date, end_date, participants, deleted_at FROM training_session WHERE id = OLD.session_id) AS s, (SELECT country_code FROM session_country WHERE session_id = OLD.session_id) AS c, (SELECT ta.ancestor_code AS code FROM topic_ancestor ta WHERE ta.topic_code = OLD.topic_code AND NOT EXISTS (SELECT 1 FROM session_topic st JOIN topic_ancestor ta2 ON ta2.topic_code = st.topic_code WHERE st.session_id = OLD.session_id AND ta2.ancestor_code = ta.ancestor_code AND NOT (st.session_id = NEW.session_id AND st.topic_code = NEW.topic_code)) AND NOT (OLD.session_id = NEW.session_id AND ta.ancestor_code IN (SELECT ancestor_code FROM topic_ancestor WHERE topic_code = NEW.topic_code))) AS t, (SELECT 4 AS len UNION ALL SELECT 7) AS g
    WHERE s.deleted_at IS NULL AND s.status IN ('completed', 'planned', 'confirmed')) AS c WHERE coverage_rollup.period = c.period AND coverage_rollup.country_code = c.country_code AND coverage_rollup.topic_code = c.topic_code AND coverage_rollup.status_class = c.status_class AND c.status_class = 'delivered' AND coverage_rollup.last_end = c.last_end;
  INSERT INTO coverage_rollup (period, country_code, topic_code, status_class, sessions, participants, last_end)
    SELECT period, country_code, topic_code, status_class, 1, participants, last_end FROM (SELECT substr(s.start_date, 1, g.len) AS period, c.country_code AS country_code, t.code AS topic_code, CASE s.status WHEN 'completed' THEN 'delivered' ELSE 'planned' END AS status_class, coalesce(s.participants, 0) AS participants, CASE s.status WHEN 'completed' THEN s.end_date END AS last_end
    FROM (SELECT id, status, start_date, end_date, participants, deleted_at FROM training_session WHERE id = NEW.session_id) AS s, (SELECT country_code FROM session_country WHERE session_id = NEW.session_id) AS c, (SELECT ta.ancestor_code AS code FROM topic_ancestor ta WHERE ta.topic_code = NEW.topic_code AND NOT EXISTS (SELECT 1 FROM session_topic st JOIN topic_ancestor ta2 ON ta2.topic_code = st.topic_code WHERE st.session_id = NEW.session_id AND ta2.ancestor_code = ta.ancestor_code AND st.topic_code <> NEW.topic_code) AND NOT (OLD.session_id = NEW.session_id AND ta.ancestor_code IN (SELECT ancestor_code FROM topic_ancestor WHERE topic_code = OLD.topic_code))) AS t, (SELECT 4 AS len UNION ALL SELECT 7) AS g
    WHERE s.deleted_at IS NULL AND s.status IN ('completed', 'planned', 'confirmed')) WHERE true
    ON CONFLICT (period, country_code, topic_code, status_class) DO UPDATE SET
      sessions = sessions + 1,
      participants = participants + excluded.participants,
      last_end = CASE WHEN excluded.last_end IS NULL OR (last_end IS NOT NULL AND last_end >= excluded.last_end) THEN last_end ELSE excluded.last_end END;
  UPDATE coverage_meta SET generation = generation + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER coverage_gen_needs_assessment_insert AFTER INSERT ON needs_assessment BEGIN
  UPDATE coverage_meta SET generation = generation + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER coverage_gen_needs_assessment_update AFTER UPDATE ON needs_assessment BEGIN
  UPDATE coverage_meta SET generation = generation + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER coverage_gen_needs_assessment_delete AFTER DELETE ON needs_assessment BEGIN
  UPDATE coverage_meta SET generation = generation + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER coverage_gen_needs_assessment_item_insert AFTER INSERT ON needs_assessment_item BEGIN
  UPDATE coverage_meta SET generation = generation + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER coverage_gen_needs_assessment_item_update AFTER UPDATE ON needs_assessment_item BEGIN
  UPDATE coverage_meta SET generation = generation + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER coverage_gen_needs_assessment_item_delete AFTER DELETE ON needs_assessment_item BEGIN
  UPDATE coverage_meta SET generation = generation + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER coverage_gen_assistance_request_insert AFTER INSERT ON assistance_request BEGIN
  UPDATE coverage_meta SET generation = generation + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER coverage_gen_assistance_request_update AFTER UPDATE ON assistance_request BEGIN
  UPDATE coverage_meta SET generation = generation + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER coverage_gen_assistance_request_delete AFTER DELETE ON assistance_request BEGIN
  UPDATE coverage_meta SET generation = generation + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER coverage_gen_request_topic_insert AFTER INSERT ON request_topic BEGIN
  UPDATE coverage_meta SET generation = generation + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER coverage_gen_request_topic_update AFTER UPDATE ON request_topic BEGIN
  UPDATE coverage_meta SET generation = generation + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER coverage_gen_request_topic_delete AFTER DELETE ON request_topic BEGIN
  UPDATE coverage_meta SET generation = generation + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER coverage_gen_country_insert AFTER INSERT ON country BEGIN
  UPDATE coverage_meta SET generation = generation + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER coverage_gen_country_update AFTER UPDATE ON country BEGIN
  UPDATE coverage_meta SET generation = generation + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER coverage_gen_country_delete AFTER DELETE ON country BEGIN
  UPDATE coverage_meta SET generation = generation + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER coverage_gen_session_other AFTER UPDATE ON training_session BEGIN
  UPDATE coverage_meta SET generation = generation + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER coverage_gen_session_audience_insert AFTER INSERT ON session_audience BEGIN
  UPDATE coverage_meta SET generation = generation + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER coverage_gen_session_audience_delete AFTER DELETE ON session_audience BEGIN
  UPDATE coverage_meta SET generation = generation + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER coverage_gen_session_offence_insert AFTER INSERT ON session_offence BEGIN
  UPDATE coverage_meta SET generation = generation + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER coverage_gen_session_offence_delete AFTER DELETE ON session_offence BEGIN
  UPDATE coverage_meta SET generation = generation + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER coverage_gen_session_funder_insert AFTER INSERT ON session_funder BEGIN
  UPDATE coverage_meta SET generation = generation + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER coverage_gen_session_funder_delete AFTER DELETE ON session_funder BEGIN
  UPDATE coverage_meta SET generation = generation + 1 WHERE id = 1;
END;
--> statement-breakpoint
INSERT INTO coverage_rollup (period, country_code, topic_code, status_class, sessions, participants, last_end)
  SELECT substr(s.start_date, 1, g.len), sc.country_code, ta.code, CASE s.status WHEN 'completed' THEN 'delivered' ELSE 'planned' END, count(*), sum(coalesce(s.participants, 0)), max(CASE s.status WHEN 'completed' THEN s.end_date END)
  FROM training_session s
  JOIN session_country sc ON sc.session_id = s.id
  JOIN (SELECT DISTINCT st.session_id, ta.ancestor_code AS code FROM session_topic st JOIN topic_ancestor ta ON ta.topic_code = st.topic_code) ta ON ta.session_id = s.id,
  (SELECT 4 AS len UNION ALL SELECT 7) AS g
  WHERE s.deleted_at IS NULL AND s.status IN ('completed', 'planned', 'confirmed')
  GROUP BY 1, 2, 3, 4;
--> statement-breakpoint
UPDATE coverage_meta SET max_span_days = coalesce((SELECT max(CAST(julianday(end_date) - julianday(start_date) AS INTEGER)) FROM training_session), 0) WHERE id = 1;

