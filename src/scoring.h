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
 * Inclusive boundaries (grade's bands, health's "at most", status's
 * "p >= e - 0.1" and "score 1") are compared with this relative slack, so
 * that decimal inputs that are equal on paper (2.2 - 2 and 0.1 x 2, or
 * (2.12 - 2.4) / (2 - 2.4) and 0.7) compare equal.
 */
#define OKR_BOUNDARY_EPSILON 1e-9

/* grade(): red below 0.4, yellow below 0.7, green from 0.7 (with the slack). */
#define OKR_GRADE_YELLOW 0.4
#define OKR_GRADE_GREEN 0.7

/* Numbering follows the order of the SQL enum okrkpi.grade. */
typedef enum okr_grade
{
	OKR_RED = 0,
	OKR_YELLOW,
	OKR_GREEN
} okr_grade;

/*
 * x >= bound, or x <= bound, with the slack: x may fall short of (or exceed)
 * bound by OKR_BOUNDARY_EPSILON x max(1, |bound|).  Every inclusive boundary
 * of the scoring rules is compared through these two.
 */
extern int	okr_at_least(double x, double bound);
extern int	okr_at_most(double x, double bound);

/* The colour band of a score: okr_at_least(score, 0.4), okr_at_least(score, 0.7). */
extern okr_grade okr_grade_of(double score);

/*
 * x rounded to 15 significant decimal digits, as float8 -> numeric -> float8
 * does (PostgreSQL's float8_numeric prints DBL_DIG = 15 digits): float noise
 * such as 0.7499999999999997 becomes 0.75, and every value that 15 digits
 * write exactly (0.75, 0.815, 1e-300) comes back unchanged.  -0 gives 0 (numeric
 * has no -0); infinities and NaN pass through.  The few largest doubles,
 * whose 15 digits (1.79769313486232e308) lie beyond the largest double, are
 * returned as they are, where numeric -> float8 fails.
 */
extern double okr_tidy(double x);

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
