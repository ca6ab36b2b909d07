-- okrkpi: OKR and KPI types, scoring and plan rules for PostgreSQL.
-- This script is assembled by the Makefile from the files in extension/.

\echo Use "CREATE EXTENSION okrkpi" to load this file. \quit

-- Every role may use okrkpi's types, functions, aggregates and triggers in
-- its own tables; the embedded plan's tables stay private to their owner
-- unless granted (doc/plan.md lists the grants a planner and a reader need).
GRANT USAGE ON SCHEMA okrkpi TO PUBLIC;
COMMENT ON SCHEMA okrkpi IS 'okrkpi: OKR and KPI types, scoring, aggregates, plan-rule triggers and the embedded plan';
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

CREATE OPERATOR pg_catalog.= (
    LEFTARG = okrkpi.key_result, RIGHTARG = okrkpi.key_result, FUNCTION = okrkpi.key_result_eq,
    COMMUTATOR = OPERATOR(pg_catalog.=), NEGATOR = OPERATOR(pg_catalog.<>),
    RESTRICT = eqsel, JOIN = eqjoinsel, HASHES, MERGES
);
CREATE OPERATOR pg_catalog.<> (
    LEFTARG = okrkpi.key_result, RIGHTARG = okrkpi.key_result, FUNCTION = okrkpi.key_result_ne,
    COMMUTATOR = OPERATOR(pg_catalog.<>), NEGATOR = OPERATOR(pg_catalog.=),
    RESTRICT = neqsel, JOIN = neqjoinsel
);
CREATE OPERATOR pg_catalog.< (
    LEFTARG = okrkpi.key_result, RIGHTARG = okrkpi.key_result, FUNCTION = okrkpi.key_result_lt,
    COMMUTATOR = OPERATOR(pg_catalog.>), NEGATOR = OPERATOR(pg_catalog.>=),
    RESTRICT = scalarltsel, JOIN = scalarltjoinsel
);
CREATE OPERATOR pg_catalog.<= (
    LEFTARG = okrkpi.key_result, RIGHTARG = okrkpi.key_result, FUNCTION = okrkpi.key_result_le,
    COMMUTATOR = OPERATOR(pg_catalog.>=), NEGATOR = OPERATOR(pg_catalog.>),
    RESTRICT = scalarlesel, JOIN = scalarlejoinsel
);
CREATE OPERATOR pg_catalog.> (
    LEFTARG = okrkpi.key_result, RIGHTARG = okrkpi.key_result, FUNCTION = okrkpi.key_result_gt,
    COMMUTATOR = OPERATOR(pg_catalog.<), NEGATOR = OPERATOR(pg_catalog.<=),
    RESTRICT = scalargtsel, JOIN = scalargtjoinsel
);
CREATE OPERATOR pg_catalog.>= (
    LEFTARG = okrkpi.key_result, RIGHTARG = okrkpi.key_result, FUNCTION = okrkpi.key_result_ge,
    COMMUTATOR = OPERATOR(pg_catalog.<=), NEGATOR = OPERATOR(pg_catalog.<),
    RESTRICT = scalargesel, JOIN = scalargejoinsel
);
COMMENT ON OPERATOR pg_catalog.= (okrkpi.key_result, okrkpi.key_result) IS 'equal: same start, target, current and unit';
COMMENT ON OPERATOR pg_catalog.<> (okrkpi.key_result, okrkpi.key_result) IS 'not equal';
COMMENT ON OPERATOR pg_catalog.< (okrkpi.key_result, okrkpi.key_result) IS 'less than, in an arbitrary total order (start, target, current, unit) for indexes and sorting';
COMMENT ON OPERATOR pg_catalog.<= (okrkpi.key_result, okrkpi.key_result) IS 'less than or equal, in the btree order';
COMMENT ON OPERATOR pg_catalog.> (okrkpi.key_result, okrkpi.key_result) IS 'greater than, in the btree order';
COMMENT ON OPERATOR pg_catalog.>= (okrkpi.key_result, okrkpi.key_result) IS 'greater than or equal, in the btree order';

CREATE OPERATOR CLASS okrkpi.key_result_ops DEFAULT FOR TYPE okrkpi.key_result USING btree AS
    OPERATOR 1 pg_catalog.<,
    OPERATOR 2 pg_catalog.<=,
    OPERATOR 3 pg_catalog.=,
    OPERATOR 4 pg_catalog.>=,
    OPERATOR 5 pg_catalog.>,
    FUNCTION 1 okrkpi.key_result_cmp(okrkpi.key_result, okrkpi.key_result);
CREATE OPERATOR CLASS okrkpi.key_result_hash_ops DEFAULT FOR TYPE okrkpi.key_result USING hash AS
    OPERATOR 1 pg_catalog.=,
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

CREATE OPERATOR pg_catalog.= (
    LEFTARG = okrkpi.kpi, RIGHTARG = okrkpi.kpi, FUNCTION = okrkpi.kpi_eq,
    COMMUTATOR = OPERATOR(pg_catalog.=), NEGATOR = OPERATOR(pg_catalog.<>),
    RESTRICT = eqsel, JOIN = eqjoinsel, HASHES, MERGES
);
CREATE OPERATOR pg_catalog.<> (
    LEFTARG = okrkpi.kpi, RIGHTARG = okrkpi.kpi, FUNCTION = okrkpi.kpi_ne,
    COMMUTATOR = OPERATOR(pg_catalog.<>), NEGATOR = OPERATOR(pg_catalog.=),
    RESTRICT = neqsel, JOIN = neqjoinsel
);
CREATE OPERATOR pg_catalog.< (
    LEFTARG = okrkpi.kpi, RIGHTARG = okrkpi.kpi, FUNCTION = okrkpi.kpi_lt,
    COMMUTATOR = OPERATOR(pg_catalog.>), NEGATOR = OPERATOR(pg_catalog.>=),
    RESTRICT = scalarltsel, JOIN = scalarltjoinsel
);
CREATE OPERATOR pg_catalog.<= (
    LEFTARG = okrkpi.kpi, RIGHTARG = okrkpi.kpi, FUNCTION = okrkpi.kpi_le,
    COMMUTATOR = OPERATOR(pg_catalog.>=), NEGATOR = OPERATOR(pg_catalog.>),
    RESTRICT = scalarlesel, JOIN = scalarlejoinsel
);
CREATE OPERATOR pg_catalog.> (
    LEFTARG = okrkpi.kpi, RIGHTARG = okrkpi.kpi, FUNCTION = okrkpi.kpi_gt,
    COMMUTATOR = OPERATOR(pg_catalog.<), NEGATOR = OPERATOR(pg_catalog.<=),
    RESTRICT = scalargtsel, JOIN = scalargtjoinsel
);
CREATE OPERATOR pg_catalog.>= (
    LEFTARG = okrkpi.kpi, RIGHTARG = okrkpi.kpi, FUNCTION = okrkpi.kpi_ge,
    COMMUTATOR = OPERATOR(pg_catalog.<=), NEGATOR = OPERATOR(pg_catalog.<),
    RESTRICT = scalargesel, JOIN = scalargejoinsel
);
COMMENT ON OPERATOR pg_catalog.= (okrkpi.kpi, okrkpi.kpi) IS 'equal: same comparison, bounds, current and unit';
COMMENT ON OPERATOR pg_catalog.<> (okrkpi.kpi, okrkpi.kpi) IS 'not equal';
COMMENT ON OPERATOR pg_catalog.< (okrkpi.kpi, okrkpi.kpi) IS 'less than, in an arbitrary total order (comparison, bounds, current, unit) for indexes and sorting';
COMMENT ON OPERATOR pg_catalog.<= (okrkpi.kpi, okrkpi.kpi) IS 'less than or equal, in the btree order';
COMMENT ON OPERATOR pg_catalog.> (okrkpi.kpi, okrkpi.kpi) IS 'greater than, in the btree order';
COMMENT ON OPERATOR pg_catalog.>= (okrkpi.kpi, okrkpi.kpi) IS 'greater than or equal, in the btree order';

CREATE OPERATOR CLASS okrkpi.kpi_ops DEFAULT FOR TYPE okrkpi.kpi USING btree AS
    OPERATOR 1 pg_catalog.<,
    OPERATOR 2 pg_catalog.<=,
    OPERATOR 3 pg_catalog.=,
    OPERATOR 4 pg_catalog.>=,
    OPERATOR 5 pg_catalog.>,
    FUNCTION 1 okrkpi.kpi_cmp(okrkpi.kpi, okrkpi.kpi);
CREATE OPERATOR CLASS okrkpi.kpi_hash_ops DEFAULT FOR TYPE okrkpi.kpi USING hash AS
    OPERATOR 1 pg_catalog.=,
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
    SET search_path = pg_catalog, pg_temp
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

CREATE OPERATOR pg_catalog.+ (LEFTARG = okrkpi.quarter, RIGHTARG = int, FUNCTION = okrkpi.quarter_pl_int);
CREATE OPERATOR pg_catalog.- (LEFTARG = okrkpi.quarter, RIGHTARG = int, FUNCTION = okrkpi.quarter_mi_int);
CREATE OPERATOR pg_catalog.- (LEFTARG = okrkpi.quarter, RIGHTARG = okrkpi.quarter, FUNCTION = okrkpi.quarter_mi_quarter);
COMMENT ON OPERATOR pg_catalog.+ (okrkpi.quarter, int) IS 'the quarter n quarters later';
COMMENT ON OPERATOR pg_catalog.- (okrkpi.quarter, int) IS 'the quarter n quarters earlier';
COMMENT ON OPERATOR pg_catalog.- (okrkpi.quarter, okrkpi.quarter) IS 'the number of quarters from the right one to the left one';

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

CREATE OPERATOR pg_catalog.= (
    LEFTARG = okrkpi.quarter, RIGHTARG = okrkpi.quarter, FUNCTION = okrkpi.quarter_eq,
    COMMUTATOR = OPERATOR(pg_catalog.=), NEGATOR = OPERATOR(pg_catalog.<>),
    RESTRICT = eqsel, JOIN = eqjoinsel, HASHES, MERGES
);
CREATE OPERATOR pg_catalog.<> (
    LEFTARG = okrkpi.quarter, RIGHTARG = okrkpi.quarter, FUNCTION = okrkpi.quarter_ne,
    COMMUTATOR = OPERATOR(pg_catalog.<>), NEGATOR = OPERATOR(pg_catalog.=),
    RESTRICT = neqsel, JOIN = neqjoinsel
);
CREATE OPERATOR pg_catalog.< (
    LEFTARG = okrkpi.quarter, RIGHTARG = okrkpi.quarter, FUNCTION = okrkpi.quarter_lt,
    COMMUTATOR = OPERATOR(pg_catalog.>), NEGATOR = OPERATOR(pg_catalog.>=),
    RESTRICT = scalarltsel, JOIN = scalarltjoinsel
);
CREATE OPERATOR pg_catalog.<= (
    LEFTARG = okrkpi.quarter, RIGHTARG = okrkpi.quarter, FUNCTION = okrkpi.quarter_le,
    COMMUTATOR = OPERATOR(pg_catalog.>=), NEGATOR = OPERATOR(pg_catalog.>),
    RESTRICT = scalarlesel, JOIN = scalarlejoinsel
);
CREATE OPERATOR pg_catalog.> (
    LEFTARG = okrkpi.quarter, RIGHTARG = okrkpi.quarter, FUNCTION = okrkpi.quarter_gt,
    COMMUTATOR = OPERATOR(pg_catalog.<), NEGATOR = OPERATOR(pg_catalog.<=),
    RESTRICT = scalargtsel, JOIN = scalargtjoinsel
);
CREATE OPERATOR pg_catalog.>= (
    LEFTARG = okrkpi.quarter, RIGHTARG = okrkpi.quarter, FUNCTION = okrkpi.quarter_ge,
    COMMUTATOR = OPERATOR(pg_catalog.<=), NEGATOR = OPERATOR(pg_catalog.<),
    RESTRICT = scalargesel, JOIN = scalargejoinsel
);
COMMENT ON OPERATOR pg_catalog.= (okrkpi.quarter, okrkpi.quarter) IS 'equal';
COMMENT ON OPERATOR pg_catalog.<> (okrkpi.quarter, okrkpi.quarter) IS 'not equal';
COMMENT ON OPERATOR pg_catalog.< (okrkpi.quarter, okrkpi.quarter) IS 'less than';
COMMENT ON OPERATOR pg_catalog.<= (okrkpi.quarter, okrkpi.quarter) IS 'less than or equal';
COMMENT ON OPERATOR pg_catalog.> (okrkpi.quarter, okrkpi.quarter) IS 'greater than';
COMMENT ON OPERATOR pg_catalog.>= (okrkpi.quarter, okrkpi.quarter) IS 'greater than or equal';

CREATE OPERATOR CLASS okrkpi.quarter_ops DEFAULT FOR TYPE okrkpi.quarter USING btree AS
    OPERATOR 1 pg_catalog.<,
    OPERATOR 2 pg_catalog.<=,
    OPERATOR 3 pg_catalog.=,
    OPERATOR 4 pg_catalog.>=,
    OPERATOR 5 pg_catalog.>,
    FUNCTION 1 okrkpi.quarter_cmp(okrkpi.quarter, okrkpi.quarter);
CREATE OPERATOR CLASS okrkpi.quarter_hash_ops DEFAULT FOR TYPE okrkpi.quarter USING hash AS
    OPERATOR 1 pg_catalog.=,
    FUNCTION 1 okrkpi.quarter_hash(okrkpi.quarter),
    FUNCTION 2 okrkpi.quarter_hash_extended(okrkpi.quarter, int8);
COMMENT ON OPERATOR CLASS okrkpi.quarter_ops USING btree IS 'btree operator class for quarter (GROUP BY, DISTINCT, unique indexes)';
COMMENT ON OPERATOR CLASS okrkpi.quarter_hash_ops USING hash IS 'hash operator class for quarter (hash joins, hash aggregation, hash indexes)';
-- Scoring functions (doc/scoring.md).

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
COMMENT ON FUNCTION okrkpi.quarter_target(float8, float8, int) IS 'actual + (annual_target - actual) / quarters_left: the next quarter''s target on a straight line to the annual target, always between actual and annual_target';
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
-- Aggregates over measurement tables (doc/scoring.md).
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
COMMENT ON TYPE okrkpi.mean_state IS 'aggregate state: rows with a positive weight, their mean weight and the weighted mean of their scores: the state of objective_score';
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
CREATE FUNCTION okrkpi.latest_state_transfn(okrkpi.latest_state, float8, timestamptz) RETURNS okrkpi.latest_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION okrkpi.latest_state_combine(okrkpi.latest_state, okrkpi.latest_state) RETURNS okrkpi.latest_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION okrkpi.latest_state_final(okrkpi.latest_state) RETURNS float8
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE FUNCTION okrkpi.kr_state_transfn(okrkpi.kr_state, okrkpi.key_result, float8, timestamptz) RETURNS okrkpi.kr_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION okrkpi.kr_state_combine(okrkpi.kr_state, okrkpi.kr_state) RETURNS okrkpi.kr_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION okrkpi.score(okrkpi.kr_state) RETURNS float8
    AS 'MODULE_PATHNAME', 'kr_state_score' LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE FUNCTION okrkpi.kpi_state_transfn(okrkpi.kpi_state, okrkpi.kpi, float8, timestamptz) RETURNS okrkpi.kpi_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION okrkpi.kpi_state_combine(okrkpi.kpi_state, okrkpi.kpi_state) RETURNS okrkpi.kpi_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION okrkpi.kpi_state_final(okrkpi.kpi_state) RETURNS okrkpi.health
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE FUNCTION okrkpi.mean_state_transfn(okrkpi.mean_state, float8) RETURNS okrkpi.mean_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION okrkpi.mean_state_weighted_transfn(okrkpi.mean_state, float8, float8) RETURNS okrkpi.mean_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION okrkpi.mean_state_combine(okrkpi.mean_state, okrkpi.mean_state) RETURNS okrkpi.mean_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION okrkpi.mean_state_final(okrkpi.mean_state) RETURNS float8
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE FUNCTION okrkpi.rate_state_transfn(okrkpi.rate_state, okrkpi.kpi, float8) RETURNS okrkpi.rate_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION okrkpi.rate_state_combine(okrkpi.rate_state, okrkpi.rate_state) RETURNS okrkpi.rate_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION okrkpi.rate_state_final(okrkpi.rate_state) RETURNS float8
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE FUNCTION okrkpi.forecast_state_transfn(okrkpi.forecast_state, okrkpi.key_result, float8, timestamptz, timestamptz) RETURNS okrkpi.forecast_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION okrkpi.forecast_state_combine(okrkpi.forecast_state, okrkpi.forecast_state) RETURNS okrkpi.forecast_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION okrkpi.forecast_state_final(okrkpi.forecast_state) RETURNS float8
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;

COMMENT ON FUNCTION okrkpi.latest_state_transfn(okrkpi.latest_state, float8, timestamptz) IS 'transition function of latest()';
COMMENT ON FUNCTION okrkpi.latest_state_combine(okrkpi.latest_state, okrkpi.latest_state) IS 'combine function of latest()';
COMMENT ON FUNCTION okrkpi.latest_state_final(okrkpi.latest_state) IS 'final function of latest()';
COMMENT ON FUNCTION okrkpi.kr_state_transfn(okrkpi.kr_state, okrkpi.key_result, float8, timestamptz) IS 'transition function of kr_score() and kr_score_state()';
COMMENT ON FUNCTION okrkpi.kr_state_combine(okrkpi.kr_state, okrkpi.kr_state) IS 'combine function of kr_score(), kr_score_state() and kr_score_merge()';
COMMENT ON FUNCTION okrkpi.score(okrkpi.kr_state) IS 'the score of the latest value in a kr_state against its key result; NULL when empty';
COMMENT ON FUNCTION okrkpi.kpi_state_transfn(okrkpi.kpi_state, okrkpi.kpi, float8, timestamptz) IS 'transition function of kpi_health()';
COMMENT ON FUNCTION okrkpi.kpi_state_combine(okrkpi.kpi_state, okrkpi.kpi_state) IS 'combine function of kpi_health()';
COMMENT ON FUNCTION okrkpi.kpi_state_final(okrkpi.kpi_state) IS 'the health of the latest value in a kpi_state (tolerance 0.1); NULL when empty';
COMMENT ON FUNCTION okrkpi.mean_state_transfn(okrkpi.mean_state, float8) IS 'transition function of objective_score(score)';
COMMENT ON FUNCTION okrkpi.mean_state_weighted_transfn(okrkpi.mean_state, float8, float8) IS 'transition function of objective_score(score, weight)';
COMMENT ON FUNCTION okrkpi.mean_state_combine(okrkpi.mean_state, okrkpi.mean_state) IS 'combine function of objective_score()';
COMMENT ON FUNCTION okrkpi.mean_state_final(okrkpi.mean_state) IS 'final function of objective_score()';
COMMENT ON FUNCTION okrkpi.rate_state_transfn(okrkpi.rate_state, okrkpi.kpi, float8) IS 'transition function of hit_rate()';
COMMENT ON FUNCTION okrkpi.rate_state_combine(okrkpi.rate_state, okrkpi.rate_state) IS 'combine function of hit_rate()';
COMMENT ON FUNCTION okrkpi.rate_state_final(okrkpi.rate_state) IS 'final function of hit_rate()';
COMMENT ON FUNCTION okrkpi.forecast_state_transfn(okrkpi.forecast_state, okrkpi.key_result, float8, timestamptz, timestamptz) IS 'transition function of kr_forecast()';
COMMENT ON FUNCTION okrkpi.forecast_state_combine(okrkpi.forecast_state, okrkpi.forecast_state) IS 'combine function of kr_forecast()';
COMMENT ON FUNCTION okrkpi.forecast_state_final(okrkpi.forecast_state) IS 'final function of kr_forecast()';

CREATE AGGREGATE okrkpi.latest(value float8, at timestamptz) (
    SFUNC = okrkpi.latest_state_transfn, STYPE = okrkpi.latest_state,
    COMBINEFUNC = okrkpi.latest_state_combine, FINALFUNC = okrkpi.latest_state_final,
    PARALLEL = SAFE
);
CREATE AGGREGATE okrkpi.kr_score(kr okrkpi.key_result, value float8, at timestamptz) (
    SFUNC = okrkpi.kr_state_transfn, STYPE = okrkpi.kr_state,
    COMBINEFUNC = okrkpi.kr_state_combine, FINALFUNC = okrkpi.score,
    PARALLEL = SAFE
);
CREATE AGGREGATE okrkpi.kr_score_state(kr okrkpi.key_result, value float8, at timestamptz) (
    SFUNC = okrkpi.kr_state_transfn, STYPE = okrkpi.kr_state,
    COMBINEFUNC = okrkpi.kr_state_combine,
    PARALLEL = SAFE
);
CREATE AGGREGATE okrkpi.kr_score_merge(okrkpi.kr_state) (
    SFUNC = okrkpi.kr_state_combine, STYPE = okrkpi.kr_state,
    COMBINEFUNC = okrkpi.kr_state_combine,
    PARALLEL = SAFE
);
CREATE AGGREGATE okrkpi.kpi_health(k okrkpi.kpi, value float8, at timestamptz) (
    SFUNC = okrkpi.kpi_state_transfn, STYPE = okrkpi.kpi_state,
    COMBINEFUNC = okrkpi.kpi_state_combine, FINALFUNC = okrkpi.kpi_state_final,
    PARALLEL = SAFE
);
CREATE AGGREGATE okrkpi.objective_score(score float8) (
    SFUNC = okrkpi.mean_state_transfn, STYPE = okrkpi.mean_state,
    COMBINEFUNC = okrkpi.mean_state_combine, FINALFUNC = okrkpi.mean_state_final,
    PARALLEL = SAFE
);
CREATE AGGREGATE okrkpi.objective_score(score float8, weight float8) (
    SFUNC = okrkpi.mean_state_weighted_transfn, STYPE = okrkpi.mean_state,
    COMBINEFUNC = okrkpi.mean_state_combine, FINALFUNC = okrkpi.mean_state_final,
    PARALLEL = SAFE
);
CREATE AGGREGATE okrkpi.hit_rate(k okrkpi.kpi, value float8) (
    SFUNC = okrkpi.rate_state_transfn, STYPE = okrkpi.rate_state,
    COMBINEFUNC = okrkpi.rate_state_combine, FINALFUNC = okrkpi.rate_state_final,
    PARALLEL = SAFE
);
CREATE AGGREGATE okrkpi.kr_forecast(kr okrkpi.key_result, value float8, at timestamptz, deadline timestamptz) (
    SFUNC = okrkpi.forecast_state_transfn, STYPE = okrkpi.forecast_state,
    COMBINEFUNC = okrkpi.forecast_state_combine, FINALFUNC = okrkpi.forecast_state_final,
    PARALLEL = SAFE
);

COMMENT ON AGGREGATE okrkpi.latest(float8, timestamptz) IS 'the value with the greatest time; ties go to the greater value';
COMMENT ON AGGREGATE okrkpi.kr_score(okrkpi.key_result, float8, timestamptz) IS 'the score of the latest value against the key result of that row';
COMMENT ON AGGREGATE okrkpi.kr_score_state(okrkpi.key_result, float8, timestamptz) IS 'the raw kr_state of kr_score, for two-phase rollups (merge with kr_score_merge, finish with score)';
COMMENT ON AGGREGATE okrkpi.kr_score_merge(okrkpi.kr_state) IS 'merges kr_states from kr_score_state into one';
COMMENT ON AGGREGATE okrkpi.kpi_health(okrkpi.kpi, float8, timestamptz) IS 'the health of the latest value against the kpi of that row (tolerance 0.1)';
COMMENT ON AGGREGATE okrkpi.objective_score(float8) IS 'the mean of non-NULL scores, each in [0, 1]';
COMMENT ON AGGREGATE okrkpi.objective_score(float8, float8) IS 'the weighted mean of non-NULL scores, each in [0, 1]; negative and subnormal weights are refused, rows of weight 0 skipped; NULL when the weights add up to 0';
COMMENT ON AGGREGATE okrkpi.hit_rate(okrkpi.kpi, float8) IS 'the share of non-NULL values that meet their kpi threshold';
COMMENT ON AGGREGATE okrkpi.kr_forecast(okrkpi.key_result, float8, timestamptz, timestamptz) IS 'the least-squares line of value over time, evaluated at the latest row''s deadline and scored against its key result; NULL with fewer than two distinct times; key results of different units are refused';
-- Plan-rule triggers for the user's own tables (doc/triggers.md).  Attach with
-- role=column arguments, e.g.
--   CREATE TRIGGER kr_rules BEFORE INSERT OR UPDATE ON sales.goals FOR EACH ROW
--     EXECUTE FUNCTION okrkpi.check_key_result('start=baseline', 'target=goal',
--                                              'objective=objective_id', 'kpi=is_kpi');

CREATE FUNCTION okrkpi.check_key_result() RETURNS trigger
    AS 'MODULE_PATHNAME' LANGUAGE C;
CREATE FUNCTION okrkpi.check_kpi() RETURNS trigger
    AS 'MODULE_PATHNAME' LANGUAGE C;

COMMENT ON FUNCTION okrkpi.check_key_result() IS 'BEFORE INSERT OR UPDATE row trigger: kr=COL or start=COL and target=COL (present, finite, different; start frozen and direction fixed on UPDATE), objective=COL [max=N] (at most N key results per objective, default okrkpi.max_key_results), kpi=COL (a milestone key result is never a KPI), log=TABLE (where overrides are recorded)';
COMMENT ON FUNCTION okrkpi.check_kpi() IS 'BEFORE INSERT OR UPDATE OR DELETE row trigger: kpi=COL (present), plan=COL [max=N] (at most N KPIs per plan or table, default okrkpi.max_kpis), since=COL (no deletion or threshold change within a year unless the table''s owner overrides), log=TABLE (where overrides are recorded)';

-- Overrides are recorded in the table a trigger's log= argument names; this
-- guard keeps such a table append-only for everyone but okrkpi's logging.
CREATE FUNCTION okrkpi.guard_override_log() RETURNS trigger
    AS 'MODULE_PATHNAME' LANGUAGE C;
COMMENT ON FUNCTION okrkpi.guard_override_log() IS 'BEFORE INSERT OR UPDATE OR DELETE (row) and BEFORE TRUNCATE (statement) trigger for an override log table: only okrkpi''s override logging (and superusers) may write it';

-- The triggers name columns in their arguments, which PostgreSQL does not
-- track: refuse to rename or drop such a column while a trigger names it.
CREATE FUNCTION okrkpi.check_trigger_columns() RETURNS event_trigger
    AS 'MODULE_PATHNAME' LANGUAGE C;
COMMENT ON FUNCTION okrkpi.check_trigger_columns() IS 'event trigger at the start and end of ALTER TABLE and ALTER FOREIGN TABLE: refuses to rename or drop a column that a check_key_result or check_kpi trigger names (on the table or a table inheriting from it)';
CREATE EVENT TRIGGER okrkpi_trigger_columns_start ON ddl_command_start
    WHEN TAG IN ('ALTER TABLE', 'ALTER FOREIGN TABLE')
    EXECUTE FUNCTION okrkpi.check_trigger_columns();
CREATE EVENT TRIGGER okrkpi_trigger_columns ON ddl_command_end
    WHEN TAG IN ('ALTER TABLE', 'ALTER FOREIGN TABLE')
    EXECUTE FUNCTION okrkpi.check_trigger_columns();
COMMENT ON EVENT TRIGGER okrkpi_trigger_columns_start IS 'remembers which column each name of an okrkpi plan-rule trigger leads to, before an ALTER TABLE';
COMMENT ON EVENT TRIGGER okrkpi_trigger_columns IS 'keeps the columns named by okrkpi''s plan-rule triggers from being renamed or dropped under them, or replaced by a new column of the same name';

-- The limits in force.  A C function, so that calling it loads the library
-- and with it the settings' definitions and defaults.
CREATE FUNCTION okrkpi.plan_limits(OUT max_key_results integer, OUT max_kpis integer)
    AS 'MODULE_PATHNAME' LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION okrkpi.plan_limits() IS 'the limits the triggers enforce when they have no max= argument: the settings okrkpi.max_key_results and okrkpi.max_kpis';
-- The embedded plan (doc/plan.md), part 1: the tables, for databases that
-- have no OKR tables yet, guarded by the plan-rule triggers.  Part 2
-- (72_plan_rollforward.sql) carries a plan from quarter to quarter, part 3
-- (74_plan_views.sql) reads it through plain-typed views, part 4
-- (76_plan_lint.sql) finds planning mistakes.

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
    weight      float8 NOT NULL DEFAULT 1 CHECK (weight >= 0 AND weight < 'Infinity'),
    UNIQUE (quarter, rolled_from)
);
CREATE INDEX ON okrkpi.objectives (quarter);
CREATE INDEX ON okrkpi.objectives (parent_id);

CREATE TABLE okrkpi.key_results (
    id           bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    objective_id bigint NOT NULL REFERENCES okrkpi.objectives ON DELETE CASCADE,
    metric_id    bigint REFERENCES okrkpi.metrics,
    title        text,
    plan         okrkpi.key_result NOT NULL,
    kpi_id       bigint REFERENCES okrkpi.kpis,
    weight       float8 NOT NULL DEFAULT 1 CHECK (weight >= 0 AND weight < 'Infinity'),
    owner        text,
    rolled_from  bigint UNIQUE REFERENCES okrkpi.key_results,
    created_at   timestamptz NOT NULL DEFAULT pg_catalog.now(),
    CONSTRAINT key_results_title_or_metric CHECK (title IS NOT NULL OR metric_id IS NOT NULL)
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

CREATE TABLE okrkpi.check_ins (
    id            bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    key_result_id bigint NOT NULL REFERENCES okrkpi.key_results ON DELETE CASCADE,
    at            timestamptz NOT NULL DEFAULT pg_catalog.now(),
    value         float8 CHECK (value > '-Infinity' AND value < 'Infinity'),
    confidence    integer NOT NULL CHECK (confidence >= 0 AND confidence <= 10),
    note          text,
    author        text NOT NULL DEFAULT CURRENT_USER
);
-- the scoreboard's two probes: the latest check-in, and the latest with a value
CREATE INDEX ON okrkpi.check_ins (key_result_id, at, id);
CREATE INDEX check_ins_value_idx ON okrkpi.check_ins (key_result_id, at, id) WHERE value IS NOT NULL;

COMMENT ON TABLE okrkpi.cycles IS 'planning quarters; setting closed_at carries KPI-linked key results into the next quarter';
COMMENT ON TABLE okrkpi.metrics IS 'what is measured and how: formula, data source, reporting frequency';
COMMENT ON TABLE okrkpi.measurements IS 'measured values of metrics over time';
COMMENT ON TABLE okrkpi.kpis IS 'KPIs: thresholds on metrics, kept at least a year, with an annual target for roll-forward';
COMMENT ON TABLE okrkpi.objectives IS 'quarterly qualitative objectives; rolled_from points to the objective they were carried from';
COMMENT ON TABLE okrkpi.key_results IS 'key results of objectives, scored on their metric''s latest measurement inside the quarter';
COMMENT ON TABLE okrkpi.check_ins IS 'weekly check-ins on key results: an optional value, a confidence from 0 to 10 and a short note';
COMMENT ON COLUMN okrkpi.objectives.weight IS 'how much this objective counts in its parent''s score (objective_tree)';
COMMENT ON COLUMN okrkpi.key_results.title IS 'the key result''s title; when NULL, views show its statement (okrkpi.statement of its metric and plan)';
COMMENT ON COLUMN okrkpi.check_ins.value IS 'the value checked in, if any: scores a key result that has no newer measurement';
COMMENT ON COLUMN okrkpi.check_ins.confidence IS 'how confident the owner is that the key result will be reached, 0 (not at all) to 10 (certain)';
COMMENT ON COLUMN okrkpi.check_ins.author IS 'who checked in; defaults to the current role';
COMMENT ON TABLE okrkpi.overrides IS 'every change made under okrkpi.override_reason, written by the plan-rule trigger that allowed it: who, when, why, old and new rows; append-only';

-- The plan rules, dogfooded: the same C trigger functions.  Overrides (by
-- the tables' owner only) are recorded in okrkpi.overrides by the trigger
-- that allows them; nothing else may write that table.
CREATE TRIGGER kr_rules BEFORE INSERT OR UPDATE ON okrkpi.key_results FOR EACH ROW
    EXECUTE FUNCTION okrkpi.check_key_result('kr=plan', 'objective=objective_id', 'kpi=kpi_id',
                                             'log=okrkpi.overrides');
CREATE TRIGGER kpi_rules BEFORE INSERT OR UPDATE OR DELETE ON okrkpi.kpis FOR EACH ROW
    EXECUTE FUNCTION okrkpi.check_kpi('kpi=threshold', 'since=since', 'log=okrkpi.overrides');
CREATE TRIGGER guard BEFORE INSERT OR UPDATE OR DELETE ON okrkpi.overrides FOR EACH ROW
    EXECUTE FUNCTION okrkpi.guard_override_log();
CREATE TRIGGER guard_truncate BEFORE TRUNCATE ON okrkpi.overrides FOR EACH STATEMENT
    EXECUTE FUNCTION okrkpi.guard_override_log();

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
SELECT pg_catalog.pg_extension_config_dump('okrkpi.check_ins', '');
SELECT pg_catalog.pg_extension_config_dump('okrkpi.check_ins_id_seq', '');
-- The embedded plan, part 2: how a plan moves.  Objectives align under
-- parent objectives (never in a cycle); closing a quarter carries its
-- KPI-linked key results into the next one.

-- Alignment cycles are refused.  Every change of a parent takes one lock, so
-- two sessions that each make the other's objective their parent queue up,
-- and the second walks the tree as the first committed it (FOR SHARE reads
-- the latest row version in READ COMMITTED, and fails with a serialization
-- error under REPEATABLE READ rather than miss it).
CREATE FUNCTION okrkpi.check_alignment() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    ancestor bigint := NEW.parent_id;
    seen bigint[] := '{}';
BEGIN
    IF NEW.parent_id IS NULL THEN
        RETURN NEW;
    END IF;
    PERFORM pg_advisory_xact_lock(pg_catalog.hashtext('okrkpi.objectives alignment'));
    WHILE ancestor IS NOT NULL LOOP
        IF ancestor = NEW.id THEN
            RAISE EXCEPTION 'objective % cannot be aligned under objective %: that would make a cycle', NEW.id, NEW.parent_id
                USING ERRCODE = 'check_violation',
                      DETAIL = format('Objective %s is already %s.', NEW.parent_id,
                                      CASE WHEN cardinality(seen) = 0 THEN 'this objective' ELSE 'aligned under it' END),
                      HINT = 'Align objectives from the top down: a parent objective is broader than its children.',
                      TABLE = TG_TABLE_NAME, SCHEMA = TG_TABLE_SCHEMA, COLUMN = 'parent_id';
        END IF;
        IF ancestor = ANY (seen) THEN       -- rows written before this rule existed
            RAISE EXCEPTION 'the objectives above objective % already form a cycle', NEW.id
                USING ERRCODE = 'check_violation',
                      HINT = 'Set parent_id to NULL on one of them first.';
        END IF;
        seen := seen || ancestor;
        -- the table the trigger fires on: okrkpi.objectives, or on Citus the
        -- placement itself (a reference table's copy holds every row)
        EXECUTE format('SELECT parent_id FROM %I.%I WHERE id = $1 FOR SHARE', TG_TABLE_SCHEMA, TG_TABLE_NAME)
            INTO ancestor USING ancestor;
    END LOOP;
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION okrkpi.check_alignment() IS 'BEFORE INSERT OR UPDATE OF parent_id trigger of objectives: refuses alignment cycles (23514), also under concurrent updates';
CREATE TRIGGER check_alignment BEFORE INSERT OR UPDATE OF parent_id ON okrkpi.objectives FOR EACH ROW
    EXECUTE FUNCTION okrkpi.check_alignment();

-- Quarter roll-forward.
CREATE FUNCTION okrkpi.roll_forward(closing okrkpi.quarter) RETURNS integer
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    next_quarter okrkpi.quarter := closing + 1;
    quarter_end timestamptz := okrkpi.quarter_end(closing)::timestamptz;
    carried integer := 0;
    kr record;
    stated record;
    actual float8;
    new_plan okrkpi.key_result;
    new_title text;
    new_objective bigint;
    new_parent bigint;
    source record;
    increasing boolean;
BEGIN
    INSERT INTO okrkpi.cycles (quarter) VALUES (next_quarter) ON CONFLICT (quarter) DO NOTHING;
    FOR kr IN
        SELECT r.*, k.title AS kpi_title, k.metric_id AS kpi_metric_id, k.annual_target, k.target_date
        FROM okrkpi.key_results r
        JOIN okrkpi.objectives o ON o.id = r.objective_id
        JOIN okrkpi.kpis k ON k.id = r.kpi_id
        WHERE o.quarter = closing
          AND NOT EXISTS (SELECT 1 FROM okrkpi.key_results n WHERE n.rolled_from = r.id)
        ORDER BY r.id
        FOR UPDATE OF r
    LOOP
        -- the metric's latest measurement at or before the quarter's end
        SELECT m.value INTO actual
        FROM okrkpi.measurements m
        WHERE m.metric_id = coalesce(kr.metric_id, kr.kpi_metric_id) AND m.at < quarter_end
        ORDER BY m.at DESC
        LIMIT 1;
        actual := coalesce(actual, okrkpi.current_value(kr.plan));
        increasing := okrkpi.direction(kr.plan) = 'increase';

        IF actual IS NULL THEN
            RAISE NOTICE 'key result % ("%") not carried into %: its metric has no measurement', kr.id, kr.title, next_quarter;
        ELSIF kr.annual_target IS NULL OR kr.target_date IS NULL THEN
            RAISE NOTICE 'key result % ("%") not carried into %: KPI "%" has no annual target and target date',
                kr.id, kr.title, next_quarter, kr.kpi_title;
        ELSIF kr.target_date < okrkpi.quarter_start(next_quarter) THEN
            RAISE NOTICE 'key result % ("%") not carried into %: the target date % of KPI "%" has passed',
                kr.id, kr.title, next_quarter, to_char(kr.target_date, 'YYYY-MM-DD'), kr.kpi_title;
        ELSIF (increasing AND actual >= kr.annual_target) OR (NOT increasing AND actual <= kr.annual_target) THEN
            RAISE NOTICE 'key result % ("%") not carried into %: KPI "%" already reached its annual target % (actual %)',
                kr.id, kr.title, next_quarter, kr.kpi_title,
                okrkpi.value_text(kr.annual_target, okrkpi.unit(kr.plan)), okrkpi.value_text(actual, okrkpi.unit(kr.plan));
        ELSE
            new_plan := okrkpi.carry_forward(kr.plan, actual, kr.annual_target,
                                             (okrkpi.quarter_of(kr.target_date) - next_quarter) + 1);
            -- a title that states the old numbers states the new ones
            new_title := kr.title;
            BEGIN
                SELECT s.metric, s.plan, s.rest INTO stated FROM okrkpi.parse_statement(kr.title) s;
                IF stated.plan IS NOT NULL
                   AND okrkpi.with_current(stated.plan, NULL) = okrkpi.with_current(kr.plan, NULL) THEN
                    new_title := okrkpi.statement(stated.metric, new_plan)
                        || CASE WHEN stated.rest ~* '\mby (the )?end of Q[1-4]\M'
                                THEN ' by end of Q' || okrkpi.quarter_number(next_quarter) ELSE '' END;
                END IF;
            EXCEPTION WHEN invalid_text_representation OR invalid_parameter_value OR numeric_value_out_of_range THEN
                NULL;               -- not a statement: the title is kept as written
            END;
            SELECT id INTO new_objective FROM okrkpi.objectives
            WHERE rolled_from = kr.objective_id AND quarter = next_quarter;
            IF new_objective IS NULL THEN
                -- aligned under the parent's own copy in the next quarter, when it has
                -- one (plain statements, no correlated subquery: Citus runs them too)
                SELECT o.title, o.parent_id, o.owner, o.weight INTO source
                FROM okrkpi.objectives o WHERE o.id = kr.objective_id;
                SELECT p.id INTO new_parent FROM okrkpi.objectives p
                WHERE p.rolled_from = source.parent_id AND p.quarter = next_quarter;
                INSERT INTO okrkpi.objectives (quarter, title, parent_id, owner, rolled_from, weight)
                VALUES (next_quarter, source.title, coalesce(new_parent, source.parent_id), source.owner,
                        kr.objective_id, source.weight)
                RETURNING id INTO new_objective;
            END IF;
            INSERT INTO okrkpi.key_results (objective_id, metric_id, title, plan, kpi_id, weight, owner, rolled_from)
            VALUES (new_objective, kr.metric_id, new_title, new_plan, kr.kpi_id, kr.weight, kr.owner, kr.id);
            carried := carried + 1;
        END IF;
    END LOOP;
    RETURN carried;
END
$$;
COMMENT ON FUNCTION okrkpi.roll_forward(okrkpi.quarter) IS 'carries every KPI-linked key result of a quarter into the next one (okrkpi.carry_forward: start = latest actual, target on a straight line to the KPI''s annual target, rounded to the plan''s precision; titles that state the old numbers state the new ones); returns how many were carried; idempotent';

CREATE FUNCTION okrkpi.close_cycle() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    -- On Citus this trigger also fires on each placement of a distributed
    -- cycles table, where roll_forward() could not run: there the quarter is
    -- rolled forward on the coordinator instead (doc/scale-out.md).
    IF TG_TABLE_NAME = 'cycles' THEN
        PERFORM okrkpi.roll_forward(NEW.quarter);
    END IF;
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION okrkpi.close_cycle() IS 'AFTER UPDATE trigger of cycles: closing a quarter rolls it forward in the same transaction';
CREATE TRIGGER close_cycle AFTER UPDATE OF closed_at ON okrkpi.cycles FOR EACH ROW
    WHEN (OLD.closed_at IS NULL AND NEW.closed_at IS NOT NULL)
    EXECUTE FUNCTION okrkpi.close_cycle();
-- The embedded plan, part 3: views with plain column types for Grafana,
-- Metabase and friends.
--
-- Their cost grows with the number of key results and the time window shown,
-- not with the history stored: a key result's current value is one index
-- probe into measurements (metric_id, at) and one into check_ins
-- (key_result_id, at); a score at a time depends only on the newest
-- measurement at or before it, so score_history needs no window function and
-- a filter on its time reaches the measurements scan.

CREATE VIEW okrkpi.scoreboard AS
SELECT o.quarter::text AS quarter,
       o.title AS objective,
       coalesce(r.title, okrkpi.statement(me.name, r.plan)) AS key_result,
       r.plan::text AS plan,
       okrkpi.start_value(r.plan) AS start_value,
       okrkpi.target_value(r.plan) AS target_value,
       coalesce(v.value, okrkpi.current_value(r.plan), okrkpi.start_value(r.plan)) AS current_value,
       (v.value IS NOT NULL OR okrkpi.current_value(r.plan) IS NOT NULL) AS measured,
       okrkpi.score(r.plan, coalesce(v.value, okrkpi.current_value(r.plan), okrkpi.start_value(r.plan))) AS score,
       okrkpi.grade(okrkpi.score(r.plan, coalesce(v.value, okrkpi.current_value(r.plan), okrkpi.start_value(r.plan))))::text AS grade,
       okrkpi.status(r.plan, coalesce(v.value, okrkpi.current_value(r.plan)), o.quarter, now())::text AS status,
       (r.kpi_id IS NOT NULL) AS is_kpi,
       r.weight,
       okrkpi.unit(r.plan) AS unit,
       v.at AS measured_at,
       o.id AS objective_id,
       r.id AS key_result_id,
       okrkpi.statement(me.name, r.plan) AS statement,
       c.confidence,
       c.note,
       c.at AS checked_in_at
FROM okrkpi.key_results r
JOIN okrkpi.objectives o ON o.id = r.objective_id
LEFT JOIN okrkpi.metrics me ON me.id = r.metric_id
-- the newest measurement of the key result's metric inside its quarter
LEFT JOIN LATERAL (
    SELECT m.value, m.at
    FROM okrkpi.measurements m
    WHERE m.metric_id = r.metric_id
      AND m.at >= okrkpi.quarter_start(o.quarter)::timestamptz
      AND m.at < okrkpi.quarter_end(o.quarter)::timestamptz
    ORDER BY m.at DESC
    LIMIT 1
) l ON true
-- the newest check-in inside the quarter, and the newest one with a value
LEFT JOIN LATERAL (
    SELECT ci.confidence, ci.note, ci.at
    FROM okrkpi.check_ins ci
    WHERE ci.key_result_id = r.id
      AND ci.at >= okrkpi.quarter_start(o.quarter)::timestamptz
      AND ci.at < okrkpi.quarter_end(o.quarter)::timestamptz
    ORDER BY ci.at DESC, ci.id DESC
    LIMIT 1
) c ON true
LEFT JOIN LATERAL (
    SELECT ci.value, ci.at
    FROM okrkpi.check_ins ci
    WHERE ci.key_result_id = r.id AND ci.value IS NOT NULL
      AND ci.at >= okrkpi.quarter_start(o.quarter)::timestamptz
      AND ci.at < okrkpi.quarter_end(o.quarter)::timestamptz
    ORDER BY ci.at DESC, ci.id DESC
    LIMIT 1
) cv ON true
-- the value that scores: the newer of the two (a measurement on a tie)
CROSS JOIN LATERAL (
    SELECT CASE WHEN cv.at > l.at OR (l.at IS NULL AND cv.at IS NOT NULL) THEN cv.value ELSE l.value END AS value,
           CASE WHEN cv.at > l.at OR (l.at IS NULL AND cv.at IS NOT NULL) THEN cv.at ELSE l.at END AS at
) v;
COMMENT ON VIEW okrkpi.scoreboard IS 'one row per key result: plan, its value (the newer of its metric''s latest measurement and its latest check-in value inside its quarter, session time zone), score, grade, pace and the latest check-in; unmeasured key results count as current = start';

CREATE VIEW okrkpi.objective_scores AS
SELECT s.quarter, s.objective,
       okrkpi.objective_score(s.score, s.weight) AS score,
       okrkpi.grade(okrkpi.objective_score(s.score, s.weight))::text AS grade,
       count(*)::integer AS key_results,
       s.objective_id
FROM okrkpi.scoreboard s
GROUP BY s.quarter, s.objective, s.objective_id;
COMMENT ON VIEW okrkpi.objective_scores IS 'one row per objective: the mean of its key results'' scores weighted by weight';

CREATE VIEW okrkpi.kpi_board AS
SELECT k.title AS kpi,
       k.threshold::text AS threshold,
       l.value AS current_value,
       okrkpi.health(k.threshold, l.value)::text AS health,
       h.hit_rate,
       l.at AS last_measured_at,
       k.annual_target,
       k.id AS kpi_id
FROM okrkpi.kpis k
LEFT JOIN LATERAL (
    SELECT m.value, m.at FROM okrkpi.measurements m
    WHERE m.metric_id = k.metric_id
    ORDER BY m.at DESC
    LIMIT 1
) l ON true
LEFT JOIN LATERAL (
    SELECT okrkpi.hit_rate(k.threshold, m.value) AS hit_rate FROM okrkpi.measurements m
    WHERE m.metric_id = k.metric_id AND m.at > l.at - '1 year'::interval AND m.at <= l.at
) h ON true;
COMMENT ON VIEW okrkpi.kpi_board IS 'one row per KPI: latest value, its health, hit_rate (the share of the measurements of the year up to the latest one that met the threshold), when it was last measured';
COMMENT ON COLUMN okrkpi.kpi_board.hit_rate IS 'the share of this KPI''s measurements in the year up to its latest measurement that met the threshold (a bounded window, so the board costs the same however much history is kept)';

CREATE VIEW okrkpi.score_history AS
SELECT m.at AS time,
       coalesce(r.title, okrkpi.statement(me.name, r.plan)) AS key_result,
       okrkpi.score(r.plan, m.value) AS score,
       o.quarter::text AS quarter,
       r.id AS key_result_id
FROM okrkpi.key_results r
JOIN okrkpi.objectives o ON o.id = r.objective_id
JOIN okrkpi.metrics me ON me.id = r.metric_id
JOIN okrkpi.measurements m ON m.metric_id = r.metric_id
     AND m.at >= okrkpi.quarter_start(o.quarter)::timestamptz
     AND m.at < okrkpi.quarter_end(o.quarter)::timestamptz;
COMMENT ON VIEW okrkpi.score_history IS 'one row per measurement inside a key result''s quarter: the score as of that measurement (the newest one then); a filter on time reaches the measurements scan';

CREATE VIEW okrkpi.check_in_history AS
SELECT ci.at AS time,
       coalesce(r.title, okrkpi.statement(me.name, r.plan)) AS key_result,
       ci.confidence,
       okrkpi.score(r.plan, ci.value) AS score,
       ci.note,
       ci.author,
       o.quarter::text AS quarter,
       r.id AS key_result_id
FROM okrkpi.check_ins ci
JOIN okrkpi.key_results r ON r.id = ci.key_result_id
JOIN okrkpi.objectives o ON o.id = r.objective_id
LEFT JOIN okrkpi.metrics me ON me.id = r.metric_id;
COMMENT ON VIEW okrkpi.check_in_history IS 'one row per check-in: its confidence (0 to 10), the score of its value (NULL without one), note and author';

-- The alignment tree.  An objective's score is the weighted mean of its own
-- key results' scores and its children's scores (each child counting with its
-- objective weight); children without any score do not count.  Unrolled, a
-- score is a sum over the subtree: each descendant's own key results count
-- with the product of weight / denominator along the path, which a recursive
-- query can carry down without aggregating inside the recursion.  The walks
-- that start anywhere stop at a cycle (rows written before cycles were
-- refused); the one from the roots cannot meet one.
CREATE VIEW okrkpi.objective_tree AS
WITH RECURSIVE
own AS (
    SELECT o.id,
           sum(s.weight * s.score) FILTER (WHERE s.score IS NOT NULL AND s.weight > 0) AS own_sum,
           coalesce(sum(s.weight) FILTER (WHERE s.score IS NOT NULL AND s.weight > 0), 0) AS own_weight,
           okrkpi.objective_score(s.score, s.weight) AS own_score,
           count(s.key_result_id)::integer AS key_results
    FROM okrkpi.objectives o
    LEFT JOIN okrkpi.scoreboard s ON s.objective_id = o.id
    GROUP BY o.id
),
reach AS (          -- every objective with the descendants that can carry weight to it
    SELECT o.id AS top, o.id AS node, ARRAY[o.id] AS seen FROM okrkpi.objectives o
  UNION ALL
    SELECT r.top, c.id, r.seen || c.id
    FROM reach r JOIN okrkpi.objectives c ON c.parent_id = r.node AND c.weight > 0
    WHERE c.id <> ALL (r.seen)
),
scored AS (         -- objectives whose subtree holds a weighted score
    SELECT r.top AS id, bool_or(w.own_weight > 0) AS has_score
    FROM reach r JOIN own w ON w.id = r.node
    GROUP BY r.top
),
denominator AS (    -- own key result weights plus the weights of scored children
    SELECT w.id, w.own_weight + coalesce(cw.weight, 0) AS total
    FROM own w
    LEFT JOIN (SELECT c.parent_id, sum(c.weight) AS weight
               FROM okrkpi.objectives c JOIN scored cs ON cs.id = c.id AND cs.has_score
               WHERE c.weight > 0
               GROUP BY c.parent_id) cw ON cw.parent_id = w.id
),
share AS (          -- how much each descendant's own key results count in an objective's score
    SELECT o.id AS top, o.id AS node, 1::float8 AS factor, ARRAY[o.id] AS seen FROM okrkpi.objectives o
  UNION ALL
    SELECT s.top, c.id, s.factor * c.weight / d.total, s.seen || c.id
    FROM share s
    JOIN denominator d ON d.id = s.node AND d.total > 0
    JOIN okrkpi.objectives c ON c.parent_id = s.node AND c.weight > 0
    JOIN scored cs ON cs.id = c.id AND cs.has_score
    WHERE c.id <> ALL (s.seen)
),
tree AS (           -- depth from the roots, and a path that sorts the tree depth first
    SELECT o.id, 0 AS depth, lpad(o.id::text, 19, '0') AS path
    FROM okrkpi.objectives o WHERE o.parent_id IS NULL
  UNION ALL
    SELECT c.id, t.depth + 1, t.path || '/' || lpad(c.id::text, 19, '0')
    FROM tree t JOIN okrkpi.objectives c ON c.parent_id = t.id
),
score AS (          -- each objective's score: its descendants' own key results, by share
    SELECT s.top AS id, sum(s.factor * coalesce(ow.own_sum, 0) / d.total) AS score
    FROM share s
    JOIN own ow ON ow.id = s.node
    JOIN denominator d ON d.id = s.node AND d.total > 0
    GROUP BY s.top
)
SELECT o.id AS objective_id,
       o.parent_id,
       o.quarter::text AS quarter,
       o.title AS objective,
       t.depth,
       w.own_score,
       sc.score,
       okrkpi.grade(sc.score)::text AS grade,
       o.weight,
       w.key_results,
       t.path
FROM okrkpi.objectives o
JOIN tree t ON t.id = o.id
JOIN own w ON w.id = o.id
LEFT JOIN score sc ON sc.id = o.id;
COMMENT ON VIEW okrkpi.objective_tree IS 'one row per objective in its alignment tree: depth (0 at a root), own_score (its own key results, weighted), score (the weighted mean of its own key results and its children''s scores, each child counting with its weight), grade; path sorts the tree depth first';

CREATE VIEW okrkpi.quarters AS
SELECT c.quarter::text AS quarter, c.closed_at, (c.closed_at IS NOT NULL) AS closed
FROM okrkpi.cycles c;
COMMENT ON VIEW okrkpi.quarters IS 'the planning quarters as text, for a dashboard''s quarter picker: one row per cycle, whether and when it was closed';
-- The embedded plan, part 4: lint, the common planning mistakes (doc/plan.md
-- lists the rules).  Limits come from okrkpi.plan_limits(), the settings the
-- triggers enforce.  Staleness is judged at the end of the latest planned
-- quarter, or now if that is earlier: a closed 2020 quarter is not stale
-- because today is years later.
CREATE FUNCTION okrkpi.lint()
RETURNS TABLE (severity text, rule text, object text, message text)
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    WITH limits AS (SELECT * FROM okrkpi.plan_limits()),
    judged AS (
        SELECT least(now(), coalesce((SELECT okrkpi.quarter_end(c.quarter)::timestamptz FROM okrkpi.cycles c
                                      ORDER BY c.quarter DESC LIMIT 1), now())) AS at
    )
    SELECT 'warning', 'objective_too_few_key_results', 'objective ' || o.id || ' (' || o.quarter::text || ')',
           format('objective "%s" has %s key result(s); an objective needs 2 to %s', o.title, count(r.id), max(l.max_key_results))
    FROM okrkpi.objectives o LEFT JOIN okrkpi.key_results r ON r.objective_id = o.id CROSS JOIN limits l
    -- an objective measured through aligned child objectives needs no key results of its own
    WHERE NOT EXISTS (SELECT 1 FROM okrkpi.objectives c WHERE c.parent_id = o.id)
    GROUP BY o.id HAVING count(r.id) < 2
  UNION ALL
    SELECT 'warning', 'objective_too_many_key_results', 'objective ' || o.id || ' (' || o.quarter::text || ')',
           format('objective "%s" has %s key results; an objective needs 2 to %s', o.title, count(r.id), max(l.max_key_results))
    FROM okrkpi.objectives o JOIN okrkpi.key_results r ON r.objective_id = o.id CROSS JOIN limits l
    GROUP BY o.id HAVING count(r.id) > max(l.max_key_results)
  UNION ALL
    SELECT 'warning', 'too_many_kpis', 'kpis',
           format('the plan has %s KPIs; a good plan has at most %s', count(*), max(l.max_kpis))
    FROM okrkpi.kpis CROSS JOIN limits l HAVING count(*) > max(l.max_kpis)
  UNION ALL
    SELECT 'warning', 'every_key_result_is_kpi', 'objective ' || o.id || ' (' || o.quarter::text || ')',
           format('every key result of objective "%s" is marked as a KPI; KPIs watch health, key results push change', o.title)
    FROM okrkpi.objectives o JOIN okrkpi.key_results r ON r.objective_id = o.id
    GROUP BY o.id HAVING count(*) >= 2 AND bool_and(r.kpi_id IS NOT NULL)
  UNION ALL
    SELECT 'warning', 'only_milestone_key_results', 'objective ' || o.id || ' (' || o.quarter::text || ')',
           format('objective "%s" has only milestone key results: activities posing as outcomes; add a key result that moves a measured metric', o.title)
    FROM okrkpi.objectives o JOIN okrkpi.key_results r ON r.objective_id = o.id
    GROUP BY o.id HAVING bool_and(okrkpi.is_milestone(r.plan))
  UNION ALL
    SELECT 'warning', 'metric_not_measured', 'metric ' || me.id,
           CASE WHEN max(m.at) IS NULL
                THEN format('metric "%s" has no measurement before %s (frequency %s)', me.name, j.at, me.frequency)
                ELSE format('metric "%s" was last measured %s, longer before %s than its frequency %s',
                            me.name, max(m.at), j.at, me.frequency)
           END
    FROM okrkpi.metrics me CROSS JOIN judged j
    LEFT JOIN LATERAL (SELECT max(m.at) AS at FROM okrkpi.measurements m
                       WHERE m.metric_id = me.id AND m.at <= j.at) m ON true
    GROUP BY me.id, j.at HAVING max(m.at) IS NULL OR max(m.at) < j.at - me.frequency
  UNION ALL
    SELECT 'warning', 'key_result_not_checked_in', 'key result ' || r.id || ' (' || o.quarter::text || ')',
           format('key result "%s" has had no check-in or measurement for %s days while its quarter is open',
                  coalesce(r.title, okrkpi.statement(me.name, r.plan)),
                  extract(day FROM j.at - greatest(last.check_in, last.measurement,
                                                   okrkpi.quarter_start(o.quarter)::timestamptz))::integer)
    FROM okrkpi.key_results r
    JOIN okrkpi.objectives o ON o.id = r.objective_id
    JOIN okrkpi.cycles cy ON cy.quarter = o.quarter AND cy.closed_at IS NULL
    LEFT JOIN okrkpi.metrics me ON me.id = r.metric_id
    CROSS JOIN judged j
    CROSS JOIN LATERAL (
        SELECT (SELECT max(ci.at) FROM okrkpi.check_ins ci
                WHERE ci.key_result_id = r.id AND ci.at <= j.at) AS check_in,
               (SELECT max(m.at) FROM okrkpi.measurements m
                WHERE m.metric_id = r.metric_id AND m.at <= j.at) AS measurement
    ) last
    WHERE j.at > okrkpi.quarter_start(o.quarter)::timestamptz
      AND greatest(last.check_in, last.measurement, okrkpi.quarter_start(o.quarter)::timestamptz)
          < j.at - '14 days'::interval
  ORDER BY 2, 3
$$;
COMMENT ON FUNCTION okrkpi.lint() IS 'plan mistakes: objectives with fewer than 2 (and no aligned children) or more than okrkpi.max_key_results key results, more than okrkpi.max_kpis KPIs, every key result a KPI, only milestone key results, metrics not measured within their frequency, key results of an open quarter without a check-in or measurement for 14 days; staleness is judged at the end of the latest planned quarter, or now if earlier';

