-- okrkpi 0.2.0 -> 0.3.0: every SQL change since 0.2.0.  The Makefile
-- assembles okrkpi--0.2.0--0.3.0.sql from this file: each --@include or
-- --@replace line stands for a definition written once, in the install parts
-- (extension/README.md).  test/update proves that a database updated from
-- 0.2.0, or from 0.1.0 through 0.2.0, ends with the same objects and
-- definitions as a fresh CREATE EXTENSION okrkpi.

\echo Use "ALTER EXTENSION okrkpi UPDATE TO '0.3.0'" to load this file. \quit

-- 0.3.0 changes no SQL object yet: this step moves the version only.

-- TRUNCATE of okrkpi.kpis is guarded as DELETE is: refused while a KPI is younger than a year
--@include kpi_truncate_trigger
--@include trigger_comments

-- A young KPI's annual target, target date and metric are frozen like its threshold (frozen=)
DROP TRIGGER kr_rules ON okrkpi.key_results;
DROP TRIGGER kpi_rules ON okrkpi.kpis;
DROP TRIGGER guard ON okrkpi.overrides;
DROP TRIGGER guard_truncate ON okrkpi.overrides;
--@include plan_table_triggers

-- A key result with a history is deleted (or truncated) only under a logged override; an objective only once those are gone
--@include key_result_history
