/*
 * state.h: the aggregate state types.
 *
 * Every aggregate keeps a fixed-size state of a concrete SQL type (not
 * internal) so parallel query, postgres_fdw and Citus can move partial states
 * between processes and nodes.  Each state type is described by a table of
 * fields; one codec (state.c) gives all of them text and binary I/O, and one
 * check per type validates a state however it arrived.
 */
#ifndef OKRKPI_STATE_H
#define OKRKPI_STATE_H

#include "sql_types.h"
#include "datatype/timestamp.h"

/*
 * The latest row seen: latest(), kr_score(), kpi_health() and, inside
 * forecast_state, kr_forecast().  Ties on `at` go to the greater value,
 * then to the greater key result or kpi in its btree order.
 * latest_state carries no plan; kr_state a key_result; kpi_state a kpi.
 */
typedef struct okr_latest_state
{
	int64		rows;			/* rows aggregated; 0 means empty (all else zero) */
	TimestampTz at;				/* time of the latest row */
	double		value;			/* its value */
	union
	{
		okr_key_result kr;		/* kr_state: the key result of the latest row */
		okr_kpi		kpi;		/* kpi_state: the kpi of the latest row */
	}			plan;
} okr_latest_state;

/*
 * objective_score(): the (weighted) mean of scores.  It keeps means, not
 * sums: a sum of weights overflows float8 as soon as two weights near
 * 1e308 meet, and a tiny weight times a score underflows, while a mean of
 * weights stays between the smallest and the largest weight.  Rows of
 * weight 0 count for nothing and are skipped like NULL rows, so the mean
 * weight never underflows; the total weight is rows x mean_weight.
 */
typedef struct okr_mean_state
{
	int64		rows;			/* rows with a positive weight */
	double		mean_weight;	/* their mean weight, normal: [DBL_MIN, DBL_MAX] */
	double		weighted_mean;	/* the weighted mean of their scores, in [0, 1] */
} okr_mean_state;

/* hit_rate(): share of values that meet their threshold. */
typedef struct okr_rate_state
{
	int64		rows;
	int64		hits;
} okr_rate_state;

/*
 * kr_forecast(): least-squares line of value over time (seconds since the
 * PostgreSQL epoch), kept as Youngs-Cramer centred sums as PostgreSQL's own
 * regr_* aggregates do, plus the latest row for the key result and deadline.
 */
typedef struct okr_forecast_state
{
	okr_latest_state latest;	/* latest row: at, value, key result */
	TimestampTz deadline;		/* deadline of the latest row */
	TimestampTz first_at;		/* earliest time seen: two distinct times needed */
	TimestampTz origin;			/* t is measured in seconds from here */
	double		sum_t;
	double		sum_v;
	double		sxx;			/* centred sum of squares of t */
	double		sxy;			/* centred sum of cross products */
} okr_forecast_state;

/*
 * The first byte of a state's binary format.  Version 1 (okrkpi 0.1.0) wrote
 * every field of a key_result or kpi; version 2 writes them as the types do.
 * States travel between processes and nodes of one okrkpi version only.
 */
#define OKR_STATE_FORMAT_VERSION 2

/* The sizes the SQL types declare (INTERNALLENGTH in extension/50_aggregates.sql). */
StaticAssertDecl(sizeof(okr_latest_state) == 56, "latest_state, kr_state and kpi_state are 56 bytes");
StaticAssertDecl(sizeof(okr_mean_state) == 24, "mean_state is 24 bytes");
StaticAssertDecl(sizeof(okr_rate_state) == 16, "rate_state is 16 bytes");
StaticAssertDecl(sizeof(okr_forecast_state) == 112, "forecast_state is 112 bytes");

/* How a field of a state is written and read. */
typedef enum okr_field_kind
{
	OKR_FIELD_INT64,
	OKR_FIELD_FLOAT8,
	OKR_FIELD_TIMESTAMPTZ,
	OKR_FIELD_KEY_RESULT,
	OKR_FIELD_KPI
} okr_field_kind;

typedef struct okr_state_field
{
	const char *name;
	okr_field_kind kind;
	size_t		offset;
} okr_state_field;

typedef struct okr_state_type
{
	const char *name;			/* SQL name, for messages */
	size_t		size;
	int			nfields;
	const okr_state_field *fields;
	/* returns NULL when the state is consistent, else why not (a sentence) */
	const char *(*check) (const void *state);
} okr_state_type;

extern const okr_state_type okr_latest_state_type;
extern const okr_state_type okr_kr_state_type;
extern const okr_state_type okr_kpi_state_type;
extern const okr_state_type okr_mean_state_type;
extern const okr_state_type okr_rate_state_type;
extern const okr_state_type okr_forecast_state_type;

/* Raise 22023 unless the state is consistent (used on every state read back). */
extern void okr_state_validate(const okr_state_type *type, const void *state);

#endif							/* OKRKPI_STATE_H */
