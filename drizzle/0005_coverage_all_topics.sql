-- "*" stands for all topics: every topic has it as an ancestor, so the rollup
-- also counts each session once per country whatever its topics (the map's
-- "all topics" view) without double counting sessions with several topics.
INSERT OR IGNORE INTO topic_ancestor (topic_code, ancestor_code) SELECT code, '*' FROM topic;
--> statement-breakpoint
DROP TRIGGER topic_ancestor_insert;
--> statement-breakpoint
CREATE TRIGGER topic_ancestor_insert AFTER INSERT ON topic BEGIN
  INSERT OR IGNORE INTO topic_ancestor (topic_code, ancestor_code)
    SELECT NEW.code, a.code FROM topic a WHERE a.code = NEW.code OR substr(NEW.code, 1, length(a.code) + 1) = a.code || '.';
  INSERT OR IGNORE INTO topic_ancestor (topic_code, ancestor_code) VALUES (NEW.code, '*');
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
INSERT INTO coverage_rollup (period, country_code, topic_code, status_class, sessions, participants, last_end)
  SELECT substr(s.start_date, 1, g.len), sc.country_code, '*', CASE s.status WHEN 'completed' THEN 'delivered' ELSE 'planned' END, count(*), sum(coalesce(s.participants, 0)), max(CASE s.status WHEN 'completed' THEN s.end_date END)
  FROM training_session s JOIN session_country sc ON sc.session_id = s.id, (SELECT 4 AS len UNION ALL SELECT 7) AS g
  WHERE s.deleted_at IS NULL AND s.status IN ('completed', 'planned', 'confirmed')
    AND EXISTS (SELECT 1 FROM session_topic st WHERE st.session_id = s.id)
  GROUP BY 1, 2, 4;
--> statement-breakpoint
UPDATE coverage_meta SET generation = generation + 1 WHERE id = 1;
