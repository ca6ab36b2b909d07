-- The embedded plan, part 4: lint, the common planning mistakes (doc/plan.md
-- lists the rules).  Limits come from okrkpi.plan_limits(), the settings the
-- triggers enforce.
--
-- Findings are history too: a cycle (a fiscal quarter, or the fiscal year of
-- annual objectives) is judged at its end, or at as_of if that is earlier, so
-- nothing a later quarter adds changes what lint says about a closed one; a
-- cycle that has not started at as_of has nothing stale yet.  Severity says
-- what to do: error (the plan breaks a rule the triggers enforce, or says two
-- different things), warning (a weakness of the plan), todo (planning left to
-- do in an open cycle, such as the key results a carried objective still
-- needs).
-- A metric's frequency in the words lint writes it in: 'monthly', 'weekly',
-- 'every 2 weeks', 'every 1 month and 3 days' (an interval prints '1 mon').
--@define frequency_words
CREATE FUNCTION okrkpi.frequency_words(frequency interval) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE SET search_path = pg_catalog, pg_temp AS $$
    SELECT CASE
        -- (metrics_frequency_finite refuses it; a row an update left NOT VALID may hold it)
        WHEN NOT isfinite(frequency) THEN 'never'
        WHEN f.days = 0 AND f.secs = 0 AND f.months IN (1, 3, 12) THEN
            CASE f.months WHEN 1 THEN 'monthly' WHEN 3 THEN 'quarterly' ELSE 'yearly' END
        WHEN f.months = 0 AND f.secs = 0 AND f.days IN (1, 7) THEN
            CASE f.days WHEN 1 THEN 'daily' ELSE 'weekly' END
        WHEN f.months = 0 AND f.days = 0 AND f.secs IN (60, 3600) THEN
            CASE f.secs WHEN 60 THEN 'every minute' ELSE 'hourly' END
        WHEN f.months = 0 AND f.days = 0 AND f.secs = 1 THEN 'every second'
        ELSE 'every ' || concat_ws(' and ',
            CASE WHEN f.months = 0 THEN NULL
                 WHEN f.months % 12 = 0 THEN (f.months / 12) || CASE WHEN f.months = 12 THEN ' year' ELSE ' years' END
                 ELSE f.months || CASE WHEN f.months = 1 THEN ' month' ELSE ' months' END END,
            CASE WHEN f.days = 0 THEN NULL
                 WHEN f.days % 7 = 0 THEN (f.days / 7) || CASE WHEN f.days = 7 THEN ' week' ELSE ' weeks' END
                 ELSE f.days || CASE WHEN f.days = 1 THEN ' day' ELSE ' days' END END,
            CASE WHEN f.secs = 0 THEN NULL
                 WHEN f.secs % 3600 = 0 THEN trim_scale(f.secs / 3600) || CASE WHEN f.secs = 3600 THEN ' hour' ELSE ' hours' END
                 WHEN f.secs % 60 = 0 THEN trim_scale(f.secs / 60) || CASE WHEN f.secs = 60 THEN ' minute' ELSE ' minutes' END
                 ELSE trim_scale(f.secs) || CASE WHEN f.secs = 1 THEN ' second' ELSE ' seconds' END END)
    END
    FROM (SELECT (extract(year FROM i) * 12 + extract(month FROM i))::integer AS months,
                 extract(day FROM i)::integer AS days,
                 extract(hour FROM i) * 3600 + extract(minute FROM i) * 60 + extract(second FROM i) AS secs
          FROM (SELECT CASE WHEN isfinite(frequency) THEN frequency ELSE '0'::interval END AS i) fi) f
$$;
COMMENT ON FUNCTION okrkpi.frequency_words(interval) IS 'a metric''s frequency in plain words, as lint writes it: ''daily'', ''weekly'', ''monthly'', ''quarterly'', ''yearly'', ''hourly'', else ''every 2 weeks'', ''every 10 days'', ''every 1 month and 3 days''; ''never'' for an infinite interval';
--@end
--@define lint
CREATE FUNCTION okrkpi.lint(as_of timestamptz DEFAULT pg_catalog.now())
RETURNS TABLE (severity text, rule text, object text, message text)
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
-- many small index probes over tables the planner often has no statistics for
-- yet: JIT compiling them took half a second a call, a thousand times the work
SET jit = off
AS $$
    WITH limits AS (SELECT * FROM okrkpi.plan_limits()),
    -- every objective with its cycle's days, whether the cycle is open, and when it is judged
    cycle AS (
        SELECT o.id, o.title, o.parent_id,
               coalesce(o.quarter::text, 'FY' || o.fiscal_year::text) AS name,
               p.starts, p.ends,
               least(as_of, p.ends) AS judged,
               -- open at as_of: not closed by then
               NOT EXISTS (SELECT 1 FROM okrkpi.cycles c
                           WHERE c.quarter = coalesce(o.quarter, (o.fiscal_year::text || '-Q4')::okrkpi.quarter)
                             AND c.closed_at <= as_of) AS open
        FROM okrkpi.objectives o
        CROSS JOIN LATERAL (
            SELECT okrkpi.cycle_start(o.quarter, o.fiscal_year, (SELECT okrkpi.fiscal_start_month()))::timestamptz AS starts,
                   okrkpi.cycle_end(o.quarter, o.fiscal_year, (SELECT okrkpi.fiscal_start_month()))::timestamptz AS ends
        ) p
    ),
    -- the metrics each started quarter needs: its key results' (their own, or their
    -- KPI's), and those of the annual key results and the KPIs that existed before
    -- it ended (what is added later does not change a closed quarter's findings)
    quarter_metric AS (
        SELECT DISTINCT y.quarter, m.metric_id
        FROM okrkpi.cycles y
        CROSS JOIN LATERAL (
            SELECT okrkpi.quarter_start(y.quarter, (SELECT okrkpi.fiscal_start_month()))::timestamptz AS starts,
                   okrkpi.quarter_end(y.quarter, (SELECT okrkpi.fiscal_start_month()))::timestamptz AS ends
        ) p
        CROSS JOIN LATERAL (
            SELECT coalesce(r.metric_id, k.metric_id) AS metric_id
            FROM okrkpi.objectives o
            JOIN okrkpi.key_results r ON r.objective_id = o.id
            LEFT JOIN okrkpi.kpis k ON k.id = r.kpi_id
            WHERE o.quarter = y.quarter
               OR (o.fiscal_year = okrkpi.quarter_year(y.quarter) AND r.created_at < p.ends)
          UNION ALL
            SELECT k.metric_id FROM okrkpi.kpis k
            WHERE k.created_at < p.ends AND (k.retired_at IS NULL OR k.retired_at > p.starts)
        ) m
        WHERE p.starts <= as_of AND m.metric_id IS NOT NULL
    )
    SELECT CASE WHEN c.open THEN 'todo' ELSE 'warning' END, 'objective_too_few_key_results',
           'objective ' || c.id || ' (' || c.name || ')',
           CASE WHEN c.open AND count(r.id) > 0 AND bool_and(r.kpi_id IS NOT NULL)
                THEN format('add key results that are not KPIs to objective "%s": it has %s, all KPIs; an objective needs 2 to %s',
                            c.title, count(r.id), max(l.max_key_results))
                WHEN c.open
                THEN format('add key results to objective "%s": it has %s; an objective needs 2 to %s',
                            c.title, count(r.id), max(l.max_key_results))
                ELSE format('objective "%s" has %s key result(s); an objective needs 2 to %s',
                            c.title, count(r.id), max(l.max_key_results))
           END
    FROM cycle c LEFT JOIN okrkpi.key_results r ON r.objective_id = c.id CROSS JOIN limits l
    -- an objective measured through aligned child objectives needs no key results of its own
    WHERE NOT EXISTS (SELECT 1 FROM okrkpi.objectives ch WHERE ch.parent_id = c.id)
    GROUP BY c.id, c.title, c.name, c.open HAVING count(r.id) < 2
  UNION ALL
    SELECT 'error', 'objective_too_many_key_results', 'objective ' || c.id || ' (' || c.name || ')',
           format('objective "%s" has %s key results; an objective needs 2 to %s', c.title, count(r.id), max(l.max_key_results))
    FROM cycle c JOIN okrkpi.key_results r ON r.objective_id = c.id CROSS JOIN limits l
    GROUP BY c.id, c.title, c.name HAVING count(r.id) > max(l.max_key_results)
  UNION ALL
    SELECT 'error', 'too_many_kpis', 'kpis',
           format('the plan has %s KPIs; a good plan has at most %s', count(*), max(l.max_kpis))
    FROM okrkpi.kpis k CROSS JOIN limits l
    WHERE k.retired_at IS NULL OR k.retired_at > as_of       -- watched at as_of
    HAVING count(*) > max(l.max_kpis)
  UNION ALL
    SELECT CASE WHEN c.open THEN 'todo' ELSE 'warning' END, 'every_key_result_is_kpi',
           'objective ' || c.id || ' (' || c.name || ')',
           CASE WHEN c.open
                THEN format('add key results that are not KPIs to objective "%s": every key result is a KPI; KPIs watch health, key results push change', c.title)
                ELSE format('every key result of objective "%s" is marked as a KPI; KPIs watch health, key results push change', c.title)
           END
    FROM cycle c JOIN okrkpi.key_results r ON r.objective_id = c.id
    GROUP BY c.id, c.title, c.name, c.open HAVING count(*) >= 2 AND bool_and(r.kpi_id IS NOT NULL)
  UNION ALL
    SELECT 'warning', 'only_milestone_key_results', 'objective ' || c.id || ' (' || c.name || ')',
           format('objective "%s" has only milestone key results: activities posing as outcomes; add a key result that moves a measured metric', c.title)
    FROM cycle c JOIN okrkpi.key_results r ON r.objective_id = c.id
    GROUP BY c.id, c.title, c.name HAVING bool_and(okrkpi.is_milestone(r.plan))
  UNION ALL
    SELECT 'error', 'title_disagrees_with_plan', 'key result ' || r.id || ' (' || c.name || ')',
           format('the title "%s" states other numbers than the plan %s; correct the title (or the plan, under an override)',
                  r.title, r.plan::text)
    FROM okrkpi.key_results r JOIN cycle c ON c.id = r.objective_id
    WHERE r.title IS NOT NULL AND okrkpi.title_states_plan(r.title, r.plan) IS FALSE
  UNION ALL
    SELECT 'warning', 'metric_not_measured', 'metric ' || me.id || ' (' || qm.quarter::text || ')',
           CASE WHEN last.at IS NULL
                THEN format('metric "%s" has no measurement before %s (measured %s)',
                            me.name, js.shown, okrkpi.frequency_words(me.frequency))
                ELSE format('metric "%s" was last measured %s, too long before %s for a metric measured %s',
                            me.name, coalesce(to_char(last.at, 'YYYY-MM-DD HH24:MI TZ'), last.at::text), js.shown,
                            okrkpi.frequency_words(me.frequency))
           END
    FROM quarter_metric qm
    JOIN okrkpi.metrics me ON me.id = qm.metric_id
    CROSS JOIN LATERAL (
        SELECT least(as_of, okrkpi.quarter_end(qm.quarter, (SELECT okrkpi.fiscal_start_month()))::timestamptz) AS at
    ) j
    CROSS JOIN LATERAL (SELECT max(m.at) AS at FROM okrkpi.measurements m
                        WHERE m.metric_id = me.id AND m.at <= j.at) last
    -- to the minute, in the session's time zone (to_char gives NULL for an infinite time)
    CROSS JOIN LATERAL (SELECT coalesce(to_char(j.at, 'YYYY-MM-DD HH24:MI TZ'), j.at::text) AS shown) js
    -- (a frequency of 4,700 years or more would take j.at before the first
    -- timestamp: nothing measured is that stale)
    WHERE last.at IS NULL
       OR (me.frequency < '4700 years'::interval AND last.at < j.at - me.frequency)
  UNION ALL
    SELECT 'warning', 'key_result_not_checked_in', 'key result ' || r.id || ' (' || c.name || ')',
           format('key result "%s" has had no check-in or measurement for %s days while its %s is open',
                  coalesce(r.title, okrkpi.statement_or_null(me.name, r.plan), 'key result ' || r.id),
                  extract(day FROM c.judged - greatest(last.check_in, last.measurement, c.starts))::integer,
                  CASE WHEN c.name LIKE 'FY%' THEN 'fiscal year' ELSE 'quarter' END)
    FROM okrkpi.key_results r
    JOIN cycle c ON c.id = r.objective_id AND c.open
    LEFT JOIN okrkpi.metrics me ON me.id = r.metric_id
    CROSS JOIN LATERAL (
        SELECT (SELECT max(ci.at) FROM okrkpi.check_ins ci
                WHERE ci.key_result_id = r.id AND ci.at <= c.judged) AS check_in,
               (SELECT max(m.at) FROM okrkpi.measurements m
                WHERE m.metric_id = r.metric_id AND m.at <= c.judged) AS measurement
    ) last
    WHERE c.judged > c.starts
      AND greatest(last.check_in, last.measurement, c.starts) < c.judged - '14 days'::interval
  ORDER BY 2, 3
$$;
COMMENT ON FUNCTION okrkpi.lint(timestamptz) IS 'plan mistakes as of a moment (default now), each with a severity (error, warning, todo): objectives with fewer than 2 (and no aligned children) or more than okrkpi.max_key_results key results, more than okrkpi.max_kpis KPIs, every key result a KPI, only milestone key results, titles whose numbers disagree with their plan, metrics a started quarter needs not measured within their frequency, key results of an open cycle without a check-in or measurement for 14 days; each cycle is judged at its end, or at as_of if earlier';
--@end
