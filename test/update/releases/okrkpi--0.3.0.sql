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
COMMENT ON FUNCTION okrkpi.with_current(okrkpi.key_result, float8) IS 'the same key result with this current value, in base units as start_value() gives them (seconds for durations: 7200 is 2h); NULL removes it';

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
COMMENT ON FUNCTION okrkpi.with_current(okrkpi.kpi, float8) IS 'the same kpi with this current value, in base units as lower_bound() gives them (seconds for durations: 7200 is 2h); NULL removes it';

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

-- A quarter's days under a fiscal year (doc/types.md, "Fiscal years"): the
-- quarter names the fiscal year, which is named after the calendar year it ends in.
CREATE FUNCTION okrkpi.quarter_start(okrkpi.quarter, fiscal_start_month int) RETURNS date
    AS 'MODULE_PATHNAME', 'quarter_start_fiscal' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION okrkpi.quarter_end(okrkpi.quarter, fiscal_start_month int) RETURNS date
    AS 'MODULE_PATHNAME', 'quarter_end_fiscal' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION okrkpi.period(okrkpi.quarter, fiscal_start_month int) RETURNS daterange
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$ SELECT pg_catalog.daterange(okrkpi.quarter_start($1, $2), okrkpi.quarter_end($1, $2), '[)') $$;
COMMENT ON FUNCTION okrkpi.quarter_start(okrkpi.quarter, int) IS 'the first day of the fiscal quarter, for a fiscal year starting in month fiscal_start_month (1-12) and named after the calendar year in which it ends';
COMMENT ON FUNCTION okrkpi.quarter_end(okrkpi.quarter, int) IS 'the first day of the next fiscal quarter (an exclusive end), for a fiscal year starting in month fiscal_start_month (1-12) and named after the calendar year in which it ends';
COMMENT ON FUNCTION okrkpi.period(okrkpi.quarter, int) IS 'the fiscal quarter''s days as a daterange [start, end), for a fiscal year starting in month fiscal_start_month (1-12)';
CREATE FUNCTION okrkpi.cycle_start(quarter okrkpi.quarter, fiscal_year integer, fiscal_start_month integer) RETURNS date
    AS 'MODULE_PATHNAME', 'cycle_start' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
CREATE FUNCTION okrkpi.cycle_end(quarter okrkpi.quarter, fiscal_year integer, fiscal_start_month integer) RETURNS date
    AS 'MODULE_PATHNAME', 'cycle_end' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION okrkpi.cycle_start(okrkpi.quarter, integer, integer) IS 'the first day of a planning cycle: the fiscal quarter when quarter is given, else the fiscal year fiscal_year (named after the calendar year it ends in); NULL without either';
COMMENT ON FUNCTION okrkpi.cycle_end(okrkpi.quarter, integer, integer) IS 'the day after a planning cycle (an exclusive end): of the fiscal quarter when quarter is given, else of the fiscal year fiscal_year; NULL without either';

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

-- integer + quarter, the commutator of quarter + integer (creating it fills in
-- the latter's commutator too, in a fresh install and in an update alike)
CREATE FUNCTION okrkpi.int_pl_quarter(int, okrkpi.quarter) RETURNS okrkpi.quarter
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION okrkpi.int_pl_quarter(int, okrkpi.quarter) IS 'implementation of int + quarter';
CREATE OPERATOR pg_catalog.+ (LEFTARG = int, RIGHTARG = okrkpi.quarter, FUNCTION = okrkpi.int_pl_quarter,
    COMMUTATOR = OPERATOR(pg_catalog.+));
COMMENT ON OPERATOR pg_catalog.+ (int, okrkpi.quarter) IS 'the quarter n quarters later';

-- min(quarter) and max(quarter): in pg_catalog beside the built-in min and max,
-- so that max(due_quarter) needs no search path, as the operators do (doc/types.md)
CREATE FUNCTION okrkpi.quarter_smaller(okrkpi.quarter, okrkpi.quarter) RETURNS okrkpi.quarter
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION okrkpi.quarter_larger(okrkpi.quarter, okrkpi.quarter) RETURNS okrkpi.quarter
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION okrkpi.quarter_smaller(okrkpi.quarter, okrkpi.quarter) IS 'the earlier of two quarters (min(quarter)''s transition and combine function)';
COMMENT ON FUNCTION okrkpi.quarter_larger(okrkpi.quarter, okrkpi.quarter) IS 'the later of two quarters (max(quarter)''s transition and combine function)';
CREATE AGGREGATE pg_catalog.min(okrkpi.quarter) (
    SFUNC = okrkpi.quarter_smaller, STYPE = okrkpi.quarter,
    COMBINEFUNC = okrkpi.quarter_smaller, SORTOP = OPERATOR(pg_catalog.<),
    PARALLEL = SAFE
);
CREATE AGGREGATE pg_catalog.max(okrkpi.quarter) (
    SFUNC = okrkpi.quarter_larger, STYPE = okrkpi.quarter,
    COMBINEFUNC = okrkpi.quarter_larger, SORTOP = OPERATOR(pg_catalog.>),
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE pg_catalog.min(okrkpi.quarter) IS 'the earliest quarter; NULLs are skipped, no rows give NULL';
COMMENT ON AGGREGATE pg_catalog.max(okrkpi.quarter) IS 'the latest quarter; NULLs are skipped, no rows give NULL';
-- Scoring functions (doc/scoring.md).

CREATE TYPE okrkpi.grade AS ENUM ('red', 'yellow', 'green');
CREATE TYPE okrkpi.health AS ENUM ('healthy', 'at_risk', 'unhealthy');
CREATE TYPE okrkpi.kr_status AS ENUM ('not_started', 'missed', 'off_track', 'at_risk', 'on_track', 'achieved');
COMMENT ON TYPE okrkpi.grade IS 'a score''s colour band: red below 0.4, yellow below 0.7, green from 0.7';
COMMENT ON TYPE okrkpi.health IS 'a KPI''s health: healthy when it meets its threshold, at_risk when it misses by at most the tolerance, else unhealthy';

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
COMMENT ON FUNCTION okrkpi.status(okrkpi.key_result, float8, okrkpi.quarter, timestamptz) IS 'status against the quarter''s days in the session time zone';
-- The fiscal forms: the days quarter_start(q, fiscal_start_month) and
-- quarter_end(q, fiscal_start_month) give, from midnight in the session time
-- zone, hence STABLE like the calendar forms.
CREATE FUNCTION okrkpi.expected_progress(period okrkpi.quarter, as_of timestamptz, fiscal_start_month int) RETURNS float8
    AS 'MODULE_PATHNAME', 'expected_progress_quarter_fiscal' LANGUAGE C STABLE STRICT PARALLEL SAFE;
CREATE FUNCTION okrkpi.status(okrkpi.key_result, value float8, period okrkpi.quarter, as_of timestamptz, fiscal_start_month int) RETURNS okrkpi.kr_status
    AS 'MODULE_PATHNAME', 'status_quarter_fiscal' LANGUAGE C STABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION okrkpi.expected_progress(okrkpi.quarter, timestamptz, int) IS 'the elapsed share of the fiscal quarter (fiscal year starting in month fiscal_start_month, 1-12) at as_of, clamped to [0, 1]; STABLE: its days are taken in the session time zone';
COMMENT ON FUNCTION okrkpi.status(okrkpi.key_result, float8, okrkpi.quarter, timestamptz, int) IS 'status against the fiscal quarter''s days (fiscal year starting in month fiscal_start_month, 1-12); STABLE: its days are taken in the session time zone';
COMMENT ON TYPE okrkpi.kr_status IS 'a key result''s pace against the elapsed share of its period; once the period has ended, achieved or missed';
COMMENT ON FUNCTION okrkpi.status(okrkpi.key_result, float8, tstzrange, timestamptz) IS 'achieved (score 1); once the period has ended (as_of at or past an exclusive end, past an inclusive one as in [a,b]) otherwise missed, NULL value too; before, not_started (NULL value), on_track (score >= expected - 0.1), at_risk (>= expected - 0.3), else off_track';
CREATE FUNCTION okrkpi.tidy(value float8) RETURNS float8
    AS 'MODULE_PATHNAME', 'tidy_float8' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION okrkpi.tidy(float8) IS 'the value rounded to 15 significant digits, as float8 -> numeric -> float8 rounds it: float noise such as 0.7499999999999997 prints 0.75, exact values are unchanged';
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

CREATE FUNCTION okrkpi.value_text(value float8, unit text) RETURNS text
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION okrkpi.value_text(float8, text) IS 'one value in a unit ('''', ''%'', ''$'', ''€'', ''£'', ''¥'', ''s'', ''milestones'', as unit() returns it) printed as the literals print it: value_text(2700, ''s'') is ''45min''';

-- carry_forward writes each end in the unit the plan was written in (0.3.0)
COMMENT ON FUNCTION okrkpi.carry_forward(okrkpi.key_result, float8, float8, integer) IS 'next quarter''s key result: actual -> quarter_target(actual, annual_target, quarters_left), each end rounded as the old plan''s end is written: to hundredths of the unit it prints in (k, M, B; min, h, d, w), whole milestones, and in plain digits the actual as start and a target with one decimal more than the plan and annual target (money: whole units or cents); rounding never stops, turns or overshoots the plan: carry_forward(''$2M -> $3M'', 2350000, 5e6, 2) is ''$2.35M -> $3.68M''';

-- Titles that state their plan (0.3.0): read, and restated for the next quarter
CREATE FUNCTION okrkpi.title_states_plan(title text, plan okrkpi.key_result) RETURNS boolean
    AS 'MODULE_PATHNAME', 'title_states_plan' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION okrkpi.restate_title(title text, old_plan okrkpi.key_result, new_plan okrkpi.key_result,
                                     old_quarter okrkpi.quarter, new_quarter okrkpi.quarter) RETURNS text
    AS 'MODULE_PATHNAME', 'restate_title' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION okrkpi.title_states_plan(text, okrkpi.key_result) IS 'whether a title states the plan: NULL when it has no "from <start> to <target>" whose values read, true when one has the plan''s start and target (current value aside; unit too unless the title writes none), false when its numbers say otherwise';
COMMENT ON FUNCTION okrkpi.restate_title(text, okrkpi.key_result, okrkpi.key_result, okrkpi.quarter, okrkpi.quarter) IS 'the title with the start and target that state old_plan replaced by new_plan''s, written in the title''s own units, and references to old_quarter (Q3, Q3 2026, Q3-2026, 2026-Q3, 2026 Q3) moved to new_quarter, a year only where one was written; every other word kept; NULL when the title''s numbers are not old_plan''s; 22023 for a new plan of another unit or direction';

-- The statement where the views can use one (0.3.0): no view fails on a metric name
CREATE FUNCTION okrkpi.statement_or_null(metric text, plan okrkpi.key_result) RETURNS text
    AS 'MODULE_PATHNAME', 'statement_or_null' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION okrkpi.statement_or_null(text, okrkpi.key_result) IS 'statement(metric, plan), or NULL where the views show a key result another way: a blank metric name, or one that states a "from <start> to <target>" of its own, as title_states_plan reads one (statement() refuses those)';
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
--     EXECUTE FUNCTION okrkpi.check_key_result('kr=plan', 'objective=objective_id',
--                                              'kpi=is_kpi');
-- The arguments are checked when the trigger is created (the event trigger
-- below), as at its first firing.

CREATE FUNCTION okrkpi.check_key_result() RETURNS trigger
    AS 'MODULE_PATHNAME' LANGUAGE C;
CREATE FUNCTION okrkpi.check_kpi() RETURNS trigger
    AS 'MODULE_PATHNAME' LANGUAGE C;

COMMENT ON FUNCTION okrkpi.check_key_result() IS 'BEFORE INSERT OR UPDATE row trigger: kr=COL or start=COL and target=COL (present, finite, different; start frozen and direction fixed on UPDATE), objective=COL [max=N] (at most N key results per objective, default okrkpi.max_key_results), kpi=COL (with kr=: a milestone key result is never a KPI), log=TABLE (where overrides are recorded)';
COMMENT ON FUNCTION okrkpi.check_kpi() IS 'BEFORE INSERT OR UPDATE OR DELETE row trigger: kpi=COL (present), plan=COL [max=N] (at most N KPIs per plan or table, default okrkpi.max_kpis), since=COL (no deletion or threshold change within a year, counted in UTC, unless the table''s owner overrides), retired=COL (date or timestamptz, the row trigger firing on INSERT and UPDATE of it: set once the year is over, never after the current time; a retired KPI is not counted by the limit, is kept as it was, its plan included, and may be deleted), frozen=COL (repeatable: a column kept like the threshold in that year), log=TABLE (where overrides are recorded); also BEFORE TRUNCATE statement trigger with kpi=, since=, retired=, log=: no TRUNCATE while a KPI that is not retired is younger than a year';

-- Overrides are recorded in the table a trigger's log= argument names; this
-- guard keeps such a table append-only for everyone but okrkpi's logging.
CREATE FUNCTION okrkpi.guard_override_log() RETURNS trigger
    AS 'MODULE_PATHNAME' LANGUAGE C;
COMMENT ON FUNCTION okrkpi.guard_override_log() IS 'BEFORE INSERT OR UPDATE OR DELETE (row) and BEFORE TRUNCATE (statement) trigger for an override log table: only okrkpi''s override logging (and superusers) may write it';

-- The triggers name columns in their arguments, which PostgreSQL does not
-- track: at the end of the DDL that creates such a trigger, record a
-- dependency of the trigger on each named column (PostgreSQL then refuses to
-- drop it), and refuse to rename such a column (doc/triggers.md).
CREATE FUNCTION okrkpi.check_trigger_columns() RETURNS event_trigger
    AS 'MODULE_PATHNAME' LANGUAGE C;
COMMENT ON FUNCTION okrkpi.check_trigger_columns() IS 'event trigger at the end of CREATE TRIGGER, CREATE TABLE, CREATE FOREIGN TABLE, ALTER TABLE and ALTER FOREIGN TABLE: checks a new plan-rule trigger (check_key_result, check_kpi, keep_closed_cycles, keep_key_result_history) as its first firing would (what it fires on, its arguments), records a dependency of each such trigger on the columns it names (so that dropping one is refused), and refuses to rename a column such a trigger names';
CREATE EVENT TRIGGER okrkpi_trigger_columns ON ddl_command_end
    WHEN TAG IN ('CREATE TRIGGER', 'CREATE TABLE', 'CREATE FOREIGN TABLE', 'ALTER TABLE', 'ALTER FOREIGN TABLE')
    EXECUTE FUNCTION okrkpi.check_trigger_columns();
COMMENT ON EVENT TRIGGER okrkpi_trigger_columns IS 'keeps the columns named by okrkpi''s plan-rule triggers from being dropped (a pg_depend dependency of the trigger on each) or renamed under them';

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
    created_at    timestamptz NOT NULL DEFAULT pg_catalog.now(),
    retired_at    timestamptz
);
CREATE INDEX ON okrkpi.kpis (metric_id);

CREATE TABLE okrkpi.objectives (
    id          bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    quarter     okrkpi.quarter REFERENCES okrkpi.cycles,
    title       text NOT NULL,
    parent_id   bigint REFERENCES okrkpi.objectives,
    owner       text,
    rolled_from bigint REFERENCES okrkpi.objectives,
    created_at  timestamptz NOT NULL DEFAULT pg_catalog.now(),
    weight      float8 NOT NULL DEFAULT 1 CHECK (weight = 0 OR (weight >= '1e-6' AND weight <= '1e6')),
    UNIQUE (quarter, rolled_from),
    fiscal_year integer,
    CONSTRAINT objectives_one_cycle CHECK ((quarter IS NULL) <> (fiscal_year IS NULL)),
    CONSTRAINT objectives_fiscal_year_check CHECK (fiscal_year >= 1 AND fiscal_year <= 9999)
);
CREATE INDEX ON okrkpi.objectives (quarter);
CREATE INDEX ON okrkpi.objectives (parent_id);
ALTER TABLE okrkpi.objectives ADD CONSTRAINT objectives_fiscal_year_rolled_from_key UNIQUE (fiscal_year, rolled_from);
CREATE INDEX ON okrkpi.objectives (fiscal_year);

CREATE TABLE okrkpi.key_results (
    id           bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    objective_id bigint NOT NULL REFERENCES okrkpi.objectives ON DELETE CASCADE,
    metric_id    bigint REFERENCES okrkpi.metrics,
    title        text,
    plan         okrkpi.key_result NOT NULL,
    kpi_id       bigint REFERENCES okrkpi.kpis,
    weight       float8 NOT NULL DEFAULT 1 CHECK (weight = 0 OR (weight >= '1e-6' AND weight <= '1e6')),
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
COMMENT ON TABLE okrkpi.check_ins IS 'weekly check-ins on key results: an optional value, a confidence from 0 to 10 and a short note';
COMMENT ON COLUMN okrkpi.check_ins.value IS 'the value checked in, if any: scores a key result that has no newer measurement';
COMMENT ON COLUMN okrkpi.check_ins.confidence IS 'how confident the owner is that the key result will be reached, 0 (not at all) to 10 (certain)';
COMMENT ON COLUMN okrkpi.check_ins.author IS 'who checked in; defaults to the current role';

COMMENT ON TABLE okrkpi.cycles IS 'planning quarters; setting closed_at carries KPI-linked key results into the next quarter';
COMMENT ON TABLE okrkpi.metrics IS 'what is measured and how: formula, data source, reporting frequency';
COMMENT ON TABLE okrkpi.measurements IS 'measured values of metrics over time';
COMMENT ON TABLE okrkpi.kpis IS 'KPIs: thresholds on metrics, kept at least a year, with an annual target for roll-forward';
COMMENT ON COLUMN okrkpi.kpis.retired_at IS 'when the KPI was retired, NULL while it is watched: set once it has been kept a year (since + 1 year, UTC; earlier only under the owner''s logged override), never in the future; a retired KPI frees its slot of okrkpi.max_kpis, is kept as it was, and may be deleted';
COMMENT ON TABLE okrkpi.objectives IS 'qualitative objectives of a quarter, or of a fiscal year (annual objectives); rolled_from points to the objective they were carried from';
COMMENT ON TABLE okrkpi.key_results IS 'key results of objectives, scored on their metric''s latest measurement inside the quarter';
-- The fiscal year, declared once for the whole plan: a quarter literal names
-- a fiscal quarter ('2027-Q1' is October to December 2026 when the year
-- starts in October), and every view, lint and the roll-forward read its
-- days through okrkpi.fiscal_start_month().  No row means a calendar year.
CREATE TABLE okrkpi.fiscal_year (
    start_month integer NOT NULL CHECK (start_month >= 1 AND start_month <= 12)
);
CREATE UNIQUE INDEX fiscal_year_one_row ON okrkpi.fiscal_year ((true));
COMMENT ON TABLE okrkpi.fiscal_year IS 'the plan''s fiscal year: at most one row, the month (1 to 12) it starts in; no row is a calendar year; fixed once a quarter is closed';
COMMENT ON COLUMN okrkpi.fiscal_year.start_month IS 'the first month of the fiscal year, 1 (January, a calendar year) to 12; a fiscal year is named after the calendar year it ends in';
CREATE FUNCTION okrkpi.fiscal_start_month() RETURNS integer
    LANGUAGE sql STABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp AS $$
    SELECT coalesce((SELECT f.start_month FROM okrkpi.fiscal_year f), 1)
$$;
COMMENT ON FUNCTION okrkpi.fiscal_start_month() IS 'the first month of the embedded plan''s fiscal year (okrkpi.fiscal_year), 1 when none is declared';
-- Closed quarters are history: the days they covered may not move.
CREATE FUNCTION okrkpi.keep_fiscal_year() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    was integer := 1;
    becomes integer := 1;
    closed okrkpi.quarter;
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        was := okrkpi.fiscal_start_month();
    ELSE
        IF TG_OP <> 'INSERT' THEN was := OLD.start_month; END IF;
        IF TG_OP <> 'DELETE' THEN becomes := NEW.start_month; END IF;
    END IF;
    -- the lock every change of the quarters' order takes (check_cycle_order): a
    -- quarter closing meanwhile is seen here, or sees the new fiscal year
    PERFORM pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtext('okrkpi.cycles order'));
    -- as the tables' owner: row security must not hide a closed quarter from this check
    SELECT c.quarter INTO closed FROM okrkpi.cycles c WHERE c.closed_at IS NOT NULL
    ORDER BY c.quarter DESC LIMIT 1;
    IF was OPERATOR(pg_catalog.<>) becomes AND closed IS NOT NULL THEN
        RAISE EXCEPTION 'the fiscal year cannot change once a quarter is closed'
            USING ERRCODE = 'object_not_in_prerequisite_state',
                  DETAIL = format('Quarter %s is closed: its days would move from a fiscal year starting in month %s to one starting in month %s.',
                                  closed, was, becomes),
                  HINT = 'Declare the fiscal year before closing the first quarter.';
    END IF;
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END
$$;
COMMENT ON FUNCTION okrkpi.keep_fiscal_year() IS 'BEFORE trigger of okrkpi.fiscal_year: the fiscal year''s first month is fixed once a quarter is closed (55000)';
CREATE TRIGGER keep_fiscal_year BEFORE INSERT OR UPDATE OR DELETE ON okrkpi.fiscal_year FOR EACH ROW
    EXECUTE FUNCTION okrkpi.keep_fiscal_year();
CREATE TRIGGER keep_fiscal_year_truncate BEFORE TRUNCATE ON okrkpi.fiscal_year FOR EACH STATEMENT
    EXECUTE FUNCTION okrkpi.keep_fiscal_year();
COMMENT ON TRIGGER keep_fiscal_year ON okrkpi.fiscal_year IS 'the fiscal year is fixed once a quarter is closed';
COMMENT ON TRIGGER keep_fiscal_year_truncate ON okrkpi.fiscal_year IS 'the fiscal year is fixed once a quarter is closed';
COMMENT ON COLUMN okrkpi.objectives.quarter IS 'the quarter of a quarterly objective; NULL for an annual objective';
COMMENT ON COLUMN okrkpi.objectives.fiscal_year IS 'the fiscal year of an annual objective (named after the calendar year it ends in); NULL for a quarterly objective';
COMMENT ON COLUMN okrkpi.objectives.weight IS 'how much this objective counts in its parent''s score (objective_tree): 0 (not at all) or from 1e-6 to 1e6';
COMMENT ON COLUMN okrkpi.key_results.weight IS 'how much this key result counts in its objective''s score: 0 (not at all) or from 1e-6 to 1e6';
COMMENT ON COLUMN okrkpi.key_results.title IS 'the key result''s title; when NULL, views show its statement (okrkpi.statement of its metric and plan)';
-- A name or title that is empty or only white space (as okrkpi.statement()
-- counts it: space, tab, newline, carriage return, form feed, vertical tab)
-- names nothing; a NULL key result title is fine (views show its statement).
-- A metric measured every 'infinity' (an interval PostgreSQL 17 accepts) is
-- never measured on a schedule.
ALTER TABLE okrkpi.metrics ADD CONSTRAINT metrics_frequency_finite CHECK (isfinite(frequency));
ALTER TABLE okrkpi.metrics ADD CONSTRAINT metrics_name_not_blank CHECK (btrim(name, E' \t\n\r\f\v') <> '');
ALTER TABLE okrkpi.kpis ADD CONSTRAINT kpis_title_not_blank CHECK (btrim(title, E' \t\n\r\f\v') <> '');
ALTER TABLE okrkpi.objectives ADD CONSTRAINT objectives_title_not_blank CHECK (btrim(title, E' \t\n\r\f\v') <> '');
ALTER TABLE okrkpi.key_results ADD CONSTRAINT key_results_title_not_blank CHECK (btrim(title, E' \t\n\r\f\v') <> '');
COMMENT ON CONSTRAINT metrics_frequency_finite ON okrkpi.metrics IS 'a metric''s frequency is a finite interval: lint compares the time since its last measurement with it';
COMMENT ON CONSTRAINT metrics_name_not_blank ON okrkpi.metrics IS 'a metric''s name is not empty or white space only: statements and lint name the metric by it';
COMMENT ON CONSTRAINT kpis_title_not_blank ON okrkpi.kpis IS 'a KPI''s title is not empty or white space only: the KPI board shows it';
COMMENT ON CONSTRAINT objectives_title_not_blank ON okrkpi.objectives IS 'an objective''s title is not empty or white space only: every view shows it';
COMMENT ON CONSTRAINT key_results_title_not_blank ON okrkpi.key_results IS 'a key result''s title is NULL (views show its statement) or not empty or white space only';

-- The plan rules, dogfooded: the same C trigger functions.  Overrides (by
-- the tables' owner only) are recorded in okrkpi.overrides by the trigger
-- that allows them; nothing else may write that table.
CREATE TRIGGER kr_rules BEFORE INSERT OR UPDATE ON okrkpi.key_results FOR EACH ROW
    EXECUTE FUNCTION okrkpi.check_key_result('kr=plan', 'objective=objective_id', 'kpi=kpi_id',
                                             'log=okrkpi.overrides');
CREATE TRIGGER kpi_rules BEFORE INSERT OR UPDATE OR DELETE ON okrkpi.kpis FOR EACH ROW
    EXECUTE FUNCTION okrkpi.check_kpi('kpi=threshold', 'since=since', 'retired=retired_at', 'frozen=annual_target',
                                      'frozen=target_date', 'frozen=metric_id', 'log=okrkpi.overrides');
CREATE TRIGGER guard BEFORE INSERT OR UPDATE OR DELETE ON okrkpi.overrides FOR EACH ROW
    EXECUTE FUNCTION okrkpi.guard_override_log();
CREATE TRIGGER guard_truncate BEFORE TRUNCATE ON okrkpi.overrides FOR EACH STATEMENT
    EXECUTE FUNCTION okrkpi.guard_override_log();
COMMENT ON TABLE okrkpi.overrides IS 'every change made under okrkpi.override_reason, written by the plan-rule trigger that allowed it: who, when, why, the row''s key and the old and new values of the guarded columns; append-only';
CREATE TRIGGER kpi_truncate BEFORE TRUNCATE ON okrkpi.kpis FOR EACH STATEMENT
    EXECUTE FUNCTION okrkpi.check_kpi('kpi=threshold', 'since=since', 'retired=retired_at', 'log=okrkpi.overrides');
COMMENT ON TRIGGER kpi_truncate ON okrkpi.kpis IS 'TRUNCATE is refused while a KPI that is not retired is younger than a year, as DELETE is; under an override each young KPI is logged';

-- A key result with a history (check-ins, measurements of its metric in its
-- quarter, a closed quarter) is deleted only under the owner's override, and
-- logged: deleting it and inserting it again with a new plan would otherwise
-- change a frozen start unlogged.  An objective goes only once its key
-- results with a history are gone (its cascade would otherwise delete them
-- where the key result's own trigger can no longer see its quarter).
CREATE FUNCTION okrkpi.key_result_has_history(kr okrkpi.key_results) RETURNS boolean
    LANGUAGE sql STABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp AS $$
    SELECT EXISTS (SELECT 1 FROM okrkpi.check_ins c WHERE c.key_result_id = kr.id)
        OR EXISTS (SELECT 1 FROM okrkpi.objectives o JOIN okrkpi.cycles y ON y.quarter = o.quarter
                   WHERE o.id = kr.objective_id AND y.closed_at IS NOT NULL)
        -- a day either side of its cycle (a fiscal quarter, or an annual objective's fiscal
        -- year): a measurement any session's TimeZone scores it on
        OR EXISTS (SELECT 1 FROM okrkpi.objectives o JOIN okrkpi.measurements m ON m.metric_id = kr.metric_id
                   WHERE o.id = kr.objective_id
                     AND m.at >= (okrkpi.cycle_start(o.quarter, o.fiscal_year, okrkpi.fiscal_start_month()) - 1)::timestamp AT TIME ZONE 'UTC'
                     AND m.at < (okrkpi.cycle_end(o.quarter, o.fiscal_year, okrkpi.fiscal_start_month()) + 1)::timestamp AT TIME ZONE 'UTC')
$$;
COMMENT ON FUNCTION okrkpi.key_result_has_history(okrkpi.key_results) IS 'whether a key result of the embedded plan has a history: check-ins, measurements of its metric in its cycle (its fiscal quarter or fiscal year, a day either side), or a closed quarter; such a key result is deleted only under an override';
CREATE FUNCTION okrkpi.keep_key_result_history() RETURNS trigger
    AS 'MODULE_PATHNAME' LANGUAGE C;
COMMENT ON FUNCTION okrkpi.keep_key_result_history() IS 'BEFORE DELETE row and BEFORE TRUNCATE statement trigger for okrkpi.key_results (kr=, log= as check_key_result): a key result with a history is removed only under the owner''s override, which is logged';
CREATE TRIGGER kr_history BEFORE DELETE ON okrkpi.key_results FOR EACH ROW
    EXECUTE FUNCTION okrkpi.keep_key_result_history('kr=plan', 'log=okrkpi.overrides');
CREATE TRIGGER kr_history_truncate BEFORE TRUNCATE ON okrkpi.key_results FOR EACH STATEMENT
    EXECUTE FUNCTION okrkpi.keep_key_result_history('kr=plan', 'log=okrkpi.overrides');
COMMENT ON TRIGGER kr_history ON okrkpi.key_results IS 'a key result with check-ins, measurements in its quarter or a closed quarter is deleted only under the owner''s override, logged';
COMMENT ON TRIGGER kr_history_truncate ON okrkpi.key_results IS 'TRUNCATE is refused while a key result has a history, as DELETE is; under an override each one is logged';
CREATE FUNCTION okrkpi.keep_objective_history() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    -- as the tables' owner: row security must not hide a key result from this check
    IF EXISTS (SELECT 1 FROM okrkpi.key_results k
               WHERE k.objective_id = OLD.id AND okrkpi.key_result_has_history(k)) THEN
        RAISE EXCEPTION 'an objective whose key results have a history cannot be deleted'
            USING ERRCODE = '23514',
                  DETAIL = 'At least one of its key results has check-ins, or measurements of its metric in its quarter, or its quarter is closed.',
                  HINT = 'Delete those key results first: the table''s owner may do so under okrkpi.override_reason, and each deletion is logged.';
    END IF;
    RETURN OLD;
END
$$;
COMMENT ON FUNCTION okrkpi.keep_objective_history() IS 'BEFORE DELETE row trigger for okrkpi.objectives: refuses while a key result of the objective has a history (okrkpi.key_result_has_history)';
CREATE TRIGGER objective_history BEFORE DELETE ON okrkpi.objectives FOR EACH ROW
    EXECUTE FUNCTION okrkpi.keep_objective_history();
COMMENT ON TRIGGER objective_history ON okrkpi.objectives IS 'an objective goes only once its key results with a history are gone, each under a logged override';

-- A closed quarter's plan is history: its objectives, their key results and
-- their check-ins are not inserted, updated or deleted (nor truncated) but by
-- the table's owner under okrkpi.override_reason, and each such change is
-- logged.  An annual objective's fiscal year Y is closed once quarter Y-Q4 is
-- (quarters close in order).  A key result's DELETE is kr_history's: a closed
-- quarter is a history.
--
-- The lookups run with the tables' owner's rights, so that row security
-- cannot hide a closed quarter from the check.  They are not SECURITY
-- DEFINER: a definer function anybody may call would tell anybody, past row
-- security, which quarter an objective or key result they cannot see belongs
-- to and whether it is closed (closed_cycle_of() takes any row value the
-- caller makes up, with any objective_id).  Instead PUBLIC may not execute
-- them, and keep_closed_cycles(), in C, calls them through fmgr as the
-- table's owner (restricted, past row security, as a foreign key check
-- reads): a writer learns no more than whether its own write meets a closed
-- cycle, and its message names the cycle only if the writer may read it.
CREATE FUNCTION okrkpi.closed_cycle(quarter okrkpi.quarter, fiscal_year integer) RETURNS text
    LANGUAGE sql STABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp AS $$
    SELECT CASE
        WHEN closed_cycle.quarter IS NOT NULL THEN
            (SELECT c.quarter::text FROM okrkpi.cycles c
             WHERE c.quarter = closed_cycle.quarter AND c.closed_at IS NOT NULL)
        ELSE
            (SELECT 'FY' || closed_cycle.fiscal_year FROM okrkpi.cycles c
             WHERE okrkpi.quarter_year(c.quarter) = closed_cycle.fiscal_year
               AND okrkpi.quarter_number(c.quarter) = 4 AND c.closed_at IS NOT NULL)
    END
$$;
COMMENT ON FUNCTION okrkpi.closed_cycle(okrkpi.quarter, integer) IS 'the name of the cycle (a quarter, or when quarter is NULL the fiscal year: ''2020-Q3'', ''FY2027'') if it is closed (a fiscal year once its fourth quarter is), else NULL; for okrkpi.keep_closed_cycles(), which calls it as the tables'' owner';
CREATE FUNCTION okrkpi.closed_cycle_of(objective okrkpi.objectives) RETURNS text
    LANGUAGE sql STABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp AS $$
    SELECT okrkpi.closed_cycle((objective).quarter, (objective).fiscal_year)
$$;
COMMENT ON FUNCTION okrkpi.closed_cycle_of(okrkpi.objectives) IS 'the closed cycle an objective belongs to (its quarter, or its fiscal year), or NULL: okrkpi.closed_cycle()';
CREATE FUNCTION okrkpi.closed_cycle_of(kr okrkpi.key_results) RETURNS text
    LANGUAGE sql STABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp AS $$
    SELECT okrkpi.closed_cycle(o.quarter, o.fiscal_year)
    FROM okrkpi.objectives o WHERE o.id = (kr).objective_id
$$;
COMMENT ON FUNCTION okrkpi.closed_cycle_of(okrkpi.key_results) IS 'the closed cycle a key result belongs to, through its objective, or NULL: okrkpi.closed_cycle()';
CREATE FUNCTION okrkpi.closed_cycle_of(check_in okrkpi.check_ins) RETURNS text
    LANGUAGE sql STABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp AS $$
    SELECT okrkpi.closed_cycle(o.quarter, o.fiscal_year)
    FROM okrkpi.key_results k JOIN okrkpi.objectives o ON o.id = k.objective_id
    WHERE k.id = (check_in).key_result_id
$$;
COMMENT ON FUNCTION okrkpi.closed_cycle_of(okrkpi.check_ins) IS 'the closed cycle a check-in belongs to, through its key result''s objective, or NULL: okrkpi.closed_cycle()';
REVOKE EXECUTE ON FUNCTION okrkpi.closed_cycle(okrkpi.quarter, integer), okrkpi.closed_cycle_of(okrkpi.objectives),
    okrkpi.closed_cycle_of(okrkpi.key_results), okrkpi.closed_cycle_of(okrkpi.check_ins) FROM PUBLIC;
CREATE FUNCTION okrkpi.keep_closed_cycles() RETURNS trigger
    AS 'MODULE_PATHNAME' LANGUAGE C;
COMMENT ON FUNCTION okrkpi.keep_closed_cycles() IS 'BEFORE INSERT OR UPDATE OR DELETE row and BEFORE TRUNCATE statement trigger for the plan tables (logged=, log=): a row of a closed quarter or fiscal year (okrkpi.closed_cycle_of, as the table''s owner) is written only under the owner''s override, which is logged (55000 otherwise)';
CREATE TRIGGER closed_cycle BEFORE INSERT OR UPDATE OR DELETE ON okrkpi.objectives FOR EACH ROW
    EXECUTE FUNCTION okrkpi.keep_closed_cycles('logged=quarter', 'logged=fiscal_year', 'logged=title',
                                               'logged=parent_id', 'logged=owner', 'logged=weight',
                                               'log=okrkpi.overrides');
CREATE TRIGGER closed_cycle_truncate BEFORE TRUNCATE ON okrkpi.objectives FOR EACH STATEMENT
    EXECUTE FUNCTION okrkpi.keep_closed_cycles('logged=quarter', 'logged=fiscal_year', 'logged=title',
                                               'logged=parent_id', 'logged=owner', 'logged=weight',
                                               'log=okrkpi.overrides');
CREATE TRIGGER closed_cycle BEFORE INSERT OR UPDATE ON okrkpi.key_results FOR EACH ROW
    EXECUTE FUNCTION okrkpi.keep_closed_cycles('logged=objective_id', 'logged=metric_id', 'logged=title',
                                               'logged=plan', 'logged=kpi_id', 'logged=weight',
                                               'logged=owner', 'log=okrkpi.overrides');
CREATE TRIGGER closed_cycle BEFORE INSERT OR UPDATE OR DELETE ON okrkpi.check_ins FOR EACH ROW
    EXECUTE FUNCTION okrkpi.keep_closed_cycles('logged=key_result_id', 'logged=at', 'logged=value',
                                               'logged=confidence', 'logged=note', 'logged=author',
                                               'log=okrkpi.overrides');
CREATE TRIGGER closed_cycle_truncate BEFORE TRUNCATE ON okrkpi.check_ins FOR EACH STATEMENT
    EXECUTE FUNCTION okrkpi.keep_closed_cycles('logged=key_result_id', 'logged=at', 'logged=value',
                                               'logged=confidence', 'logged=note', 'logged=author',
                                               'log=okrkpi.overrides');
COMMENT ON TRIGGER closed_cycle ON okrkpi.objectives IS 'an objective of a closed quarter or fiscal year is inserted, updated (also into or out of one) or deleted only under the owner''s override, logged';
COMMENT ON TRIGGER closed_cycle_truncate ON okrkpi.objectives IS 'TRUNCATE is refused while an objective of a closed quarter or fiscal year exists; under an override each one is logged';
COMMENT ON TRIGGER closed_cycle ON okrkpi.key_results IS 'a key result of a closed quarter or fiscal year is inserted or updated (also into or out of one) only under the owner''s override, logged; its deletion is kr_history''s';
COMMENT ON TRIGGER closed_cycle ON okrkpi.check_ins IS 'a check-in of a closed quarter or fiscal year is inserted, updated (also into or out of one) or deleted only under the owner''s override, logged';
COMMENT ON TRIGGER closed_cycle_truncate ON okrkpi.check_ins IS 'TRUNCATE is refused while a check-in of a closed quarter or fiscal year exists; under an override each one is logged';

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
SELECT pg_catalog.pg_extension_config_dump('okrkpi.fiscal_year', '');
SELECT pg_catalog.pg_extension_config_dump('okrkpi.check_ins', '');
SELECT pg_catalog.pg_extension_config_dump('okrkpi.check_ins_id_seq', '');
-- The embedded plan, part 2: how a plan moves.  Objectives align under
-- parent objectives (never in a cycle); closing a quarter carries its
-- KPI-linked key results into the next one.

-- Alignment stays inside a cycle: a quarterly objective aligns under an
-- objective of its own quarter or an annual objective of its fiscal year, an
-- annual objective under an annual objective of its year.  Cycles are
-- refused.  Every change of a parent takes one lock, so two sessions that
-- each make the other's objective their parent queue up, and the second
-- walks the tree as the first committed it (FOR SHARE reads the latest row
-- version in READ COMMITTED, and fails with a serialization error under
-- REPEATABLE READ when a row it reads changed; a child inserted meanwhile is
-- not seen under REPEATABLE READ: doc/plan.md).
CREATE FUNCTION okrkpi.check_alignment() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    ancestor bigint := NEW.parent_id;
    seen bigint[] := '{}';
    parent record;
    misaligned record;
BEGIN
    PERFORM pg_advisory_xact_lock(pg_catalog.hashtext('okrkpi.objectives alignment'));
    -- the table the trigger fires on: okrkpi.objectives, or on Citus the
    -- placement itself (a reference table's copy holds every row)
    IF TG_OP = 'UPDATE' AND (NEW.quarter IS DISTINCT FROM OLD.quarter OR NEW.fiscal_year IS DISTINCT FROM OLD.fiscal_year) THEN
        EXECUTE format('SELECT c.id, coalesce(c.quarter::text, ''FY'' || c.fiscal_year::text) AS cycle FROM %I.%I c
                        WHERE c.parent_id = $1 AND c.id <> $1
                          AND NOT coalesce(c.quarter = $2, false)
                          AND NOT coalesce($3 = coalesce(c.fiscal_year, okrkpi.quarter_year(c.quarter)), false)
                        ORDER BY c.id LIMIT 1 FOR SHARE', TG_TABLE_SCHEMA, TG_TABLE_NAME)
            INTO misaligned USING NEW.id, NEW.quarter, NEW.fiscal_year;
        IF misaligned.id IS NOT NULL THEN
            RAISE EXCEPTION 'objective % cannot move to %: objective % of % is aligned under it',
                    NEW.id, coalesce(NEW.quarter::text, 'FY' || NEW.fiscal_year::text), misaligned.id, misaligned.cycle
                USING ERRCODE = 'check_violation',
                      DETAIL = 'A quarterly objective aligns under an objective of its own quarter or an annual objective of its fiscal year.',
                      HINT = 'Move or detach the aligned objectives first.',
                      TABLE = TG_TABLE_NAME, SCHEMA = TG_TABLE_SCHEMA, COLUMN = 'quarter';
        END IF;
    END IF;
    IF NEW.parent_id IS NULL THEN
        RETURN NEW;
    END IF;
    EXECUTE format('SELECT p.quarter, p.fiscal_year FROM %I.%I p WHERE p.id = $1 FOR SHARE', TG_TABLE_SCHEMA, TG_TABLE_NAME)
        INTO parent USING NEW.parent_id;
    -- (a NULL comparison is no match: quarter and fiscal_year are each NULL on one kind of objective)
    IF NOT coalesce(NEW.quarter = parent.quarter, false)
       AND NOT coalesce(parent.fiscal_year = coalesce(NEW.fiscal_year, okrkpi.quarter_year(NEW.quarter)), false) THEN
        RAISE EXCEPTION 'objective % of % cannot be aligned under objective % of %', NEW.id,
                coalesce(NEW.quarter::text, 'FY' || NEW.fiscal_year::text), NEW.parent_id,
                coalesce(parent.quarter::text, 'FY' || parent.fiscal_year::text)
            USING ERRCODE = 'check_violation',
                  DETAIL = CASE WHEN NEW.fiscal_year IS NOT NULL
                                THEN 'An annual objective aligns only under an annual objective of its own fiscal year.'
                                ELSE 'A quarterly objective aligns only under an objective of its own quarter or an annual objective of its fiscal year.' END,
                  HINT = 'Align it under the parent''s copy in its own cycle, or make the parent an annual objective (quarter NULL, fiscal_year set).',
                  TABLE = TG_TABLE_NAME, SCHEMA = TG_TABLE_SCHEMA, COLUMN = 'parent_id';
    END IF;
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
        EXECUTE format('SELECT parent_id FROM %I.%I WHERE id = $1 FOR SHARE', TG_TABLE_SCHEMA, TG_TABLE_NAME)
            INTO ancestor USING ancestor;
    END LOOP;
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION okrkpi.check_alignment() IS 'BEFORE INSERT OR UPDATE OF parent_id, quarter, fiscal_year trigger of objectives: alignment stays inside a cycle (a quarterly objective under its own quarter''s or its fiscal year''s annual objectives, an annual one under its year''s) and makes no cycle (23514), also under concurrent updates';
CREATE TRIGGER check_alignment BEFORE INSERT OR UPDATE OF parent_id, quarter, fiscal_year ON okrkpi.objectives FOR EACH ROW
    EXECUTE FUNCTION okrkpi.check_alignment();

-- Quarter roll-forward.
-- An objective's copy in a later cycle, with its ancestors: alignment never
-- crosses a cycle, so a carried child needs its parent there too.  A
-- quarterly objective is copied into the quarter; an annual one stays what
-- it is inside its fiscal year and is copied into the next fiscal year only
-- when the quarter starts one.  Copies already made (rolled_from) are reused.
CREATE FUNCTION okrkpi.carry_objective(objective_id bigint, into_quarter okrkpi.quarter) RETURNS bigint
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    into_year integer := okrkpi.quarter_year(into_quarter);
    chain bigint[] := '{}';
    current_id bigint := objective_id;
    o record;
    copy_id bigint;
BEGIN
    -- walk up until an ancestor that already lives in the target cycle (or has a copy there)
    LOOP
        SELECT s.id, s.quarter, s.fiscal_year, s.parent_id INTO o
        FROM okrkpi.objectives s WHERE s.id = current_id;
        IF o.quarter = into_quarter OR o.fiscal_year = into_year THEN
            copy_id := o.id;
            EXIT;
        END IF;
        SELECT c.id INTO copy_id FROM okrkpi.objectives c
        WHERE c.rolled_from = current_id
          AND (c.quarter = into_quarter OR (o.fiscal_year IS NOT NULL AND c.fiscal_year = into_year));
        EXIT WHEN copy_id IS NOT NULL OR current_id = ANY (chain);
        chain := chain || current_id;
        EXIT WHEN o.parent_id IS NULL;
        current_id := o.parent_id;
    END LOOP;
    -- copy the chain top down, each under the copy of its parent
    FOR i IN REVERSE cardinality(chain) .. 1 LOOP
        INSERT INTO okrkpi.objectives (quarter, fiscal_year, title, parent_id, owner, rolled_from, weight)
        SELECT CASE WHEN s.fiscal_year IS NULL THEN into_quarter END,
               CASE WHEN s.fiscal_year IS NOT NULL THEN into_year END,
               s.title, copy_id, s.owner, s.id, s.weight
        FROM okrkpi.objectives s WHERE s.id = chain[i]
        RETURNING id INTO copy_id;
    END LOOP;
    RETURN copy_id;
END
$$;
COMMENT ON FUNCTION okrkpi.carry_objective(bigint, okrkpi.quarter) IS 'the copy of an objective in a later quarter (or, for an annual objective, in that quarter''s fiscal year), made with its ancestors if missing; used by roll_forward';
CREATE FUNCTION okrkpi.roll_forward(closing okrkpi.quarter) RETURNS integer
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    fiscal_month integer := okrkpi.fiscal_start_month();
    next_quarter okrkpi.quarter := closing + 1;
    closed timestamptz;
    carried integer := 0;
    kr record;
    now_value record;
    actual float8;
    new_plan okrkpi.key_result;
    new_title text;
    metric_name text;
    increasing boolean;
BEGIN
    SELECT c.closed_at INTO closed FROM okrkpi.cycles c WHERE c.quarter = closing;
    IF closed IS NULL THEN
        RAISE EXCEPTION 'quarter % is not closed', closing
            USING ERRCODE = 'object_not_in_prerequisite_state',
                  DETAIL = 'Only a closed quarter rolls forward: while it is open its actual values may still change.',
                  HINT = format('Close it: UPDATE okrkpi.cycles SET closed_at = now() WHERE quarter = %L rolls it forward.', closing::text);
    END IF;
    INSERT INTO okrkpi.cycles (quarter) VALUES (next_quarter) ON CONFLICT (quarter) DO NOTHING;
    IF EXISTS (SELECT 1 FROM okrkpi.cycles c WHERE c.quarter = next_quarter AND c.closed_at IS NOT NULL) THEN
        RAISE EXCEPTION 'quarter % is closed: nothing can be carried into it', next_quarter
            USING ERRCODE = 'object_not_in_prerequisite_state',
                  DETAIL = 'A closed quarter is history.',
                  HINT = 'Quarters close in order; reopen the later quarters first if this one must be rolled forward again.';
    END IF;
    FOR kr IN
        SELECT r.*, k.title AS kpi_title, k.metric_id AS kpi_metric_id, k.annual_target, k.target_date,
               k.retired_at AS kpi_retired_at
        FROM okrkpi.key_results r
        JOIN okrkpi.objectives o ON o.id = r.objective_id
        JOIN okrkpi.kpis k ON k.id = r.kpi_id
        WHERE o.quarter = closing
          AND NOT EXISTS (SELECT 1 FROM okrkpi.key_results n WHERE n.rolled_from = r.id)
        ORDER BY r.id
        FOR UPDATE OF r
    LOOP
        -- the scoreboard's current value: one definition for dashboards and the roll-forward
        SELECT s.current_value, s.current_source INTO now_value
        FROM okrkpi.scoreboard s WHERE s.key_result_id = kr.id;
        actual := CASE WHEN now_value.current_source <> 'start' THEN now_value.current_value END;
        increasing := okrkpi.direction(kr.plan) = 'increase';

        IF kr.kpi_retired_at IS NOT NULL THEN
            RAISE NOTICE 'key result % ("%") not carried into %: KPI "%" is retired',
                kr.id, kr.title, next_quarter, kr.kpi_title;
        ELSIF actual IS NULL THEN
            RAISE NOTICE 'key result % ("%") not carried into %: it has no measurement or check-in value in %',
                kr.id, kr.title, next_quarter, closing;
        ELSIF kr.annual_target IS NULL OR kr.target_date IS NULL THEN
            RAISE NOTICE 'key result % ("%") not carried into %: KPI "%" has no annual target and target date',
                kr.id, kr.title, next_quarter, kr.kpi_title;
        ELSIF kr.target_date < okrkpi.quarter_start(next_quarter, fiscal_month) THEN
            RAISE NOTICE 'key result % ("%") not carried into %: the target date % of KPI "%" has passed',
                kr.id, kr.title, next_quarter, to_char(kr.target_date, 'YYYY-MM-DD'), kr.kpi_title;
        ELSIF (increasing AND actual >= kr.annual_target) OR (NOT increasing AND actual <= kr.annual_target) THEN
            RAISE NOTICE 'key result % ("%") not carried into %: KPI "%" already reached its annual target % (actual %)',
                kr.id, kr.title, next_quarter, kr.kpi_title,
                okrkpi.value_text(kr.annual_target, okrkpi.unit(kr.plan)), okrkpi.value_text(actual, okrkpi.unit(kr.plan));
        ELSIF EXISTS (SELECT 1 FROM okrkpi.key_results n JOIN okrkpi.objectives no ON no.id = n.objective_id
                      WHERE n.kpi_id = kr.kpi_id AND no.quarter = next_quarter) THEN
            RAISE NOTICE 'key result % ("%") not carried into %: KPI "%" already has a key result there',
                kr.id, kr.title, next_quarter, kr.kpi_title;
        ELSE
            new_plan := okrkpi.carry_forward(kr.plan, actual, kr.annual_target,
                                             (okrkpi.quarter_of(kr.target_date, fiscal_month) - next_quarter) + 1);
            -- a title keeps its words: only its numbers and its quarter move; one whose
            -- numbers disagree with its plan is not restated into a lie (lint reports it)
            new_title := NULL;
            IF kr.title IS NOT NULL THEN
                new_title := okrkpi.restate_title(kr.title, kr.plan, new_plan, closing, next_quarter);
                IF new_title IS NULL THEN
                    SELECT m.name INTO metric_name FROM okrkpi.metrics m
                    WHERE m.id = coalesce(kr.metric_id, kr.kpi_metric_id);
                    -- (the plan alone where statement() would refuse the metric's name)
                    new_title := coalesce(okrkpi.statement_or_null(metric_name, new_plan), new_plan::text);
                    RAISE NOTICE 'key result % ("%"): its title disagrees with its plan %; its copy in % is titled "%"',
                        kr.id, kr.title, kr.plan, next_quarter, new_title;
                END IF;
            END IF;
            INSERT INTO okrkpi.key_results (objective_id, metric_id, title, plan, kpi_id, weight, owner, rolled_from)
            VALUES (okrkpi.carry_objective(kr.objective_id, next_quarter), kr.metric_id, new_title, new_plan,
                    kr.kpi_id, kr.weight, kr.owner, kr.id);
            carried := carried + 1;
        END IF;
    END LOOP;
    RETURN carried;
END
$$;
COMMENT ON FUNCTION okrkpi.roll_forward(okrkpi.quarter) IS 'carries every KPI-linked key result of a closed quarter into the next, open one (okrkpi.carry_forward: start = its current value as the scoreboard shows it, target on a straight line to the KPI''s annual target, rounded in the plan''s own terms; okrkpi.restate_title moves only a title''s numbers and quarter), with its objective and that objective''s ancestors (okrkpi.carry_objective); one key result per KPI and quarter; returns how many were carried; idempotent';

-- Quarters close in order, so that a roll-forward never writes into a
-- closed quarter and a quarter is never rolled forward twice: the closed
-- quarters are always the earliest ones.  One lock serializes every change
-- of that order; the rows on either side are locked too, so that REPEATABLE
-- READ fails with a serialization error rather than check a stale order.
CREATE FUNCTION okrkpi.check_cycle_order() RETURNS trigger
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    other okrkpi.quarter;
BEGIN
    IF TG_OP = 'UPDATE' AND NEW.quarter = OLD.quarter
       AND (NEW.closed_at IS NULL) = (OLD.closed_at IS NULL) THEN
        RETURN NEW;
    END IF;
    -- as the table's owner: row security must not hide a quarter from this check
    PERFORM pg_advisory_xact_lock(pg_catalog.hashtext('okrkpi.cycles order'));
    IF NEW.closed_at IS NOT NULL THEN
        PERFORM 1 FROM okrkpi.cycles c WHERE c.quarter < NEW.quarter FOR SHARE;
        SELECT c.quarter INTO other FROM okrkpi.cycles c
        WHERE c.quarter < NEW.quarter AND c.closed_at IS NULL ORDER BY c.quarter LIMIT 1;
        IF other IS NOT NULL THEN
            RAISE EXCEPTION 'quarter % cannot close while quarter % is open', NEW.quarter, other
                USING ERRCODE = 'object_not_in_prerequisite_state',
                      DETAIL = 'Quarters close in order: closing rolls a quarter forward into the next one, which must still be open.',
                      HINT = format('Close quarter %s first.', other::text);
        END IF;
    ELSE
        PERFORM 1 FROM okrkpi.cycles c WHERE c.quarter > NEW.quarter FOR SHARE;
        SELECT c.quarter INTO other FROM okrkpi.cycles c
        WHERE c.quarter > NEW.quarter AND c.closed_at IS NOT NULL ORDER BY c.quarter DESC LIMIT 1;
        IF other IS NOT NULL THEN
            RAISE EXCEPTION 'quarter % cannot be open while the later quarter % is closed', NEW.quarter, other
                USING ERRCODE = 'object_not_in_prerequisite_state',
                      DETAIL = 'Quarters close in order, so the closed quarters are always the earliest ones.',
                      HINT = format('Reopen quarter %s first (UPDATE okrkpi.cycles SET closed_at = NULL), or add this quarter closed.', other::text);
        END IF;
    END IF;
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION okrkpi.check_cycle_order() IS 'BEFORE INSERT OR UPDATE trigger of cycles: a quarter closes only after every earlier one, and none is open after a closed one (55000)';
CREATE TRIGGER cycle_order BEFORE INSERT OR UPDATE OF quarter, closed_at ON okrkpi.cycles FOR EACH ROW
    EXECUTE FUNCTION okrkpi.check_cycle_order();
COMMENT ON TRIGGER cycle_order ON okrkpi.cycles IS 'quarters close in order';
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

-- A metric's name may be one okrkpi.statement() refuses, such as 'deliveries
-- from 5 to 3 regions' (the statement would not read back): the views call
-- okrkpi.statement_or_null(), NULL for such a name (and, cautiously, for one
-- such as 'from 5 to 5', whose plan could not be), and show the key result by
-- its title, or by 'key result <id>', rather than fail.

CREATE VIEW okrkpi.scoreboard WITH (security_invoker = true) AS
SELECT coalesce(o.quarter::text, 'FY' || o.fiscal_year::text) AS quarter,
       o.title AS objective,
       coalesce(r.title, st.statement, 'key result ' || r.id) AS key_result,
       r.plan::text AS plan,
       okrkpi.start_value(r.plan) AS start_value,
       okrkpi.target_value(r.plan) AS target_value,
       cur.value AS current_value,
       cur.source AS current_source,
       v.at AS current_at,
       sc.score,
       okrkpi.grade(sc.score)::text AS grade,
       okrkpi.status(r.plan, coalesce(v.value, okrkpi.current_value(r.plan)),
                     pg_catalog.tstzrange(p.starts::timestamptz, p.ends::timestamptz), now())::text AS status,
       (r.kpi_id IS NOT NULL) AS is_kpi,
       r.weight,
       okrkpi.unit(r.plan) AS unit,
       o.id AS objective_id,
       r.id AS key_result_id,
       st.statement,
       -- the latest check-in of the cycle, read only by queries that ask for it (a
       -- subquery in the select list is dropped with its unused column; a lateral
       -- join would run for every key result of the alignment tree)
       (SELECT ci.confidence FROM okrkpi.check_ins ci
        WHERE ci.key_result_id = r.id AND ci.at >= p.starts::timestamptz AND ci.at < p.ends::timestamptz
        ORDER BY ci.at DESC, ci.id DESC LIMIT 1) AS confidence,
       (SELECT ci.note FROM okrkpi.check_ins ci
        WHERE ci.key_result_id = r.id AND ci.at >= p.starts::timestamptz AND ci.at < p.ends::timestamptz
        ORDER BY ci.at DESC, ci.id DESC LIMIT 1) AS note,
       (SELECT ci.at FROM okrkpi.check_ins ci
        WHERE ci.key_result_id = r.id AND ci.at >= p.starts::timestamptz AND ci.at < p.ends::timestamptz
        ORDER BY ci.at DESC, ci.id DESC LIMIT 1) AS checked_in_at
FROM okrkpi.key_results r
JOIN okrkpi.objectives o ON o.id = r.objective_id
LEFT JOIN okrkpi.metrics me ON me.id = r.metric_id
-- its statement, NULL where statement() would refuse the metric's name (see above)
CROSS JOIN LATERAL (SELECT okrkpi.statement_or_null(me.name, r.plan) AS statement) st
-- the days of its cycle: a (fiscal) quarter, or a fiscal year for an annual objective
CROSS JOIN LATERAL (
    SELECT okrkpi.cycle_start(o.quarter, o.fiscal_year, (SELECT okrkpi.fiscal_start_month())) AS starts,
           okrkpi.cycle_end(o.quarter, o.fiscal_year, (SELECT okrkpi.fiscal_start_month())) AS ends
) p
-- the newest measurement of the key result's metric inside its cycle
LEFT JOIN LATERAL (
    SELECT m.value, m.at
    FROM okrkpi.measurements m
    WHERE m.metric_id = r.metric_id
      AND m.at >= p.starts::timestamptz
      AND m.at < p.ends::timestamptz
    ORDER BY m.at DESC
    LIMIT 1
) l ON true
-- the newest check-in inside the cycle with a value
LEFT JOIN LATERAL (
    SELECT ci.value, ci.at
    FROM okrkpi.check_ins ci
    WHERE ci.key_result_id = r.id AND ci.value IS NOT NULL
      AND ci.at >= p.starts::timestamptz
      AND ci.at < p.ends::timestamptz
    ORDER BY ci.at DESC, ci.id DESC
    LIMIT 1
) cv ON true
-- the dated value that scores: the newer of the two (a measurement on a tie)
CROSS JOIN LATERAL (
    SELECT CASE WHEN cv.at > l.at OR (l.at IS NULL AND cv.at IS NOT NULL) THEN cv.value ELSE l.value END AS value,
           CASE WHEN cv.at > l.at OR (l.at IS NULL AND cv.at IS NOT NULL) THEN cv.at ELSE l.at END AS at,
           CASE WHEN cv.at > l.at OR (l.at IS NULL AND cv.at IS NOT NULL) THEN 'check_in'
                WHEN l.at IS NOT NULL THEN 'measurement' END AS source
) v
-- without one, the plan's own current value ('10 -> 20 @ 14'), else its start
CROSS JOIN LATERAL (
    SELECT coalesce(v.value, okrkpi.current_value(r.plan), okrkpi.start_value(r.plan)) AS value,
           coalesce(v.source, CASE WHEN okrkpi.current_value(r.plan) IS NOT NULL THEN 'plan' ELSE 'start' END) AS source
) cur
-- rounded to 15 significant digits, so that a score exact on paper prints exact
CROSS JOIN LATERAL (SELECT okrkpi.tidy(okrkpi.score(r.plan, cur.value)) AS score) sc;
COMMENT ON VIEW okrkpi.scoreboard IS 'one row per key result: plan, its current value (the newer of its metric''s latest measurement and its latest check-in value inside its cycle: its fiscal quarter, or the fiscal year of an annual objective, in the session time zone; without either the plan''s own current value, else its start), where that value came from and when, score, grade, pace and the latest check-in; the roll-forward and lint read the same current value';
COMMENT ON COLUMN okrkpi.scoreboard.current_source IS 'where current_value comes from: ''measurement'' (the newest of its metric in the cycle), ''check_in'' (the newest check-in with a value, newer than that measurement), ''plan'' (the plan''s own current value, as in ''10 -> 20 @ 14'', with neither in the cycle) or ''start'' (nothing yet: current = start, score 0)';
COMMENT ON COLUMN okrkpi.scoreboard.current_at IS 'when current_value was taken: the measurement''s or the check-in''s time; NULL for a plan''s own current value or its start';
COMMENT ON COLUMN okrkpi.scoreboard.key_result IS 'the key result''s title; without one its statement (okrkpi.statement of its metric and plan), or ''key result <id>'' when the metric''s name cannot make one';

CREATE VIEW okrkpi.objective_scores WITH (security_invoker = true) AS
SELECT t.quarter, t.objective, t.score, okrkpi.grade(t.score)::text AS grade, t.key_results, t.objective_id
FROM (SELECT s.quarter, s.objective,
             -- rounded to 15 significant digits, so that a score exact on paper prints exact
             okrkpi.tidy(okrkpi.objective_score(s.score, s.weight)) AS score,
             count(*)::integer AS key_results,
             s.objective_id
      FROM okrkpi.scoreboard s
      GROUP BY s.quarter, s.objective, s.objective_id) t;
COMMENT ON VIEW okrkpi.objective_scores IS 'one row per objective: the mean of its key results'' scores weighted by weight';

CREATE VIEW okrkpi.kpi_board WITH (security_invoker = true) AS
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
-- the year up to the latest measurement; within a year of timestamptz's first
-- day (4714-11-24 BC) l.at - 1 year does not exist, and everything before
-- l.at counts (a year and two days at most), rather than the view failing
LEFT JOIN LATERAL (
    SELECT okrkpi.tidy(okrkpi.hit_rate(k.threshold, m.value)) AS hit_rate FROM okrkpi.measurements m
    WHERE m.metric_id = k.metric_id
      AND m.at > CASE WHEN l.at >= '4713-11-26 00:00:00+00 BC'::timestamptz THEN l.at - '1 year'::interval
                      ELSE '-infinity'::timestamptz END
      AND m.at <= l.at
) h ON true
WHERE k.retired_at IS NULL;
COMMENT ON VIEW okrkpi.kpi_board IS 'one row per KPI that is not retired: latest value, its health, hit_rate (the share of the measurements of the year up to the latest one that met the threshold), when it was last measured';
COMMENT ON COLUMN okrkpi.kpi_board.hit_rate IS 'the share of this KPI''s measurements in the year up to its latest measurement that met the threshold (a bounded window, so the board costs the same however much history is kept)';

-- One row per event that set a key result's current value inside its cycle,
-- with the score it gave: each measurement of its metric, each check-in with a
-- value (but one at the time of a measurement, which wins the tie, or of a
-- later check-in), and, at the cycle's start, what counts before any of them:
-- the plan's own current value, or its start.  Each row's score is the
-- scoreboard's as of that moment, since the newest event then is that row's.
-- The events are a UNION ALL inside a lateral subquery, so a filter on time
-- reaches each scan: the measurements' (metric_id, at) and the check-ins'
-- (key_result_id, at, id) index conditions.
CREATE VIEW okrkpi.score_history WITH (security_invoker = true) AS
SELECT e.time,
       coalesce(r.title,
                okrkpi.statement_or_null(me.name, r.plan),
                'key result ' || r.id) AS key_result,
       -- rounded to 15 significant digits, so that a score exact on paper prints exact
       okrkpi.tidy(okrkpi.score(r.plan, e.value)) AS score,
       coalesce(o.quarter::text, 'FY' || o.fiscal_year::text) AS quarter,
       r.id AS key_result_id,
       e.source
FROM okrkpi.key_results r
JOIN okrkpi.objectives o ON o.id = r.objective_id
LEFT JOIN okrkpi.metrics me ON me.id = r.metric_id
CROSS JOIN LATERAL (
    SELECT okrkpi.cycle_start(o.quarter, o.fiscal_year, (SELECT okrkpi.fiscal_start_month()))::timestamptz AS starts,
           okrkpi.cycle_end(o.quarter, o.fiscal_year, (SELECT okrkpi.fiscal_start_month()))::timestamptz AS ends
) p
CROSS JOIN LATERAL (
    SELECT m.at AS time, m.value, 'measurement' AS source
    FROM okrkpi.measurements m
    WHERE m.metric_id = r.metric_id AND m.at >= p.starts AND m.at < p.ends
  UNION ALL
    SELECT ci.at, ci.value, 'check_in'
    FROM okrkpi.check_ins ci
    WHERE ci.key_result_id = r.id AND ci.value IS NOT NULL AND ci.at >= p.starts AND ci.at < p.ends
      AND NOT EXISTS (SELECT 1 FROM okrkpi.measurements m
                      WHERE m.metric_id = r.metric_id AND m.at = ci.at)
      AND NOT EXISTS (SELECT 1 FROM okrkpi.check_ins later
                      WHERE later.key_result_id = r.id AND later.at = ci.at AND later.id > ci.id
                        AND later.value IS NOT NULL)
  UNION ALL
    SELECT p.starts, coalesce(okrkpi.current_value(r.plan), okrkpi.start_value(r.plan)),
           CASE WHEN okrkpi.current_value(r.plan) IS NOT NULL THEN 'plan' ELSE 'start' END
    WHERE NOT EXISTS (SELECT 1 FROM okrkpi.measurements m
                      WHERE m.metric_id = r.metric_id AND m.at = p.starts)
      AND NOT EXISTS (SELECT 1 FROM okrkpi.check_ins ci
                      WHERE ci.key_result_id = r.id AND ci.at = p.starts AND ci.value IS NOT NULL)
) e;
COMMENT ON VIEW okrkpi.score_history IS 'one row per event that set a key result''s current value inside its cycle (its fiscal quarter, or fiscal year): each measurement of its metric, each check-in with a value (unless a measurement or a later check-in has the same time), and one row at the cycle''s start for the plan''s own current value or its start; the score as of that event, as the scoreboard showed it then; a filter on time reaches the scans';
COMMENT ON COLUMN okrkpi.score_history.source IS 'what set the value: ''measurement'', ''check_in'', or at the cycle''s start ''plan'' (the plan''s own current value) or ''start'' (nothing yet: score 0), as scoreboard.current_source names them';

CREATE VIEW okrkpi.check_in_history WITH (security_invoker = true) AS
SELECT ci.at AS time,
       coalesce(r.title,
                okrkpi.statement_or_null(me.name, r.plan),
                'key result ' || r.id) AS key_result,
       ci.confidence,
       okrkpi.tidy(okrkpi.score(r.plan, ci.value)) AS score,
       ci.note,
       ci.author,
       coalesce(o.quarter::text, 'FY' || o.fiscal_year::text) AS quarter,
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
--
-- No row the tables accept makes it fail: weights are 0 or in [1e-6, 1e6]
-- (70_plan_tables.sql), so no sum of them overflows, and a share is the
-- product of ratios c.weight / total in (0, 1].  What could still underflow
-- (PostgreSQL raises an error where a product of nonzero float8 values
-- rounds to 0) is left out, changing no score by more than 1e-100 a row: a
-- key result score below 1e-100 counts as 0 in the sums (own_score, from
-- objective_score, keeps it), and the walk stops at a descendant whose
-- share fell below 1e-100.  Every product then has factors of at least
-- 1e-100 and 1e-12 / (rows of the table): far from float8's 1e-308.
--
-- The tree of one cycle is computed from that cycle's objectives alone (and,
-- for their depth and path, the annual objectives of its fiscal year; for a
-- fiscal year, the quarterly objectives of its quarters): a dashboard that
-- shows one quarter of a plan of many pays for that quarter only.  A filter
-- on the view cannot reach inside the recursion, so the panels call
-- objective_tree_of(cycle); the view is the same function over every cycle.
CREATE FUNCTION okrkpi.objective_tree_of(cycle text)
RETURNS TABLE (objective_id bigint, parent_id bigint, quarter text, objective text, depth integer,
               own_score float8, score float8, grade text, weight float8, key_results integer, path text)
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
-- JIT compiling this recursion cost more than running it (as in lint)
SET jit = off
AS $$
WITH RECURSIVE
arg AS (            -- the cycle asked for: a quarter, or a fiscal year 'FY2027'; NULL: every cycle
    SELECT CASE WHEN cycle !~ '^FY' THEN cycle::okrkpi.quarter END AS q,
           CASE WHEN cycle ~ '^FY' THEN substr(cycle, 3)::integer
                ELSE okrkpi.quarter_year(cycle::okrkpi.quarter) END AS y
),
scope AS (
    SELECT o.* FROM okrkpi.objectives o, arg a
    WHERE cycle IS NULL
       OR o.quarter = a.q                                              -- the quarter
       OR o.fiscal_year = a.y                                          -- its year's annual objectives
       OR (a.q IS NULL AND okrkpi.quarter_year(o.quarter) = a.y)       -- a year's quarterly objectives
),
own AS (
    SELECT o.id,
           sum(s.weight * s.score) FILTER (WHERE s.score >= '1e-100' AND s.weight > 0) AS own_sum,
           coalesce(sum(s.weight) FILTER (WHERE s.score IS NOT NULL AND s.weight > 0), 0) AS own_weight,
           okrkpi.objective_score(s.score, s.weight) AS own_score,
           count(s.key_result_id)::integer AS key_results
    FROM scope o
    -- lateral: each objective's own key results, probed through key_results
    -- (objective_id), never the scoreboard of every cycle hashed against scope
    LEFT JOIN LATERAL (SELECT sb.score, sb.weight, sb.key_result_id
                       FROM okrkpi.scoreboard sb WHERE sb.objective_id = o.id) s ON true
    GROUP BY o.id
),
reach AS (          -- every objective with the descendants that can carry weight to it
    SELECT o.id AS top, o.id AS node, ARRAY[o.id] AS seen FROM scope o
  UNION ALL
    SELECT r.top, c.id, r.seen || c.id
    FROM reach r JOIN scope c ON c.parent_id = r.node AND c.weight > 0
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
               FROM scope c JOIN scored cs ON cs.id = c.id AND cs.has_score
               WHERE c.weight > 0
               GROUP BY c.parent_id) cw ON cw.parent_id = w.id
),
share AS (          -- how much each descendant's own key results count in an objective's score
    SELECT o.id AS top, o.id AS node, 1::float8 AS factor, ARRAY[o.id] AS seen FROM scope o
  UNION ALL
    SELECT s.top, c.id, s.factor * (c.weight / d.total), s.seen || c.id
    FROM share s
    JOIN denominator d ON d.id = s.node AND d.total > 0
    JOIN scope c ON c.parent_id = s.node AND c.weight > 0
    JOIN scored cs ON cs.id = c.id AND cs.has_score
    WHERE c.id <> ALL (s.seen) AND s.factor >= '1e-100'
),
tree AS (           -- depth from the roots, and a path that sorts the tree depth first
    SELECT o.id, 0 AS depth, lpad(o.id::text, 19, '0') AS path
    FROM scope o WHERE o.parent_id IS NULL
  UNION ALL
    SELECT c.id, t.depth + 1, t.path || '/' || lpad(c.id::text, 19, '0')
    FROM tree t JOIN scope c ON c.parent_id = t.id
),
score AS (          -- each objective's score: its descendants' own key results, by share
    SELECT s.top AS id, sum(s.factor * (coalesce(ow.own_sum, 0) / d.total)) AS score
    FROM share s
    JOIN own ow ON ow.id = s.node
    JOIN denominator d ON d.id = s.node AND d.total > 0
    GROUP BY s.top
)
SELECT o.id AS objective_id,
       o.parent_id,
       coalesce(o.quarter::text, 'FY' || o.fiscal_year::text) AS quarter,
       o.title AS objective,
       t.depth,
       okrkpi.tidy(w.own_score) AS own_score,
       ts.score,
       okrkpi.grade(ts.score)::text AS grade,
       o.weight,
       w.key_results,
       t.path
FROM scope o
JOIN tree t ON t.id = o.id
JOIN own w ON w.id = o.id
LEFT JOIN score sc ON sc.id = o.id
-- scores rounded to 15 significant digits, so that a score exact on paper prints exact
CROSS JOIN LATERAL (SELECT okrkpi.tidy(sc.score) AS score) ts
WHERE cycle IS NULL OR coalesce(o.quarter::text, 'FY' || o.fiscal_year::text) = cycle
$$;
COMMENT ON FUNCTION okrkpi.objective_tree_of(text) IS 'the rows of okrkpi.objective_tree for one cycle (''2026-Q3'', or a fiscal year ''FY2027''; NULL: every cycle), computed from that cycle''s objectives alone: what a dashboard panel for one quarter calls';
CREATE VIEW okrkpi.objective_tree WITH (security_invoker = true) AS
SELECT * FROM okrkpi.objective_tree_of(NULL);
COMMENT ON VIEW okrkpi.objective_tree IS 'one row per objective in its alignment tree: depth (0 at a root), own_score (its own key results, weighted), score (the weighted mean of its own key results and its children''s scores, each child counting with its weight), grade; path sorts the tree depth first';

CREATE VIEW okrkpi.quarters WITH (security_invoker = true) AS
SELECT c.quarter::text AS quarter, c.closed_at, (c.closed_at IS NOT NULL) AS closed
FROM okrkpi.cycles c;
COMMENT ON VIEW okrkpi.quarters IS 'the planning quarters as text, for a dashboard''s quarter picker: one row per cycle, whether and when it was closed';

-- A KPI followed through its year: the four quarters up to the quarter of its
-- target date, each with the key result that carried the KPI there, what the
-- KPI's metric reached, and what the next quarter needs to stay on a straight
-- line to the annual target (the same step okrkpi.roll_forward takes).
CREATE INDEX key_results_kpi_id_idx ON okrkpi.key_results (kpi_id);
CREATE VIEW okrkpi.kpi_year WITH (security_invoker = true) AS
SELECT k.title AS kpi,
       q.quarter::text AS quarter,
       s.key_result,
       s.plan,
       s.start_value,
       s.target_value,
       a.actual,
       coalesce(c.closed_at IS NOT NULL, false) AS closed,
       k.annual_target,
       CASE WHEN q.quarters_after > 0 THEN okrkpi.quarter_target(a.actual, k.annual_target, q.quarters_after) END
           AS next_quarter_target,
       okrkpi.unit(k.threshold) AS unit,
       k.id AS kpi_id,
       s.key_result_id
FROM okrkpi.kpis k
CROSS JOIN LATERAL (
    SELECT okrkpi.quarter_of(k.target_date, (SELECT okrkpi.fiscal_start_month())) - i AS quarter, i AS quarters_after
    FROM pg_catalog.generate_series(3, 0, -1) i
) q
LEFT JOIN okrkpi.cycles c ON c.quarter = q.quarter
-- the KPI's key result in that quarter (the first, should there be several)
LEFT JOIN LATERAL (
    SELECT r.id FROM okrkpi.key_results r JOIN okrkpi.objectives o ON o.id = r.objective_id
    WHERE r.kpi_id = k.id AND o.quarter = q.quarter
    ORDER BY r.id LIMIT 1
) kr ON true
LEFT JOIN okrkpi.scoreboard s ON s.key_result_id = kr.id
-- in a quarter without a key result for the KPI, its own metric at the end of the quarter
LEFT JOIN LATERAL (
    SELECT m.value FROM okrkpi.measurements m
    WHERE m.metric_id = k.metric_id
      AND m.at >= okrkpi.quarter_start(q.quarter, (SELECT okrkpi.fiscal_start_month()))::timestamptz
      AND m.at < okrkpi.quarter_end(q.quarter, (SELECT okrkpi.fiscal_start_month()))::timestamptz
    ORDER BY m.at DESC LIMIT 1
) km ON true
CROSS JOIN LATERAL (
    SELECT CASE WHEN kr.id IS NOT NULL THEN CASE WHEN s.current_source <> 'start' THEN s.current_value END
                ELSE km.value END AS actual
) a
WHERE k.target_date IS NOT NULL AND k.annual_target IS NOT NULL AND k.retired_at IS NULL
  -- its four quarters exist: quarters are of the years 1 to 9999
  AND k.target_date >= '0002-01-01'::date AND k.target_date < '9999-01-01'::date;
COMMENT ON VIEW okrkpi.kpi_year IS 'one row per KPI (not retired) with an annual target and target date and per quarter of its year (the four fiscal quarters up to its target date): the quarter''s key result for the KPI, the actual (that key result''s current value as the scoreboard shows it, the value the roll-forward carries; in a quarter without one, the KPI metric''s latest measurement in the quarter), the annual target, and next_quarter_target, what the next quarter needs on a straight line to the annual target';
COMMENT ON COLUMN okrkpi.kpi_year.next_quarter_target IS 'quarter_target(actual, annual_target, quarters left until the target date''s quarter): the target okrkpi.roll_forward gives the next quarter''s key result, before rounding; NULL in the last quarter';
COMMENT ON INDEX okrkpi.key_results_kpi_id_idx IS 'finds a KPI''s key result in a quarter (kpi_year, roll_forward)';
-- The embedded plan, part 4: lint, the common planning mistakes (doc/plan.md
-- lists the rules).  Limits come from okrkpi.plan_limits(), the settings the
-- triggers enforce.
--
-- Findings are history too: a cycle (a fiscal quarter, or the fiscal year of
-- annual objectives) is judged at its end, or at as_of if that is earlier, so
-- nothing a later quarter adds changes what lint says about a closed one; a
-- cycle that has not started at as_of has nothing stale yet.  Severity says
-- what to do: error (the plan breaks a rule the triggers enforce, or says two
-- different things), warning (a weakness of the plan), todo (planning left to
-- do in an open cycle, such as the key results a carried objective still
-- needs).
-- A metric's frequency in the words lint writes it in: 'monthly', 'weekly',
-- 'every 2 weeks', 'every 1 month and 3 days' (an interval prints '1 mon').
CREATE FUNCTION okrkpi.frequency_words(frequency interval) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE SET search_path = pg_catalog, pg_temp AS $$
    SELECT CASE
        -- (metrics_frequency_finite refuses it; a row an update left NOT VALID may hold it)
        WHEN NOT isfinite(frequency) THEN 'never'
        WHEN f.days = 0 AND f.secs = 0 AND f.months IN (1, 3, 12) THEN
            CASE f.months WHEN 1 THEN 'monthly' WHEN 3 THEN 'quarterly' ELSE 'yearly' END
        WHEN f.months = 0 AND f.secs = 0 AND f.days IN (1, 7) THEN
            CASE f.days WHEN 1 THEN 'daily' ELSE 'weekly' END
        WHEN f.months = 0 AND f.days = 0 AND f.secs IN (60, 3600) THEN
            CASE f.secs WHEN 60 THEN 'every minute' ELSE 'hourly' END
        WHEN f.months = 0 AND f.days = 0 AND f.secs = 1 THEN 'every second'
        ELSE 'every ' || concat_ws(' and ',
            CASE WHEN f.months = 0 THEN NULL
                 WHEN f.months % 12 = 0 THEN (f.months / 12) || CASE WHEN f.months = 12 THEN ' year' ELSE ' years' END
                 ELSE f.months || CASE WHEN f.months = 1 THEN ' month' ELSE ' months' END END,
            CASE WHEN f.days = 0 THEN NULL
                 WHEN f.days % 7 = 0 THEN (f.days / 7) || CASE WHEN f.days = 7 THEN ' week' ELSE ' weeks' END
                 ELSE f.days || CASE WHEN f.days = 1 THEN ' day' ELSE ' days' END END,
            CASE WHEN f.secs = 0 THEN NULL
                 WHEN f.secs % 3600 = 0 THEN trim_scale(f.secs / 3600) || CASE WHEN f.secs = 3600 THEN ' hour' ELSE ' hours' END
                 WHEN f.secs % 60 = 0 THEN trim_scale(f.secs / 60) || CASE WHEN f.secs = 60 THEN ' minute' ELSE ' minutes' END
                 ELSE trim_scale(f.secs) || CASE WHEN f.secs = 1 THEN ' second' ELSE ' seconds' END END)
    END
    FROM (SELECT (extract(year FROM i) * 12 + extract(month FROM i))::integer AS months,
                 extract(day FROM i)::integer AS days,
                 extract(hour FROM i) * 3600 + extract(minute FROM i) * 60 + extract(second FROM i) AS secs
          FROM (SELECT CASE WHEN isfinite(frequency) THEN frequency ELSE '0'::interval END AS i) fi) f
$$;
COMMENT ON FUNCTION okrkpi.frequency_words(interval) IS 'a metric''s frequency in plain words, as lint writes it: ''daily'', ''weekly'', ''monthly'', ''quarterly'', ''yearly'', ''hourly'', else ''every 2 weeks'', ''every 10 days'', ''every 1 month and 3 days''; ''never'' for an infinite interval';
CREATE FUNCTION okrkpi.lint(as_of timestamptz DEFAULT pg_catalog.now())
RETURNS TABLE (severity text, rule text, object text, message text)
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
-- many small index probes over tables the planner often has no statistics for
-- yet: JIT compiling them took half a second a call, a thousand times the work
SET jit = off
AS $$
    WITH limits AS (SELECT * FROM okrkpi.plan_limits()),
    -- every objective with its cycle's days, whether the cycle is open, and when it is judged
    cycle AS (
        SELECT o.id, o.title, o.parent_id,
               coalesce(o.quarter::text, 'FY' || o.fiscal_year::text) AS name,
               p.starts, p.ends,
               least(as_of, p.ends) AS judged,
               -- open at as_of: not closed by then
               NOT EXISTS (SELECT 1 FROM okrkpi.cycles c
                           WHERE c.quarter = coalesce(o.quarter, (o.fiscal_year::text || '-Q4')::okrkpi.quarter)
                             AND c.closed_at <= as_of) AS open
        FROM okrkpi.objectives o
        CROSS JOIN LATERAL (
            SELECT okrkpi.cycle_start(o.quarter, o.fiscal_year, (SELECT okrkpi.fiscal_start_month()))::timestamptz AS starts,
                   okrkpi.cycle_end(o.quarter, o.fiscal_year, (SELECT okrkpi.fiscal_start_month()))::timestamptz AS ends
        ) p
    ),
    -- the metrics each started quarter needs: its key results' (their own, or their
    -- KPI's), and those of the annual key results and the KPIs that existed before
    -- it ended (what is added later does not change a closed quarter's findings)
    quarter_metric AS (
        SELECT DISTINCT y.quarter, m.metric_id
        FROM okrkpi.cycles y
        CROSS JOIN LATERAL (
            SELECT okrkpi.quarter_start(y.quarter, (SELECT okrkpi.fiscal_start_month()))::timestamptz AS starts,
                   okrkpi.quarter_end(y.quarter, (SELECT okrkpi.fiscal_start_month()))::timestamptz AS ends
        ) p
        CROSS JOIN LATERAL (
            SELECT coalesce(r.metric_id, k.metric_id) AS metric_id
            FROM okrkpi.objectives o
            JOIN okrkpi.key_results r ON r.objective_id = o.id
            LEFT JOIN okrkpi.kpis k ON k.id = r.kpi_id
            WHERE o.quarter = y.quarter
               OR (o.fiscal_year = okrkpi.quarter_year(y.quarter) AND r.created_at < p.ends)
          UNION ALL
            SELECT k.metric_id FROM okrkpi.kpis k
            WHERE k.created_at < p.ends AND (k.retired_at IS NULL OR k.retired_at > p.starts)
        ) m
        WHERE p.starts <= as_of AND m.metric_id IS NOT NULL
    )
    SELECT CASE WHEN c.open THEN 'todo' ELSE 'warning' END, 'objective_too_few_key_results',
           'objective ' || c.id || ' (' || c.name || ')',
           CASE WHEN c.open AND count(r.id) > 0 AND bool_and(r.kpi_id IS NOT NULL)
                THEN format('add key results that are not KPIs to objective "%s": it has %s, all KPIs; an objective needs 2 to %s',
                            c.title, count(r.id), max(l.max_key_results))
                WHEN c.open
                THEN format('add key results to objective "%s": it has %s; an objective needs 2 to %s',
                            c.title, count(r.id), max(l.max_key_results))
                ELSE format('objective "%s" has %s key result(s); an objective needs 2 to %s',
                            c.title, count(r.id), max(l.max_key_results))
           END
    FROM cycle c LEFT JOIN okrkpi.key_results r ON r.objective_id = c.id CROSS JOIN limits l
    -- an objective measured through aligned child objectives needs no key results of its own
    WHERE NOT EXISTS (SELECT 1 FROM okrkpi.objectives ch WHERE ch.parent_id = c.id)
    GROUP BY c.id, c.title, c.name, c.open HAVING count(r.id) < 2
  UNION ALL
    SELECT 'error', 'objective_too_many_key_results', 'objective ' || c.id || ' (' || c.name || ')',
           format('objective "%s" has %s key results; an objective needs 2 to %s', c.title, count(r.id), max(l.max_key_results))
    FROM cycle c JOIN okrkpi.key_results r ON r.objective_id = c.id CROSS JOIN limits l
    GROUP BY c.id, c.title, c.name HAVING count(r.id) > max(l.max_key_results)
  UNION ALL
    SELECT 'error', 'too_many_kpis', 'kpis',
           format('the plan has %s KPIs; a good plan has at most %s', count(*), max(l.max_kpis))
    FROM okrkpi.kpis k CROSS JOIN limits l
    WHERE k.retired_at IS NULL OR k.retired_at > as_of       -- watched at as_of
    HAVING count(*) > max(l.max_kpis)
  UNION ALL
    SELECT CASE WHEN c.open THEN 'todo' ELSE 'warning' END, 'every_key_result_is_kpi',
           'objective ' || c.id || ' (' || c.name || ')',
           CASE WHEN c.open
                THEN format('add key results that are not KPIs to objective "%s": every key result is a KPI; KPIs watch health, key results push change', c.title)
                ELSE format('every key result of objective "%s" is marked as a KPI; KPIs watch health, key results push change', c.title)
           END
    FROM cycle c JOIN okrkpi.key_results r ON r.objective_id = c.id
    GROUP BY c.id, c.title, c.name, c.open HAVING count(*) >= 2 AND bool_and(r.kpi_id IS NOT NULL)
  UNION ALL
    SELECT 'warning', 'only_milestone_key_results', 'objective ' || c.id || ' (' || c.name || ')',
           format('objective "%s" has only milestone key results: activities posing as outcomes; add a key result that moves a measured metric', c.title)
    FROM cycle c JOIN okrkpi.key_results r ON r.objective_id = c.id
    GROUP BY c.id, c.title, c.name HAVING bool_and(okrkpi.is_milestone(r.plan))
  UNION ALL
    SELECT 'error', 'title_disagrees_with_plan', 'key result ' || r.id || ' (' || c.name || ')',
           format('the title "%s" states other numbers than the plan %s; correct the title (or the plan, under an override)',
                  r.title, r.plan::text)
    FROM okrkpi.key_results r JOIN cycle c ON c.id = r.objective_id
    WHERE r.title IS NOT NULL AND okrkpi.title_states_plan(r.title, r.plan) IS FALSE
  UNION ALL
    SELECT 'warning', 'metric_not_measured', 'metric ' || me.id || ' (' || qm.quarter::text || ')',
           CASE WHEN last.at IS NULL
                THEN format('metric "%s" has no measurement before %s (measured %s)',
                            me.name, js.shown, okrkpi.frequency_words(me.frequency))
                ELSE format('metric "%s" was last measured %s, too long before %s for a metric measured %s',
                            me.name, coalesce(to_char(last.at, 'YYYY-MM-DD HH24:MI TZ'), last.at::text), js.shown,
                            okrkpi.frequency_words(me.frequency))
           END
    FROM quarter_metric qm
    JOIN okrkpi.metrics me ON me.id = qm.metric_id
    CROSS JOIN LATERAL (
        SELECT least(as_of, okrkpi.quarter_end(qm.quarter, (SELECT okrkpi.fiscal_start_month()))::timestamptz) AS at
    ) j
    CROSS JOIN LATERAL (SELECT max(m.at) AS at FROM okrkpi.measurements m
                        WHERE m.metric_id = me.id AND m.at <= j.at) last
    -- to the minute, in the session's time zone (to_char gives NULL for an infinite time)
    CROSS JOIN LATERAL (SELECT coalesce(to_char(j.at, 'YYYY-MM-DD HH24:MI TZ'), j.at::text) AS shown) js
    -- (a frequency of 4,700 years or more would take j.at before the first
    -- timestamp: nothing measured is that stale)
    WHERE last.at IS NULL
       OR (me.frequency < '4700 years'::interval AND last.at < j.at - me.frequency)
  UNION ALL
    SELECT 'warning', 'key_result_not_checked_in', 'key result ' || r.id || ' (' || c.name || ')',
           format('key result "%s" has had no check-in or measurement for %s days while its %s is open',
                  coalesce(r.title, okrkpi.statement_or_null(me.name, r.plan), 'key result ' || r.id),
                  extract(day FROM c.judged - greatest(last.check_in, last.measurement, c.starts))::integer,
                  CASE WHEN c.name LIKE 'FY%' THEN 'fiscal year' ELSE 'quarter' END)
    FROM okrkpi.key_results r
    JOIN cycle c ON c.id = r.objective_id AND c.open
    LEFT JOIN okrkpi.metrics me ON me.id = r.metric_id
    CROSS JOIN LATERAL (
        SELECT (SELECT max(ci.at) FROM okrkpi.check_ins ci
                WHERE ci.key_result_id = r.id AND ci.at <= c.judged) AS check_in,
               (SELECT max(m.at) FROM okrkpi.measurements m
                WHERE m.metric_id = r.metric_id AND m.at <= c.judged) AS measurement
    ) last
    WHERE c.judged > c.starts
      AND greatest(last.check_in, last.measurement, c.starts) < c.judged - '14 days'::interval
  ORDER BY 2, 3
$$;
COMMENT ON FUNCTION okrkpi.lint(timestamptz) IS 'plan mistakes as of a moment (default now), each with a severity (error, warning, todo): objectives with fewer than 2 (and no aligned children) or more than okrkpi.max_key_results key results, more than okrkpi.max_kpis KPIs, every key result a KPI, only milestone key results, titles whose numbers disagree with their plan, metrics a started quarter needs not measured within their frequency, key results of an open cycle without a check-in or measurement for 14 days; each cycle is judged at its end, or at as_of if earlier';
