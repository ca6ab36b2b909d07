-- ALTER TABLE ... DETACH PARTITION ... CONCURRENTLY commits
-- in the middle of the command.  0.2.0's column guard kept a list from
-- ddl_command_start in TopTransactionContext and read it, freed, at
-- ddl_command_end: the server process died of SIGSEGV.  Run as a login role
-- with no CREATE privilege anywhere, on temporary tables.  DETACH CONCURRENTLY
-- cannot run in a transaction block, hence pg_regress and not pgTAP.
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS okrkpi;
DROP ROLE IF EXISTS okr_detacher;
RESET client_min_messages;
CREATE ROLE okr_detacher LOGIN;
SET ROLE okr_detacher;
CREATE TEMP TABLE tp (id int, obj int, s numeric, t numeric) PARTITION BY LIST (obj);
CREATE TEMP TABLE tp1 PARTITION OF tp FOR VALUES IN (1);
CREATE TEMP TABLE tp2 PARTITION OF tp FOR VALUES IN (2);
CREATE TRIGGER kr BEFORE INSERT OR UPDATE ON tp FOR EACH ROW
  EXECUTE FUNCTION okrkpi.check_key_result('start=s', 'target=t', 'objective=obj');
INSERT INTO tp VALUES (1, 1, 1, 2), (2, 2, 1, 2);
ALTER TABLE tp DETACH PARTITION tp1 CONCURRENTLY;
-- the session lives on: the partition is detached, the other one still guarded
SELECT 'alive' AS session, (SELECT count(*) FROM tp) AS rows_left, (SELECT count(*) FROM tp1) AS detached;
ALTER TABLE tp RENAME COLUMN s TO s_old;
ALTER TABLE tp DETACH PARTITION tp2 CONCURRENTLY;
SELECT count(*) AS partitions FROM pg_inherits WHERE inhparent = 'tp'::regclass;
RESET ROLE;
DROP TABLE tp, tp1, tp2;
DROP ROLE okr_detacher;
