-- okrkpi benchmark: a Grafana refresh of the shipped dashboard at realistic
-- scale, panel by panel, against the cheapest plain SQL that returns the same
-- rows, measured side by side in one run.
--
--   psql -v krs=2000 -v quarters=8 -v runs=3 -f bench/dashboards.sql
--
-- The plan: a fiscal year starting in October, `quarters` quarters ending with
-- 2026-Q4 (July to September 2026; default 8: fiscal 2025-Q1 to 2026-Q4),
-- all closed, in order, except the last.  Each quarter has krs key results,
-- 4 per objective, and its objectives align under the annual objective of
-- their fiscal year.  Key result i of every quarter reads metric i.  Each
-- metric is measured hourly in the open quarter (its last 90 days:
-- krs x 2160 measurements, 4.32 million for 2000 key results) and daily in
-- the closed ones (krs x 638 for the 7 earlier quarters): the panels show the
-- open quarter's time window, and a closed quarter is read only through its
-- newest measurement (scoreboard, kpi_year) or the KPI board's one-year hit
-- rate, so a daily series exercises the same plans at a fraction of the rows.
-- Seven KPIs watch metrics 1 to 7, and each quarter's key results on those
-- metrics are linked to them; five KPIs have an annual target and a target
-- date (three at the end of fiscal 2026, one of 2025, one in 2027-Q1), so
-- kpi_year has 20 rows.  Every key result checks in weekly in its quarter.
-- Each panel query and its floor run `runs` times in round-robin order; the
-- median is reported.  Every query is wrapped as SELECT count(s) FROM (...) s:
-- the whole-row reference makes PostgreSQL compute every column (with
-- count(*) it would drop unused columns, and with them whole joins).  The panel queries are the dashboard's (macros
-- expanded: quarter 2026-Q4, time range its last 7 days, interval 1h).
\set ON_ERROR_STOP 1
\if :{?krs} \else \set krs 2000 \endif
\if :{?quarters} \else \set quarters 8 \endif
\if :{?runs} \else \set runs 3 \endif
\pset pager off
SET client_min_messages = warning;
-- a fresh plan: closed quarters and key results with a history refuse TRUNCATE
DROP EXTENSION IF EXISTS okrkpi CASCADE;
CREATE EXTENSION okrkpi;
SET search_path = okrkpi, public;
SET TimeZone = 'UTC';

INSERT INTO okrkpi.fiscal_year VALUES (10);
-- qi 0 is the earliest quarter; the last one, 2026-Q4, stays open
CREATE TEMP TABLE bench_quarters AS
SELECT qi, '2026-Q4'::okrkpi.quarter - (:quarters - 1 - qi) AS quarter,
       okrkpi.quarter_year('2026-Q4'::okrkpi.quarter - (:quarters - 1 - qi)) AS fiscal_year
FROM generate_series(0, :quarters - 1) qi;
INSERT INTO cycles (quarter) SELECT quarter FROM bench_quarters ORDER BY qi;
INSERT INTO metrics (id, name, unit, frequency)
SELECT i, 'metric ' || i, '', '1 hour' FROM generate_series(1, :krs) i;
INSERT INTO kpis (id, metric_id, title, threshold, since, annual_target, target_date)
SELECT i, i, 'kpi ' || i, '>= 30', '2020-01-01',
       CASE WHEN i <= 5 THEN CASE WHEN i % 2 = 0 THEN 45 ELSE 25 END END,
       CASE WHEN i <= 3 THEN date '2026-09-30' WHEN i = 4 THEN date '2025-09-30' WHEN i = 5 THEN date '2026-12-31' END
FROM generate_series(1, 7) i;
-- annual objectives first (ids after the quarterly ones), then each quarter's
INSERT INTO objectives (id, fiscal_year, title)
SELECT :quarters * (:krs / 4) + 1 + fiscal_year - min(fiscal_year) OVER (), fiscal_year, 'annual objective FY' || fiscal_year
FROM (SELECT DISTINCT fiscal_year FROM bench_quarters) y ORDER BY fiscal_year;
INSERT INTO objectives (id, quarter, title, parent_id)
SELECT q.qi * (:krs / 4) + i, q.quarter, 'objective ' || q.quarter || ' ' || i, a.id
FROM bench_quarters q JOIN objectives a ON a.fiscal_year = q.fiscal_year, generate_series(1, :krs / 4) i
ORDER BY q.qi, i;
INSERT INTO key_results (id, objective_id, metric_id, title, plan, kpi_id)
SELECT q.qi * :krs + i, q.qi * (:krs / 4) + 1 + (i - 1) / 4, i, 'key result ' || (q.qi * :krs + i),
       CASE WHEN i % 2 = 0 THEN '20 -> 40'::key_result ELSE '60 -> 20' END,
       CASE WHEN i <= 7 THEN i END
FROM bench_quarters q, generate_series(1, :krs) i
ORDER BY q.qi, i;
SELECT setval(pg_get_serial_sequence('okrkpi.objectives', 'id'), (SELECT max(id) FROM objectives)) AS last_objective,
       setval(pg_get_serial_sequence('okrkpi.key_results', 'id'), (SELECT max(id) FROM key_results)) AS last_key_result \gset
-- the open quarter hourly, newest 2026-09-29 00:00, the last 2160 hours (90 days)
INSERT INTO measurements (metric_id, at, value)
SELECT k, '2026-09-29 00:00+00'::timestamptz - h * interval '1 hour', 20 + ((k::bigint * 7919 + h::bigint * 104729) % 4000) / 100.0
FROM generate_series(1, :krs) k, generate_series(0, 2159) h;
-- the closed quarters daily at noon
INSERT INTO measurements (metric_id, at, value)
SELECT k, d, 20 + ((k::bigint * 7919 + extract(epoch FROM d)::bigint / 86400 * 104729) % 4000) / 100.0
FROM generate_series(1, :krs) k,
     generate_series((SELECT okrkpi.quarter_start(quarter, 10) FROM bench_quarters WHERE qi = 0) + time '12:00',
                     timestamp '2026-06-30 12:00', interval '1 day') d;
INSERT INTO check_ins (key_result_id, at, value, confidence, note)
SELECT q.qi * :krs + r, okrkpi.quarter_start(q.quarter, 10) + time '12:00' + interval '2 days' + w * interval '1 week',
       NULL, (r + w) % 11, 'weekly'
FROM bench_quarters q, generate_series(1, :krs) r, generate_series(0, 12) w;
-- close every quarter but the last, in order, as the plan does (each close
-- rolls forward; the KPIs already have their key results in the next quarter)
DO $$
DECLARE q record;
BEGIN
  FOR q IN SELECT * FROM pg_temp.bench_quarters WHERE qi < (SELECT max(qi) FROM pg_temp.bench_quarters) ORDER BY qi LOOP
    UPDATE okrkpi.cycles SET closed_at = okrkpi.quarter_end(q.quarter, 10)::timestamptz WHERE quarter = q.quarter;
  END LOOP;
END
$$;
VACUUM ANALYZE;
SELECT count(*) AS measurements FROM okrkpi.measurements \gset
SELECT count(*) AS key_results FROM okrkpi.key_results \gset

CREATE TEMP TABLE dash_queries (panel text, kind text, sql text);
INSERT INTO dash_queries VALUES
 ('Key results table (scoreboard)', 'panel',
  $q$ SELECT count(s) FROM (SELECT objective AS "Objective", key_result AS "Key result", plan AS "Plan",
        current_value AS "Current", current_source AS "From", current_at AS "As of", score AS "Score", grade AS "Grade", status AS "Pace"
      FROM okrkpi.scoreboard WHERE quarter = '2026-Q4' ORDER BY objective_id, key_result_id) s $q$),
 ('Key results table (scoreboard)', 'floor',
  $q$ SELECT count(s) FROM (SELECT o.title, r.title, r.plan::text, l.value, l.value IS NOT NULL,
        greatest(0, least(1, (l.value - start_value(r.plan)) / (target_value(r.plan) - start_value(r.plan)))) AS score
      FROM okrkpi.key_results r JOIN okrkpi.objectives o ON o.id = r.objective_id
      LEFT JOIN LATERAL (SELECT m.value FROM okrkpi.measurements m
        WHERE m.metric_id = r.metric_id AND m.at >= '2026-07-01' AND m.at < '2026-10-01'
        ORDER BY m.at DESC LIMIT 1) l ON true
      WHERE o.quarter = '2026-Q4' ORDER BY o.id, r.id) s $q$),
 ('Objective gauges (objective_scores)', 'panel',
  $q$ SELECT count(s) FROM (SELECT objective, score FROM okrkpi.objective_scores
      WHERE quarter = '2026-Q4' ORDER BY objective_id) s $q$),
 ('Objective gauges (objective_scores)', 'floor',
  $q$ SELECT count(s) FROM (SELECT o.id, avg(greatest(0, least(1, (l.value - start_value(r.plan))
        / (target_value(r.plan) - start_value(r.plan))))) AS score
      FROM okrkpi.key_results r JOIN okrkpi.objectives o ON o.id = r.objective_id
      LEFT JOIN LATERAL (SELECT m.value FROM okrkpi.measurements m
        WHERE m.metric_id = r.metric_id AND m.at >= '2026-07-01' AND m.at < '2026-10-01'
        ORDER BY m.at DESC LIMIT 1) l ON true
      WHERE o.quarter = '2026-Q4' GROUP BY o.id ORDER BY o.id) s $q$),
 ('Score history, last 7 days (score_history)', 'panel',
  $q$ SELECT count(s) FROM (SELECT date_bin('1h'::interval, time, TIMESTAMPTZ '2000-01-01') AS time,
        key_result AS metric, okrkpi.latest(score, time) AS value
      FROM okrkpi.score_history
      WHERE time BETWEEN '2026-09-22T00:00:00Z' AND '2026-09-29T00:00:00Z' AND quarter = '2026-Q4'
      GROUP BY 1, 2 ORDER BY 1, 2) s $q$),
 ('Score history, last 7 days (score_history)', 'floor',
  $q$ SELECT count(s) FROM (SELECT DISTINCT ON (1, 2) date_bin('1h'::interval, m.at, TIMESTAMPTZ '2000-01-01'),
        r.title, greatest(0, least(1, (m.value - start_value(r.plan)) / (target_value(r.plan) - start_value(r.plan)))) AS value
      FROM okrkpi.key_results r JOIN okrkpi.objectives o ON o.id = r.objective_id
      JOIN okrkpi.measurements m ON m.metric_id = r.metric_id
      WHERE m.at BETWEEN '2026-09-22T00:00:00Z' AND '2026-09-29T00:00:00Z' AND o.quarter = '2026-Q4'
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
      FROM okrkpi.objective_tree_of('2026-Q4') ORDER BY path) s $q$),
 ('Alignment tree (objective_tree)', 'floor',
  $q$ SELECT count(s) FROM (SELECT o.title, avg(greatest(0, least(1, (l.value - start_value(r.plan))
        / (target_value(r.plan) - start_value(r.plan))))) AS score
      FROM okrkpi.objectives o JOIN okrkpi.key_results r ON r.objective_id = o.id
      LEFT JOIN LATERAL (SELECT m.value FROM okrkpi.measurements m
        WHERE m.metric_id = r.metric_id AND m.at >= '2026-07-01' AND m.at < '2026-10-01'
        ORDER BY m.at DESC LIMIT 1) l ON true
      WHERE o.quarter = '2026-Q4' GROUP BY o.id ORDER BY o.id) s $q$),
 ('Confidence, last 7 days (check_in_history)', 'panel',
  $q$ SELECT count(s) FROM (SELECT date_bin('1h'::interval, time, TIMESTAMPTZ '2000-01-01') AS time,
        key_result AS metric, avg(confidence)::float8 AS value
      FROM okrkpi.check_in_history
      WHERE time BETWEEN '2026-09-22T00:00:00Z' AND '2026-09-29T00:00:00Z' AND quarter = '2026-Q4'
      GROUP BY 1, 2 ORDER BY 1, 2) s $q$),
 ('Confidence, last 7 days (check_in_history)', 'floor',
  $q$ SELECT count(s) FROM (SELECT date_bin('1h'::interval, c.at, TIMESTAMPTZ '2000-01-01'), r.title,
        avg(c.confidence)::float8 AS value
      FROM okrkpi.check_ins c JOIN okrkpi.key_results r ON r.id = c.key_result_id
      JOIN okrkpi.objectives o ON o.id = r.objective_id
      WHERE c.at BETWEEN '2026-09-22T00:00:00Z' AND '2026-09-29T00:00:00Z' AND o.quarter = '2026-Q4'
      GROUP BY 1, 2 ORDER BY 1, 2) s $q$),
 ('KPI path to annual target (kpi_year)', 'panel',
  $q$ SELECT count(s) FROM (SELECT kpi AS "KPI", quarter AS "Quarter", plan AS "Key result", actual AS "Actual",
        annual_target AS "Annual target", next_quarter_target AS "Next quarter needs", closed AS "Closed"
      FROM okrkpi.kpi_year ORDER BY kpi_id, quarter) s $q$),
 ('KPI path to annual target (kpi_year)', 'floor',
  $q$ SELECT count(s) FROM (SELECT k.title, q.quarter::text, r.plan::text, l.value,
        k.annual_target, CASE WHEN q.i > 0 THEN okrkpi.quarter_target(l.value, k.annual_target, q.i) END,
        c.closed_at IS NOT NULL
      FROM okrkpi.kpis k
      CROSS JOIN LATERAL (SELECT okrkpi.quarter_of(k.target_date, f.start_month) - i AS quarter, i, f.start_month
        FROM okrkpi.fiscal_year f, generate_series(3, 0, -1) i) q
      LEFT JOIN okrkpi.cycles c ON c.quarter = q.quarter
      LEFT JOIN LATERAL (SELECT r.plan FROM okrkpi.key_results r JOIN okrkpi.objectives o ON o.id = r.objective_id
        WHERE r.kpi_id = k.id AND o.quarter = q.quarter ORDER BY r.id LIMIT 1) r ON true
      LEFT JOIN LATERAL (SELECT m.value FROM okrkpi.measurements m
        WHERE m.metric_id = k.metric_id AND m.at >= okrkpi.quarter_start(q.quarter, q.start_month)::timestamptz
          AND m.at < okrkpi.quarter_end(q.quarter, q.start_month)::timestamptz
        ORDER BY m.at DESC LIMIT 1) l ON true
      WHERE k.annual_target IS NOT NULL AND k.target_date IS NOT NULL
      ORDER BY k.id, q.quarter) s $q$);

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
\echo Dashboard refresh: median milliseconds over :runs runs, :measurements measurements, :key_results key results in :quarters quarters
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
