-- Plan-rule triggers for the user's own tables (doc/triggers.md).  Attach with
-- role=column arguments, e.g.
--   CREATE TRIGGER kr_rules BEFORE INSERT OR UPDATE ON sales.goals FOR EACH ROW
--     EXECUTE FUNCTION okrkpi.check_key_result('start=baseline', 'target=goal',
--                                              'objective=objective_id', 'kpi=is_kpi');

CREATE FUNCTION okrkpi.check_key_result() RETURNS trigger
    AS 'MODULE_PATHNAME' LANGUAGE C;
CREATE FUNCTION okrkpi.check_kpi() RETURNS trigger
    AS 'MODULE_PATHNAME' LANGUAGE C;

COMMENT ON FUNCTION okrkpi.check_key_result() IS 'BEFORE INSERT OR UPDATE row trigger: kr=COL or start=COL and target=COL (present, finite, different; start frozen and direction fixed on UPDATE), objective=COL [max=N] (at most N key results per objective, default okrkpi.max_key_results), kpi=COL (a milestone key result is never a KPI)';
COMMENT ON FUNCTION okrkpi.check_kpi() IS 'BEFORE INSERT OR UPDATE OR DELETE row trigger: kpi=COL (present), plan=COL [max=N] (at most N KPIs per plan or table, default okrkpi.max_kpis), since=COL (no deletion or threshold change within a year unless okrkpi.override_reason is set)';

-- The limits in force.  A C function, so that calling it loads the library
-- and with it the settings' definitions and defaults.
CREATE FUNCTION okrkpi.plan_limits(OUT max_key_results integer, OUT max_kpis integer)
    AS 'MODULE_PATHNAME' LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION okrkpi.plan_limits() IS 'the limits the triggers enforce when they have no max= argument: the settings okrkpi.max_key_results and okrkpi.max_kpis';
