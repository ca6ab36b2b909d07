-- Plan-rule triggers (doc/triggers.md): every rule both ways, every misuse.
\ir ../include/setup.sql
SELECT plan(97);

-- Tables with unusual names and types, in a schema of their own.
CREATE SCHEMA "Sales Ops";
CREATE TABLE "Sales Ops"."Goals" (
    id serial PRIMARY KEY,
    "Objective ID" int,
    "Start Value" numeric,
    "goal-target" integer,
    "Is KPI?" boolean
);
CREATE TRIGGER kr_rules BEFORE INSERT OR UPDATE ON "Sales Ops"."Goals" FOR EACH ROW
  EXECUTE FUNCTION okrkpi.check_key_result('start=Start Value', 'target=goal-target',
                                           ' objective = Objective ID ', 'max=3');
CREATE TABLE floats (id serial PRIMARY KEY, s float8, t float8);
CREATE TRIGGER kr_rules BEFORE INSERT OR UPDATE ON floats FOR EACH ROW
  EXECUTE FUNCTION okrkpi.check_key_result('start=s', 'target=t');
CREATE TABLE plans (id serial PRIMARY KEY, objective text, plan key_result, kpi_id int);
CREATE TRIGGER kr_rules BEFORE INSERT OR UPDATE ON plans FOR EACH ROW
  EXECUTE FUNCTION okrkpi.check_key_result('kr=plan', 'objective=objective', 'kpi=kpi_id');

-- start and target: present, finite, different
SELECT lives_ok($$ INSERT INTO "Sales Ops"."Goals" ("Objective ID", "Start Value", "goal-target") VALUES (1, 20, 40) $$,
                'numeric start and integer target, increasing');
SELECT lives_ok($$ INSERT INTO "Sales Ops"."Goals" ("Objective ID", "Start Value", "goal-target") VALUES (1, -5, -10) $$,
                'negative and decreasing');
SELECT throws_ok($$ INSERT INTO "Sales Ops"."Goals" ("Objective ID", "Start Value", "goal-target") VALUES (2, 20, 20) $$,
                 '23514', 'a key result must move its metric: its start equals its target', 'start = target refused');
SELECT throws_ok($$ INSERT INTO "Sales Ops"."Goals" ("Objective ID", "Start Value", "goal-target") VALUES (2, 20.0, 20) $$,
                 '23514', NULL, 'start = target across numeric and integer refused');
SELECT throws_ok($$ INSERT INTO "Sales Ops"."Goals" ("Objective ID", "Start Value", "goal-target") VALUES (2, NULL, 20) $$,
                 '23514', 'a key result needs a start and a target', 'NULL start refused');
SELECT throws_ok($$ INSERT INTO "Sales Ops"."Goals" ("Objective ID", "Start Value", "goal-target") VALUES (2, 1, NULL) $$,
                 '23514', 'a key result needs a start and a target', 'NULL target refused');
SELECT throws_ok($$ INSERT INTO "Sales Ops"."Goals" ("Objective ID", "Start Value", "goal-target") VALUES (2, 'NaN', 1) $$,
                 '23514', 'the start and target of a key result must be finite', 'NaN numeric start refused');
SELECT throws_ok($$ INSERT INTO floats (s, t) VALUES ('Infinity', 1) $$, '23514', NULL, 'infinite float8 start refused');
SELECT throws_ok($$ INSERT INTO floats (s, t) VALUES (1, '-Infinity') $$, '23514', NULL, 'infinite float8 target refused');
SELECT throws_ok($$ INSERT INTO floats (s, t) VALUES (0.5, 0.5) $$, '23514', NULL, 'float8 start = target refused');
SELECT lives_ok($$ INSERT INTO floats (s, t) VALUES (0.5, 0.25) $$, 'float8 decreasing accepted');
SELECT throws_ok($$ INSERT INTO plans (objective, plan) VALUES ('o', NULL) $$, '23514', NULL, 'NULL key_result refused');
SELECT lives_ok($$ INSERT INTO plans (objective, plan) VALUES ('grow', '20 -> 40 @ 25') $$, 'key_result column accepted');

-- the error names the table and column
CREATE FUNCTION pg_temp.error_fields(sql text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE s text; t text; c text; d text; h text;
BEGIN
  EXECUTE sql;
  RETURN 'no error';
EXCEPTION WHEN check_violation THEN
  GET STACKED DIAGNOSTICS s = SCHEMA_NAME, t = TABLE_NAME, c = COLUMN_NAME, d = PG_EXCEPTION_DETAIL, h = PG_EXCEPTION_HINT;
  RETURN format('%s.%s.%s | %s | %s', s, t, c, d, h IS NOT NULL);
END $$;
SELECT is(pg_temp.error_fields($$ INSERT INTO "Sales Ops"."Goals" ("Objective ID", "Start Value", "goal-target") VALUES (2, 7, 7) $$),
          'Sales Ops.Goals.goal-target | Columns "Start Value" (start) and "goal-target" (target) are both 7. | t',
          'schema, table and column in the error fields, values in DETAIL, a HINT');

-- UPDATE: the start value is frozen, the direction may not flip
SELECT throws_ok($$ UPDATE "Sales Ops"."Goals" SET "Start Value" = 21 WHERE "Start Value" = 20 $$,
                 '23514', 'the start value of a key result is frozen', 'start frozen on UPDATE');
SELECT lives_ok($$ UPDATE "Sales Ops"."Goals" SET "goal-target" = 45 WHERE "Start Value" = 20 $$,
                'the target may move');
SELECT throws_ok($$ UPDATE "Sales Ops"."Goals" SET "goal-target" = 10 WHERE "Start Value" = 20 $$,
                 '23514', 'a key result may not change direction', 'increasing may not become decreasing');
SELECT throws_ok($$ UPDATE floats SET t = 1 WHERE s = 0.5 $$, '23514', 'a key result may not change direction',
                 'decreasing may not become increasing');
SELECT throws_ok($$ UPDATE plans SET plan = '21 -> 40' WHERE objective = 'grow' $$,
                 '23514', 'the start value of a key result is frozen', 'key_result start frozen');
SELECT lives_ok($$ UPDATE plans SET plan = with_current(plan, 30) WHERE objective = 'grow' $$,
                'the current value may change');
SELECT throws_ok($$ UPDATE plans SET plan = '20 -> 10' WHERE objective = 'grow' $$,
                 '23514', 'a key result may not change direction', 'key_result direction fixed');
SELECT lives_ok($$ UPDATE "Sales Ops"."Goals" SET "Is KPI?" = true WHERE "Start Value" = 20 $$,
                'other columns may change freely');
SET LOCAL okrkpi.override_reason = 'baseline was mistyped';
SELECT lives_ok($$ UPDATE "Sales Ops"."Goals" SET "Start Value" = 21 WHERE "Start Value" = 20 $$,
                'override_reason lets the start change');
SELECT throws_ok($$ UPDATE "Sales Ops"."Goals" SET "goal-target" = 5 WHERE "Start Value" = 21 $$,
                 '23514', 'a key result may not change direction', 'override_reason does not allow a direction flip');
SELECT throws_ok($$ UPDATE "Sales Ops"."Goals" SET "goal-target" = 21 WHERE "Start Value" = 21 $$,
                 '23514', NULL, 'override_reason does not allow start = target');
SET LOCAL okrkpi.override_reason = '';
SELECT throws_ok($$ UPDATE "Sales Ops"."Goals" SET "Start Value" = 22 WHERE "Start Value" = 21 $$,
                 '23514', NULL, 'an empty override_reason overrides nothing');

-- at most N key results per objective
SELECT lives_ok($$ INSERT INTO "Sales Ops"."Goals" ("Objective ID", "Start Value", "goal-target") VALUES (1, 0, 1) $$,
                'third key result of objective 1 (max=3)');
SELECT throws_ok($$ INSERT INTO "Sales Ops"."Goals" ("Objective ID", "Start Value", "goal-target") VALUES (1, 0, 2) $$,
                 '23514', 'objective 1 already has 3 key results', 'fourth key result refused');
SELECT lives_ok($$ INSERT INTO "Sales Ops"."Goals" ("Objective ID", "Start Value", "goal-target") VALUES (2, 0, 2) $$,
                'another objective is not affected');
SELECT throws_ok($$ UPDATE "Sales Ops"."Goals" SET "Objective ID" = 1 WHERE "Objective ID" = 2 $$,
                 '23514', NULL, 'moving a key result into a full objective refused');
SELECT lives_ok($$ UPDATE "Sales Ops"."Goals" SET "goal-target" = "goal-target" + 1 WHERE "Objective ID" = 1 $$,
                'updating key results of a full objective in place is fine');
SELECT lives_ok($$ INSERT INTO "Sales Ops"."Goals" ("Objective ID", "Start Value", "goal-target")
                   SELECT NULL, 0, g FROM generate_series(1, 10) g $$,
                'rows without an objective are not limited');
SELECT is((SELECT count(*)::int FROM "Sales Ops"."Goals" WHERE "Objective ID" = 1), 3, 'objective 1 holds exactly 3');
-- within one transaction the trigger remembers counts; deletes and rolled-back savepoints must not fool it
SELECT lives_ok($$ DELETE FROM "Sales Ops"."Goals" WHERE "Objective ID" = 1 AND "goal-target" = 2;
                   INSERT INTO "Sales Ops"."Goals" ("Objective ID", "Start Value", "goal-target") VALUES (1, 0, 9) $$,
                'after a delete in the same transaction the freed place can be used');
SAVEPOINT before_extra;
DELETE FROM "Sales Ops"."Goals" WHERE "Objective ID" = 1 AND "goal-target" = 9;
INSERT INTO "Sales Ops"."Goals" ("Objective ID", "Start Value", "goal-target") VALUES (1, 0, 8);
ROLLBACK TO SAVEPOINT before_extra;
SELECT throws_ok($$ INSERT INTO "Sales Ops"."Goals" ("Objective ID", "Start Value", "goal-target") VALUES (1, 0, 7) $$,
                 '23514', 'objective 1 already has 3 key results', 'a rolled-back savepoint leaves the count exact');
SELECT lives_ok($$ INSERT INTO "Sales Ops"."Goals" ("Objective ID", "Start Value", "goal-target")
                   SELECT 100 + g / 3, 0, 1 FROM generate_series(0, 299) g $$,
                'a bulk load of 100 objectives of 3 key results each');
SELECT throws_ok($$ INSERT INTO "Sales Ops"."Goals" ("Objective ID", "Start Value", "goal-target")
                    SELECT 200 + g / 4, 0, 1 FROM generate_series(0, 7) g $$,
                 '23514', 'objective 200 already has 3 key results', 'a bulk load with a fourth key result fails whole');
SELECT is((SELECT count(*)::int FROM "Sales Ops"."Goals" WHERE "Objective ID" >= 200), 0, 'and writes nothing');
-- the default comes from okrkpi.max_key_results (5); text objectives work too
SELECT lives_ok($$ INSERT INTO plans (objective, plan) SELECT 'grow', '0 -> 1' FROM generate_series(1, 4) $$,
                'five key results under the default limit');
SELECT throws_ok($$ INSERT INTO plans (objective, plan) VALUES ('grow', '0 -> 1') $$,
                 '23514', 'objective grow already has 5 key results', 'a sixth refused by the default 5');
SET LOCAL okrkpi.max_key_results = 6;
SELECT lives_ok($$ INSERT INTO plans (objective, plan) VALUES ('grow', '0 -> 1') $$, 'okrkpi.max_key_results raises the default');
RESET okrkpi.max_key_results;

-- a milestone key result is never a KPI
SELECT throws_ok($$ INSERT INTO plans (objective, plan, kpi_id) VALUES ('ship', '0 -> 4 milestones', 7) $$,
                 '23514', 'a milestone key result cannot be a KPI', 'milestones with a KPI link refused');
SELECT lives_ok($$ INSERT INTO plans (objective, plan, kpi_id) VALUES ('ship', '0 -> 4 milestones', NULL) $$,
                'milestones without a KPI link accepted');
SELECT lives_ok($$ INSERT INTO plans (objective, plan, kpi_id) VALUES ('ship', '20 -> 40', 7) $$,
                'an outcome key result may be a KPI');
SELECT throws_ok($$ UPDATE plans SET kpi_id = 7 WHERE plan = '0 -> 4 milestones' $$,
                 '23514', NULL, 'linking a milestone key result to a KPI later refused');
SELECT throws_ok($$ CREATE TRIGGER kpi_flag BEFORE INSERT OR UPDATE ON "Sales Ops"."Goals" FOR EACH ROW
                    EXECUTE FUNCTION okrkpi.check_key_result('start=Start Value', 'target=goal-target', 'kpi=Is KPI?') $$,
                 '22023', 'check_key_result: kpi= needs kr=',
                 'numeric columns carry no unit: kpi= would check nothing, and is refused without kr=');

-- check_kpi
CREATE TABLE team_kpis (id serial PRIMARY KEY, plan_name text, threshold kpi, since timestamptz);
CREATE TRIGGER kpi_rules BEFORE INSERT OR UPDATE OR DELETE ON team_kpis FOR EACH ROW
  EXECUTE FUNCTION okrkpi.check_kpi('kpi=threshold', 'plan=plan_name', 'since=since', 'max=2');
SELECT lives_ok($$ INSERT INTO team_kpis (plan_name, threshold, since) VALUES ('a', '>= 40', now()), ('a', '<= 2%', now() - interval '2 years') $$,
                'two KPIs in plan a');
SELECT throws_ok($$ INSERT INTO team_kpis (plan_name, threshold, since) VALUES ('a', '4.2 .. 4.8', now()) $$,
                 '23514', 'plan a already has 2 KPIs', 'a third KPI in plan a refused (max=2)');
SELECT lives_ok($$ INSERT INTO team_kpis (plan_name, threshold, since) VALUES ('b', '4.2 .. 4.8', now()) $$, 'plan b is separate');
SELECT throws_ok($$ INSERT INTO team_kpis (plan_name, threshold) VALUES ('c', NULL) $$,
                 '23514', 'a KPI needs a threshold', 'a KPI without a threshold refused');
SELECT throws_ok($$ DELETE FROM team_kpis WHERE threshold = '>= 40' $$,
                 '23514', 'a KPI is kept at least a year: it cannot be deleted yet', 'a young KPI cannot be deleted');
SELECT throws_ok($$ UPDATE team_kpis SET threshold = '>= 45' WHERE threshold = '>= 40' $$,
                 '23514', 'a KPI is kept at least a year: its threshold cannot change yet', 'a young KPI keeps its threshold');
SELECT lives_ok($$ UPDATE team_kpis SET threshold = with_current(threshold, 41) WHERE threshold = '>= 40' $$,
                'a young KPI may record a new current value');
SELECT lives_ok($$ UPDATE team_kpis SET threshold = '<= 3%' WHERE threshold = '<= 2%' $$, 'a KPI older than a year may change');
SELECT lives_ok($$ DELETE FROM team_kpis WHERE threshold = '<= 3%' $$, 'a KPI older than a year may be deleted');
SET LOCAL okrkpi.override_reason = 'replaced by a better metric';
SELECT lives_ok($$ DELETE FROM team_kpis WHERE plan_name = 'b' $$, 'override_reason lets a young KPI go');
SELECT throws_ok($$ INSERT INTO team_kpis (plan_name, threshold) VALUES ('c', NULL) $$,
                 '23514', NULL, 'override_reason does not allow a KPI without threshold');
RESET okrkpi.override_reason;
CREATE TABLE kpis_whole (threshold kpi, since date);
CREATE TRIGGER kpi_rules BEFORE INSERT OR UPDATE OR DELETE ON kpis_whole FOR EACH ROW
  EXECUTE FUNCTION okrkpi.check_kpi('kpi=threshold', 'since=since');
SELECT lives_ok($$ INSERT INTO kpis_whole SELECT '>= 1', current_date FROM generate_series(1, 7) $$,
                'seven KPIs in a table (default okrkpi.max_kpis)');
SELECT throws_ok($$ INSERT INTO kpis_whole VALUES ('>= 1', current_date) $$,
                 '23514', NULL, 'an eighth KPI in the table refused');
SELECT throws_ok($$ DELETE FROM kpis_whole WHERE since = current_date $$, '23514', NULL, 'date since column works');

-- misuse
SET LOCAL client_min_messages = warning;
CREATE TABLE misuse (a int, b numeric, plan key_result, k kpi, d text);
CREATE FUNCTION pg_temp.try_trigger(args text, timing text DEFAULT 'BEFORE INSERT OR UPDATE', level text DEFAULT 'ROW',
                                    fn text DEFAULT 'check_key_result') RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE 'DROP TRIGGER IF EXISTS t ON misuse';
  EXECUTE format('CREATE TRIGGER t %s ON misuse FOR EACH %s EXECUTE FUNCTION okrkpi.%s(%s)', timing, level, fn, args);
  INSERT INTO misuse (a, plan, k, d) VALUES (1, '1 -> 2', '>= 1', 'x');
END $$;
SELECT throws_ok($$ SELECT pg_temp.try_trigger($a$'kr=plan'$a$, 'BEFORE INSERT', 'STATEMENT') $$, '39P01', NULL, 'FOR EACH STATEMENT refused');
SELECT throws_ok($$ SELECT pg_temp.try_trigger($a$'kr=plan'$a$, 'AFTER INSERT') $$, '39P01', NULL, 'AFTER refused');
CREATE TABLE deletes (plan key_result);
INSERT INTO deletes VALUES ('1 -> 2');
SELECT throws_ok($$ CREATE TRIGGER t BEFORE DELETE ON deletes FOR EACH ROW EXECUTE FUNCTION okrkpi.check_key_result('kr=plan') $$,
                 '39P01', 'check_key_result: must be fired on INSERT or UPDATE', 'check_key_result on DELETE refused');
SELECT throws_ok($$ SELECT pg_temp.try_trigger($a$'kr=plan', 'bogus=a'$a$) $$, '22023', NULL, 'unknown role');
SELECT throws_ok($$ SELECT pg_temp.try_trigger($a$'kr'$a$) $$, '22023', NULL, 'argument without =');
SELECT throws_ok($$ SELECT pg_temp.try_trigger('') $$, '22023', NULL, 'no arguments');
SELECT throws_ok($$ SELECT pg_temp.try_trigger($a$'start=b'$a$) $$, '22023', NULL, 'start without target');
SELECT throws_ok($$ SELECT pg_temp.try_trigger($a$'kr=plan', 'start=b', 'target=a'$a$) $$, '22023', NULL, 'kr and start/target together');
SELECT throws_ok($$ SELECT pg_temp.try_trigger($a$'kr=plan', 'kr=plan'$a$) $$, '22023', NULL, 'a role given twice');
SELECT throws_ok($$ SELECT pg_temp.try_trigger($a$'kr=plan', 'objective=a', 'max=0'$a$) $$, '22023', NULL, 'max=0 refused');
SELECT throws_ok($$ SELECT pg_temp.try_trigger($a$'kr=plan', 'max=3'$a$) $$, '22023', NULL, 'max= without objective=');
SELECT throws_ok($$ SELECT pg_temp.try_trigger($a$'kr=nope'$a$) $$, '42703', NULL, 'a column that does not exist');
SELECT throws_ok($$ SELECT pg_temp.try_trigger($a$'kr=xmin'$a$) $$, '42703', NULL, 'a system column');
SELECT throws_ok($$ SELECT pg_temp.try_trigger($a$'kr=d'$a$) $$, '42804', NULL, 'kr= on a text column');
SELECT throws_ok($$ SELECT pg_temp.try_trigger($a$'start=d', 'target=a'$a$) $$, '42804', NULL, 'start= on a text column');
SELECT throws_ok($$ SELECT pg_temp.try_trigger($a$'kpi=plan'$a$, 'BEFORE INSERT', 'ROW', 'check_kpi') $$, '42804', NULL, 'kpi= on a key_result column');
SELECT throws_ok($$ SELECT pg_temp.try_trigger($a$'kpi=k', 'since=d'$a$, 'BEFORE INSERT', 'ROW', 'check_kpi') $$, '42804', NULL, 'since= on a text column');
SELECT throws_ok($$ SELECT pg_temp.try_trigger($a$'plan=d'$a$, 'BEFORE INSERT', 'ROW', 'check_kpi') $$, '22023', NULL, 'check_kpi without kpi=');
-- a dropped column and a renamed column
ALTER TABLE misuse DROP COLUMN b;
SELECT throws_ok($$ SELECT pg_temp.try_trigger($a$'start=b', 'target=a'$a$) $$, '42703', NULL, 'a dropped column');
SELECT lives_ok($$ SELECT pg_temp.try_trigger($a$'kr=plan'$a$) $$, 'a working trigger');
SELECT throws_ok($$ ALTER TABLE misuse RENAME COLUMN plan TO the_plan $$, '2BP01',
                 'column "plan" of relation "misuse" is named by trigger "t"',
                 'a column a trigger names cannot be renamed under it (a new column could take its name)');
SELECT throws_ok($$ ALTER TABLE misuse DROP COLUMN plan $$, '2BP01', NULL, 'nor dropped');
SELECT lives_ok($$ ALTER TABLE misuse RENAME COLUMN d TO d2 $$, 'other columns rename freely');

-- nothing is written when a rule fails
SELECT is((SELECT count(*)::int FROM floats), 1, 'failed inserts wrote nothing');

-- groups compare with their type's equality, in counts and in the per-transaction cache
RESET client_min_messages;
CREATE TABLE num_goals (obj numeric, s float8, t float8);
CREATE TRIGGER r BEFORE INSERT OR UPDATE ON num_goals FOR EACH ROW
  EXECUTE FUNCTION okrkpi.check_key_result('start=s', 'target=t', 'objective=obj', 'max=2');
INSERT INTO num_goals VALUES (1, 0, 1);
INSERT INTO num_goals VALUES (1.0, 0, 1);
SELECT throws_ok($$ INSERT INTO num_goals VALUES (1.00, 0, 1) $$, '23514', NULL,
                 '1, 1.0 and 1.00 are one objective, however they print');
SELECT lives_ok($$ UPDATE num_goals SET obj = 1.000 WHERE obj = 1 AND s = 0 $$,
                'rewriting an equal objective value is not a move into a full objective');
CREATE TABLE quarter_kpis (k kpi, q quarter);
CREATE TRIGGER r BEFORE INSERT OR UPDATE OR DELETE ON quarter_kpis FOR EACH ROW
  EXECUTE FUNCTION okrkpi.check_kpi('kpi=k', 'plan=q', 'max=1');
SELECT lives_ok($$ INSERT INTO quarter_kpis VALUES ('>= 1', '2026-Q3') $$, 'a plan column of type quarter (its own = operator)');
SELECT throws_ok($$ INSERT INTO quarter_kpis VALUES ('>= 2', 'Q3 2026') $$, '23514', NULL, 'and its limit holds');
-- partitions share one count
CREATE TABLE part_goals (id int, obj int, s float8, t float8) PARTITION BY RANGE (id);
CREATE TABLE part_goals_a PARTITION OF part_goals FOR VALUES FROM (0) TO (100);
CREATE TABLE part_goals_b PARTITION OF part_goals FOR VALUES FROM (100) TO (200);
CREATE TRIGGER r BEFORE INSERT OR UPDATE ON part_goals FOR EACH ROW
  EXECUTE FUNCTION okrkpi.check_key_result('start=s', 'target=t', 'objective=obj', 'max=2');
SELECT throws_ok($$ INSERT INTO part_goals VALUES (1, 7, 0, 1), (2, 7, 0, 1), (101, 7, 0, 1) $$, '23514', NULL,
                 'a limit counts across the partitions of a partitioned table');
-- the count sees rows the inserting role may not read
CREATE TABLE public.secret_goals (obj int, s float8, t float8, owner name DEFAULT current_user);
ALTER TABLE secret_goals ENABLE ROW LEVEL SECURITY;
CREATE POLICY own ON secret_goals USING (owner = current_user);
CREATE TRIGGER r BEFORE INSERT OR UPDATE ON secret_goals FOR EACH ROW
  EXECUTE FUNCTION okrkpi.check_key_result('start=s', 'target=t', 'objective=obj', 'max=2');
CREATE ROLE okrkpi_test_writer;
GRANT INSERT ON secret_goals TO okrkpi_test_writer;
INSERT INTO secret_goals (obj, s, t) VALUES (3, 0, 1), (3, 0, 1);
SET LOCAL ROLE okrkpi_test_writer;
SELECT throws_ok($$ INSERT INTO secret_goals (obj, s, t) VALUES (3, 0, 1) $$, '23514', NULL,
                 'row security and missing SELECT rights do not hide rows from the count');
SELECT lives_ok($$ INSERT INTO secret_goals (obj, s, t) VALUES (4, 0, 1) $$, 'a role with INSERT only can insert');
RESET ROLE;
-- a trigger with a limit must see every way into a group
CREATE TABLE insert_only (obj int, plan key_result);
SELECT throws_ok($$ CREATE TRIGGER r BEFORE INSERT ON insert_only FOR EACH ROW
                    EXECUTE FUNCTION okrkpi.check_key_result('kr=plan', 'objective=obj') $$, '39P01', NULL,
                 'objective= on a trigger that does not fire on UPDATE is refused');
CREATE TABLE update_of_other (obj int, plan key_result, note text);
SELECT throws_ok($$ CREATE TRIGGER r BEFORE INSERT OR UPDATE OF note ON update_of_other FOR EACH ROW
                    EXECUTE FUNCTION okrkpi.check_key_result('kr=plan', 'objective=obj') $$, '39P01', NULL,
                 'objective= on UPDATE OF other columns only is refused');
-- disabling the trigger within a transaction does not leave a stale count behind
CREATE TABLE toggled (obj int, s float8, t float8);
CREATE TRIGGER r BEFORE INSERT OR UPDATE ON toggled FOR EACH ROW
  EXECUTE FUNCTION okrkpi.check_key_result('start=s', 'target=t', 'objective=obj', 'max=2');
INSERT INTO toggled VALUES (1, 0, 1);
ALTER TABLE toggled DISABLE TRIGGER r;
INSERT INTO toggled VALUES (1, 0, 1);
ALTER TABLE toggled ENABLE TRIGGER r;
SELECT throws_ok($$ INSERT INTO toggled VALUES (1, 0, 1) $$, '23514', NULL, 'rows added while the trigger was off are counted');
-- an UPDATE can repair a row written before the trigger existed
CREATE TABLE legacy (id int, s float8, t float8);
INSERT INTO legacy VALUES (1, NULL, 5), (2, 5, 5);
CREATE TRIGGER r BEFORE INSERT OR UPDATE ON legacy FOR EACH ROW EXECUTE FUNCTION okrkpi.check_key_result('start=s', 'target=t');
SELECT lives_ok($$ UPDATE legacy SET s = 1 WHERE id = 1 $$, 'a missing start can be filled in');
SELECT lives_ok($$ UPDATE legacy SET t = 6 WHERE id = 2 $$, 'a start = target row can be repaired');
-- a young KPI's since date is frozen too, or the year could be skipped
SELECT throws_ok($$ UPDATE team_kpis SET since = '2000-01-01' WHERE threshold = '>= 40 @ 41' $$, '23514',
                 'a KPI is kept at least a year: its start date cannot change yet', 'since frozen while the KPI is young');

SELECT * FROM finish();
ROLLBACK;
