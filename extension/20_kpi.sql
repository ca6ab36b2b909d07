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
