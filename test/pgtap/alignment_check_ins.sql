-- Alignment and check-ins (doc/plan.md): the alignment tree with
-- weighted roll-up, refused alignment cycles, check-ins with confidence, and
-- statements in the scoreboard.  Values are worked out by hand.
\ir ../include/setup.sql
SET LOCAL TimeZone = 'UTC';
SET LOCAL client_min_messages = warning;
SELECT plan(26);
\ir ../../demo/plan.sql
SET search_path = okrkpi, public;

-- 1. The demo's tree: objective 5 (no key results) over objectives 1 and 2
SELECT results_eq($$ SELECT objective_id::int, parent_id::int, depth, round(own_score::numeric, 4), round(score::numeric, 4), grade
                     FROM objective_tree ORDER BY path $$,
  $$ VALUES (3, NULL, 0, 0.5083, 0.5083, 'yellow'),     -- (0.35 + 0.66667) / 2, no children
            (4, NULL, 0, 0.2500, 0.2500, 'red'),
            (5, NULL, 0, NULL, 0.7679, 'green'),        -- (0.815 + 0.72082) / 2
            (1, 5, 1, 0.8150, 0.8150, 'green'),         -- (2 x 1 + 0.51 + 0.75) / 4
            (2, 5, 1, 0.7208, 0.7208, 'green') $$,      -- (0.75593 + 0.68571) / 2
  'the demo''s two-level tree: a company objective scored through its two team objectives');
SELECT columns_are('okrkpi', 'objective_tree', ARRAY['objective_id', 'parent_id', 'quarter', 'objective', 'depth',
  'own_score', 'score', 'grade', 'weight', 'key_results', 'path'], 'objective_tree columns');

-- 2. Hand-made trees in another quarter: key results with a current value and no metric
INSERT INTO cycles (quarter) VALUES ('2021-Q1');
INSERT INTO objectives (id, quarter, title) OVERRIDING SYSTEM VALUE VALUES
  (101, '2021-Q1', 'company'), (102, '2021-Q1', 'team A'), (103, '2021-Q1', 'team B'), (104, '2021-Q1', 'squad under A');
UPDATE objectives SET parent_id = 101 WHERE id IN (102, 103);
INSERT INTO key_results (objective_id, title, plan) VALUES
  (102, 'A done', '0 -> 10 @ 10'), (103, 'B half way', '0 -> 10 @ 5');
SELECT is((SELECT round(score::numeric, 4) FROM objective_tree WHERE objective_id = 101), 0.7500,
          'a company objective with no key results whose children score 1.0 and 0.5 scores 0.75');
UPDATE objectives SET weight = 3 WHERE id = 102;
SELECT is((SELECT round(score::numeric, 4) FROM objective_tree WHERE objective_id = 101), 0.8750,
          'child weights 3 and 1: (3 x 1.0 + 1 x 0.5) / 4');
UPDATE objectives SET weight = 1 WHERE id = 102;
INSERT INTO key_results (objective_id, title, plan) VALUES (101, 'company own', '0 -> 10 @ 0');
SELECT is((SELECT round(score::numeric, 4) FROM objective_tree WHERE objective_id = 101), 0.5000,
          'its own key result (score 0) counts beside the children: (0 + 1.0 + 0.5) / 3');
INSERT INTO key_results (objective_id, title, plan) VALUES (104, 'squad', '0 -> 10 @ 0');
UPDATE objectives SET parent_id = 102 WHERE id = 104;
SELECT results_eq($$ SELECT objective_id::int, depth, round(score::numeric, 4) FROM objective_tree WHERE quarter = '2021-Q1' ORDER BY path $$,
  $$ VALUES (101, 0, 0.3333), (102, 1, 0.5000), (104, 2, 0.0000), (103, 1, 0.5000) $$,
  'three levels: team A is (1.0 + 0) / 2 = 0.5, the company (0 + 0.5 + 0.5) / 3; depth-first by path');
UPDATE objectives SET weight = 0 WHERE id = 104;
SELECT is((SELECT round(score::numeric, 4) FROM objective_tree WHERE objective_id = 102), 1.0000, 'a child of weight 0 does not count');
INSERT INTO objectives (id, quarter, title, parent_id) OVERRIDING SYSTEM VALUE VALUES (105, '2021-Q1', 'empty', 103);
SELECT is((SELECT round(score::numeric, 4) FROM objective_tree WHERE objective_id = 103), 0.5000,
          'a child with no score at all does not count either');
SELECT is((SELECT score FROM objective_tree WHERE objective_id = 105), NULL::float8, 'and has no score itself');

-- 3. Alignment cycles are refused
SELECT throws_ok($$ UPDATE objectives SET parent_id = 104 WHERE id = 101 $$, '23514',
                 'objective 101 cannot be aligned under objective 104: that would make a cycle',
                 'an objective cannot align under its own grandchild');
SELECT throws_ok($$ UPDATE objectives SET parent_id = 102 WHERE id = 102 $$, '23514', NULL, 'nor under itself');
SELECT lives_ok($$ UPDATE objectives SET parent_id = 103 WHERE id = 104 $$, 'moving a subtree elsewhere is fine');

-- Cycles written before the rule existed (0.1.0 had none) do not hang the tree
ALTER TABLE objectives DISABLE TRIGGER check_alignment;
INSERT INTO objectives (id, quarter, title) OVERRIDING SYSTEM VALUE VALUES (201, '2021-Q1', 'loop a'), (202, '2021-Q1', 'loop b');
UPDATE objectives SET parent_id = 202 WHERE id = 201;
UPDATE objectives SET parent_id = 201 WHERE id = 202;
ALTER TABLE objectives ENABLE TRIGGER check_alignment;
SET LOCAL statement_timeout = '20s';
SELECT is((SELECT count(*)::int FROM objective_tree WHERE objective_id IN (201, 202)), 0,
          'objectives caught in an old cycle are left out of the tree, which still answers');
RESET statement_timeout;
SELECT throws_ok($$ UPDATE objectives SET parent_id = 201 WHERE id = 101 $$, '23514',
                 'the objectives above objective 101 already form a cycle',
                 'aligning under an old cycle is refused, not looped over');

-- 4. Check-ins
SELECT throws_ok($$ INSERT INTO check_ins (key_result_id, confidence) VALUES (1, 11) $$, '23514', NULL, 'confidence above 10 refused');
SELECT throws_ok($$ INSERT INTO check_ins (key_result_id, confidence) VALUES (1, -1) $$, '23514', NULL, 'confidence below 0 refused');
SELECT is((SELECT author FROM check_ins WHERE note = 'renewals on track'), 'Customer Success', 'the demo names its authors');
INSERT INTO check_ins (key_result_id, at, confidence, note) VALUES (2, '2020-09-27 12:00+00', 5, 'survey delayed');
SELECT is((SELECT author FROM check_ins WHERE note = 'survey delayed'), current_user::text, 'author defaults to the current role');
SELECT results_eq($$ SELECT key_result_id::int, current_value, confidence, note, checked_in_at FROM scoreboard
                     WHERE key_result_id IN (1, 2, 7) ORDER BY key_result_id $$,
  $$ VALUES (1, 75::float8, 8, 'renewals on track', '2020-09-28 16:00+00'::timestamptz),
            (2, 30.2::float8, 5, 'survey delayed', '2020-09-27 12:00+00'::timestamptz),  -- a check-in without a value scores nothing
            (7, 2::float8, 7, 'second one signed, the third is in legal review', '2020-09-25 16:00+00'::timestamptz) $$,
  'the scoreboard shows the latest check-in of the quarter');
INSERT INTO check_ins (key_result_id, at, value, confidence) VALUES (2, '2020-09-28 12:00+00', 35, 6);
SELECT is((SELECT score FROM scoreboard WHERE key_result_id = 2), 0.75::float8,
          'a check-in value newer than the latest measurement (30.2 on 09-24) scores: (35 - 20) / 20');
INSERT INTO measurements (metric_id, at, value) SELECT metric_id, '2020-09-29 12:00+00', 33 FROM key_results WHERE id = 2;
SELECT is((SELECT score FROM scoreboard WHERE key_result_id = 2), 0.65::float8,
          'a newer measurement wins again: (33 - 20) / 20');
INSERT INTO check_ins (key_result_id, at, value, confidence) VALUES (2, '2020-09-29 12:00+00', 39, 6);
SELECT is((SELECT current_value FROM scoreboard WHERE key_result_id = 2), 33::float8,
          'on a tie of time, the measurement wins');

-- 5. Statements: titles may be left out
SELECT is((SELECT statement FROM scoreboard WHERE key_result_id = 4), 'Reduce median first response time from 6h to 45min',
          'the scoreboard states each key result with a metric');
SELECT is((SELECT statement FROM scoreboard WHERE key_result_id = 7), NULL, 'and none without a metric');
INSERT INTO key_results (objective_id, metric_id, plan)
  SELECT 3, id, '$2.35M -> $2.8M' FROM metrics WHERE name = 'annual recurring revenue';
SELECT is((SELECT key_result FROM scoreboard WHERE plan = '$2.35M -> $2.8M'), 'Increase annual recurring revenue from $2.35M to $2.8M',
          'a key result without a title shows its statement');
SELECT throws_ok($$ INSERT INTO key_results (objective_id, plan) VALUES (3, '1 -> 2') $$, '23514', NULL,
                 'a key result needs a title or a metric to state');

SELECT * FROM finish();
ROLLBACK;
