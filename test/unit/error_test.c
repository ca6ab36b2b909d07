/*
 * error_test.c: what the parsers say about input they refuse, without a
 * server.
 *
 * Each refused key_result, kpi and statement below comes with the status,
 * the fault, the byte position, the detail and the hint worked out by hand
 * from the rules of doc/types.md and doc/statements.md: a current value
 * without the plan's unit, an unknown unit, start and target in different
 * units, start = target, a verb against the numbers.  Then, over every way
 * of writing a start and every bare current value in a list, that each
 * literal the hint shows reads, with the current value in the start's unit
 * and scale ("in hours") or in base units ("for 7200 seconds").
 */
#include "unit_check.h"
#include "../../src/statement.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


typedef enum kind
{
	KEY_RESULT,
	KPI,
	STATEMENT
} kind;

static const char *const kind_names[] = {"key_result", "kpi", "statement"};

static okr_status
parse(kind k, const char *input, okr_error *error)
{
	okr_key_result kr;
	okr_kpi		kpi;
	okr_statement st;
	okr_status	status;
	char	   *work;

	switch (k)
	{
		case KEY_RESULT:
			return okr_parse_key_result(input, &kr, error);
		case KPI:
			return okr_parse_kpi(input, &kpi, error);
		default:
			work = malloc(OKR_STATEMENT_BUFSIZE(strlen(input)));
			status = okr_parse_statement(input, &st, work, error);
			free(work);
			return status;
	}
}

/* input is refused with status and fault, at byte position, with this detail and hint ("" for none). */
static void
refused(kind k, const char *input, okr_status status, okr_fault fault, size_t position,
		const char *detail, const char *hint)
{
	okr_error	error;
	okr_status	got = parse(k, input, &error);

	if (got == OKR_OK)
	{
		CHECK(0, "%s '%s' was not refused", kind_names[k], input);
		return;
	}
	CHECK(got == status && error.status == status, "%s '%s': status %d, expected %d",
		  kind_names[k], input, (int) got, (int) status);
	CHECK(error.fault == fault, "%s '%s': fault %d, expected %d", kind_names[k], input,
		  (int) error.fault, (int) fault);
	CHECK(error.position == position, "%s '%s': position %zu, expected %zu", kind_names[k], input,
		  error.position, position);
	CHECK(strcmp(okr_error_detail(&error), detail) == 0, "%s '%s': detail\n  \"%s\", expected\n  \"%s\"",
		  kind_names[k], input, okr_error_detail(&error), detail);
	CHECK(strcmp(error.hint, hint) == 0, "%s '%s': hint\n  \"%s\", expected\n  \"%s\"",
		  kind_names[k], input, error.hint, hint);
	/* the generic detail is always there too, for the callers that show no text of the input */
	CHECK(error.detail != NULL && error.detail[0] != '\0', "%s '%s': no generic detail", kind_names[k], input);
}

static void
accepted(kind k, const char *input)
{
	okr_error	error;

	CHECK(parse(k, input, &error) == OKR_OK, "%s '%s' was refused: %s", kind_names[k], input,
		  okr_error_detail(&error));
}

static void
examples(void)
{
	/*
	 * a current value without the plan's unit: refused; the hint writes it in
	 * the start's unit and scale ("in hours") and, when that is another value,
	 * read in base units as 0.2.0 did ("for 2 seconds"), the reading nearer
	 * start and target first.  2h = 7200 s lies between 45min = 2700 s and 6h =
	 * 21600 s; 2 s is below them.
	 */
	refused(KEY_RESULT, "6h -> 45min @ 2", OKR_SYNTAX, OKR_FAULT_CURRENT_UNIT, 14,
			"The current value \"2\" has no unit, but start and target are durations",
			"Write the current value with a unit: '6h -> 45min @ 2h' in hours, or '6h -> 45min @ 2s' for 2 seconds.");
	/* 7200 s is 2h, between start and target; 7200h is 1200 times the start: the seconds first */
	refused(KEY_RESULT, "6h -> 45min @ 7200", OKR_SYNTAX, OKR_FAULT_CURRENT_UNIT, 14,
			"The current value \"7200\" has no unit, but start and target are durations",
			"Write the current value with a unit: '6h -> 45min @ 2h' for 7200 seconds, or '6h -> 45min @ 7200h' in hours.");
	refused(KEY_RESULT, "6h -> 45min @ 1", OKR_SYNTAX, OKR_FAULT_CURRENT_UNIT, 14,
			"The current value \"1\" has no unit, but start and target are durations",
			"Write the current value with a unit: '6h -> 45min @ 1h' in hours, or '6h -> 45min @ 1s' for 1 second.");
	/* 0 is 0 in any scale: one literal */
	refused(KEY_RESULT, "6h -> 45min @ 0", OKR_SYNTAX, OKR_FAULT_CURRENT_UNIT, 14,
			"The current value \"0\" has no unit, but start and target are durations",
			"Write the current value with a unit, as in '6h -> 45min @ 0h'.");
	/* $2.5M lies between $2M and $3M; $2.5 is far below */
	refused(KEY_RESULT, "$2M -> $3M @ 2.5", OKR_SYNTAX, OKR_FAULT_CURRENT_UNIT, 13,
			"The current value \"2.5\" has no unit, but start and target are amounts in $",
			"Write the current value with a unit: '$2M -> $3M @ $2.5M' in millions, or '$2M -> $3M @ $2.5' for 2.5 dollars.");
	/* 2500000 dollars, printed as output prints them, $2.5M, is the plan's; $2500000M is not */
	refused(KEY_RESULT, "$2M -> $3M @ 2500000", OKR_SYNTAX, OKR_FAULT_CURRENT_UNIT, 13,
			"The current value \"2500000\" has no unit, but start and target are amounts in $",
			"Write the current value with a unit: '$2M -> $3M @ $2.5M' for 2500000 dollars, or '$2M -> $3M @ $2500000M' in millions.");
	/* a magnitude of its own on a money value: $2.5k is 2500 dollars either way */
	refused(KEY_RESULT, "$2M -> $3M @ 2.5k", OKR_SYNTAX, OKR_FAULT_CURRENT_UNIT, 13,
			"The current value \"2.5k\" has no unit, but start and target are amounts in $",
			"Write the current value with a unit, as in '$2M -> $3M @ $2.5k'.");
	/* 3k h = 10 800 000 s is 1.5 times 2k h; 3 s is far below 1k h */
	refused(KEY_RESULT, "2k h -> 1k h @ 3", OKR_SYNTAX, OKR_FAULT_CURRENT_UNIT, 15,
			"The current value \"3\" has no unit, but start and target are durations",
			"Write the current value with a unit: '2k h -> 1k h @ 3k h' in thousands of hours, or '2k h -> 1k h @ 3s' for 3 seconds.");
	refused(KEY_RESULT, "73% -> 75% @ 74", OKR_SYNTAX, OKR_FAULT_CURRENT_UNIT, 13,
			"The current value \"74\" has no unit, but start and target are percentages",
			"Write the current value with a unit, as in '73% -> 75% @ 74%'.");
	refused(KEY_RESULT, "-$5 -> $10 @ -3", OKR_SYNTAX, OKR_FAULT_CURRENT_UNIT, 13,
			"The current value \"-3\" has no unit, but start and target are amounts in $",
			"Write the current value with a unit, as in '-$5 -> $10 @ -$3'.");
	refused(KEY_RESULT, "\xE2\x82\xAC 5 -> \xE2\x82\xAC 6 @ 5.5", OKR_SYNTAX, OKR_FAULT_CURRENT_UNIT, 17,
			"The current value \"5.5\" has no unit, but start and target are amounts in \xE2\x82\xAC",
			"Write the current value with a unit, as in '\xE2\x82\xAC 5 -> \xE2\x82\xAC 6 @ \xE2\x82\xAC 5.5'.");
	refused(KEY_RESULT, "6 hours -> 2 hours @ 3", OKR_SYNTAX, OKR_FAULT_CURRENT_UNIT, 21,
			"The current value \"3\" has no unit, but start and target are durations",
			"Write the current value with a unit: '6 hours -> 2 hours @ 3 hours' in hours, or '6 hours -> 2 hours @ 3s' for 3 seconds.");
	refused(KEY_RESULT, "  6h->45min@2  ", OKR_SYNTAX, OKR_FAULT_CURRENT_UNIT, 12,
			"The current value \"2\" has no unit, but start and target are durations",
			"Write the current value with a unit: '  6h->45min@2h  ' in hours, or '  6h->45min@2s  ' for 2 seconds.");
	/*
	 * a magnitude of its own stays; the word follows it after a space ("3kh"
	 * would be no unit).  3000 s = 50min is 2.4 times below 2h; 3k h is 500
	 * times above 6h: the seconds first.
	 */
	refused(KEY_RESULT, "6h -> 2h @ 3k", OKR_SYNTAX, OKR_FAULT_CURRENT_UNIT, 11,
			"The current value \"3k\" has no unit, but start and target are durations",
			"Write the current value with a unit: '6h -> 2h @ 50min' for 3k seconds, or '6h -> 2h @ 3k h' in hours.");
	/* 6. and 136 zeros: two whole literals of 152 bytes pass the hint's 320: the current values alone */
	refused(KEY_RESULT, "6.0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000h -> 45min @ 2",
			OKR_SYNTAX, OKR_FAULT_CURRENT_UNIT, 151,
			"The current value \"2\" has no unit, but start and target are durations",
			"Write the current value with a unit: '@ 2h' in hours, or '@ 2s' for 2 seconds.");
	/* another unit: no guess at what was meant */
	refused(KEY_RESULT, "6h -> 45min @ 2%", OKR_SYNTAX, OKR_FAULT_CURRENT_UNIT, 14,
			"The current value \"2%\" is a percentage, but start and target are durations",
			"Write the current value in the unit of start and target.");
	/* 1e305 hours would not read (3.6e308 seconds): the reading in seconds alone, said so */
	refused(KEY_RESULT, "1h -> 2h @ 1e305", OKR_SYNTAX, OKR_FAULT_CURRENT_UNIT, 11,
			"The current value \"1e305\" has no unit, but start and target are durations",
			"Write the current value with a unit, as in '1h -> 2h @ 1e+305s' for 1e305 seconds.");
	/* plain numbers (a magnitude is no unit) and milestones (a count has one scale) keep a bare current value */
	accepted(KEY_RESULT, "20 -> 40 @ 30");
	accepted(KEY_RESULT, "20k -> 40k @ 30000");
	accepted(KEY_RESULT, "0 -> 4 milestones @ 1");
	accepted(KEY_RESULT, "0 -> 4 @ 1 milestone");
	accepted(KEY_RESULT, "6h -> 45min @ 2h");
	accepted(KEY_RESULT, "$2M -> $3M @ $2500000");
	accepted(KEY_RESULT, "73% -> 75% @ 74%");
	refused(KEY_RESULT, "$0 -> 4 milestones", OKR_SYNTAX, OKR_FAULT_MIXED_UNITS, 0,
			"The key result counts milestones, but the start \"$0\" is an amount in $",
			"Write every value of a milestone key result as a plain count, as in '0 -> 4 milestones @ 1'.");
	refused(KEY_RESULT, "0 -> 4 milestones @ 50%", OKR_SYNTAX, OKR_FAULT_CURRENT_UNIT, 20,
			"The key result counts milestones, but the current value \"50%\" is a percentage",
			"Write every value of a milestone key result as a plain count, as in '0 -> 4 milestones @ 1'.");

	/* KPIs: the same rule against the threshold */
	/* 3h is 1.5 times the threshold 2h, 3 s 2400 times below it */
	refused(KPI, ">= 2h @ 3", OKR_SYNTAX, OKR_FAULT_CURRENT_UNIT, 8,
			"The current value \"3\" has no unit, but the threshold is a duration",
			"Write the current value with a unit: '>= 2h @ 3h' in hours, or '>= 2h @ 3s' for 3 seconds.");
	/* a threshold of 0 gives no measure of nearness: the start's reading first */
	refused(KPI, ">= 0h @ 5000", OKR_SYNTAX, OKR_FAULT_CURRENT_UNIT, 8,
			"The current value \"5000\" has no unit, but the threshold is a duration",
			"Write the current value with a unit: '>= 0h @ 5000h' in hours, or '>= 0h @ 5000s' for 5000 seconds.");
	refused(KPI, "<= 2% @ 1.5", OKR_SYNTAX, OKR_FAULT_CURRENT_UNIT, 8,
			"The current value \"1.5\" has no unit, but the threshold is a percentage",
			"Write the current value with a unit, as in '<= 2% @ 1.5%'.");
	refused(KPI, "$1M .. $2M @ 1.5", OKR_SYNTAX, OKR_FAULT_CURRENT_UNIT, 13,
			"The current value \"1.5\" has no unit, but the threshold is an amount in $",
			"Write the current value with a unit: '$1M .. $2M @ $1.5M' in millions, or '$1M .. $2M @ $1.5' for 1.5 dollars.");
	/* both ends count: 1500000 dollars lie in the band, 1500000M far above it */
	refused(KPI, "$1M .. $2M @ 1500000", OKR_SYNTAX, OKR_FAULT_CURRENT_UNIT, 13,
			"The current value \"1500000\" has no unit, but the threshold is an amount in $",
			"Write the current value with a unit: '$1M .. $2M @ $1.5M' for 1500000 dollars, or '$1M .. $2M @ $1500000M' in millions.");
	refused(KPI, ">= 40 @ 41%", OKR_SYNTAX, OKR_FAULT_CURRENT_UNIT, 8,
			"The current value \"41%\" is a percentage, but the threshold is a plain number",
			"Write the current value in the unit of the threshold.");
	refused(KPI, "2 .. 3%", OKR_SYNTAX, OKR_FAULT_MIXED_UNITS, 5,
			"The ends of the band differ in unit: the low end \"2\" is a plain number, the high end \"3%\" a percentage",
			"Write both ends of the band in the same unit, as in '4.2 .. 4.8' or '2% .. 3%'.");
	accepted(KPI, "4.2 .. 4.8 @ 3.9");
	accepted(KPI, ">= 2h @ 150min");

	/* unknown units: named, with what to write instead, built from the input's number */
	refused(KEY_RESULT, "5m", OKR_SYNTAX, OKR_FAULT_UNKNOWN_UNIT, 1,
			"Unknown unit \"m\": it could mean minutes or millions",
			"Write \"min\" for minutes, as in '5min', or \"M\" for millions, as in '5M'.");
	refused(KEY_RESULT, "5m -> 10m", OKR_SYNTAX, OKR_FAULT_UNKNOWN_UNIT, 1,
			"Unknown unit \"m\": it could mean minutes or millions",
			"Write \"min\" for minutes, as in '5min', or \"M\" for millions, as in '5M'.");
	refused(KEY_RESULT, "1.2 s -> 800ms", OKR_SYNTAX, OKR_FAULT_UNKNOWN_UNIT, 12,
			"Unknown unit \"ms\": milliseconds are not supported, durations are read in seconds and larger units",
			"Write the duration in seconds with a decimal, as in '0.8s' for 800ms.");
	refused(KEY_RESULT, "1500 msec -> 2s", OKR_SYNTAX, OKR_FAULT_UNKNOWN_UNIT, 5,
			"Unknown unit \"msec\": milliseconds are not supported, durations are read in seconds and larger units",
			"Write the duration in seconds with a decimal, as in '1.5s' for 1500 msec.");
	/* the whole value as written: its magnitude and its sign (5k ms = 5 s; -5 ms = -0.005 s) */
	refused(KEY_RESULT, "5k ms -> 1s", OKR_SYNTAX, OKR_FAULT_UNKNOWN_UNIT, 3,
			"Unknown unit \"ms\": milliseconds are not supported, durations are read in seconds and larger units",
			"Write the duration in seconds with a decimal, as in '5s' for 5k ms.");
	refused(KEY_RESULT, "-5ms -> 1s", OKR_SYNTAX, OKR_FAULT_UNKNOWN_UNIT, 2,
			"Unknown unit \"ms\": milliseconds are not supported, durations are read in seconds and larger units",
			"Write the duration in seconds with a decimal, as in '-0.005s' for -5ms.");
	refused(KEY_RESULT, "1s -> -2.5k usec", OKR_SYNTAX, OKR_FAULT_UNKNOWN_UNIT, 12,
			"Unknown unit \"usec\": microseconds are not supported, durations are read in seconds and larger units",
			"Write the duration in seconds with a decimal, as in '-0.0025s' for -2.5k usec.");
	refused(KEY_RESULT, "250us -> 1s", OKR_SYNTAX, OKR_FAULT_UNKNOWN_UNIT, 3,
			"Unknown unit \"us\": microseconds are not supported, durations are read in seconds and larger units",
			"Write the duration in seconds with a decimal, as in '0.00025s' for 250us.");
	/* a long number: the examples use 5 instead of repeating it; the seconds are still its own */
	refused(KEY_RESULT, "1.0000000000000000000000001m -> 2", OKR_SYNTAX, OKR_FAULT_UNKNOWN_UNIT, 27,
			"Unknown unit \"m\": it could mean minutes or millions",
			"Write \"min\" for minutes, as in '5min', or \"M\" for millions, as in '5M'.");
	refused(KEY_RESULT, "0.00000000000000000000000000000000000001ms", OKR_SYNTAX, OKR_FAULT_UNKNOWN_UNIT, 40,
			"Unknown unit \"ms\": milliseconds are not supported, durations are read in seconds and larger units",
			"Write the duration in seconds with a decimal, as in '1e-41s' for 0.00000000000000000000000000000000000....");
	refused(KEY_RESULT, "5 M -> 6M", OKR_SYNTAX, OKR_FAULT_UNKNOWN_UNIT, 2,
			"Unknown unit \"M\": a magnitude must follow its number directly",
			"Write the magnitude right after the number, as in '5M'.");
	refused(KEY_RESULT, "5b -> 6b", OKR_SYNTAX, OKR_FAULT_UNKNOWN_UNIT, 1,
			"Unknown unit \"b\"",
			"Write billions as \"B\" right after the number, as in '5B'.");
	refused(KEY_RESULT, "2 million -> 3M", OKR_SYNTAX, OKR_FAULT_UNKNOWN_UNIT, 2,
			"Unknown unit \"million\"",
			"Write millions as \"M\" right after the number, as in '2M'.");
	refused(KEY_RESULT, "5 years -> 6 years", OKR_SYNTAX, OKR_FAULT_UNKNOWN_UNIT, 2,
			"Unknown unit \"years\": months and years are not supported, as their length varies",
			"Write the duration in days or weeks, as in '90d' or '13w'.");
	refused(KEY_RESULT, "40 percent -> 50%", OKR_SYNTAX, OKR_FAULT_UNKNOWN_UNIT, 3,
			"Unknown unit \"percent\"",
			"Write a percentage with %, as in '40%'.");
	refused(KEY_RESULT, "5 USD -> $6", OKR_SYNTAX, OKR_FAULT_UNKNOWN_UNIT, 2,
			"Unknown unit \"USD\"",
			"Write the currency sign before the number, as in '$5'.");
	refused(KEY_RESULT, "20 -> 40 @ 3 apples", OKR_SYNTAX, OKR_FAULT_UNKNOWN_UNIT, 13,
			"Unknown unit \"apples\"",
			"A unit is % after the number; $, \xE2\x82\xAC, \xC2\xA3 or \xC2\xA5 before it; "
			"s, min, h, d or w (or sec, hour, day, week and their plurals) after it; "
			"or milestones. A magnitude k, M or B goes right after the number.");
	refused(KPI, ">= 5m", OKR_SYNTAX, OKR_FAULT_UNKNOWN_UNIT, 4,
			"Unknown unit \"m\": it could mean minutes or millions",
			"Write \"min\" for minutes, as in '5min', or \"M\" for millions, as in '5M'.");

	/* start and target in different units, each named with its text */
	refused(KEY_RESULT, "20 -> 40%", OKR_SYNTAX, OKR_FAULT_MIXED_UNITS, 6,
			"Start and target differ in unit: the start \"20\" is a plain number, the target \"40%\" a percentage",
			"Write start and target in the same unit; a duration may mix s, min, h, d and w, as in '6h -> 45min'.");
	refused(KEY_RESULT, "$5 -> 10 s", OKR_SYNTAX, OKR_FAULT_MIXED_UNITS, 6,
			"Start and target differ in unit: the start \"$5\" is an amount in $, the target \"10 s\" a duration",
			"Write start and target in the same unit; a duration may mix s, min, h, d and w, as in '6h -> 45min'.");
	/* a long value is shown by its first 37 bytes */
	refused(KEY_RESULT, "1.000000000000000000000000000000000000000001 -> 2%", OKR_SYNTAX, OKR_FAULT_MIXED_UNITS, 48,
			"Start and target differ in unit: the start \"1.00000000000000000000000000000000000...\" "
			"is a plain number, the target \"2%\" a percentage",
			"Write start and target in the same unit; a duration may mix s, min, h, d and w, as in '6h -> 45min'.");

	/* start = target: both as written; the type adds its hint */
	refused(KEY_RESULT, "20 -> 20", OKR_INVALID, OKR_FAULT_EQUAL, 6,
			"The start \"20\" and the target \"20\" are the same value", "");
	refused(KEY_RESULT, "60min -> 1h", OKR_INVALID, OKR_FAULT_EQUAL, 9,
			"The start \"60min\" and the target \"1h\" are the same value", "");

	/* statements: the same faults, found in the pair that was meant as the plan */
	refused(STATEMENT, "Cut p99 latency from 1.2 s to 800ms", OKR_SYNTAX, OKR_FAULT_UNKNOWN_UNIT, 16,
			"Unknown unit \"ms\": milliseconds are not supported, durations are read in seconds and larger units",
			"Write the duration in seconds with a decimal, as in '0.8s' for 800ms.");
	refused(STATEMENT, "Reduce p95 from 1.5 sec to 800 ms", OKR_SYNTAX, OKR_FAULT_UNKNOWN_UNIT, 11,
			"Unknown unit \"ms\": milliseconds are not supported, durations are read in seconds and larger units",
			"Write the duration in seconds with a decimal, as in '0.8s' for 800 ms.");
	refused(STATEMENT, "Increase NPS from 20 to 40%", OKR_SYNTAX, OKR_FAULT_MIXED_UNITS, 13,
			"Start and target differ in unit: the start \"20\" is a plain number, the target \"40%\" a percentage",
			"Write start and target in the same unit; a duration may mix s, min, h, d and w, as in '6h -> 45min'.");
	/* "40% by" and "40% by Q3" are no single value: the error is 40%'s */
	refused(STATEMENT, "Increase NPS from 20 to 40% by Q3", OKR_SYNTAX, OKR_FAULT_MIXED_UNITS, 13,
			"Start and target differ in unit: the start \"20\" is a plain number, the target \"40%\" a percentage",
			"Write start and target in the same unit; a duration may mix s, min, h, d and w, as in '6h -> 45min'.");
	refused(STATEMENT, "Reduce time to first reply from 5m to 3m", OKR_SYNTAX, OKR_FAULT_UNKNOWN_UNIT, 27,
			"Unknown unit \"m\": it could mean minutes or millions",
			"Write \"min\" for minutes, as in '5min', or \"M\" for millions, as in '5M'.");
	/* the first pair reads as no plan at all ("order"): the second, with its unit fault, is reported */
	refused(STATEMENT, "Reduce time from order to delivery from 5d to 2ms", OKR_SYNTAX, OKR_FAULT_UNKNOWN_UNIT, 35,
			"Unknown unit \"ms\": milliseconds are not supported, durations are read in seconds and larger units",
			"Write the duration in seconds with a decimal, as in '0.002s' for 2ms.");
	refused(STATEMENT, "Increase NPS from 20 to 20", OKR_INVALID, OKR_FAULT_EQUAL, 13,
			"The start \"20\" and the target \"20\" are the same value", "");
	refused(STATEMENT, "Reduce time from 60min to 1h by Q3", OKR_INVALID, OKR_FAULT_EQUAL, 12,
			"The start \"60min\" and the target \"1h\" are the same value", "");
	refused(STATEMENT, "Increase NPS from 40 to 20", OKR_INVALID, OKR_FAULT_DIRECTION, 0,
			"The verb \"Increase\" says increase, but the target \"20\" is below the start \"40\"", "");
	refused(STATEMENT, "cut latency from 45min to 6 hours.", OKR_INVALID, OKR_FAULT_DIRECTION, 0,
			"The verb \"cut\" says decrease, but the target \"6 hours\" is above the start \"45min\"", "");
	/* no pair with values: the form of a statement */
	refused(STATEMENT, "Increase NPS from 20 to forty", OKR_SYNTAX, OKR_FAULT_OTHER, 8,
			"Expected \"from <start> to <target>\" after the metric", "");
	refused(STATEMENT, "Reduce time from order to delivery", OKR_SYNTAX, OKR_FAULT_OTHER, 6,
			"Expected \"from <start> to <target>\" after the metric", "");
}

/*
 * Every way of writing a start below, against every bare current value: the
 * literal is refused, and the hint shows the literal with the current value
 * read two ways, each literal reading back with only the current value
 * changed.  "in <scale>": the current value in the start's unit, scaled as
 * the start is written (its magnitude, unless the current value has one,
 * times its unit word's factor).  "for <number> <base unit>": the number in
 * base units (seconds, plain currency), as 0.2.0 read it.  When the two are
 * one value (a start without a scale suffix, a current of 0) the hint shows
 * one literal, without a phrase.
 */
static void
hinted_literals(void)
{
	/* starts, each with a target in its unit */
	static const char *const starts[][2] = {
		{"6h", "45min"}, {"45 min", "1h"}, {"2 weeks", "1w"}, {"1.5d", "2d"}, {"90s", "60s"},
		{"3 hours", "2 hours"}, {"$2M", "$3M"}, {"\xE2\x82\xAC 3k", "\xE2\x82\xAC 4k"},
		{"-\xC2\xA3" "5", "\xC2\xA3" "5"}, {"\xC2\xA5" "1.5B", "\xC2\xA5" "2B"}, {"$-4", "$4"},
		{"73%", "75%"}, {"2.5 %", "2 %"}, {"+$7", "$9"}, {"1e3 sec", "1 sec"}, {"2k h", "1k h"}
	};
	static const char *const currents[] = {"2", "0.5", "-3", "1e2", "7k", "+4", "0", "7200", "2500000"};
	long		checked = 0,
				pairs = 0;

	for (size_t i = 0; i < sizeof(starts) / sizeof(starts[0]); i++)
		for (size_t j = 0; j < sizeof(currents) / sizeof(currents[0]); j++)
		{
			char		input[256];
			char		prefix[256];
			okr_error	error;
			okr_key_result kr;
			okr_value_layout start_layout,
						current_layout;
			const char *q;
			double		in_scale,
						in_base;
			int			literals = 0,
						seen_scale = 0,
						seen_base = 0;

			snprintf(input, sizeof(input), "%s -> %s @ %s", starts[i][0], starts[i][1], currents[j]);
			if (okr_parse_key_result(input, &kr, &error) == OKR_OK)
			{
				CHECK(0, "'%s' was not refused", input);
				continue;
			}
			CHECK(error.fault == OKR_FAULT_CURRENT_UNIT, "'%s': fault %d", input, (int) error.fault);
			snprintf(prefix, sizeof(prefix), "%s -> %s @ ", starts[i][0], starts[i][1]);
			okr_read_value_layout(starts[i][0], strlen(starts[i][0]), &start_layout);
			okr_read_value_layout(currents[j], strlen(currents[j]), &current_layout);
			in_base = strtod(currents[j], NULL) * pow(10, current_layout.scale.magnitude);
			in_scale = strtod(currents[j], NULL) *
				pow(10, current_layout.scale.magnitude != 0 ? current_layout.scale.magnitude :
					start_layout.scale.magnitude) * start_layout.scale.factor;

			if (in_scale == in_base)
				CHECK(strncmp(error.hint, "Write the current value with a unit, as in '", 44) == 0 &&
					  strstr(error.hint, "' in ") == NULL && strstr(error.hint, "' for ") == NULL,
					  "'%s': one reading, but the hint is: %s", input, error.hint);
			else
				CHECK(strncmp(error.hint, "Write the current value with a unit: '", 38) == 0,
					  "'%s': two readings, but the hint is: %s", input, error.hint);

			/* each quoted literal, and the phrase after it */
			for (q = strchr(error.hint, '\''); q != NULL; q = strchr(q, '\''))
			{
				const char *close = strchr(q + 1, '\'');
				char		hinted[256];
				okr_key_result plan;
				size_t		len;
				int			is_scale,
							is_base;
				double		expected;

				if (close == NULL || (len = (size_t) (close - q - 1)) >= sizeof(hinted))
				{
					CHECK(0, "'%s': unbalanced quotes in the hint: %s", input, error.hint);
					break;
				}
				memcpy(hinted, q + 1, len);
				hinted[len] = '\0';
				q = close + 1;
				literals++;
				is_scale = strncmp(q, " in ", 4) == 0;
				is_base = strncmp(q, " for ", 5) == 0;
				CHECK(strncmp(hinted, prefix, strlen(prefix)) == 0,
					  "'%s': the hint changes more than the current value", hinted);
				if (okr_parse_key_result(hinted, &plan, &error) != OKR_OK)
				{
					CHECK(0, "the hinted '%s' does not read: %s", hinted, okr_error_detail(&error));
					continue;
				}
				/* with one literal the readings agree; else the phrase says which it is */
				expected = is_base ? in_base : in_scale;
				CHECK(in_scale == in_base ? (!is_scale && !is_base) : (is_scale || is_base),
					  "'%s': the phrase after '%s' does not fit", input, hinted);
				CHECK(plan.has_current && plan.unit == start_layout.unit &&
					  fabs(plan.current - expected) <= 1e-9 * fabs(expected),
					  "the hinted '%s' has the current value %.17g, expected %.17g", hinted, plan.current, expected);
				seen_scale += is_scale;
				seen_base += is_base;
				checked++;
			}
			if (in_scale == in_base)
				CHECK(literals == 1, "'%s': %d literals in the hint, expected 1", input, literals);
			else
			{
				CHECK(literals == 2 && seen_scale == 1 && seen_base == 1,
					  "'%s': the hint does not show both readings: %s", input, error.hint);
				pairs++;
			}
		}
	printf("errors: %ld hinted literals read with the current value as their phrase says (%ld hints with two readings)\n",
		   checked, pairs);
}

int
main(void)
{
	examples();
	hinted_literals();
	return unit_summary("errors");
}
