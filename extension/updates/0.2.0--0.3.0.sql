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
COMMENT ON COLUMN okrkpi.objectives.weight IS 'how much this objective counts in its parent''s score (objective_tree): 0 (not at all) or from 1e-6 to 1e6';
COMMENT ON COLUMN okrkpi.key_results.weight IS 'how much this key result counts in its objective''s score: 0 (not at all) or from 1e-6 to 1e6';
COMMENT ON COLUMN okrkpi.key_results.title IS 'the key result''s title; when NULL, views show its statement (okrkpi.statement of its metric and plan)';

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
COMMENT ON CONSTRAINT metrics_frequency_finite ON okrkpi.metrics IS 'a metric''s frequency is a finite interval: lint compares the time since its last measurement with it';
COMMENT ON CONSTRAINT metrics_name_not_blank ON okrkpi.metrics IS 'a metric''s name is not empty or white space only: statements and lint name the metric by it';
COMMENT ON CONSTRAINT kpis_title_not_blank ON okrkpi.kpis IS 'a KPI''s title is not empty or white space only: the KPI board shows it';
COMMENT ON CONSTRAINT objectives_title_not_blank ON okrkpi.objectives IS 'an objective''s title is not empty or white space only: every view shows it';
COMMENT ON CONSTRAINT key_results_title_not_blank ON okrkpi.key_results IS 'a key result''s title is NULL (views show its statement) or not empty or white space only';

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
CREATE OR REPLACE FUNCTION okrkpi.check_trigger_columns() RETURNS event_trigger
    AS 'MODULE_PATHNAME' LANGUAGE C;
COMMENT ON FUNCTION okrkpi.check_trigger_columns() IS 'event trigger at the end of CREATE TRIGGER, CREATE TABLE, CREATE FOREIGN TABLE, ALTER TABLE and ALTER FOREIGN TABLE: checks a new plan-rule trigger (check_key_result, check_kpi, keep_closed_cycles, keep_key_result_history) as its first firing would (what it fires on, its arguments), records a dependency of each such trigger on the columns it names (so that dropping one is refused), and refuses to rename a column such a trigger names';
CREATE EVENT TRIGGER okrkpi_trigger_columns ON ddl_command_end
    WHEN TAG IN ('CREATE TRIGGER', 'CREATE TABLE', 'CREATE FOREIGN TABLE', 'ALTER TABLE', 'ALTER FOREIGN TABLE')
    EXECUTE FUNCTION okrkpi.check_trigger_columns();
COMMENT ON EVENT TRIGGER okrkpi_trigger_columns IS 'keeps the columns named by okrkpi''s plan-rule triggers from being dropped (a pg_depend dependency of the trigger on each) or renamed under them';
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
COMMENT ON COLUMN okrkpi.kpis.retired_at IS 'when the KPI was retired, NULL while it is watched: set once it has been kept a year (since + 1 year, UTC; earlier only under the owner''s logged override), never in the future; a retired KPI frees its slot of okrkpi.max_kpis, is kept as it was, and may be deleted';

-- TRUNCATE of okrkpi.kpis is guarded as DELETE is: refused while a KPI is younger than a year
CREATE TRIGGER kpi_truncate BEFORE TRUNCATE ON okrkpi.kpis FOR EACH STATEMENT
    EXECUTE FUNCTION okrkpi.check_kpi('kpi=threshold', 'since=since', 'retired=retired_at', 'log=okrkpi.overrides');
COMMENT ON TRIGGER kpi_truncate ON okrkpi.kpis IS 'TRUNCATE is refused while a KPI that is not retired is younger than a year, as DELETE is; under an override each young KPI is logged';
COMMENT ON FUNCTION okrkpi.check_key_result() IS 'BEFORE INSERT OR UPDATE row trigger: kr=COL or start=COL and target=COL (present, finite, different; start frozen and direction fixed on UPDATE), objective=COL [max=N] (at most N key results per objective, default okrkpi.max_key_results), kpi=COL (with kr=: a milestone key result is never a KPI), log=TABLE (where overrides are recorded)';
COMMENT ON FUNCTION okrkpi.check_kpi() IS 'BEFORE INSERT OR UPDATE OR DELETE row trigger: kpi=COL (present), plan=COL [max=N] (at most N KPIs per plan or table, default okrkpi.max_kpis), since=COL (no deletion or threshold change within a year, counted in UTC, unless the table''s owner overrides), retired=COL (date or timestamptz, the row trigger firing on INSERT and UPDATE of it: set once the year is over, never after the current time; a retired KPI is not counted by the limit, is kept as it was, its plan included, and may be deleted), frozen=COL (repeatable: a column kept like the threshold in that year), log=TABLE (where overrides are recorded); also BEFORE TRUNCATE statement trigger with kpi=, since=, retired=, log=: no TRUNCATE while a KPI that is not retired is younger than a year';

-- A young KPI's annual target, target date and metric are frozen like its
-- threshold (frozen=); the override log's comment says it records the row's
-- key and the guarded columns only
DROP TRIGGER kr_rules ON okrkpi.key_results;
DROP TRIGGER kpi_rules ON okrkpi.kpis;
DROP TRIGGER guard ON okrkpi.overrides;
DROP TRIGGER guard_truncate ON okrkpi.overrides;
CREATE TRIGGER kr_rules BEFORE INSERT OR UPDATE ON okrkpi.key_results FOR EACH ROW
    EXECUTE FUNCTION okrkpi.check_key_result('kr=plan', 'objective=objective_id', 'kpi=kpi_id',
                                             'log=okrkpi.overrides');
CREATE TRIGGER kpi_rules BEFORE INSERT OR UPDATE OR DELETE ON okrkpi.kpis FOR EACH ROW
    EXECUTE FUNCTION okrkpi.check_kpi('kpi=threshold', 'since=since', 'retired=retired_at', 'frozen=annual_target',
                                      'frozen=target_date', 'frozen=metric_id', 'log=okrkpi.overrides');
CREATE TRIGGER guard BEFORE INSERT OR UPDATE OR DELETE ON okrkpi.overrides FOR EACH ROW
    EXECUTE FUNCTION okrkpi.guard_override_log();
CREATE TRIGGER guard_truncate BEFORE TRUNCATE ON okrkpi.overrides FOR EACH STATEMENT
    EXECUTE FUNCTION okrkpi.guard_override_log();
COMMENT ON TABLE okrkpi.overrides IS 'every change made under okrkpi.override_reason, written by the plan-rule trigger that allowed it: who, when, why, the row''s key and the old and new values of the guarded columns; append-only';


-- Fiscal years: a quarter's days, expected progress and status for a fiscal year starting in any month
CREATE FUNCTION okrkpi.quarter_start(okrkpi.quarter, fiscal_start_month int) RETURNS date
    AS 'MODULE_PATHNAME', 'quarter_start_fiscal' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION okrkpi.quarter_end(okrkpi.quarter, fiscal_start_month int) RETURNS date
    AS 'MODULE_PATHNAME', 'quarter_end_fiscal' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION okrkpi.period(okrkpi.quarter, fiscal_start_month int) RETURNS daterange
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$ SELECT pg_catalog.daterange(okrkpi.quarter_start($1, $2), okrkpi.quarter_end($1, $2), '[)') $$;
COMMENT ON FUNCTION okrkpi.quarter_start(okrkpi.quarter, int) IS 'the first day of the fiscal quarter, for a fiscal year starting in month fiscal_start_month (1-12) and named after the calendar year in which it ends';
COMMENT ON FUNCTION okrkpi.quarter_end(okrkpi.quarter, int) IS 'the first day of the next fiscal quarter (an exclusive end), for a fiscal year starting in month fiscal_start_month (1-12) and named after the calendar year in which it ends';
COMMENT ON FUNCTION okrkpi.period(okrkpi.quarter, int) IS 'the fiscal quarter''s days as a daterange [start, end), for a fiscal year starting in month fiscal_start_month (1-12)';
CREATE FUNCTION okrkpi.expected_progress(period okrkpi.quarter, as_of timestamptz, fiscal_start_month int) RETURNS float8
    AS 'MODULE_PATHNAME', 'expected_progress_quarter_fiscal' LANGUAGE C STABLE STRICT PARALLEL SAFE;
CREATE FUNCTION okrkpi.status(okrkpi.key_result, value float8, period okrkpi.quarter, as_of timestamptz, fiscal_start_month int) RETURNS okrkpi.kr_status
    AS 'MODULE_PATHNAME', 'status_quarter_fiscal' LANGUAGE C STABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION okrkpi.expected_progress(okrkpi.quarter, timestamptz, int) IS 'the elapsed share of the fiscal quarter (fiscal year starting in month fiscal_start_month, 1-12) at as_of, clamped to [0, 1]; STABLE: its days are taken in the session time zone';
COMMENT ON FUNCTION okrkpi.status(okrkpi.key_result, float8, okrkpi.quarter, timestamptz, int) IS 'status against the fiscal quarter''s days (fiscal year starting in month fiscal_start_month, 1-12); STABLE: its days are taken in the session time zone';

-- status: achieved or missed once the period has ended; tidy() for scores
-- shown to people; int + quarter, min(quarter) and max(quarter)
ALTER TYPE okrkpi.kr_status ADD VALUE 'missed' BEFORE 'off_track';
COMMENT ON TYPE okrkpi.kr_status IS 'a key result''s pace against the elapsed share of its period; once the period has ended, achieved or missed';
COMMENT ON FUNCTION okrkpi.status(okrkpi.key_result, float8, tstzrange, timestamptz) IS 'achieved (score 1); once the period has ended (as_of at or past an exclusive end, past an inclusive one as in [a,b]) otherwise missed, NULL value too; before, not_started (NULL value), on_track (score >= expected - 0.1), at_risk (>= expected - 0.3), else off_track';
CREATE FUNCTION okrkpi.tidy(value float8) RETURNS float8
    AS 'MODULE_PATHNAME', 'tidy_float8' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION okrkpi.tidy(float8) IS 'the value rounded to 15 significant digits, as float8 -> numeric -> float8 rounds it: float noise such as 0.7499999999999997 prints 0.75, exact values are unchanged';
CREATE FUNCTION okrkpi.int_pl_quarter(int, okrkpi.quarter) RETURNS okrkpi.quarter
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION okrkpi.int_pl_quarter(int, okrkpi.quarter) IS 'implementation of int + quarter';
CREATE OPERATOR pg_catalog.+ (LEFTARG = int, RIGHTARG = okrkpi.quarter, FUNCTION = okrkpi.int_pl_quarter,
    COMMUTATOR = OPERATOR(pg_catalog.+));
COMMENT ON OPERATOR pg_catalog.+ (int, okrkpi.quarter) IS 'the quarter n quarters later';
CREATE FUNCTION okrkpi.quarter_smaller(okrkpi.quarter, okrkpi.quarter) RETURNS okrkpi.quarter
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION okrkpi.quarter_larger(okrkpi.quarter, okrkpi.quarter) RETURNS okrkpi.quarter
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION okrkpi.quarter_smaller(okrkpi.quarter, okrkpi.quarter) IS 'the earlier of two quarters (min(quarter)''s transition and combine function)';
COMMENT ON FUNCTION okrkpi.quarter_larger(okrkpi.quarter, okrkpi.quarter) IS 'the later of two quarters (max(quarter)''s transition and combine function)';
CREATE AGGREGATE pg_catalog.min(okrkpi.quarter) (
    SFUNC = okrkpi.quarter_smaller, STYPE = okrkpi.quarter,
    COMBINEFUNC = okrkpi.quarter_smaller, SORTOP = OPERATOR(pg_catalog.<),
    PARALLEL = SAFE
);
CREATE AGGREGATE pg_catalog.max(okrkpi.quarter) (
    SFUNC = okrkpi.quarter_larger, STYPE = okrkpi.quarter,
    COMBINEFUNC = okrkpi.quarter_larger, SORTOP = OPERATOR(pg_catalog.>),
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE pg_catalog.min(okrkpi.quarter) IS 'the earliest quarter; NULLs are skipped, no rows give NULL';
COMMENT ON AGGREGATE pg_catalog.max(okrkpi.quarter) IS 'the latest quarter; NULLs are skipped, no rows give NULL';

-- carry_forward rounds each end in the unit the plan was written in; titles that
-- state their plan are checked, and restated with the next quarter's numbers
COMMENT ON FUNCTION okrkpi.carry_forward(okrkpi.key_result, float8, float8, integer) IS 'next quarter''s key result: actual -> quarter_target(actual, annual_target, quarters_left), each end rounded as the old plan''s end is written: to hundredths of the unit it prints in (k, M, B; min, h, d, w), whole milestones, and in plain digits the actual as start and a target with one decimal more than the plan and annual target (money: whole units or cents); rounding never stops, turns or overshoots the plan: carry_forward(''$2M -> $3M'', 2350000, 5e6, 2) is ''$2.35M -> $3.68M''';
CREATE FUNCTION okrkpi.title_states_plan(title text, plan okrkpi.key_result) RETURNS boolean
    AS 'MODULE_PATHNAME', 'title_states_plan' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION okrkpi.restate_title(title text, old_plan okrkpi.key_result, new_plan okrkpi.key_result,
                                     old_quarter okrkpi.quarter, new_quarter okrkpi.quarter) RETURNS text
    AS 'MODULE_PATHNAME', 'restate_title' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION okrkpi.title_states_plan(text, okrkpi.key_result) IS 'whether a title states the plan: NULL when it has no "from <start> to <target>" whose values read, true when one has the plan''s start and target (current value aside; unit too unless the title writes none), false when its numbers say otherwise';
COMMENT ON FUNCTION okrkpi.restate_title(text, okrkpi.key_result, okrkpi.key_result, okrkpi.quarter, okrkpi.quarter) IS 'the title with the start and target that state old_plan replaced by new_plan''s, written in the title''s own units, and references to old_quarter (Q3, Q3 2026, Q3-2026, 2026-Q3, 2026 Q3) moved to new_quarter, a year only where one was written; every other word kept; NULL when the title''s numbers are not old_plan''s; 22023 for a new plan of another unit or direction';
CREATE FUNCTION okrkpi.statement_or_null(metric text, plan okrkpi.key_result) RETURNS text
    AS 'MODULE_PATHNAME', 'statement_or_null' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION okrkpi.statement_or_null(text, okrkpi.key_result) IS 'statement(metric, plan), or NULL where the views show a key result another way: a blank metric name, or one that states a "from <start> to <target>" of its own, as title_states_plan reads one (statement() refuses those)';

-- Annual objectives and fiscal years: an objective belongs to a quarter or to
-- a fiscal year; the plan declares its fiscal year once (okrkpi.fiscal_year).
ALTER TABLE okrkpi.objectives ALTER COLUMN quarter DROP NOT NULL,
    ADD COLUMN fiscal_year integer,
    ADD CONSTRAINT objectives_one_cycle CHECK ((quarter IS NULL) <> (fiscal_year IS NULL)),
    ADD CONSTRAINT objectives_fiscal_year_check CHECK (fiscal_year >= 1 AND fiscal_year <= 9999);
ALTER TABLE okrkpi.objectives ADD CONSTRAINT objectives_fiscal_year_rolled_from_key UNIQUE (fiscal_year, rolled_from);
CREATE INDEX ON okrkpi.objectives (fiscal_year);
COMMENT ON TABLE okrkpi.objectives IS 'qualitative objectives of a quarter, or of a fiscal year (annual objectives); rolled_from points to the objective they were carried from';
-- The fiscal year, declared once for the whole plan: a quarter literal names
-- a fiscal quarter ('2027-Q1' is October to December 2026 when the year
-- starts in October), and every view, lint and the roll-forward read its
-- days through okrkpi.fiscal_start_month().  No row means a calendar year.
CREATE TABLE okrkpi.fiscal_year (
    start_month integer NOT NULL CHECK (start_month >= 1 AND start_month <= 12)
);
CREATE UNIQUE INDEX fiscal_year_one_row ON okrkpi.fiscal_year ((true));
COMMENT ON TABLE okrkpi.fiscal_year IS 'the plan''s fiscal year: at most one row, the month (1 to 12) it starts in; no row is a calendar year; fixed once a quarter is closed';
COMMENT ON COLUMN okrkpi.fiscal_year.start_month IS 'the first month of the fiscal year, 1 (January, a calendar year) to 12; a fiscal year is named after the calendar year it ends in';
CREATE FUNCTION okrkpi.fiscal_start_month() RETURNS integer
    LANGUAGE sql STABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp AS $$
    SELECT coalesce((SELECT f.start_month FROM okrkpi.fiscal_year f), 1)
$$;
COMMENT ON FUNCTION okrkpi.fiscal_start_month() IS 'the first month of the embedded plan''s fiscal year (okrkpi.fiscal_year), 1 when none is declared';
-- Closed quarters are history: the days they covered may not move.
CREATE FUNCTION okrkpi.keep_fiscal_year() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    was integer := 1;
    becomes integer := 1;
    closed okrkpi.quarter;
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        was := okrkpi.fiscal_start_month();
    ELSE
        IF TG_OP <> 'INSERT' THEN was := OLD.start_month; END IF;
        IF TG_OP <> 'DELETE' THEN becomes := NEW.start_month; END IF;
    END IF;
    -- the lock every change of the quarters' order takes (check_cycle_order): a
    -- quarter closing meanwhile is seen here, or sees the new fiscal year
    PERFORM pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtext('okrkpi.cycles order'));
    -- as the tables' owner: row security must not hide a closed quarter from this check
    SELECT c.quarter INTO closed FROM okrkpi.cycles c WHERE c.closed_at IS NOT NULL
    ORDER BY c.quarter DESC LIMIT 1;
    IF was OPERATOR(pg_catalog.<>) becomes AND closed IS NOT NULL THEN
        RAISE EXCEPTION 'the fiscal year cannot change once a quarter is closed'
            USING ERRCODE = 'object_not_in_prerequisite_state',
                  DETAIL = format('Quarter %s is closed: its days would move from a fiscal year starting in month %s to one starting in month %s.',
                                  closed, was, becomes),
                  HINT = 'Declare the fiscal year before closing the first quarter.';
    END IF;
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END
$$;
COMMENT ON FUNCTION okrkpi.keep_fiscal_year() IS 'BEFORE trigger of okrkpi.fiscal_year: the fiscal year''s first month is fixed once a quarter is closed (55000)';
CREATE TRIGGER keep_fiscal_year BEFORE INSERT OR UPDATE OR DELETE ON okrkpi.fiscal_year FOR EACH ROW
    EXECUTE FUNCTION okrkpi.keep_fiscal_year();
CREATE TRIGGER keep_fiscal_year_truncate BEFORE TRUNCATE ON okrkpi.fiscal_year FOR EACH STATEMENT
    EXECUTE FUNCTION okrkpi.keep_fiscal_year();
COMMENT ON TRIGGER keep_fiscal_year ON okrkpi.fiscal_year IS 'the fiscal year is fixed once a quarter is closed';
COMMENT ON TRIGGER keep_fiscal_year_truncate ON okrkpi.fiscal_year IS 'the fiscal year is fixed once a quarter is closed';
COMMENT ON COLUMN okrkpi.objectives.quarter IS 'the quarter of a quarterly objective; NULL for an annual objective';
COMMENT ON COLUMN okrkpi.objectives.fiscal_year IS 'the fiscal year of an annual objective (named after the calendar year it ends in); NULL for a quarterly objective';
SELECT pg_catalog.pg_extension_config_dump('okrkpi.fiscal_year', '');
CREATE FUNCTION okrkpi.cycle_start(quarter okrkpi.quarter, fiscal_year integer, fiscal_start_month integer) RETURNS date
    AS 'MODULE_PATHNAME', 'cycle_start' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
CREATE FUNCTION okrkpi.cycle_end(quarter okrkpi.quarter, fiscal_year integer, fiscal_start_month integer) RETURNS date
    AS 'MODULE_PATHNAME', 'cycle_end' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION okrkpi.cycle_start(okrkpi.quarter, integer, integer) IS 'the first day of a planning cycle: the fiscal quarter when quarter is given, else the fiscal year fiscal_year (named after the calendar year it ends in); NULL without either';
COMMENT ON FUNCTION okrkpi.cycle_end(okrkpi.quarter, integer, integer) IS 'the day after a planning cycle (an exclusive end): of the fiscal quarter when quarter is given, else of the fiscal year fiscal_year; NULL without either';

-- A key result with a history (in its fiscal quarter or year) is deleted (or
-- truncated) only under a logged override; an objective only once those are gone
CREATE FUNCTION okrkpi.key_result_has_history(kr okrkpi.key_results) RETURNS boolean
    LANGUAGE sql STABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp AS $$
    SELECT EXISTS (SELECT 1 FROM okrkpi.check_ins c WHERE c.key_result_id = kr.id)
        OR EXISTS (SELECT 1 FROM okrkpi.objectives o JOIN okrkpi.cycles y ON y.quarter = o.quarter
                   WHERE o.id = kr.objective_id AND y.closed_at IS NOT NULL)
        -- a day either side of its cycle (a fiscal quarter, or an annual objective's fiscal
        -- year): a measurement any session's TimeZone scores it on
        OR EXISTS (SELECT 1 FROM okrkpi.objectives o JOIN okrkpi.measurements m ON m.metric_id = kr.metric_id
                   WHERE o.id = kr.objective_id
                     AND m.at >= (okrkpi.cycle_start(o.quarter, o.fiscal_year, okrkpi.fiscal_start_month()) - 1)::timestamp AT TIME ZONE 'UTC'
                     AND m.at < (okrkpi.cycle_end(o.quarter, o.fiscal_year, okrkpi.fiscal_start_month()) + 1)::timestamp AT TIME ZONE 'UTC')
$$;
COMMENT ON FUNCTION okrkpi.key_result_has_history(okrkpi.key_results) IS 'whether a key result of the embedded plan has a history: check-ins, measurements of its metric in its cycle (its fiscal quarter or fiscal year, a day either side), or a closed quarter; such a key result is deleted only under an override';
CREATE FUNCTION okrkpi.keep_key_result_history() RETURNS trigger
    AS 'MODULE_PATHNAME' LANGUAGE C;
COMMENT ON FUNCTION okrkpi.keep_key_result_history() IS 'BEFORE DELETE row and BEFORE TRUNCATE statement trigger for okrkpi.key_results (kr=, log= as check_key_result): a key result with a history is removed only under the owner''s override, which is logged';
CREATE TRIGGER kr_history BEFORE DELETE ON okrkpi.key_results FOR EACH ROW
    EXECUTE FUNCTION okrkpi.keep_key_result_history('kr=plan', 'log=okrkpi.overrides');
CREATE TRIGGER kr_history_truncate BEFORE TRUNCATE ON okrkpi.key_results FOR EACH STATEMENT
    EXECUTE FUNCTION okrkpi.keep_key_result_history('kr=plan', 'log=okrkpi.overrides');
COMMENT ON TRIGGER kr_history ON okrkpi.key_results IS 'a key result with check-ins, measurements in its quarter or a closed quarter is deleted only under the owner''s override, logged';
COMMENT ON TRIGGER kr_history_truncate ON okrkpi.key_results IS 'TRUNCATE is refused while a key result has a history, as DELETE is; under an override each one is logged';
CREATE FUNCTION okrkpi.keep_objective_history() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    -- as the tables' owner: row security must not hide a key result from this check
    IF EXISTS (SELECT 1 FROM okrkpi.key_results k
               WHERE k.objective_id = OLD.id AND okrkpi.key_result_has_history(k)) THEN
        RAISE EXCEPTION 'an objective whose key results have a history cannot be deleted'
            USING ERRCODE = '23514',
                  DETAIL = 'At least one of its key results has check-ins, or measurements of its metric in its quarter, or its quarter is closed.',
                  HINT = 'Delete those key results first: the table''s owner may do so under okrkpi.override_reason, and each deletion is logged.';
    END IF;
    RETURN OLD;
END
$$;
COMMENT ON FUNCTION okrkpi.keep_objective_history() IS 'BEFORE DELETE row trigger for okrkpi.objectives: refuses while a key result of the objective has a history (okrkpi.key_result_has_history)';
CREATE TRIGGER objective_history BEFORE DELETE ON okrkpi.objectives FOR EACH ROW
    EXECUTE FUNCTION okrkpi.keep_objective_history();
COMMENT ON TRIGGER objective_history ON okrkpi.objectives IS 'an objective goes only once its key results with a history are gone, each under a logged override';

-- Alignment stays inside a cycle.  Before 0.3.0 a carried objective kept its
-- parent in the quarter it came from, so closing a quarter rewrote that
-- quarter's tree; each such parent is rebuilt in the child's own quarter
-- (reusing a copy the roll-forward made, or copying it with its ancestors),
-- and reported.
-- An objective's copy in a later cycle, with its ancestors: alignment never
-- crosses a cycle, so a carried child needs its parent there too.  A
-- quarterly objective is copied into the quarter; an annual one stays what
-- it is inside its fiscal year and is copied into the next fiscal year only
-- when the quarter starts one.  Copies already made (rolled_from) are reused.
CREATE FUNCTION okrkpi.carry_objective(objective_id bigint, into_quarter okrkpi.quarter) RETURNS bigint
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    into_year integer := okrkpi.quarter_year(into_quarter);
    chain bigint[] := '{}';
    current_id bigint := objective_id;
    o record;
    copy_id bigint;
BEGIN
    -- walk up until an ancestor that already lives in the target cycle (or has a copy there)
    LOOP
        SELECT s.id, s.quarter, s.fiscal_year, s.parent_id INTO o
        FROM okrkpi.objectives s WHERE s.id = current_id;
        IF o.quarter = into_quarter OR o.fiscal_year = into_year THEN
            copy_id := o.id;
            EXIT;
        END IF;
        SELECT c.id INTO copy_id FROM okrkpi.objectives c
        WHERE c.rolled_from = current_id
          AND (c.quarter = into_quarter OR (o.fiscal_year IS NOT NULL AND c.fiscal_year = into_year));
        EXIT WHEN copy_id IS NOT NULL OR current_id = ANY (chain);
        chain := chain || current_id;
        EXIT WHEN o.parent_id IS NULL;
        current_id := o.parent_id;
    END LOOP;
    -- copy the chain top down, each under the copy of its parent
    FOR i IN REVERSE cardinality(chain) .. 1 LOOP
        INSERT INTO okrkpi.objectives (quarter, fiscal_year, title, parent_id, owner, rolled_from, weight)
        SELECT CASE WHEN s.fiscal_year IS NULL THEN into_quarter END,
               CASE WHEN s.fiscal_year IS NOT NULL THEN into_year END,
               s.title, copy_id, s.owner, s.id, s.weight
        FROM okrkpi.objectives s WHERE s.id = chain[i]
        RETURNING id INTO copy_id;
    END LOOP;
    RETURN copy_id;
END
$$;
COMMENT ON FUNCTION okrkpi.carry_objective(bigint, okrkpi.quarter) IS 'the copy of an objective in a later quarter (or, for an annual objective, in that quarter''s fiscal year), made with its ancestors if missing; used by roll_forward';
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
-- Alignment stays inside a cycle: a quarterly objective aligns under an
-- objective of its own quarter or an annual objective of its fiscal year, an
-- annual objective under an annual objective of its year.  Cycles are
-- refused.  Every change of a parent takes one lock, so two sessions that
-- each make the other's objective their parent queue up, and the second
-- walks the tree as the first committed it (FOR SHARE reads the latest row
-- version in READ COMMITTED, and fails with a serialization error under
-- REPEATABLE READ when a row it reads changed; a child inserted meanwhile is
-- not seen under REPEATABLE READ: doc/plan.md).
CREATE OR REPLACE FUNCTION okrkpi.check_alignment() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    ancestor bigint := NEW.parent_id;
    seen bigint[] := '{}';
    parent record;
    misaligned record;
BEGIN
    PERFORM pg_advisory_xact_lock(pg_catalog.hashtext('okrkpi.objectives alignment'));
    -- the table the trigger fires on: okrkpi.objectives, or on Citus the
    -- placement itself (a reference table's copy holds every row)
    IF TG_OP = 'UPDATE' AND (NEW.quarter IS DISTINCT FROM OLD.quarter OR NEW.fiscal_year IS DISTINCT FROM OLD.fiscal_year) THEN
        EXECUTE format('SELECT c.id, coalesce(c.quarter::text, ''FY'' || c.fiscal_year::text) AS cycle FROM %I.%I c
                        WHERE c.parent_id = $1 AND c.id <> $1
                          AND NOT coalesce(c.quarter = $2, false)
                          AND NOT coalesce($3 = coalesce(c.fiscal_year, okrkpi.quarter_year(c.quarter)), false)
                        ORDER BY c.id LIMIT 1 FOR SHARE', TG_TABLE_SCHEMA, TG_TABLE_NAME)
            INTO misaligned USING NEW.id, NEW.quarter, NEW.fiscal_year;
        IF misaligned.id IS NOT NULL THEN
            RAISE EXCEPTION 'objective % cannot move to %: objective % of % is aligned under it',
                    NEW.id, coalesce(NEW.quarter::text, 'FY' || NEW.fiscal_year::text), misaligned.id, misaligned.cycle
                USING ERRCODE = 'check_violation',
                      DETAIL = 'A quarterly objective aligns under an objective of its own quarter or an annual objective of its fiscal year.',
                      HINT = 'Move or detach the aligned objectives first.',
                      TABLE = TG_TABLE_NAME, SCHEMA = TG_TABLE_SCHEMA, COLUMN = 'quarter';
        END IF;
    END IF;
    IF NEW.parent_id IS NULL THEN
        RETURN NEW;
    END IF;
    EXECUTE format('SELECT p.quarter, p.fiscal_year FROM %I.%I p WHERE p.id = $1 FOR SHARE', TG_TABLE_SCHEMA, TG_TABLE_NAME)
        INTO parent USING NEW.parent_id;
    -- (a NULL comparison is no match: quarter and fiscal_year are each NULL on one kind of objective)
    IF NOT coalesce(NEW.quarter = parent.quarter, false)
       AND NOT coalesce(parent.fiscal_year = coalesce(NEW.fiscal_year, okrkpi.quarter_year(NEW.quarter)), false) THEN
        RAISE EXCEPTION 'objective % of % cannot be aligned under objective % of %', NEW.id,
                coalesce(NEW.quarter::text, 'FY' || NEW.fiscal_year::text), NEW.parent_id,
                coalesce(parent.quarter::text, 'FY' || parent.fiscal_year::text)
            USING ERRCODE = 'check_violation',
                  DETAIL = CASE WHEN NEW.fiscal_year IS NOT NULL
                                THEN 'An annual objective aligns only under an annual objective of its own fiscal year.'
                                ELSE 'A quarterly objective aligns only under an objective of its own quarter or an annual objective of its fiscal year.' END,
                  HINT = 'Align it under the parent''s copy in its own cycle, or make the parent an annual objective (quarter NULL, fiscal_year set).',
                  TABLE = TG_TABLE_NAME, SCHEMA = TG_TABLE_SCHEMA, COLUMN = 'parent_id';
    END IF;
    WHILE ancestor IS NOT NULL LOOP
        IF ancestor = NEW.id THEN
            RAISE EXCEPTION 'objective % cannot be aligned under objective %: that would make a cycle', NEW.id, NEW.parent_id
                USING ERRCODE = 'check_violation',
                      DETAIL = format('Objective %s is already %s.', NEW.parent_id,
                                      CASE WHEN cardinality(seen) = 0 THEN 'this objective' ELSE 'aligned under it' END),
                      HINT = 'Align objectives from the top down: a parent objective is broader than its children.',
                      TABLE = TG_TABLE_NAME, SCHEMA = TG_TABLE_SCHEMA, COLUMN = 'parent_id';
        END IF;
        IF ancestor = ANY (seen) THEN       -- rows written before this rule existed
            RAISE EXCEPTION 'the objectives above objective % already form a cycle', NEW.id
                USING ERRCODE = 'check_violation',
                      HINT = 'Set parent_id to NULL on one of them first.';
        END IF;
        seen := seen || ancestor;
        EXECUTE format('SELECT parent_id FROM %I.%I WHERE id = $1 FOR SHARE', TG_TABLE_SCHEMA, TG_TABLE_NAME)
            INTO ancestor USING ancestor;
    END LOOP;
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION okrkpi.check_alignment() IS 'BEFORE INSERT OR UPDATE OF parent_id, quarter, fiscal_year trigger of objectives: alignment stays inside a cycle (a quarterly objective under its own quarter''s or its fiscal year''s annual objectives, an annual one under its year''s) and makes no cycle (23514), also under concurrent updates';
CREATE TRIGGER check_alignment BEFORE INSERT OR UPDATE OF parent_id, quarter, fiscal_year ON okrkpi.objectives FOR EACH ROW
    EXECUTE FUNCTION okrkpi.check_alignment();

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
-- Quarters close in order, so that a roll-forward never writes into a
-- closed quarter and a quarter is never rolled forward twice: the closed
-- quarters are always the earliest ones.  One lock serializes every change
-- of that order; the rows on either side are locked too, so that REPEATABLE
-- READ fails with a serialization error rather than check a stale order.
CREATE FUNCTION okrkpi.check_cycle_order() RETURNS trigger
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    other okrkpi.quarter;
BEGIN
    IF TG_OP = 'UPDATE' AND NEW.quarter = OLD.quarter
       AND (NEW.closed_at IS NULL) = (OLD.closed_at IS NULL) THEN
        RETURN NEW;
    END IF;
    -- as the table's owner: row security must not hide a quarter from this check
    PERFORM pg_advisory_xact_lock(pg_catalog.hashtext('okrkpi.cycles order'));
    IF NEW.closed_at IS NOT NULL THEN
        PERFORM 1 FROM okrkpi.cycles c WHERE c.quarter < NEW.quarter FOR SHARE;
        SELECT c.quarter INTO other FROM okrkpi.cycles c
        WHERE c.quarter < NEW.quarter AND c.closed_at IS NULL ORDER BY c.quarter LIMIT 1;
        IF other IS NOT NULL THEN
            RAISE EXCEPTION 'quarter % cannot close while quarter % is open', NEW.quarter, other
                USING ERRCODE = 'object_not_in_prerequisite_state',
                      DETAIL = 'Quarters close in order: closing rolls a quarter forward into the next one, which must still be open.',
                      HINT = format('Close quarter %s first.', other::text);
        END IF;
    ELSE
        PERFORM 1 FROM okrkpi.cycles c WHERE c.quarter > NEW.quarter FOR SHARE;
        SELECT c.quarter INTO other FROM okrkpi.cycles c
        WHERE c.quarter > NEW.quarter AND c.closed_at IS NOT NULL ORDER BY c.quarter DESC LIMIT 1;
        IF other IS NOT NULL THEN
            RAISE EXCEPTION 'quarter % cannot be open while the later quarter % is closed', NEW.quarter, other
                USING ERRCODE = 'object_not_in_prerequisite_state',
                      DETAIL = 'Quarters close in order, so the closed quarters are always the earliest ones.',
                      HINT = format('Reopen quarter %s first (UPDATE okrkpi.cycles SET closed_at = NULL), or add this quarter closed.', other::text);
        END IF;
    END IF;
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION okrkpi.check_cycle_order() IS 'BEFORE INSERT OR UPDATE trigger of cycles: a quarter closes only after every earlier one, and none is open after a closed one (55000)';
CREATE TRIGGER cycle_order BEFORE INSERT OR UPDATE OF quarter, closed_at ON okrkpi.cycles FOR EACH ROW
    EXECUTE FUNCTION okrkpi.check_cycle_order();
COMMENT ON TRIGGER cycle_order ON okrkpi.cycles IS 'quarters close in order';
CREATE OR REPLACE FUNCTION okrkpi.roll_forward(closing okrkpi.quarter) RETURNS integer
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    fiscal_month integer := okrkpi.fiscal_start_month();
    next_quarter okrkpi.quarter := closing + 1;
    closed timestamptz;
    carried integer := 0;
    kr record;
    now_value record;
    actual float8;
    new_plan okrkpi.key_result;
    new_title text;
    metric_name text;
    increasing boolean;
BEGIN
    SELECT c.closed_at INTO closed FROM okrkpi.cycles c WHERE c.quarter = closing;
    IF closed IS NULL THEN
        RAISE EXCEPTION 'quarter % is not closed', closing
            USING ERRCODE = 'object_not_in_prerequisite_state',
                  DETAIL = 'Only a closed quarter rolls forward: while it is open its actual values may still change.',
                  HINT = format('Close it: UPDATE okrkpi.cycles SET closed_at = now() WHERE quarter = %L rolls it forward.', closing::text);
    END IF;
    INSERT INTO okrkpi.cycles (quarter) VALUES (next_quarter) ON CONFLICT (quarter) DO NOTHING;
    IF EXISTS (SELECT 1 FROM okrkpi.cycles c WHERE c.quarter = next_quarter AND c.closed_at IS NOT NULL) THEN
        RAISE EXCEPTION 'quarter % is closed: nothing can be carried into it', next_quarter
            USING ERRCODE = 'object_not_in_prerequisite_state',
                  DETAIL = 'A closed quarter is history.',
                  HINT = 'Quarters close in order; reopen the later quarters first if this one must be rolled forward again.';
    END IF;
    FOR kr IN
        SELECT r.*, k.title AS kpi_title, k.metric_id AS kpi_metric_id, k.annual_target, k.target_date,
               k.retired_at AS kpi_retired_at
        FROM okrkpi.key_results r
        JOIN okrkpi.objectives o ON o.id = r.objective_id
        JOIN okrkpi.kpis k ON k.id = r.kpi_id
        WHERE o.quarter = closing
          AND NOT EXISTS (SELECT 1 FROM okrkpi.key_results n WHERE n.rolled_from = r.id)
        ORDER BY r.id
        FOR UPDATE OF r
    LOOP
        -- the scoreboard's current value: one definition for dashboards and the roll-forward
        SELECT s.current_value, s.current_source INTO now_value
        FROM okrkpi.scoreboard s WHERE s.key_result_id = kr.id;
        actual := CASE WHEN now_value.current_source <> 'start' THEN now_value.current_value END;
        increasing := okrkpi.direction(kr.plan) = 'increase';

        IF kr.kpi_retired_at IS NOT NULL THEN
            RAISE NOTICE 'key result % ("%") not carried into %: KPI "%" is retired',
                kr.id, kr.title, next_quarter, kr.kpi_title;
        ELSIF actual IS NULL THEN
            RAISE NOTICE 'key result % ("%") not carried into %: it has no measurement or check-in value in %',
                kr.id, kr.title, next_quarter, closing;
        ELSIF kr.annual_target IS NULL OR kr.target_date IS NULL THEN
            RAISE NOTICE 'key result % ("%") not carried into %: KPI "%" has no annual target and target date',
                kr.id, kr.title, next_quarter, kr.kpi_title;
        ELSIF kr.target_date < okrkpi.quarter_start(next_quarter, fiscal_month) THEN
            RAISE NOTICE 'key result % ("%") not carried into %: the target date % of KPI "%" has passed',
                kr.id, kr.title, next_quarter, to_char(kr.target_date, 'YYYY-MM-DD'), kr.kpi_title;
        ELSIF (increasing AND actual >= kr.annual_target) OR (NOT increasing AND actual <= kr.annual_target) THEN
            RAISE NOTICE 'key result % ("%") not carried into %: KPI "%" already reached its annual target % (actual %)',
                kr.id, kr.title, next_quarter, kr.kpi_title,
                okrkpi.value_text(kr.annual_target, okrkpi.unit(kr.plan)), okrkpi.value_text(actual, okrkpi.unit(kr.plan));
        ELSIF EXISTS (SELECT 1 FROM okrkpi.key_results n JOIN okrkpi.objectives no ON no.id = n.objective_id
                      WHERE n.kpi_id = kr.kpi_id AND no.quarter = next_quarter) THEN
            RAISE NOTICE 'key result % ("%") not carried into %: KPI "%" already has a key result there',
                kr.id, kr.title, next_quarter, kr.kpi_title;
        ELSE
            new_plan := okrkpi.carry_forward(kr.plan, actual, kr.annual_target,
                                             (okrkpi.quarter_of(kr.target_date, fiscal_month) - next_quarter) + 1);
            -- a title keeps its words: only its numbers and its quarter move; one whose
            -- numbers disagree with its plan is not restated into a lie (lint reports it)
            new_title := NULL;
            IF kr.title IS NOT NULL THEN
                new_title := okrkpi.restate_title(kr.title, kr.plan, new_plan, closing, next_quarter);
                IF new_title IS NULL THEN
                    SELECT m.name INTO metric_name FROM okrkpi.metrics m
                    WHERE m.id = coalesce(kr.metric_id, kr.kpi_metric_id);
                    -- (the plan alone where statement() would refuse the metric's name)
                    new_title := coalesce(okrkpi.statement_or_null(metric_name, new_plan), new_plan::text);
                    RAISE NOTICE 'key result % ("%"): its title disagrees with its plan %; its copy in % is titled "%"',
                        kr.id, kr.title, kr.plan, next_quarter, new_title;
                END IF;
            END IF;
            INSERT INTO okrkpi.key_results (objective_id, metric_id, title, plan, kpi_id, weight, owner, rolled_from)
            VALUES (okrkpi.carry_objective(kr.objective_id, next_quarter), kr.metric_id, new_title, new_plan,
                    kr.kpi_id, kr.weight, kr.owner, kr.id);
            carried := carried + 1;
        END IF;
    END LOOP;
    RETURN carried;
END
$$;
COMMENT ON FUNCTION okrkpi.roll_forward(okrkpi.quarter) IS 'carries every KPI-linked key result of a closed quarter into the next, open one (okrkpi.carry_forward: start = its current value as the scoreboard shows it, target on a straight line to the KPI''s annual target, rounded in the plan''s own terms; okrkpi.restate_title moves only a title''s numbers and quarter), with its objective and that objective''s ancestors (okrkpi.carry_objective); one key result per KPI and quarter; returns how many were carried; idempotent';

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
CREATE VIEW okrkpi.scoreboard WITH (security_invoker = true) AS
SELECT coalesce(o.quarter::text, 'FY' || o.fiscal_year::text) AS quarter,
       o.title AS objective,
       coalesce(r.title, st.statement, 'key result ' || r.id) AS key_result,
       r.plan::text AS plan,
       okrkpi.start_value(r.plan) AS start_value,
       okrkpi.target_value(r.plan) AS target_value,
       cur.value AS current_value,
       cur.source AS current_source,
       v.at AS current_at,
       sc.score,
       okrkpi.grade(sc.score)::text AS grade,
       okrkpi.status(r.plan, coalesce(v.value, okrkpi.current_value(r.plan)),
                     pg_catalog.tstzrange(p.starts::timestamptz, p.ends::timestamptz), now())::text AS status,
       (r.kpi_id IS NOT NULL) AS is_kpi,
       r.weight,
       okrkpi.unit(r.plan) AS unit,
       o.id AS objective_id,
       r.id AS key_result_id,
       st.statement,
       -- the latest check-in of the cycle, read only by queries that ask for it (a
       -- subquery in the select list is dropped with its unused column; a lateral
       -- join would run for every key result of the alignment tree)
       (SELECT ci.confidence FROM okrkpi.check_ins ci
        WHERE ci.key_result_id = r.id AND ci.at >= p.starts::timestamptz AND ci.at < p.ends::timestamptz
        ORDER BY ci.at DESC, ci.id DESC LIMIT 1) AS confidence,
       (SELECT ci.note FROM okrkpi.check_ins ci
        WHERE ci.key_result_id = r.id AND ci.at >= p.starts::timestamptz AND ci.at < p.ends::timestamptz
        ORDER BY ci.at DESC, ci.id DESC LIMIT 1) AS note,
       (SELECT ci.at FROM okrkpi.check_ins ci
        WHERE ci.key_result_id = r.id AND ci.at >= p.starts::timestamptz AND ci.at < p.ends::timestamptz
        ORDER BY ci.at DESC, ci.id DESC LIMIT 1) AS checked_in_at
FROM okrkpi.key_results r
JOIN okrkpi.objectives o ON o.id = r.objective_id
LEFT JOIN okrkpi.metrics me ON me.id = r.metric_id
-- its statement, NULL where statement() would refuse the metric's name (see above)
CROSS JOIN LATERAL (SELECT okrkpi.statement_or_null(me.name, r.plan) AS statement) st
-- the days of its cycle: a (fiscal) quarter, or a fiscal year for an annual objective
CROSS JOIN LATERAL (
    SELECT okrkpi.cycle_start(o.quarter, o.fiscal_year, (SELECT okrkpi.fiscal_start_month())) AS starts,
           okrkpi.cycle_end(o.quarter, o.fiscal_year, (SELECT okrkpi.fiscal_start_month())) AS ends
) p
-- the newest measurement of the key result's metric inside its cycle
LEFT JOIN LATERAL (
    SELECT m.value, m.at
    FROM okrkpi.measurements m
    WHERE m.metric_id = r.metric_id
      AND m.at >= p.starts::timestamptz
      AND m.at < p.ends::timestamptz
    ORDER BY m.at DESC
    LIMIT 1
) l ON true
-- the newest check-in inside the cycle with a value
LEFT JOIN LATERAL (
    SELECT ci.value, ci.at
    FROM okrkpi.check_ins ci
    WHERE ci.key_result_id = r.id AND ci.value IS NOT NULL
      AND ci.at >= p.starts::timestamptz
      AND ci.at < p.ends::timestamptz
    ORDER BY ci.at DESC, ci.id DESC
    LIMIT 1
) cv ON true
-- the dated value that scores: the newer of the two (a measurement on a tie)
CROSS JOIN LATERAL (
    SELECT CASE WHEN cv.at > l.at OR (l.at IS NULL AND cv.at IS NOT NULL) THEN cv.value ELSE l.value END AS value,
           CASE WHEN cv.at > l.at OR (l.at IS NULL AND cv.at IS NOT NULL) THEN cv.at ELSE l.at END AS at,
           CASE WHEN cv.at > l.at OR (l.at IS NULL AND cv.at IS NOT NULL) THEN 'check_in'
                WHEN l.at IS NOT NULL THEN 'measurement' END AS source
) v
-- without one, the plan's own current value ('10 -> 20 @ 14'), else its start
CROSS JOIN LATERAL (
    SELECT coalesce(v.value, okrkpi.current_value(r.plan), okrkpi.start_value(r.plan)) AS value,
           coalesce(v.source, CASE WHEN okrkpi.current_value(r.plan) IS NOT NULL THEN 'plan' ELSE 'start' END) AS source
) cur
-- rounded to 15 significant digits, so that a score exact on paper prints exact
CROSS JOIN LATERAL (SELECT okrkpi.tidy(okrkpi.score(r.plan, cur.value)) AS score) sc;
COMMENT ON VIEW okrkpi.scoreboard IS 'one row per key result: plan, its current value (the newer of its metric''s latest measurement and its latest check-in value inside its cycle: its fiscal quarter, or the fiscal year of an annual objective, in the session time zone; without either the plan''s own current value, else its start), where that value came from and when, score, grade, pace and the latest check-in; the roll-forward and lint read the same current value';
COMMENT ON COLUMN okrkpi.scoreboard.current_source IS 'where current_value comes from: ''measurement'' (the newest of its metric in the cycle), ''check_in'' (the newest check-in with a value, newer than that measurement), ''plan'' (the plan''s own current value, as in ''10 -> 20 @ 14'', with neither in the cycle) or ''start'' (nothing yet: current = start, score 0)';
COMMENT ON COLUMN okrkpi.scoreboard.current_at IS 'when current_value was taken: the measurement''s or the check-in''s time; NULL for a plan''s own current value or its start';
COMMENT ON COLUMN okrkpi.scoreboard.key_result IS 'the key result''s title; without one its statement (okrkpi.statement of its metric and plan), or ''key result <id>'' when the metric''s name cannot make one';
CREATE VIEW okrkpi.objective_scores WITH (security_invoker = true) AS
SELECT t.quarter, t.objective, t.score, okrkpi.grade(t.score)::text AS grade, t.key_results, t.objective_id
FROM (SELECT s.quarter, s.objective,
             -- rounded to 15 significant digits, so that a score exact on paper prints exact
             okrkpi.tidy(okrkpi.objective_score(s.score, s.weight)) AS score,
             count(*)::integer AS key_results,
             s.objective_id
      FROM okrkpi.scoreboard s
      GROUP BY s.quarter, s.objective, s.objective_id) t;
COMMENT ON VIEW okrkpi.objective_scores IS 'one row per objective: the mean of its key results'' scores weighted by weight';
-- One row per event that set a key result's current value inside its cycle,
-- with the score it gave: each measurement of its metric, each check-in with a
-- value (but one at the time of a measurement, which wins the tie, or of a
-- later check-in), and, at the cycle's start, what counts before any of them:
-- the plan's own current value, or its start.  Each row's score is the
-- scoreboard's as of that moment, since the newest event then is that row's.
-- The events are a UNION ALL inside a lateral subquery, so a filter on time
-- reaches each scan: the measurements' (metric_id, at) and the check-ins'
-- (key_result_id, at, id) index conditions.
CREATE OR REPLACE VIEW okrkpi.score_history WITH (security_invoker = true) AS
SELECT e.time,
       coalesce(r.title,
                okrkpi.statement_or_null(me.name, r.plan),
                'key result ' || r.id) AS key_result,
       -- rounded to 15 significant digits, so that a score exact on paper prints exact
       okrkpi.tidy(okrkpi.score(r.plan, e.value)) AS score,
       coalesce(o.quarter::text, 'FY' || o.fiscal_year::text) AS quarter,
       r.id AS key_result_id,
       e.source
FROM okrkpi.key_results r
JOIN okrkpi.objectives o ON o.id = r.objective_id
LEFT JOIN okrkpi.metrics me ON me.id = r.metric_id
CROSS JOIN LATERAL (
    SELECT okrkpi.cycle_start(o.quarter, o.fiscal_year, (SELECT okrkpi.fiscal_start_month()))::timestamptz AS starts,
           okrkpi.cycle_end(o.quarter, o.fiscal_year, (SELECT okrkpi.fiscal_start_month()))::timestamptz AS ends
) p
CROSS JOIN LATERAL (
    SELECT m.at AS time, m.value, 'measurement' AS source
    FROM okrkpi.measurements m
    WHERE m.metric_id = r.metric_id AND m.at >= p.starts AND m.at < p.ends
  UNION ALL
    SELECT ci.at, ci.value, 'check_in'
    FROM okrkpi.check_ins ci
    WHERE ci.key_result_id = r.id AND ci.value IS NOT NULL AND ci.at >= p.starts AND ci.at < p.ends
      AND NOT EXISTS (SELECT 1 FROM okrkpi.measurements m
                      WHERE m.metric_id = r.metric_id AND m.at = ci.at)
      AND NOT EXISTS (SELECT 1 FROM okrkpi.check_ins later
                      WHERE later.key_result_id = r.id AND later.at = ci.at AND later.id > ci.id
                        AND later.value IS NOT NULL)
  UNION ALL
    SELECT p.starts, coalesce(okrkpi.current_value(r.plan), okrkpi.start_value(r.plan)),
           CASE WHEN okrkpi.current_value(r.plan) IS NOT NULL THEN 'plan' ELSE 'start' END
    WHERE NOT EXISTS (SELECT 1 FROM okrkpi.measurements m
                      WHERE m.metric_id = r.metric_id AND m.at = p.starts)
      AND NOT EXISTS (SELECT 1 FROM okrkpi.check_ins ci
                      WHERE ci.key_result_id = r.id AND ci.at = p.starts AND ci.value IS NOT NULL)
) e;
COMMENT ON VIEW okrkpi.score_history IS 'one row per event that set a key result''s current value inside its cycle (its fiscal quarter, or fiscal year): each measurement of its metric, each check-in with a value (unless a measurement or a later check-in has the same time), and one row at the cycle''s start for the plan''s own current value or its start; the score as of that event, as the scoreboard showed it then; a filter on time reaches the scans';
COMMENT ON COLUMN okrkpi.score_history.source IS 'what set the value: ''measurement'', ''check_in'', or at the cycle''s start ''plan'' (the plan''s own current value) or ''start'' (nothing yet: score 0), as scoreboard.current_source names them';
CREATE OR REPLACE VIEW okrkpi.check_in_history WITH (security_invoker = true) AS
SELECT ci.at AS time,
       coalesce(r.title,
                okrkpi.statement_or_null(me.name, r.plan),
                'key result ' || r.id) AS key_result,
       ci.confidence,
       okrkpi.tidy(okrkpi.score(r.plan, ci.value)) AS score,
       ci.note,
       ci.author,
       coalesce(o.quarter::text, 'FY' || o.fiscal_year::text) AS quarter,
       r.id AS key_result_id
FROM okrkpi.check_ins ci
JOIN okrkpi.key_results r ON r.id = ci.key_result_id
JOIN okrkpi.objectives o ON o.id = r.objective_id
LEFT JOIN okrkpi.metrics me ON me.id = r.metric_id;
COMMENT ON VIEW okrkpi.check_in_history IS 'one row per check-in: its confidence (0 to 10), the score of its value (NULL without one), note and author';
-- The alignment tree.  An objective's score is the weighted mean of its own
-- key results' scores and its children's scores (each child counting with its
-- objective weight); children without any score do not count.  Unrolled, a
-- score is a sum over the subtree: each descendant's own key results count
-- with the product of weight / denominator along the path, which a recursive
-- query can carry down without aggregating inside the recursion.  The walks
-- that start anywhere stop at a cycle (rows written before cycles were
-- refused); the one from the roots cannot meet one.
--
-- No row the tables accept makes it fail: weights are 0 or in [1e-6, 1e6]
-- (70_plan_tables.sql), so no sum of them overflows, and a share is the
-- product of ratios c.weight / total in (0, 1].  What could still underflow
-- (PostgreSQL raises an error where a product of nonzero float8 values
-- rounds to 0) is left out, changing no score by more than 1e-100 a row: a
-- key result score below 1e-100 counts as 0 in the sums (own_score, from
-- objective_score, keeps it), and the walk stops at a descendant whose
-- share fell below 1e-100.  Every product then has factors of at least
-- 1e-100 and 1e-12 / (rows of the table): far from float8's 1e-308.
--
-- The tree of one cycle is computed from that cycle's objectives alone (and,
-- for their depth and path, the annual objectives of its fiscal year; for a
-- fiscal year, the quarterly objectives of its quarters): a dashboard that
-- shows one quarter of a plan of many pays for that quarter only.  A filter
-- on the view cannot reach inside the recursion, so the panels call
-- objective_tree_of(cycle); the view is the same function over every cycle.
CREATE FUNCTION okrkpi.objective_tree_of(cycle text)
RETURNS TABLE (objective_id bigint, parent_id bigint, quarter text, objective text, depth integer,
               own_score float8, score float8, grade text, weight float8, key_results integer, path text)
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
-- JIT compiling this recursion cost more than running it (as in lint)
SET jit = off
AS $$
WITH RECURSIVE
arg AS (            -- the cycle asked for: a quarter, or a fiscal year 'FY2027'; NULL: every cycle
    SELECT CASE WHEN cycle !~ '^FY' THEN cycle::okrkpi.quarter END AS q,
           CASE WHEN cycle ~ '^FY' THEN substr(cycle, 3)::integer
                ELSE okrkpi.quarter_year(cycle::okrkpi.quarter) END AS y
),
scope AS (
    SELECT o.* FROM okrkpi.objectives o, arg a
    WHERE cycle IS NULL
       OR o.quarter = a.q                                              -- the quarter
       OR o.fiscal_year = a.y                                          -- its year's annual objectives
       OR (a.q IS NULL AND okrkpi.quarter_year(o.quarter) = a.y)       -- a year's quarterly objectives
),
own AS (
    SELECT o.id,
           sum(s.weight * s.score) FILTER (WHERE s.score >= '1e-100' AND s.weight > 0) AS own_sum,
           coalesce(sum(s.weight) FILTER (WHERE s.score IS NOT NULL AND s.weight > 0), 0) AS own_weight,
           okrkpi.objective_score(s.score, s.weight) AS own_score,
           count(s.key_result_id)::integer AS key_results
    FROM scope o
    -- lateral: each objective's own key results, probed through key_results
    -- (objective_id), never the scoreboard of every cycle hashed against scope
    LEFT JOIN LATERAL (SELECT sb.score, sb.weight, sb.key_result_id
                       FROM okrkpi.scoreboard sb WHERE sb.objective_id = o.id) s ON true
    GROUP BY o.id
),
reach AS (          -- every objective with the descendants that can carry weight to it
    SELECT o.id AS top, o.id AS node, ARRAY[o.id] AS seen FROM scope o
  UNION ALL
    SELECT r.top, c.id, r.seen || c.id
    FROM reach r JOIN scope c ON c.parent_id = r.node AND c.weight > 0
    WHERE c.id <> ALL (r.seen)
),
scored AS (         -- objectives whose subtree holds a weighted score
    SELECT r.top AS id, bool_or(w.own_weight > 0) AS has_score
    FROM reach r JOIN own w ON w.id = r.node
    GROUP BY r.top
),
denominator AS (    -- own key result weights plus the weights of scored children
    SELECT w.id, w.own_weight + coalesce(cw.weight, 0) AS total
    FROM own w
    LEFT JOIN (SELECT c.parent_id, sum(c.weight) AS weight
               FROM scope c JOIN scored cs ON cs.id = c.id AND cs.has_score
               WHERE c.weight > 0
               GROUP BY c.parent_id) cw ON cw.parent_id = w.id
),
share AS (          -- how much each descendant's own key results count in an objective's score
    SELECT o.id AS top, o.id AS node, 1::float8 AS factor, ARRAY[o.id] AS seen FROM scope o
  UNION ALL
    SELECT s.top, c.id, s.factor * (c.weight / d.total), s.seen || c.id
    FROM share s
    JOIN denominator d ON d.id = s.node AND d.total > 0
    JOIN scope c ON c.parent_id = s.node AND c.weight > 0
    JOIN scored cs ON cs.id = c.id AND cs.has_score
    WHERE c.id <> ALL (s.seen) AND s.factor >= '1e-100'
),
tree AS (           -- depth from the roots, and a path that sorts the tree depth first
    SELECT o.id, 0 AS depth, lpad(o.id::text, 19, '0') AS path
    FROM scope o WHERE o.parent_id IS NULL
  UNION ALL
    SELECT c.id, t.depth + 1, t.path || '/' || lpad(c.id::text, 19, '0')
    FROM tree t JOIN scope c ON c.parent_id = t.id
),
score AS (          -- each objective's score: its descendants' own key results, by share
    SELECT s.top AS id, sum(s.factor * (coalesce(ow.own_sum, 0) / d.total)) AS score
    FROM share s
    JOIN own ow ON ow.id = s.node
    JOIN denominator d ON d.id = s.node AND d.total > 0
    GROUP BY s.top
)
SELECT o.id AS objective_id,
       o.parent_id,
       coalesce(o.quarter::text, 'FY' || o.fiscal_year::text) AS quarter,
       o.title AS objective,
       t.depth,
       okrkpi.tidy(w.own_score) AS own_score,
       ts.score,
       okrkpi.grade(ts.score)::text AS grade,
       o.weight,
       w.key_results,
       t.path
FROM scope o
JOIN tree t ON t.id = o.id
JOIN own w ON w.id = o.id
LEFT JOIN score sc ON sc.id = o.id
-- scores rounded to 15 significant digits, so that a score exact on paper prints exact
CROSS JOIN LATERAL (SELECT okrkpi.tidy(sc.score) AS score) ts
WHERE cycle IS NULL OR coalesce(o.quarter::text, 'FY' || o.fiscal_year::text) = cycle
$$;
COMMENT ON FUNCTION okrkpi.objective_tree_of(text) IS 'the rows of okrkpi.objective_tree for one cycle (''2026-Q3'', or a fiscal year ''FY2027''; NULL: every cycle), computed from that cycle''s objectives alone: what a dashboard panel for one quarter calls';
CREATE VIEW okrkpi.objective_tree WITH (security_invoker = true) AS
SELECT * FROM okrkpi.objective_tree_of(NULL);
COMMENT ON VIEW okrkpi.objective_tree IS 'one row per objective in its alignment tree: depth (0 at a root), own_score (its own key results, weighted), score (the weighted mean of its own key results and its children''s scores, each child counting with its weight), grade; path sorts the tree depth first';
-- A KPI followed through its year: the four quarters up to the quarter of its
-- target date, each with the key result that carried the KPI there, what the
-- KPI's metric reached, and what the next quarter needs to stay on a straight
-- line to the annual target (the same step okrkpi.roll_forward takes).
CREATE INDEX key_results_kpi_id_idx ON okrkpi.key_results (kpi_id);
CREATE VIEW okrkpi.kpi_year WITH (security_invoker = true) AS
SELECT k.title AS kpi,
       q.quarter::text AS quarter,
       s.key_result,
       s.plan,
       s.start_value,
       s.target_value,
       a.actual,
       coalesce(c.closed_at IS NOT NULL, false) AS closed,
       k.annual_target,
       CASE WHEN q.quarters_after > 0 THEN okrkpi.quarter_target(a.actual, k.annual_target, q.quarters_after) END
           AS next_quarter_target,
       okrkpi.unit(k.threshold) AS unit,
       k.id AS kpi_id,
       s.key_result_id
FROM okrkpi.kpis k
CROSS JOIN LATERAL (
    SELECT okrkpi.quarter_of(k.target_date, (SELECT okrkpi.fiscal_start_month())) - i AS quarter, i AS quarters_after
    FROM pg_catalog.generate_series(3, 0, -1) i
) q
LEFT JOIN okrkpi.cycles c ON c.quarter = q.quarter
-- the KPI's key result in that quarter (the first, should there be several)
LEFT JOIN LATERAL (
    SELECT r.id FROM okrkpi.key_results r JOIN okrkpi.objectives o ON o.id = r.objective_id
    WHERE r.kpi_id = k.id AND o.quarter = q.quarter
    ORDER BY r.id LIMIT 1
) kr ON true
LEFT JOIN okrkpi.scoreboard s ON s.key_result_id = kr.id
-- in a quarter without a key result for the KPI, its own metric at the end of the quarter
LEFT JOIN LATERAL (
    SELECT m.value FROM okrkpi.measurements m
    WHERE m.metric_id = k.metric_id
      AND m.at >= okrkpi.quarter_start(q.quarter, (SELECT okrkpi.fiscal_start_month()))::timestamptz
      AND m.at < okrkpi.quarter_end(q.quarter, (SELECT okrkpi.fiscal_start_month()))::timestamptz
    ORDER BY m.at DESC LIMIT 1
) km ON true
CROSS JOIN LATERAL (
    SELECT CASE WHEN kr.id IS NOT NULL THEN CASE WHEN s.current_source <> 'start' THEN s.current_value END
                ELSE km.value END AS actual
) a
WHERE k.target_date IS NOT NULL AND k.annual_target IS NOT NULL AND k.retired_at IS NULL
  -- its four quarters exist: quarters are of the years 1 to 9999
  AND k.target_date >= '0002-01-01'::date AND k.target_date < '9999-01-01'::date;
COMMENT ON VIEW okrkpi.kpi_year IS 'one row per KPI (not retired) with an annual target and target date and per quarter of its year (the four fiscal quarters up to its target date): the quarter''s key result for the KPI, the actual (that key result''s current value as the scoreboard shows it, the value the roll-forward carries; in a quarter without one, the KPI metric''s latest measurement in the quarter), the annual target, and next_quarter_target, what the next quarter needs on a straight line to the annual target';
COMMENT ON COLUMN okrkpi.kpi_year.next_quarter_target IS 'quarter_target(actual, annual_target, quarters left until the target date''s quarter): the target okrkpi.roll_forward gives the next quarter''s key result, before rounding; NULL in the last quarter';
COMMENT ON INDEX okrkpi.key_results_kpi_id_idx IS 'finds a KPI''s key result in a quarter (kpi_year, roll_forward)';
-- kpi_board no longer fails on a measurement within a year of timestamptz's first day,
-- rounds hit_rate through tidy() and leaves retired KPIs out
CREATE OR REPLACE VIEW okrkpi.kpi_board WITH (security_invoker = true) AS
SELECT k.title AS kpi,
       k.threshold::text AS threshold,
       l.value AS current_value,
       okrkpi.health(k.threshold, l.value)::text AS health,
       h.hit_rate,
       l.at AS last_measured_at,
       k.annual_target,
       k.id AS kpi_id
FROM okrkpi.kpis k
LEFT JOIN LATERAL (
    SELECT m.value, m.at FROM okrkpi.measurements m
    WHERE m.metric_id = k.metric_id
    ORDER BY m.at DESC
    LIMIT 1
) l ON true
-- the year up to the latest measurement; within a year of timestamptz's first
-- day (4714-11-24 BC) l.at - 1 year does not exist, and everything before
-- l.at counts (a year and two days at most), rather than the view failing
LEFT JOIN LATERAL (
    SELECT okrkpi.tidy(okrkpi.hit_rate(k.threshold, m.value)) AS hit_rate FROM okrkpi.measurements m
    WHERE m.metric_id = k.metric_id
      AND m.at > CASE WHEN l.at >= '4713-11-26 00:00:00+00 BC'::timestamptz THEN l.at - '1 year'::interval
                      ELSE '-infinity'::timestamptz END
      AND m.at <= l.at
) h ON true
WHERE k.retired_at IS NULL;
COMMENT ON VIEW okrkpi.kpi_board IS 'one row per KPI that is not retired: latest value, its health, hit_rate (the share of the measurements of the year up to the latest one that met the threshold), when it was last measured';
COMMENT ON COLUMN okrkpi.kpi_board.hit_rate IS 'the share of this KPI''s measurements in the year up to its latest measurement that met the threshold (a bounded window, so the board costs the same however much history is kept)';

-- lint(as_of): findings judged per cycle, with a severity
DROP FUNCTION okrkpi.lint();
CREATE FUNCTION okrkpi.frequency_words(frequency interval) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE SET search_path = pg_catalog, pg_temp AS $$
    SELECT CASE
        -- (metrics_frequency_finite refuses it; a row an update left NOT VALID may hold it)
        WHEN NOT isfinite(frequency) THEN 'never'
        WHEN f.days = 0 AND f.secs = 0 AND f.months IN (1, 3, 12) THEN
            CASE f.months WHEN 1 THEN 'monthly' WHEN 3 THEN 'quarterly' ELSE 'yearly' END
        WHEN f.months = 0 AND f.secs = 0 AND f.days IN (1, 7) THEN
            CASE f.days WHEN 1 THEN 'daily' ELSE 'weekly' END
        WHEN f.months = 0 AND f.days = 0 AND f.secs IN (60, 3600) THEN
            CASE f.secs WHEN 60 THEN 'every minute' ELSE 'hourly' END
        WHEN f.months = 0 AND f.days = 0 AND f.secs = 1 THEN 'every second'
        ELSE 'every ' || concat_ws(' and ',
            CASE WHEN f.months = 0 THEN NULL
                 WHEN f.months % 12 = 0 THEN (f.months / 12) || CASE WHEN f.months = 12 THEN ' year' ELSE ' years' END
                 ELSE f.months || CASE WHEN f.months = 1 THEN ' month' ELSE ' months' END END,
            CASE WHEN f.days = 0 THEN NULL
                 WHEN f.days % 7 = 0 THEN (f.days / 7) || CASE WHEN f.days = 7 THEN ' week' ELSE ' weeks' END
                 ELSE f.days || CASE WHEN f.days = 1 THEN ' day' ELSE ' days' END END,
            CASE WHEN f.secs = 0 THEN NULL
                 WHEN f.secs % 3600 = 0 THEN trim_scale(f.secs / 3600) || CASE WHEN f.secs = 3600 THEN ' hour' ELSE ' hours' END
                 WHEN f.secs % 60 = 0 THEN trim_scale(f.secs / 60) || CASE WHEN f.secs = 60 THEN ' minute' ELSE ' minutes' END
                 ELSE trim_scale(f.secs) || CASE WHEN f.secs = 1 THEN ' second' ELSE ' seconds' END END)
    END
    FROM (SELECT (extract(year FROM i) * 12 + extract(month FROM i))::integer AS months,
                 extract(day FROM i)::integer AS days,
                 extract(hour FROM i) * 3600 + extract(minute FROM i) * 60 + extract(second FROM i) AS secs
          FROM (SELECT CASE WHEN isfinite(frequency) THEN frequency ELSE '0'::interval END AS i) fi) f
$$;
COMMENT ON FUNCTION okrkpi.frequency_words(interval) IS 'a metric''s frequency in plain words, as lint writes it: ''daily'', ''weekly'', ''monthly'', ''quarterly'', ''yearly'', ''hourly'', else ''every 2 weeks'', ''every 10 days'', ''every 1 month and 3 days''; ''never'' for an infinite interval';
CREATE FUNCTION okrkpi.lint(as_of timestamptz DEFAULT pg_catalog.now())
RETURNS TABLE (severity text, rule text, object text, message text)
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
-- many small index probes over tables the planner often has no statistics for
-- yet: JIT compiling them took half a second a call, a thousand times the work
SET jit = off
AS $$
    WITH limits AS (SELECT * FROM okrkpi.plan_limits()),
    -- every objective with its cycle's days, whether the cycle is open, and when it is judged
    cycle AS (
        SELECT o.id, o.title, o.parent_id,
               coalesce(o.quarter::text, 'FY' || o.fiscal_year::text) AS name,
               p.starts, p.ends,
               least(as_of, p.ends) AS judged,
               -- open at as_of: not closed by then
               NOT EXISTS (SELECT 1 FROM okrkpi.cycles c
                           WHERE c.quarter = coalesce(o.quarter, (o.fiscal_year::text || '-Q4')::okrkpi.quarter)
                             AND c.closed_at <= as_of) AS open
        FROM okrkpi.objectives o
        CROSS JOIN LATERAL (
            SELECT okrkpi.cycle_start(o.quarter, o.fiscal_year, (SELECT okrkpi.fiscal_start_month()))::timestamptz AS starts,
                   okrkpi.cycle_end(o.quarter, o.fiscal_year, (SELECT okrkpi.fiscal_start_month()))::timestamptz AS ends
        ) p
    ),
    -- the metrics each started quarter needs: its key results' (their own, or their
    -- KPI's), and those of the annual key results and the KPIs that existed before
    -- it ended (what is added later does not change a closed quarter's findings)
    quarter_metric AS (
        SELECT DISTINCT y.quarter, m.metric_id
        FROM okrkpi.cycles y
        CROSS JOIN LATERAL (
            SELECT okrkpi.quarter_start(y.quarter, (SELECT okrkpi.fiscal_start_month()))::timestamptz AS starts,
                   okrkpi.quarter_end(y.quarter, (SELECT okrkpi.fiscal_start_month()))::timestamptz AS ends
        ) p
        CROSS JOIN LATERAL (
            SELECT coalesce(r.metric_id, k.metric_id) AS metric_id
            FROM okrkpi.objectives o
            JOIN okrkpi.key_results r ON r.objective_id = o.id
            LEFT JOIN okrkpi.kpis k ON k.id = r.kpi_id
            WHERE o.quarter = y.quarter
               OR (o.fiscal_year = okrkpi.quarter_year(y.quarter) AND r.created_at < p.ends)
          UNION ALL
            SELECT k.metric_id FROM okrkpi.kpis k
            WHERE k.created_at < p.ends AND (k.retired_at IS NULL OR k.retired_at > p.starts)
        ) m
        WHERE p.starts <= as_of AND m.metric_id IS NOT NULL
    )
    SELECT CASE WHEN c.open THEN 'todo' ELSE 'warning' END, 'objective_too_few_key_results',
           'objective ' || c.id || ' (' || c.name || ')',
           CASE WHEN c.open AND count(r.id) > 0 AND bool_and(r.kpi_id IS NOT NULL)
                THEN format('add key results that are not KPIs to objective "%s": it has %s, all KPIs; an objective needs 2 to %s',
                            c.title, count(r.id), max(l.max_key_results))
                WHEN c.open
                THEN format('add key results to objective "%s": it has %s; an objective needs 2 to %s',
                            c.title, count(r.id), max(l.max_key_results))
                ELSE format('objective "%s" has %s key result(s); an objective needs 2 to %s',
                            c.title, count(r.id), max(l.max_key_results))
           END
    FROM cycle c LEFT JOIN okrkpi.key_results r ON r.objective_id = c.id CROSS JOIN limits l
    -- an objective measured through aligned child objectives needs no key results of its own
    WHERE NOT EXISTS (SELECT 1 FROM okrkpi.objectives ch WHERE ch.parent_id = c.id)
    GROUP BY c.id, c.title, c.name, c.open HAVING count(r.id) < 2
  UNION ALL
    SELECT 'error', 'objective_too_many_key_results', 'objective ' || c.id || ' (' || c.name || ')',
           format('objective "%s" has %s key results; an objective needs 2 to %s', c.title, count(r.id), max(l.max_key_results))
    FROM cycle c JOIN okrkpi.key_results r ON r.objective_id = c.id CROSS JOIN limits l
    GROUP BY c.id, c.title, c.name HAVING count(r.id) > max(l.max_key_results)
  UNION ALL
    SELECT 'error', 'too_many_kpis', 'kpis',
           format('the plan has %s KPIs; a good plan has at most %s', count(*), max(l.max_kpis))
    FROM okrkpi.kpis k CROSS JOIN limits l
    WHERE k.retired_at IS NULL OR k.retired_at > as_of       -- watched at as_of
    HAVING count(*) > max(l.max_kpis)
  UNION ALL
    SELECT CASE WHEN c.open THEN 'todo' ELSE 'warning' END, 'every_key_result_is_kpi',
           'objective ' || c.id || ' (' || c.name || ')',
           CASE WHEN c.open
                THEN format('add key results that are not KPIs to objective "%s": every key result is a KPI; KPIs watch health, key results push change', c.title)
                ELSE format('every key result of objective "%s" is marked as a KPI; KPIs watch health, key results push change', c.title)
           END
    FROM cycle c JOIN okrkpi.key_results r ON r.objective_id = c.id
    GROUP BY c.id, c.title, c.name, c.open HAVING count(*) >= 2 AND bool_and(r.kpi_id IS NOT NULL)
  UNION ALL
    SELECT 'warning', 'only_milestone_key_results', 'objective ' || c.id || ' (' || c.name || ')',
           format('objective "%s" has only milestone key results: activities posing as outcomes; add a key result that moves a measured metric', c.title)
    FROM cycle c JOIN okrkpi.key_results r ON r.objective_id = c.id
    GROUP BY c.id, c.title, c.name HAVING bool_and(okrkpi.is_milestone(r.plan))
  UNION ALL
    SELECT 'error', 'title_disagrees_with_plan', 'key result ' || r.id || ' (' || c.name || ')',
           format('the title "%s" states other numbers than the plan %s; correct the title (or the plan, under an override)',
                  r.title, r.plan::text)
    FROM okrkpi.key_results r JOIN cycle c ON c.id = r.objective_id
    WHERE r.title IS NOT NULL AND okrkpi.title_states_plan(r.title, r.plan) IS FALSE
  UNION ALL
    SELECT 'warning', 'metric_not_measured', 'metric ' || me.id || ' (' || qm.quarter::text || ')',
           CASE WHEN last.at IS NULL
                THEN format('metric "%s" has no measurement before %s (measured %s)',
                            me.name, js.shown, okrkpi.frequency_words(me.frequency))
                ELSE format('metric "%s" was last measured %s, too long before %s for a metric measured %s',
                            me.name, coalesce(to_char(last.at, 'YYYY-MM-DD HH24:MI TZ'), last.at::text), js.shown,
                            okrkpi.frequency_words(me.frequency))
           END
    FROM quarter_metric qm
    JOIN okrkpi.metrics me ON me.id = qm.metric_id
    CROSS JOIN LATERAL (
        SELECT least(as_of, okrkpi.quarter_end(qm.quarter, (SELECT okrkpi.fiscal_start_month()))::timestamptz) AS at
    ) j
    CROSS JOIN LATERAL (SELECT max(m.at) AS at FROM okrkpi.measurements m
                        WHERE m.metric_id = me.id AND m.at <= j.at) last
    -- to the minute, in the session's time zone (to_char gives NULL for an infinite time)
    CROSS JOIN LATERAL (SELECT coalesce(to_char(j.at, 'YYYY-MM-DD HH24:MI TZ'), j.at::text) AS shown) js
    -- (a frequency of 4,700 years or more would take j.at before the first
    -- timestamp: nothing measured is that stale)
    WHERE last.at IS NULL
       OR (me.frequency < '4700 years'::interval AND last.at < j.at - me.frequency)
  UNION ALL
    SELECT 'warning', 'key_result_not_checked_in', 'key result ' || r.id || ' (' || c.name || ')',
           format('key result "%s" has had no check-in or measurement for %s days while its %s is open',
                  coalesce(r.title, okrkpi.statement_or_null(me.name, r.plan), 'key result ' || r.id),
                  extract(day FROM c.judged - greatest(last.check_in, last.measurement, c.starts))::integer,
                  CASE WHEN c.name LIKE 'FY%' THEN 'fiscal year' ELSE 'quarter' END)
    FROM okrkpi.key_results r
    JOIN cycle c ON c.id = r.objective_id AND c.open
    LEFT JOIN okrkpi.metrics me ON me.id = r.metric_id
    CROSS JOIN LATERAL (
        SELECT (SELECT max(ci.at) FROM okrkpi.check_ins ci
                WHERE ci.key_result_id = r.id AND ci.at <= c.judged) AS check_in,
               (SELECT max(m.at) FROM okrkpi.measurements m
                WHERE m.metric_id = r.metric_id AND m.at <= c.judged) AS measurement
    ) last
    WHERE c.judged > c.starts
      AND greatest(last.check_in, last.measurement, c.starts) < c.judged - '14 days'::interval
  ORDER BY 2, 3
$$;
COMMENT ON FUNCTION okrkpi.lint(timestamptz) IS 'plan mistakes as of a moment (default now), each with a severity (error, warning, todo): objectives with fewer than 2 (and no aligned children) or more than okrkpi.max_key_results key results, more than okrkpi.max_kpis KPIs, every key result a KPI, only milestone key results, titles whose numbers disagree with their plan, metrics a started quarter needs not measured within their frequency, key results of an open cycle without a check-in or measurement for 14 days; each cycle is judged at its end, or at as_of if earlier';

-- A closed quarter's (or fiscal year's) objectives, key results and check-ins are history: written only under a logged override
CREATE FUNCTION okrkpi.closed_cycle(quarter okrkpi.quarter, fiscal_year integer) RETURNS text
    LANGUAGE sql STABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp AS $$
    SELECT CASE
        WHEN closed_cycle.quarter IS NOT NULL THEN
            (SELECT c.quarter::text FROM okrkpi.cycles c
             WHERE c.quarter = closed_cycle.quarter AND c.closed_at IS NOT NULL)
        ELSE
            (SELECT 'FY' || closed_cycle.fiscal_year FROM okrkpi.cycles c
             WHERE okrkpi.quarter_year(c.quarter) = closed_cycle.fiscal_year
               AND okrkpi.quarter_number(c.quarter) = 4 AND c.closed_at IS NOT NULL)
    END
$$;
COMMENT ON FUNCTION okrkpi.closed_cycle(okrkpi.quarter, integer) IS 'the name of the cycle (a quarter, or when quarter is NULL the fiscal year: ''2020-Q3'', ''FY2027'') if it is closed (a fiscal year once its fourth quarter is), else NULL; for okrkpi.keep_closed_cycles(), which calls it as the tables'' owner';
CREATE FUNCTION okrkpi.closed_cycle_of(objective okrkpi.objectives) RETURNS text
    LANGUAGE sql STABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp AS $$
    SELECT okrkpi.closed_cycle((objective).quarter, (objective).fiscal_year)
$$;
COMMENT ON FUNCTION okrkpi.closed_cycle_of(okrkpi.objectives) IS 'the closed cycle an objective belongs to (its quarter, or its fiscal year), or NULL: okrkpi.closed_cycle()';
CREATE FUNCTION okrkpi.closed_cycle_of(kr okrkpi.key_results) RETURNS text
    LANGUAGE sql STABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp AS $$
    SELECT okrkpi.closed_cycle(o.quarter, o.fiscal_year)
    FROM okrkpi.objectives o WHERE o.id = (kr).objective_id
$$;
COMMENT ON FUNCTION okrkpi.closed_cycle_of(okrkpi.key_results) IS 'the closed cycle a key result belongs to, through its objective, or NULL: okrkpi.closed_cycle()';
CREATE FUNCTION okrkpi.closed_cycle_of(check_in okrkpi.check_ins) RETURNS text
    LANGUAGE sql STABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp AS $$
    SELECT okrkpi.closed_cycle(o.quarter, o.fiscal_year)
    FROM okrkpi.key_results k JOIN okrkpi.objectives o ON o.id = k.objective_id
    WHERE k.id = (check_in).key_result_id
$$;
COMMENT ON FUNCTION okrkpi.closed_cycle_of(okrkpi.check_ins) IS 'the closed cycle a check-in belongs to, through its key result''s objective, or NULL: okrkpi.closed_cycle()';
REVOKE EXECUTE ON FUNCTION okrkpi.closed_cycle(okrkpi.quarter, integer), okrkpi.closed_cycle_of(okrkpi.objectives),
    okrkpi.closed_cycle_of(okrkpi.key_results), okrkpi.closed_cycle_of(okrkpi.check_ins) FROM PUBLIC;
CREATE FUNCTION okrkpi.keep_closed_cycles() RETURNS trigger
    AS 'MODULE_PATHNAME' LANGUAGE C;
COMMENT ON FUNCTION okrkpi.keep_closed_cycles() IS 'BEFORE INSERT OR UPDATE OR DELETE row and BEFORE TRUNCATE statement trigger for the plan tables (logged=, log=): a row of a closed quarter or fiscal year (okrkpi.closed_cycle_of, as the table''s owner) is written only under the owner''s override, which is logged (55000 otherwise)';
CREATE TRIGGER closed_cycle BEFORE INSERT OR UPDATE OR DELETE ON okrkpi.objectives FOR EACH ROW
    EXECUTE FUNCTION okrkpi.keep_closed_cycles('logged=quarter', 'logged=fiscal_year', 'logged=title',
                                               'logged=parent_id', 'logged=owner', 'logged=weight',
                                               'log=okrkpi.overrides');
CREATE TRIGGER closed_cycle_truncate BEFORE TRUNCATE ON okrkpi.objectives FOR EACH STATEMENT
    EXECUTE FUNCTION okrkpi.keep_closed_cycles('logged=quarter', 'logged=fiscal_year', 'logged=title',
                                               'logged=parent_id', 'logged=owner', 'logged=weight',
                                               'log=okrkpi.overrides');
CREATE TRIGGER closed_cycle BEFORE INSERT OR UPDATE ON okrkpi.key_results FOR EACH ROW
    EXECUTE FUNCTION okrkpi.keep_closed_cycles('logged=objective_id', 'logged=metric_id', 'logged=title',
                                               'logged=plan', 'logged=kpi_id', 'logged=weight',
                                               'logged=owner', 'log=okrkpi.overrides');
CREATE TRIGGER closed_cycle BEFORE INSERT OR UPDATE OR DELETE ON okrkpi.check_ins FOR EACH ROW
    EXECUTE FUNCTION okrkpi.keep_closed_cycles('logged=key_result_id', 'logged=at', 'logged=value',
                                               'logged=confidence', 'logged=note', 'logged=author',
                                               'log=okrkpi.overrides');
CREATE TRIGGER closed_cycle_truncate BEFORE TRUNCATE ON okrkpi.check_ins FOR EACH STATEMENT
    EXECUTE FUNCTION okrkpi.keep_closed_cycles('logged=key_result_id', 'logged=at', 'logged=value',
                                               'logged=confidence', 'logged=note', 'logged=author',
                                               'log=okrkpi.overrides');
COMMENT ON TRIGGER closed_cycle ON okrkpi.objectives IS 'an objective of a closed quarter or fiscal year is inserted, updated (also into or out of one) or deleted only under the owner''s override, logged';
COMMENT ON TRIGGER closed_cycle_truncate ON okrkpi.objectives IS 'TRUNCATE is refused while an objective of a closed quarter or fiscal year exists; under an override each one is logged';
COMMENT ON TRIGGER closed_cycle ON okrkpi.key_results IS 'a key result of a closed quarter or fiscal year is inserted or updated (also into or out of one) only under the owner''s override, logged; its deletion is kr_history''s';
COMMENT ON TRIGGER closed_cycle ON okrkpi.check_ins IS 'a check-in of a closed quarter or fiscal year is inserted, updated (also into or out of one) or deleted only under the owner''s override, logged';
COMMENT ON TRIGGER closed_cycle_truncate ON okrkpi.check_ins IS 'TRUNCATE is refused while a check-in of a closed quarter or fiscal year exists; under an override each one is logged';

-- with_current takes the current value in base units (a literal's current value now carries the unit)
COMMENT ON FUNCTION okrkpi.with_current(okrkpi.key_result, float8) IS 'the same key result with this current value, in base units as start_value() gives them (seconds for durations: 7200 is 2h); NULL removes it';
COMMENT ON FUNCTION okrkpi.with_current(okrkpi.kpi, float8) IS 'the same kpi with this current value, in base units as lower_bound() gives them (seconds for durations: 7200 is 2h); NULL removes it';
