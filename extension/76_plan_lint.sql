-- The embedded plan, part 4: lint, the common planning mistakes (doc/plan.md
-- lists the rules).  Limits come from okrkpi.plan_limits(), the settings the
-- triggers enforce.  Staleness is judged at the end of the latest planned
-- quarter, or now if that is earlier: a closed 2020 quarter is not stale
-- because today is years later.
--@define lint
CREATE FUNCTION okrkpi.lint()
RETURNS TABLE (severity text, rule text, object text, message text)
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    WITH limits AS (SELECT * FROM okrkpi.plan_limits()),
    judged AS (
        SELECT least(now(), coalesce((SELECT okrkpi.quarter_end(c.quarter)::timestamptz FROM okrkpi.cycles c
                                      ORDER BY c.quarter DESC LIMIT 1), now())) AS at
    )
    SELECT 'warning', 'objective_too_few_key_results', 'objective ' || o.id || ' (' || o.quarter::text || ')',
           format('objective "%s" has %s key result(s); an objective needs 2 to %s', o.title, count(r.id), max(l.max_key_results))
    FROM okrkpi.objectives o LEFT JOIN okrkpi.key_results r ON r.objective_id = o.id CROSS JOIN limits l
    -- an objective measured through aligned child objectives needs no key results of its own
    WHERE NOT EXISTS (SELECT 1 FROM okrkpi.objectives c WHERE c.parent_id = o.id)
    GROUP BY o.id HAVING count(r.id) < 2
  UNION ALL
    SELECT 'warning', 'objective_too_many_key_results', 'objective ' || o.id || ' (' || o.quarter::text || ')',
           format('objective "%s" has %s key results; an objective needs 2 to %s', o.title, count(r.id), max(l.max_key_results))
    FROM okrkpi.objectives o JOIN okrkpi.key_results r ON r.objective_id = o.id CROSS JOIN limits l
    GROUP BY o.id HAVING count(r.id) > max(l.max_key_results)
  UNION ALL
    SELECT 'warning', 'too_many_kpis', 'kpis',
           format('the plan has %s KPIs; a good plan has at most %s', count(*), max(l.max_kpis))
    FROM okrkpi.kpis CROSS JOIN limits l HAVING count(*) > max(l.max_kpis)
  UNION ALL
    SELECT 'warning', 'every_key_result_is_kpi', 'objective ' || o.id || ' (' || o.quarter::text || ')',
           format('every key result of objective "%s" is marked as a KPI; KPIs watch health, key results push change', o.title)
    FROM okrkpi.objectives o JOIN okrkpi.key_results r ON r.objective_id = o.id
    GROUP BY o.id HAVING count(*) >= 2 AND bool_and(r.kpi_id IS NOT NULL)
  UNION ALL
    SELECT 'warning', 'only_milestone_key_results', 'objective ' || o.id || ' (' || o.quarter::text || ')',
           format('objective "%s" has only milestone key results: activities posing as outcomes; add a key result that moves a measured metric', o.title)
    FROM okrkpi.objectives o JOIN okrkpi.key_results r ON r.objective_id = o.id
    GROUP BY o.id HAVING bool_and(okrkpi.is_milestone(r.plan))
  UNION ALL
    SELECT 'warning', 'metric_not_measured', 'metric ' || me.id,
           CASE WHEN max(m.at) IS NULL
                THEN format('metric "%s" has no measurement before %s (frequency %s)', me.name, j.at, me.frequency)
                ELSE format('metric "%s" was last measured %s, longer before %s than its frequency %s',
                            me.name, max(m.at), j.at, me.frequency)
           END
    FROM okrkpi.metrics me CROSS JOIN judged j
    LEFT JOIN LATERAL (SELECT max(m.at) AS at FROM okrkpi.measurements m
                       WHERE m.metric_id = me.id AND m.at <= j.at) m ON true
    GROUP BY me.id, j.at HAVING max(m.at) IS NULL OR max(m.at) < j.at - me.frequency
  UNION ALL
    SELECT 'warning', 'key_result_not_checked_in', 'key result ' || r.id || ' (' || o.quarter::text || ')',
           format('key result "%s" has had no check-in or measurement for %s days while its quarter is open',
                  coalesce(r.title, okrkpi.statement(me.name, r.plan)),
                  extract(day FROM j.at - greatest(last.check_in, last.measurement,
                                                   okrkpi.quarter_start(o.quarter)::timestamptz))::integer)
    FROM okrkpi.key_results r
    JOIN okrkpi.objectives o ON o.id = r.objective_id
    JOIN okrkpi.cycles cy ON cy.quarter = o.quarter AND cy.closed_at IS NULL
    LEFT JOIN okrkpi.metrics me ON me.id = r.metric_id
    CROSS JOIN judged j
    CROSS JOIN LATERAL (
        SELECT (SELECT max(ci.at) FROM okrkpi.check_ins ci
                WHERE ci.key_result_id = r.id AND ci.at <= j.at) AS check_in,
               (SELECT max(m.at) FROM okrkpi.measurements m
                WHERE m.metric_id = r.metric_id AND m.at <= j.at) AS measurement
    ) last
    WHERE j.at > okrkpi.quarter_start(o.quarter)::timestamptz
      AND greatest(last.check_in, last.measurement, okrkpi.quarter_start(o.quarter)::timestamptz)
          < j.at - '14 days'::interval
  ORDER BY 2, 3
$$;
COMMENT ON FUNCTION okrkpi.lint() IS 'plan mistakes: objectives with fewer than 2 (and no aligned children) or more than okrkpi.max_key_results key results, more than okrkpi.max_kpis KPIs, every key result a KPI, only milestone key results, metrics not measured within their frequency, key results of an open quarter without a check-in or measurement for 14 days; staleness is judged at the end of the latest planned quarter, or now if earlier';
--@end

