/*
 * type_errors.h: the errors of the types' plain-C parsers and checks, raised
 * with the SQLSTATE, message and hint that the value's type and source call
 * for (type_errors.c).
 */
#ifndef OKRKPI_TYPE_ERRORS_H
#define OKRKPI_TYPE_ERRORS_H

#include "sql_types.h"

/* Where a value being checked came from: it decides the SQLSTATE. */
typedef enum okr_source
{
	OKR_FROM_TEXT,				/* text input and jsonb casts: 22P02 / 22003 / 22023 */
	OKR_FROM_BINARY,			/* binary receive: 22P03 / 22003 / 22023 */
	OKR_FROM_ARGUMENT			/* a function argument such as with_current: 22023 */
} okr_source;

/* What the error messages of one type say. */
typedef struct okr_type_info
{
	const char *name;			/* "key_result" */
	const char *syntax_hint;	/* how to write a literal */
	const char *invalid_hint;	/* how to fix an OKR_INVALID value */
	int			range_errcode;	/* SQLSTATE for OKR_RANGE */
} okr_type_info;

extern const okr_type_info okr_key_result_info;
extern const okr_type_info okr_kpi_info;
extern const okr_type_info okr_quarter_info;

/* An error's detail and hint (NULL when none) as messages show them. */
extern const char *okr_shown_detail(const okr_error *error);
extern const char *okr_shown_hint(const okr_error *error);

/* Raise the error that a failed parse or check calls for; never returns. */
pg_noreturn extern void okr_report(const okr_type_info *type, const okr_error *error,
								   okr_source source, const char *input);

#endif							/* OKRKPI_TYPE_ERRORS_H */
