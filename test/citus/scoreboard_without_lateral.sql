-- WORKAROUND, test only: okrkpi.scoreboard (and objective_scores, built on it)
-- cannot be planned by Citus when okrkpi.measurements is distributed: its
-- LEFT JOIN LATERAL lets a distributed subquery (measurements) refer to the
-- reference tables key_results and objectives on the outer side, and Citus
-- refuses that with 0A000 "cannot perform a lateral outer join when a
-- distributed subquery references a reference table".
--
-- These views are the rewrite suggested for okrkpi: the same columns and rows,
-- with the latest measurement inside each key result's quarter computed by a
-- grouped join (pushed to the shards, latest() combined on the coordinator)
-- and outer-joined by key result id, which Citus plans by running the grouped
-- join first.  test/citus/run compares them with okrkpi.scoreboard and
-- okrkpi.objective_scores on one node.
CREATE SCHEMA citus_workaround;

CREATE VIEW citus_workaround.scoreboard AS
SELECT o.quarter::text AS quarter,
       o.title AS objective,
       r.title AS key_result,
       r.plan::text AS plan,
       okrkpi.start_value(r.plan) AS start_value,
       okrkpi.target_value(r.plan) AS target_value,
       coalesce(l.value, okrkpi.current_value(r.plan), okrkpi.start_value(r.plan)) AS current_value,
       (l.value IS NOT NULL OR okrkpi.current_value(r.plan) IS NOT NULL) AS measured,
       okrkpi.score(r.plan, coalesce(l.value, okrkpi.current_value(r.plan), okrkpi.start_value(r.plan))) AS score,
       okrkpi.grade(okrkpi.score(r.plan, coalesce(l.value, okrkpi.current_value(r.plan), okrkpi.start_value(r.plan))))::text AS grade,
       okrkpi.status(r.plan, coalesce(l.value, okrkpi.current_value(r.plan)), o.quarter, pg_catalog.now())::text AS status,
       (r.kpi_id IS NOT NULL) AS is_kpi,
       r.weight,
       okrkpi.unit(r.plan) AS unit,
       l.at AS measured_at,
       o.id AS objective_id,
       r.id AS key_result_id
FROM okrkpi.key_results r
JOIN okrkpi.objectives o ON o.id = r.objective_id
LEFT JOIN (
    SELECT r2.id AS key_result_id, okrkpi.latest(m.value, m.at) AS value, pg_catalog.max(m.at) AS at
    FROM okrkpi.key_results r2
    JOIN okrkpi.objectives o2 ON o2.id = r2.objective_id
    JOIN okrkpi.measurements m ON m.metric_id = r2.metric_id
     AND m.at >= okrkpi.quarter_start(o2.quarter)::timestamptz
     AND m.at < okrkpi.quarter_end(o2.quarter)::timestamptz
    GROUP BY r2.id
) l ON l.key_result_id = r.id;

CREATE VIEW citus_workaround.objective_scores AS
SELECT s.quarter, s.objective,
       okrkpi.objective_score(s.score, s.weight) AS score,
       okrkpi.grade(okrkpi.objective_score(s.score, s.weight))::text AS grade,
       pg_catalog.count(*)::integer AS key_results,
       s.objective_id
FROM citus_workaround.scoreboard s
GROUP BY s.quarter, s.objective, s.objective_id;
