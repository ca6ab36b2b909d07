-- No view fails on a row the tables accept (issue 20): names and titles that
-- name nothing are refused; a metric name okrkpi.statement() cannot use, values
-- at float8's limits, an objective without key results, a quarter without
-- objectives, a closed empty cycle and a KPI never measured are read by every
-- view and by lint.  Scores exact on paper print exact; score_history has a row
-- for every event that set a key result's current value; lint writes
-- frequencies in words and times to the minute.  Expected values are worked
-- out by hand in the comments.
\ir ../include/setup.sql
SET LOCAL TimeZone = 'UTC';
SET LOCAL client_min_messages = warning;
SELECT plan(47);

-- 1. names and titles that name nothing: empty, or only the six white space
-- characters statement() skips
INSERT INTO cycles (quarter) VALUES ('0001-Q1');
UPDATE cycles SET closed_at = '0001-04-01' WHERE quarter = '0001-Q1';   -- closed with nothing in it
INSERT INTO cycles (quarter) VALUES ('2026-Q1'), ('2026-Q2'), ('9999-Q4');   -- 2026-Q2: no objectives
SELECT throws_ok($$ INSERT INTO okrkpi.metrics (name) VALUES ('') $$, '23514', NULL, 'an empty metric name is refused');
SELECT throws_ok($$ INSERT INTO okrkpi.metrics (name) VALUES (E'   \t\n\r\f\v') $$, '23514', NULL,
                 'a metric name of white space only is refused');
SELECT throws_ok($$ INSERT INTO okrkpi.objectives (quarter, title) VALUES ('2026-Q1', ' ') $$, '23514', NULL,
                 'a blank objective title is refused');
INSERT INTO metrics (id, name) VALUES (100, 'blank checks');
INSERT INTO objectives (id, quarter, title) VALUES (100, '2026-Q2', 'blank checks');
SELECT throws_ok($$ INSERT INTO okrkpi.key_results (objective_id, metric_id, title, plan) VALUES (100, 100, E'\t', '0 -> 1') $$,
                 '23514', NULL, 'a blank key result title is refused');
SELECT lives_ok($$ INSERT INTO okrkpi.key_results (objective_id, metric_id, title, plan) VALUES (100, 100, NULL, '0 -> 1') $$,
                'a key result without a title is fine: views show its statement');
SELECT throws_ok($$ INSERT INTO okrkpi.kpis (metric_id, title, threshold) VALUES (100, '', '>= 1') $$, '23514', NULL,
                 'a blank KPI title is refused');
SELECT throws_ok($$ UPDATE okrkpi.metrics SET name = ' ' WHERE id = 100 $$, '23514', NULL,
                 'a metric cannot be renamed to a blank name');
-- an infinite frequency (PostgreSQL 17 has infinite intervals) is never a schedule
SELECT CASE WHEN current_setting('server_version_num')::int >= 170000
            THEN throws_ok($$ INSERT INTO okrkpi.metrics (name, frequency) VALUES ('forever', 'infinity') $$, '23514', NULL,
                           'a metric frequency of infinity is refused')
            ELSE skip('no infinite intervals before PostgreSQL 17', 1) END;
DELETE FROM key_results WHERE objective_id = 100;
DELETE FROM objectives WHERE id = 100;
DELETE FROM metrics WHERE id = 100;

-- 2. the worst rows the tables accept
INSERT INTO metrics (id, name, frequency) VALUES
  (1, 'deliveries from 5 to 3 regions', '1 mon'),   -- holds a plan of its own: statement() refuses it
  (2, 'huge', '1 day'), (3, 'tiny', '7 days'), (4, 'never measured', '14 days'),
  (5, 'FROM 1 To 2', '1 year'),                      -- the same, in capitals
  (6, ' x ', '1 mon 3 days'), (7, 'revenue from partners', '3 mons');
INSERT INTO measurements VALUES
  (1, '2026-02-01', 4),
  (2, '2026-02-01', 1.7976931348623157e308), (2, '2026-02-02', -1.7976931348623157e308),
  (2, 'infinity', 1), (2, '-infinity', 2),
  (3, '2026-02-01', 5e-324), (3, '2026-02-02', -5e-324),
  (5, '2026-02-01', 1.7976931348623157e308), (7, '2026-02-01', 1.5);
INSERT INTO kpis (id, metric_id, title, threshold, annual_target, target_date, since) VALUES
  (1, 2, 'huge KPI', '>= 1.7976931348623157e308', 1.7976931348623157e308, '2026-12-31', '2025-01-01'),
  (2, 4, 'never measured KPI', '<= 5', -1.7976931348623157e308, '2026-12-31', '2025-01-01');
INSERT INTO objectives (id, quarter, title, weight) VALUES
  (1, '2026-Q1', 'bad metric names', 1e6), (2, '2026-Q1', 'limits', 1e-6), (3, '2026-Q1', 'no key results', 0),
  (4, '9999-Q4', 'last', 1);
INSERT INTO objectives (id, fiscal_year, title) VALUES (5, 9999, 'annual last'), (6, 1, 'annual first');
INSERT INTO key_results (id, objective_id, metric_id, title, plan, weight, kpi_id) VALUES
  (1, 1, 1, NULL, '5 -> 3', 1e6, NULL),
  (2, 1, 5, NULL, '0 -> 1', 1e-6, NULL),
  (3, 2, 2, NULL, '-1.7976931348623157e308 -> 1.7976931348623157e308', 1e6, NULL),
  (4, 2, 3, NULL, '0 -> 5e-324', 1e-6, NULL),
  (5, 2, 2, 'huge kpi', '0 -> 1.7976931348623157e308', 0, 1),
  (6, 2, NULL, 'checked in', '1.7976931348623157e308 -> -1.7976931348623157e308 @ 0', 1, NULL),
  (7, 1, 7, NULL, '1 -> 2', 1, NULL),
  (8, 4, 2, NULL, '0 -> 1', 1, NULL),
  (9, 5, 2, NULL, '0 -> 1 @ 1e308', 1, NULL),
  (10, 6, 4, NULL, '0 -> 1', 1, NULL);
INSERT INTO check_ins (id, key_result_id, at, value, confidence) VALUES
  (1, 6, '2026-02-03', -1.7976931348623157e308, 10), (2, 6, '2026-02-04', 1.7976931348623157e308, 0),
  (3, 6, '2026-02-05', NULL, 5),
  (4, 1, '2026-02-01', 2, 3);        -- at the time of a measurement, which wins the tie

SELECT lives_ok($$ SELECT * FROM okrkpi.scoreboard $$, 'scoreboard reads every row');
SELECT lives_ok($$ SELECT * FROM okrkpi.objective_scores $$, 'objective_scores reads every row');
SELECT lives_ok($$ SELECT * FROM okrkpi.objective_tree $$, 'objective_tree reads every row');
SELECT lives_ok($$ SELECT * FROM okrkpi.objective_tree_of('2026-Q1') $$, 'objective_tree_of(2026-Q1) reads');
SELECT lives_ok($$ SELECT * FROM okrkpi.objective_tree_of('FY9999') $$, 'objective_tree_of(FY9999) reads');
SELECT lives_ok($$ SELECT * FROM okrkpi.objective_tree_of('2026-Q2') $$, 'objective_tree_of of a quarter without objectives reads');
SELECT lives_ok($$ SELECT * FROM okrkpi.kpi_board $$, 'kpi_board reads every row');
SELECT lives_ok($$ SELECT * FROM okrkpi.score_history $$, 'score_history reads every row');
SELECT lives_ok($$ SELECT * FROM okrkpi.check_in_history $$, 'check_in_history reads every row');
SELECT lives_ok($$ SELECT * FROM okrkpi.quarters $$, 'quarters reads every row');
SELECT lives_ok($$ SELECT * FROM okrkpi.kpi_year $$, 'kpi_year reads every row');
SELECT lives_ok($$ SELECT * FROM okrkpi.lint('2026-03-01') $$, 'lint reads every row');
SELECT lives_ok($$ SELECT * FROM okrkpi.lint('infinity') $$, 'lint as of infinity reads every row');
SELECT lives_ok($$ SELECT * FROM okrkpi.lint('-infinity') $$, 'lint as of -infinity reads every row');

SELECT results_eq($$ SELECT key_result_id::int, key_result, statement, current_value, current_source, current_at, score
                     FROM scoreboard WHERE objective_id IN (1, 2) ORDER BY key_result_id $$,
  $$ VALUES
    -- no title, a metric statement() refuses: shown by its id; (4 - 5) / (3 - 5); the check-in at the same time loses
    (1, 'key result 1', NULL::text, 4::float8, 'measurement', '2026-02-01 00:00+00'::timestamptz, 0.5::float8),
    (2, 'key result 2', NULL, 1.7976931348623157e308, 'measurement', '2026-02-01 00:00+00', 1),   -- clamped
    -- the newest measurement, -max, is the start: 0
    (3, 'Increase huge from -1.7976931348623157e+308 to 1.7976931348623157e+308',
        'Increase huge from -1.7976931348623157e+308 to 1.7976931348623157e+308',
        -1.7976931348623157e308, 'measurement', '2026-02-02 00:00+00', 0),
    (4, 'Increase tiny from 0 to 5e-324', 'Increase tiny from 0 to 5e-324', -5e-324, 'measurement', '2026-02-02 00:00+00', 0),
    (5, 'huge kpi', 'Increase huge from 0 to 1.7976931348623157e+308', -1.7976931348623157e308, 'measurement', '2026-02-02 00:00+00', 0),
    -- no metric: its newest check-in with a value, back at the start (max): 0
    (6, 'checked in', NULL, 1.7976931348623157e308, 'check_in', '2026-02-04 00:00+00', 0),
    -- a metric with the word "from" that statement() takes; (1.5 - 1) / (2 - 1)
    (7, 'Increase revenue from partners from 1 to 2', 'Increase revenue from partners from 1 to 2', 1.5, 'measurement',
        '2026-02-01 00:00+00', 0.5) $$,
  'the scoreboard of the worst rows: a key result statement() cannot state is shown by its id, values at float8''s limits score');
SELECT results_eq($$ SELECT key_result_id::int, current_value, current_source, current_at, score
                     FROM scoreboard WHERE key_result_id IN (8, 9, 10) ORDER BY key_result_id $$,
  $$ VALUES (8, 0::float8, 'start', NULL::timestamptz, 0::float8),   -- 9999-Q4: nothing yet, current = start
            (9, 1e308, 'plan', NULL, 1),                              -- its plan's own current value, clamped
            (10, 0, 'start', NULL, 0) $$,                             -- FY1, its KPI never measured
  'key results never measured: the plan''s own current value, or the start');
SELECT results_eq($$ SELECT objective_id::int, score, key_results FROM objective_scores ORDER BY objective_id $$,
  $$ VALUES (1, 0.5000000000005::float8, 3),   -- (1e6 x 0.5 + 1e-6 x 1 + 1 x 0.5) / (1e6 + 1e-6 + 1), to 15 digits
            (2, 0::float8, 4),                  -- every weighted score 0 (key result 5 weighs 0)
            (4, 0, 1), (5, 1, 1), (6, 0, 1) $$,
  'objective scores of the worst rows');
SELECT results_eq($$ SELECT objective_id::int, own_score, score, key_results FROM objective_tree ORDER BY path $$,
  $$ VALUES (1, 0.5000000000005::float8, 0.5000000000005::float8, 3), (2, 0, 0, 4),
            (3, NULL, NULL, 0),                 -- an objective with no key results has no score
            (4, 0, 0, 1), (5, 1, 1, 1), (6, 0, 0, 1) $$,
  'the alignment tree of the worst rows');
SELECT results_eq($$ SELECT kpi_id::int, current_value, health, hit_rate, last_measured_at FROM kpi_board ORDER BY kpi_id $$,
  $$ VALUES (1, 1::float8, 'unhealthy', NULL::float8, 'infinity'::timestamptz),   -- the newest is at infinity; the year before it is empty
            (2, NULL, NULL, NULL, NULL) $$,
  'the KPI board: a measurement at infinity, a KPI never measured');
SELECT results_eq($$ SELECT key_result_id::int, score FROM check_in_history ORDER BY time, key_result_id $$,
  $$ VALUES (1, 1::float8),       -- 2 of 5 -> 3: (2 - 5) / (3 - 5) = 1.5, clamped
            (6, 1), (6, 0), (6, NULL) $$,   -- reaches the target -max; back at the start; no value
  'check_in_history of the worst rows');

-- 3. score_history: an event at the time of a measurement (or of a later
-- check-in) never set the current value; each cycle starts with its plan's value
SELECT results_eq($$ SELECT key_result_id::int, time, source, score FROM score_history
                     WHERE key_result_id IN (1, 6, 9, 10) ORDER BY key_result_id, time $$,
  $$ VALUES (1, '2026-01-01 00:00+00'::timestamptz, 'start', 0::float8),
            (1, '2026-02-01 00:00+00', 'measurement', 0.5),               -- not the check-in of the same time
            (6, '2026-01-01 00:00+00', 'plan', 0.5),                      -- 0, half way from max to -max
            (6, '2026-02-03 00:00+00', 'check_in', 1),
            (6, '2026-02-04 00:00+00', 'check_in', 0),                     -- the check-in without a value set nothing
            (9, '9999-01-01 00:00+00', 'plan', 1),                         -- FY9999 starts on 9999-01-01
            (10, '0001-01-01 00:00+00', 'start', 0) $$,
  'score_history: one row per event that set the current value, and the cycle''s start');
INSERT INTO check_ins (id, key_result_id, at, value, confidence) VALUES
  (5, 6, '2026-01-01', 1.7976931348623157e308, 5),   -- at the quarter's first instant: replaces the plan's row
  (6, 6, '2026-02-03', 0, 5);                        -- with 1 at the same time: the later id wins, as on the scoreboard
SELECT results_eq($$ SELECT time, source, score FROM score_history WHERE key_result_id = 6 ORDER BY time $$,
  $$ VALUES ('2026-01-01 00:00+00'::timestamptz, 'check_in', 0::float8),
            ('2026-02-03 00:00+00', 'check_in', 0.5),
            ('2026-02-04 00:00+00', 'check_in', 0) $$,
  'score_history: an event at the cycle''s start replaces its start row; of two check-ins at one time the later counts');
SELECT is((SELECT count(*)::int FROM score_history WHERE time >= '2026-02-02' AND time < '2026-02-04'), 4,
          'a filter on time: 2026-02-02 (key results 3, 4, 5) and 2026-02-03 (key result 6)');

-- 4. lint: frequencies in words, times to the minute in the session's time zone
SELECT results_eq($$ SELECT object, message FROM lint('2026-03-01')
                     WHERE rule = 'metric_not_measured' AND object IN ('metric 2 (2026-Q1)', 'metric 3 (2026-Q1)')
                     ORDER BY object $$,
  $$ VALUES ('metric 2 (2026-Q1)',
             'metric "huge" was last measured 2026-02-02 00:00 UTC, too long before 2026-03-01 00:00 UTC for a metric measured daily'),
            ('metric 3 (2026-Q1)',
             'metric "tiny" was last measured 2026-02-02 00:00 UTC, too long before 2026-03-01 00:00 UTC for a metric measured weekly') $$,
  'lint: stale metrics, their frequency in words, times to the minute');
SET LOCAL TimeZone = 'Europe/Berlin';
SELECT is((SELECT message FROM lint('2026-03-01 12:34:56.789+00') WHERE object = 'metric 3 (2026-Q1)'),
          'metric "tiny" was last measured 2026-02-02 01:00 CET, too long before 2026-03-01 13:34 CET for a metric measured weekly',
          'lint: times in the session''s time zone, without seconds');
SET LOCAL TimeZone = 'UTC';
UPDATE metrics SET frequency = '10 days' WHERE id = 3;
INSERT INTO objectives (id, quarter, title) VALUES (7, '2026-Q2', 'x measured');
INSERT INTO key_results (id, objective_id, metric_id, title, plan) VALUES (18, 7, 6, 'x', '0 -> 1');
SELECT results_eq($$ SELECT object, message FROM lint('2026-05-01 08:15:30+00')
                     WHERE rule = 'metric_not_measured' AND object IN ('metric 3 (2026-Q1)', 'metric 6 (2026-Q2)')
                     ORDER BY object $$,
  $$ VALUES ('metric 3 (2026-Q1)',   -- judged at the quarter's end
             'metric "tiny" was last measured 2026-02-02 00:00 UTC, too long before 2026-04-01 00:00 UTC for a metric measured every 10 days'),
            ('metric 6 (2026-Q2)',
             'metric " x " has no measurement before 2026-05-01 08:15 UTC (measured every 1 month and 3 days)') $$,
  'lint: a metric never measured, frequencies that are no single word');
SELECT is((SELECT message FROM lint('2026-03-01') WHERE rule = 'key_result_not_checked_in' AND object = 'key result 1 (2026-Q1)'),
          'key result "key result 1" has had no check-in or measurement for 28 days while its quarter is open',
          'lint names a key result statement() cannot state by its id (2026-02-01 to 2026-03-01: 28 days)');
SELECT results_eq($$ SELECT f, frequency_words(f::interval) FROM unnest(ARRAY['1 day', '7 days', '14 days', '10 days',
                       '1 mon', '3 mons', '1 year', '2 years', '18 mons', '1 hour', '6 hours', '90 min', '1 min',
                       '1 sec', '1.5 sec', '1 mon 3 days', '1 year 2 hours']) f $$,
  $$ VALUES ('1 day', 'daily'), ('7 days', 'weekly'), ('14 days', 'every 2 weeks'), ('10 days', 'every 10 days'),
            ('1 mon', 'monthly'), ('3 mons', 'quarterly'), ('1 year', 'yearly'), ('2 years', 'every 2 years'),
            ('18 mons', 'every 18 months'), ('1 hour', 'hourly'), ('6 hours', 'every 6 hours'), ('90 min', 'every 90 minutes'),
            ('1 min', 'every minute'), ('1 sec', 'every second'), ('1.5 sec', 'every 1.5 seconds'),
            ('1 mon 3 days', 'every 1 month and 3 days'), ('1 year 2 hours', 'every 1 year and 2 hours') $$,
  'frequency_words: a frequency in plain words');
SELECT is(frequency_words('30 days'), 'every 30 days', 'frequency_words: 30 days are not a month (interval = would say they are)');
SELECT CASE WHEN current_setting('server_version_num')::int >= 170000
            THEN results_eq($$ SELECT okrkpi.frequency_words('infinity') $$, $$ VALUES ('never') $$,
                            'frequency_words: an infinite interval (a row an update left NOT VALID) is never')
            ELSE skip('no infinite intervals before PostgreSQL 17', 1) END;

-- 5. a key result without a title shows its statement, unless statement() would
-- refuse its metric's name: then its id
INSERT INTO metrics (id, name) VALUES (21, 'NPS'), (22, 'time to market'), (23, 'churn from 5 to 3 regions'),
  (24, 'from 5 to 5');
INSERT INTO key_results (id, objective_id, metric_id, title, plan) VALUES
  (21, 7, 21, NULL, '20 -> 40'), (22, 7, 22, NULL, '6h -> 45min'), (23, 7, 23, NULL, '5 -> 3'), (24, 7, 24, NULL, '1 -> 2');
SELECT results_eq($$ SELECT key_result_id::int, key_result, statement FROM scoreboard WHERE key_result_id >= 21 ORDER BY 1 $$,
  $$ VALUES (21, 'Increase NPS from 20 to 40', 'Increase NPS from 20 to 40'),
            (22, 'Reduce time to market from 6h to 45min', 'Reduce time to market from 6h to 45min'),   -- "to" alone is fine
            (23, 'key result 23', NULL::text),     -- the metric states a plan of its own
            (24, 'key result 24', NULL) $$,        -- states one that cannot be (start = target): the guard is cautious
  'scoreboard: a key result statement() cannot state is shown by its id');
SELECT results_eq($$ SELECT DISTINCT key_result FROM score_history WHERE key_result_id IN (22, 23) ORDER BY 1 $$,
  $$ VALUES ('Reduce time to market from 6h to 45min'), ('key result 23') $$,
  'score_history names key results as the scoreboard does');

-- 6. float noise: scores exact on paper print exact
INSERT INTO cycles (quarter) VALUES ('2030-Q1');
INSERT INTO metrics (id, name) VALUES (11, 'm11'), (12, 'm12'), (13, 'm13'), (14, 'm14'), (15, 'm15'), (16, 'm16'), (17, 'm17');
INSERT INTO measurements VALUES (11, '2030-02-01', 35), (12, '2030-02-01', 95), (13, '2030-02-01', 95),
  (14, '2030-02-01', 73), (15, '2030-02-01', 90), (16, '2030-02-01', 0.4), (17, '2030-02-01', 0.263);
INSERT INTO objectives (id, quarter, title) VALUES (11, '2030-Q1', 'three quarters'), (12, '2030-Q1', 'eight fifteen'),
  (13, '2030-Q1', 'fractions');
INSERT INTO key_results (id, objective_id, metric_id, title, plan, weight) VALUES
  (11, 11, 11, 'a', '0 -> 100', 1), (12, 11, 12, 'b', '0 -> 100', 1), (13, 11, 13, 'c', '0 -> 100', 1),
  (14, 12, 14, 'd', '0 -> 100', 3), (15, 12, 15, 'e', '0 -> 100', 3),
  (16, 13, 16, 'f', '0.1 -> 0.5', 1), (17, 13, 17, 'g', '0.1 -> 0.3', 1);
SELECT results_eq($$ SELECT key_result_id::int, score::text FROM scoreboard WHERE quarter = '2030-Q1' AND key_result_id >= 16 ORDER BY 1 $$,
  $$ VALUES (16, '0.75'),      -- (0.4 - 0.1) / (0.5 - 0.1); float8 gives 0.7500000000000001
            (17, '0.815') $$,  -- (0.263 - 0.1) / (0.3 - 0.1); float8 gives 0.8150000000000001
  'scoreboard: scores exact on paper print exact');
SELECT results_eq($$ SELECT objective_id::int, score::text, grade FROM objective_scores WHERE quarter = '2030-Q1' ORDER BY 1 $$,
  $$ VALUES (11, '0.75', 'green'),      -- (0.35 + 0.95 + 0.95) / 3; the running mean gives 0.7499999999999999
            (12, '0.815', 'green'),     -- (3 x 0.73 + 3 x 0.9) / 6
            (13, '0.7825', 'green') $$, -- (0.75 + 0.815) / 2
  'objective_scores: weighted means exact on paper print exact');
SELECT results_eq($$ SELECT objective_id::int, own_score::text, score::text FROM objective_tree WHERE quarter = '2030-Q1' ORDER BY 1 $$,
  $$ VALUES (11, '0.75', '0.75'),
            (12, '0.815', '0.815'),     -- the tree's sum / total gives 0.8150000000000001
            (13, '0.7825', '0.7825') $$,
  'objective_tree: own_score and score exact on paper print exact');

-- 7. a frequency of ages, target dates at the ends of the calendar
INSERT INTO cycles (quarter) VALUES ('2031-Q1');
INSERT INTO metrics (id, name, frequency) VALUES (31, 'once an age', '10000 years');
INSERT INTO measurements VALUES (31, '2031-02-01', 1);
INSERT INTO objectives (id, quarter, title) VALUES (31, '2031-Q1', 'ages');
INSERT INTO key_results (id, objective_id, metric_id, title, plan) VALUES (31, 31, 31, 'an age', '0 -> 2');
SELECT lives_ok($$ SELECT * FROM okrkpi.lint('2031-03-01') $$,
  'lint reads a metric measured every 10000 years (2031-03-01 - 10000 years is before the first timestamp)');
SELECT is_empty($$ SELECT 1 FROM okrkpi.lint('2031-03-01') WHERE rule = 'metric_not_measured' AND object = 'metric 31 (2031-Q1)' $$,
  'a metric measured a month ago is not stale for a frequency of 10000 years');
INSERT INTO kpis (id, metric_id, title, threshold, annual_target, target_date, since) VALUES
  (31, 31, 'after 9999', '>= 1', 5, '10000-01-01', '2025-01-01'),
  (32, 31, 'in year 1', '>= 1', 5, '0001-01-01', '2025-01-01');
SELECT lives_ok($$ SELECT * FROM okrkpi.kpi_year $$, 'kpi_year reads target dates in years 1 and 10000');
SELECT is_empty($$ SELECT 1 FROM okrkpi.kpi_year WHERE kpi_id IN (31, 32) $$,
  'a KPI whose four quarters do not all exist (quarters are of the years 1 to 9999) has no path');

SELECT * FROM finish();
ROLLBACK;
