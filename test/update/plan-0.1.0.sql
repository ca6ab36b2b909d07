-- The example plan exactly as okrkpi 0.1.0 shipped it (demo/plan.sql then),
-- loaded by test/update/run into a database created at 0.1.0 before it is
-- updated.  Frozen: later demo plans may use features 0.1.0 lacks.
SET search_path = okrkpi, public;

INSERT INTO cycles (quarter, closed_at) VALUES ('2020-Q2', '2020-07-01'), ('2020-Q3', NULL);

INSERT INTO metrics (name, unit, formula, data_source, frequency, "leading") VALUES
  ('client retention rate', '%', 'clients renewed this month / clients up for renewal', 'billing', '1 week', false),
  ('net promoter score', '', '% promoters - % detractors', 'survey tool', '1 week', true),
  ('median first response time', 's', 'median of first agent reply - ticket created', 'helpdesk', '1 day', true),
  ('customer satisfaction', '', 'mean CSAT rating, 1 to 5', 'helpdesk', '1 week', false),
  ('annual recurring revenue', '$', 'sum of active subscriptions x 12', 'billing', '1 month', false),
  ('monthly churn rate', '%', 'clients lost this month / clients at start of month', 'billing', '1 month', false);

-- KPIs: thresholds watched all the time, with annual targets for the roll-forward
INSERT INTO kpis (metric_id, title, threshold, annual_target, target_date, owner, since)
SELECT m.id, k.title, k.threshold::kpi, k.annual_target, k.target_date::date, k.owner, '2020-01-01'
FROM (VALUES
  ('client retention rate', 'Client retention rate', '>= 73%', 80, '2020-12-31', 'Customer Success'),
  ('net promoter score', 'Maintain NPS above 40', '>= 40', 45, '2021-06-30', 'Product'),
  ('median first response time', 'First response within 4 hours', '<= 4h', 2700, '2021-03-31', 'Support'),
  ('customer satisfaction', 'Keep CSAT between 4.2 and 4.8', '4.2 .. 4.8', NULL, NULL, 'Support'),
  ('monthly churn rate', 'Keep churn at most 2%', '<= 2%', 1.5, '2020-12-31', 'Customer Success')
) AS k(metric, title, threshold, annual_target, target_date, owner)
JOIN metrics m ON m.name = k.metric;

INSERT INTO objectives (quarter, title, owner) VALUES
  ('2020-Q3', 'Create wildly loyal customers', 'Customer Success'),
  ('2020-Q3', 'Make support feel human and fast', 'Support'),
  ('2020-Q3', 'Grow the business', 'Sales'),
  ('2020-Q3', 'Implement the new CRM by end of October', 'Operations');

-- one metric feeds both a KPI and a key result: the ideal setup
INSERT INTO key_results (objective_id, metric_id, title, plan, kpi_id, weight, owner)
SELECT o.id, m.id, r.title, r.plan::key_result, k.id, r.weight, r.owner
FROM (VALUES
  (1, 'Create wildly loyal customers', 'client retention rate', 'Increase client retention rate from 73% to 75% by end of Q3, toward 80% by end of 2020', '73% -> 75%', 'Client retention rate', 2, 'Customer Success'),
  (2, 'Create wildly loyal customers', 'net promoter score', 'Increase NPS from 20 to 40', '20 -> 40', 'Maintain NPS above 40', 1, 'Product'),
  (3, 'Create wildly loyal customers', 'monthly churn rate', 'Reduce monthly churn from 2.4% to 2%', '2.4% -> 2%', NULL, 1, 'Customer Success'),
  (4, 'Make support feel human and fast', 'median first response time', 'Reduce median first response time from 6h to 45 min', '6h -> 45min', 'First response within 4 hours', 1, 'Support'),
  (5, 'Make support feel human and fast', 'customer satisfaction', 'Increase CSAT from 3.8 to 4.5', '3.8 -> 4.5', NULL, 1, 'Support'),
  (6, 'Grow the business', 'annual recurring revenue', 'Grow ARR from $2M to $3M', '$2M -> $3M', NULL, 1, 'Sales'),
  (7, 'Grow the business', NULL, 'Sign 3 reference customers', '0 -> 3 @ 2', NULL, 1, 'Sales'),
  (8, 'Implement the new CRM by end of October', NULL, 'Finish the CRM rollout milestones', '0 -> 4 milestones @ 1', NULL, 1, 'Operations')
) AS r(n, objective, metric, title, plan, kpi, weight, owner)
JOIN objectives o ON o.title = r.objective AND o.quarter = '2020-Q3'
LEFT JOIN metrics m ON m.name = r.metric
LEFT JOIN kpis k ON k.title = r.kpi
ORDER BY r.n;

-- Measurements over Q2 and Q3 2020 (noon UTC), deterministic so the demo
-- always prints the same scores.
INSERT INTO measurements (metric_id, at, value)
SELECT (SELECT id FROM metrics WHERE name = 'client retention rate'), '2020-04-01 12:00+00'::timestamptz + w * interval '1 week',
       CASE WHEN w < 13 THEN 72 + w * 0.077 ELSE 73 + (w - 13) * 2.0 / 13 END
FROM generate_series(0, 26) w;                                   -- retention: 73% -> 75% over Q3
INSERT INTO measurements (metric_id, at, value)
SELECT (SELECT id FROM metrics WHERE name = 'net promoter score'), '2020-04-02 12:00+00'::timestamptz + w * interval '1 week',
       CASE WHEN w < 13 THEN 18 + w * 0.15 ELSE 20 + (w - 13) * 0.85 END
FROM generate_series(0, 25) w;                                   -- NPS: 20 -> 31
INSERT INTO measurements (metric_id, at, value)
SELECT (SELECT id FROM metrics WHERE name = 'median first response time'), '2020-04-01 12:00+00'::timestamptz + d * interval '1 day',
       CASE WHEN d < 91 THEN 23400 - d * 20
            ELSE 21600 - (d - 91) * 157 + (d % 7) * 60 END
FROM generate_series(0, 182) d;                                  -- first response: 6h -> about 2h
INSERT INTO measurements (metric_id, at, value)
SELECT (SELECT id FROM metrics WHERE name = 'customer satisfaction'), '2020-04-03 12:00+00'::timestamptz + w * interval '1 week',
       CASE WHEN w < 13 THEN 3.7 + w * 0.008 ELSE 3.8 + (w - 13) * 0.04 END
FROM generate_series(0, 25) w;                                   -- CSAT: 3.8 -> 4.3
INSERT INTO measurements (metric_id, at, value)
SELECT (SELECT id FROM metrics WHERE name = 'annual recurring revenue'), '2020-04-28 12:00+00'::timestamptz + m * interval '1 month', 1800000 + m * 110000
FROM generate_series(0, 5) m;                                    -- ARR: $1.8M -> $2.35M
INSERT INTO measurements (metric_id, at, value)
SELECT (SELECT id FROM metrics WHERE name = 'monthly churn rate'), '2020-04-30 12:00+00'::timestamptz + m * interval '1 month', 2.6 - m * 0.1
FROM generate_series(0, 5) m;                                    -- churn: 2.6% -> 2.1%
