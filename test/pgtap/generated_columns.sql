-- A generated column named by any role=column argument is refused, when the
-- trigger is created: a BEFORE trigger sees it before it is computed, NULL on
-- INSERT and the old value on UPDATE, so objective= on one disabled the limit.
-- Run as a role with no rights beyond temporary tables.
\ir ../include/setup.sql
SET LOCAL client_min_messages = warning;
SELECT plan(11);

CREATE ROLE okr_gen_user;
GRANT USAGE ON SCHEMA okrkpi TO okr_gen_user;
SET LOCAL ROLE okr_gen_user;

-- the finding: objective= on a stored generated column, max=2
CREATE TEMP TABLE gen_goals (id int, s numeric, t numeric, obj int GENERATED ALWAYS AS (id / 100) STORED);
SELECT throws_ok($$ CREATE TRIGGER r BEFORE INSERT OR UPDATE ON gen_goals FOR EACH ROW
  EXECUTE FUNCTION okrkpi.check_key_result('start=s', 'target=t', 'objective=obj', 'max=2') $$, '42P10',
                 'check_key_result: column "obj" is a generated column',
                 'objective= on a stored generated column is refused');
SELECT is((SELECT count(*)::int FROM pg_catalog.pg_trigger WHERE tgrelid = 'gen_goals'::regclass), 0,
          'and no trigger is left on the table');

-- every other role of check_key_result
CREATE TEMP TABLE gen_numbers (base numeric, s numeric GENERATED ALWAYS AS (base) STORED,
                               t numeric, flag boolean, f boolean GENERATED ALWAYS AS (flag) STORED);
SELECT throws_ok($$ CREATE TRIGGER r BEFORE INSERT OR UPDATE ON gen_numbers FOR EACH ROW
  EXECUTE FUNCTION okrkpi.check_key_result('start=s', 'target=t') $$, '42P10',
                 'check_key_result: column "s" is a generated column', 'start= on a generated column is refused');
SELECT throws_ok($$ CREATE TRIGGER r BEFORE INSERT OR UPDATE ON gen_numbers FOR EACH ROW
  EXECUTE FUNCTION okrkpi.check_key_result('start=t', 'target=s') $$, '42P10',
                 'check_key_result: column "s" is a generated column', 'target= on a generated column is refused');
SELECT throws_ok($$ CREATE TRIGGER r BEFORE INSERT OR UPDATE ON gen_numbers FOR EACH ROW
  EXECUTE FUNCTION okrkpi.check_key_result('start=base', 'target=t', 'kpi=f') $$, '42P10',
                 'check_key_result: column "f" is a generated column', 'kpi= of check_key_result on a generated column is refused');

CREATE TEMP TABLE gen_plans (p okrkpi.key_result, kr okrkpi.key_result GENERATED ALWAYS AS (p) STORED);
SELECT throws_ok($$ CREATE TRIGGER r BEFORE INSERT OR UPDATE ON gen_plans FOR EACH ROW
  EXECUTE FUNCTION okrkpi.check_key_result('kr=kr') $$, '42P10',
                 'check_key_result: column "kr" is a generated column', 'kr= on a generated column is refused');

-- every role of check_kpi
CREATE TEMP TABLE gen_kpis (id int, threshold okrkpi.kpi, k okrkpi.kpi GENERATED ALWAYS AS (threshold) STORED,
                            team int GENERATED ALWAYS AS (id / 100) STORED,
                            adopted date, since date GENERATED ALWAYS AS (adopted) STORED);
SELECT throws_ok($$ CREATE TRIGGER r BEFORE INSERT OR UPDATE OR DELETE ON gen_kpis FOR EACH ROW
  EXECUTE FUNCTION okrkpi.check_kpi('kpi=k') $$, '42P10',
                 'check_kpi: column "k" is a generated column', 'kpi= of check_kpi on a generated column is refused');
SELECT throws_ok($$ CREATE TRIGGER r BEFORE INSERT OR UPDATE OR DELETE ON gen_kpis FOR EACH ROW
  EXECUTE FUNCTION okrkpi.check_kpi('kpi=threshold', 'plan=team', 'max=2') $$, '42P10',
                 'check_kpi: column "team" is a generated column', 'plan= on a generated column is refused');
SELECT throws_ok($$ CREATE TRIGGER r BEFORE INSERT OR UPDATE OR DELETE ON gen_kpis FOR EACH ROW
  EXECUTE FUNCTION okrkpi.check_kpi('kpi=threshold', 'since=since') $$, '42P10',
                 'check_kpi: column "since" is a generated column', 'since= on a generated column is refused');

-- a virtual generated column (PostgreSQL 18 and later) is refused too
DO $$
BEGIN
    IF current_setting('server_version_num')::int >= 180000 THEN
        EXECUTE 'CREATE TEMP TABLE gen_virtual (id int, s numeric, t numeric, obj int GENERATED ALWAYS AS (id / 100) VIRTUAL)';
    END IF;
END $$;
SELECT CASE WHEN current_setting('server_version_num')::int >= 180000
            THEN throws_ok($$ CREATE TRIGGER r BEFORE INSERT OR UPDATE ON gen_virtual FOR EACH ROW
                                EXECUTE FUNCTION okrkpi.check_key_result('start=s', 'target=t', 'objective=obj', 'max=2') $$, '42P10',
                           'check_key_result: column "obj" is a generated column',
                           'objective= on a virtual generated column is refused')
            ELSE skip('virtual generated columns need PostgreSQL 18') END;

-- an ordinary column of the same table is still fine
CREATE TRIGGER r BEFORE INSERT OR UPDATE OR DELETE ON gen_kpis FOR EACH ROW
  EXECUTE FUNCTION okrkpi.check_kpi('kpi=threshold', 'since=adopted');
SELECT lives_ok($$ INSERT INTO gen_kpis (id, threshold, adopted) VALUES (1, '>= 1', current_date) $$,
                'ordinary columns beside generated ones are accepted');

RESET ROLE;
SELECT * FROM finish();
ROLLBACK;
