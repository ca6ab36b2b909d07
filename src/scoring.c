/*
 * scoring.c: progress, score and KPI health (see scoring.h).
 */
#include "scoring.h"

#include <math.h>

double
okr_progress(const okr_key_result *kr, double value)
{
	double		span = kr->target - kr->start;
	double		moved = value - kr->start;

	/* start != target is an invariant of every key_result value */
	if (isinf(span) || isinf(moved))
	{
		/* differences of values near DBL_MAX overflow; halves do not */
		span = kr->target / 2 - kr->start / 2;
		moved = value / 2 - kr->start / 2;
	}
	return moved / span;
}

double
okr_score(const okr_key_result *kr, double value)
{
	double		progress = okr_progress(kr, value);

	if (progress < 0.0)
		return 0.0;
	if (progress > 1.0)
		return 1.0;
	return progress;
}

double
okr_quarter_target(double actual, double annual_target, int quarters_left)
{
	double		step = (annual_target - actual) / quarters_left;
	double		result;

	if (isinf(step))
	{
		/* the difference of values near DBL_MAX overflows; halves do not */
		step = (annual_target / 2 - actual / 2) / quarters_left;
		result = actual + step + step;
	}
	else
		result = actual + step;

	/*
	 * 1 / quarters_left is in (0, 1], so the exact result lies between actual
	 * and annual_target and fits float8; keep rounding (at worst one step
	 * past DBL_MAX) from leaving that interval.
	 */
	return fmin(fmax(result, fmin(actual, annual_target)), fmax(actual, annual_target));
}

int
okr_meets(const okr_kpi *kpi, double value)
{
	switch (kpi->comparison)
	{
		case OKR_CMP_GE:
			return value >= kpi->lower;
		case OKR_CMP_GT:
			return value > kpi->lower;
		case OKR_CMP_LE:
			return value <= kpi->upper;
		case OKR_CMP_LT:
			return value < kpi->upper;
		default:
			return value >= kpi->lower && value <= kpi->upper;
	}
}

okr_health
okr_kpi_health(const okr_kpi *kpi, double value, double tolerance)
{
	double		miss;
	double		allowed;

	if (okr_meets(kpi, value))
		return OKR_HEALTHY;

	switch (kpi->comparison)
	{
		case OKR_CMP_GE:
		case OKR_CMP_GT:
			miss = kpi->lower - value;
			allowed = tolerance * fabs(kpi->lower);
			break;
		case OKR_CMP_LE:
		case OKR_CMP_LT:
			miss = value - kpi->upper;
			allowed = tolerance * fabs(kpi->upper);
			break;
		default:
			miss = value < kpi->lower ? kpi->lower - value : value - kpi->upper;
			allowed = tolerance * (kpi->upper - kpi->lower);
			break;
	}
	/*
	 * "At most" is inclusive.  Decimal literals are inexact in binary
	 * (2.2 - 2 > 0.1 x 2), so allow a relative slack far below any
	 * meaningful difference.
	 */
	return miss <= allowed + OKR_BOUNDARY_EPSILON * fmax(1.0, fabs(allowed)) ?
		OKR_AT_RISK : OKR_UNHEALTHY;
}

const char *
okr_health_name(okr_health health)
{
	switch (health)
	{
		case OKR_HEALTHY:
			return "healthy";
		case OKR_AT_RISK:
			return "at_risk";
		default:
			return "unhealthy";
	}
}
