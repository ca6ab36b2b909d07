/*
 * score_functions.h: what score_functions.c, the scalar scoring functions,
 * shares with the aggregates (aggregates.c) and the statement functions
 * (statement_functions.c): the SQL enums' labels and the argument checks.
 */
#ifndef OKRKPI_SCORE_FUNCTIONS_H
#define OKRKPI_SCORE_FUNCTIONS_H

#include "sql_types.h"

#include "catalog.h"
#include "scoring.h"

/* Labels of the SQL enums, in declaration order. */
extern const char *const okr_grade_labels[3];
extern const char *const okr_health_labels[3];

/* The okrkpi.health enum Datum for a health. */
#define OKR_HEALTH_DATUM(fcinfo, h) \
	okr_enum_value(fcinfo, "health", okr_health_labels, 3, (int) (h))

/*
 * Raise 22023 unless value is finite.  argument is the SQL name of the
 * argument it was passed as; NULL for a measured value an aggregate reads.
 */
extern void okr_require_finite(double value, const char *argument);

/*
 * Raise 22023 unless quarter_target(actual, annual_target, quarters_left)
 * has finite values and quarters_left >= 1; carry_forward checks the same.
 */
extern void okr_require_quarter_step(double actual, double annual_target, int32 quarters_left);

#endif							/* OKRKPI_SCORE_FUNCTIONS_H */
