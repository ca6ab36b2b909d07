/*
 * fuzz.h: helpers shared by the libFuzzer targets (see README.md).
 *
 * Each target includes this header and compiles src/literal.c (and
 * src/scoring.c) in, so one clang command builds it.
 */
#ifndef OKRKPI_FUZZ_H
#define OKRKPI_FUZZ_H

#include "literal.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* abort() so libFuzzer records the input; say which invariant first. */
#define FUZZ_CHECK(cond) \
	do { \
		if (!(cond)) \
		{ \
			fprintf(stderr, "okrkpi fuzz: invariant failed: %s (%s:%d)\n", \
					#cond, __FILE__, __LINE__); \
			abort(); \
		} \
	} while (0)

/* The parsers read NUL-terminated text; libFuzzer's bytes are not. */
static inline char *
fuzz_cstring(const uint8_t *data, size_t size)
{
	char	   *s = malloc(size + 1);

	if (s == NULL)
		abort();
	memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

/* Copy text into buf, which the formatter contract sizes OKR_DOUBLE_BUFSIZE. */
static inline int
fuzz_emit_double(const char *text, int len, char *buf)
{
	FUZZ_CHECK(len > 0 && len < OKR_DOUBLE_BUFSIZE);
	memcpy(buf, text, (size_t) len + 1);
	return len;
}

/*
 * Stand-in for PostgreSQL's shortest-exact float8 output: the first of
 * %.15g, %.16g, %.17g that reads back to the same double (%.17g always does).
 */
static inline int
fuzz_format_shortest(double value, char *buf)
{
	char		tmp[64];
	int			len = 0;

	for (int precision = 15; precision <= 17; precision++)
	{
		len = snprintf(tmp, sizeof(tmp), "%.*g", precision, value);
		if (strtod(tmp, NULL) == value)
			break;
	}
	return fuzz_emit_double(tmp, len, buf);
}

/* Always 17 significant digits: exact but long, the other end of the range. */
static inline int
fuzz_format_17(double value, char *buf)
{
	char		tmp[64];

	return fuzz_emit_double(tmp, snprintf(tmp, sizeof(tmp), "%.17g", value), buf);
}

/* Formatters every round-trip check runs with. */
static const okr_double_formatter fuzz_formatters[] = {
	fuzz_format_shortest,
	fuzz_format_17,
};
#define FUZZ_NFORMATTERS (sizeof(fuzz_formatters) / sizeof(fuzz_formatters[0]))

/* A normalised double: finite and never -0 (the checks turn -0 into 0). */
static inline int
fuzz_is_normal_value(double v)
{
	return isfinite(v) && !(v == 0.0 && signbit(v));
}

static inline int
fuzz_is_zero_bytes(const void *p, size_t n)
{
	const unsigned char *b = p;

	for (size_t i = 0; i < n; i++)
		if (b[i] != 0)
			return 0;
	return 1;
}

/* What every failed parse must leave behind; *out was filled with 0xA5 before. */
static inline void
fuzz_check_failure(okr_status status, const okr_error *error, const char *input,
				   const void *out, size_t out_size)
{
	const unsigned char *b = out;

	FUZZ_CHECK(status == OKR_SYNTAX || status == OKR_RANGE || status == OKR_INVALID);
	FUZZ_CHECK(error->status == status);
	FUZZ_CHECK(error->detail != NULL && error->detail[0] != '\0');
	FUZZ_CHECK(error->position <= strlen(input));
	/* the texts written for this input end inside their buffers */
	FUZZ_CHECK(memchr(error->detail_text, '\0', OKR_ERROR_TEXTSIZE) != NULL);
	FUZZ_CHECK(memchr(error->hint, '\0', OKR_ERROR_TEXTSIZE) != NULL);
	FUZZ_CHECK(okr_error_detail(error)[0] != '\0');
	for (size_t i = 0; i < out_size; i++)
		FUZZ_CHECK(b[i] == 0xA5);	/* "on failure *out is untouched" */
}

/*
 * A formatted literal in a heap buffer of exactly OKR_FORMAT_BUFSIZE bytes,
 * so that ASan sees any write past the size literal.h promises.
 */
static inline char *
fuzz_format_buffer(void)
{
	char	   *buf = malloc(OKR_FORMAT_BUFSIZE);

	if (buf == NULL)
		abort();
	return buf;
}

static inline void
fuzz_check_formatted(const char *buf, size_t len)
{
	FUZZ_CHECK(len + 1 <= OKR_FORMAT_BUFSIZE);
	FUZZ_CHECK(strlen(buf) == len);
}

/* The same text with white space around it, which every parser ignores. */
static inline char *
fuzz_padded(const char *text)
{
	size_t		n = strlen(text);
	char	   *s = malloc(n + 5);

	if (s == NULL)
		abort();
	memcpy(s, " \t", 2);
	memcpy(s + 2, text, n);
	memcpy(s + 2 + n, "\n ", 3);
	return s;
}

/* What every stored key_result satisfies. */
static inline void
fuzz_check_key_result_value(const okr_key_result *kr)
{
	okr_key_result copy = *kr;
	okr_error	error;

	FUZZ_CHECK(kr->unit < OKR_UNIT_COUNT);
	FUZZ_CHECK(kr->has_current <= 1);
	FUZZ_CHECK(fuzz_is_normal_value(kr->start));
	FUZZ_CHECK(fuzz_is_normal_value(kr->target));
	FUZZ_CHECK(fuzz_is_normal_value(kr->current));
	FUZZ_CHECK(kr->start != kr->target);
	if (!kr->has_current)
		FUZZ_CHECK(fuzz_is_zero_bytes(&kr->current, sizeof(kr->current)));
	FUZZ_CHECK(fuzz_is_zero_bytes(kr->padding, sizeof(kr->padding)));

	/* the check accepts it and, the value being normalised, changes nothing */
	FUZZ_CHECK(okr_check_key_result(&copy, &error) == OKR_OK);
	FUZZ_CHECK(memcmp(&copy, kr, sizeof(copy)) == 0);
}

/* Parse text that must give exactly *expected. */
static inline void
fuzz_key_result_parses_to(const char *text, const okr_key_result *expected)
{
	okr_key_result back;
	okr_error	error;
	okr_status	status;

	memset(&back, 0xA5, sizeof(back));
	status = okr_parse_key_result(text, &back, &error);
	if (status != OKR_OK)
		fprintf(stderr, "okrkpi fuzz: \"%s\" does not parse back: %s\n", text, error.detail);
	FUZZ_CHECK(status == OKR_OK);
	FUZZ_CHECK(memcmp(&back, expected, sizeof(back)) == 0);
}

/*
 * A valid key_result: its invariants, and the text of every formatter parses
 * back to the same bytes.
 */
static inline void
fuzz_check_key_result(const okr_key_result *kr)
{
	fuzz_check_key_result_value(kr);
	for (size_t f = 0; f < FUZZ_NFORMATTERS; f++)
	{
		char	   *buf = fuzz_format_buffer();
		char	   *padded;
		size_t		len = okr_format_key_result(kr, buf, fuzz_formatters[f]);

		fuzz_check_formatted(buf, len);
		fuzz_key_result_parses_to(buf, kr);
		padded = fuzz_padded(buf);
		fuzz_key_result_parses_to(padded, kr);
		free(padded);
		free(buf);
	}
}

/* What every stored kpi satisfies. */
static inline void
fuzz_check_kpi_value(const okr_kpi *kpi)
{
	okr_kpi		copy = *kpi;
	okr_error	error;

	FUZZ_CHECK(kpi->comparison < OKR_CMP_COUNT);
	FUZZ_CHECK(kpi->unit < OKR_UNIT_COUNT && kpi->unit != OKR_UNIT_MILESTONES);
	FUZZ_CHECK(kpi->has_current <= 1);
	FUZZ_CHECK(fuzz_is_normal_value(kpi->lower));
	FUZZ_CHECK(fuzz_is_normal_value(kpi->upper));
	FUZZ_CHECK(fuzz_is_normal_value(kpi->current));
	switch (kpi->comparison)
	{
		case OKR_CMP_GE:
		case OKR_CMP_GT:
			/* a minimum keeps its bound in lower only */
			FUZZ_CHECK(fuzz_is_zero_bytes(&kpi->upper, sizeof(kpi->upper)));
			break;
		case OKR_CMP_LE:
		case OKR_CMP_LT:
			FUZZ_CHECK(fuzz_is_zero_bytes(&kpi->lower, sizeof(kpi->lower)));
			break;
		default:
			FUZZ_CHECK(kpi->lower < kpi->upper);
			break;
	}
	if (!kpi->has_current)
		FUZZ_CHECK(fuzz_is_zero_bytes(&kpi->current, sizeof(kpi->current)));
	FUZZ_CHECK(fuzz_is_zero_bytes(kpi->padding, sizeof(kpi->padding)));

	/* the check accepts it and, the value being normalised, changes nothing */
	FUZZ_CHECK(okr_check_kpi(&copy, &error) == OKR_OK);
	FUZZ_CHECK(memcmp(&copy, kpi, sizeof(copy)) == 0);
}

/* Parse text that must give exactly *expected. */
static inline void
fuzz_kpi_parses_to(const char *text, const okr_kpi *expected)
{
	okr_kpi		back;
	okr_error	error;
	okr_status	status;

	memset(&back, 0xA5, sizeof(back));
	status = okr_parse_kpi(text, &back, &error);
	if (status != OKR_OK)
		fprintf(stderr, "okrkpi fuzz: \"%s\" does not parse back: %s\n", text, error.detail);
	FUZZ_CHECK(status == OKR_OK);
	FUZZ_CHECK(memcmp(&back, expected, sizeof(back)) == 0);
}

/*
 * A valid kpi: its invariants, and the text of every formatter parses
 * back to the same bytes.
 */
static inline void
fuzz_check_kpi(const okr_kpi *kpi)
{
	fuzz_check_kpi_value(kpi);
	for (size_t f = 0; f < FUZZ_NFORMATTERS; f++)
	{
		char	   *buf = fuzz_format_buffer();
		char	   *padded;
		size_t		len = okr_format_kpi(kpi, buf, fuzz_formatters[f]);

		fuzz_check_formatted(buf, len);
		fuzz_kpi_parses_to(buf, kpi);
		padded = fuzz_padded(buf);
		fuzz_kpi_parses_to(padded, kpi);
		free(padded);
		free(buf);
	}
}

#endif							/* OKRKPI_FUZZ_H */
