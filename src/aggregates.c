/*
 * aggregates.c: transition, combine and final functions of the aggregates of
 * SPEC section 3: latest, kr_score (and its two-phase form), kpi_health,
 * objective_score, hit_rate and kr_forecast.
 *
 * States are fixed-size values of the extension's own types (state.h).  They
 * start NULL (no initcond), so an empty group gives NULL without a final
 * call; inside an aggregate a state is updated in place, as float8_accum
 * does, and copied first when a function is called directly.
 */
#include "state.h"

#include <math.h>

#include "scoring_sql.h"
#include "utils/timestamp.h"

/* The state argument, writable: in place inside an aggregate, else a copy. */
static void *
writable_state(FunctionCallInfo fcinfo, int argno, size_t size)
{
	void	   *state;

	if (PG_ARGISNULL(argno))
		return palloc0(size);
	state = PG_GETARG_POINTER(argno);
	if (AggCheckCallContext(fcinfo, NULL))
		return state;
	return memcpy(palloc(size), state, size);
}

/* Returning NULL state is how an aggregate that has seen nothing stays empty. */
#define RETURN_STATE_OR_NULL(argno) \
	do { if (PG_ARGISNULL(argno)) PG_RETURN_NULL(); PG_RETURN_POINTER(PG_GETARG_POINTER(argno)); } while (0)

typedef int (*plan_compare) (const okr_latest_state *a, const okr_latest_state *b);

static int
compare_no_plan(const okr_latest_state *a pg_attribute_unused(),
				const okr_latest_state *b pg_attribute_unused())
{
	return 0;
}

static int
compare_kr_plans(const okr_latest_state *a, const okr_latest_state *b)
{
	return memcmp(&a->plan.kr, &b->plan.kr, sizeof(okr_key_result));
}

static int
compare_kpi_plans(const okr_latest_state *a, const okr_latest_state *b)
{
	return memcmp(&a->plan.kpi, &b->plan.kpi, sizeof(okr_kpi));
}

/*
 * Whether candidate is later than current: greater time, then greater value
 * (the spec's tie rule), then a fixed order of plans, so a parallel plan
 * picks the same row as a serial one whatever order rows arrive in.
 */
static bool
is_later(const okr_latest_state *candidate, const okr_latest_state *current, plan_compare compare)
{
	if (current->rows == 0)
		return true;
	if (candidate->at != current->at)
		return candidate->at > current->at;
	if (candidate->value != current->value)
		return candidate->value > current->value;
	return compare(candidate, current) > 0;
}

/* Fold one row (value, at, plan) into a latest-row state. */
static void
latest_add(okr_latest_state *state, const okr_latest_state *row, plan_compare compare)
{
	int64		rows = state->rows;

	if (is_later(row, state, compare))
		*state = *row;
	state->rows = rows + 1;
}

/* Merge two latest-row states; `into` is writable. */
static void
latest_merge(okr_latest_state *into, const okr_latest_state *other, plan_compare compare)
{
	int64		rows = into->rows + other->rows;

	if (other->rows > 0 && is_later(other, into, compare))
		*into = *other;
	into->rows = rows;
}

/* A row for a latest-row state, or false when the row is skipped (NULLs). */
static bool
row_from_args(FunctionCallInfo fcinfo, int value_arg, int at_arg, okr_latest_state *row)
{
	if (PG_ARGISNULL(value_arg) || PG_ARGISNULL(at_arg))
		return false;
	memset(row, 0, sizeof(*row));
	row->rows = 1;
	row->value = PG_GETARG_FLOAT8(value_arg);
	row->at = PG_GETARG_TIMESTAMPTZ(at_arg);
	okr_require_finite(row->value, "a measured value");
	return true;
}

/* latest(value, at) */
PG_FUNCTION_INFO_V1(latest_transfn);
Datum
latest_transfn(PG_FUNCTION_ARGS)
{
	okr_latest_state row;
	okr_latest_state *state;

	if (!row_from_args(fcinfo, 1, 2, &row))
		RETURN_STATE_OR_NULL(0);
	state = writable_state(fcinfo, 0, sizeof(*state));
	latest_add(state, &row, compare_no_plan);
	PG_RETURN_POINTER(state);
}

/* kr_score(kr, value, at) and kr_score_state(kr, value, at) */
PG_FUNCTION_INFO_V1(kr_score_transfn);
Datum
kr_score_transfn(PG_FUNCTION_ARGS)
{
	okr_latest_state row;
	okr_latest_state *state;

	if (PG_ARGISNULL(1) || !row_from_args(fcinfo, 2, 3, &row))
		RETURN_STATE_OR_NULL(0);
	row.plan.kr = *PG_GETARG_KEY_RESULT_P(1);
	state = writable_state(fcinfo, 0, sizeof(*state));
	latest_add(state, &row, compare_kr_plans);
	PG_RETURN_POINTER(state);
}

/* kpi_health(kpi, value, at) */
PG_FUNCTION_INFO_V1(kpi_health_transfn);
Datum
kpi_health_transfn(PG_FUNCTION_ARGS)
{
	okr_latest_state row;
	okr_latest_state *state;

	if (PG_ARGISNULL(1) || !row_from_args(fcinfo, 2, 3, &row))
		RETURN_STATE_OR_NULL(0);
	row.plan.kpi = *PG_GETARG_KPI_P(1);
	state = writable_state(fcinfo, 0, sizeof(*state));
	latest_add(state, &row, compare_kpi_plans);
	PG_RETURN_POINTER(state);
}

/* Combine functions: also kr_score_merge's transition function. */
static Datum
latest_combine(FunctionCallInfo fcinfo, plan_compare compare)
{
	okr_latest_state *state;

	if (PG_ARGISNULL(1))
		RETURN_STATE_OR_NULL(0);
	state = writable_state(fcinfo, 0, sizeof(*state));
	latest_merge(state, (okr_latest_state *) PG_GETARG_POINTER(1), compare);
	PG_RETURN_POINTER(state);
}

PG_FUNCTION_INFO_V1(latest_state_combine);
Datum
latest_state_combine(PG_FUNCTION_ARGS)
{
	return latest_combine(fcinfo, compare_no_plan);
}

PG_FUNCTION_INFO_V1(kr_state_combine);
Datum
kr_state_combine(PG_FUNCTION_ARGS)
{
	return latest_combine(fcinfo, compare_kr_plans);
}

PG_FUNCTION_INFO_V1(kpi_state_combine);
Datum
kpi_state_combine(PG_FUNCTION_ARGS)
{
	return latest_combine(fcinfo, compare_kpi_plans);
}

PG_FUNCTION_INFO_V1(latest_final);
Datum
latest_final(PG_FUNCTION_ARGS)
{
	okr_latest_state *state;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	state = (okr_latest_state *) PG_GETARG_POINTER(0);
	if (state->rows == 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(state->value);
}

/* kr_score's final function, and score(kr_state). */
PG_FUNCTION_INFO_V1(kr_state_score);
Datum
kr_state_score(PG_FUNCTION_ARGS)
{
	okr_latest_state *state;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	state = (okr_latest_state *) PG_GETARG_POINTER(0);
	if (state->rows == 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(okr_score(&state->plan.kr, state->value));
}

PG_FUNCTION_INFO_V1(kpi_state_health);
Datum
kpi_state_health(PG_FUNCTION_ARGS)
{
	okr_latest_state *state;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	state = (okr_latest_state *) PG_GETARG_POINTER(0);
	if (state->rows == 0)
		PG_RETURN_NULL();
	return OKR_HEALTH_DATUM(fcinfo, okr_kpi_health(&state->plan.kpi, state->value,
												   OKR_DEFAULT_TOLERANCE));
}

/* objective_score(score) and objective_score(score, weight) */
static Datum
mean_add(FunctionCallInfo fcinfo, double score, double weight)
{
	okr_mean_state *state;

	okr_require_finite(score, "score");
	okr_require_finite(weight, "weight");
	if (weight < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("weight must not be negative, not %g", weight),
				 errhint("Give a key result that should not count a weight of 0.")));
	state = writable_state(fcinfo, 0, sizeof(*state));
	state->rows++;
	state->sum_weight += weight;
	state->sum_weighted_score += weight * score;
	PG_RETURN_POINTER(state);
}

PG_FUNCTION_INFO_V1(mean_transfn);
Datum
mean_transfn(PG_FUNCTION_ARGS)
{
	if (PG_ARGISNULL(1))
		RETURN_STATE_OR_NULL(0);
	return mean_add(fcinfo, PG_GETARG_FLOAT8(1), 1.0);
}

PG_FUNCTION_INFO_V1(mean_weighted_transfn);
Datum
mean_weighted_transfn(PG_FUNCTION_ARGS)
{
	if (PG_ARGISNULL(1) || PG_ARGISNULL(2))
		RETURN_STATE_OR_NULL(0);
	return mean_add(fcinfo, PG_GETARG_FLOAT8(1), PG_GETARG_FLOAT8(2));
}

PG_FUNCTION_INFO_V1(mean_combine);
Datum
mean_combine(PG_FUNCTION_ARGS)
{
	okr_mean_state *state;
	okr_mean_state *other;

	if (PG_ARGISNULL(1))
		RETURN_STATE_OR_NULL(0);
	state = writable_state(fcinfo, 0, sizeof(*state));
	other = (okr_mean_state *) PG_GETARG_POINTER(1);
	state->rows += other->rows;
	state->sum_weight += other->sum_weight;
	state->sum_weighted_score += other->sum_weighted_score;
	PG_RETURN_POINTER(state);
}

PG_FUNCTION_INFO_V1(mean_final);
Datum
mean_final(PG_FUNCTION_ARGS)
{
	okr_mean_state *state;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	state = (okr_mean_state *) PG_GETARG_POINTER(0);
	if (state->rows == 0 || state->sum_weight == 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(state->sum_weighted_score / state->sum_weight);
}

/* hit_rate(kpi, value) */
PG_FUNCTION_INFO_V1(rate_transfn);
Datum
rate_transfn(PG_FUNCTION_ARGS)
{
	okr_rate_state *state;
	double		value;

	if (PG_ARGISNULL(1) || PG_ARGISNULL(2))
		RETURN_STATE_OR_NULL(0);
	value = PG_GETARG_FLOAT8(2);
	okr_require_finite(value, "a measured value");
	state = writable_state(fcinfo, 0, sizeof(*state));
	state->rows++;
	if (okr_meets(PG_GETARG_KPI_P(1), value))
		state->hits++;
	PG_RETURN_POINTER(state);
}

PG_FUNCTION_INFO_V1(rate_combine);
Datum
rate_combine(PG_FUNCTION_ARGS)
{
	okr_rate_state *state;
	okr_rate_state *other;

	if (PG_ARGISNULL(1))
		RETURN_STATE_OR_NULL(0);
	state = writable_state(fcinfo, 0, sizeof(*state));
	other = (okr_rate_state *) PG_GETARG_POINTER(1);
	state->rows += other->rows;
	state->hits += other->hits;
	PG_RETURN_POINTER(state);
}

PG_FUNCTION_INFO_V1(rate_final);
Datum
rate_final(PG_FUNCTION_ARGS)
{
	okr_rate_state *state;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	state = (okr_rate_state *) PG_GETARG_POINTER(0);
	if (state->rows == 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8((double) state->hits / (double) state->rows);
}

/*
 * kr_forecast(kr, value, at, deadline): least squares with Youngs-Cramer
 * centred sums, as PostgreSQL's float8_regr_accum/combine.  Times are
 * seconds from the state's origin (its first row), which keeps them small.
 */
static double
seconds_between(TimestampTz from, TimestampTz to)
{
	return (double) (to - from) / USECS_PER_SEC;
}

PG_FUNCTION_INFO_V1(forecast_transfn);
Datum
forecast_transfn(PG_FUNCTION_ARGS)
{
	okr_forecast_state *state;
	okr_latest_state row;
	double		n,
				t;

	if (PG_ARGISNULL(1) || PG_ARGISNULL(4) || !row_from_args(fcinfo, 2, 3, &row))
		RETURN_STATE_OR_NULL(0);
	if (TIMESTAMP_NOT_FINITE(row.at))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("kr_forecast needs finite measurement times")));
	row.plan.kr = *PG_GETARG_KEY_RESULT_P(1);
	state = writable_state(fcinfo, 0, sizeof(*state));

	if (state->latest.rows == 0)
		state->origin = state->first_at = row.at;
	if (is_later(&row, &state->latest, compare_kr_plans))
		state->deadline = PG_GETARG_TIMESTAMPTZ(4);
	latest_add(&state->latest, &row, compare_kr_plans);
	if (row.at < state->first_at)
		state->first_at = row.at;

	n = (double) state->latest.rows;
	t = seconds_between(state->origin, row.at);
	state->sum_t += t;
	state->sum_v += row.value;
	if (n > 1)
	{
		double		dt = t * n - state->sum_t;
		double		dv = row.value * n - state->sum_v;
		double		scale = 1.0 / (n * (n - 1.0));

		state->sxx += dt * dt * scale;
		state->sxy += dt * dv * scale;
	}
	PG_RETURN_POINTER(state);
}

PG_FUNCTION_INFO_V1(forecast_combine);
Datum
forecast_combine(PG_FUNCTION_ARGS)
{
	okr_forecast_state *state;
	okr_forecast_state *other;
	double		n1,
				n2,
				n,
				shift,
				other_sum_t,
				dt,
				dv;

	if (PG_ARGISNULL(1))
		RETURN_STATE_OR_NULL(0);
	other = (okr_forecast_state *) PG_GETARG_POINTER(1);
	state = writable_state(fcinfo, 0, sizeof(*state));
	if (other->latest.rows == 0)
		PG_RETURN_POINTER(state);
	if (state->latest.rows == 0)
	{
		*state = *other;
		PG_RETURN_POINTER(state);
	}

	n1 = (double) state->latest.rows;
	n2 = (double) other->latest.rows;
	n = n1 + n2;
	/* move the other state's times onto this state's origin */
	shift = seconds_between(state->origin, other->origin);
	other_sum_t = other->sum_t + n2 * shift;
	dt = state->sum_t / n1 - other_sum_t / n2;
	dv = state->sum_v / n1 - other->sum_v / n2;
	state->sxx += other->sxx + n1 * n2 * dt * dt / n;
	state->sxy += other->sxy + n1 * n2 * dt * dv / n;
	state->sum_t += other_sum_t;
	state->sum_v += other->sum_v;
	if (other->first_at < state->first_at)
		state->first_at = other->first_at;
	if (is_later(&other->latest, &state->latest, compare_kr_plans))
		state->deadline = other->deadline;
	latest_merge(&state->latest, &other->latest, compare_kr_plans);
	PG_RETURN_POINTER(state);
}

PG_FUNCTION_INFO_V1(forecast_final);
Datum
forecast_final(PG_FUNCTION_ARGS)
{
	okr_forecast_state *state;
	double		n,
				predicted;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	state = (okr_forecast_state *) PG_GETARG_POINTER(0);
	/* a line needs two distinct times */
	if (state->latest.rows < 2 || state->first_at == state->latest.at || state->sxx <= 0)
		PG_RETURN_NULL();
	n = (double) state->latest.rows;
	predicted = state->sum_v / n +
		(state->sxy / state->sxx) * (seconds_between(state->origin, state->deadline) - state->sum_t / n);
	if (!isfinite(predicted))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(okr_score(&state->latest.plan.kr, predicted));
}
