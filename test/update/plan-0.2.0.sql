-- What a 0.2.0 plan has beyond the 0.1.0 one (test/update/plan-0.1.0.sql,
-- loaded first): objective weights, an alignment, and check-ins, so that the
-- update from 0.2.0 carries rows in every table.  Frozen with 0.2.0.
SET search_path = okrkpi, public;
UPDATE objectives SET weight = 2 WHERE title = 'Create wildly loyal customers';
INSERT INTO objectives (quarter, title, owner) VALUES ('2020-Q3', 'Customers stay and grow', 'CEO');
UPDATE objectives SET parent_id = (SELECT id FROM objectives WHERE title = 'Customers stay and grow')
 WHERE title IN ('Create wildly loyal customers', 'Make support feel human and fast');
INSERT INTO check_ins (key_result_id, at, value, confidence, note, author)
SELECT id, '2020-08-14 12:00+00', NULL, 7, 'on track after the pricing change', 'alice'
FROM key_results ORDER BY id LIMIT 2;
INSERT INTO check_ins (key_result_id, at, value, confidence, note, author)
SELECT id, '2020-09-11 12:00+00', okrkpi.start_value(plan), 4, 'slipping', 'bob'
FROM key_results WHERE metric_id IS NULL ORDER BY id LIMIT 1;
