-- okrkpi 0.1.0 -> 0.2.0: every SQL change since 0.1.0, in the order made.
-- A database updated with ALTER EXTENSION okrkpi UPDATE ends with the same
-- objects and definitions as a fresh CREATE EXTENSION okrkpi (test/update
-- proves it).
--
-- CREATE OR REPLACE appears here only for functions that 0.1.0 created:
-- PostgreSQL refuses to replace an object that is not already a member of
-- the extension, so it cannot capture anything else.

\echo Use "ALTER EXTENSION okrkpi UPDATE TO '0.2.0'" to load this file. \quit
