/*
 * scoring.c: progress, score and KPI health (see scoring.h).
 */
#include "scoring.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
	/* 0 / -5 is -0, which prints as "-0": no progress is plain 0 */
	if (moved == 0.0)
		return 0.0;
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

/* Digits after the decimal point of value as format_double writes it ("1.5e-05" has 6). */
static int
printed_decimals(double value, okr_double_formatter format_double)
{
	char		text[OKR_DOUBLE_BUFSIZE];
	const char *exponent;
	const char *point;
	int			decimals = 0;

	format_double(value, text);
	exponent = strpbrk(text, "eE");
	point = strchr(text, '.');
	if (point != NULL)
		decimals = (int) ((exponent ? exponent : text + strlen(text)) - point - 1);
	if (exponent != NULL)
		decimals -= atoi(exponent + 1);
	return decimals > 0 ? decimals : 0;
}

okr_status
okr_carry_forward(const okr_key_result *plan, double actual, double annual_target,
				  int quarters_left, okr_double_formatter format_double,
				  okr_key_result *out, okr_error *error)
{
	double		exact = okr_quarter_target(actual, annual_target, quarters_left);
	double		target = exact;
	int			decimals = printed_decimals(annual_target, format_double);
	char		text[1024];		/* 309 integer digits and some 330 decimals at most */
	int			len;
	okr_key_result kr;
	okr_status	status;

	if (printed_decimals(plan->start, format_double) > decimals)
		decimals = printed_decimals(plan->start, format_double);
	if (printed_decimals(plan->target, format_double) > decimals)
		decimals = printed_decimals(plan->target, format_double);

	/*
	 * One decimal more than the plan was written with: 35.1 rather than
	 * 35.13333333333333, yet a step finer than the plan's own values.
	 * snprintf rounds the exact binary value, so this is a true decimal
	 * rounding.  actual is not counted: it is a measurement, often with
	 * more digits than the plan.  So the rounded target can fall on the
	 * start or behind it (actual 30.24 towards 31 in 1000 quarters gives
	 * 30.2): then the plan would not move or move backwards, and the exact
	 * target stays.  Rounding never passes annual_target, which has fewer
	 * decimals; the check is there all the same.
	 */
	len = snprintf(text, sizeof(text), "%.*f", decimals + 1, exact);
	if (len > 0 && (size_t) len < sizeof(text))
	{
		double		rounded = strtod(text, NULL);

		if (annual_target > actual ? (rounded > actual && rounded <= annual_target) :
			(rounded < actual && rounded >= annual_target))
			target = rounded;
	}

	memset(&kr, 0, sizeof(kr));
	kr.start = actual;
	kr.target = target;
	kr.unit = plan->unit;
	/* target = actual when actual is at the annual target: not a key result */
	if ((status = okr_check_key_result(&kr, error)) != OKR_OK)
		return status;
	*out = kr;
	return OKR_OK;
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
