-- The planner role of doc/plan.md ("Privileges"), named by the psql variable
-- planner: writes the plan, owns none of it.
CREATE ROLE :planner;
GRANT USAGE ON SCHEMA okrkpi TO :planner;
GRANT SELECT, INSERT, UPDATE, DELETE ON okrkpi.cycles, okrkpi.metrics, okrkpi.measurements,
      okrkpi.kpis, okrkpi.objectives, okrkpi.key_results, okrkpi.check_ins TO :planner;
GRANT USAGE ON ALL SEQUENCES IN SCHEMA okrkpi TO :planner;
