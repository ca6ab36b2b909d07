-- The worked example of doc/triggers.md, as written there: the doc's SQL runs.
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS okrkpi;
RESET client_min_messages;
\set VERBOSITY default

CREATE SCHEMA sales;
CREATE TABLE sales.objectives (id serial PRIMARY KEY, title text NOT NULL);
CREATE TABLE sales.goals (
    id           serial PRIMARY KEY,
    objective_id int REFERENCES sales.objectives,
    title        text NOT NULL,
    baseline     numeric,          -- the metric's value when the quarter began
    goal         numeric           -- where it should end
);
CREATE TABLE sales.health_checks (
    id         serial PRIMARY KEY,
    team       text NOT NULL,
    title      text NOT NULL,
    threshold  okrkpi.kpi,
    adopted_on date NOT NULL DEFAULT current_date
);

CREATE TRIGGER kr_rules BEFORE INSERT OR UPDATE ON sales.goals FOR EACH ROW
  EXECUTE FUNCTION okrkpi.check_key_result('start=baseline', 'target=goal',
                                           'objective=objective_id');

CREATE TRIGGER kpi_rules BEFORE INSERT OR UPDATE OR DELETE ON sales.health_checks FOR EACH ROW
  EXECUTE FUNCTION okrkpi.check_kpi('kpi=threshold', 'plan=team', 'since=adopted_on');

INSERT INTO sales.objectives (title) VALUES ('Create wildly loyal customers');
INSERT INTO sales.goals (objective_id, title, baseline, goal)
VALUES (1, 'Increase NPS from 20 to 40', 20, 40),
       (1, 'Reduce first response time from 6h to 0.75h', 6, 0.75);   -- decreasing: fine

INSERT INTO sales.goals (objective_id, title, baseline, goal)
VALUES (1, 'Maintain NPS above 40', 40, 40);

UPDATE sales.goals SET baseline = 25 WHERE id = 1;

-- the LOG line names the role that overrides: here a role of the test's own,
-- which owns the table (whoever runs the suite)
CREATE ROLE regress_alice;
GRANT USAGE ON SCHEMA sales TO regress_alice;
ALTER TABLE sales.goals OWNER TO regress_alice;
SET ROLE regress_alice;
SET okrkpi.override_reason = 'baseline was read from the wrong survey';
SET client_min_messages = log;    -- show the LOG line every override writes
UPDATE sales.goals SET baseline = 25 WHERE id = 1;     -- allowed: we own the table
RESET client_min_messages;
RESET okrkpi.override_reason;
RESET ROLE;

INSERT INTO sales.health_checks (team, title, threshold)
VALUES ('support', 'Keep churn at most 2%', '<= 2%');
-- (terse here only because the DETAIL names today's date)
\set VERBOSITY terse
DELETE FROM sales.health_checks WHERE id = 1;
\set VERBOSITY default

SELECT id, title, baseline, goal FROM sales.goals ORDER BY id;
SELECT team, title, threshold FROM sales.health_checks ORDER BY id;

DROP SCHEMA sales CASCADE;
DROP ROLE regress_alice;
