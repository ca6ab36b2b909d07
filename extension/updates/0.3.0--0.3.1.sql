-- okrkpi 0.3.0 -> 0.3.1: every SQL change since 0.3.0.  The Makefile
-- assembles okrkpi--0.3.0--0.3.1.sql from this file: each --@include or
-- --@replace line stands for a definition written once, in the install parts
-- (extension/README.md).  test/update proves that a database updated from
-- 0.3.0, or from 0.1.0 or 0.2.0 through it, ends with the same objects and
-- definitions as a fresh CREATE EXTENSION okrkpi.

\echo Use "ALTER EXTENSION okrkpi UPDATE TO '0.3.1'" to load this file. \quit
