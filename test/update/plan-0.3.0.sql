-- What a 0.3.0 plan has beyond the 0.2.0 one (test/update/plan-0.1.0.sql and
-- plan-0.2.0.sql, loaded first): a declared fiscal year, an annual objective
-- with a weighted key result and a check-in value, and the Q3 parent aligned
-- under it, so that the close carries a quarterly chain under an annual
-- root.  Frozen with 0.3.0.
SET search_path = okrkpi, public;
-- a calendar fiscal year, declared: the quarters' days, and so the scores, stay as they were
INSERT INTO fiscal_year (start_month) VALUES (1);
INSERT INTO objectives (quarter, fiscal_year, title, owner) VALUES (NULL, 2020, 'Be our customers'' first choice', 'CEO');
UPDATE objectives SET parent_id = (SELECT id FROM objectives WHERE fiscal_year = 2020)
 WHERE title = 'Customers stay and grow';
INSERT INTO key_results (objective_id, title, plan, weight, owner)
SELECT id, 'Publish 10 customer case studies', '0 -> 10', 0.5, 'Marketing' FROM objectives WHERE fiscal_year = 2020;
INSERT INTO check_ins (key_result_id, at, value, confidence, note, author)
SELECT id, '2020-09-15 12:00+00', 4, 6, 'four out, two in review', 'carol'
FROM key_results WHERE title = 'Publish 10 customer case studies';
