-- What must survive an update: every plan row (by key and stored values, not
-- by printed form, which later releases may improve) and every score.
SET TimeZone = 'UTC';
SELECT 'cycle', quarter::text, closed_at FROM okrkpi.cycles ORDER BY 2;
SELECT 'metric', id, name, unit, frequency FROM okrkpi.metrics ORDER BY id;
SELECT 'measurements', metric_id, pg_catalog.count(*), pg_catalog.sum(value), pg_catalog.min(at), pg_catalog.max(at)
  FROM okrkpi.measurements GROUP BY metric_id ORDER BY metric_id;
SELECT 'kpi', id, metric_id, title, okrkpi.comparison(threshold), okrkpi.lower_bound(threshold),
       okrkpi.upper_bound(threshold), okrkpi.unit(threshold), annual_target, target_date, since
  FROM okrkpi.kpis ORDER BY id;
SELECT 'objective', id, quarter::text, title, parent_id, rolled_from FROM okrkpi.objectives ORDER BY id;
SELECT 'key_result', id, objective_id, metric_id, title, okrkpi.start_value(plan), okrkpi.target_value(plan),
       okrkpi.current_value(plan), okrkpi.unit(plan), kpi_id, weight, rolled_from
  FROM okrkpi.key_results ORDER BY id;
SELECT 'override', id, reason, table_name, row_key FROM okrkpi.overrides ORDER BY id;
-- Scores to 12 decimals: 0.3.0 prints them to 15 significant digits (no float
-- noise).  0.3.0's scoreboard says where a current value came from
-- (current_source) where 0.2.0 said whether it was measured: 'start' is not.
SELECT 'scoreboard', key_result_id, current_value,
       coalesce(pg_catalog.to_jsonb(s) ->> 'measured', ((pg_catalog.to_jsonb(s) ->> 'current_source') <> 'start')::text),
       round(score::numeric, 12), grade
  FROM okrkpi.scoreboard s ORDER BY key_result_id;
SELECT 'objective_scores', objective_id, round(score::numeric, 12), grade, key_results FROM okrkpi.objective_scores ORDER BY objective_id;
SELECT 'kpi_board', kpi_id, current_value, health, round(hit_rate::numeric, 12), last_measured_at FROM okrkpi.kpi_board ORDER BY kpi_id;
-- the measurements' rows (0.3.0 adds the check-ins' and each cycle's start, source <> 'measurement')
SELECT 'score_history', key_result_id, pg_catalog.count(*), round(pg_catalog.sum(score::numeric), 12), pg_catalog.max(time)
  FROM okrkpi.score_history h WHERE coalesce(pg_catalog.to_jsonb(h) ->> 'source', 'measurement') = 'measurement'
  GROUP BY key_result_id ORDER BY key_result_id;
