-- Scoring functions (doc/scoring.md).  Every expected value is worked out by
-- hand from the formulas of doc/scoring.md; the arithmetic is in the comments.
\ir ../include/setup.sql
SET LOCAL TimeZone = 'UTC';
SELECT plan(124);

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

-- grade's bands take the 1e-9 slack health and status apply (doc/scoring.md).
-- (2.12 - 2.4) / (2 - 2.4) = 0.28 / 0.4 = 0.7 on paper: green, though float8
-- arithmetic falls a little short of 0.7.  (1.5 - 1.1) / (2.1 - 1.1) = 0.4: yellow.
SELECT ok(score('2.4 -> 2'::key_result, 2.12) < 0.7, 'float8 puts (2.12 - 2.4) / (2 - 2.4) below 0.7');
SELECT is(grade(score('2.4 -> 2'::key_result, 2.12)), 'green'::grade, '0.28 / 0.4 = 0.7 on paper: green');
SELECT ok(score('1.1 -> 2.1'::key_result, 1.5) < 0.4, 'float8 puts (1.5 - 1.1) / (2.1 - 1.1) below 0.4');
SELECT is(grade(score('1.1 -> 2.1'::key_result, 1.5)), 'yellow'::grade, '0.4 / 1 = 0.4 on paper: yellow');
-- the slack is 1e-9 x max(1, |bound|) = 1e-9 at both bounds
SELECT is(grade(0.7 - 5e-10), 'green'::grade, 'within 1e-9 below 0.7: green');
SELECT is(grade(0.7 - 2e-9), 'yellow'::grade, '2e-9 below 0.7: yellow');
SELECT is(grade(0.4 - 5e-10), 'yellow'::grade, 'within 1e-9 below 0.4: yellow');
SELECT is(grade(0.4 - 2e-9), 'red'::grade, '2e-9 below 0.4: red');
-- status's score 1 takes it too: 0.7 + 0.1 = 0.8 on paper, 0.7999999999999999 in float8
SELECT is(status('0 -> 0.8', 0.7::float8 + 0.1, '2026-Q3'::quarter, '2026-08-15'), 'achieved'::kr_status,
          '0.7 + 0.1 against a target of 0.8: achieved');
SELECT is(status('0 -> 0.8', 0.7999, '2026-Q3'::quarter, '2026-08-15'), 'on_track'::kr_status,
          '0.7999 / 0.8 = 0.999875 is not 1: on track (e = 45/92)');

-- past the end (as_of at or after the exclusive end 2026-10-01): achieved or missed
SELECT is(status('20 -> 40', 39, '2026-Q3'::quarter, '2026-12-15'), 'missed'::kr_status,
          'score 0.95 after the quarter ended: missed');
SELECT is(status('20 -> 40', 40, '2026-Q3'::quarter, '2026-12-15'), 'achieved'::kr_status,
          'score 1 after the quarter ended: achieved');
SELECT is(status('20 -> 40', 45, '2026-Q3'::quarter, '2026-12-15'), 'achieved'::kr_status,
          'beyond the target (score clamped to 1) after the quarter ended: achieved');
SELECT is(status('20 -> 40', 39, '2026-Q3'::quarter, '2026-10-01 00:00+00'), 'missed'::kr_status,
          'at the end instant itself the quarter has ended: missed');
-- a microsecond earlier e = 1 - 1e-6 / (92 x 86400) and 0.95 >= e - 0.1: on track
SELECT is(status('20 -> 40', 39, '2026-Q3'::quarter, '2026-09-30 23:59:59.999999+00'), 'on_track'::kr_status,
          'a microsecond before the end: on track');
SELECT is(status('20 -> 40', 20, '2026-Q3'::quarter, '2026-09-30 23:59:59.999999+00'), 'off_track'::kr_status,
          'a microsecond before the end, score 0: off track');
SELECT is(status('20 -> 40', NULL, '2026-Q3'::quarter, '2026-10-01 00:00+00'), 'missed'::kr_status,
          'never measured in an ended quarter: missed');
SELECT is(status('20 -> 40', NULL, '2026-Q3'::quarter, '2026-09-30 23:59:59.999999+00'), 'not_started'::kr_status,
          'never measured before the end: not started');
SELECT is(status('0 -> 10', 9, tstzrange('2026-01-01', '2026-01-11'), '2026-01-11'), 'missed'::kr_status,
          'a tstzrange at its exclusive end: 0.9 is missed');
SELECT is(status('0 -> 10', 10, tstzrange('2026-01-01', '2026-01-11'), '2026-02-01'), 'achieved'::kr_status,
          'a tstzrange past its end: 1 is achieved');
SELECT is(status('10 -> 0', 1, tstzrange('2026-01-01', '2026-01-11'), '2026-02-01'), 'missed'::kr_status,
          'a decreasing key result at 0.9 past its end: missed');
-- an inclusive upper bound is in the period: at it the pace still counts (expected share
-- 10/10 days = 1; 9.5 scores 0.95 >= 1 - 0.1: on_track), a microsecond past it the period has ended
SELECT is(status('0 -> 10', 9.5, tstzrange('2026-01-01', '2026-01-11', '[]'), '2026-01-11'), 'on_track'::kr_status,
          'a tstzrange [a,b] at b: not ended, 0.95 against 1 is on track');
SELECT is(status('0 -> 10', 9.5, tstzrange('2026-01-01', '2026-01-11', '[]'), '2026-01-11 00:00:00.000001'),
          'missed'::kr_status, 'a tstzrange [a,b] a microsecond past b: 0.95 is missed');
SELECT is(status('0 -> 10', NULL, tstzrange('2026-01-01', '2026-01-11', '[]'), '2026-01-11'), 'not_started'::kr_status,
          'a tstzrange [a,b] at b, never measured: not started yet');
SELECT is(status('0 -> 10', NULL, tstzrange('2026-01-01', '2026-01-11', '[]'), '2026-01-11 00:00:00.000001'),
          'missed'::kr_status, 'a tstzrange [a,b] past b, never measured: missed');
-- an exclusive lower bound changes no pace: at 2026-01-06, 5 of 10 days, expected 0.5; 5 scores 0.5
SELECT is(status('0 -> 10', 5, tstzrange('2026-01-01', '2026-01-11', '(]'), '2026-01-06'), 'on_track'::kr_status,
          'a tstzrange (a,b] halfway: 0.5 against 0.5 is on track');
-- the period is read for a NULL value too, so an unbounded one is refused as for any value
SELECT throws_ok($$ SELECT status('0 -> 10', NULL, tstzrange('2026-01-01', NULL), '2026-02-01') $$, '22023', NULL,
                 'a NULL value with an unbounded period: 22023');
SELECT is(enum_range(NULL::kr_status)::text, '{not_started,missed,off_track,at_risk,on_track,achieved}',
          'kr_status: missed sorts after not_started, before off_track');

-- tidy: 15 significant digits, as float8 -> numeric -> float8
SELECT is(tidy(0.7499999999999997), 0.75::float8, 'tidy: 0.7499999999999997 is 0.75');
SELECT is(tidy(0.8149999999999998), 0.815::float8, 'tidy: 0.8149999999999998 is 0.815');
SELECT is(tidy(score('2.4 -> 2'::key_result, 2.12)), 0.7::float8, 'tidy: the score 0.28 / 0.4 is 0.7');
SELECT is(tidy(0.1::float8 + 0.2), 0.3::float8, 'tidy: 0.1 + 0.2 is 0.3');
SELECT is(tidy(1::float8 / 3), 0.333333333333333::float8, 'tidy: 1/3 keeps 15 digits');
SELECT is(tidy(2::float8 / 3), 0.666666666666667::float8, 'tidy: 2/3 rounds the 15th digit up');
SELECT is(tidy(-0.7499999999999997), -0.75::float8, 'tidy: negative values alike');
SELECT is(tidy(100000000000000.5), 100000000000000::float8, 'tidy: a 16th digit 5, exactly halfway: to the even 15th');
SELECT is(tidy(100000000000001.5), 100000000000002::float8, 'tidy: halfway up to the even 15th digit');
SELECT ok(tidy(0.75) = 0.75 AND tidy(0.815) = 0.815 AND tidy(1) = 1 AND tidy(0) = 0 AND tidy(1e-300) = 1e-300
          AND tidy(1.79769313486231e308) = 1.79769313486231e308,
          'tidy: values 15 digits write exactly stay');
-- the largest float8's 15 digits, 1.79769313486232e308, lie beyond it (numeric -> float8 fails)
SELECT is(tidy(1.7976931348623157e308), 1.7976931348623157e308::float8, 'tidy: the largest float8 stays');
SELECT is(tidy('-0')::text, '0', 'tidy: -0 is 0, as numeric has no -0');
SELECT ok(tidy('Infinity') = 'Infinity' AND tidy('-Infinity') = '-Infinity' AND tidy('NaN') = 'NaN',
          'tidy: infinities and NaN pass through');
SELECT is(tidy(NULL), NULL, 'tidy: NULL is NULL');
-- the definition itself over 100,000 values: scores, and mantissa x 10^e for
-- e from -300 to 300
SELECT setseed(0.2026);
SELECT is((SELECT count(*)::int FROM
             (SELECT random() AS x FROM generate_series(1, 50000)
              UNION ALL
              SELECT (random() - 0.5) * power(10::float8, floor(random() * 601) - 300) FROM generate_series(1, 50000)) v
           WHERE tidy(x) IS DISTINCT FROM x::numeric::float8), 0,
          'tidy(x) = x::numeric::float8 for 100,000 random values');
SELECT is((SELECT format('%s/%s/%s', provolatile, proisstrict, proparallel) FROM pg_proc
            WHERE oid = 'okrkpi.tidy(float8)'::regprocedure), 'i/t/s', 'tidy is IMMUTABLE STRICT PARALLEL SAFE');

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
