-- okrkpi benchmark: aggregates against the floor of scanning and grouping and
-- against the plain SQL people write today, measured side by side in one run.
--
--   psql -v rows=10000000 -v krs=10000 -v runs=5 -f bench/bench.sql
--
-- Each query is run `runs` times in round-robin order and the median is
-- reported.  Every timed query makes its outer level use the aggregate's
-- column (count(v)), since PostgreSQL drops unused subquery columns.
-- The run also checks that kr_score agrees with the plain SQL on every key
-- result, and fails if not: `make test` runs it on a few thousand rows.
\set ON_ERROR_STOP 1
\if :{?rows} \else \set rows 10000000 \endif
\if :{?krs} \else \set krs 10000 \endif
\if :{?runs} \else \set runs 5 \endif
\pset pager off
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS okrkpi;
SET search_path = okrkpi, public;
SET TimeZone = 'UTC';

DROP TABLE IF EXISTS bench_measurements, bench_key_results, bench_timings;
CREATE TABLE bench_key_results (id int PRIMARY KEY, plan key_result NOT NULL);
INSERT INTO bench_key_results
SELECT i, CASE WHEN i % 2 = 0 THEN '20 -> 40'::key_result ELSE '6h -> 45min' END
FROM generate_series(1, :krs) i;

-- measurements: rows spread over the key results, times over a quarter, with ties
CREATE TABLE bench_measurements (kr_id int NOT NULL, value float8, at timestamptz);
INSERT INTO bench_measurements
SELECT 1 + (i % :krs),
       ((i::bigint * 7919) % 25000)::float8,
       '2026-07-01'::timestamptz + ((i::bigint * 104729) % 7862400) * interval '1 second'
FROM generate_series(1, :rows) i;
CREATE INDEX ON bench_measurements (kr_id, at DESC, value DESC);
VACUUM ANALYZE bench_key_results, bench_measurements;

CREATE TEMP TABLE bench_queries (name text PRIMARY KEY, workers int, sql text);
INSERT INTO bench_queries VALUES
 ('floor: count(*) GROUP BY kr', 0,
  $q$ SELECT count(v) FROM (SELECT m.kr_id, count(*) AS v FROM bench_measurements m
      JOIN bench_key_results k ON k.id = m.kr_id GROUP BY m.kr_id) s $q$),
 ('floor: count(*) GROUP BY kr, 2 workers', 2,
  $q$ SELECT count(v) FROM (SELECT m.kr_id, count(*) AS v FROM bench_measurements m
      JOIN bench_key_results k ON k.id = m.kr_id GROUP BY m.kr_id) s $q$),
 ('kr_score GROUP BY kr', 0,
  $q$ SELECT count(v) FROM (SELECT m.kr_id, kr_score(k.plan, m.value, m.at) AS v FROM bench_measurements m
      JOIN bench_key_results k ON k.id = m.kr_id GROUP BY m.kr_id) s $q$),
 ('kr_score GROUP BY kr, 2 workers', 2,
  $q$ SELECT count(v) FROM (SELECT m.kr_id, kr_score(k.plan, m.value, m.at) AS v FROM bench_measurements m
      JOIN bench_key_results k ON k.id = m.kr_id GROUP BY m.kr_id) s $q$),
 ('plain SQL: DISTINCT ON + score expression', 0,
  $q$ SELECT count(v) FROM (SELECT DISTINCT ON (m.kr_id) m.kr_id,
        greatest(0, least(1, (m.value - start_value(k.plan)) / (target_value(k.plan) - start_value(k.plan)))) AS v
      FROM bench_measurements m JOIN bench_key_results k ON k.id = m.kr_id
      ORDER BY m.kr_id, m.at DESC, m.value DESC) s $q$),
 ('plain SQL: LATERAL ORDER BY at DESC LIMIT 1 (index)', 0,
  $q$ SELECT count(v) FROM (SELECT k.id,
        greatest(0, least(1, (l.value - start_value(k.plan)) / (target_value(k.plan) - start_value(k.plan)))) AS v
      FROM bench_key_results k CROSS JOIN LATERAL (SELECT value FROM bench_measurements m
        WHERE m.kr_id = k.id ORDER BY m.at DESC, m.value DESC LIMIT 1) l) s $q$),
 ('avg() GROUP BY kr', 0,
  $q$ SELECT count(v) FROM (SELECT kr_id, avg(value / 25000) AS v FROM bench_measurements GROUP BY kr_id) s $q$),
 ('objective_score GROUP BY kr', 0,
  $q$ SELECT count(v) FROM (SELECT kr_id, objective_score(value / 25000) AS v FROM bench_measurements GROUP BY kr_id) s $q$),
 ('max(at) GROUP BY kr', 0,
  $q$ SELECT count(v) FROM (SELECT kr_id, max(at) AS v FROM bench_measurements GROUP BY kr_id) s $q$),
 ('latest GROUP BY kr', 0,
  $q$ SELECT count(v) FROM (SELECT kr_id, latest(value, at) AS v FROM bench_measurements GROUP BY kr_id) s $q$);

CREATE TEMP TABLE bench_timings (name text, run int, ms float8);

-- Force the same plan shape for all: hash aggregation over a sequential scan
-- (the index exists for the LATERAL query only), parallel only where asked.
SET bench.runs = :'runs';
DO $$
DECLARE
  r int;
  q record;
  t0 timestamptz;
  n bigint;
BEGIN
  FOR r IN 1 .. current_setting('bench.runs')::int LOOP
    FOR q IN SELECT * FROM bench_queries ORDER BY name LOOP
      PERFORM set_config('max_parallel_workers_per_gather', q.workers::text, true);
      PERFORM set_config('parallel_setup_cost', CASE WHEN q.workers > 0 THEN '0' ELSE '1000' END, true);
      PERFORM set_config('parallel_tuple_cost', CASE WHEN q.workers > 0 THEN '0' ELSE '0.1' END, true);
      PERFORM set_config('enable_indexscan', CASE WHEN q.name LIKE '%LATERAL%' THEN 'on' ELSE 'off' END, true);
      PERFORM set_config('enable_indexonlyscan', CASE WHEN q.name LIKE '%LATERAL%' THEN 'on' ELSE 'off' END, true);
      PERFORM set_config('enable_bitmapscan', 'off', true);
      t0 := clock_timestamp();
      EXECUTE q.sql INTO n;
      INSERT INTO bench_timings VALUES (q.name, r, 1000 * extract(epoch FROM clock_timestamp() - t0));
    END LOOP;
  END LOOP;
END
$$;

\echo
\echo Median milliseconds over :runs runs, :rows measurements, :krs key results
WITH med AS (
  SELECT name, percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) AS ms FROM bench_timings GROUP BY name
), m AS (SELECT name, ms FROM med)
SELECT name, round(ms::numeric, 1) AS median_ms,
       CASE name
         WHEN 'kr_score GROUP BY kr' THEN 'x floor: ' || round((ms / (SELECT ms FROM m WHERE name = 'floor: count(*) GROUP BY kr'))::numeric, 2) || ' (target <= 1.5)'
         WHEN 'plain SQL: DISTINCT ON + score expression' THEN 'kr_score faster by ' || round((ms / (SELECT ms FROM m WHERE name = 'kr_score GROUP BY kr'))::numeric, 2) || 'x (target >= 5)'
         WHEN 'plain SQL: LATERAL ORDER BY at DESC LIMIT 1 (index)' THEN 'kr_score faster by ' || round((ms / (SELECT ms FROM m WHERE name = 'kr_score GROUP BY kr'))::numeric, 2) || 'x (target >= 5)'
         WHEN 'objective_score GROUP BY kr' THEN 'x avg(): ' || round((ms / (SELECT ms FROM m WHERE name LIKE 'avg%'))::numeric, 2) || ' (target <= 1.3)'
         WHEN 'latest GROUP BY kr' THEN 'x max(at): ' || round((ms / (SELECT ms FROM m WHERE name LIKE 'max%'))::numeric, 2) || ' (target <= 1.3)'
         WHEN 'floor: count(*) GROUP BY kr, 2 workers' THEN 'speed-up over serial: ' || round(((SELECT ms FROM m WHERE name = 'floor: count(*) GROUP BY kr') / ms)::numeric, 2) || 'x (the machine''s ceiling)'
         WHEN 'kr_score GROUP BY kr, 2 workers' THEN 'speed-up over serial: ' || round(((SELECT ms FROM m WHERE name = 'kr_score GROUP BY kr') / ms)::numeric, 2) || 'x (target >= 1.6)'
       END AS ratio
FROM m ORDER BY name;

-- correctness: kr_score agrees with the plain SQL for every key result
SELECT count(*) AS disagreements FROM (
  SELECT m.kr_id, kr_score(k.plan, m.value, m.at) AS v
  FROM bench_measurements m JOIN bench_key_results k ON k.id = m.kr_id GROUP BY m.kr_id) a
FULL JOIN (
  SELECT DISTINCT ON (m.kr_id) m.kr_id,
         greatest(0, least(1, (m.value - start_value(k.plan)) / (target_value(k.plan) - start_value(k.plan)))) AS v
  FROM bench_measurements m JOIN bench_key_results k ON k.id = m.kr_id
  ORDER BY m.kr_id, m.at DESC, m.value DESC) b USING (kr_id)
WHERE a.v IS DISTINCT FROM b.v \gset
\echo kr_score disagrees with plain SQL on :disagreements key results
SELECT :disagreements = 0 AS agree \gset
\if :agree
\else
  \echo FAILED: kr_score and the plain SQL disagree
  SELECT 1 / 0;
\endif

DROP TABLE bench_measurements, bench_key_results;
