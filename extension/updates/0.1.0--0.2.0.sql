-- okrkpi 0.1.0 -> 0.2.0: every SQL change since 0.1.0.  The Makefile
-- assembles okrkpi--0.1.0--0.2.0.sql from this file: each --@include or
-- --@replace line stands for a definition written once, in the install parts
-- (extension/README.md).  A database updated with ALTER EXTENSION okrkpi
-- UPDATE ends with the same objects and definitions as a fresh CREATE
-- EXTENSION okrkpi (test/update proves it).
--
-- CREATE OR REPLACE (--@replace) appears here only for objects that 0.1.0
-- created: PostgreSQL refuses to replace an object that is not already a
-- member of the extension, so it cannot capture anything else.

\echo Use "ALTER EXTENSION okrkpi UPDATE TO '0.2.0'" to load this file. \quit

-- Aggregate support functions follow one pattern, <state type>_transfn,
-- _combine and _final, and carry the name of their C symbol.  The aggregates
-- refer to them by OID, so renaming keeps them working; the C symbol each
-- points to changes with CREATE OR REPLACE (the library still exports the
-- old symbols for databases not yet updated).
ALTER FUNCTION okrkpi.latest_transfn(okrkpi.latest_state, float8, timestamptz) RENAME TO latest_state_transfn;
ALTER FUNCTION okrkpi.latest_combine(okrkpi.latest_state, okrkpi.latest_state) RENAME TO latest_state_combine;
ALTER FUNCTION okrkpi.latest_final(okrkpi.latest_state) RENAME TO latest_state_final;
ALTER FUNCTION okrkpi.kr_score_transfn(okrkpi.kr_state, okrkpi.key_result, float8, timestamptz) RENAME TO kr_state_transfn;
ALTER FUNCTION okrkpi.kpi_health_transfn(okrkpi.kpi_state, okrkpi.kpi, float8, timestamptz) RENAME TO kpi_state_transfn;
ALTER FUNCTION okrkpi.kpi_state_health(okrkpi.kpi_state) RENAME TO kpi_state_final;
ALTER FUNCTION okrkpi.mean_transfn(okrkpi.mean_state, float8) RENAME TO mean_state_transfn;
ALTER FUNCTION okrkpi.mean_weighted_transfn(okrkpi.mean_state, float8, float8) RENAME TO mean_state_weighted_transfn;
ALTER FUNCTION okrkpi.mean_combine(okrkpi.mean_state, okrkpi.mean_state) RENAME TO mean_state_combine;
ALTER FUNCTION okrkpi.mean_final(okrkpi.mean_state) RENAME TO mean_state_final;
ALTER FUNCTION okrkpi.rate_transfn(okrkpi.rate_state, okrkpi.kpi, float8) RENAME TO rate_state_transfn;
ALTER FUNCTION okrkpi.rate_combine(okrkpi.rate_state, okrkpi.rate_state) RENAME TO rate_state_combine;
ALTER FUNCTION okrkpi.rate_final(okrkpi.rate_state) RENAME TO rate_state_final;
ALTER FUNCTION okrkpi.forecast_transfn(okrkpi.forecast_state, okrkpi.key_result, float8, timestamptz, timestamptz) RENAME TO forecast_state_transfn;
ALTER FUNCTION okrkpi.forecast_combine(okrkpi.forecast_state, okrkpi.forecast_state) RENAME TO forecast_state_combine;
ALTER FUNCTION okrkpi.forecast_final(okrkpi.forecast_state) RENAME TO forecast_state_final;
--@replace aggregate_support

-- The limits in force, read by lint() (new in 0.2.0).
--@include plan_limits

--@include statements
--@include carry_forward_comment

-- Security: overrides only by the tables' owner, recorded by the C trigger
-- that allows them (log=); the override log is append-only; trigger columns
-- cannot be renamed or dropped under a trigger; every SQL function pins its
-- search_path.
--@include guard_override_log
--@include column_guard
--@include trigger_comments

DROP TRIGGER log_override ON okrkpi.key_results;
DROP TRIGGER log_override ON okrkpi.kpis;
DROP FUNCTION okrkpi.log_override();
DROP TRIGGER kr_rules ON okrkpi.key_results;
DROP TRIGGER kpi_rules ON okrkpi.kpis;
--@include plan_table_triggers

--@replace roll_forward

--@replace close_cycle

--@include schema
--@replace period

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
--@include mean_state_comment
--@include objective_score_comments
--@include kr_forecast_comment
--@include quarter_target_comment

-- Embedded plan: objectives align in a weighted tree (cycles refused),
-- key results may go without a title (their statement shows instead), and
-- check-ins record a value, a confidence and a note.
ALTER TABLE okrkpi.objectives ADD COLUMN weight float8 NOT NULL DEFAULT 1 CHECK (weight >= 0 AND weight < 'Infinity');
--@include objectives_parent_index
ALTER TABLE okrkpi.key_results ALTER COLUMN title DROP NOT NULL;
ALTER TABLE okrkpi.key_results ADD CONSTRAINT key_results_title_or_metric CHECK (title IS NOT NULL OR metric_id IS NOT NULL);
--@include check_ins
--@include weight_and_title_comments
--@include check_ins_dump

--@include check_alignment

-- Views: cost by key results and time window, not by history kept; new
-- columns at the end; new views for check-ins and the alignment tree.
--@replace scoreboard
--@replace objective_scores
--@replace kpi_board
--@replace score_history
--@include check_in_history
--@include objective_tree
--@include quarters

-- lint(): limits from the settings, immune to search_path, staleness judged at
-- the end of the latest planned quarter, the check-in rule (needs check_ins).
--@replace lint
