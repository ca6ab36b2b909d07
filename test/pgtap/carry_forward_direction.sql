-- carry_forward keeps the plan's direction: an annual target on the other side of the
-- actual value from where the plan heads is refused (22023), not turned into a plan
-- that runs the other way.
\ir ../include/setup.sql
SELECT plan(11);

CREATE ROLE okrkpi_cf_user NOLOGIN;
SET LOCAL ROLE okrkpi_cf_user;
-- the issue's case: '2 -> 1' decreases; actual 1.5 towards 3 would read '1.5 -> 3'
SELECT throws_ok($$ SELECT carry_forward('2 -> 1', 1.5, 3, 1) $$, '22023',
                 'carry_forward cannot turn a decreasing key result into an increasing one',
                 'a decreasing plan with the annual target above the actual value refused');
SELECT throws_ok($$ SELECT carry_forward('1 -> 2', 2.5, 2, 2) $$, '22023',
                 'carry_forward cannot turn an increasing key result into a decreasing one',
                 'an increasing plan whose actual passed the annual target refused');
SELECT throws_ok($$ SELECT carry_forward('6h -> 45min', 1800, 2700, 2) $$, '22023',
                 'carry_forward cannot turn a decreasing key result into an increasing one',
                 'a duration below its annual target refused too');
-- the ones that keep the direction still carry: 2 + (0 - 2) / 2 = 1 and 1.5 + (3 - 1.5) / 1 = 3
SELECT is(carry_forward('2 -> 1', 2, 0, 2)::text, '2 -> 1', 'a decreasing plan still carries towards a lower target');
SELECT is(carry_forward('1 -> 2', 1.5, 3, 1)::text, '1.5 -> 3', 'an increasing plan still carries towards a higher target');
-- rounding never makes the plan stand still, turn or overshoot: 2999000 = 2.999M rounds to
-- 3.00M, the annual target, so the start stays the actual value (2999k)
SELECT is(carry_forward('$2M -> $3M', 2999000, 3e6, 1)::text, '$2999k -> $3M', 'a start rounded onto the target stays as measured');
-- 2995000 = 2.995M, a tie rounded to 3.00M; the target 2997500 also rounds to 3.00M: both stay off the scale
SELECT is(carry_forward('$2M -> $3M', 2995000, 3e6, 2)::text, '$2995k -> $3M', 'nor does a start rounded past the target');
-- whole milestones: 2 + 0.5 / 4 = 2.125 -> 2 would not move and 3 would pass the annual target 2.5
SELECT is(carry_forward('0 -> 4 milestones', 2, 2.5, 4)::text, '2 -> 2.125 milestones', 'whole milestones never overshoot');
-- decreasing: 7210 s = 2.0027h -> 2h; 7210 - 10 / 1 = 7200 = 2h too: the start stays 7210 s
SELECT is(carry_forward('6h -> 45min', 7210, 7200, 1)::text, '7210s -> 2h', 'a decreasing plan rounded to a standstill keeps its start');
-- actual at the annual target stays the type's error (start = target)
SELECT throws_ok($$ SELECT carry_forward('2 -> 1', 3, 3, 1) $$, '22023', NULL,
                 'actual at the annual target is still refused');
RESET ROLE;
-- the hint says what to do
CREATE FUNCTION pg_temp.hint_of(q text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE h text;
BEGIN
    EXECUTE q;
    RETURN NULL;
EXCEPTION WHEN invalid_parameter_value THEN
    GET STACKED DIAGNOSTICS h = PG_EXCEPTION_HINT;
    RETURN h;
END $$;
SELECT matches(pg_temp.hint_of($$ SELECT okrkpi.carry_forward('2 -> 1', 1.5, 3, 1) $$),
               'annual target has been passed.*above the annual target',
               'the hint says the annual target is passed and when to carry forward');
SELECT * FROM finish();
ROLLBACK;
