-- carry_forward keeps the plan's direction: an annual target on the other side of the
-- actual value from where the plan heads is refused (22023), not turned into a plan
-- that runs the other way.
\ir ../include/setup.sql
SELECT plan(7);

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
