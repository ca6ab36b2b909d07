-- The log= table of an override (doc/security.md, "Where overrides are
-- recorded"): no code of a less trusted role runs with the rights the row is
-- written with, only okrkpi's own row gets in, a renamed log table stops the
-- overrides, and a log row holds the key and the guarded columns only.
\ir ../include/setup.sql
SET LOCAL client_min_messages = warning;
SELECT plan(25);
-- Every change below that a rule forbids is tried as an override: the tests
-- are about where and how it is logged.
SET LOCAL okrkpi.override_reason = 'a mistake was made';

CREATE ROLE h2_owner;         -- owns the guarded tables
CREATE ROLE h2_auditor;       -- owns a log table, has none of the owner's rights
CREATE ROLE h2_trigger;       -- was granted ALL (TRIGGER included) on a log table
GRANT USAGE ON SCHEMA okrkpi TO h2_owner, h2_auditor, h2_trigger;
GRANT CREATE ON SCHEMA public TO h2_auditor, h2_trigger;

-- What a trigger of a less trusted role tries, with the writer's rights.
CREATE FUNCTION public.h2_escalate() RETURNS trigger LANGUAGE plpgsql
  SET search_path = pg_catalog, pg_temp AS $f$
BEGIN
    EXECUTE pg_catalog.format('ALTER ROLE %I SUPERUSER', TG_ARGV[0]);
    RETURN NEW;
END $f$;
GRANT EXECUTE ON FUNCTION public.h2_escalate() TO PUBLIC;

-- A guarded table with one row, logging overrides of its start to log.
CREATE FUNCTION pg_temp.goals_logging_to(goals text, log text) RETURNS void LANGUAGE plpgsql AS $f$
BEGIN
    EXECUTE format('CREATE TABLE %s (id int PRIMARY KEY, s numeric, t numeric)', goals);
    EXECUTE format('CREATE TRIGGER rules BEFORE INSERT OR UPDATE ON %s FOR EACH ROW '
                   'EXECUTE FUNCTION okrkpi.check_key_result(''start=s'', ''target=t'', %L)', goals, 'log=' || log);
    EXECUTE format('INSERT INTO %s VALUES (1, 1, 2)', goals);
END $f$;

-- 1. A log table whose owner lacks the writer's rights is refused (42501),
--    even when it carries the guard: its triggers, defaults and policies
--    would run as the guarded table's owner, here a superuser.
CREATE TABLE public.audit_log (at timestamptz, by_role text, reason text, table_name text, row_key text, change jsonb);
CREATE TRIGGER guard BEFORE INSERT OR UPDATE OR DELETE ON public.audit_log FOR EACH ROW
  EXECUTE FUNCTION okrkpi.guard_override_log();
ALTER TABLE public.audit_log OWNER TO h2_auditor;
GRANT INSERT ON public.audit_log TO PUBLIC;
SET LOCAL ROLE h2_auditor;
CREATE TRIGGER z_escalate AFTER INSERT ON public.audit_log FOR EACH ROW
  EXECUTE FUNCTION public.h2_escalate('h2_auditor');
RESET ROLE;
SELECT pg_temp.goals_logging_to('public.su_goals', 'public.audit_log');
SELECT throws_ok($$ UPDATE public.su_goals SET s = 0 WHERE id = 1 $$, '42501',
                 'the owner of the override log table public.audit_log lacks the rights of the owner of table public.su_goals',
                 'a log table owned by a role without the guarded table owner''s rights is refused');
SELECT is((SELECT rolsuper FROM pg_roles WHERE rolname = 'h2_auditor'), false,
          'the log table owner''s trigger never ran with the superuser''s rights');
SELECT is((SELECT count(*)::int FROM public.audit_log), 0, 'and nothing was logged');

-- 2. A log table the writer may trust, to which a role granted TRIGGER added
--    a trigger of its own: refused (42P17) before any row is written.
ALTER TABLE public.audit_log OWNER TO CURRENT_USER;
DROP TRIGGER z_escalate ON public.audit_log;
GRANT ALL ON public.audit_log TO h2_trigger;
SET LOCAL ROLE h2_trigger;
CREATE TRIGGER a_escalate BEFORE INSERT ON public.audit_log FOR EACH ROW
  EXECUTE FUNCTION public.h2_escalate('h2_trigger');
RESET ROLE;
SELECT throws_ok($$ UPDATE public.su_goals SET s = 0 WHERE id = 1 $$, '42P17',
                 'the override log table public.audit_log of table public.su_goals has the trigger "a_escalate"',
                 'a log table carrying a trigger other than the guard is refused');
SELECT is((SELECT rolsuper FROM pg_roles WHERE rolname = 'h2_trigger'), false,
          'the trigger of the role granted TRIGGER never ran with the writer''s rights');
DROP TRIGGER a_escalate ON public.audit_log;
SELECT lives_ok($$ UPDATE public.su_goals SET s = 0 WHERE id = 1 $$,
                'with the guard alone, the override is logged');
SELECT is((SELECT count(*)::int FROM public.audit_log), 1, 'one row');

-- A rule on the log table could add or divert rows: refused too.
CREATE TABLE public.rule_sink (reason text);
CREATE RULE copy_it AS ON INSERT TO public.audit_log DO ALSO
  INSERT INTO public.rule_sink VALUES (NEW.reason);
SELECT throws_ok($$ UPDATE public.su_goals SET s = 1 WHERE id = 1 $$, '42P17',
                 'the override log table public.audit_log of table public.su_goals has rules',
                 'a log table with a rule is refused');
SELECT is((SELECT count(*)::int FROM public.rule_sink), 0, 'and the rule never ran');
DROP RULE copy_it ON public.audit_log;

-- A partitioned log table routes rows to partitions with triggers and owners
-- of their own: only an ordinary table is accepted (42809).
CREATE TABLE public.parted_log (at timestamptz, by_role text, reason text, table_name text, row_key text, change jsonb)
  PARTITION BY RANGE (at);
CREATE TABLE public.parted_log_all PARTITION OF public.parted_log DEFAULT;
CREATE TRIGGER guard BEFORE INSERT OR UPDATE OR DELETE ON public.parted_log FOR EACH ROW
  EXECUTE FUNCTION okrkpi.guard_override_log();
SELECT pg_temp.goals_logging_to('public.su_goals2', 'public.parted_log');
SELECT throws_ok($$ UPDATE public.su_goals2 SET s = 0 WHERE id = 1 $$, '42809',
                 'the override log public.parted_log of table public.su_goals2 is not an ordinary table',
                 'a partitioned log table is refused');

-- 3. Only okrkpi's own row gets in.  The log table's owner (the guarded
--    table's owner) has a column default that inserts a second row while the
--    override is logged: the guard lets one row in, not two (42501).
CREATE TABLE public.goal_log (at timestamptz, by_role text, reason text, table_name text, row_key text,
                              change jsonb, note text);
CREATE TRIGGER guard BEFORE INSERT OR UPDATE OR DELETE ON public.goal_log FOR EACH ROW
  EXECUTE FUNCTION okrkpi.guard_override_log();
CREATE FUNCTION public.h2_forge() RETURNS text LANGUAGE plpgsql
  SET search_path = pg_catalog, pg_temp AS $f$
BEGIN
    INSERT INTO public.goal_log (by_role, reason, table_name, row_key, change, note)
      VALUES ('somebody_else', 'forged', 'public.other', '1', '{}', 'forged');
    RETURN 'default';
END $f$;
SELECT pg_temp.goals_logging_to('public.goals', 'public.goal_log');
ALTER TABLE public.goal_log ALTER COLUMN note SET DEFAULT public.h2_forge();
ALTER TABLE public.goals OWNER TO h2_owner;
ALTER TABLE public.goal_log OWNER TO h2_owner;
ALTER FUNCTION public.h2_forge() OWNER TO h2_owner;
SET LOCAL ROLE h2_owner;
SELECT throws_ok($$ UPDATE public.goals SET s = 0 WHERE id = 1 $$, '42501',
                 'table "goal_log" is written only by okrkpi''s override logging',
                 'a second row inserted while the override is logged is refused, and the override with it');
RESET ROLE;
SELECT is((SELECT count(*)::int FROM public.goal_log), 0, 'no forged row got in');
ALTER TABLE public.goal_log ALTER COLUMN note DROP DEFAULT;
SET LOCAL ROLE h2_owner;
SELECT lives_ok($$ UPDATE public.goals SET s = 0 WHERE id = 1 $$, 'without the default, the override is logged');
RESET ROLE;
SELECT is((SELECT count(*)::int FROM public.goal_log), 1, 'as one row');

-- 4. A renamed log table, and an unguarded table in its place: overrides
--    fail (55000) until a guarded table carries the name again.
ALTER TABLE public.goal_log RENAME TO goal_log_old;
CREATE TABLE public.goal_log (at timestamptz, by_role text, reason text, table_name text, row_key text, change jsonb);
ALTER TABLE public.goal_log OWNER TO h2_owner;
SET LOCAL ROLE h2_owner;
SELECT throws_ok($$ UPDATE public.goals SET s = 1 WHERE id = 1 $$, '55000',
                 'the override log table public.goal_log of table public.goals is not guarded',
                 'after the log table was renamed, an unguarded table of the old name gets no override');
RESET ROLE;
SELECT is((SELECT count(*)::int FROM public.goal_log), 0, 'nothing was written to the unguarded table');
SELECT is((SELECT count(*)::int FROM public.goal_log_old), 1, 'nor to the renamed one');
CREATE TRIGGER guard BEFORE INSERT OR UPDATE OR DELETE ON public.goal_log FOR EACH ROW
  EXECUTE FUNCTION okrkpi.guard_override_log();
ALTER TABLE public.goal_log DISABLE TRIGGER guard;
SET LOCAL ROLE h2_owner;
SELECT throws_ok($$ UPDATE public.goals SET s = 1 WHERE id = 1 $$, '55000', NULL,
                 'a disabled guard guards nothing');
RESET ROLE;
ALTER TABLE public.goal_log ENABLE TRIGGER guard;
SET LOCAL ROLE h2_owner;
SELECT lives_ok($$ UPDATE public.goals SET s = 1 WHERE id = 1 $$,
                'once the table of that name is guarded, overrides are logged there');
RESET ROLE;
SELECT is((SELECT count(*)::int FROM public.goal_log), 1, 'one row in the guarded table');

-- 5. A log row holds the row's key and the columns the trigger names, old
--    and new, and nothing else of the row.
CREATE TABLE public.deals (id int PRIMARY KEY, customer_ssn text, s numeric, t numeric, obj int);
CREATE TRIGGER rules BEFORE INSERT OR UPDATE ON public.deals FOR EACH ROW
  EXECUTE FUNCTION okrkpi.check_key_result('start=s', 'target=t', 'log=public.audit_log');
INSERT INTO public.deals VALUES (7, '123-45-6789', 1, 2, 3);
UPDATE public.deals SET s = 1.5, customer_ssn = '987-65-4321' WHERE id = 7;
SELECT results_eq($$ SELECT row_key, change -> 'old', change -> 'new', change ->> 'operation'
                     FROM public.audit_log WHERE table_name = 'public.deals' $$,
                  $$ VALUES ('7', '{"s": 1, "t": 2}'::jsonb, '{"s": 1.5, "t": 2}'::jsonb, 'UPDATE') $$,
                  'the key, and the old and new values of the named columns only');
SELECT is((SELECT count(*)::int FROM public.audit_log
           WHERE change::text LIKE '%-45-%' OR change::text LIKE '%-65-%' OR (change -> 'old') ? 'obj'), 0,
          'no other column of the row appears in the log');

-- The embedded plan: a young KPI deleted under an override logs the columns
-- its check_kpi trigger names (threshold, since, retired_at and the frozen=
-- columns metric_id, annual_target, target_date), not its title.
INSERT INTO okrkpi.metrics (name) VALUES ('h2 metric');
INSERT INTO okrkpi.kpis (metric_id, title, threshold, since)
  SELECT id, 'secret title', '>= 1', DATE '2026-01-01' FROM okrkpi.metrics WHERE name = 'h2 metric';
DELETE FROM okrkpi.kpis WHERE title = 'secret title';
SELECT results_eq($$ SELECT change -> 'old', change -> 'new' FROM okrkpi.overrides
                     WHERE change ->> 'operation' = 'DELETE' $$,
                  $$ SELECT jsonb_build_object('metric_id', id, 'threshold', '>= 1', 'annual_target', NULL,
                                               'target_date', NULL, 'since', '2026-01-01', 'retired_at', NULL), 'null'::jsonb
                     FROM okrkpi.metrics WHERE name = 'h2 metric' $$,
                  'okrkpi.overrides: the named and frozen columns of the deleted KPI, not its title');

-- 6. A log= table its owner may not insert into is neither locked nor
--    prepared (preparing an INSERT locks it): a role cannot hold a lock on
--    somebody else's table by naming it in log= of a trigger of its own.
CREATE ROLE h2_locker;
GRANT USAGE ON SCHEMA okrkpi TO h2_locker;
GRANT CREATE ON SCHEMA public TO h2_locker;
CREATE TABLE public.private_log (at timestamptz, by_role text, reason text, table_name text, row_key text, change jsonb);
-- (this transaction created the table: compare the lock modes it holds there)
CREATE VIEW pg_temp.private_log_locks AS
  SELECT array_agg(mode ORDER BY mode) AS modes FROM pg_locks
  WHERE relation = 'public.private_log'::regclass AND pid = pg_backend_pid();
GRANT SELECT ON pg_temp.private_log_locks TO PUBLIC;
CREATE TABLE pg_temp.locks_before AS SELECT modes FROM pg_temp.private_log_locks;
GRANT SELECT ON pg_temp.locks_before TO PUBLIC;
SET LOCAL ROLE h2_locker;
SELECT pg_temp.goals_logging_to('public.lock_goals', 'public.private_log');
SELECT is((SELECT modes FROM pg_temp.private_log_locks), (SELECT modes FROM pg_temp.locks_before),
          'a write through a trigger whose log= table the owner may not insert into takes no lock there');
SELECT throws_ok($$ UPDATE public.lock_goals SET s = 0 WHERE id = 1 $$, '42501',
                 'the owner of table public.lock_goals may not insert into its override log table public.private_log',
                 'and an override fails, as the owner may not write the log');
RESET ROLE;

SELECT * FROM finish();
ROLLBACK;
