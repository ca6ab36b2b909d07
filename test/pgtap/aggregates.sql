-- Aggregates over measurement tables (doc/scoring.md).  Expected values are
-- worked out by hand; the arithmetic is in the comments.
\ir ../include/setup.sql
\ir ../include/helpers.sql
SET LOCAL TimeZone = 'UTC';
SELECT plan(131);

CREATE TEMP TABLE m (kr_id int, kr key_result, k kpi, value float8, at timestamptz, w float8);
INSERT INTO m VALUES
  -- kr 1: increasing 20 -> 40; latest is 2026-08-10 with a tie 28 / 30 (30 wins)
  (1, '20 -> 40', '>= 40', 25, '2026-07-10', 1),
  (1, '20 -> 40', '>= 40', 28, '2026-08-10', 1),
  (1, '20 -> 40', '>= 40', 30, '2026-08-10', 1),
  (1, '20 -> 40', '>= 40', NULL, '2026-09-01', 1),   -- NULL value: skipped
  (1, '20 -> 40', '>= 40', 99, NULL, 1),             -- NULL time: skipped
  -- kr 2: decreasing 6h -> 45min (21600 -> 2700 s)
  (2, '6h -> 45min', '<= 4h', 21600, '2026-07-01', 1),
  (2, '6h -> 45min', '<= 4h', 10800, '2026-08-01', 1),
  -- kr 3: the plan changed mid-quarter; the latest row's plan counts
  (3, '20 -> 40', '>= 40', 25, '2026-07-01', 1),
  (3, '20 -> 30', '>= 40', 25, '2026-08-01', 1),
  -- kr 4: negative values
  (4, '-5 -> 5', '4.2 .. 4.8', -5, '2026-07-01', 1),
  (4, '-5 -> 5', '4.2 .. 4.8', 0, '2026-08-01', 1);

-- latest
SELECT is(latest(value, at), 30::float8, 'latest: greatest time, tie to the greater value') FROM m WHERE kr_id = 1;
SELECT is(latest(value, at), NULL, 'latest of no rows is NULL') FROM m WHERE false;
SELECT is(latest(value, at), NULL, 'latest of only NULL rows is NULL') FROM m WHERE value IS NULL;
SELECT is(latest(v, t), 2::float8, 'ties on time with many values: the greatest')
FROM (VALUES (1::float8, '2026-01-01'::timestamptz), (2, '2026-01-01'), (-3, '2026-01-01')) x(v, t);

-- kr_score: score of the latest value against that row's key result
SELECT results_eq(
  $$ SELECT kr_id, kr_score(kr, value, at) FROM m GROUP BY kr_id ORDER BY kr_id $$,
  $$ VALUES (1, 0.5::float8),          -- (30 - 20) / 20
            (2, 4::float8 / 7),        -- (10800 - 21600) / (2700 - 21600)
            (3, 0.5::float8),          -- against 20 -> 30: (25 - 20) / 10
            (4, 0.5::float8) $$,       -- (0 - -5) / 10
  'kr_score per key result');
SELECT is(kr_score(kr, value, at), NULL, 'kr_score of no rows is NULL') FROM m WHERE false;
SELECT is(kr_score(kr, value, at), NULL, 'kr_score skips rows with a NULL key result')
FROM (VALUES (NULL::key_result, 1::float8, now())) x(kr, value, at);
SELECT is(kr_score(kr, v, t), 1::float8, 'kr_score clamps above the target')
FROM (VALUES ('0 -> 10'::key_result, 15::float8, now())) x(kr, v, t);

-- ties on time and value between different key results: the greater key result in the
-- btree order (start, then target, ...) wins, whatever the row order.  10 -> 40 sorts
-- after -10 -> 40 (start 10 > -10); 25 scores (25 - 10) / 30 = 0.5 against it, and
-- (25 + 10) / 50 = 0.7 against -10 -> 40.
SELECT is(kr_score(kr::key_result, 25, '2026-01-01'), 0.5::float8, 'tie on time and value: the greater key result wins, one order')
FROM (VALUES ('10 -> 40'), ('-10 -> 40')) x(kr);
SELECT is(kr_score(kr::key_result, 25, '2026-01-01'), 0.5::float8, 'tie on time and value: the greater key result wins, the other order')
FROM (VALUES ('-10 -> 40'), ('10 -> 40')) x(kr);
SELECT is(score(kr_score_merge(s ORDER BY n)), 0.5::float8, 'tie merged: the greater key result wins, one order')
FROM (VALUES (1, 'rows=1; at=2026-01-01 00:00:00+00; value=25; kr=10 -> 40'::kr_state),
             (2, 'rows=1; at=2026-01-01 00:00:00+00; value=25; kr=-10 -> 40')) x(n, s);
SELECT is(score(kr_score_merge(s ORDER BY n DESC)), 0.5::float8, 'tie merged: the greater key result wins, the other order')
FROM (VALUES (1, 'rows=1; at=2026-01-01 00:00:00+00; value=25; kr=10 -> 40'::kr_state),
             (2, 'rows=1; at=2026-01-01 00:00:00+00; value=25; kr=-10 -> 40')) x(n, s);
-- the same key result with and without a current value: with one sorts after, and it
-- only labels the plan, so the state shows which row won
SELECT is(kr_score_state(kr::key_result, 25, '2026-01-01')::text,
          'rows=2; at=2026-01-01 00:00:00+00; value=25; kr=10 -> 40 @ 12',
          'tie: a key result with a current value sorts after one without')
FROM (VALUES ('10 -> 40 @ 12'), ('10 -> 40')) x(kr);
-- kpis: <= sorts after >= (comparison first).  36 against <= 30 misses by 6 > 0.1 x 30:
-- unhealthy; against >= 40 it would miss by 4 = 0.1 x 40: at risk
SELECT is(kpi_health(k::kpi, 36, '2026-01-01'), 'unhealthy'::health, 'kpi tie: the greater kpi wins, one order')
FROM (VALUES ('<= 30'), ('>= 40')) x(k);
SELECT is(kpi_health(k::kpi, 36, '2026-01-01'), 'unhealthy'::health, 'kpi tie: the greater kpi wins, the other order')
FROM (VALUES ('>= 40'), ('<= 30')) x(k);

-- running score as a window function
SELECT results_eq(
  $$ SELECT kr_score(kr, value, at) OVER (ORDER BY at, value) FROM m WHERE kr_id = 1 AND at IS NOT NULL ORDER BY at, value $$,
  $$ VALUES (0.25::float8),   -- 25: (25 - 20) / 20
            (0.4::float8),    -- 28 is the latest so far
            (0.5::float8),    -- 30 wins the tie
            (0.5::float8) $$, -- a NULL value changes nothing
  'kr_score as a running window');
SELECT results_eq(
  $$ SELECT kr_id, kr_score(kr, value, at) OVER (PARTITION BY kr_id) FROM m WHERE kr_id IN (2, 4) ORDER BY kr_id, at $$,
  $$ VALUES (2, 4::float8 / 7), (2, 4::float8 / 7), (4, 0.5::float8), (4, 0.5::float8) $$,
  'kr_score over whole partitions');

-- FILTER rebuilds a past date: as of 2026-07-31 kr 1 stood at 25
SELECT is(kr_score(kr, value, at) FILTER (WHERE at <= '2026-07-31'), 0.25::float8, 'FILTER rebuilds a past score')
FROM m WHERE kr_id = 1;

-- two-phase: states per month, merged, then scored, equal the one-phase score
SELECT is(score(kr_score_merge(s)), 0.5::float8, 'kr_score_merge then score equals kr_score')
FROM (SELECT kr_score_state(kr, value, at) AS s FROM m WHERE kr_id = 1 GROUP BY date_trunc('month', at)) parts;
SELECT is(score(kr_score_merge(s)), NULL, 'merging only empty states gives NULL')
FROM (SELECT kr_score_state(kr, value, at) AS s FROM m WHERE false) parts;
SELECT is(kr_score_state(kr, value, at)::text, 'rows=3; at=2026-08-10 00:00:00+00; value=30; kr=20 -> 40',
          'kr_state text shows the latest row and its key result')
FROM m WHERE kr_id = 1;
SELECT ok(kr_score_state(kr, value, at) IS NULL, 'kr_score_state of no rows is NULL') FROM m WHERE false;
SELECT is(score('rows=2; at=2026-01-01 00:00:00+00; value=15; kr=10 -> 20'::kr_state), 0.5::float8,
          'score(kr_state) of a hand-written state');
SELECT is(score('rows=0'::kr_state), NULL, 'score of an empty state is NULL');

-- objective_score
SELECT is(objective_score(s), 0.75::float8, 'mean of 0.5 and 1, NULL skipped')
FROM (VALUES (0.5::float8), (1), (NULL)) x(s);
SELECT is(objective_score(s, w), 0.875::float8, 'weighted: (0.5 x 1 + 1 x 3) / 4')
FROM (VALUES (0.5::float8, 1::float8), (1, 3)) x(s, w);
SELECT is(objective_score(s, w), 1::float8, 'a zero weight does not count')
FROM (VALUES (0.2::float8, 0::float8), (1, 2)) x(s, w);
SELECT is(objective_score(s, w), NULL, 'zero total weight gives NULL')
FROM (VALUES (0.5::float8, 0::float8), (1, 0)) x(s, w);
SELECT is(objective_score(s), NULL, 'objective_score of no rows is NULL') FROM (VALUES (NULL::float8)) x(s);
SELECT throws_ok($$ SELECT objective_score(s, w) FROM (VALUES (0.5::float8, -1::float8)) x(s, w) $$,
                 '22023', NULL, 'a negative weight is refused');
SELECT throws_ok($$ SELECT objective_score(s) FROM (VALUES ('NaN'::float8)) x(s) $$,
                 '22023', NULL, 'a NaN score is refused');
-- (0.5 + 4/7 + 0.5 + 0.5) / 4 = (14.5 / 7) / 4 = 29/56, to float8 rounding (a running
-- mean and a sum divided by 4 may round the last digit differently)
SELECT ok(abs(objective_score(kr_score) - 29::float8 / 56) < 1e-15, 'objective score from kr_score per key result')
FROM (SELECT kr_score(kr, value, at) FROM m GROUP BY kr_id) per_kr;

-- objective_score keeps a running mean, so no accepted weight overflows it.  One row of
-- weight 1e308: its score.  Two of 1e308 (total 2e308 > float8's 1.8e308): (0.5 + 1) / 2.
SELECT is(objective_score(s, w), 0.5::float8, 'a single row of weight 1e308 scores its score')
FROM (VALUES (0.5::float8, 1e308::float8)) x(s, w);
SELECT is(objective_score(s, w), 0.75::float8, 'weights whose sum exceeds float8: (0.5 x 1e308 + 1 x 1e308) / 2e308')
FROM (VALUES (0.5::float8, 1e308::float8), (1, 1e308)) x(s, w);
SELECT is(objective_score(s, w), 0.5::float8, 'two weights of the largest float8: (0 + 1) / 2')
FROM (VALUES (0::float8, '1.7976931348623157e308'::float8), (1, '1.7976931348623157e308')) x(s, w);
-- weights 1 : 3 at the smallest normal float8 (2.2250738585072014e-308):
-- (0.25 x 1 + 0.75 x 3) / 4 = 2.5 / 4 = 0.625
SELECT is(objective_score(s, w), 0.625::float8, 'weights at the smallest normal float8 keep their ratio')
FROM (VALUES (0.25::float8, '2.2250738585072014e-308'::float8), (0.75, '6.675221575521604e-308')) x(s, w);
-- 1e308 next to 1: (1 x 1e308 + 0 x 1) / (1e308 + 1) rounds to 1
SELECT is(objective_score(s, w), 1::float8, 'a weight of 1 next to 1e308 counts for (almost) nothing')
FROM (VALUES (1::float8, 1e308::float8), (0, 1)) x(s, w);
SELECT throws_ok($$ SELECT objective_score(s, w) FROM (VALUES (1e200::float8, 1e200::float8)) x(s, w) $$,
                 '22023', NULL, 'a score above 1 is refused (weighted)');
SELECT throws_ok($$ SELECT objective_score(s) FROM (VALUES (1.5::float8)) x(s) $$,
                 '22023', NULL, 'a score above 1 is refused');
SELECT throws_ok($$ SELECT objective_score(s) FROM (VALUES (-0.1::float8)) x(s) $$,
                 '22023', NULL, 'a negative score is refused');
SELECT throws_ok($$ SELECT objective_score(s, w) FROM (VALUES (0.5::float8, 0::float8), (1.5, 0)) x(s, w) $$,
                 '22023', NULL, 'a score above 1 is refused even with weight 0');
SELECT throws_ok($$ SELECT objective_score(s, w) FROM (VALUES (0.5::float8, '5e-324'::float8)) x(s, w) $$,
                 '22023', NULL, 'a subnormal weight is refused');
SELECT throws_ok($$ SELECT objective_score(s, w) FROM (VALUES (0.5::float8, 'Infinity'::float8)) x(s, w) $$,
                 '22023', NULL, 'an infinite weight is refused');
-- the state: rows with a positive weight, their mean weight, the weighted mean so far
SELECT is(mean_state_weighted_transfn(mean_state_weighted_transfn(NULL, 0.5, 1), 1, 3)::text,
          'rows=2; mean_weight=2; weighted_mean=0.875', 'mean_state: (1 + 3) / 2 = 2, (0.5 + 3) / 4 = 0.875');
SELECT ok(mean_state_weighted_transfn(NULL, 0.5, 0) IS NULL, 'a row of weight 0 leaves the state empty');
SELECT is(mean_state_combine('rows=1; mean_weight=1; weighted_mean=0.5', 'rows=1; mean_weight=3; weighted_mean=1')::text,
          'rows=2; mean_weight=2; weighted_mean=0.875', 'mean_state_combine equals the transitions');
-- 1 row of 1e308 scoring 0 and 3 of 1e308 scoring 1: total 4e308, mean 3 / 4
SELECT is(mean_state_combine('rows=1; mean_weight=1e308; weighted_mean=0', 'rows=3; mean_weight=1e308; weighted_mean=1')::text,
          'rows=4; mean_weight=1e+308; weighted_mean=0.75', 'mean_state_combine past the float8 range of a sum');
SELECT is(mean_state_final('rows=3; mean_weight=2; weighted_mean=0.25'), 0.25::float8, 'mean_state_final is the weighted mean');
SELECT throws_ok($$ SELECT mean_state_transfn('rows=9223372036854775807; mean_weight=1; weighted_mean=0.5'::mean_state, 0.5) $$,
                 '22003', NULL, 'mean_state_transfn: row count overflow');
SELECT throws_ok($$ SELECT mean_state_weighted_transfn('rows=9223372036854775807; mean_weight=1; weighted_mean=0.5'::mean_state, 0.5, 2) $$,
                 '22003', NULL, 'mean_state_weighted_transfn: row count overflow');
SELECT throws_ok($$ SELECT mean_state_combine('rows=9223372036854775807; mean_weight=1; weighted_mean=0.5'::mean_state,
                                              'rows=1; mean_weight=1; weighted_mean=0.5'::mean_state) $$,
                 '22003', NULL, 'mean_state_combine: row count overflow');

-- kpi_health: the latest value against that row's kpi
SELECT results_eq(
  $$ SELECT kr_id, kpi_health(k, value, at)::text FROM m GROUP BY kr_id ORDER BY kr_id $$,
  $$ VALUES (1, 'unhealthy'),  -- 30 vs >= 40: missed by 10 > 4
            (2, 'healthy'),    -- 10800 s = 3h <= 4h
            (3, 'unhealthy'),  -- 25 vs >= 40
            (4, 'unhealthy') $$, -- 0 vs 4.2 .. 4.8: missed by 4.2 > 0.06
  'kpi_health per group');
SELECT is(kpi_health(k, v, t), 'at_risk'::health, 'kpi_health: 36 vs >= 40 is at risk')
FROM (VALUES ('>= 40'::kpi, 50::float8, '2026-01-01'::timestamptz), ('>= 40', 36, '2026-02-01')) x(k, v, t);
SELECT is(kpi_health(k, value, at), NULL, 'kpi_health of no rows is NULL') FROM m WHERE false;

-- hit_rate: share of non-NULL values that meet the threshold
SELECT is(hit_rate(k, v), 2::float8 / 3, 'two of three meet >= 40')
FROM (VALUES ('>= 40'::kpi, 39::float8), ('>= 40', 40), ('>= 40', 41), ('>= 40', NULL)) x(k, v);
SELECT is(hit_rate(k, v), 0.5::float8, 'a decreasing KPI judged with <=, not >=')
FROM (VALUES ('<= 2%'::kpi, 1.5::float8), ('<= 2%', 2.5)) x(k, v);
SELECT is(hit_rate(k, v), NULL, 'hit_rate of no rows is NULL') FROM (VALUES ('>= 1'::kpi, NULL::float8)) x(k, v);

-- kr_forecast: points (day 0, 20), (day 10, 30), (day 20, 28): mean t = 10, mean v = 26,
-- Sxx = 200, Sxy = (-10)(-6) + 0 + (10)(2) = 80, slope 0.4/day; at day 30: 26 + 0.4 x 20 = 34;
-- score against 20 -> 40: 14 / 20 = 0.7
CREATE TEMP TABLE f (kr key_result, v float8, t timestamptz, deadline timestamptz);
INSERT INTO f VALUES ('20 -> 40', 20, '2026-07-01', '2026-07-31'), ('20 -> 40', 30, '2026-07-11', '2026-07-31'),
                     ('20 -> 40', 28, '2026-07-21', '2026-07-31');
SELECT ok(abs(kr_forecast(kr, v, t, deadline) - 0.7) < 1e-12, 'kr_forecast by least squares') FROM f;
SELECT ok(abs(kr_forecast(kr, v, t, deadline) - 0.7) < 1e-12, 'kr_forecast ignores row order')
FROM (SELECT * FROM f ORDER BY v DESC) x;
SELECT ok(abs(kr_forecast(kr, v, t, deadline) - 0.7) < 1e-9, 'kr_forecast skips rows with NULLs')
FROM (SELECT * FROM f UNION ALL SELECT NULL, NULL, NULL, NULL) x;
SELECT is(kr_forecast(kr, v, t, deadline), NULL, 'fewer than two distinct times gives NULL')
FROM (VALUES ('20 -> 40'::key_result, 25::float8, '2026-07-01'::timestamptz, '2026-09-30'::timestamptz),
             ('20 -> 40', 30, '2026-07-01', '2026-09-30')) x(kr, v, t, deadline);
SELECT is(kr_forecast(kr, v, t, deadline), NULL, 'one row gives NULL')
FROM (VALUES ('20 -> 40'::key_result, 25::float8, '2026-07-01'::timestamptz, '2026-09-30'::timestamptz)) x(kr, v, t, deadline);
-- decreasing: 6h at day 0, 5h at day 10 -> 4h at day 30? slope -0.1h/day, at day 30: 3h = 10800 s;
-- score (10800 - 21600) / (2700 - 21600) = 4/7
SELECT ok(abs(kr_forecast(kr, v, t, d) - 4::float8 / 7) < 1e-12, 'kr_forecast of a decreasing key result')
FROM (VALUES ('6h -> 45min'::key_result, 21600::float8, '2026-07-01'::timestamptz, '2026-07-31'::timestamptz),
             ('6h -> 45min', 18000, '2026-07-11', '2026-07-31')) x(kr, v, t, d);
-- numerically sound on epoch-scale times: 1000 points on an exact line v = day, one per day,
-- deadline day 2000 on 0 -> 4000: score 0.5
SELECT ok(abs(kr_forecast('0 -> 4000'::key_result, d::float8, '2026-01-01'::timestamptz + d * interval '1 day',
                          '2026-01-01'::timestamptz + 2000 * interval '1 day') - 0.5) < 1e-9,
          'kr_forecast stays exact over many epoch-scale times')
FROM generate_series(0, 999) d;

-- kr_forecast fits one line through every value, so the key results must share a unit
SELECT throws_ok($$ SELECT kr_forecast(kr::key_result, v, t::timestamptz, '2026-03-01')
                    FROM (VALUES ('0% -> 100%', 20::float8, '2026-01-01'), ('6h -> 1h', 25, '2026-01-02')) x(kr, v, t) $$,
                 '22023', NULL, 'kr_forecast refuses rows of different units');
SELECT throws_ok($$ SELECT kr_forecast(kr::key_result, v, t::timestamptz, '2026-03-01')
                    FROM (VALUES ('0 -> 100', 20::float8, '2026-01-01'), ('0% -> 100%', 25, '2026-01-02')) x(kr, v, t) $$,
                 '22023', NULL, 'kr_forecast refuses a unit next to no unit');
SELECT throws_ok($$ SELECT forecast_state_combine(
                      'rows=1; at=2026-01-01 00:00:00+00; value=20; kr=0% -> 100%; deadline=2026-03-01 00:00:00+00;
                       first_at=2026-01-01 00:00:00+00; origin=2026-01-01 00:00:00+00; sum_t=0; sum_v=20; sxx=0; sxy=0',
                      'rows=1; at=2026-01-02 00:00:00+00; value=25; kr=$0 -> $100; deadline=2026-03-01 00:00:00+00;
                       first_at=2026-01-02 00:00:00+00; origin=2026-01-02 00:00:00+00; sum_t=0; sum_v=25; sxx=0; sxy=0') $$,
                 '22023', NULL, 'forecast_state_combine refuses states of different units');
-- plans of one unit may differ (a revised plan): the line through (day 0, 10) and
-- (day 10, 20) reaches 30 on day 20, scored against the latest row's 0 -> 50: 0.6
SELECT ok(abs(kr_forecast(kr::key_result, v, t::timestamptz, '2026-01-21') - 0.6) < 1e-12,
          'kr_forecast over a revised plan of the same unit scores against the latest plan')
FROM (VALUES ('0 -> 100', 10::float8, '2026-01-01'), ('0 -> 50', 20, '2026-01-11')) x(kr, v, t);
-- durations of different plans share the unit seconds: 10800 s on day 0 and 7200 s on
-- day 1 fall 3600 s a day, to 5400 s at day 1.5; against the latest row's 5h -> 1h
-- (18000 -> 3600 s): (5400 - 18000) / (3600 - 18000) = 12600 / 14400 = 0.875
SELECT ok(abs(kr_forecast(kr::key_result, v, t::timestamptz, '2026-01-02 12:00:00+00') - 0.875) < 1e-12,
          'kr_forecast takes duration key results of different plans')
FROM (VALUES ('6h -> 1h', 10800::float8, '2026-01-01'), ('5h -> 1h', 7200, '2026-01-02')) x(kr, v, t);

-- kr_score, kr_score_merge and kpi_health take any mix of plans, even of units: the
-- latest row's plan scores its value.  January's 20 -> 40 gave way to February's
-- 20 -> 30: 25 scores (25 - 20) / 10 = 0.5 whichever state comes first
SELECT is(score(kr_score_merge(s ORDER BY n)), 0.5::float8, 'merged states of different plans: the latest row''s plan, one order')
FROM (VALUES (1, 'rows=3; at=2026-01-01 00:00:00+00; value=25; kr=20 -> 40'::kr_state),
             (2, 'rows=2; at=2026-02-01 00:00:00+00; value=25; kr=20 -> 30')) x(n, s);
SELECT is(score(kr_score_merge(s ORDER BY n DESC)), 0.5::float8, 'merged states of different plans: the latest row''s plan, the other order')
FROM (VALUES (1, 'rows=3; at=2026-01-01 00:00:00+00; value=25; kr=20 -> 40'::kr_state),
             (2, 'rows=2; at=2026-02-01 00:00:00+00; value=25; kr=20 -> 30')) x(n, s);
SELECT is(kr_score_merge(s)::text, 'rows=5; at=2026-02-01 00:00:00+00; value=25; kr=20 -> 30',
          'the merged state counts every row and keeps the latest row''s plan')
FROM (VALUES ('rows=3; at=2026-01-01 00:00:00+00; value=25; kr=20 -> 40'::kr_state),
             ('rows=2; at=2026-02-01 00:00:00+00; value=25; kr=20 -> 30')) x(s);
-- a plan moved from percent to a plain count: the latest row's 0 -> 50 scores 25 as 0.5
SELECT is(score(kr_score_merge(s)), 0.5::float8, 'merged states of different units: the latest row''s plan')
FROM (VALUES ('rows=1; at=2026-02-01 00:00:00+00; value=25; kr=0 -> 50'::kr_state),
             ('rows=1; at=2026-01-01 00:00:00+00; value=25; kr=0% -> 100%')) x(s);
SELECT is(kpi_state_final(kpi_state_combine('rows=1; at=2026-02-01 00:00:00+00; value=36; kpi=<= 30',
                                            'rows=1; at=2026-01-01 00:00:00+00; value=36; kpi=>= 40')),
          'unhealthy'::health, 'kpi_state_combine: the later row''s kpi (36 against <= 30)');
SELECT is(kpi_state_final(kpi_state_combine('rows=1; at=2026-01-01 00:00:00+00; value=36; kpi=<= 30',
                                            'rows=1; at=2026-02-01 00:00:00+00; value=36; kpi=>= 40')),
          'at_risk'::health, 'kpi_state_combine: the later row''s kpi (36 against >= 40: missed by 4 = 0.1 x 40)');

-- states read back are checked: a hand-made bad state is an error
SELECT throws_ok($$ SELECT 'rows=-1'::kr_state $$, '22023', NULL, 'negative rows refused');
SELECT throws_ok($$ SELECT 'rows=1; at=2026-01-01 00:00:00+00; value=NaN; kr=1 -> 2'::kr_state $$, '22023', NULL, 'NaN value refused');
SELECT throws_ok($$ SELECT 'rows=1; at=2026-01-01 00:00:00+00; value=1; kr=1 -> 1'::kr_state $$, '22023', NULL, 'start = target refused');
SELECT throws_ok($$ SELECT 'rows=0; value=3'::kr_state $$, '22023', NULL, 'an empty state with fields refused');
SELECT throws_ok($$ SELECT 'rows=1; at=2026-01-01 00:00:00+00; value=3'::kr_state $$, '22P02', NULL, 'a missing key result refused');
SELECT throws_ok($$ SELECT 'garbage'::kr_state $$, '22P02', NULL, 'garbage refused');
SELECT throws_ok($$ SELECT 'rows=1; bogus=1'::rate_state $$, '22P02', NULL, 'unknown field refused');
SELECT throws_ok($$ SELECT 'rows=1; hits=2'::rate_state $$, '22023', NULL, 'more hits than rows refused');
-- mean_state: only states some rows can produce (rows rows of weight mean_weight and
-- score weighted_mean): a normal positive mean weight, a weighted mean in [0, 1]
SELECT throws_ok($$ SELECT mean_state_final('rows=1; mean_weight=1; weighted_mean=-5'::mean_state) $$, '22023', NULL,
                 'a mean_state with a weighted mean below 0 refused');
SELECT throws_ok($$ SELECT 'rows=1; mean_weight=1; weighted_mean=1.5'::mean_state $$, '22023', NULL, 'weighted mean above 1 refused');
SELECT throws_ok($$ SELECT 'rows=1; mean_weight=0; weighted_mean=0.5'::mean_state $$, '22023', NULL, 'zero mean weight refused');
SELECT throws_ok($$ SELECT 'rows=1; mean_weight=-1; weighted_mean=0.5'::mean_state $$, '22023', NULL, 'negative mean weight refused');
SELECT throws_ok($$ SELECT 'rows=1; mean_weight=1e-310; weighted_mean=0.5'::mean_state $$, '22023', NULL, 'subnormal mean weight refused');
SELECT throws_ok($$ SELECT 'rows=1; mean_weight=Infinity; weighted_mean=0.5'::mean_state $$, '22023', NULL, 'infinite mean weight refused');
SELECT throws_ok($$ SELECT 'rows=1; mean_weight=1; weighted_mean=NaN'::mean_state $$, '22023', NULL, 'NaN weighted mean refused');
SELECT throws_ok($$ SELECT 'rows=-1'::mean_state $$, '22023', NULL, 'negative rows refused (mean_state)');
SELECT throws_ok($$ SELECT 'rows=0; mean_weight=1'::mean_state $$, '22023', NULL, 'an empty mean_state with fields refused');
SELECT throws_ok($$ SELECT 'rows=1; sum_weight=1; sum_weighted_score=0.5'::mean_state $$, '22P02', NULL,
                 'the fields of 0.2.0 development builds are unknown');

-- forecast_state: rows all at one time (first_at = at) are all at t = 0, so their sums of
-- t, and the centred sums, are 0
SELECT throws_ok($$ SELECT 'rows=2; at=2026-01-01 00:00:00+00; value=5; kr=0 -> 100; deadline=2026-02-01 00:00:00+00;
                     first_at=2026-01-01 00:00:00+00; origin=2026-01-01 00:00:00+00; sum_t=0; sum_v=8; sxx=3; sxy=0'::forecast_state $$,
                 '22023', NULL, 'forecast_state: spread over a single time refused');
SELECT throws_ok($$ SELECT 'rows=2; at=2026-01-01 00:00:00+00; value=5; kr=0 -> 100; deadline=2026-02-01 00:00:00+00;
                     first_at=2026-01-02 00:00:00+00; origin=2026-01-02 00:00:00+00; sum_t=0; sum_v=8; sxx=0; sxy=0'::forecast_state $$,
                 '22023', NULL, 'forecast_state: first_at after at refused');
SELECT is('rows=2; at=2026-01-01 00:00:00+00; value=5; kr=0 -> 100; deadline=2026-02-01 00:00:00+00;
           first_at=2026-01-01 00:00:00+00; origin=2026-01-01 00:00:00+00; sum_t=0; sum_v=8; sxx=0; sxy=0'::forecast_state::text,
          'rows=2; at=2026-01-01 00:00:00+00; value=5; kr=0 -> 100; deadline=2026-02-01 00:00:00+00; '
          'first_at=2026-01-01 00:00:00+00; origin=2026-01-01 00:00:00+00; sum_t=0; sum_v=8; sxx=0; sxy=0',
          'forecast_state: two rows at one time (values 5 and 3) read back');

-- times a state holds must be timestamptz values, so that it prints and reads back: text
-- input refuses others (timestamptz_in, 22008), binary input the same.  The range ends
-- at 294277-01-01 00:00:00+00, 9223371331200000000 microseconds after 2000-01-01
-- ((109203528 - 2451545) days), and starts at 4714-11-24 00:00:00+00 BC,
-- -211813488000000000 (2451545 days before 2000-01-01).  Binary latest_state: version
-- byte, rows, at (bytes 10 to 17), value.
SELECT throws_ok($$ SELECT 'rows=1; at=294277-01-01 00:00:00+00; value=1'::latest_state $$,
                 '22008', NULL, 'latest_state text: a time past the timestamptz range refused');
SELECT throws_ok($$ SELECT pg_temp.type_recv('okrkpi.latest_state',
                     overlay(latest_state_send('rows=1; at=2026-01-01 00:00:00+00; value=1')
                             placing int8send(9223371331200000000) from 10 for 8)) $$,
                 '22008', NULL, 'latest_state binary: a time past the timestamptz range refused');
SELECT throws_ok($$ SELECT pg_temp.type_recv('okrkpi.latest_state',
                     overlay(latest_state_send('rows=1; at=2026-01-01 00:00:00+00; value=1')
                             placing int8send(-211813488000000001) from 10 for 8)) $$,
                 '22008', NULL, 'latest_state binary: a time before the timestamptz range refused');
SELECT throws_ok($$ SELECT pg_temp.type_recv('okrkpi.kr_state',
                     overlay(kr_state_send('rows=1; at=2026-01-01 00:00:00+00; value=1; kr=0 -> 10')
                             placing int8send(9223372036854775806) from 10 for 8)) $$,
                 '22008', NULL, 'kr_state binary: a time past the timestamptz range refused');
SELECT is(pg_temp.type_recv('okrkpi.latest_state',
            overlay(latest_state_send('rows=1; at=2026-01-01 00:00:00+00; value=1')
                    placing int8send(9223371331199999999) from 10 for 8)),
          'rows=1; at=294276-12-31 23:59:59.999999+00; value=1', 'latest_state binary: the last time in range reads');
SELECT is(pg_temp.type_recv('okrkpi.latest_state',
            overlay(latest_state_send('rows=1; at=2026-01-01 00:00:00+00; value=1')
                    placing int8send(-211813488000000000) from 10 for 8)),
          'rows=1; at=4714-11-24 00:00:00+00 BC; value=1', 'latest_state binary: the first time in range reads');
-- latest() takes an infinite time, so its states may hold one: 'infinity' is int8 2^63 - 1
SELECT is(latest(v, t), 2::float8, 'latest() takes infinity as a time')
FROM (VALUES (1::float8, '2026-01-01'::timestamptz), (2, 'infinity')) x(v, t);
SELECT is(pg_temp.type_recv('okrkpi.latest_state',
            overlay(latest_state_send('rows=1; at=2026-01-01 00:00:00+00; value=1')
                    placing int8send(9223372036854775807) from 10 for 8)),
          'rows=1; at=infinity; value=1', 'latest_state binary: infinity reads back as in text');
-- kr_forecast takes no infinite time, text or binary (22023).  Binary forecast_state:
-- version, rows, at, value, kr (unit, has_current, start, target: 18 bytes), then the
-- deadline at bytes 44 to 51
SELECT throws_ok($$ SELECT 'rows=1; at=2026-01-01 00:00:00+00; value=5; kr=0 -> 100; deadline=infinity;
                     first_at=2026-01-01 00:00:00+00; origin=2026-01-01 00:00:00+00; sum_t=0; sum_v=5; sxx=0; sxy=0'::forecast_state $$,
                 '22023', NULL, 'forecast_state text: an infinite deadline refused');
SELECT throws_ok($$ SELECT pg_temp.type_recv('okrkpi.forecast_state',
                     overlay(forecast_state_send('rows=1; at=2026-01-01 00:00:00+00; value=5; kr=0 -> 100;
                       deadline=2026-02-01 00:00:00+00; first_at=2026-01-01 00:00:00+00; origin=2026-01-01 00:00:00+00;
                       sum_t=0; sum_v=5; sxx=0; sxy=0') placing int8send(9223372036854775807) from 44 for 8)) $$,
                 '22023', NULL, 'forecast_state binary: an infinite deadline refused');
SELECT throws_ok($$ SELECT pg_temp.type_recv('okrkpi.forecast_state',
                     overlay(forecast_state_send('rows=1; at=2026-01-01 00:00:00+00; value=5; kr=0 -> 100;
                       deadline=2026-02-01 00:00:00+00; first_at=2026-01-01 00:00:00+00; origin=2026-01-01 00:00:00+00;
                       sum_t=0; sum_v=5; sxx=0; sxy=0') placing int8send(9223371331200000000) from 44 for 8)) $$,
                 '22008', NULL, 'forecast_state binary: a deadline past the timestamptz range refused');

-- row counts never wrap: a state that already counts 2^63 - 1 rows (all of value 0 at
-- one time, so its sums are 0) takes no further row, by transition or combine (22003)
SELECT throws_ok($$ SELECT rate_state_transfn('rows=9223372036854775807; hits=0'::rate_state, '>= 1', 2) $$,
                 '22003', NULL, 'rate_state_transfn: row count overflow');
SELECT throws_ok($$ SELECT rate_state_combine('rows=9223372036854775807; hits=9223372036854775807'::rate_state,
                                              'rows=1; hits=1'::rate_state) $$,
                 '22003', NULL, 'rate_state_combine: row count overflow');
SELECT throws_ok($$ SELECT forecast_state_transfn('rows=9223372036854775807; at=2026-01-01 00:00:00+00; value=0; kr=0 -> 100;
                      deadline=2026-02-01 00:00:00+00; first_at=2026-01-01 00:00:00+00; origin=2026-01-01 00:00:00+00;
                      sum_t=0; sum_v=0; sxx=0; sxy=0'::forecast_state, '0 -> 100', 0, '2026-01-01', '2026-02-01') $$,
                 '22003', NULL, 'forecast_state_transfn: row count overflow on a row tying the latest one');
SELECT throws_ok($$ SELECT forecast_state_transfn('rows=9223372036854775807; at=2026-01-01 00:00:00+00; value=0; kr=0 -> 100;
                      deadline=2026-02-01 00:00:00+00; first_at=2026-01-01 00:00:00+00; origin=2026-01-01 00:00:00+00;
                      sum_t=0; sum_v=0; sxx=0; sxy=0'::forecast_state, '0 -> 100', 5, '2026-01-02', '2026-02-01') $$,
                 '22003', NULL, 'forecast_state_transfn: row count overflow on a later row');
SELECT throws_ok($$ SELECT forecast_state_combine('rows=9223372036854775807; at=2026-01-01 00:00:00+00; value=0; kr=0 -> 100;
                      deadline=2026-02-01 00:00:00+00; first_at=2026-01-01 00:00:00+00; origin=2026-01-01 00:00:00+00;
                      sum_t=0; sum_v=0; sxx=0; sxy=0'::forecast_state,
                      'rows=1; at=2026-01-02 00:00:00+00; value=5; kr=0 -> 100; deadline=2026-02-01 00:00:00+00;
                      first_at=2026-01-02 00:00:00+00; origin=2026-01-02 00:00:00+00; sum_t=0; sum_v=5; sxx=0; sxy=0') $$,
                 '22003', NULL, 'forecast_state_combine: row count overflow');
SELECT throws_ok($$ SELECT kr_state_transfn('rows=9223372036854775807; at=2026-01-01 00:00:00+00; value=1; kr=0 -> 10'::kr_state,
                                            '0 -> 10', 2, '2026-01-02') $$,
                 '22003', NULL, 'kr_state_transfn: row count overflow');
SELECT throws_ok($$ SELECT kr_state_combine('rows=9223372036854775807; at=2026-01-01 00:00:00+00; value=1; kr=0 -> 10'::kr_state,
                                            'rows=1; at=2026-01-01 00:00:00+00; value=1; kr=0 -> 10'::kr_state) $$,
                 '22003', NULL, 'kr_state_combine: row count overflow');
-- one row short of the limit is fine: 2^63 - 2 + 1 = 2^63 - 1 rows; 2 meets >= 1: one hit
SELECT is(rate_state_transfn('rows=9223372036854775806; hits=0'::rate_state, '>= 1', 2)::text,
          'rows=9223372036854775807; hits=1', 'rate_state_transfn up to the last row count');

-- kr_forecast does not depend on the order of rows that tie on time, value and plan
SELECT is(kr_forecast('0 -> 100', v, at, d), 1::float8, 'tied rows: the later deadline wins, one order')
FROM (VALUES ('2026-01-01'::timestamptz, 10::float8, '2026-01-01'::timestamptz),
             ('2026-02-01', 20, '2026-12-01'), ('2026-02-01', 20, '2026-02-01')) x(at, v, d);
SELECT is(kr_forecast('0 -> 100', v, at, d), 1::float8, 'tied rows: the later deadline wins, the other order')
FROM (VALUES ('2026-01-01'::timestamptz, 10::float8, '2026-01-01'::timestamptz),
             ('2026-02-01', 20, '2026-02-01'), ('2026-02-01', 20, '2026-12-01')) x(at, v, d);
SELECT throws_ok($$ SELECT kr_forecast('0 -> 100', 1, now(), '-infinity') $$, '22023', NULL, 'an infinite deadline is refused');
SELECT is((SELECT count(*)::int FROM pg_proc WHERE proname LIKE '%\_state\_in' AND pronamespace = 'okrkpi'::regnamespace
           AND provolatile = 's'), 6, 'state input reads times in the session zone: STABLE');

-- min(quarter) and max(quarter): NULLs skipped, no rows (or only NULLs) give NULL
CREATE TEMP TABLE due (team text, q quarter);
INSERT INTO due VALUES ('a', '2026-Q3'), ('a', NULL), ('a', '2025-Q4'), ('b', NULL), ('a', '2027-Q1'), ('b', NULL);
SELECT is((SELECT min(q) FROM due), '2025-Q4'::quarter, 'min over 2026-Q3, NULL, 2025-Q4, 2027-Q1: 2025-Q4');
SELECT is((SELECT max(q) FROM due), '2027-Q1'::quarter, 'max over the same: 2027-Q1');
SELECT results_eq($$ SELECT team, min(q), max(q) FROM due GROUP BY team ORDER BY team $$,
  $$ VALUES ('a', '2025-Q4'::quarter, '2027-Q1'::quarter), ('b', NULL, NULL) $$,
  'per group; a group of NULLs only gives NULL');
SELECT ok((SELECT min(q) IS NULL AND max(q) IS NULL FROM due WHERE false), 'no rows: NULL');
SELECT is((SELECT max(q) FILTER (WHERE q < '2027-Q1') FROM due), '2026-Q3'::quarter, 'with FILTER');
SELECT results_eq($$ SELECT max(q) OVER (ORDER BY ord) FROM (VALUES (1, '2026-Q1'::quarter), (2, NULL), (3, '2025-Q2'), (4, '2026-Q2')) v(ord, q) ORDER BY ord $$,
  $$ VALUES ('2026-Q1'::quarter), ('2026-Q1'), ('2026-Q1'), ('2026-Q2') $$, 'as a window function: the running latest');
SET LOCAL search_path = '';
SELECT max(q)::text AS max_no_path, min(q)::text AS min_no_path FROM pg_temp.due \gset
SET LOCAL search_path = okrkpi, public;
SELECT is(:'min_no_path'::text || ' ' || :'max_no_path'::text, '2025-Q4 2027-Q1', 'min and max need no search path');
SELECT ok((SELECT a.aggcombinefn = 'okrkpi.quarter_larger'::regproc
                AND a.aggsortop = 'pg_catalog.>(okrkpi.quarter, okrkpi.quarter)'::regoperator AND p.proparallel = 's'
             FROM pg_aggregate a JOIN pg_proc p ON p.oid = a.aggfnoid
            WHERE a.aggfnoid = 'pg_catalog.max(okrkpi.quarter)'::regprocedure),
          'max: combine function, sort operator, parallel safe');
SELECT ok((SELECT a.aggcombinefn = 'okrkpi.quarter_smaller'::regproc
                AND a.aggsortop = 'pg_catalog.<(okrkpi.quarter, okrkpi.quarter)'::regoperator AND p.proparallel = 's'
             FROM pg_aggregate a JOIN pg_proc p ON p.oid = a.aggfnoid
            WHERE a.aggfnoid = 'pg_catalog.min(okrkpi.quarter)'::regprocedure),
          'min: combine function, sort operator, parallel safe');
-- a parallel plan: partial aggregates combined; 1-Q1 + i for i in 0 .. 39995, so 1-Q1 and 9999-Q4
-- (temporary tables are never read in parallel: this one is plain, gone at ROLLBACK)
CREATE TABLE okrkpi_minmax_parallel AS SELECT '1-Q1'::quarter + ((i * 7919) % 39996) AS q FROM generate_series(0, 39995) i;
ANALYZE okrkpi_minmax_parallel;
SET LOCAL parallel_setup_cost = 0;
SET LOCAL parallel_tuple_cost = 0;
SET LOCAL min_parallel_table_scan_size = 0;
SET LOCAL max_parallel_workers_per_gather = 2;
SELECT alike(pg_temp.plan_of('SELECT min(q), max(q) FROM okrkpi_minmax_parallel'), '%Partial Aggregate%',
             'min and max run as partial aggregates');
SELECT ok((SELECT min(q) = '1-Q1' AND max(q) = '9999-Q4' FROM okrkpi_minmax_parallel),
          'in parallel: 1-Q1 and 9999-Q4');
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;
-- with a btree index, max reads the index's last entry (the sort operator)
CREATE INDEX ON okrkpi_minmax_parallel (q);
ANALYZE okrkpi_minmax_parallel;
SELECT alike(pg_temp.plan_of('SELECT max(q) FROM okrkpi_minmax_parallel'), '%Index Only Scan Backward%',
             'max(q) over an index: one index probe');

SELECT * FROM finish();
ROLLBACK;
