-- forecast_state input (text and binary) checks that the least-squares sums fit the
-- rows' times (src/state.c, forecast_sums_fit_times): n rows with times t in [a, b]
-- (a = first_at, b = at, seconds from origin) and mean m = sum_t / n have
-- a <= m <= b and (a - m)^2 + (b - m)^2 <= sxx <= n (b - m)(m - a).
\ir ../include/setup.sql
\ir ../include/helpers.sql
SET LOCAL TimeZone = 'UTC';
SELECT plan(12);

CREATE ROLE okrkpi_forger NOLOGIN;


-- Two rows a day apart, values 0 (day 0) and 50 (day 1), plan 0 -> 100, deadline day 2.
-- Origin at the first row: t = 0 and 86400, sum_t = 86400, mean 43200;
-- sxx = 2 * 43200^2 = 3732480000; sxy = (-43200)(-25) + (43200)(25) = 2160000.
-- The line: 25 + (2160000 / 3732480000) * (172800 - 43200) = 25 + 75 = 100: score 1.
CREATE TEMP TABLE s (name text PRIMARY KEY, state text);
INSERT INTO s VALUES
  ('true', 'rows=2; at=2026-01-02 00:00:00+00; value=50; kr=0 -> 100; deadline=2026-01-03 00:00:00+00;
            first_at=2026-01-01 00:00:00+00; origin=2026-01-01 00:00:00+00; sum_t=86400; sum_v=50; sxx=3732480000; sxy=2160000'),
  -- the issue's forgery: sum_t = 1e12 puts the mean far past both rows; the line then
  -- runs from 25 at t = 5e11 and scores 0
  ('sum_t', 'rows=2; at=2026-01-02 00:00:00+00; value=50; kr=0 -> 100; deadline=2026-01-03 00:00:00+00;
             first_at=2026-01-01 00:00:00+00; origin=2026-01-01 00:00:00+00; sum_t=1e12; sum_v=50; sxx=3732480000; sxy=2160000'),
  -- sum_t below the rows: mean -1 second, before first_at
  ('sum_t low', 'rows=2; at=2026-01-02 00:00:00+00; value=50; kr=0 -> 100; deadline=2026-01-03 00:00:00+00;
                 first_at=2026-01-01 00:00:00+00; origin=2026-01-01 00:00:00+00; sum_t=-2; sum_v=50; sxx=3732480000; sxy=2160000'),
  -- sxx twice too large: two rows a day apart spread 86400^2 / 2 at most
  ('sxx high', 'rows=2; at=2026-01-02 00:00:00+00; value=50; kr=0 -> 100; deadline=2026-01-03 00:00:00+00;
                first_at=2026-01-01 00:00:00+00; origin=2026-01-01 00:00:00+00; sum_t=86400; sum_v=50; sxx=7464960000; sxy=2160000'),
  -- sxx tiny: rows at both ends spread 86400^2 / 2 at least; 1 makes the slope huge
  ('sxx low', 'rows=2; at=2026-01-02 00:00:00+00; value=50; kr=0 -> 100; deadline=2026-01-03 00:00:00+00;
               first_at=2026-01-01 00:00:00+00; origin=2026-01-01 00:00:00+00; sum_t=86400; sum_v=50; sxx=1; sxy=2160000'),
  -- ten rows, nine at day 0 and one at day 1: mean 8640, sxx = 9 * 8640^2 + 77760^2
  -- = 671846400 + 6046617600 = 6718464000 = 10 (86400 - 8640)(8640 - 0): the upper bound, met
  ('ten', 'rows=10; at=2026-01-02 00:00:00+00; value=50; kr=0 -> 100; deadline=2026-01-03 00:00:00+00;
           first_at=2026-01-01 00:00:00+00; origin=2026-01-01 00:00:00+00; sum_t=86400; sum_v=50; sxx=6718464000; sxy=3888000');

GRANT SELECT ON s TO okrkpi_forger;
SET LOCAL ROLE okrkpi_forger;
SELECT is(forecast_state_final((SELECT state FROM s WHERE name = 'true')::forecast_state), 1::float8,
          'the true state of two rows a day apart reads and scores 1');
SELECT throws_ok($$ SELECT (SELECT state FROM s WHERE name = 'sum_t')::forecast_state $$,
                 '22023', NULL, 'forecast_state text: sum_t = 1e12 for rows a day apart refused');
SELECT throws_ok($$ SELECT (SELECT state FROM s WHERE name = 'sum_t low')::forecast_state $$,
                 '22023', NULL, 'forecast_state text: a mean time before first_at refused');
SELECT throws_ok($$ SELECT (SELECT state FROM s WHERE name = 'sxx high')::forecast_state $$,
                 '22023', NULL, 'forecast_state text: sxx above n (b - m)(m - a) refused');
SELECT throws_ok($$ SELECT (SELECT state FROM s WHERE name = 'sxx low')::forecast_state $$,
                 '22023', NULL, 'forecast_state text: sxx below the spread of the two end rows refused');
SELECT lives_ok($$ SELECT (SELECT state FROM s WHERE name = 'ten')::forecast_state $$,
                'forecast_state text: ten rows at the upper bound of sxx read');
RESET ROLE;

-- binary: version (1 byte), rows, at, value (8 each), kr (18), deadline, first_at and
-- origin (8 each): sum_t is bytes 68 to 75
SELECT is(pg_temp.type_recv('okrkpi.forecast_state',
              overlay(forecast_state_send((SELECT state FROM s WHERE name = 'true')::forecast_state)
                      placing float8send(86400) from 68 for 8)),
          (SELECT state FROM s WHERE name = 'true')::forecast_state::text,
          'forecast_state binary: sum_t sits at bytes 68 to 75 (the true value reads back)');
SELECT throws_ok($$ SELECT pg_temp.type_recv('okrkpi.forecast_state',
                      overlay(forecast_state_send((SELECT state FROM s WHERE name = 'true')::forecast_state)
                              placing float8send(1e12) from 68 for 8)) $$,
                 '22023', NULL, 'forecast_state binary: sum_t = 1e12 for rows a day apart refused');

-- Every state the aggregate makes reads back: its own transition and combine functions,
-- over times with microseconds, many rows at one end, and origins far apart.
CREATE AGGREGATE pg_temp.fstate(key_result, float8, timestamptz, timestamptz) (
    SFUNC = okrkpi.forecast_state_transfn, STYPE = okrkpi.forecast_state);
CREATE TEMP TABLE r (g int, v float8, t timestamptz);
INSERT INTO r
SELECT i % 3, (i * 7919 % 1000)::float8 / 7,
       '2026-01-01'::timestamptz + (i * 104729 % 100003) * interval '37.123457 seconds'
FROM generate_series(1, 5000) i;
INSERT INTO r SELECT 3, i, '2026-01-01 00:00:00.000001+00' FROM generate_series(1, 2000) i;
INSERT INTO r VALUES (3, 1, '2026-01-01 00:00:00.000002+00');
SELECT is(count(*) FILTER (WHERE st::text::forecast_state::text = st::text), 4::bigint,
          'states of 2001 to 1667 rows made by the transition function read back')
FROM (SELECT pg_temp.fstate('0 -> 1000', v, t, '2027-01-01') AS st FROM r GROUP BY g) x;
SELECT lives_ok($$ SELECT forecast_state_combine(forecast_state_combine(a.st, b.st), c.st)::text::forecast_state
                   FROM (SELECT pg_temp.fstate('0 -> 1000', v, t, '2027-01-01') st FROM r WHERE g = 0) a,
                        (SELECT pg_temp.fstate('0 -> 1000', v, t - interval '3000 years', '2027-01-01') st FROM r WHERE g = 1) b,
                        (SELECT pg_temp.fstate('0 -> 1000', v, t + interval '100 years', '2027-01-01') st FROM r WHERE g = 3) c $$,
                'a state combined from origins thousands of years apart reads back');
SELECT lives_ok($$ SELECT forecast_state_combine(b.st, a.st)::text::forecast_state
                   FROM (SELECT pg_temp.fstate('0 -> 1000', v, t, '2027-01-01') st FROM r WHERE g = 3) a,
                        (SELECT pg_temp.fstate('0 -> 1000', v, t, '2027-01-01') st FROM r WHERE g = 2) b $$,
                'a state combined the other way reads back');
SELECT is((SELECT kr_forecast('0 -> 100', v, t, '2026-01-03') FROM (VALUES (0::float8, '2026-01-01'::timestamptz), (50, '2026-01-02')) x(v, t)),
          1::float8, 'kr_forecast of the two rows scores 1, as the true state does');

SELECT * FROM finish();
ROLLBACK;
