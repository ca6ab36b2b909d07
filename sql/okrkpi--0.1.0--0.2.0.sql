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
