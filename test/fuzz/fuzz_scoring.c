/*
 * fuzz_scoring.c: libFuzzer target for src/scoring.c on parsed values.
 *
 * Input: three lines, "VALUE\nTOLERANCE\nLITERAL".  VALUE and TOLERANCE go
 * through strtod, so any double is reachable (nan, inf, 0x1p-1074) while
 * the seeds stay readable; LITERAL is tried as a key_result and as a kpi.
 */
#include "fuzz.h"
#include "scoring.h"

/* strtod of one line; *p moves past the line. */
static double
read_double_line(char **p)
{
	char	   *end = strchr(*p, '\n');
	double		value;

	if (end)
		*end = '\0';
	value = strtod(*p, NULL);
	*p = end ? end + 1 : *p + strlen(*p);
	return value;
}

static void
check_score(const okr_key_result *kr, double value)
{
	double		progress,
				score;

	if (!isfinite(value))
		return;					/* NaN in, NaN out is the caller's business */
	progress = okr_progress(kr, value);
	score = okr_score(kr, value);
	FUZZ_CHECK(!isnan(progress));
	FUZZ_CHECK(!isnan(score));
	FUZZ_CHECK(score >= 0.0 && score <= 1.0);
	/* the score is the clamped progress */
	FUZZ_CHECK(score == (progress < 0.0 ? 0.0 : progress > 1.0 ? 1.0 : progress));
}

/* Moving value toward the target never lowers the score. */
static void
check_score_order(const okr_key_result *kr, double a, double b)
{
	double		low = fmin(a, b),
				high = fmax(a, b);

	if (!isfinite(a) || !isfinite(b))
		return;
	if (kr->target > kr->start)
		FUZZ_CHECK(okr_score(kr, low) <= okr_score(kr, high));
	else
		FUZZ_CHECK(okr_score(kr, low) >= okr_score(kr, high));
}

static void
check_key_result(const okr_key_result *kr, double value)
{
	check_score(kr, value);
	check_score_order(kr, value, kr->start);
	check_score_order(kr, value, kr->target);
	if (kr->has_current)
		check_score_order(kr, value, kr->current);
	check_score(kr, kr->start);
	check_score(kr, kr->target);
	if (kr->has_current)
		check_score(kr, kr->current);
	FUZZ_CHECK(okr_score(kr, kr->start) == 0.0);
	FUZZ_CHECK(okr_score(kr, kr->target) == 1.0);
}

static void
check_health(const okr_kpi *kpi, double value, double tolerance)
{
	okr_health	health = okr_kpi_health(kpi, value, tolerance);

	/* any doubles, NaN included, give one of the three */
	FUZZ_CHECK(health == OKR_HEALTHY || health == OKR_AT_RISK || health == OKR_UNHEALTHY);
	if (!isfinite(value))
		return;
	FUZZ_CHECK((health == OKR_HEALTHY) == (okr_meets(kpi, value) != 0));
	if (isfinite(tolerance) && tolerance >= 0.0 && isfinite(tolerance * 2))
	{
		/* more tolerance never makes the health worse */
		okr_health	looser = okr_kpi_health(kpi, value, tolerance * 2);

		FUZZ_CHECK(looser <= health);
	}
}

/*
 * Further from the bound on the failing side never gives better health.
 * (okr_health is ordered healthy < at_risk < unhealthy.)
 */
static void
check_health_order(const okr_kpi *kpi, double a, double b, double tolerance)
{
	double		low = fmin(a, b),
				high = fmax(a, b);
	okr_health	h_low,
				h_high;

	if (!isfinite(a) || !isfinite(b))
		return;
	h_low = okr_kpi_health(kpi, low, tolerance);
	h_high = okr_kpi_health(kpi, high, tolerance);
	switch (kpi->comparison)
	{
		case OKR_CMP_GE:
		case OKR_CMP_GT:
			FUZZ_CHECK(h_low >= h_high);
			break;
		case OKR_CMP_LE:
		case OKR_CMP_LT:
			FUZZ_CHECK(h_low <= h_high);
			break;
		default:
			/* a band: monotone on each side of it */
			if (high <= kpi->lower)
				FUZZ_CHECK(h_low >= h_high);
			else if (low >= kpi->upper)
				FUZZ_CHECK(h_low <= h_high);
			break;
	}
}

static void
check_kpi(const okr_kpi *kpi, double value, double tolerance)
{
	check_health(kpi, value, tolerance);
	if (kpi->has_current)
		check_health_order(kpi, value, kpi->current, tolerance);
	check_health_order(kpi, value, kpi->lower, tolerance);
	check_health_order(kpi, value, kpi->upper, tolerance);
	check_health(kpi, value, OKR_DEFAULT_TOLERANCE);
	if (kpi->has_current)
		check_health(kpi, kpi->current, tolerance);
	switch (kpi->comparison)
	{
		case OKR_CMP_GE:
			FUZZ_CHECK(okr_kpi_health(kpi, kpi->lower, tolerance) == OKR_HEALTHY);
			break;
		case OKR_CMP_LE:
			FUZZ_CHECK(okr_kpi_health(kpi, kpi->upper, tolerance) == OKR_HEALTHY);
			break;
		case OKR_CMP_GT:
			/* missed by nothing: at risk whatever the (sane) tolerance */
			if (isfinite(tolerance) && tolerance >= 0.0)
				FUZZ_CHECK(okr_kpi_health(kpi, kpi->lower, tolerance) == OKR_AT_RISK);
			break;
		case OKR_CMP_LT:
			if (isfinite(tolerance) && tolerance >= 0.0)
				FUZZ_CHECK(okr_kpi_health(kpi, kpi->upper, tolerance) == OKR_AT_RISK);
			break;
		default:
			/* a band includes both ends */
			FUZZ_CHECK(okr_kpi_health(kpi, kpi->lower, tolerance) == OKR_HEALTHY);
			FUZZ_CHECK(okr_kpi_health(kpi, kpi->upper, tolerance) == OKR_HEALTHY);
			break;
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	   *input = fuzz_cstring(data, size);
	char	   *p = input;
	double		value = read_double_line(&p);
	double		tolerance = read_double_line(&p);
	okr_key_result kr;
	okr_kpi		kpi;

	if (okr_parse_key_result(p, &kr, NULL) == OKR_OK)
		check_key_result(&kr, value);
	if (okr_parse_kpi(p, &kpi, NULL) == OKR_OK)
		check_kpi(&kpi, value, tolerance);
	free(input);
	return 0;
}
