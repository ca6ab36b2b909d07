-- The embedded plan (doc/plan.md), on the example plan of demo/plan.sql.
-- Expected values are worked out by hand from the formulas in that file
-- (retention: 73 + (w - 13) x 2/13 in Q3, ending at 75 on 2020-09-30; NPS:
-- 20 + (w - 13) x 0.85, ending at 30.2 on 2020-09-24; first response: 21600 -
-- (d - 91) x 157 + (d mod 7) x 60, ending at 7313 s on 2020-09-30; ...).
\ir ../include/setup.sql
SET LOCAL TimeZone = 'UTC';
SET LOCAL client_min_messages = warning;
SELECT plan(54);
\ir ../../demo/plan.sql
SET search_path = okrkpi, public;

-- views: the documented columns, plain types only
SELECT columns_are('okrkpi', 'scoreboard', ARRAY['quarter', 'objective', 'key_result', 'plan', 'start_value',
  'target_value', 'current_value', 'current_source', 'current_at', 'score', 'grade', 'status', 'is_kpi', 'weight', 'unit',
  'objective_id', 'key_result_id', 'statement', 'confidence', 'note', 'checked_in_at'], 'scoreboard columns');
SELECT columns_are('okrkpi', 'objective_scores', ARRAY['quarter', 'objective', 'score', 'grade', 'key_results', 'objective_id'],
  'objective_scores columns');
SELECT columns_are('okrkpi', 'kpi_board', ARRAY['kpi', 'threshold', 'current_value', 'health', 'hit_rate',
  'last_measured_at', 'annual_target', 'kpi_id'], 'kpi_board columns');
SELECT columns_are('okrkpi', 'score_history', ARRAY['time', 'key_result', 'score', 'quarter', 'key_result_id', 'source'],
  'score_history columns');
SELECT is_empty($$
  SELECT table_name || '.' || column_name || ' ' || data_type FROM information_schema.columns
  WHERE table_schema = 'okrkpi' AND table_name IN ('scoreboard', 'objective_scores', 'kpi_board', 'score_history')
    AND data_type NOT IN ('double precision', 'text', 'boolean', 'timestamp with time zone', 'integer', 'bigint')
$$, 'every view column has a plain type Grafana and Metabase know');
SELECT col_type_is('okrkpi', 'scoreboard', 'score', 'double precision', 'scoreboard.score is float8');
SELECT col_type_is('okrkpi', 'scoreboard', 'quarter', 'text', 'scoreboard.quarter is text');
SELECT col_type_is('okrkpi', 'score_history', 'time', 'timestamp with time zone', 'score_history.time is timestamptz');

-- scoreboard, 2020-Q3
SELECT results_eq($$
  SELECT key_result_id::int, plan, current_value, current_source, current_at, round(score::numeric, 4), grade, status, is_kpi
  FROM scoreboard WHERE quarter = '2020-Q3' ORDER BY key_result_id $$,
  $$ VALUES
    (1, '73% -> 75%', 75::float8, 'measurement', '2020-09-30 12:00+00'::timestamptz, 1.0000, 'green', 'achieved', true),   -- 75 on 2020-09-30
    (2, '20 -> 40', 30.2::float8, 'measurement', '2020-09-24 12:00+00', 0.5100, 'yellow', 'missed', true),            -- (30.2 - 20) / 20; Q3 has ended short of 1
    (3, '2.4% -> 2%', 2.1::float8, 'measurement', '2020-09-30 12:00+00', 0.7500, 'green', 'missed', false),           -- (2.1 - 2.4) / (2 - 2.4)
    (4, '6h -> 45min', 7313::float8, 'measurement', '2020-09-30 12:00+00', 0.7559, 'green', 'missed', true),          -- (7313 - 21600) / (2700 - 21600)
    (5, '3.8 -> 4.5', 4.28::float8, 'measurement', '2020-09-25 12:00+00', 0.6857, 'yellow', 'missed', false),         -- (4.28 - 3.8) / 0.7
    (6, '$2M -> $3M', 2350000::float8, 'measurement', '2020-09-28 12:00+00', 0.3500, 'red', 'missed', false),         -- 2020-04-28 + 5 months
    (7, '0 -> 3 @ 2', 2::float8, 'check_in', '2020-09-25 16:00+00', 0.6667, 'yellow', 'missed', false),              -- no metric: its check-in of 2020-09-25
    (8, '0 -> 4 milestones @ 1', 1::float8, 'check_in', '2020-09-25 16:00+00', 0.2500, 'red', 'missed', false) $$,
  'scoreboard of 2020-Q3: the current value, where it came from and when; Q3 has ended, so each is achieved or missed');
SELECT ok(abs((SELECT current_value FROM scoreboard WHERE key_result_id = 3) - 2.1) < 1e-12, 'churn ended Q3 at 2.1');

-- objective scores, weighted by weight (retention weighs 2)
SELECT results_eq($$ SELECT objective_id::int, round(score::numeric, 4), grade, key_results FROM objective_scores ORDER BY objective_id $$,
  $$ VALUES (1, 0.8150, 'green', 3),     -- (2 x 1 + 0.51 + 0.75) / 4
            (2, 0.7208, 'green', 2),     -- (0.75593 + 0.68571) / 2
            (3, 0.5083, 'yellow', 2),    -- (0.35 + 0.66667) / 2
            (4, 0.2500, 'red', 1) $$,
  'objective scores');
-- weights at the top of their range (0 or 1e-6 to 1e6, test/pgtap/plan_weights.sql).
-- Objective 1's weights 2 : 1 : 1 (key results 1, 2, 3) as 1e6 : 5e5 : 5e5 give the same
-- (2 x 1 + 0.51 + 0.75) / 4; 1e6 : 1 : 1 give (1e6 x 1 + 0.51 + 0.75) / (1e6 + 2), 0.9999993
UPDATE key_results SET weight = CASE id WHEN 1 THEN 1e6 ELSE 5e5 END WHERE objective_id = 1;
SELECT results_eq($$ SELECT objective_id::int, round(score::numeric, 4), grade, key_results FROM objective_scores
                     WHERE objective_id = 1 $$,
  $$ VALUES (1, 0.8150, 'green', 3) $$,
  'objective scores with the largest weights');
UPDATE key_results SET weight = CASE id WHEN 1 THEN 1e6 ELSE 1 END WHERE objective_id = 1;
SELECT results_eq($$ SELECT objective_id::int, round(score::numeric, 4), grade FROM objective_scores ORDER BY objective_id $$,
  $$ VALUES (1, 1.0000, 'green'), (2, 0.7208, 'green'), (3, 0.5083, 'yellow'), (4, 0.2500, 'red') $$,
  'one weight of 1e6 outweighs weights of 1, and the view shows every objective');
UPDATE key_results SET weight = CASE id WHEN 1 THEN 2 ELSE 1 END WHERE objective_id = 1;

-- KPI board
SELECT results_eq($$ SELECT kpi_id::int, threshold, round(current_value::numeric, 2), health, round(hit_rate::numeric, 4), last_measured_at
                     FROM kpi_board ORDER BY kpi_id $$,
  $$ VALUES (1, '>= 73%', 75.00, 'healthy', 0.5185, '2020-09-30 12:00+00'::timestamptz),    -- 14 of 27 weeks >= 73
            (2, '>= 40', 30.20, 'unhealthy', 0.0000, '2020-09-24 12:00+00'::timestamptz),
            (3, '<= 4h', 7313.00, 'healthy', 0.2350, '2020-09-30 12:00+00'::timestamptz),       -- 43 of 183 days <= 4h
            (4, '4.2 .. 4.8', 4.28, 'healthy', 0.1154, '2020-09-25 12:00+00'::timestamptz),    -- 3 of 26 weeks in band
            (5, '<= 2%', 2.10, 'at_risk', 0.0000, '2020-09-30 12:00+00'::timestamptz) $$,     -- missed by 0.1 <= 0.2
  'KPI board');

-- score history: one row per event that set the current value inside the quarter
-- (measurements, check-ins with a value), and a row at the quarter's start
SELECT is((SELECT count(*)::int FROM score_history WHERE key_result_id = 1), 15,
          'retention: its start on 2020-07-01 and 14 weekly measurements in Q3 (its check-in has no value)');
SELECT results_eq($$ SELECT time, source, score FROM score_history WHERE key_result_id = 1 ORDER BY time LIMIT 2 $$,
  $$ VALUES ('2020-07-01 00:00+00'::timestamptz, 'start', 0::float8), ('2020-07-01 12:00+00', 'measurement', 0) $$,
  'retention: its start, 73, scores 0 at the quarter''s first instant, and so does the first Q3 value 73');
SELECT is((SELECT score FROM score_history WHERE key_result_id = 1 ORDER BY time DESC LIMIT 1), 1::float8, 'last Q3 value 75: score 1');
SELECT ok((SELECT bool_and(score IS NOT NULL) FROM score_history), 'every history row has a score');
SELECT is((SELECT count(*)::int FROM score_history WHERE key_result_id = 4), 93, 'first response: its start and 92 daily measurements in Q3');
-- no metric: the plan's own current value from the start, then each check-in's value
SELECT results_eq($$ SELECT key_result_id::int, time, source, score FROM score_history WHERE key_result_id IN (7, 8)
                     ORDER BY key_result_id, time $$,
  $$ VALUES (7, '2020-07-01 00:00+00'::timestamptz, 'plan', 0.666666666666667::float8),  -- 2 of 0 -> 3, to 15 digits
            (7, '2020-08-14 16:00+00', 'check_in', 0.333333333333333),                  -- 1 of 3
            (7, '2020-09-25 16:00+00', 'check_in', 0.666666666666667),                  -- 2 of 3
            (8, '2020-07-01 00:00+00', 'plan', 0.25),                                   -- 1 of 4 milestones
            (8, '2020-09-25 16:00+00', 'check_in', 0.25) $$,
  'key results without a metric have a history: their plan''s current value at the start, then their check-ins');
SELECT is((SELECT array_agg(DISTINCT key_result_id::int ORDER BY key_result_id::int) FROM score_history WHERE quarter = '2020-Q3'),
          ARRAY[1, 2, 3, 4, 5, 6, 7, 8], 'every key result of 2020-Q3 has a score history');

-- lint
SELECT results_eq($$ SELECT rule, object FROM lint() WHERE rule <> 'metric_not_measured' $$,
  $$ VALUES ('objective_too_few_key_results', 'objective 4 (2020-Q3)'), ('only_milestone_key_results', 'objective 4 (2020-Q3)') $$,
  'lint: the CRM objective has one key result, a milestone one');
SELECT results_eq($$ SELECT max_key_results, max_kpis FROM plan_limits() $$, $$ VALUES (5, 7) $$,
                  'plan_limits: the default limits');
SET okrkpi.max_key_results = 2;
SET okrkpi.max_kpis = 4;
SELECT results_eq($$ SELECT rule, object, message FROM lint() WHERE rule IN ('objective_too_many_key_results', 'too_many_kpis') $$,
  $$ VALUES ('objective_too_many_key_results', 'objective 1 (2020-Q3)',
             'objective "Create wildly loyal customers" has 3 key results; an objective needs 2 to 2'),
            ('too_many_kpis', 'kpis', 'the plan has 5 KPIs; a good plan has at most 4') $$,
  'lint judges by the settings okrkpi.max_key_results and okrkpi.max_kpis');
RESET okrkpi.max_key_results;
RESET okrkpi.max_kpis;
SELECT is((SELECT count(*)::int FROM lint() WHERE rule = 'metric_not_measured'), 0,
          'lint: every metric was measured within its frequency of the end of 2020-Q3, the latest planned quarter');
SAVEPOINT stale;
DELETE FROM measurements WHERE at > '2020-08-15' AND metric_id = (SELECT id FROM metrics WHERE name = 'monthly churn rate');
SELECT is((SELECT message FROM lint() WHERE rule = 'metric_not_measured'),
          'metric "monthly churn rate" was last measured 2020-07-30 12:00 UTC, too long before 2020-10-01 00:00 UTC for a metric measured monthly',
          'a metric last measured on 2020-07-30 is stale at the end of 2020-Q3 (monthly)');
ROLLBACK TO SAVEPOINT stale;

-- the rules guard the tables: the same C triggers
SELECT throws_ok($$ INSERT INTO key_results (objective_id, title, plan) VALUES (1, 'x', '5 -> 5') $$, '22023', NULL,
                 'start = target is refused by the type');
SELECT throws_ok($$ UPDATE key_results SET plan = '70% -> 75%' WHERE id = 1 $$, '23514', 'the start value of a key result is frozen',
                 'start frozen');
SELECT throws_ok($$ INSERT INTO key_results (objective_id, title, plan, kpi_id) VALUES (4, 'x', '0 -> 2 milestones', 1) $$,
                 '23514', 'a milestone key result cannot be a KPI', 'a milestone key result is never a KPI');
SELECT throws_ok($$ INSERT INTO key_results (objective_id, title, plan) SELECT 1, 'x', '0 -> 1' FROM generate_series(1, 3) $$,
                 '23514', 'objective 1 already has 5 key results', 'at most 5 key results per objective');
SELECT throws_ok($$ INSERT INTO kpis (metric_id, title, threshold) SELECT 1, 'k' || g, '>= 1' FROM generate_series(1, 3) g $$,
                 '23514', NULL, 'at most 7 KPIs in the plan');
SELECT lives_ok($$ INSERT INTO kpis (metric_id, title, threshold) VALUES (4, 'young KPI', '>= 4') $$, 'a sixth KPI');
SELECT throws_ok($$ DELETE FROM kpis WHERE title = 'young KPI' $$, '23514', NULL, 'a KPI younger than a year stays');

-- overrides are logged with who, when, why, old and new values
SET LOCAL okrkpi.override_reason = 'retention baseline re-read from billing';
UPDATE key_results SET plan = '72.5% -> 75%' WHERE id = 1;
DELETE FROM kpis WHERE title = 'young KPI';
RESET okrkpi.override_reason;
SELECT is((SELECT count(*)::int FROM overrides), 2, 'two overrides logged');
SELECT is((SELECT reason FROM overrides WHERE table_name = 'okrkpi.key_results'), 'retention baseline re-read from billing', 'why');
SELECT is((SELECT row_key FROM overrides WHERE table_name = 'okrkpi.key_results'), '1', 'which row');
SELECT is((SELECT change -> 'old' ->> 'plan' FROM overrides WHERE table_name = 'okrkpi.key_results'), '73% -> 75%', 'old plan logged');
SELECT is((SELECT change -> 'new' ->> 'plan' FROM overrides WHERE table_name = 'okrkpi.key_results'), '72.5% -> 75%', 'new plan logged');
SELECT is((SELECT change ->> 'operation' FROM overrides WHERE table_name = 'okrkpi.kpis'), 'DELETE', 'the KPI deletion logged');
SELECT is((SELECT change -> 'old' ->> 'threshold' FROM overrides WHERE table_name = 'okrkpi.kpis'), '>= 4',
          'with the old values of the columns check_kpi guards (0.3.0: not the whole row)');
SELECT ok((SELECT bool_and(by_role = current_user AND at = now()) FROM overrides), 'who and when');
UPDATE key_results SET plan = with_current(plan, 74) WHERE id = 2;
SELECT is((SELECT count(*)::int FROM overrides), 2, 'changes the rules allow anyway are not logged');
SET LOCAL okrkpi.override_reason = 'put back';
UPDATE key_results SET plan = '73% -> 75%' WHERE id = 1;
RESET okrkpi.override_reason;
UPDATE key_results SET plan = with_current(plan, NULL) WHERE id = 2;

-- roll-forward: closing 2020-Q3
UPDATE cycles SET closed_at = '2020-10-01 09:00+00' WHERE quarter = '2020-Q3';
SELECT ok(EXISTS (SELECT 1 FROM cycles WHERE quarter = '2020-Q4' AND closed_at IS NULL), 'the next cycle is opened');
-- lint as of the close, the list a planner acts on: 2020-Q3's CRM objective as it
-- closed, and the two carried team objectives, which hold only KPIs so far
SELECT results_eq($$ SELECT severity, rule, substring(object FROM '\(([^)]*)\)$'), message
                     FROM lint('2020-10-01 09:00+00') ORDER BY 2, 3 $$,
  $$ VALUES ('todo', 'every_key_result_is_kpi', '2020-Q4',
             'add key results that are not KPIs to objective "Create wildly loyal customers": every key result is a KPI; KPIs watch health, key results push change'),
            ('warning', 'objective_too_few_key_results', '2020-Q3',
             'objective "Implement the new CRM by end of October" has 1 key result(s); an objective needs 2 to 5'),
            ('todo', 'objective_too_few_key_results', '2020-Q4',
             'add key results that are not KPIs to objective "Make support feel human and fast": it has 1, all KPIs; an objective needs 2 to 5'),
            ('warning', 'only_milestone_key_results', '2020-Q3',
             'objective "Implement the new CRM by end of October" has only milestone key results: activities posing as outcomes; add a key result that moves a measured metric') $$,
  'lint as of the close lists only true findings, the new quarter''s as to-dos');
-- the retention example, in the KPI's year: 73% -> 75% in Q3 (closing at 75), then
-- 75 + (80 - 75) / 1 = 80 needed in Q4, the quarter of its target date 2020-12-31
SELECT results_eq($$ SELECT quarter, plan, actual, annual_target, next_quarter_target, closed FROM kpi_year
                     WHERE kpi = 'Client retention rate' AND quarter >= '2020-Q3' ORDER BY quarter $$,
  $$ VALUES ('2020-Q3', '73% -> 75%', 75::float8, 80::float8, 80::float8, true),
            ('2020-Q4', '75% -> 80%', NULL, 80, NULL, false) $$,
  'kpi_year: retention 73% -> 75% in Q3 toward 80% for the year, then 75% -> 80% in Q4');
SELECT results_eq($$ SELECT r.rolled_from::int, r.plan::text, r.kpi_id::int, r.weight, o.rolled_from::int, r.title
                     FROM key_results r JOIN objectives o ON o.id = r.objective_id JOIN key_results p ON p.id = r.rolled_from
                     WHERE o.quarter = '2020-Q4' ORDER BY r.rolled_from $$,
  $$ VALUES (1, '75% -> 80%', 1, 2::float8, 1,                           -- 75 + (80 - 75) / 1
             'Increase client retention rate from 75% to 80% by end of Q4, toward 80% by end of 2020'),
            (2, '30.2 -> 35.1', 2, 1::float8, 1,                         -- 30.2 + (45 - 30.2) / 3 (Q4, Q1, Q2), one decimal
             'Increase NPS from 30.2 to 35.1'),
            (4, '2.03h -> 83.44min', 3, 1::float8, 2,                    -- decreasing: 7313 s = 2.03h, 7313 + (2700 - 7313) / 2 = 83.44min
             'Reduce median first response time from 2.03h to 83.44 min') $$,   -- the title wrote "45 min"
  'KPI-linked key results carried with start = actual and a straight-line target rounded to the plan''s precision, titles restated');
SELECT is((SELECT count(*)::int FROM objectives WHERE quarter = '2020-Q4'), 3,
          'each objective copied once, with the parent both team objectives align under');
SELECT results_eq($$ SELECT current_source, current_at, score, status FROM scoreboard WHERE quarter = '2020-Q4' ORDER BY key_result_id $$,
  $$ VALUES ('start', NULL::timestamptz, 0::float8, 'missed'), ('start', NULL, 0::float8, 'missed'),
            ('start', NULL, 0::float8, 'missed') $$,   -- 2020-Q4 has ended unmeasured
  'a key result with no measurement in its quarter counts as current = start and shows current_source = ''start''');
-- a measurement in Q4 scores the new key result
INSERT INTO measurements SELECT id, '2020-11-15 12:00+00', 77.5 FROM metrics WHERE name = 'client retention rate';
SELECT is((SELECT score FROM scoreboard WHERE quarter = '2020-Q4' AND plan = '75% -> 80%'), 0.5::float8, 'Q4 scored on Q4 measurements');
-- closing twice carries nothing twice
UPDATE cycles SET closed_at = NULL WHERE quarter = '2020-Q3';
UPDATE cycles SET closed_at = now() WHERE quarter = '2020-Q3';
SELECT is((SELECT count(*)::int FROM key_results r JOIN objectives o ON o.id = r.objective_id WHERE o.quarter = '2020-Q4'), 3,
          'closing twice carries nothing twice');
SELECT is(roll_forward('2020-Q3'), 0, 'roll_forward itself is idempotent');
-- reached, expired and unmeasured KPIs are not carried
INSERT INTO metrics (name) VALUES ('new metric');
INSERT INTO kpis (metric_id, title, threshold, annual_target, target_date, since) VALUES
  ((SELECT id FROM metrics WHERE name = 'new metric'), 'never measured', '>= 1', 10, '2021-12-31', '2020-01-01');
INSERT INTO objectives (quarter, title) VALUES ('2020-Q4', 'edge cases');
INSERT INTO key_results (objective_id, metric_id, title, plan, kpi_id) VALUES
  ((SELECT id FROM objectives WHERE title = 'edge cases'), (SELECT id FROM metrics WHERE name = 'client retention rate'),
   'retention again', '75% -> 76%', 1),                                                        -- target date 2020-12-31 passes
  ((SELECT id FROM objectives WHERE title = 'edge cases'), (SELECT id FROM metrics WHERE name = 'new metric'),
   'unmeasured', '0 -> 5', (SELECT id FROM kpis WHERE title = 'never measured'));              -- no measurement
UPDATE kpis SET annual_target = 33 WHERE id = 2;
-- Q4's own measurements: NPS 31, first response 7200 s (2h)
INSERT INTO measurements SELECT id, '2020-12-15 12:00+00', 31 FROM metrics WHERE name = 'net promoter score';
INSERT INTO measurements SELECT id, '2020-12-15 12:00+00', 7200 FROM metrics WHERE name = 'median first response time';
SELECT throws_ok($$ SELECT roll_forward('2020-Q4') $$, '55000', 'quarter 2020-Q4 is not closed',
                 'an open quarter does not roll forward');
-- closing Q4: retention's target date (2020-12-31) has passed, "unmeasured" has no
-- actual; NPS 31 -> 31 + (33 - 31) / 2 (Q1, Q2); first response 2h -> 2700 s (Q1 only)
UPDATE cycles SET closed_at = '2021-01-01' WHERE quarter = '2020-Q4';
SELECT results_eq($$ SELECT r.plan::text FROM key_results r JOIN objectives o ON o.id = r.objective_id
                     WHERE o.quarter = '2021-Q1' ORDER BY r.id $$,
  $$ VALUES ('31 -> 32'), ('2h -> 45min') $$,
  'Q4 closes: expired and unmeasured key results are not carried; the others aim at their annual targets');
-- closing 2021-Q1: NPS reached its annual target 33, first response's target date passed
INSERT INTO measurements SELECT id, '2021-03-15 12:00+00', 34 FROM metrics WHERE name = 'net promoter score';
UPDATE cycles SET closed_at = '2021-04-01' WHERE quarter = '2021-Q1';
SELECT is((SELECT count(*)::int FROM key_results r JOIN objectives o ON o.id = r.objective_id WHERE o.quarter = '2021-Q2'), 0,
          'a reached annual target and a passed target date carry nothing');

SELECT * FROM finish();
ROLLBACK;
