-- The plan's views run with the reader's rights (security_invoker), so row-level
-- security on the plan tables applies through every one of them.  As a view owner's
-- query, the demo plan showed a reader 1 key result in key_results and 8 in scoreboard.
\ir ../include/setup.sql
SET LOCAL client_min_messages = warning;
\ir ../../demo/plan.sql
\ir ../../dashboards/reader.sql
SET search_path = okrkpi, public;
SELECT plan(15);

SELECT is(count(*)::int, 8, 'every view of the plan is created WITH (security_invoker = true)')
FROM pg_class c
WHERE c.relnamespace = 'okrkpi'::regnamespace AND c.relkind = 'v'
  AND 'security_invoker=true' = ANY (c.reloptions);
SELECT is(count(*)::int, 0, 'and there is no other view')
FROM pg_class c
WHERE c.relnamespace = 'okrkpi'::regnamespace AND c.relkind = 'v'
  AND NOT coalesce('security_invoker=true' = ANY (c.reloptions), false);

-- check-ins on two key results, inside 2020-Q3
INSERT INTO check_ins (key_result_id, at, value, confidence, note)
SELECT r.id, '2020-08-03 12:00+00', NULL, 7, 'on track' FROM key_results r
WHERE r.title IN ('Grow ARR from $2M to $3M', 'Increase NPS from 20 to 40');

-- a dashboard role sees one objective, its one key result, one KPI and one quarter
CREATE ROLE okrkpi_rls_dashboard NOLOGIN IN ROLE okrkpi_reader;
ALTER TABLE key_results ENABLE ROW LEVEL SECURITY;
ALTER TABLE objectives ENABLE ROW LEVEL SECURITY;
ALTER TABLE kpis ENABLE ROW LEVEL SECURITY;
ALTER TABLE cycles ENABLE ROW LEVEL SECURITY;
CREATE POLICY arr ON key_results FOR SELECT TO okrkpi_rls_dashboard USING (title = 'Grow ARR from $2M to $3M');
CREATE POLICY growth ON objectives FOR SELECT TO okrkpi_rls_dashboard USING (title = 'Grow the business');
CREATE POLICY churn ON kpis FOR SELECT TO okrkpi_rls_dashboard USING (title = 'Keep churn at most 2%');
CREATE POLICY q3 ON cycles FOR SELECT TO okrkpi_rls_dashboard USING (quarter = '2020-Q3');
CREATE TEMP TABLE arr AS SELECT id FROM key_results WHERE title = 'Grow ARR from $2M to $3M';
GRANT SELECT ON arr TO okrkpi_rls_dashboard;

SET LOCAL ROLE okrkpi_rls_dashboard;
SELECT is((SELECT count(*)::int FROM key_results), 1, 'the table shows the dashboard one key result');
SELECT is((SELECT array_agg(key_result) FROM scoreboard), ARRAY['Grow ARR from $2M to $3M'],
          'scoreboard shows that key result only (not the 8 of the plan)');
SELECT is((SELECT array_agg(objective || ':' || key_results) FROM objective_scores), ARRAY['Grow the business:1'],
          'objective_scores shows its objective, scored on the one key result');
SELECT is((SELECT array_agg(objective || ':' || depth) FROM objective_tree), ARRAY['Grow the business:0'],
          'objective_tree shows the one objective it may see');
SELECT is((SELECT array_agg(kpi) FROM kpi_board), ARRAY['Keep churn at most 2%'], 'kpi_board shows the one KPI');
SELECT is((SELECT array_agg(objective || ':' || depth) FROM objective_tree_of('2020-Q3')), ARRAY['Grow the business:0'],
          'objective_tree_of, the tree panel''s function, shows it the same one objective');
SELECT is((SELECT array_agg(DISTINCT kpi) FROM kpi_year), ARRAY['Keep churn at most 2%'], 'kpi_year shows the one KPI''s year');
SELECT is((SELECT array_agg(quarter) FROM quarters), ARRAY['2020-Q3'], 'quarters shows the one quarter');
SELECT is((SELECT count(*)::int FROM score_history WHERE key_result_id <> (SELECT id FROM arr)), 0,
          'score_history shows no other key result''s scores');
SELECT is((SELECT array_agg(key_result_id) FROM check_in_history), ARRAY[(SELECT id FROM arr)],
          'check_in_history shows the check-in of that key result only (of two)');
RESET ROLE;

-- the owner still sees everything, and a reader without SELECT on the tables reads nothing
SELECT is((SELECT count(*)::int FROM scoreboard), 8, 'the tables'' owner sees all 8 key results');
SELECT is((SELECT count(*)::int FROM check_in_history), (SELECT count(*)::int FROM check_ins), 'and every check-in (the demo''s and the two above)');
CREATE ROLE okrkpi_views_only NOLOGIN;
GRANT SELECT ON scoreboard TO okrkpi_views_only;
SET LOCAL ROLE okrkpi_views_only;
SELECT throws_ok($$ SELECT * FROM okrkpi.scoreboard $$, '42501', NULL,
                 'SELECT on a view alone no longer reads the tables behind it');
RESET ROLE;

SELECT * FROM finish();
ROLLBACK;
