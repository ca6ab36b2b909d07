-- What must survive an update from 0.3.0 beyond test/update/plan_state.sql
-- and plan_state-0.2.0.sql: the declared fiscal year, annual objectives, and
-- where each current value comes from.
SET TimeZone = 'UTC';
SELECT 'fiscal_year', start_month FROM okrkpi.fiscal_year;
SELECT 'objective_cycle', id, quarter::text, fiscal_year FROM okrkpi.objectives ORDER BY id;
SELECT 'current', key_result_id, quarter, current_source, current_at FROM okrkpi.scoreboard ORDER BY key_result_id;
