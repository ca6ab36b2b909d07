-- What a limit counts when its trigger is on a partition:
-- the table the trigger was created on, as that table's owner.  The owner of
-- one partition must not learn, through "objective ... is full", whether a
-- value exists in another partition under the root's row security, and its
-- inserts must not be refused for rows of other partitions.  A trigger
-- created on a partitioned table still counts across all its partitions.
\ir ../include/setup.sql
SET LOCAL client_min_messages = warning;
SELECT plan(8);

CREATE ROLE okr_root_owner;
CREATE ROLE okr_prober;
GRANT USAGE ON SCHEMA okrkpi TO okr_root_owner, okr_prober;
CREATE SCHEMA deals AUTHORIZATION okr_root_owner;
GRANT USAGE ON SCHEMA deals TO okr_prober;

-- the root and one partition belong to okr_root_owner, under row security
SET LOCAL ROLE okr_root_owner;
CREATE TABLE deals.deals (region text, objective text, s numeric, t numeric) PARTITION BY LIST (region);
ALTER TABLE deals.deals ENABLE ROW LEVEL SECURITY;
CREATE POLICY nobody ON deals.deals USING (false);
CREATE TABLE deals.deals_acme PARTITION OF deals.deals FOR VALUES IN ('acme');
ALTER TABLE deals.deals_acme ENABLE ROW LEVEL SECURITY;
INSERT INTO deals.deals_acme VALUES ('acme', 'ACME-takeover-target', 0, 1);
-- a sub-partitioned partition whose own trigger counts across its partitions
CREATE TABLE deals.deals_emea PARTITION OF deals.deals FOR VALUES IN ('emea', 'emea2') PARTITION BY LIST (region);
CREATE TABLE deals.deals_emea1 PARTITION OF deals.deals_emea FOR VALUES IN ('emea');
CREATE TABLE deals.deals_emea2 PARTITION OF deals.deals_emea FOR VALUES IN ('emea2');
CREATE TRIGGER r BEFORE INSERT OR UPDATE ON deals.deals_emea FOR EACH ROW
  EXECUTE FUNCTION okrkpi.check_key_result('start=s', 'target=t', 'objective=objective', 'max=1');
RESET ROLE;
-- the prober's own partition, its trigger created by the prober
CREATE TABLE deals.deals_mine (region text, objective text, s numeric, t numeric);
ALTER TABLE deals.deals_mine OWNER TO okr_prober;
ALTER TABLE deals.deals ATTACH PARTITION deals.deals_mine FOR VALUES IN ('mine');

SET LOCAL ROLE okr_prober;
SELECT throws_ok($$ SELECT count(*) FROM deals.deals_acme $$, '42501', NULL,
                 'setup: the prober may not read the other partition');
CREATE TRIGGER r BEFORE INSERT OR UPDATE ON deals.deals_mine FOR EACH ROW
  EXECUTE FUNCTION okrkpi.check_key_result('start=s', 'target=t', 'objective=objective', 'max=1');
SELECT lives_ok($$ INSERT INTO deals.deals_mine VALUES ('mine', 'ACME-takeover-target', 0, 1) $$,
                'a trigger on a partition does not count the rows of another partition (no probe, no over-count)');
SELECT throws_ok($$ INSERT INTO deals.deals_mine VALUES ('mine', 'ACME-takeover-target', 0, 2) $$, '23514',
                 'objective ACME-takeover-target already has 1 key result',
                 'and it counts its own partition');
RESET ROLE;

-- a trigger created on a partitioned partition counts across its partitions,
-- not the root's other ones
SET LOCAL ROLE okr_root_owner;
SELECT lives_ok($$ INSERT INTO deals.deals VALUES ('emea', 'ACME-takeover-target', 0, 1) $$,
                'a trigger on a sub-partitioned partition does not count its siblings');
SELECT throws_ok($$ INSERT INTO deals.deals VALUES ('emea2', 'ACME-takeover-target', 0, 1) $$, '23514', NULL,
                 'and counts across its own partitions');

-- a trigger created on the root is cloned to every partition, at any depth,
-- and counts across the root as the root's owner (cloning it to the prober's
-- partition takes a superuser)
RESET ROLE;
CREATE TRIGGER root_limit BEFORE INSERT OR UPDATE ON deals.deals FOR EACH ROW
  EXECUTE FUNCTION okrkpi.check_key_result('start=s', 'target=t', 'objective=objective', 'max=3');
SET LOCAL ROLE okr_root_owner;
SELECT lives_ok($$ INSERT INTO deals.deals VALUES ('acme', 'shared', 0, 1), ('emea2', 'shared', 0, 1) $$,
                'two of objective "shared" under the root''s limit of 3');
SELECT throws_ok($$ INSERT INTO deals.deals VALUES ('acme', 'ACME-takeover-target', 0, 1) $$, '23514',
                 'objective ACME-takeover-target already has 3 key results',
                 'the root''s trigger counts every partition, the prober''s one included, past row security');
RESET ROLE;
SELECT is((SELECT count(*)::int FROM deals.deals WHERE objective = 'ACME-takeover-target'), 3,
          'the three rows of that objective are in');

SELECT * FROM finish();
ROLLBACK;
