-- okrkpi benchmark: bulk loads through the plan-rule triggers, against no
-- trigger and against the same rules written as a PL/pgSQL trigger.
--
--   psql -v rows=1000000 -v runs=3 -f bench/triggers.sql
--
-- Each load is an INSERT ... SELECT of `rows` key results into an empty
-- table, run `runs` times in round-robin order; medians are reported.
-- "rules" are start/target present, finite and different; "+ limit" adds at
-- most 5 key results per objective (an index on the objective column serves
-- the count, as it would in a real schema; those loads are compared with a
-- table that has the same index and no trigger).
\set ON_ERROR_STOP 1
\if :{?rows} \else \set rows 1000000 \endif
\if :{?runs} \else \set runs 3 \endif
\pset pager off
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS okrkpi;
SET search_path = okrkpi, public;

DROP TABLE IF EXISTS bt_none, bt_c, bt_plpgsql, bt_none_indexed, bt_c_limit, bt_plpgsql_limit;
CREATE TABLE bt_none (objective_id int, baseline numeric, goal numeric);
CREATE TABLE bt_c (LIKE bt_none);
CREATE TABLE bt_plpgsql (LIKE bt_none);
CREATE TABLE bt_none_indexed (LIKE bt_none);
CREATE TABLE bt_c_limit (LIKE bt_none);
CREATE TABLE bt_plpgsql_limit (LIKE bt_none);
CREATE INDEX ON bt_none_indexed (objective_id);
CREATE INDEX ON bt_c_limit (objective_id);
CREATE INDEX ON bt_plpgsql_limit (objective_id);

CREATE TRIGGER rules BEFORE INSERT OR UPDATE ON bt_c FOR EACH ROW
  EXECUTE FUNCTION okrkpi.check_key_result('start=baseline', 'target=goal');
CREATE TRIGGER rules BEFORE INSERT OR UPDATE ON bt_c_limit FOR EACH ROW
  EXECUTE FUNCTION okrkpi.check_key_result('start=baseline', 'target=goal', 'objective=objective_id', 'max=5');

-- The same rules as people write them in PL/pgSQL today.
CREATE OR REPLACE FUNCTION pg_temp.plpgsql_rules() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.baseline IS NULL OR NEW.goal IS NULL THEN
    RAISE check_violation USING MESSAGE = 'a key result needs a start and a target';
  END IF;
  IF NEW.baseline IN ('NaN', 'Infinity', '-Infinity') OR NEW.goal IN ('NaN', 'Infinity', '-Infinity') THEN
    RAISE check_violation USING MESSAGE = 'start and target must be finite';
  END IF;
  IF NEW.baseline = NEW.goal THEN
    RAISE check_violation USING MESSAGE = 'a key result must move its metric';
  END IF;
  IF TG_OP = 'UPDATE' THEN
    IF NEW.baseline <> OLD.baseline THEN
      RAISE check_violation USING MESSAGE = 'the start value is frozen';
    END IF;
    IF (NEW.goal > NEW.baseline) <> (OLD.goal > OLD.baseline) THEN
      RAISE check_violation USING MESSAGE = 'a key result may not change direction';
    END IF;
  END IF;
  IF TG_ARGV[0] = 'limit' AND NEW.objective_id IS NOT NULL
     AND (TG_OP = 'INSERT' OR NEW.objective_id IS DISTINCT FROM OLD.objective_id) THEN
    PERFORM pg_advisory_xact_lock(TG_RELID::int, hashint4(NEW.objective_id) % 1024);
    IF (SELECT count(*) FROM bt_plpgsql_limit WHERE objective_id = NEW.objective_id) >= 5 THEN
      RAISE check_violation USING MESSAGE = 'objective already has 5 key results';
    END IF;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER rules BEFORE INSERT OR UPDATE ON bt_plpgsql FOR EACH ROW
  EXECUTE FUNCTION pg_temp.plpgsql_rules('no limit');
CREATE TRIGGER rules BEFORE INSERT OR UPDATE ON bt_plpgsql_limit FOR EACH ROW
  EXECUTE FUNCTION pg_temp.plpgsql_rules('limit');

CREATE TEMP TABLE bt_timings (name text, run int, ms float8);
SET bench.runs = :'runs';
SET bench.rows = :'rows';
DO $$
DECLARE
  r int;
  t text;
  t0 timestamptz;
  n bigint;
BEGIN
  FOR r IN 1 .. current_setting('bench.runs')::int LOOP
    FOREACH t IN ARRAY ARRAY['bt_none', 'bt_c', 'bt_plpgsql', 'bt_none_indexed', 'bt_c_limit', 'bt_plpgsql_limit'] LOOP
      EXECUTE format('TRUNCATE %I', t);
      t0 := clock_timestamp();
      EXECUTE format('INSERT INTO %I SELECT i / 5, i %% 1000, i %% 1000 + 1 + i %% 7
                      FROM generate_series(1, %s) i', t, current_setting('bench.rows'));
      INSERT INTO bt_timings VALUES (t, r, 1000 * extract(epoch FROM clock_timestamp() - t0));
      EXECUTE format('SELECT count(*) FROM %I', t) INTO n;
      IF n <> current_setting('bench.rows')::bigint THEN
        RAISE EXCEPTION 'table % holds % rows, expected %', t, n, current_setting('bench.rows');
      END IF;
    END LOOP;
  END LOOP;
END
$$;

\echo
\echo Median milliseconds to load :rows key results, over :runs runs
WITH m AS (SELECT name, percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) AS ms FROM bt_timings GROUP BY name)
SELECT o.name, round(o.ms::numeric, 1) AS median_ms,
       round((o.ms / (SELECT ms FROM m WHERE name = CASE WHEN o.name LIKE '%limit' OR o.name LIKE '%indexed'
                                                          THEN 'bt_none_indexed' ELSE 'bt_none' END))::numeric, 2) AS x_no_trigger,
       CASE o.name
         WHEN 'bt_c' THEN round(((SELECT ms FROM m WHERE name = 'bt_plpgsql') / o.ms)::numeric, 2) || ' x faster than PL/pgSQL'
         WHEN 'bt_c_limit' THEN round(((SELECT ms FROM m WHERE name = 'bt_plpgsql_limit') / o.ms)::numeric, 2) || ' x faster than PL/pgSQL'
       END AS against_plpgsql
FROM m AS o ORDER BY CASE o.name WHEN 'bt_none' THEN 0 WHEN 'bt_c' THEN 1 WHEN 'bt_plpgsql' THEN 2 WHEN 'bt_none_indexed' THEN 3 WHEN 'bt_c_limit' THEN 4 ELSE 5 END;

DROP TABLE bt_none, bt_c, bt_plpgsql, bt_none_indexed, bt_c_limit, bt_plpgsql_limit;
