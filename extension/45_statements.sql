--@define statements
-- OKR statements and the roll-forward step (doc/statements.md).

CREATE FUNCTION okrkpi.statement(metric text, plan okrkpi.key_result) RETURNS text
    AS 'MODULE_PATHNAME', 'statement_text' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION okrkpi.parse_statement(statement text)
    RETURNS TABLE (metric text, plan okrkpi.key_result, rest text)
    AS 'MODULE_PATHNAME', 'parse_statement' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 1;
CREATE FUNCTION okrkpi.carry_forward(plan okrkpi.key_result, actual float8, annual_target float8, quarters_left integer) RETURNS okrkpi.key_result
    AS 'MODULE_PATHNAME', 'carry_forward' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION okrkpi.statement(text, okrkpi.key_result) IS 'the key result as a sentence: Increase (Complete for milestones) or Reduce <metric> from <start> to <target>, values as the type prints them; the current value is left out';
COMMENT ON FUNCTION okrkpi.parse_statement(text) IS 'reads ''<verb> <metric> from <start> to <target>[rest]'' into one row (metric, plan, rest); the verb must match the plan''s direction';

CREATE FUNCTION okrkpi.value_text(value float8, unit text) RETURNS text
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION okrkpi.value_text(float8, text) IS 'one value in a unit ('''', ''%'', ''$'', ''€'', ''£'', ''¥'', ''s'', ''milestones'', as unit() returns it) printed as the literals print it: value_text(2700, ''s'') is ''45min''';
--@end

-- carry_forward writes each end in the unit the plan was written in (0.3.0)
--@define carry_forward_comment
COMMENT ON FUNCTION okrkpi.carry_forward(okrkpi.key_result, float8, float8, integer) IS 'next quarter''s key result: actual -> quarter_target(actual, annual_target, quarters_left), each end rounded as the old plan''s end is written: to hundredths of the unit it prints in (k, M, B; min, h, d, w), whole milestones, and in plain digits the actual as start and a target with one decimal more than the plan and annual target (money: whole units or cents); rounding never stops, turns or overshoots the plan: carry_forward(''$2M -> $3M'', 2350000, 5e6, 2) is ''$2.35M -> $3.68M''';
--@end

-- Titles that state their plan (0.3.0): read, and restated for the next quarter
--@define titles
CREATE FUNCTION okrkpi.title_states_plan(title text, plan okrkpi.key_result) RETURNS boolean
    AS 'MODULE_PATHNAME', 'title_states_plan' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION okrkpi.restate_title(title text, old_plan okrkpi.key_result, new_plan okrkpi.key_result,
                                     old_quarter okrkpi.quarter, new_quarter okrkpi.quarter) RETURNS text
    AS 'MODULE_PATHNAME', 'restate_title' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION okrkpi.title_states_plan(text, okrkpi.key_result) IS 'whether a title states the plan: NULL when it has no "from <start> to <target>" whose values read, true when one has the plan''s start and target (current value aside; unit too unless the title writes none), false when its numbers say otherwise';
COMMENT ON FUNCTION okrkpi.restate_title(text, okrkpi.key_result, okrkpi.key_result, okrkpi.quarter, okrkpi.quarter) IS 'the title with the start and target that state old_plan replaced by new_plan''s, written in the title''s own units, and references to old_quarter (Q3, Q3 2026, Q3-2026, 2026-Q3, 2026 Q3) moved to new_quarter, a year only where one was written; every other word kept; NULL when the title''s numbers are not old_plan''s; 22023 for a new plan of another unit or direction';
--@end

-- The statement where the views can use one (0.3.0): no view fails on a metric name
--@define statement_or_null
CREATE FUNCTION okrkpi.statement_or_null(metric text, plan okrkpi.key_result) RETURNS text
    AS 'MODULE_PATHNAME', 'statement_or_null' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION okrkpi.statement_or_null(text, okrkpi.key_result) IS 'statement(metric, plan), or NULL where the views show a key result another way: a blank metric name, or one that states a "from <start> to <target>" of its own, as title_states_plan reads one (statement() refuses those)';
--@end
