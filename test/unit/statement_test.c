/*
 * statement_test.c: OKR statements and carry_forward, without a server.
 *
 * Checks the documented examples both ways and the errors of
 * src/statement.c, the rounding of okr_carry_forward() in src/scoring.c, and
 * over random plans of every unit and random metrics (words such as "from"
 * and "to" included) that a statement reads back to its metric and plan, and
 * that a statement is refused only for a metric holding "from" and "to".
 * Over random plans, that carried plans keep their course.
 * Usage: statement_test [plans [seed]]
 */
#include "../../src/scoring.h"
#include "../../src/statement.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static long passed,
			failed;

#define CHECK(cond, ...) \
	do { \
		if (cond) \
			passed++; \
		else if (++failed <= 20) \
		{ \
			printf("FAIL %s:%d: ", __FILE__, __LINE__); \
			printf(__VA_ARGS__); \
			printf("\n"); \
		} \
	} while (0)

/* Shortest text that strtod reads back (the digits PostgreSQL's float8 output writes). */
static int
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

static okr_key_result
kr_of(const char *text)
{
	okr_key_result kr;

	if (okr_parse_key_result(text, &kr, NULL) != OKR_OK)
	{
		printf("FAIL: test key result \"%s\" does not parse\n", text);
		failed++;
		memset(&kr, 0, sizeof(kr));
	}
	return kr;
}

static const char *
kr_text(const okr_key_result *kr, char *buf)
{
	okr_format_key_result(kr, buf, shortest_double);
	return buf;
}

/* statement(metric, plan) is expected. */
static void
check_format(const char *metric, const char *plan, const char *expected)
{
	okr_key_result kr = kr_of(plan);
	size_t		size = OKR_STATEMENT_BUFSIZE(strlen(metric));
	char	   *buf = malloc(size),
			   *work = malloc(size);
	okr_error	error;
	okr_status	status = okr_format_statement(metric, &kr, buf, work, shortest_double, &error);

	CHECK(status == OKR_OK && strcmp(buf, expected) == 0,
		  "statement('%s', '%s') gave \"%s\" (status %d), expected \"%s\"",
		  metric, plan, status == OKR_OK ? buf : "", (int) status, expected);
	free(buf);
	free(work);
}

static void
check_format_fails(const char *metric, const char *plan)
{
	okr_key_result kr = kr_of(plan);
	size_t		size = OKR_STATEMENT_BUFSIZE(strlen(metric));
	char	   *buf = malloc(size),
			   *work = malloc(size);
	okr_error	error;

	CHECK(okr_format_statement(metric, &kr, buf, work, shortest_double, &error) == OKR_INVALID,
		  "statement('%s', '%s') was not refused", metric, plan);
	free(buf);
	free(work);
}

/* parse_statement(text) gives (metric, plan, rest); plan as the type prints it. */
static void
check_parse(const char *text, const char *metric, const char *plan, const char *rest)
{
	char	   *work = malloc(OKR_STATEMENT_BUFSIZE(strlen(text)));
	okr_statement st;
	okr_error	error;
	char		got[OKR_FORMAT_BUFSIZE];
	okr_status	status = okr_parse_statement(text, &st, work, &error);

	if (status != OKR_OK)
		CHECK(0, "\"%s\" did not parse: %s", text, error.detail);
	else
		CHECK(st.metric_length == strlen(metric) &&
			  strncmp(text + st.metric_offset, metric, st.metric_length) == 0 &&
			  strcmp(kr_text(&st.plan, got), plan) == 0 && !st.plan.has_current &&
			  strcmp(text + st.rest_offset, rest) == 0,
			  "\"%s\" gave (%.*s | %s | %s), expected (%s | %s | %s)", text,
			  (int) st.metric_length, text + st.metric_offset, got, text + st.rest_offset,
			  metric, plan, rest);
	free(work);
}

static void
check_parse_fails(const char *text, okr_status expected)
{
	char	   *work = malloc(OKR_STATEMENT_BUFSIZE(strlen(text)));
	okr_statement st;
	okr_error	error;
	okr_status	status = okr_parse_statement(text, &st, work, &error);

	CHECK(status == expected, "\"%s\" gave status %d, expected %d", text, (int) status, (int) expected);
	free(work);
}

/* carry_forward(plan, actual, annual, quarters_left) prints expected. */
static void
check_carry(const char *plan, double actual, double annual, int quarters_left, const char *expected)
{
	okr_key_result kr = kr_of(plan),
				next;
	okr_error	error;
	char		got[OKR_FORMAT_BUFSIZE];
	okr_status	status = okr_carry_forward(&kr, actual, annual, quarters_left, shortest_double, &next, &error);

	if (expected == NULL)
		CHECK(status == OKR_INVALID, "carry_forward('%s', %.17g, %.17g, %d) was not refused",
			  plan, actual, annual, quarters_left);
	else
		CHECK(status == OKR_OK && strcmp(kr_text(&next, got), expected) == 0,
			  "carry_forward('%s', %.17g, %.17g, %d) gave \"%s\", expected \"%s\"",
			  plan, actual, annual, quarters_left, status == OKR_OK ? got : "(error)", expected);
}

static void
examples(void)
{
	/* statement(): values as the type prints them, no current value */
	check_format("median first response time", "6h -> 45min", "Reduce median first response time from 6h to 45min");
	check_format("client retention rate", "73% -> 75%", "Increase client retention rate from 73% to 75%");
	check_format("ARR", "$2M -> $3M", "Increase ARR from $2M to $3M");
	check_format("ARR", "$2000000 -> $3000000 @ $2.5M", "Increase ARR from $2M to $3M");
	check_format("onboarding", "0 -> 4 milestones @ 1", "Complete onboarding from 0 to 4 milestones");
	check_format("open risks", "4 -> 0 milestones", "Reduce open risks from 4 to 0 milestones");
	check_format("  NPS\t", "20 -> 40", "Increase NPS from 20 to 40");
	check_format("loss", "-$5 -> -$2.5M", "Reduce loss from -$5 to -$2.5M");
	check_format("revenue from partners", "$1M -> $2M", "Increase revenue from partners from $1M to $2M");
	check_format("time to market", "3w -> 10d", "Reduce time to market from 3w to 10d");
	check_format_fails("", "20 -> 40");
	check_format_fails(" \t ", "20 -> 40");
	check_format_fails("churn from 5 to 3 regions", "20 -> 10");

	/* parse_statement(): the documented examples */
	check_parse("Increase client retention rate from 73% to 75% by end of Q3, toward 80% by end of 2020",
				"client retention rate", "73% -> 75%", " by end of Q3, toward 80% by end of 2020");
	check_parse("Reduce median first response time from 6h to 45 min",
				"median first response time", "6h -> 45min", "");
	check_parse("GROW ARR from $2M to $3M, this year", "ARR", "$2M -> $3M", ", this year");
	check_parse("Increase revenue from partners from $1M to $2M", "revenue from partners", "$1M -> $2M", "");
	check_parse("Complete onboarding from 0 to 4 milestones", "onboarding", "0 -> 4 milestones", "");
	check_parse("Reduce open risks from 4 to 0 milestones.", "open risks", "4 -> 0 milestones", ".");
	check_parse("Reduce time from order to delivery from 5d to 2d; then 1d", "time from order to delivery",
				"5d -> 2d", "; then 1d");
	check_parse("  lift\tNPS  FROM 20 TO 40  ", "NPS", "20 -> 40", "  ");
	check_parse("Boost NPS from 3.8 to 4.2", "NPS", "3.8 -> 4.2", "");
	check_parse("Raise margin from $ 2.5M to $3M", "margin", "$2.5M -> $3M", "");
	check_parse("Cut loss from -5 to -20", "loss", "-5 -> -20", "");
	check_parse("Increase NPS from 20 to 40.", "NPS", "20 -> 40", "");	/* "40." is a number */
	check_parse("Increase NPS from 20 to 40,. ok", "NPS", "20 -> 40", ",. ok");
	check_parse("Increase NPS from 20 to 40 @ 30", "NPS", "20 -> 40", " @ 30");

	check_parse_fails("", OKR_SYNTAX);
	check_parse_fails("Frobnicate NPS from 20 to 40", OKR_SYNTAX);
	check_parse_fails("Increase NPS to 40", OKR_SYNTAX);
	check_parse_fails("Increase NPS from 20", OKR_SYNTAX);
	check_parse_fails("Increase from 20 to 40", OKR_SYNTAX);
	check_parse_fails("Increase NPS from 20 to forty", OKR_SYNTAX);
	check_parse_fails("Increase NPS from 20% to 40", OKR_SYNTAX);
	check_parse_fails("Increase NPS from 40 to 20", OKR_INVALID);
	check_parse_fails("Complete onboarding from 4 to 0 milestones", OKR_INVALID);
	check_parse_fails("Reduce NPS from 20 to 40", OKR_INVALID);
	check_parse_fails("Increase NPS from 20 to 20", OKR_INVALID);
	check_parse_fails("Reduce time from 60min to 1h", OKR_INVALID);
	check_parse_fails("Increase NPS from 1e400 to 2", OKR_RANGE);

	/* carry_forward(): worked out by hand in test/pgtap/statements.sql */
	check_carry("20 -> 40", 30.2, 45, 3, "30.2 -> 35.1");
	check_carry("73% -> 75%", 75, 80, 1, "75% -> 80%");
	check_carry("6h -> 45min", 7313, 2700, 2, "2.03h -> 83.44min");
	check_carry("6h -> 45min", 7200, 2700, 3, "2h -> 95min");
	check_carry("$2M -> $3M", 2350000, 5e6, 2, "$2.35M -> $3.68M");
	check_carry("$2M -> $3M", 2400000, 4e6, 3, "$2.4M -> $2.93M");
	check_carry("$2M -> $3M", 3234156.4, 5e6, 2, "$3.23M -> $4.12M");
	check_carry("$2M -> $3M", 800000, 5e6, 2, "$800k -> $2.9M");
	check_carry("$2M -> $3M", 2999000, 3e6, 1, "$2999k -> $3M");	/* 3.00M would not move */
	check_carry("$5000 -> $8000", 5000, 12000, 3, "$5000 -> $7333");
	check_carry("$4.99 -> $3.99", 4.5, 3, 4, "$4.5 -> $4.12");	/* 4.125: cents, a tie to even */
	check_carry("0 -> 4 milestones", 2, 7, 3, "2 -> 4 milestones");
	check_carry("0 -> 4 milestones", 2, 3, 4, "2 -> 3 milestones");
	check_carry("0 -> 4 milestones", 2, 2.5, 4, "2 -> 2.125 milestones");
	check_carry("20 -> 40", 30.2, 45, 3, "30.2 -> 35.1");
	check_carry("20 -> 40", 30.25, 31, 4, "30.25 -> 30.4");
	check_carry("20 -> 40", 30, 31, 100, "30 -> 30.01");
	check_carry("20 -> 40", 30.24, 31, 100, "30.24 -> 30.2476");
	check_carry("20k -> 30k", 23456, 40000, 2, "23.46k -> 31.73k");
	check_carry("2 -> 1", 2, 0, 2, "2 -> 1");
	check_carry("20 -> 40", 45, 45, 3, NULL);
}

/* A small xorshift generator, seeded, so a failure can be replayed. */
static uint64_t rng_state;

static uint64_t
next_u64(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

static uint64_t
below(uint64_t n)
{
	return next_u64() % n;
}

static double
random_double(void)
{
	double		v;

	switch (below(4))
	{
		case 0:					/* any finite double */
			do
			{
				uint64_t	bits = next_u64();

				memcpy(&v, &bits, sizeof(v));
			} while (!isfinite(v));
			return v;
		case 1:					/* random digits at a random magnitude */
			return (double) (next_u64() >> 11) / 9007199254740992.0 * 10 *
				pow(10, (double) below(40) - 20) * (below(2) ? -1 : 1);
		case 2:					/* cents */
			return (double) (int64_t) (next_u64() >> below(64)) / 100 * (below(2) ? -1 : 1);
		default:				/* whole minutes, hours, days, weeks */
			{
				double		sizes[] = {60, 3600, 86400, 604800, 1e3, 1e6, 1e9};

				return (double) below(1000) * sizes[below(7)];
			}
	}
}

/* Words metrics are made of, the verbs and "from" and "to" among them. */
static const char *const metric_words[] = {
	"NPS", "revenue", "from", "to", "FROM", "To", "time", "market", "5", "$2M", "45", "min",
	"3w", "%", "Increase", "reduce", "by", "Q3,", "partners", "4", "milestones", "a.b", "x@y"
};

/* Whether metric has the word lower (space-separated, any case). */
static int
has_word(const char *metric, const char *lower)
{
	size_t		n = strlen(lower);

	for (const char *p = metric; *p;)
	{
		size_t		len = strcspn(p, " ");
		size_t		i = 0;

		while (len == n && i < n && tolower((unsigned char) p[i]) == lower[i])
			i++;
		if (len == n && i == n)
			return 1;
		p += len;
		if (*p)
			p++;
	}
	return 0;
}

static void
property(long count)
{
	long		refused = 0;

	for (long i = 0; i < count; i++)
	{
		okr_key_result kr = {.start = random_double(), .target = random_double(),
		.current = random_double(), .unit = (uint8_t) below(OKR_UNIT_COUNT), .has_current = (uint8_t) below(2)};
		char		metric[200] = "";
		int			words = 1 + (int) below(6);
		char		buf[OKR_STATEMENT_BUFSIZE(200)],
					work[OKR_STATEMENT_BUFSIZE(200)];
		okr_statement back;
		okr_error	error;
		okr_key_result plan;

		if (okr_check_key_result(&kr, NULL) != OKR_OK)
			continue;
		for (int w = 0; w < words; w++)
		{
			if (w > 0)
				strcat(metric, " ");
			strcat(metric, metric_words[below(sizeof(metric_words) / sizeof(metric_words[0]))]);
		}
		if (okr_format_statement(metric, &kr, buf, work, shortest_double, &error) != OKR_OK)
		{
			refused++;
			CHECK(has_word(metric, "from") && has_word(metric, "to"),
				  "statement('%s', ...) refused, but the metric has no \"from\" and \"to\"", metric);
			continue;
		}
		plan = kr;
		plan.has_current = 0;
		plan.current = 0;
		CHECK(okr_parse_statement(buf, &back, work, &error) == OKR_OK &&
			  back.metric_length == strlen(metric) &&
			  strncmp(buf + back.metric_offset, metric, back.metric_length) == 0 &&
			  memcmp(&back.plan, &plan, sizeof(plan)) == 0 && buf[back.rest_offset] == '\0',
			  "\"%s\" does not read back to its metric and plan", buf);
	}
	printf("statement: %ld random plans and metrics, %ld statements refused for a \"from ... to ...\" in the metric\n",
		   count, refused);
}

/*
 * carry_forward over random plans: the next plan keeps the old one's unit
 * and direction, ends at most at the annual target, and starts within half
 * a hundredth of its unit of the actual value (half a milestone); refused
 * only when the step does not move a float8.
 */
static void
carry_property(long count)
{
	long		carried = 0;

	for (long i = 0; i < count; i++)
	{
		okr_key_result plan = {.start = random_double(), .target = random_double(),
		.unit = (uint8_t) below(OKR_UNIT_COUNT)};
		double		actual = random_double(),
					annual = random_double();
		int			quarters_left = 1 + (int) below(8);
		int			increasing;
		okr_key_result next;
		okr_status	status;
		char		got[OKR_FORMAT_BUFSIZE];

		if (okr_check_key_result(&plan, NULL) != OKR_OK)
			continue;
		increasing = plan.target > plan.start;
		if (below(2))			/* near the plan, in its own unit */
		{
			actual = plan.start + (plan.target - plan.start) * (double) below(1000) / 700;
			annual = plan.target + (plan.target - plan.start) * (double) below(1000) / 300;
		}
		if (!isfinite(actual) || !isfinite(annual) || actual == annual || (annual > actual) != increasing)
			continue;
		status = okr_carry_forward(&plan, actual, annual, quarters_left, shortest_double, &next, NULL);
		if (status != OKR_OK)
		{
			CHECK(status == OKR_INVALID && okr_quarter_target(actual, annual, quarters_left) == actual,
				  "carry_forward(%.17g -> %.17g, %.17g, %.17g, %d) refused", plan.start, plan.target,
				  actual, annual, quarters_left);
			continue;
		}
		carried++;
		CHECK(next.unit == plan.unit && !next.has_current && (next.target > next.start) == increasing &&
			  (increasing ? next.target <= annual : next.target >= annual) &&
			  fabs(next.start - actual) <= 0.005 * fabs(actual) + 0.5,
			  "carry_forward(%.17g -> %.17g unit %d, %.17g, %.17g, %d) gave %s", plan.start, plan.target,
			  plan.unit, actual, annual, quarters_left, kr_text(&next, got));
	}
	printf("carry_forward: %ld random plans carried\n", carried);
}

int
main(int argc, char **argv)
{
	long		count = argc > 1 ? atol(argv[1]) : 1000000;

	rng_state = argc > 2 ? strtoull(argv[2], NULL, 0) : 20260701;
	if (rng_state == 0)
		rng_state = 1;
	examples();
	property(count / 5);
	carry_property(count / 5);
	printf("statement: %ld passed, %ld failed\n", passed, failed);
	return failed == 0 ? 0 : 1;
}
