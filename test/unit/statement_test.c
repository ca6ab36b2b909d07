/*
 * statement_test.c: OKR statements and carry_forward, without a server.
 *
 * Checks the documented examples both ways and the errors of
 * src/statement.c, the rounding of okr_carry_forward() in src/scoring.c, and
 * over random plans of every unit and random metrics (words such as "from"
 * and "to" included) that a statement reads back to its metric and plan, and
 * that a statement is refused only for a metric holding "from" and "to".
 * Titles: the examples of okr_find_stated_plan() and okr_restate_title(),
 * long titles, and over random titles that a restated title states the new
 * plan, that a title stating no numbers changes only in its quarter
 * references, and that carried plans keep their course.
 * Usage: statement_test [plans [seed]]
 */
#include "unit_check.h"
#include "../../src/scoring.h"
#include "../../src/statement.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>


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

static int32_t
quarter_of(const char *text)
{
	int32_t		quarter = 0;

	if (okr_parse_quarter(text, &quarter, NULL) != OKR_OK)
	{
		printf("FAIL: test quarter \"%s\" does not parse\n", text);
		failed++;
	}
	return quarter;
}

/* okr_find_stated_plan(title, plan) is expected (1, 0 or -1). */
static void
check_states(const char *title, const char *plan, int expected)
{
	okr_key_result kr = kr_of(plan);
	char	   *work = malloc(OKR_STATEMENT_BUFSIZE(strlen(title)));
	okr_stated_plan where;
	int			found = okr_find_stated_plan(title, &kr, work, &where);

	CHECK(found == expected, "title_states_plan('%s', '%s') gave %d, expected %d", title, plan, found, expected);
	free(work);
}

/* restate_title(title, old, new, old_quarter, new_quarter) is expected (NULL: not restated). */
static void
check_restate(const char *title, const char *old_plan, const char *new_plan,
			  const char *old_quarter, const char *new_quarter, const char *expected)
{
	okr_key_result old_kr = kr_of(old_plan),
				new_kr = kr_of(new_plan);
	size_t		len = strlen(title);
	char	   *buf = malloc(OKR_RESTATE_BUFSIZE(len)),
			   *work = malloc(OKR_RESTATE_WORKSIZE(len));
	okr_error	error;
	int			restated = -1;
	okr_status	status = okr_restate_title(title, &old_kr, &new_kr, quarter_of(old_quarter),
										   quarter_of(new_quarter), buf, work, shortest_double,
										   &restated, &error);

	if (expected == NULL)
		CHECK(status == OKR_OK && restated == 0, "restate_title('%s', '%s', '%s') gave \"%s\", expected NULL",
			  title, old_plan, new_plan, status == OKR_OK && restated ? buf : "(error)");
	else
		CHECK(status == OKR_OK && restated == 1 && strcmp(buf, expected) == 0,
			  "restate_title('%s', '%s', '%s', %s, %s) gave \"%s\", expected \"%s\"", title, old_plan,
			  new_plan, old_quarter, new_quarter, status == OKR_OK && restated ? buf : "(NULL or error)",
			  expected);
	free(buf);
	free(work);
}

static void
check_restate_fails(const char *title, const char *old_plan, const char *new_plan)
{
	okr_key_result old_kr = kr_of(old_plan),
				new_kr = kr_of(new_plan);
	size_t		len = strlen(title);
	char	   *buf = malloc(OKR_RESTATE_BUFSIZE(len)),
			   *work = malloc(OKR_RESTATE_WORKSIZE(len));
	okr_error	error;
	int			restated;

	CHECK(okr_restate_title(title, &old_kr, &new_kr, 8104, 8105, buf, work, shortest_double,
							&restated, &error) == OKR_INVALID,
		  "restate_title('%s', '%s', '%s') was not refused", title, old_plan, new_plan);
	free(buf);
	free(work);
}

/* A title of len bytes: unit repeated after head, then tail. */
static char *
long_title(const char *head, const char *unit, size_t len, const char *tail)
{
	size_t		n = strlen(unit);
	char	   *title = malloc(len + 1);
	size_t		at = strlen(head);

	memcpy(title, head, at);
	while (at + n + strlen(tail) <= len)
	{
		memcpy(title + at, unit, n);
		at += n;
	}
	strcpy(title + at, tail);
	return title;
}

static void
title_examples(void)
{
	/* the brief's examples, and doc/statements.md's */
	check_states("Increase NPS from 20 to 40", "20 -> 40", 1);
	check_states("Reduce median first response time from 6h to 45 min", "21600s -> 2700s", 1);
	check_states("Increase NPS from 20 to 40", "25 -> 40", 0);
	check_states("Increase NPS from 20 to 40", "20 -> 40 @ 35", 1);
	check_states("Make customers love us", "20 -> 40", -1);
	check_states("Increase NPS to 40", "20 -> 40", -1);
	check_states("Increase NPS from twenty to 40", "20 -> 40", -1);
	check_states("Increase NPS from 20 to 40", "20% -> 40%", 1);	/* the title writes no unit */
	check_states("Increase NPS from 20% to 40%", "20 -> 40", 0);
	check_states("Increase NPS from $20 to $40", "20% -> 40%", 0);
	check_states("Complete onboarding from 0 to 4 milestones", "0 -> 4 milestones", 1);
	check_states("Increase growth from 5 to 5 regions", "5 -> 6", 0);	/* start = target: stated, not the plan */
	check_states("Increase growth from 5 to 5 regions from 1 to 2", "1 -> 2", 1);
	check_states("Increase NPS from 1e400 to 2", "1 -> 2", -1);
	check_states("Grow from 1 to 2 teams, and NPS from 20 to 40", "20 -> 40", 1);
	check_states("Reduce time from order to delivery from 5d to 2d", "5d -> 2d", 1);
	check_states("", "20 -> 40", -1);

	check_restate("Increase NPS from 20 to 40 for enterprise customers", "20 -> 40", "30 -> 40",
				  "2026-Q1", "2026-Q2", "Increase NPS from 30 to 40 for enterprise customers");
	check_restate("Grow signups from 100 to 200 (stretch: 300)", "100 -> 200", "150 -> 250",
				  "2026-Q1", "2026-Q2", "Grow signups from 150 to 250 (stretch: 300)");
	check_restate("Increase revenue from $2M to $3M by end of Q1 2026", "$2M -> $3M", "$2.35M -> $3.68M",
				  "2026-Q1", "2026-Q2", "Increase revenue from $2.35M to $3.68M by end of Q2 2026");
	check_restate("Reduce churn from 2.4% to 2% by end of Q4", "2.4% -> 2%", "2.2% -> 2%",
				  "2026-Q4", "2027-Q1", "Reduce churn from 2.2% to 2% by end of Q1");
	check_restate("Increase NPS from 20 to 40", "25 -> 40", "30 -> 40", "2026-Q1", "2026-Q2", NULL);
	check_restate("Increase NPS from 20 to 40 in Q1", "25 -> 40", "30 -> 40", "2026-Q1", "2026-Q2", NULL);

	/* values in the title's own units and words */
	check_restate("Reduce median first response time from 6h to 45 min", "6h -> 45min", "2.03h -> 83.44min",
				  "2026-Q1", "2026-Q2", "Reduce median first response time from 2.03h to 83.44 min");
	check_restate("Reduce downtime from 2 hours to 90 minutes", "2h -> 1.5h", "1.5h -> 1h",
				  "2026-Q1", "2026-Q2", "Reduce downtime from 1.5 hours to 60 minutes");
	check_restate("Reduce downtime from 2 hours to 90 minutes", "2h -> 1.5h", "1h -> 30min",
				  "2026-Q1", "2026-Q2", "Reduce downtime from 1 hour to 30 minutes");
	check_restate("Reduce build time from 1 HOUR to 30 mins", "1h -> 30min", "2h -> 1min",
				  "2026-Q1", "2026-Q2", "Reduce build time from 2 HOURS to 1 min");
	check_restate("Reduce build time from 1 hour to 30 min", "1h -> 30min", "5006.5s -> 1800s",
				  "2026-Q1", "2026-Q2", "Reduce build time from 5006.5s to 30 min");	/* no exact hours */
	check_restate("Complete onboarding from 0 to 4 milestones", "0 -> 4 milestones", "0 -> 1 milestones",
				  "2026-Q1", "2026-Q2", "Complete onboarding from 0 to 1 milestone");
	check_restate("Complete onboarding from 0 milestones to 1", "0 -> 1 milestones", "1 -> 3 milestones",
				  "2026-Q1", "2026-Q2", "Complete onboarding from 1 milestone to 3");
	check_restate("Increase revenue from $ 2.5M to $3M", "$2.5M -> $3M", "$2.75M -> $3.5M",
				  "2026-Q1", "2026-Q2", "Increase revenue from $ 2.75M to $3.5M");
	check_restate("Increase ARR from 2000000 to 3000000", "$2M -> $3M", "$2.35M -> $3.68M",
				  "2026-Q1", "2026-Q2", "Increase ARR from 2350000 to 3680000");
	check_restate("Increase reach from 12.5k to 2.35M", "12.5k -> 2.35M", "1.2M -> 3M",
				  "2026-Q1", "2026-Q2", "Increase reach from 1200k to 3M");
	check_restate("Cut loss from -$5 to -$2.5M by 2026Q3", "-$5 -> -$2.5M", "-$7 -> -$3M",
				  "2026-Q3", "2026-Q4", "Cut loss from -$7 to -$3M by 2026Q4");
	check_restate("Raise balance from $-10 to $+3", "$-10 -> $3", "$2 -> $5",
				  "2026-Q3", "2026-Q4", "Raise balance from $2 to $+5");
	check_restate("Raise balance from -$10 to $3", "-$10 -> $3", "-$2 -> $5",
				  "2026-Q3", "2026-Q4", "Raise balance from -$2 to $5");
	check_restate("Raise balance from $10 to $30", "$10 -> $30", "-$2 -> $5",
				  "2026-Q3", "2026-Q4", "Raise balance from -$2 to $5");
	check_restate("Increase NPS from 20 to 40.", "20 -> 40", "30 -> 40.5",
				  "2026-Q3", "2026-Q4", "Increase NPS from 30 to 40.5.");
	check_restate("Reduce time from 6 hours to 45. min", "6h -> 45min", "2.03h -> 83.44min",
				  "2026-Q3", "2026-Q4", "Reduce time from 2.03 hours to 83.44 min");	/* "45." is the number */
	check_restate("Increase NPS FROM 20 TO 40, then 50", "20 -> 40", "30 -> 45",
				  "2026-Q3", "2026-Q4", "Increase NPS FROM 30 TO 45, then 50");

	/* quarter references: moved when they name the old quarter, with a year only where one was written */
	check_restate("Ship X in Q3-2026 (2026-Q3, 2026 Q3, 2026q3, q3 2026, Q3 - 2026, Q3 2025, Q4, FAQ3, Q34)",
				  "1 -> 2", "2 -> 3", "2026-Q3", "2026-Q4",
				  "Ship X in Q4-2026 (2026-Q4, 2026 Q4, 2026q4, q4 2026, Q4 - 2026, Q3 2025, Q4, FAQ3, Q34)");
	check_restate("Ship X by end of Q4 2026, Q4", "1 -> 2", "2 -> 3", "2026-Q4", "2027-Q1",
				  "Ship X by end of Q1 2027, Q1");
	check_restate("Q3 2026 Q3 2026", "1 -> 2", "2 -> 3", "2026-Q3", "2026-Q4", "Q4 2026 Q4 2026");
	check_restate("Q3", "1 -> 2", "2 -> 3", "2026-Q3", "2026-Q4", "Q4");
	check_restate("Grow users from 1000 to 2026 Q3", "1000 -> 2026", "1500 -> 2500", "2026-Q3", "2026-Q4",
				  "Grow users from 1500 to 2500 Q4");
	check_restate("Make customers love us", "20 -> 40", "30 -> 40", "2026-Q1", "2026-Q2", "Make customers love us");
	check_restate("", "20 -> 40", "30 -> 40", "2026-Q1", "2026-Q2", "");

	check_restate_fails("Increase NPS from 20 to 40", "20 -> 40", "30% -> 40%");
	check_restate_fails("Increase NPS from 20 to 40", "20 -> 40", "30 -> 10");

	/* long titles are read in time linear in their length */
	{
		static const char *const shapes[][3] = {
			{"Increase NPS from ", "1", " to 2"},
			{"Increase NPS from 21 to 40.", "0", ""},
			{"", "from 1 to x ", "from 20 to 40 by Q1"},
			{"", "from 5 to 5 ", "from 20 to 40 by Q1"},
			{"Increase NPS from 20 to 40 ", "Q1 ", ""},
			{"Increase NPS from 20 to 40 ", "Q1 2026 ", ""},
			{"Increase NPS from 20 to 40", " ", "Q1"},
			{"Increase NPS from 20 to 40 ", "2026-", "Q1"},
			{"Increase NPS from 20 to 40 ", "to ", ""},
			{"", "from ", "20 to 40"},
			{"Increase NPS from ", "x", " to 40"},
			{"Increase NPS from 20 to 40", ".", ""},
		};
		clock_t		begin = clock();

		for (size_t i = 0; i < sizeof(shapes) / sizeof(shapes[0]); i++)
		{
			char	   *title = long_title(shapes[i][0], shapes[i][1], 100000, shapes[i][2]);
			size_t		len = strlen(title);
			char	   *buf = malloc(OKR_RESTATE_BUFSIZE(len)),
					   *work = malloc(OKR_RESTATE_WORKSIZE(len));
			okr_key_result old_kr = kr_of("20 -> 40"),
						new_kr = kr_of("30 -> 40");
			int			restated;

			CHECK(okr_restate_title(title, &old_kr, &new_kr, 8104, 8105, buf, work, shortest_double,
									&restated, NULL) == OKR_OK && (restated ? strlen(buf) == len : i == 1),
				  "a 100 kB title of \"%s\"", shapes[i][1]);
			free(title);
			free(buf);
			free(work);
		}
		printf("statement: 12 titles of 100 kB restated in %.0f ms\n",
			   (double) (clock() - begin) * 1000 / CLOCKS_PER_SEC);
	}
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

	/* titles */
	title_examples();
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

/* Words random titles are made of: values, quarters, "from" and "to" among them. */
static const char *const title_words[] = {
	"Increase", "reduce", "NPS", "from", "to", "FROM", "To", "by", "end", "of", "Q1", "Q3", "q4", "Q3 2026",
	"Q3-2026", "2026-Q3", "2026 Q4", "2026Q1", "2026", "(stretch:", "300)", "$2M", "45 min", "4 milestones",
	"%", "x", ",", ".", "6h", "3.5", "-1", "FAQ3", "\xE2\x82\xAC" "5k", "\xC3\xA9t\xC3\xA9", "\xFF\xFE", "1e5"
};

/* A value of plan's unit written one of the ways people write it, into out. */
static void
write_value(double value, okr_unit unit, char *out)
{
	okr_scale	minutes = {0, 60},
				hours = {0, 3600};
	char		digits[OKR_DOUBLE_BUFSIZE];

	if (unit == OKR_UNIT_SECONDS && below(2) && okr_format_in_scale(value, below(2) ? minutes : hours, digits) &&
		value >= 0)
		sprintf(out, "%s %s", digits, below(2) ? "minutes" : "hours");
	else
		okr_format_value(value, unit, out, shortest_double);
}

/* Whether a and b differ only where a has a digit (quarter numbers and years), both of length len. */
static int
differ_in_digits(const char *a, const char *b, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (a[i] != b[i] && !(isdigit((unsigned char) a[i]) && isdigit((unsigned char) b[i])))
			return 0;
	return 1;
}

/*
 * Random titles of words, with a "from <start> to <target>" of a random plan
 * most of the time: a title that states the old plan is restated, and then
 * states the new one, its text before the start unchanged but for quarter
 * digits; one that states no numbers changes only in quarter digits (not at
 * all when the quarter stays); one whose numbers differ is not restated.
 */
static void
title_property(long count)
{
	long		counts[3] = {0, 0, 0};

	for (long i = 0; i < count; i++)
	{
		okr_key_result plan = {.start = random_double(), .target = random_double(),
		.unit = (uint8_t) below(OKR_UNIT_COUNT)};
		okr_key_result old_plan,
					new_plan;
		char		title[600] = "",
					value[OKR_FORMAT_BUFSIZE];
		char		buf[OKR_RESTATE_BUFSIZE(600)],
					work[OKR_RESTATE_WORKSIZE(600)];
		int32_t		old_quarter = 2026 * 4 + (int32_t) below(4),
					new_quarter = below(4) ? old_quarter + 1 : old_quarter;
		int			words = (int) below(8),
					found,
					again,
					restated;
		okr_stated_plan where,
					where_new;
		okr_status	status;
		size_t		len;

		if (okr_check_key_result(&plan, NULL) != OKR_OK)
			continue;
		for (int w = 0; w < words; w++)
		{
			strcat(title, title_words[below(sizeof(title_words) / sizeof(title_words[0]))]);
			strcat(title, " ");
		}
		if (below(4))
		{
			strcat(title, "from ");
			write_value(plan.start, (okr_unit) plan.unit, value);
			strcat(title, value);
			strcat(title, " to ");
			write_value(plan.target, (okr_unit) plan.unit, value);
			strcat(title, value);
		}
		words = (int) below(6);
		for (int w = 0; w < words; w++)
		{
			strcat(title, " ");
			strcat(title, title_words[below(sizeof(title_words) / sizeof(title_words[0]))]);
		}
		len = strlen(title);

		old_plan = plan;
		if (below(5) == 0)
			old_plan.start = random_double();
		new_plan = plan;
		if (okr_carry_forward(&plan, plan.start + (plan.target - plan.start) / 3,
							  plan.target + (plan.target - plan.start), 1 + (int) below(4),
							  shortest_double, &new_plan, NULL) != OKR_OK)
			new_plan = plan;
		if (okr_check_key_result(&old_plan, NULL) != OKR_OK ||
			(old_plan.target > old_plan.start) != (new_plan.target > new_plan.start))
			continue;

		found = okr_find_stated_plan(title, &old_plan, work, &where);
		counts[found + 1]++;
		status = okr_restate_title(title, &old_plan, &new_plan, old_quarter, new_quarter, buf, work,
								   shortest_double, &restated, NULL);
		if (status != OKR_OK)
		{
			CHECK(0, "restate_title(\"%s\") refused", title);
			continue;
		}
		if (found == 0)
			CHECK(!restated, "\"%s\" states other numbers, yet was restated", title);
		else if (found < 0)
			CHECK(restated && strlen(buf) == len && differ_in_digits(title, buf, len) &&
				  (new_quarter != old_quarter || strcmp(buf, title) == 0),
				  "\"%s\" states no numbers, yet became \"%s\"", title, restated ? buf : "NULL");
		else
		{
			again = restated ? okr_find_stated_plan(buf, &new_plan, work, &where_new) : -2;
			CHECK(restated && again == 1 && differ_in_digits(title, buf, where.start_offset),
				  "\"%s\" restated for %.17g -> %.17g gave \"%s\" (%d)", title, new_plan.start, new_plan.target,
				  restated ? buf : "NULL", again);
		}
	}
	printf("titles: %ld random titles: %ld state their plan, %ld other numbers, %ld none\n",
		   count, counts[2], counts[1], counts[0]);
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
	title_property(count / 5);
	return unit_summary("statement");
}
