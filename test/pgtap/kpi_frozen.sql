-- A young KPI's annual target, target date and metric are frozen like its
-- threshold (check_kpi's frozen=, on okrkpi.kpis): within the KPI's first
-- year they change only under the owner's override, which is logged.
\ir ../include/setup.sql
SET LOCAL client_min_messages = warning;
SELECT plan(18);

\set planner okr_fz_planner
\ir ../include/planner_role.sql

INSERT INTO okrkpi.metrics (id, name) VALUES (-1, 'frozen metric a'), (-2, 'frozen metric b');
INSERT INTO okrkpi.kpis (id, metric_id, title, threshold, annual_target, target_date, since) VALUES
  (-1, -1, 'young', '>= 40', 45, '2027-06-30', current_date),
  (-2, -1, 'old', '>= 40', 45, '2021-06-30', '2020-01-01');

SET LOCAL ROLE okr_fz_planner;
SELECT throws_ok('UPDATE okrkpi.kpis SET annual_target = 50 WHERE id = -1', '23514',
                 'a KPI is kept at least a year: its column "annual_target" cannot change yet',
                 'a planner cannot change a young KPI''s annual target');
SELECT throws_ok('UPDATE okrkpi.kpis SET annual_target = NULL WHERE id = -1', '23514',
                 'a KPI is kept at least a year: its column "annual_target" cannot change yet',
                 'nor remove it');
SELECT throws_ok($$UPDATE okrkpi.kpis SET target_date = '2027-12-31' WHERE id = -1$$, '23514',
                 'a KPI is kept at least a year: its column "target_date" cannot change yet',
                 'nor its target date');
SELECT throws_ok('UPDATE okrkpi.kpis SET metric_id = -2 WHERE id = -1', '23514',
                 'a KPI is kept at least a year: its column "metric_id" cannot change yet',
                 'nor its metric');
SELECT lives_ok('UPDATE okrkpi.kpis SET annual_target = 45.0, title = ''young, renamed'', owner = ''Product'' WHERE id = -1',
                'the same annual target written again, a new title and owner are fine');
SELECT lives_ok($$UPDATE okrkpi.kpis SET annual_target = 50, target_date = '2022-06-30', metric_id = -2 WHERE id = -2$$,
                'a KPI older than a year takes a new annual target, target date and metric');
SET LOCAL okrkpi.override_reason = 'the target was a typo';
SELECT throws_ok('UPDATE okrkpi.kpis SET annual_target = 50 WHERE id = -1', '42501', NULL,
                 'a planner who does not own the table may not override');
RESET okrkpi.override_reason;
RESET ROLE;

SELECT throws_ok('UPDATE okrkpi.kpis SET annual_target = 50 WHERE id = -1', '23514', NULL,
                 'the owner without a reason is refused too');
SET LOCAL okrkpi.override_reason = 'the target was a typo';
SELECT lives_ok('UPDATE okrkpi.kpis SET annual_target = 50 WHERE id = -1',
                'the owner changes the annual target under an override');
RESET okrkpi.override_reason;
SELECT is((SELECT array[change->>'operation', change->>'rule', change->'old'->>'annual_target',
                        change->'new'->>'annual_target', row_key]
           FROM okrkpi.overrides WHERE reason = 'the target was a typo'),
          array['UPDATE', 'KPIs are kept at least a year', '45', '50', '-1'],
          'the override is logged like the others: old and new annual target');
SELECT is((SELECT annual_target FROM okrkpi.kpis WHERE id = -1), 50::float8, 'and made');

-- On a user's own table.
CREATE TABLE public.fz (id int PRIMARY KEY, threshold okrkpi.kpi, since date, goal numeric, note json);
SELECT throws_ok($$CREATE TRIGGER rules BEFORE INSERT OR UPDATE OR DELETE ON public.fz FOR EACH ROW
                   EXECUTE FUNCTION okrkpi.check_kpi('kpi=threshold', 'frozen=goal');
                   INSERT INTO public.fz VALUES (1, '>= 1', current_date, 1)$$, '22023',
                 'check_kpi: frozen= keeps a column for the KPI''s first year and needs since=',
                 'frozen= needs since=');
SELECT throws_ok($$CREATE TRIGGER rules BEFORE INSERT OR UPDATE OR DELETE ON public.fz FOR EACH ROW
                   EXECUTE FUNCTION okrkpi.check_kpi('kpi=threshold', 'since=since', 'frozen=note');
                   INSERT INTO public.fz VALUES (1, '>= 1', current_date, 1)$$, '42804', NULL,
                 'frozen= needs a type with an equality operator (not json)');
SELECT throws_ok($$CREATE TRIGGER rules BEFORE INSERT OR UPDATE OR DELETE ON public.fz FOR EACH ROW
                   EXECUTE FUNCTION okrkpi.check_kpi('kpi=threshold', 'since=since', 'frozen=id', 'frozen=goal',
                     'frozen=id', 'frozen=goal', 'frozen=id', 'frozen=goal', 'frozen=id', 'frozen=goal', 'frozen=id');
                   INSERT INTO public.fz VALUES (1, '>= 1', current_date, 1)$$, '22023',
                 'check_kpi: more than 8 frozen= arguments', 'at most 8 frozen= arguments');
CREATE TRIGGER rules BEFORE INSERT OR UPDATE OR DELETE ON public.fz FOR EACH ROW
  EXECUTE FUNCTION okrkpi.check_kpi('kpi=threshold', 'since=since', 'frozen=goal');
INSERT INTO public.fz VALUES (1, '>= 1', current_date, 1), (2, '>= 1', current_date, NULL);
SELECT lives_ok('UPDATE public.fz SET goal = 1.00 WHERE id = 1',
                'a frozen numeric compares by its type''s equality: 1.00 is 1');
SELECT lives_ok('UPDATE public.fz SET goal = 2 WHERE id = 2',
                'a frozen value missing from the row may be filled in');
SELECT throws_ok('UPDATE public.fz SET goal = 3 WHERE id = 2', '23514',
                 'a KPI is kept at least a year: its column "goal" cannot change yet',
                 'and then stays');
SELECT throws_ok('UPDATE public.fz SET goal = 1.5 WHERE id = 1', '23514', NULL,
                 'a frozen numeric column holds on a user table');

SELECT * FROM finish();
ROLLBACK;
