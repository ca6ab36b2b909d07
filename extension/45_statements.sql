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
