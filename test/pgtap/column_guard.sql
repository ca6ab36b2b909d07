-- The column guard: a plan-rule trigger depends in
-- pg_depend on each column it names, recorded at the end of the DDL that made
-- the trigger (CREATE TRIGGER, and the clones of CREATE TABLE ... PARTITION
-- OF and ALTER TABLE ... ATTACH PARTITION), so that PostgreSQL refuses to
-- drop such a column; a rename of a named column is refused at the end of the
-- ALTER.  Run by an unprivileged role on its own tables.
\ir ../include/setup.sql
SET LOCAL client_min_messages = warning;
SELECT plan(19);

CREATE ROLE okr_guard_owner;
GRANT CREATE ON SCHEMA public TO okr_guard_owner;
SET LOCAL ROLE okr_guard_owner;

-- The columns a trigger depends on, as name list in attnum order.
CREATE FUNCTION pg_temp.depends_on(rel regclass, trigger name) RETURNS text LANGUAGE sql AS $$
    SELECT coalesce(string_agg(a.attname, ',' ORDER BY a.attnum), '')
    FROM pg_depend d
    JOIN pg_trigger t ON d.classid = 'pg_trigger'::regclass AND d.objid = t.oid
    JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
    WHERE d.refclassid = 'pg_class'::regclass AND t.tgrelid = rel AND t.tgname = trigger AND d.deptype = 'n'
$$;

-- CREATE TRIGGER records start, target and objective; max= names no column.
CREATE TABLE public.guarded (id int, obj int, baseline numeric, goal numeric, note text);
CREATE TRIGGER kr BEFORE INSERT OR UPDATE ON public.guarded FOR EACH ROW
  EXECUTE FUNCTION okrkpi.check_key_result('start=baseline', 'target=goal', 'objective=obj', 'max=3');
SELECT is(pg_temp.depends_on('public.guarded', 'kr'), 'obj,baseline,goal',
          'CREATE TRIGGER records a dependency on each named column, none on others');
SELECT throws_ok($$ ALTER TABLE public.guarded DROP COLUMN goal $$, '2BP01', NULL,
                 'PostgreSQL refuses to drop a named column');
SELECT throws_ok($$ ALTER TABLE public.guarded RENAME COLUMN obj TO objective $$, '2BP01',
                 'column "obj" of relation "guarded" is named by trigger "kr"', 'renaming one is refused');
SELECT lives_ok($$ ALTER TABLE public.guarded RENAME COLUMN note TO remark $$, 'an unnamed column renames freely');
SELECT lives_ok($$ ALTER TABLE public.guarded DROP COLUMN remark $$, 'and drops freely');
SELECT throws_ok($$ ALTER TABLE public.guarded ALTER COLUMN goal TYPE float8 $$, '0A000', NULL,
                 'the type of a named column cannot change, as for a column of UPDATE OF');
SELECT lives_ok($$ ALTER TABLE public.guarded DROP COLUMN goal CASCADE $$, 'DROP COLUMN ... CASCADE passes');
SELECT is((SELECT count(*)::int FROM pg_trigger WHERE tgrelid = 'public.guarded'::regclass AND tgname = 'kr'), 0,
          'and drops the trigger with it');

-- Partitions: the clones of CREATE TABLE ... PARTITION OF and ATTACH PARTITION.
CREATE TABLE public.parted (obj int, baseline numeric, goal numeric) PARTITION BY LIST (obj);
CREATE TABLE public.part1 PARTITION OF public.parted FOR VALUES IN (1);
CREATE TRIGGER kr BEFORE INSERT OR UPDATE ON public.parted FOR EACH ROW
  EXECUTE FUNCTION okrkpi.check_key_result('start=baseline', 'target=goal');
SELECT is(pg_temp.depends_on('public.part1', 'kr'), 'baseline,goal', 'the clone on an existing partition depends too');
CREATE TABLE public.part2 PARTITION OF public.parted FOR VALUES IN (2);
SELECT is(pg_temp.depends_on('public.part2', 'kr'), 'baseline,goal', 'so does the clone of CREATE TABLE ... PARTITION OF');
-- columns in another order, so that the partition's attribute numbers differ
CREATE TABLE public.part3 (goal numeric, pad int, obj int, baseline numeric);
ALTER TABLE public.part3 DROP COLUMN pad;
ALTER TABLE public.parted ATTACH PARTITION public.part3 FOR VALUES IN (3);
SELECT is(pg_temp.depends_on('public.part3', 'kr'), 'goal,baseline', 'and the clone of ATTACH PARTITION');
SELECT throws_ok($$ ALTER TABLE public.parted RENAME COLUMN baseline TO b0 $$, '2BP01', NULL,
                 'a rename through the root is refused');
SELECT throws_ok($$ ALTER TABLE public.parted DROP COLUMN goal $$, '2BP01', NULL, 'so is a drop through the root');
ALTER TABLE public.parted DETACH PARTITION public.part3;
SELECT is(pg_temp.depends_on('public.part3', 'kr'), '', 'DETACH PARTITION drops the clone and its dependencies');
SELECT lives_ok($$ ALTER TABLE public.part3 RENAME COLUMN baseline TO b0 $$, 'the detached table renames freely');

-- Inheritance: a trigger on a child; the rename comes through the parent.
CREATE TABLE public.base (baseline numeric, goal numeric);
CREATE TABLE public.heir () INHERITS (public.base);
CREATE TRIGGER kr BEFORE INSERT OR UPDATE ON public.heir FOR EACH ROW
  EXECUTE FUNCTION okrkpi.check_key_result('start=baseline', 'target=goal');
SELECT throws_ok($$ ALTER TABLE public.base RENAME COLUMN goal TO g $$, '2BP01',
                 'column "goal" of relation "heir" is named by trigger "kr"',
                 'a rename through a parent is refused for the inheritor''s trigger');
SELECT lives_ok($$ ALTER TABLE ONLY public.base DROP COLUMN goal $$,
                'ALTER TABLE ONLY ... DROP COLUMN leaves the inheritor''s column, so it passes');

-- A trigger naming a column that does not exist is refused when it is
-- created.  One made while the event trigger was off (or before 0.3.0)
-- records nothing for that name at the table's next DDL.
CREATE TABLE public.broken (baseline numeric, other int);
SELECT throws_ok($$ CREATE TRIGGER kr BEFORE INSERT ON public.broken FOR EACH ROW
                    EXECUTE FUNCTION okrkpi.check_key_result('start=baseline', 'target=missing') $$,
                 '42703', 'check_key_result: column "missing" of relation "broken" does not exist',
                 'a trigger naming a missing column is refused at CREATE TRIGGER');
RESET ROLE;
ALTER EVENT TRIGGER okrkpi_trigger_columns DISABLE;
CREATE TRIGGER kr BEFORE INSERT ON public.broken FOR EACH ROW
  EXECUTE FUNCTION okrkpi.check_key_result('start=baseline', 'target=missing');
ALTER EVENT TRIGGER okrkpi_trigger_columns ENABLE;
SET LOCAL ROLE okr_guard_owner;
ALTER TABLE public.broken DROP COLUMN other;
SELECT is(pg_temp.depends_on('public.broken', 'kr'), 'baseline', 'only columns that exist are recorded');

SELECT * FROM finish();
ROLLBACK;
