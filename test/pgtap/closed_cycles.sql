-- A closed quarter's plan rows are history: its objectives, their key results
-- and their check-ins are not inserted, updated or deleted (nor truncated),
-- moved into or out of it, except by the tables' owner under
-- okrkpi.override_reason, and each such change is logged.  An annual
-- objective's fiscal year is closed once its fourth quarter is.  A planner
-- who does not own the tables gets 55000, and 42501 when it sets a reason;
-- row security that hides the closed quarter from it lets nothing through,
-- and its messages do not name a cycle it cannot read.
\ir ../include/setup.sql
SET LOCAL client_min_messages = warning;
SET LOCAL TimeZone = 'UTC';
SELECT plan(77);

\set planner okr_cc_planner
\ir ../include/planner_role.sql

-- the error a statement raises: SQLSTATE, message, detail and hint
CREATE FUNCTION pg_temp.error_of(sql text) RETURNS text[] LANGUAGE plpgsql AS $$
DECLARE
    state text;
    message text;
    detail text;
    hint text;
BEGIN
    EXECUTE sql;
    RETURN NULL;
EXCEPTION WHEN OTHERS THEN
    GET STACKED DIAGNOSTICS state = RETURNED_SQLSTATE, message = MESSAGE_TEXT,
                            detail = PG_EXCEPTION_DETAIL, hint = PG_EXCEPTION_HINT;
    RETURN ARRAY[state, message, detail, hint];
END
$$;

INSERT INTO okrkpi.cycles (quarter) VALUES ('2031-Q1'), ('2031-Q2');
INSERT INTO okrkpi.objectives (id, quarter, title) VALUES
  (-1, '2031-Q1', 'closing'), (-2, '2031-Q2', 'open'), (-3, '2031-Q2', 'moved later');
INSERT INTO okrkpi.key_results (id, objective_id, title, plan) VALUES
  (-1, -1, 'in the closing quarter', '20 -> 40'),
  (-2, -2, 'in the open quarter', '20 -> 40'),
  (-3, -2, 'moved later', '1 -> 2');
INSERT INTO okrkpi.check_ins (id, key_result_id, at, value, confidence, note) VALUES
  (-1, -1, '2031-02-01', 25, 7, 'on track'),
  (-2, -2, '2031-05-01', 30, 6, 'open');

-- ---------------------------------------------------------------------------
-- Before the quarter closes, everything in it is written freely
-- ---------------------------------------------------------------------------
SET LOCAL ROLE okr_cc_planner;
SELECT lives_ok($$UPDATE okrkpi.objectives SET title = 'closing soon' WHERE id = -1;
                  UPDATE okrkpi.key_results SET title = 'still open' WHERE id = -1;
                  UPDATE okrkpi.check_ins SET note = 'still on track' WHERE id = -1$$,
                'a planner writes the rows of a quarter that is not closed');
RESET ROLE;
SELECT is(okrkpi.closed_cycle('2031-Q1', NULL), NULL, 'closed_cycle: an open quarter is no closed cycle');

UPDATE okrkpi.cycles SET closed_at = '2031-04-01' WHERE quarter = '2031-Q1';

-- ---------------------------------------------------------------------------
-- The lookups
-- ---------------------------------------------------------------------------
SELECT is(okrkpi.closed_cycle('2031-Q1', NULL), '2031-Q1', 'closed_cycle names a closed quarter');
SELECT is(okrkpi.closed_cycle('2031-Q2', NULL), NULL, 'and not an open one');
SELECT is(okrkpi.closed_cycle(NULL, 2031), NULL, 'a fiscal year whose fourth quarter is not closed is open');
SELECT is(okrkpi.closed_cycle(NULL, NULL), NULL, 'no cycle at all is no closed cycle');
SELECT is(ARRAY[(SELECT okrkpi.closed_cycle_of(o) FROM okrkpi.objectives o WHERE id = -1),
                (SELECT okrkpi.closed_cycle_of(k) FROM okrkpi.key_results k WHERE id = -1),
                (SELECT okrkpi.closed_cycle_of(c) FROM okrkpi.check_ins c WHERE id = -1),
                (SELECT okrkpi.closed_cycle_of(c) FROM okrkpi.check_ins c WHERE id = -2)],
          ARRAY['2031-Q1', '2031-Q1', '2031-Q1', NULL],
          'closed_cycle_of: an objective''s own quarter, a key result''s and a check-in''s through their objective');
SELECT is((SELECT array_agg(p.oid::regprocedure::text ORDER BY p.oid::regprocedure::text)
           FROM pg_proc p
           WHERE p.oid IN ('okrkpi.closed_cycle(okrkpi.quarter, integer)'::regprocedure,
                           'okrkpi.closed_cycle_of(okrkpi.objectives)'::regprocedure,
                           'okrkpi.closed_cycle_of(okrkpi.key_results)'::regprocedure,
                           'okrkpi.closed_cycle_of(okrkpi.check_ins)'::regprocedure)
             AND p.provolatile = 's' AND NOT p.prosecdef
             AND 'search_path=pg_catalog, pg_temp' = ANY (p.proconfig)
             AND NOT has_function_privilege('public', p.oid, 'EXECUTE')),
          ARRAY['closed_cycle(quarter,integer)', 'closed_cycle_of(check_ins)',
                'closed_cycle_of(key_results)', 'closed_cycle_of(objectives)'],
          'the lookups are STABLE, not SECURITY DEFINER, pin their search_path, and PUBLIC may not execute them');

-- ---------------------------------------------------------------------------
-- A planner who does not own the tables: 55000, and 42501 with a reason
-- ---------------------------------------------------------------------------
SET LOCAL ROLE okr_cc_planner;
SELECT throws_ok($$SELECT okrkpi.closed_cycle_of(k) FROM okrkpi.key_results k$$, '42501', NULL,
                 'a planner may not call the lookups itself');
SELECT throws_ok($$INSERT INTO okrkpi.objectives (quarter, title) VALUES ('2031-Q1', 'late')$$,
                 '55000', 'quarter 2031-Q1 is closed', 'no objective is added to a closed quarter');
SELECT throws_ok($$UPDATE okrkpi.objectives SET title = 'renamed' WHERE id = -1$$,
                 '55000', 'quarter 2031-Q1 is closed', 'nor is one of its objectives changed');
SELECT throws_ok($$UPDATE okrkpi.objectives SET quarter = '2031-Q2' WHERE id = -1$$,
                 '55000', 'quarter 2031-Q1 is closed', 'nor moved out of it');
SELECT throws_ok($$UPDATE okrkpi.objectives SET quarter = '2031-Q1' WHERE id = -3$$,
                 '55000', 'quarter 2031-Q1 is closed', 'nor is an objective of an open quarter moved into it');
SELECT throws_ok($$DELETE FROM okrkpi.objectives WHERE id = -1$$,
                 '55000', 'quarter 2031-Q1 is closed', 'nor is one of its objectives deleted');
SELECT throws_ok($$INSERT INTO okrkpi.key_results (objective_id, title, plan) VALUES (-1, 'late', '1 -> 2')$$,
                 '55000', 'quarter 2031-Q1 is closed', 'no key result is added to an objective of a closed quarter');
SELECT throws_ok($$UPDATE okrkpi.key_results SET weight = 2 WHERE id = -1$$,
                 '55000', 'quarter 2031-Q1 is closed', 'nor is one of its key results changed');
SELECT throws_ok($$UPDATE okrkpi.key_results SET objective_id = -1 WHERE id = -3$$,
                 '55000', 'quarter 2031-Q1 is closed', 'nor is a key result moved into it');
SELECT throws_ok($$UPDATE okrkpi.key_results SET objective_id = -2 WHERE id = -1$$,
                 '55000', 'quarter 2031-Q1 is closed', 'nor out of it');
SELECT throws_ok($$DELETE FROM okrkpi.key_results WHERE id = -1$$,
                 '23514', 'a key result with a history cannot be deleted',
                 'a key result of a closed quarter is deleted under kr_history''s rule, as before');
SELECT throws_ok($$INSERT INTO okrkpi.check_ins (key_result_id, at, confidence) VALUES (-1, '2031-03-30', 8)$$,
                 '55000', 'quarter 2031-Q1 is closed', 'no check-in is added to a key result of a closed quarter');
SELECT throws_ok($$UPDATE okrkpi.check_ins SET confidence = 9 WHERE id = -1$$,
                 '55000', 'quarter 2031-Q1 is closed', 'nor is one of its check-ins changed');
SELECT throws_ok($$UPDATE okrkpi.check_ins SET key_result_id = -1 WHERE id = -2$$,
                 '55000', 'quarter 2031-Q1 is closed', 'nor is a check-in moved into it');
SELECT throws_ok($$DELETE FROM okrkpi.check_ins WHERE id = -1$$,
                 '55000', 'quarter 2031-Q1 is closed', 'nor is one of its check-ins deleted');
SELECT is(pg_temp.error_of($$UPDATE okrkpi.check_ins SET value = 26 WHERE id = -1$$),
          ARRAY['55000', 'quarter 2031-Q1 is closed',
                'The plan rows of table "check_ins" in a closed quarter or fiscal year are history: they are not inserted, updated or deleted.',
                'To correct history anyway, the table''s owner may SET okrkpi.override_reason = ''...'' first; the change is logged.'],
          'the error: SQLSTATE 55000, the cycle, the table, and the way out');
SELECT lives_ok($$INSERT INTO okrkpi.objectives (quarter, title) VALUES ('2031-Q2', 'next');
                  UPDATE okrkpi.key_results SET weight = 2 WHERE id = -2;
                  INSERT INTO okrkpi.check_ins (key_result_id, at, confidence) VALUES (-2, '2031-05-08', 6);
                  DELETE FROM okrkpi.check_ins WHERE key_result_id = -2 AND at = '2031-05-08'$$,
                'the open quarter is written freely');
SET LOCAL okrkpi.override_reason = 'I know better';
SELECT throws_ok($$UPDATE okrkpi.objectives SET title = 'renamed' WHERE id = -1$$, '42501',
                 'permission denied to override the rule "closed quarters are history" on table "objectives"',
                 'a planner who does not own the table may not override');
SELECT throws_ok($$INSERT INTO okrkpi.key_results (objective_id, title, plan) VALUES (-1, 'late', '1 -> 2')$$,
                 '42501', NULL, 'not for a key result');
SELECT throws_ok($$DELETE FROM okrkpi.check_ins WHERE id = -1$$, '42501', NULL, 'nor for a check-in');
RESET okrkpi.override_reason;
RESET ROLE;
SELECT is((SELECT count(*) FROM okrkpi.overrides), 0::bigint, 'nothing refused was logged');

-- ---------------------------------------------------------------------------
-- The owner: refused without a reason, allowed and logged with one
-- ---------------------------------------------------------------------------
SELECT throws_ok($$UPDATE okrkpi.check_ins SET value = 26 WHERE id = -1$$, '55000',
                 'quarter 2031-Q1 is closed', 'the owner without a reason is refused too');
SET LOCAL okrkpi.override_reason = 'the check-in was typed into the wrong key result';
SELECT lives_ok($$UPDATE okrkpi.check_ins SET value = 26 WHERE id = -1$$, 'the owner corrects a check-in under an override');
SELECT lives_ok($$INSERT INTO okrkpi.check_ins (id, key_result_id, at, value, confidence) VALUES (-3, -1, '2031-03-31', 27, 8)$$,
                'adds one');
SELECT lives_ok($$DELETE FROM okrkpi.check_ins WHERE id = -3$$, 'and deletes it again');
SELECT lives_ok($$UPDATE okrkpi.objectives SET title = 'closed' WHERE id = -1$$, 'renames an objective');
SELECT lives_ok($$UPDATE okrkpi.key_results SET objective_id = -1 WHERE id = -3$$, 'moves a key result into the closed quarter');
RESET okrkpi.override_reason;
SELECT is((SELECT array_agg(ARRAY[table_name, row_key, change->>'operation', change->>'rule', by_role,
                                  change->>'session_role'] ORDER BY id)
           FROM okrkpi.overrides WHERE reason = 'the check-in was typed into the wrong key result'),
          ARRAY[ARRAY['okrkpi.check_ins', '-1', 'UPDATE', 'closed quarters are history', current_user, session_user],
                ARRAY['okrkpi.check_ins', '-3', 'INSERT', 'closed quarters are history', current_user, session_user],
                ARRAY['okrkpi.check_ins', '-3', 'DELETE', 'closed quarters are history', current_user, session_user],
                ARRAY['okrkpi.objectives', '-1', 'UPDATE', 'closed quarters are history', current_user, session_user],
                ARRAY['okrkpi.key_results', '-3', 'UPDATE', 'closed quarters are history', current_user, session_user]]::text[],
          'each change is logged: table, row, operation, rule, role');
SELECT is((SELECT array_agg(ARRAY[change->'old', change->'new'] ORDER BY id)
           FROM okrkpi.overrides WHERE reason = 'the check-in was typed into the wrong key result'),
          ARRAY[ARRAY[jsonb_build_object('key_result_id', -1, 'at', '2031-02-01T00:00:00+00:00', 'value', 25, 'confidence', 7,
                                         'note', 'still on track', 'author', current_user),
                      jsonb_build_object('key_result_id', -1, 'at', '2031-02-01T00:00:00+00:00', 'value', 26, 'confidence', 7,
                                         'note', 'still on track', 'author', current_user)],
                ARRAY['null'::jsonb,
                      jsonb_build_object('key_result_id', -1, 'at', '2031-03-31T00:00:00+00:00', 'value', 27, 'confidence', 8,
                                         'note', NULL, 'author', current_user)],
                ARRAY[jsonb_build_object('key_result_id', -1, 'at', '2031-03-31T00:00:00+00:00', 'value', 27, 'confidence', 8,
                                         'note', NULL, 'author', current_user),
                      'null'::jsonb],
                ARRAY[jsonb_build_object('quarter', '2031-Q1', 'fiscal_year', NULL, 'title', 'closing soon',
                                         'parent_id', NULL, 'owner', NULL, 'weight', 1),
                      jsonb_build_object('quarter', '2031-Q1', 'fiscal_year', NULL, 'title', 'closed',
                                         'parent_id', NULL, 'owner', NULL, 'weight', 1)],
                ARRAY[jsonb_build_object('objective_id', -2, 'metric_id', NULL, 'title', 'moved later', 'plan', '1 -> 2',
                                         'kpi_id', NULL, 'weight', 1, 'owner', NULL),
                      jsonb_build_object('objective_id', -1, 'metric_id', NULL, 'title', 'moved later', 'plan', '1 -> 2',
                                         'kpi_id', NULL, 'weight', 1, 'owner', NULL)]],
          'with the old and new values of the columns the trigger names (null for the row an INSERT adds or a DELETE removes)');
SELECT is((SELECT value FROM okrkpi.check_ins WHERE id = -1), 26::float8, 'and made');

-- ---------------------------------------------------------------------------
-- TRUNCATE
-- ---------------------------------------------------------------------------
SELECT is(pg_temp.error_of('TRUNCATE okrkpi.check_ins'),
          ARRAY['55000', 'quarter 2031-Q1 is closed: table "check_ins" cannot be truncated',
                'The plan rows of table "check_ins" in a closed quarter or fiscal year are history: TRUNCATE would remove them.',
                'DELETE the rows of open quarters instead. To remove them anyway, the table''s owner may SET okrkpi.override_reason = ''...'' first; each one is logged.'],
          'TRUNCATE of check_ins is refused while a check-in of a closed quarter exists');
SELECT throws_ok('TRUNCATE okrkpi.objectives CASCADE', '55000',
                 'quarter 2031-Q1 is closed: table "objectives" cannot be truncated',
                 'so is TRUNCATE of objectives');

-- ---------------------------------------------------------------------------
-- Row security that hides the closed quarter from the planner
-- ---------------------------------------------------------------------------
ALTER TABLE okrkpi.cycles ENABLE ROW LEVEL SECURITY;
ALTER TABLE okrkpi.objectives ENABLE ROW LEVEL SECURITY;
ALTER TABLE okrkpi.key_results ENABLE ROW LEVEL SECURITY;
ALTER TABLE okrkpi.check_ins ENABLE ROW LEVEL SECURITY;
CREATE POLICY open_only ON okrkpi.cycles TO okr_cc_planner USING (closed_at IS NULL) WITH CHECK (true);
CREATE POLICY open_only ON okrkpi.objectives TO okr_cc_planner
    USING (quarter IS DISTINCT FROM '2031-Q1') WITH CHECK (true);
CREATE POLICY open_only ON okrkpi.key_results TO okr_cc_planner
    USING (objective_id NOT IN (-1)) WITH CHECK (true);
CREATE POLICY open_only ON okrkpi.check_ins TO okr_cc_planner
    USING (key_result_id NOT IN (-1, -3)) WITH CHECK (true);
SET LOCAL ROLE okr_cc_planner;
SELECT is((SELECT count(*) FROM okrkpi.objectives WHERE id = -1) + (SELECT count(*) FROM okrkpi.key_results WHERE id = -1)
          + (SELECT count(*) FROM okrkpi.cycles WHERE closed_at IS NOT NULL),
          0::bigint, 'row security hides the closed quarter, its objective and key result from the planner');
SELECT is(pg_temp.error_of($$INSERT INTO okrkpi.check_ins (key_result_id, at, confidence) VALUES (-1, '2031-03-30', 8)$$),
          ARRAY['55000', 'the quarter or fiscal year of this row is closed',
                'The plan rows of table "check_ins" in a closed quarter or fiscal year are history: they are not inserted, updated or deleted.',
                'To correct history anyway, the table''s owner may SET okrkpi.override_reason = ''...'' first; the change is logged.'],
          'a check-in for a hidden key result of a closed quarter is still refused, without naming the quarter');
SELECT throws_ok($$INSERT INTO okrkpi.key_results (objective_id, title, plan) VALUES (-1, 'late', '1 -> 2')$$,
                 '55000', 'the quarter or fiscal year of this row is closed',
                 'so is a key result for a hidden objective of a closed quarter');
SELECT throws_ok($$INSERT INTO okrkpi.objectives (quarter, title) VALUES ('2031-Q1', 'late')$$,
                 '55000', 'the quarter or fiscal year of this row is closed',
                 'and an objective for a hidden closed quarter');
SELECT throws_ok($$UPDATE okrkpi.check_ins SET key_result_id = -1 WHERE id = -2$$,
                 '55000', 'the quarter or fiscal year of this row is closed',
                 'a visible check-in is not moved into it either');
SET LOCAL okrkpi.override_reason = 'nobody can see it anyway';
SELECT throws_ok($$INSERT INTO okrkpi.check_ins (key_result_id, at, confidence) VALUES (-1, '2031-03-30', 8)$$,
                 '42501', NULL, 'and a reason does not help a planner who does not own the table');
RESET okrkpi.override_reason;
RESET ROLE;
SELECT is((SELECT count(*) FROM okrkpi.check_ins WHERE key_result_id = -1), 1::bigint, 'no check-in got through');
DROP POLICY open_only ON okrkpi.cycles;
DROP POLICY open_only ON okrkpi.objectives;
DROP POLICY open_only ON okrkpi.key_results;
DROP POLICY open_only ON okrkpi.check_ins;
ALTER TABLE okrkpi.cycles DISABLE ROW LEVEL SECURITY;
ALTER TABLE okrkpi.objectives DISABLE ROW LEVEL SECURITY;
ALTER TABLE okrkpi.key_results DISABLE ROW LEVEL SECURITY;
ALTER TABLE okrkpi.check_ins DISABLE ROW LEVEL SECURITY;

-- A planner that may read the tables without row security is told the cycle,
-- as above; one that may not read the objectives' quarter is not.
REVOKE SELECT ON okrkpi.objectives FROM okr_cc_planner;
GRANT SELECT (id, title, parent_id) ON okrkpi.objectives TO okr_cc_planner;
SET LOCAL ROLE okr_cc_planner;
SELECT throws_ok($$UPDATE okrkpi.check_ins SET confidence = 9 WHERE id = -1$$,
                 '55000', 'the quarter or fiscal year of this row is closed',
                 'a planner who may not read the objectives'' quarter is not told it');
RESET ROLE;
GRANT SELECT ON okrkpi.objectives TO okr_cc_planner;

-- ---------------------------------------------------------------------------
-- A restore: the owner's COPY FROM brings closed quarters back, unlogged
-- ---------------------------------------------------------------------------
COPY okrkpi.check_ins (id, key_result_id, at, value, confidence) FROM stdin WITH (FORMAT csv);
-4,-1,2031-03-15,25.5,7
\.
SELECT is((SELECT count(*) FROM okrkpi.check_ins WHERE id = -4), 1::bigint,
          'the owner''s COPY FROM loads a check-in of a closed quarter, as a restore does');
SELECT is((SELECT count(*) FROM okrkpi.overrides WHERE table_name = 'okrkpi.check_ins' AND row_key = '-4'), 0::bigint,
          'without logging it');

-- ---------------------------------------------------------------------------
-- Annual objectives: writable until the fiscal year's fourth quarter closes
-- ---------------------------------------------------------------------------
INSERT INTO okrkpi.cycles (quarter) VALUES ('2032-Q1'), ('2032-Q2'), ('2032-Q3'), ('2032-Q4');
INSERT INTO okrkpi.metrics (id, name) VALUES (-1, 'yearly metric');
INSERT INTO okrkpi.kpis (id, metric_id, title, threshold, annual_target, target_date, since)
VALUES (-1, -1, 'yearly KPI', '>= 40', 80, '2033-12-31', '2031-01-01');
INSERT INTO okrkpi.objectives (id, fiscal_year, title) VALUES (-10, 2032, 'a year''s objective');
INSERT INTO okrkpi.objectives (id, quarter, title) VALUES (-11, '2032-Q4', 'the last quarter''s objective');
INSERT INTO okrkpi.key_results (id, objective_id, title, plan) VALUES (-10, -10, 'all year', '1 -> 10');
INSERT INTO okrkpi.key_results (id, objective_id, metric_id, kpi_id, title, plan)
VALUES (-11, -11, -1, -1, 'carried into 2033', '20 -> 40');
INSERT INTO okrkpi.measurements (metric_id, at, value) VALUES (-1, '2032-12-15', 30);
-- quarters close in order: 2031-Q2 first (it carries nothing; the empty 2031-Q3 it opens is removed)
UPDATE okrkpi.cycles SET closed_at = '2031-07-01' WHERE quarter = '2031-Q2';
DELETE FROM okrkpi.cycles WHERE quarter = '2031-Q3';
UPDATE okrkpi.cycles SET closed_at = '2032-04-01' WHERE quarter = '2032-Q1';
UPDATE okrkpi.cycles SET closed_at = '2032-07-01' WHERE quarter = '2032-Q2';
UPDATE okrkpi.cycles SET closed_at = '2032-10-01' WHERE quarter = '2032-Q3';
SELECT is(okrkpi.closed_cycle(NULL, 2032), NULL, 'three quarters of fiscal year 2032 closed: the year is open');
SET LOCAL ROLE okr_cc_planner;
SELECT lives_ok($$UPDATE okrkpi.objectives SET title = 'the year''s objective' WHERE id = -10;
                  INSERT INTO okrkpi.key_results (id, objective_id, title, plan) VALUES (-12, -10, 'added in Q4', '0 -> 3');
                  INSERT INTO okrkpi.check_ins (key_result_id, at, confidence) VALUES (-10, '2032-11-01', 6)$$,
                'an annual objective, its key results and check-ins are written while the fourth quarter is open');
RESET ROLE;
SELECT lives_ok($$UPDATE okrkpi.cycles SET closed_at = '2033-01-01' WHERE quarter = '2032-Q4'$$,
                'closing the fourth quarter');
SELECT is((SELECT array[o.quarter::text, k.plan::text] FROM okrkpi.key_results k JOIN okrkpi.objectives o ON o.id = k.objective_id
           WHERE k.rolled_from = -11),
          ARRAY['2033-Q1', '30 -> 42.5'],
          'rolls its KPI-linked key result forward into the next, open quarter');
SELECT is(okrkpi.closed_cycle(NULL, 2032), 'FY2032', 'and closes fiscal year 2032');
SELECT is((SELECT okrkpi.closed_cycle_of(k) FROM okrkpi.key_results k WHERE id = -12), 'FY2032',
          'closed_cycle_of a key result of an annual objective is its fiscal year');
SET LOCAL ROLE okr_cc_planner;
SELECT throws_ok($$UPDATE okrkpi.objectives SET title = 'renamed' WHERE id = -10$$,
                 '55000', 'fiscal year 2032 is closed', 'the annual objective is read-only now');
SELECT throws_ok($$UPDATE okrkpi.objectives SET fiscal_year = 2033 WHERE id = -10$$,
                 '55000', 'fiscal year 2032 is closed', 'and stays in its year');
SELECT throws_ok($$INSERT INTO okrkpi.objectives (fiscal_year, title) VALUES (2032, 'late')$$,
                 '55000', 'fiscal year 2032 is closed', 'no annual objective is added to the closed year');
SELECT throws_ok($$INSERT INTO okrkpi.key_results (objective_id, title, plan) VALUES (-10, 'late', '1 -> 2')$$,
                 '55000', 'fiscal year 2032 is closed', 'nor a key result to it');
SELECT throws_ok($$UPDATE okrkpi.key_results SET title = 'renamed' WHERE id = -10$$,
                 '55000', 'fiscal year 2032 is closed', 'its key results are read-only');
SELECT throws_ok($$INSERT INTO okrkpi.check_ins (key_result_id, at, confidence) VALUES (-10, '2032-12-20', 6)$$,
                 '55000', 'fiscal year 2032 is closed', 'and take no check-in');
SELECT throws_ok($$DELETE FROM okrkpi.check_ins WHERE key_result_id = -10$$,
                 '55000', 'fiscal year 2032 is closed', 'nor lose one');
SELECT throws_ok($$UPDATE okrkpi.key_results SET title = 'renamed' WHERE id = -11$$,
                 '55000', 'quarter 2032-Q4 is closed', 'the fourth quarter''s own key results are read-only');
SELECT lives_ok($$INSERT INTO okrkpi.objectives (fiscal_year, title) VALUES (2033, 'next year');
                  UPDATE okrkpi.key_results SET title = 'carried' WHERE rolled_from = -11$$,
                'the next fiscal year and the next quarter are written freely');
RESET ROLE;
SET LOCAL okrkpi.override_reason = 'the annual objective was misnamed';
SELECT lives_ok($$UPDATE okrkpi.objectives SET title = 'a misnamed year''s objective' WHERE id = -10$$,
                'the owner renames the annual objective under an override');
RESET okrkpi.override_reason;
SELECT is((SELECT array[table_name, row_key, change->>'operation', change->'old'->>'fiscal_year', change->'new'->>'title']
           FROM okrkpi.overrides WHERE reason = 'the annual objective was misnamed'),
          ARRAY['okrkpi.objectives', '-10', 'UPDATE', '2032', 'a misnamed year''s objective'],
          'and it is logged');

-- ---------------------------------------------------------------------------
-- Misuse
-- ---------------------------------------------------------------------------
CREATE TABLE pg_temp.elsewhere (id int PRIMARY KEY);
CREATE TRIGGER closed BEFORE INSERT ON pg_temp.elsewhere FOR EACH ROW EXECUTE FUNCTION okrkpi.keep_closed_cycles();
SELECT throws_ok('INSERT INTO pg_temp.elsewhere VALUES (1)', '42883',
                 NULL, 'a table without a closed_cycle_of() overload is refused clearly');
SELECT alike((pg_temp.error_of('INSERT INTO pg_temp.elsewhere VALUES (1)'))[2],
            'keep_closed_cycles: table "elsewhere" has no function okrkpi.closed_cycle_of(%)',
            'naming the table and the function it needs');
DROP TRIGGER closed ON pg_temp.elsewhere;
-- its arguments and firing are checked when the trigger is created (trigger_arguments.sql)
SELECT throws_ok($$CREATE TRIGGER closed BEFORE INSERT ON pg_temp.elsewhere FOR EACH ROW
                   EXECUTE FUNCTION okrkpi.keep_closed_cycles('max=3')$$, '22023',
                 'keep_closed_cycles: unknown argument role "max"', 'it limits nothing: no max=');
SELECT throws_ok($$CREATE TRIGGER closed AFTER INSERT ON pg_temp.elsewhere FOR EACH ROW
                   EXECUTE FUNCTION okrkpi.keep_closed_cycles()$$, '39P01', NULL, 'it fires BEFORE');
SELECT throws_ok($$CREATE TRIGGER closed_title BEFORE UPDATE OF title ON okrkpi.objectives FOR EACH ROW
                   EXECUTE FUNCTION okrkpi.keep_closed_cycles()$$, '39P01',
                 'keep_closed_cycles: the trigger fires on UPDATE OF some columns only',
                 'and on every UPDATE: every column of a closed quarter''s row is history');
ALTER FUNCTION okrkpi.closed_cycle_of(okrkpi.check_ins) OWNER TO okr_cc_planner;
SELECT throws_ok($$UPDATE okrkpi.check_ins SET confidence = 5 WHERE id = -2$$, '42501',
                 'the owner of function closed_cycle_of(check_ins) lacks the rights of the owner of table "check_ins"',
                 'a lookup owned by a role with fewer rights than the table''s owner is never run as that owner');
ALTER FUNCTION okrkpi.closed_cycle_of(okrkpi.check_ins) OWNER TO CURRENT_USER;
SELECT is((SELECT array_agg(a.attname::text ORDER BY a.attnum)
           FROM pg_trigger t
           JOIN pg_depend d ON d.classid = 'pg_trigger'::regclass AND d.objid = t.oid AND d.refobjsubid > 0
           JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
           WHERE t.tgrelid = 'okrkpi.check_ins'::regclass AND t.tgname = 'closed_cycle'),
          ARRAY['key_result_id', 'at', 'value', 'confidence', 'note', 'author'],
          'the trigger depends on the columns it logs, so they cannot be dropped or renamed from under it');

-- ---------------------------------------------------------------------------
-- TRUNCATE under an override (last: it empties check_ins)
-- ---------------------------------------------------------------------------
-- a check-in of the open quarter 2033-Q1, which is no history
INSERT INTO okrkpi.check_ins (key_result_id, at, confidence)
SELECT r.id, '2033-01-15', 5 FROM okrkpi.key_results r JOIN okrkpi.objectives o ON o.id = r.objective_id
WHERE o.quarter = '2033-Q1';
SET LOCAL okrkpi.override_reason = 'starting over';
SELECT lives_ok('TRUNCATE okrkpi.check_ins', 'the owner truncates check-ins under an override');
RESET okrkpi.override_reason;
SELECT is((SELECT array_agg((change->'old'->>'key_result_id') || ' ' || (change->>'operation') ORDER BY row_key)
           FROM okrkpi.overrides WHERE reason = 'starting over'),
          ARRAY['-1 TRUNCATE', '-2 TRUNCATE', '-1 TRUNCATE', '-10 TRUNCATE'],
          'each check-in of a closed quarter or fiscal year (2031-Q1, 2031-Q2, FY2032) is logged, and only those (not 2033-Q1''s)');
SELECT is((SELECT count(*) FROM okrkpi.check_ins), 0::bigint, 'and the table is empty');

SELECT * FROM finish();
ROLLBACK;
