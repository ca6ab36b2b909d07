/*
 * statement.h: OKR statements ("Increase NPS from 20 to 40"), in plain C.
 *
 * Like literal.h, nothing here includes a PostgreSQL header, so the parser
 * and formatter compile into stand-alone tests (test/unit/statement_test.c).
 * Text is NUL-terminated UTF-8.  The rules are in doc/statements.md.
 */
#ifndef OKRKPI_STATEMENT_H
#define OKRKPI_STATEMENT_H

#include "literal.h"

/*
 * Bytes that always suffice for the buffers below, given len = strlen() of
 * the metric (formatting) or of the statement (parsing).  A statement is a
 * verb, the metric and at most OKR_FORMAT_BUFSIZE bytes of values and words.
 */
#define OKR_STATEMENT_BUFSIZE(len) ((len) + OKR_FORMAT_BUFSIZE + 64)

/* A parsed statement: metric and rest as byte ranges of the input. */
typedef struct okr_statement
{
	size_t		metric_offset;	/* the metric, without white space around it */
	size_t		metric_length;
	okr_key_result plan;		/* start -> target, no current value */
	size_t		rest_offset;	/* the text after the target runs from here to the end */
} okr_statement;

/*
 * Parse "<verb> <metric> from <start> to <target>[rest]".  work is scratch
 * space of OKR_STATEMENT_BUFSIZE(strlen(input)) bytes.  Errors: OKR_SYNTAX
 * (no verb, unknown verb, no "from ... to ...", empty metric, and the value
 * faults OKR_FAULT_UNKNOWN_UNIT and OKR_FAULT_MIXED_UNITS of a pair that
 * reads as no plan, with the key_result parser's detail and hint),
 * OKR_INVALID (start = target, OKR_FAULT_EQUAL, or a verb against the plan's
 * direction, OKR_FAULT_DIRECTION), OKR_RANGE (a number out of float8
 * range).  The detail written for the input names its words.  On failure
 * *out is untouched.
 */
extern okr_status okr_parse_statement(const char *input, okr_statement *out,
									  char *work, okr_error *error);

/*
 * Write "<Verb> <metric> from <start> to <target>" into buf: Increase or
 * Reduce by the plan's direction (Complete for a rising milestone count),
 * the metric without white space around it, the values as the key_result
 * output writes them; the plan's current value is left out.  buf and work
 * each hold OKR_STATEMENT_BUFSIZE(strlen(metric)) bytes.  OKR_INVALID when
 * the metric is empty, or when the statement would not read back as this
 * metric and plan (a metric with a "from ... to ..." of its own).
 */
extern okr_status okr_format_statement(const char *metric, const okr_key_result *plan,
									   char *buf, char *work,
									   okr_double_formatter format_double, okr_error *error);

/*
 * Titles (doc/statements.md): the "from <start> to <target>" a title states,
 * read as okr_parse_statement() reads a statement, but with no verb needed:
 * each word "to" paired with the nearest "from" before it, the start the text
 * between them, the target the longest prefix of the next three words that
 * reads as one value with it.
 */
typedef struct okr_stated_plan
{
	size_t		start_offset;	/* the start value as written, without white space around it */
	size_t		start_length;
	size_t		to_offset;		/* the word "to" */
	size_t		target_offset;	/* the target value as written */
	size_t		target_length;
	okr_key_result plan;		/* what they read as, no current value */
} okr_stated_plan;

/*
 * Whether text states plan: 1 when a pair's values equal plan's start and
 * target in base units (and its unit, unless the pair writes none; plan's
 * current value does not count), *where then being the first such pair; 0
 * when it states values (a pair that reads, or reads but for start =
 * target) and none equal; -1 when it states none.  work holds
 * OKR_STATEMENT_BUFSIZE(strlen(text)) bytes.  Time linear in the length of text.
 */
extern int	okr_find_stated_plan(const char *text, const okr_key_result *plan, char *work,
								 okr_stated_plan *where);

/* Bytes that always suffice for the buffer and the scratch space of okr_restate_title(). */
#define OKR_RESTATE_BUFSIZE(len) ((len) + 2 * OKR_FORMAT_BUFSIZE + 64)
#define OKR_RESTATE_WORKSIZE(len) OKR_STATEMENT_BUFSIZE(OKR_RESTATE_BUFSIZE(len))

/*
 * title restated for new_plan and new_quarter into buf
 * (OKR_RESTATE_BUFSIZE(strlen(title)) bytes; work holds
 * OKR_RESTATE_WORKSIZE(strlen(title))): the start and target of the pair
 * that states old_plan replaced by new_plan's, each written the way the title
 * wrote its value (sign, currency, magnitude, unit word, white space) when
 * it has an exact form there, else as the type prints it; references to
 * old_quarter ("Q3", "Q3 2026", "Q3-2026", "2026-Q3", "2026 Q3", "2026Q3",
 * any letter case) moved to new_quarter, a year written only where the title
 * wrote one; every other byte as it was.  *restated is 0 (buf untouched)
 * when the title states values and none equal old_plan, or when the new
 * values would not read back as new_plan; a title that states none gets its
 * quarter references moved.  OKR_INVALID when new_plan's unit or direction
 * differs from old_plan's.  Time linear in the length of title.
 */
extern okr_status okr_restate_title(const char *title, const okr_key_result *old_plan,
									const okr_key_result *new_plan, int32_t old_quarter,
									int32_t new_quarter, char *buf, char *work,
									okr_double_formatter format_double, int *restated,
									okr_error *error);

#endif							/* OKRKPI_STATEMENT_H */
