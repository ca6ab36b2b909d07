-- Quarter roll-forward as users see it: the NOTICEs for key results that are
-- not carried, and the plans of those that are (the retention example first).
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS okrkpi;
RESET client_min_messages;
SET TimeZone = 'UTC';
\set ECHO none
\set QUIET on
\i demo/plan.sql
\set QUIET off
\set ECHO all
SET search_path = okrkpi, public;

-- edge cases: a KPI whose metric was never measured, a KPI due before the next quarter
INSERT INTO metrics (name) VALUES ('new metric');
INSERT INTO kpis (metric_id, title, threshold, annual_target, target_date, since)
SELECT id, 'never measured', '>= 1', 10, '2021-12-31', '2020-01-01' FROM metrics WHERE name = 'new metric';
INSERT INTO kpis (metric_id, title, threshold, annual_target, target_date, since)
SELECT id, 'CSAT by September', '4.2 .. 4.8', 4.5, '2020-09-30', '2020-01-01' FROM metrics WHERE name = 'customer satisfaction';
UPDATE key_results SET kpi_id = (SELECT id FROM kpis WHERE title = 'CSAT by September') WHERE title = 'Increase CSAT from 3.8 to 4.5';
INSERT INTO key_results (objective_id, metric_id, title, plan, kpi_id)
SELECT (SELECT id FROM objectives WHERE title = 'Grow the business'), m.id, 'Move the new metric', '0 -> 5', k.id FROM metrics m, kpis k WHERE m.name = 'new metric' AND k.title = 'never measured';
-- a KPI whose annual target is already reached: churn is at 2.1, aiming at 2.2
UPDATE kpis SET annual_target = 2.2 WHERE title = 'Keep churn at most 2%';
UPDATE key_results SET kpi_id = (SELECT id FROM kpis WHERE title = 'Keep churn at most 2%') WHERE title = 'Reduce monthly churn from 2.4% to 2%';
-- a retired KPI (kept its year: since 2020-01-01) is not carried
UPDATE kpis SET retired_at = '2021-01-01 00:00+00' WHERE title = 'First response within 4 hours';

UPDATE cycles SET closed_at = '2020-10-01 09:00+00' WHERE quarter = '2020-Q3';

SELECT o.quarter::text, r.title AS key_result, r.plan::text, p.plan::text AS rolled_from_plan
FROM key_results r JOIN objectives o ON o.id = r.objective_id JOIN key_results p ON p.id = r.rolled_from
ORDER BY r.id;

-- closing again carries nothing twice (the skipped key results are reported again)
UPDATE cycles SET closed_at = NULL WHERE quarter = '2020-Q3';
UPDATE cycles SET closed_at = '2020-10-02 09:00+00' WHERE quarter = '2020-Q3';
SELECT quarter::text, count(*) FROM objectives GROUP BY quarter ORDER BY quarter;

DROP EXTENSION okrkpi;
