-- okrkpi 0.1.0 -> 0.2.0: every SQL change since 0.1.0, in the order made.
-- A database updated with ALTER EXTENSION okrkpi UPDATE ends with the same
-- objects and definitions as a fresh CREATE EXTENSION okrkpi (test/update
-- proves it).
--
-- CREATE OR REPLACE appears here only for functions that 0.1.0 created:
-- PostgreSQL refuses to replace an object that is not already a member of
-- the extension, so it cannot capture anything else.

\echo Use "ALTER EXTENSION okrkpi UPDATE TO '0.2.0'" to load this file. \quit

-- Aggregate support functions follow one pattern, <state type>_transfn,
-- _combine and _final, and carry the name of their C symbol.  The aggregates
-- refer to them by OID, so renaming keeps them working; the C symbol each
-- points to changes with CREATE OR REPLACE (the library still exports the
-- old symbols for databases not yet updated).
ALTER FUNCTION okrkpi.latest_transfn(okrkpi.latest_state, float8, timestamptz) RENAME TO latest_state_transfn;
CREATE OR REPLACE FUNCTION okrkpi.latest_state_transfn(okrkpi.latest_state, float8, timestamptz) RETURNS okrkpi.latest_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
ALTER FUNCTION okrkpi.latest_combine(okrkpi.latest_state, okrkpi.latest_state) RENAME TO latest_state_combine;
CREATE OR REPLACE FUNCTION okrkpi.latest_state_combine(okrkpi.latest_state, okrkpi.latest_state) RETURNS okrkpi.latest_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
ALTER FUNCTION okrkpi.latest_final(okrkpi.latest_state) RENAME TO latest_state_final;
CREATE OR REPLACE FUNCTION okrkpi.latest_state_final(okrkpi.latest_state) RETURNS float8
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
ALTER FUNCTION okrkpi.kr_score_transfn(okrkpi.kr_state, okrkpi.key_result, float8, timestamptz) RENAME TO kr_state_transfn;
CREATE OR REPLACE FUNCTION okrkpi.kr_state_transfn(okrkpi.kr_state, okrkpi.key_result, float8, timestamptz) RETURNS okrkpi.kr_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
ALTER FUNCTION okrkpi.kpi_health_transfn(okrkpi.kpi_state, okrkpi.kpi, float8, timestamptz) RENAME TO kpi_state_transfn;
CREATE OR REPLACE FUNCTION okrkpi.kpi_state_transfn(okrkpi.kpi_state, okrkpi.kpi, float8, timestamptz) RETURNS okrkpi.kpi_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
ALTER FUNCTION okrkpi.kpi_state_health(okrkpi.kpi_state) RENAME TO kpi_state_final;
CREATE OR REPLACE FUNCTION okrkpi.kpi_state_final(okrkpi.kpi_state) RETURNS okrkpi.health
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
ALTER FUNCTION okrkpi.mean_transfn(okrkpi.mean_state, float8) RENAME TO mean_state_transfn;
CREATE OR REPLACE FUNCTION okrkpi.mean_state_transfn(okrkpi.mean_state, float8) RETURNS okrkpi.mean_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
ALTER FUNCTION okrkpi.mean_weighted_transfn(okrkpi.mean_state, float8, float8) RENAME TO mean_state_weighted_transfn;
CREATE OR REPLACE FUNCTION okrkpi.mean_state_weighted_transfn(okrkpi.mean_state, float8, float8) RETURNS okrkpi.mean_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
ALTER FUNCTION okrkpi.mean_combine(okrkpi.mean_state, okrkpi.mean_state) RENAME TO mean_state_combine;
CREATE OR REPLACE FUNCTION okrkpi.mean_state_combine(okrkpi.mean_state, okrkpi.mean_state) RETURNS okrkpi.mean_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
ALTER FUNCTION okrkpi.mean_final(okrkpi.mean_state) RENAME TO mean_state_final;
CREATE OR REPLACE FUNCTION okrkpi.mean_state_final(okrkpi.mean_state) RETURNS float8
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
ALTER FUNCTION okrkpi.rate_transfn(okrkpi.rate_state, okrkpi.kpi, float8) RENAME TO rate_state_transfn;
CREATE OR REPLACE FUNCTION okrkpi.rate_state_transfn(okrkpi.rate_state, okrkpi.kpi, float8) RETURNS okrkpi.rate_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
ALTER FUNCTION okrkpi.rate_combine(okrkpi.rate_state, okrkpi.rate_state) RENAME TO rate_state_combine;
CREATE OR REPLACE FUNCTION okrkpi.rate_state_combine(okrkpi.rate_state, okrkpi.rate_state) RETURNS okrkpi.rate_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
ALTER FUNCTION okrkpi.rate_final(okrkpi.rate_state) RENAME TO rate_state_final;
CREATE OR REPLACE FUNCTION okrkpi.rate_state_final(okrkpi.rate_state) RETURNS float8
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
ALTER FUNCTION okrkpi.forecast_transfn(okrkpi.forecast_state, okrkpi.key_result, float8, timestamptz, timestamptz) RENAME TO forecast_state_transfn;
CREATE OR REPLACE FUNCTION okrkpi.forecast_state_transfn(okrkpi.forecast_state, okrkpi.key_result, float8, timestamptz, timestamptz) RETURNS okrkpi.forecast_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
ALTER FUNCTION okrkpi.forecast_combine(okrkpi.forecast_state, okrkpi.forecast_state) RENAME TO forecast_state_combine;
CREATE OR REPLACE FUNCTION okrkpi.forecast_state_combine(okrkpi.forecast_state, okrkpi.forecast_state) RETURNS okrkpi.forecast_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
ALTER FUNCTION okrkpi.forecast_final(okrkpi.forecast_state) RENAME TO forecast_state_final;
CREATE OR REPLACE FUNCTION okrkpi.forecast_state_final(okrkpi.forecast_state) RETURNS float8
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;

-- The limits in force, read by lint() (new in 0.2.0).
CREATE FUNCTION okrkpi.plan_limits(OUT max_key_results integer, OUT max_kpis integer)
    AS 'MODULE_PATHNAME' LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION okrkpi.plan_limits() IS 'the limits the triggers enforce when they have no max= argument: the settings okrkpi.max_key_results and okrkpi.max_kpis';

-- lint(): limits from the settings, immune to search_path.
CREATE OR REPLACE FUNCTION okrkpi.lint()
RETURNS TABLE (severity text, rule text, object text, message text)
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    WITH limits AS (SELECT * FROM okrkpi.plan_limits())
    SELECT 'warning', 'objective_too_few_key_results', 'objective ' || o.id || ' (' || o.quarter::text || ')',
           format('objective "%s" has %s key result(s); an objective needs 2 to %s', o.title, count(r.id), max(l.max_key_results))
    FROM okrkpi.objectives o LEFT JOIN okrkpi.key_results r ON r.objective_id = o.id CROSS JOIN limits l
    GROUP BY o.id HAVING count(r.id) < 2
  UNION ALL
    SELECT 'warning', 'objective_too_many_key_results', 'objective ' || o.id || ' (' || o.quarter::text || ')',
           format('objective "%s" has %s key results; an objective needs 2 to %s', o.title, count(r.id), max(l.max_key_results))
    FROM okrkpi.objectives o JOIN okrkpi.key_results r ON r.objective_id = o.id CROSS JOIN limits l
    GROUP BY o.id HAVING count(r.id) > max(l.max_key_results)
  UNION ALL
    SELECT 'warning', 'too_many_kpis', 'kpis',
           format('the plan has %s KPIs; a good plan has at most %s', count(*), max(l.max_kpis))
    FROM okrkpi.kpis CROSS JOIN limits l HAVING count(*) > max(l.max_kpis)
  UNION ALL
    SELECT 'warning', 'every_key_result_is_kpi', 'objective ' || o.id || ' (' || o.quarter::text || ')',
           format('every key result of objective "%s" is marked as a KPI; KPIs watch health, key results push change', o.title)
    FROM okrkpi.objectives o JOIN okrkpi.key_results r ON r.objective_id = o.id
    GROUP BY o.id HAVING count(*) >= 2 AND bool_and(r.kpi_id IS NOT NULL)
  UNION ALL
    SELECT 'warning', 'only_milestone_key_results', 'objective ' || o.id || ' (' || o.quarter::text || ')',
           format('objective "%s" has only milestone key results: activities posing as outcomes; add a key result that moves a measured metric', o.title)
    FROM okrkpi.objectives o JOIN okrkpi.key_results r ON r.objective_id = o.id
    GROUP BY o.id HAVING bool_and(okrkpi.is_milestone(r.plan))
  UNION ALL
    SELECT 'warning', 'metric_not_measured', 'metric ' || me.id,
           CASE WHEN max(m.at) IS NULL
                THEN format('metric "%s" has never been measured (frequency %s)', me.name, me.frequency)
                ELSE format('metric "%s" was last measured %s, longer ago than its frequency %s', me.name, max(m.at), me.frequency)
           END
    FROM okrkpi.metrics me LEFT JOIN okrkpi.measurements m ON m.metric_id = me.id
    GROUP BY me.id HAVING max(m.at) IS NULL OR max(m.at) < now() - me.frequency
  ORDER BY 2, 3
$$;
COMMENT ON FUNCTION okrkpi.lint() IS 'plan mistakes: objectives with fewer than 2 or more than okrkpi.max_key_results key results, more than okrkpi.max_kpis KPIs, every key result a KPI, only milestone key results, metrics not measured within their frequency';

-- Security: overrides only by the tables' owner, recorded by the C trigger
-- that allows them (log=); the override log is append-only; trigger columns
-- cannot be renamed or dropped under a trigger; every SQL function pins its
-- search_path.
CREATE FUNCTION okrkpi.guard_override_log() RETURNS trigger
    AS 'MODULE_PATHNAME' LANGUAGE C;
COMMENT ON FUNCTION okrkpi.guard_override_log() IS 'BEFORE INSERT OR UPDATE OR DELETE (row) and BEFORE TRUNCATE (statement) trigger for an override log table: only okrkpi''s override logging (and superusers) may write it';
CREATE FUNCTION okrkpi.check_trigger_columns() RETURNS event_trigger
    AS 'MODULE_PATHNAME' LANGUAGE C;
COMMENT ON FUNCTION okrkpi.check_trigger_columns() IS 'event trigger at the end of ALTER TABLE: refuses to rename or drop a column that a check_key_result or check_kpi trigger names';
CREATE EVENT TRIGGER okrkpi_trigger_columns ON ddl_command_end
    WHEN TAG IN ('ALTER TABLE')
    EXECUTE FUNCTION okrkpi.check_trigger_columns();
COMMENT ON EVENT TRIGGER okrkpi_trigger_columns IS 'keeps the columns named by okrkpi''s plan-rule triggers from being renamed or dropped under them';
COMMENT ON FUNCTION okrkpi.check_key_result() IS 'BEFORE INSERT OR UPDATE row trigger: kr=COL or start=COL and target=COL (present, finite, different; start frozen and direction fixed on UPDATE), objective=COL [max=N] (at most N key results per objective, default okrkpi.max_key_results), kpi=COL (a milestone key result is never a KPI), log=TABLE (where overrides are recorded)';
COMMENT ON FUNCTION okrkpi.check_kpi() IS 'BEFORE INSERT OR UPDATE OR DELETE row trigger: kpi=COL (present), plan=COL [max=N] (at most N KPIs per plan or table, default okrkpi.max_kpis), since=COL (no deletion or threshold change within a year unless the table''s owner overrides), log=TABLE (where overrides are recorded)';

DROP TRIGGER log_override ON okrkpi.key_results;
DROP TRIGGER log_override ON okrkpi.kpis;
DROP FUNCTION okrkpi.log_override();
DROP TRIGGER kr_rules ON okrkpi.key_results;
DROP TRIGGER kpi_rules ON okrkpi.kpis;
CREATE TRIGGER kr_rules BEFORE INSERT OR UPDATE ON okrkpi.key_results FOR EACH ROW
    EXECUTE FUNCTION okrkpi.check_key_result('kr=plan', 'objective=objective_id', 'kpi=kpi_id',
                                             'log=okrkpi.overrides');
CREATE TRIGGER kpi_rules BEFORE INSERT OR UPDATE OR DELETE ON okrkpi.kpis FOR EACH ROW
    EXECUTE FUNCTION okrkpi.check_kpi('kpi=threshold', 'since=since', 'log=okrkpi.overrides');
CREATE TRIGGER guard BEFORE INSERT OR UPDATE OR DELETE ON okrkpi.overrides FOR EACH ROW
    EXECUTE FUNCTION okrkpi.guard_override_log();
CREATE TRIGGER guard_truncate BEFORE TRUNCATE ON okrkpi.overrides FOR EACH STATEMENT
    EXECUTE FUNCTION okrkpi.guard_override_log();
COMMENT ON TABLE okrkpi.overrides IS 'every change made under okrkpi.override_reason, written by the plan-rule trigger that allowed it: who, when, why, old and new rows; append-only';

-- roll_forward() (final definition)
CREATE OR REPLACE FUNCTION okrkpi.roll_forward(closing okrkpi.quarter) RETURNS integer
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    next_quarter okrkpi.quarter := closing + 1;
    quarter_end timestamptz := okrkpi.quarter_end(closing)::timestamptz;
    carried integer := 0;
    kr record;
    actual float8;
    quarters_left integer;
    new_objective bigint;
    increasing boolean;
BEGIN
    INSERT INTO okrkpi.cycles (quarter) VALUES (next_quarter) ON CONFLICT (quarter) DO NOTHING;
    FOR kr IN
        SELECT r.*, k.title AS kpi_title, k.metric_id AS kpi_metric_id, k.annual_target, k.target_date
        FROM okrkpi.key_results r
        JOIN okrkpi.objectives o ON o.id = r.objective_id
        JOIN okrkpi.kpis k ON k.id = r.kpi_id
        WHERE o.quarter = closing
          AND NOT EXISTS (SELECT 1 FROM okrkpi.key_results n WHERE n.rolled_from = r.id)
        ORDER BY r.id
        FOR UPDATE OF r
    LOOP
        -- the metric's latest measurement at or before the quarter's end
        SELECT okrkpi.latest(m.value, m.at) INTO actual
        FROM okrkpi.measurements m
        WHERE m.metric_id = coalesce(kr.metric_id, kr.kpi_metric_id) AND m.at < quarter_end;
        actual := coalesce(actual, okrkpi.current_value(kr.plan));
        increasing := okrkpi.direction(kr.plan) = 'increase';

        IF actual IS NULL THEN
            RAISE NOTICE 'key result % ("%") not carried into %: its metric has no measurement', kr.id, kr.title, next_quarter;
        ELSIF kr.annual_target IS NULL OR kr.target_date IS NULL THEN
            RAISE NOTICE 'key result % ("%") not carried into %: KPI "%" has no annual target and target date',
                kr.id, kr.title, next_quarter, kr.kpi_title;
        ELSIF kr.target_date < okrkpi.quarter_start(next_quarter) THEN
            RAISE NOTICE 'key result % ("%") not carried into %: the target date % of KPI "%" has passed',
                kr.id, kr.title, next_quarter, kr.target_date, kr.kpi_title;
        ELSIF (increasing AND actual >= kr.annual_target) OR (NOT increasing AND actual <= kr.annual_target) THEN
            RAISE NOTICE 'key result % ("%") not carried into %: KPI "%" already reached its annual target % (actual %)',
                kr.id, kr.title, next_quarter, kr.kpi_title, kr.annual_target, actual;
        ELSE
            quarters_left := (okrkpi.quarter_of(kr.target_date) - next_quarter) + 1;
            SELECT id INTO new_objective FROM okrkpi.objectives
            WHERE rolled_from = kr.objective_id AND quarter = next_quarter;
            IF new_objective IS NULL THEN
                INSERT INTO okrkpi.objectives (quarter, title, parent_id, owner, rolled_from)
                SELECT next_quarter, o.title, o.parent_id, o.owner, o.id
                FROM okrkpi.objectives o WHERE o.id = kr.objective_id
                RETURNING id INTO new_objective;
            END IF;
            INSERT INTO okrkpi.key_results (objective_id, metric_id, title, plan, kpi_id, weight, owner, rolled_from)
            VALUES (new_objective, kr.metric_id, kr.title,
                    okrkpi.key_result(pg_catalog.jsonb_build_object(
                        'start', actual,
                        'target', okrkpi.quarter_target(actual, kr.annual_target, quarters_left),
                        'unit', okrkpi.unit(kr.plan))),
                    kr.kpi_id, kr.weight, kr.owner, kr.id);
            carried := carried + 1;
        END IF;
    END LOOP;
    RETURN carried;
END
$$;

CREATE OR REPLACE FUNCTION okrkpi.close_cycle() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    PERFORM okrkpi.roll_forward(NEW.quarter);
    RETURN NULL;
END
$$;

-- Every role may use the types, functions, aggregates and triggers.
GRANT USAGE ON SCHEMA okrkpi TO PUBLIC;
COMMENT ON SCHEMA okrkpi IS 'okrkpi: OKR and KPI types, scoring, aggregates, plan-rule triggers and the embedded plan';
CREATE OR REPLACE FUNCTION okrkpi.period(okrkpi.quarter) RETURNS daterange
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$ SELECT pg_catalog.daterange(okrkpi.quarter_start($1), okrkpi.quarter_end($1), '[)') $$;

-- The types' operators move to pg_catalog: they resolve with any search_path
-- (WHERE quarter = '2020-Q3' works with the default one) and cannot be
-- shadowed by objects in public.  SET SCHEMA keeps each operator's OID, so
-- operator classes, indexes and views that use them are unaffected.
ALTER OPERATOR okrkpi.= (okrkpi.key_result, okrkpi.key_result) SET SCHEMA pg_catalog;
ALTER OPERATOR okrkpi.<> (okrkpi.key_result, okrkpi.key_result) SET SCHEMA pg_catalog;
ALTER OPERATOR okrkpi.< (okrkpi.key_result, okrkpi.key_result) SET SCHEMA pg_catalog;
ALTER OPERATOR okrkpi.<= (okrkpi.key_result, okrkpi.key_result) SET SCHEMA pg_catalog;
ALTER OPERATOR okrkpi.> (okrkpi.key_result, okrkpi.key_result) SET SCHEMA pg_catalog;
ALTER OPERATOR okrkpi.>= (okrkpi.key_result, okrkpi.key_result) SET SCHEMA pg_catalog;
ALTER OPERATOR okrkpi.= (okrkpi.kpi, okrkpi.kpi) SET SCHEMA pg_catalog;
ALTER OPERATOR okrkpi.<> (okrkpi.kpi, okrkpi.kpi) SET SCHEMA pg_catalog;
ALTER OPERATOR okrkpi.< (okrkpi.kpi, okrkpi.kpi) SET SCHEMA pg_catalog;
ALTER OPERATOR okrkpi.<= (okrkpi.kpi, okrkpi.kpi) SET SCHEMA pg_catalog;
ALTER OPERATOR okrkpi.> (okrkpi.kpi, okrkpi.kpi) SET SCHEMA pg_catalog;
ALTER OPERATOR okrkpi.>= (okrkpi.kpi, okrkpi.kpi) SET SCHEMA pg_catalog;
ALTER OPERATOR okrkpi.= (okrkpi.quarter, okrkpi.quarter) SET SCHEMA pg_catalog;
ALTER OPERATOR okrkpi.<> (okrkpi.quarter, okrkpi.quarter) SET SCHEMA pg_catalog;
ALTER OPERATOR okrkpi.< (okrkpi.quarter, okrkpi.quarter) SET SCHEMA pg_catalog;
ALTER OPERATOR okrkpi.<= (okrkpi.quarter, okrkpi.quarter) SET SCHEMA pg_catalog;
ALTER OPERATOR okrkpi.> (okrkpi.quarter, okrkpi.quarter) SET SCHEMA pg_catalog;
ALTER OPERATOR okrkpi.>= (okrkpi.quarter, okrkpi.quarter) SET SCHEMA pg_catalog;
ALTER OPERATOR okrkpi.+ (okrkpi.quarter, int) SET SCHEMA pg_catalog;
ALTER OPERATOR okrkpi.- (okrkpi.quarter, int) SET SCHEMA pg_catalog;
ALTER OPERATOR okrkpi.- (okrkpi.quarter, okrkpi.quarter) SET SCHEMA pg_catalog;

-- Aggregates: scores in [0, 1], weights that cannot overflow, forecast units.
COMMENT ON TYPE okrkpi.mean_state IS 'aggregate state: rows with a positive weight, their mean weight and the weighted mean of their scores: the state of objective_score';
COMMENT ON AGGREGATE okrkpi.objective_score(float8) IS 'the mean of non-NULL scores, each in [0, 1]';
COMMENT ON AGGREGATE okrkpi.objective_score(float8, float8) IS 'the weighted mean of non-NULL scores, each in [0, 1]; negative and subnormal weights are refused, rows of weight 0 skipped; NULL when the weights add up to 0';
COMMENT ON AGGREGATE okrkpi.kr_forecast(okrkpi.key_result, float8, timestamptz, timestamptz) IS 'the least-squares line of value over time, evaluated at the latest row''s deadline and scored against its key result; NULL with fewer than two distinct times; key results of different units are refused';
COMMENT ON FUNCTION okrkpi.quarter_target(float8, float8, int) IS 'actual + (annual_target - actual) / quarters_left: the next quarter''s target on a straight line to the annual target, always between actual and annual_target';
