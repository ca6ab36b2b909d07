-- Roles, operators and lint (doc/types.md, doc/plan.md): the types'
-- operators work with any search_path, an ordinary role can use everything on
-- its own tables but not the embedded plan's, and lint judges a plan at the
-- end of its latest quarter.  Values are worked out by hand.
\ir ../include/setup.sql
SET LOCAL TimeZone = 'UTC';
SET LOCAL client_min_messages = warning;
SELECT plan(27);
\ir ../../demo/plan.sql

-- 1. Operators without search_path
SET LOCAL search_path = public;
SELECT public.is((SELECT count(*)::int FROM okrkpi.cycles WHERE quarter = '2020-Q3'), 1,
          'search_path public: quarter = ''2020-Q3''');
SELECT public.is((SELECT (quarter + 1)::text FROM okrkpi.cycles WHERE quarter = '2020-Q3'), '2020-Q4',
          'search_path public: quarter + 1');
SELECT public.is((SELECT count(*)::int FROM okrkpi.key_results WHERE plan = '20 -> 40'), 1,
          'search_path public: key_result = ''20 -> 40''');
SELECT public.is((SELECT count(*)::int FROM okrkpi.kpis WHERE threshold <> '>= 40'), 4,
          'search_path public: kpi <> ''>= 40''');
SELECT public.is((SELECT count(*)::int FROM okrkpi.objectives o JOIN okrkpi.cycles c ON c.quarter = o.quarter), 5,
          'search_path public: a join on quarter columns');
SELECT public.is(('2021-Q1'::okrkpi.quarter - '2020-Q3'::okrkpi.quarter), 2, 'search_path public: quarter - quarter');
-- (pgTAP itself needs public on the path: the answers are taken first, then checked)
SET LOCAL search_path = '';
SELECT (SELECT pg_catalog.count(*) FROM okrkpi.cycles WHERE quarter = '2020-Q3') AS eq_count,
       (SELECT pg_catalog.count(*) FROM okrkpi.cycles WHERE quarter < '2020-Q3') AS lt_count,
       (SELECT pg_catalog.count(*) FROM okrkpi.key_results WHERE plan = '73% -> 75%') AS kr_count,
       ('2020-Q4'::okrkpi.quarter - 1)::text AS previous \gset
UPDATE okrkpi.kpis SET threshold = '>= 74%' WHERE title = 'Client retention rate';
SET LOCAL search_path = public;
SELECT is(:eq_count::int, 1, 'search_path '''': quarter = ''2020-Q3''');
SELECT is(:lt_count::int, 1, 'search_path '''': quarter < ''2020-Q3''');
SELECT is(:kr_count::int, 1, 'search_path '''': key_result = ''73% -> 75%''');
SELECT is(:'previous'::text, '2020-Q3', 'search_path '''': quarter - 1');
SELECT is((SELECT threshold::text FROM okrkpi.kpis WHERE title = 'Client retention rate'), '>= 74%',
          'search_path '''': an UPDATE of okrkpi.kpis runs its rules (the KPI is past its first year)');
SET LOCAL search_path = okrkpi, public;

-- 2. An ordinary role: neither superuser nor owner, no grants
CREATE ROLE okr_user;
GRANT CREATE ON SCHEMA public TO okr_user;
SET LOCAL ROLE okr_user;
SELECT lives_ok($$ CREATE TABLE public.my_goals (id int, objective int, plan okrkpi.key_result,
                                                 due okrkpi.quarter, health okrkpi.kpi) $$,
                'an ordinary role creates a table with okrkpi''s types');
SELECT lives_ok($$ CREATE TRIGGER rules BEFORE INSERT OR UPDATE ON public.my_goals FOR EACH ROW
                   EXECUTE FUNCTION okrkpi.check_key_result('kr=plan', 'objective=objective', 'max=2') $$,
                'and attaches the plan-rule trigger to it');
SELECT lives_ok($$ INSERT INTO public.my_goals VALUES (1, 1, '20 -> 40 @ 30', '2026-Q3', '>= 40 @ 42'),
                                                      (2, 1, '6h -> 45min', '2026-Q3', '<= 2% @ 1.5%') $$,
                'inserts through it');
SELECT throws_ok($$ INSERT INTO public.my_goals VALUES (3, 1, '1 -> 2', '2026-Q3', NULL) $$, '23514',
                 'objective 1 already has 2 key results', 'and its limit holds');
SELECT results_eq($$ SELECT okrkpi.score(plan)::numeric, okrkpi.direction(plan), (due + 1)::text
                     FROM public.my_goals WHERE id = 1 $$,
                  $$ VALUES (0.5, 'increase', '2026-Q4') $$, 'scores, accessors and operators');
SELECT is((SELECT round(okrkpi.objective_score(okrkpi.score(plan, 35))::numeric, 4) FROM public.my_goals WHERE id = 1),
          0.7500, 'aggregates: (35 - 20) / 20');
SELECT throws_ok($$ SELECT * FROM okrkpi.key_results $$, '42501', NULL, 'the embedded plan''s tables stay private');
SELECT throws_ok($$ SELECT * FROM okrkpi.scoreboard $$, '42501', NULL, 'and so do its views, unless granted');
RESET ROLE;

-- 3. lint on the demo plan, judged at the end of 2020-Q3 (the latest planned
-- quarter, years before now): only the real plan problem, the CRM objective
SELECT results_eq($$ SELECT rule, object FROM okrkpi.lint() $$,
  $$ VALUES ('objective_too_few_key_results', 'objective 4 (2020-Q3)'),
            ('only_milestone_key_results', 'objective 4 (2020-Q3)') $$,
  'lint of the demo plan: no stale metric, no missing check-in, and the company objective needs no key results of its own');

-- The roll-forward writes plans and titles as a person would (a title
-- changed before the close: the closed quarter is history afterwards)
UPDATE okrkpi.key_results SET title = 'Make customers love us' WHERE title = 'Increase CSAT from 3.8 to 4.5';
UPDATE okrkpi.cycles SET closed_at = '2020-10-01 09:00+00' WHERE quarter = '2020-Q3';
SELECT results_eq($$ SELECT r.title, r.plan::text FROM okrkpi.key_results r
                     JOIN okrkpi.objectives o ON o.id = r.objective_id
                     WHERE o.quarter = '2020-Q4' ORDER BY r.rolled_from $$,
  $$ VALUES ('Increase client retention rate from 75% to 80% by end of Q4, toward 80% by end of 2020', '75% -> 80%'),
            -- 30.2 + (45 - 30.2) / 3 = 35.1333...: 20, 40 and 45 have no decimals, so one
            ('Increase NPS from 30.2 to 35.1', '30.2 -> 35.1'),
            -- 7313 s = 2.03h as 6h was written; 7313 + (2700 - 7313) / 2 = 5006.5 s = 83.44min as 45min was
            -- the title wrote "45 min": its new number keeps that form
            ('Reduce median first response time from 2.03h to 83.44 min', '2.03h -> 83.44min') $$,
  'carried targets rounded to the plan''s precision plus one decimal; titles that stated the old numbers state the new ones, keeping their other words');
SELECT is(okrkpi.carry_forward('20 -> 40', 30.2, 45, 3)::text, '30.2 -> 35.1', 'carry_forward rounds as the roll-forward does');
SELECT is(okrkpi.carry_forward('2.45 -> 2.5', 2.47, 2.6, 3)::text, '2.47 -> 2.513',
          '2.47 + (2.6 - 2.47) / 3 = 2.51333...: 2.45 has two decimals, so three');
SELECT is((SELECT title FROM okrkpi.key_results WHERE title = 'Make customers love us'), 'Make customers love us',
          'a title that states no numbers is kept as written');

-- 4. lint judges a closed quarter at its end
-- 2020-Q4 needs the metrics of its three carried key results (retention, NPS, first
-- response); not those of the KPIs alone (CSAT, churn): the KPI rows were created today,
-- long after 2020-Q4 ended; not annual recurring revenue, whose key result stayed in
-- 2020-Q3, measured there
SELECT is((SELECT count(*)::int FROM okrkpi.lint() WHERE rule = 'metric_not_measured' AND object LIKE '%(2020-Q4)'), 3,
          'after the close, the three metrics 2020-Q4 needs are stale at its end: nothing was measured in it');
SELECT is((SELECT count(*)::int FROM okrkpi.lint() WHERE rule = 'metric_not_measured'), 3,
          'and 2020-Q3''s metrics, measured in it, are not');
SELECT is((SELECT count(*)::int FROM okrkpi.lint() WHERE rule = 'key_result_not_checked_in' AND object LIKE '%(2020-Q4)'), 3,
          'and the three carried key results have had no check-in or measurement in 2020-Q4');

SELECT * FROM finish();
ROLLBACK;
