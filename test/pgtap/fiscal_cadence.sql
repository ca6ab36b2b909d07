-- Two fiscal years of a small plan, quarter by quarter, with a fiscal year
-- starting in October: FY2024 runs 2023-10-01 to 2024-09-30 (2024-Q1 is
-- October to December 2023), FY2025 runs 2024-10-01 to 2025-09-30.
--
-- Month i = 0 is October 2023, i = 23 September 2025; quarter k = i / 3
-- (2024-Q1 is k = 0).  Each metric is measured on the 15th of each month,
-- at noon UTC; what a quarter closes with is its third month's value:
--   retention  72 + i                 -> 74, 77, 80, 83, ...   (74 + 3k)
--   NPS        20 + 4 (i + 1) / 3     -> 24, 28, 32, ...       (24 + 4k)
--   first response, seconds: 18000 - 2880 k in the third month of quarter
--              k (k <= 5; 5h, 4.2h, 3.4h, 2.6h, 1.8h, 1h), 900 s more a
--              month earlier in the quarter; 3600 from k = 5 on.
-- KPIs (annual target, target date -> the fiscal quarter it falls in):
--   K1 retention     80 by 2024-09-30 -> 2024-Q4
--   K2 NPS           52 by 2025-09-30 -> 2025-Q4
--   K3 first response 1h (3600 s) by 2025-03-31 -> 2025-Q2
-- A quarter's carried target is actual + (annual - actual) / quarters left
-- (from the next quarter to the target's quarter, inclusive):
--   K1: 74 + 6/3 = 76; 77 + 3/2 = 78.5; 80 reaches 80: not carried into 2024-Q4.
--   K2: 24 + 28/7 = 28; 28 + 24/6 = 32; ... 24 + 4k + (28 - 4k)/(7 - k) = 28 + 4k.
--   K3: 18000 - 14400/5 = 15120 (4.2h); 15120 - 11520/4 = 12240 (3.4h);
--       12240 - 8640/3 = 9360 (2.6h); 9360 - 5760/2 = 6480 (1.8h);
--       6480 - 2880/1 = 3600 (1h); after 2025-Q2 its target date has passed.
-- Every quarter is closed at its end; after each close, every earlier
-- cycle's rows in the views and its lint findings are compared with the
-- snapshot taken when it closed.
\ir ../include/setup.sql
SET LOCAL TimeZone = 'UTC';
SET LOCAL client_min_messages = warning;
SELECT plan(31);

INSERT INTO fiscal_year (start_month) VALUES (10);
SELECT is(fiscal_start_month(), 10, 'the plan declares an October fiscal year once');

INSERT INTO metrics (name, unit, frequency) VALUES
  ('client retention rate', '%', '1 month'), ('net promoter score', '', '1 month'),
  ('median first response time', 's', '1 month');
INSERT INTO measurements (metric_id, at, value)
SELECT me.id, '2023-10-15 12:00+00'::timestamptz + i * interval '1 month',
       CASE me.name
         WHEN 'client retention rate' THEN 72 + i
         WHEN 'net promoter score' THEN 20 + 4 * (i + 1) / 3.0
         ELSE CASE WHEN i / 3 >= 5 THEN 3600 ELSE 18000 - 2880 * (i / 3) + 900 * (2 - i % 3) END
       END
FROM metrics me CROSS JOIN generate_series(0, 23) i;
INSERT INTO kpis (metric_id, title, threshold, annual_target, target_date, since)
SELECT m.id, k.title, k.threshold::kpi, k.annual_target, k.target_date::date, '2023-01-01'
FROM (VALUES ('client retention rate', 'Client retention rate', '>= 73%', 80, '2024-09-30'),
             ('net promoter score', 'NPS above 40', '>= 40', 52, '2025-09-30'),
             ('median first response time', 'First response within 4 hours', '<= 4h', 3600, '2025-03-31'))
     AS k(metric, title, threshold, annual_target, target_date)
JOIN metrics m ON m.name = k.metric;

-- FY2024: an annual objective with two quarterly children in 2024-Q1
INSERT INTO cycles (quarter) VALUES ('2024-Q1');
INSERT INTO objectives (fiscal_year, title) VALUES (2024, 'Be the support team customers recommend');
INSERT INTO objectives (quarter, title, parent_id)
SELECT '2024-Q1', t, (SELECT id FROM objectives WHERE fiscal_year = 2024)
FROM unnest(ARRAY['Create wildly loyal customers', 'Make support feel human and fast']) t;
INSERT INTO key_results (objective_id, metric_id, title, plan, kpi_id)
SELECT o.id, m.id, r.title, r.plan::key_result, k.id
FROM (VALUES
  (1, 'Create wildly loyal customers', 'client retention rate', 'Increase client retention rate from 72% to 75% by end of Q1 2024', '72% -> 75%', 'Client retention rate'),
  (2, 'Create wildly loyal customers', 'net promoter score', 'Increase NPS from 20 to 28 for enterprise customers', '20 -> 28', 'NPS above 40'),
  (3, 'Make support feel human and fast', 'median first response time', 'Reduce median first response time from 6h to 5h (stretch: 4h)', '6h -> 5h', 'First response within 4 hours'),
  (4, 'Make support feel human and fast', NULL, 'Increase CSAT from 3.8 to 4.5', '3.8 -> 4.5', NULL))
  AS r(n, objective, metric, title, plan, kpi)
JOIN objectives o ON o.title = r.objective AND o.quarter = '2024-Q1'
LEFT JOIN metrics m ON m.name = r.metric
LEFT JOIN kpis k ON k.title = r.kpi
ORDER BY r.n;

-- weekly check-ins on every key result of a quarter: confidence 7; the CSAT
-- key result (no metric) is scored on its check-in values
CREATE FUNCTION pg_temp.check_in(q quarter) RETURNS void LANGUAGE sql AS $$
    INSERT INTO check_ins (key_result_id, at, value, confidence, note)
    SELECT r.id, quarter_start(q, 10) + 3 + 7 * w + time '09:00',
           CASE WHEN r.metric_id IS NULL THEN 3.8 + 0.05 * w END, 7, 'week ' || w
    FROM key_results r JOIN objectives o ON o.id = r.objective_id
    CROSS JOIN generate_series(0, 11) w
    WHERE o.quarter = q
$$;
-- what the planner adds to the carried objectives of a new quarter
CREATE FUNCTION pg_temp.plan_quarter(q quarter) RETURNS void LANGUAGE sql AS $$
    INSERT INTO key_results (objective_id, title, plan)
    SELECT o.id, CASE o.title WHEN 'Create wildly loyal customers' THEN 'Launch the referral program'
                              ELSE 'Increase CSAT from 3.8 to 4.5' END,
           CASE o.title WHEN 'Create wildly loyal customers' THEN '0 -> 3 milestones'::key_result
                        ELSE '3.8 -> 4.5'::key_result END
    FROM objectives o WHERE o.quarter = q
$$;

-- snapshots: every row of a cycle's views and lint findings, as jsonb
CREATE TEMP TABLE snapshot (cycle text, source text, row_data jsonb);
CREATE FUNCTION pg_temp.rows_of(c text) RETURNS TABLE (source text, row_data jsonb) LANGUAGE sql AS $$
    SELECT 'scoreboard', to_jsonb(s) FROM scoreboard s WHERE s.quarter = c
    UNION ALL SELECT 'objective_scores', to_jsonb(s) FROM objective_scores s WHERE s.quarter = c
    UNION ALL SELECT 'objective_tree', to_jsonb(t) FROM objective_tree t WHERE t.quarter = c
    UNION ALL SELECT 'score_history', to_jsonb(h) FROM score_history h WHERE h.quarter = c
    UNION ALL SELECT 'check_in_history', to_jsonb(h) FROM check_in_history h WHERE h.quarter = c
    UNION ALL SELECT 'kpi_year', to_jsonb(y) FROM kpi_year y WHERE y.quarter = c
    UNION ALL SELECT 'lint', to_jsonb(l) FROM lint() l WHERE l.object LIKE '%(' || c || ')'
    -- the KPI board belongs to no cycle: compared whole, from the first close on
    UNION ALL SELECT 'kpi_board', to_jsonb(k) FROM kpi_board k WHERE c = 'kpi_board'
$$;
CREATE FUNCTION pg_temp.close(q quarter) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    UPDATE cycles SET closed_at = quarter_end(q, 10)::timestamptz WHERE quarter = q;
    INSERT INTO snapshot SELECT q::text, r.source, r.row_data FROM pg_temp.rows_of(q::text) r;
    IF q = '2024-Q1' THEN
        INSERT INTO snapshot SELECT 'kpi_board', r.source, r.row_data FROM pg_temp.rows_of('kpi_board') r;
    END IF;
    IF quarter_number(q) = 4 THEN       -- the fiscal year closes with its fourth quarter
        INSERT INTO snapshot SELECT 'FY' || quarter_year(q), r.source, r.row_data
        FROM pg_temp.rows_of('FY' || quarter_year(q)) r;
    END IF;
END
$$;
-- rows of closed cycles that differ from their snapshot, both ways
CREATE FUNCTION pg_temp.history_changes() RETURNS bigint LANGUAGE sql AS $$
    SELECT count(*) FROM (
        (SELECT s.cycle, s.source, s.row_data FROM snapshot s
         EXCEPT ALL
         SELECT c.cycle, r.source, r.row_data FROM (SELECT DISTINCT cycle FROM snapshot) c, pg_temp.rows_of(c.cycle) r)
        UNION ALL
        (SELECT c.cycle, r.source, r.row_data FROM (SELECT DISTINCT cycle FROM snapshot) c, pg_temp.rows_of(c.cycle) r
         EXCEPT ALL
         SELECT s.cycle, s.source, s.row_data FROM snapshot s)) d
$$;

-- lint as a list a planner reads: severity, rule, the cycle, message
CREATE FUNCTION pg_temp.findings(as_of timestamptz) RETURNS TABLE (severity text, rule text, cycle text, message text)
LANGUAGE sql AS $$
    SELECT l.severity, l.rule, substring(l.object FROM '\(([^)]*)\)$'), l.message FROM lint(as_of) l ORDER BY 3, 2, 4
$$;

-- 2024-Q1 ---------------------------------------------------------------
SELECT pg_temp.check_in('2024-Q1');
SELECT is(period('2024-Q1', fiscal_start_month())::text, '[2023-10-01,2024-01-01)', '2024-Q1 is October to December 2023');
SELECT results_eq($$ SELECT key_result, current_value FROM scoreboard WHERE quarter = '2024-Q1' AND is_kpi ORDER BY key_result_id $$,
  $$ VALUES ('Increase client retention rate from 72% to 75% by end of Q1 2024', 74::float8),
            ('Increase NPS from 20 to 28 for enterprise customers', 24::float8),
            ('Reduce median first response time from 6h to 5h (stretch: 4h)', 18000::float8) $$,
  'the scoreboard reads each key result in its fiscal quarter: the December 2023 measurements');
SELECT pg_temp.close('2024-Q1');
SELECT results_eq($$ SELECT r.title, r.plan::text FROM key_results r JOIN objectives o ON o.id = r.objective_id
                     WHERE o.quarter = '2024-Q2' ORDER BY r.rolled_from $$,
  $$ VALUES ('Increase client retention rate from 74% to 76% by end of Q2 2024', '74% -> 76%'),
            ('Increase NPS from 24 to 28 for enterprise customers', '24 -> 28'),
            ('Reduce median first response time from 5h to 4.2h (stretch: 4h)', '5h -> 4.2h') $$,
  'closing 2024-Q1 carries the three KPI key results (74 + 6/3, 24 + 28/7, 5h - 4h/5); titles keep their words, year and qualifiers');
SELECT results_eq($$ SELECT t.quarter, t.depth, t.objective FROM objective_tree t
                     WHERE t.quarter IN ('FY2024', '2024-Q2') ORDER BY t.path $$,
  $$ VALUES ('FY2024', 0, 'Be the support team customers recommend'),
            ('2024-Q2', 1, 'Create wildly loyal customers'),
            ('2024-Q2', 1, 'Make support feel human and fast') $$,
  'the carried objectives align under the annual objective of their fiscal year');
SELECT results_eq($$ SELECT * FROM pg_temp.findings('2024-01-01 00:00+00') $$,
  $$ VALUES ('warning', 'every_key_result_is_kpi', '2024-Q1',
             'every key result of objective "Create wildly loyal customers" is marked as a KPI; KPIs watch health, key results push change'),
            ('todo', 'every_key_result_is_kpi', '2024-Q2',
             'add key results that are not KPIs to objective "Create wildly loyal customers": every key result is a KPI; KPIs watch health, key results push change'),
            ('todo', 'objective_too_few_key_results', '2024-Q2',
             'add key results that are not KPIs to objective "Make support feel human and fast": it has 1, all KPIs; an objective needs 2 to 5') $$,
  'lint at the close: the closed quarter''s weakness, and what the planner must do for the new one');

-- 2024-Q2: planned, one override, one refused out-of-order close ----------
SELECT pg_temp.plan_quarter('2024-Q2');
SELECT is_empty($$ SELECT * FROM pg_temp.findings('2024-01-02 00:00+00') $$ || $$ WHERE cycle = '2024-Q2' $$,
  'once the planner adds a key result that is not a KPI to each carried objective, 2024-Q2 has no findings');
SET LOCAL okrkpi.override_reason = 'the NPS survey was re-based';
UPDATE key_results r SET plan = '23 -> 28' FROM objectives o
WHERE o.id = r.objective_id AND o.quarter = '2024-Q2' AND r.plan = '24 -> 28';
RESET okrkpi.override_reason;
SELECT is((SELECT count(*)::int FROM overrides WHERE reason = 'the NPS survey was re-based'), 1, 'the override is logged');
SELECT results_eq($$ SELECT severity, rule, message FROM pg_temp.findings('2024-01-02 00:00+00') WHERE cycle = '2024-Q2' $$,
  $$ VALUES ('error', 'title_disagrees_with_plan',
             'the title "Increase NPS from 24 to 28 for enterprise customers" states other numbers than the plan 23 -> 28; correct the title (or the plan, under an override)') $$,
  'lint reports a title whose numbers no longer agree with its plan');
INSERT INTO cycles (quarter) VALUES ('2024-Q3');
SELECT throws_ok($$ UPDATE cycles SET closed_at = '2024-07-01' WHERE quarter = '2024-Q3' $$, '55000',
  'quarter 2024-Q3 cannot close while quarter 2024-Q2 is open', 'quarters close in order');
SELECT throws_ok($$ SELECT roll_forward('2024-Q2') $$, '55000', 'quarter 2024-Q2 is not closed',
  'an open quarter does not roll forward');
SELECT pg_temp.check_in('2024-Q2');
SELECT pg_temp.close('2024-Q2');
SELECT is(pg_temp.history_changes(), 0::bigint, 'after closing 2024-Q2, 2024-Q1 reads exactly as when it closed');
SELECT results_eq($$ SELECT r.title, r.plan::text FROM key_results r JOIN objectives o ON o.id = r.objective_id
                     WHERE o.quarter = '2024-Q3' ORDER BY r.rolled_from $$,
  $$ VALUES ('Increase client retention rate from 77% to 78.5% by end of Q3 2024', '77% -> 78.5%'),
            ('Increase net promoter score from 28 to 32', '28 -> 32'),
            ('Reduce median first response time from 4.2h to 3.4h (stretch: 4h)', '4.2h -> 3.4h') $$,
  'closing 2024-Q2: 77 + 3/2, 28 + 24/6, 4.2h - 3.2h/4; the title that disagreed with its plan is not restated into a lie');

-- 2024-Q3 and 2024-Q4: retention reaches its annual target; FY2024 closes --
SELECT pg_temp.plan_quarter('2024-Q3');
SELECT pg_temp.check_in('2024-Q3');
SELECT pg_temp.close('2024-Q3');
SELECT is(pg_temp.history_changes(), 0::bigint, 'after closing 2024-Q3, 2024-Q1 and 2024-Q2 read exactly as when they closed');
SELECT results_eq($$ SELECT r.plan::text FROM key_results r JOIN objectives o ON o.id = r.objective_id
                     WHERE o.quarter = '2024-Q4' AND r.kpi_id IS NOT NULL ORDER BY r.rolled_from $$,
  $$ VALUES ('32 -> 36'), ('3.4h -> 2.6h') $$,
  'closing 2024-Q3: retention reached 80 and is not carried; NPS 32 + 20/5, first response 3.4h - 2.4h/3');
SELECT pg_temp.plan_quarter('2024-Q4');
SELECT pg_temp.check_in('2024-Q4');
SELECT pg_temp.close('2024-Q4');
SELECT is(pg_temp.history_changes(), 0::bigint, 'after closing 2024-Q4, every earlier quarter reads as when it closed');
SELECT results_eq($$ SELECT t.quarter, t.depth, t.objective FROM objective_tree t
                     WHERE t.quarter IN ('FY2025', '2025-Q1') ORDER BY t.path $$,
  $$ VALUES ('FY2025', 0, 'Be the support team customers recommend'),
            ('2025-Q1', 1, 'Create wildly loyal customers'),
            ('2025-Q1', 1, 'Make support feel human and fast') $$,
  'a new fiscal year: the annual objective is carried into FY2025 with the quarter''s children under it');
-- (to 12 decimals: the views print scores to 15 significant digits, avg() adds float noise)
SELECT is((SELECT round(score::numeric, 12) FROM objective_tree WHERE quarter = 'FY2024'),
          (SELECT round(avg(score)::numeric, 12) FROM objective_tree WHERE quarter BETWEEN '2024-Q1' AND '2024-Q4'),
          'the annual objective FY2024 scores as the mean of its eight quarterly children (weights 1, no key results of its own)');
SELECT is((SELECT count(*)::int FROM objective_tree WHERE quarter BETWEEN '2024-Q1' AND '2024-Q4' AND depth = 1), 8,
          'FY2024 has its eight quarterly children');

-- FY2025 ----------------------------------------------------------------
SELECT pg_temp.plan_quarter('2025-Q1');
SELECT pg_temp.check_in('2025-Q1');
SELECT pg_temp.close('2025-Q1');
SELECT is(pg_temp.history_changes(), 0::bigint, 'after closing 2025-Q1, FY2024 and its quarters read as when they closed');
SELECT pg_temp.plan_quarter('2025-Q2');
SELECT pg_temp.check_in('2025-Q2');
SELECT pg_temp.close('2025-Q2');
SELECT is(pg_temp.history_changes(), 0::bigint, 'after closing 2025-Q2, every earlier cycle reads as when it closed');
SELECT results_eq($$ SELECT o.title, r.plan::text FROM key_results r JOIN objectives o ON o.id = r.objective_id
                     WHERE o.quarter = '2025-Q3' AND r.kpi_id IS NOT NULL ORDER BY r.rolled_from $$,
  $$ VALUES ('Create wildly loyal customers', '44 -> 48') $$,
  'closing 2025-Q2: first response''s target date 2025-03-31 has passed; NPS 44 + 8/2');
SELECT pg_temp.plan_quarter('2025-Q3');
SELECT pg_temp.check_in('2025-Q3');
SELECT pg_temp.close('2025-Q3');
SELECT is(pg_temp.history_changes(), 0::bigint, 'after closing 2025-Q3, every earlier cycle reads as when it closed');
SELECT pg_temp.plan_quarter('2025-Q4');
SELECT pg_temp.check_in('2025-Q4');
SELECT pg_temp.close('2025-Q4');
SELECT is(pg_temp.history_changes(), 0::bigint, 'after closing 2025-Q4, every earlier cycle reads as when it closed');
SELECT is((SELECT count(DISTINCT cycle)::int FROM snapshot WHERE cycle <> 'kpi_board'), 10, 'ten cycles were compared: eight quarters and two fiscal years');
SELECT is((SELECT count(*)::int FROM snapshot WHERE cycle = 'kpi_board'), 3, 'and the KPI board''s three rows, as when 2024-Q1 closed');
SELECT is((SELECT count(DISTINCT source)::int FROM snapshot WHERE cycle = '2024-Q1'), 7,
          'the 2024-Q1 snapshot holds rows of every view compared and of lint');

-- what the alignment tree panel calls: one cycle's tree, computed from that cycle alone
SELECT is((SELECT count(*)::int FROM (SELECT DISTINCT cycle FROM snapshot WHERE cycle <> 'kpi_board') c
           WHERE EXISTS ((SELECT * FROM objective_tree WHERE quarter = c.cycle
                          EXCEPT ALL SELECT * FROM objective_tree_of(c.cycle))
                         UNION ALL
                         (SELECT * FROM objective_tree_of(c.cycle)
                          EXCEPT ALL SELECT * FROM objective_tree WHERE quarter = c.cycle))), 0,
          'objective_tree_of(cycle) returns the view''s rows of that cycle, for each of the eight quarters and two fiscal years');

-- the three KPIs' paths to their annual targets, worked out in the header
SELECT results_eq($$ SELECT quarter, plan, actual, next_quarter_target, closed FROM kpi_year
                     WHERE kpi = 'Client retention rate' ORDER BY quarter $$,
  $$ VALUES ('2024-Q1', '72% -> 75%', 74::float8, 76::float8, true),
            ('2024-Q2', '74% -> 76%', 77, 78.5, true),
            ('2024-Q3', '77% -> 78.5%', 80, 80, true),
            ('2024-Q4', NULL, 83, NULL, true) $$,
  'K1 retention through FY2024: 74 -> 76 -> 78.5 -> reached; 2024-Q4 shows the metric alone (83)');
SELECT results_eq($$ SELECT quarter, plan, actual, next_quarter_target, closed FROM kpi_year
                     WHERE kpi = 'NPS above 40' ORDER BY quarter $$,
  $$ VALUES ('2025-Q1', '36 -> 40', 40::float8, 44::float8, true),
            ('2025-Q2', '40 -> 44', 44, 48, true),
            ('2025-Q3', '44 -> 48', 48, 52, true),
            ('2025-Q4', '48 -> 52', 52, NULL, true) $$,
  'K2 NPS through FY2025: 40 + 12/3, 44 + 8/2, 48 + 4/1, to 52');
SELECT results_eq($$ SELECT quarter, plan, actual, next_quarter_target, closed FROM kpi_year
                     WHERE kpi = 'First response within 4 hours' ORDER BY quarter $$,
  $$ VALUES ('2024-Q3', '4.2h -> 3.4h', 12240::float8, 9360::float8, true),
            ('2024-Q4', '3.4h -> 2.6h', 9360, 6480, true),
            ('2025-Q1', '2.6h -> 1.8h', 6480, 3600, true),
            ('2025-Q2', '1.8h -> 1h', 3600, NULL, true) $$,
  'K3 first response through the year to 2025-03-31: 3.4h, 2.6h, 1.8h, 1h');

SELECT * FROM finish();
ROLLBACK;
