\ir ../include/setup.sql
SELECT plan(162);
-- pgTAP tests of statement, parse_statement and carry_forward (doc/statements.md).
-- Every expected value is worked out by hand from the rules there; the
-- arithmetic of carry_forward is in the comments.

-- parse_statement's row as one text, with brackets that show white space
CREATE FUNCTION pg_temp.parsed(s text) RETURNS text LANGUAGE sql AS $$
    SELECT format('[%s] [%s] [%s]', metric, plan, rest) FROM okrkpi.parse_statement(s)
$$;

-- SQLSTATE | detail | hint of parse_statement's error
CREATE FUNCTION pg_temp.statement_error(s text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    detail text;
    hint text;
BEGIN
    PERFORM * FROM okrkpi.parse_statement(s);
    RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
    GET STACKED DIAGNOSTICS detail = PG_EXCEPTION_DETAIL, hint = PG_EXCEPTION_HINT;
    RETURN format('%s | %s | %s', SQLSTATE, detail, hint);
END
$$;

-- the SQLSTATE and hint an SQL statement raises
CREATE FUNCTION pg_temp.error_hint(sql text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    hint text;
BEGIN
    EXECUTE sql;
    RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
    GET STACKED DIAGNOSTICS hint = PG_EXCEPTION_HINT;
    RETURN SQLSTATE || ': ' || hint;
END
$$;

-- ---------------------------------------------------------------------------
-- 1. statement(): the verb by direction, the values as the type prints them
-- ---------------------------------------------------------------------------
SELECT is(statement('median first response time', '6h -> 45min'),
          'Reduce median first response time from 6h to 45min', 'a decreasing duration: Reduce, 6h and 45min');
SELECT is(statement('client retention rate', '73% -> 75%'),
          'Increase client retention rate from 73% to 75%', 'an increasing percentage: Increase');
SELECT is(statement('ARR', '$2M -> $3M'), 'Increase ARR from $2M to $3M', 'money with a magnitude');
SELECT is(statement('ARR', '$2000000 -> $3000000 @ $2.5M'), 'Increase ARR from $2M to $3M',
          'values in their printed form; the current value is not part of a statement');
SELECT is(statement('onboarding', '0 -> 4 milestones @ 1'), 'Complete onboarding from 0 to 4 milestones',
          'rising milestones: Complete, the word after the target');
SELECT is(statement('open risks', '4 -> 0 milestones'), 'Reduce open risks from 4 to 0 milestones',
          'falling milestones: Reduce');
SELECT is(statement(E'  NPS \t', '20 -> 40'), 'Increase NPS from 20 to 40', 'the metric is trimmed');
SELECT is(statement('p95 latency', '21600s -> 2700s'), 'Reduce p95 latency from 6h to 45min',
          'seconds print in the largest unit that is exact');
SELECT is(statement('cycle time', '3w -> 10d'), 'Reduce cycle time from 3w to 10d', 'weeks and days');
SELECT is(statement('build time', '600s -> 90s'), 'Reduce build time from 10min to 1.5min', 'minutes');
SELECT is(statement('uptime', '99.5% -> 99.95%'), 'Increase uptime from 99.5% to 99.95%', 'percent keeps its digits');
SELECT is(statement('revenue', '€2.5M -> €3M'), 'Increase revenue from €2.5M to €3M', 'euro');
SELECT is(statement('costs', '£12500 -> £9999'), 'Reduce costs from £12.5k to £9999', 'pound; k from 10000 up');
SELECT is(statement('sales', '¥1B -> ¥1.5B'), 'Increase sales from ¥1B to ¥1.5B', 'yen');
SELECT is(statement('CSAT', '3.8 -> 4.2'), 'Increase CSAT from 3.8 to 4.2', 'plain decimals');
SELECT is(statement('loss', '-$5 -> -$2.5M'), 'Reduce loss from -$5 to -$2.5M', 'negative money: the sign first');
SELECT is(statement('temperature', '5 -> -3.5'), 'Reduce temperature from 5 to -3.5', 'through zero');
SELECT is(statement('balance', '-2M -> -1M'), 'Increase balance from -2M to -1M', 'negative, rising');
SELECT is(statement('revenue from partners', '$1M -> $2M'), 'Increase revenue from partners from $1M to $2M',
          '"from" inside the metric is fine');
SELECT is(statement('time to market', '5d -> 2d'), 'Reduce time to market from 5d to 2d', '"to" inside the metric is fine');
SELECT is(statement(NULL, '20 -> 40'), NULL, 'STRICT: NULL metric');
SELECT throws_ok($$ SELECT statement('', '20 -> 40') $$, '22023', NULL, 'an empty metric is refused');
SELECT throws_ok($$ SELECT statement(E' \t\n', '20 -> 40') $$, '22023', NULL, 'a blank metric is refused');
SELECT throws_ok($$ SELECT statement('churn from 5 to 3 regions', '20 -> 10') $$, '22023', NULL,
                 'a metric with a plan of its own would not read back: refused');

-- ---------------------------------------------------------------------------
-- 2. parse_statement(): the examples, both ways
-- ---------------------------------------------------------------------------
SELECT is(pg_temp.parsed('Increase client retention rate from 73% to 75% by end of Q3, toward 80% by end of 2020'),
          '[client retention rate] [73% -> 75%] [ by end of Q3, toward 80% by end of 2020]',
          'the rest keeps its leading space and every word');
SELECT is(pg_temp.parsed('Reduce median first response time from 6h to 45 min'),
          '[median first response time] [6h -> 45min] []', '"45 min": a value of two words; nothing follows');
SELECT is(pg_temp.parsed('GROW ARR from $2M to $3M, this year'), '[ARR] [$2M -> $3M] [, this year]',
          'upper-case verb; the comma peeled off "$3M," starts the rest');
SELECT is((SELECT plan FROM parse_statement('Reduce median first response time from 6h to 45 min')),
          '21600s -> 2700s'::key_result, 'the plan is a key_result in base units');
SELECT is((SELECT count(*)::int FROM parse_statement('Increase NPS from 20 to 40')), 1, 'one row');
SELECT is((SELECT count(*)::int FROM parse_statement(NULL)), 0, 'STRICT: no row for NULL');
SELECT is(pg_temp.parsed('Increase revenue from partners from $1M to $2M'),
          '[revenue from partners] [$1M -> $2M] []', '"from" in the metric: the first "from" that gives a plan');
SELECT is(pg_temp.parsed('Reduce time from order to delivery from 5d to 2d; then 1d'),
          '[time from order to delivery] [5d -> 2d] [; then 1d]', '"from" and "to" in the metric; ";" peeled off');
SELECT is(pg_temp.parsed('Reduce time to market from 5 days to 2 days'), '[time to market] [5d -> 2d] []',
          '"to" before "from" is the metric''s');
SELECT is(pg_temp.parsed('Complete onboarding from 0 to 4 milestones'), '[onboarding] [0 -> 4 milestones] []',
          'milestones: complete is an increase verb');
SELECT is(pg_temp.parsed('Reduce open risks from 4 to 0 milestones.'), '[open risks] [4 -> 0 milestones] [.]',
          'milestones, falling; the period peeled off');
SELECT is(pg_temp.parsed('Increase onboarding from 0 milestones to 4'), '[onboarding] [0 -> 4 milestones] []',
          'the milestone word may stand after the start');
SELECT is(pg_temp.parsed(E'  lift\tNPS  FROM 20 TO 40  '), '[NPS] [20 -> 40] [  ]',
          'white space around the verb and metric; FROM and TO in any case; trailing spaces are the rest');
SELECT is(pg_temp.parsed('Increase NPS from 20 to 40 @ 30'), '[NPS] [20 -> 40] [ @ 30]',
          'a current value is not part of a statement: "@ 30" is rest');
SELECT is(pg_temp.parsed('Increase NPS from 20 to 40.'), '[NPS] [20 -> 40] []',
          '"40." is a number in the key_result grammar, so the longest target takes the period');
SELECT is(pg_temp.parsed('Increase NPS from 20 to 40,. then more'), '[NPS] [20 -> 40] [,. then more]',
          'the whole run of ",;." is peeled off');
SELECT is(pg_temp.parsed('Increase NPS from 20 to 40 points'), '[NPS] [20 -> 40] [ points]',
          'an unknown word after the target is rest');
SELECT is(pg_temp.parsed('Increase NPS from 20 to 40 by Q3 from 40 to 50'), '[NPS] [20 -> 40] [ by Q3 from 40 to 50]',
          'the first "from ... to ..." that reads wins; later ones are rest');
SELECT is(pg_temp.parsed('Increase growth from 5 to 5 regions from 1 to 2'), '[growth from 5 to 5 regions] [1 -> 2] []',
          'a "from ... to ..." that is no plan (5 -> 5) is skipped for a later one that is');

-- every unit
SELECT is(pg_temp.parsed(v), expected, v)
  FROM (VALUES
      (1, 'Increase share from 73% to 75 %', '[share] [73% -> 75%] []'),
      (2, 'Increase revenue from €2.5M to €3M', '[revenue] [€2.5M -> €3M] []'),
      (3, 'Reduce costs from £12500 to £9999', '[costs] [£12.5k -> £9999] []'),
      (4, 'Increase sales from ¥1B to ¥1.5B', '[sales] [¥1B -> ¥1.5B] []'),
      (5, 'Raise margin from $ 2.5M to $3M', '[margin] [$2.5M -> $3M] []'),
      (6, 'Reduce downtime from 2 hours to 90 minutes', '[downtime] [2h -> 1.5h] []'),
      (7, 'Reduce build time from 600 s to 5min', '[build time] [10min -> 5min] []'),
      (8, 'Increase streak from 1 week to 10 days', '[streak] [1w -> 10d] []'),
      (9, 'Increase CSAT from 3.8 to 4.2', '[CSAT] [3.8 -> 4.2] []'),
      (10, 'Increase reach from 12.5k to 2.35M', '[reach] [12.5k -> 2.35M] []'),
      (11, 'Increase reach from 1e3 to 2E3', '[reach] [1000 -> 2000] []')
  ) AS t(n, v, expected)
 ORDER BY n;

-- negative values
SELECT is(pg_temp.parsed(v), expected, v)
  FROM (VALUES
      (1, 'Reduce loss from -$5 to -$2.5M', '[loss] [-$5 -> -$2.5M] []'),
      (2, 'Increase balance from $-2M to -$1M', '[balance] [-$2M -> -$1M] []'),
      (3, 'Cut temperature from 5 to -3.5', '[temperature] [5 -> -3.5] []'),
      (4, 'Raise temperature from -10 to +3', '[temperature] [-10 -> 3] []'),
      (5, 'Drop drift from -1h to -2h, quickly', '[drift] [-1h -> -2h] [, quickly]')
  ) AS t(n, v, expected)
 ORDER BY n;

-- ---------------------------------------------------------------------------
-- 3. Verbs: every one, in mixed case; a verb against the numbers is 22023
-- ---------------------------------------------------------------------------
SELECT is((SELECT plan FROM parse_statement(verb || ' NPS from 20 to 40')), '20 -> 40'::key_result,
          format('%s is an increase verb', verb))
  FROM unnest(ARRAY['InCrEaSe', 'GROW', 'rAiSe', 'Improve', 'lifT', 'bOOST', 'CoMpLeTe']) WITH ORDINALITY AS v(verb, n)
 ORDER BY n;
SELECT is((SELECT plan FROM parse_statement(verb || ' NPS from 40 to 20')), '40 -> 20'::key_result,
          format('%s is a decrease verb', verb))
  FROM unnest(ARRAY['ReDuCe', 'DECREASE', 'Cut', 'lOWER', 'sHrInK', 'Drop']) WITH ORDINALITY AS v(verb, n)
 ORDER BY n;
SELECT throws_ok(format('SELECT * FROM parse_statement(%L)', verb || ' NPS from 40 to 20'), '22023', NULL,
                 format('%s with a falling plan contradicts the numbers', verb))
  FROM unnest(ARRAY['increase', 'grow', 'raise', 'improve', 'lift', 'boost', 'complete']) WITH ORDINALITY AS v(verb, n)
 ORDER BY n;
SELECT throws_ok(format('SELECT * FROM parse_statement(%L)', verb || ' NPS from 20 to 40'), '22023', NULL,
                 format('%s with a rising plan contradicts the numbers', verb))
  FROM unnest(ARRAY['reduce', 'decrease', 'cut', 'lower', 'shrink', 'drop']) WITH ORDINALITY AS v(verb, n)
 ORDER BY n;
SELECT throws_ok($$ SELECT * FROM parse_statement('Complete onboarding from 4 to 0 milestones') $$, '22023', NULL,
                 'complete with falling milestones contradicts them');
SELECT throws_ok($$ SELECT * FROM parse_statement('Reduce response time from 45min to 6h') $$, '22023', NULL,
                 'reduce with a rising duration contradicts it');

-- ---------------------------------------------------------------------------
-- 4. Errors
-- ---------------------------------------------------------------------------
SELECT throws_ok(format('SELECT * FROM parse_statement(%L)', s), '22P02', NULL, format('%L is not a statement', s))
  FROM unnest(ARRAY[
      '',
      '   ',
      'Frobnicate NPS from 20 to 40',       -- unknown verb
      'Increased NPS from 20 to 40',        -- not the verb's base form
      'NPS from 20 to 40',                  -- no verb
      'Increase: NPS from 20 to 40',        -- the verb is the whole first word
      'Increase NPS to 40',                 -- no from
      'Increase NPS from 20',               -- no to
      'Increase NPS',
      'Increase NPS by 20 points',
      'Increase NPS from 20 to forty',      -- no value after to
      'Increase NPS from twenty to 40',     -- no value after from
      'Increase NPS from 20% to 40',        -- mixed units, as the type says
      'Increase NPS from 20 to 40%(max)',   -- no token boundary after 40%
      'Increase NPS from 20 to NaN',        -- not a value the type takes
      'Reduce p95 from 1.5 sec to 800 ms',  -- ms is no unit, and 800 alone has none
      'Increase from 20 to 40',             -- empty metric
      E'Increase \t from 20 to 40'          -- blank metric
  ]) WITH ORDINALITY AS t(s, n)
 ORDER BY n;
SELECT is(pg_temp.error_hint($$ SELECT * FROM parse_statement('Increase NPS by 20') $$),
          '22P02: Write a statement as ''<verb> <metric> from <start> to <target>'', e.g. ''Increase NPS from 20 to 40''.',
          'the syntax hint shows the form');
SELECT throws_ok($$ SELECT * FROM parse_statement('Increase NPS from 20 to 20') $$, '22023', NULL,
                 'start = target, as the type says');
SELECT throws_ok($$ SELECT * FROM parse_statement('Reduce time from 60min to 1h by Q3') $$, '22023', NULL,
                 'start = target after scaling (60min = 1h)');
-- each error names what is wrong with that statement (doc/statements.md, "Errors")
SELECT is(pg_temp.statement_error('Cut p99 latency from 1.2 s to 800ms'),
          '22P02 | Unknown unit "ms": milliseconds are not supported, durations are read in seconds and larger units. | '
          'Write the duration in seconds with a decimal, as in ''0.8s'' for 800ms.',
          '800ms: the unknown unit is named, and 0.8s offered');
SELECT is(pg_temp.statement_error('Increase NPS from 20 to 40%'),
          '22P02 | Start and target differ in unit: the start "20" is a plain number, the target "40%" a percentage. | '
          'Write start and target in the same unit; a duration may mix s, min, h, d and w, as in ''6h -> 45min''.',
          '20 to 40%: mixed units, both values named');
SELECT is(pg_temp.statement_error('Increase NPS from 20 to 40% by Q3'),
          '22P02 | Start and target differ in unit: the start "20" is a plain number, the target "40%" a percentage. | '
          'Write start and target in the same unit; a duration may mix s, min, h, d and w, as in ''6h -> 45min''.',
          '20 to 40% by Q3: the words after the target do not hide the mixed units');
SELECT is(pg_temp.statement_error('Reduce time to first reply from 5m to 3m'),
          '22P02 | Unknown unit "m": it could mean minutes or millions. | '
          'Write "min" for minutes, as in ''5min'', or "M" for millions, as in ''5M''.',
          '5m: min or M');
SELECT is(pg_temp.statement_error('Increase NPS from 20 to 20'),
          '22023 | The start "20" and the target "20" are the same value. | '
          'A key result must move its metric: give it a target that differs from its start. '
          'A level to hold belongs in a kpi threshold such as ''>= 40''.',
          'start = target says so, with the type''s hint, not the verbs''');
SELECT is(pg_temp.statement_error('Increase NPS from 40 to 20'),
          '22023 | The verb "Increase" says increase, but the target "20" is below the start "40". | '
          'Use an increase verb (increase, grow, raise, improve, lift, boost, complete) for a target above '
          'the start and a decrease verb (reduce, decrease, cut, lower, shrink, drop) for one below.',
          'a verb against the numbers names the verb and both values');
SELECT is(pg_temp.statement_error('Increase NPS from 20 to forty'),
          '22P02 | Expected "from <start> to <target>" after the metric. | '
          'Write a statement as ''<verb> <metric> from <start> to <target>'', e.g. ''Increase NPS from 20 to 40''.',
          'no value after "to": the form of a statement');
SELECT throws_ok($$ SELECT * FROM parse_statement('Increase NPS from 1e400 to 2') $$, '22003', NULL,
                 'a start out of float8 range');
SELECT throws_ok($$ SELECT * FROM parse_statement('Increase NPS from 2 to 1e308k, eventually') $$, '22003', NULL,
                 'a target out of float8 range after its magnitude');

-- ---------------------------------------------------------------------------
-- 5. Round trip: parse_statement(statement(m, p)) gives back m (trimmed) and
--    p without its current value, over 400 generated plans of every unit
-- ---------------------------------------------------------------------------
CREATE TEMP TABLE generated AS
SELECT i, m.metric, p.plan
  FROM generate_series(0, 399) AS i
 CROSS JOIN LATERAL (SELECT (ARRAY['', '%', '$', '€', '£', '¥', 's', 'milestones'])[i % 8 + 1] AS unit,
                            -- a spread of magnitudes: 0.001 to 1e9, and 1e20
                            (ARRAY[0.001, 0.01, 1, 60, 3600, 1000, 86400, 604800, 1e6, 1e9, 1e20])[i % 11 + 1] AS scale) u
 CROSS JOIN LATERAL (SELECT ((i * 7919) % 2001 - 1000) * u.scale / 4 AS s,
                            ((i * 104729) % 1999 - 999) * u.scale / 8 AS t) v
 CROSS JOIN LATERAL (SELECT jsonb_build_object('start', v.s, 'target', CASE WHEN v.t = v.s THEN v.s + u.scale ELSE v.t END,
                                               'unit', u.unit,
                                               'current', CASE WHEN i % 3 = 0 THEN v.s END)::key_result AS plan) p
 CROSS JOIN LATERAL (SELECT (ARRAY['NPS', '  client retention rate ', 'revenue from partners', 'time to market',
                                   'from', 'to', 'Increase', 'p95 latency (ms)', E'\tcycle time\n', 'X from Y from Z',
                                   'to 4 milestones', '45 min'])[i % 12 + 1] AS metric) m;
SELECT is((SELECT count(DISTINCT unit(plan))::int FROM generated), 8, 'the generated plans cover every unit');
SELECT ok((SELECT count(*) FROM generated WHERE direction(plan) = 'decrease') >= 100
          AND (SELECT count(*) FROM generated WHERE direction(plan) = 'increase') >= 100
          AND (SELECT count(*) FROM generated WHERE start_value(plan) < 0 OR target_value(plan) < 0) >= 100,
          'and both directions, and negative values, by the hundred');
SELECT is_empty($$
    SELECT g.i, g.metric, g.plan, statement(g.metric, g.plan), r.*
      FROM generated g
      LEFT JOIN LATERAL parse_statement(statement(g.metric, g.plan)) r ON true
     WHERE r.metric IS DISTINCT FROM regexp_replace(g.metric, '^\s+|\s+$', '', 'g')
        OR r.plan IS DISTINCT FROM with_current(g.plan, NULL)
        OR r.rest IS DISTINCT FROM ''
$$, 'parse_statement(statement(m, p)) = (trimmed m, p without current, '''') for all 400');
SELECT is_empty($$
    SELECT g.i FROM generated g
     WHERE statement(g.metric, g.plan) <> statement((SELECT metric FROM parse_statement(statement(g.metric, g.plan))),
                                                   g.plan)
$$, 'and the statement of what was read is the same text');

-- ---------------------------------------------------------------------------
-- 6. carry_forward(plan, actual, annual_target, quarters_left):
--    actual -> actual + (annual_target - actual) / quarters_left, rounded to
--    (most decimals of annual_target, start, target in base units) + 1
-- ---------------------------------------------------------------------------
-- 30.2 + (45 - 30.2) / 3 = 35.1333...; decimals max(0, 0, 0) + 1 = 1: 35.1
SELECT is(carry_forward('20 -> 40', 30.2, 45, 3)::text, '30.2 -> 35.1', 'the straight-line step, one decimal');
-- 75 + (80 - 75) / 1 = 80
SELECT is(carry_forward('73% -> 75%', 75, 80, 1)::text, '75% -> 80%', 'the last quarter aims at the annual target');
-- written 6h -> 45min: the start in hours, the target in minutes, each to hundredths;
-- 7313 s = 2.0313... h -> 2.03h; 7313 + (2700 - 7313) / 2 = 5006.5 s = 83.4416... min -> 83.44min
SELECT is(carry_forward('6h -> 45min', 7313, 2700, 2)::text, '2.03h -> 83.44min',
          'a duration, decreasing: hours stay hours, minutes stay minutes');
-- decimals from the start: 2.5 has 1, so 2; 3 + (5 - 3) / 3 = 3.6666... -> 3.67
SELECT is(carry_forward('2.5 -> 4', 3, 5, 3)::text, '3 -> 3.67', 'the start''s decimals count');
-- decimals from the target: 1.125 has 3, so 4; 1 + (2 - 1) / 3 = 1.3333... -> 1.3333
SELECT is(carry_forward('1 -> 1.125', 1, 2, 3)::text, '1 -> 1.3333', 'the target''s decimals count');
-- decimals from annual_target: 40.25 has 2, so 3; 30 + 10.25 / 3 = 33.41666... -> 33.417
SELECT is(carry_forward('20 -> 40', 30, 40.25, 3)::text, '30 -> 33.417', 'the annual target''s decimals count');
-- actual's decimals do not: 30.25 + (31 - 30.25) / 4 = 30.4375; decimals 0 + 1: 30.4
SELECT is(carry_forward('20 -> 40', 30.25, 31, 4)::text, '30.25 -> 30.4', 'the actual''s decimals do not count');
-- money written in M: 2400000 + 1600000 / 3 = 2933333.333... = 2.9333...M; hundredths of M: 2.93M
SELECT is(carry_forward('$2M -> $3M', 2400000, 4000000, 3)::text, '$2.4M -> $2.93M', 'money in the scale it was written in');
-- 2500000 + 1500000 / 3 = 3000000
SELECT is(carry_forward('$2M -> $3M', 2500000, 4000000, 3)::text, '$2.5M -> $3M', 'a round step prints round');
-- 2350000 + (5000000 - 2350000) / 2 = 3675000 = 3.675M; hundredths of M: 3.68M (both ends in M)
SELECT is(carry_forward('$2M -> $3M', 2350000, 5e6, 2)::text, '$2.35M -> $3.68M', 'both ends in the scale the plan was written in');
-- 3234156.4 = 3.2341564M -> 3.23M; 3234156.4 + (5000000 - 3234156.4) / 2 = 4117078.2 -> 4.12M
SELECT is(carry_forward('$2M -> $3M', 3234156.4, 5e6, 2)::text, '$3.23M -> $4.12M',
          'no tenths of a dollar: an actual off the scale is rounded in it too');
-- 800000 is below 1M: the next smaller unit, k; 800000 + 4200000 / 2 = 2900000 = 2.9M
SELECT is(carry_forward('$2M -> $3M', 800000, 5e6, 2)::text, '$800k -> $2.9M', 'a value below 1M goes to k');
-- money in plain digits, written whole: 5000 + 7000 / 3 = 7333.33... -> 7333 (whole dollars, no tenths)
SELECT is(carry_forward('$5000 -> $8000', 5000, 12000, 3)::text, '$5000 -> $7333', 'whole money stays whole');
-- written with cents: 4.5 + (3 - 4.5) / 4 = 4.125 -> cents, a tie to even: 4.12
SELECT is(carry_forward('$4.99 -> $3.99', 4.5, 3, 4)::text, '$4.5 -> $4.12', 'money with cents: cents');
-- plain numbers written in k: 23456 = 23.456k -> 23.46k; 23456 + (40000 - 23456) / 2 = 31728 -> 31.73k
SELECT is(carry_forward('20k -> 30k', 23456, 40000, 2)::text, '23.46k -> 31.73k', 'plain numbers written in k');
-- percent, decreasing: 4.2 + (2 - 4.2) / 3 = 4.2 - 0.7333... = 3.4666...; 1 decimal: 3.5
SELECT is(carry_forward('5% -> 3%', 4.2, 2, 3)::text, '4.2% -> 3.5%', 'a decreasing percentage');
-- 7200 + (2700 - 7200) / 3 = 7200 - 1500 = 5700 s = 95 min
SELECT is(carry_forward('6h -> 45min', 7200, 2700, 3)::text, '2h -> 95min', 'a duration that lands on whole minutes');
-- milestones: 2 + (8 - 2) / 2 = 5; 2 + (7 - 2) / 3 = 3.666... -> 4 (whole milestones)
SELECT is(carry_forward('0 -> 4 milestones', 2, 8, 2)::text, '2 -> 5 milestones', 'milestones');
SELECT is(carry_forward('0 -> 4 milestones', 2, 7, 3)::text, '2 -> 4 milestones', 'milestones are whole');
-- 2 + (3 - 2) / 4 = 2.25 -> 2 would not move: one whole milestone, 3
SELECT is(carry_forward('0 -> 4 milestones', 2, 3, 4)::text, '2 -> 3 milestones', 'at least one whole milestone');
-- negative: -12 + (-30 - -12) / 4 = -12 - 4.5 = -16.5
SELECT is(carry_forward('-10 -> -20', -12, -30, 4)::text, '-12 -> -16.5', 'negative values');
-- small: decimals of 2e-05 are 5, so 6; 1e-05 + 1e-05 / 3 = 1.333...e-05 -> 0.000013
SELECT is(carry_forward('0.00001 -> 0.00002', 0.00001, 0.00002, 3)::text, '1e-05 -> 1.3e-05',
          'decimals of values float8 prints with an exponent');
-- large: 1e20 + (3e20 - 1e20) / 2 = 2e20
SELECT is(carry_forward('1 -> 2', 1e20, 3e20, 2)::text, '1e+20 -> 2e+20', 'large values');
-- rounding onto the start: 30 + 1 / 100 = 30.01; 1 decimal gives 30.0 = start: keep 30.01
SELECT is(carry_forward('20 -> 40', 30, 31, 100)::text, '30 -> 30.01', 'rounded onto the start: the exact target stays');
-- rounding behind the start: 30.24 + 0.76 / 100 = 30.2476; 1 decimal gives 30.2 < 30.24: keep 30.2476
SELECT is(carry_forward('20 -> 40', 30.24, 31, 100)::text, '30.24 -> 30.2476',
          'rounded behind the start: the exact target stays');
SELECT is(current_value(carry_forward('73% -> 75% @ 74%', 75, 80, 1)), NULL, 'no current value');
SELECT is(unit(carry_forward('21600s -> 2700s', 7313, 2700, 2)), 's', 'the unit is the old plan''s');
SELECT is(carry_forward('20 -> 40', 30, 45, 1), ('30 -> ' || quarter_target(30, 45, 1))::key_result,
          'the target is quarter_target''s where no rounding is needed');
SELECT is(carry_forward(NULL, 30, 45, 1), NULL, 'STRICT');
SELECT throws_ok($$ SELECT carry_forward('20 -> 40', 45, 45, 3) $$, '22023', NULL,
                 'actual at the annual target: start = target, refused as the type does');
SELECT throws_ok($$ SELECT carry_forward('20 -> 40', 30, 45, 0) $$, '22023', NULL,
                 'quarters_left = 0 is 22023, as quarter_target');
SELECT throws_ok($$ SELECT carry_forward('20 -> 40', 30, 45, -1) $$, '22023', NULL, 'quarters_left < 0 too');
SELECT throws_ok($$ SELECT carry_forward('20 -> 40', 'NaN', 45, 1) $$, '22023', NULL, 'a NaN actual');
SELECT throws_ok($$ SELECT carry_forward('20 -> 40', 30, 'Infinity', 1) $$, '22023', NULL, 'an infinite annual target');

-- ---------------------------------------------------------------------------
-- 7. Declarations
-- ---------------------------------------------------------------------------
SELECT is((SELECT format('%s %s %s %s %s', provolatile, proisstrict, proparallel, proretset, prorows)
             FROM pg_proc WHERE oid = to_regprocedure(sig)), expected, format('%s: %s', sig, what))
  FROM (VALUES
      (1, 'okrkpi.statement(text, okrkpi.key_result)', 'i t s f 0', 'IMMUTABLE STRICT PARALLEL SAFE'),
      (2, 'okrkpi.parse_statement(text)', 'i t s t 1', 'IMMUTABLE STRICT PARALLEL SAFE, a set of ROWS 1'),
      (3, 'okrkpi.carry_forward(okrkpi.key_result, float8, float8, integer)', 'i t s f 0', 'IMMUTABLE STRICT PARALLEL SAFE')
  ) AS t(n, sig, expected, what)
 ORDER BY n;

-- statement_or_null: the statement, or NULL where statement() refuses the metric's name
SELECT is(statement_or_null('NPS', '20 -> 40'), 'Increase NPS from 20 to 40',
          'statement_or_null: the statement of a plain metric name');
SELECT is(statement_or_null('deliveries from 5 to 3 regions', '5 -> 3'), NULL,
          'statement_or_null: NULL for a name that states a plan of its own');
SELECT is(statement_or_null(E' \t\n', '20 -> 40'), NULL,
          'statement_or_null: NULL for a blank name');
SELECT is(statement_or_null('from 5 to 5', '1 -> 2'), NULL,
          'statement_or_null: NULL, cautiously, for a name stating a plan that could not be');
SELECT * FROM finish();
ROLLBACK;
