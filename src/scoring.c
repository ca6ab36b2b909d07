/*
 * scoring.c: progress, score and KPI health (see scoring.h).
 */
#include "scoring.h"

#include <math.h>
#include <stdint.h>
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

/*
 * value rounded to decimals decimals in base units.  snprintf rounds the
 * exact binary value, so this is a true decimal rounding (a tie to even).
 * Returns 0 when the text would not fit.
 */
static int
round_decimals(double value, int decimals, double *out)
{
	char		text[1024];		/* 309 integer digits and some 330 decimals at most */
	int			len = snprintf(text, sizeof(text), "%.*f", decimals, value);

	if (len <= 0 || (size_t) len >= sizeof(text))
		return 0;
	*out = strtod(text, NULL);
	if (*out == 0.0)
		*out = 0.0;				/* no -0 */
	return 1;
}

/*
 * One end of the next plan, as the old plan's end (written) was written: in
 * the unit the type prints written in (k, M, B; min, h, d, w), to hundredths
 * of it, the finest the type prints there; a value too small for that unit
 * goes to the next smaller one.  Milestones are whole.  Written in plain
 * digits, a start stays the actual value and a target is rounded to
 * plain_decimals.  Returns 0 when value is to be kept as it is.
 */
static int
round_end(double value, double written, okr_unit unit, int is_start, int plain_decimals, double *out)
{
	okr_scale	scale;

	if (unit == OKR_UNIT_MILESTONES)
		return round_decimals(value, 0, out);
	scale = okr_scale_for(value, unit, okr_printed_scale(written, unit));
	if (!OKR_SCALE_IS_PLAIN(scale))
		return okr_round_in_scale(value, scale, 2, out);
	if (is_start)
		return 0;
	return round_decimals(value, plain_decimals, out);
}

/* Whether start -> target heads from actual towards annual_target, ending at most there. */
static int
keeps_course(double start, double target, double actual, double annual_target)
{
	if (annual_target > actual)
		return start < target && target <= annual_target;
	return start > target && target >= annual_target;
}

okr_status
okr_carry_forward(const okr_key_result *plan, double actual, double annual_target,
				  int quarters_left, okr_double_formatter format_double,
				  okr_key_result *out, okr_error *error)
{
	okr_unit	unit = (okr_unit) plan->unit;
	double		exact = okr_quarter_target(actual, annual_target, quarters_left);
	int			decimals = printed_decimals(annual_target, format_double);
	double		start = actual,
				target = exact;
	double		rounded_start = actual,
				rounded_target = exact;
	double		pairs[5][2];
	int			npairs = 0;
	okr_key_result kr;
	okr_status	status;

	if (printed_decimals(plan->start, format_double) > decimals)
		decimals = printed_decimals(plan->start, format_double);
	if (printed_decimals(plan->target, format_double) > decimals)
		decimals = printed_decimals(plan->target, format_double);

	/*
	 * In plain digits, one decimal more than the plan and annual target were
	 * written with: 35.1 rather than 35.13333333333333, yet a step finer than
	 * the plan's own values.  Money is counted in whole units or cents: whole
	 * units when the plan and annual target are whole, else cents (or their
	 * own decimals, beyond two).  actual is not counted: it is a measurement,
	 * often with more digits than the plan.
	 */
	if (unit >= OKR_UNIT_DOLLAR && unit <= OKR_UNIT_YEN)
		decimals = decimals == 0 ? 0 : decimals < 2 ? 2 : decimals;
	else
		decimals++;
	(void) round_end(actual, plan->start, unit, 1, decimals, &rounded_start);
	(void) round_end(exact, plan->target, unit, 0, decimals, &rounded_target);

	/*
	 * The candidates, most rounded first: both ends rounded; for milestones
	 * one whole milestone on from the rounded start; the rounded start with
	 * the exact target; the actual start with the rounded target; both
	 * unrounded.  The first that heads from its start towards the annual
	 * target, and not past it, is taken: rounding never makes the plan stand
	 * still, turn or overshoot.
	 */
	pairs[npairs][0] = rounded_start, pairs[npairs++][1] = rounded_target;
	if (unit == OKR_UNIT_MILESTONES)
		pairs[npairs][0] = rounded_start, pairs[npairs++][1] = rounded_start + (annual_target > actual ? 1 : -1);
	pairs[npairs][0] = rounded_start, pairs[npairs++][1] = exact;
	pairs[npairs][0] = actual, pairs[npairs++][1] = rounded_target;
	pairs[npairs][0] = actual, pairs[npairs++][1] = exact;
	for (int i = 0; i < npairs; i++)
		if (keeps_course(pairs[i][0], pairs[i][1], actual, annual_target))
		{
			start = pairs[i][0];
			target = pairs[i][1];
			break;
		}

	memset(&kr, 0, sizeof(kr));
	kr.start = start;
	kr.target = target;
	kr.unit = (uint8_t) unit;
	/* target = actual when actual is at the annual target: not a key result */
	if ((status = okr_check_key_result(&kr, error)) != OKR_OK)
		return status;
	*out = kr;
	return OKR_OK;
}

/* The slack allowed at bound: OKR_BOUNDARY_EPSILON relative, at least that much absolute. */
static double
boundary_slack(double bound)
{
	return OKR_BOUNDARY_EPSILON * fmax(1.0, fabs(bound));
}

int
okr_at_least(double x, double bound)
{
	return x >= bound - boundary_slack(bound);
}

int
okr_at_most(double x, double bound)
{
	return x <= bound + boundary_slack(bound);
}

okr_grade
okr_grade_of(double score)
{
	if (!okr_at_least(score, OKR_GRADE_YELLOW))
		return OKR_RED;
	if (!okr_at_least(score, OKR_GRADE_GREEN))
		return OKR_YELLOW;
	return OKR_GREEN;
}

/* 1e0 to 1e22: every power of ten that a double holds exactly. */
static const double exact_powers_of_ten[] = {
	1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
	1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22
};

#define TIDY_DIGITS 15
#define TIDY_LOW 1e14			/* 10^(TIDY_DIGITS - 1) */
#define TIDY_HIGH 1e15			/* 10^TIDY_DIGITS */

/* The rounding error of x x 10^k (0 <= k <= 22: 10^k is exact): x x 10^k - hi exactly. */
static double
scaling_error(double x, int k, double hi)
{
	return fma(x, exact_powers_of_ten[k], -hi);
}

double
okr_tidy(double x)
{
	double		a = fabs(x);
	double		hi,
				rounded,
				result;
	uint64_t	bits;
	int			binary_exponent;
	int			k;

	if (x == 0.0)
		return 0.0;				/* numeric has no -0 */
	if (isnan(x) || isinf(x))
		return x;

	/*
	 * a lies in [2^(e-1), 2^e); floor((e - 1) log10 2) is its decimal
	 * exponent or one less.  Scaled by 10^k, the 15 significant digits are
	 * the integer part of a value in [1e14, 1e15).  hi is that value rounded
	 * to a double; the exact one, hi + scaling_error(), is needed only where
	 * hi lies on a bound or halfway between integers.
	 */
	/* frexp()'s exponent, read from the bits: a subnormal a gives k > 22 */
	memcpy(&bits, &a, sizeof(bits));
	binary_exponent = (int) ((bits >> 52) & 0x7FF) - 1022;
	k = TIDY_DIGITS - 1 - (int) floor((binary_exponent - 1) * 0.30102999566398120);
	if (k >= 0 && k <= 22)
	{
		hi = a * exact_powers_of_ten[k];
		if (hi > TIDY_HIGH || (hi == TIDY_HIGH && scaling_error(a, k, hi) >= 0.0))
		{
			if (--k >= 0)
				hi = a * exact_powers_of_ten[k];
		}
		if (k >= 0 && (hi > TIDY_LOW || (hi == TIDY_LOW && scaling_error(a, k, hi) >= 0.0)))
		{
			/*
			 * Round the exact value to an integer as printf does: to nearest,
			 * ties to even.  hi < 2^53 has ulp <= 1/8 here, so hi - rint(hi)
			 * is exact; the exact value lies within ulp / 2 of hi, so it
			 * rounds as hi does unless hi lies halfway, where the error's
			 * sign decides (and a zero error leaves the tie to even).
			 */
			rounded = rint(hi);
			if (fabs(hi - rounded) == 0.5)
			{
				double		error = scaling_error(a, k, hi);

				if (error != 0.0)
					rounded = error > 0.0 ? ceil(hi) : floor(hi);
			}
			/* both exact: one correctly rounded division, as strtod rounds */
			result = rounded / exact_powers_of_ten[k];
			return x < 0.0 ? -result : result;
		}
	}

	/* below 1e-8 or from 1e15 up: rare for a score, done the long way */
	{
		char		text[32];

		snprintf(text, sizeof(text), "%.*g", TIDY_DIGITS, x);
		result = strtod(text, NULL);
		/* 1.79769313486232e308, past the largest double: keep that one */
		if (isinf(result))
			return x;
		return result == 0.0 ? 0.0 : result;
	}
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
	return okr_at_most(miss, allowed) ? OKR_AT_RISK : OKR_UNHEALTHY;
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
