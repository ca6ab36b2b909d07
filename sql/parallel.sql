-- Every aggregate runs as Partial/Finalize in a parallel plan, and parallel
-- results equal serial ones on 300,000 rows over 1,000 key results.
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS okrkpi;
RESET client_min_messages;
SET search_path = okrkpi, public;
SET TimeZone = 'UTC';

CREATE TABLE par_m AS
SELECT i % 1000 AS kr_id,
       CASE WHEN i % 1000 < 500 THEN '20 -> 40'::key_result ELSE '90 -> 10'::key_result END AS kr,
       CASE WHEN i % 2 = 0 THEN '>= 30'::kpi ELSE '25 .. 60'::kpi END AS k,
       ((i::bigint * 7919) % 10007)::float8 / 100 AS value,
       -- many rows share a time, so the tie rule matters
       '2026-07-01'::timestamptz + ((i::bigint * 104729) % 5000) * interval '1 minute' AS at,
       (i % 3)::float8 AS w
FROM generate_series(1, 300000) i;
ANALYZE par_m;

-- serial reference (objective_score takes scores in [0, 1]: value / 100 reaches 1.0006)
SET max_parallel_workers_per_gather = 0;
CREATE TABLE par_serial AS
SELECT kr_id, latest(value, at) AS l, kr_score(kr, value, at) AS s, kpi_health(k, value, at) AS h,
       hit_rate(k, value) AS r, objective_score(least(value / 100, 1), w) AS o,
       kr_forecast(kr, value, at, '2026-10-01') AS f, score(kr_score_state(kr, value, at)) AS s2
FROM par_m GROUP BY kr_id;

-- force parallel plans
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;

EXPLAIN (COSTS OFF) SELECT latest(value, at) FROM par_m;
EXPLAIN (COSTS OFF) SELECT kr_score(kr, value, at) FROM par_m;
EXPLAIN (COSTS OFF) SELECT kr_score_state(kr, value, at) FROM par_m;
EXPLAIN (COSTS OFF) SELECT kpi_health(k, value, at) FROM par_m;
EXPLAIN (COSTS OFF) SELECT hit_rate(k, value) FROM par_m;
EXPLAIN (COSTS OFF) SELECT objective_score(value) FROM par_m;
EXPLAIN (COSTS OFF) SELECT objective_score(value, w) FROM par_m;
EXPLAIN (COSTS OFF) SELECT kr_forecast(kr, value, at, '2026-10-01') FROM par_m;

CREATE TABLE par_states AS SELECT kr_id, kr_score_state(kr, value, at) AS st FROM par_m GROUP BY kr_id;
EXPLAIN (COSTS OFF) SELECT kr_score_merge(st) FROM par_states;

-- the grouped query itself runs in parallel
EXPLAIN (COSTS OFF)
SELECT kr_id, latest(value, at), kr_score(kr, value, at), kpi_health(k, value, at), hit_rate(k, value),
       objective_score(least(value / 100, 1), w), kr_forecast(kr, value, at, '2026-10-01'),
       score(kr_score_state(kr, value, at))
FROM par_m GROUP BY kr_id;

CREATE TABLE par_parallel AS
SELECT kr_id, latest(value, at) AS l, kr_score(kr, value, at) AS s, kpi_health(k, value, at) AS h,
       hit_rate(k, value) AS r, objective_score(least(value / 100, 1), w) AS o,
       kr_forecast(kr, value, at, '2026-10-01') AS f, score(kr_score_state(kr, value, at)) AS s2
FROM par_m GROUP BY kr_id;

-- exact for the latest-row aggregates and counts; sums within rounding
SELECT count(*) AS groups, count(p.f) AS forecasts,
       count(*) FILTER (WHERE p.l IS DISTINCT FROM s.l) AS latest_differs,
       count(*) FILTER (WHERE p.s IS DISTINCT FROM s.s) AS kr_score_differs,
       count(*) FILTER (WHERE p.h IS DISTINCT FROM s.h) AS kpi_health_differs,
       count(*) FILTER (WHERE p.r IS DISTINCT FROM s.r) AS hit_rate_differs,
       count(*) FILTER (WHERE abs(p.o - s.o) > 1e-9 OR (p.o IS NULL) <> (s.o IS NULL)) AS objective_differs,
       count(*) FILTER (WHERE abs(p.f - s.f) > 1e-9 OR (p.f IS NULL) <> (s.f IS NULL)) AS forecast_differs,
       count(*) FILTER (WHERE p.s2 IS DISTINCT FROM s.s2) AS two_phase_differs
FROM par_parallel p JOIN par_serial s USING (kr_id);

-- the whole-table aggregates, parallel against serial
CREATE TABLE par_whole AS
SELECT latest(value, at) AS l, kr_score(kr, value, at) AS s, hit_rate(k, value) AS r,
       kr_forecast(kr, value, at, '2026-10-01') AS f, score(kr_score_merge(NULL::kr_state)) AS empty
FROM par_m;
SET max_parallel_workers_per_gather = 0;
SELECT w.l = latest(value, at) AS latest_same, w.s = kr_score(kr, value, at) AS kr_score_same,
       w.r = hit_rate(k, value) AS hit_rate_same,
       abs(w.f - kr_forecast(kr, value, at, '2026-10-01')) < 1e-9 AS forecast_same, w.empty IS NULL AS empty_is_null
FROM par_m, par_whole w GROUP BY w.l, w.s, w.r, w.f, w.empty;

-- every row at the same time with the same value 36, under 1,000 different key results
-- and two kpis: the tie goes to the greatest in the btree order, whichever worker saw
-- which rows.  Key results -999 -> 72 .. 0 -> 72: 0 -> 72 (the greatest start) wins,
-- 36 scores 36 / 72 = 0.5.  KPIs >= 40 and <= 30: <= sorts after >=, 36 misses <= 30 by
-- 6 > 0.1 x 30: unhealthy (against >= 40 it would be at_risk).
CREATE TABLE par_ties AS
SELECT (-(i % 1000) || ' -> 72')::key_result AS kr,
       CASE WHEN i % 2 = 0 THEN '>= 40'::kpi ELSE '<= 30'::kpi END AS k,
       36::float8 AS value, '2026-08-01'::timestamptz AS at
FROM generate_series(1, 200000) i;
ANALYZE par_ties;
SET max_parallel_workers_per_gather = 2;
EXPLAIN (COSTS OFF) SELECT kr_score(kr, value, at), kpi_health(k, value, at) FROM par_ties;
SELECT kr_score(kr, value, at) AS parallel_score, kpi_health(k, value, at) AS parallel_health,
       kr_score_state(kr, value, at) AS parallel_state
FROM par_ties;
SET max_parallel_workers_per_gather = 0;
SELECT kr_score(kr, value, at) AS serial_score, kpi_health(k, value, at) AS serial_health,
       kr_score_state(kr, value, at) AS serial_state
FROM par_ties;

DROP TABLE par_m, par_serial, par_parallel, par_states, par_whole, par_ties;
