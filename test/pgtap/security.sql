-- Security of the plan-rule triggers (doc/security.md): who may override a
-- frozen value and where it is recorded, what trigger errors may show to
-- roles that cannot read the values, and the rule fixes found on the way.
\ir ../include/setup.sql
SET LOCAL client_min_messages = warning;
SELECT plan(46);

-- The SQLSTATE, message and detail of an error, for assertions on what a
-- message shows.
CREATE FUNCTION pg_temp.error_of(sql text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    state text;
    message text;
    detail text;
BEGIN
    EXECUTE sql;
    RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
    GET STACKED DIAGNOSTICS state = RETURNED_SQLSTATE, message = MESSAGE_TEXT, detail = PG_EXCEPTION_DETAIL;
    RETURN state || ': ' || message || ' | ' || coalesce(detail, '');
END $$;
GRANT EXECUTE ON FUNCTION pg_temp.error_of(text) TO PUBLIC;

CREATE ROLE okr_owner;
CREATE ROLE okr_member IN ROLE okr_owner;
CREATE ROLE okr_clerk;        -- may write the table, does not own it
-- owns the log table; a member of okr_owner, as a log table's owner must
-- have every right of the role the rows are written as (0.3.0)
CREATE ROLE okr_auditor IN ROLE okr_owner;
GRANT USAGE ON SCHEMA okrkpi TO okr_owner, okr_clerk;

-- A user table with its own log table, owned by someone else, and guarded
-- (0.3.0: an unguarded log table gets no override).
CREATE TABLE public.goals (id int PRIMARY KEY, objective_id int, baseline numeric, goal numeric, big bigint);
CREATE TABLE public.goal_log (at timestamptz, by_role text, reason text, table_name text, row_key text, change jsonb);
ALTER TABLE public.goals OWNER TO okr_owner;
ALTER TABLE public.goal_log OWNER TO okr_auditor;
CREATE TRIGGER guard BEFORE INSERT OR UPDATE OR DELETE ON public.goal_log FOR EACH ROW
  EXECUTE FUNCTION okrkpi.guard_override_log();
CREATE TRIGGER rules BEFORE INSERT OR UPDATE ON public.goals FOR EACH ROW
  EXECUTE FUNCTION okrkpi.check_key_result('start=baseline', 'target=goal', 'objective=objective_id',
                                           'max=2', 'log=public.goal_log');
INSERT INTO public.goals VALUES (1, 1, 98765.43, 100000, 1), (2, 1, 10, 20, 1);
GRANT SELECT (id, objective_id), UPDATE (baseline, goal), INSERT ON public.goals TO okr_clerk;
GRANT SELECT ON public.goals TO okr_member;

-- 1. Overrides: only those who could disable the trigger anyway.
SET LOCAL okrkpi.override_reason = 'baseline was mistyped';
SET LOCAL ROLE okr_clerk;
SELECT throws_ok($$ UPDATE public.goals SET baseline = 0 WHERE id = 1 $$, '42501',
                 'permission denied to override the rule "frozen start value" on table "goals"',
                 'a role that does not own the table cannot override, whatever the reason');
RESET ROLE;
SET LOCAL ROLE okr_member;
SELECT throws_ok($$ UPDATE public.goals SET baseline = 0 WHERE id = 1 $$, '42501', NULL,
                 'the log row is written as the table''s owner: without INSERT on the log table, no override');
RESET ROLE;
GRANT INSERT ON public.goal_log TO okr_owner;
SET LOCAL ROLE okr_member;
SELECT lives_ok($$ UPDATE public.goals SET baseline = 0 WHERE id = 1 $$,
                'a member of the owning role may override');
RESET ROLE;
SELECT is((SELECT count(*)::int FROM public.goal_log), 1,
          'the override is written to the log= table, as the table''s owner');
SELECT results_eq($$ SELECT by_role, reason, table_name, row_key, change ->> 'operation', change ->> 'rule',
                            change -> 'old' ->> 'baseline', change -> 'new' ->> 'baseline' FROM public.goal_log $$,
                  $$ VALUES ('okr_member'::text, 'baseline was mistyped'::text, 'public.goals'::text, '1'::text,
                             'UPDATE'::text, 'frozen start value'::text, '98765.43'::text, '0'::text) $$,
                  'who, why, which table and row, and the old and new rows');
SELECT is((SELECT at FROM public.goal_log), now(), 'when: the transaction''s time');

-- A SECURITY DEFINER function of the owner lends no override to its caller.
CREATE FUNCTION public.edit_baseline(n numeric) RETURNS void LANGUAGE sql SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp AS 'UPDATE public.goals SET baseline = n WHERE id = 2';
ALTER FUNCTION public.edit_baseline(numeric) OWNER TO okr_owner;
GRANT EXECUTE ON FUNCTION public.edit_baseline(numeric) TO okr_clerk;
SET LOCAL ROLE okr_clerk;
SELECT throws_ok($$ SELECT public.edit_baseline(7) $$, '42501', NULL,
                 'a caller''s reason is refused inside the owner''s SECURITY DEFINER function');
RESET ROLE;

-- A reason of only whitespace is no reason.
SET LOCAL okrkpi.override_reason = '   ';
SELECT throws_ok($$ UPDATE public.goals SET baseline = 1 WHERE id = 2 $$, '23514',
                 'the start value of a key result is frozen', 'a blank reason overrides nothing');
SET LOCAL okrkpi.override_reason = E'\t\n';
SELECT throws_ok($$ UPDATE public.goals SET baseline = 1 WHERE id = 2 $$, '23514', NULL,
                 'tabs and newlines are no reason either');

-- The reason is read when the rule is checked: clearing it in RETURNING does
-- not hide the change from the log.
SET LOCAL okrkpi.override_reason = 'baseline re-read';
\o /dev/null
UPDATE public.goals SET baseline = 11 WHERE id = 2 RETURNING set_config('okrkpi.override_reason', '', false);
\o
SELECT is((SELECT count(*)::int FROM public.goal_log WHERE reason = 'baseline re-read'), 1,
          'an override whose statement clears the reason in RETURNING is still logged');
RESET okrkpi.override_reason;

-- Changes the rules allow anyway are not overrides.
SET LOCAL okrkpi.override_reason = 'no need';
UPDATE public.goals SET goal = 21 WHERE id = 2;
SELECT is((SELECT count(*)::int FROM public.goal_log), 2, 'a target change is not logged as an override');
RESET okrkpi.override_reason;

-- 2. The log table keeps out everyone but the logging itself.
GRANT INSERT, UPDATE, DELETE ON public.goal_log TO okr_clerk;
SET LOCAL ROLE okr_clerk;
SELECT throws_ok($$ INSERT INTO public.goal_log (by_role, reason) VALUES ('postgres', 'forged') $$, '42501',
                 'table "goal_log" is written only by okrkpi''s override logging',
                 'a role granted INSERT on the log still cannot forge an entry');
SELECT throws_ok($$ DELETE FROM public.goal_log $$, '42501', NULL, 'nor delete entries');
RESET ROLE;
GRANT INSERT, UPDATE, DELETE ON okrkpi.overrides TO okr_clerk;
SET LOCAL ROLE okr_clerk;
SELECT throws_ok($$ INSERT INTO okrkpi.overrides (by_role, reason, table_name, row_key, change)
                    VALUES ('postgres', 'forged', 'okrkpi.kpis', '1', '{}') $$, '42501', NULL,
                 'okrkpi.overrides refuses forged entries even from a role granted INSERT');
RESET ROLE;
REVOKE ALL ON okrkpi.overrides FROM okr_clerk;
-- Nor through a log table of one's own whose trigger writes the guarded one
-- while an override of one's own table is being logged.
CREATE TABLE public.clerk_goals (id int PRIMARY KEY, plan okrkpi.key_result);
CREATE TABLE public.clerk_log (at timestamptz, by_role text, reason text, table_name text, row_key text, change jsonb);
CREATE FUNCTION public.forge() RETURNS trigger LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $f$
BEGIN
    INSERT INTO public.goal_log (by_role, reason) VALUES ('postgres', 'forged while logging');
    RETURN NEW;
END $f$;
CREATE TRIGGER forge BEFORE INSERT ON public.clerk_log FOR EACH ROW EXECUTE FUNCTION public.forge();
CREATE TRIGGER rules BEFORE INSERT OR UPDATE ON public.clerk_goals FOR EACH ROW
  EXECUTE FUNCTION okrkpi.check_key_result('kr=plan', 'log=public.clerk_log');
ALTER TABLE public.clerk_goals OWNER TO okr_clerk;
ALTER TABLE public.clerk_log OWNER TO okr_clerk;
ALTER FUNCTION public.forge() OWNER TO okr_clerk;
INSERT INTO public.clerk_goals VALUES (1, '1 -> 2');
SET LOCAL ROLE okr_clerk;
SET LOCAL okrkpi.override_reason = 'my own table';
SELECT throws_ok($$ UPDATE public.clerk_goals SET plan = '0 -> 2' $$, '42P17',
                 'the override log table public.clerk_log of table public.clerk_goals has the trigger "forge"',
                 'a log table''s trigger cannot write another guarded log while an override is logged: 0.3.0 refuses log tables with triggers');
RESET okrkpi.override_reason;
RESET ROLE;
SELECT throws_ok($$ CREATE TRIGGER t BEFORE INSERT OR UPDATE ON public.clerk_goals FOR EACH ROW
                    EXECUTE FUNCTION okrkpi.check_key_result('kr=plan', 'log=clerk_log');
                    INSERT INTO public.clerk_goals VALUES (2, '1 -> 2') $$, '22023', NULL,
                 'log= takes a schema-qualified name only: search_path cannot redirect it');

-- 3. Trigger errors show a value only to roles that may read its column, and a
-- count only to roles that could count the rows.
SET LOCAL ROLE okr_clerk;
SELECT is(pg_temp.error_of($$ UPDATE public.goals SET baseline = 5 WHERE id = 2 $$),
          '23514: the start value of a key result is frozen | Column "baseline" would change.',
          'UPDATE(baseline) without SELECT(baseline): the old and new values are not shown');
SELECT is(pg_temp.error_of($$ INSERT INTO public.goals VALUES (3, 1, 1, 2, 1) $$),
          '23514: objective 1 already has 2 key results | At most 2 key results are allowed per objective (the trigger''s max= argument).',
          'SELECT on the objective column: the objective is named, and the count shown (the role could count the rows itself)');
RESET ROLE;
SET LOCAL ROLE okr_owner;
SELECT is(pg_temp.error_of($$ UPDATE public.goals SET baseline = 5 WHERE id = 2 $$),
          '23514: the start value of a key result is frozen | Column "baseline" would change from 11 to 5.',
          'the owner sees the values');
SELECT is(pg_temp.error_of($$ INSERT INTO public.goals VALUES (3, 1, 1, 2, 1) $$),
          '23514: objective 1 already has 2 key results | At most 2 key results are allowed per objective (the trigger''s max= argument).',
          'the owner sees the count');
RESET ROLE;

-- Row security that hides every row hides the count too.
CREATE TABLE public.rls_goals (objective_id int, plan okrkpi.key_result, owner_name text);
ALTER TABLE public.rls_goals OWNER TO okr_owner;
CREATE TRIGGER rules BEFORE INSERT OR UPDATE ON public.rls_goals FOR EACH ROW
  EXECUTE FUNCTION okrkpi.check_key_result('kr=plan', 'objective=objective_id', 'max=3');
INSERT INTO public.rls_goals SELECT 2, '1 -> 2', 'someone else' FROM generate_series(1, 3);
ALTER TABLE public.rls_goals ENABLE ROW LEVEL SECURITY;
CREATE POLICY mine ON public.rls_goals USING (owner_name = current_user);
CREATE POLICY add ON public.rls_goals FOR INSERT WITH CHECK (true);
GRANT SELECT, INSERT ON public.rls_goals TO okr_clerk;
SET LOCAL ROLE okr_clerk;
SELECT is((SELECT count(*)::int FROM public.rls_goals), 0, 'the clerk sees none of the rows');
SELECT is(pg_temp.error_of($$ INSERT INTO public.rls_goals VALUES (2, '1 -> 2', 'okr_clerk') $$),
          '23514: the objective in column "objective_id" is full | At most 3 key results are allowed per objective (the trigger''s max= argument).',
          'under row security neither the hidden count nor the value is shown, yet the limit holds');
RESET ROLE;

-- A KPI's adoption date is not shown to a role that may only delete.
CREATE TABLE public.team_kpis (id int PRIMARY KEY, threshold okrkpi.kpi, adopted_on date);
ALTER TABLE public.team_kpis OWNER TO okr_owner;
CREATE TRIGGER rules BEFORE INSERT OR UPDATE OR DELETE ON public.team_kpis FOR EACH ROW
  EXECUTE FUNCTION okrkpi.check_kpi('kpi=threshold', 'since=adopted_on');
INSERT INTO public.team_kpis VALUES (1, '>= 40', current_date - 10);
GRANT DELETE ON public.team_kpis TO okr_clerk;
SET LOCAL ROLE okr_clerk;
SELECT is(pg_temp.error_of($$ DELETE FROM public.team_kpis $$),
          '23514: a KPI is kept at least a year: it cannot be deleted yet | Column "adopted_on" says when the KPI was adopted; it is kept a year from then.',
          'DELETE without SELECT: the adoption date and the date it is kept until are not shown');
RESET ROLE;

-- Young KPIs: every override is logged, including a moved since and a delete.
SET LOCAL okrkpi.override_reason = 'adopted by mistake';
SELECT is((SELECT count(*)::int FROM okrkpi.overrides), 0, 'the embedded plan''s log starts empty');
INSERT INTO okrkpi.metrics (name) VALUES ('security test metric');
INSERT INTO okrkpi.kpis (metric_id, title, threshold, since)
  SELECT id, 'young', '>= 1', current_date FROM okrkpi.metrics WHERE name = 'security test metric';
UPDATE okrkpi.kpis SET since = current_date - 400 WHERE title = 'young';
SELECT is((SELECT change ->> 'rule' FROM okrkpi.overrides WHERE change ->> 'operation' = 'UPDATE'),
          'KPIs are kept at least a year', 'moving a young KPI''s since back is an override, and logged');
RESET okrkpi.override_reason;
DELETE FROM okrkpi.kpis WHERE title = 'young';
SELECT is((SELECT count(*)::int FROM okrkpi.overrides), 1,
          'once since is a year back the delete needs no override, and is not logged as one');
SET LOCAL okrkpi.override_reason = 'retired early';
INSERT INTO okrkpi.kpis (metric_id, title, threshold, since)
  SELECT id, 'young 2', '>= 1', current_date FROM okrkpi.metrics WHERE name = 'security test metric';
DELETE FROM okrkpi.kpis WHERE title = 'young 2';
SELECT is((SELECT concat_ws(' ', change ->> 'operation', by_role = current_user, change -> 'new')
           FROM okrkpi.overrides ORDER BY id DESC LIMIT 1),
          'DELETE t null', 'deleting a young KPI under an override is logged with the role from the session');
RESET okrkpi.override_reason;

-- 4. Rules fixed on the way.
-- Frozen starts compare exactly, by the column's own type.
CREATE TABLE public.exact (id int, s bigint, t bigint, n numeric, m numeric);
CREATE TRIGGER big BEFORE INSERT OR UPDATE ON public.exact FOR EACH ROW
  EXECUTE FUNCTION okrkpi.check_key_result('start=s', 'target=t');
CREATE TRIGGER num BEFORE INSERT OR UPDATE ON public.exact FOR EACH ROW
  EXECUTE FUNCTION okrkpi.check_key_result('start=n', 'target=m');
INSERT INTO public.exact VALUES (1, 9007199254740993, 0, 0.1, 1);
SELECT throws_ok($$ UPDATE public.exact SET s = 9007199254740992 $$, '23514', 'the start value of a key result is frozen',
                 'bigint starts that float8 cannot tell apart (2^53 + 1 and 2^53) are different starts');
SELECT lives_ok($$ UPDATE public.exact SET n = 0.100 $$, 'numeric 0.1 and 0.100 are the same start');
SELECT lives_ok($$ UPDATE public.exact SET n = 0.1::real $$, 'a real 0.1 assigned to a numeric start stores 0.1: the same start');

-- A frozen plan keeps its unit.
CREATE TABLE public.units (plan okrkpi.key_result);
CREATE TRIGGER r BEFORE INSERT OR UPDATE ON public.units FOR EACH ROW EXECUTE FUNCTION okrkpi.check_key_result('kr=plan');
INSERT INTO public.units VALUES ('0 -> 4');
SELECT throws_ok($$ UPDATE public.units SET plan = '0s -> 4w' $$, '23514', 'the start value of a key result is frozen',
                 'the same start number in another unit is another start');
SELECT lives_ok($$ UPDATE public.units SET plan = '0 -> 5' $$, 'a new target keeps the start');

-- A trigger that fires only on UPDATE OF some columns must cover those it checks.
CREATE TABLE public.partial (baseline numeric, goal numeric);
INSERT INTO public.partial VALUES (1, 2);
SELECT throws_ok($$ CREATE TRIGGER r BEFORE INSERT OR UPDATE OF goal ON public.partial FOR EACH ROW
                    EXECUTE FUNCTION okrkpi.check_key_result('start=baseline', 'target=goal') $$, '39P01',
                 'check_key_result: the trigger fires on UPDATE OF other columns than "baseline", which it checks',
                 'BEFORE UPDATE OF goal with start=baseline would leave the start unguarded: refused');
CREATE TRIGGER r BEFORE INSERT OR UPDATE OF goal, baseline ON public.partial FOR EACH ROW
  EXECUTE FUNCTION okrkpi.check_key_result('start=baseline', 'target=goal');
SELECT throws_ok($$ UPDATE public.partial SET baseline = 3 $$, '23514', NULL, 'with both columns listed the start is guarded');

-- A partition attached inside a transaction counts at once.
CREATE TABLE public.parted (region text, objective_id int, plan okrkpi.key_result) PARTITION BY LIST (region);
CREATE TABLE public.parted_eu PARTITION OF public.parted FOR VALUES IN ('eu');
CREATE TRIGGER r BEFORE INSERT OR UPDATE ON public.parted FOR EACH ROW
  EXECUTE FUNCTION okrkpi.check_key_result('kr=plan', 'objective=objective_id', 'max=2');
SELECT lives_ok($$ INSERT INTO public.parted VALUES ('eu', 1, '1 -> 2') $$,
                'the first key result of objective 1 (this transaction now remembers its count)');
CREATE TABLE public.parted_us (region text, objective_id int, plan okrkpi.key_result);
INSERT INTO public.parted_us VALUES ('us', 1, '1 -> 2'), ('us', 1, '1 -> 2');
ALTER TABLE public.parted ATTACH PARTITION public.parted_us FOR VALUES IN ('us');
SELECT throws_ok($$ INSERT INTO public.parted VALUES ('eu', 1, '1 -> 2') $$, '23514',
                 'objective 1 already has 3 key results',
                 'rows of a partition attached in this transaction are counted, not the remembered count');

-- A log table's column default (0.3.0 refuses log tables with triggers of
-- their own) that invalidates the guarded table and fires its trigger again
-- (which re-reads the arguments) leaves the running plan alone.
CREATE TABLE public.reenter_kpis (id int PRIMARY KEY, threshold okrkpi.kpi, since date);
CREATE FUNCTION public.reenter() RETURNS text LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $f$
BEGIN
    IF pg_trigger_depth() < 3 THEN
        EXECUTE 'GRANT SELECT ON public.reenter_kpis TO PUBLIC';
        UPDATE public.reenter_kpis SET threshold = threshold WHERE id = 2;   -- fires the trigger, needs no override
    END IF;
    RETURN 're-entered';
END $f$;
CREATE TABLE public.reenter_log (at timestamptz, by_role text, reason text, table_name text, row_key text, change jsonb,
                                 note text DEFAULT public.reenter());
CREATE TRIGGER guard BEFORE INSERT OR UPDATE OR DELETE ON public.reenter_log FOR EACH ROW
  EXECUTE FUNCTION okrkpi.guard_override_log();
CREATE TRIGGER kpi BEFORE INSERT OR UPDATE OR DELETE ON public.reenter_kpis FOR EACH ROW
  EXECUTE FUNCTION okrkpi.check_kpi('kpi=threshold', 'since=since', 'log=public.reenter_log');
INSERT INTO public.reenter_kpis VALUES (1, '>= 1', current_date), (2, '>= 1', current_date);
SET LOCAL okrkpi.override_reason = 're-entrant log';
SELECT lives_ok($$ UPDATE public.reenter_kpis SET threshold = '>= 3' WHERE id = 1 $$,
                'a trigger re-read while its log insert runs does not free the running plan');
SELECT is((SELECT count(*)::int FROM public.reenter_log), 1, 'and the override is logged once');
RESET okrkpi.override_reason;

-- A KPI adopted at the end of time is kept for good, without an overflow.
INSERT INTO public.team_kpis VALUES (2, '>= 40', 'infinity');
SELECT throws_ok($$ DELETE FROM public.team_kpis WHERE id = 2 $$, '23514', NULL,
                 'since = infinity: kept for good (no timestamp overflow)');

-- A limit on a partitioned table counts as the root's owner.
CREATE TABLE public.owned_root (objective_id int, plan okrkpi.key_result) PARTITION BY LIST (objective_id);
CREATE TABLE public.owned_part PARTITION OF public.owned_root FOR VALUES IN (1);
ALTER TABLE public.owned_root OWNER TO okr_owner;
ALTER TABLE public.owned_part OWNER TO okr_clerk;
CREATE TRIGGER r BEFORE INSERT OR UPDATE ON public.owned_root FOR EACH ROW
  EXECUTE FUNCTION okrkpi.check_key_result('kr=plan', 'objective=objective_id', 'max=1');
SELECT lives_ok($$ INSERT INTO public.owned_root VALUES (1, '1 -> 2') $$,
                'a partition owned by another role: the count runs as the root''s owner');
SELECT throws_ok($$ INSERT INTO public.owned_root VALUES (1, '1 -> 2') $$, '23514', NULL, 'and the limit holds');

-- A column a trigger names cannot be renamed or dropped under it.
CREATE TABLE public.renamed (baseline numeric, goal numeric);
CREATE TRIGGER r BEFORE INSERT OR UPDATE ON public.renamed FOR EACH ROW
  EXECUTE FUNCTION okrkpi.check_key_result('start=baseline', 'target=goal');
SELECT throws_ok($$ ALTER TABLE public.renamed RENAME COLUMN baseline TO old_baseline $$, '2BP01',
                 'column "baseline" of relation "renamed" is named by trigger "r"',
                 'renaming a named column is refused, so a new column of the old name can never be checked by mistake');
SELECT throws_ok($$ ALTER TABLE public.renamed DROP COLUMN goal $$, '2BP01', NULL, 'dropping one is refused');
SELECT lives_ok($$ ALTER TABLE public.renamed ADD COLUMN note text $$, 'other ALTER TABLE commands pass');
SELECT throws_ok($$ ALTER TABLE public.renamed DROP COLUMN baseline, ADD COLUMN baseline numeric $$, '2BP01', NULL,
                 'dropping a named column and adding another of its name in one ALTER TABLE is refused');
CREATE TABLE public.renamed_parent (baseline numeric, goal numeric) PARTITION BY RANGE (goal);
CREATE TABLE public.renamed_child PARTITION OF public.renamed_parent FOR VALUES FROM (0) TO (100);
CREATE TRIGGER r BEFORE INSERT OR UPDATE ON public.renamed_child FOR EACH ROW
  EXECUTE FUNCTION okrkpi.check_key_result('start=baseline', 'target=goal');
SELECT throws_ok($$ ALTER TABLE public.renamed_parent RENAME COLUMN baseline TO b0 $$, '2BP01', NULL,
                 'renaming through the parent a column a partition''s trigger names is refused');

SELECT * FROM finish();
ROLLBACK;
