-- Weights are 0 or from 1e-6 to 1e6 where they are stored, and no view fails on rows the
-- tables accept: 1e308 made objective_tree overflow, 1e-310 broke objective_scores, and
-- deep trees of extreme weights or scores that are subnormal underflowed.
\ir ../include/setup.sql
SET LOCAL client_min_messages = warning;
SELECT plan(21);

-- a planner as doc/plan.md grants it
CREATE ROLE okrkpi_w_planner NOLOGIN;
GRANT SELECT, INSERT, UPDATE, DELETE ON okrkpi.cycles, okrkpi.metrics, okrkpi.measurements,
      okrkpi.kpis, okrkpi.objectives, okrkpi.key_results, okrkpi.check_ins TO okrkpi_w_planner;
GRANT USAGE ON ALL SEQUENCES IN SCHEMA okrkpi TO okrkpi_w_planner;
GRANT SELECT ON okrkpi.scoreboard, okrkpi.objective_scores, okrkpi.objective_tree, okrkpi.kpi_board,
      okrkpi.score_history, okrkpi.check_in_history, okrkpi.quarters, okrkpi.kpi_year TO okrkpi_w_planner;
GRANT SELECT ON okrkpi.fiscal_year TO okrkpi_w_planner;
SET LOCAL ROLE okrkpi_w_planner;

INSERT INTO cycles (quarter) VALUES ('2026-Q1');
INSERT INTO objectives (id, quarter, title) VALUES (1, '2026-Q1', 'root');
SELECT throws_ok($$ INSERT INTO okrkpi.objectives (quarter, title, weight) VALUES ('2026-Q1', 'x', 1e308) $$,
                 '23514', NULL, 'an objective weight of 1e308 is refused');
SELECT throws_ok($$ INSERT INTO okrkpi.objectives (quarter, title, weight) VALUES ('2026-Q1', 'x', 1e-310) $$,
                 '23514', NULL, 'an objective weight of 1e-310 is refused');
SELECT throws_ok($$ INSERT INTO okrkpi.objectives (quarter, title, weight) VALUES ('2026-Q1', 'x', 1.000001e6) $$,
                 '23514', NULL, 'an objective weight just above 1e6 is refused');
SELECT throws_ok($$ INSERT INTO okrkpi.objectives (quarter, title, weight) VALUES ('2026-Q1', 'x', 0.999999e-6) $$,
                 '23514', NULL, 'an objective weight just below 1e-6 is refused');
SELECT throws_ok($$ UPDATE okrkpi.objectives SET weight = 1e308 WHERE id = 1 $$,
                 '23514', NULL, 'an update to 1e308 is refused');
SELECT throws_ok($$ INSERT INTO okrkpi.key_results (objective_id, title, plan, weight) VALUES (1, 'x', '0 -> 1', 1e308) $$,
                 '23514', NULL, 'a key result weight of 1e308 is refused');
SELECT throws_ok($$ INSERT INTO okrkpi.key_results (objective_id, title, plan, weight) VALUES (1, 'x', '0 -> 1', 1e-310) $$,
                 '23514', NULL, 'a key result weight of 1e-310 is refused');
SELECT throws_ok($$ INSERT INTO okrkpi.key_results (objective_id, title, plan, weight) VALUES (1, 'x', '0 -> 1', -1) $$,
                 '23514', NULL, 'a negative key result weight is refused');

-- The extremes accepted.  root <- A (1e6) with a1 (1e6, score 1) and t1 (1e-6, a subnormal
-- score: 1e-20 of 0 -> 1e300 is 1e-320); root <- B (1e-6) with b1 (1e-6, score 0) and a
-- chain B <- D1 <- ... <- D30, each of weight 1e-6 with one key result of weight 1e6 and
-- score 1.  Each D's share of its parent is 1e-6 / (1e6 + 1e-6), about 1e-12, so D30's
-- share of root is about 1e-372: below float8's range.
INSERT INTO metrics (id, name) VALUES (1, 'one'), (2, 'zero'), (3, 'tiny');
INSERT INTO measurements VALUES (1, '2026-02-01', 10), (2, '2026-02-01', 0), (3, '2026-02-01', 1e-20);
INSERT INTO objectives (id, quarter, title, parent_id, weight) VALUES
  (2, '2026-Q1', 'A', 1, 1e6), (3, '2026-Q1', 'B', 1, 1e-6), (4, '2026-Q1', 'zero weight', 1, 0);
INSERT INTO objectives (id, quarter, title, parent_id, weight)
SELECT 100 + i, '2026-Q1', 'D' || i, CASE WHEN i = 1 THEN 3 ELSE 99 + i END, 1e-6 FROM generate_series(1, 30) i;
INSERT INTO key_results (objective_id, metric_id, title, plan, weight) VALUES
  (2, 1, 'a1', '0 -> 10', 1e6), (2, 3, 't1', '0 -> 1e300', 1e-6), (3, 2, 'b1', '0 -> 10', 1e-6),
  (4, 1, 'z1', '0 -> 10', 0);
INSERT INTO key_results (objective_id, metric_id, title, plan, weight)
SELECT 100 + i, 1, 'd' || i, '0 -> 10', 1e6 FROM generate_series(1, 30) i;
SELECT lives_ok($$ INSERT INTO okrkpi.objectives (quarter, title, weight) VALUES ('2026-Q1', 'w1', 1e6), ('2026-Q1', 'w2', 1e-6), ('2026-Q1', 'w0', 0) $$,
                'weights 1e6, 1e-6 and 0 are accepted');

SELECT ok((SELECT score FROM scoreboard WHERE key_result = 't1') BETWEEN 0.9e-320 AND 1.1e-320,
          'the key result t1 scores a subnormal 1e-320');
SELECT is((SELECT count(*)::int FROM scoreboard), 34, 'scoreboard reads all 34 key results');
SELECT lives_ok($$ SELECT * FROM okrkpi.objective_scores $$, 'objective_scores reads');
SELECT lives_ok($$ SELECT * FROM okrkpi.objective_tree $$, 'objective_tree reads');
SELECT is((SELECT count(*)::int FROM objective_tree), 37, 'objective_tree shows all 37 objectives (root, A, B, zero weight, D1 to D30, w1, w2, w0)');
-- A: (1e6 * 1 + 1e-6 * 1e-320) / (1e6 + 1e-6): 1 / (1 + 1e-12)
SELECT ok(abs((SELECT score FROM objective_tree WHERE objective = 'A') - 1 / (1 + 1e-12::float8)) < 1e-15,
          'A scores 1 / (1 + 1e-12)');
SELECT ok(abs((SELECT score FROM objective_scores WHERE objective = 'A') - 1 / (1 + 1e-12::float8)) < 1e-15,
          'objective_scores agrees on A');
-- every D: its own key result scores 1 and its child scores 1: 1
SELECT ok((SELECT bool_and(abs(score - 1) < 1e-12) AND count(*) = 30 FROM objective_tree WHERE objective LIKE 'D%'),
          'each D of the chain scores 1');
-- B: (1e-6 * 0 + 1e-6 * 1) / (1e-6 + 1e-6) = 0.5
SELECT ok(abs((SELECT score FROM objective_tree WHERE objective = 'B') - 0.5) < 1e-12, 'B scores 0.5');
-- root: A counts 1e6, B 1e-6, the zero-weight child nothing, w1, w2, w0 have no score:
-- (1e6 / (1 + 1e-12) + 1e-6 * 0.5) / (1e6 + 1e-6)
SELECT ok(abs((SELECT score FROM objective_tree WHERE objective = 'root')
              - (1e6 / (1 + 1e-12::float8) + 0.5e-6) / (1e6 + 1e-6::float8)) < 1e-15,
          'root scores the weighted mean of A and B');
SELECT lives_ok($$ SELECT * FROM okrkpi.score_history, okrkpi.check_in_history, okrkpi.kpi_board, okrkpi.quarters $$,
                'the other views read too');
-- the earliest times measurements accept: l.at - 1 year fell off timestamptz's range.
-- KPI on metric 4 measured on 4714-12-01 BC (1) and 4714-12-02 BC (3): both inside the
-- window, so 1 of 2 meet >= 2
INSERT INTO metrics (id, name) VALUES (4, 'ancient');
INSERT INTO measurements VALUES (4, '4714-12-01 00:00:00+00 BC', 1), (4, '4714-12-02 00:00:00+00 BC', 3);
INSERT INTO kpis (metric_id, title, threshold) VALUES (4, 'ancient KPI', '>= 2');
SELECT is((SELECT current_value || ':' || hit_rate FROM kpi_board WHERE kpi = 'ancient KPI'), '3:0.5',
          'kpi_board reads measurements on timestamptz''s first days');
RESET ROLE;

SELECT * FROM finish();
ROLLBACK;
