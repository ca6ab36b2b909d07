/*
 * trigger_rows.c: reading the values the plan rules judge out of a row: the
 * start and target (a key_result column or two numeric ones), the group
 * column, and any column as text for messages, shown only to roles that may
 * read it.
 */
#include "trigger_rows.h"

#include <math.h>

#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "miscadmin.h"
#include "utils/acl.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/rls.h"
#include "utils/typcache.h"

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

bool
okr_column_visible(Relation rel, AttrNumber attnum)
{
	return okr_relid_column_visible(RelationGetRelid(rel), attnum);
}

bool
okr_relid_column_visible(Oid relid, AttrNumber attnum)
{
	Oid			user = GetUserId();

	if (check_enable_rls(relid, InvalidOid, true) == RLS_ENABLED)
		return false;
	return pg_class_aclcheck(relid, user, ACL_SELECT) == ACLCHECK_OK ||
		pg_attribute_aclcheck(relid, attnum, user, ACL_SELECT) == ACLCHECK_OK;
}

bool
okr_rows_countable(Oid relid)
{
	Oid			user = GetUserId();

	if (check_enable_rls(relid, InvalidOid, true) == RLS_ENABLED)
		return false;
	return pg_class_aclcheck(relid, user, ACL_SELECT) == ACLCHECK_OK ||
		pg_attribute_aclcheck_all(relid, user, ACL_SELECT, ACLMASK_ANY) == ACLCHECK_OK;
}

/* A column's value as text if the current role may read it, else NULL. */
char *
okr_visible_text(HeapTuple tuple, Relation rel, const column_ref *column)
{
	return okr_column_visible(rel, column->attnum) ? okr_column_text(tuple, rel, column) : NULL;
}

/*
 * Whether an UPDATE changes the start value: the key result's start or unit
 * (a start means nothing without its unit), or the start column by its own
 * type's equality, so that numeric and bigint starts compare exactly and
 * 1.0 equals 1.  An old row without a start may be repaired.
 */
bool
okr_start_changed(const trigger_config *config, Relation rel, HeapTuple old_tuple, HeapTuple new_tuple)
{
	TupleDesc	tupdesc = RelationGetDescr(rel);
	const column_ref *column = config->kr.attnum != 0 ? &config->kr : &config->start;
	bool		old_null;
	bool		new_null;
	Datum		old_value = heap_getattr(old_tuple, column->attnum, tupdesc, &old_null);
	Datum		new_value = heap_getattr(new_tuple, column->attnum, tupdesc, &new_null);

	if (old_null || new_null)
		return false;
	if (config->kr.attnum != 0)
	{
		const okr_key_result *old_kr = DatumGetKeyResultP(old_value);
		const okr_key_result *new_kr = DatumGetKeyResultP(new_value);

		return old_kr->start != new_kr->start || old_kr->unit != new_kr->unit;
	}
	else
	{
		Form_pg_attribute att = TupleDescAttr(tupdesc, column->attnum - 1);
		TypeCacheEntry *typcache = lookup_type_cache(att->atttypid, TYPECACHE_EQ_OPR_FINFO);

		return !DatumGetBool(FunctionCall2Coll(&typcache->eq_opr_finfo, att->attcollation,
											   old_value, new_value));
	}
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
				 missing == &config->start ?
				 errdetail("Column \"%s\" (start) is NULL.", missing->name) :
				 errdetail("Column \"%s\" (target) is NULL.", missing->name),
				 errhint("The start value is the metric's value when the period began; the target is where it should end."),
				 errtablecol(rel, missing->attnum)));
	}
	if (!isfinite(values.start) || !isfinite(values.target))
	{
		const column_ref *bad = !isfinite(values.start) ? &config->start : &config->target;
		char	   *shown = okr_visible_text(tuple, rel, bad);

		ereport(ERROR,
				(errcode(ERRCODE_CHECK_VIOLATION),
				 errmsg("the start and target of a key result must be finite"),
				 shown ? errdetail("Column \"%s\" is %s.", bad->name, shown) :
				 errdetail("Column \"%s\" is not a finite number.", bad->name),
				 errhint("Store a finite number."),
				 errtablecol(rel, bad->attnum)));
	}
	if (values.start == values.target)
	{
		char	   *shown = okr_column_visible(rel, config->target.attnum) ?
			okr_visible_text(tuple, rel, &config->start) : NULL;

		ereport(ERROR,
				(errcode(ERRCODE_CHECK_VIOLATION),
				 errmsg("a key result must move its metric: its start equals its target"),
				 shown ? errdetail("Columns \"%s\" (start) and \"%s\" (target) are both %s.",
								   config->start.name, config->target.name, shown) :
				 errdetail("Columns \"%s\" (start) and \"%s\" (target) are equal.",
						   config->start.name, config->target.name),
				 errhint("Give it a target that differs from its start. A level to hold belongs in a KPI threshold such as '>= 40'."),
				 errtablecol(rel, config->target.attnum)));
	}
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
