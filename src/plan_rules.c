/*
 * plan_rules.c: the plan rules of check_key_result() and check_kpi(), the
 * trigger functions users attach to their own tables with role=column
 * arguments (doc/triggers.md).
 *
 * Messages follow PostgreSQL's rule for constraint errors: a value appears
 * only if the current role may read its column (trigger_rows.c).  A frozen
 * value may change under okrkpi.override_reason, for the roles allowed to,
 * and every such change is recorded (override_log.c).
 */
#include "trigger_config.h"

#include "access/htup_details.h"
#include "access/xact.h"
#include "catalog/pg_type.h"
#include "utils/builtins.h"
#include "utils/datum.h"
#include "utils/date.h"
#include "utils/timestamp.h"

#include "group_limit.h"
#include "override_log.h"
#include "settings.h"
#include "trigger_rows.h"

#define RULE_FROZEN_START "frozen start value"
#define RULE_YOUNG_KPI "KPIs are kept at least a year"

PG_FUNCTION_INFO_V1(check_key_result);
Datum
check_key_result(PG_FUNCTION_ARGS)
{
	TriggerData *trigdata = okr_trigger_protocol(fcinfo, "check_key_result", false);
	Relation	rel = trigdata->tg_relation;
	bool		is_update = TRIGGER_FIRED_BY_UPDATE(trigdata->tg_event);
	HeapTuple	old_tuple = trigdata->tg_trigtuple;
	HeapTuple	tuple = is_update ? trigdata->tg_newtuple : trigdata->tg_trigtuple;
	trigger_config *config = okr_trigger_config(trigdata, KIND_KEY_RESULT, "check_key_result");
	plan_values new_plan = okr_read_plan(config, rel, tuple);
	const column_ref *start_column = config->kr.attnum != 0 ? &config->kr : &config->start;
	const column_ref *target_column = config->kr.attnum != 0 ? &config->kr : &config->target;

	if (is_update)
	{
		plan_values old_plan = okr_read_old_plan(config, rel, old_tuple);

		/* the start value is history: the metric's value when the period began */
		if (old_plan.present && okr_start_changed(config, rel, old_tuple, tuple))
		{
			if (!okr_override_allowed(rel, RULE_FROZEN_START))
				ereport(ERROR,
						(errcode(ERRCODE_CHECK_VIOLATION),
						 errmsg("the start value of a key result is frozen"),
						 okr_column_visible(rel, start_column->attnum) ?
						 errdetail("Column \"%s\" would change from %s to %s.", start_column->name,
								   okr_column_text(old_tuple, rel, start_column),
								   okr_column_text(tuple, rel, start_column)) :
						 errdetail("Column \"%s\" would change.", start_column->name),
						 errhint("The start value is the metric's value when the period began. To correct a mistake, the table's owner may SET okrkpi.override_reason = '...' first; the change is logged."),
						 errtablecol(rel, start_column->attnum)));
			okr_log_override(config, rel, RULE_FROZEN_START, "UPDATE", old_tuple, tuple);
		}
		if (old_plan.present && (new_plan.target > new_plan.start) != (old_plan.target > old_plan.start))
		{
			bool		shown = okr_column_visible(rel, start_column->attnum) &&
				okr_column_visible(rel, target_column->attnum);
			bool		was_increasing = old_plan.target > old_plan.start;

			/* the directions differ: one of the two details below */
			ereport(ERROR,
					(errcode(ERRCODE_CHECK_VIOLATION),
					 errmsg("a key result may not change direction"),
					 shown && was_increasing ?
					 errdetail("It was increasing (%g -> %g) and would be decreasing (%g -> %g).",
							   old_plan.start, old_plan.target, new_plan.start, new_plan.target) :
					 shown ?
					 errdetail("It was decreasing (%g -> %g) and would be increasing (%g -> %g).",
							   old_plan.start, old_plan.target, new_plan.start, new_plan.target) :
					 was_increasing ?
					 errdetail("It was increasing and would be decreasing.") :
					 errdetail("It was decreasing and would be increasing."),
					 errhint("Create a new key result for the opposite goal."),
					 errtablecol(rel, target_column->attnum)));
		}
	}

	/* effort-based key results track activity; they can never be KPIs */
	if (config->kpi_flag.attnum != 0 && new_plan.kr != NULL &&
		new_plan.kr->unit == OKR_UNIT_MILESTONES)
	{
		bool		isnull;
		Datum		flag = heap_getattr(tuple, config->kpi_flag.attnum, RelationGetDescr(rel), &isnull);
		bool		is_kpi = !isnull && (config->kpi_flag.type != BOOLOID || DatumGetBool(flag));

		if (is_kpi)
		{
			char	   *plan = okr_visible_text(tuple, rel, &config->kr);
			char	   *mark = okr_visible_text(tuple, rel, &config->kpi_flag);

			ereport(ERROR,
					(errcode(ERRCODE_CHECK_VIOLATION),
					 errmsg("a milestone key result cannot be a KPI"),
					 plan && mark ?
					 errdetail("Column \"%s\" is %s, an effort-based key result, and column \"%s\" is %s.",
							   config->kr.name, plan, config->kpi_flag.name, mark) :
					 errdetail("Column \"%s\" holds an effort-based key result and column \"%s\" marks it as a KPI.",
							   config->kr.name, config->kpi_flag.name),
					 errhint("Mark an outcome-based key result, one that moves a measured metric, as the KPI instead."),
					 errtablecol(rel, config->kpi_flag.attnum)));
		}
	}

	if (config->count_plan != NULL &&
		(!is_update || okr_group_changed(config, rel, old_tuple, tuple)))
		okr_check_limit(config, rel, tuple, config->max != 0 ? config->max : okr_max_key_results);

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
	/* -infinity was always adopted; within a year of the end of time, kept for good */
	if (TIMESTAMP_IS_NOBEGIN(DatumGetTimestampTz(since)))
	{
		*until = DT_NOBEGIN;
		return true;
	}
	if (TIMESTAMP_IS_NOEND(DatumGetTimestampTz(since)) ||
		DatumGetTimestampTz(since) > END_TIMESTAMP - (TimestampTz) 367 * USECS_PER_DAY)
	{
		*until = DT_NOEND;
		return true;
	}
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

/* What a change to a KPI younger than a year would break. */
typedef enum young_kpi_change
{
	YOUNG_KPI_KEPT,				/* nothing: the change keeps the rule */
	YOUNG_KPI_DELETED,
	YOUNG_KPI_NEW_SINCE,
	YOUNG_KPI_NEW_THRESHOLD
} young_kpi_change;

/*
 * KPIs are kept at least a year: within a year of since, no deletion, no new
 * threshold and no new since.
 */
static young_kpi_change
young_kpi_violation(const trigger_config *config, Relation rel, bool is_delete,
					HeapTuple old_tuple, HeapTuple new_tuple, TimestampTz *until)
{
	TupleDesc	tupdesc = RelationGetDescr(rel);
	bool		old_null;
	bool		new_null;
	Datum		old_value;
	Datum		new_value;

	if (config->since.attnum == 0 || !kept_until(config, rel, old_tuple, until) ||
		GetCurrentTransactionStartTimestamp() >= *until)
		return YOUNG_KPI_KEPT;
	if (is_delete)
		return YOUNG_KPI_DELETED;

	old_value = heap_getattr(old_tuple, config->since.attnum, tupdesc, &old_null);
	new_value = heap_getattr(new_tuple, config->since.attnum, tupdesc, &new_null);
	if (new_null || !datumIsEqual(old_value, new_value, true, sizeof(Datum)))
		return YOUNG_KPI_NEW_SINCE;

	old_value = heap_getattr(old_tuple, config->kpi.attnum, tupdesc, &old_null);
	new_value = heap_getattr(new_tuple, config->kpi.attnum, tupdesc, &new_null);
	if (old_null || threshold_changed(DatumGetKpiP(old_value), DatumGetKpiP(new_value)))
		return YOUNG_KPI_NEW_THRESHOLD;
	return YOUNG_KPI_KEPT;
}

PG_FUNCTION_INFO_V1(check_kpi);
Datum
check_kpi(PG_FUNCTION_ARGS)
{
	TriggerData *trigdata = okr_trigger_protocol(fcinfo, "check_kpi", true);
	Relation	rel = trigdata->tg_relation;
	bool		is_update = TRIGGER_FIRED_BY_UPDATE(trigdata->tg_event);
	bool		is_delete = TRIGGER_FIRED_BY_DELETE(trigdata->tg_event);
	HeapTuple	old_tuple = trigdata->tg_trigtuple;
	HeapTuple	tuple = is_update ? trigdata->tg_newtuple : trigdata->tg_trigtuple;
	trigger_config *config = okr_trigger_config(trigdata, KIND_KPI, "check_kpi");
	bool		isnull;
	TimestampTz until;
	young_kpi_change violation;

	(void) heap_getattr(tuple, config->kpi.attnum, RelationGetDescr(rel), &isnull);
	if (!is_delete && isnull)
		ereport(ERROR,
				(errcode(ERRCODE_CHECK_VIOLATION),
				 errmsg("a KPI needs a threshold"),
				 errdetail("Column \"%s\" is NULL.", config->kpi.name),
				 errhint("Give the KPI a threshold such as '>= 40', '<= 2%%' or '4.2 .. 4.8'."),
				 errtablecol(rel, config->kpi.attnum)));

	if ((is_delete || is_update) &&
		(violation = young_kpi_violation(config, rel, is_delete, old_tuple, tuple, &until)) != YOUNG_KPI_KEPT)
	{
		if (!okr_override_allowed(rel, RULE_YOUNG_KPI))
		{
			char	   *since = okr_visible_text(old_tuple, rel, &config->since);

			ereport(ERROR,
					(errcode(ERRCODE_CHECK_VIOLATION),
					 violation == YOUNG_KPI_DELETED ?
					 errmsg("a KPI is kept at least a year: it cannot be deleted yet") :
					 violation == YOUNG_KPI_NEW_SINCE ?
					 errmsg("a KPI is kept at least a year: its start date cannot change yet") :
					 errmsg("a KPI is kept at least a year: its threshold cannot change yet"),
					 since ? errdetail("Column \"%s\" is %s; the KPI is kept until %s.", config->since.name,
									   since, timestamptz_to_str(until)) :
					 errdetail("Column \"%s\" says when the KPI was adopted; it is kept a year from then.",
							   config->since.name),
					 errhint("KPIs watch the health of the business over time. To retire or change one anyway, the table's owner may SET okrkpi.override_reason = '...' first; the change is logged."),
					 errtablecol(rel, config->since.attnum)));
		}
		okr_log_override(config, rel, RULE_YOUNG_KPI, is_delete ? "DELETE" : "UPDATE",
						 old_tuple, is_delete ? NULL : tuple);
	}

	if (!is_delete && (!is_update || (config->group.attnum != 0 &&
									  okr_group_changed(config, rel, old_tuple, tuple))))
		okr_check_limit(config, rel, tuple, config->max != 0 ? config->max : okr_max_kpis);

	return PointerGetDatum(is_delete ? old_tuple : tuple);
}
