-- okrkpi 0.2.0 -> 0.3.0: every SQL change since 0.2.0.  The Makefile
-- assembles okrkpi--0.2.0--0.3.0.sql from this file: each --@include or
-- --@replace line stands for a definition written once, in the install parts
-- (extension/README.md).  test/update proves that a database updated from
-- 0.2.0, or from 0.1.0 through 0.2.0, ends with the same objects and
-- definitions as a fresh CREATE EXTENSION okrkpi.

\echo Use "ALTER EXTENSION okrkpi UPDATE TO '0.3.0'" to load this file. \quit

-- 0.3.0 changes no SQL object yet: this step moves the version only.

-- The column guard (issue 18, items 1 and 2): no ddl_command_start trigger
-- any more (it locked before PostgreSQL's permission check and kept a list
-- across DETACH PARTITION CONCURRENTLY's commit); the plan-rule triggers
-- depend on the columns they name in pg_depend, recorded here once for the
-- triggers that exist.  The event trigger is made again for its new tags.
DROP EVENT TRIGGER IF EXISTS okrkpi_trigger_columns_start;
DROP EVENT TRIGGER IF EXISTS okrkpi_trigger_columns;
--@replace column_guard
CREATE FUNCTION okrkpi.record_trigger_columns() RETURNS integer
    AS 'MODULE_PATHNAME' LANGUAGE C;
SELECT okrkpi.record_trigger_columns();
DROP FUNCTION okrkpi.record_trigger_columns();
