\ir ../include/setup.sql
SET LOCAL TimeZone = 'UTC';
SELECT plan(195);
-- pgTAP tests for the fiscal forms of the quarter functions (doc/types.md, "Fiscal
-- years"; doc/scoring.md): quarter_start, quarter_end and period with a
-- fiscal_start_month, and expected_progress and status under a fiscal year.
-- Every expected value below is worked out by hand from the documentation or plain
-- calendar arithmetic; none is pasted from the extension's output.
--
-- The rule: a fiscal year starting in month M is named after the calendar year in
-- which it ends.  So for M > 1, fiscal year Y runs from the first of month M of year
-- Y - 1 to the last day before the first of month M of year Y, and its quarter n
-- starts 3 (n - 1) months after its first day; for M = 1 it is the calendar year.

-- ---------------------------------------------------------------------------
-- Helpers (temporary, gone at ROLLBACK)
-- ---------------------------------------------------------------------------
-- the SQLSTATE a statement raises, or 'ok'
CREATE FUNCTION pg_temp.sqlstate_of(sql text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE sql;
    RETURN 'ok';
EXCEPTION WHEN OTHERS THEN
    RETURN SQLSTATE;
END
$$;

-- ---------------------------------------------------------------------------
-- 1. Fiscal year 2027 under every start month: the five quarter boundaries
--    b0 .. b4; quarter n is [b(n-1), b(n)).  For M > 1, b0 is the first of month M
--    of 2026 and each next boundary is 3 months later; for M = 1 the calendar year.
-- ---------------------------------------------------------------------------
CREATE TEMP TABLE fy2027 (m int, b date[]);
INSERT INTO fy2027 VALUES
    --         Q1 start      Q2 start      Q3 start      Q4 start      next FY2028
    (1,  ARRAY['2027-01-01', '2027-04-01', '2027-07-01', '2027-10-01', '2028-01-01']::date[]),
    (2,  ARRAY['2026-02-01', '2026-05-01', '2026-08-01', '2026-11-01', '2027-02-01']::date[]),
    (3,  ARRAY['2026-03-01', '2026-06-01', '2026-09-01', '2026-12-01', '2027-03-01']::date[]),
    (4,  ARRAY['2026-04-01', '2026-07-01', '2026-10-01', '2027-01-01', '2027-04-01']::date[]),
    (5,  ARRAY['2026-05-01', '2026-08-01', '2026-11-01', '2027-02-01', '2027-05-01']::date[]),
    (6,  ARRAY['2026-06-01', '2026-09-01', '2026-12-01', '2027-03-01', '2027-06-01']::date[]),
    (7,  ARRAY['2026-07-01', '2026-10-01', '2027-01-01', '2027-04-01', '2027-07-01']::date[]),
    (8,  ARRAY['2026-08-01', '2026-11-01', '2027-02-01', '2027-05-01', '2027-08-01']::date[]),
    (9,  ARRAY['2026-09-01', '2026-12-01', '2027-03-01', '2027-06-01', '2027-09-01']::date[]),
    (10, ARRAY['2026-10-01', '2027-01-01', '2027-04-01', '2027-07-01', '2027-10-01']::date[]),
    (11, ARRAY['2026-11-01', '2027-02-01', '2027-05-01', '2027-08-01', '2027-11-01']::date[]),
    (12, ARRAY['2026-12-01', '2027-03-01', '2027-06-01', '2027-09-01', '2027-12-01']::date[]);
CREATE TEMP TABLE fy2027_q AS
    SELECT m, n, format('2027-Q%s', n)::okrkpi.quarter AS q, b[n] AS s, b[n + 1] AS e
      FROM fy2027, generate_series(1, 4) n;

SELECT is(okrkpi.quarter_start(q, m), s, format('quarter_start(2027-Q%s, %s) = %s', n, m, s))
  FROM fy2027_q ORDER BY m, n;
SELECT is(okrkpi.quarter_end(q, m), e, format('quarter_end(2027-Q%s, %s) = %s', n, m, e))
  FROM fy2027_q ORDER BY m, n;
SELECT is_empty($$ SELECT m, n FROM fy2027_q WHERE okrkpi.period(q, m) <> daterange(s, e, '[)') $$,
                'period(q, M) = [quarter_start, quarter_end) for the 48 quarters above');

-- the checks doc/types.md shows
SELECT is(okrkpi.quarter_start('2027-Q1', 10), date '2026-10-01', 'October FY2027 starts on 2026-10-01');
SELECT is(okrkpi.quarter_end('2027-Q1', 10), date '2027-01-01', 'its Q1 ends (exclusive) on 2027-01-01');
SELECT is(okrkpi.quarter_start('2027-Q4', 10), date '2027-07-01', 'its Q4 starts on 2027-07-01');
SELECT is(okrkpi.quarter_end('2027-Q4', 10), date '2027-10-01', 'its Q4 ends (exclusive) on 2027-10-01');
SELECT is(okrkpi.quarter_start('2027-Q1', 2), date '2026-02-01', 'February FY2027 starts on 2026-02-01');
SELECT is(okrkpi.period('2027-Q1', 10), '[2026-10-01,2027-01-01)'::daterange, 'period(2027-Q1, 10)');
SELECT is(okrkpi.period('2026-Q3', 7), '[2026-01-01,2026-04-01)'::daterange,
          'period(2026-Q3, 7): July FY2026 starts 2025-07-01, Q3 six months later');

-- lengths: Oct 31 + Nov 30 + Dec 31 = 92; FY2027 under October runs 2026-10-01 ..
-- 2027-09-30, no 29 February, 365 days; FY2028 under March runs 2027-03-01 ..
-- 2028-02-29, 366 days, its Q4 (Dec 31 + Jan 31 + Feb 29) 91
SELECT is(okrkpi.quarter_end('2027-Q1', 10) - okrkpi.quarter_start('2027-Q1', 10), 92,
          'October 2027-Q1 has 31 + 30 + 31 = 92 days');
SELECT is(okrkpi.quarter_end('2027-Q4', 10) - okrkpi.quarter_start('2027-Q1', 10), 365,
          'October FY2027 has 365 days');
SELECT is(okrkpi.quarter_end('2028-Q4', 3) - okrkpi.quarter_start('2028-Q1', 3), 366,
          'March FY2028 has 366 days (it holds 2028-02-29)');
SELECT is(okrkpi.quarter_end('2028-Q4', 3) - okrkpi.quarter_start('2028-Q4', 3), 91,
          'March 2028-Q4 has 31 + 31 + 29 = 91 days');

-- ---------------------------------------------------------------------------
-- 2. Every quarter of the type's range (1-Q1 .. 9999-Q4), every start month
-- ---------------------------------------------------------------------------
CREATE TEMP TABLE q_all AS
    SELECT i, '1-Q1'::okrkpi.quarter + i AS q FROM generate_series(0, 39995) i;
SELECT is((SELECT count(*)::int FROM q_all), 39996, '39996 quarters from 1-Q1 to 9999-Q4');

SELECT is((SELECT count(*)::int FROM q_all
            WHERE okrkpi.quarter_start(q, 1) <> okrkpi.quarter_start(q)
               OR okrkpi.quarter_end(q, 1) <> okrkpi.quarter_end(q)
               OR okrkpi.period(q, 1) <> okrkpi.period(q)),
          0, 'fiscal start 1 is the calendar: the one-argument forms, for every quarter');

-- the round trip: quarter_of gives the quarter back from its first and last day
SELECT is((SELECT count(*)::int FROM q_all, generate_series(1, 12) m
            WHERE okrkpi.quarter_of(okrkpi.quarter_start(q, m), m) <> q),
          0, 'quarter_of(quarter_start(q, M), M) = q for all 39996 quarters and M = 1 .. 12');
SELECT is((SELECT count(*)::int FROM q_all, generate_series(1, 12) m
            WHERE okrkpi.quarter_of(okrkpi.quarter_end(q, m) - 1, m) <> q),
          0, 'quarter_of(quarter_end(q, M) - 1, M) = q for all 39996 quarters and M = 1 .. 12');
SELECT is((SELECT count(*)::int FROM q_all a JOIN q_all b ON b.i = a.i + 1, generate_series(1, 12) m
            WHERE okrkpi.quarter_end(a.q, m) <> okrkpi.quarter_start(b.q, m)),
          0, 'quarters are contiguous: quarter_end(q, M) = quarter_start(q + 1, M)');

-- the rule by date arithmetic: quarter n of fiscal year Y starts (Y - 1) * 12 months,
-- less 12 when M > 1, plus M - 1, plus 3 (n - 1) months after 0001-01-01, and lasts
-- three months
SELECT is((SELECT count(*)::int
             FROM q_all, generate_series(1, 12) m,
                  LATERAL (SELECT (date '0001-01-01'
                                   + make_interval(months => (okrkpi.quarter_year(q) - 1) * 12
                                                             - CASE WHEN m > 1 THEN 12 ELSE 0 END
                                                             + (m - 1) + 3 * (okrkpi.quarter_number(q) - 1)))::date AS s) f
            WHERE okrkpi.quarter_start(q, m) <> f.s
               OR okrkpi.quarter_end(q, m) <> (f.s + interval '3 months')::date
               OR okrkpi.period(q, m) <> daterange(f.s, (f.s + interval '3 months')::date, '[)')),
          0, 'quarter_start, quarter_end and period follow the rule for all 39996 quarters and M = 1 .. 12');

-- ---------------------------------------------------------------------------
-- 3. The extreme years
-- ---------------------------------------------------------------------------
-- PostgreSQL has no year 0: 1 BC comes right before AD 1.  Fiscal year 1 under
-- October runs from 0001-10-01 BC (1 BC) to 0001-09-30 (AD 1).
SELECT is(okrkpi.quarter_start('1-Q1', 10), date '0001-10-01 BC', 'quarter_start(1-Q1, 10) is 0001-10-01 BC');
SELECT is(okrkpi.quarter_end('1-Q1', 10), date '0001-01-01', 'quarter_end(1-Q1, 10) is 0001-01-01');
SELECT is(okrkpi.quarter_start('1-Q1', 2), date '0001-02-01 BC', 'quarter_start(1-Q1, 2) is 0001-02-01 BC');
SELECT is(okrkpi.quarter_start('1-Q1', 12), date '0001-12-01 BC', 'quarter_start(1-Q1, 12) is 0001-12-01 BC');
SELECT is(okrkpi.quarter_start('1-Q1', 1), date '0001-01-01', 'quarter_start(1-Q1, 1) is 0001-01-01');
SELECT is(okrkpi.quarter_of(date '0001-10-01 BC', 10), '1-Q1'::okrkpi.quarter, 'and quarter_of gives 1-Q1 back');
-- 9999-Q4: under January it ends on 10000-01-01; under October fiscal 9999 ends on
-- 9999-09-30, so its Q4 is 9999-07-01 .. 9999-10-01; under December 9999-09-01 .. 9999-12-01
SELECT is(okrkpi.quarter_end('9999-Q4', 1), date '10000-01-01', 'quarter_end(9999-Q4, 1) is 10000-01-01');
SELECT is(okrkpi.quarter_start('9999-Q4', 10), date '9999-07-01', 'quarter_start(9999-Q4, 10) is 9999-07-01');
SELECT is(okrkpi.quarter_end('9999-Q4', 10), date '9999-10-01', 'quarter_end(9999-Q4, 10) is 9999-10-01');
SELECT is(okrkpi.period('9999-Q4', 12), '[9999-09-01,9999-12-01)'::daterange, 'period(9999-Q4, 12)');
-- one day outside either end is fiscal year 0 or 10000: no quarter, 22008 (never a wrap)
SELECT is((SELECT count(*)::int FROM generate_series(1, 12) m
            WHERE pg_temp.sqlstate_of(format('SELECT okrkpi.quarter_of(okrkpi.quarter_start(%L, %s) - 1, %s)',
                                             '1-Q1', m, m)) = '22008'),
          12, 'the day before 1-Q1 has no quarter (22008), for every M');
SELECT is((SELECT count(*)::int FROM generate_series(1, 12) m
            WHERE pg_temp.sqlstate_of(format('SELECT okrkpi.quarter_of(okrkpi.quarter_end(%L, %s), %s)',
                                             '9999-Q4', m, m)) = '22008'),
          12, 'the day after 9999-Q4 has no quarter (22008), for every M');
SELECT throws_ok($$SELECT okrkpi.quarter_start('9999-Q4'::okrkpi.quarter + 1, 10)$$, '22008', NULL,
                 'no quarter after 9999-Q4 to take the days of (22008)');
-- expected_progress takes the days as timestamptz, whose range (4714 BC ..) holds them
SELECT is(okrkpi.expected_progress('1-Q1', '0001-11-15 00:00:00+00 BC', 10), 45::float8 / 92,
          'expected_progress(1-Q1, 0001-11-15 BC, 10) = 45/92, as in any October');
-- 9999-Q4 is 9999-10-01 .. 10000-01-01, 31 + 30 + 31 = 92 days; 9999-12-31 is 31 + 30 + 30 = 91 in
SELECT is(okrkpi.expected_progress('9999-Q4', '9999-12-31 00:00:00+00', 1), 91::float8 / 92,
          'expected_progress(9999-Q4, 9999-12-31, 1) = 91/92');

-- ---------------------------------------------------------------------------
-- 4. fiscal_start_month outside 1 .. 12: 22023, the error of quarter_of(date, int)
-- ---------------------------------------------------------------------------
CREATE TEMP TABLE bad_month (ord serial, expr text);
INSERT INTO bad_month (expr) VALUES
    ($$okrkpi.quarter_start('2027-Q1', 0)$$),
    ($$okrkpi.quarter_start('2027-Q1', 13)$$),
    ($$okrkpi.quarter_end('2027-Q1', -1)$$),
    ($$okrkpi.quarter_end('2027-Q1', 2147483647)$$),
    ($$okrkpi.period('2027-Q1', -2147483648)$$),
    ($$okrkpi.period('2027-Q1', 13)$$),
    ($$okrkpi.expected_progress('2027-Q1', '2026-11-15', 0)$$),
    ($$okrkpi.expected_progress('2027-Q1', '2026-11-15', 13)$$),
    ($$okrkpi.status('20 -> 40', 30, '2027-Q1'::okrkpi.quarter, '2026-11-15', 13)$$),
    -- a bad month is an error even when the value is NULL (not started)
    ($$okrkpi.status('20 -> 40', NULL, '2027-Q1'::okrkpi.quarter, '2026-11-15', 0)$$);
SELECT throws_ok('SELECT ' || expr, '22023', NULL, format('%s is 22023', expr)) FROM bad_month ORDER BY ord;
-- one check for all: the same message as quarter_of(date, int)
SELECT throws_ok($$SELECT okrkpi.quarter_of(date '2026-10-01', 13)$$, '22023',
                 'fiscal_start_month must be between 1 and 12, not 13', 'quarter_of(date, 13): the message');
SELECT throws_ok($$SELECT okrkpi.quarter_start('2027-Q1', 13)$$, '22023',
                 'fiscal_start_month must be between 1 and 12, not 13', 'quarter_start(q, 13): the same message');
SELECT throws_ok($$SELECT okrkpi.expected_progress('2027-Q1', '2026-11-15', 13)$$, '22023',
                 'fiscal_start_month must be between 1 and 12, not 13', 'expected_progress(q, t, 13): the same message');

-- NULL in, NULL out (status: a NULL value is not_started, as for the calendar form)
SELECT ok(okrkpi.quarter_start('2027-Q1', NULL) IS NULL AND okrkpi.quarter_start(NULL::okrkpi.quarter, 10) IS NULL
          AND okrkpi.quarter_end('2027-Q1', NULL) IS NULL AND okrkpi.quarter_end(NULL::okrkpi.quarter, 10) IS NULL
          AND okrkpi.period('2027-Q1', NULL) IS NULL AND okrkpi.period(NULL::okrkpi.quarter, 10) IS NULL,
          'quarter_start, quarter_end, period with a NULL are NULL');
SELECT ok(okrkpi.expected_progress('2027-Q1', '2026-11-15', NULL) IS NULL
          AND okrkpi.expected_progress(NULL::okrkpi.quarter, '2026-11-15', 10) IS NULL
          AND okrkpi.expected_progress('2027-Q1', NULL, 10) IS NULL,
          'expected_progress with a NULL is NULL');
SELECT ok(okrkpi.status('20 -> 40', 30, '2027-Q1'::okrkpi.quarter, '2026-11-15', NULL) IS NULL
          AND okrkpi.status('20 -> 40', 30, NULL::okrkpi.quarter, '2026-11-15', 10) IS NULL
          AND okrkpi.status('20 -> 40', 30, '2027-Q1'::okrkpi.quarter, NULL, 10) IS NULL
          AND okrkpi.status(NULL::okrkpi.key_result, 30, '2027-Q1'::okrkpi.quarter, '2026-11-15', 10) IS NULL,
          'status with a NULL other than the value is NULL');
SELECT is(okrkpi.status('20 -> 40', NULL, '2027-Q1'::okrkpi.quarter, '2026-11-15', 10), 'not_started'::okrkpi.kr_status,
          'status with a NULL value is not_started');

-- ---------------------------------------------------------------------------
-- 5. expected_progress under a fiscal year (TimeZone UTC unless set)
-- ---------------------------------------------------------------------------
-- October 2027-Q1 is 2026-10-01 .. 2027-01-01, 92 days; 2026-11-15 is 31 + 14 = 45 days in
SELECT is(okrkpi.expected_progress('2027-Q1', '2026-11-15', 10), 45::float8 / 92,
          'expected_progress(2027-Q1, 2026-11-15, 10) = 45/92');
SELECT is(okrkpi.expected_progress('2027-Q1', '2026-10-01', 10), 0::float8, 'at its first midnight: 0');
SELECT is(okrkpi.expected_progress('2027-Q1', '2026-09-30 12:00', 10), 0::float8, 'before it: 0');
SELECT is(okrkpi.expected_progress('2027-Q1', '2027-01-01', 10), 1::float8, 'at its end: 1');
-- the calendar 2027-Q1 has not started on 2026-11-15
SELECT is(okrkpi.expected_progress('2027-Q1'::okrkpi.quarter, '2026-11-15'), 0::float8, 'the calendar 2027-Q1 has not begun then: 0');
-- October 2027-Q4 is 2027-07-01 .. 2027-10-01: 31 + 31 + 30 = 92 days; 2027-08-15 is 31 + 14 = 45 in
SELECT is(okrkpi.expected_progress('2027-Q4', '2027-08-15', 10), 45::float8 / 92,
          'expected_progress(2027-Q4, 2027-08-15, 10) = 45/92');
-- February 2027-Q1 is 2026-02-01 .. 2026-05-01: 28 + 31 + 30 = 89 days; 2026-03-01 is 28 in
SELECT is(okrkpi.expected_progress('2027-Q1', '2026-03-01', 2), 28::float8 / 89,
          'expected_progress(2027-Q1, 2026-03-01, 2) = 28/89');
SELECT is(okrkpi.expected_progress('2026-Q3', '2026-08-15', 1), okrkpi.expected_progress('2026-Q3'::okrkpi.quarter, '2026-08-15'),
          'fiscal start 1 is the calendar form');
-- in the session time zone: America/New_York leaves daylight saving time on
-- 2026-11-01 (a Sunday).  2026-10-01 00:00 EDT is 04:00 UTC; 2026-11-15 00:00 EST and
-- 2027-01-01 00:00 EST are 05:00 UTC.  Elapsed 45 days + 1 hour = 1081 hours of
-- 92 days + 1 hour = 2209 hours.
SET LOCAL TimeZone = 'America/New_York';
SELECT is(okrkpi.expected_progress('2027-Q1', '2026-11-15', 10), 1081::float8 / 2209,
          'in America/New_York: 1081/2209 (the October quarter has an extra hour)');
-- Asia/Tokyo is UTC+9: its 2026-10-01 00:00 is 2026-09-30 15:00 UTC, its 2027-01-01
-- 00:00 is 2026-12-31 15:00 UTC
SET LOCAL TimeZone = 'Asia/Tokyo';
SELECT is(okrkpi.expected_progress('2027-Q1', '2026-09-30 15:00+00', 10), 0::float8,
          'in Asia/Tokyo the quarter starts at 15:00 UTC the day before: 0');
SELECT is(okrkpi.expected_progress('2027-Q1', '2026-12-31 15:00+00', 10), 1::float8,
          'and ends at 15:00 UTC on 2026-12-31: 1');
SET LOCAL TimeZone = 'UTC';

-- ---------------------------------------------------------------------------
-- 6. status under a fiscal quarter (doc/scoring.md: achieved at score 1, on_track
--    at score >= expected - 0.1, at_risk >= expected - 0.3, else off_track; once
--    the quarter has ended, missed short of score 1)
-- ---------------------------------------------------------------------------
-- '20 -> 40': score (value - 20) / 20.  October 2027-Q1 on 2026-11-15: expected
-- 45/92 = 0.489..., so on_track from 0.389..., at_risk from 0.189...
SELECT is(okrkpi.status('20 -> 40', 30, '2027-Q1'::okrkpi.quarter, '2026-11-15', 10), 'on_track'::okrkpi.kr_status,
          'score 0.5 >= 45/92 - 0.1: on_track');
SELECT is(okrkpi.status('20 -> 40', 26, '2027-Q1'::okrkpi.quarter, '2026-11-15', 10), 'at_risk'::okrkpi.kr_status,
          'score 0.3: at_risk');
SELECT is(okrkpi.status('20 -> 40', 22, '2027-Q1'::okrkpi.quarter, '2026-11-15', 10), 'off_track'::okrkpi.kr_status,
          'score 0.1: off_track');
SELECT is(okrkpi.status('20 -> 40', 40, '2027-Q1'::okrkpi.quarter, '2026-10-02', 10), 'achieved'::okrkpi.kr_status,
          'score 1: achieved');
-- on 2027-02-15 the October 2027-Q1 is over (it ended on 2027-01-01: short of
-- score 1 is missed), while the calendar 2027-Q1 is 31 + 14 = 45 of 90 days in (expected 0.5)
SELECT is(okrkpi.status('20 -> 40', 30, '2027-Q1'::okrkpi.quarter, '2027-02-15', 10), 'missed'::okrkpi.kr_status,
          'score 0.5 after the October quarter ended: missed');
SELECT is(okrkpi.status('20 -> 40', 30, '2027-Q1'::okrkpi.quarter, '2027-02-15'), 'on_track'::okrkpi.kr_status,
          'the same score halfway through the calendar quarter: on_track');
SELECT is(okrkpi.status('20 -> 40', 36, '2027-Q1'::okrkpi.quarter, '2027-02-15', 10), 'missed'::okrkpi.kr_status,
          'score 0.8 after the October quarter ended: missed');
SELECT is(okrkpi.status('20 -> 40', 30, '2026-Q3'::okrkpi.quarter, '2026-08-15', 1),
          okrkpi.status('20 -> 40', 30, '2026-Q3'::okrkpi.quarter, '2026-08-15'),
          'fiscal start 1 is the calendar form');

-- ---------------------------------------------------------------------------
-- 7. Catalogue: true volatility, strictness, PARALLEL SAFE, comments
-- ---------------------------------------------------------------------------
CREATE TEMP TABLE new_fn (ord int, sig text, vol "char", strict boolean);
INSERT INTO new_fn VALUES
    (1, 'okrkpi.quarter_start(okrkpi.quarter, integer)', 'i', true),
    (2, 'okrkpi.quarter_end(okrkpi.quarter, integer)', 'i', true),
    (3, 'okrkpi.period(okrkpi.quarter, integer)', 'i', true),
    -- the quarter's days from midnight in the session time zone: STABLE
    (4, 'okrkpi.expected_progress(okrkpi.quarter, timestamp with time zone, integer)', 's', true),
    (5, 'okrkpi.status(okrkpi.key_result, double precision, okrkpi.quarter, timestamp with time zone, integer)', 's', false);
SELECT is((SELECT provolatile FROM pg_proc WHERE oid = to_regprocedure(sig)), vol,
          format('%s is %s', sig, CASE vol WHEN 'i' THEN 'IMMUTABLE' ELSE 'STABLE' END))
  FROM new_fn ORDER BY ord;
SELECT is((SELECT proisstrict FROM pg_proc WHERE oid = to_regprocedure(sig)), strict,
          format('%s is %s', sig, CASE WHEN strict THEN 'STRICT' ELSE 'CALLED ON NULL INPUT' END))
  FROM new_fn ORDER BY ord;
SELECT is((SELECT proparallel FROM pg_proc WHERE oid = to_regprocedure(sig)), 's'::"char",
          format('%s is PARALLEL SAFE', sig))
  FROM new_fn ORDER BY ord;
SELECT ok(obj_description(to_regprocedure(sig), 'pg_proc') IS NOT NULL, format('%s has a comment', sig))
  FROM new_fn ORDER BY ord;
SELECT ok(obj_description(to_regprocedure(sig), 'pg_proc') LIKE '%STABLE%session time zone%',
          format('%s says in its comment why it is STABLE', sig))
  FROM new_fn WHERE vol = 's' ORDER BY ord;
SELECT ok(obj_description(to_regprocedure(sig), 'pg_proc') IS NOT NULL, format('%s has a comment', sig))
  FROM unnest(ARRAY['okrkpi.quarter_start(okrkpi.quarter)', 'okrkpi.quarter_end(okrkpi.quarter)',
                    'okrkpi.quarter_year(okrkpi.quarter)', 'okrkpi.quarter_number(okrkpi.quarter)',
                    'okrkpi.period(okrkpi.quarter)']) WITH ORDINALITY AS s(sig, n)
 ORDER BY n;
-- IMMUTABLE where it counts: an index expression takes the date functions, not the
-- time-zone-dependent ones
CREATE TEMP TABLE fq (q okrkpi.quarter);
SELECT lives_ok($$CREATE INDEX ON fq (okrkpi.quarter_start(q, 10), okrkpi.quarter_end(q, 10))$$,
                'quarter_start(q, 10) and quarter_end(q, 10) can be indexed');
SELECT lives_ok($$CREATE INDEX ON fq USING gist (okrkpi.period(q, 10))$$, 'period(q, 10) can be indexed');
SELECT throws_ok($$CREATE INDEX ON fq (okrkpi.expected_progress(q, '2026-11-15 00:00+00', 10))$$, '42P17', NULL,
                 'expected_progress(q, t, 10) cannot be indexed (STABLE)');

SELECT * FROM finish();
ROLLBACK;
