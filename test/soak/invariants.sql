-- The soak's invariants, written by hand from doc/plan.md and
-- doc/triggers.md: each query returns the rows that break one, so an empty
-- answer is a pass.  test/soak/soak.py runs every block (split at the
-- "-- invariant:" lines) after the load, after each crash recovery, and in
-- every restored dump; the counts of committed rows it checks itself.

-- invariant: no objective holds more than okrkpi.max_key_results (5) key results
SELECT objective_id, count(*) FROM okrkpi.key_results GROUP BY objective_id HAVING count(*) > 5;

-- invariant: at most okrkpi.max_kpis (7) KPIs are watched (not retired)
SELECT count(*) FROM okrkpi.kpis WHERE retired_at IS NULL HAVING count(*) > 7;

-- invariant: no team has more than 3 goals (check_key_result max=3)
SELECT team, count(*) FROM soak.goals GROUP BY team HAVING count(*) > 3;

-- invariant: no team has more than 2 health checks (check_kpi max=2)
SELECT team, count(*) FROM soak.health GROUP BY team HAVING count(*) > 2;

-- invariant: every key result's start is its first one, or the one its latest logged override gave it, each override starting where the last left off
WITH change AS (
    SELECT o.row_key::bigint AS id, o.id AS seq,
           okrkpi.start_value((o.change #>> '{old,plan}')::okrkpi.key_result) AS old_start,
           okrkpi.start_value((o.change #>> '{new,plan}')::okrkpi.key_result) AS new_start
    FROM okrkpi.overrides o
    WHERE o.table_name = 'okrkpi.key_results' AND o.change ->> 'rule' = 'frozen start value'),
chain AS (
    SELECT c.id, c.seq, c.old_start, c.new_start,
           lag(c.new_start) OVER (PARTITION BY c.id ORDER BY c.seq) AS previous_new,
           row_number() OVER (PARTITION BY c.id ORDER BY c.seq DESC) AS from_last
    FROM change c)
SELECT k.id, f.start AS first_start, okrkpi.start_value(k.plan) AS start_now, ch.seq
FROM okrkpi.key_results k
JOIN soak.first_start f ON f.table_name = 'okrkpi.key_results' AND f.id = k.id
LEFT JOIN chain ch ON ch.id = k.id
WHERE (ch.id IS NULL AND okrkpi.start_value(k.plan) <> f.start)
   OR ch.old_start <> coalesce(ch.previous_new, f.start)
   OR (ch.from_last = 1 AND ch.new_start <> okrkpi.start_value(k.plan));

-- invariant: every goal's baseline is its first one, or the one its latest logged override gave it, each override starting where the last left off
WITH change AS (
    SELECT (l.row_key)::bigint AS id, l.seq,
           (l.change #>> '{old,baseline}')::float8 AS old_start,
           (l.change #>> '{new,baseline}')::float8 AS new_start
    FROM soak.override_log l
    WHERE l.table_name = 'soak.goals' AND l.change ->> 'rule' = 'frozen start value'),
chain AS (
    SELECT c.id, c.old_start, c.new_start,
           lag(c.new_start) OVER (PARTITION BY c.id ORDER BY c.seq) AS previous_new,
           row_number() OVER (PARTITION BY c.id ORDER BY c.seq DESC) AS from_last
    FROM change c)
SELECT g.id, f.start AS first_start, g.baseline
FROM soak.goals g
JOIN soak.first_start f ON f.table_name = 'soak.goals' AND f.id = g.id
LEFT JOIN chain ch ON ch.id = g.id
WHERE (ch.id IS NULL AND g.baseline::float8 <> f.start)
   OR ch.old_start <> coalesce(ch.previous_new, f.start)
   OR (ch.from_last = 1 AND ch.new_start <> g.baseline::float8);

-- invariant: every key result and goal has its first start recorded (none escaped the record)
SELECT 'key_results', k.id FROM okrkpi.key_results k
WHERE NOT EXISTS (SELECT 1 FROM soak.first_start f WHERE f.table_name = 'okrkpi.key_results' AND f.id = k.id)
UNION ALL
SELECT 'goals', g.id FROM soak.goals g
WHERE NOT EXISTS (SELECT 1 FROM soak.first_start f WHERE f.table_name = 'soak.goals' AND f.id = g.id);

-- invariant: no override reason is logged twice (each attempt has its own)
SELECT reason, count(*) FROM (SELECT reason FROM okrkpi.overrides UNION ALL SELECT reason FROM soak.override_log) r
GROUP BY reason HAVING count(*) > 1;

-- invariant: quarters close in order: no closed quarter after an open one
SELECT c.quarter FROM okrkpi.cycles c
WHERE c.closed_at IS NOT NULL
  AND EXISTS (SELECT 1 FROM okrkpi.cycles e WHERE e.quarter < c.quarter AND e.closed_at IS NULL);

-- invariant: a close is complete or absent: every closed quarter has its snapshot, and no open one has
SELECT c.quarter, c.closed_at IS NOT NULL AS closed, s.quarter IS NOT NULL AS snapshot
FROM okrkpi.cycles c LEFT JOIN soak.closes s ON s.quarter = c.quarter
WHERE (c.closed_at IS NOT NULL) <> (s.quarter IS NOT NULL);

-- invariant: every closed quarter's snapshot holds rows of the views that always have some (so that the comparison below compares something)
SELECT s.quarter, v.name
FROM soak.closes s
CROSS JOIN (VALUES ('scoreboard'), ('objective_scores'), ('objective_tree_of'), ('score_history')) v(name)
WHERE NOT EXISTS (SELECT 1 FROM soak.closed_view c WHERE c.quarter = s.quarter AND c.view_name = v.name);

-- invariant: every closed quarter's view rows equal the snapshot taken in its closing transaction
SELECT s.quarter, d.side, d.view_name, d.view_row
FROM soak.closes s,
LATERAL (
    (SELECT 'snapshot only' AS side, v.view_name, v.view_row FROM soak.closed_view v WHERE v.quarter = s.quarter
     EXCEPT ALL SELECT 'snapshot only', r.view_name, r.view_row FROM soak.view_rows(s.quarter) r)
    UNION ALL
    (SELECT 'views only', r.view_name, r.view_row FROM soak.view_rows(s.quarter) r
     EXCEPT ALL SELECT 'views only', v.view_name, v.view_row FROM soak.closed_view v WHERE v.quarter = s.quarter)) d;

-- invariant: every KPI key result of a closed quarter is carried exactly once, into the next quarter, starting at its current value when the quarter closed (its first start: an override may move it later)
SELECT k.id, c.quarter, count(n.id) AS copies,
       min(f.start) AS carried_start,
       min((v.view_row ->> 'current_value')::float8) AS value_at_close
FROM okrkpi.key_results k
JOIN okrkpi.objectives o ON o.id = k.objective_id
JOIN okrkpi.cycles c ON c.quarter = o.quarter AND c.closed_at IS NOT NULL
JOIN okrkpi.kpis p ON p.id = k.kpi_id AND p.retired_at IS NULL
LEFT JOIN okrkpi.key_results n ON n.rolled_from = k.id
LEFT JOIN okrkpi.objectives no ON no.id = n.objective_id
LEFT JOIN soak.first_start f ON f.table_name = 'okrkpi.key_results' AND f.id = n.id
LEFT JOIN soak.closed_view v ON v.quarter = c.quarter AND v.view_name = 'scoreboard'
     AND (v.view_row ->> 'key_result_id')::bigint = k.id
GROUP BY k.id, c.quarter
HAVING count(n.id) <> 1
    OR bool_or(no.quarter IS DISTINCT FROM c.quarter + 1)
    OR min(f.start) IS DISTINCT FROM min((v.view_row ->> 'current_value')::float8);

-- invariant: nothing is carried out of a quarter that is not closed
SELECT n.id, o.quarter FROM okrkpi.key_results n
JOIN okrkpi.key_results k ON k.id = n.rolled_from
JOIN okrkpi.objectives o ON o.id = k.objective_id
JOIN okrkpi.cycles c ON c.quarter = o.quarter
WHERE c.closed_at IS NULL;
