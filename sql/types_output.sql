-- Printed forms of key_result, kpi and quarter (doc/types.md).
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS okrkpi;
RESET client_min_messages;
SET search_path = okrkpi, public;
SET datestyle = ISO;

-- key_result: canonical output, whatever the spelling
SELECT lit, lit::key_result AS canonical
FROM (VALUES ('20 -> 40'), ('20->40@30'), ('  20 ->   40 @ 30  '), ('73% -> 75%'),
             ('-5 -> 5 @ 0'), ('$2M -> $3M'), ('$2.5M -> $3M @ $2.75M'), ('10k -> 20k'),
             ('€1.5k -> €1k'), ('£-5 -> -£1'), ('¥100 -> ¥1B'), ('6h -> 45min'),
             ('1w -> 2 weeks @ 10 days'), ('90s -> 1 min'), ('0 -> 4 milestones @ 1'),
             ('0 milestones -> 4 milestones'), ('1e3 -> 2.5E+3'), ('.5 -> 4.'),
             ('0.1 -> 0.30000000000000004'), ('1e-300 -> 1e300'), ('-0 -> 1 @ -0')) v(lit);

-- accessors
SELECT kr, start_value(kr), target_value(kr), current_value(kr), unit(kr),
       direction(kr), is_milestone(kr)
FROM (VALUES ('20 -> 40 @ 30'::key_result), ('6h -> 45min'), ('73% -> 75%'),
             ('$2M -> $3M'), ('0 -> 4 milestones @ 1'), ('-5 -> 5 @ 0'), ('€1 -> €2')) v(kr);
SELECT with_current('73% -> 75%'::key_result, 74), with_current('20 -> 40 @ 30'::key_result, NULL),
       with_current(NULL::key_result, 1);

-- jsonb, both ways
SELECT '20 -> 40 @ 30'::key_result::jsonb;
SELECT '20 -> 40'::key_result::jsonb;
SELECT '6h -> 45min @ 3h'::key_result::jsonb;
SELECT '{"start": 20, "target": 40, "current": 30, "unit": "", "direction": "increase", "score": 0.5}'::jsonb::key_result;
SELECT '{"start": 73, "target": 75, "unit": "%"}'::jsonb::key_result;

-- kpi
SELECT lit, lit::kpi AS canonical, lower_bound(lit::kpi), upper_bound(lit::kpi),
       current_value(lit::kpi), unit(lit::kpi), comparison(lit::kpi)
FROM (VALUES ('>= 40'), ('> 40'), ('<= 2% @ 1.5%'), ('< 2%'), ('4.2 .. 4.8'),
             ('4.2..4.8@4.5'), ('>= $1M'), ('<= 4h @ 90min'), ('-5 .. -1')) v(lit);
SELECT '>= 40 @ 42'::kpi::jsonb;
SELECT '<= 2% @ 2.1%'::kpi::jsonb;
SELECT '4.2 .. 4.8'::kpi::jsonb;
SELECT '{"comparison": "..", "lower": 4.2, "upper": 4.8, "current": 5}'::jsonb::kpi;
SELECT with_current('>= 40'::kpi, 39);

-- quarter
SELECT lit, lit::quarter
FROM (VALUES ('2026-Q3'), ('2026Q3'), ('2026 Q3'), ('Q3 2026'), ('Q3-2026'), ('q3 2026'),
             ('2026-q3'), ('1-Q1'), ('9999-Q4')) v(lit);
SELECT quarter_of('2026-10-01'::date, 10) AS fiscal_q1, quarter_of('2026-09-30'::date, 10) AS fiscal_q4,
       quarter_of('2026-08-15'::date) AS calendar;
SELECT q, quarter_start(q), quarter_end(q), period(q), quarter_year(q), quarter_number(q)
FROM (VALUES ('2026-Q1'::quarter), ('2026-Q4'), ('0001-Q1')) v(q);
SELECT '2026-Q4'::quarter + 1, '2026-Q1'::quarter - 1, '2027-Q1'::quarter - '2026-Q3'::quarter,
       '2026-Q3'::quarter - '2027-Q1'::quarter;
