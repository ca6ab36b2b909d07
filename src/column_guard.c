/*
 * column_guard.c: okrkpi.check_trigger_columns(), the event trigger that keeps
 * the columns a plan-rule trigger names from being renamed or dropped under it.
 */
#include "compat.h"

#include "access/relation.h"
#include "access/xact.h"
#include "catalog/namespace.h"
#include "catalog/pg_inherits.h"
#include "commands/event_trigger.h"
#include "commands/tablecmds.h"
#include "commands/trigger.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "nodes/parsenodes.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/rel.h"
#include "utils/timestamp.h"

/* Whether a trigger runs okrkpi.check_key_result() or okrkpi.check_kpi(). */
static bool
is_plan_rule_trigger(const Trigger *trigger)
{
	char	   *name;

	if (get_func_namespace(trigger->tgfoid) != get_namespace_oid("okrkpi", true))
		return false;
	name = get_func_name(trigger->tgfoid);
	return name != NULL && (strcmp(name, "check_key_result") == 0 || strcmp(name, "check_kpi") == 0);
}

/*
 * okrkpi.check_trigger_columns(): event triggers at the start and the end of
 * ALTER TABLE and ALTER FOREIGN TABLE.  The plan-rule triggers name columns
 * in their arguments, which PostgreSQL does not track: after a column is
 * renamed or dropped a trigger would name a column that is gone, or, once
 * another column takes the old name (even in the same ALTER TABLE), check
 * that one instead.  At the start, the attribute number of every named column
 * of the table and of the tables that inherit from it is remembered; at the
 * end, each name must still lead to the same column.
 */
typedef struct named_column
{
	Oid			relid;
	Oid			trigger_oid;
	AttrNumber	attnum;
	char		name[NAMEDATALEN];
	char		trigger[NAMEDATALEN];
} named_column;

static List *remembered_columns = NIL;	/* in TopTransactionContext */
static TimestampTz remembered_for = 0;	/* the statement they belong to */

/* The table an ALTER names, and the lock the ALTER itself will take. */
static Oid
altered_relation(Node *parsetree, LOCKMODE *lockmode)
{
	RangeVar   *relation = NULL;

	*lockmode = AccessExclusiveLock;
	if (IsA(parsetree, AlterTableStmt))
	{
		relation = ((AlterTableStmt *) parsetree)->relation;
		*lockmode = AlterTableGetLockLevel(((AlterTableStmt *) parsetree)->cmds);
	}
	else if (IsA(parsetree, RenameStmt) && ((RenameStmt *) parsetree)->renameType == OBJECT_COLUMN)
		relation = ((RenameStmt *) parsetree)->relation;
	if (relation == NULL)
		return InvalidOid;
	return RangeVarGetRelid(relation, *lockmode, true);
}

/* Every column a plan-rule trigger of the table or its inheritors names. */
static List *
named_columns(Oid relid, LOCKMODE lockmode)
{
	List	   *result = NIL;
	ListCell   *lc;

	foreach(lc, find_all_inheritors(relid, lockmode, NULL))
	{
		Relation	rel = relation_open(lfirst_oid(lc), lockmode);

		for (int t = 0; rel->trigdesc != NULL && t < rel->trigdesc->numtriggers; t++)
		{
			const Trigger *trigger = &rel->trigdesc->triggers[t];

			if (!is_plan_rule_trigger(trigger))
				continue;
			for (int i = 0; i < trigger->tgnargs; i++)
			{
				const char *eq = strchr(trigger->tgargs[i], '=');
				named_column *column;

				if (eq == NULL || strncmp(trigger->tgargs[i], "max=", 4) == 0 ||
					strncmp(trigger->tgargs[i], "log=", 4) == 0)
					continue;
				column = palloc0(sizeof(named_column));
				column->relid = RelationGetRelid(rel);
				column->trigger_oid = trigger->tgoid;
				column->attnum = SPI_fnumber(RelationGetDescr(rel), eq + 1);
				strlcpy(column->name, eq + 1, NAMEDATALEN);
				strlcpy(column->trigger, trigger->tgname, NAMEDATALEN);
				result = lappend(result, column);
			}
		}
		relation_close(rel, NoLock);
	}
	return result;
}

PG_FUNCTION_INFO_V1(check_trigger_columns);
Datum
check_trigger_columns(PG_FUNCTION_ARGS)
{
	EventTriggerData *trigdata;
	LOCKMODE	lockmode;
	Oid			relid;
	List	   *now;
	ListCell   *lc;

	if (!CALLED_AS_EVENT_TRIGGER(fcinfo))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_EVENT_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("check_trigger_columns: not fired by the event trigger manager")));
	trigdata = (EventTriggerData *) fcinfo->context;
	if (!OidIsValid(relid = altered_relation(trigdata->parsetree, &lockmode)))
		PG_RETURN_VOID();

	if (strcmp(trigdata->event, "ddl_command_start") == 0)
	{
		MemoryContext old = MemoryContextSwitchTo(TopTransactionContext);

		remembered_columns = named_columns(relid, lockmode);
		remembered_for = GetCurrentStatementStartTimestamp();
		MemoryContextSwitchTo(old);
		PG_RETURN_VOID();
	}

	now = named_columns(relid, lockmode);
	foreach(lc, now)
	{
		named_column *column = lfirst(lc);
		bool		moved = column->attnum <= 0;
		ListCell   *before;

		/* the same name may lead to another column than at the start */
		if (!moved && remembered_for == GetCurrentStatementStartTimestamp())
			foreach(before, remembered_columns)
			{
				named_column *was = lfirst(before);

				if (was->trigger_oid == column->trigger_oid && was->relid == column->relid &&
					strcmp(was->name, column->name) == 0 && was->attnum != column->attnum)
					moved = true;
			}
		if (moved)
			ereport(ERROR,
					(errcode(ERRCODE_DEPENDENT_OBJECTS_STILL_EXIST),
					 errmsg("column \"%s\" of relation \"%s\" is named by trigger \"%s\"",
							column->name, get_rel_name(column->relid), column->trigger),
					 errdetail("The trigger would name a column that no longer exists, or another column that took its name."),
					 errhint("Drop the trigger, change the column, then create the trigger again with the column's new name.")));
	}
	remembered_columns = NIL;
	PG_RETURN_VOID();
}
