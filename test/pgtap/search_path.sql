-- No privilege escalation through search_path (doc/security.md): an
-- unprivileged role with CREATE on public plants operators and functions that
-- shadow the ones okrkpi uses; a superuser then runs every SQL function, view,
-- trigger and the quarter roll-forward under three search_paths, and nothing
-- of the attacker's may run.
\ir ../include/setup.sql
SET LOCAL client_min_messages = warning;
SELECT plan(8);
\ir ../../demo/plan.sql
RESET search_path;
SET search_path = okrkpi, public;

CREATE ROLE okr_attacker;
GRANT CREATE ON SCHEMA public TO okr_attacker;
-- "during" tags each capture with the phase that caused it (okr_test.phase)
CREATE TABLE public.pwned (what text, ran_as name,
                           during text DEFAULT pg_catalog.current_setting('okr_test.phase', true));
GRANT INSERT ON public.pwned TO PUBLIC;

-- The attacker's objects: each records that it ran, and as whom, then answers
-- something plausible so that nothing fails visibly.
SET LOCAL ROLE okr_attacker;
DO $$
DECLARE
    n int := 0;
    op record;
BEGIN
    FOR op IN
        SELECT o.name, t.l, t.r,
               CASE WHEN o.name IN ('+', '-') THEN t.l ELSE 'boolean' END AS result
        FROM unnest(ARRAY['=', '<>', '<', '<=', '>', '>=', '+', '-']) AS o(name),
             (VALUES ('okrkpi.key_result', 'okrkpi.key_result'), ('okrkpi.kpi', 'okrkpi.kpi'),
                     ('okrkpi.quarter', 'okrkpi.quarter'), ('float8', 'float8'), ('text', 'text'),
                     ('name', 'name'), ('bigint', 'bigint'), ('timestamptz', 'timestamptz'),
                     ('date', 'date')) AS t(l, r)
        WHERE NOT (o.name IN ('+', '-') AND t.l IN ('okrkpi.key_result', 'okrkpi.kpi', 'text', 'name',
                                                    'okrkpi.quarter', 'timestamptz', 'date'))
        UNION ALL VALUES ('+', 'okrkpi.quarter', 'integer', 'okrkpi.quarter'),
                         ('-', 'okrkpi.quarter', 'integer', 'okrkpi.quarter'),
                         ('-', 'okrkpi.quarter', 'okrkpi.quarter', 'integer'),
                         ('||', 'text', 'bigint', 'text'), ('||', 'bigint', 'bigint', 'text'),
                         ('||', 'name', 'name', 'text'), ('||', 'text', 'text', 'text'),
                         ('-', 'timestamptz', 'interval', 'timestamptz'),
                         ('+', 'timestamptz', 'interval', 'timestamptz')
    LOOP
        n := n + 1;
        EXECUTE format('CREATE FUNCTION public.evil_%s(%s, %s) RETURNS %s LANGUAGE plpgsql AS %L',
                       n, op.l, op.r, op.result,
                       format('BEGIN INSERT INTO public.pwned VALUES (%L, current_user); RETURN %s; END',
                              op.name || '(' || op.l || ', ' || op.r || ')',
                              CASE op.result WHEN 'boolean' THEN 'false' WHEN 'text' THEN '''x'''
                                             WHEN 'integer' THEN '0' ELSE '$1' END));
        EXECUTE format('CREATE OPERATOR public.%s (LEFTARG = %s, RIGHTARG = %s, FUNCTION = public.evil_%s)',
                       op.name, op.l, op.r, n);
    END LOOP;
    -- functions that shadow pg_catalog's when public comes first
    CREATE FUNCTION public.now() RETURNS timestamptz LANGUAGE plpgsql AS
        $f$ BEGIN INSERT INTO public.pwned VALUES ('now()', current_user); RETURN 'epoch'; END $f$;
    CREATE FUNCTION public.format(text, text, bigint) RETURNS text LANGUAGE plpgsql AS
        $f$ BEGIN INSERT INTO public.pwned VALUES ('format(text, text, bigint)', current_user); RETURN 'x'; END $f$;
    CREATE FUNCTION public.current_setting(text, boolean) RETURNS text LANGUAGE plpgsql AS
        $f$ BEGIN INSERT INTO public.pwned VALUES ('current_setting(text, boolean)', current_user); RETURN 'x'; END $f$;
END $$;
RESET ROLE;

-- The attacker's operators do capture unqualified SQL: the trap is armed.
SET LOCAL okr_test.phase = 'control';
\o /dev/null
SELECT 'objective '::text || 2::bigint;
\o
SELECT pg_catalog.count(*) AS control_captures FROM public.pwned
 WHERE during OPERATOR(pg_catalog.=) 'control' AND what OPERATOR(pg_catalog.=) '||(text, bigint)' \gset

-- Everything okrkpi runs, under one search_path; the changes are rolled back
-- so that each search_path starts from the same plan.
\set workload 'SAVEPOINT workload; SELECT * FROM okrkpi.lint(); SELECT * FROM okrkpi.plan_limits(); SELECT * FROM okrkpi.scoreboard; SELECT * FROM okrkpi.objective_scores; SELECT * FROM okrkpi.kpi_board; SELECT * FROM okrkpi.score_history; SET LOCAL okrkpi.override_reason = \'correcting\'; UPDATE okrkpi.key_results SET plan = \'72% -> 75%\' WHERE id OPERATOR(pg_catalog.=) 1; INSERT INTO okrkpi.key_results (objective_id, title, plan) VALUES (2, \'another\', \'1 -> 2\'); INSERT INTO okrkpi.kpis (metric_id, title, threshold) VALUES (1, \'young\', \'>= 1\'); UPDATE okrkpi.kpis SET threshold = \'>= 2\' WHERE title OPERATOR(pg_catalog.=) \'young\'; DELETE FROM okrkpi.kpis WHERE title OPERATOR(pg_catalog.=) \'young\'; UPDATE okrkpi.cycles SET closed_at = \'2020-10-01 09:00+00\' WHERE closed_at IS NULL; SELECT * FROM okrkpi.scoreboard; SELECT * FROM okrkpi.lint(); ALTER TABLE okrkpi.measurements ALTER COLUMN value SET STATISTICS 100; RELEASE SAVEPOINT workload;'

-- pwned rows (the capture inserts them) survive ROLLBACK TO SAVEPOINT only
-- if taken outside it, so each path is run, its captures copied out, then
-- rolled back.
CREATE TEMP TABLE captured (LIKE public.pwned);
\o /dev/null
SET LOCAL okr_test.phase = '"$user", public';
SAVEPOINT path;
SET LOCAL search_path = "$user", public;
:workload
INSERT INTO pg_temp.captured SELECT * FROM public.pwned WHERE during IS NOT DISTINCT FROM '"$user", public';
ROLLBACK TO SAVEPOINT path;
SET LOCAL okr_test.phase = 'okrkpi, public';
SET LOCAL search_path = okrkpi, public;
:workload
INSERT INTO pg_temp.captured SELECT * FROM public.pwned WHERE during IS NOT DISTINCT FROM 'okrkpi, public';
ROLLBACK TO SAVEPOINT path;
SET LOCAL okr_test.phase = 'public, okrkpi, pg_catalog';
SET LOCAL search_path = public, okrkpi, pg_catalog;
:workload
INSERT INTO pg_temp.captured SELECT * FROM public.pwned WHERE during IS NOT DISTINCT FROM 'public, okrkpi, pg_catalog';
SELECT pg_catalog.count(*) AS overrides_logged FROM okrkpi.overrides \gset
SELECT pg_catalog.count(*) AS q4_objectives FROM okrkpi.objectives
 WHERE okrkpi.quarter_year(quarter) OPERATOR(pg_catalog.=) 2020 AND okrkpi.quarter_number(quarter) OPERATOR(pg_catalog.=) 4 \gset
ROLLBACK TO SAVEPOINT path;
\o
RESET search_path;
-- pgTAP itself is not immune (it lives in public and pins nothing): the
-- assertions run once the attacker's objects are gone.
DROP OWNED BY okr_attacker;
SET search_path = okrkpi, public;
SELECT is(:control_captures::bigint, 1::bigint,
          'control: an unqualified ''text'' || bigint in a superuser''s query runs the attacker''s operator');
SELECT is(:overrides_logged::bigint, 3::bigint,
          'the workload really ran: the start override and two young-KPI overrides were logged');
SELECT is(:q4_objectives::bigint, 3::bigint, 'and the quarter rolled forward (two team objectives and the parent they align under)');
SELECT is_empty($$ SELECT * FROM pg_temp.captured WHERE during = '"$user", public' $$,
                'search_path "$user", public: nothing of the attacker''s ran');
SELECT is_empty($$ SELECT * FROM pg_temp.captured WHERE during = 'okrkpi, public' $$,
                'search_path okrkpi, public: nothing of the attacker''s ran');
SELECT is_empty($$ SELECT * FROM pg_temp.captured WHERE during = 'public, okrkpi, pg_catalog' $$,
                'search_path public, okrkpi, pg_catalog (pg_catalog last): nothing of the attacker''s ran');

-- The rule behind it: every SQL and PL/pgSQL function of the extension pins
-- its search_path to pg_catalog, pg_temp.
SELECT is_empty($$
    SELECT p.oid::regprocedure::text
    FROM pg_proc p
    JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e'
    JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'okrkpi'
    JOIN pg_language l ON l.oid = p.prolang
    WHERE l.lanname IN ('sql', 'plpgsql')
      AND NOT coalesce('search_path=pg_catalog, pg_temp' = ANY (p.proconfig), false)
$$, 'every SQL and PL/pgSQL function of okrkpi runs with search_path = pg_catalog, pg_temp');
SELECT ok((SELECT count(*) FROM pg_proc p JOIN pg_language l ON l.oid = p.prolang
           WHERE p.pronamespace = 'okrkpi'::regnamespace AND l.lanname IN ('sql', 'plpgsql')) >= 3,
          'and there are such functions to check');

SELECT * FROM finish();
ROLLBACK;
