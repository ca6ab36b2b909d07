/*
 * column_guard.c: okrkpi.check_trigger_columns(), the event trigger that keeps
 * the columns a plan-rule trigger names from being renamed or dropped under it,
 * and okrkpi.record_trigger_columns(), which the update from 0.2.0 calls once.
 *
 * The plan-rule triggers name columns in their arguments, which PostgreSQL
 * does not track.  So, when such a trigger is created (CREATE TRIGGER, and the
 * clones PostgreSQL makes on partitions at CREATE TABLE ... PARTITION OF and
 * ALTER TABLE ... ATTACH PARTITION), a normal dependency of the trigger on
 * each column it names is recorded in pg_depend, as PostgreSQL does for the
 * columns of UPDATE OF.  PostgreSQL itself then refuses to drop such a column
 * (or drops the trigger with CASCADE).  A rename keeps the dependency, so at
 * the end of ALTER TABLE ... RENAME COLUMN the renamed column is looked up:
 * when a plan-rule trigger depends on it and one of the trigger's names no
 * longer leads to a column, the rename is refused.
 *
 * A plan-rule trigger just created is also checked there as its first
 * firing would check it (okr_validate_trigger): a wrong argument fails the
 * CREATE TRIGGER, not the first write.
 *
 * All of it runs at ddl_command_end only, on relations the command has
 * already locked (and so passed PostgreSQL's permission checks on); it takes
 * no lock of its own and keeps nothing from one call to the next.
 */
#include "trigger_config.h"

#include "access/genam.h"
#include "access/htup_details.h"
#include "access/relation.h"
#include "access/table.h"
#include "catalog/catalog.h"
#include "catalog/dependency.h"
#include "catalog/indexing.h"
#include "catalog/namespace.h"
#include "catalog/pg_depend.h"
#include "catalog/pg_inherits.h"
#include "catalog/pg_trigger.h"
#include "commands/event_trigger.h"
#include "commands/trigger.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "miscadmin.h"
#include "storage/lmgr.h"
#include "utils/builtins.h"
#include "utils/fmgroids.h"
#include "utils/lsyscache.h"
#include "utils/rel.h"
#include "utils/syscache.h"

/*
 * The name of a plan-rule trigger function (okrkpi.check_key_result(),
 * check_kpi(), keep_closed_cycles(), keep_key_result_history()), or NULL for
 * any other function.
 */
static char *
plan_rule_function(Oid funcoid)
{
	Oid			okrkpi = get_namespace_oid("okrkpi", true);
	char	   *name;

	if (!OidIsValid(okrkpi) || get_func_namespace(funcoid) != okrkpi)
		return NULL;
	name = get_func_name(funcoid);
	return name != NULL && okr_plan_rule_function(name) ? name : NULL;
}

static bool has_triggers(Oid relid);

static bool
is_plan_rule_function(Oid funcoid)
{
	return plan_rule_function(funcoid) != NULL;
}

/*
 * A plan-rule trigger just created (CREATE [OR REPLACE] TRIGGER) is checked
 * as its first firing would check it, so that a wrong argument or firing is
 * refused with the CREATE TRIGGER, not at the first write.  Only on a
 * relation the command has locked (and so passed PostgreSQL's permission
 * checks on); its attributes come from the relation descriptor, and the log=
 * table is resolved without a lock.  The clones on partitions carry the same
 * arguments and are not checked again.
 */
static void
validate_new_trigger(Oid trigger_oid, Oid relid)
{
	Relation	rel;
	TriggerDesc *trigdesc;

	if (!okr_relation_locked_by_me(relid) || !has_triggers(relid))
		return;
	rel = relation_open(relid, NoLock);
	trigdesc = rel->trigdesc;
	for (int t = 0; trigdesc != NULL && t < trigdesc->numtriggers; t++)
	{
		const Trigger *trigger = &trigdesc->triggers[t];
		char	   *function;

		if (trigger->tgoid != trigger_oid)
			continue;
		function = plan_rule_function(trigger->tgfoid);
		if (function != NULL)
			okr_validate_trigger(rel, trigger, function);
		break;
	}
	relation_close(rel, NoLock);
}

/* Whether pg_depend holds a dependency of the trigger on the column. */
static bool
trigger_depends_on(Oid trigger, Oid relid, AttrNumber attnum)
{
	Relation	depend = table_open(DependRelationId, AccessShareLock);
	ScanKeyData key[3];
	SysScanDesc scan;
	HeapTuple	tuple;
	bool		found = false;

	ScanKeyInit(&key[0], Anum_pg_depend_classid, BTEqualStrategyNumber, F_OIDEQ,
				ObjectIdGetDatum(TriggerRelationId));
	ScanKeyInit(&key[1], Anum_pg_depend_objid, BTEqualStrategyNumber, F_OIDEQ,
				ObjectIdGetDatum(trigger));
	ScanKeyInit(&key[2], Anum_pg_depend_objsubid, BTEqualStrategyNumber, F_INT4EQ,
				Int32GetDatum(0));
	scan = systable_beginscan(depend, DependDependerIndexId, true, NULL, 3, key);
	while (!found && HeapTupleIsValid(tuple = systable_getnext(scan)))
	{
		Form_pg_depend dep = (Form_pg_depend) GETSTRUCT(tuple);

		found = dep->refclassid == RelationRelationId && dep->refobjid == relid &&
			dep->refobjsubid == attnum;
	}
	systable_endscan(scan);
	table_close(depend, AccessShareLock);
	return found;
}

/*
 * Record the dependencies of the relation's plan-rule triggers on the columns
 * they name, where missing.  A name that leads to no column is left to the
 * trigger itself, which refuses it at the first write (a new trigger's names
 * were checked already; a clone's name may lead nowhere on a partition of an
 * older trigger).
 */
static void
record_relation(Relation rel)
{
	TriggerDesc *trigdesc = rel->trigdesc;

	for (int t = 0; trigdesc != NULL && t < trigdesc->numtriggers; t++)
	{
		const Trigger *trigger = &trigdesc->triggers[t];
		ObjectAddress self;

		if (!is_plan_rule_function(trigger->tgfoid))
			continue;
		ObjectAddressSet(self, TriggerRelationId, trigger->tgoid);
		for (int i = 0; i < trigger->tgnargs; i++)
		{
			char	   *name = okr_argument_column(trigger->tgargs[i]);
			AttrNumber	attnum = name == NULL ? InvalidAttrNumber : get_attnum(RelationGetRelid(rel), name);
			ObjectAddress column;

			if (attnum <= 0 || trigger_depends_on(trigger->tgoid, RelationGetRelid(rel), attnum))
				continue;
			ObjectAddressSubSet(column, RelationRelationId, RelationGetRelid(rel), attnum);
			recordDependencyOn(&self, &column, DEPENDENCY_NORMAL);
			CommandCounterIncrement();
		}
	}
}

/*
 * After a column of the relation was renamed: refuse when a plan-rule trigger
 * depends on the renamed column and one of its names leads nowhere now.
 */
static void
check_renamed(Relation rel, const char *new_name)
{
	TriggerDesc *trigdesc = rel->trigdesc;
	Oid			relid = RelationGetRelid(rel);
	AttrNumber	attnum = get_attnum(relid, new_name);

	for (int t = 0; attnum > 0 && trigdesc != NULL && t < trigdesc->numtriggers; t++)
	{
		const Trigger *trigger = &trigdesc->triggers[t];

		if (!is_plan_rule_function(trigger->tgfoid) || !trigger_depends_on(trigger->tgoid, relid, attnum))
			continue;
		for (int i = 0; i < trigger->tgnargs; i++)
		{
			char	   *name = okr_argument_column(trigger->tgargs[i]);

			if (name != NULL && get_attnum(relid, name) == InvalidAttrNumber)
				ereport(ERROR,
						(errcode(ERRCODE_DEPENDENT_OBJECTS_STILL_EXIST),
						 errmsg("column \"%s\" of relation \"%s\" is named by trigger \"%s\"",
								name, RelationGetRelationName(rel), trigger->tgname),
						 errdetail("The trigger names its columns in its arguments: after the rename it would name a column that no longer exists, or another column that takes the old name."),
						 errhint("Drop the trigger, rename the column, then create the trigger again with the column's new name.")));
		}
	}
}

/* Whether the relation has (or had) triggers: pg_class.relhastriggers. */
static bool
has_triggers(Oid relid)
{
	HeapTuple	tuple = SearchSysCache1(RELOID, ObjectIdGetDatum(relid));
	bool		result = false;

	if (HeapTupleIsValid(tuple))
	{
		result = ((Form_pg_class) GETSTRUCT(tuple))->relhastriggers;
		ReleaseSysCache(tuple);
	}
	return result;
}

/* The relation's triggers, or a column renamed in it and its inheritors. */
static void
guard_relation(Oid relid, const char *renamed)
{
	ListCell   *lc;

	if (!okr_relation_locked_by_me(relid) || (!has_triggers(relid) && !has_subclass(relid)))
		return;
	/* the inheritors the command locked: a recursing command locks them all */
	foreach(lc, find_all_inheritors(relid, NoLock, NULL))
	{
		Oid			child = lfirst_oid(lc);
		Relation	rel;

		if (!okr_relation_locked_by_me(child) || !has_triggers(child))
			continue;
		rel = relation_open(child, NoLock);
		if (rel->rd_rel->relkind == RELKIND_RELATION || rel->rd_rel->relkind == RELKIND_PARTITIONED_TABLE ||
			rel->rd_rel->relkind == RELKIND_FOREIGN_TABLE)
		{
			if (renamed != NULL)
				check_renamed(rel, renamed);
			record_relation(rel);
		}
		relation_close(rel, NoLock);
	}
}

typedef struct ddl_object
{
	Oid			classid;
	Oid			objid;
	int32		objsubid;
} ddl_object;

/*
 * okrkpi.check_trigger_columns(): the event trigger at the end of CREATE
 * TRIGGER, CREATE TABLE, CREATE FOREIGN TABLE, ALTER TABLE and ALTER FOREIGN
 * TABLE.  A 0.2.0 database not yet updated still calls it at
 * ddl_command_start too: there it does nothing.
 */
PG_FUNCTION_INFO_V1(check_trigger_columns);
Datum
check_trigger_columns(PG_FUNCTION_ARGS)
{
	EventTriggerData *trigdata;
	ddl_object *objects;
	uint64		count;

	if (!CALLED_AS_EVENT_TRIGGER(fcinfo))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_EVENT_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("check_trigger_columns: not fired by the event trigger manager")));
	trigdata = (EventTriggerData *) fcinfo->context;
	if (strcmp(trigdata->event, "ddl_command_end") != 0)
		PG_RETURN_VOID();

	/* what the command created or altered, copied out of SPI's memory */
	SPI_connect();
	if (SPI_execute("SELECT classid, objid, objsubid FROM pg_catalog.pg_event_trigger_ddl_commands()"
					" WHERE classid OPERATOR(pg_catalog.=) ANY (ARRAY['pg_catalog.pg_class'::pg_catalog.regclass,"
					" 'pg_catalog.pg_trigger'::pg_catalog.regclass]::pg_catalog.oid[])",
					true, 0) != SPI_OK_SELECT)
		elog(ERROR, "check_trigger_columns: SPI_execute failed");
	count = SPI_processed;
	objects = SPI_palloc(sizeof(ddl_object) * (count + 1));
	for (uint64 i = 0; i < count; i++)
	{
		HeapTuple	row = SPI_tuptable->vals[i];
		TupleDesc	desc = SPI_tuptable->tupdesc;
		bool		isnull;

		objects[i].classid = DatumGetObjectId(SPI_getbinval(row, desc, 1, &isnull));
		objects[i].objid = DatumGetObjectId(SPI_getbinval(row, desc, 2, &isnull));
		objects[i].objsubid = DatumGetInt32(SPI_getbinval(row, desc, 3, &isnull));
	}
	SPI_finish();

	for (uint64 i = 0; i < count; i++)
	{
		if (objects[i].classid == TriggerRelationId)
		{
			Oid			parent;
			Oid			relid = okr_trigger_relation(objects[i].objid, &parent);

			if (OidIsValid(relid))
			{
				validate_new_trigger(objects[i].objid, relid);
				guard_relation(relid, NULL);
			}
		}
		else if (objects[i].objsubid > 0)
		{
			/* ALTER TABLE ... RENAME COLUMN reports the renamed column */
			char	   *name = get_attname(objects[i].objid, (AttrNumber) objects[i].objsubid, true);

			if (name != NULL)
				guard_relation(objects[i].objid, name);
		}
		else
			guard_relation(objects[i].objid, NULL);
	}
	PG_RETURN_VOID();
}

/*
 * okrkpi.record_trigger_columns(): records the dependencies of every existing
 * plan-rule trigger on the columns it names.  The update from 0.2.0 calls it
 * once, under the lock of each table (AccessShareLock, which no rename passes).
 */
PG_FUNCTION_INFO_V1(record_trigger_columns);
Datum
record_trigger_columns(PG_FUNCTION_ARGS)
{
	Relation	pg_trigger = table_open(TriggerRelationId, AccessShareLock);
	SysScanDesc scan = systable_beginscan(pg_trigger, InvalidOid, false, NULL, 0, NULL);
	HeapTuple	tuple;
	List	   *relids = NIL;
	ListCell   *lc;

	while (HeapTupleIsValid(tuple = systable_getnext(scan)))
	{
		Form_pg_trigger trigger = (Form_pg_trigger) GETSTRUCT(tuple);

		if (is_plan_rule_function(trigger->tgfoid))
			relids = list_append_unique_oid(relids, trigger->tgrelid);
	}
	systable_endscan(scan);
	table_close(pg_trigger, AccessShareLock);

	foreach(lc, relids)
	{
		Relation	rel = relation_open(lfirst_oid(lc), AccessShareLock);

		record_relation(rel);
		relation_close(rel, NoLock);
	}
	PG_RETURN_INT32(list_length(relids));
}
