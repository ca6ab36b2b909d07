/*
 * trigger_rows.c: reading the values the plan rules judge out of a row: the
 * start and target (a key_result column or two numeric ones), the group
 * column, and any column as text for messages.
 */
#include "triggers.h"

#include <math.h>

#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"

char *
okr_column_text(HeapTuple tuple, Relation rel, const column_ref *column)
{
	bool		isnull;
	Datum		value = heap_getattr(tuple, column->attnum, RelationGetDescr(rel), &isnull);
	Oid			output;
	bool		varlena;

	if (isnull)
		return pstrdup("NULL");
	getTypeOutputInfo(TupleDescAttr(RelationGetDescr(rel), column->attnum - 1)->atttypid,
					  &output, &varlena);
	return OidOutputFunctionCall(output, value);
}

/* A numeric column's value as float8; false when NULL. */
static bool
numeric_value(HeapTuple tuple, Relation rel, const column_ref *column, double *out)
{
	bool		isnull;
	Datum		value = heap_getattr(tuple, column->attnum, RelationGetDescr(rel), &isnull);

	if (isnull)
		return false;
	switch (column->type)
	{
		case INT2OID:
			*out = DatumGetInt16(value);
			break;
		case INT4OID:
			*out = DatumGetInt32(value);
			break;
		case INT8OID:
			*out = (double) DatumGetInt64(value);
			break;
		case FLOAT4OID:
			*out = DatumGetFloat4(value);
			break;
		case FLOAT8OID:
			*out = DatumGetFloat8(value);
			break;
		default:
			*out = DatumGetFloat8(DirectFunctionCall1(numeric_float8_no_overflow, value));
			break;
	}
	return true;
}

/*
 * The start and target of an old row, without raising: a row written before
 * the trigger existed may lack them, and an UPDATE must be able to repair it.
 */
plan_values
okr_read_old_plan(const trigger_config *config, Relation rel, HeapTuple tuple)
{
	plan_values values = {0};
	bool		isnull;

	if (config->kr.attnum != 0)
	{
		Datum		d = heap_getattr(tuple, config->kr.attnum, RelationGetDescr(rel), &isnull);

		if (!isnull)
		{
			values.kr = DatumGetKeyResultP(d);
			values.start = values.kr->start;
			values.target = values.kr->target;
			values.present = true;
		}
		return values;
	}
	values.present = numeric_value(tuple, rel, &config->start, &values.start) &&
		numeric_value(tuple, rel, &config->target, &values.target) &&
		isfinite(values.start) && isfinite(values.target) && values.start != values.target;
	return values;
}

plan_values
okr_read_plan(const trigger_config *config, Relation rel, HeapTuple tuple)
{
	plan_values values = {0};

	if (config->kr.attnum != 0)
	{
		bool		isnull;
		Datum		d = heap_getattr(tuple, config->kr.attnum, RelationGetDescr(rel), &isnull);

		if (isnull)
			ereport(ERROR,
					(errcode(ERRCODE_CHECK_VIOLATION),
					 errmsg("a key result needs a start and a target"),
					 errdetail("Column \"%s\" is NULL.", config->kr.name),
					 errhint("Give the key result a plan such as '20 -> 40'."),
					 errtablecol(rel, config->kr.attnum)));
		values.kr = DatumGetKeyResultP(d);
		values.start = values.kr->start;
		values.target = values.kr->target;
		values.present = true;
		return values;
	}

	if (!numeric_value(tuple, rel, &config->start, &values.start) ||
		!numeric_value(tuple, rel, &config->target, &values.target))
	{
		const column_ref *missing = numeric_value(tuple, rel, &config->start, &values.start) ?
			&config->target : &config->start;

		ereport(ERROR,
				(errcode(ERRCODE_CHECK_VIOLATION),
				 errmsg("a key result needs a start and a target"),
				 errdetail("Column \"%s\" (%s) is NULL.", missing->name,
						   missing == &config->start ? "start" : "target"),
				 errhint("The start value is the metric's value when the period began; the target is where it should end."),
				 errtablecol(rel, missing->attnum)));
	}
	if (!isfinite(values.start) || !isfinite(values.target))
	{
		const column_ref *bad = !isfinite(values.start) ? &config->start : &config->target;

		ereport(ERROR,
				(errcode(ERRCODE_CHECK_VIOLATION),
				 errmsg("the start and target of a key result must be finite"),
				 errdetail("Column \"%s\" is %s.", bad->name, okr_column_text(tuple, rel, bad)),
				 errhint("Store a finite number."),
				 errtablecol(rel, bad->attnum)));
	}
	if (values.start == values.target)
		ereport(ERROR,
				(errcode(ERRCODE_CHECK_VIOLATION),
				 errmsg("a key result must move its metric: its start equals its target"),
				 errdetail("Columns \"%s\" (start) and \"%s\" (target) are both %s.",
						   config->start.name, config->target.name,
						   okr_column_text(tuple, rel, &config->start)),
				 errhint("Give it a target that differs from its start. A level to hold belongs in a KPI threshold such as '>= 40'."),
				 errtablecol(rel, config->target.attnum)));
	values.present = true;
	return values;
}

/* The group value of a row, and whether it is NULL. */
Datum
okr_group_value(const trigger_config *config, Relation rel, HeapTuple tuple, bool *isnull)
{
	*isnull = false;
	if (config->group.attnum == 0)
		return (Datum) 0;
	return heap_getattr(tuple, config->group.attnum, RelationGetDescr(rel), isnull);
}
