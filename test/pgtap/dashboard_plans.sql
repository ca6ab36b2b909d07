-- The dashboard views' plans are the intended ones (doc/plan.md "Views"): a
-- key result's current value is one backward index probe, and Grafana's time
-- filter reaches the measurements scan.  On a plan big enough for the planner
-- to care: 200 key results measured hourly for 90 days (432,000 rows).
\ir ../include/setup.sql
SET LOCAL TimeZone = 'UTC';
SET LOCAL client_min_messages = warning;
SELECT plan(10);
SET search_path = okrkpi, public;

INSERT INTO cycles (quarter) VALUES ('2026-Q3');
INSERT INTO metrics (id, name) SELECT i, 'metric ' || i FROM generate_series(1, 200) i;
INSERT INTO objectives (id, quarter, title) SELECT i, '2026-Q3', 'objective ' || i FROM generate_series(1, 50) i;
INSERT INTO key_results (id, objective_id, metric_id, title, plan)
  SELECT i, 1 + (i - 1) / 4, i, 'key result ' || i, '20 -> 40' FROM generate_series(1, 200) i;
INSERT INTO kpis (metric_id, title, threshold, since) SELECT i, 'kpi ' || i, '>= 30', '2020-01-01' FROM generate_series(1, 7) i;
INSERT INTO measurements (metric_id, at, value)
  SELECT k, '2026-09-29 00:00+00'::timestamptz - h * interval '1 hour', 20 + (k + h) % 20
  FROM generate_series(1, 200) k, generate_series(0, 2159) h;
ANALYZE;

CREATE FUNCTION pg_temp.plan_of(query text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    line text;
    result text := '';
BEGIN
    FOR line IN EXECUTE 'EXPLAIN (COSTS OFF) ' || query LOOP
        result := result || line || E'\n';
    END LOOP;
    RETURN result;
END $$;

SELECT alike(pg_temp.plan_of($$ SELECT * FROM scoreboard WHERE quarter = '2026-Q3' $$),
            '%Limit%Index Scan Backward using measurements_pkey on measurements%',
            'scoreboard: the current value is a backward probe of measurements (metric_id, at) under a LIMIT');
SELECT unalike(pg_temp.plan_of($$ SELECT * FROM scoreboard WHERE quarter = '2026-Q3' $$),
              '%Seq Scan on measurements%', 'scoreboard reads no measurement beyond the probes');
SELECT unalike(pg_temp.plan_of($$ SELECT * FROM objective_scores WHERE quarter = '2026-Q3' $$),
              '%Seq Scan on measurements%', 'objective_scores neither');
SELECT alike(pg_temp.plan_of($$ SELECT * FROM kpi_board $$),
            '%Index Scan Backward using measurements_pkey on measurements%', 'kpi_board: a backward probe for the latest value');
SELECT unalike(pg_temp.plan_of($$ SELECT * FROM kpi_board $$),
              '%Seq Scan on measurements%', 'and an index range for the hit rate''s year, no full scan');
SELECT unalike(pg_temp.plan_of($$ SELECT * FROM score_history WHERE time BETWEEN '2026-09-22' AND '2026-09-29' $$),
              '%WindowAgg%', 'score_history needs no window over all measurements');
SELECT alike(pg_temp.plan_of($$ SELECT * FROM score_history WHERE time BETWEEN '2026-09-22' AND '2026-09-29' $$),
            '%Index Cond: %at >= ''2026-09-22 00:00:00+00''%at <= ''2026-09-29 00:00:00+00''%',
            'Grafana''s time filter reaches the measurements index scan');
SELECT unalike(pg_temp.plan_of($$ SELECT * FROM score_history WHERE time BETWEEN '2026-09-22' AND '2026-09-29' $$),
              '%Seq Scan on measurements%', 'so the history kept outside the window is not read');
SELECT is((SELECT count(*)::int FROM score_history WHERE time BETWEEN '2026-09-22' AND '2026-09-29'), 200 * 169,
          'a week (7 x 24 + 1 hourly rows, both ends included, for each of 200 key results) is what it returns');
SELECT alike(pg_temp.plan_of($$ SELECT * FROM quarters $$), '%Scan on cycles%', 'the quarter picker reads cycles only');

SELECT * FROM finish();
ROLLBACK;
