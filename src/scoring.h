/*
 * scoring.h: the arithmetic of scores, grades and KPI health, in plain C.
 *
 * These are the scoring rules of doc/scoring.md, shared by the scalar
 * SQL functions, the jsonb casts and the aggregates.
 */
#ifndef OKRKPI_SCORING_H
#define OKRKPI_SCORING_H

#include "literal.h"

/* Numbering follows the order of the SQL enums okrkpi.health and okrkpi.grade. */
typedef enum okr_health
{
	OKR_HEALTHY = 0,
	OKR_AT_RISK,
	OKR_UNHEALTHY
} okr_health;

#define OKR_DEFAULT_TOLERANCE 0.1

/*
 * Inclusive boundaries (health's "at most", status's "p >= e - 0.1") are
 * compared with this relative slack, so that decimal inputs that are equal
 * on paper (2.2 - 2 and 0.1 x 2) compare equal.
 */
#define OKR_BOUNDARY_EPSILON 1e-9

/* (value - start) / (target - start): increasing and decreasing alike, unclamped. */
extern double okr_progress(const okr_key_result *kr, double value);

/* Progress clamped to [0, 1]. */
extern double okr_score(const okr_key_result *kr, double value);

/*
 * actual + (annual_target - actual) / quarters_left for quarters_left >= 1
 * and finite values: always between actual and annual_target, never
 * overflowing where the difference would.
 */
extern double okr_quarter_target(double actual, double annual_target, int quarters_left);

/*
 * The next quarter's key result (doc/statements.md): start = actual, target
 * = okr_quarter_target(), in the plan's unit, without a current value, each
 * end rounded as the plan's end is written: to hundredths of the unit the
 * type prints it in (k, M, B; min, h, d, w), whole for milestones, and in
 * plain digits the start as it is and the target to one decimal more than
 * the plan and the annual target were written with (their most decimals as
 * format_double prints them in base units; money in whole units or cents).
 * Rounded ends are used only while the target lies beyond the start towards
 * annual_target and not past it; else less rounded ones, at last the exact
 * values.  Takes finite values and quarters_left >= 1; OKR_INVALID (start =
 * target) when the target equals actual even unrounded.  On failure *out is
 * untouched.
 */
extern okr_status okr_carry_forward(const okr_key_result *plan, double actual, double annual_target,
									int quarters_left, okr_double_formatter format_double,
									okr_key_result *out, okr_error *error);

/* Whether value satisfies the threshold. */
extern int	okr_meets(const okr_kpi *kpi, double value);

/* healthy, at_risk (missed by at most tolerance x |bound|, or x width for a band), unhealthy. */
extern okr_health okr_kpi_health(const okr_kpi *kpi, double value, double tolerance);

extern const char *okr_health_name(okr_health health);

#endif							/* OKRKPI_SCORING_H */
