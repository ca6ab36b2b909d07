-- TRUNCATE of a partitioned table guarded by check_kpi() on its root, under
-- the owner's override: each young KPI is logged with the columns the trigger
-- names, read by name in its own partition, which may number its columns
-- differently from the root (here a partition made on its own, with its
-- columns in another order and one dropped, then attached).
\ir ../include/setup.sql
SET LOCAL client_min_messages = warning;
SELECT plan(3);

CREATE TABLE public.tpl_log (at timestamptz, by_role text, reason text, table_name text, row_key text, change jsonb);
CREATE TRIGGER guard BEFORE INSERT OR UPDATE OR DELETE ON public.tpl_log FOR EACH ROW
    EXECUTE FUNCTION okrkpi.guard_override_log();
CREATE TABLE public.tpl (id int, region text, threshold okrkpi.kpi NOT NULL, since date, title text)
    PARTITION BY LIST (region);
CREATE TABLE public.tpl_a PARTITION OF public.tpl FOR VALUES IN ('a');
CREATE TABLE public.tpl_b (dropped int, since date, title text, region text, id int, threshold okrkpi.kpi NOT NULL);
ALTER TABLE public.tpl_b DROP COLUMN dropped;
ALTER TABLE public.tpl ATTACH PARTITION public.tpl_b FOR VALUES IN ('b');
CREATE TRIGGER rules_truncate BEFORE TRUNCATE ON public.tpl FOR EACH STATEMENT
    EXECUTE FUNCTION okrkpi.check_kpi('kpi=threshold', 'since=since', 'log=public.tpl_log');
INSERT INTO public.tpl (id, region, threshold, since, title)
VALUES (1, 'a', '>= 40', now()::date, 'secret a'), (2, 'b', '<= 2%', now()::date, 'secret b');

SELECT isnt((SELECT attnum FROM pg_attribute WHERE attrelid = 'public.tpl_b'::regclass AND attname = 'since'),
            (SELECT attnum FROM pg_attribute WHERE attrelid = 'public.tpl'::regclass AND attname = 'since'),
            'the attached partition numbers since differently from the root');
SET LOCAL okrkpi.override_reason = 'closing the region';
SELECT lives_ok('TRUNCATE public.tpl', 'the owner truncates under an override');
SELECT results_eq($$ SELECT table_name, change -> 'old' FROM public.tpl_log ORDER BY table_name $$,
                  $$ VALUES ('public.tpl_a', jsonb_build_object('threshold', '>= 40', 'since', now()::date)),
                            ('public.tpl_b', jsonb_build_object('since', now()::date, 'threshold', '<= 2%')) $$,
                  'each young KPI logged with its own threshold and since, not its title');

SELECT * FROM finish();
ROLLBACK;
