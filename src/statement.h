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
 * (no verb, unknown verb, no "from ... to ...", empty metric), OKR_INVALID
 * (start = target, or a verb against the plan's direction), OKR_RANGE (a
 * number out of float8 range).  On failure *out is untouched.
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

#endif							/* OKRKPI_STATEMENT_H */
