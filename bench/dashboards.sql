-- okrkpi benchmark: a Grafana refresh of the shipped dashboard at realistic
-- scale, panel by panel, against the cheapest plain SQL that returns the same
-- rows, measured side by side in one run.
--
--   psql -v krs=2000 -v quarters=1 -v runs=3 -f bench/dashboards.sql
--
-- The plan: krs key results, 4 per objective, each with its own metric
-- measured hourly; the panels show 2026-Q3, whose last 90 days hold
-- krs x 2160 measurements (4.32 million for 2000 key results).  quarters=10
-- keeps ten times the history (the same plan; the panels should barely move).
-- Seven KPIs watch seven of the metrics; every key result checks in weekly.
-- Each panel query and its floor run `runs` times in round-robin order; the
-- median is reported.  Every query is wrapped as SELECT count(s) FROM (...) s:
-- the whole-row reference makes PostgreSQL compute every column (with
-- count(*) it would drop unused columns, and with them whole joins).  The panel queries are the dashboard's (macros
-- expanded: quarter 2026-Q3, time range its last 7 days, interval 1h).
\set ON_ERROR_STOP 1
\if :{?krs} \else \set krs 2000 \endif
\if :{?quarters} \else \set quarters 1 \endif
\if :{?runs} \else \set runs 3 \endif
\pset pager off
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS okrkpi;
SET search_path = okrkpi, public;
SET TimeZone = 'UTC';

TRUNCATE okrkpi.measurements, okrkpi.check_ins, okrkpi.key_results, okrkpi.objectives, okrkpi.kpis,
         okrkpi.metrics, okrkpi.cycles CASCADE;
INSERT INTO cycles (quarter) VALUES ('2026-Q3');
INSERT INTO metrics (id, name, unit, frequency)
SELECT i, 'metric ' || i, '', '1 hour' FROM generate_series(1, :krs) i;
INSERT INTO objectives (id, quarter, title)
SELECT i, '2026-Q3', 'objective ' || i FROM generate_series(1, :krs / 4) i;
INSERT INTO key_results (id, objective_id, metric_id, title, plan)
SELECT i, 1 + (i - 1) / 4, i, 'key result ' || i, CASE WHEN i % 2 = 0 THEN '20 -> 40'::key_result ELSE '60 -> 20' END
FROM generate_series(1, :krs) i;
INSERT INTO kpis (id, metric_id, title, threshold, since)
SELECT i, i, 'kpi ' || i, '>= 30', '2020-01-01' FROM generate_series(1, 7) i;
-- hourly, newest 2026-09-29 00:00, the last 2160 hours (90 days) inside 2026-Q3
INSERT INTO measurements (metric_id, at, value)
SELECT k, '2026-09-29 00:00+00'::timestamptz - h * interval '1 hour', 20 + ((k::bigint * 7919 + h::bigint * 104729) % 4000) / 100.0
FROM generate_series(1, :krs) k, generate_series(0, 2160 * :quarters - 1) h;
INSERT INTO check_ins (key_result_id, at, value, confidence, note)
SELECT r, '2026-07-03 12:00+00'::timestamptz + w * interval '1 week', NULL, (r + w) % 11, 'weekly'
FROM generate_series(1, :krs) r, generate_series(0, 12) w;
VACUUM ANALYZE;
SELECT count(*) AS measurements FROM okrkpi.measurements \gset

CREATE TEMP TABLE dash_queries (panel text, kind text, sql text);
INSERT INTO dash_queries VALUES
 ('Key results table (scoreboard)', 'panel',
  $q$ SELECT count(s) FROM (SELECT objective AS "Objective", key_result AS "Key result", plan AS "Plan",
        current_value AS "Current", measured AS "Measured", score AS "Score", grade AS "Grade", status AS "Pace"
      FROM okrkpi.scoreboard WHERE quarter = '2026-Q3' ORDER BY objective_id, key_result_id) s $q$),
 ('Key results table (scoreboard)', 'floor',
  $q$ SELECT count(s) FROM (SELECT o.title, r.title, r.plan::text, l.value, l.value IS NOT NULL,
        greatest(0, least(1, (l.value - start_value(r.plan)) / (target_value(r.plan) - start_value(r.plan)))) AS score
      FROM okrkpi.key_results r JOIN okrkpi.objectives o ON o.id = r.objective_id
      LEFT JOIN LATERAL (SELECT m.value FROM okrkpi.measurements m
        WHERE m.metric_id = r.metric_id AND m.at >= '2026-07-01' AND m.at < '2026-10-01'
        ORDER BY m.at DESC LIMIT 1) l ON true
      WHERE o.quarter = '2026-Q3' ORDER BY o.id, r.id) s $q$),
 ('Objective gauges (objective_scores)', 'panel',
  $q$ SELECT count(s) FROM (SELECT objective, score FROM okrkpi.objective_scores
      WHERE quarter = '2026-Q3' ORDER BY objective_id) s $q$),
 ('Objective gauges (objective_scores)', 'floor',
  $q$ SELECT count(s) FROM (SELECT o.id, avg(greatest(0, least(1, (l.value - start_value(r.plan))
        / (target_value(r.plan) - start_value(r.plan))))) AS score
      FROM okrkpi.key_results r JOIN okrkpi.objectives o ON o.id = r.objective_id
      LEFT JOIN LATERAL (SELECT m.value FROM okrkpi.measurements m
        WHERE m.metric_id = r.metric_id AND m.at >= '2026-07-01' AND m.at < '2026-10-01'
        ORDER BY m.at DESC LIMIT 1) l ON true
      WHERE o.quarter = '2026-Q3' GROUP BY o.id ORDER BY o.id) s $q$),
 ('Score history, last 7 days (score_history)', 'panel',
  $q$ SELECT count(s) FROM (SELECT date_bin('1h'::interval, time, TIMESTAMPTZ '2000-01-01') AS time,
        key_result AS metric, okrkpi.latest(score, time) AS value
      FROM okrkpi.score_history
      WHERE time BETWEEN '2026-09-22T00:00:00Z' AND '2026-09-29T00:00:00Z' AND quarter = '2026-Q3'
      GROUP BY 1, 2 ORDER BY 1, 2) s $q$),
 ('Score history, last 7 days (score_history)', 'floor',
  $q$ SELECT count(s) FROM (SELECT DISTINCT ON (1, 2) date_bin('1h'::interval, m.at, TIMESTAMPTZ '2000-01-01'),
        r.title, greatest(0, least(1, (m.value - start_value(r.plan)) / (target_value(r.plan) - start_value(r.plan)))) AS value
      FROM okrkpi.key_results r JOIN okrkpi.measurements m ON m.metric_id = r.metric_id
      WHERE m.at BETWEEN '2026-09-22T00:00:00Z' AND '2026-09-29T00:00:00Z'
      ORDER BY 1, 2, m.at DESC) s $q$),
 ('KPI board (kpi_board)', 'panel',
  $q$ SELECT count(s) FROM (SELECT kpi, threshold, current_value, health, hit_rate, last_measured_at
      FROM okrkpi.kpi_board ORDER BY kpi_id) s $q$),
 ('KPI board (kpi_board)', 'floor',
  $q$ SELECT count(s) FROM (SELECT k.title, k.threshold::text, l.value, l.at,
        (SELECT avg((m.value >= 30)::int) FROM okrkpi.measurements m
         WHERE m.metric_id = k.metric_id AND m.at > l.at - interval '1 year' AND m.at <= l.at)
      FROM okrkpi.kpis k LEFT JOIN LATERAL (SELECT m.value, m.at FROM okrkpi.measurements m
        WHERE m.metric_id = k.metric_id ORDER BY m.at DESC LIMIT 1) l ON true ORDER BY k.id) s $q$),
 ('quarter variable (quarters)', 'panel',
  $q$ SELECT count(s) FROM (SELECT quarter FROM okrkpi.quarters ORDER BY quarter DESC) s $q$),
 ('quarter variable (quarters)', 'floor',
  $q$ SELECT count(s) FROM (SELECT quarter FROM okrkpi.cycles ORDER BY quarter DESC) s $q$),
 ('Alignment tree (objective_tree)', 'panel',
  $q$ SELECT count(s) FROM (SELECT repeat('    ', depth) || objective, score, grade, own_score, weight
      FROM okrkpi.objective_tree WHERE quarter = '2026-Q3' ORDER BY path) s $q$),
 ('Alignment tree (objective_tree)', 'floor',
  $q$ SELECT count(s) FROM (SELECT o.title, avg(greatest(0, least(1, (l.value - start_value(r.plan))
        / (target_value(r.plan) - start_value(r.plan))))) AS score
      FROM okrkpi.objectives o JOIN okrkpi.key_results r ON r.objective_id = o.id
      LEFT JOIN LATERAL (SELECT m.value FROM okrkpi.measurements m
        WHERE m.metric_id = r.metric_id AND m.at >= '2026-07-01' AND m.at < '2026-10-01'
        ORDER BY m.at DESC LIMIT 1) l ON true
      WHERE o.quarter = '2026-Q3' GROUP BY o.id ORDER BY o.id) s $q$),
 ('Confidence, last 7 days (check_in_history)', 'panel',
  $q$ SELECT count(s) FROM (SELECT date_bin('1h'::interval, time, TIMESTAMPTZ '2000-01-01') AS time,
        key_result AS metric, avg(confidence)::float8 AS value
      FROM okrkpi.check_in_history
      WHERE time BETWEEN '2026-09-22T00:00:00Z' AND '2026-09-29T00:00:00Z' AND quarter = '2026-Q3'
      GROUP BY 1, 2 ORDER BY 1, 2) s $q$),
 ('Confidence, last 7 days (check_in_history)', 'floor',
  $q$ SELECT count(s) FROM (SELECT date_bin('1h'::interval, c.at, TIMESTAMPTZ '2000-01-01'), r.title,
        avg(c.confidence)::float8 AS value
      FROM okrkpi.check_ins c JOIN okrkpi.key_results r ON r.id = c.key_result_id
      WHERE c.at BETWEEN '2026-09-22T00:00:00Z' AND '2026-09-29T00:00:00Z'
      GROUP BY 1, 2 ORDER BY 1, 2) s $q$);

CREATE TEMP TABLE dash_timings (panel text, kind text, run int, ms float8, result bigint);
SET bench.runs = :'runs';
DO $$
DECLARE
  r int;
  q record;
  t0 timestamptz;
  n bigint;
BEGIN
  FOR r IN 1 .. current_setting('bench.runs')::int LOOP
    FOR q IN SELECT * FROM pg_temp.dash_queries ORDER BY panel, kind LOOP
      t0 := clock_timestamp();
      EXECUTE q.sql INTO n;
      INSERT INTO pg_temp.dash_timings VALUES (q.panel, q.kind, r, 1000 * extract(epoch FROM clock_timestamp() - t0), n);
    END LOOP;
  END LOOP;
END
$$;

\echo
\echo Dashboard refresh: median milliseconds over :runs runs, :measurements measurements, :krs key results
SELECT p.panel, round(p.ms::numeric, 1) AS panel_ms, round(f.ms::numeric, 1) AS floor_ms,
       round((p.ms / f.ms)::numeric, 2) AS ratio,
       CASE WHEN p.ms <= 2 * f.ms THEN 'within 2x' ELSE 'OVER 2x' END AS target,
       p.result = f.result AS same_row_count
FROM (SELECT panel, percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) AS ms, max(result) AS result
      FROM dash_timings WHERE kind = 'panel' GROUP BY panel) p
JOIN (SELECT panel, percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) AS ms, max(result) AS result
      FROM dash_timings WHERE kind = 'floor' GROUP BY panel) f USING (panel)
ORDER BY p.panel;
SELECT round(sum(ms)::numeric / :runs, 1) AS refresh_ms_all_panels FROM dash_timings WHERE kind = 'panel';

SELECT count(*) AS different_counts FROM (
  SELECT panel FROM dash_timings GROUP BY panel HAVING count(DISTINCT result) > 1) d \gset
\echo panels whose row count differs from their floor: :different_counts
SELECT :different_counts = 0 AS same \gset
\if :same
\else
  \echo FAILED: a panel and its floor return different numbers of rows
  SELECT 1 / 0;
\endif
