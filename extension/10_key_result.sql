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
