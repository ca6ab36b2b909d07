/*
 * settings.c: okrkpi's settings.  The triggers, lint() (through
 * okrkpi.plan_limits()) and the error hints all read these variables, so a
 * default is written only here.
 */
#include "compat.h"

#include "access/htup_details.h"
#include "funcapi.h"
#include "utils/guc.h"

#include "settings.h"

char	   *okr_override_reason = NULL;
int			okr_max_key_results = OKR_DEFAULT_MAX_KEY_RESULTS;
int			okr_max_kpis = OKR_DEFAULT_MAX_KPIS;

void
okr_define_settings(void)
{
	DefineCustomStringVariable("okrkpi.override_reason",
							   "Why this session changes a frozen value (a key result's start, a young KPI).",
							   "A non-empty text lets the plan-rule triggers allow the change; every other rule still holds.",
							   &okr_override_reason, "", PGC_USERSET, 0, NULL, NULL, NULL);
	DefineCustomIntVariable("okrkpi.max_key_results",
							"Most key results an objective may have, for check_key_result triggers without max=.",
							NULL, &okr_max_key_results, OKR_DEFAULT_MAX_KEY_RESULTS, 1, 1000,
							PGC_SUSET, 0, NULL, NULL, NULL);
	DefineCustomIntVariable("okrkpi.max_kpis",
							"Most KPIs a plan may have, for check_kpi triggers without max=.",
							NULL, &okr_max_kpis, OKR_DEFAULT_MAX_KPIS, 1, 1000,
							PGC_SUSET, 0, NULL, NULL, NULL);
	MarkGUCPrefixReserved("okrkpi");
}

/*
 * okrkpi.plan_limits(): the limits in force.  Being C, calling it loads the
 * library, so the settings are defined even in a session that has not used
 * okrkpi yet (current_setting() alone would find nothing there).
 */
PG_FUNCTION_INFO_V1(plan_limits);
Datum
plan_limits(PG_FUNCTION_ARGS)
{
	TupleDesc	tupdesc;
	Datum		values[2];
	bool		nulls[2] = {false, false};

	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "plan_limits must return a row");
	values[0] = Int32GetDatum(okr_max_key_results);
	values[1] = Int32GetDatum(okr_max_kpis);
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(BlessTupleDesc(tupdesc), values, nulls)));
}
