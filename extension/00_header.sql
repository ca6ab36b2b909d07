-- okrkpi: OKR and KPI types, scoring and plan rules for PostgreSQL.
-- This script is assembled by the Makefile from the files in extension/.

\echo Use "CREATE EXTENSION okrkpi" to load this file. \quit

-- Every role may use okrkpi's types, functions, aggregates and triggers in
-- its own tables; the embedded plan's tables stay private to their owner
-- unless granted (doc/plan.md lists the grants a planner and a reader need).
--@define schema
GRANT USAGE ON SCHEMA okrkpi TO PUBLIC;
COMMENT ON SCHEMA okrkpi IS 'okrkpi: OKR and KPI types, scoring, aggregates, plan-rule triggers and the embedded plan';
--@end
