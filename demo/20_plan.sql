-- okrkpi demo, part 2: the embedded plan.  Loads demo/plan.sql (the example
-- objectives, KPIs and key results for 2020-Q3), prints what a dashboard
-- would show, closes the quarter and prints the quarter it rolled into.
\set ON_ERROR_STOP 1
SET search_path = okrkpi, public;
SET TimeZone = 'UTC';
\pset null ''
\ir plan.sql

\echo
\echo '== Scoreboard, 2020-Q3 (the view Grafana and Metabase read: plain column types)'
SELECT objective, key_result, plan, round(current_value::numeric, 2) AS current, measured,
       round(score::numeric, 2) AS score, grade, status, is_kpi
FROM scoreboard WHERE quarter = '2020-Q3' ORDER BY objective_id, key_result_id;

\echo
\echo '== Objective scores (weighted by key result weight)'
SELECT quarter, objective, round(score::numeric, 3) AS score, grade, key_results
FROM objective_scores ORDER BY quarter, objective_id;

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
\echo '== 2020-Q4: each carried key result starts at Q3''s actual and aims on a straight line at its KPI''s annual target'
SELECT objective, key_result, plan, measured, round(score::numeric, 2) AS score, status
FROM scoreboard WHERE quarter = '2020-Q4' ORDER BY objective_id, key_result_id;

\echo
\echo '== Closing again carries nothing twice'
UPDATE cycles SET closed_at = NULL WHERE quarter = '2020-Q3';
UPDATE cycles SET closed_at = '2020-10-01 10:00+00' WHERE quarter = '2020-Q3';
SELECT quarter, count(*) AS key_results FROM scoreboard GROUP BY quarter ORDER BY quarter;
