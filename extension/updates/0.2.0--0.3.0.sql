-- okrkpi 0.2.0 -> 0.3.0: every SQL change since 0.2.0.  The Makefile
-- assembles okrkpi--0.2.0--0.3.0.sql from this file: each --@include or
-- --@replace line stands for a definition written once, in the install parts
-- (extension/README.md).  test/update proves that a database updated from
-- 0.2.0, or from 0.1.0 through 0.2.0, ends with the same objects and
-- definitions as a fresh CREATE EXTENSION okrkpi.

\echo Use "ALTER EXTENSION okrkpi UPDATE TO '0.3.0'" to load this file. \quit

-- Weights: 0 or from 1e-6 to 1e6, so that no dashboard view fails on a row the
-- tables accept (1e308 overflowed objective_tree, 1e-310 broke objective_scores).
-- The constraints keep the names a fresh install gives them; rows outside the
-- range stop the update with a hint rather than being changed behind the
-- planner's back.
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM okrkpi.objectives o
               WHERE NOT (o.weight OPERATOR(pg_catalog.=) 0
                          OR (o.weight OPERATOR(pg_catalog.>=) '1e-6' AND o.weight OPERATOR(pg_catalog.<=) '1e6')))
       OR EXISTS (SELECT 1 FROM okrkpi.key_results r
                  WHERE NOT (r.weight OPERATOR(pg_catalog.=) 0
                             OR (r.weight OPERATOR(pg_catalog.>=) '1e-6' AND r.weight OPERATOR(pg_catalog.<=) '1e6'))) THEN
        RAISE EXCEPTION 'okrkpi 0.3.0 bounds weights to 0 or 1e-6 to 1e6, and some rows lie outside'
            USING ERRCODE = 'check_violation',
                  HINT = 'Set the weights of okrkpi.objectives and okrkpi.key_results outside that range to values within it (scaling all weights of an objective alike keeps its scores), then update again.';
    END IF;
END
$$;
ALTER TABLE okrkpi.objectives DROP CONSTRAINT objectives_weight_check,
    ADD CONSTRAINT objectives_weight_check CHECK (weight = 0 OR (weight >= '1e-6' AND weight <= '1e6'));
ALTER TABLE okrkpi.key_results DROP CONSTRAINT key_results_weight_check,
    ADD CONSTRAINT key_results_weight_check CHECK (weight = 0 OR (weight >= '1e-6' AND weight <= '1e6'));
--@include weight_and_title_comments

-- Names and titles that are empty or white space only are refused (they named
-- nothing, and a blank metric name broke every view that states a key
-- result), and so is a metric frequency of 'infinity' (it broke lint).  A 0.2.0 database may hold such rows: the constraints are added
-- NOT VALID, then validated where no row breaks them; where some do, a warning
-- says which (an extension script's notices are not shown), and the constraint
-- checks new rows only until they are fixed.
ALTER TABLE okrkpi.metrics ADD CONSTRAINT metrics_frequency_finite CHECK (isfinite(frequency)) NOT VALID;
ALTER TABLE okrkpi.metrics ADD CONSTRAINT metrics_name_not_blank CHECK (btrim(name, E' \t\n\r\f\v') <> '') NOT VALID;
ALTER TABLE okrkpi.kpis ADD CONSTRAINT kpis_title_not_blank CHECK (btrim(title, E' \t\n\r\f\v') <> '') NOT VALID;
ALTER TABLE okrkpi.objectives ADD CONSTRAINT objectives_title_not_blank CHECK (btrim(title, E' \t\n\r\f\v') <> '') NOT VALID;
ALTER TABLE okrkpi.key_results ADD CONSTRAINT key_results_title_not_blank CHECK (btrim(title, E' \t\n\r\f\v') <> '') NOT VALID;
DO $$
DECLARE
    c record;
    blank bigint;
BEGIN
    FOR c IN SELECT * FROM (VALUES ('metrics', 'metrics_name_not_blank', 'name', 'a name that is empty or white space only', 'a name'),
                                   ('metrics', 'metrics_frequency_finite', 'frequency', 'an infinite frequency', 'a finite frequency'),
                                   ('kpis', 'kpis_title_not_blank', 'title', 'a title that is empty or white space only', 'a title'),
                                   ('objectives', 'objectives_title_not_blank', 'title', 'a title that is empty or white space only', 'a title'),
                                   ('key_results', 'key_results_title_not_blank', 'title', 'a title that is empty or white space only', 'a title (or NULL)'))
                            v (tab, con, col, what, fix)
    LOOP
        EXECUTE format(CASE WHEN c.col OPERATOR(pg_catalog.=) 'frequency'
                            THEN 'SELECT count(*) FROM okrkpi.%I WHERE NOT pg_catalog.isfinite(%I)'
                            ELSE 'SELECT count(*) FROM okrkpi.%I WHERE pg_catalog.btrim(%I, E'' \t\n\r\f\v'') OPERATOR(pg_catalog.=) '''''
                       END, c.tab, c.col) INTO blank;
        IF blank OPERATOR(pg_catalog.=) 0 THEN
            EXECUTE format('ALTER TABLE okrkpi.%I VALIDATE CONSTRAINT %I', c.tab, c.con);
        ELSE
            RAISE WARNING '% row(s) of okrkpi.% have %: constraint % checks new rows only',
                blank, c.tab, c.what, c.con
                USING HINT = format('Give those rows %s, then run ALTER TABLE okrkpi.%s VALIDATE CONSTRAINT %s.', c.fix, c.tab, c.con);
        END IF;
    END LOOP;
END
$$;
--@include not_blank_comments

-- Views run with the rights of the role that reads them (security_invoker), so
-- row-level security on the plan tables applies through them.  0.1.0 databases
-- got the option from the view texts 0.1.0--0.2.0 includes; this sets it on
-- 0.2.0 ones (and again, harmlessly, on the others).
ALTER VIEW okrkpi.scoreboard SET (security_invoker = true);
ALTER VIEW okrkpi.objective_scores SET (security_invoker = true);
ALTER VIEW okrkpi.kpi_board SET (security_invoker = true);
ALTER VIEW okrkpi.score_history SET (security_invoker = true);
ALTER VIEW okrkpi.check_in_history SET (security_invoker = true);
ALTER VIEW okrkpi.objective_tree SET (security_invoker = true);
ALTER VIEW okrkpi.quarters SET (security_invoker = true);

-- The column guard: no ddl_command_start trigger
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

-- check_key_result's kpi= needs kr= (only a key_result value tells a
-- milestone): 0.3.0 refuses kpi= without kr= at CREATE TRIGGER, and such a
-- trigger 0.2.0 created still fires with kpi= ignored, as it always was.  But
-- a dump of it no longer restores: each one is named, to be made again
-- without kpi=.  The arguments are read from pg_trigger.tgargs (each one
-- ended by a zero byte), each role trimmed of the white space C's isspace()
-- trims; a partition's clone goes with the trigger it was cloned from.
DO $$
DECLARE
    trig record;
    rest pg_catalog.bytea;
    nul integer;
    roles pg_catalog.text[];
    blank CONSTANT text := E' \t\n\r\f' OPERATOR(pg_catalog.||) pg_catalog.chr(11);
BEGIN
    FOR trig IN
        SELECT n.nspname, c.relname, t.tgname, t.tgargs
        FROM pg_catalog.pg_trigger t
        JOIN pg_catalog.pg_class c ON c.oid OPERATOR(pg_catalog.=) t.tgrelid
        JOIN pg_catalog.pg_namespace n ON n.oid OPERATOR(pg_catalog.=) c.relnamespace
        WHERE t.tgfoid OPERATOR(pg_catalog.=) 'okrkpi.check_key_result()'::pg_catalog.regprocedure
          AND t.tgparentid OPERATOR(pg_catalog.=) 0
        ORDER BY n.nspname, c.relname, t.tgname
    LOOP
        roles := '{}';
        rest := trig.tgargs;
        WHILE pg_catalog.length(rest) OPERATOR(pg_catalog.>) 0 LOOP
            nul := pg_catalog.position(rest, '\x00'::pg_catalog.bytea);
            EXIT WHEN nul OPERATOR(pg_catalog.=) 0;
            -- the role: before the first '=' (escape form keeps ASCII as it is)
            roles := roles OPERATOR(pg_catalog.||) pg_catalog.btrim(
                pg_catalog.split_part(pg_catalog.encode(pg_catalog.substr(rest, 1, nul OPERATOR(pg_catalog.-) 1), 'escape'), '=', 1),
                blank);
            rest := pg_catalog.substr(rest, nul OPERATOR(pg_catalog.+) 1);
        END LOOP;
        IF 'kpi' OPERATOR(pg_catalog.=) ANY (roles) AND NOT 'kr' OPERATOR(pg_catalog.=) ANY (roles) THEN
            RAISE WARNING 'trigger % on table %.% passes kpi= to check_key_result without kr=',
                pg_catalog.quote_ident(trig.tgname), pg_catalog.quote_ident(trig.nspname),
                pg_catalog.quote_ident(trig.relname)
                USING DETAIL = 'Without kr= the kpi= argument is ignored, as it always was, and the trigger fires as before; but CREATE TRIGGER now refuses it, so a dump of it will not restore.',
                      HINT = 'Drop the trigger and create it again without kpi= (or with kr= naming a key_result column).';
        END IF;
    END LOOP;
END
$$;

-- A KPI is retired (retired_at) once it has been kept a year, and frees its
-- slot; the column comes before the triggers that name it
ALTER TABLE okrkpi.kpis ADD COLUMN retired_at timestamptz;
--@include kpis_retired_at_comment

-- TRUNCATE of okrkpi.kpis is guarded as DELETE is: refused while a KPI is younger than a year
--@include kpi_truncate_trigger
--@include trigger_comments

-- A young KPI's annual target, target date and metric are frozen like its
-- threshold (frozen=); the override log's comment says it records the row's
-- key and the guarded columns only
DROP TRIGGER kr_rules ON okrkpi.key_results;
DROP TRIGGER kpi_rules ON okrkpi.kpis;
DROP TRIGGER guard ON okrkpi.overrides;
DROP TRIGGER guard_truncate ON okrkpi.overrides;
--@include plan_table_triggers


-- Fiscal years: a quarter's days, expected progress and status for a fiscal year starting in any month
--@include fiscal_quarter_days
--@include fiscal_scoring

-- status: achieved or missed once the period has ended; tidy() for scores
-- shown to people; int + quarter, min(quarter) and max(quarter)
ALTER TYPE okrkpi.kr_status ADD VALUE 'missed' BEFORE 'off_track';
--@include status_comments
--@include tidy
--@include int_pl_quarter
--@include quarter_min_max

-- carry_forward rounds each end in the unit the plan was written in; titles that
-- state their plan are checked, and restated with the next quarter's numbers
--@include carry_forward_comment
--@include titles
--@include statement_or_null

-- Annual objectives and fiscal years: an objective belongs to a quarter or to
-- a fiscal year; the plan declares its fiscal year once (okrkpi.fiscal_year).
ALTER TABLE okrkpi.objectives ALTER COLUMN quarter DROP NOT NULL,
    ADD COLUMN fiscal_year integer,
    ADD CONSTRAINT objectives_one_cycle CHECK ((quarter IS NULL) <> (fiscal_year IS NULL)),
    ADD CONSTRAINT objectives_fiscal_year_check CHECK (fiscal_year >= 1 AND fiscal_year <= 9999);
--@include objectives_fiscal_year_index
--@include objectives_comment
--@include fiscal_year
--@include fiscal_year_dump
--@include cycle_days

-- A key result with a history (in its fiscal quarter or year) is deleted (or
-- truncated) only under a logged override; an objective only once those are gone
--@include key_result_history

-- Alignment stays inside a cycle.  Before 0.3.0 a carried objective kept its
-- parent in the quarter it came from, so closing a quarter rewrote that
-- quarter's tree; each such parent is rebuilt in the child's own quarter
-- (reusing a copy the roll-forward made, or copying it with its ancestors),
-- and reported.
--@include carry_objective
DO $$
DECLARE
    child record;
    copy_id bigint;
    ancestor bigint;
    seen bigint[];
BEGIN
    FOR child IN
        SELECT c.id, c.quarter, c.parent_id, p.quarter AS parent_quarter
        FROM okrkpi.objectives c JOIN okrkpi.objectives p ON p.id = c.parent_id
        WHERE c.quarter OPERATOR(pg_catalog.<>) p.quarter
        ORDER BY c.quarter, c.id
    LOOP
        copy_id := okrkpi.carry_objective(child.parent_id, child.quarter);
        -- a copy aligned (through its ancestors) under this very child would close a loop
        ancestor := copy_id;
        seen := '{}';
        WHILE ancestor IS NOT NULL AND ancestor OPERATOR(pg_catalog.<>) child.id
              AND NOT ancestor OPERATOR(pg_catalog.=) ANY (seen) LOOP
            seen := seen OPERATOR(pg_catalog.||) ancestor;
            SELECT o.parent_id INTO ancestor FROM okrkpi.objectives o WHERE o.id = ancestor;
        END LOOP;
        IF ancestor OPERATOR(pg_catalog.=) child.id THEN
            UPDATE okrkpi.objectives SET parent_id = NULL WHERE id = child.id;
            RAISE NOTICE 'objective % of % was aligned under objective % of %, whose copy in % is aligned under it; it is no longer aligned',
                child.id, child.quarter, child.parent_id, child.parent_quarter, child.quarter;
        ELSE
            UPDATE okrkpi.objectives SET parent_id = copy_id WHERE id = child.id;
            RAISE NOTICE 'objective % of % was aligned under objective % of %; it now aligns under objective %, its copy in %',
                child.id, child.quarter, child.parent_id, child.parent_quarter, copy_id, child.quarter;
        END IF;
    END LOOP;
END
$$;
DROP TRIGGER check_alignment ON okrkpi.objectives;
--@replace check_alignment
--@include check_alignment_trigger

-- Quarters close in order; the roll-forward reads the scoreboard's current
-- value, keeps titles' words and carries a child objective's ancestors.
-- Quarters already out of order are reported, not changed.
DO $$
DECLARE
    open_quarter okrkpi.quarter;
    closed_quarter okrkpi.quarter;
BEGIN
    SELECT c.quarter INTO open_quarter FROM okrkpi.cycles c WHERE c.closed_at IS NULL
    ORDER BY c.quarter LIMIT 1;
    SELECT c.quarter INTO closed_quarter FROM okrkpi.cycles c WHERE c.closed_at IS NOT NULL
    ORDER BY c.quarter DESC LIMIT 1;
    IF open_quarter OPERATOR(pg_catalog.<) closed_quarter THEN
        RAISE WARNING 'quarter % is open while the later quarter % is closed', open_quarter, closed_quarter
            USING HINT = 'Quarters now close in order: close the earlier quarters, or reopen the later ones, before closing another.';
    END IF;
END
$$;
--@include cycle_order
--@replace roll_forward

-- The views read each cycle's days under the fiscal year; annual objectives
-- score over their fiscal year; a KPI is followed through its year.
-- The scoreboard's measured and measured_at become current_source and
-- current_at (a column cannot change its name or type in place): the view,
-- and objective_scores and 0.2.0's objective_tree, which read it, are made
-- again.  Grants on them are lost with them; a warning names them.
DO $$
DECLARE
    lost text;
BEGIN
    -- grants on the views and on their columns
    SELECT pg_catalog.string_agg(DISTINCT pg_catalog.format('%s%s ON okrkpi.%s TO %s', a.privilege_type,
                                 CASE WHEN g.column_name IS NOT NULL THEN pg_catalog.format(' (%I)', g.column_name) END,
                                 c.relname,
                                 CASE WHEN a.grantee OPERATOR(pg_catalog.=) 0 THEN 'PUBLIC'
                                      ELSE a.grantee::regrole::text END), ', ')
    INTO lost
    FROM pg_catalog.pg_class c
    CROSS JOIN LATERAL (
        SELECT NULL::name AS column_name, c.relacl AS acl
        UNION ALL
        SELECT at.attname, at.attacl FROM pg_catalog.pg_attribute at
        WHERE at.attrelid OPERATOR(pg_catalog.=) c.oid AND at.attnum OPERATOR(pg_catalog.>) 0 AND at.attacl IS NOT NULL
    ) g
    CROSS JOIN LATERAL pg_catalog.aclexplode(g.acl) a
    WHERE c.oid OPERATOR(pg_catalog.=) ANY (ARRAY['okrkpi.scoreboard'::regclass, 'okrkpi.objective_scores'::regclass,
                                                    'okrkpi.objective_tree'::regclass])
      AND a.grantee OPERATOR(pg_catalog.<>) c.relowner;
    IF lost IS NOT NULL THEN
        RAISE WARNING 'okrkpi.scoreboard, okrkpi.objective_scores and okrkpi.objective_tree are made again, without their grants: %', lost
            USING HINT = 'Grant them again; for the dashboards'' role, run dashboards/reader.sql again.';
    END IF;
END
$$;
DROP VIEW okrkpi.objective_scores;
DROP VIEW okrkpi.objective_tree;
DROP VIEW okrkpi.scoreboard;
--@include scoreboard
--@include objective_scores
--@replace score_history
--@replace check_in_history
--@include objective_tree_of
--@include objective_tree
--@include kpi_year
-- kpi_board no longer fails on a measurement within a year of timestamptz's first day,
-- rounds hit_rate through tidy() and leaves retired KPIs out
--@replace kpi_board

-- lint(as_of): findings judged per cycle, with a severity
DROP FUNCTION okrkpi.lint();
--@include frequency_words
--@include lint

-- A closed quarter's (or fiscal year's) objectives, key results and check-ins are history: written only under a logged override
--@include closed_cycle

-- with_current takes the current value in base units (a literal's current value now carries the unit)
COMMENT ON FUNCTION okrkpi.with_current(okrkpi.key_result, float8) IS 'the same key result with this current value, in base units as start_value() gives them (seconds for durations: 7200 is 2h); NULL removes it';
COMMENT ON FUNCTION okrkpi.with_current(okrkpi.kpi, float8) IS 'the same kpi with this current value, in base units as lower_bound() gives them (seconds for durations: 7200 is 2h); NULL removes it';
