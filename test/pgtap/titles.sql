\ir ../include/setup.sql
SELECT plan(80);
-- pgTAP tests of title_states_plan and restate_title (doc/statements.md):
-- titles that state their plan "from <start> to <target>", checked against
-- a plan and restated for the next quarter.  Every expected value is worked
-- out by hand; the arithmetic of carry_forward is in the comments.

-- the SQLSTATE and hint an SQL statement raises
CREATE FUNCTION pg_temp.error_hint(sql text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    hint text;
BEGIN
    EXECUTE sql;
    RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
    GET STACKED DIAGNOSTICS hint = PG_EXCEPTION_HINT;
    RETURN SQLSTATE || ': ' || hint;
END
$$;

-- ---------------------------------------------------------------------------
-- 1. title_states_plan(title, plan): true, false, or NULL when no numbers
-- ---------------------------------------------------------------------------
SELECT is(title_states_plan(t, p::key_result), expected, what)
  FROM (VALUES
      (1, 'Increase NPS from 20 to 40 for enterprise customers', '20 -> 40', true, 'the numbers are the plan'),
      (2, 'Reduce median first response time from 6h to 45 min', '21600s -> 2700s', true,
          'as values: 6h = 21600 s, 45 min = 2700 s'),
      (3, 'Increase NPS from 20 to 40', '20 -> 40 @ 35', true, 'the current value does not count'),
      (4, 'Increase NPS from 20 to 40', '25 -> 40', false, 'the start differs'),
      (5, 'Increase NPS from 20 to 40', '20 -> 45', false, 'the target differs'),
      (6, 'Make customers love us', '20 -> 40', NULL, 'no numbers: NULL'),
      (7, 'Increase NPS to 40', '20 -> 40', NULL, 'a target without a start is no stated plan'),
      (8, 'Increase NPS from twenty to 40', '20 -> 40', NULL, 'words the grammar cannot read'),
      (9, 'Increase NPS from 20% to 40', '20 -> 40', NULL, 'mixed units are no values, as the type says'),
      (10, 'Increase retention from 73 to 75', '73% -> 75%', true, 'a title that writes no unit states the numbers'),
      (11, 'Increase retention from 73% to 75%', '73 -> 75', false, 'a unit the plan does not have'),
      (12, 'Increase revenue from $2M to $3M', '€2M -> €3M', false, 'another currency'),
      (13, 'Complete onboarding from 0 to 4 milestones', '0 -> 4 milestones', true, 'milestones'),
      (14, 'Increase growth from 5 to 5 regions', '5 -> 6', false, 'from 5 to 5 states numbers, not this plan'),
      (15, 'Increase growth from 5 to 5 regions from 1 to 2', '1 -> 2', true, 'a later pair states the plan'),
      (16, 'Grow from 1 to 2 teams, and NPS from 20 to 40', '20 -> 40', true, 'any pair that states it'),
      (17, 'Reduce time from order to delivery from 5d to 2d', '5 days -> 2 days', true,
           '"from order to" reads no values'),
      (18, 'Increase NPS from 1e400 to 2', '1 -> 2', NULL, 'a number out of float8 range is not read'),
      (19, 'INCREASE NPS FROM 20 TO 40.', '20 -> 40', true, 'any letter case; "40." is a number'),
      (20, '', '20 -> 40', NULL, 'the empty title')
  ) AS t(n, t, p, expected, what)
 ORDER BY n;
SELECT is(title_states_plan(NULL, '20 -> 40'), NULL, 'STRICT: NULL title');
SELECT is(title_states_plan('Increase NPS from 20 to 40', NULL), NULL, 'STRICT: NULL plan');

-- ---------------------------------------------------------------------------
-- 2. restate_title(): the examples
-- ---------------------------------------------------------------------------
SELECT is(restate_title('Increase NPS from 20 to 40 for enterprise customers', '20 -> 40', '30 -> 40',
                        '2026-Q1', '2026-Q2'),
          'Increase NPS from 30 to 40 for enterprise customers', 'only the numbers change; every other word stays');
SELECT is(restate_title('Grow signups from 100 to 200 (stretch: 300)', '100 -> 200', '150 -> 250',
                        '2026-Q1', '2026-Q2'),
          'Grow signups from 150 to 250 (stretch: 300)', 'a qualifier in parentheses keeps its own number');
-- carry_forward('$2M -> $3M', 2350000, 5e6, 2): 2350000 + (5e6 - 2350000) / 2 = 3675000 = 3.675M -> 3.68M
SELECT is(restate_title('Increase revenue from $2M to $3M by end of Q1 2026', '$2M -> $3M',
                        carry_forward('$2M -> $3M', 2350000, 5e6, 2), '2026-Q1', '2026-Q2'),
          'Increase revenue from $2.35M to $3.68M by end of Q2 2026', 'money in M; the quarter and its year move');
SELECT is(restate_title('Reduce churn from 2.4% to 2% by end of Q4', '2.4% -> 2%', '2.2% -> 2%',
                        '2026-Q4', '2027-Q1'),
          'Reduce churn from 2.2% to 2% by end of Q1', 'no year written, none added (Q4 2026 -> Q1 2027)');
SELECT is(title_states_plan('Increase NPS from 20 to 40', '25 -> 40'), false, 'numbers that disagree');
SELECT is(restate_title('Increase NPS from 20 to 40', '25 -> 40', '30 -> 40', '2026-Q1', '2026-Q2'), NULL,
          'are never restated into a lie: NULL');
SELECT is(restate_title('Increase NPS from 20 to 40 by Q1', '25 -> 40', '30 -> 40', '2026-Q1', '2026-Q2'), NULL,
          'not even the quarter moves');
SELECT is(restate_title('Make customers love us by end of Q1', '20 -> 40', '30 -> 40', '2026-Q1', '2026-Q2'),
          'Make customers love us by end of Q2', 'a title without numbers: only the quarter moves');
SELECT is(restate_title('Make customers love us', '20 -> 40', '30 -> 40', '2026-Q1', '2026-Q2'),
          'Make customers love us', 'and without a quarter it stays as written');

-- ---------------------------------------------------------------------------
-- 3. the numbers in the title's own units and words
-- ---------------------------------------------------------------------------
-- carry_forward('6h -> 45min', 7313, 2700, 2) = '2.03h -> 83.44min'; "45 min" keeps its space and word
SELECT is(restate_title('Reduce median first response time from 6h to 45 min', '6h -> 45min',
                        carry_forward('6h -> 45min', 7313, 2700, 2), '2026-Q1', '2026-Q2'),
          'Reduce median first response time from 2.03h to 83.44 min', 'hours stay hours, minutes stay minutes');
SELECT is(restate_title(t, o::key_result, n::key_result, '2026-Q1', '2026-Q2'), expected, what)
  FROM (VALUES
      (1, 'Reduce downtime from 2 hours to 90 minutes', '2h -> 1.5h', '1.5h -> 1h',
          'Reduce downtime from 1.5 hours to 60 minutes', 'unit words stay; 1h is 60 minutes, as the title counts'),
      (2, 'Reduce downtime from 2 hours to 90 minutes', '2h -> 1.5h', '1h -> 30min',
          'Reduce downtime from 1 hour to 30 minutes', 'one hour, singular'),
      (3, 'Reduce build time from 1 HOUR to 30 mins', '1h -> 30min', '2h -> 1min',
          'Reduce build time from 2 HOURS to 1 min', 'the word''s letter case; "mins" for one is "min"'),
      (4, 'Reduce build time from 1 hour to 30 min', '1h -> 30min', '5006.5s -> 1800s',
          'Reduce build time from 5006.5s to 30 min', '5006.5 s is no exact number of hours: as the type prints it'),
      (5, 'Complete onboarding from 0 to 4 milestones', '0 -> 4 milestones', '0 -> 1 milestones',
          'Complete onboarding from 0 to 1 milestone', 'one milestone'),
      (6, 'Increase revenue from $ 2.5M to $3M', '$2.5M -> $3M', '$2.75M -> $3.5M',
          'Increase revenue from $ 2.75M to $3.5M', 'the space after the currency sign stays'),
      (7, 'Increase ARR from 2000000 to 3000000', '$2M -> $3M', '$2.35M -> $3.68M',
          'Increase ARR from 2350000 to 3680000', 'digits where the title wrote digits, no unit where it wrote none'),
      (8, 'Increase reach from 12.5k to 2.35M', '12.5k -> 2.35M', '1.2M -> 3M',
          'Increase reach from 1200k to 3M', 'each value in the scale its own end was written in'),
      (9, 'Cut loss from -$5 to -$2.5M', '-$5 -> -$2.5M', '-$7 -> -$3M',
          'Cut loss from -$7 to -$3M', 'negative money, the sign first'),
      (10, 'Raise balance from $-10 to $+3', '$-10 -> $3', '$2 -> $5',
           'Raise balance from $2 to $+5', 'signs where the title wrote them; a minus gone with the negative'),
      (11, 'Raise balance from $10 to $30', '$10 -> $30', '-$2 -> $5',
           'Raise balance from -$2 to $5', 'a new minus goes first, as the type writes it'),
      (12, 'Increase NPS from 20 to 40.', '20 -> 40', '30 -> 40.5',
           'Increase NPS from 30 to 40.5.', 'the sentence''s period stays'),
      (13, 'Increase NPS FROM 20 TO 40, then 50', '20 -> 40', '30 -> 45',
           'Increase NPS FROM 30 TO 45, then 50', 'FROM and TO as written; the rest after the comma stays'),
      (14, 'Grow from 1 to 2 teams, and NPS from 20 to 40', '20 -> 40', '30 -> 40',
           'Grow from 1 to 2 teams, and NPS from 30 to 40', 'only the pair that states the plan')
  ) AS t(k, t, o, n, expected, what)
 ORDER BY k;

-- ---------------------------------------------------------------------------
-- 4. quarter references: moved when they name the old quarter
-- ---------------------------------------------------------------------------
SELECT is(restate_title(t, '1 -> 2', '2 -> 3', o::quarter, n::quarter), expected, what)
  FROM (VALUES
      (1, 'Ship it by Q3', '2026-Q3', '2026-Q4', 'Ship it by Q4', 'Q3'),
      (2, 'Ship it by end of Q3', '2026-Q3', '2026-Q4', 'Ship it by end of Q4', 'end of Q3'),
      (3, 'Ship it by Q3 2026', '2026-Q3', '2026-Q4', 'Ship it by Q4 2026', 'Q3 2026'),
      (4, 'Ship it by Q3-2026', '2026-Q3', '2026-Q4', 'Ship it by Q4-2026', 'Q3-2026'),
      (5, 'Ship it by 2026-Q3', '2026-Q3', '2026-Q4', 'Ship it by 2026-Q4', '2026-Q3'),
      (6, 'Ship it by 2026 Q3', '2026-Q3', '2026-Q4', 'Ship it by 2026 Q4', '2026 Q3'),
      (7, 'Ship it by 2026Q3', '2026-Q3', '2026-Q4', 'Ship it by 2026Q4', '2026Q3, as the quarter type reads it'),
      (8, 'Ship it by q3 2026', '2026-Q3', '2026-Q4', 'Ship it by q4 2026', 'a lower-case q stays lower case'),
      (9, 'Ship it by Q4 2026', '2026-Q4', '2027-Q1', 'Ship it by Q1 2027', 'the new quarter''s year'),
      (10, 'Ship it by 2026-Q4', '2026-Q4', '2027-Q1', 'Ship it by 2027-Q1', 'the new year, before the quarter'),
      (11, 'Ship it by end of Q4', '2026-Q4', '2027-Q1', 'Ship it by end of Q1', 'no year written, none added'),
      (12, 'Ship it by Q3 2025, then Q4', '2026-Q3', '2026-Q4', 'Ship it by Q3 2025, then Q4',
           'other quarters are left alone'),
      (13, 'Ship it in Q3 and say so in Q3 2026 (2026-Q3)', '2026-Q3', '2026-Q4',
           'Ship it in Q4 and say so in Q4 2026 (2026-Q4)', 'every reference to the old quarter'),
      (14, 'Update the FAQ3 page, Q34 and Q3s', '2026-Q3', '2026-Q4', 'Update the FAQ3 page, Q34 and Q3s',
           'Q3 inside a word is no quarter'),
      (15, 'Q3 2026 Q3 2026', '2026-Q3', '2026-Q4', 'Q4 2026 Q4 2026', 'each year belongs to one reference'),
      (16, 'Été: Q3’s launch', '2026-Q3', '2026-Q4', 'Été: Q4’s launch', 'non-ASCII text around it'),
      (17, 'Ship it by Q3', '2026-Q3', '2026-Q3', 'Ship it by Q3', 'the same quarter: nothing moves')
  ) AS t(k, t, o, n, expected, what)
 ORDER BY k;
SELECT is(restate_title('Grow users from 1000 to 2026 Q3', '1000 -> 2026', '1500 -> 2500', '2026-Q3', '2026-Q4'),
          'Grow users from 1500 to 2500 Q4', 'the stated target is no year');

-- ---------------------------------------------------------------------------
-- 5. Errors and declarations
-- ---------------------------------------------------------------------------
SELECT throws_ok($$ SELECT restate_title('Increase NPS from 20 to 40', '20 -> 40', '30% -> 40%', '2026-Q1', '2026-Q2') $$,
                 '22023', 'restate_title cannot restate a title for a plan of another kind',
                 'a new plan of another unit is refused');
SELECT throws_ok($$ SELECT restate_title('Increase NPS from 20 to 40', '20 -> 40', '30 -> 10', '2026-Q1', '2026-Q2') $$,
                 '22023', 'restate_title cannot restate a title for a plan of another kind',
                 'a new plan that runs the other way would make the verb lie: refused');
SELECT is(pg_temp.error_hint($$ SELECT restate_title('x', '20 -> 40', '30 -> 10', '2026-Q1', '2026-Q2') $$),
          '22023: Restate a title for the plan carry_forward made of the old one: same unit, same direction.',
          'the hint says what fits');
SELECT is(restate_title(NULL, '20 -> 40', '30 -> 40', '2026-Q1', '2026-Q2'), NULL, 'STRICT');
SELECT is((SELECT format('%s %s %s %s', provolatile, proisstrict, proparallel, prorettype::regtype)
             FROM pg_proc WHERE oid = to_regprocedure(sig)), expected, sig)
  FROM (VALUES
      (1, 'okrkpi.title_states_plan(text, okrkpi.key_result)', 'i t s boolean'),
      (2, 'okrkpi.restate_title(text, okrkpi.key_result, okrkpi.key_result, okrkpi.quarter, okrkpi.quarter)', 'i t s text')
  ) AS t(n, sig, expected)
 ORDER BY n;

-- ---------------------------------------------------------------------------
-- 6. Long titles: linear in the length, any shape
-- ---------------------------------------------------------------------------
SET LOCAL statement_timeout = '20s';
CREATE TEMP TABLE long_titles AS
SELECT n, head || repeat(unit, (100000 - length(head) - length(tail)) / length(unit)) || tail AS title
  FROM (VALUES
      (1, 'Increase NPS from ', '1', ' to 2'),
      (2, 'Increase NPS from 21 to 40.', '0', ''),
      (3, '', 'from 1 to x ', 'from 20 to 40 by Q1'),
      (4, '', 'from 5 to 5 ', 'from 20 to 40 by Q1'),
      (5, 'Increase NPS from 20 to 40 ', 'Q1 ', ''),
      (6, 'Increase NPS from 20 to 40 ', 'Q1 2026 ', ''),
      (7, 'Increase NPS from 20 to 40', ' ', 'Q1'),
      (8, 'Increase NPS from 20 to 40 ', '2026-', 'Q1'),
      (9, 'Increase NPS from 20 to 40 ', 'to ', ''),
      (10, '', 'from ', '20 to 40'),
      (11, 'Increase NPS from ', 'x', ' to 40'),
      (12, 'Increase NPS from 20 to 40', ' é', '')
  ) AS t(n, head, unit, tail);
SELECT ok((SELECT min(length(title)) FROM long_titles) > 99990, 'twelve titles of 100 kB');
CREATE TEMP TABLE timed AS SELECT clock_timestamp() AS began;
CREATE TEMP TABLE restated AS
SELECT n, title_states_plan(title, '20 -> 40') AS states,
       restate_title(title, '20 -> 40', '30 -> 40', '2026-Q1', '2026-Q2') AS restated
  FROM long_titles;
SELECT cmp_ok(clock_timestamp() - (SELECT began FROM timed), '<', interval '3 s', 'read and restated in well under a second each');
SELECT is((SELECT string_agg(n || ':' || coalesce(states::text, 'null'), ' ' ORDER BY n) FROM restated),
          '1:null 2:false 3:true 4:true 5:true 6:true 7:true 8:true 9:true 10:true 11:null 12:true',
          'what each states: 111...1 (out of range) and "x" are no values; 21 -> 40.000...0 is not 20 -> 40');
SELECT is((SELECT count(*)::int FROM restated r JOIN long_titles t USING (n)
            WHERE r.restated IS NOT NULL AND length(r.restated) = length(t.title)), 11,
          'every title but the disagreeing one restated, as long as it was (30 for 20; Q2 for Q1)');

-- ---------------------------------------------------------------------------
-- 7. With carry_forward, as a roll-forward uses them: the restated title
--    states the carried plan
-- ---------------------------------------------------------------------------
CREATE TEMP TABLE carried AS
SELECT k, title, plan::key_result AS plan,
       carry_forward(plan::key_result, actual, annual, left_) AS next
  FROM (VALUES
      (1, 'Increase client retention rate from 73% to 75% by end of Q3', '73% -> 75%', 75::float8, 80::float8, 1),
      (2, 'Increase NPS from 20 to 40', '20 -> 40', 30.2, 45, 3),
      (3, 'Reduce median first response time from 6h to 45 min', '6h -> 45min', 7313, 2700, 2),
      (4, 'Grow ARR from $2M to $3M in 2026-Q3', '$2M -> $3M', 2350000, 5e6, 2),
      (5, 'Complete onboarding from 0 to 4 milestones (Q3 2026)', '0 -> 4 milestones', 2, 7, 3)
  ) AS t(k, title, plan, actual, annual, left_);
SELECT is(restate_title(title, plan, next, '2026-Q3', '2026-Q4'), expected, format('%s -> %s', plan, next))
  FROM carried
  JOIN (VALUES
      (1, 'Increase client retention rate from 75% to 80% by end of Q4'),    -- 75 + 5 / 1
      (2, 'Increase NPS from 30.2 to 35.1'),                                 -- 30.2 + 14.8 / 3 = 35.133.. -> 35.1
      (3, 'Reduce median first response time from 2.03h to 83.44 min'),     -- 7313 s = 2.031h; 5006.5 s = 83.441min
      (4, 'Grow ARR from $2.35M to $3.68M in 2026-Q4'),                      -- 3675000 = 3.675M -> 3.68M
      (5, 'Complete onboarding from 2 to 4 milestones (Q4 2026)')            -- 2 + 5 / 3 = 3.67 -> 4, whole
  ) AS e(k, expected) USING (k)
 ORDER BY k;
SELECT ok(bool_and(title_states_plan(restate_title(title, plan, next, '2026-Q3', '2026-Q4'), next)),
          'and every restated title states the carried plan')
  FROM carried;

SELECT * FROM finish();
ROLLBACK;
