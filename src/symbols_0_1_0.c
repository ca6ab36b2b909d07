/*
 * symbols_0_1_0.c: C symbols that okrkpi 0.1.0's install script names and
 * 0.2.0 renamed.
 *
 * PostgreSQL looks a C function up by its symbol when the function is
 * created, and again when it first runs.  A database still on 0.1.0 (between
 * installing this library and ALTER EXTENSION okrkpi UPDATE), and
 * CREATE EXTENSION okrkpi VERSION '0.1.0', need the old names; each forwards
 * to the function under its new name.
 */
#include "compat.h"

#include "fmgr.h"

#define OKR_FORWARD(old_name, new_name) \
	extern Datum new_name(PG_FUNCTION_ARGS); \
	PG_FUNCTION_INFO_V1(old_name); \
	Datum old_name(PG_FUNCTION_ARGS) { return new_name(fcinfo); }

OKR_FORWARD(latest_transfn, latest_state_transfn)
OKR_FORWARD(latest_final, latest_state_final)
OKR_FORWARD(kr_score_transfn, kr_state_transfn)
OKR_FORWARD(kpi_health_transfn, kpi_state_transfn)
OKR_FORWARD(kpi_state_health, kpi_state_final)
OKR_FORWARD(mean_transfn, mean_state_transfn)
OKR_FORWARD(mean_weighted_transfn, mean_state_weighted_transfn)
OKR_FORWARD(mean_combine, mean_state_combine)
OKR_FORWARD(mean_final, mean_state_final)
OKR_FORWARD(rate_transfn, rate_state_transfn)
OKR_FORWARD(rate_combine, rate_state_combine)
OKR_FORWARD(rate_final, rate_state_final)
OKR_FORWARD(forecast_transfn, forecast_state_transfn)
OKR_FORWARD(forecast_combine, forecast_state_combine)
OKR_FORWARD(forecast_final, forecast_state_final)
