-- Retiring a KPI (check_kpi's retired=): allowed once the KPI has been kept
-- a year (since + 1 year, UTC), earlier only under the owner's logged
-- override, never in the future; a retired KPI frees its slot of the limit,
-- is kept as it was, may be deleted and is not guarded against TRUNCATE;
-- bringing it back is an override and counts toward the limit again.  On a
-- user's table and on the embedded plan's okrkpi.kpis.
\ir ../include/setup.sql
SET LOCAL client_min_messages = warning;
SELECT plan(47);

-- The hint of an error, or 'allowed' (the statement undone).
CREATE FUNCTION pg_temp.hint_of(sql text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    hint text;
BEGIN
    BEGIN
        EXECUTE sql;
        RAISE EXCEPTION 'undo' USING ERRCODE = 'OKR00';
    EXCEPTION WHEN SQLSTATE 'OKR00' THEN
        RETURN 'allowed';
    END;
EXCEPTION WHEN OTHERS THEN
    GET STACKED DIAGNOSTICS hint = PG_EXCEPTION_HINT;
    RETURN hint;
END $$;

CREATE TABLE public.rk (id int PRIMARY KEY, threshold okrkpi.kpi NOT NULL, since date, retired timestamptz, goal int);
CREATE TABLE public.rk_log (at timestamptz, by_role text, reason text, table_name text, row_key text, change jsonb);
CREATE TRIGGER guard BEFORE INSERT OR UPDATE OR DELETE ON public.rk_log FOR EACH ROW
    EXECUTE FUNCTION okrkpi.guard_override_log();
CREATE TRIGGER rules BEFORE INSERT OR UPDATE OR DELETE ON public.rk FOR EACH ROW
    EXECUTE FUNCTION okrkpi.check_kpi('kpi=threshold', 'since=since', 'retired=retired', 'frozen=goal',
                                      'max=2', 'log=public.rk_log');
CREATE TRIGGER rules_truncate BEFORE TRUNCATE ON public.rk FOR EACH STATEMENT
    EXECUTE FUNCTION okrkpi.check_kpi('kpi=threshold', 'since=since', 'retired=retired', 'log=public.rk_log');

-- Adopted 2025-01-10: kept until 2026-01-10 00:00 UTC, whatever the session's zone
SET LOCAL TimeZone = 'America/New_York';
INSERT INTO public.rk VALUES (1, '>= 1', '2025-01-10', NULL, 5), (2, '>= 2', '2025-01-10', NULL, 5);
SELECT throws_ok($$ INSERT INTO public.rk VALUES (3, '>= 3', current_date, NULL, 5) $$, '23514',
                 'table "rk" already has 2 KPIs', 'max=2: a third KPI is refused');
SELECT is(pg_temp.hint_of($$ INSERT INTO public.rk VALUES (3, '>= 3', current_date, NULL, 5) $$),
          'Retire a KPI first: set its column "retired" (allowed once it has been kept a year).',
          'the hint says how to retire one');
SELECT throws_ok($$ UPDATE public.rk SET retired = '2026-01-09 23:59:59.999999+00' WHERE id = 1 $$, '23514',
                 'a KPI is kept at least a year: it cannot be retired yet',
                 'retired a microsecond before 2026-01-10 00:00 UTC is refused');
SELECT throws_ok($$ UPDATE public.rk SET retired = '2026-01-09 18:59:59-05' WHERE id = 1 $$, '23514', NULL,
                 '2026-01-09 18:59:59 in New York (23:59:59 UTC) is refused too: the year is counted in UTC');
SELECT throws_ok($$ UPDATE public.rk SET retired = pg_catalog.now() + interval '1 minute' WHERE id = 1 $$, '23514',
                 'a KPI cannot be retired in the future', 'a retirement in the future is refused');
SELECT throws_ok($$ UPDATE public.rk SET retired = 'infinity' WHERE id = 1 $$, '23514',
                 'a KPI cannot be retired in the future', 'infinity is in the future');
SELECT lives_ok($$ UPDATE public.rk SET retired = '2026-01-10 00:00+00' WHERE id = 1 $$,
                'retired at 2026-01-10 00:00 UTC, the end of its year, is allowed');
SELECT lives_ok($$ INSERT INTO public.rk VALUES (3, '>= 3', '2024-01-01', NULL, 5) $$,
                'a retired KPI frees its slot: the third KPI is accepted');
SELECT is((SELECT count(*) FROM public.rk_log), 0::bigint, 'no override was needed, none logged');

-- A retired KPI is kept as it was; it comes back only under an override
SELECT throws_ok($$ UPDATE public.rk SET threshold = '>= 9' WHERE id = 1 $$, '23514',
                 'a retired KPI is kept as it was: its threshold cannot change', 'its threshold is kept');
SELECT throws_ok($$ UPDATE public.rk SET goal = 6 WHERE id = 1 $$, '23514',
                 'a retired KPI is kept as it was: its column "goal" cannot change', 'its frozen= column is kept');
SELECT throws_ok($$ UPDATE public.rk SET since = '2025-01-01' WHERE id = 1 $$, '23514',
                 'a retired KPI is kept as it was: its start date cannot change', 'its start date is kept');
SELECT throws_ok($$ UPDATE public.rk SET retired = '2026-02-01 00:00+00' WHERE id = 1 $$, '23514',
                 'a retired KPI is kept as it was: its retirement cannot move', 'its retirement does not move');
SELECT throws_ok($$ UPDATE public.rk SET retired = NULL WHERE id = 1 $$, '23514',
                 'a retired KPI stays retired', 'clearing retired is refused without an override');
SET LOCAL okrkpi.override_reason = 'back on the board';
SELECT throws_ok($$ UPDATE public.rk SET retired = NULL WHERE id = 1 $$, '23514',
                 'table "rk" already has 2 KPIs', 'under an override, bringing it back with 2 active KPIs is over max=2');
DELETE FROM public.rk WHERE id = 3;
SELECT lives_ok($$ UPDATE public.rk SET retired = NULL WHERE id = 1 $$,
                'with a free slot, it comes back under the override');
SELECT is((SELECT array[change->>'operation', change->>'rule',
                        ((change->'old'->>'retired')::timestamptz = '2026-01-10 00:00+00')::text, change->'new'->>'retired']
           FROM public.rk_log WHERE reason = 'back on the board'),
          array['UPDATE', 'retired KPIs are kept as retired', 'true', NULL],
          'the override is logged with the old and new retired value');
RESET okrkpi.override_reason;
SET LOCAL TimeZone = 'UTC';

-- A young KPI: retired early only under the owner's override, logged
DELETE FROM public.rk WHERE id = 2;
INSERT INTO public.rk VALUES (3, '>= 3', current_date - 30, NULL, 5);
SELECT throws_ok($$ UPDATE public.rk SET retired = pg_catalog.now() WHERE id = 3 $$, '23514',
                 'a KPI is kept at least a year: it cannot be retired yet', 'a KPI adopted 30 days ago is not retired');
SET LOCAL okrkpi.override_reason = 'the metric was discontinued';
SELECT lives_ok($$ UPDATE public.rk SET retired = pg_catalog.now() WHERE id = 3 $$,
                'under the owner''s override it is retired early');
RESET okrkpi.override_reason;
SELECT is((SELECT array[change->>'operation', change->>'rule', row_key]
           FROM public.rk_log WHERE reason = 'the metric was discontinued'),
          array['UPDATE', 'KPIs are kept at least a year', '3'], 'and the early retirement is logged');
SELECT lives_ok($$ DELETE FROM public.rk WHERE id = 3 $$,
                'a retired KPI may be deleted, however young (it was retired under a logged override)');
SELECT throws_ok($$ INSERT INTO public.rk VALUES (4, '>= 4', current_date - 30, pg_catalog.now(), 5) $$, '23514',
                 'a KPI is kept at least a year: it cannot be retired yet', 'an INSERT of a young KPI already retired is refused too');
SELECT lives_ok($$ INSERT INTO public.rk VALUES (4, '>= 4', '2024-03-01', '2025-03-01 00:00+00', 5) $$,
                'an INSERT of a KPI retired once its year was over is allowed');
SELECT lives_ok($$ INSERT INTO public.rk VALUES (5, '>= 5', '2024-06-01', NULL, 5) $$,
                'and does not count: 1 and 5 are the two active KPIs');

-- TRUNCATE passes over retired KPIs, not over young active ones
DELETE FROM public.rk WHERE id IN (1, 5);
SET LOCAL okrkpi.override_reason = 'moved to another board';
INSERT INTO public.rk VALUES (6, '>= 6', current_date, pg_catalog.now(), 5);
RESET okrkpi.override_reason;
SELECT lives_ok($$ TRUNCATE public.rk $$, 'a table of retired KPIs (one of them young) may be truncated');
INSERT INTO public.rk VALUES (7, '>= 7', current_date, NULL, 5);
SELECT throws_ok($$ TRUNCATE public.rk $$, '23514', NULL, 'a young active KPI still stops TRUNCATE');

-- A date retired= column: its midnight UTC; not after today
CREATE TABLE public.rd (id int PRIMARY KEY, threshold okrkpi.kpi NOT NULL, since date, retired date);
CREATE TRIGGER rules BEFORE INSERT OR UPDATE OR DELETE ON public.rd FOR EACH ROW
    EXECUTE FUNCTION okrkpi.check_kpi('kpi=threshold', 'since=since', 'retired=retired', 'max=1');
INSERT INTO public.rd VALUES (1, '>= 1', '2025-01-10', NULL);
SELECT throws_ok($$ UPDATE public.rd SET retired = '2026-01-09' WHERE id = 1 $$, '23514', NULL,
                 'a date: 2026-01-09 is before the end of the year');
SELECT lives_ok($$ UPDATE public.rd SET retired = '2026-01-10' WHERE id = 1 $$, 'a date: 2026-01-10 is allowed');
SELECT throws_ok($$ UPDATE public.rd SET retired = NULL WHERE id = 1 $$, '23514', 'a retired KPI stays retired',
                 'a date: clearing it is refused');
SELECT throws_ok($$ INSERT INTO public.rd VALUES (2, '>= 1', '2020-01-10', current_date + 1) $$, '23514',
                 'a KPI cannot be retired in the future', 'a date: tomorrow is in the future');

-- "In the future" is after the current time, not after the transaction's
-- start: this transaction began before clock_timestamp() is read
CREATE TABLE public.rc (id int PRIMARY KEY, threshold okrkpi.kpi NOT NULL, since date, retired timestamptz);
CREATE TRIGGER rules BEFORE INSERT OR UPDATE OR DELETE ON public.rc FOR EACH ROW
    EXECUTE FUNCTION okrkpi.check_kpi('kpi=threshold', 'since=since', 'retired=retired');
INSERT INTO public.rc VALUES (1, '>= 1', '2020-01-10', NULL), (2, '>= 1', '2020-01-10', NULL);
SELECT ok(pg_catalog.clock_timestamp() > pg_catalog.now(), 'clock_timestamp() is past the transaction''s start');
SELECT lives_ok($$ UPDATE public.rc SET retired = pg_catalog.clock_timestamp() WHERE id = 1 $$,
                'retired = clock_timestamp() is allowed: it is not later than now');
SELECT throws_ok($$ UPDATE public.rc SET retired = pg_catalog.clock_timestamp() + interval '1 minute' WHERE id = 2 $$, '23514',
                 'a KPI cannot be retired in the future', 'a minute after the current time is still in the future');

-- A retired KPI keeps its plan (plan=): moved to another plan it would count
-- there past the limit; an override moves it, logged
CREATE TABLE public.rp (id int PRIMARY KEY, threshold okrkpi.kpi NOT NULL, board text, since date, retired date);
CREATE TABLE public.rp_log (at timestamptz, by_role text, reason text, table_name text, row_key text, change jsonb);
CREATE TRIGGER guard BEFORE INSERT OR UPDATE OR DELETE ON public.rp_log FOR EACH ROW
    EXECUTE FUNCTION okrkpi.guard_override_log();
CREATE TRIGGER rules BEFORE INSERT OR UPDATE OR DELETE ON public.rp FOR EACH ROW
    EXECUTE FUNCTION okrkpi.check_kpi('kpi=threshold', 'plan=board', 'since=since', 'retired=retired', 'max=1',
                                      'log=public.rp_log');
INSERT INTO public.rp VALUES (1, '>= 1', 'sales', '2020-01-10', '2021-02-01'), (2, '>= 1', 'ops', '2020-01-10', NULL);
SELECT throws_ok($$ UPDATE public.rp SET board = 'ops' WHERE id = 1 $$, '23514',
                 'a retired KPI is kept as it was: its plan (column "board") cannot change',
                 'a retired KPI is not moved to another plan');
SELECT throws_ok($$ UPDATE public.rp SET board = NULL WHERE id = 1 $$, '23514',
                 'a retired KPI is kept as it was: its plan (column "board") cannot change',
                 'nor out of its plan');
SELECT lives_ok($$ UPDATE public.rp SET board = 'finance' WHERE id = 2 $$, 'an active KPI moves to a plan under its limit');
SET LOCAL okrkpi.override_reason = 'filed under finance';
SELECT lives_ok($$ UPDATE public.rp SET board = 'finance' WHERE id = 1 $$,
                'under the owner''s override the retired KPI moves, though finance has max=1 active KPI (it is not active)');
RESET okrkpi.override_reason;
SELECT is((SELECT array[change->>'rule', change->'old'->>'board', change->'new'->>'board']
           FROM public.rp_log WHERE reason = 'filed under finance'),
          array['retired KPIs are kept as retired', 'sales', 'finance'], 'and the move is logged');

-- The hints without retired=
CREATE TABLE public.rn (id int PRIMARY KEY, threshold okrkpi.kpi NOT NULL, since date);
CREATE TRIGGER rules BEFORE INSERT OR UPDATE OR DELETE ON public.rn FOR EACH ROW
    EXECUTE FUNCTION okrkpi.check_kpi('kpi=threshold', 'since=since', 'max=1');
INSERT INTO public.rn VALUES (1, '>= 1', current_date);
SELECT is(pg_temp.hint_of($$ INSERT INTO public.rn VALUES (2, '>= 1', current_date) $$),
          'Delete a KPI that is no longer watched first (allowed once it has been kept a year), or raise the limit (the trigger''s max= argument).',
          'without retired=, the hint says to delete one past its year or raise max=');
DROP TRIGGER rules ON public.rn;
CREATE TRIGGER rules BEFORE INSERT OR UPDATE OR DELETE ON public.rn FOR EACH ROW
    EXECUTE FUNCTION okrkpi.check_kpi('kpi=threshold');
SET LOCAL okrkpi.max_kpis = 1;
SELECT is(pg_temp.hint_of($$ INSERT INTO public.rn VALUES (2, '>= 1', current_date) $$),
          'Delete a KPI that is no longer watched first, or raise the limit (the setting okrkpi.max_kpis).',
          'without since= nor max=, the hint names the setting');
RESET okrkpi.max_kpis;

-- The embedded plan: okrkpi.kpis has retired_at, its 7 KPIs a slot each
INSERT INTO okrkpi.metrics (id, name) VALUES (-1, 'retire test metric');
INSERT INTO okrkpi.kpis (id, metric_id, title, threshold, since)
SELECT -n, -1, 'KPI ' || n, '>= 1', '2025-01-10' FROM generate_series(1, 7) n;
SELECT throws_ok($$ INSERT INTO okrkpi.kpis (id, metric_id, title, threshold) VALUES (-8, -1, 'KPI 8', '>= 1') $$, '23514',
                 'table "kpis" already has 7 KPIs', 'okrkpi.kpis: the 8th KPI is refused');
SELECT is(pg_temp.hint_of($$ INSERT INTO okrkpi.kpis (id, metric_id, title, threshold) VALUES (-8, -1, 'KPI 8', '>= 1') $$),
          'Retire a KPI first: set its column "retired_at" (allowed once it has been kept a year).',
          'okrkpi.kpis: the hint says to set retired_at');
SELECT throws_ok($$ UPDATE okrkpi.kpis SET retired_at = '2026-01-09 23:59:59+00' WHERE id = -1 $$, '23514',
                 'a KPI is kept at least a year: it cannot be retired yet', 'okrkpi.kpis: not before 2026-01-10 00:00 UTC');
SELECT lives_ok($$ UPDATE okrkpi.kpis SET retired_at = '2026-01-10 00:00+00' WHERE id = -1 $$,
                'okrkpi.kpis: retired at 2026-01-10 00:00 UTC');
SELECT lives_ok($$ INSERT INTO okrkpi.kpis (id, metric_id, title, threshold) VALUES (-8, -1, 'KPI 8', '>= 1') $$,
                'okrkpi.kpis: the 8th KPI is accepted once one is retired');
SET LOCAL okrkpi.override_reason = 'undo the retirement';
SELECT throws_ok($$ UPDATE okrkpi.kpis SET retired_at = NULL WHERE id = -1 $$, '23514',
                 'table "kpis" already has 7 KPIs', 'okrkpi.kpis: un-retiring with 7 active is refused by the limit');
RESET okrkpi.override_reason;
SELECT lives_ok($$ DELETE FROM okrkpi.kpis WHERE id = -1 $$, 'okrkpi.kpis: a retired KPI may be deleted');

SELECT * FROM finish();
ROLLBACK;
