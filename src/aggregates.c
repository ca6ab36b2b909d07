/*
 * aggregates.c: transition, combine and final functions of the aggregates of
 * doc/scoring.md: latest, kr_score (and its two-phase form), kpi_health,
 * objective_score, hit_rate and kr_forecast.
 *
 * States are fixed-size values of the extension's own types (state.h).  They
 * start NULL (no initcond), so an empty group gives NULL without a final
 * call; inside an aggregate a state is updated in place, as float8_accum
 * does, and copied first when a function is called directly.
 */
#include "state.h"

#include <float.h>
#include <math.h>

#include "common/int.h"
#include "utils/timestamp.h"

#include "key_result.h"
#include "kpi.h"
#include "score_functions.h"
#include "text_io.h"

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

/*
 * The state argument of a final function, or NULL when the group was empty.
 * Every state type starts with its int64 row count.
 */
static const void *
nonempty_state(FunctionCallInfo fcinfo)
{
	const int64 *rows;

	if (PG_ARGISNULL(0))
		return NULL;
	rows = (const int64 *) PG_GETARG_POINTER(0);
	return *rows > 0 ? rows : NULL;
}

/* Returning NULL state is how an aggregate that has seen nothing stays empty. */
#define RETURN_STATE_OR_NULL(argno) \
	do { if (PG_ARGISNULL(argno)) PG_RETURN_NULL(); PG_RETURN_POINTER(PG_GETARG_POINTER(argno)); } while (0)

/*
 * Add to a row count (or hit count), raising 22003 rather than wrapping: a
 * hand-made state may start near INT64_MAX, and a wrapped count would pass
 * every later check with a wrong answer.
 */
static inline void
add_rows(int64 *rows, int64 more)
{
	if (pg_add_s64_overflow(*rows, more, rows))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("aggregate row count out of range")));
}

/*
 * What a latest-row state keeps besides the row: nothing for latest(), a
 * key result for kr_score(), a kpi for kpi_health().  cmp is the type's
 * btree order, which breaks ties between rows of equal time and value.
 */
typedef struct latest_plan
{
	size_t		size;
	int			(*cmp) (const void *a, const void *b);
} latest_plan;

static int
kr_plan_cmp(const void *a, const void *b)
{
	return okr_key_result_cmp(a, b);
}

static int
kpi_plan_cmp(const void *a, const void *b)
{
	return okr_kpi_cmp(a, b);
}

static const latest_plan no_plan = {0, NULL};
static const latest_plan kr_plan = {sizeof(okr_key_result), kr_plan_cmp};
static const latest_plan kpi_plan = {sizeof(okr_kpi), kpi_plan_cmp};

/*
 * Offer a row (or the latest row of another state, standing for `rows` rows)
 * to a latest-row state.  It wins on a greater time, then a greater value
 * (the spec's tie rule), then a greater plan in the type's btree order (the
 * order ORDER BY uses), so serial, parallel and any row order pick the same
 * row.  Returns whether the row won.
 */
static inline bool
latest_offer(okr_latest_state *state, TimestampTz at, double value,
			 const void *plan, const latest_plan *kind, int64 rows)
{
	bool		later;

	if (state->rows == 0)
		later = true;
	else if (at != state->at)
		later = at > state->at;
	else if (value != state->value)
		later = value > state->value;
	else
		later = kind->size > 0 && kind->cmp(plan, &state->plan) > 0;
	if (later)
	{
		state->at = at;
		state->value = value;
		if (kind->size > 0)
			memcpy(&state->plan, plan, kind->size);
	}
	add_rows(&state->rows, rows);
	return later;
}

/*
 * The shared transition step of latest(), kr_score() and kpi_health():
 * arguments (state, [plan,] value, at); rows with a NULL are skipped.
 */
static Datum
latest_transition(FunctionCallInfo fcinfo, int value_arg, const latest_plan *kind)
{
	okr_latest_state *state;
	double		value;

	for (int i = 1; i <= value_arg + 1; i++)
		if (PG_ARGISNULL(i))
			RETURN_STATE_OR_NULL(0);
	value = PG_GETARG_FLOAT8(value_arg);
	okr_require_finite(value, NULL);
	state = writable_state(fcinfo, 0, sizeof(*state));
	latest_offer(state, PG_GETARG_TIMESTAMPTZ(value_arg + 1), value,
				 kind->size > 0 ? PG_GETARG_POINTER(1) : NULL, kind, 1);
	PG_RETURN_POINTER(state);
}

/* latest(value, at) */
PG_FUNCTION_INFO_V1(latest_state_transfn);
Datum
latest_state_transfn(PG_FUNCTION_ARGS)
{
	return latest_transition(fcinfo, 1, &no_plan);
}

/* kr_score(kr, value, at) and kr_score_state(kr, value, at) */
PG_FUNCTION_INFO_V1(kr_state_transfn);
Datum
kr_state_transfn(PG_FUNCTION_ARGS)
{
	return latest_transition(fcinfo, 2, &kr_plan);
}

/* kpi_health(kpi, value, at) */
PG_FUNCTION_INFO_V1(kpi_state_transfn);
Datum
kpi_state_transfn(PG_FUNCTION_ARGS)
{
	return latest_transition(fcinfo, 2, &kpi_plan);
}

/* Merge another latest-row state into a writable one. */
static void
latest_merge(okr_latest_state *into, const okr_latest_state *other, const latest_plan *kind)
{
	if (other->rows > 0)
		latest_offer(into, other->at, other->value, &other->plan, kind, other->rows);
}

/* Combine functions: also kr_score_merge's transition function. */
static Datum
latest_combine(FunctionCallInfo fcinfo, const latest_plan *kind)
{
	okr_latest_state *state;

	if (PG_ARGISNULL(1))
		RETURN_STATE_OR_NULL(0);
	state = writable_state(fcinfo, 0, sizeof(*state));
	latest_merge(state, (okr_latest_state *) PG_GETARG_POINTER(1), kind);
	PG_RETURN_POINTER(state);
}

PG_FUNCTION_INFO_V1(latest_state_combine);
Datum
latest_state_combine(PG_FUNCTION_ARGS)
{
	return latest_combine(fcinfo, &no_plan);
}

PG_FUNCTION_INFO_V1(kr_state_combine);
Datum
kr_state_combine(PG_FUNCTION_ARGS)
{
	return latest_combine(fcinfo, &kr_plan);
}

PG_FUNCTION_INFO_V1(kpi_state_combine);
Datum
kpi_state_combine(PG_FUNCTION_ARGS)
{
	return latest_combine(fcinfo, &kpi_plan);
}

PG_FUNCTION_INFO_V1(latest_state_final);
Datum
latest_state_final(PG_FUNCTION_ARGS)
{
	const okr_latest_state *state = nonempty_state(fcinfo);

	if (state == NULL)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(state->value);
}

/* kr_score's final function, and score(kr_state). */
PG_FUNCTION_INFO_V1(kr_state_score);
Datum
kr_state_score(PG_FUNCTION_ARGS)
{
	const okr_latest_state *state = nonempty_state(fcinfo);

	if (state == NULL)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(okr_score(&state->plan.kr, state->value));
}

PG_FUNCTION_INFO_V1(kpi_state_final);
Datum
kpi_state_final(PG_FUNCTION_ARGS)
{
	const okr_latest_state *state = nonempty_state(fcinfo);

	if (state == NULL)
		PG_RETURN_NULL();
	return OKR_HEALTH_DATUM(fcinfo, okr_kpi_health(&state->plan.kpi, state->value,
												   OKR_DEFAULT_TOLERANCE));
}

/*
 * objective_score(score) and objective_score(score, weight): a running
 * weighted mean (state.h).  Adding weight w to n - 1 rows of mean weight a
 * makes the mean weight a + (w - a) / n and gives the new row the share
 * w / (n a) of the total weight; neither step can overflow, and both stay
 * between the values they mix, so the state remains one that passes its
 * check.
 */
static Datum
mean_add(FunctionCallInfo fcinfo, double score, double weight)
{
	okr_mean_state *state;
	double		n,
				share;

	okr_require_finite(score, "score");
	okr_require_finite(weight, "weight");
	if (score < 0.0 || score > 1.0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("score must be between 0 and 1, not %g", score),
				 errhint("Pass scores as score() and kr_score() return them.")));
	if (weight < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("weight must not be negative, not %g", weight),
				 errhint("Give a key result that should not count a weight of 0.")));
	/* below DBL_MIN a weight has too few digits to weigh exactly */
	if (weight > 0 && weight < DBL_MIN)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("weight must be 0 or at least 2.2250738585072014e-308, not %g", weight)));
	/* a weight of 0 counts for nothing: skip the row like a NULL one */
	if (weight == 0)
		RETURN_STATE_OR_NULL(0);

	score += 0.0;				/* -0 to 0: equal states print alike */
	state = writable_state(fcinfo, 0, sizeof(*state));
	add_rows(&state->rows, 1);
	if (state->rows == 1)
	{
		state->mean_weight = weight;
		state->weighted_mean = score;
		PG_RETURN_POINTER(state);
	}
	n = (double) state->rows;
	state->mean_weight += (weight - state->mean_weight) / n;
	/* w / (n a) <= 1 exactly; rounding must not push the mean past the score */
	share = fmin(1.0, (weight / state->mean_weight) / n);
	state->weighted_mean += share * (score - state->weighted_mean);
	PG_RETURN_POINTER(state);
}

PG_FUNCTION_INFO_V1(mean_state_transfn);
Datum
mean_state_transfn(PG_FUNCTION_ARGS)
{
	if (PG_ARGISNULL(1))
		RETURN_STATE_OR_NULL(0);
	return mean_add(fcinfo, PG_GETARG_FLOAT8(1), 1.0);
}

PG_FUNCTION_INFO_V1(mean_state_weighted_transfn);
Datum
mean_state_weighted_transfn(PG_FUNCTION_ARGS)
{
	if (PG_ARGISNULL(1) || PG_ARGISNULL(2))
		RETURN_STATE_OR_NULL(0);
	return mean_add(fcinfo, PG_GETARG_FLOAT8(1), PG_GETARG_FLOAT8(2));
}

/*
 * Two means merge like a row and a mean: the other state's rows are the
 * fraction f of all rows and carry f x (its mean weight / the merged mean
 * weight) of the total weight.
 */
PG_FUNCTION_INFO_V1(mean_state_combine);
Datum
mean_state_combine(PG_FUNCTION_ARGS)
{
	okr_mean_state *state;
	const okr_mean_state *other;
	double		f,
				share;

	if (PG_ARGISNULL(1))
		RETURN_STATE_OR_NULL(0);
	state = writable_state(fcinfo, 0, sizeof(*state));
	other = (const okr_mean_state *) PG_GETARG_POINTER(1);
	if (other->rows == 0)
		PG_RETURN_POINTER(state);
	if (state->rows == 0)
	{
		*state = *other;
		PG_RETURN_POINTER(state);
	}
	add_rows(&state->rows, other->rows);
	f = (double) other->rows / (double) state->rows;
	state->mean_weight += (other->mean_weight - state->mean_weight) * f;
	share = fmin(1.0, f * (other->mean_weight / state->mean_weight));
	state->weighted_mean += share * (other->weighted_mean - state->weighted_mean);
	PG_RETURN_POINTER(state);
}

PG_FUNCTION_INFO_V1(mean_state_final);
Datum
mean_state_final(PG_FUNCTION_ARGS)
{
	const okr_mean_state *state = nonempty_state(fcinfo);

	/* rows counts positive weights only: no rows is zero total weight */
	if (state == NULL)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(state->weighted_mean);
}

/* hit_rate(kpi, value) */
PG_FUNCTION_INFO_V1(rate_state_transfn);
Datum
rate_state_transfn(PG_FUNCTION_ARGS)
{
	okr_rate_state *state;
	double		value;

	if (PG_ARGISNULL(1) || PG_ARGISNULL(2))
		RETURN_STATE_OR_NULL(0);
	value = PG_GETARG_FLOAT8(2);
	okr_require_finite(value, NULL);
	state = writable_state(fcinfo, 0, sizeof(*state));
	add_rows(&state->rows, 1);
	if (okr_meets(PG_GETARG_KPI_P(1), value))
		state->hits++;			/* cannot overflow: hits <= rows */
	PG_RETURN_POINTER(state);
}

PG_FUNCTION_INFO_V1(rate_state_combine);
Datum
rate_state_combine(PG_FUNCTION_ARGS)
{
	okr_rate_state *state;
	okr_rate_state *other;

	if (PG_ARGISNULL(1))
		RETURN_STATE_OR_NULL(0);
	state = writable_state(fcinfo, 0, sizeof(*state));
	other = (okr_rate_state *) PG_GETARG_POINTER(1);
	add_rows(&state->rows, other->rows);
	add_rows(&state->hits, other->hits);
	PG_RETURN_POINTER(state);
}

PG_FUNCTION_INFO_V1(rate_state_final);
Datum
rate_state_final(PG_FUNCTION_ARGS)
{
	const okr_rate_state *state = nonempty_state(fcinfo);

	if (state == NULL)
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
	/* in double: the difference of two extreme timestamps overflows int64 */
	return ((double) to - (double) from) / USECS_PER_SEC;
}

/*
 * Whether a row ties the state's latest row on time, value and key result:
 * then the later deadline wins, so that row order cannot change the answer.
 */
static bool
same_latest_row(const okr_latest_state *state, TimestampTz at, double value, const void *kr)
{
	return state->at == at && state->value == value &&
		okr_key_result_cmp(&state->plan.kr, kr) == 0;
}

/* A unit's sign in the database encoding, for a message; NULL for no unit. */
static const char *
unit_sign(uint8 unit)
{
	const char *name = okr_unit_name((okr_unit) unit);

	return name[0] == '\0' ? NULL : okr_utf8_to_text(name, strlen(name));
}

/*
 * kr_forecast fits one line through every row's value, so all rows must
 * measure in one unit: a line through seconds and percent means nothing.
 * (kr_score and kpi_health, which score one row, take any mix of plans.)
 */
static void
require_same_unit(const okr_forecast_state *state, const okr_key_result *kr)
{
	uint8		unit = state->latest.plan.kr.unit;
	const char *seen;
	const char *other;

	if (state->latest.rows == 0 || kr->unit == unit)
		return;
	seen = unit_sign(unit);
	other = unit_sign(kr->unit);
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("kr_forecast cannot fit one line through key results of different units"),
			 seen == NULL ?
			 errdetail("Some rows carry a key result without a unit, others one in \"%s\".", other) :
			 other == NULL ?
			 errdetail("Some rows carry a key result in \"%s\", others one without a unit.", seen) :
			 errdetail("Some rows carry a key result in \"%s\", others one in \"%s\".", seen, other),
			 errhint("Forecast each unit on its own, for example GROUP BY unit(kr).")));
}

PG_FUNCTION_INFO_V1(forecast_state_transfn);
Datum
forecast_state_transfn(PG_FUNCTION_ARGS)
{
	okr_forecast_state *state;
	double		value,
				n,
				t;
	TimestampTz at;

	for (int i = 1; i <= 4; i++)
		if (PG_ARGISNULL(i))
			RETURN_STATE_OR_NULL(0);
	value = PG_GETARG_FLOAT8(2);
	at = PG_GETARG_TIMESTAMPTZ(3);
	okr_require_finite(value, NULL);
	if (TIMESTAMP_NOT_FINITE(at) || TIMESTAMP_NOT_FINITE(PG_GETARG_TIMESTAMPTZ(4)))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("kr_forecast needs finite measurement times and deadlines")));
	state = writable_state(fcinfo, 0, sizeof(*state));
	require_same_unit(state, PG_GETARG_KEY_RESULT_P(1));

	if (state->latest.rows == 0)
		state->origin = state->first_at = at;
	if (state->latest.rows > 0 && same_latest_row(&state->latest, at, value, PG_GETARG_POINTER(1)))
	{
		add_rows(&state->latest.rows, 1);
		state->deadline = Max(state->deadline, PG_GETARG_TIMESTAMPTZ(4));
	}
	else if (latest_offer(&state->latest, at, value, PG_GETARG_POINTER(1), &kr_plan, 1))
		state->deadline = PG_GETARG_TIMESTAMPTZ(4);
	if (at < state->first_at)
		state->first_at = at;

	n = (double) state->latest.rows;
	t = seconds_between(state->origin, at);
	state->sum_t += t;
	state->sum_v += value;
	if (n > 1)
	{
		double		dt = t * n - state->sum_t;
		double		dv = value * n - state->sum_v;
		double		scale = 1.0 / (n * (n - 1.0));

		state->sxx += dt * dt * scale;
		state->sxy += dt * dv * scale;
	}
	PG_RETURN_POINTER(state);
}

PG_FUNCTION_INFO_V1(forecast_state_combine);
Datum
forecast_state_combine(PG_FUNCTION_ARGS)
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
	require_same_unit(state, &other->latest.plan.kr);

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
	if (same_latest_row(&state->latest, other->latest.at, other->latest.value, &other->latest.plan))
	{
		add_rows(&state->latest.rows, other->latest.rows);
		state->deadline = Max(state->deadline, other->deadline);
	}
	else if (latest_offer(&state->latest, other->latest.at, other->latest.value,
						  &other->latest.plan, &kr_plan, other->latest.rows))
		state->deadline = other->deadline;
	PG_RETURN_POINTER(state);
}

PG_FUNCTION_INFO_V1(forecast_state_final);
Datum
forecast_state_final(PG_FUNCTION_ARGS)
{
	const okr_forecast_state *state = nonempty_state(fcinfo);
	double		n,
				predicted;

	/* a line needs two distinct times */
	if (state == NULL || state->first_at == state->latest.at || state->sxx <= 0)
		PG_RETURN_NULL();
	n = (double) state->latest.rows;
	predicted = state->sum_v / n +
		(state->sxy / state->sxx) * (seconds_between(state->origin, state->deadline) - state->sum_t / n);
	if (!isfinite(predicted))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(okr_score(&state->latest.plan.kr, predicted));
}
