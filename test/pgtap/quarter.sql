\ir ../include/setup.sql
\ir ../include/helpers.sql
SELECT plan(336);
-- pgTAP tests for okrkpi.quarter (doc/types.md).
-- Every expected value below is worked out by hand from the documentation (doc/) or plain
-- calendar arithmetic; none is pasted from the extension's output.

-- ---------------------------------------------------------------------------
-- Helpers (temporary, gone at ROLLBACK); the shared ones are in include/helpers.sql
-- ---------------------------------------------------------------------------
CREATE FUNCTION pg_temp.q_fields(lit text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    q okrkpi.quarter;
BEGIN
    q := lit::okrkpi.quarter;
    RETURN format('year=%s number=%s', okrkpi.quarter_year(q), okrkpi.quarter_number(q));
EXCEPTION WHEN OTHERS THEN
    RETURN 'ERROR ' || SQLSTATE || ': ' || SQLERRM;
END
$$;

CREATE FUNCTION pg_temp.try_q(lit text) RETURNS okrkpi.quarter LANGUAGE sql AS $$
    SELECT pg_temp.try_parse(lit, NULL::okrkpi.quarter)
$$;

-- the type's binary send function, called directly; feed an arbitrary payload to
-- its receive function (see include/helpers.sql)
CREATE FUNCTION pg_temp.q_send(q okrkpi.quarter) RETURNS bytea LANGUAGE sql AS $$
    SELECT pg_temp.type_send('okrkpi.quarter', q)
$$;
CREATE FUNCTION pg_temp.q_recv(payload bytea) RETURNS text LANGUAGE sql AS $$
    SELECT pg_temp.type_recv('okrkpi.quarter', payload)
$$;

-- ---------------------------------------------------------------------------
-- 1. Valid literals: every spelling doc/types.md lists, in both letter cases
-- ---------------------------------------------------------------------------
CREATE TEMP TABLE q_ok (ord serial, lit text, y int, n int, canon text);
INSERT INTO q_ok (lit, y, n, canon) VALUES
    ('2026-Q3',      2026, 3, '2026-Q3'),
    ('2026Q3',       2026, 3, '2026-Q3'),
    ('2026 Q3',      2026, 3, '2026-Q3'),
    ('Q3 2026',      2026, 3, '2026-Q3'),
    ('Q3-2026',      2026, 3, '2026-Q3'),
    ('2026-q3',      2026, 3, '2026-Q3'),
    ('2026q3',       2026, 3, '2026-Q3'),
    ('2026 q3',      2026, 3, '2026-Q3'),
    ('q3 2026',      2026, 3, '2026-Q3'),
    ('q3-2026',      2026, 3, '2026-Q3'),
    ('  2026-Q3  ',  2026, 3, '2026-Q3'),
    (E'\t2026Q3\n',  2026, 3, '2026-Q3'),
    ('  q3 2026 ',   2026, 3, '2026-Q3'),
    ('2026-Q1',      2026, 1, '2026-Q1'),
    ('2026-Q2',      2026, 2, '2026-Q2'),
    ('2026-Q4',      2026, 4, '2026-Q4'),
    ('Q1 2027',      2027, 1, '2027-Q1'),
    ('q2-2027',      2027, 2, '2027-Q2'),
    ('1000q2',       1000, 2, '1000-Q2'),
    ('9999-Q4',      9999, 4, '9999-Q4'),
    ('Q4 9999',      9999, 4, '9999-Q4'),
    -- years below 1000: how they print is not fixed, only that they read back
    ('1-Q1',         1, 1, NULL),
    ('0001-Q1',      1, 1, NULL),
    ('q1-1',         1, 1, NULL),
    ('Q2 0001',      1, 2, NULL),
    ('10-Q1',        10, 1, NULL),
    ('999-Q4',       999, 4, NULL),
    ('0999q4',       999, 4, NULL);

SELECT lives_ok(format('SELECT %L::okrkpi.quarter', lit), format('%s is accepted', pg_temp.show(lit)))
  FROM q_ok ORDER BY ord;
SELECT is(pg_temp.q_fields(lit), format('year=%s number=%s', y, n),
          format('%s is year %s, quarter %s', pg_temp.show(lit), y, n))
  FROM q_ok ORDER BY ord;
SELECT is(pg_temp.text_or_error('okrkpi.quarter', lit), canon, format('%s prints as %s', pg_temp.show(lit), canon))
  FROM q_ok WHERE canon IS NOT NULL ORDER BY ord;
SELECT is_empty($$ SELECT lit FROM q_ok
                    WHERE pg_temp.try_q(pg_temp.text_or_error('okrkpi.quarter', lit)) IS DISTINCT FROM pg_temp.try_q(lit) $$,
                'every valid literal reads back from its output');
SELECT ok(NULL::text::okrkpi.quarter IS NULL AND okrkpi.quarter_year(NULL::okrkpi.quarter) IS NULL,
          'NULL in, NULL out');

-- ---------------------------------------------------------------------------
-- 2. Malformed literals, each with its SQLSTATE
-- ---------------------------------------------------------------------------
CREATE TEMP TABLE q_bad (ord serial, lit text, code text);
INSERT INTO q_bad (lit, code) VALUES
    -- the documented list
    ('2026-Q5', '22P02'),
    ('2026-Q0', '22P02'),
    ('Q3', '22P02'),
    ('2026', '22P02'),
    ('', '22P02'),
    ('garbage', '22P02'),
    ('2026--Q3', '22P02'),
    ('-2026-Q1', '22P02'),
    ('2026-Q3x', '22P02'),
    -- blank
    (' ', '22P02'),
    ('   ', '22P02'),
    (E'\t\n', '22P02'),
    -- spellings outside the five doc/types.md lists
    ('q3', '22P02'),
    ('Q', '22P02'),
    ('-', '22P02'),
    ('2026-Q', '22P02'),
    ('2026-q', '22P02'),
    ('2026-3', '22P02'),
    ('2026 3', '22P02'),
    ('2026/Q3', '22P02'),
    ('2026_Q3', '22P02'),
    ('2026-Q33', '22P02'),
    ('2026-QQ3', '22P02'),
    ('2026-Q3-', '22P02'),
    ('Q32026', '22P02'),
    ('2026-Q 3', '22P02'),
    ('2026-Q3 2027', '22P02'),
    ('2026Q3Q4', '22P02'),
    ('Q3-Q4', '22P02'),
    ('Q3-2026-Q3', '22P02'),
    ('Q3 2026 Q3', '22P02'),
    ('Q3--2026', '22P02'),
    ('Q3 2026x', '22P02'),
    ('Q3 20 26', '22P02'),
    ('20 26-Q3', '22P02'),
    ('2026-Q3;', '22P02'),
    ('(2026-Q3)', '22P02'),
    ('Q5 2026', '22P02'),
    ('Q0-2026', '22P02'),
    ('Q-1 2026', '22P02'),
    ('2026-Q-3', '22P02'),
    ('2026-Q+3', '22P02'),
    ('2026-Q3.0', '22P02'),
    ('2026-Q1.5', '22P02'),
    ('2026.5-Q1', '22P02'),
    ('2026e0-Q1', '22P02'),
    ('0x7EA-Q3', '22P02'),
    ('MMXXVI-Q3', '22P02'),
    ('FY2026-Q3', '22P02'),
    ('2026-H1', '22P02'),
    ('2026-W3', '22P02'),
    ('2026-M3', '22P02'),
    -- things other types accept
    ('NaN', '22P02'),
    ('infinity', '22P02'),
    ('today', '22P02'),
    ('epoch', '22P02'),
    ('2026-07-01', '22P02'),
    -- unicode junk
    ('２０２６-Q3', '22P02'),
    ('2026-Ｑ3', '22P02'),
    ('2026‐Q3', '22P02'),
    ('2026-Q٣', '22P02'),
    ('2026-Q3🚀', '22P02'),
    ('🚀', '22P02'),
    (repeat('x', 100000), '22P02'),
    -- years outside 1 .. 9999
    ('0-Q1', '22008'),
    ('0000-Q1', '22008'),
    ('00000-Q3', '22008'),
    ('0q1', '22008'),
    ('0 Q1', '22008'),
    ('Q1 0', '22008'),
    ('q2 0000', '22008'),
    ('10000-Q1', '22008'),
    ('Q4-10000', '22008'),
    ('99999-Q2', '22008'),
    ('2147483648-Q1', '22008'),
    ('4294967297-Q1', '22008'),
    ('18446744073709551617-Q1', '22008'),
    ('123456789012345678901234567890-Q1', '22008');

SELECT throws_ok(format('SELECT %L::okrkpi.quarter', lit), code::char(5), NULL,
                 format('%s is rejected with %s', pg_temp.show(lit), code))
  FROM q_bad ORDER BY ord;

-- ---------------------------------------------------------------------------
-- 3. quarter_of(date)
-- ---------------------------------------------------------------------------
CREATE TEMP TABLE q_of_date (ord serial, d date, q text);
INSERT INTO q_of_date (d, q) VALUES
    ('2026-01-01', '2026-Q1'),
    ('2026-03-31', '2026-Q1'),
    ('2026-04-01', '2026-Q2'),
    ('2026-06-30', '2026-Q2'),
    ('2026-07-01', '2026-Q3'),
    ('2026-09-30', '2026-Q3'),
    ('2026-10-01', '2026-Q4'),
    ('2026-12-31', '2026-Q4'),
    ('2024-02-29', '2024-Q1'),
    ('0001-01-01', '1-Q1'),
    ('9999-12-31', '9999-Q4');
SELECT is(okrkpi.quarter_of(d), pg_temp.try_q(q), format('quarter_of(%s) = %s', d, q))
  FROM q_of_date ORDER BY ord;

SELECT is_empty($$
    SELECT d FROM generate_series(date '2024-01-01', date '2027-12-31', interval '1 day') g(d)
     WHERE okrkpi.quarter_year(okrkpi.quarter_of(d::date)) <> extract(year FROM d)
        OR okrkpi.quarter_number(okrkpi.quarter_of(d::date)) <> (extract(month FROM d)::int - 1) / 3 + 1
$$, 'quarter_of(date) for every day of 2024 .. 2027: quarter (month - 1) / 3 + 1 of its year');
SELECT ok(okrkpi.quarter_of(NULL::date) IS NULL, 'quarter_of(NULL::date) is NULL');
SELECT throws_ok($$SELECT okrkpi.quarter_of(date '10000-01-01')$$, '22008', NULL,
                 'quarter_of a date in year 10000 is 22008');
SELECT throws_ok($$SELECT okrkpi.quarter_of(date '0001-12-31 BC')$$, '22008', NULL,
                 'quarter_of a date in 1 BC (year 0) is 22008');

-- ---------------------------------------------------------------------------
-- 4. quarter_of(date, fiscal_start_month): the fiscal year is named after the calendar
--    year in which it ends
-- ---------------------------------------------------------------------------
CREATE TEMP TABLE q_fiscal (ord serial, d date, m int, q text);
INSERT INTO q_fiscal (d, m, q) VALUES
    -- documented examples (October)
    ('2026-10-01', 10, '2027-Q1'),
    ('2026-09-30', 10, '2026-Q4'),
    ('2026-12-31', 10, '2027-Q1'),
    ('2027-01-01', 10, '2027-Q2'),
    ('2027-04-01', 10, '2027-Q3'),
    ('2027-07-01', 10, '2027-Q4'),
    ('2027-09-30', 10, '2027-Q4'),
    -- April (FY2027 = 2026-04-01 .. 2027-03-31)
    ('2026-04-01', 4, '2027-Q1'),
    ('2026-03-31', 4, '2026-Q4'),
    ('2026-07-15', 4, '2027-Q2'),
    ('2026-12-31', 4, '2027-Q3'),
    ('2027-01-01', 4, '2027-Q4'),
    ('2027-03-31', 4, '2027-Q4'),
    -- July (FY2027 = 2026-07-01 .. 2027-06-30)
    ('2026-07-01', 7, '2027-Q1'),
    ('2026-06-30', 7, '2026-Q4'),
    ('2026-10-01', 7, '2027-Q2'),
    ('2027-02-28', 7, '2027-Q3'),
    ('2027-05-31', 7, '2027-Q4'),
    -- February (FY2027 = 2026-02-01 .. 2027-01-31)
    ('2026-02-01', 2, '2027-Q1'),
    ('2026-01-31', 2, '2026-Q4'),
    ('2026-04-30', 2, '2027-Q1'),
    ('2026-05-01', 2, '2027-Q2'),
    ('2026-11-01', 2, '2027-Q4'),
    ('2027-01-31', 2, '2027-Q4'),
    -- December (FY2026 = 2025-12-01 .. 2026-11-30)
    ('2025-12-01', 12, '2026-Q1'),
    ('2026-02-28', 12, '2026-Q1'),
    ('2026-03-01', 12, '2026-Q2'),
    ('2026-11-30', 12, '2026-Q4'),
    ('2026-12-01', 12, '2027-Q1'),
    -- January: the calendar
    ('2026-01-01', 1, '2026-Q1'),
    ('2026-12-31', 1, '2026-Q4'),
    -- the edges of the range
    ('0001-01-01', 2, '1-Q4'),
    ('9999-09-30', 10, '9999-Q4');
SELECT is(okrkpi.quarter_of(d, m), pg_temp.try_q(q), format('quarter_of(%s, %s) = %s', d, m, q))
  FROM q_fiscal ORDER BY ord;

SELECT is_empty($$
    SELECT d FROM generate_series(date '2024-01-01', date '2027-12-31', interval '1 day') g(d)
     WHERE okrkpi.quarter_of(d::date, 1) IS DISTINCT FROM okrkpi.quarter_of(d::date)
$$, 'fiscal start 1 equals the calendar quarter, every day of 2024 .. 2027');
SELECT is_empty($$
    SELECT m, d
      FROM generate_series(1, 12) m,
           generate_series(date '2024-01-01', date '2027-12-31', interval '1 day') g(d),
           LATERAL (SELECT extract(year FROM d)::int AS y, extract(month FROM d)::int AS mo) c
     WHERE okrkpi.quarter_year(okrkpi.quarter_of(d::date, m)) <> c.y + CASE WHEN m > 1 AND c.mo >= m THEN 1 ELSE 0 END
        OR okrkpi.quarter_number(okrkpi.quarter_of(d::date, m)) <> ((c.mo - m + 12) % 12) / 3 + 1
$$, 'every fiscal start month, every day of 2024 .. 2027');
SELECT throws_ok($$SELECT okrkpi.quarter_of(date '2026-05-01', 0)$$, '22023', NULL, 'fiscal start month 0 is 22023');
SELECT throws_ok($$SELECT okrkpi.quarter_of(date '2026-05-01', 13)$$, '22023', NULL, 'fiscal start month 13 is 22023');
SELECT throws_ok($$SELECT okrkpi.quarter_of(date '2026-05-01', -1)$$, '22023', NULL, 'fiscal start month -1 is 22023');
SELECT throws_ok($$SELECT okrkpi.quarter_of(date '2026-05-01', 2147483647)$$, '22023', NULL,
                 'fiscal start month 2147483647 is 22023');
SELECT throws_ok($$SELECT okrkpi.quarter_of(date '9999-10-01', 10)$$, '22008', NULL,
                 'fiscal year 10000 is 22008');
SELECT ok(okrkpi.quarter_of(date '2026-05-01', NULL) IS NULL AND okrkpi.quarter_of(NULL::date, 10) IS NULL,
          'quarter_of(date, int) with a NULL is NULL');

-- ---------------------------------------------------------------------------
-- 5. quarter_of(timestamptz): in the session time zone
-- ---------------------------------------------------------------------------
SET LOCAL TimeZone = 'UTC';
SELECT is(okrkpi.quarter_of('2026-09-30 23:30:00+00'::timestamptz), '2026-Q3'::okrkpi.quarter,
          '2026-09-30 23:30 UTC is 2026-Q3 in UTC');
SELECT is(okrkpi.quarter_of('2026-10-01 03:00:00+00'::timestamptz), '2026-Q4'::okrkpi.quarter,
          '2026-10-01 03:00 UTC is 2026-Q4 in UTC');
SELECT is(okrkpi.quarter_of('2026-12-31 12:00:00+00'::timestamptz), '2026-Q4'::okrkpi.quarter,
          '2026-12-31 12:00 UTC is 2026-Q4 in UTC');
SET LOCAL TimeZone = 'Asia/Tokyo';
SELECT is(okrkpi.quarter_of('2026-09-30 23:30:00+00'::timestamptz), '2026-Q4'::okrkpi.quarter,
          '2026-09-30 23:30 UTC is 2026-Q4 in Asia/Tokyo (08:30 on 1 October)');
SET LOCAL TimeZone = 'America/Los_Angeles';
SELECT is(okrkpi.quarter_of('2026-10-01 03:00:00+00'::timestamptz), '2026-Q3'::okrkpi.quarter,
          '2026-10-01 03:00 UTC is 2026-Q3 in America/Los_Angeles (20:00 on 30 September)');
SET LOCAL TimeZone = 'Pacific/Kiritimati';
SELECT is(okrkpi.quarter_of('2026-12-31 12:00:00+00'::timestamptz), '2027-Q1'::okrkpi.quarter,
          '2026-12-31 12:00 UTC is 2027-Q1 in Pacific/Kiritimati (UTC+14)');
SET LOCAL TimeZone = 'UTC';
SELECT ok(okrkpi.quarter_of(NULL::timestamptz) IS NULL, 'quarter_of(NULL::timestamptz) is NULL');

-- ---------------------------------------------------------------------------
-- 6. quarter_start, quarter_end (exclusive), period
-- ---------------------------------------------------------------------------
CREATE TEMP TABLE q_bounds (ord serial, q text, s date, e date);
INSERT INTO q_bounds (q, s, e) VALUES
    ('2026-Q1', '2026-01-01', '2026-04-01'),
    ('2026-Q2', '2026-04-01', '2026-07-01'),
    ('2026-Q3', '2026-07-01', '2026-10-01'),
    ('2026-Q4', '2026-10-01', '2027-01-01'),
    ('2024-Q1', '2024-01-01', '2024-04-01'),
    ('1-Q1',    '0001-01-01', '0001-04-01'),
    ('9999-Q4', '9999-10-01', '10000-01-01');
SELECT is(okrkpi.quarter_start(pg_temp.try_q(q)), s, format('quarter_start(%s) = %s', q, s)) FROM q_bounds ORDER BY ord;
SELECT is(okrkpi.quarter_end(pg_temp.try_q(q)), e, format('quarter_end(%s) = %s', q, e)) FROM q_bounds ORDER BY ord;
SELECT is(okrkpi.period(pg_temp.try_q(q)), daterange(s, e, '[)'), format('period(%s) = [%s,%s)', q, s, e))
  FROM q_bounds ORDER BY ord;
SELECT is(okrkpi.period('2026-Q3'::okrkpi.quarter), '[2026-07-01,2026-10-01)'::daterange, 'period(2026-Q3) (doc example)');
SELECT is(okrkpi.quarter_end('2024-Q1'::okrkpi.quarter) - okrkpi.quarter_start('2024-Q1'::okrkpi.quarter), 91,
          '2024-Q1 has 31 + 29 + 31 = 91 days');
SELECT is(okrkpi.quarter_end('2026-Q1'::okrkpi.quarter) - okrkpi.quarter_start('2026-Q1'::okrkpi.quarter), 90,
          '2026-Q1 has 31 + 28 + 31 = 90 days');
SELECT is(okrkpi.quarter_end('2026-Q3'::okrkpi.quarter) - okrkpi.quarter_start('2026-Q3'::okrkpi.quarter), 92,
          '2026-Q3 has 31 + 31 + 30 = 92 days');
SELECT ok(okrkpi.quarter_start(NULL::okrkpi.quarter) IS NULL AND okrkpi.period(NULL::okrkpi.quarter) IS NULL,
          'NULL quarter gives NULL dates');

-- ---------------------------------------------------------------------------
-- 7. Arithmetic
-- ---------------------------------------------------------------------------
SELECT is('2026-Q4'::okrkpi.quarter + 1, '2027-Q1'::okrkpi.quarter, '2026-Q4 + 1 = 2027-Q1');
SELECT is('2026-Q1'::okrkpi.quarter - 1, '2025-Q4'::okrkpi.quarter, '2026-Q1 - 1 = 2025-Q4');
SELECT is('2026-Q3'::okrkpi.quarter + 0, '2026-Q3'::okrkpi.quarter, '2026-Q3 + 0 = 2026-Q3');
SELECT is('2026-Q3'::okrkpi.quarter - 0, '2026-Q3'::okrkpi.quarter, '2026-Q3 - 0 = 2026-Q3');
SELECT is('2026-Q3'::okrkpi.quarter + 4, '2027-Q3'::okrkpi.quarter, '2026-Q3 + 4 = 2027-Q3');
SELECT is('2026-Q3'::okrkpi.quarter + (-3), '2025-Q4'::okrkpi.quarter, '2026-Q3 + -3 = 2025-Q4');
SELECT is('2026-Q3'::okrkpi.quarter - (-2), '2027-Q1'::okrkpi.quarter, '2026-Q3 - -2 = 2027-Q1');
SELECT is('2026-Q3'::okrkpi.quarter + 400, '2126-Q3'::okrkpi.quarter, '2026-Q3 + 400 = 2126-Q3');
SELECT is('2026-Q3'::okrkpi.quarter - 8102, '1-Q1'::okrkpi.quarter, '2026-Q3 - 8102 = 1-Q1 (2025 * 4 + 2)');
SELECT is('1-Q1'::okrkpi.quarter + 39995, '9999-Q4'::okrkpi.quarter, '1-Q1 + 39995 = 9999-Q4');
SELECT is('2027-Q1'::okrkpi.quarter - '2026-Q3'::okrkpi.quarter, 2, '2027-Q1 - 2026-Q3 = 2');
SELECT is('2026-Q3'::okrkpi.quarter - '2027-Q1'::okrkpi.quarter, -2, '2026-Q3 - 2027-Q1 = -2');
SELECT is('2026-Q3'::okrkpi.quarter - '2026q3'::okrkpi.quarter, 0, '2026-Q3 - 2026q3 = 0');
SELECT is('2027-Q1'::okrkpi.quarter - '2025-Q4'::okrkpi.quarter, 5, '2027-Q1 - 2025-Q4 = 5');
SELECT is('9999-Q4'::okrkpi.quarter - '1-Q1'::okrkpi.quarter, 39995, '9999-Q4 - 1-Q1 = 39995');
SELECT is('1-Q1'::okrkpi.quarter - '9999-Q4'::okrkpi.quarter, -39995, '1-Q1 - 9999-Q4 = -39995');
SELECT ok(('2026-Q3'::okrkpi.quarter + NULL::int) IS NULL
          AND (NULL::okrkpi.quarter - 1) IS NULL
          AND ('2026-Q3'::okrkpi.quarter - NULL::okrkpi.quarter) IS NULL,
          'arithmetic with NULL is NULL');

-- int + quarter, the commutator of quarter + int
SELECT is(1 + '2026-Q4'::okrkpi.quarter, '2027-Q1'::okrkpi.quarter, '1 + 2026-Q4 = 2027-Q1');
SELECT is(-3 + '2026-Q3'::okrkpi.quarter, '2025-Q4'::okrkpi.quarter, '-3 + 2026-Q3 = 2025-Q4');
SELECT is(39995 + '1-Q1'::okrkpi.quarter, '9999-Q4'::okrkpi.quarter, '39995 + 1-Q1 = 9999-Q4');
SELECT ok((NULL::int + '2026-Q3'::okrkpi.quarter) IS NULL AND (1 + NULL::okrkpi.quarter) IS NULL,
          'int + quarter with NULL is NULL');
SELECT is((SELECT oprcom FROM pg_operator WHERE oid = 'pg_catalog.+(integer, okrkpi.quarter)'::regoperator),
          'pg_catalog.+(okrkpi.quarter, integer)'::regoperator::oid, 'int + quarter commutes with quarter + int');
SELECT is((SELECT oprcom FROM pg_operator WHERE oid = 'pg_catalog.+(okrkpi.quarter, integer)'::regoperator),
          'pg_catalog.+(integer, okrkpi.quarter)'::regoperator::oid, 'and quarter + int with int + quarter');
SELECT throws_ok($$SELECT 1 + '9999-Q4'::okrkpi.quarter$$, '22008', NULL, '1 + 9999-Q4 is 22008');
SELECT throws_ok($$SELECT (-1) + '1-Q1'::okrkpi.quarter$$, '22008', NULL, '-1 + 1-Q1 is 22008');
SELECT throws_ok($$SELECT 2147483647 + '2026-Q3'::okrkpi.quarter$$, '22008', NULL, '2147483647 + 2026-Q3 is 22008');
SET LOCAL search_path = '';
SELECT (4 + '2026-Q3'::okrkpi.quarter)::text AS int_pl_quarter_no_path \gset
SET LOCAL search_path = okrkpi, public;
SELECT is(:'int_pl_quarter_no_path'::text, '2027-Q3', 'int + quarter needs no search path');

CREATE TEMP TABLE q_arith_bad (ord serial, expr text);
INSERT INTO q_arith_bad (expr) VALUES
    ($$'1-Q1'::okrkpi.quarter - 1$$),
    ($$'1-Q1'::okrkpi.quarter + (-1)$$),
    ($$'9999-Q4'::okrkpi.quarter + 1$$),
    ($$'9999-Q4'::okrkpi.quarter - (-1)$$),
    ($$'1-Q1'::okrkpi.quarter + 39996$$),
    ($$'2026-Q3'::okrkpi.quarter - 8103$$),
    ($$'2026-Q3'::okrkpi.quarter + 2147483647$$),
    ($$'2026-Q3'::okrkpi.quarter - 2147483647$$),
    ($$'2026-Q3'::okrkpi.quarter + (-2147483648)$$),
    ($$'2026-Q3'::okrkpi.quarter - (-2147483648)$$);
SELECT throws_ok('SELECT ' || expr, '22008', NULL, format('%s is 22008', expr))
  FROM q_arith_bad ORDER BY ord;

-- every quarter of the range
CREATE TEMP TABLE q_all AS
    SELECT i, '1-Q1'::okrkpi.quarter + i AS q FROM generate_series(0, 39995) i;
SELECT is((SELECT count(DISTINCT q)::int FROM q_all), 39996, '39996 distinct quarters from 1-Q1 to 9999-Q4');
SELECT is_empty($$
    SELECT i FROM q_all
     WHERE okrkpi.quarter_year(q) <> i / 4 + 1 OR okrkpi.quarter_number(q) <> i % 4 + 1
$$, '1-Q1 + i is year i / 4 + 1, quarter i % 4 + 1');
SELECT is_empty($$
    SELECT i FROM q_all WHERE q - '1-Q1'::okrkpi.quarter <> i OR (q - i) <> '1-Q1'::okrkpi.quarter
$$, 'q - 1-Q1 = i and q - i = 1-Q1');
SELECT is_empty($$
    SELECT i FROM q_all
     WHERE okrkpi.quarter_start(q) <> make_date(okrkpi.quarter_year(q), 3 * okrkpi.quarter_number(q) - 2, 1)
        OR okrkpi.quarter_end(q) <> (make_date(okrkpi.quarter_year(q), 3 * okrkpi.quarter_number(q) - 2, 1) + interval '3 months')::date
        OR okrkpi.period(q) <> daterange(okrkpi.quarter_start(q), okrkpi.quarter_end(q), '[)')
$$, 'quarter_start / quarter_end / period of every quarter');
SELECT is_empty($$
    SELECT i FROM q_all
     WHERE okrkpi.quarter_of(okrkpi.quarter_start(q)) <> q
        OR okrkpi.quarter_of(okrkpi.quarter_end(q) - 1) <> q
$$, 'quarter_of(first day) and quarter_of(last day) give the quarter back');
SELECT is_empty($$
    SELECT a.i FROM q_all a JOIN q_all b ON b.i = a.i + 1
     WHERE NOT (a.q < b.q) OR b.q - a.q <> 1 OR a.q + 1 <> b.q
$$, 'consecutive quarters: q < q + 1, (q + 1) - q = 1');
SELECT is_empty($$ SELECT i FROM q_all WHERE q::text::okrkpi.quarter IS DISTINCT FROM q $$,
                'text out then in gives the same quarter, for all 39996');

-- ---------------------------------------------------------------------------
-- 8. Comparisons
-- ---------------------------------------------------------------------------
SELECT ok('2026-Q3'::okrkpi.quarter < '2026-Q4'::okrkpi.quarter, '2026-Q3 < 2026-Q4');
SELECT ok('2026-Q4'::okrkpi.quarter < '2027-Q1'::okrkpi.quarter, '2026-Q4 < 2027-Q1');
SELECT ok('2027-Q1'::okrkpi.quarter > '2026-Q4'::okrkpi.quarter, '2027-Q1 > 2026-Q4');
SELECT ok('2026-Q3'::okrkpi.quarter <= '2026-Q3'::okrkpi.quarter, '2026-Q3 <= 2026-Q3');
SELECT ok('2026-Q3'::okrkpi.quarter >= '2026Q3'::okrkpi.quarter, '2026-Q3 >= 2026Q3');
SELECT ok('2026-Q3'::okrkpi.quarter = 'q3 2026'::okrkpi.quarter, '2026-Q3 = q3 2026');
SELECT ok('2026-Q3'::okrkpi.quarter <> '2026-Q4'::okrkpi.quarter, '2026-Q3 <> 2026-Q4');
SELECT ok(NOT ('2026-Q3'::okrkpi.quarter < '2026-Q3'::okrkpi.quarter), 'not 2026-Q3 < 2026-Q3');
SELECT ok(NOT ('2026-Q3'::okrkpi.quarter <> 'Q3-2026'::okrkpi.quarter), 'not 2026-Q3 <> Q3-2026');
SELECT ok('999-Q4'::okrkpi.quarter < '1000-Q1'::okrkpi.quarter, '999-Q4 < 1000-Q1 (numeric, not text, order)');
SELECT ok('10-Q1'::okrkpi.quarter < '9999-Q4'::okrkpi.quarter, '10-Q1 < 9999-Q4');
SELECT ok('1-Q1'::okrkpi.quarter < '1-Q2'::okrkpi.quarter, '1-Q1 < 1-Q2');
SELECT ok('2025-Q4'::okrkpi.quarter < '2026-Q1'::okrkpi.quarter, '2025-Q4 < 2026-Q1');

CREATE TEMP TABLE q_sample AS
    SELECT q FROM q_all WHERE i % 397 = 0 OR i < 6 OR i > 39990 OR i BETWEEN 8098 AND 8110;
SELECT is_empty($$
    SELECT a.q, b.q FROM q_sample a, q_sample b
     WHERE (a.q < b.q) IS DISTINCT FROM
               ((okrkpi.quarter_year(a.q), okrkpi.quarter_number(a.q)) < (okrkpi.quarter_year(b.q), okrkpi.quarter_number(b.q)))
        OR (a.q = b.q) IS DISTINCT FROM
               ((okrkpi.quarter_year(a.q), okrkpi.quarter_number(a.q)) = (okrkpi.quarter_year(b.q), okrkpi.quarter_number(b.q)))
        OR (a.q > b.q) IS DISTINCT FROM
               ((okrkpi.quarter_year(a.q), okrkpi.quarter_number(a.q)) > (okrkpi.quarter_year(b.q), okrkpi.quarter_number(b.q)))
        OR (a.q <= b.q) IS DISTINCT FROM NOT (a.q > b.q)
        OR (a.q >= b.q) IS DISTINCT FROM NOT (a.q < b.q)
        OR (a.q <> b.q) IS DISTINCT FROM NOT (a.q = b.q)
        OR (a.q - b.q) <> 4 * (okrkpi.quarter_year(a.q) - okrkpi.quarter_year(b.q))
                          + okrkpi.quarter_number(a.q) - okrkpi.quarter_number(b.q)
$$, 'comparisons and quarter - quarter follow (year, quarter) on a sample');
-- equal values must hash equally (also for hash partitioning, which uses the extended
-- hash), and the extended hash with seed 0 must agree with the plain hash in its low 32 bits
SELECT is_empty(format($$
    SELECT a.q, b.q FROM q_sample a, q_sample b
     WHERE a.q = b.q AND (%1$s(a.q) <> %1$s(b.q) OR %2$s(a.q, 42) <> %2$s(b.q, 42))
$$, pg_temp.hash_proc('okrkpi.quarter', 1), pg_temp.hash_proc('okrkpi.quarter', 2)), 'equal values have equal hashes');
SELECT is_empty(format($$
    SELECT q FROM q_sample WHERE (%2$s(q, 0) & 4294967295) <> (%1$s(q)::bigint & 4294967295)
$$, pg_temp.hash_proc('okrkpi.quarter', 1), pg_temp.hash_proc('okrkpi.quarter', 2)), 'extended hash with seed 0 matches the hash');
SELECT results_eq(
    $$ SELECT okrkpi.quarter_year(q), okrkpi.quarter_number(q)
         FROM unnest(ARRAY['2027-Q1', '999-Q4', '2026-Q4', '1000-Q1', '10-Q2', '2026Q3', '9999-Q1', '1-Q1']::okrkpi.quarter[]) q
        ORDER BY q $$,
    $$ VALUES (1, 1), (10, 2), (999, 4), (1000, 1), (2026, 3), (2026, 4), (2027, 1), (9999, 1) $$,
    'ORDER BY sorts quarters by time');

-- ---------------------------------------------------------------------------
-- 9. btree and hash operator classes
-- ---------------------------------------------------------------------------
CREATE TEMP TABLE q_grp (q okrkpi.quarter);
INSERT INTO q_grp
    SELECT pg_temp.try_q(x) FROM unnest(ARRAY[
        '2026-Q3', '2026Q3', '2026 Q3', 'Q3 2026', 'Q3-2026',
        '2026-q3', '2026q3', '2026 q3', 'q3 2026', 'q3-2026',
        '2026-Q4', '2026q4',
        '2027-Q1', '999-Q4', '1000-Q1']) x;
ANALYZE q_grp;

-- by hand: 5 distinct values in groups of 10, 2, 1, 1, 1; 100 + 4 + 1 + 1 + 1 = 107 equal pairs
SELECT is((SELECT count(DISTINCT q)::int FROM q_grp), 5, 'count(DISTINCT) counts 5 quarters');
SET LOCAL enable_sort = off;
SELECT ok(pg_temp.plan_of('SELECT q, count(*) FROM q_grp GROUP BY q') ~ 'HashAggregate',
          'GROUP BY can hash quarters');
SELECT is((SELECT count(*)::int FROM (SELECT DISTINCT q FROM q_grp) d), 5, 'DISTINCT (hashed) finds 5 quarters');
SELECT results_eq(
    $$ SELECT okrkpi.quarter_year(q), okrkpi.quarter_number(q), count(*)::int FROM q_grp GROUP BY q
        ORDER BY okrkpi.quarter_year(q), okrkpi.quarter_number(q) $$,
    $$ VALUES (999, 4, 1), (1000, 1, 1), (2026, 3, 10), (2026, 4, 2), (2027, 1, 1) $$,
    'GROUP BY (hashed) groups all spellings');
SET LOCAL enable_sort = on;
SET LOCAL enable_hashagg = off;
SELECT is((SELECT count(*)::int FROM (SELECT DISTINCT q FROM q_grp) d), 5, 'DISTINCT (sorted) finds 5 quarters');
SELECT results_eq(
    $$ SELECT okrkpi.quarter_year(q), okrkpi.quarter_number(q), count(*)::int FROM q_grp GROUP BY q ORDER BY q $$,
    $$ VALUES (999, 4, 1), (1000, 1, 1), (2026, 3, 10), (2026, 4, 2), (2027, 1, 1) $$,
    'GROUP BY (sorted) groups all spellings');
SET LOCAL enable_hashagg = on;

SET LOCAL enable_hashjoin = off;
SET LOCAL enable_mergejoin = off;
SELECT is((SELECT count(*)::int FROM q_grp a JOIN q_grp b ON a.q = b.q), 107, 'nested loop join: 107 equal pairs');
SET LOCAL enable_hashjoin = on;
SET LOCAL enable_nestloop = off;
SELECT is((SELECT count(*)::int FROM q_grp a JOIN q_grp b ON a.q = b.q), 107, 'hash join: 107 equal pairs');
SET LOCAL enable_hashjoin = off;
SET LOCAL enable_mergejoin = on;
SELECT is((SELECT count(*)::int FROM q_grp a JOIN q_grp b ON a.q = b.q), 107, 'merge join: 107 equal pairs');
SET LOCAL enable_hashjoin = on;
SET LOCAL enable_nestloop = on;

CREATE INDEX q_grp_hash ON q_grp USING hash (q);
SET LOCAL enable_seqscan = off;
SELECT ok(pg_temp.plan_of($$SELECT * FROM q_grp WHERE q = '2026-Q3'$$) ~ 'q_grp_hash', 'the hash index is used for =');
SELECT is((SELECT count(*)::int FROM q_grp WHERE q = '2026-Q3'), 10, 'hash index finds 2026-Q3 ten times');
SELECT is((SELECT count(*)::int FROM q_grp WHERE q = 'Q4 2026'), 2, 'hash index finds Q4 2026 twice');
SELECT is((SELECT count(*)::int FROM q_grp WHERE q = '2026-Q2'), 0, 'hash index finds no 2026-Q2');
DROP INDEX q_grp_hash;

CREATE INDEX q_grp_btree ON q_grp (q);
SELECT ok(pg_temp.plan_of($$SELECT * FROM q_grp WHERE q = '2026-Q3'$$) ~ 'q_grp_btree', 'the btree index is used for =');
SELECT is((SELECT count(*)::int FROM q_grp WHERE q = '2026-Q3'), 10, 'btree index finds 2026-Q3 ten times');
SELECT is((SELECT count(*)::int FROM q_grp WHERE q BETWEEN '2026-Q3' AND '2026-Q4'), 12,
          'btree range 2026-Q3 .. 2026-Q4 holds 12 rows');
SELECT is((SELECT count(*)::int FROM q_grp WHERE q < '2026-Q1'), 2, 'btree range < 2026-Q1 holds 2 rows');
SELECT is((SELECT count(*)::int FROM q_grp WHERE q > '2026-Q3'), 3, 'btree range > 2026-Q3 holds 3 rows');
SET LOCAL enable_seqscan = on;

CREATE TEMP TABLE q_uniq (q okrkpi.quarter UNIQUE);
INSERT INTO q_uniq SELECT pg_temp.try_q('2026-Q3');
SELECT throws_ok($$INSERT INTO q_uniq VALUES ('2026q3')$$, '23505', NULL, 'UNIQUE index: 2026q3 duplicates 2026-Q3');
SELECT throws_ok($$INSERT INTO q_uniq VALUES ('Q3-2026')$$, '23505', NULL, 'UNIQUE index: Q3-2026 duplicates 2026-Q3');
SELECT lives_ok($$INSERT INTO q_uniq VALUES ('2026-Q4')$$, 'UNIQUE index: 2026-Q4 is another quarter');

-- ---------------------------------------------------------------------------
-- 10. Binary round trip
-- ---------------------------------------------------------------------------
CREATE TEMP TABLE q_bin_in (q okrkpi.quarter);
SELECT lives_ok(format('COPY (SELECT q FROM q_all) TO %L WITH (FORMAT binary)', pg_temp.rt_path('q')),
                'binary COPY TO');
SELECT lives_ok(format('COPY q_bin_in FROM %L WITH (FORMAT binary)', pg_temp.rt_path('q')),
                'binary COPY FROM');
SELECT is((SELECT count(*)::int FROM q_bin_in), 39996, 'binary COPY keeps all 39996 rows');
SELECT is_empty($$ SELECT q FROM q_all EXCEPT ALL SELECT q FROM q_bin_in $$, 'binary COPY loses no quarter');
SELECT is_empty($$ SELECT q FROM q_bin_in EXCEPT ALL SELECT q FROM q_all $$, 'binary COPY adds no quarter');
SELECT is(pg_temp.q_recv(pg_temp.q_send('2026-Q3')), '2026-Q3', 'recv reads what send wrote');
SELECT throws_ok($$SELECT pg_temp.q_recv('\x'::bytea)$$, '08P01', NULL, 'recv refuses an empty payload');
SELECT throws_ok(format('SELECT pg_temp.q_recv(%L::bytea)', (pg_temp.q_send('2026-Q3') || '\x00'::bytea)::text),
                 '22P03', NULL, 'recv refuses trailing bytes');

DO $$ BEGIN PERFORM pg_temp.remove_files(pg_temp.rt_path('q')); END $$;

SELECT * FROM finish();
ROLLBACK;
