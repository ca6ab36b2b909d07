/*
 * score_functions.c: the scalar scoring functions (doc/scoring.md):
 * progress, score, grade, meets, health, expected_progress, status,
 * quarter_target and tidy.  The arithmetic itself lives in scoring.c, a
 * quarter's days in quarter.c.
 */
#include "score_functions.h"

#include <math.h>


#include "quarter.h"
#include "utils/date.h"
#include "utils/datetime.h"
#include "utils/rangetypes.h"
#include "utils/timestamp.h"

const char *const okr_grade_labels[3] = {"red", "yellow", "green"};
const char *const okr_health_labels[3] = {"healthy", "at_risk", "unhealthy"};
static const char *const status_labels[6] = {
	"not_started", "missed", "off_track", "at_risk", "on_track", "achieved"
};

enum
{
	STATUS_NOT_STARTED, STATUS_MISSED, STATUS_OFF_TRACK, STATUS_AT_RISK, STATUS_ON_TRACK,
	STATUS_ACHIEVED
};

/* Status thresholds (doc/scoring.md): on track within 0.1 of pace, at risk within 0.3. */
#define ON_TRACK_SLACK 0.1
#define AT_RISK_SLACK 0.3

PG_FUNCTION_INFO_V1(progress_value);
Datum
progress_value(PG_FUNCTION_ARGS)
{
	double		value = PG_GETARG_FLOAT8(1);

	okr_require_finite(value, "value");
	PG_RETURN_FLOAT8(okr_progress(PG_GETARG_KEY_RESULT_P(0), value));
}

PG_FUNCTION_INFO_V1(progress_current);
Datum
progress_current(PG_FUNCTION_ARGS)
{
	okr_key_result *kr = PG_GETARG_KEY_RESULT_P(0);

	if (!kr->has_current)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(okr_progress(kr, kr->current));
}

PG_FUNCTION_INFO_V1(score_value);
Datum
score_value(PG_FUNCTION_ARGS)
{
	double		value = PG_GETARG_FLOAT8(1);

	okr_require_finite(value, "value");
	PG_RETURN_FLOAT8(okr_score(PG_GETARG_KEY_RESULT_P(0), value));
}

PG_FUNCTION_INFO_V1(score_current);
Datum
score_current(PG_FUNCTION_ARGS)
{
	okr_key_result *kr = PG_GETARG_KEY_RESULT_P(0);

	if (!kr->has_current)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(okr_score(kr, kr->current));
}

/* Seconds in an interval, as EXTRACT(epoch FROM interval) counts them. */
static double
interval_seconds(const Interval *span)
{
	/* whole years of 365.25 days, the remaining months of 30 days */
	return span->time / (double) USECS_PER_SEC +
		span->day * (double) SECS_PER_DAY +
		(span->month / MONTHS_PER_YEAR) * ((double) DAYS_PER_YEAR * SECS_PER_DAY) +
		(span->month % MONTHS_PER_YEAR) * ((double) DAYS_PER_MONTH * SECS_PER_DAY);
}

PG_FUNCTION_INFO_V1(score_interval);
Datum
score_interval(PG_FUNCTION_ARGS)
{
	okr_key_result *kr = PG_GETARG_KEY_RESULT_P(0);

	if (kr->unit != OKR_UNIT_SECONDS)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("an interval can only score a duration key result"),
				 errdetail("The key result's unit is \"%s\".", okr_unit_name(kr->unit)),
				 errhint("Pass the value as float8, or give the key result a duration unit such as '6h -> 45min'.")));
	PG_RETURN_FLOAT8(okr_score(kr, interval_seconds(PG_GETARG_INTERVAL_P(1))));
}

PG_FUNCTION_INFO_V1(grade_score);
Datum
grade_score(PG_FUNCTION_ARGS)
{
	double		score = PG_GETARG_FLOAT8(0);

	okr_require_finite(score, "score");
	return okr_enum_value(fcinfo, "grade", okr_grade_labels, 3, (int) okr_grade_of(score));
}

PG_FUNCTION_INFO_V1(kpi_meets);
Datum
kpi_meets(PG_FUNCTION_ARGS)
{
	double		value = PG_GETARG_FLOAT8(1);

	okr_require_finite(value, "value");
	PG_RETURN_BOOL(okr_meets(PG_GETARG_KPI_P(0), value));
}

PG_FUNCTION_INFO_V1(kpi_health_value);
Datum
kpi_health_value(PG_FUNCTION_ARGS)
{
	double		value = PG_GETARG_FLOAT8(1);
	double		tolerance = PG_GETARG_FLOAT8(2);

	okr_require_finite(value, "value");
	if (!(tolerance >= 0) || isinf(tolerance))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("tolerance must be a finite number of at least 0, not %g", tolerance)));
	return OKR_HEALTH_DATUM(fcinfo, okr_kpi_health(PG_GETARG_KPI_P(0), value, tolerance));
}

PG_FUNCTION_INFO_V1(kpi_health_current);
Datum
kpi_health_current(PG_FUNCTION_ARGS)
{
	okr_kpi    *kpi = PG_GETARG_KPI_P(0);

	if (!kpi->has_current)
		PG_RETURN_NULL();
	return OKR_HEALTH_DATUM(fcinfo, okr_kpi_health(kpi, kpi->current, OKR_DEFAULT_TOLERANCE));
}

/* Elapsed share of [start, end) at as_of, clamped to [0, 1]. */
static double
elapsed_share(TimestampTz start, TimestampTz end, TimestampTz as_of)
{
	uint64		elapsed,
				length;

	if (as_of <= start)
		return 0.0;
	if (as_of >= end)
		return 1.0;

	/*
	 * start < as_of < end.  A period across most of timestamptz's range is
	 * longer than INT64_MAX microseconds, so the int64 differences overflowed
	 * (to a negative share); as uint64 they are exact.  Converting
	 * 0 < elapsed < length to double keeps elapsed <= length, so the share
	 * stays in [0, 1].
	 */
	elapsed = (uint64) as_of - (uint64) start;
	length = (uint64) end - (uint64) start;
	return (double) elapsed / (double) length;
}

/*
 * A period's bounds; *end_inclusive says whether its upper bound is in it
 * ('[a,b]'), as tstzrange, a continuous range, keeps it.  The lower bound's
 * inclusivity changes nothing here: the elapsed share is 0 at start either way.
 */
static void
range_bounds(RangeType *range, TimestampTz *start, TimestampTz *end, bool *end_inclusive)
{
	TypeCacheEntry *typcache = lookup_type_cache(RangeTypeGetOid(range), TYPECACHE_RANGE_INFO);
	RangeBound	lower,
				upper;
	bool		empty;

	range_deserialize(typcache, range, &lower, &upper, &empty);
	if (empty || lower.infinite || upper.infinite ||
		TIMESTAMP_NOT_FINITE(DatumGetTimestampTz(lower.val)) ||
		TIMESTAMP_NOT_FINITE(DatumGetTimestampTz(upper.val)))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("a period must have finite start and end"),
				 errhint("Pass a range such as tstzrange('2026-07-01', '2026-10-01').")));
	*start = DatumGetTimestampTz(lower.val);
	*end = DatumGetTimestampTz(upper.val);
	*end_inclusive = upper.inclusive;
}

/*
 * The quarter's days, for a fiscal year starting in month fiscal_start (1:
 * the calendar year), from midnight to midnight in the session time zone.
 */
static void
quarter_bounds(int32 quarter, int fiscal_start, TimestampTz *start, TimestampTz *end)
{
	DateADT		first,
				next;
	int			start_overflow = 0,
				end_overflow = 0;

	okr_quarter_days(quarter, fiscal_start, &first, &next);
	/* a call clears its flag when it does not overflow: one flag each */
	*start = date2timestamptz_opt_overflow(first, &start_overflow);
	*end = date2timestamptz_opt_overflow(next, &end_overflow);
	if (start_overflow || end_overflow)
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("quarter out of range for timestamp")));
}

PG_FUNCTION_INFO_V1(expected_progress_range);
Datum
expected_progress_range(PG_FUNCTION_ARGS)
{
	TimestampTz start,
				end;
	bool		end_inclusive;

	range_bounds(PG_GETARG_RANGE_P(0), &start, &end, &end_inclusive);
	PG_RETURN_FLOAT8(elapsed_share(start, end, PG_GETARG_TIMESTAMPTZ(1)));
}

PG_FUNCTION_INFO_V1(expected_progress_quarter);
Datum
expected_progress_quarter(PG_FUNCTION_ARGS)
{
	TimestampTz start,
				end;

	quarter_bounds(PG_GETARG_QUARTER(0), 1, &start, &end);
	PG_RETURN_FLOAT8(elapsed_share(start, end, PG_GETARG_TIMESTAMPTZ(1)));
}

PG_FUNCTION_INFO_V1(expected_progress_quarter_fiscal);
Datum
expected_progress_quarter_fiscal(PG_FUNCTION_ARGS)
{
	int			fiscal_start = okr_fiscal_start(PG_GETARG_INT32(2));
	TimestampTz start,
				end;

	quarter_bounds(PG_GETARG_QUARTER(0), fiscal_start, &start, &end);
	PG_RETURN_FLOAT8(elapsed_share(start, end, PG_GETARG_TIMESTAMPTZ(1)));
}

/* on_track, at_risk or off_track: the score against the progress expected by now. */
static int
status_by_pace(double score, double expected)
{
	if (okr_at_least(score, expected - ON_TRACK_SLACK))
		return STATUS_ON_TRACK;
	if (okr_at_least(score, expected - AT_RISK_SLACK))
		return STATUS_AT_RISK;
	return STATUS_OFF_TRACK;
}

/*
 * Whether a period ending at end has ended at as_of: at or past an exclusive
 * end, past an inclusive one.
 */
static bool
period_ended(TimestampTz end, bool end_inclusive, TimestampTz as_of)
{
	return end_inclusive ? as_of > end : as_of >= end;
}

/*
 * The status of a score at as_of in the period from start to end: achieved at
 * score 1; once the period has ended anything short of that is missed;
 * before, on_track, at_risk or off_track by the pace.
 */
static int
status_of(double score, TimestampTz start, TimestampTz end, bool end_inclusive, TimestampTz as_of)
{
	if (okr_at_least(score, 1.0))
		return STATUS_ACHIEVED;
	if (period_ended(end, end_inclusive, as_of))
		return STATUS_MISSED;
	return status_by_pace(score, elapsed_share(start, end, as_of));
}

/* What status_common's third argument, the period, is. */
typedef enum
{
	PERIOD_RANGE,				/* a tstzrange */
	PERIOD_QUARTER,				/* a calendar quarter */
	PERIOD_FISCAL_QUARTER		/* a quarter, with fiscal_start_month as fifth argument */
} period_kind;

/*
 * status(kr, value, period, as_of [, fiscal_start_month]): called on NULL
 * input, since a NULL value means "not started" (or, once the period has
 * ended, "missed": a key result never measured in an ended quarter); NULL for
 * the other arguments gives NULL.  A fiscal_start_month outside 1 to 12, or a
 * period without finite bounds, is an error even when the value is NULL.
 */
static Datum
status_common(FunctionCallInfo fcinfo, period_kind kind)
{
	okr_key_result *kr = NULL;
	double		value = 0;
	int			fiscal_start = 1;
	int			status;
	TimestampTz start,
				end,
				as_of;
	bool		end_inclusive = false;	/* a quarter's end is the next quarter's first day */

	if (PG_ARGISNULL(0) || PG_ARGISNULL(2) || PG_ARGISNULL(3))
		PG_RETURN_NULL();
	if (kind == PERIOD_FISCAL_QUARTER)
	{
		if (PG_ARGISNULL(4))
			PG_RETURN_NULL();
		fiscal_start = okr_fiscal_start(PG_GETARG_INT32(4));
	}
	if (!PG_ARGISNULL(1))
		okr_require_finite(PG_GETARG_FLOAT8(1), "value");
	if (kind == PERIOD_RANGE)
		range_bounds(PG_GETARG_RANGE_P(2), &start, &end, &end_inclusive);
	else
		quarter_bounds(PG_GETARG_QUARTER(2), fiscal_start, &start, &end);
	as_of = PG_GETARG_TIMESTAMPTZ(3);
	if (PG_ARGISNULL(1))
		status = period_ended(end, end_inclusive, as_of) ? STATUS_MISSED : STATUS_NOT_STARTED;
	else
	{
		kr = PG_GETARG_KEY_RESULT_P(0);
		value = PG_GETARG_FLOAT8(1);
		status = status_of(okr_score(kr, value), start, end, end_inclusive, as_of);
	}

	/*
	 * Between installing this library and ALTER EXTENSION okrkpi UPDATE, the
	 * database's kr_status has no "missed" (0.3.0): answer as 0.2.0 did, by
	 * the pace of a period that is over (expected progress 1), so that views
	 * keep working until the update.
	 */
	if (status == STATUS_MISSED &&
		!okr_enum_has(fcinfo, "kr_status", status_labels, 6, STATUS_MISSED))
		status = PG_ARGISNULL(1) ? STATUS_NOT_STARTED : status_by_pace(okr_score(kr, value), 1.0);
	return okr_enum_value(fcinfo, "kr_status", status_labels, 6, status);
}

PG_FUNCTION_INFO_V1(status_range);
Datum
status_range(PG_FUNCTION_ARGS)
{
	return status_common(fcinfo, PERIOD_RANGE);
}

PG_FUNCTION_INFO_V1(status_quarter);
Datum
status_quarter(PG_FUNCTION_ARGS)
{
	return status_common(fcinfo, PERIOD_QUARTER);
}

PG_FUNCTION_INFO_V1(status_quarter_fiscal);
Datum
status_quarter_fiscal(PG_FUNCTION_ARGS)
{
	return status_common(fcinfo, PERIOD_FISCAL_QUARTER);
}

void
okr_require_finite(double value, const char *argument)
{
	if (isnan(value) || isinf(value))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 argument != NULL ?
				 errmsg("%s must be a finite number", argument) :
				 errmsg("a measured value must be a finite number"),
				 errhint("Remove NaN and infinite measurements, or filter them out with WHERE.")));
}

void
okr_require_quarter_step(double actual, double annual_target, int32 quarters_left)
{
	okr_require_finite(actual, "actual");
	okr_require_finite(annual_target, "annual_target");
	if (quarters_left < 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("quarters_left must be at least 1, not %d", quarters_left),
				 errhint("Count the quarter being planned: the last quarter before the target date has quarters_left = 1.")));
}

PG_FUNCTION_INFO_V1(quarter_target);
Datum
quarter_target(PG_FUNCTION_ARGS)
{
	double		actual = PG_GETARG_FLOAT8(0);
	double		annual_target = PG_GETARG_FLOAT8(1);
	int32		quarters_left = PG_GETARG_INT32(2);

	okr_require_quarter_step(actual, annual_target, quarters_left);
	PG_RETURN_FLOAT8(okr_quarter_target(actual, annual_target, quarters_left));
}

PG_FUNCTION_INFO_V1(tidy_float8);
Datum
tidy_float8(PG_FUNCTION_ARGS)
{
	PG_RETURN_FLOAT8(okr_tidy(PG_GETARG_FLOAT8(0)));
}
