-- okrkpi: OKR and KPI types, scoring and plan rules for PostgreSQL.
-- This script is assembled by the Makefile from the files in extension/.

\echo Use "CREATE EXTENSION okrkpi" to load this file. \quit
-- The key_result type: start -> target [@ current] with a unit.

CREATE TYPE okrkpi.key_result;

CREATE FUNCTION okrkpi.key_result_in(cstring) RETURNS okrkpi.key_result
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION okrkpi.key_result_out(okrkpi.key_result) RETURNS cstring
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION okrkpi.key_result_recv(internal) RETURNS okrkpi.key_result
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION okrkpi.key_result_send(okrkpi.key_result) RETURNS bytea
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE okrkpi.key_result (
    INPUT = okrkpi.key_result_in,
    OUTPUT = okrkpi.key_result_out,
    RECEIVE = okrkpi.key_result_recv,
    SEND = okrkpi.key_result_send,
    INTERNALLENGTH = 32,
    ALIGNMENT = double,
    STORAGE = plain
);
COMMENT ON TYPE okrkpi.key_result IS 'a key result: start -> target [@ current] with one unit, e.g. ''20 -> 40 @ 30'' or ''6h -> 45min''';
COMMENT ON FUNCTION okrkpi.key_result_in(cstring) IS 'text input of key_result';
COMMENT ON FUNCTION okrkpi.key_result_out(okrkpi.key_result) IS 'canonical text output of key_result';
COMMENT ON FUNCTION okrkpi.key_result_recv(internal) IS 'binary input of key_result';
COMMENT ON FUNCTION okrkpi.key_result_send(okrkpi.key_result) IS 'binary output of key_result';

CREATE FUNCTION okrkpi.start_value(okrkpi.key_result) RETURNS float8
    AS 'MODULE_PATHNAME', 'key_result_start_value' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION okrkpi.target_value(okrkpi.key_result) RETURNS float8
    AS 'MODULE_PATHNAME', 'key_result_target_value' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION okrkpi.current_value(okrkpi.key_result) RETURNS float8
    AS 'MODULE_PATHNAME', 'key_result_current_value' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION okrkpi.unit(okrkpi.key_result) RETURNS text
    AS 'MODULE_PATHNAME', 'key_result_unit' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION okrkpi.direction(okrkpi.key_result) RETURNS text
    AS 'MODULE_PATHNAME', 'key_result_direction' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION okrkpi.is_milestone(okrkpi.key_result) RETURNS boolean
    AS 'MODULE_PATHNAME', 'key_result_is_milestone' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION okrkpi.with_current(okrkpi.key_result, float8) RETURNS okrkpi.key_result
    AS 'MODULE_PATHNAME', 'key_result_with_current' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;

COMMENT ON FUNCTION okrkpi.start_value(okrkpi.key_result) IS 'the start value: the metric''s value when the period began (durations in seconds, money in units, percent in points)';
COMMENT ON FUNCTION okrkpi.target_value(okrkpi.key_result) IS 'the target value';
COMMENT ON FUNCTION okrkpi.current_value(okrkpi.key_result) IS 'the current value, NULL when the key result has none';
COMMENT ON FUNCTION okrkpi.unit(okrkpi.key_result) IS 'the unit: '''', ''%'', ''$'', ''€'', ''£'', ''¥'', ''s'' or ''milestones''';
COMMENT ON FUNCTION okrkpi.direction(okrkpi.key_result) IS '''increase'' when the target is above the start, else ''decrease''';
COMMENT ON FUNCTION okrkpi.is_milestone(okrkpi.key_result) IS 'whether the key result counts milestones (effort-based) rather than moving a metric';
COMMENT ON FUNCTION okrkpi.with_current(okrkpi.key_result, float8) IS 'the same key result with this current value (NULL removes it)';

CREATE FUNCTION okrkpi.key_result_eq(okrkpi.key_result, okrkpi.key_result) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION okrkpi.key_result_ne(okrkpi.key_result, okrkpi.key_result) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION okrkpi.key_result_lt(okrkpi.key_result, okrkpi.key_result) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION okrkpi.key_result_le(okrkpi.key_result, okrkpi.key_result) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION okrkpi.key_result_gt(okrkpi.key_result, okrkpi.key_result) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION okrkpi.key_result_ge(okrkpi.key_result, okrkpi.key_result) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION okrkpi.key_result_cmp(okrkpi.key_result, okrkpi.key_result) RETURNS int4
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION okrkpi.key_result_hash(okrkpi.key_result) RETURNS int4
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION okrkpi.key_result_hash_extended(okrkpi.key_result, int8) RETURNS int8
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;

COMMENT ON FUNCTION okrkpi.key_result_eq(okrkpi.key_result, okrkpi.key_result) IS 'implementation of = for key_result';
COMMENT ON FUNCTION okrkpi.key_result_ne(okrkpi.key_result, okrkpi.key_result) IS 'implementation of <> for key_result';
COMMENT ON FUNCTION okrkpi.key_result_lt(okrkpi.key_result, okrkpi.key_result) IS 'implementation of < for key_result (an arbitrary total order for btree)';
COMMENT ON FUNCTION okrkpi.key_result_le(okrkpi.key_result, okrkpi.key_result) IS 'implementation of <= for key_result (an arbitrary total order for btree)';
COMMENT ON FUNCTION okrkpi.key_result_gt(okrkpi.key_result, okrkpi.key_result) IS 'implementation of > for key_result (an arbitrary total order for btree)';
COMMENT ON FUNCTION okrkpi.key_result_ge(okrkpi.key_result, okrkpi.key_result) IS 'implementation of >= for key_result (an arbitrary total order for btree)';
COMMENT ON FUNCTION okrkpi.key_result_cmp(okrkpi.key_result, okrkpi.key_result) IS 'btree support: three-way comparison of key results';
COMMENT ON FUNCTION okrkpi.key_result_hash(okrkpi.key_result) IS 'hash support for key_result';
COMMENT ON FUNCTION okrkpi.key_result_hash_extended(okrkpi.key_result, int8) IS 'seeded hash support for key_result';

CREATE OPERATOR okrkpi.= (
    LEFTARG = okrkpi.key_result, RIGHTARG = okrkpi.key_result, FUNCTION = okrkpi.key_result_eq,
    COMMUTATOR = OPERATOR(okrkpi.=), NEGATOR = OPERATOR(okrkpi.<>),
    RESTRICT = eqsel, JOIN = eqjoinsel, HASHES, MERGES
);
CREATE OPERATOR okrkpi.<> (
    LEFTARG = okrkpi.key_result, RIGHTARG = okrkpi.key_result, FUNCTION = okrkpi.key_result_ne,
    COMMUTATOR = OPERATOR(okrkpi.<>), NEGATOR = OPERATOR(okrkpi.=),
    RESTRICT = neqsel, JOIN = neqjoinsel
);
CREATE OPERATOR okrkpi.< (
    LEFTARG = okrkpi.key_result, RIGHTARG = okrkpi.key_result, FUNCTION = okrkpi.key_result_lt,
    COMMUTATOR = OPERATOR(okrkpi.>), NEGATOR = OPERATOR(okrkpi.>=),
    RESTRICT = scalarltsel, JOIN = scalarltjoinsel
);
CREATE OPERATOR okrkpi.<= (
    LEFTARG = okrkpi.key_result, RIGHTARG = okrkpi.key_result, FUNCTION = okrkpi.key_result_le,
    COMMUTATOR = OPERATOR(okrkpi.>=), NEGATOR = OPERATOR(okrkpi.>),
    RESTRICT = scalarlesel, JOIN = scalarlejoinsel
);
CREATE OPERATOR okrkpi.> (
    LEFTARG = okrkpi.key_result, RIGHTARG = okrkpi.key_result, FUNCTION = okrkpi.key_result_gt,
    COMMUTATOR = OPERATOR(okrkpi.<), NEGATOR = OPERATOR(okrkpi.<=),
    RESTRICT = scalargtsel, JOIN = scalargtjoinsel
);
CREATE OPERATOR okrkpi.>= (
    LEFTARG = okrkpi.key_result, RIGHTARG = okrkpi.key_result, FUNCTION = okrkpi.key_result_ge,
    COMMUTATOR = OPERATOR(okrkpi.<=), NEGATOR = OPERATOR(okrkpi.<),
    RESTRICT = scalargesel, JOIN = scalargejoinsel
);
COMMENT ON OPERATOR okrkpi.= (okrkpi.key_result, okrkpi.key_result) IS 'equal: same start, target, current and unit';
COMMENT ON OPERATOR okrkpi.<> (okrkpi.key_result, okrkpi.key_result) IS 'not equal';
COMMENT ON OPERATOR okrkpi.< (okrkpi.key_result, okrkpi.key_result) IS 'less than, in an arbitrary total order (start, target, current, unit) for indexes and sorting';
COMMENT ON OPERATOR okrkpi.<= (okrkpi.key_result, okrkpi.key_result) IS 'less than or equal, in the btree order';
COMMENT ON OPERATOR okrkpi.> (okrkpi.key_result, okrkpi.key_result) IS 'greater than, in the btree order';
COMMENT ON OPERATOR okrkpi.>= (okrkpi.key_result, okrkpi.key_result) IS 'greater than or equal, in the btree order';

CREATE OPERATOR CLASS okrkpi.key_result_ops DEFAULT FOR TYPE okrkpi.key_result USING btree AS
    OPERATOR 1 okrkpi.<,
    OPERATOR 2 okrkpi.<=,
    OPERATOR 3 okrkpi.=,
    OPERATOR 4 okrkpi.>=,
    OPERATOR 5 okrkpi.>,
    FUNCTION 1 okrkpi.key_result_cmp(okrkpi.key_result, okrkpi.key_result);
CREATE OPERATOR CLASS okrkpi.key_result_hash_ops DEFAULT FOR TYPE okrkpi.key_result USING hash AS
    OPERATOR 1 okrkpi.=,
    FUNCTION 1 okrkpi.key_result_hash(okrkpi.key_result),
    FUNCTION 2 okrkpi.key_result_hash_extended(okrkpi.key_result, int8);
COMMENT ON OPERATOR CLASS okrkpi.key_result_ops USING btree IS 'btree operator class for key_result (GROUP BY, DISTINCT, unique indexes)';
COMMENT ON OPERATOR CLASS okrkpi.key_result_hash_ops USING hash IS 'hash operator class for key_result (hash joins, hash aggregation, hash indexes)';

CREATE FUNCTION okrkpi.jsonb(okrkpi.key_result) RETURNS jsonb
    AS 'MODULE_PATHNAME', 'key_result_to_jsonb' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION okrkpi.key_result(jsonb) RETURNS okrkpi.key_result
    AS 'MODULE_PATHNAME', 'key_result_from_jsonb' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE CAST (okrkpi.key_result AS jsonb) WITH FUNCTION okrkpi.jsonb(okrkpi.key_result);
CREATE CAST (jsonb AS okrkpi.key_result) WITH FUNCTION okrkpi.key_result(jsonb);
COMMENT ON FUNCTION okrkpi.jsonb(okrkpi.key_result) IS 'the key result as {"start", "target", "current", "unit", "direction", "score"}';
COMMENT ON FUNCTION okrkpi.key_result(jsonb) IS 'a key result from {"start", "target"[, "current"][, "unit"]}; other keys are ignored';
COMMENT ON CAST (okrkpi.key_result AS jsonb) IS 'key_result as a jsonb object with its derived direction and score';
COMMENT ON CAST (jsonb AS okrkpi.key_result) IS 'key_result from a jsonb object with keys start, target, current and unit';
-- The kpi type: a threshold (>=, >, <=, <, or a band LOW .. HIGH) with an
-- optional current value and a unit.

CREATE TYPE okrkpi.kpi;

CREATE FUNCTION okrkpi.kpi_in(cstring) RETURNS okrkpi.kpi
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION okrkpi.kpi_out(okrkpi.kpi) RETURNS cstring
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION okrkpi.kpi_recv(internal) RETURNS okrkpi.kpi
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION okrkpi.kpi_send(okrkpi.kpi) RETURNS bytea
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE okrkpi.kpi (
    INPUT = okrkpi.kpi_in,
    OUTPUT = okrkpi.kpi_out,
    RECEIVE = okrkpi.kpi_recv,
    SEND = okrkpi.kpi_send,
    INTERNALLENGTH = 32,
    ALIGNMENT = double,
    STORAGE = plain
);
COMMENT ON TYPE okrkpi.kpi IS 'a KPI threshold with an optional current value, e.g. ''>= 40 @ 42'', ''<= 2%'' or ''4.2 .. 4.8''';
COMMENT ON FUNCTION okrkpi.kpi_in(cstring) IS 'text input of kpi';
COMMENT ON FUNCTION okrkpi.kpi_out(okrkpi.kpi) IS 'canonical text output of kpi';
COMMENT ON FUNCTION okrkpi.kpi_recv(internal) IS 'binary input of kpi';
COMMENT ON FUNCTION okrkpi.kpi_send(okrkpi.kpi) IS 'binary output of kpi';

CREATE FUNCTION okrkpi.lower_bound(okrkpi.kpi) RETURNS float8
    AS 'MODULE_PATHNAME', 'kpi_lower_bound' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION okrkpi.upper_bound(okrkpi.kpi) RETURNS float8
    AS 'MODULE_PATHNAME', 'kpi_upper_bound' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION okrkpi.current_value(okrkpi.kpi) RETURNS float8
    AS 'MODULE_PATHNAME', 'kpi_current_value' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION okrkpi.unit(okrkpi.kpi) RETURNS text
    AS 'MODULE_PATHNAME', 'kpi_unit' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION okrkpi.comparison(okrkpi.kpi) RETURNS text
    AS 'MODULE_PATHNAME', 'kpi_comparison' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION okrkpi.with_current(okrkpi.kpi, float8) RETURNS okrkpi.kpi
    AS 'MODULE_PATHNAME', 'kpi_with_current' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;

COMMENT ON FUNCTION okrkpi.lower_bound(okrkpi.kpi) IS 'the lower bound (>=, > and bands), NULL for a maximum';
COMMENT ON FUNCTION okrkpi.upper_bound(okrkpi.kpi) IS 'the upper bound (<=, < and bands), NULL for a minimum';
COMMENT ON FUNCTION okrkpi.current_value(okrkpi.kpi) IS 'the current value, NULL when the kpi has none';
COMMENT ON FUNCTION okrkpi.unit(okrkpi.kpi) IS 'the unit: '''', ''%'', ''$'', ''€'', ''£'', ''¥'' or ''s''';
COMMENT ON FUNCTION okrkpi.comparison(okrkpi.kpi) IS 'the comparison: ''>='', ''>'', ''<='', ''<'' or ''..'' for a band';
COMMENT ON FUNCTION okrkpi.with_current(okrkpi.kpi, float8) IS 'the same kpi with this current value (NULL removes it)';

CREATE FUNCTION okrkpi.kpi_eq(okrkpi.kpi, okrkpi.kpi) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION okrkpi.kpi_ne(okrkpi.kpi, okrkpi.kpi) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION okrkpi.kpi_lt(okrkpi.kpi, okrkpi.kpi) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION okrkpi.kpi_le(okrkpi.kpi, okrkpi.kpi) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION okrkpi.kpi_gt(okrkpi.kpi, okrkpi.kpi) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION okrkpi.kpi_ge(okrkpi.kpi, okrkpi.kpi) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION okrkpi.kpi_cmp(okrkpi.kpi, okrkpi.kpi) RETURNS int4
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION okrkpi.kpi_hash(okrkpi.kpi) RETURNS int4
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION okrkpi.kpi_hash_extended(okrkpi.kpi, int8) RETURNS int8
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;

COMMENT ON FUNCTION okrkpi.kpi_eq(okrkpi.kpi, okrkpi.kpi) IS 'implementation of = for kpi';
COMMENT ON FUNCTION okrkpi.kpi_ne(okrkpi.kpi, okrkpi.kpi) IS 'implementation of <> for kpi';
COMMENT ON FUNCTION okrkpi.kpi_lt(okrkpi.kpi, okrkpi.kpi) IS 'implementation of < for kpi (an arbitrary total order for btree)';
COMMENT ON FUNCTION okrkpi.kpi_le(okrkpi.kpi, okrkpi.kpi) IS 'implementation of <= for kpi (an arbitrary total order for btree)';
COMMENT ON FUNCTION okrkpi.kpi_gt(okrkpi.kpi, okrkpi.kpi) IS 'implementation of > for kpi (an arbitrary total order for btree)';
COMMENT ON FUNCTION okrkpi.kpi_ge(okrkpi.kpi, okrkpi.kpi) IS 'implementation of >= for kpi (an arbitrary total order for btree)';
COMMENT ON FUNCTION okrkpi.kpi_cmp(okrkpi.kpi, okrkpi.kpi) IS 'btree support: three-way comparison of KPIs';
COMMENT ON FUNCTION okrkpi.kpi_hash(okrkpi.kpi) IS 'hash support for kpi';
COMMENT ON FUNCTION okrkpi.kpi_hash_extended(okrkpi.kpi, int8) IS 'seeded hash support for kpi';

CREATE OPERATOR okrkpi.= (
    LEFTARG = okrkpi.kpi, RIGHTARG = okrkpi.kpi, FUNCTION = okrkpi.kpi_eq,
    COMMUTATOR = OPERATOR(okrkpi.=), NEGATOR = OPERATOR(okrkpi.<>),
    RESTRICT = eqsel, JOIN = eqjoinsel, HASHES, MERGES
);
CREATE OPERATOR okrkpi.<> (
    LEFTARG = okrkpi.kpi, RIGHTARG = okrkpi.kpi, FUNCTION = okrkpi.kpi_ne,
    COMMUTATOR = OPERATOR(okrkpi.<>), NEGATOR = OPERATOR(okrkpi.=),
    RESTRICT = neqsel, JOIN = neqjoinsel
);
CREATE OPERATOR okrkpi.< (
    LEFTARG = okrkpi.kpi, RIGHTARG = okrkpi.kpi, FUNCTION = okrkpi.kpi_lt,
    COMMUTATOR = OPERATOR(okrkpi.>), NEGATOR = OPERATOR(okrkpi.>=),
    RESTRICT = scalarltsel, JOIN = scalarltjoinsel
);
CREATE OPERATOR okrkpi.<= (
    LEFTARG = okrkpi.kpi, RIGHTARG = okrkpi.kpi, FUNCTION = okrkpi.kpi_le,
    COMMUTATOR = OPERATOR(okrkpi.>=), NEGATOR = OPERATOR(okrkpi.>),
    RESTRICT = scalarlesel, JOIN = scalarlejoinsel
);
CREATE OPERATOR okrkpi.> (
    LEFTARG = okrkpi.kpi, RIGHTARG = okrkpi.kpi, FUNCTION = okrkpi.kpi_gt,
    COMMUTATOR = OPERATOR(okrkpi.<), NEGATOR = OPERATOR(okrkpi.<=),
    RESTRICT = scalargtsel, JOIN = scalargtjoinsel
);
CREATE OPERATOR okrkpi.>= (
    LEFTARG = okrkpi.kpi, RIGHTARG = okrkpi.kpi, FUNCTION = okrkpi.kpi_ge,
    COMMUTATOR = OPERATOR(okrkpi.<=), NEGATOR = OPERATOR(okrkpi.<),
    RESTRICT = scalargesel, JOIN = scalargejoinsel
);
COMMENT ON OPERATOR okrkpi.= (okrkpi.kpi, okrkpi.kpi) IS 'equal: same comparison, bounds, current and unit';
COMMENT ON OPERATOR okrkpi.<> (okrkpi.kpi, okrkpi.kpi) IS 'not equal';
COMMENT ON OPERATOR okrkpi.< (okrkpi.kpi, okrkpi.kpi) IS 'less than, in an arbitrary total order (comparison, bounds, current, unit) for indexes and sorting';
COMMENT ON OPERATOR okrkpi.<= (okrkpi.kpi, okrkpi.kpi) IS 'less than or equal, in the btree order';
COMMENT ON OPERATOR okrkpi.> (okrkpi.kpi, okrkpi.kpi) IS 'greater than, in the btree order';
COMMENT ON OPERATOR okrkpi.>= (okrkpi.kpi, okrkpi.kpi) IS 'greater than or equal, in the btree order';

CREATE OPERATOR CLASS okrkpi.kpi_ops DEFAULT FOR TYPE okrkpi.kpi USING btree AS
    OPERATOR 1 okrkpi.<,
    OPERATOR 2 okrkpi.<=,
    OPERATOR 3 okrkpi.=,
    OPERATOR 4 okrkpi.>=,
    OPERATOR 5 okrkpi.>,
    FUNCTION 1 okrkpi.kpi_cmp(okrkpi.kpi, okrkpi.kpi);
CREATE OPERATOR CLASS okrkpi.kpi_hash_ops DEFAULT FOR TYPE okrkpi.kpi USING hash AS
    OPERATOR 1 okrkpi.=,
    FUNCTION 1 okrkpi.kpi_hash(okrkpi.kpi),
    FUNCTION 2 okrkpi.kpi_hash_extended(okrkpi.kpi, int8);
COMMENT ON OPERATOR CLASS okrkpi.kpi_ops USING btree IS 'btree operator class for kpi (GROUP BY, DISTINCT, unique indexes)';
COMMENT ON OPERATOR CLASS okrkpi.kpi_hash_ops USING hash IS 'hash operator class for kpi (hash joins, hash aggregation, hash indexes)';

CREATE FUNCTION okrkpi.jsonb(okrkpi.kpi) RETURNS jsonb
    AS 'MODULE_PATHNAME', 'kpi_to_jsonb' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION okrkpi.kpi(jsonb) RETURNS okrkpi.kpi
    AS 'MODULE_PATHNAME', 'kpi_from_jsonb' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE CAST (okrkpi.kpi AS jsonb) WITH FUNCTION okrkpi.jsonb(okrkpi.kpi);
CREATE CAST (jsonb AS okrkpi.kpi) WITH FUNCTION okrkpi.kpi(jsonb);
COMMENT ON FUNCTION okrkpi.jsonb(okrkpi.kpi) IS 'the kpi as {"comparison", "lower", "upper", "current", "unit", "health"}';
COMMENT ON FUNCTION okrkpi.kpi(jsonb) IS 'a kpi from {"comparison", "lower" and/or "upper"[, "current"][, "unit"]}; other keys are ignored';
COMMENT ON CAST (okrkpi.kpi AS jsonb) IS 'kpi as a jsonb object with its derived health (default tolerance 0.1)';
COMMENT ON CAST (jsonb AS okrkpi.kpi) IS 'kpi from a jsonb object with keys comparison, lower, upper, current and unit';
-- The quarter type: a calendar or fiscal quarter, 4 bytes.

CREATE TYPE okrkpi.quarter;

CREATE FUNCTION okrkpi.quarter_in(cstring) RETURNS okrkpi.quarter
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION okrkpi.quarter_out(okrkpi.quarter) RETURNS cstring
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION okrkpi.quarter_recv(internal) RETURNS okrkpi.quarter
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION okrkpi.quarter_send(okrkpi.quarter) RETURNS bytea
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE okrkpi.quarter (
    INPUT = okrkpi.quarter_in,
    OUTPUT = okrkpi.quarter_out,
    RECEIVE = okrkpi.quarter_recv,
    SEND = okrkpi.quarter_send,
    INTERNALLENGTH = 4,
    PASSEDBYVALUE,
    ALIGNMENT = int4,
    STORAGE = plain
);
COMMENT ON TYPE okrkpi.quarter IS 'a calendar or fiscal quarter such as ''2026-Q3''';
COMMENT ON FUNCTION okrkpi.quarter_in(cstring) IS 'text input of quarter (2026-Q3, 2026Q3, 2026 Q3, Q3 2026, Q3-2026)';
COMMENT ON FUNCTION okrkpi.quarter_out(okrkpi.quarter) IS 'text output of quarter, as 2026-Q3';
COMMENT ON FUNCTION okrkpi.quarter_recv(internal) IS 'binary input of quarter';
COMMENT ON FUNCTION okrkpi.quarter_send(okrkpi.quarter) IS 'binary output of quarter';

CREATE FUNCTION okrkpi.quarter_of(date) RETURNS okrkpi.quarter
    AS 'MODULE_PATHNAME', 'quarter_of_date' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION okrkpi.quarter_of(timestamptz) RETURNS okrkpi.quarter
    AS 'MODULE_PATHNAME', 'quarter_of_timestamptz' LANGUAGE C STABLE STRICT PARALLEL SAFE;
CREATE FUNCTION okrkpi.quarter_of(date, fiscal_start_month int) RETURNS okrkpi.quarter
    AS 'MODULE_PATHNAME', 'quarter_of_date_fiscal' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION okrkpi.quarter_start(okrkpi.quarter) RETURNS date
    AS 'MODULE_PATHNAME', 'quarter_start' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION okrkpi.quarter_end(okrkpi.quarter) RETURNS date
    AS 'MODULE_PATHNAME', 'quarter_end' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION okrkpi.period(okrkpi.quarter) RETURNS daterange
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$ SELECT pg_catalog.daterange(okrkpi.quarter_start($1), okrkpi.quarter_end($1), '[)') $$;
CREATE FUNCTION okrkpi.quarter_year(okrkpi.quarter) RETURNS int
    AS 'MODULE_PATHNAME', 'quarter_year' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION okrkpi.quarter_number(okrkpi.quarter) RETURNS int
    AS 'MODULE_PATHNAME', 'quarter_number' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION okrkpi.quarter_of(date) IS 'the calendar quarter of a date';
COMMENT ON FUNCTION okrkpi.quarter_of(timestamptz) IS 'the calendar quarter of a moment, in the session time zone';
COMMENT ON FUNCTION okrkpi.quarter_of(date, int) IS 'the fiscal quarter of a date, for a fiscal year starting in month fiscal_start_month (1-12) and named after the calendar year in which it ends';
COMMENT ON FUNCTION okrkpi.quarter_start(okrkpi.quarter) IS 'the first day of the quarter';
COMMENT ON FUNCTION okrkpi.quarter_end(okrkpi.quarter) IS 'the first day of the next quarter (an exclusive end)';
COMMENT ON FUNCTION okrkpi.period(okrkpi.quarter) IS 'the quarter''s days as a daterange [start, end)';
COMMENT ON FUNCTION okrkpi.quarter_year(okrkpi.quarter) IS 'the year of the quarter';
COMMENT ON FUNCTION okrkpi.quarter_number(okrkpi.quarter) IS 'the number of the quarter in its year, 1 to 4';

CREATE FUNCTION okrkpi.quarter_pl_int(okrkpi.quarter, int) RETURNS okrkpi.quarter
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION okrkpi.quarter_mi_int(okrkpi.quarter, int) RETURNS okrkpi.quarter
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION okrkpi.quarter_mi_quarter(okrkpi.quarter, okrkpi.quarter) RETURNS int
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION okrkpi.quarter_pl_int(okrkpi.quarter, int) IS 'implementation of quarter + int';
COMMENT ON FUNCTION okrkpi.quarter_mi_int(okrkpi.quarter, int) IS 'implementation of quarter - int';
COMMENT ON FUNCTION okrkpi.quarter_mi_quarter(okrkpi.quarter, okrkpi.quarter) IS 'implementation of quarter - quarter';

CREATE OPERATOR okrkpi.+ (LEFTARG = okrkpi.quarter, RIGHTARG = int, FUNCTION = okrkpi.quarter_pl_int);
CREATE OPERATOR okrkpi.- (LEFTARG = okrkpi.quarter, RIGHTARG = int, FUNCTION = okrkpi.quarter_mi_int);
CREATE OPERATOR okrkpi.- (LEFTARG = okrkpi.quarter, RIGHTARG = okrkpi.quarter, FUNCTION = okrkpi.quarter_mi_quarter);
COMMENT ON OPERATOR okrkpi.+ (okrkpi.quarter, int) IS 'the quarter n quarters later';
COMMENT ON OPERATOR okrkpi.- (okrkpi.quarter, int) IS 'the quarter n quarters earlier';
COMMENT ON OPERATOR okrkpi.- (okrkpi.quarter, okrkpi.quarter) IS 'the number of quarters from the right one to the left one';

CREATE FUNCTION okrkpi.quarter_eq(okrkpi.quarter, okrkpi.quarter) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION okrkpi.quarter_ne(okrkpi.quarter, okrkpi.quarter) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION okrkpi.quarter_lt(okrkpi.quarter, okrkpi.quarter) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION okrkpi.quarter_le(okrkpi.quarter, okrkpi.quarter) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION okrkpi.quarter_gt(okrkpi.quarter, okrkpi.quarter) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION okrkpi.quarter_ge(okrkpi.quarter, okrkpi.quarter) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION okrkpi.quarter_cmp(okrkpi.quarter, okrkpi.quarter) RETURNS int4
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION okrkpi.quarter_hash(okrkpi.quarter) RETURNS int4
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION okrkpi.quarter_hash_extended(okrkpi.quarter, int8) RETURNS int8
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;

COMMENT ON FUNCTION okrkpi.quarter_eq(okrkpi.quarter, okrkpi.quarter) IS 'implementation of = for quarter';
COMMENT ON FUNCTION okrkpi.quarter_ne(okrkpi.quarter, okrkpi.quarter) IS 'implementation of <> for quarter';
COMMENT ON FUNCTION okrkpi.quarter_lt(okrkpi.quarter, okrkpi.quarter) IS 'implementation of < for quarter';
COMMENT ON FUNCTION okrkpi.quarter_le(okrkpi.quarter, okrkpi.quarter) IS 'implementation of <= for quarter';
COMMENT ON FUNCTION okrkpi.quarter_gt(okrkpi.quarter, okrkpi.quarter) IS 'implementation of > for quarter';
COMMENT ON FUNCTION okrkpi.quarter_ge(okrkpi.quarter, okrkpi.quarter) IS 'implementation of >= for quarter';
COMMENT ON FUNCTION okrkpi.quarter_cmp(okrkpi.quarter, okrkpi.quarter) IS 'btree support: three-way comparison of quarters';
COMMENT ON FUNCTION okrkpi.quarter_hash(okrkpi.quarter) IS 'hash support for quarter';
COMMENT ON FUNCTION okrkpi.quarter_hash_extended(okrkpi.quarter, int8) IS 'seeded hash support for quarter';

CREATE OPERATOR okrkpi.= (
    LEFTARG = okrkpi.quarter, RIGHTARG = okrkpi.quarter, FUNCTION = okrkpi.quarter_eq,
    COMMUTATOR = OPERATOR(okrkpi.=), NEGATOR = OPERATOR(okrkpi.<>),
    RESTRICT = eqsel, JOIN = eqjoinsel, HASHES, MERGES
);
CREATE OPERATOR okrkpi.<> (
    LEFTARG = okrkpi.quarter, RIGHTARG = okrkpi.quarter, FUNCTION = okrkpi.quarter_ne,
    COMMUTATOR = OPERATOR(okrkpi.<>), NEGATOR = OPERATOR(okrkpi.=),
    RESTRICT = neqsel, JOIN = neqjoinsel
);
CREATE OPERATOR okrkpi.< (
    LEFTARG = okrkpi.quarter, RIGHTARG = okrkpi.quarter, FUNCTION = okrkpi.quarter_lt,
    COMMUTATOR = OPERATOR(okrkpi.>), NEGATOR = OPERATOR(okrkpi.>=),
    RESTRICT = scalarltsel, JOIN = scalarltjoinsel
);
CREATE OPERATOR okrkpi.<= (
    LEFTARG = okrkpi.quarter, RIGHTARG = okrkpi.quarter, FUNCTION = okrkpi.quarter_le,
    COMMUTATOR = OPERATOR(okrkpi.>=), NEGATOR = OPERATOR(okrkpi.>),
    RESTRICT = scalarlesel, JOIN = scalarlejoinsel
);
CREATE OPERATOR okrkpi.> (
    LEFTARG = okrkpi.quarter, RIGHTARG = okrkpi.quarter, FUNCTION = okrkpi.quarter_gt,
    COMMUTATOR = OPERATOR(okrkpi.<), NEGATOR = OPERATOR(okrkpi.<=),
    RESTRICT = scalargtsel, JOIN = scalargtjoinsel
);
CREATE OPERATOR okrkpi.>= (
    LEFTARG = okrkpi.quarter, RIGHTARG = okrkpi.quarter, FUNCTION = okrkpi.quarter_ge,
    COMMUTATOR = OPERATOR(okrkpi.<=), NEGATOR = OPERATOR(okrkpi.<),
    RESTRICT = scalargesel, JOIN = scalargejoinsel
);
COMMENT ON OPERATOR okrkpi.= (okrkpi.quarter, okrkpi.quarter) IS 'equal';
COMMENT ON OPERATOR okrkpi.<> (okrkpi.quarter, okrkpi.quarter) IS 'not equal';
COMMENT ON OPERATOR okrkpi.< (okrkpi.quarter, okrkpi.quarter) IS 'less than';
COMMENT ON OPERATOR okrkpi.<= (okrkpi.quarter, okrkpi.quarter) IS 'less than or equal';
COMMENT ON OPERATOR okrkpi.> (okrkpi.quarter, okrkpi.quarter) IS 'greater than';
COMMENT ON OPERATOR okrkpi.>= (okrkpi.quarter, okrkpi.quarter) IS 'greater than or equal';

CREATE OPERATOR CLASS okrkpi.quarter_ops DEFAULT FOR TYPE okrkpi.quarter USING btree AS
    OPERATOR 1 okrkpi.<,
    OPERATOR 2 okrkpi.<=,
    OPERATOR 3 okrkpi.=,
    OPERATOR 4 okrkpi.>=,
    OPERATOR 5 okrkpi.>,
    FUNCTION 1 okrkpi.quarter_cmp(okrkpi.quarter, okrkpi.quarter);
CREATE OPERATOR CLASS okrkpi.quarter_hash_ops DEFAULT FOR TYPE okrkpi.quarter USING hash AS
    OPERATOR 1 okrkpi.=,
    FUNCTION 1 okrkpi.quarter_hash(okrkpi.quarter),
    FUNCTION 2 okrkpi.quarter_hash_extended(okrkpi.quarter, int8);
COMMENT ON OPERATOR CLASS okrkpi.quarter_ops USING btree IS 'btree operator class for quarter (GROUP BY, DISTINCT, unique indexes)';
COMMENT ON OPERATOR CLASS okrkpi.quarter_hash_ops USING hash IS 'hash operator class for quarter (hash joins, hash aggregation, hash indexes)';
-- Scoring functions (SPEC section 2).

CREATE TYPE okrkpi.grade AS ENUM ('red', 'yellow', 'green');
CREATE TYPE okrkpi.health AS ENUM ('healthy', 'at_risk', 'unhealthy');
CREATE TYPE okrkpi.kr_status AS ENUM ('not_started', 'off_track', 'at_risk', 'on_track', 'achieved');
COMMENT ON TYPE okrkpi.grade IS 'a score''s colour band: red below 0.4, yellow below 0.7, green from 0.7';
COMMENT ON TYPE okrkpi.health IS 'a KPI''s health: healthy when it meets its threshold, at_risk when it misses by at most the tolerance, else unhealthy';
COMMENT ON TYPE okrkpi.kr_status IS 'a key result''s pace against the elapsed share of its period';

CREATE FUNCTION okrkpi.progress(okrkpi.key_result, value float8) RETURNS float8
    AS 'MODULE_PATHNAME', 'progress_value' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION okrkpi.progress(okrkpi.key_result) RETURNS float8
    AS 'MODULE_PATHNAME', 'progress_current' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION okrkpi.score(okrkpi.key_result, value float8) RETURNS float8
    AS 'MODULE_PATHNAME', 'score_value' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION okrkpi.score(okrkpi.key_result) RETURNS float8
    AS 'MODULE_PATHNAME', 'score_current' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION okrkpi.score(okrkpi.key_result, value interval) RETURNS float8
    AS 'MODULE_PATHNAME', 'score_interval' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION okrkpi.grade(score float8) RETURNS okrkpi.grade
    AS 'MODULE_PATHNAME', 'grade_score' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION okrkpi.meets(okrkpi.kpi, value float8) RETURNS boolean
    AS 'MODULE_PATHNAME', 'kpi_meets' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION okrkpi.health(okrkpi.kpi, value float8, tolerance float8 DEFAULT 0.1) RETURNS okrkpi.health
    AS 'MODULE_PATHNAME', 'kpi_health_value' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION okrkpi.health(okrkpi.kpi) RETURNS okrkpi.health
    AS 'MODULE_PATHNAME', 'kpi_health_current' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION okrkpi.expected_progress(period tstzrange, as_of timestamptz) RETURNS float8
    AS 'MODULE_PATHNAME', 'expected_progress_range' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION okrkpi.expected_progress(period okrkpi.quarter, as_of timestamptz) RETURNS float8
    AS 'MODULE_PATHNAME', 'expected_progress_quarter' LANGUAGE C STABLE STRICT PARALLEL SAFE;
CREATE FUNCTION okrkpi.status(okrkpi.key_result, value float8, period tstzrange, as_of timestamptz) RETURNS okrkpi.kr_status
    AS 'MODULE_PATHNAME', 'status_range' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
CREATE FUNCTION okrkpi.status(okrkpi.key_result, value float8, period okrkpi.quarter, as_of timestamptz) RETURNS okrkpi.kr_status
    AS 'MODULE_PATHNAME', 'status_quarter' LANGUAGE C STABLE CALLED ON NULL INPUT PARALLEL SAFE;
CREATE FUNCTION okrkpi.quarter_target(actual float8, annual_target float8, quarters_left int) RETURNS float8
    AS 'MODULE_PATHNAME', 'quarter_target' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION okrkpi.progress(okrkpi.key_result, float8) IS '(value - start) / (target - start), not clamped; decreasing key results alike';
COMMENT ON FUNCTION okrkpi.progress(okrkpi.key_result) IS 'progress of the current value; NULL when there is none';
COMMENT ON FUNCTION okrkpi.score(okrkpi.key_result, float8) IS 'progress clamped to [0, 1]';
COMMENT ON FUNCTION okrkpi.score(okrkpi.key_result) IS 'score of the current value; NULL when there is none';
COMMENT ON FUNCTION okrkpi.score(okrkpi.key_result, interval) IS 'score of a duration key result for a value given as an interval';
COMMENT ON FUNCTION okrkpi.grade(float8) IS 'red below 0.4, yellow below 0.7, else green';
COMMENT ON FUNCTION okrkpi.meets(okrkpi.kpi, float8) IS 'whether the value satisfies the KPI''s threshold';
COMMENT ON FUNCTION okrkpi.health(okrkpi.kpi, float8, float8) IS 'healthy when the value meets the threshold; at_risk when it misses by at most tolerance x |bound| (band: x width); else unhealthy';
COMMENT ON FUNCTION okrkpi.health(okrkpi.kpi) IS 'health of the KPI''s current value (tolerance 0.1); NULL when there is none';
COMMENT ON FUNCTION okrkpi.expected_progress(tstzrange, timestamptz) IS 'the elapsed share of the period at as_of, clamped to [0, 1]';
COMMENT ON FUNCTION okrkpi.expected_progress(okrkpi.quarter, timestamptz) IS 'the elapsed share of the quarter (its days in the session time zone) at as_of, clamped to [0, 1]';
COMMENT ON FUNCTION okrkpi.status(okrkpi.key_result, float8, tstzrange, timestamptz) IS 'not_started (NULL value), achieved (score 1), on_track (score >= expected - 0.1), at_risk (>= expected - 0.3), else off_track';
COMMENT ON FUNCTION okrkpi.status(okrkpi.key_result, float8, okrkpi.quarter, timestamptz) IS 'status against the quarter''s days in the session time zone';
COMMENT ON FUNCTION okrkpi.quarter_target(float8, float8, int) IS 'actual + (annual_target - actual) / quarters_left: the next quarter''s target on a straight line to the annual target';
-- Aggregates over measurement tables (SPEC section 3).
--
-- Each aggregate keeps a fixed-size state of a type of its own, with text and
-- binary I/O that re-check every field, so parallel query, postgres_fdw and
-- Citus can move partial states.  States start NULL: an empty group is NULL.

CREATE TYPE okrkpi.latest_state;
CREATE FUNCTION okrkpi.latest_state_in(cstring) RETURNS okrkpi.latest_state
    AS 'MODULE_PATHNAME' LANGUAGE C STABLE STRICT PARALLEL SAFE;
CREATE FUNCTION okrkpi.latest_state_out(okrkpi.latest_state) RETURNS cstring
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION okrkpi.latest_state_recv(internal) RETURNS okrkpi.latest_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION okrkpi.latest_state_send(okrkpi.latest_state) RETURNS bytea
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE TYPE okrkpi.latest_state (
    INPUT = okrkpi.latest_state_in, OUTPUT = okrkpi.latest_state_out,
    RECEIVE = okrkpi.latest_state_recv, SEND = okrkpi.latest_state_send,
    INTERNALLENGTH = 56, ALIGNMENT = double, STORAGE = plain
);
COMMENT ON TYPE okrkpi.latest_state IS 'aggregate state: the latest row (value, at) seen by latest()';
COMMENT ON FUNCTION okrkpi.latest_state_in(cstring) IS 'text input of latest_state (checks every field)';
COMMENT ON FUNCTION okrkpi.latest_state_out(okrkpi.latest_state) IS 'text output of latest_state';
COMMENT ON FUNCTION okrkpi.latest_state_recv(internal) IS 'binary input of latest_state (checks every field)';
COMMENT ON FUNCTION okrkpi.latest_state_send(okrkpi.latest_state) IS 'binary output of latest_state';

CREATE TYPE okrkpi.kr_state;
CREATE FUNCTION okrkpi.kr_state_in(cstring) RETURNS okrkpi.kr_state
    AS 'MODULE_PATHNAME' LANGUAGE C STABLE STRICT PARALLEL SAFE;
CREATE FUNCTION okrkpi.kr_state_out(okrkpi.kr_state) RETURNS cstring
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION okrkpi.kr_state_recv(internal) RETURNS okrkpi.kr_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION okrkpi.kr_state_send(okrkpi.kr_state) RETURNS bytea
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE TYPE okrkpi.kr_state (
    INPUT = okrkpi.kr_state_in, OUTPUT = okrkpi.kr_state_out,
    RECEIVE = okrkpi.kr_state_recv, SEND = okrkpi.kr_state_send,
    INTERNALLENGTH = 56, ALIGNMENT = double, STORAGE = plain
);
COMMENT ON TYPE okrkpi.kr_state IS 'aggregate state: the latest row and its key result: the state of kr_score, kr_score_state and kr_score_merge';
COMMENT ON FUNCTION okrkpi.kr_state_in(cstring) IS 'text input of kr_state (checks every field)';
COMMENT ON FUNCTION okrkpi.kr_state_out(okrkpi.kr_state) IS 'text output of kr_state';
COMMENT ON FUNCTION okrkpi.kr_state_recv(internal) IS 'binary input of kr_state (checks every field)';
COMMENT ON FUNCTION okrkpi.kr_state_send(okrkpi.kr_state) IS 'binary output of kr_state';

CREATE TYPE okrkpi.kpi_state;
CREATE FUNCTION okrkpi.kpi_state_in(cstring) RETURNS okrkpi.kpi_state
    AS 'MODULE_PATHNAME' LANGUAGE C STABLE STRICT PARALLEL SAFE;
CREATE FUNCTION okrkpi.kpi_state_out(okrkpi.kpi_state) RETURNS cstring
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION okrkpi.kpi_state_recv(internal) RETURNS okrkpi.kpi_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION okrkpi.kpi_state_send(okrkpi.kpi_state) RETURNS bytea
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE TYPE okrkpi.kpi_state (
    INPUT = okrkpi.kpi_state_in, OUTPUT = okrkpi.kpi_state_out,
    RECEIVE = okrkpi.kpi_state_recv, SEND = okrkpi.kpi_state_send,
    INTERNALLENGTH = 56, ALIGNMENT = double, STORAGE = plain
);
COMMENT ON TYPE okrkpi.kpi_state IS 'aggregate state: the latest row and its kpi: the state of kpi_health';
COMMENT ON FUNCTION okrkpi.kpi_state_in(cstring) IS 'text input of kpi_state (checks every field)';
COMMENT ON FUNCTION okrkpi.kpi_state_out(okrkpi.kpi_state) IS 'text output of kpi_state';
COMMENT ON FUNCTION okrkpi.kpi_state_recv(internal) IS 'binary input of kpi_state (checks every field)';
COMMENT ON FUNCTION okrkpi.kpi_state_send(okrkpi.kpi_state) IS 'binary output of kpi_state';

CREATE TYPE okrkpi.mean_state;
CREATE FUNCTION okrkpi.mean_state_in(cstring) RETURNS okrkpi.mean_state
    AS 'MODULE_PATHNAME' LANGUAGE C STABLE STRICT PARALLEL SAFE;
CREATE FUNCTION okrkpi.mean_state_out(okrkpi.mean_state) RETURNS cstring
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION okrkpi.mean_state_recv(internal) RETURNS okrkpi.mean_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION okrkpi.mean_state_send(okrkpi.mean_state) RETURNS bytea
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE TYPE okrkpi.mean_state (
    INPUT = okrkpi.mean_state_in, OUTPUT = okrkpi.mean_state_out,
    RECEIVE = okrkpi.mean_state_recv, SEND = okrkpi.mean_state_send,
    INTERNALLENGTH = 24, ALIGNMENT = double, STORAGE = plain
);
COMMENT ON TYPE okrkpi.mean_state IS 'aggregate state: row count and weighted sums: the state of objective_score';
COMMENT ON FUNCTION okrkpi.mean_state_in(cstring) IS 'text input of mean_state (checks every field)';
COMMENT ON FUNCTION okrkpi.mean_state_out(okrkpi.mean_state) IS 'text output of mean_state';
COMMENT ON FUNCTION okrkpi.mean_state_recv(internal) IS 'binary input of mean_state (checks every field)';
COMMENT ON FUNCTION okrkpi.mean_state_send(okrkpi.mean_state) IS 'binary output of mean_state';

CREATE TYPE okrkpi.rate_state;
CREATE FUNCTION okrkpi.rate_state_in(cstring) RETURNS okrkpi.rate_state
    AS 'MODULE_PATHNAME' LANGUAGE C STABLE STRICT PARALLEL SAFE;
CREATE FUNCTION okrkpi.rate_state_out(okrkpi.rate_state) RETURNS cstring
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION okrkpi.rate_state_recv(internal) RETURNS okrkpi.rate_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION okrkpi.rate_state_send(okrkpi.rate_state) RETURNS bytea
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE TYPE okrkpi.rate_state (
    INPUT = okrkpi.rate_state_in, OUTPUT = okrkpi.rate_state_out,
    RECEIVE = okrkpi.rate_state_recv, SEND = okrkpi.rate_state_send,
    INTERNALLENGTH = 16, ALIGNMENT = double, STORAGE = plain
);
COMMENT ON TYPE okrkpi.rate_state IS 'aggregate state: row count and hits: the state of hit_rate';
COMMENT ON FUNCTION okrkpi.rate_state_in(cstring) IS 'text input of rate_state (checks every field)';
COMMENT ON FUNCTION okrkpi.rate_state_out(okrkpi.rate_state) IS 'text output of rate_state';
COMMENT ON FUNCTION okrkpi.rate_state_recv(internal) IS 'binary input of rate_state (checks every field)';
COMMENT ON FUNCTION okrkpi.rate_state_send(okrkpi.rate_state) IS 'binary output of rate_state';

CREATE TYPE okrkpi.forecast_state;
CREATE FUNCTION okrkpi.forecast_state_in(cstring) RETURNS okrkpi.forecast_state
    AS 'MODULE_PATHNAME' LANGUAGE C STABLE STRICT PARALLEL SAFE;
CREATE FUNCTION okrkpi.forecast_state_out(okrkpi.forecast_state) RETURNS cstring
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION okrkpi.forecast_state_recv(internal) RETURNS okrkpi.forecast_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION okrkpi.forecast_state_send(okrkpi.forecast_state) RETURNS bytea
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE TYPE okrkpi.forecast_state (
    INPUT = okrkpi.forecast_state_in, OUTPUT = okrkpi.forecast_state_out,
    RECEIVE = okrkpi.forecast_state_recv, SEND = okrkpi.forecast_state_send,
    INTERNALLENGTH = 112, ALIGNMENT = double, STORAGE = plain
);
COMMENT ON TYPE okrkpi.forecast_state IS 'aggregate state: centred least-squares sums and the latest row: the state of kr_forecast';
COMMENT ON FUNCTION okrkpi.forecast_state_in(cstring) IS 'text input of forecast_state (checks every field)';
COMMENT ON FUNCTION okrkpi.forecast_state_out(okrkpi.forecast_state) IS 'text output of forecast_state';
COMMENT ON FUNCTION okrkpi.forecast_state_recv(internal) IS 'binary input of forecast_state (checks every field)';
COMMENT ON FUNCTION okrkpi.forecast_state_send(okrkpi.forecast_state) IS 'binary output of forecast_state';

-- Transition, combine and final functions.  Not strict: they skip rows with
-- NULLs themselves and keep a NULL state until the first row.
CREATE FUNCTION okrkpi.latest_transfn(okrkpi.latest_state, float8, timestamptz) RETURNS okrkpi.latest_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION okrkpi.latest_combine(okrkpi.latest_state, okrkpi.latest_state) RETURNS okrkpi.latest_state
    AS 'MODULE_PATHNAME', 'latest_state_combine' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION okrkpi.latest_final(okrkpi.latest_state) RETURNS float8
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE FUNCTION okrkpi.kr_score_transfn(okrkpi.kr_state, okrkpi.key_result, float8, timestamptz) RETURNS okrkpi.kr_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION okrkpi.kr_state_combine(okrkpi.kr_state, okrkpi.kr_state) RETURNS okrkpi.kr_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION okrkpi.score(okrkpi.kr_state) RETURNS float8
    AS 'MODULE_PATHNAME', 'kr_state_score' LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE FUNCTION okrkpi.kpi_health_transfn(okrkpi.kpi_state, okrkpi.kpi, float8, timestamptz) RETURNS okrkpi.kpi_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION okrkpi.kpi_state_combine(okrkpi.kpi_state, okrkpi.kpi_state) RETURNS okrkpi.kpi_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION okrkpi.kpi_state_health(okrkpi.kpi_state) RETURNS okrkpi.health
    AS 'MODULE_PATHNAME', 'kpi_state_health' LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE FUNCTION okrkpi.mean_transfn(okrkpi.mean_state, float8) RETURNS okrkpi.mean_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION okrkpi.mean_weighted_transfn(okrkpi.mean_state, float8, float8) RETURNS okrkpi.mean_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION okrkpi.mean_combine(okrkpi.mean_state, okrkpi.mean_state) RETURNS okrkpi.mean_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION okrkpi.mean_final(okrkpi.mean_state) RETURNS float8
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE FUNCTION okrkpi.rate_transfn(okrkpi.rate_state, okrkpi.kpi, float8) RETURNS okrkpi.rate_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION okrkpi.rate_combine(okrkpi.rate_state, okrkpi.rate_state) RETURNS okrkpi.rate_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION okrkpi.rate_final(okrkpi.rate_state) RETURNS float8
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE FUNCTION okrkpi.forecast_transfn(okrkpi.forecast_state, okrkpi.key_result, float8, timestamptz, timestamptz) RETURNS okrkpi.forecast_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION okrkpi.forecast_combine(okrkpi.forecast_state, okrkpi.forecast_state) RETURNS okrkpi.forecast_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION okrkpi.forecast_final(okrkpi.forecast_state) RETURNS float8
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;

COMMENT ON FUNCTION okrkpi.latest_transfn(okrkpi.latest_state, float8, timestamptz) IS 'transition function of latest()';
COMMENT ON FUNCTION okrkpi.latest_combine(okrkpi.latest_state, okrkpi.latest_state) IS 'combine function of latest()';
COMMENT ON FUNCTION okrkpi.latest_final(okrkpi.latest_state) IS 'final function of latest()';
COMMENT ON FUNCTION okrkpi.kr_score_transfn(okrkpi.kr_state, okrkpi.key_result, float8, timestamptz) IS 'transition function of kr_score() and kr_score_state()';
COMMENT ON FUNCTION okrkpi.kr_state_combine(okrkpi.kr_state, okrkpi.kr_state) IS 'combine function of kr_score(), kr_score_state() and kr_score_merge()';
COMMENT ON FUNCTION okrkpi.score(okrkpi.kr_state) IS 'the score of the latest value in a kr_state against its key result; NULL when empty';
COMMENT ON FUNCTION okrkpi.kpi_health_transfn(okrkpi.kpi_state, okrkpi.kpi, float8, timestamptz) IS 'transition function of kpi_health()';
COMMENT ON FUNCTION okrkpi.kpi_state_combine(okrkpi.kpi_state, okrkpi.kpi_state) IS 'combine function of kpi_health()';
COMMENT ON FUNCTION okrkpi.kpi_state_health(okrkpi.kpi_state) IS 'the health of the latest value in a kpi_state (tolerance 0.1); NULL when empty';
COMMENT ON FUNCTION okrkpi.mean_transfn(okrkpi.mean_state, float8) IS 'transition function of objective_score(score)';
COMMENT ON FUNCTION okrkpi.mean_weighted_transfn(okrkpi.mean_state, float8, float8) IS 'transition function of objective_score(score, weight)';
COMMENT ON FUNCTION okrkpi.mean_combine(okrkpi.mean_state, okrkpi.mean_state) IS 'combine function of objective_score()';
COMMENT ON FUNCTION okrkpi.mean_final(okrkpi.mean_state) IS 'final function of objective_score()';
COMMENT ON FUNCTION okrkpi.rate_transfn(okrkpi.rate_state, okrkpi.kpi, float8) IS 'transition function of hit_rate()';
COMMENT ON FUNCTION okrkpi.rate_combine(okrkpi.rate_state, okrkpi.rate_state) IS 'combine function of hit_rate()';
COMMENT ON FUNCTION okrkpi.rate_final(okrkpi.rate_state) IS 'final function of hit_rate()';
COMMENT ON FUNCTION okrkpi.forecast_transfn(okrkpi.forecast_state, okrkpi.key_result, float8, timestamptz, timestamptz) IS 'transition function of kr_forecast()';
COMMENT ON FUNCTION okrkpi.forecast_combine(okrkpi.forecast_state, okrkpi.forecast_state) IS 'combine function of kr_forecast()';
COMMENT ON FUNCTION okrkpi.forecast_final(okrkpi.forecast_state) IS 'final function of kr_forecast()';

CREATE AGGREGATE okrkpi.latest(value float8, at timestamptz) (
    SFUNC = okrkpi.latest_transfn, STYPE = okrkpi.latest_state,
    COMBINEFUNC = okrkpi.latest_combine, FINALFUNC = okrkpi.latest_final,
    PARALLEL = SAFE
);
CREATE AGGREGATE okrkpi.kr_score(kr okrkpi.key_result, value float8, at timestamptz) (
    SFUNC = okrkpi.kr_score_transfn, STYPE = okrkpi.kr_state,
    COMBINEFUNC = okrkpi.kr_state_combine, FINALFUNC = okrkpi.score,
    PARALLEL = SAFE
);
CREATE AGGREGATE okrkpi.kr_score_state(kr okrkpi.key_result, value float8, at timestamptz) (
    SFUNC = okrkpi.kr_score_transfn, STYPE = okrkpi.kr_state,
    COMBINEFUNC = okrkpi.kr_state_combine,
    PARALLEL = SAFE
);
CREATE AGGREGATE okrkpi.kr_score_merge(okrkpi.kr_state) (
    SFUNC = okrkpi.kr_state_combine, STYPE = okrkpi.kr_state,
    COMBINEFUNC = okrkpi.kr_state_combine,
    PARALLEL = SAFE
);
CREATE AGGREGATE okrkpi.kpi_health(k okrkpi.kpi, value float8, at timestamptz) (
    SFUNC = okrkpi.kpi_health_transfn, STYPE = okrkpi.kpi_state,
    COMBINEFUNC = okrkpi.kpi_state_combine, FINALFUNC = okrkpi.kpi_state_health,
    PARALLEL = SAFE
);
CREATE AGGREGATE okrkpi.objective_score(score float8) (
    SFUNC = okrkpi.mean_transfn, STYPE = okrkpi.mean_state,
    COMBINEFUNC = okrkpi.mean_combine, FINALFUNC = okrkpi.mean_final,
    PARALLEL = SAFE
);
CREATE AGGREGATE okrkpi.objective_score(score float8, weight float8) (
    SFUNC = okrkpi.mean_weighted_transfn, STYPE = okrkpi.mean_state,
    COMBINEFUNC = okrkpi.mean_combine, FINALFUNC = okrkpi.mean_final,
    PARALLEL = SAFE
);
CREATE AGGREGATE okrkpi.hit_rate(k okrkpi.kpi, value float8) (
    SFUNC = okrkpi.rate_transfn, STYPE = okrkpi.rate_state,
    COMBINEFUNC = okrkpi.rate_combine, FINALFUNC = okrkpi.rate_final,
    PARALLEL = SAFE
);
CREATE AGGREGATE okrkpi.kr_forecast(kr okrkpi.key_result, value float8, at timestamptz, deadline timestamptz) (
    SFUNC = okrkpi.forecast_transfn, STYPE = okrkpi.forecast_state,
    COMBINEFUNC = okrkpi.forecast_combine, FINALFUNC = okrkpi.forecast_final,
    PARALLEL = SAFE
);

COMMENT ON AGGREGATE okrkpi.latest(float8, timestamptz) IS 'the value with the greatest time; ties go to the greater value';
COMMENT ON AGGREGATE okrkpi.kr_score(okrkpi.key_result, float8, timestamptz) IS 'the score of the latest value against the key result of that row';
COMMENT ON AGGREGATE okrkpi.kr_score_state(okrkpi.key_result, float8, timestamptz) IS 'the raw kr_state of kr_score, for two-phase rollups (merge with kr_score_merge, finish with score)';
COMMENT ON AGGREGATE okrkpi.kr_score_merge(okrkpi.kr_state) IS 'merges kr_states from kr_score_state into one';
COMMENT ON AGGREGATE okrkpi.kpi_health(okrkpi.kpi, float8, timestamptz) IS 'the health of the latest value against the kpi of that row (tolerance 0.1)';
COMMENT ON AGGREGATE okrkpi.objective_score(float8) IS 'the mean of non-NULL scores';
COMMENT ON AGGREGATE okrkpi.objective_score(float8, float8) IS 'the weighted mean of non-NULL scores; negative weights are refused; NULL when the weights add up to 0';
COMMENT ON AGGREGATE okrkpi.hit_rate(okrkpi.kpi, float8) IS 'the share of non-NULL values that meet their kpi threshold';
COMMENT ON AGGREGATE okrkpi.kr_forecast(okrkpi.key_result, float8, timestamptz, timestamptz) IS 'the least-squares line of value over time, evaluated at the latest row''s deadline and scored against its key result; NULL with fewer than two distinct times';
-- Plan-rule triggers for the user's own tables (SPEC section 4).  Attach with
-- role=column arguments, e.g.
--   CREATE TRIGGER kr_rules BEFORE INSERT OR UPDATE ON sales.goals FOR EACH ROW
--     EXECUTE FUNCTION okrkpi.check_key_result('start=baseline', 'target=goal',
--                                              'objective=objective_id', 'kpi=is_kpi');

CREATE FUNCTION okrkpi.check_key_result() RETURNS trigger
    AS 'MODULE_PATHNAME' LANGUAGE C;
CREATE FUNCTION okrkpi.check_kpi() RETURNS trigger
    AS 'MODULE_PATHNAME' LANGUAGE C;

COMMENT ON FUNCTION okrkpi.check_key_result() IS 'BEFORE INSERT OR UPDATE row trigger: kr=COL or start=COL and target=COL (present, finite, different; start frozen and direction fixed on UPDATE), objective=COL [max=N] (at most N key results per objective, default okrkpi.max_key_results), kpi=COL (a milestone key result is never a KPI)';
COMMENT ON FUNCTION okrkpi.check_kpi() IS 'BEFORE INSERT OR UPDATE OR DELETE row trigger: kpi=COL (present), plan=COL [max=N] (at most N KPIs per plan or table, default okrkpi.max_kpis), since=COL (no deletion or threshold change within a year unless okrkpi.override_reason is set)';
-- The embedded plan (SPEC section 5): tables for databases that have no OKR
-- tables yet, guarded by the section 4 triggers, read through plain-typed
-- views, carried from quarter to quarter when a cycle closes.

CREATE TABLE okrkpi.cycles (
    quarter    okrkpi.quarter PRIMARY KEY,
    closed_at  timestamptz,
    created_at timestamptz NOT NULL DEFAULT pg_catalog.now()
);

CREATE TABLE okrkpi.metrics (
    id          bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    name        text NOT NULL UNIQUE,
    unit        text NOT NULL DEFAULT '',
    formula     text,
    data_source text,
    frequency   interval NOT NULL DEFAULT '1 month',
    "leading"   boolean NOT NULL DEFAULT false,
    created_at  timestamptz NOT NULL DEFAULT pg_catalog.now(),
    CHECK (frequency > '0'::interval)
);

CREATE TABLE okrkpi.measurements (
    metric_id bigint NOT NULL REFERENCES okrkpi.metrics ON DELETE CASCADE,
    at        timestamptz NOT NULL,
    value     float8 NOT NULL CHECK (value > '-Infinity' AND value < 'Infinity'),
    PRIMARY KEY (metric_id, at)
);

CREATE TABLE okrkpi.kpis (
    id            bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    metric_id     bigint NOT NULL REFERENCES okrkpi.metrics,
    title         text NOT NULL,
    threshold     okrkpi.kpi NOT NULL,
    annual_target float8 CHECK (annual_target > '-Infinity' AND annual_target < 'Infinity'),
    target_date   date,
    owner         text,
    since         date NOT NULL DEFAULT CURRENT_DATE,
    created_at    timestamptz NOT NULL DEFAULT pg_catalog.now()
);
CREATE INDEX ON okrkpi.kpis (metric_id);

CREATE TABLE okrkpi.objectives (
    id          bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    quarter     okrkpi.quarter NOT NULL REFERENCES okrkpi.cycles,
    title       text NOT NULL,
    parent_id   bigint REFERENCES okrkpi.objectives,
    owner       text,
    rolled_from bigint REFERENCES okrkpi.objectives,
    created_at  timestamptz NOT NULL DEFAULT pg_catalog.now(),
    UNIQUE (quarter, rolled_from)
);
CREATE INDEX ON okrkpi.objectives (quarter);

CREATE TABLE okrkpi.key_results (
    id           bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    objective_id bigint NOT NULL REFERENCES okrkpi.objectives ON DELETE CASCADE,
    metric_id    bigint REFERENCES okrkpi.metrics,
    title        text NOT NULL,
    plan         okrkpi.key_result NOT NULL,
    kpi_id       bigint REFERENCES okrkpi.kpis,
    weight       float8 NOT NULL DEFAULT 1 CHECK (weight >= 0 AND weight < 'Infinity'),
    owner        text,
    rolled_from  bigint UNIQUE REFERENCES okrkpi.key_results,
    created_at   timestamptz NOT NULL DEFAULT pg_catalog.now()
);
CREATE INDEX ON okrkpi.key_results (objective_id);
CREATE INDEX ON okrkpi.key_results (metric_id);

CREATE TABLE okrkpi.overrides (
    id         bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    at         timestamptz NOT NULL DEFAULT pg_catalog.now(),
    by_role    text NOT NULL DEFAULT CURRENT_USER,
    reason     text NOT NULL,
    table_name text NOT NULL,
    row_key    text NOT NULL,
    change     jsonb NOT NULL
);

COMMENT ON TABLE okrkpi.cycles IS 'planning quarters; setting closed_at carries KPI-linked key results into the next quarter';
COMMENT ON TABLE okrkpi.metrics IS 'what is measured and how: formula, data source, reporting frequency';
COMMENT ON TABLE okrkpi.measurements IS 'measured values of metrics over time';
COMMENT ON TABLE okrkpi.kpis IS 'KPIs: thresholds on metrics, kept at least a year, with an annual target for roll-forward';
COMMENT ON TABLE okrkpi.objectives IS 'quarterly qualitative objectives; rolled_from points to the objective they were carried from';
COMMENT ON TABLE okrkpi.key_results IS 'key results of objectives, scored on their metric''s latest measurement inside the quarter';
COMMENT ON TABLE okrkpi.overrides IS 'every change made under okrkpi.override_reason: who, when, why, old and new values';

-- The section 4 rules, dogfooded: the same C trigger functions.
CREATE TRIGGER kr_rules BEFORE INSERT OR UPDATE ON okrkpi.key_results FOR EACH ROW
    EXECUTE FUNCTION okrkpi.check_key_result('kr=plan', 'objective=objective_id', 'kpi=kpi_id');
CREATE TRIGGER kpi_rules BEFORE INSERT OR UPDATE OR DELETE ON okrkpi.kpis FOR EACH ROW
    EXECUTE FUNCTION okrkpi.check_kpi('kpi=threshold', 'since=since');

-- The override log: after a change the rules allowed only because of
-- okrkpi.override_reason.
CREATE FUNCTION okrkpi.log_override() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    reason text := pg_catalog.current_setting('okrkpi.override_reason', true);
    overridden boolean;
BEGIN
    IF reason IS NULL OR reason = '' THEN
        RETURN NULL;
    END IF;
    IF TG_TABLE_NAME = 'key_results' THEN
        overridden := okrkpi.start_value(OLD.plan) <> okrkpi.start_value(NEW.plan);
    ELSE
        overridden := OLD.since + '1 year'::interval > pg_catalog.transaction_timestamp()
            AND (TG_OP = 'DELETE'
                 OR okrkpi.with_current(OLD.threshold, NULL) <> okrkpi.with_current(NEW.threshold, NULL));
    END IF;
    IF overridden THEN
        INSERT INTO okrkpi.overrides (reason, table_name, row_key, change)
        VALUES (reason, TG_TABLE_SCHEMA || '.' || TG_TABLE_NAME, OLD.id::text,
                pg_catalog.jsonb_build_object('operation', TG_OP, 'old', pg_catalog.to_jsonb(OLD),
                                              'new', CASE WHEN TG_OP = 'DELETE' THEN NULL ELSE pg_catalog.to_jsonb(NEW) END));
    END IF;
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION okrkpi.log_override() IS 'AFTER trigger of key_results and kpis: records changes made under okrkpi.override_reason in okrkpi.overrides';
CREATE TRIGGER log_override AFTER UPDATE ON okrkpi.key_results FOR EACH ROW
    EXECUTE FUNCTION okrkpi.log_override();
CREATE TRIGGER log_override AFTER UPDATE OR DELETE ON okrkpi.kpis FOR EACH ROW
    EXECUTE FUNCTION okrkpi.log_override();

-- Quarter roll-forward.
CREATE FUNCTION okrkpi.roll_forward(closing okrkpi.quarter) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
    next_quarter okrkpi.quarter := closing OPERATOR(okrkpi.+) 1;
    quarter_end timestamptz := okrkpi.quarter_end(closing)::timestamptz;
    carried integer := 0;
    kr record;
    actual float8;
    quarters_left integer;
    new_objective bigint;
    increasing boolean;
BEGIN
    INSERT INTO okrkpi.cycles (quarter) VALUES (next_quarter) ON CONFLICT (quarter) DO NOTHING;
    FOR kr IN
        SELECT r.*, k.title AS kpi_title, k.metric_id AS kpi_metric_id, k.annual_target, k.target_date
        FROM okrkpi.key_results r
        JOIN okrkpi.objectives o ON o.id = r.objective_id
        JOIN okrkpi.kpis k ON k.id = r.kpi_id
        WHERE o.quarter OPERATOR(okrkpi.=) closing
          AND NOT EXISTS (SELECT 1 FROM okrkpi.key_results n WHERE n.rolled_from = r.id)
        ORDER BY r.id
        FOR UPDATE OF r
    LOOP
        -- the metric's latest measurement at or before the quarter's end
        SELECT okrkpi.latest(m.value, m.at) INTO actual
        FROM okrkpi.measurements m
        WHERE m.metric_id = coalesce(kr.metric_id, kr.kpi_metric_id) AND m.at < quarter_end;
        actual := coalesce(actual, okrkpi.current_value(kr.plan));
        increasing := okrkpi.direction(kr.plan) = 'increase';

        IF actual IS NULL THEN
            RAISE NOTICE 'key result % ("%") not carried into %: its metric has no measurement', kr.id, kr.title, next_quarter;
        ELSIF kr.annual_target IS NULL OR kr.target_date IS NULL THEN
            RAISE NOTICE 'key result % ("%") not carried into %: KPI "%" has no annual target and target date',
                kr.id, kr.title, next_quarter, kr.kpi_title;
        ELSIF kr.target_date < okrkpi.quarter_start(next_quarter) THEN
            RAISE NOTICE 'key result % ("%") not carried into %: the target date % of KPI "%" has passed',
                kr.id, kr.title, next_quarter, kr.target_date, kr.kpi_title;
        ELSIF (increasing AND actual >= kr.annual_target) OR (NOT increasing AND actual <= kr.annual_target) THEN
            RAISE NOTICE 'key result % ("%") not carried into %: KPI "%" already reached its annual target % (actual %)',
                kr.id, kr.title, next_quarter, kr.kpi_title, kr.annual_target, actual;
        ELSE
            quarters_left := (okrkpi.quarter_of(kr.target_date) OPERATOR(okrkpi.-) next_quarter) + 1;
            SELECT id INTO new_objective FROM okrkpi.objectives
            WHERE rolled_from = kr.objective_id AND quarter OPERATOR(okrkpi.=) next_quarter;
            IF new_objective IS NULL THEN
                INSERT INTO okrkpi.objectives (quarter, title, parent_id, owner, rolled_from)
                SELECT next_quarter, o.title, o.parent_id, o.owner, o.id
                FROM okrkpi.objectives o WHERE o.id = kr.objective_id
                RETURNING id INTO new_objective;
            END IF;
            INSERT INTO okrkpi.key_results (objective_id, metric_id, title, plan, kpi_id, weight, owner, rolled_from)
            VALUES (new_objective, kr.metric_id, kr.title,
                    okrkpi.key_result(pg_catalog.jsonb_build_object(
                        'start', actual,
                        'target', okrkpi.quarter_target(actual, kr.annual_target, quarters_left),
                        'unit', okrkpi.unit(kr.plan))),
                    kr.kpi_id, kr.weight, kr.owner, kr.id);
            carried := carried + 1;
        END IF;
    END LOOP;
    RETURN carried;
END
$$;
COMMENT ON FUNCTION okrkpi.roll_forward(okrkpi.quarter) IS 'carries every KPI-linked key result of a quarter into the next one (start = latest actual, target on a straight line to the KPI''s annual target); returns how many were carried; idempotent';

CREATE FUNCTION okrkpi.close_cycle() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM okrkpi.roll_forward(NEW.quarter);
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION okrkpi.close_cycle() IS 'AFTER UPDATE trigger of cycles: closing a quarter rolls it forward in the same transaction';
CREATE TRIGGER close_cycle AFTER UPDATE OF closed_at ON okrkpi.cycles FOR EACH ROW
    WHEN (OLD.closed_at IS NULL AND NEW.closed_at IS NOT NULL)
    EXECUTE FUNCTION okrkpi.close_cycle();

-- Views with plain column types for Grafana, Metabase and friends.
CREATE VIEW okrkpi.scoreboard AS
SELECT o.quarter::text AS quarter,
       o.title AS objective,
       r.title AS key_result,
       r.plan::text AS plan,
       okrkpi.start_value(r.plan) AS start_value,
       okrkpi.target_value(r.plan) AS target_value,
       coalesce(l.value, okrkpi.current_value(r.plan), okrkpi.start_value(r.plan)) AS current_value,
       (l.value IS NOT NULL OR okrkpi.current_value(r.plan) IS NOT NULL) AS measured,
       okrkpi.score(r.plan, coalesce(l.value, okrkpi.current_value(r.plan), okrkpi.start_value(r.plan))) AS score,
       okrkpi.grade(okrkpi.score(r.plan, coalesce(l.value, okrkpi.current_value(r.plan), okrkpi.start_value(r.plan))))::text AS grade,
       okrkpi.status(r.plan, coalesce(l.value, okrkpi.current_value(r.plan)), o.quarter, pg_catalog.now())::text AS status,
       (r.kpi_id IS NOT NULL) AS is_kpi,
       r.weight,
       okrkpi.unit(r.plan) AS unit,
       l.at AS measured_at,
       o.id AS objective_id,
       r.id AS key_result_id
FROM okrkpi.key_results r
JOIN okrkpi.objectives o ON o.id = r.objective_id
LEFT JOIN LATERAL (
    SELECT okrkpi.latest(m.value, m.at) AS value, pg_catalog.max(m.at) AS at
    FROM okrkpi.measurements m
    WHERE m.metric_id = r.metric_id
      AND m.at >= okrkpi.quarter_start(o.quarter)::timestamptz
      AND m.at < okrkpi.quarter_end(o.quarter)::timestamptz
) l ON true;
COMMENT ON VIEW okrkpi.scoreboard IS 'one row per key result: plan, latest measurement inside its quarter (session time zone), score, grade and pace; unmeasured key results count as current = start';

CREATE VIEW okrkpi.objective_scores AS
SELECT s.quarter, s.objective,
       okrkpi.objective_score(s.score, s.weight) AS score,
       okrkpi.grade(okrkpi.objective_score(s.score, s.weight))::text AS grade,
       pg_catalog.count(*)::integer AS key_results,
       s.objective_id
FROM okrkpi.scoreboard s
GROUP BY s.quarter, s.objective, s.objective_id;
COMMENT ON VIEW okrkpi.objective_scores IS 'one row per objective: the mean of its key results'' scores weighted by weight';

CREATE VIEW okrkpi.kpi_board AS
SELECT k.title AS kpi,
       k.threshold::text AS threshold,
       okrkpi.latest(m.value, m.at) AS current_value,
       okrkpi.kpi_health(k.threshold, m.value, m.at)::text AS health,
       okrkpi.hit_rate(k.threshold, m.value) AS hit_rate,
       pg_catalog.max(m.at) AS last_measured_at,
       k.annual_target,
       k.id AS kpi_id
FROM okrkpi.kpis k
LEFT JOIN okrkpi.measurements m ON m.metric_id = k.metric_id
GROUP BY k.id;
COMMENT ON VIEW okrkpi.kpi_board IS 'one row per KPI: latest value, its health, the share of all measurements that met the threshold, when it was last measured';

CREATE VIEW okrkpi.score_history AS
SELECT m.at AS time,
       r.title AS key_result,
       okrkpi.kr_score(r.plan, m.value, m.at) OVER (PARTITION BY r.id ORDER BY m.at) AS score,
       o.quarter::text AS quarter,
       r.id AS key_result_id
FROM okrkpi.key_results r
JOIN okrkpi.objectives o ON o.id = r.objective_id
JOIN okrkpi.measurements m ON m.metric_id = r.metric_id
     AND m.at >= okrkpi.quarter_start(o.quarter)::timestamptz
     AND m.at < okrkpi.quarter_end(o.quarter)::timestamptz;
COMMENT ON VIEW okrkpi.score_history IS 'one row per measurement inside a key result''s quarter: the running score as of that measurement';

-- Plan lint: the mistakes DOMAIN.md lists.
CREATE FUNCTION okrkpi.lint()
RETURNS TABLE (severity text, rule text, object text, message text)
LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT 'warning', 'objective_too_few_key_results', 'objective ' || o.id || ' (' || o.quarter::text || ')',
           pg_catalog.format('objective "%s" has %s key result(s); an objective needs 2 to 5', o.title, pg_catalog.count(r.id))
    FROM okrkpi.objectives o LEFT JOIN okrkpi.key_results r ON r.objective_id = o.id
    GROUP BY o.id HAVING pg_catalog.count(r.id) < 2
  UNION ALL
    SELECT 'warning', 'objective_too_many_key_results', 'objective ' || o.id || ' (' || o.quarter::text || ')',
           pg_catalog.format('objective "%s" has %s key results; an objective needs 2 to 5', o.title, pg_catalog.count(r.id))
    FROM okrkpi.objectives o JOIN okrkpi.key_results r ON r.objective_id = o.id
    GROUP BY o.id HAVING pg_catalog.count(r.id) > 5
  UNION ALL
    SELECT 'warning', 'too_many_kpis', 'kpis',
           pg_catalog.format('the plan has %s KPIs; a good plan has 5 to 7', pg_catalog.count(*))
    FROM okrkpi.kpis HAVING pg_catalog.count(*) > 7
  UNION ALL
    SELECT 'warning', 'every_key_result_is_kpi', 'objective ' || o.id || ' (' || o.quarter::text || ')',
           pg_catalog.format('every key result of objective "%s" is marked as a KPI; KPIs watch health, key results push change', o.title)
    FROM okrkpi.objectives o JOIN okrkpi.key_results r ON r.objective_id = o.id
    GROUP BY o.id HAVING pg_catalog.count(*) >= 2 AND pg_catalog.bool_and(r.kpi_id IS NOT NULL)
  UNION ALL
    SELECT 'warning', 'only_milestone_key_results', 'objective ' || o.id || ' (' || o.quarter::text || ')',
           pg_catalog.format('objective "%s" has only milestone key results: activities posing as outcomes; add a key result that moves a measured metric', o.title)
    FROM okrkpi.objectives o JOIN okrkpi.key_results r ON r.objective_id = o.id
    GROUP BY o.id HAVING pg_catalog.bool_and(okrkpi.is_milestone(r.plan))
  UNION ALL
    SELECT 'warning', 'metric_not_measured', 'metric ' || me.id,
           CASE WHEN pg_catalog.max(m.at) IS NULL
                THEN pg_catalog.format('metric "%s" has never been measured (frequency %s)', me.name, me.frequency)
                ELSE pg_catalog.format('metric "%s" was last measured %s, longer ago than its frequency %s', me.name, pg_catalog.max(m.at), me.frequency)
           END
    FROM okrkpi.metrics me LEFT JOIN okrkpi.measurements m ON m.metric_id = me.id
    GROUP BY me.id HAVING pg_catalog.max(m.at) IS NULL OR pg_catalog.max(m.at) < pg_catalog.now() - me.frequency
  ORDER BY 2, 3
$$;
COMMENT ON FUNCTION okrkpi.lint() IS 'plan mistakes: objectives with fewer than 2 or more than 5 key results, more than 7 KPIs, every key result a KPI, only milestone key results, metrics not measured within their frequency';

-- pg_dump keeps the plan's rows (and the identity sequences' positions).
SELECT pg_catalog.pg_extension_config_dump('okrkpi.cycles', '');
SELECT pg_catalog.pg_extension_config_dump('okrkpi.metrics', '');
SELECT pg_catalog.pg_extension_config_dump('okrkpi.metrics_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('okrkpi.measurements', '');
SELECT pg_catalog.pg_extension_config_dump('okrkpi.kpis', '');
SELECT pg_catalog.pg_extension_config_dump('okrkpi.kpis_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('okrkpi.objectives', '');
SELECT pg_catalog.pg_extension_config_dump('okrkpi.objectives_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('okrkpi.key_results', '');
SELECT pg_catalog.pg_extension_config_dump('okrkpi.key_results_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('okrkpi.overrides', '');
SELECT pg_catalog.pg_extension_config_dump('okrkpi.overrides_id_seq', '');
