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
#include "plan_rules.h"

#include "access/htup_details.h"
#include "access/table.h"
#include "access/tableam.h"
#include "access/xact.h"
#include "catalog/pg_class.h"
#include "catalog/pg_inherits.h"
#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "executor/tuptable.h"
#include "miscadmin.h"
#include "tcop/cmdtag.h"
#include "tcop/pquery.h"
#include "utils/acl.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/datum.h"
#include "utils/lsyscache.h"
#include "utils/portal.h"
#include "utils/snapmgr.h"
#include "utils/timestamp.h"
#include "utils/typcache.h"

#include "group_limit.h"
#include "override_log.h"
#include "retired_plans.h"
#include "settings.h"
#include "trigger_rows.h"

#define RULE_FROZEN_START "frozen start value"
#define RULE_YOUNG_KPI "KPIs are kept at least a year"
#define RULE_RETIRED_KPI "retired KPIs are kept as retired"
#define RULE_KR_HISTORY "key results with a history are kept"

bool
okr_owner_copy(Relation rel)
{
	return ActivePortal != NULL && ActivePortal->commandTag == CMDTAG_COPY && okr_acts_as_owner(rel);
}

/*
 * Whether the limit rule applies to this row.  A limit is a planning rule
 * for the roles that add rows; rows that come back from a dump were accepted
 * once, under the settings of the database they come from, which the
 * database they are restored into need not share (plain pg_dump carries no
 * ALTER DATABASE ... SET).  So a COPY FROM run by the table's owner (or a
 * member of the owning role, or a superuser: the roles that restore a dump,
 * and that could disable the trigger anyway) loads rows past the limit;
 * lint() reports a plan over its limits afterwards.  Every other COPY,
 * and every INSERT and UPDATE, is held to the limit.
 */
static bool
limit_applies(Relation rel)
{
	return !okr_owner_copy(rel);
}

PG_FUNCTION_INFO_V1(check_key_result);
Datum
check_key_result(PG_FUNCTION_ARGS)
{
	TriggerData *trigdata = okr_trigger_protocol(fcinfo, "check_key_result");
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
		(!is_update || okr_group_changed(config, rel, old_tuple, tuple)) && limit_applies(rel))
		okr_check_limit(config, rel, tuple, config->max != 0 ? config->max : okr_max_key_results);

	return PointerGetDatum(tuple);
}

/*
 * A date as a timestamp at midnight UTC: the same instant whatever the
 * session's TimeZone, so that the year a KPI is kept does not move with it.
 * A date past the timestamp range comes out as infinity.
 */
static Timestamp
date_at_utc_midnight(DateADT date, int *overflow)
{
	Timestamp	result = date2timestamp_opt_overflow(date, overflow);

	if (*overflow > 0)
		return DT_NOEND;
	if (*overflow < 0)
		return DT_NOBEGIN;
	return result;
}

/*
 * The moment a KPI adopted at since is kept until: since + 1 year, counted in
 * UTC (a date since means its midnight UTC); false when NULL.
 */
static bool
kept_until(const column_ref *since_column, TupleDesc tupdesc, HeapTuple tuple, TimestampTz *until)
{
	bool		isnull;
	Datum		since_datum = heap_getattr(tuple, since_column->attnum, tupdesc, &isnull);
	Timestamp	since;
	Interval	year = {0};
	int			overflow = 0;

	if (isnull)
		return false;
	if (since_column->type == DATEOID)
		since = date_at_utc_midnight(DatumGetDateADT(since_datum), &overflow);
	else
		since = DatumGetTimestampTz(since_datum);
	/* -infinity was always adopted; within a year of the end of time, kept for good */
	if (TIMESTAMP_IS_NOBEGIN(since))
	{
		*until = DT_NOBEGIN;
		return true;
	}
	if (TIMESTAMP_IS_NOEND(since) || since > END_TIMESTAMP - (TimestampTz) 367 * USECS_PER_DAY)
	{
		*until = DT_NOEND;
		return true;
	}
	/* a timestamp, not a timestamptz: months are added in UTC, not the session's zone */
	year.month = MONTHS_PER_YEAR;
	*until = DatumGetTimestamp(DirectFunctionCall2(timestamp_pl_interval, TimestampGetDatum(since),
												   IntervalPGetDatum(&year)));
	return true;
}

/*
 * A since date past the timestamp range cannot be compared with any moment:
 * refuse it on the way in, so that no row holds such a date (infinity is
 * fine: it means "kept for good").
 */
static void
check_since_in_range(const trigger_config *config, Relation rel, HeapTuple tuple)
{
	bool		isnull;
	Datum		since;
	int			overflow = 0;

	if (config->since.attnum == 0 || config->since.type != DATEOID)
		return;
	since = heap_getattr(tuple, config->since.attnum, RelationGetDescr(rel), &isnull);
	if (isnull || DATE_NOT_FINITE(DatumGetDateADT(since)))
		return;
	(void) date_at_utc_midnight(DatumGetDateADT(since), &overflow);
	if (overflow != 0)
	{
		char	   *shown = okr_visible_text(tuple, rel, &config->since);

		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("the start date of a KPI is out of range"),
				 shown ? errdetail("Column \"%s\" is %s, outside the range of timestamps.",
								   config->since.name, shown) :
				 errdetail("Column \"%s\" holds a date outside the range of timestamps.",
						   config->since.name),
				 errhint("Give the date the KPI was adopted, or 'infinity' to keep it for good."),
				 errtablecol(rel, config->since.attnum)));
	}
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
	YOUNG_KPI_NEW_THRESHOLD,
	YOUNG_KPI_NEW_FROZEN		/* a frozen= column */
} young_kpi_change;

/*
 * Whether an UPDATE changes a frozen column, by its type's own equality
 * (1.0 = 1).  A value missing from the old row may be filled in, as a start
 * value may (okr_start_changed); once given, it stays.
 */
static bool
column_changed(Relation rel, const column_ref *column, HeapTuple old_tuple, HeapTuple new_tuple)
{
	TupleDesc	tupdesc = RelationGetDescr(rel);
	Form_pg_attribute att = TupleDescAttr(tupdesc, column->attnum - 1);
	bool		old_null;
	bool		new_null;
	Datum		old_value = heap_getattr(old_tuple, column->attnum, tupdesc, &old_null);
	Datum		new_value = heap_getattr(new_tuple, column->attnum, tupdesc, &new_null);
	TypeCacheEntry *typcache;

	if (old_null || new_null)
		return !old_null;
	typcache = lookup_type_cache(att->atttypid, TYPECACHE_EQ_OPR_FINFO);
	return !DatumGetBool(FunctionCall2Coll(&typcache->eq_opr_finfo, att->attcollation,
										   old_value, new_value));
}

/*
 * What an UPDATE changes of a KPI's kept values: its since, its threshold, or
 * a frozen= column (*frozen says which).
 */
static young_kpi_change
kept_value_change(const trigger_config *config, Relation rel, HeapTuple old_tuple,
				  HeapTuple new_tuple, const column_ref **frozen)
{
	TupleDesc	tupdesc = RelationGetDescr(rel);
	bool		old_null;
	bool		new_null;
	Datum		old_value;
	Datum		new_value;

	if (config->since.attnum != 0)
	{
		old_value = heap_getattr(old_tuple, config->since.attnum, tupdesc, &old_null);
		new_value = heap_getattr(new_tuple, config->since.attnum, tupdesc, &new_null);
		if (old_null != new_null || (!old_null && !datumIsEqual(old_value, new_value, true, sizeof(Datum))))
			return YOUNG_KPI_NEW_SINCE;
	}

	old_value = heap_getattr(old_tuple, config->kpi.attnum, tupdesc, &old_null);
	new_value = heap_getattr(new_tuple, config->kpi.attnum, tupdesc, &new_null);
	if (old_null || threshold_changed(DatumGetKpiP(old_value), DatumGetKpiP(new_value)))
		return YOUNG_KPI_NEW_THRESHOLD;
	for (int i = 0; i < config->nfrozen; i++)
		if (column_changed(rel, &config->frozen[i], old_tuple, new_tuple))
		{
			*frozen = &config->frozen[i];
			return YOUNG_KPI_NEW_FROZEN;
		}
	return YOUNG_KPI_KEPT;
}

/*
 * KPIs are kept at least a year: within a year of since, no deletion, no new
 * threshold, no new since, and no change to a frozen= column (*frozen says
 * which).
 */
static young_kpi_change
young_kpi_violation(const trigger_config *config, Relation rel, bool is_delete,
					HeapTuple old_tuple, HeapTuple new_tuple, TimestampTz *until,
					const column_ref **frozen)
{
	if (config->since.attnum == 0 || !kept_until(&config->since, RelationGetDescr(rel), old_tuple, until) ||
		GetCurrentTransactionStartTimestamp() >= *until)
		return YOUNG_KPI_KEPT;
	if (is_delete)
		return YOUNG_KPI_DELETED;
	return kept_value_change(config, rel, old_tuple, new_tuple, frozen);
}

/* Whether a row of the table is a retired KPI: its retired= column is not NULL. */
static bool
kpi_retired(const trigger_config *config, Relation rel, HeapTuple tuple)
{
	AttrNumber	attnum = config->retired.attnum;
	bool		isnull;

	if (attnum == 0)
		return false;
	/* a partition that a TRUNCATE of its root reaches may number its columns differently */
	if (RelationGetRelid(rel) != config->relid &&
		(attnum = get_attnum(RelationGetRelid(rel), config->retired.name)) == InvalidAttrNumber)
		elog(ERROR, "column \"%s\" of relation \"%s\" does not exist",
			 config->retired.name, RelationGetRelationName(rel));
	(void) heap_getattr(tuple, attnum, RelationGetDescr(rel), &isnull);
	return !isnull;
}

/*
 * A row that becomes retired, or whose retirement moves: the retired value is
 * the moment the KPI left the plan, so it is not in the future (a date: not
 * after the current date), and not before the KPI's year is over (since + 1
 * year, counted in UTC, a date meaning its midnight UTC) unless the table's
 * owner overrides, which is logged.
 */
static void
check_retirement(const trigger_config *config, Relation rel, HeapTuple old_tuple, HeapTuple tuple,
				 const char *operation)
{
	TupleDesc	tupdesc = RelationGetDescr(rel);
	bool		isnull;
	Datum		value = heap_getattr(tuple, config->retired.attnum, tupdesc, &isnull);
	TimestampTz retired;
	TimestampTz until;
	bool		future;
	int			overflow = 0;

	/*
	 * the current time, not the transaction's start: clock_timestamp() is
	 * not in the future; a date is compared with today in the session's time
	 * zone as of now
	 */
	if (config->retired.type == DATEOID)
	{
		DateADT		today = DatumGetDateADT(DirectFunctionCall1(timestamptz_date,
																TimestampTzGetDatum(GetCurrentTimestamp())));

		future = DatumGetDateADT(value) > today;
		retired = date_at_utc_midnight(DatumGetDateADT(value), &overflow);
	}
	else
	{
		retired = DatumGetTimestampTz(value);
		future = retired > GetCurrentTimestamp();
	}
	if (future)
	{
		char	   *shown = okr_visible_text(tuple, rel, &config->retired);

		ereport(ERROR,
				(errcode(ERRCODE_CHECK_VIOLATION),
				 errmsg("a KPI cannot be retired in the future"),
				 shown ? errdetail("Column \"%s\" would be %s, later than now.", config->retired.name, shown) :
				 errdetail("Column \"%s\" would be later than now.", config->retired.name),
				 errhint("Retire the KPI when it leaves the plan: set column \"%s\" to now (or today).",
						 config->retired.name),
				 errtablecol(rel, config->retired.attnum)));
	}
	if (config->since.attnum == 0 || !kept_until(&config->since, tupdesc, tuple, &until) || retired >= until)
		return;
	if (!okr_override_allowed(rel, RULE_YOUNG_KPI))
	{
		char	   *since = okr_visible_text(tuple, rel, &config->since);

		ereport(ERROR,
				(errcode(ERRCODE_CHECK_VIOLATION),
				 errmsg("a KPI is kept at least a year: it cannot be retired yet"),
				 since ? errdetail("Column \"%s\" is %s; the KPI is kept until %s, and column \"%s\" would be earlier.",
								   config->since.name, since, timestamptz_to_str(until), config->retired.name) :
				 errdetail("Column \"%s\" says when the KPI was adopted; it is kept a year from then, and column \"%s\" would be earlier.",
						   config->since.name, config->retired.name),
				 errhint("KPIs watch the health of the business over time. To retire one early anyway, the table's owner may SET okrkpi.override_reason = '...' first; the change is logged."),
				 errtablecol(rel, config->retired.attnum)));
	}
	okr_log_override(config, rel, RULE_YOUNG_KPI, operation, old_tuple, tuple);
}

/*
 * A retired KPI is kept as it was retired: its since, threshold, frozen=
 * columns, plan (plan=) and retired value do not change while it stays
 * retired (moved to a plan, it would count there without passing its
 * limit), and it
 * comes back (retired set to NULL) only under the owner's override, which is
 * logged (and counts toward the limit again).
 */
static void
check_retired_update(const trigger_config *config, Relation rel, HeapTuple old_tuple, HeapTuple tuple,
					 bool stays_retired)
{
	TupleDesc	tupdesc = RelationGetDescr(rel);
	const column_ref *frozen = NULL;
	young_kpi_change change = stays_retired ?
		kept_value_change(config, rel, old_tuple, tuple, &frozen) : YOUNG_KPI_KEPT;
	bool		new_plan = stays_retired && change == YOUNG_KPI_KEPT && config->group.attnum != 0 &&
		okr_group_changed(config, rel, old_tuple, tuple);
	const column_ref *column = new_plan ? &config->group :
		change == YOUNG_KPI_KEPT ? &config->retired :
		change == YOUNG_KPI_NEW_SINCE ? &config->since :
		change == YOUNG_KPI_NEW_FROZEN ? frozen : &config->kpi;
	bool		isnull;
	bool		moved = stays_retired &&
		!datumIsEqual(heap_getattr(old_tuple, config->retired.attnum, tupdesc, &isnull),
					  heap_getattr(tuple, config->retired.attnum, tupdesc, &isnull), true, sizeof(Datum));

	if (stays_retired && change == YOUNG_KPI_KEPT && !new_plan && !moved)
		return;
	if (!okr_override_allowed(rel, RULE_RETIRED_KPI))
		ereport(ERROR,
				(errcode(ERRCODE_CHECK_VIOLATION),
				 !stays_retired ?
				 errmsg("a retired KPI stays retired") :
				 change == YOUNG_KPI_NEW_SINCE ?
				 errmsg("a retired KPI is kept as it was: its start date cannot change") :
				 change == YOUNG_KPI_NEW_FROZEN ?
				 errmsg("a retired KPI is kept as it was: its column \"%s\" cannot change", frozen->name) :
				 change == YOUNG_KPI_NEW_THRESHOLD ?
				 errmsg("a retired KPI is kept as it was: its threshold cannot change") :
				 new_plan ?
				 errmsg("a retired KPI is kept as it was: its plan (column \"%s\") cannot change",
						config->group.name) :
				 errmsg("a retired KPI is kept as it was: its retirement cannot move"),
				 errdetail("Column \"%s\" says when the KPI was retired.", config->retired.name),
				 !stays_retired ?
				 errhint("Adopt the KPI again as a new row. To bring this one back anyway, the table's owner may SET okrkpi.override_reason = '...' first; the change is logged.") :
				 errhint("A retired KPI is history. To correct it anyway, the table's owner may SET okrkpi.override_reason = '...' first; the change is logged."),
				 errtablecol(rel, column->attnum)));
	okr_log_override(config, rel, RULE_RETIRED_KPI, "UPDATE", old_tuple, tuple);
}

static bool
young_row(const trigger_config *config, Relation rel, HeapTuple tuple, const column_ref *since,
		  TimestampTz *until, void *arg pg_attribute_unused())
{
	/* a retired KPI went once its year was over, or under a logged override */
	return kept_until(since, RelationGetDescr(rel), tuple, until) &&
		GetCurrentTransactionStartTimestamp() < *until && !kpi_retired(config, rel, tuple);
}

/* The error when TRUNCATE would remove a protected row and no override is allowed. */
static void
truncate_refused(const trigger_config *config, Relation rel, HeapTuple tuple,
				 const column_ref *since, TimestampTz until, void *arg pg_attribute_unused())
{
	char	   *shown;

	if (config->kind == KIND_KEY_RESULT)
		ereport(ERROR,
				(errcode(ERRCODE_CHECK_VIOLATION),
				 errmsg("a key result with a history is kept: table \"%s\" cannot be truncated",
						RelationGetRelationName(rel)),
				 errdetail("The table holds a key result with check-ins, or measurements in its quarter, or in a closed quarter."),
				 errhint("DELETE the key results that may go instead. To remove them anyway, the table's owner may SET okrkpi.override_reason = '...' first; each one is logged.")));
	shown = okr_visible_text(tuple, rel, since);
	ereport(ERROR,
			(errcode(ERRCODE_CHECK_VIOLATION),
			 errmsg("a KPI is kept at least a year: table \"%s\" cannot be truncated yet",
					RelationGetRelationName(rel)),
			 shown ? errdetail("A row's column \"%s\" is %s; the KPI is kept until %s.", since->name,
							   shown, timestamptz_to_str(until)) :
			 errdetail("The table holds a KPI adopted less than a year ago (column \"%s\").",
					   since->name),
			 errhint("DELETE the KPIs that may go instead. To remove young KPIs anyway, the table's owner may SET okrkpi.override_reason = '...' first; each one is logged."),
			 errtablecol(rel, since->attnum)));
}

static void
truncate_one_table(const trigger_config *config, Relation rel, okr_protected_row is_protected,
				   okr_truncate_refusal refuse, void *arg, const char *rule)
{
	column_ref	since = config->since;
	Snapshot	snapshot;
	TableScanDesc scan;
	TupleTableSlot *slot;
	bool		override_checked = false;
	bool		allowed = false;

	/* a partition may number its columns differently from its root */
	if (config->since.attnum != 0 &&
		(since.attnum = get_attnum(RelationGetRelid(rel), config->since.name)) == InvalidAttrNumber)
		elog(ERROR, "column \"%s\" of relation \"%s\" does not exist",
			 config->since.name, RelationGetRelationName(rel));
	snapshot = RegisterSnapshot(GetLatestSnapshot());
	scan = table_beginscan(rel, snapshot, 0, NULL);
	slot = table_slot_create(rel, NULL);
	while (table_scan_getnextslot(scan, ForwardScanDirection, slot))
	{
		bool		should_free;
		HeapTuple	tuple = ExecFetchSlotHeapTuple(slot, false, &should_free);
		TimestampTz until = 0;

		if (is_protected(config, rel, tuple, &since, &until, arg))
		{
			/* asked once, at the first protected row: the answer is the table's */
			if (!override_checked)
				allowed = okr_override_allowed(rel, rule);
			override_checked = true;
			if (!allowed)
				refuse(config, rel, tuple, &since, until, arg);
			okr_log_override(config, rel, rule, "TRUNCATE", tuple, NULL);
		}
		if (should_free)
			heap_freetuple(tuple);
	}
	ExecDropSingleTupleTableSlot(slot);
	table_endscan(scan);
	UnregisterSnapshot(snapshot);
}

/* TRUNCATE of a table, or of every leaf partition of a partitioned one. */
void
okr_truncate_guarded(const trigger_config *config, Relation rel, okr_protected_row is_protected,
					 okr_truncate_refusal refuse, void *arg, const char *rule)
{
	if (rel->rd_rel->relkind == RELKIND_PARTITIONED_TABLE)
	{
		/* TRUNCATE has locked every partition already */
		ListCell   *lc;

		foreach(lc, find_all_inheritors(RelationGetRelid(rel), NoLock, NULL))
		{
			Relation	part;

			if (get_rel_relkind(lfirst_oid(lc)) != RELKIND_RELATION)
				continue;
			part = table_open(lfirst_oid(lc), NoLock);
			truncate_one_table(config, part, is_protected, refuse, arg, rule);
			table_close(part, NoLock);
		}
	}
	else if (rel->rd_rel->relkind == RELKIND_RELATION)
		truncate_one_table(config, rel, is_protected, refuse, arg, rule);
}

/*
 * TRUNCATE removes rows without visiting them: a BEFORE TRUNCATE FOR EACH
 * STATEMENT trigger running check_kpi() looks at every row (of every leaf
 * partition, for a partitioned table) as DELETE would, refuses while any KPI
 * is younger than a year, and under an override logs each young one.  The
 * rows are read with a fresh snapshot, after TRUNCATE has locked the table.
 */
static Datum
check_kpi_truncate(FunctionCallInfo fcinfo)
{
	TriggerData *trigdata = okr_trigger_protocol(fcinfo, "check_kpi");
	trigger_config *config = okr_trigger_config(trigdata, KIND_KPI, "check_kpi");

	if (config->since.attnum != 0)
		okr_truncate_guarded(config, trigdata->tg_relation, young_row, truncate_refused, NULL,
							 RULE_YOUNG_KPI);
	return PointerGetDatum(NULL);
}

PG_FUNCTION_INFO_V1(check_kpi);
Datum
check_kpi(PG_FUNCTION_ARGS)
{
	TriggerData *trigdata;
	Relation	rel;
	bool		is_update;
	bool		is_delete;
	HeapTuple	old_tuple;
	HeapTuple	tuple;
	trigger_config *config;
	bool		isnull;
	TimestampTz until;
	young_kpi_change violation;
	const column_ref *frozen = NULL;
	bool		is_insert;
	bool		old_retired;
	bool		new_retired;

	if (CALLED_AS_TRIGGER(fcinfo) && TRIGGER_FIRED_BY_TRUNCATE(((TriggerData *) fcinfo->context)->tg_event))
		return check_kpi_truncate(fcinfo);
	trigdata = okr_trigger_protocol(fcinfo, "check_kpi");
	rel = trigdata->tg_relation;
	is_update = TRIGGER_FIRED_BY_UPDATE(trigdata->tg_event);
	is_delete = TRIGGER_FIRED_BY_DELETE(trigdata->tg_event);
	is_insert = !is_update && !is_delete;
	old_tuple = trigdata->tg_trigtuple;
	tuple = is_update ? trigdata->tg_newtuple : trigdata->tg_trigtuple;
	config = okr_trigger_config(trigdata, KIND_KPI, "check_kpi");

	(void) heap_getattr(tuple, config->kpi.attnum, RelationGetDescr(rel), &isnull);
	if (!is_delete && isnull)
		ereport(ERROR,
				(errcode(ERRCODE_CHECK_VIOLATION),
				 errmsg("a KPI needs a threshold"),
				 errdetail("Column \"%s\" is NULL.", config->kpi.name),
				 errhint("Give the KPI a threshold such as '>= 40', '<= 2%%' or '4.2 .. 4.8'."),
				 errtablecol(rel, config->kpi.attnum)));

	old_retired = !is_insert && kpi_retired(config, rel, old_tuple);
	new_retired = !is_delete && kpi_retired(config, rel, tuple);
	if (is_update && old_retired)
		check_retired_update(config, rel, old_tuple, tuple, new_retired);

	/* a retired KPI went once its year was over, or under a logged override: it may be deleted */
	if ((is_delete || is_update) && !(old_retired && (is_delete || new_retired)) &&
		(violation = young_kpi_violation(config, rel, is_delete, old_tuple, tuple, &until, &frozen)) != YOUNG_KPI_KEPT)
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
					 violation == YOUNG_KPI_NEW_FROZEN ?
					 errmsg("a KPI is kept at least a year: its column \"%s\" cannot change yet", frozen->name) :
					 errmsg("a KPI is kept at least a year: its threshold cannot change yet"),
					 since ? errdetail("Column \"%s\" is %s; the KPI is kept until %s.", config->since.name,
									   since, timestamptz_to_str(until)) :
					 errdetail("Column \"%s\" says when the KPI was adopted; it is kept a year from then.",
							   config->since.name),
					 errhint("KPIs watch the health of the business over time. To retire or change one anyway, the table's owner may SET okrkpi.override_reason = '...' first; the change is logged."),
					 errtablecol(rel, frozen != NULL ? frozen->attnum : config->since.attnum)));
		}
		okr_log_override(config, rel, RULE_YOUNG_KPI, is_delete ? "DELETE" : "UPDATE",
						 old_tuple, is_delete ? NULL : tuple);
	}

	if (!is_delete)
		check_since_in_range(config, rel, tuple);

	/* retiring: not in the future, and once the KPI's year is over (a restore loads rows as they were) */
	if (new_retired && !(is_insert && okr_owner_copy(rel)) &&
		(!old_retired || !datumIsEqual(heap_getattr(old_tuple, config->retired.attnum, RelationGetDescr(rel), &isnull),
									   heap_getattr(tuple, config->retired.attnum, RelationGetDescr(rel), &isnull),
									   true, sizeof(Datum))))
		check_retirement(config, rel, is_insert ? NULL : old_tuple, tuple, is_insert ? "INSERT" : "UPDATE");

	/*
	 * Active KPIs count toward the limit: one inserted, moved to another
	 * plan, or brought back from retirement is counted under the limit's lock.
	 */
	if (!is_delete && !new_retired &&
		(is_insert || old_retired ||
		 (config->group.attnum != 0 && okr_group_changed(config, rel, old_tuple, tuple))) &&
		limit_applies(rel))
		okr_check_limit(config, rel, tuple, config->max != 0 ? config->max : okr_max_kpis);

	return PointerGetDatum(is_delete ? old_tuple : tuple);
}

/*
 * Whether a key result of the embedded plan has a history: check-ins,
 * measurements of its metric in its quarter, or a closed quarter
 * (okrkpi.key_result_has_history(), in SQL beside the tables it reads).  Asked
 * as the table's owner, past row security, as a foreign key check is.
 */
static SPIPlanPtr history_plan = NULL;
static Oid	history_argtype = InvalidOid;

static bool
key_result_has_history(Relation rel, HeapTuple tuple)
{
	Oid			argtype = rel->rd_rel->reltype;
	Datum		arg = heap_copy_tuple_as_datum(tuple, RelationGetDescr(rel));
	Oid			save_userid;
	int			save_sec_context;
	bool		isnull;
	bool		result;
	int			rc;

	GetUserIdAndSecContext(&save_userid, &save_sec_context);
	SetUserIdAndSecContext(rel->rd_rel->relowner,
						   save_sec_context | SECURITY_LOCAL_USERID_CHANGE |
						   SECURITY_RESTRICTED_OPERATION | SECURITY_NOFORCE_RLS);
	if ((rc = SPI_connect()) != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed: %s", SPI_result_code_string(rc));
	/* prepared once per backend, not once per row (TRUNCATE asks for every row) */
	if (history_plan == NULL || history_argtype != argtype)
	{
		SPIPlanPtr	plan = SPI_prepare("SELECT okrkpi.key_result_has_history($1)", 1, &argtype);

		if (plan == NULL || SPI_keepplan(plan) != 0)
			elog(ERROR, "SPI_prepare failed: %s", SPI_result_code_string(SPI_result));
		/* a statement further up this backend's stack may be running the old one */
		okr_retire_plan(history_plan);
		history_plan = plan;
		history_argtype = argtype;
	}
	/*
	 * with the latest snapshot: a quarter closed since the statement began
	 * counts (the statement trigger wait_for_closing_cycles() may have waited
	 * for that close: closed_cycles.c)
	 */
	PushActiveSnapshot(GetLatestSnapshot());
	rc = SPI_execute_plan(history_plan, &arg, NULL, true, 1);
	PopActiveSnapshot();
	if (rc != SPI_OK_SELECT || SPI_processed != 1)
		elog(ERROR, "SPI_execute_plan failed: %s", SPI_result_code_string(rc));
	result = DatumGetBool(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull)) &&
		!isnull;
	SPI_finish();
	SetUserIdAndSecContext(save_userid, save_sec_context);
	return result;
}

static bool
history_row(const trigger_config *config pg_attribute_unused(), Relation rel, HeapTuple tuple,
			const column_ref *since pg_attribute_unused(), TimestampTz *until pg_attribute_unused(),
			void *arg pg_attribute_unused())
{
	return key_result_has_history(rel, tuple);
}

/*
 * keep_key_result_history(): the embedded plan's okrkpi.key_results keeps a
 * key result that has a history: deleting it (or TRUNCATE) needs the owner's
 * override and is logged, so that deleting a key result and inserting it
 * again with a new plan cannot change a frozen start unlogged.  Arguments as
 * check_key_result's (kr=, log=).
 */
PG_FUNCTION_INFO_V1(keep_key_result_history);
Datum
keep_key_result_history(PG_FUNCTION_ARGS)
{
	TriggerData *trigdata = okr_trigger_protocol(fcinfo, "keep_key_result_history");
	trigger_config *config;

	if (TRIGGER_FIRED_BY_TRUNCATE(trigdata->tg_event))
	{
		config = okr_trigger_config(trigdata, KIND_KEY_RESULT, "keep_key_result_history");
		okr_truncate_guarded(config, trigdata->tg_relation, history_row, truncate_refused, NULL,
							 RULE_KR_HISTORY);
		return PointerGetDatum(NULL);
	}
	config = okr_trigger_config(trigdata, KIND_KEY_RESULT, "keep_key_result_history");
	if (key_result_has_history(trigdata->tg_relation, trigdata->tg_trigtuple))
	{
		if (!okr_override_allowed(trigdata->tg_relation, RULE_KR_HISTORY))
			ereport(ERROR,
					(errcode(ERRCODE_CHECK_VIOLATION),
					 errmsg("a key result with a history cannot be deleted"),
					 errdetail("It has check-ins, or measurements of its metric in its quarter, or its quarter is closed."),
					 errhint("Its start and plan are history once it is measured. To delete it anyway, the table's owner may SET okrkpi.override_reason = '...' first; the deletion is logged.")));
		okr_log_override(config, trigdata->tg_relation, RULE_KR_HISTORY, "DELETE",
						 trigdata->tg_trigtuple, NULL);
	}
	return PointerGetDatum(trigdata->tg_trigtuple);
}
