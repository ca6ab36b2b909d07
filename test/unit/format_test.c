/*
 * format_test.c: the text output of key_result and kpi, without a server.
 *
 * Checks the documented examples both ways (value -> text, text -> value) and,
 * over random values of every unit and magnitude, that formatting then parsing
 * gives back bit-identical structs, that the text fits where the old form did,
 * and that "nice" values (N.NN of a unit) print in that unit or a larger one.
 * Usage: format_test [values [seed]]
 */
#include "unit_check.h"
#include "../../src/literal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


/* The longest value the old form could print: sign, 3-byte currency sign, 24 digits and exponent, unit. */
#define OLD_VALUE_MAX (1 + 3 + 24 + 1)

/* The old form of one value (float8 digits with unit), for comparing lengths. */
static size_t
old_value_length(double value, okr_unit unit)
{
	char		digits[OKR_DOUBLE_BUFSIZE];
	size_t		len = (size_t) shortest_double(value, digits);

	if (unit >= OKR_UNIT_DOLLAR && unit <= OKR_UNIT_YEN)
		len += strlen(okr_unit_name(unit));
	else if (unit == OKR_UNIT_PERCENT || unit == OKR_UNIT_SECONDS)
		len += 1;
	return len;
}

/* One value alone: the text of ">= value" after ">= ". */
static const char *
value_text(double value, okr_unit unit, char *buf)
{
	okr_kpi		kpi = {.lower = value, .comparison = OKR_CMP_GE, .unit = (uint8_t) unit};

	okr_format_kpi(&kpi, buf, shortest_double);
	return buf + 3;
}

static int
same_bits(const void *a, const void *b, size_t n)
{
	return memcmp(a, b, n) == 0;
}

/* An example both ways: value prints as text, and text reads as value. */
static void
example(okr_unit unit, double value, const char *text)
{
	char		buf[OKR_FORMAT_BUFSIZE];
	char		input[OKR_FORMAT_BUFSIZE];
	okr_kpi		kpi;
	okr_error	error;

	CHECK(strcmp(value_text(value, unit, buf), text) == 0,
		  "%.17g (unit \"%s\") printed \"%s\", expected \"%s\"", value, okr_unit_name(unit), buf + 3, text);
	snprintf(input, sizeof(input), ">= %s", text);
	CHECK(okr_parse_kpi(input, &kpi, &error) == OKR_OK && kpi.unit == unit && same_bits(&kpi.lower, &value, sizeof(double)),
		  "\"%s\" did not read as %.17g", text, value);
}

/* A whole key result literal both ways. */
static void
example_key_result(const char *text, double start, double target, okr_unit unit)
{
	okr_key_result kr;
	okr_error	error;
	char		buf[OKR_FORMAT_BUFSIZE];

	CHECK(okr_parse_key_result(text, &kr, &error) == OKR_OK && kr.start == start && kr.target == target && kr.unit == unit,
		  "\"%s\" did not read as %.17g -> %.17g", text, start, target);
	okr_format_key_result(&kr, buf, shortest_double);
	CHECK(strcmp(buf, text) == 0, "\"%s\" printed as \"%s\"", text, buf);
}

static void
examples(void)
{
	example_key_result("6h -> 45min", 21600, 2700, OKR_UNIT_SECONDS);
	example_key_result("$2M -> $3M", 2e6, 3e6, OKR_UNIT_DOLLAR);
	example_key_result("0 -> 4 milestones @ 1", 0, 4, OKR_UNIT_MILESTONES);
	example_key_result("73% -> 75% @ 74%", 73, 75, OKR_UNIT_PERCENT);

	/* durations: the largest unit with at most two decimals and at least 1 */
	example(OKR_UNIT_SECONDS, 21600, "6h");
	example(OKR_UNIT_SECONDS, 2700, "45min");
	example(OKR_UNIT_SECONDS, 5400, "1.5h");
	example(OKR_UNIT_SECONDS, 864000, "10d");
	example(OKR_UNIT_SECONDS, 7313, "7313s");
	example(OKR_UNIT_SECONDS, 0, "0s");
	example(OKR_UNIT_SECONDS, -21600, "-6h");
	example(OKR_UNIT_SECONDS, -7313, "-7313s");
	example(OKR_UNIT_SECONDS, 604800, "1w");
	example(OKR_UNIT_SECONDS, 1209600, "2w");
	example(OKR_UNIT_SECONDS, 3960, "1.1h");
	example(OKR_UNIT_SECONDS, 60, "1min");
	example(OKR_UNIT_SECONDS, 90, "1.5min");
	example(OKR_UNIT_SECONDS, 30, "30s");
	example(OKR_UNIT_SECONDS, 36, "36s");
	example(OKR_UNIT_SECONDS, 0.5, "0.5s");
	example(OKR_UNIT_SECONDS, 5400.5, "5400.5s");
	example(OKR_UNIT_SECONDS, 1e300, "1e+300s");
	example(OKR_UNIT_SECONDS, 1e-300, "1e-300s");

	/* plain numbers and money: k, M, B from 10000 up */
	example(OKR_UNIT_NONE, 2000000, "2M");
	example(OKR_UNIT_NONE, 2350000, "2.35M");
	example(OKR_UNIT_NONE, 12500, "12.5k");
	example(OKR_UNIT_NONE, 2345678, "2345678");
	example(OKR_UNIT_NONE, 1500, "1500");
	example(OKR_UNIT_NONE, 1005, "1005");
	example(OKR_UNIT_NONE, 1005000, "1005k");
	example(OKR_UNIT_NONE, 9999, "9999");
	example(OKR_UNIT_NONE, 10000, "10k");
	example(OKR_UNIT_NONE, 50000, "50k");
	example(OKR_UNIT_NONE, 1e9, "1B");
	example(OKR_UNIT_NONE, 1e14, "100000B");
	example(OKR_UNIT_NONE, 1e15, "1e+15");
	example(OKR_UNIT_NONE, 1e200, "1e+200");
	example(OKR_UNIT_NONE, -2350000, "-2.35M");
	example(OKR_UNIT_NONE, 0.1, "0.1");
	example(OKR_UNIT_NONE, 0, "0");
	example(OKR_UNIT_DOLLAR, 2000000, "$2M");
	example(OKR_UNIT_DOLLAR, -2000000, "-$2M");
	example(OKR_UNIT_DOLLAR, 0, "$0");
	example(OKR_UNIT_EURO, 2500000, "\xE2\x82\xAC" "2.5M");
	example(OKR_UNIT_YEN, 1e9, "\xC2\xA5" "1B");

	/* percentages keep their digits */
	example(OKR_UNIT_PERCENT, 12500, "12500%");
	example(OKR_UNIT_PERCENT, 2000000, "2000000%");
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

static uint64_t
below(uint64_t n)
{
	return next_u64() % n;
}

static double
uniform(void)
{
	return (double) (next_u64() >> 11) / 9007199254740992.0;
}

/* Units to print in, with the unit and the parser's text for them. */
static const struct
{
	okr_unit	unit;
	const char *suffix;
	double		size;
}			nice_units[] = {
	{OKR_UNIT_SECONDS, "s", 1}, {OKR_UNIT_SECONDS, "min", 60}, {OKR_UNIT_SECONDS, "h", 3600},
	{OKR_UNIT_SECONDS, "d", 86400}, {OKR_UNIT_SECONDS, "w", 604800},
	{OKR_UNIT_NONE, "", 1}, {OKR_UNIT_NONE, "k", 1e3}, {OKR_UNIT_NONE, "M", 1e6}, {OKR_UNIT_NONE, "B", 1e9},
	{OKR_UNIT_DOLLAR, "k", 1e3}, {OKR_UNIT_EURO, "M", 1e6}, {OKR_UNIT_POUND, "B", 1e9},
};
#define NICE_UNITS (sizeof(nice_units) / sizeof(nice_units[0]))

/* The size of the unit a value's text is written in. */
static double
printed_unit_size(const char *text)
{
	size_t		len = strlen(text);
	const char *end = text + len;

	if (len >= 3 && strcmp(end - 3, "min") == 0)
		return 60;
	switch (end[-1])
	{
		case 'w':
			return 604800;
		case 'd':
			return 86400;
		case 'h':
			return 3600;
		case 'k':
			return 1e3;
		case 'M':
			return 1e6;
		case 'B':
			return 1e9;
		default:
			return 1;
	}
}

/* Random value; *nice_size is set (else 0) when it was read from "N.NN<unit>". */
static double
random_value(okr_unit *unit, double *nice_size)
{
	double		v;
	okr_unit	units[] = {OKR_UNIT_NONE, OKR_UNIT_PERCENT, OKR_UNIT_DOLLAR, OKR_UNIT_EURO,
	OKR_UNIT_POUND, OKR_UNIT_YEN, OKR_UNIT_SECONDS, OKR_UNIT_MILESTONES};

	*unit = units[below(8)];
	*nice_size = 0;
	switch (below(6))
	{
		case 0:					/* any finite double */
			do
			{
				uint64_t	bits = next_u64();

				memcpy(&v, &bits, sizeof(v));
			} while (!isfinite(v));
			return v;
		case 1:					/* random digits at a random magnitude */
			return (uniform() * 10) * pow(10, (double) below(40) - 20) * (below(2) ? -1 : 1);
		case 2:					/* integers */
			return (double) (int64_t) (next_u64() >> below(64)) * (below(2) ? -1 : 1);
		case 3:					/* k * 0.01 * unit, as the parser reads "N.NN<unit>" */
			{
				int			k = (int) below(NICE_UNITS);
				char		text[80];
				okr_kpi		kpi;
				uint64_t	cents = next_u64() >> (13 + below(51));

				snprintf(text, sizeof(text), ">= %s%s%llu.%02llu%s", below(2) ? "-" : "",
						 nice_units[k].unit == OKR_UNIT_DOLLAR ? "$" : nice_units[k].unit == OKR_UNIT_EURO ? "\xE2\x82\xAC" :
						 nice_units[k].unit == OKR_UNIT_POUND ? "\xC2\xA3" : "",
						 (unsigned long long) (cents / 100), (unsigned long long) (cents % 100), nice_units[k].suffix);
				if (okr_parse_kpi(text, &kpi, NULL) != OKR_OK)
				{
					printf("FAIL: generated \"%s\" does not parse\n", text);
					failed++;
					return 0;
				}
				*unit = nice_units[k].unit;
				*nice_size = nice_units[k].size;
				return kpi.lower;
			}
		case 4:					/* k * 0.01 * unit, multiplied in binary */
			{
				int			k = (int) below(NICE_UNITS);

				*unit = nice_units[k].unit;
				return (double) (next_u64() >> (13 + below(51))) * 0.01 * nice_units[k].size * (below(2) ? -1 : 1);
			}
		default:				/* around the thresholds: 1 unit, 10000, 1e15 */
			{
				double		edges[] = {60, 3600, 86400, 604800, 1e4, 1e6, 1e9, 1e15};
				double		e = edges[below(8)];

				v = e + ((double) below(201) - 100) * (below(2) ? 1 : 0.01);
				return below(4) == 0 ? nextafter(e, below(2) ? 0 : INFINITY) : v;
			}
	}
}

static long literal_values,
			values_checked,
			new_longer,
			max_longer,
			nice_checked;
static char max_longer_text[OKR_FORMAT_BUFSIZE];

/* One value alone: length, round trip, and the unit of a nice value. */
static void
check_one_value(double value, okr_unit unit, double nice_size)
{
	char		buf[OKR_FORMAT_BUFSIZE];
	const char *text;
	long		longer;
	okr_kpi		kpi;
	double		a = fabs(value);

	if (unit == OKR_UNIT_MILESTONES)
		return;
	if (value == 0)
		value = 0;				/* the checks turn -0 into 0 */
	text = value_text(value, unit, buf);
	CHECK(strlen(text) <= OLD_VALUE_MAX, "%.17g printed \"%s\", longer than the old form allowed", value, text);
	longer = (long) strlen(text) - (long) old_value_length(value, unit);
	if (longer > 0)
		new_longer++;
	if (longer > max_longer)
	{
		max_longer = longer;
		snprintf(max_longer_text, sizeof(max_longer_text), "%.17g printed \"%s\"", value, text);
	}
	CHECK(okr_parse_kpi(buf, &kpi, NULL) == OKR_OK && same_bits(&kpi.lower, &value, sizeof(double)),
		  "%.17g printed \"%s\", which does not read back", value, text);
	values_checked++;

	/* a unit word or suffix only on digits >= 1 with at most two decimals, below 1e15 */
	if (printed_unit_size(text) > 1)
	{
		const char *digits = text + strspn(text, "-$\xE2\x82\xAC\xC2\xA3\xA5");
		size_t		whole = strspn(digits, "0123456789");
		size_t		decimals = digits[whole] == '.' ? strspn(digits + whole + 1, "0123456789") : 0;

		CHECK(digits[0] != '0' && whole > 0 && (digits[whole] != '.' || (decimals >= 1 && decimals <= 2)) &&
			  a < 1e15 && (unit == OKR_UNIT_SECONDS || a >= 1e4),
			  "%.17g printed \"%s\", outside the rule", value, text);
	}

	/* "N.NN<unit>" prints in that unit or a larger one, where the rule applies */
	if (nice_size > 0 && a >= nice_size && a < 1e15 && (unit == OKR_UNIT_SECONDS || a >= 1e4))
	{
		nice_checked++;
		CHECK(printed_unit_size(text) >= nice_size,
			  "%.17g (a multiple of 0.01 * %g) printed \"%s\", a smaller unit", value, nice_size, text);
	}
}

static void
property(long count)
{
	for (long i = 0; i < count; i++)
	{
		okr_unit	unit,
					unit2,
					unit3;
		double		nice,
					nice2,
					nice3;
		double		v1 = random_value(&unit, &nice);
		double		v2 = random_value(&unit2, &nice2);
		double		v3 = random_value(&unit3, &nice3);
		char		buf[OKR_FORMAT_BUFSIZE];
		size_t		len;

		check_one_value(v1, unit, nice);

		if (i % 2 == 0)
		{
			okr_key_result kr = {.start = v1, .target = v2, .current = v3, .unit = (uint8_t) unit,
			.has_current = (uint8_t) below(2)}, back;

			if (okr_check_key_result(&kr, NULL) != OKR_OK)
				continue;
			literal_values += 2 + kr.has_current;
			len = okr_format_key_result(&kr, buf, shortest_double);
			CHECK(len == strlen(buf) && len < OKR_FORMAT_BUFSIZE, "key result text too long: %s", buf);
			CHECK(okr_parse_key_result(buf, &back, NULL) == OKR_OK && same_bits(&kr, &back, sizeof(kr)),
				  "\"%s\" does not read back to %.17g -> %.17g @ %.17g", buf, kr.start, kr.target, kr.current);
		}
		else
		{
			okr_kpi		kpi = {.lower = fmin(v1, v2), .upper = fmax(v1, v2), .current = v3,
				.comparison = (uint8_t) below(OKR_CMP_COUNT), .unit = (uint8_t) unit,
			.has_current = (uint8_t) below(2)}, back;

			if (unit == OKR_UNIT_MILESTONES)
				kpi.unit = OKR_UNIT_SECONDS;
			if (kpi.comparison == OKR_CMP_LE || kpi.comparison == OKR_CMP_LT)
				kpi.upper = v1;
			if (okr_check_kpi(&kpi, NULL) != OKR_OK)
				continue;
			literal_values += (kpi.comparison == OKR_CMP_BAND ? 2 : 1) + kpi.has_current;
			len = okr_format_kpi(&kpi, buf, shortest_double);
			CHECK(len == strlen(buf) && len < OKR_FORMAT_BUFSIZE, "kpi text too long: %s", buf);
			CHECK(okr_parse_kpi(buf, &back, NULL) == OKR_OK && same_bits(&kpi, &back, sizeof(kpi)),
				  "\"%s\" does not read back to %.17g .. %.17g @ %.17g", buf, kpi.lower, kpi.upper, kpi.current);
		}
	}
}

int
main(int argc, char **argv)
{
	long		count = argc > 1 ? atol(argv[1]) : 1000000;

	rng_state = argc > 2 ? strtoull(argv[2], NULL, 0) : 20260701;
	examples();
	property(count);
	printf("format: %ld random literals holding %ld values, and %ld values alone (%ld nice ones checked for their unit)\n",
		   count, literal_values, values_checked, nice_checked);
	printf("format: a value's text is longer than its old form in %ld cases, by at most %ld bytes (%s)\n",
		   new_longer, max_longer, max_longer_text);
	return unit_summary("format");
}
