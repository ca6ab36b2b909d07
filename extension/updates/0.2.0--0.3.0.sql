-- okrkpi 0.2.0 -> 0.3.0: every SQL change since 0.2.0.  The Makefile
-- assembles okrkpi--0.2.0--0.3.0.sql from this file: each --@include or
-- --@replace line stands for a definition written once, in the install parts
-- (extension/README.md).  test/update proves that a database updated from
-- 0.2.0, or from 0.1.0 through 0.2.0, ends with the same objects and
-- definitions as a fresh CREATE EXTENSION okrkpi.

\echo Use "ALTER EXTENSION okrkpi UPDATE TO '0.3.0'" to load this file. \quit

-- 0.3.0 changes no SQL object yet: this step moves the version only.

-- Override rows record the row's key and the guarded columns only, not the
-- whole row (issue 18): the log table's comment says so.
COMMENT ON TABLE okrkpi.overrides IS 'every change made under okrkpi.override_reason, written by the plan-rule trigger that allowed it: who, when, why, the row''s key and the old and new values of the guarded columns; append-only';
