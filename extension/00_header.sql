-- okrkpi: OKR and KPI types, scoring and plan rules for PostgreSQL.
-- This script is assembled by the Makefile from the files in extension/.

\echo Use "CREATE EXTENSION okrkpi" to load this file. \quit
