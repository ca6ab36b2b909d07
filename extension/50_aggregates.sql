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
--@define mean_state_comment
COMMENT ON TYPE okrkpi.mean_state IS 'aggregate state: rows with a positive weight, their mean weight and the weighted mean of their scores: the state of objective_score';
--@end
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

--@define aggregate_support
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
--@end

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
--@define objective_score_comments
COMMENT ON AGGREGATE okrkpi.objective_score(float8) IS 'the mean of non-NULL scores, each in [0, 1]';
COMMENT ON AGGREGATE okrkpi.objective_score(float8, float8) IS 'the weighted mean of non-NULL scores, each in [0, 1]; negative and subnormal weights are refused, rows of weight 0 skipped; NULL when the weights add up to 0';
--@end
COMMENT ON AGGREGATE okrkpi.hit_rate(okrkpi.kpi, float8) IS 'the share of non-NULL values that meet their kpi threshold';
--@define kr_forecast_comment
COMMENT ON AGGREGATE okrkpi.kr_forecast(okrkpi.key_result, float8, timestamptz, timestamptz) IS 'the least-squares line of value over time, evaluated at the latest row''s deadline and scored against its key result; NULL with fewer than two distinct times; key results of different units are refused';
--@end
