-- okrkpi_reader (dashboards/reader.sql) reads the dashboard views and the tables
-- they read, and nothing else: not the override log, no writes, no functions that
-- write.
\ir ../include/setup.sql
SET LOCAL client_min_messages = warning;
SELECT plan(17);
\ir ../../demo/plan.sql
\ir ../../dashboards/reader.sql
SET search_path = okrkpi, public;

SELECT has_role('okrkpi_reader', 'the role exists');
SELECT ok(NOT (SELECT rolcanlogin FROM pg_roles WHERE rolname = 'okrkpi_reader'), 'it cannot log in itself');
\ir ../../dashboards/reader.sql
SELECT pass('reader.sql runs again without error');

SET LOCAL ROLE okrkpi_reader;
SELECT lives_ok($$ SELECT * FROM okrkpi.scoreboard $$, 'reads scoreboard');
SELECT lives_ok($$ SELECT * FROM okrkpi.objective_scores $$, 'reads objective_scores');
SELECT lives_ok($$ SELECT * FROM okrkpi.kpi_board $$, 'reads kpi_board');
SELECT lives_ok($$ SELECT * FROM okrkpi.score_history $$, 'reads score_history');
SELECT is((SELECT count(*)::int FROM okrkpi.scoreboard), 8, 'and sees the plan through them');
-- the views run with the reader's rights (security_invoker), so it reads the tables they
-- read, under their row-level security (test/pgtap/views_row_security.sql)
SELECT is((SELECT count(*)::int FROM okrkpi.key_results), 8, 'reads the key_results table the views read');
SELECT lives_ok($$ SELECT * FROM okrkpi.measurements $$, 'reads the measurements table the views read');
SELECT throws_ok($$ SELECT * FROM okrkpi.overrides $$, '42501', NULL, 'cannot read the overrides table');
SELECT throws_ok($$ INSERT INTO okrkpi.measurements VALUES (1, now(), 1) $$, '42501', NULL, 'cannot insert measurements');
SELECT throws_ok($$ UPDATE okrkpi.cycles SET closed_at = now() $$, '42501', NULL, 'cannot close a cycle');
SELECT ok(NOT bool_or(has_table_privilege('okrkpi_reader', c.oid, 'INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER')),
          'holds no write privilege on any relation of the extension')
FROM pg_class c WHERE c.relnamespace = 'okrkpi'::regnamespace;
SELECT throws_ok($$ SELECT okrkpi.roll_forward('2020-Q2') $$, '42501', NULL, 'cannot roll a (closed) quarter forward');
SELECT throws_ok($$ CREATE TABLE okrkpi.mine (a int) $$, '42501', NULL, 'cannot create objects in schema okrkpi');
SELECT throws_ok($$ CREATE TABLE public.mine (a int) $$, '42501', NULL, 'cannot create objects in schema public');
RESET ROLE;

SELECT * FROM finish();
ROLLBACK;
