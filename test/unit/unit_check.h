/*
 * unit_check.h: what every plain-C test in test/unit shares: the pass and
 * fail counters, CHECK (a failed check prints its file, line and message,
 * the first 40 of them), the summary line, and the shortest float8 text the
 * literal formatters take.  Each test is a program of its own, so the
 * definitions are static.
 */
#ifndef OKRKPI_UNIT_CHECK_H
#define OKRKPI_UNIT_CHECK_H

#include "../../src/literal.h"

#include <stdio.h>
#include <stdlib.h>

static long passed,
			failed;

#define CHECK(cond, ...) \
	do { \
		if (cond) \
			passed++; \
		else if (++failed <= 40) \
		{ \
			printf("FAIL %s:%d: ", __FILE__, __LINE__); \
			printf(__VA_ARGS__); \
			printf("\n"); \
		} \
	} while (0)

/* The summary line test/unit/run prints, and the program's exit status. */
static inline int
unit_summary(const char *name)
{
	printf("%s: %ld passed, %ld failed\n", name, passed, failed);
	return failed == 0 ? 0 : 1;
}

/*
 * Shortest text that strtod reads back to the same double.  PostgreSQL's
 * float8 output (Ryu) gives the same digits; it differs in layout only for
 * values from 1e15 to 1e17 that need 16 or 17 digits (%g keeps them fixed up
 * to the precision, PostgreSQL writes an exponent from 1e15 up).
 */
static inline int
shortest_double(double value, char *buf)
{
	for (int precision = 15; precision <= 17; precision++)
	{
		int			len = snprintf(buf, OKR_DOUBLE_BUFSIZE, "%.*g", precision, value);

		if (strtod(buf, NULL) == value || precision == 17)
			return len;
	}
	return 0;					/* not reached */
}

#endif							/* OKRKPI_UNIT_CHECK_H */
