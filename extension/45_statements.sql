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
COMMENT ON FUNCTION okrkpi.carry_forward(okrkpi.key_result, float8, float8, integer) IS 'next quarter''s key result: actual -> quarter_target(actual, annual_target, quarters_left), rounded to one decimal more than the plan and annual target were written with, in the plan''s unit';

CREATE FUNCTION okrkpi.value_text(value float8, unit text) RETURNS text
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION okrkpi.value_text(float8, text) IS 'one value in a unit ('''', ''%'', ''$'', ''€'', ''£'', ''¥'', ''s'', ''milestones'', as unit() returns it) printed as the literals print it: value_text(2700, ''s'') is ''45min''';
--@end
