-- What must survive an update from 0.2.0 beyond test/update/plan_state.sql:
-- objective weights and alignment, and check-ins.
SET TimeZone = 'UTC';
SELECT 'objective_weight', id, weight, parent_id FROM okrkpi.objectives ORDER BY id;
SELECT 'check_in', key_result_id, at, value, confidence, note, author FROM okrkpi.check_ins ORDER BY id;
-- scores to 12 decimals: the tree's sums may add the same terms in another order
-- from one release or PostgreSQL major to the next (a last-bit difference)
SELECT 'objective_tree', objective_id, depth, round(score::numeric, 12), grade FROM okrkpi.objective_tree ORDER BY path;
SELECT 'check_in_history', key_result_id, time, confidence, round(score::numeric, 12) FROM okrkpi.check_in_history ORDER BY time, key_result_id;
