-- Common prologue for every okrkpi pgTAP file (run by pg_prove through psql).
\set ON_ERROR_STOP 1
\set QUIET 1
\pset format unaligned
\pset tuples_only true
\pset pager off
BEGIN;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION IF NOT EXISTS okrkpi;
SET search_path = okrkpi, public;
