-- okrkpi demo, part 1: the types and scores at work on everyday examples.
SET search_path = okrkpi, public;
\pset null '(none)'

\echo
\echo '== Key results: start -> target @ current, in any unit'
SELECT title, plan, direction(plan) AS direction, unit(plan) AS unit,
       score(plan) AS score, grade(score(plan)) AS grade
FROM (VALUES
    ('Increase NPS from 20 to 40',                     '20 -> 40 @ 30'::key_result),
    ('Reduce median first response time 6h to 45min', '6h -> 45min @ 2h'),
    ('Increase client retention 73% to 75% (Q3)',      '73% -> 75% @ 75%'),
    ('Grow annual recurring revenue $2M to $3M',       '$2M -> $3M @ $2.4M'),
    ('Move net margin from -5 to 5',                   '-5 -> 5 @ 0'),
    ('Implement the new CRM (4 milestones)',           '0 -> 4 milestones @ 1')
) AS krs(title, plan);

\echo
\echo '== KPIs: thresholds that watch the health of the business'
SELECT title, threshold, comparison(threshold) AS comparison,
       health(threshold) AS health
FROM (VALUES
    ('Maintain NPS above 40',        '>= 40 @ 42'::kpi),
    ('Keep churn at most 2%',        '<= 2% @ 2.1%'),
    ('Keep CSAT between 4.2 and 4.8', '4.2 .. 4.8 @ 3.9')
) AS kpis(title, threshold);

\echo
\echo '== Quarters, calendar and fiscal'
SELECT quarter_of(date '2020-08-15')            AS q3_2020,
       quarter_of(date '2020-08-15') + 1        AS next_quarter,
       period(quarter_of(date '2020-08-15') + 1) AS q4_days,
       quarter_of(date '2026-10-01', 10)        AS fiscal_oct_start;

\echo
\echo '== Bad input is refused with a clear error, never scored as NaN or 50%'
\set ON_ERROR_STOP 0
SELECT '20 -> 20'::key_result;
SELECT '73% -> $75'::key_result;
\set ON_ERROR_STOP 1

\echo
\echo '== Scoring straight from a measurement table'
CREATE TEMP TABLE retention (at timestamptz, value float8);
INSERT INTO retention VALUES ('2020-07-15', 73.2), ('2020-08-15', 73.9), ('2020-09-15', 74.6), ('2020-09-30', 75);
SELECT latest(value, at) AS q3_actual,
       kr_score('73% -> 75%', value, at) AS q3_score,
       status('73% -> 75%', latest(value, at), '2020-Q3'::quarter, '2020-09-30') AS q3_status,
       quarter_target(latest(value, at), 80, 1) AS q4_target
FROM retention;

\echo
\echo '== Statements: a plan as the sentence people write, and back'
SELECT statement('median first response time', '6h -> 45min') AS statement
UNION ALL SELECT statement('client retention rate', '73% -> 75%');
SELECT metric, plan, rest FROM parse_statement('Increase client retention rate from 73% to 75% by end of Q3, toward 80% by end of 2020');
