/*
 * tidy_test.c: okr_tidy(), okr_at_least(), okr_at_most() and okr_grade_of()
 * of src/scoring.c, without a server.
 *
 * okr_tidy() must give what PostgreSQL's float8 -> numeric -> float8 gives:
 * the text "%.15g" prints (float8_numeric), read back by strtod (float8in).
 * That slow definition is the oracle here, over hand-picked values (float
 * noise, exact values, halfway cases, powers of ten) and over random values:
 * random bit patterns, random scores in [0, 1], and values a rounding step
 * away from a 16th digit 5, where a fast rounding goes wrong first.
 * Usage: tidy_test [values [seed]]
 */
#include "unit_check.h"
#include "../../src/scoring.h"

#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


/* The definition: 15 significant digits printed, then read back; numeric has no -0. */
static double
tidy_by_text(double x)
{
	char		text[64];
	double		result;

	snprintf(text, sizeof(text), "%.15g", x);
	result = strtod(text, NULL);
	return result == 0.0 ? 0.0 : result;
}

static int
same_bits(double a, double b)
{
	return memcmp(&a, &b, sizeof(double)) == 0;
}

static void
against_text(double x)
{
	double		fast = okr_tidy(x);
	double		slow = tidy_by_text(x);

	if (isinf(slow) && !isinf(x))
		slow = x;				/* rounded past the largest double: kept */
	if (isnan(x))
		CHECK(isnan(fast), "tidy(NaN) is %.17g", fast);
	else
		CHECK(same_bits(fast, slow), "tidy(%.17g) = %.17g, the text gives %.17g", x, fast, slow);
}

/* tidy(x) is exactly the double nearest to the decimal text expected. */
static void
example(double x, const char *expected)
{
	double		want = strtod(expected, NULL);

	CHECK(same_bits(okr_tidy(x), want), "tidy(%.17g) = %.17g, expected %s", x, okr_tidy(x), expected);
}

/* splitmix64: a small deterministic generator */
static uint64_t rng_state;

static uint64_t
next_u64(void)
{
	uint64_t	z = (rng_state += 0x9E3779B97F4A7C15ULL);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

int
main(int argc, char **argv)
{
	long		count = argc > 1 ? atol(argv[1]) : 1000000;

	rng_state = argc > 2 ? strtoull(argv[2], NULL, 0) : 20260701;

	/* float noise of the scoring functions, and values already exact */
	example(0.7499999999999997, "0.75");
	example(0.8149999999999998, "0.815");
	example(0.6999999999999996, "0.7");
	example(0.3999999999999999, "0.4");
	example(0.30000000000000004, "0.3");	/* 0.1 + 0.2 */
	example(0.75, "0.75");
	example(0.815, "0.815");
	example(1.0, "1");
	example(1.0 / 3.0, "0.333333333333333");
	example(2.0 / 3.0, "0.666666666666667");
	example(-0.7499999999999997, "-0.75");
	example(1e-300, "1e-300");
	example(5e-324, "4.94065645841247e-324");
	/* 15 digits of the largest doubles (1.79769313486232e308) lie beyond them: kept */
	CHECK(same_bits(okr_tidy(DBL_MAX), DBL_MAX) && same_bits(okr_tidy(-DBL_MAX), -DBL_MAX),
		  "tidy(DBL_MAX) is DBL_MAX");
	example(1.79769313486231e308, "1.79769313486231e308");
	example(123456789012345678.0, "123456789012346000");
	/* exactly halfway at the 16th digit: ties to even, as printf rounds */
	example(100000000000000.5, "100000000000000");
	example(100000000000001.5, "100000000000002");
	example(0.5, "0.5");
	CHECK(same_bits(okr_tidy(-0.0), 0.0), "tidy(-0) is 0");
	CHECK(okr_tidy(INFINITY) == INFINITY && okr_tidy(-INFINITY) == -INFINITY, "infinities pass through");
	CHECK(isnan(okr_tidy(NAN)), "NaN passes through");

	/* every power of ten in range, and its neighbours */
	for (int e = -323; e <= 308; e++)
	{
		char		text[16];
		double		p;

		snprintf(text, sizeof(text), "1e%d", e);
		p = strtod(text, NULL);
		against_text(p);
		against_text(nextafter(p, 0.0));
		against_text(nextafter(p, INFINITY));
	}

	for (long i = 0; i < count; i++)
	{
		uint64_t	bits = next_u64();
		double		x;
		char		text[40];

		/* any double */
		memcpy(&x, &bits, sizeof(x));
		against_text(x);
		/* a score */
		x = (double) (next_u64() >> 11) / 9007199254740992.0;
		against_text(x);
		/* 16 digits ending in 5 (a tie on paper), and the doubles next to it */
		snprintf(text, sizeof(text), "%015llu5e%d",
				 (unsigned long long) (next_u64() % 900000000000000ULL + 100000000000000ULL),
				 (int) (next_u64() % 40) - 30);
		x = strtod(text, NULL);
		against_text(x);
		against_text(nextafter(x, 0.0));
		against_text(nextafter(x, INFINITY));
	}

	/* the boundary slack: 1e-9 relative, at least 1e-9 absolute */
	CHECK(okr_at_least(0.6999999999999996, 0.7), "0.6999999999999996 is at least 0.7");
	CHECK(!okr_at_least(0.699999998, 0.7), "0.699999998 is not at least 0.7");
	CHECK(okr_at_most(0.2000000000000002, 0.2), "2.2 - 2 is at most 0.1 x 2");
	CHECK(!okr_at_most(0.200000002, 0.2), "0.200000002 is not at most 0.2");
	CHECK(okr_at_least(1e12 - 999, 1e12) && !okr_at_least(1e12 - 1001, 1e12),
		  "relative to the bound beyond 1: 1e12 allows 1000");
	CHECK(okr_grade_of(0.6999999999999996) == OKR_GREEN, "(2.12 - 2.4) / (2 - 2.4) is green");
	CHECK(okr_grade_of(0.3999999999999999) == OKR_YELLOW, "(1.5 - 1.1) / (2.1 - 1.1) is yellow");
	CHECK(okr_grade_of(0.399) == OKR_RED && okr_grade_of(0.0) == OKR_RED, "below 0.4 is red");
	CHECK(okr_grade_of(0.69) == OKR_YELLOW && okr_grade_of(0.4) == OKR_YELLOW, "0.4 to 0.7 is yellow");
	CHECK(okr_grade_of(0.7) == OKR_GREEN && okr_grade_of(1.0) == OKR_GREEN, "from 0.7 green");

	return unit_summary("tidy");
}
