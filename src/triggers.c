/*
 * triggers.c: the plan rules of check_key_result() and check_kpi(), the
 * trigger functions users attach to their own tables with role=column
 * arguments (doc/triggers.md).
 */
#include "triggers.h"

#include "access/htup_details.h"
#include "access/xact.h"
#include "catalog/pg_type.h"
#include "utils/builtins.h"
#include "utils/datum.h"
#include "utils/date.h"
#include "utils/timestamp.h"

#include "settings.h"

static bool
overridden(void)
{
	return okr_override_reason != NULL && okr_override_reason[0] != '\0';
}

PG_FUNCTION_INFO_V1(check_key_result);
Datum
check_key_result(PG_FUNCTION_ARGS)
{
	TriggerData *trigdata = okr_trigger_protocol(fcinfo, "check_key_result", false);
	Relation	rel = trigdata->tg_relation;
	bool		is_update = TRIGGER_FIRED_BY_UPDATE(trigdata->tg_event);
	HeapTuple	tuple = is_update ? trigdata->tg_newtuple : trigdata->tg_trigtuple;
	trigger_config *config = okr_trigger_config(trigdata, KIND_KEY_RESULT, "check_key_result");
	plan_values new_plan = okr_read_plan(config, rel, tuple);
	const column_ref *start_column = config->kr.attnum != 0 ? &config->kr : &config->start;

	if (is_update)
	{
		plan_values old_plan = okr_read_old_plan(config, rel, trigdata->tg_trigtuple);

		/* the start value is history: the metric's value when the period began */
		if (old_plan.present && new_plan.start != old_plan.start && !overridden())
			ereport(ERROR,
					(errcode(ERRCODE_CHECK_VIOLATION),
					 errmsg("the start value of a key result is frozen"),
					 errdetail("Column \"%s\" would change from %s to %s.", start_column->name,
							   okr_column_text(trigdata->tg_trigtuple, rel, start_column),
							   okr_column_text(tuple, rel, start_column)),
					 errhint("The start value is the metric's value when the period began. To correct a mistake, SET okrkpi.override_reason = '...' in this session first."),
					 errtablecol(rel, start_column->attnum)));
		if (old_plan.present && (new_plan.target > new_plan.start) != (old_plan.target > old_plan.start))
			ereport(ERROR,
					(errcode(ERRCODE_CHECK_VIOLATION),
					 errmsg("a key result may not change direction"),
					 errdetail("It was %s (%g -> %g) and would be %s (%g -> %g).",
							   old_plan.target > old_plan.start ? "increasing" : "decreasing",
							   old_plan.start, old_plan.target,
							   new_plan.target > new_plan.start ? "increasing" : "decreasing",
							   new_plan.start, new_plan.target),
					 errhint("Create a new key result for the opposite goal."),
					 errtablecol(rel, config->kr.attnum != 0 ? config->kr.attnum : config->target.attnum)));
	}

	/* effort-based key results track activity; they can never be KPIs */
	if (config->kpi_flag.attnum != 0 && new_plan.kr != NULL &&
		new_plan.kr->unit == OKR_UNIT_MILESTONES)
	{
		bool		isnull;
		Datum		flag = heap_getattr(tuple, config->kpi_flag.attnum, RelationGetDescr(rel), &isnull);
		bool		is_kpi = !isnull && (config->kpi_flag.type != BOOLOID || DatumGetBool(flag));

		if (is_kpi)
			ereport(ERROR,
					(errcode(ERRCODE_CHECK_VIOLATION),
					 errmsg("a milestone key result cannot be a KPI"),
					 errdetail("Column \"%s\" is %s, an effort-based key result, and column \"%s\" is %s.",
							   config->kr.name, okr_column_text(tuple, rel, &config->kr),
							   config->kpi_flag.name, okr_column_text(tuple, rel, &config->kpi_flag)),
					 errhint("Mark an outcome-based key result, one that moves a measured metric, as the KPI instead."),
					 errtablecol(rel, config->kpi_flag.attnum)));
	}

	if (config->count_plan != NULL &&
		(!is_update || okr_group_changed(config, rel, trigdata->tg_trigtuple, tuple)))
		okr_check_limit(config, rel, tuple, config->max != 0 ? config->max : okr_max_key_results,
					"the setting okrkpi.max_key_results", "key results", "objective");

	return PointerGetDatum(tuple);
}

/* since + 1 year, as a timestamptz in the session time zone; false when NULL. */
static bool
kept_until(const trigger_config *config, Relation rel, HeapTuple tuple, TimestampTz *until)
{
	bool		isnull;
	Datum		since = heap_getattr(tuple, config->since.attnum, RelationGetDescr(rel), &isnull);
	Interval	year = {0};

	if (isnull)
		return false;
	if (config->since.type == DATEOID)
		since = TimestampTzGetDatum(date2timestamptz_opt_overflow(DatumGetDateADT(since), NULL));
	year.month = MONTHS_PER_YEAR;
	*until = DatumGetTimestampTz(DirectFunctionCall2(timestamptz_pl_interval, since,
													 IntervalPGetDatum(&year)));
	return true;
}

static bool
threshold_changed(const okr_kpi *old_kpi, const okr_kpi *new_kpi)
{
	return old_kpi->comparison != new_kpi->comparison || old_kpi->unit != new_kpi->unit ||
		old_kpi->lower != new_kpi->lower || old_kpi->upper != new_kpi->upper;
}

PG_FUNCTION_INFO_V1(check_kpi);
Datum
check_kpi(PG_FUNCTION_ARGS)
{
	TriggerData *trigdata = okr_trigger_protocol(fcinfo, "check_kpi", true);
	Relation	rel = trigdata->tg_relation;
	bool		is_update = TRIGGER_FIRED_BY_UPDATE(trigdata->tg_event);
	bool		is_delete = TRIGGER_FIRED_BY_DELETE(trigdata->tg_event);
	HeapTuple	tuple = is_update ? trigdata->tg_newtuple : trigdata->tg_trigtuple;
	trigger_config *config = okr_trigger_config(trigdata, KIND_KPI, "check_kpi");
	bool		isnull;
	Datum		kpi_datum = heap_getattr(tuple, config->kpi.attnum, RelationGetDescr(rel), &isnull);
	TimestampTz until;

	if (!is_delete && isnull)
		ereport(ERROR,
				(errcode(ERRCODE_CHECK_VIOLATION),
				 errmsg("a KPI needs a threshold"),
				 errdetail("Column \"%s\" is NULL.", config->kpi.name),
				 errhint("Give the KPI a threshold such as '>= 40', '<= 2%%' or '4.2 .. 4.8'."),
				 errtablecol(rel, config->kpi.attnum)));

	/* KPIs are kept at least a year: no deletion and no new threshold before then */
	if ((is_delete || is_update) && config->since.attnum != 0 && !overridden() &&
		kept_until(config, rel, trigdata->tg_trigtuple, &until) &&
		GetCurrentTransactionStartTimestamp() < until)
	{
		bool		old_null;
		Datum		old_kpi = heap_getattr(trigdata->tg_trigtuple, config->kpi.attnum,
										   RelationGetDescr(rel), &old_null);

		bool		since_null;
		Datum		new_since = heap_getattr(tuple, config->since.attnum, RelationGetDescr(rel), &since_null);
		Datum		old_since = heap_getattr(trigdata->tg_trigtuple, config->since.attnum,
											 RelationGetDescr(rel), &isnull);
		bool		since_changed = is_update &&
			(since_null || !datumIsEqual(old_since, new_since, true, sizeof(Datum)));

		if (since_changed)
			ereport(ERROR,
					(errcode(ERRCODE_CHECK_VIOLATION),
					 errmsg("a KPI is kept at least a year: its start date cannot change yet"),
					 errdetail("Column \"%s\" would change from %s to %s.", config->since.name,
							   okr_column_text(trigdata->tg_trigtuple, rel, &config->since),
							   okr_column_text(tuple, rel, &config->since)),
					 errhint("To correct it anyway, SET okrkpi.override_reason = '...' in this session first."),
					 errtablecol(rel, config->since.attnum)));
		if (is_delete || old_null ||
			threshold_changed(DatumGetKpiP(old_kpi), DatumGetKpiP(kpi_datum)))
			ereport(ERROR,
					(errcode(ERRCODE_CHECK_VIOLATION),
					 errmsg(is_delete ? "a KPI is kept at least a year: it cannot be deleted yet" :
							"a KPI is kept at least a year: its threshold cannot change yet"),
					 errdetail("Column \"%s\" is %s; the KPI is kept until %s.", config->since.name,
							   okr_column_text(trigdata->tg_trigtuple, rel, &config->since),
							   timestamptz_to_str(until)),
					 errhint("KPIs watch the health of the business over time. To retire or change one anyway, SET okrkpi.override_reason = '...' in this session first."),
					 errtablecol(rel, config->since.attnum)));
	}

	if (!is_delete && (!is_update || (config->group.attnum != 0 &&
									  okr_group_changed(config, rel, trigdata->tg_trigtuple, tuple))))
		okr_check_limit(config, rel, tuple, config->max != 0 ? config->max : okr_max_kpis,
					"the setting okrkpi.max_kpis", "KPIs", "plan");

	return PointerGetDatum(tuple);
}
