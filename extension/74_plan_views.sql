-- The embedded plan, part 3: views with plain column types for Grafana,
-- Metabase and friends.
--
-- Their cost grows with the number of key results and the time window shown,
-- not with the history stored: a key result's current value is one index
-- probe into measurements (metric_id, at) and one into check_ins
-- (key_result_id, at); a score at a time depends only on the newest
-- measurement at or before it, so score_history needs no window function and
-- a filter on its time reaches the measurements scan.

-- A metric's name may be one okrkpi.statement() refuses, such as 'deliveries
-- from 5 to 3 regions' (the statement would not read back): the views call
-- okrkpi.statement_or_null(), NULL for such a name (and, cautiously, for one
-- such as 'from 5 to 5', whose plan could not be), and show the key result by
-- its title, or by 'key result <id>', rather than fail.

--@define scoreboard
CREATE VIEW okrkpi.scoreboard WITH (security_invoker = true) AS
SELECT coalesce(o.quarter::text, 'FY' || o.fiscal_year::text) AS quarter,
       o.title AS objective,
       coalesce(r.title, st.statement, 'key result ' || r.id) AS key_result,
       r.plan::text AS plan,
       okrkpi.start_value(r.plan) AS start_value,
       okrkpi.target_value(r.plan) AS target_value,
       cur.value AS current_value,
       cur.source AS current_source,
       v.at AS current_at,
       sc.score,
       okrkpi.grade(sc.score)::text AS grade,
       okrkpi.status(r.plan, coalesce(v.value, okrkpi.current_value(r.plan)),
                     pg_catalog.tstzrange(p.starts::timestamptz, p.ends::timestamptz), now())::text AS status,
       (r.kpi_id IS NOT NULL) AS is_kpi,
       r.weight,
       okrkpi.unit(r.plan) AS unit,
       o.id AS objective_id,
       r.id AS key_result_id,
       st.statement,
       -- the latest check-in of the cycle, read only by queries that ask for it (a
       -- subquery in the select list is dropped with its unused column; a lateral
       -- join would run for every key result of the alignment tree)
       (SELECT ci.confidence FROM okrkpi.check_ins ci
        WHERE ci.key_result_id = r.id AND ci.at >= p.starts::timestamptz AND ci.at < p.ends::timestamptz
        ORDER BY ci.at DESC, ci.id DESC LIMIT 1) AS confidence,
       (SELECT ci.note FROM okrkpi.check_ins ci
        WHERE ci.key_result_id = r.id AND ci.at >= p.starts::timestamptz AND ci.at < p.ends::timestamptz
        ORDER BY ci.at DESC, ci.id DESC LIMIT 1) AS note,
       (SELECT ci.at FROM okrkpi.check_ins ci
        WHERE ci.key_result_id = r.id AND ci.at >= p.starts::timestamptz AND ci.at < p.ends::timestamptz
        ORDER BY ci.at DESC, ci.id DESC LIMIT 1) AS checked_in_at
FROM okrkpi.key_results r
JOIN okrkpi.objectives o ON o.id = r.objective_id
LEFT JOIN okrkpi.metrics me ON me.id = r.metric_id
-- its statement, NULL where statement() would refuse the metric's name (see above)
CROSS JOIN LATERAL (SELECT okrkpi.statement_or_null(me.name, r.plan) AS statement) st
-- the days of its cycle: a (fiscal) quarter, or a fiscal year for an annual objective
CROSS JOIN LATERAL (
    SELECT okrkpi.cycle_start(o.quarter, o.fiscal_year, (SELECT okrkpi.fiscal_start_month())) AS starts,
           okrkpi.cycle_end(o.quarter, o.fiscal_year, (SELECT okrkpi.fiscal_start_month())) AS ends
) p
-- the newest measurement of the key result's metric inside its cycle
LEFT JOIN LATERAL (
    SELECT m.value, m.at
    FROM okrkpi.measurements m
    WHERE m.metric_id = r.metric_id
      AND m.at >= p.starts::timestamptz
      AND m.at < p.ends::timestamptz
    ORDER BY m.at DESC
    LIMIT 1
) l ON true
-- the newest check-in inside the cycle with a value
LEFT JOIN LATERAL (
    SELECT ci.value, ci.at
    FROM okrkpi.check_ins ci
    WHERE ci.key_result_id = r.id AND ci.value IS NOT NULL
      AND ci.at >= p.starts::timestamptz
      AND ci.at < p.ends::timestamptz
    ORDER BY ci.at DESC, ci.id DESC
    LIMIT 1
) cv ON true
-- the dated value that scores: the newer of the two (a measurement on a tie)
CROSS JOIN LATERAL (
    SELECT CASE WHEN cv.at > l.at OR (l.at IS NULL AND cv.at IS NOT NULL) THEN cv.value ELSE l.value END AS value,
           CASE WHEN cv.at > l.at OR (l.at IS NULL AND cv.at IS NOT NULL) THEN cv.at ELSE l.at END AS at,
           CASE WHEN cv.at > l.at OR (l.at IS NULL AND cv.at IS NOT NULL) THEN 'check_in'
                WHEN l.at IS NOT NULL THEN 'measurement' END AS source
) v
-- without one, the plan's own current value ('10 -> 20 @ 14'), else its start
CROSS JOIN LATERAL (
    SELECT coalesce(v.value, okrkpi.current_value(r.plan), okrkpi.start_value(r.plan)) AS value,
           coalesce(v.source, CASE WHEN okrkpi.current_value(r.plan) IS NOT NULL THEN 'plan' ELSE 'start' END) AS source
) cur
-- rounded to 15 significant digits, so that a score exact on paper prints exact
CROSS JOIN LATERAL (SELECT okrkpi.tidy(okrkpi.score(r.plan, cur.value)) AS score) sc;
COMMENT ON VIEW okrkpi.scoreboard IS 'one row per key result: plan, its current value (the newer of its metric''s latest measurement and its latest check-in value inside its cycle: its fiscal quarter, or the fiscal year of an annual objective, in the session time zone; without either the plan''s own current value, else its start), where that value came from and when, score, grade, pace and the latest check-in; the roll-forward and lint read the same current value';
COMMENT ON COLUMN okrkpi.scoreboard.current_source IS 'where current_value comes from: ''measurement'' (the newest of its metric in the cycle), ''check_in'' (the newest check-in with a value, newer than that measurement), ''plan'' (the plan''s own current value, as in ''10 -> 20 @ 14'', with neither in the cycle) or ''start'' (nothing yet: current = start, score 0)';
COMMENT ON COLUMN okrkpi.scoreboard.current_at IS 'when current_value was taken: the measurement''s or the check-in''s time; NULL for a plan''s own current value or its start';
COMMENT ON COLUMN okrkpi.scoreboard.key_result IS 'the key result''s title; without one its statement (okrkpi.statement of its metric and plan), or ''key result <id>'' when the metric''s name cannot make one';
--@end

--@define objective_scores
CREATE VIEW okrkpi.objective_scores WITH (security_invoker = true) AS
SELECT t.quarter, t.objective, t.score, okrkpi.grade(t.score)::text AS grade, t.key_results, t.objective_id
FROM (SELECT s.quarter, s.objective,
             -- rounded to 15 significant digits, so that a score exact on paper prints exact;
             -- summed in key result order, so that the same rows always give the same
             -- digits (in the order a plan happens to produce them, the last digit of
             -- a float sum can differ, and rounding can carry it into the 15th)
             okrkpi.tidy(okrkpi.objective_score(s.score, s.weight ORDER BY s.key_result_id)) AS score,
             count(*)::integer AS key_results,
             s.objective_id
      FROM okrkpi.scoreboard s
      GROUP BY s.quarter, s.objective, s.objective_id) t;
COMMENT ON VIEW okrkpi.objective_scores IS 'one row per objective: the mean of its key results'' scores weighted by weight';
--@end

--@define kpi_board
CREATE VIEW okrkpi.kpi_board WITH (security_invoker = true) AS
SELECT k.title AS kpi,
       k.threshold::text AS threshold,
       l.value AS current_value,
       okrkpi.health(k.threshold, l.value)::text AS health,
       h.hit_rate,
       l.at AS last_measured_at,
       k.annual_target,
       k.id AS kpi_id
FROM okrkpi.kpis k
LEFT JOIN LATERAL (
    SELECT m.value, m.at FROM okrkpi.measurements m
    WHERE m.metric_id = k.metric_id
    ORDER BY m.at DESC
    LIMIT 1
) l ON true
-- the year up to the latest measurement; within a year of timestamptz's first
-- day (4714-11-24 BC) l.at - 1 year does not exist, and everything before
-- l.at counts (a year and two days at most), rather than the view failing
LEFT JOIN LATERAL (
    SELECT okrkpi.tidy(okrkpi.hit_rate(k.threshold, m.value)) AS hit_rate FROM okrkpi.measurements m
    WHERE m.metric_id = k.metric_id
      AND m.at > CASE WHEN l.at >= '4713-11-26 00:00:00+00 BC'::timestamptz THEN l.at - '1 year'::interval
                      ELSE '-infinity'::timestamptz END
      AND m.at <= l.at
) h ON true
WHERE k.retired_at IS NULL;
COMMENT ON VIEW okrkpi.kpi_board IS 'one row per KPI that is not retired: latest value, its health, hit_rate (the share of the measurements of the year up to the latest one that met the threshold), when it was last measured';
COMMENT ON COLUMN okrkpi.kpi_board.hit_rate IS 'the share of this KPI''s measurements in the year up to its latest measurement that met the threshold (a bounded window, so the board costs the same however much history is kept)';
--@end

--@define score_history
-- One row per event that set a key result's current value inside its cycle,
-- with the score it gave: each measurement of its metric, each check-in with a
-- value (but one at the time of a measurement, which wins the tie, or of a
-- later check-in), and, at the cycle's start, what counts before any of them:
-- the plan's own current value, or its start.  Each row's score is the
-- scoreboard's as of that moment, since the newest event then is that row's.
-- The events are a UNION ALL inside a lateral subquery, so a filter on time
-- reaches each scan: the measurements' (metric_id, at) and the check-ins'
-- (key_result_id, at, id) index conditions.
CREATE VIEW okrkpi.score_history WITH (security_invoker = true) AS
SELECT e.time,
       coalesce(r.title,
                okrkpi.statement_or_null(me.name, r.plan),
                'key result ' || r.id) AS key_result,
       -- rounded to 15 significant digits, so that a score exact on paper prints exact
       okrkpi.tidy(okrkpi.score(r.plan, e.value)) AS score,
       coalesce(o.quarter::text, 'FY' || o.fiscal_year::text) AS quarter,
       r.id AS key_result_id,
       e.source
FROM okrkpi.key_results r
JOIN okrkpi.objectives o ON o.id = r.objective_id
LEFT JOIN okrkpi.metrics me ON me.id = r.metric_id
CROSS JOIN LATERAL (
    SELECT okrkpi.cycle_start(o.quarter, o.fiscal_year, (SELECT okrkpi.fiscal_start_month()))::timestamptz AS starts,
           okrkpi.cycle_end(o.quarter, o.fiscal_year, (SELECT okrkpi.fiscal_start_month()))::timestamptz AS ends
) p
CROSS JOIN LATERAL (
    SELECT m.at AS time, m.value, 'measurement' AS source
    FROM okrkpi.measurements m
    WHERE m.metric_id = r.metric_id AND m.at >= p.starts AND m.at < p.ends
  UNION ALL
    SELECT ci.at, ci.value, 'check_in'
    FROM okrkpi.check_ins ci
    WHERE ci.key_result_id = r.id AND ci.value IS NOT NULL AND ci.at >= p.starts AND ci.at < p.ends
      AND NOT EXISTS (SELECT 1 FROM okrkpi.measurements m
                      WHERE m.metric_id = r.metric_id AND m.at = ci.at)
      AND NOT EXISTS (SELECT 1 FROM okrkpi.check_ins later
                      WHERE later.key_result_id = r.id AND later.at = ci.at AND later.id > ci.id
                        AND later.value IS NOT NULL)
  UNION ALL
    SELECT p.starts, coalesce(okrkpi.current_value(r.plan), okrkpi.start_value(r.plan)),
           CASE WHEN okrkpi.current_value(r.plan) IS NOT NULL THEN 'plan' ELSE 'start' END
    WHERE NOT EXISTS (SELECT 1 FROM okrkpi.measurements m
                      WHERE m.metric_id = r.metric_id AND m.at = p.starts)
      AND NOT EXISTS (SELECT 1 FROM okrkpi.check_ins ci
                      WHERE ci.key_result_id = r.id AND ci.at = p.starts AND ci.value IS NOT NULL)
) e;
COMMENT ON VIEW okrkpi.score_history IS 'one row per event that set a key result''s current value inside its cycle (its fiscal quarter, or fiscal year): each measurement of its metric, each check-in with a value (unless a measurement or a later check-in has the same time), and one row at the cycle''s start for the plan''s own current value or its start; the score as of that event, as the scoreboard showed it then; a filter on time reaches the scans';
COMMENT ON COLUMN okrkpi.score_history.source IS 'what set the value: ''measurement'', ''check_in'', or at the cycle''s start ''plan'' (the plan''s own current value) or ''start'' (nothing yet: score 0), as scoreboard.current_source names them';
--@end

--@define check_in_history
CREATE VIEW okrkpi.check_in_history WITH (security_invoker = true) AS
SELECT ci.at AS time,
       coalesce(r.title,
                okrkpi.statement_or_null(me.name, r.plan),
                'key result ' || r.id) AS key_result,
       ci.confidence,
       okrkpi.tidy(okrkpi.score(r.plan, ci.value)) AS score,
       ci.note,
       ci.author,
       coalesce(o.quarter::text, 'FY' || o.fiscal_year::text) AS quarter,
       r.id AS key_result_id
FROM okrkpi.check_ins ci
JOIN okrkpi.key_results r ON r.id = ci.key_result_id
JOIN okrkpi.objectives o ON o.id = r.objective_id
LEFT JOIN okrkpi.metrics me ON me.id = r.metric_id;
COMMENT ON VIEW okrkpi.check_in_history IS 'one row per check-in: its confidence (0 to 10), the score of its value (NULL without one), note and author';
--@end

--@define objective_tree_of
-- The alignment tree.  An objective's score is the weighted mean of its own
-- key results' scores and its children's scores (each child counting with its
-- objective weight); children without any score do not count.  Unrolled, a
-- score is a sum over the subtree: each descendant's own key results count
-- with the product of weight / denominator along the path, which a recursive
-- query can carry down without aggregating inside the recursion.  The walks
-- that start anywhere stop at a cycle (rows written before cycles were
-- refused); the one from the roots cannot meet one.
--
-- No row the tables accept makes it fail: weights are 0 or in [1e-6, 1e6]
-- (70_plan_tables.sql), so no sum of them overflows, and a share is the
-- product of ratios c.weight / total in (0, 1].  What could still underflow
-- (PostgreSQL raises an error where a product of nonzero float8 values
-- rounds to 0) is left out, changing no score by more than 1e-100 a row: a
-- key result score below 1e-100 counts as 0 in the sums (own_score, from
-- objective_score, keeps it), and the walk stops at a descendant whose
-- share fell below 1e-100.  Every product then has factors of at least
-- 1e-100 and 1e-12 / (rows of the table): far from float8's 1e-308.
--
-- The tree of one cycle is computed from that cycle's objectives alone (and,
-- for their depth and path, the annual objectives of its fiscal year; for a
-- fiscal year, the quarterly objectives of its quarters): a dashboard that
-- shows one quarter of a plan of many pays for that quarter only.  A filter
-- on the view cannot reach inside the recursion, so the panels call
-- objective_tree_of(cycle); the view is the same function over every cycle.
CREATE FUNCTION okrkpi.objective_tree_of(cycle text)
RETURNS TABLE (objective_id bigint, parent_id bigint, quarter text, objective text, depth integer,
               own_score float8, score float8, grade text, weight float8, key_results integer, path text)
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
-- JIT compiling this recursion cost more than running it (as in lint)
SET jit = off
AS $$
WITH RECURSIVE
arg AS (            -- the cycle asked for: a quarter, or a fiscal year 'FY2027'; NULL: every cycle
    SELECT CASE WHEN cycle !~ '^FY' THEN cycle::okrkpi.quarter END AS q,
           CASE WHEN cycle ~ '^FY' THEN substr(cycle, 3)::integer
                ELSE okrkpi.quarter_year(cycle::okrkpi.quarter) END AS y
),
scope AS (
    SELECT o.* FROM okrkpi.objectives o, arg a
    WHERE cycle IS NULL
       OR o.quarter = a.q                                              -- the quarter
       OR o.fiscal_year = a.y                                          -- its year's annual objectives
       OR (a.q IS NULL AND okrkpi.quarter_year(o.quarter) = a.y)       -- a year's quarterly objectives
),
own AS (           -- every float sum in a fixed order, as in objective_scores
    SELECT o.id,
           sum(s.weight * s.score ORDER BY s.key_result_id) FILTER (WHERE s.score >= '1e-100' AND s.weight > 0) AS own_sum,
           coalesce(sum(s.weight ORDER BY s.key_result_id) FILTER (WHERE s.score IS NOT NULL AND s.weight > 0), 0) AS own_weight,
           okrkpi.objective_score(s.score, s.weight ORDER BY s.key_result_id) AS own_score,
           count(s.key_result_id)::integer AS key_results
    FROM scope o
    -- lateral: each objective's own key results, probed through key_results
    -- (objective_id), never the scoreboard of every cycle hashed against scope
    LEFT JOIN LATERAL (SELECT sb.score, sb.weight, sb.key_result_id
                       FROM okrkpi.scoreboard sb WHERE sb.objective_id = o.id) s ON true
    GROUP BY o.id
),
reach AS (          -- every objective with the descendants that can carry weight to it
    SELECT o.id AS top, o.id AS node, ARRAY[o.id] AS seen FROM scope o
  UNION ALL
    SELECT r.top, c.id, r.seen || c.id
    FROM reach r JOIN scope c ON c.parent_id = r.node AND c.weight > 0
    WHERE c.id <> ALL (r.seen)
),
scored AS (         -- objectives whose subtree holds a weighted score
    SELECT r.top AS id, bool_or(w.own_weight > 0) AS has_score
    FROM reach r JOIN own w ON w.id = r.node
    GROUP BY r.top
),
denominator AS (    -- own key result weights plus the weights of scored children
    SELECT w.id, w.own_weight + coalesce(cw.weight, 0) AS total
    FROM own w
    LEFT JOIN (SELECT c.parent_id, sum(c.weight ORDER BY c.id) AS weight
               FROM scope c JOIN scored cs ON cs.id = c.id AND cs.has_score
               WHERE c.weight > 0
               GROUP BY c.parent_id) cw ON cw.parent_id = w.id
),
share AS (          -- how much each descendant's own key results count in an objective's score
    SELECT o.id AS top, o.id AS node, 1::float8 AS factor, ARRAY[o.id] AS seen FROM scope o
  UNION ALL
    SELECT s.top, c.id, s.factor * (c.weight / d.total), s.seen || c.id
    FROM share s
    JOIN denominator d ON d.id = s.node AND d.total > 0
    JOIN scope c ON c.parent_id = s.node AND c.weight > 0
    JOIN scored cs ON cs.id = c.id AND cs.has_score
    WHERE c.id <> ALL (s.seen) AND s.factor >= '1e-100'
),
tree AS (           -- depth from the roots, and a path that sorts the tree depth first
    SELECT o.id, 0 AS depth, lpad(o.id::text, 19, '0') AS path
    FROM scope o WHERE o.parent_id IS NULL
  UNION ALL
    SELECT c.id, t.depth + 1, t.path || '/' || lpad(c.id::text, 19, '0')
    FROM tree t JOIN scope c ON c.parent_id = t.id
),
score AS (          -- each objective's score: its descendants' own key results, by share
    SELECT s.top AS id, sum(s.factor * (coalesce(ow.own_sum, 0) / d.total) ORDER BY s.node) AS score
    FROM share s
    JOIN own ow ON ow.id = s.node
    JOIN denominator d ON d.id = s.node AND d.total > 0
    GROUP BY s.top
)
SELECT o.id AS objective_id,
       o.parent_id,
       coalesce(o.quarter::text, 'FY' || o.fiscal_year::text) AS quarter,
       o.title AS objective,
       t.depth,
       okrkpi.tidy(w.own_score) AS own_score,
       ts.score,
       okrkpi.grade(ts.score)::text AS grade,
       o.weight,
       w.key_results,
       t.path
FROM scope o
JOIN tree t ON t.id = o.id
JOIN own w ON w.id = o.id
LEFT JOIN score sc ON sc.id = o.id
-- scores rounded to 15 significant digits, so that a score exact on paper prints exact
CROSS JOIN LATERAL (SELECT okrkpi.tidy(sc.score) AS score) ts
WHERE cycle IS NULL OR coalesce(o.quarter::text, 'FY' || o.fiscal_year::text) = cycle
$$;
COMMENT ON FUNCTION okrkpi.objective_tree_of(text) IS 'the rows of okrkpi.objective_tree for one cycle (''2026-Q3'', or a fiscal year ''FY2027''; NULL: every cycle), computed from that cycle''s objectives alone: what a dashboard panel for one quarter calls';
--@end
--@define objective_tree
CREATE VIEW okrkpi.objective_tree WITH (security_invoker = true) AS
SELECT * FROM okrkpi.objective_tree_of(NULL);
COMMENT ON VIEW okrkpi.objective_tree IS 'one row per objective in its alignment tree: depth (0 at a root), own_score (its own key results, weighted), score (the weighted mean of its own key results and its children''s scores, each child counting with its weight), grade; path sorts the tree depth first';
--@end

--@define quarters
CREATE VIEW okrkpi.quarters WITH (security_invoker = true) AS
SELECT c.quarter::text AS quarter, c.closed_at, (c.closed_at IS NOT NULL) AS closed
FROM okrkpi.cycles c;
COMMENT ON VIEW okrkpi.quarters IS 'the planning quarters as text, for a dashboard''s quarter picker: one row per cycle, whether and when it was closed';
--@end

--@define kpi_year
-- A KPI followed through its year: the four quarters up to the quarter of its
-- target date, each with the key result that carried the KPI there, what the
-- KPI's metric reached, and what the next quarter needs to stay on a straight
-- line to the annual target (the same step okrkpi.roll_forward takes).
CREATE INDEX key_results_kpi_id_idx ON okrkpi.key_results (kpi_id);
CREATE VIEW okrkpi.kpi_year WITH (security_invoker = true) AS
SELECT k.title AS kpi,
       q.quarter::text AS quarter,
       s.key_result,
       s.plan,
       s.start_value,
       s.target_value,
       a.actual,
       coalesce(c.closed_at IS NOT NULL, false) AS closed,
       k.annual_target,
       CASE WHEN q.quarters_after > 0 THEN okrkpi.quarter_target(a.actual, k.annual_target, q.quarters_after) END
           AS next_quarter_target,
       okrkpi.unit(k.threshold) AS unit,
       k.id AS kpi_id,
       s.key_result_id
FROM okrkpi.kpis k
CROSS JOIN LATERAL (
    SELECT okrkpi.quarter_of(k.target_date, (SELECT okrkpi.fiscal_start_month())) - i AS quarter, i AS quarters_after
    FROM pg_catalog.generate_series(3, 0, -1) i
) q
LEFT JOIN okrkpi.cycles c ON c.quarter = q.quarter
-- the KPI's key result in that quarter (the first, should there be several)
LEFT JOIN LATERAL (
    SELECT r.id FROM okrkpi.key_results r JOIN okrkpi.objectives o ON o.id = r.objective_id
    WHERE r.kpi_id = k.id AND o.quarter = q.quarter
    ORDER BY r.id LIMIT 1
) kr ON true
LEFT JOIN okrkpi.scoreboard s ON s.key_result_id = kr.id
-- in a quarter without a key result for the KPI, its own metric at the end of the quarter
LEFT JOIN LATERAL (
    SELECT m.value FROM okrkpi.measurements m
    WHERE m.metric_id = k.metric_id
      AND m.at >= okrkpi.quarter_start(q.quarter, (SELECT okrkpi.fiscal_start_month()))::timestamptz
      AND m.at < okrkpi.quarter_end(q.quarter, (SELECT okrkpi.fiscal_start_month()))::timestamptz
    ORDER BY m.at DESC LIMIT 1
) km ON true
CROSS JOIN LATERAL (
    SELECT CASE WHEN kr.id IS NOT NULL THEN CASE WHEN s.current_source <> 'start' THEN s.current_value END
                ELSE km.value END AS actual
) a
WHERE k.target_date IS NOT NULL AND k.annual_target IS NOT NULL AND k.retired_at IS NULL
  -- its four quarters exist: quarters are of the years 1 to 9999
  AND k.target_date >= '0002-01-01'::date AND k.target_date < '9999-01-01'::date;
COMMENT ON VIEW okrkpi.kpi_year IS 'one row per KPI (not retired) with an annual target and target date and per quarter of its year (the four fiscal quarters up to its target date): the quarter''s key result for the KPI, the actual (that key result''s current value as the scoreboard shows it, the value the roll-forward carries; in a quarter without one, the KPI metric''s latest measurement in the quarter), the annual target, and next_quarter_target, what the next quarter needs on a straight line to the annual target';
COMMENT ON COLUMN okrkpi.kpi_year.next_quarter_target IS 'quarter_target(actual, annual_target, quarters left until the target date''s quarter): the target okrkpi.roll_forward gives the next quarter''s key result, before rounding; NULL in the last quarter';
COMMENT ON INDEX okrkpi.key_results_kpi_id_idx IS 'finds a KPI''s key result in a quarter (kpi_year, roll_forward)';
--@end
