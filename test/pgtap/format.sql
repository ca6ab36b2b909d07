\ir ../include/setup.sql
\ir ../include/helpers.sql
SELECT plan(147);
-- pgTAP tests for how key_result and kpi values print (doc/types.md, "Output"):
-- durations in the largest of w, d, h, min, s where the value is at least 1 with at
-- most two decimals; plain numbers and money from 10000 up with k, M or B the same
-- way; percentages and milestones as float8 prints them; every value on its own.
-- Every expected text below is worked out by hand from that rule; none is pasted
-- from the extension's output.  test/unit/run checks the same rule without a server.

-- ---------------------------------------------------------------------------
-- 1. One value, both ways: text in -> text out and -> the value in base units;
--    the value in base units (through jsonb) -> text
-- ---------------------------------------------------------------------------
CREATE TEMP TABLE fmt (ord serial, u text, v float8, txt text);
INSERT INTO fmt (u, v, txt) VALUES
    -- durations (stored in seconds)
    ('s', 21600,   '6h'),
    ('s', 2700,    '45min'),        -- 0.75h is below 1 hour
    ('s', 5400,    '1.5h'),
    ('s', 864000,  '10d'),          -- 1.428...w
    ('s', 7313,    '7313s'),        -- 2.0313...h, 121.88...min
    ('s', 0,       '0s'),
    ('s', -21600,  '-6h'),
    ('s', -7313,   '-7313s'),
    ('s', 604800,  '1w'),
    ('s', 1209600, '2w'),
    ('s', 3960,    '1.1h'),
    ('s', 60,      '1min'),
    ('s', 90,      '1.5min'),
    ('s', 30,      '30s'),          -- 0.5min is below 1 minute
    ('s', 36,      '36s'),          -- 0.01h, but below 1 hour
    ('s', 0.5,     '0.5s'),
    ('s', 5400.5,  '5400.5s'),      -- 1.50013...h, 90.0083...min
    ('s', 1e300,   '1e+300s'),
    -- plain numbers: k, M, B from 10000 up
    ('', 2000000,  '2M'),
    ('', 2350000,  '2.35M'),
    ('', 12500,    '12.5k'),        -- 0.0125M
    ('', 2345678,  '2345678'),      -- 2.345678M, 2345.678k: three decimals or more
    ('', 1500,     '1500'),         -- below 10000
    ('', 1005,     '1005'),
    ('', 9999,     '9999'),
    ('', 10000,    '10k'),
    ('', 50000,    '50k'),          -- 0.05M is below 1
    ('', 1005000,  '1005k'),        -- 1.005M has three decimals
    ('', -2350000, '-2.35M'),
    ('', 1e9,      '1B'),
    ('', 1e14,     '100000B'),
    ('', 1e15,     '1e+15'),        -- from 1e15 up float8 prints an exponent; so do we
    ('', 1e200,    '1e+200'),
    ('', 0.1,      '0.1'),
    -- money: the sign goes first, then the currency sign
    ('$', 2000000,  '$2M'),
    ('$', -2000000, '-$2M'),
    ('$', 0,        '$0'),
    ('€', 2500000,  '€2.5M'),
    ('¥', 1e9,      '¥1B'),
    -- percentages keep their digits
    ('%', 12500,    '12500%'),
    ('%', 2000000,  '2000000%');

SELECT is(('>= ' || txt)::kpi::text, '>= ' || txt, format('%s reads and prints as itself', txt))
  FROM fmt ORDER BY ord;
SELECT is(lower_bound(('>= ' || txt)::kpi), v, format('%s is %s in base units', txt, v))
  FROM fmt ORDER BY ord;
SELECT is(jsonb_build_object('comparison', '>=', 'lower', v, 'unit', u)::kpi::text, '>= ' || txt,
          format('%s %s prints as %s', v, u, txt))
  FROM fmt ORDER BY ord;

-- milestones keep their digits
SELECT is('0 -> 2000000 milestones @ 12500'::key_result::text, '0 -> 2000000 milestones @ 12500',
          'milestones print as float8 does');

-- ---------------------------------------------------------------------------
-- 2. Whole literals: each value picks its own form
-- ---------------------------------------------------------------------------
SELECT is('6h -> 45min'::key_result::text, '6h -> 45min', '6h -> 45min prints as itself');
SELECT is(array[start_value('6h -> 45min'), target_value('6h -> 45min')], array[21600, 2700]::float8[],
          '6h -> 45min is 21600 s -> 2700 s');
SELECT is('{"start": 21600, "target": 2700, "unit": "s"}'::jsonb::key_result::text, '6h -> 45min',
          '21600 s -> 2700 s prints as 6h -> 45min');
SELECT is('$2M -> $3M'::key_result::text, '$2M -> $3M', '$2M -> $3M prints as itself');
SELECT is(array[start_value('$2M -> $3M'), target_value('$2M -> $3M')], array[2000000, 3000000]::float8[],
          '$2M -> $3M is 2000000 -> 3000000');
SELECT is('{"start": 2000000, "target": 3000000, "unit": "$"}'::jsonb::key_result::text, '$2M -> $3M',
          '$2000000 -> $3000000 prints as $2M -> $3M');
SELECT is('21600s -> 2700 s @ 7313 seconds'::key_result::text, '6h -> 45min @ 7313s',
          'start, target and current each pick their unit');
SELECT is('12.5k -> 2345678 @ 2.35M'::key_result::text, '12.5k -> 2345678 @ 2.35M',
          'start, target and current each pick their suffix');
SELECT is('3600s .. 5400s @ 7313s'::kpi::text, '1h .. 1.5h @ 7313s', 'band ends and current each pick their unit');
SELECT is(with_current('<= 2h'::kpi, 2700)::text, '<= 2h @ 45min', 'with_current takes seconds and prints a unit');
SELECT is('$1500 -> $12500'::key_result::text, '$1500 -> $12.5k', 'only from 10000 up');

-- ---------------------------------------------------------------------------
-- 3. Many values of each unit: text out then in gives the same value, and a
--    value that is N.NN of a unit prints in that unit or a larger one
-- ---------------------------------------------------------------------------
CREATE TEMP TABLE fmt_units (u text, word text, size float8);
INSERT INTO fmt_units VALUES
    ('s', 's', 1), ('s', 'min', 60), ('s', 'h', 3600), ('s', 'd', 86400), ('s', 'w', 604800),
    ('', 'k', 1e3), ('', 'M', 1e6), ('', 'B', 1e9), ('$', 'k', 1e3), ('$', 'M', 1e6);

CREATE TEMP TABLE fmt_gen AS
    SELECT u, word, size, i,
           format('>= %s%s%s', CASE u WHEN '$' THEN '$' ELSE '' END,
                  (i::numeric / 100)::numeric(20, 2), word) AS lit
      FROM fmt_units,
           LATERAL (SELECT (random() * 10 ^ (random() * 9))::bigint + 1 AS i
                      FROM generate_series(1, 3000)) g;
ALTER TABLE fmt_gen ADD COLUMN k kpi;
UPDATE fmt_gen SET k = lit::kpi;

SELECT is_empty($$ SELECT lit, k::text FROM fmt_gen WHERE k::text::kpi IS DISTINCT FROM k $$,
                'N.NN of every unit: text out then in gives an equal value');
SELECT is_empty($$ SELECT lit, k::text FROM fmt_gen
                    WHERE lower_bound(k) >= size AND lower_bound(k) < 1e15
                      AND (u = 's' OR lower_bound(k) >= 10000)
                      AND (k::text ~ '[0-9]s$' AND size > 1
                           OR k::text ~ 'min$' AND size > 60
                           OR k::text ~ 'h$' AND size > 3600
                           OR k::text ~ 'd$' AND size > 86400
                           OR k::text ~ '[0-9]$' AND size > 1
                           OR k::text ~ 'k$' AND size > 1e3
                           OR k::text ~ 'M$' AND size > 1e6) $$,
                'N.NN of a unit prints in that unit or a larger one');
SELECT is_empty($$ SELECT v, u, k::text
                     FROM (SELECT v, u, jsonb_build_object('comparison', '>=', 'lower', v, 'unit', u)::kpi AS k
                             FROM (SELECT (random() - 0.5) * 10 ^ (random() * 20 - 4) AS v, u
                                     FROM generate_series(1, 3000), unnest(array['s', '', '$', '%']) u) r) x
                    WHERE k::text::kpi IS DISTINCT FROM k $$,
                'random values of every unit: text out then in gives an equal value');

-- value_text: one value in a unit, as the literals print it
SELECT is(okrkpi.value_text(2700, 's'), '45min', 'value_text: 2700 s is 45min');
SELECT is(okrkpi.value_text(7313, 's'), '7313s', 'value_text: 7313 s has no shorter exact form');
SELECT is(okrkpi.value_text(2000000, '$'), '$2M', 'value_text: $2M');
SELECT is(okrkpi.value_text(-2350000, '$'), '-$2.35M', 'value_text: the sign before the currency');
SELECT is(okrkpi.value_text(73, '%'), '73%', 'value_text: percent');
SELECT is(okrkpi.value_text(4, 'milestones'), '4 milestones', 'value_text: milestones with their word');
SELECT is(okrkpi.value_text(1500, ''), '1500', 'value_text: below 10000 no suffix');
SELECT throws_ok($$ SELECT okrkpi.value_text(1, 'km') $$, '22023', 'unknown unit "km"', 'value_text: an unknown unit');
SELECT throws_ok($$ SELECT okrkpi.value_text('NaN', 's') $$, '22023', NULL, 'value_text: NaN has no printed form');

SELECT * FROM finish();
ROLLBACK;
