-- okrkpi_reader: a role that can read okrkpi's dashboard views and the plan
-- tables they read, and write nothing (no override log, no roll-forward).
-- The views run with the reader's rights (security_invoker), so row-level
-- security on the plan tables applies to dashboards too; hence the SELECT on
-- the tables.  Run as a superuser or the extension's owner, after CREATE
-- EXTENSION okrkpi; safe to run again.
-- Then give dashboards a login role in it, for example:
--   CREATE ROLE grafana LOGIN PASSWORD '...' IN ROLE okrkpi_reader;
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = 'okrkpi_reader') THEN
        CREATE ROLE okrkpi_reader NOLOGIN;
    END IF;
END
$$;
COMMENT ON ROLE okrkpi_reader IS 'reads the okrkpi dashboard views (scoreboard, objective_scores, kpi_board, score_history, objective_tree, check_in_history, quarters, kpi_year) and the plan tables they read, under their row-level security; writes nothing';
GRANT USAGE ON SCHEMA okrkpi TO okrkpi_reader;
GRANT SELECT ON okrkpi.scoreboard, okrkpi.objective_scores, okrkpi.kpi_board, okrkpi.score_history,
                okrkpi.objective_tree, okrkpi.check_in_history, okrkpi.quarters, okrkpi.kpi_year TO okrkpi_reader;
-- what the views read, with the reader's rights (not the override log)
GRANT SELECT ON okrkpi.cycles, okrkpi.metrics, okrkpi.measurements, okrkpi.kpis,
                okrkpi.objectives, okrkpi.key_results, okrkpi.check_ins, okrkpi.fiscal_year TO okrkpi_reader;
