-- README.md "Use it in your own database", as written there (test/docs runs it too;
-- this file pins what it prints).
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS okrkpi;
RESET client_min_messages;
SET TimeZone = 'UTC';
CREATE SCHEMA sales;
CREATE TABLE sales.goals (id int PRIMARY KEY, objective_id int, metric_id int, title text,
                          baseline numeric, goal numeric, due_quarter okrkpi.quarter);
CREATE TABLE sales.metric_values (metric_id int, value float8, taken_at timestamptz);
INSERT INTO sales.goals VALUES (1, 1, 10, 'Increase NPS from 20 to 40', 20, 40, '2026-Q3'),
                               (2, 1, 11, 'Reduce churn from 2.4% to 2%', 2.4, 2, '2026-Q3');
INSERT INTO sales.metric_values VALUES (10, 25, '2026-07-10'), (10, 35, '2026-08-10'),
                                       (10, 50, '2026-10-05'),    -- next quarter's: not counted
                                       (11, 2.3, '2026-07-31'), (11, 2.1, '2026-08-31');

ALTER TABLE sales.goals ADD COLUMN plan okrkpi.key_result;
UPDATE sales.goals SET plan = (baseline || ' -> ' || goal)::okrkpi.key_result;
CREATE TRIGGER plan_rules BEFORE INSERT OR UPDATE ON sales.goals FOR EACH ROW
    EXECUTE FUNCTION okrkpi.check_key_result('kr=plan', 'objective=objective_id');

-- (35 - 20) / (40 - 20) = 0.75 (the 50 of 2026-10-05 is 2026-Q4's); (2.1 - 2.4) / (2 - 2.4)
-- = 0.75 on paper, 0.7499999999999997 in float8 (2.1 and 2.4 are not exact binary
-- fractions), 0.75 once tidy() rounds it to 15 significant digits
SELECT g.id, g.title, okrkpi.tidy(okrkpi.kr_score(g.plan, m.value, m.taken_at)) AS score,
       okrkpi.grade(okrkpi.kr_score(g.plan, m.value, m.taken_at)) AS grade
FROM sales.goals g
JOIN sales.metric_values m ON m.metric_id = g.metric_id
                          AND okrkpi.quarter_of(m.taken_at) = g.due_quarter
GROUP BY g.id, g.title
ORDER BY g.id;
-- the same without tidy(): the float8 noise
SELECT g.id, okrkpi.kr_score(g.plan, m.value, m.taken_at) AS score
FROM sales.goals g
JOIN sales.metric_values m ON m.metric_id = g.metric_id
                          AND okrkpi.quarter_of(m.taken_at) = g.due_quarter
GROUP BY g.id
ORDER BY g.id;

-- quarters compare with plain operators, whatever the search_path
SELECT id, title FROM sales.goals WHERE due_quarter = '2026-Q3';
\set VERBOSITY sqlstate
UPDATE sales.goals SET plan = '25 -> 40' WHERE id = 1;   -- ERROR 23514: the start is frozen
\set VERBOSITY default
DROP SCHEMA sales CASCADE;
