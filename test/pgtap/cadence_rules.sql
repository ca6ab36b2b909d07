-- The rules of a plan's cadence, one at a time: one current value for the
-- scoreboard and the roll-forward, alignment inside a cycle, quarters closed
-- in order, the fiscal year fixed once a quarter is closed, and a KPI carried
-- at most once into a quarter.
\ir ../include/setup.sql
SET LOCAL TimeZone = 'UTC';
SET LOCAL client_min_messages = warning;
SELECT plan(21);

-- an October fiscal year: 2027-Q1 is October to December 2026
INSERT INTO fiscal_year VALUES (10);
INSERT INTO cycles (quarter) VALUES ('2027-Q1');
INSERT INTO metrics (name) VALUES ('adoption');
INSERT INTO kpis (metric_id, title, threshold, annual_target, target_date, since)
SELECT id, 'Adoption', '>= 10', 41, '2027-09-30', '2025-01-01' FROM metrics;
INSERT INTO objectives (fiscal_year, title) VALUES (2027, 'a year of adoption');
INSERT INTO objectives (quarter, title, parent_id)
SELECT '2027-Q1', 'adoption this quarter', id FROM objectives WHERE fiscal_year = 2027;
INSERT INTO key_results (objective_id, metric_id, title, plan, kpi_id)
SELECT o.id, m.id, 'Grow adoption from 10 to 20', '10 -> 20', k.id
FROM objectives o, metrics m, kpis k WHERE o.quarter = '2027-Q1';

-- 1. one current value: no measurement, a check-in of 15 on 2026-11-15 (inside 2027-Q1)
INSERT INTO check_ins (key_result_id, at, value, confidence)
SELECT id, '2026-11-15 12:00+00', 15, 6 FROM key_results;
SELECT results_eq($$ SELECT current_value, score, current_source, current_at FROM scoreboard $$,
  $$ VALUES (15::float8, 0.5::float8, 'check_in', '2026-11-15 12:00+00'::timestamptz) $$,
  'the scoreboard scores the check-in inside the fiscal quarter: (15 - 10) / (20 - 10)');

-- 2. alignment stays inside a cycle
INSERT INTO cycles (quarter) VALUES ('2027-Q2');
INSERT INTO objectives (quarter, title) VALUES ('2027-Q2', 'next quarter');
INSERT INTO objectives (fiscal_year, title) VALUES (2028, 'next year');
SELECT throws_ok($$ UPDATE objectives SET parent_id = (SELECT id FROM objectives WHERE quarter = '2027-Q1')
                    WHERE quarter = '2027-Q2' $$, '23514', NULL,
  'a quarterly objective cannot align under an objective of another quarter');
SELECT throws_ok($$ UPDATE objectives SET parent_id = (SELECT id FROM objectives WHERE fiscal_year = 2028)
                    WHERE quarter = '2027-Q2' $$, '23514', NULL,
  'nor under an annual objective of another fiscal year');
SELECT throws_ok($$ UPDATE objectives SET parent_id = (SELECT id FROM objectives WHERE quarter = '2027-Q1')
                    WHERE fiscal_year = 2027 $$, '23514', NULL,
  'an annual objective cannot align under a quarterly one');
SELECT lives_ok($$ UPDATE objectives SET parent_id = (SELECT id FROM objectives WHERE fiscal_year = 2027)
                   WHERE quarter = '2027-Q2' $$,
  'a quarterly objective aligns under an annual objective of its fiscal year');
SELECT throws_ok($$ UPDATE objectives SET fiscal_year = 2028 WHERE fiscal_year = 2027 $$, '23514', NULL,
  'an annual objective cannot move to another year while quarterly objectives of its year align under it');

-- 3. quarters close in order
SELECT throws_ok($$ UPDATE cycles SET closed_at = '2027-04-01' WHERE quarter = '2027-Q2' $$, '55000',
  'quarter 2027-Q2 cannot close while quarter 2027-Q1 is open', 'a quarter closes only after every earlier one');
SELECT throws_ok($$ SELECT roll_forward('2027-Q1') $$, '55000', 'quarter 2027-Q1 is not closed',
  'roll_forward does not roll an open quarter');
SELECT lives_ok($$ UPDATE fiscal_year SET start_month = 7 $$, 'the fiscal year may change while no quarter is closed');
SELECT lives_ok($$ UPDATE fiscal_year SET start_month = 10 $$, 'and back');

-- 4. closing carries the check-in's 15: 15 + (41 - 15) / 3 (2027-Q2, Q3, Q4: the target date
--    2027-09-30 ends fiscal 2027) = 23.67, to one decimal more than "10 -> 20" written: 23.7
UPDATE cycles SET closed_at = '2027-01-01' WHERE quarter = '2027-Q1';
SELECT results_eq($$ SELECT r.plan::text, r.title FROM key_results r JOIN objectives o ON o.id = r.objective_id
                     WHERE o.quarter = '2027-Q2' $$,
  $$ VALUES ('15 -> 23.7', 'Grow adoption from 15 to 23.7') $$,
  'the roll-forward carries the scoreboard''s current value, the check-in''s 15');
SELECT is((SELECT p.fiscal_year FROM objectives c JOIN objectives p ON p.id = c.parent_id
           WHERE c.quarter = '2027-Q2' AND c.rolled_from IS NOT NULL), 2027,
  'the carried objective stays under the annual objective of its fiscal year');
SELECT throws_ok($$ UPDATE fiscal_year SET start_month = 1 $$, '55000',
  'the fiscal year cannot change once a quarter is closed', 'closed quarters keep their days');
SELECT throws_ok($$ DELETE FROM fiscal_year $$, '55000', NULL, 'nor go back to a calendar year');
SELECT throws_ok($$ INSERT INTO cycles (quarter) VALUES ('2026-Q4') $$, '55000',
  'quarter 2026-Q4 cannot be open while the later quarter 2027-Q1 is closed',
  'no quarter is open before a closed one');
SELECT lives_ok($$ INSERT INTO cycles (quarter, closed_at) VALUES ('2026-Q4', '2026-10-01') $$,
  'an earlier quarter may be added closed');

-- 5. closing again carries nothing twice; a KPI gets one key result a quarter
UPDATE cycles SET closed_at = NULL WHERE quarter = '2027-Q1';
UPDATE cycles SET closed_at = '2027-01-02' WHERE quarter = '2027-Q1';
SELECT is((SELECT count(*)::int FROM key_results r JOIN objectives o ON o.id = r.objective_id WHERE o.quarter = '2027-Q2'), 1,
  'reopening and closing again carries nothing twice');
-- the copy forgets where it came from: the KPI still has its key result in 2027-Q2
UPDATE cycles SET closed_at = NULL WHERE quarter = '2027-Q1';
UPDATE key_results r SET rolled_from = NULL FROM objectives o WHERE o.id = r.objective_id AND o.quarter = '2027-Q2';
UPDATE cycles SET closed_at = '2027-01-03' WHERE quarter = '2027-Q1';
SELECT is((SELECT count(*)::int FROM key_results r JOIN objectives o ON o.id = r.objective_id WHERE o.quarter = '2027-Q2'), 1,
  'a KPI that already has a key result in the next quarter gets no second one');
SELECT is(roll_forward('2027-Q1'), 0, 'roll_forward on the closed quarter again: nothing left to carry');

-- 6. nothing is carried into a closed quarter
UPDATE cycles SET closed_at = '2027-04-01' WHERE quarter = '2027-Q2';
SELECT throws_ok($$ SELECT roll_forward('2027-Q1') $$, '55000', 'quarter 2027-Q2 is closed: nothing can be carried into it',
  'roll_forward never writes into a closed quarter');
SELECT throws_ok($$ UPDATE cycles SET closed_at = NULL WHERE quarter = '2027-Q1' $$, '55000',
  'quarter 2027-Q1 cannot be open while the later quarter 2027-Q2 is closed',
  'a quarter reopens only while no later quarter is closed');

SELECT * FROM finish();
ROLLBACK;
