-- okrkpi 0.3.0 -> 0.3.1: every SQL change since 0.3.0.  The Makefile
-- assembles okrkpi--0.3.0--0.3.1.sql from this file: each --@include or
-- --@replace line stands for a definition written once, in the install parts
-- (extension/README.md).  test/update proves that a database updated from
-- 0.3.0, or from 0.1.0 or 0.2.0 through it, ends with the same objects and
-- definitions as a fresh CREATE EXTENSION okrkpi.

\echo Use "ALTER EXTENSION okrkpi UPDATE TO '0.3.1'" to load this file. \quit

-- check_alignment's comment now names the lock order (the statement trigger
-- closing_cycle_wait, below, takes 'okrkpi.cycles order' before any row
-- trigger takes 'okrkpi.objectives alignment', the order a close takes them),
-- and its lock call is schema-qualified.
--@replace check_alignment

-- Objective scores summed in key result order (and the tree's sums in a
-- fixed order too): the same rows always print the same digits.
--@replace objective_scores
--@replace objective_tree_of

-- Writes of a quarter's plan rows wait for a close under way, at statement
-- level, before any row is locked (the library's wait_for_closing_cycles).
--@include wait_for_closing_cycles
