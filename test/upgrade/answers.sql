-- The fixed list of questions test/upgrade/run asks the database before
-- pg_upgrade (PostgreSQL 15) and after it (18); every answer must come back
-- the same.  Printed by psql -A -t -F '|'.  Lines starting with "plan|" are
-- EXPLAIN output, which may differ between the versions: the runner takes
-- them out of the comparison and checks each names its index.  The index
-- queries are appended by the runner (they are generated per index).
\set ON_ERROR_STOP 1
SET client_min_messages = warning;
SET TimeZone = 'UTC';
SET DateStyle = 'ISO, YMD';
SET IntervalStyle = 'postgres';
SET extra_float_digits = 1;
SET search_path = pg_catalog;

-- EXPLAIN (COSTS OFF) of a query as one line
CREATE FUNCTION pg_temp.plan_of(q text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    line text;
    plan text := '';
BEGIN
    FOR line IN EXECUTE 'EXPLAIN (COSTS OFF) ' || q LOOP
        plan := plan || ' / ' || btrim(line);
    END LOOP;
    RETURN plan;
END $$;

-- the catalog: extensions, relations, indexes, triggers, aggregates
SELECT 'extension', extname, extversion FROM pg_extension ORDER BY extname;
SELECT 'relation', n.nspname, c.relname, c.relkind
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname IN ('okrkpi', 'public') AND c.relkind IN ('r', 'p', 'v', 'm', 'i', 'S')
ORDER BY 2, 3;
SELECT 'index', indexrelid::regclass::text, pg_get_indexdef(indexrelid)
FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid
WHERE c.relnamespace IN ('okrkpi'::regnamespace, 'public'::regnamespace)
ORDER BY 2;
SELECT 'trigger', tgrelid::regclass::text, tgname, pg_get_triggerdef(t.oid)
FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
WHERE NOT tgisinternal AND c.relnamespace IN ('okrkpi'::regnamespace, 'public'::regnamespace)
ORDER BY 2, 3;
SELECT 'aggregate', aggfnoid::regprocedure::text, aggtransfn::regproc::text, aggtranstype::regtype::text
FROM pg_aggregate a JOIN pg_proc p ON p.oid = a.aggfnoid
WHERE p.pronamespace IN ('okrkpi'::regnamespace, 'public'::regnamespace)
ORDER BY 2;

-- every row of every table and view of the embedded plan and of the user
-- tables, as text, ordered by that text (a full order), and the row counts
SELECT format('SELECT %L, count(*) FROM %I.%I', 'count ' || n.nspname || '.' || c.relname, n.nspname, c.relname)
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname IN ('okrkpi', 'public') AND c.relkind IN ('r', 'p', 'v', 'm')
ORDER BY n.nspname, c.relname
\gexec
SELECT format('SELECT %L, r::text FROM %I.%I r ORDER BY 2', 'row ' || n.nspname || '.' || c.relname, n.nspname, c.relname)
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname IN ('okrkpi', 'public') AND c.relkind IN ('r', 'p', 'v', 'm')
ORDER BY n.nspname, c.relname
\gexec

-- the plan's functions at fixed moments
SELECT 'objective_tree_of', r::text FROM okrkpi.objective_tree_of('2020-Q3') r ORDER BY 2;
SELECT 'lint', r::text FROM okrkpi.lint('2020-10-01 09:00+00') r ORDER BY 2;

-- the stored values in binary too (each type's send function), and what the
-- stored aggregate states give
SELECT 'send measures', id, okrkpi.key_result_send(kr), okrkpi.kpi_send(k), okrkpi.quarter_send(q)
FROM public.measures ORDER BY id;
SELECT 'send agg_states', grp, okrkpi.latest_state_send(latest), okrkpi.kr_state_send(kr),
       okrkpi.kpi_state_send(kpi), okrkpi.mean_state_send(mean), okrkpi.rate_state_send(rate),
       okrkpi.forecast_state_send(forecast)
FROM public.agg_states ORDER BY grp;
SELECT 'final agg_states', grp, okrkpi.latest_state_final(latest), okrkpi.score(kr),
       okrkpi.kpi_state_final(kpi), okrkpi.mean_state_final(mean), okrkpi.rate_state_final(rate),
       okrkpi.forecast_state_final(forecast)
FROM public.agg_states ORDER BY grp;
SELECT 'merged kr_state', okrkpi.kr_score_merge(kr ORDER BY grp)::text, okrkpi.score(okrkpi.kr_score_merge(kr ORDER BY grp))
FROM public.agg_states;
SELECT 'kr_score over measures', okrkpi.kr_score(kr, value * 10, at) FROM public.measures;
SELECT 'override_log', at, by_role, reason, table_name, row_key, change FROM public.override_log ORDER BY at, row_key;
