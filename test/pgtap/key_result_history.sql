-- A key result with a history (check-ins, measurements of its metric in its
-- quarter, a closed quarter) is deleted only under the owner's override, and
-- logged; so deleting one and inserting it again with the same id and a new
-- plan cannot change a frozen start unlogged.  TRUNCATE and the cascade from
-- an objective are guarded the same way.
\ir ../include/setup.sql
SET LOCAL client_min_messages = warning;
SELECT plan(17);

\set planner okr_kh_planner
\ir ../include/planner_role.sql

INSERT INTO okrkpi.cycles (quarter) VALUES ('2031-Q1'), ('2031-Q2');
INSERT INTO okrkpi.metrics (id, name) VALUES (-1, 'history metric'), (-2, 'quiet metric');
INSERT INTO okrkpi.objectives (id, quarter, title) VALUES
  (-1, '2031-Q1', 'measured'), (-2, '2031-Q2', 'fresh'), (-3, '2031-Q1', 'closed later');
INSERT INTO okrkpi.key_results (id, objective_id, metric_id, title, plan) VALUES
  (-1, -1, -1, 'checked in', '20 -> 40'),
  (-2, -1, -1, 'measured', '20 -> 40'),
  (-3, -2, -2, 'nothing yet', '20 -> 40'),
  (-4, -2, -1, 'measured, but in another quarter', '20 -> 40'),
  (-5, -3, -2, 'in a quarter to be closed', '20 -> 40');
INSERT INTO okrkpi.check_ins (key_result_id, at, confidence) VALUES (-1, '2031-02-01', 7);
-- measured in 2031-Q1 (the quarter of -1 and -2), never in 2031-Q2 (the quarter of -4)
INSERT INTO okrkpi.measurements (metric_id, at, value) VALUES (-1, '2031-02-01', 25);

SET LOCAL ROLE okr_kh_planner;
SELECT throws_ok('DELETE FROM okrkpi.key_results WHERE id = -1', '23514',
                 'a key result with a history cannot be deleted',
                 'a planner cannot delete a key result with check-ins');
SELECT throws_ok('DELETE FROM okrkpi.key_results WHERE id = -2', '23514',
                 'a key result with a history cannot be deleted',
                 'nor one whose metric was measured in its quarter');
SELECT lives_ok('DELETE FROM okrkpi.key_results WHERE id = -3',
                'a key result with no history yet is deleted freely');
SELECT lives_ok('DELETE FROM okrkpi.key_results WHERE id = -4',
                'so is one whose metric was measured only outside its quarter');
SELECT throws_ok('DELETE FROM okrkpi.objectives WHERE id = -1', '23514',
                 'an objective whose key results have a history cannot be deleted',
                 'the cascade from an objective cannot take them either');
SET LOCAL okrkpi.override_reason = 'replan';
SELECT throws_ok('DELETE FROM okrkpi.key_results WHERE id = -2', '42501', NULL,
                 'a planner who does not own the table may not override');
RESET okrkpi.override_reason;
RESET ROLE;

UPDATE okrkpi.cycles SET closed_at = '2031-04-01' WHERE quarter = '2031-Q1';
SET LOCAL ROLE okr_kh_planner;
SELECT throws_ok('DELETE FROM okrkpi.key_results WHERE id = -5', '23514',
                 'a key result with a history cannot be deleted',
                 'nor one in a closed quarter');
RESET ROLE;

SELECT throws_ok('DELETE FROM okrkpi.key_results WHERE id = -2', '23514', NULL,
                 'the owner without a reason is refused too');
SELECT throws_ok('TRUNCATE okrkpi.key_results CASCADE', '23514',
                 'a key result with a history is kept: table "key_results" cannot be truncated',
                 'TRUNCATE is refused as DELETE is');
SET LOCAL okrkpi.override_reason = 'replan';
SELECT lives_ok($$DELETE FROM okrkpi.key_results WHERE id = -2;
                  INSERT INTO okrkpi.key_results (id, objective_id, metric_id, title, plan)
                  VALUES (-2, -1, -1, 'measured', '10 -> 40')$$,
                'the owner deletes it under an override, and may insert it again with a new plan');
RESET okrkpi.override_reason;
SELECT is((SELECT array[change->>'operation', change->>'rule', change->'old'->>'plan', row_key]
           FROM okrkpi.overrides WHERE reason = 'replan' AND change->>'operation' = 'DELETE'),
          array['DELETE', 'key results with a history are kept', '20 -> 40', '-2'],
          'the deletion is logged with the old plan');
SELECT is((SELECT array[change->>'operation', change->>'rule', change->'new'->>'plan', row_key]
           FROM okrkpi.overrides WHERE reason = 'replan' AND change->>'operation' = 'INSERT'),
          array['INSERT', 'closed quarters are history', '10 -> 40', '-2'],
          'and so is the insertion: its quarter is closed');
SELECT is((SELECT plan::text FROM okrkpi.key_results WHERE id = -2), '10 -> 40', 'and made');
SET LOCAL okrkpi.override_reason = 'start over';
SELECT lives_ok('DELETE FROM okrkpi.check_ins WHERE key_result_id = -1; TRUNCATE okrkpi.key_results CASCADE',
                'the owner truncates under an override');
RESET okrkpi.override_reason;
SELECT is((SELECT array_agg(row_key ORDER BY row_key) FROM okrkpi.overrides
           WHERE reason = 'start over' AND change->>'operation' = 'TRUNCATE'),
          ARRAY['-1', '-2', '-5'],
          'each key result with a history is logged: measured in its quarter, or in a closed one');
SELECT is((SELECT count(*) FROM okrkpi.key_results), 0::bigint, 'and the table is empty');
-- (its quarter is closed: the owner deletes it under an override)
SET LOCAL okrkpi.override_reason = 'start over';
SELECT lives_ok('DELETE FROM okrkpi.objectives WHERE id = -1',
                'an objective whose key results are gone may be deleted');
RESET okrkpi.override_reason;

SELECT * FROM finish();
ROLLBACK;
