-- What must survive an update from 0.2.0 beyond test/update/plan_state.sql:
-- objective weights and alignment, and check-ins.
SET TimeZone = 'UTC';
SELECT 'objective_weight', id, weight, parent_id FROM okrkpi.objectives ORDER BY id;
SELECT 'check_in', key_result_id, at, value, confidence, note, author FROM okrkpi.check_ins ORDER BY id;
SELECT 'objective_tree', objective_id, depth, score, grade FROM okrkpi.objective_tree ORDER BY path;
SELECT 'check_in_history', key_result_id, time, confidence, score FROM okrkpi.check_in_history ORDER BY time, key_result_id;
