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
--@define period
CREATE FUNCTION okrkpi.period(okrkpi.quarter) RETURNS daterange
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$ SELECT pg_catalog.daterange(okrkpi.quarter_start($1), okrkpi.quarter_end($1), '[)') $$;
--@end
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
--@define fiscal_quarter_days
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
--@end
--@define cycle_days
CREATE FUNCTION okrkpi.cycle_start(quarter okrkpi.quarter, fiscal_year integer, fiscal_start_month integer) RETURNS date
    AS 'MODULE_PATHNAME', 'cycle_start' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
CREATE FUNCTION okrkpi.cycle_end(quarter okrkpi.quarter, fiscal_year integer, fiscal_start_month integer) RETURNS date
    AS 'MODULE_PATHNAME', 'cycle_end' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION okrkpi.cycle_start(okrkpi.quarter, integer, integer) IS 'the first day of a planning cycle: the fiscal quarter when quarter is given, else the fiscal year fiscal_year (named after the calendar year it ends in); NULL without either';
COMMENT ON FUNCTION okrkpi.cycle_end(okrkpi.quarter, integer, integer) IS 'the day after a planning cycle (an exclusive end): of the fiscal quarter when quarter is given, else of the fiscal year fiscal_year; NULL without either';
--@end

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
--@define int_pl_quarter
CREATE FUNCTION okrkpi.int_pl_quarter(int, okrkpi.quarter) RETURNS okrkpi.quarter
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION okrkpi.int_pl_quarter(int, okrkpi.quarter) IS 'implementation of int + quarter';
CREATE OPERATOR pg_catalog.+ (LEFTARG = int, RIGHTARG = okrkpi.quarter, FUNCTION = okrkpi.int_pl_quarter,
    COMMUTATOR = OPERATOR(pg_catalog.+));
COMMENT ON OPERATOR pg_catalog.+ (int, okrkpi.quarter) IS 'the quarter n quarters later';
--@end

-- min(quarter) and max(quarter): in pg_catalog beside the built-in min and max,
-- so that max(due_quarter) needs no search path, as the operators do (doc/types.md)
--@define quarter_min_max
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
--@end
