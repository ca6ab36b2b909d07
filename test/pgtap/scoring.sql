-- Scoring functions (doc/scoring.md).  Every expected value is worked out by
-- hand from the formulas of doc/scoring.md; the arithmetic is in the comments.
\ir ../include/setup.sql
SET LOCAL TimeZone = 'UTC';
SELECT plan(80);

-- progress = (value - start) / (target - start), not clamped
SELECT is(progress('20 -> 40', 30), 0.5::float8, 'progress halfway');
SELECT is(progress('20 -> 40', 50), 1.5::float8, 'progress beyond target is not clamped');
SELECT is(progress('20 -> 40', 10), -0.5::float8, 'progress below start is negative');
-- decreasing: (3h - 6h) / (45min - 6h) = -10800 / -18900 = 4/7
SELECT is(progress('6h -> 45min', 10800), 4::float8 / 7, 'decreasing key result progresses as it falls');
SELECT is(progress('6h -> 45min', 21600 + 18900), -1::float8, 'decreasing key result rising is negative progress');
SELECT is(progress('20 -> 40 @ 25'), 0.25::float8, 'progress of the current value');
SELECT is(progress('20 -> 40'), NULL, 'progress without a current value is NULL');

-- score = progress clamped to [0, 1]
SELECT is(score('20 -> 40', 50), 1::float8, 'score clamps at 1');
SELECT is(score('20 -> 40', 10), 0::float8, 'score clamps at 0');
SELECT is(score('-5 -> 5', 0), 0.5::float8, 'negative start: (0 - -5) / 10');
SELECT is(score('5 -> -5', 0), 0.5::float8, 'decreasing through zero');
SELECT is(score('-10 -> -20', -12), 0.2::float8, 'all-negative decreasing: (-12 - -10) / -10');
SELECT is(score('6h -> 45min', 2700), 1::float8, 'decreasing key result reaching target scores 1');
SELECT is(score('73% -> 75% @ 74%'::key_result), 0.5::float8, 'score of the current value');
SELECT is(score('20 -> 40'::key_result), NULL, 'score without a current value is NULL');
SELECT is(score('6h -> 45min', interval '3 hours'), 4::float8 / 7, 'score from an interval');
SELECT is(score('6h -> 45min', interval '45 minutes'), 1::float8, 'interval at target');
SELECT is(score('1d -> 2d', interval '1 day 12 hours'), 0.5::float8, 'days in an interval');
SELECT throws_ok($$ SELECT score('20 -> 40', interval '1 hour') $$, '22023', NULL,
                 'an interval cannot score a unitless key result');
SELECT throws_ok($$ SELECT score('20 -> 40', 'NaN'::float8) $$, '22023', NULL, 'NaN value refused');
SELECT throws_ok($$ SELECT score('20 -> 40', 'Infinity'::float8) $$, '22023', NULL, 'infinite value refused');

-- grade bands: below 0.4 red, below 0.7 yellow, else green
SELECT is(grade(0), 'red'::grade, 'grade 0 is red');
SELECT is(grade(0.39), 'red'::grade, 'grade 0.39 is red');
SELECT is(grade(0.4), 'yellow'::grade, 'grade 0.4 is yellow');
SELECT is(grade(0.69), 'yellow'::grade, 'grade 0.69 is yellow');
SELECT is(grade(0.7), 'green'::grade, 'grade 0.7 is green');
SELECT is(grade(1), 'green'::grade, 'grade 1 is green');
SELECT is(grade(NULL), NULL, 'grade of NULL is NULL');

-- meets
SELECT ok(meets('>= 40', 40), '>= includes the bound');
SELECT ok(NOT meets('> 40', 40), '> excludes the bound');
SELECT ok(meets('<= 2%', 2) AND NOT meets('<= 2%', 2.01), '<= a maximum');
SELECT ok(NOT meets('< 2%', 2), '< excludes the bound');
SELECT ok(meets('4.2 .. 4.8', 4.2) AND meets('4.2 .. 4.8', 4.8) AND NOT meets('4.2 .. 4.8', 4.81),
          'a band includes both ends');
SELECT ok(meets('<= 4h', 3 * 3600) AND NOT meets('<= 4h', 5 * 3600), 'a maximum duration is met by less, not by more');

-- health: at_risk when missed by at most tolerance x |bound| (band: x width)
SELECT is(health('>= 40', 41), 'healthy'::health, 'above a minimum is healthy');
SELECT is(health('>= 40', 36), 'at_risk'::health, '>= 40 missed by 4 = 0.1 x 40: at risk');
SELECT is(health('>= 40', 35.9), 'unhealthy'::health, '>= 40 missed by 4.1: unhealthy');
SELECT is(health('<= 2%', 2.2), 'at_risk'::health, '<= 2 missed by 0.2 = 0.1 x 2: at risk');
SELECT is(health('<= 2%', 2.3), 'unhealthy'::health, '<= 2 missed by 0.3: unhealthy');
SELECT is(health('<= 2%', 1), 'healthy'::health, 'a decreasing KPI below its maximum is healthy');
SELECT is(health('4.2 .. 4.8', 4.14), 'at_risk'::health, 'band width 0.6, missed by 0.06: at risk');
SELECT is(health('4.2 .. 4.8', 4.9), 'unhealthy'::health, 'band missed by 0.1 > 0.06: unhealthy');
SELECT is(health('>= 40', 30, 0.25), 'at_risk'::health, 'tolerance 0.25: missed by 10 = 0.25 x 40');
SELECT is(health('>= 0', -1), 'unhealthy'::health, 'a bound of 0 leaves no caution band');
SELECT is(health('>= 40 @ 42'::kpi), 'healthy'::health, 'health of the current value');
SELECT is(health('>= 40'::kpi), NULL, 'health without a current value is NULL');
SELECT throws_ok($$ SELECT health('>= 40', 1, -0.1) $$, '22023', NULL, 'negative tolerance refused');

-- expected progress: Q3 2026 has 92 days; 2026-08-15 is 45 days in
SELECT is(expected_progress(tstzrange('2026-07-01', '2026-10-01'), '2026-08-15'), 45::float8 / 92,
          'elapsed share of a period');
SELECT is(expected_progress(tstzrange('2026-07-01', '2026-10-01'), '2026-06-01'), 0::float8, 'before the period: 0');
SELECT is(expected_progress(tstzrange('2026-07-01', '2026-10-01'), '2027-01-01'), 1::float8, 'after the period: 1');
SELECT is(expected_progress('2026-Q3'::quarter, '2026-08-15'), 45::float8 / 92, 'a quarter in the session time zone');
SET LOCAL TimeZone = 'Asia/Tokyo';
SELECT is(expected_progress('2026-Q3'::quarter, '2026-06-30 15:00+00'), 0::float8,
          'the quarter starts at local midnight (15:00 UTC the day before in Tokyo)');
SET LOCAL TimeZone = 'UTC';
SELECT throws_ok($$ SELECT expected_progress(tstzrange('2026-07-01', NULL), now()) $$, '22023', NULL,
                 'an unbounded period is refused');

-- periods across timestamptz's whole range, longer than int64 microseconds: from
-- 4714-11-24 BC (Julian day 0, the first timestamptz) to 294276-12-31 (Julian day
-- 109203527), 2000-01-01 (Julian day 2451545) is 2451545 / 109203527 of the way
SELECT ok(abs(expected_progress(tstzrange('4714-11-24 00:00:00+00 BC', '294276-12-31 00:00:00+00'), '2000-01-01 00:00:00+00')
              - 2451545::float8 / 109203527) < 1e-15,
          'a period longer than int64 microseconds: 2451545 / 109203527');
-- one microsecond into a period of about 9.4e18: about 1e-19, above 0
SELECT ok(expected_progress(tstzrange('4714-11-24 00:00:00+00 BC', '294276-12-31 23:59:59.999999+00'),
                            '4714-11-24 00:00:00.000001+00 BC') BETWEEN 1e-20 AND 1e-18,
          'one microsecond into the longest period');
-- one microsecond before the end: 1 - 1e-19, which rounds to 1, never above
SELECT is(expected_progress(tstzrange('4714-11-24 00:00:00+00 BC', '294276-12-31 23:59:59.999999+00'),
                            '294276-12-31 23:59:59.999998+00'), 1::float8,
          'one microsecond before the end of the longest period');
SELECT is(expected_progress(tstzrange('2026-07-01', '2026-10-01'), '294276-12-31 23:59:59.999999+00'), 1::float8,
          'as_of at the last timestamptz: 1');
SELECT is(expected_progress(tstzrange('2026-07-01', '2026-10-01'), '4714-11-24 00:00:00+00 BC'), 0::float8,
          'as_of at the first timestamptz: 0');
SELECT is(expected_progress(tstzrange('2026-07-01', '2026-10-01'), 'infinity'), 1::float8, 'as_of infinity: 1');
SELECT is(expected_progress(tstzrange('2026-07-01', '2026-10-01'), '-infinity'), 0::float8, 'as_of -infinity: 0');
-- 1,000 points 109203 days apart across the longest period (109203527 days): every
-- share in [0, 1], never decreasing
SELECT ok(bool_and(e BETWEEN 0 AND 1) AND bool_and(e >= prev), 'shares across the longest period: in [0, 1], rising')
FROM (SELECT e, coalesce(lag(e) OVER (ORDER BY i), 0) AS prev
      FROM (SELECT i, expected_progress(tstzrange('4714-11-24 00:00:00+00 BC', '294276-12-31 00:00:00+00'),
                                        '4714-11-24 00:00:00+00 BC'::timestamptz + make_interval(days => i * 109203)) AS e
            FROM generate_series(0, 999) i) x) y;

-- status on 2026-08-15 in Q3: e = 45/92 = 0.489; on track from 0.389, at risk from 0.189
SELECT is(status('20 -> 40', 30, '2026-Q3'::quarter, '2026-08-15'), 'on_track'::kr_status, 'score 0.5 >= e - 0.1');
SELECT is(status('20 -> 40', 26, '2026-Q3'::quarter, '2026-08-15'), 'at_risk'::kr_status, 'score 0.3: at risk');
SELECT is(status('20 -> 40', 22, '2026-Q3'::quarter, '2026-08-15'), 'off_track'::kr_status, 'score 0.1: off track');
SELECT is(status('20 -> 40', 40, '2026-Q3'::quarter, '2026-07-02'), 'achieved'::kr_status, 'score 1: achieved');
SELECT is(status('20 -> 40', NULL, '2026-Q3'::quarter, '2026-08-15'), 'not_started'::kr_status, 'no value: not started');
-- boundaries, period of 10 days, as_of day 5: e = 0.5
SELECT is(status('0 -> 10', 4, tstzrange('2026-01-01', '2026-01-11'), '2026-01-06'), 'on_track'::kr_status,
          'p = e - 0.1 is on track');
SELECT is(status('0 -> 10', 2, tstzrange('2026-01-01', '2026-01-11'), '2026-01-06'), 'at_risk'::kr_status,
          'p = e - 0.3 is at risk');

-- quarter_target: actual + (annual - actual) / quarters_left
SELECT is(quarter_target(75, 80, 1), 80::float8, 'Q3 ended at 75, one quarter left to 80');
SELECT is(quarter_target(73, 80, 2), 76.5::float8, '73 + 7 / 2');
SELECT throws_ok($$ SELECT quarter_target(75, 80, 0) $$, '22023', NULL, 'quarters_left < 1 refused');
-- the result lies between actual and annual_target (1 / quarters_left is in (0, 1]), so it
-- never overflows, even where annual_target - actual does (2e308)
SELECT is(quarter_target(-1e308, 1e308, 1), 1e308::float8, 'one quarter left: the annual target, though the gap is 2e308');
SELECT is(quarter_target(-1e308, 1e308, 2), 0::float8, '-1e308 + 2e308 / 2 = 0');
SELECT ok(abs(quarter_target(1e308, -1e308, 4) / 5e307 - 1) < 1e-15, '1e308 - 2e308 / 4 = 5e307');
SELECT is(quarter_target('-1.7976931348623157e308', '1.7976931348623157e308', 1), '1.7976931348623157e308'::float8,
          'from the lowest to the highest float8 in one quarter: the highest, not Infinity');
SELECT is(quarter_target(1e308, 1e308, 3), 1e308::float8, 'actual equal to the target stays there');

-- extremes and intervals
SELECT is(score('-1e308 -> 1e308', 1e308), 1::float8, 'no overflow to NaN near the float8 limits');
SELECT is(progress('-1e308 -> 1e308', 0), 0.5::float8, 'progress near the float8 limits');
SELECT is(score('0s -> 60d', interval '1 month'), 0.5::float8, 'a month counts 30 days, as EXTRACT(epoch) does');
SELECT is(score('0s -> 730.5d', interval '1 year'), 0.5::float8, 'a year counts 365.25 days, as EXTRACT(epoch) does');

SELECT * FROM finish();
ROLLBACK;
