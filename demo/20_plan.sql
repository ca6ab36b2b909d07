-- okrkpi demo, part 2: the embedded plan.  Loads demo/plan.sql (the example
-- objectives, KPIs, key results and check-ins for 2020-Q3), prints what a
-- dashboard would show, closes the quarter and prints the quarter it rolled
-- into.
\set ON_ERROR_STOP 1
SET search_path = okrkpi, public;
SET TimeZone = 'UTC';
\pset null ''
\ir plan.sql

\echo
\echo '== Scoreboard, 2020-Q3 (the view Grafana and Metabase read: plain column types)'
SELECT objective, key_result, plan, round(current_value::numeric, 2) AS current, current_source AS source,
       round(score::numeric, 2) AS score, grade, status, is_kpi
FROM scoreboard WHERE quarter = '2020-Q3' ORDER BY objective_id, key_result_id;

\echo
\echo '== Latest check-ins: confidence (0 to 10) and a note'
SELECT key_result, confidence, note, checked_in_at::date AS checked_in
FROM scoreboard WHERE quarter = '2020-Q3' AND checked_in_at IS NOT NULL ORDER BY key_result_id;

\echo
\echo '== Alignment tree: a company objective scored through the team objectives under it'
SELECT repeat('    ', depth) || objective AS objective, round(own_score::numeric, 3) AS own_key_results,
       round(score::numeric, 3) AS score, grade
FROM objective_tree WHERE quarter = '2020-Q3' ORDER BY path;

\echo
\echo '== KPI board'
SELECT kpi, threshold, round(current_value::numeric, 2) AS current, health,
       round(hit_rate::numeric, 2) AS hit_rate, last_measured_at
FROM kpi_board ORDER BY kpi_id;

\echo
\echo '== Plan lint'
SELECT severity, rule, object, message FROM lint();

\echo
\echo '== Closing 2020-Q3: KPI-linked key results roll into 2020-Q4'
UPDATE cycles SET closed_at = '2020-10-01 09:00+00' WHERE quarter = '2020-Q3';

\echo
\echo '== 2020-Q4: each carried key result starts at Q3''s actual and aims on a straight line at its KPI''s annual target,'
\echo '   rounded as the plan was written; a title keeps its words, only its numbers and its quarter move'
SELECT objective, key_result, plan, current_source AS source, round(score::numeric, 2) AS score, status
FROM scoreboard WHERE quarter = '2020-Q4' ORDER BY objective_id, key_result_id;

\echo
\echo '== 2020-Q4''s alignment tree: the carried objectives came with their parent; 2020-Q3''s tree is as it was'
SELECT quarter, repeat('    ', depth) || objective AS objective, round(score::numeric, 3) AS score, grade
FROM objective_tree WHERE quarter IN ('2020-Q3', '2020-Q4') ORDER BY quarter, path;

\echo
\echo '== A KPI followed through its year: retention 73% -> 75% in Q3, toward 80% for the year'
SELECT kpi, quarter, plan, round(actual::numeric, 2) AS actual, annual_target,
       round(next_quarter_target::numeric, 2) AS next_quarter_needs, closed
FROM kpi_year WHERE kpi = 'Client retention rate' ORDER BY quarter;

\echo
\echo '== Lint as of the close: what the planner must do for 2020-Q4'
SELECT severity, rule, object, message FROM lint('2020-10-01 09:00+00');

\echo
\echo '== Closing again carries nothing twice'
UPDATE cycles SET closed_at = NULL WHERE quarter = '2020-Q3';
UPDATE cycles SET closed_at = '2020-10-01 10:00+00' WHERE quarter = '2020-Q3';
SELECT quarter, count(*) AS key_results FROM scoreboard GROUP BY quarter ORDER BY quarter;
