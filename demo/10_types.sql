-- okrkpi demo, part 1: the types at work on the seeds' examples.
SET search_path = okrkpi, public;
\pset null '(none)'

\echo
\echo '== Key results: start -> target @ current, in any unit'
SELECT title, plan, direction(plan) AS direction, unit(plan) AS unit,
       (plan::jsonb ->> 'score')::float8 AS score
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
       threshold::jsonb ->> 'health' AS health
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
