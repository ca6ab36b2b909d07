-- Plan-rule triggers for the user's own tables (doc/triggers.md).  Attach with
-- role=column arguments, e.g.
--   CREATE TRIGGER kr_rules BEFORE INSERT OR UPDATE ON sales.goals FOR EACH ROW
--     EXECUTE FUNCTION okrkpi.check_key_result('kr=plan', 'objective=objective_id',
--                                              'kpi=is_kpi');
-- The arguments are checked when the trigger is created (the event trigger
-- below), as at its first firing.

CREATE FUNCTION okrkpi.check_key_result() RETURNS trigger
    AS 'MODULE_PATHNAME' LANGUAGE C;
CREATE FUNCTION okrkpi.check_kpi() RETURNS trigger
    AS 'MODULE_PATHNAME' LANGUAGE C;

--@define trigger_comments
COMMENT ON FUNCTION okrkpi.check_key_result() IS 'BEFORE INSERT OR UPDATE row trigger: kr=COL or start=COL and target=COL (present, finite, different; start frozen and direction fixed on UPDATE), objective=COL [max=N] (at most N key results per objective, default okrkpi.max_key_results), kpi=COL (with kr=: a milestone key result is never a KPI), log=TABLE (where overrides are recorded)';
COMMENT ON FUNCTION okrkpi.check_kpi() IS 'BEFORE INSERT OR UPDATE OR DELETE row trigger: kpi=COL (present), plan=COL [max=N] (at most N KPIs per plan or table, default okrkpi.max_kpis), since=COL (no deletion or threshold change within a year, counted in UTC, unless the table''s owner overrides), retired=COL (date or timestamptz, the row trigger firing on INSERT and UPDATE of it: set once the year is over, never after the current time; a retired KPI is not counted by the limit, is kept as it was, its plan included, and may be deleted), frozen=COL (repeatable: a column kept like the threshold in that year), log=TABLE (where overrides are recorded); also BEFORE TRUNCATE statement trigger with kpi=, since=, retired=, log=: no TRUNCATE while a KPI that is not retired is younger than a year';
--@end

-- Overrides are recorded in the table a trigger's log= argument names; this
-- guard keeps such a table append-only for everyone but okrkpi's logging.
--@define guard_override_log
CREATE FUNCTION okrkpi.guard_override_log() RETURNS trigger
    AS 'MODULE_PATHNAME' LANGUAGE C;
COMMENT ON FUNCTION okrkpi.guard_override_log() IS 'BEFORE INSERT OR UPDATE OR DELETE (row) and BEFORE TRUNCATE (statement) trigger for an override log table: only okrkpi''s override logging (and superusers) may write it';
--@end

-- The triggers name columns in their arguments, which PostgreSQL does not
-- track: at the end of the DDL that creates such a trigger, record a
-- dependency of the trigger on each named column (PostgreSQL then refuses to
-- drop it), and refuse to rename such a column (doc/triggers.md).
--@define column_guard
CREATE FUNCTION okrkpi.check_trigger_columns() RETURNS event_trigger
    AS 'MODULE_PATHNAME' LANGUAGE C;
COMMENT ON FUNCTION okrkpi.check_trigger_columns() IS 'event trigger at the end of CREATE TRIGGER, CREATE TABLE, CREATE FOREIGN TABLE, ALTER TABLE and ALTER FOREIGN TABLE: checks a new plan-rule trigger (check_key_result, check_kpi, keep_closed_cycles, keep_key_result_history) as its first firing would (what it fires on, its arguments), records a dependency of each such trigger on the columns it names (so that dropping one is refused), and refuses to rename a column such a trigger names';
CREATE EVENT TRIGGER okrkpi_trigger_columns ON ddl_command_end
    WHEN TAG IN ('CREATE TRIGGER', 'CREATE TABLE', 'CREATE FOREIGN TABLE', 'ALTER TABLE', 'ALTER FOREIGN TABLE')
    EXECUTE FUNCTION okrkpi.check_trigger_columns();
COMMENT ON EVENT TRIGGER okrkpi_trigger_columns IS 'keeps the columns named by okrkpi''s plan-rule triggers from being dropped (a pg_depend dependency of the trigger on each) or renamed under them';
--@end

-- The limits in force.  A C function, so that calling it loads the library
-- and with it the settings' definitions and defaults.
--@define plan_limits
CREATE FUNCTION okrkpi.plan_limits(OUT max_key_results integer, OUT max_kpis integer)
    AS 'MODULE_PATHNAME' LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION okrkpi.plan_limits() IS 'the limits the triggers enforce when they have no max= argument: the settings okrkpi.max_key_results and okrkpi.max_kpis';
--@end
