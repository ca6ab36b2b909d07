-- A retired KPI in the embedded plan (doc/plan.md, "Retiring a KPI"): it leaves
-- kpi_board and kpi_year, lint stops counting it, and closing a quarter does not
-- carry its key result.  The demo plan watches 5 KPIs, each since 2020-01-01, so
-- each may be retired from 2021-01-01 00:00 UTC; in 2020-Q3 three key results
-- are KPIs: retention (key result 1), NPS (2) and first response time (4).
\ir ../include/setup.sql
SET LOCAL TimeZone = 'UTC';
SET LOCAL client_min_messages = warning;
SELECT plan(11);
\ir ../../demo/plan.sql
SET search_path = okrkpi, public;

SELECT is((SELECT count(*)::int FROM kpi_board), 5, 'the demo plan watches 5 KPIs');
SET LOCAL okrkpi.max_kpis = 4;
SELECT results_eq($$ SELECT severity, message FROM lint('2020-10-01 09:00+00') WHERE rule = 'too_many_kpis' $$,
  $$ VALUES ('error', 'the plan has 5 KPIs; a good plan has at most 4') $$,
  'with a limit of 4, lint finds 5 KPIs too many');

UPDATE kpis SET retired_at = '2021-01-01 00:00+00' WHERE title = 'Maintain NPS above 40';
SELECT is((SELECT count(*)::int FROM kpi_board), 4, 'a retired KPI leaves the KPI board');
SELECT is_empty($$ SELECT 1 FROM kpi_board WHERE kpi = 'Maintain NPS above 40' $$,
  'the retired KPI is not on the board');
SELECT is_empty($$ SELECT 1 FROM kpi_year WHERE kpi = 'Maintain NPS above 40' $$,
  'nor in kpi_year');
SELECT isnt_empty($$ SELECT 1 FROM kpi_year WHERE kpi = 'Client retention rate' $$,
  'the KPIs still watched stay in kpi_year');
SELECT is_empty($$ SELECT 1 FROM lint() WHERE rule = 'too_many_kpis' $$,
  'lint counts the 4 KPIs still watched: not too many for a limit of 4');
SELECT results_eq($$ SELECT message FROM lint('2020-10-01 09:00+00') WHERE rule = 'too_many_kpis' $$,
  $$ VALUES ('the plan has 5 KPIs; a good plan has at most 4') $$,
  'as of 2020-10-01, before it was retired (2021-01-01), the KPI still counts');
RESET okrkpi.max_kpis;
SELECT is((SELECT is_kpi FROM scoreboard WHERE key_result_id = 2), true,
  'the retired KPI''s key result stays on its quarter''s scoreboard, as a KPI');

-- closing 2020-Q3 carries the key results of the KPIs still watched only
UPDATE cycles SET closed_at = '2020-10-01 09:00+00' WHERE quarter = '2020-Q3';
SELECT results_eq($$ SELECT rolled_from::int FROM key_results WHERE rolled_from IS NOT NULL ORDER BY 1 $$,
  $$ VALUES (1), (4) $$,
  'the retired KPI''s key result (2) is not carried into 2020-Q4; retention (1) and first response (4) are');
SELECT is((SELECT count(*)::int FROM key_results r JOIN objectives o ON o.id = r.objective_id
           WHERE o.quarter = '2020-Q4' AND r.kpi_id = (SELECT id FROM kpis WHERE title = 'Maintain NPS above 40')), 0,
  'no key result of the retired KPI in 2020-Q4');

SELECT * FROM finish();
ROLLBACK;
