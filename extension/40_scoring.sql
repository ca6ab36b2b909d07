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
--@define fiscal_scoring
CREATE FUNCTION okrkpi.expected_progress(period okrkpi.quarter, as_of timestamptz, fiscal_start_month int) RETURNS float8
    AS 'MODULE_PATHNAME', 'expected_progress_quarter_fiscal' LANGUAGE C STABLE STRICT PARALLEL SAFE;
CREATE FUNCTION okrkpi.status(okrkpi.key_result, value float8, period okrkpi.quarter, as_of timestamptz, fiscal_start_month int) RETURNS okrkpi.kr_status
    AS 'MODULE_PATHNAME', 'status_quarter_fiscal' LANGUAGE C STABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION okrkpi.expected_progress(okrkpi.quarter, timestamptz, int) IS 'the elapsed share of the fiscal quarter (fiscal year starting in month fiscal_start_month, 1-12) at as_of, clamped to [0, 1]; STABLE: its days are taken in the session time zone';
COMMENT ON FUNCTION okrkpi.status(okrkpi.key_result, float8, okrkpi.quarter, timestamptz, int) IS 'status against the fiscal quarter''s days (fiscal year starting in month fiscal_start_month, 1-12); STABLE: its days are taken in the session time zone';
--@end
--@define status_comments
COMMENT ON TYPE okrkpi.kr_status IS 'a key result''s pace against the elapsed share of its period; once the period has ended, achieved or missed';
COMMENT ON FUNCTION okrkpi.status(okrkpi.key_result, float8, tstzrange, timestamptz) IS 'achieved (score 1); once the period has ended (as_of at or past an exclusive end, past an inclusive one as in [a,b]) otherwise missed, NULL value too; before, not_started (NULL value), on_track (score >= expected - 0.1), at_risk (>= expected - 0.3), else off_track';
--@end
--@define tidy
CREATE FUNCTION okrkpi.tidy(value float8) RETURNS float8
    AS 'MODULE_PATHNAME', 'tidy_float8' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION okrkpi.tidy(float8) IS 'the value rounded to 15 significant digits, as float8 -> numeric -> float8 rounds it: float noise such as 0.7499999999999997 prints 0.75, exact values are unchanged';
--@end
--@define quarter_target_comment
COMMENT ON FUNCTION okrkpi.quarter_target(float8, float8, int) IS 'actual + (annual_target - actual) / quarters_left: the next quarter''s target on a straight line to the annual target, always between actual and annual_target';
--@end
