-- Error reports: SQLSTATE, message, detail and hint as users see them.
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS okrkpi;
RESET client_min_messages;
SET search_path = okrkpi, public;

SELECT 'abc'::key_result;
SELECT '20 -> 40%'::key_result;
SELECT '20 -> 40 @ 3 apples'::key_result;
SELECT '1e400 -> 3'::key_result;
SELECT '20 -> 20'::key_result;
SELECT '60min -> 1h'::key_result;
-- a current value without the plan's unit; units the grammar does not have
SELECT '6h -> 45min @ 2'::key_result;
SELECT '$2M -> $3M @ 2.5'::key_result;
SELECT '6h -> 45min @ 7200'::key_result;
SELECT '$2M -> $3M @ 2500000'::key_result;
SELECT '>= 2h @ 3'::kpi;
SELECT '5m'::key_result;
SELECT '1.2 s -> 800ms'::key_result;
SELECT '-5k ms -> 1s'::key_result;
SELECT '2 .. 3%'::kpi;
-- statements name what is wrong with them
SELECT * FROM parse_statement('Cut p99 latency from 1.2 s to 800ms');
SELECT * FROM parse_statement('Increase NPS from 20 to 40%');
SELECT * FROM parse_statement('Increase NPS from 20 to 20');
SELECT * FROM parse_statement('Increase NPS from 40 to 20');
SELECT '>= 4 milestones'::kpi;
SELECT '5 .. 4'::kpi;
SELECT '2026-Q5'::quarter;
SELECT '10000-Q1'::quarter;
SELECT '9999-Q4'::quarter + 1;
SELECT quarter_of('2026-01-01'::date, 13);
SELECT with_current('1 -> 2'::key_result, 'NaN');
SELECT '{"start": 1}'::jsonb::key_result;
SELECT '[1, 2]'::jsonb::key_result;
SELECT '{"start": 1, "target": 1}'::jsonb::key_result;
SELECT '{"start": 1, "target": "2"}'::jsonb::key_result;
SELECT '{"start": 1, "target": 2, "unit": "apples"}'::jsonb::key_result;
SELECT '{"start": 1, "target": 1e400}'::jsonb::key_result;
SELECT '{"comparison": "=>", "lower": 1}'::jsonb::kpi;

-- Position is counted in characters, not bytes.
SELECT '€5 -> €6 @ x'::key_result;

-- The SQLSTATE of each class of fault.
\set VERBOSITY sqlstate
SELECT 'NaN -> 1'::key_result;
SELECT '1e-400 -> 1'::key_result;
SELECT '1k -> 1000'::key_result;
SELECT '6h -> 45min @ 2'::key_result;
SELECT '>= 2h @ 3'::kpi;
SELECT * FROM parse_statement('Increase NPS from 20 to 40%');
SELECT * FROM parse_statement('Increase NPS from 20 to 20');
SELECT '0-Q1'::quarter;
SELECT '{"start": 1, "target": 1e-400}'::jsonb::key_result;
