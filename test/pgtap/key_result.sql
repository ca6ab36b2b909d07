\ir ../include/setup.sql
\ir ../include/helpers.sql
SELECT plan(575);
-- pgTAP tests for okrkpi.key_result (doc/types.md).
-- Every expected value below is worked out by hand from the documentation (doc/) or plain
-- arithmetic; none is pasted from the extension's output.

-- ---------------------------------------------------------------------------
-- Helpers (temporary, gone at ROLLBACK); the shared ones are in include/helpers.sql
-- ---------------------------------------------------------------------------

-- the fields of a key result, in one comparable string
CREATE FUNCTION pg_temp.kr_fmt(s float8, t float8, c float8, u text, dir text, ms boolean)
RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT format('start=%s target=%s current=%s unit=%s direction=%s milestone=%s',
                  s, t, coalesce(c::text, 'NULL'), coalesce(u, 'NULL'),
                  coalesce(dir, 'NULL'), coalesce(ms::text, 'NULL'))
$$;

-- parse a literal and read every accessor; an error comes back as text
CREATE FUNCTION pg_temp.kr_fields(lit text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    k okrkpi.key_result;
BEGIN
    k := lit::okrkpi.key_result;
    RETURN pg_temp.kr_fmt(okrkpi.start_value(k), okrkpi.target_value(k),
                          okrkpi.current_value(k), okrkpi.unit(k),
                          okrkpi.direction(k), okrkpi.is_milestone(k));
EXCEPTION WHEN OTHERS THEN
    RETURN 'ERROR ' || SQLSTATE || ': ' || SQLERRM;
END
$$;

-- parse or NULL
CREATE FUNCTION pg_temp.try_kr(lit text) RETURNS okrkpi.key_result LANGUAGE sql AS $$
    SELECT pg_temp.try_parse(lit, NULL::okrkpi.key_result)
$$;

-- the type's binary send function, called directly; feed an arbitrary payload to
-- its receive function (see include/helpers.sql)
CREATE FUNCTION pg_temp.kr_send(k okrkpi.key_result) RETURNS bytea LANGUAGE sql AS $$
    SELECT pg_temp.type_send('okrkpi.key_result', k)
$$;
CREATE FUNCTION pg_temp.kr_recv(payload bytea) RETURNS text LANGUAGE sql AS $$
    SELECT pg_temp.type_recv('okrkpi.key_result', payload)
$$;

-- ---------------------------------------------------------------------------
-- 1. Valid literals, values worked out by hand
--    canon: the canonical output where the doc fixes it (doc/types.md: each value in the
--    largest of w, d, h, min (durations) or B, M, k (numbers and money from 10000 up) in
--    which it is at least 1 with at most two decimals, else as PostgreSQL prints float8
--    in its shortest exact form, with the unit as written in the doc's table).
-- ---------------------------------------------------------------------------
CREATE TEMP TABLE kr_ok (
    ord   serial,
    lit   text,
    s     float8,
    t     float8,
    c     float8,
    u     text,
    dir   text,
    ms    boolean,
    canon text
);

INSERT INTO kr_ok (lit, s, t, c, u, dir, ms, canon) VALUES
    -- plain numbers
    ('20 -> 40',                 20, 40, NULL, '', 'increase', false, '20 -> 40'),
    ('20 -> 40 @ 30',            20, 40, 30,   '', 'increase', false, '20 -> 40 @ 30'),
    ('  20->40@30  ',            20, 40, 30,   '', 'increase', false, '20 -> 40 @ 30'),
    (E'20\t->\n40\t@ 30',        20, 40, 30,   '', 'increase', false, '20 -> 40 @ 30'),
    ('20->40',                   20, 40, NULL, '', 'increase', false, '20 -> 40'),
    ('-5 -> 5 @ 0',              -5, 5,  0,    '', 'increase', false, '-5 -> 5 @ 0'),
    ('1e3 -> 2.5E+3',            1000, 2500, NULL, '', 'increase', false, '1000 -> 2500'),
    ('1E-2 -> 2.5e-1',           0.01, 0.25, NULL, '', 'increase', false, '0.01 -> 0.25'),
    ('+3.5 -> .5',               3.5, 0.5, NULL, '', 'decrease', false, '3.5 -> 0.5'),
    ('4. -> 8',                  4, 8, NULL,   '', 'increase', false, '4 -> 8'),
    ('100 -> 50',                100, 50, NULL, '', 'decrease', false, '100 -> 50'),
    ('007 -> 9',                 7, 9, NULL,   '', 'increase', false, '7 -> 9'),
    ('-0.5 -> -0.25',            -0.5, -0.25, NULL, '', 'increase', false, '-0.5 -> -0.25'),
    ('0 -> -1e-3',               0, -0.001, NULL, '', 'decrease', false, '0 -> -0.001'),
    ('20 -> 40 @ -10',           20, 40, -10,  '', 'increase', false, '20 -> 40 @ -10'),
    ('20 -> 40 @ 1e3',           20, 40, 1000, '', 'increase', false, '20 -> 40 @ 1000'),
    ('1 -> 2 @ 0',               1, 2, 0,      '', 'increase', false, '1 -> 2 @ 0'),
    ('0.1 -> 0.3',               0.1, 0.3, NULL, '', 'increase', false, '0.1 -> 0.3'),
    ('1e-300 -> 1e300',          1e-300, 1e300, NULL, '', 'increase', false, '1e-300 -> 1e+300'),
    ('1.7976931348623157e308 -> 0', 1.7976931348623157e308, 0, NULL, '', 'decrease', false,
                                 '1.7976931348623157e+308 -> 0'),
    ('2.2250738585072014e-308 -> 1', 2.2250738585072014e-308, 1, NULL, '', 'increase', false,
                                 '2.2250738585072014e-308 -> 1'),
    ('1e308 -> -1e308',          1e308, -1e308, NULL, '', 'decrease', false, '1e+308 -> -1e+308'),
    ('1e15 -> 1e16',             1e15, 1e16, NULL, '', 'increase', false, '1e+15 -> 1e+16'),
    ('123456789012345 -> 0',     123456789012345, 0, NULL, '', 'decrease', false,
                                 '123456789012345 -> 0'),
    -- magnitude suffixes
    ('10k -> 20k',               10000, 20000, NULL, '', 'increase', false, '10k -> 20k'),
    ('10K -> 20K',               10000, 20000, NULL, '', 'increase', false, '10k -> 20k'),
    ('1.5k -> 2.5k',             1500, 2500, NULL, '', 'increase', false, '1500 -> 2500'),
    ('0.5M -> 1M',               500000, 1000000, NULL, '', 'increase', false, '500k -> 1M'),
    ('1k -> 1001',               1000, 1001, NULL, '', 'increase', false, '1000 -> 1001'),
    ('2B -> 1B',                 2e9, 1e9, NULL, '', 'decrease', false, '2B -> 1B'),
    -- money
    -- from 10000 up with k, M or B: 2000000 is 2M, 2750000 is 2.75M; 1000 stays 1000
    ('$2M -> $3M',               2000000, 3000000, NULL, '$', 'increase', false, '$2M -> $3M'),
    ('$2.5M -> $3M',             2500000, 3000000, NULL, '$', 'increase', false, '$2.5M -> $3M'),
    ('$2.5M -> $3M @ $2.75M',    2500000, 3000000, 2750000, '$', 'increase', false,
                                 '$2.5M -> $3M @ $2.75M'),
    ('$1M -> $2M @ $1.5M',       1000000, 2000000, 1500000, '$', 'increase', false,
                                 '$1M -> $2M @ $1.5M'),
    ('-$5 -> $-10',              -5, -10, NULL, '$', 'decrease', false, NULL),
    ('€1k -> €2k',               1000, 2000, NULL, '€', 'increase', false, '€1000 -> €2000'),
    ('£3 -> £4.5',               3, 4.5, NULL, '£', 'increase', false, '£3 -> £4.5'),
    ('¥1B -> ¥2B',               1e9, 2e9, NULL, '¥', 'increase', false, '¥1B -> ¥2B'),
    ('$ 5 -> $ 6',               5, 6, NULL, '$', 'increase', false, '$5 -> $6'),
    -- percent
    ('73% -> 75%',               73, 75, NULL, '%', 'increase', false, '73% -> 75%'),
    ('73% -> 75% @74%',          73, 75, 74,   '%', 'increase', false, '73% -> 75% @ 74%'),
    ('73% -> 75% @ 74%',         73, 75, 74,   '%', 'increase', false, '73% -> 75% @ 74%'),
    ('73 % -> 75 % @ 74 %',      73, 75, 74,   '%', 'increase', false, '73% -> 75% @ 74%'),
    ('100% -> 0%',               100, 0, NULL, '%', 'decrease', false, '100% -> 0%'),
    -- milestones
    ('0 -> 4 milestones @ 1',    0, 4, 1,    'milestones', 'increase', true, '0 -> 4 milestones @ 1'),
    ('0 -> 4 milestone',         0, 4, NULL, 'milestones', 'increase', true, '0 -> 4 milestones'),
    ('0 -> 3 milestones @ 3',    0, 3, 3,    'milestones', 'increase', true, '0 -> 3 milestones @ 3'),
    ('0 milestones -> 4 milestones @ 1 milestone', 0, 4, 1, 'milestones', 'increase', true,
                                 '0 -> 4 milestones @ 1'),
    -- durations, stored in seconds
    ('6h -> 45min',              21600, 2700, NULL,  's', 'decrease', false, '6h -> 45min'),
    ('6h -> 45min @ 3h',         21600, 2700, 10800, 's', 'decrease', false, '6h -> 45min @ 3h'),
    ('1.5h -> 45min',            5400, 2700, NULL,   's', 'decrease', false, '1.5h -> 45min'),
    ('60min -> 2h',              3600, 7200, NULL,   's', 'increase', false, '1h -> 2h'),
    ('2.5 days -> 1d',           216000, 86400, NULL, 's', 'decrease', false, '2.5d -> 1d'),
    ('1d -> 24.5h',              86400, 88200, NULL, 's', 'increase', false, '1d -> 24.5h'),
    ('0s -> 1w',                 0, 604800, NULL,    's', 'increase', false, '0s -> 1w'),
    ('90s -> 0s',                90, 0, NULL,        's', 'decrease', false, '1.5min -> 0s'),
    ('90 s -> 0 sec',            90, 0, NULL,        's', 'decrease', false, '1.5min -> 0s'),
    ('2 sec -> 0s',              2, 0, NULL,         's', 'decrease', false, '2s -> 0s'),
    ('1 second -> 0s',           1, 0, NULL,         's', 'decrease', false, '1s -> 0s'),
    ('30 seconds -> 0s',         30, 0, NULL,        's', 'decrease', false, '30s -> 0s'),
    ('5min -> 0s',               300, 0, NULL,       's', 'decrease', false, '5min -> 0s'),
    ('1 minute -> 0s',           60, 0, NULL,        's', 'decrease', false, '1min -> 0s'),
    ('15 minutes -> 0s',         900, 0, NULL,       's', 'decrease', false, '15min -> 0s'),
    ('2h -> 0s',                 7200, 0, NULL,      's', 'decrease', false, '2h -> 0s'),
    ('1hr -> 0s',                3600, 0, NULL,      's', 'decrease', false, '1h -> 0s'),
    ('1 hour -> 0s',             3600, 0, NULL,      's', 'decrease', false, '1h -> 0s'),
    ('3 hours -> 0s',            10800, 0, NULL,     's', 'decrease', false, '3h -> 0s'),
    ('1d -> 0s',                 86400, 0, NULL,     's', 'decrease', false, '1d -> 0s'),
    ('1 day -> 0s',              86400, 0, NULL,     's', 'decrease', false, '1d -> 0s'),
    ('2 days -> 0s',             172800, 0, NULL,    's', 'decrease', false, '2d -> 0s'),
    ('1w -> 0s',                 604800, 0, NULL,    's', 'decrease', false, '1w -> 0s'),
    ('1 wk -> 0s',               604800, 0, NULL,    's', 'decrease', false, '1w -> 0s'),
    ('1 week -> 0s',             604800, 0, NULL,    's', 'decrease', false, '1w -> 0s'),
    ('3 weeks -> 0s',            1814400, 0, NULL,   's', 'decrease', false, '3w -> 0s'),
    -- duration units in any case
    ('2 SEC -> 0S',              2, 0, NULL,         's', 'decrease', false, '2s -> 0s'),
    ('1 Second -> 0s',           1, 0, NULL,         's', 'decrease', false, '1s -> 0s'),
    ('30 SECONDS -> 0s',         30, 0, NULL,        's', 'decrease', false, '30s -> 0s'),
    ('5 Min -> 0s',              300, 0, NULL,       's', 'decrease', false, '5min -> 0s'),
    ('5MIN -> 0s',               300, 0, NULL,       's', 'decrease', false, '5min -> 0s'),
    ('1 MINUTE -> 0s',           60, 0, NULL,        's', 'decrease', false, '1min -> 0s'),
    ('2H -> 0s',                 7200, 0, NULL,      's', 'decrease', false, '2h -> 0s'),
    ('1 HR -> 0s',               3600, 0, NULL,      's', 'decrease', false, '1h -> 0s'),
    ('2 Hours -> 0s',            7200, 0, NULL,      's', 'decrease', false, '2h -> 0s'),
    ('1D -> 0s',                 86400, 0, NULL,     's', 'decrease', false, '1d -> 0s'),
    ('2 DAYS -> 0s',             172800, 0, NULL,    's', 'decrease', false, '2d -> 0s'),
    ('1W -> 0s',                 604800, 0, NULL,    's', 'decrease', false, '1w -> 0s'),
    ('1 WK -> 0s',               604800, 0, NULL,    's', 'decrease', false, '1w -> 0s'),
    ('1 Week -> 0s',             604800, 0, NULL,    's', 'decrease', false, '1w -> 0s'),
    ('3 WEEKS -> 0s',            1814400, 0, NULL,   's', 'decrease', false, '3w -> 0s');

SELECT lives_ok(format('SELECT %L::okrkpi.key_result', lit), format('%s is accepted', pg_temp.show(lit)))
  FROM kr_ok ORDER BY ord;

SELECT is(pg_temp.kr_fields(lit), pg_temp.kr_fmt(s, t, c, u, dir, ms),
          format('%s: accessors', pg_temp.show(lit)))
  FROM kr_ok ORDER BY ord;

SELECT is(pg_temp.text_or_error('okrkpi.key_result', lit), canon, format('%s prints as %s', pg_temp.show(lit), canon))
  FROM kr_ok WHERE canon IS NOT NULL ORDER BY ord;

SELECT ok(okrkpi.start_value(NULL::okrkpi.key_result) IS NULL
          AND okrkpi.direction(NULL::okrkpi.key_result) IS NULL
          AND NULL::text::okrkpi.key_result IS NULL,
          'NULL in, NULL out');

-- ---------------------------------------------------------------------------
-- 2. Malformed literals, each with its SQLSTATE
-- ---------------------------------------------------------------------------
CREATE TEMP TABLE kr_bad (ord serial, lit text, code text);
INSERT INTO kr_bad (lit, code) VALUES
    -- empty / blank
    ('', '22P02'),
    (' ', '22P02'),
    ('   ', '22P02'),
    (E'\t\n', '22P02'),
    (repeat(' ', 10000), '22P02'),
    -- lone signs
    ('-', '22P02'),
    ('+', '22P02'),
    ('+ -> 5', '22P02'),
    ('--5 -> 4', '22P02'),
    ('5 -> --4', '22P02'),
    ('++5 -> 4', '22P02'),
    ('5 -> -', '22P02'),
    ('- -> +', '22P02'),
    -- NaN / Infinity in every position
    ('NaN -> 5', '22P02'),
    ('nan -> 5', '22P02'),
    ('5 -> NaN', '22P02'),
    ('5 -> 6 @ NaN', '22P02'),
    ('Infinity -> 5', '22P02'),
    ('infinity -> 5', '22P02'),
    ('5 -> Infinity', '22P02'),
    ('-Infinity -> 5', '22P02'),
    ('5 -> 6 @ -Infinity', '22P02'),
    ('inf -> 5', '22P02'),
    ('5 -> +inf', '22P02'),
    ('5 -> -inf', '22P02'),
    ('5 -> 6 @ inf', '22P02'),
    ('$NaN -> $5', '22P02'),
    ('NaN% -> 5%', '22P02'),
    ('5h -> Infinity h', '22P02'),
    -- hexadecimal
    ('0x10 -> 20', '22P02'),
    ('20 -> 0x20', '22P02'),
    ('5 -> 6 @ 0x5', '22P02'),
    -- mixed units
    ('20 -> 40%', '22P02'),
    ('20% -> 40', '22P02'),
    ('$20 -> €40', '22P02'),
    ('£20 -> ¥40', '22P02'),
    ('73% -> 75% @ $1', '22P02'),
    ('5h -> 10%', '22P02'),
    ('5h -> 10', '22P02'),
    ('10 -> 5h', '22P02'),
    ('20 -> 40 @ 30%', '22P02'),
    ('$20 -> 40', '22P02'),
    ('20 -> $40', '22P02'),
    ('0 -> 4 milestones @ 1%', '22P02'),
    ('6h -> 45min @ 50%', '22P02'),
    -- a current value without the unit of start and target: '6h -> 45min @ 2' would
    -- read as 2 seconds where 2h is meant, so every unit refuses it (doc/types.md)
    ('6h -> 45min @ 2', '22P02'),
    ('6h -> 45min @ 0', '22P02'),
    ('1w -> 2w @ 1.5', '22P02'),
    ('$2M -> $3M @ 2.5', '22P02'),
    ('$2M -> $3M @ 2.5M', '22P02'),
    ('€5 -> €6 @ 5.5', '22P02'),
    ('-£5 -> £5 @ 0', '22P02'),
    ('¥100 -> ¥0 @ 75', '22P02'),
    ('73% -> 75% @ 74', '22P02'),
    ('20% -> 40% @ 0.3', '22P02'),
    -- two units on one value
    ('$5% -> $6%', '22P02'),
    ('$5 min -> $6 min', '22P02'),
    ('5% min -> 6% min', '22P02'),
    ('$5 milestones -> $6 milestones', '22P02'),
    ('0 -> 4 milestones milestones', '22P02'),
    ('$$5 -> $6', '22P02'),
    -- units in the wrong place or unknown
    ('5$ -> 6$', '22P02'),
    ('%5 -> %6', '22P02'),
    ('h5 -> h6', '22P02'),
    ('5 apples -> 6 apples', '22P02'),
    ('5 kg -> 6 kg', '22P02'),
    ('5 -> 6 units', '22P02'),
    ('5 years -> 6 years', '22P02'),
    ('5 ms -> 6 ms', '22P02'),
    ('5m -> 10m', '22P02'),
    ('5b -> 6b', '22P02'),
    -- missing arrow / target / current, extra parts
    ('20', '22P02'),
    ('20 ->', '22P02'),
    ('-> 40', '22P02'),
    ('->', '22P02'),
    ('20 -> 40 @', '22P02'),
    ('20 -> 40 @ 30 @ 40', '22P02'),
    ('20 -> 40 -> 60', '22P02'),
    ('20 40', '22P02'),
    ('20 => 40', '22P02'),
    ('20 - > 40', '22P02'),
    ('20 → 40', '22P02'),
    ('20 to 40', '22P02'),
    ('@ 30', '22P02'),
    ('20 @ 30', '22P02'),
    ('20 -> @ 30', '22P02'),
    ('5 -> 6 @ @ 7', '22P02'),
    ('20 -> 40x', '22P02'),
    ('20 -> 40 @ 30 foo', '22P02'),
    ('20 -> 40;', '22P02'),
    ('(20 -> 40)', '22P02'),
    (repeat('20 -> ', 1000) || '40', '22P02'),
    -- malformed numbers
    ('1 000 -> 2000', '22P02'),
    ('5 k -> 6 k', '22P02'),
    ('5kk -> 6kk', '22P02'),
    ('5kM -> 6', '22P02'),
    ('1.2.3 -> 4', '22P02'),
    ('. -> 5', '22P02'),
    ('e5 -> 6', '22P02'),
    ('1e -> 2', '22P02'),
    ('1e+ -> 2', '22P02'),
    ('k -> 5', '22P02'),
    ('$ -> $5', '22P02'),
    ('% -> 5%', '22P02'),
    ('1,5 -> 2', '22P02'),
    ('1_000 -> 2000', '22P02'),
    -- unicode junk
    ('２０ -> ４０', '22P02'),
    ('🚀 -> 40', '22P02'),
    ('20 -> 40 🚀', '22P02'),
    ('garbage', '22P02'),
    (repeat('x', 100000), '22P02'),
    -- numbers that do not fit float8
    ('1e400 -> 1', '22003'),
    ('-1e400 -> 1', '22003'),
    ('1e-400 -> 1', '22003'),
    ('1 -> 1e400', '22003'),
    ('1 -> -1e-400', '22003'),
    ('1 -> 2 @ 1e400', '22003'),
    ('1 -> 2 @ -1e-400', '22003'),
    ('1e308k -> 1', '22003'),
    ('$1e305B -> $1', '22003'),
    ('1e307w -> 0s', '22003'),
    (repeat('1', 10000) || ' -> 1', '22003'),
    ('20 -> 40 @ ' || repeat('9', 400), '22003'),
    ('1' || repeat('0', 400) || ' -> 1', '22003'),
    ('0.' || repeat('0', 400) || '1 -> 1', '22003'),
    ('-' || repeat('9', 309) || ' -> 1', '22003'),
    ('1e0400 -> 1', '22003'),
    ('1e99999999999999999999 -> 1', '22003'),
    ('1e-99999999999999999999 -> 1', '22003'),
    ('1e4294967296 -> 1', '22003'),
    ('1e2147483648 -> 1', '22003'),
    -- start equal to target (after scaling)
    ('1k -> 1000', '22023'),
    ('60min -> 1h', '22023'),
    ('0 -> -0', '22023'),
    ('-0 -> 0', '22023'),
    ('20 -> 20', '22023'),
    ('20 -> 20 @ 30', '22023'),
    ('$5 -> $5', '22023'),
    ('1e3 -> 1000', '22023'),
    ('0.5k -> 500', '22023'),
    ('1M -> 1000k', '22023'),
    ('1B -> 1000M', '22023'),
    ('50% -> 50%', '22023'),
    ('2 milestones -> 2 milestones', '22023'),
    ('1w -> 7d', '22023'),
    ('1d -> 24h', '22023'),
    ('3600s -> 1h', '22023'),
    ('1 week -> 10080min', '22023'),
    ('1.5h -> 90min', '22023'),
    -- 2^53 + 1 rounds to 2^53 as a double
    ('9007199254740993 -> 9007199254740992', '22023');

SELECT throws_ok(format('SELECT %L::okrkpi.key_result', lit), code::char(5), NULL,
                 format('%s is rejected with %s', pg_temp.show(lit), code))
  FROM kr_bad ORDER BY ord;

-- What the errors say: SQLSTATE | detail | hint, each worked out from the input
-- (the character of a detail counts characters from 1; doc/types.md, "Errors").
CREATE FUNCTION pg_temp.kr_error(lit text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    detail text;
    hint text;
BEGIN
    PERFORM lit::okrkpi.key_result;
    RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
    GET STACKED DIAGNOSTICS detail = PG_EXCEPTION_DETAIL, hint = PG_EXCEPTION_HINT;
    RETURN format('%s | %s | %s', SQLSTATE, detail, hint);
END
$$;
SELECT is(pg_temp.kr_error('6h -> 45min @ 2'),
          '22P02 | The current value "2" has no unit, but start and target are durations at character 15. | '
          'Write the current value with a unit: ''6h -> 45min @ 2h'' in hours, or ''6h -> 45min @ 2s'' for 2 seconds.',
          'a bare current value against hours: the hint writes it in the start''s unit, 2h (between 45min and 6h), then as 2 seconds');
-- 7200 seconds is 2h, between 45min and 6h; 7200h is 1200 times 6h: the seconds first
SELECT is(pg_temp.kr_error('6h -> 45min @ 7200'),
          '22P02 | The current value "7200" has no unit, but start and target are durations at character 15. | '
          'Write the current value with a unit: ''6h -> 45min @ 2h'' for 7200 seconds, or ''6h -> 45min @ 7200h'' in hours.',
          'a current value in seconds as 0.2.0 read it: the hint offers 2h first, then 7200h');
SELECT is(pg_temp.kr_error('$2M -> $3M @ 2.5'),
          '22P02 | The current value "2.5" has no unit, but start and target are amounts in $ at character 14. | '
          'Write the current value with a unit: ''$2M -> $3M @ $2.5M'' in millions, or ''$2M -> $3M @ $2.5'' for 2.5 dollars.',
          'a bare current value against $2M: the hint writes $2.5M first, then $2.5');
SELECT is(pg_temp.kr_error('$2M -> $3M @ 2500000'),
          '22P02 | The current value "2500000" has no unit, but start and target are amounts in $ at character 14. | '
          'Write the current value with a unit: ''$2M -> $3M @ $2.5M'' for 2500000 dollars, or ''$2M -> $3M @ $2500000M'' in millions.',
          'a current value in dollars as 0.2.0 read it: the hint offers $2.5M first, then $2500000M');
SELECT is(pg_temp.kr_error('$5 -> $10 @ 7'),
          '22P02 | The current value "7" has no unit, but start and target are amounts in $ at character 13. | '
          'Write the current value with a unit, as in ''$5 -> $10 @ $7''.',
          'a start without a scale suffix: one reading, one literal');
SELECT is(pg_temp.kr_error('73% -> 75% @ 74'),
          '22P02 | The current value "74" has no unit, but start and target are percentages at character 14. | '
          'Write the current value with a unit, as in ''73% -> 75% @ 74%''.',
          'a bare current value against percentages');
SELECT is(pg_temp.kr_error('€5 -> €6 @ 5.5'),
          '22P02 | The current value "5.5" has no unit, but start and target are amounts in € at character 12. | '
          'Write the current value with a unit, as in ''€5 -> €6 @ €5.5''.',
          'a bare current value against euros (characters, not bytes)');
SELECT is(pg_temp.kr_error('6h -> 45min @ 2%'),
          '22P02 | The current value "2%" is a percentage, but start and target are durations at character 15. | '
          'Write the current value in the unit of start and target.',
          'a current value in another unit');
SELECT is(pg_temp.kr_error('5m'),
          '22P02 | Unknown unit "m": it could mean minutes or millions at character 2. | '
          'Write "min" for minutes, as in ''5min'', or "M" for millions, as in ''5M''.',
          '5m: the unit is named, with min and M to write instead');
SELECT is(pg_temp.kr_error('1.2 s -> 800ms'),
          '22P02 | Unknown unit "ms": milliseconds are not supported, durations are read in seconds and larger units at character 13. | '
          'Write the duration in seconds with a decimal, as in ''0.8s'' for 800ms.',
          '800ms: no milliseconds, 0.8s instead');
SELECT is(pg_temp.kr_error('-5k ms -> 1s'),
          '22P02 | Unknown unit "ms": milliseconds are not supported, durations are read in seconds and larger units at character 5. | '
          'Write the duration in seconds with a decimal, as in ''-5s'' for -5k ms.',
          '-5k ms: the sign and the magnitude count, -5000 ms is -5s');
SELECT is(pg_temp.kr_error('20 -> 40%'),
          '22P02 | Start and target differ in unit: the start "20" is a plain number, the target "40%" a percentage at character 7. | '
          'Write start and target in the same unit; a duration may mix s, min, h, d and w, as in ''6h -> 45min''.',
          'mixed units: both values named with their kinds');
SELECT is(pg_temp.kr_error('60min -> 1h'),
          '22023 | The start "60min" and the target "1h" are the same value. | '
          'A key result must move its metric: give it a target that differs from its start. '
          'A level to hold belongs in a kpi threshold such as ''>= 40''.',
          'start = target: both named as written');
SELECT is(pg_temp.kr_error('0 -> 4 milestones @ 1'), 'no error',
          'milestones keep a bare current value: a count has one scale');
SELECT is(pg_temp.kr_error('20k -> 40k @ 30000'), 'no error',
          'a plain plan keeps a bare current value: a magnitude is no unit');
-- jsonb and binary carry numbers in base units beside the unit: the current value too
SELECT is('{"start": 21600, "target": 2700, "unit": "s", "current": 7200}'::jsonb::okrkpi.key_result,
          '6h -> 45min @ 2h'::okrkpi.key_result,
          'jsonb: current 7200 with unit "s" is 2h, in base units as start and target are');

-- ---------------------------------------------------------------------------
-- 3. with_current
-- ---------------------------------------------------------------------------
SELECT is(okrkpi.with_current('73% -> 75%'::okrkpi.key_result, 74)::text, '73% -> 75% @ 74%',
          'with_current adds a current value in the unit of the key result');
SELECT is(okrkpi.with_current('20 -> 40 @ 30'::okrkpi.key_result, NULL)::text, '20 -> 40',
          'with_current(NULL) removes the current value');
SELECT is(okrkpi.with_current('20 -> 40'::okrkpi.key_result, 30), '20 -> 40 @ 30'::okrkpi.key_result,
          'with_current equals the literal with @');
SELECT is(okrkpi.with_current('20 -> 40 @ 30'::okrkpi.key_result, 35)::text, '20 -> 40 @ 35',
          'with_current replaces a current value');
SELECT is(okrkpi.current_value(okrkpi.with_current('6h -> 45min'::okrkpi.key_result, 3600)), 3600::float8,
          'with_current on a duration takes seconds');
SELECT is(okrkpi.with_current('0 -> 4 milestones'::okrkpi.key_result, 2)::text, '0 -> 4 milestones @ 2',
          'with_current on milestones');
SELECT is(okrkpi.with_current('$1M -> $2M'::okrkpi.key_result, 1500000)::text,
          '$1M -> $2M @ $1.5M', 'with_current on money');
SELECT ok(okrkpi.with_current(NULL::okrkpi.key_result, 5) IS NULL, 'with_current(NULL key result) is NULL');
-- a NaN or infinite current value could not be printed and read back (doc/types.md:
-- output always reads back), so it must be refused, with 22023 as for any bad argument
SELECT throws_ok($$SELECT okrkpi.with_current('20 -> 40'::okrkpi.key_result, 'NaN')$$,
                 '22023', NULL, 'with_current refuses NaN');
SELECT throws_ok($$SELECT okrkpi.with_current('20 -> 40'::okrkpi.key_result, '-Infinity')$$,
                 '22023', NULL, 'with_current refuses -Infinity');

-- ---------------------------------------------------------------------------
-- 4. Equality and order
-- ---------------------------------------------------------------------------
SELECT ok('1k -> 2k'::okrkpi.key_result = '1000 -> 2000'::okrkpi.key_result, '1k -> 2k = 1000 -> 2000');
SELECT ok(NOT ('1k -> 2k'::okrkpi.key_result <> '1000 -> 2000'::okrkpi.key_result), 'not 1k -> 2k <> 1000 -> 2000');
SELECT ok('60min -> 2h'::okrkpi.key_result = '3600s -> 7200s'::okrkpi.key_result, '60min -> 2h = 3600s -> 7200s');
SELECT ok('$2.5M -> $3M'::okrkpi.key_result = '$2500000 -> $3000000'::okrkpi.key_result, '$2.5M -> $3M = $2500000 -> $3000000');
SELECT ok('73% -> 75% @ 74 %'::okrkpi.key_result = '73% -> 75% @ 74%'::okrkpi.key_result, 'a space before the current value''s unit does not matter');
SELECT ok('20 -> 40'::okrkpi.key_result <> '20 -> 40 @ 30'::okrkpi.key_result, '20 -> 40 <> 20 -> 40 @ 30');
SELECT ok('20 -> 40 @ 30'::okrkpi.key_result <> '20 -> 40 @ 31'::okrkpi.key_result, 'current values differ');
SELECT ok('20 -> 40'::okrkpi.key_result <> '40 -> 20'::okrkpi.key_result, 'start/target swapped differ');
SELECT ok('20 -> 40'::okrkpi.key_result <> '20% -> 40%'::okrkpi.key_result, 'no unit <> percent');
SELECT ok('$20 -> $40'::okrkpi.key_result <> '€20 -> €40'::okrkpi.key_result, 'dollars <> euros');
SELECT ok('£20 -> £40'::okrkpi.key_result <> '¥20 -> ¥40'::okrkpi.key_result, 'pounds <> yen');
SELECT ok('20s -> 40s'::okrkpi.key_result <> '20 -> 40'::okrkpi.key_result, 'seconds <> no unit');
SELECT ok('0 -> 4'::okrkpi.key_result <> '0 -> 4 milestones'::okrkpi.key_result, 'milestones <> no unit');
SELECT ok(NOT ('20 -> 40'::okrkpi.key_result = '20 -> 40 @ 30'::okrkpi.key_result), 'not 20 -> 40 = 20 -> 40 @ 30');

-- a sample of values for the order/consistency checks
CREATE TEMP TABLE kr_sample AS
    SELECT DISTINCT ON (lit) lit, pg_temp.try_kr(lit) AS k
      FROM (SELECT lit FROM kr_ok
            UNION ALL SELECT unnest(ARRAY['0 -> 5', '-0 -> 5', '0 -> 5 @ 0', '0 -> 5 @ -0',
                                          '20 -> 40 @ 30', '20% -> 40% @ 30%', '$20 -> $40',
                                          '€20 -> €40', '£20 -> £40', '¥20 -> ¥40',
                                          '20s -> 40s', '20 -> 40 milestones', '40 -> 20',
                                          '20 -> 41', '19 -> 40', '-20 -> -40', '20 -> 40 @ -30'])) x;
DELETE FROM kr_sample WHERE k IS NULL;

SELECT is_empty($$
    SELECT a.lit, b.lit FROM kr_sample a, kr_sample b
     WHERE (a.k < b.k)::int + (a.k = b.k)::int + (a.k > b.k)::int <> 1
$$, 'exactly one of a < b, a = b, a > b');
SELECT is_empty($$
    SELECT a.lit, b.lit FROM kr_sample a, kr_sample b
     WHERE (a.k <= b.k) IS DISTINCT FROM (a.k < b.k OR a.k = b.k)
        OR (a.k >= b.k) IS DISTINCT FROM (a.k > b.k OR a.k = b.k)
        OR (a.k <> b.k) IS DISTINCT FROM NOT (a.k = b.k)
        OR (a.k < b.k) IS DISTINCT FROM (b.k > a.k)
        OR (a.k = b.k) IS DISTINCT FROM (b.k = a.k)
$$, '<=, >=, <> agree with <, =, > and commute');
SELECT is_empty($$
    SELECT a.lit, b.lit, c.lit FROM kr_sample a, kr_sample b, kr_sample c
     WHERE a.k < b.k AND b.k < c.k AND NOT (a.k < c.k)
$$, '< is transitive');
SELECT is_empty($$
    SELECT lit FROM (SELECT lit, k, lag(k) OVER (ORDER BY k) AS prev FROM kr_sample) s
     WHERE prev > k
$$, 'ORDER BY follows <');
-- equal values must hash equally (also for hash partitioning, which uses the extended
-- hash), and the extended hash with seed 0 must agree with the plain hash in its low 32 bits
SELECT is_empty(format($$
    SELECT a.lit, b.lit FROM kr_sample a, kr_sample b
     WHERE a.k = b.k AND (%1$s(a.k) <> %1$s(b.k) OR %2$s(a.k, 42) <> %2$s(b.k, 42))
$$, pg_temp.hash_proc('okrkpi.key_result', 1), pg_temp.hash_proc('okrkpi.key_result', 2)), 'equal values have equal hashes');
SELECT is_empty(format($$
    SELECT lit FROM kr_sample WHERE (%2$s(k, 0) & 4294967295) <> (%1$s(k)::bigint & 4294967295)
$$, pg_temp.hash_proc('okrkpi.key_result', 1), pg_temp.hash_proc('okrkpi.key_result', 2)), 'extended hash with seed 0 matches the hash');
SELECT ok(('1k -> 2k'::okrkpi.key_result <= '1000 -> 2000'::okrkpi.key_result)
          AND ('1k -> 2k'::okrkpi.key_result >= '1000 -> 2000'::okrkpi.key_result)
          AND NOT ('1k -> 2k'::okrkpi.key_result < '1000 -> 2000'::okrkpi.key_result),
          'equal values are <= and >= but not <');

-- ---------------------------------------------------------------------------
-- 5. btree and hash operator classes
-- ---------------------------------------------------------------------------
CREATE TEMP TABLE kr_grp (k okrkpi.key_result);
INSERT INTO kr_grp
    SELECT pg_temp.try_kr(x) FROM unnest(ARRAY[
        '1k -> 2k', '1000 -> 2000', '1e3 -> 2e3',
        '20 -> 40',
        '20 -> 40 @ 30', '20->40@30',
        '20% -> 40%', '$20 -> $40', '€20 -> €40',
        '60min -> 2h', '3600s -> 7200s', '1 hour -> 2 hours',
        '0 -> 4 milestones', '0 -> 4']) x;
ANALYZE kr_grp;

-- by hand: 9 distinct values; groups of 3, 1, 2, 1, 1, 1, 3, 1, 1
SELECT is((SELECT count(DISTINCT k)::int FROM kr_grp), 9, 'count(DISTINCT) counts 9 values');
SET LOCAL enable_sort = off;
SELECT ok(pg_temp.plan_of('SELECT k, count(*) FROM kr_grp GROUP BY k') ~ 'HashAggregate',
          'GROUP BY can hash key results');
SELECT is((SELECT count(*)::int FROM (SELECT DISTINCT k FROM kr_grp) d), 9, 'DISTINCT (hashed) finds 9 values');
SELECT results_eq(
    $$ SELECT k::text, count(*)::int FROM kr_grp GROUP BY k ORDER BY k::text COLLATE "C" $$,
    $$ VALUES ('$20 -> $40', 1), ('0 -> 4', 1), ('0 -> 4 milestones', 1), ('1000 -> 2000', 3),
              ('1h -> 2h', 3), ('20 -> 40', 1), ('20 -> 40 @ 30', 2), ('20% -> 40%', 1),
              ('€20 -> €40', 1) $$,
    'GROUP BY (hashed) groups equal values');
SET LOCAL enable_sort = on;
SET LOCAL enable_hashagg = off;
SELECT is((SELECT count(*)::int FROM (SELECT DISTINCT k FROM kr_grp) d), 9, 'DISTINCT (sorted) finds 9 values');
SELECT results_eq(
    $$ SELECT k::text, count(*)::int FROM kr_grp GROUP BY k ORDER BY k::text COLLATE "C" $$,
    $$ VALUES ('$20 -> $40', 1), ('0 -> 4', 1), ('0 -> 4 milestones', 1), ('1000 -> 2000', 3),
              ('1h -> 2h', 3), ('20 -> 40', 1), ('20 -> 40 @ 30', 2), ('20% -> 40%', 1),
              ('€20 -> €40', 1) $$,
    'GROUP BY (sorted) groups equal values');
SET LOCAL enable_hashagg = on;

-- joins: nested loop, hash and merge join must find the same 28 equal pairs (3*3 + 1 +
-- 2*2 + 1 + 1 + 1 + 3*3 + 1 + 1), and agree on a sample that holds -0 as well
SET LOCAL enable_hashjoin = off;
SET LOCAL enable_mergejoin = off;
SELECT is((SELECT count(*)::int FROM kr_grp a JOIN kr_grp b ON a.k = b.k), 28, 'nested loop join: 28 equal pairs');
CREATE TEMP TABLE kr_join_ref AS SELECT count(*) AS n FROM kr_sample a JOIN kr_sample b ON a.k = b.k;
SET LOCAL enable_hashjoin = on;
SET LOCAL enable_nestloop = off;
SELECT is((SELECT count(*)::int FROM kr_grp a JOIN kr_grp b ON a.k = b.k), 28, 'hash join: 28 equal pairs');
SELECT is((SELECT count(*) FROM kr_sample a JOIN kr_sample b ON a.k = b.k), (SELECT n FROM kr_join_ref),
          'hash join agrees with nested loop on the sample');
SET LOCAL enable_hashjoin = off;
SET LOCAL enable_mergejoin = on;
SELECT is((SELECT count(*)::int FROM kr_grp a JOIN kr_grp b ON a.k = b.k), 28, 'merge join: 28 equal pairs');
SELECT is((SELECT count(*) FROM kr_sample a JOIN kr_sample b ON a.k = b.k), (SELECT n FROM kr_join_ref),
          'merge join agrees with nested loop on the sample');
SET LOCAL enable_hashjoin = on;
SET LOCAL enable_nestloop = on;

-- hash index
CREATE INDEX kr_grp_hash ON kr_grp USING hash (k);
SET LOCAL enable_seqscan = off;
SELECT ok(pg_temp.plan_of($$SELECT * FROM kr_grp WHERE k = '1000 -> 2000'$$) ~ 'kr_grp_hash',
          'the hash index is used for =');
SELECT is((SELECT count(*)::int FROM kr_grp WHERE k = '1000 -> 2000'), 3, 'hash index finds 1k -> 2k three times');
SELECT is((SELECT count(*)::int FROM kr_grp WHERE k = '1h -> 2h'), 3, 'hash index finds 1h -> 2h three times');
SELECT is((SELECT count(*)::int FROM kr_grp WHERE k = '20 -> 40 @ 31'), 0, 'hash index finds no 20 -> 40 @ 31');
DROP INDEX kr_grp_hash;

-- btree index
CREATE INDEX kr_grp_btree ON kr_grp (k);
SELECT ok(pg_temp.plan_of($$SELECT * FROM kr_grp WHERE k = '1000 -> 2000'$$) ~ 'kr_grp_btree',
          'the btree index is used for =');
SELECT is((SELECT count(*)::int FROM kr_grp WHERE k = '1000 -> 2000'), 3, 'btree index finds 1k -> 2k three times');
SELECT is((SELECT count(*)::int FROM kr_grp WHERE k = '20 -> 40 @ 30'), 2, 'btree index finds 20 -> 40 @ 30 twice');
CREATE TEMP TABLE kr_order_idx AS SELECT row_number() OVER () AS n, t FROM (SELECT k::text AS t FROM kr_grp ORDER BY k) s;
SET LOCAL enable_seqscan = on;
SET LOCAL enable_indexscan = off;
SET LOCAL enable_bitmapscan = off;
SELECT results_eq(
    $$ SELECT t FROM kr_order_idx ORDER BY n $$,
    $$ SELECT k::text AS t FROM kr_grp ORDER BY kr_grp.k $$,
    'index order equals sort order');
SET LOCAL enable_indexscan = on;
SET LOCAL enable_bitmapscan = on;

-- UNIQUE index
CREATE TEMP TABLE kr_uniq (k okrkpi.key_result UNIQUE);
INSERT INTO kr_uniq VALUES ('1k -> 2k');
SELECT throws_ok($$INSERT INTO kr_uniq VALUES ('1000 -> 2000')$$, '23505', NULL,
                 'UNIQUE index: 1000 -> 2000 duplicates 1k -> 2k');
SELECT throws_ok($$INSERT INTO kr_uniq VALUES ('1e3 -> 2e3')$$, '23505', NULL,
                 'UNIQUE index: 1e3 -> 2e3 duplicates 1k -> 2k');
SELECT lives_ok($$INSERT INTO kr_uniq VALUES ('1k -> 2k @ 1.5k')$$,
                'UNIQUE index: a current value makes another key result');
SELECT lives_ok($$INSERT INTO kr_uniq VALUES ('1k% -> 2k%')$$,
                'UNIQUE index: another unit makes another key result');

-- ---------------------------------------------------------------------------
-- 6. jsonb casts
-- ---------------------------------------------------------------------------
SELECT is('20 -> 40 @ 30'::okrkpi.key_result::jsonb,
          '{"start": 20, "target": 40, "current": 30, "unit": "", "direction": "increase", "score": 0.5}'::jsonb,
          'jsonb of 20 -> 40 @ 30 (documented example)');
SELECT is('20 -> 40'::okrkpi.key_result::jsonb,
          '{"start": 20, "target": 40, "current": null, "unit": "", "direction": "increase", "score": null}'::jsonb,
          'jsonb without current: current and score null');
SELECT is('6h -> 45min @ 202.5min'::okrkpi.key_result::jsonb,
          '{"start": 21600, "target": 2700, "current": 12150, "unit": "s", "direction": "decrease", "score": 0.5}'::jsonb,
          'jsonb of a decreasing duration key result');
SELECT is('0 -> 4 milestones @ 1'::okrkpi.key_result::jsonb,
          '{"start": 0, "target": 4, "current": 1, "unit": "milestones", "direction": "increase", "score": 0.25}'::jsonb,
          'jsonb of a milestone key result');
SELECT is('73% -> 75% @ 80%'::okrkpi.key_result::jsonb,
          '{"start": 73, "target": 75, "current": 80, "unit": "%", "direction": "increase", "score": 1}'::jsonb,
          'jsonb score is clamped to 1');
SELECT is('20 -> 40 @ 10'::okrkpi.key_result::jsonb,
          '{"start": 20, "target": 40, "current": 10, "unit": "", "direction": "increase", "score": 0}'::jsonb,
          'jsonb score is clamped to 0');
SELECT is('100 -> 50 @ 120'::okrkpi.key_result::jsonb,
          '{"start": 100, "target": 50, "current": 120, "unit": "", "direction": "decrease", "score": 0}'::jsonb,
          'jsonb score of a decreasing key result gone the wrong way is 0');
SELECT is('100 -> 50 @ 25'::okrkpi.key_result::jsonb,
          '{"start": 100, "target": 50, "current": 25, "unit": "", "direction": "decrease", "score": 1}'::jsonb,
          'jsonb score of a decreasing key result past target is 1');
SELECT is('$2.5M -> $3M @ $2.75M'::okrkpi.key_result::jsonb,
          '{"start": 2500000, "target": 3000000, "current": 2750000, "unit": "$", "direction": "increase", "score": 0.5}'::jsonb,
          'jsonb of a money key result');
SELECT is('-5 -> 5 @ 0'::okrkpi.key_result::jsonb,
          '{"start": -5, "target": 5, "current": 0, "unit": "", "direction": "increase", "score": 0.5}'::jsonb,
          'jsonb of a key result with negative start');
SELECT is('€1 -> €2'::okrkpi.key_result::jsonb,
          '{"start": 1, "target": 2, "current": null, "unit": "€", "direction": "increase", "score": null}'::jsonb,
          'jsonb unit €');
SELECT is('£1 -> £2 @ £1.5'::okrkpi.key_result::jsonb,
          '{"start": 1, "target": 2, "current": 1.5, "unit": "£", "direction": "increase", "score": 0.5}'::jsonb,
          'jsonb unit £');
SELECT is('¥100 -> ¥0 @ ¥75'::okrkpi.key_result::jsonb,
          '{"start": 100, "target": 0, "current": 75, "unit": "¥", "direction": "decrease", "score": 0.25}'::jsonb,
          'jsonb unit ¥, score (75-100)/(0-100) = 0.25');
SELECT is('1 -> 2 @ 1'::okrkpi.key_result::jsonb,
          '{"start": 1, "target": 2, "current": 1, "unit": "", "direction": "increase", "score": 0}'::jsonb,
          'jsonb score 0 when current = start');

SELECT is('{"start": 20, "target": 40}'::jsonb::okrkpi.key_result, '20 -> 40'::okrkpi.key_result,
          'jsonb -> key_result: start and target');
SELECT is('{"start": 20, "target": 40, "current": 30}'::jsonb::okrkpi.key_result, '20 -> 40 @ 30'::okrkpi.key_result,
          'jsonb -> key_result: with current');
SELECT is('{"start": 20, "target": 40, "current": null}'::jsonb::okrkpi.key_result, '20 -> 40'::okrkpi.key_result,
          'jsonb -> key_result: current null');
SELECT is('{"start": 73, "target": 75, "unit": "%"}'::jsonb::okrkpi.key_result, '73% -> 75%'::okrkpi.key_result,
          'jsonb -> key_result: percent');
SELECT is('{"start": 21600, "target": 2700, "unit": "s", "current": 12150}'::jsonb::okrkpi.key_result,
          '6h -> 45min @ 202.5min'::okrkpi.key_result, 'jsonb -> key_result: seconds');
SELECT is('{"start": 0, "target": 4, "unit": "milestones", "current": 1}'::jsonb::okrkpi.key_result,
          '0 -> 4 milestones @ 1'::okrkpi.key_result, 'jsonb -> key_result: milestones');
SELECT ok(okrkpi.is_milestone('{"start": 0, "target": 4, "unit": "milestones"}'::jsonb::okrkpi.key_result),
          'jsonb -> key_result: milestones make a milestone key result');
SELECT is('{"start": 20, "target": 40, "direction": "decrease", "score": 0.99, "extra": [1, 2]}'::jsonb::okrkpi.key_result,
          '20 -> 40'::okrkpi.key_result, 'jsonb -> key_result ignores derived and unknown keys');
SELECT is('{"start": 2.5e6, "target": 3e6, "unit": "$"}'::jsonb::okrkpi.key_result, '$2.5M -> $3M'::okrkpi.key_result,
          'jsonb -> key_result: dollars');
SELECT is('{"start": 1, "target": 2, "unit": "€"}'::jsonb::okrkpi.key_result, '€1 -> €2'::okrkpi.key_result,
          'jsonb -> key_result: euros');
SELECT is('{"start": 1, "target": 2, "unit": "£"}'::jsonb::okrkpi.key_result, '£1 -> £2'::okrkpi.key_result,
          'jsonb -> key_result: pounds');
SELECT is('{"start": 1, "target": 2, "unit": "¥"}'::jsonb::okrkpi.key_result, '¥1 -> ¥2'::okrkpi.key_result,
          'jsonb -> key_result: yen');
SELECT is('{"start": -5, "target": 5, "current": 0, "unit": ""}'::jsonb::okrkpi.key_result, '-5 -> 5 @ 0'::okrkpi.key_result,
          'jsonb -> key_result: explicit empty unit, negative start');
SELECT ok(NULL::jsonb::okrkpi.key_result IS NULL, 'jsonb NULL -> key_result NULL');
SELECT is_empty($$
    SELECT lit FROM kr_sample WHERE k::jsonb::okrkpi.key_result IS DISTINCT FROM k
$$, 'jsonb round trip keeps every sample value');

CREATE TEMP TABLE kr_bad_json (ord serial, j text, code text);
INSERT INTO kr_bad_json (j, code) VALUES
    ('[]', '22P02'),
    ('[20, 40]', '22P02'),
    ('"20 -> 40"', '22P02'),
    ('20', '22P02'),
    ('null', '22P02'),
    ('true', '22P02'),
    ('{}', '22P02'),
    ('{"start": 20}', '22P02'),
    ('{"target": 40}', '22P02'),
    ('{"start": 20, "current": 30}', '22P02'),
    ('{"start": "20", "target": 40}', '22P02'),
    ('{"start": 20, "target": "40"}', '22P02'),
    ('{"start": null, "target": 40}', '22P02'),
    ('{"start": true, "target": 40}', '22P02'),
    ('{"start": [20], "target": 40}', '22P02'),
    ('{"start": {"v": 20}, "target": 40}', '22P02'),
    ('{"start": 20, "target": 40, "current": "30"}', '22P02'),
    ('{"start": 20, "target": 40, "unit": 5}', '22P02'),
    ('{"start": 20, "target": 40, "unit": "apples"}', '22P02'),
    ('{"start": 20, "target": 40, "unit": "min"}', '22P02'),
    ('{"start": 20, "target": 40, "unit": "USD"}', '22P02'),
    ('{"start": 1e400, "target": 1}', '22003'),
    ('{"start": 1, "target": -1e400}', '22003'),
    ('{"start": 1, "target": 2, "current": 1e400}', '22003'),
    ('{"start": 1e-400, "target": 1}', '22003'),
    ('{"start": 1e99999, "target": 1}', '22003'),
    ('{"start": 20, "target": 20}', '22023'),
    ('{"start": 0, "target": -0}', '22023'),
    ('{"start": 1000, "target": 1e3}', '22023'),
    ('{"start": 20, "target": 20.0, "unit": "%"}', '22023');

SELECT throws_ok(format('SELECT %L::jsonb::okrkpi.key_result', j), code::char(5), NULL,
                 format('jsonb %s is rejected with %s', j, code))
  FROM kr_bad_json ORDER BY ord;

-- ---------------------------------------------------------------------------
-- 7. Round trips: text (whatever extra_float_digits says) and binary COPY
-- ---------------------------------------------------------------------------
DO $$ BEGIN PERFORM setseed(0.4242); END $$;
CREATE TEMP TABLE kr_gen AS
WITH g AS (
    -- i % 4 in (0, 1): magnitudes 1e-300 .. 1e300; otherwise everyday magnitudes 1e-6 .. 1e9
    SELECT i,
           (random() - 0.5) * 10 ^ (CASE WHEN i % 4 < 2 THEN floor(random() * 601) - 300
                                         ELSE floor(random() * 16) - 6 END) AS s,
           (random() - 0.5) * 10 ^ (CASE WHEN i % 4 < 2 THEN floor(random() * 601) - 300
                                         ELSE floor(random() * 16) - 6 END) AS t,
           CASE WHEN i % 3 = 0 THEN NULL
                ELSE (random() - 0.5) * 10 ^ (CASE WHEN i % 4 < 2 THEN floor(random() * 601) - 300
                                                   ELSE floor(random() * 16) - 6 END) END AS c,
           floor(random() * 100) AS ms_s,
           floor(random() * 10) + 1 AS ms_d
      FROM generate_series(1, 600) i
)
SELECT i, lit, s, t, c FROM (
    SELECT i,
           CASE i % 6
             WHEN 0 THEN format('%s -> %s', s, t) || coalesce(' @ ' || c, '')
             WHEN 1 THEN format('%s%% -> %s%%', s, t) || coalesce(' @ ' || c || '%', '')
             WHEN 2 THEN format('$%s -> $%s', s, t) || coalesce(' @ $' || c, '')
             WHEN 3 THEN format('%ss -> %ss', s, t) || coalesce(' @ ' || c || 's', '')
             WHEN 4 THEN format('%s -> %s milestones', ms_s, ms_s + ms_d) || coalesce(' @ ' || floor(c * 0 + ms_s + 1), '')
             ELSE        format('€%s -> €%s', s, t) || coalesce(' @ €' || c, '')
           END AS lit,
           CASE WHEN i % 6 = 4 THEN ms_s ELSE s END AS s,
           CASE WHEN i % 6 = 4 THEN ms_s + ms_d ELSE t END AS t,
           CASE WHEN i % 6 = 4 THEN floor(c * 0 + ms_s + 1) ELSE c END AS c
      FROM g WHERE s <> t
) x
UNION ALL
SELECT 1000 + n, lit, s, t, c FROM (VALUES
    (1, '1e-300 -> 1e300', 1e-300::float8, 1e300::float8, NULL::float8),
    (2, '-1e-300 -> -1e300 @ 1e-300', -1e-300, -1e300, 1e-300),
    (3, '1e300 -> -1e300 @ 0', 1e300, -1e300, 0),
    (4, format('0 -> %s', 0.1::float8 + 0.2::float8), 0, 0.1::float8 + 0.2::float8, NULL),
    (5, format('%s -> %s @ %s', 1::float8 / 3, 2::float8 / 3, 0.1::float8 + 0.7::float8),
        1::float8 / 3, 2::float8 / 3, 0.1::float8 + 0.7::float8),
    (6, '1.7976931348623157e308 -> -1.7976931348623157e308', 1.7976931348623157e308, -1.7976931348623157e308, NULL),
    (7, '2.2250738585072014e-308 -> -2.2250738585072014e-308', 2.2250738585072014e-308, -2.2250738585072014e-308, NULL),
    (8, '-0 -> 1 @ -0', -0.0::float8, 1, -0.0::float8),
    (9, '$0.30000000000000004 -> $0.1', 0.1::float8 + 0.2::float8, 0.1, NULL)
) v(n, lit, s, t, c);

CREATE TEMP TABLE kr_rt AS
    SELECT lit, s, t, c, pg_temp.try_kr(lit) AS k FROM kr_gen
    UNION ALL
    SELECT lit, s, t, c, pg_temp.try_kr(lit) FROM kr_ok;

SELECT is_empty($$ SELECT lit FROM kr_rt WHERE k IS NULL $$,
                'every generated literal is accepted');
SELECT is_empty($$
    SELECT lit FROM kr_rt
     WHERE okrkpi.start_value(k) IS DISTINCT FROM s
        OR okrkpi.target_value(k) IS DISTINCT FROM t
        OR okrkpi.current_value(k) IS DISTINCT FROM c
$$, 'numbers are read exactly (same double as float8 input)');
SELECT is_empty($$ SELECT lit, k::text FROM kr_rt WHERE k::text::okrkpi.key_result IS DISTINCT FROM k $$,
                'text out then in gives an equal value');
ALTER TABLE kr_rt ADD COLUMN txt1 text;
UPDATE kr_rt SET txt1 = k::text;

SET LOCAL extra_float_digits = 0;
SELECT is_empty($$ SELECT lit, k::text FROM kr_rt WHERE k::text::okrkpi.key_result IS DISTINCT FROM k $$,
                'text round trip with extra_float_digits = 0');
SELECT is_empty($$ SELECT lit, k::text, txt1 FROM kr_rt WHERE k::text IS DISTINCT FROM txt1 $$,
                'canonical output does not change with extra_float_digits = 0');
SET LOCAL extra_float_digits = -15;
SELECT is_empty($$ SELECT lit, k::text FROM kr_rt WHERE k::text::okrkpi.key_result IS DISTINCT FROM k $$,
                'text round trip with extra_float_digits = -15');
SELECT is_empty($$ SELECT lit, k::text, txt1 FROM kr_rt WHERE k::text IS DISTINCT FROM txt1 $$,
                'canonical output does not change with extra_float_digits = -15');
SET LOCAL extra_float_digits = 3;
SELECT is_empty($$ SELECT lit, k::text FROM kr_rt WHERE k::text::okrkpi.key_result IS DISTINCT FROM k $$,
                'text round trip with extra_float_digits = 3');
SET LOCAL extra_float_digits = 1;

SELECT is_empty($$ SELECT lit FROM kr_rt WHERE k::jsonb::okrkpi.key_result IS DISTINCT FROM k $$,
                'jsonb round trip keeps every generated value');

-- binary COPY out and in
CREATE TEMP TABLE kr_bin_out AS SELECT k FROM kr_rt WHERE k IS NOT NULL;
CREATE TEMP TABLE kr_bin_in (k okrkpi.key_result);
SELECT lives_ok(format('COPY kr_bin_out TO %L WITH (FORMAT binary)', pg_temp.rt_path('kr')),
                'binary COPY TO');
SELECT lives_ok(format('COPY kr_bin_in FROM %L WITH (FORMAT binary)', pg_temp.rt_path('kr')),
                'binary COPY FROM');
SELECT is((SELECT count(*) FROM kr_bin_in), (SELECT count(*) FROM kr_bin_out), 'binary COPY keeps the row count');
SELECT is_empty($$ SELECT k FROM kr_bin_out EXCEPT ALL SELECT k FROM kr_bin_in $$, 'binary COPY loses no value');
SELECT is_empty($$ SELECT k FROM kr_bin_in EXCEPT ALL SELECT k FROM kr_bin_out $$, 'binary COPY adds no value');

-- receive re-checks what input checks
SELECT is(get_byte(pg_temp.kr_send('20 -> 40'), 0), 1, 'send output starts with format-version byte 1');
SELECT is(pg_temp.kr_recv(pg_temp.kr_send('20 -> 40 @ 30')), '20 -> 40 @ 30', 'recv reads what send wrote');
SELECT is(pg_temp.kr_recv(pg_temp.kr_send('6h -> 45min')), '6h -> 45min', 'recv keeps the unit');
SELECT throws_ok(format('SELECT pg_temp.kr_recv(%L::bytea)', set_byte(pg_temp.kr_send('20 -> 40'), 0, 2)::text),
                 '22P03', NULL, 'recv refuses format version 2');
SELECT throws_ok(format('SELECT pg_temp.kr_recv(%L::bytea)', set_byte(pg_temp.kr_send('20 -> 40'), 0, 0)::text),
                 '22P03', NULL, 'recv refuses format version 0');
SELECT throws_ok($$SELECT pg_temp.kr_recv('\x'::bytea)$$, '08P01', NULL, 'recv refuses an empty payload');
SELECT throws_ok(format('SELECT pg_temp.kr_recv(%L::bytea)',
                        substr(pg_temp.kr_send('20 -> 40'), 1, length(pg_temp.kr_send('20 -> 40')) - 1)::text),
                 '08P01', NULL, 'recv refuses a truncated payload');
SELECT throws_ok(format('SELECT pg_temp.kr_recv(%L::bytea)', (pg_temp.kr_send('20 -> 40') || '\x00'::bytea)::text),
                 '22P03', NULL, 'recv refuses trailing bytes');
-- if values travel as float8send (big-endian IEEE), forge bad values in place
SELECT CASE WHEN pos > 0
            THEN throws_ok(format('SELECT pg_temp.kr_recv(%L::bytea)',
                                  overlay(p placing float8send(1234.5) from pos)::text),
                           '22023', NULL, 'recv refuses start = target')
            ELSE skip('payload does not carry float8send values', 1) END
  FROM (SELECT p, position(float8send(6789.25) in p) AS pos
          FROM (SELECT pg_temp.kr_send('1234.5 -> 6789.25') AS p) x) y;
SELECT CASE WHEN pos > 0
            THEN throws_ok(format('SELECT pg_temp.kr_recv(%L::bytea)',
                                  overlay(p placing float8send('NaN') from pos)::text),
                           '22P03', NULL, 'recv refuses NaN')
            ELSE skip('payload does not carry float8send values', 1) END
  FROM (SELECT p, position(float8send(6789.25) in p) AS pos
          FROM (SELECT pg_temp.kr_send('1234.5 -> 6789.25') AS p) x) y;
SELECT CASE WHEN pos > 0
            THEN throws_ok(format('SELECT pg_temp.kr_recv(%L::bytea)',
                                  overlay(p placing float8send('Infinity') from pos)::text),
                           '22P03', NULL, 'recv refuses Infinity')
            ELSE skip('payload does not carry float8send values', 1) END
  FROM (SELECT p, position(float8send(6789.25) in p) AS pos
          FROM (SELECT pg_temp.kr_send('1234.5 -> 6789.25') AS p) x) y;

-- remove the scratch files (best effort)
DO $$ BEGIN PERFORM pg_temp.remove_files(pg_temp.rt_path('kr')); END $$;

-- units and magnitudes scale the decimal digits before rounding to binary
SELECT is(start_value('1.1h -> 2h'), 3960::float8, '1.1h is exactly 3960 s');
SELECT is(start_value('1.005k -> 2k'), 1005::float8, '1.005k is exactly 1005');
SELECT is(start_value('0.001w -> 1w'), 604.8::float8, '0.001w is exactly 604.8 s');
SELECT is('1.1h -> 2h'::key_result::text, '1.1h -> 2h', 'and prints without a rounding tail');

SELECT * FROM finish();
ROLLBACK;
