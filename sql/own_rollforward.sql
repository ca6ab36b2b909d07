-- doc/triggers.md "A roll-forward for your own cycle table", as written there.
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS okrkpi;
RESET client_min_messages;
CREATE SCHEMA sales;
CREATE TABLE sales.quarters (quarter okrkpi.quarter PRIMARY KEY, closed boolean NOT NULL DEFAULT false);
CREATE TABLE sales.targets (id serial PRIMARY KEY, quarter okrkpi.quarter, title text,
                            plan okrkpi.key_result, actual float8,
                            annual_target float8, due okrkpi.quarter);

CREATE FUNCTION sales.carry_targets() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    INSERT INTO sales.quarters (quarter) VALUES (NEW.quarter + 1) ON CONFLICT DO NOTHING;
    INSERT INTO sales.targets (quarter, title, plan, annual_target, due)
    SELECT NEW.quarter + 1, t.title,
           okrkpi.carry_forward(t.plan, t.actual, t.annual_target, t.due - NEW.quarter),
           t.annual_target, t.due
    FROM sales.targets t
    WHERE t.quarter = NEW.quarter AND t.due > NEW.quarter AND t.actual IS NOT NULL
      -- not when the annual target is reached or passed (carry_forward refuses to turn the plan)
      AND (t.annual_target > t.actual) = (okrkpi.direction(t.plan) = 'increase')
      AND t.actual <> t.annual_target;
    RETURN NULL;
END $$;
CREATE TRIGGER carry AFTER UPDATE OF closed ON sales.quarters FOR EACH ROW
    WHEN (NOT OLD.closed AND NEW.closed) EXECUTE FUNCTION sales.carry_targets();

INSERT INTO sales.quarters VALUES ('2020-Q3');
INSERT INTO sales.targets (quarter, title, plan, actual, annual_target, due) VALUES
  ('2020-Q3', 'NPS', '20 -> 40', 30.2, 45, '2021-Q2'),            -- 30.2 + 14.8 / 3 = 35.13.. -> 35.1
  ('2020-Q3', 'retention', '73% -> 75%', 75, 80, '2020-Q4'),      -- one quarter left: 80
  ('2020-Q3', 'first response', '6h -> 45min', 7313, 2700, '2021-Q1'),  -- 2.03h -> 5006.5 s = 83.44min
  ('2020-Q3', 'due already', '1 -> 2', 1.5, 2, '2020-Q3'),       -- not carried
  ('2020-Q3', 'passed already', '2 -> 1', 0.8, 1, '2021-Q1');     -- below the annual target: not carried
UPDATE sales.quarters SET closed = true WHERE quarter = '2020-Q3';
SELECT quarter, title, plan FROM sales.targets WHERE quarter = '2020-Q4' ORDER BY id;
SELECT quarter, closed FROM sales.quarters ORDER BY quarter;
DROP SCHEMA sales CASCADE;
