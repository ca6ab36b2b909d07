/*
 * closed_cycles.c: okrkpi.keep_closed_cycles(), the trigger that keeps the
 * plan rows of a closed quarter (or of a closed fiscal year: its fourth
 * quarter is closed) as they are.  Its objectives, their key results and
 * their check-ins are not inserted, updated or deleted, nor truncated, except
 * by the table's owner under okrkpi.override_reason, and every such change
 * is logged (override_log.c).
 *
 * Which cycle a row belongs to, and whether it is closed, is answered in SQL
 * beside the tables: okrkpi.closed_cycle_of(row), one overload per table,
 * found by the row type of the table the trigger fires on.  The functions
 * are not SECURITY DEFINER and PUBLIC may not execute them; this trigger
 * calls them through fmgr as the table's owner, restricted and past row
 * security, as a foreign key check reads, so that no policy hides a closed
 * quarter from the check and nobody else can ask them about rows they cannot
 * see.
 */
#include "plan_rules.h"

#include "access/htup_details.h"
#include "catalog/namespace.h"
#include "catalog/pg_collation.h"
#include "catalog/pg_type.h"
#include "miscadmin.h"
#include "parser/parse_func.h"
#include "utils/acl.h"
#include "utils/builtins.h"
#include "utils/fmgrprotos.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/regproc.h"
#include "utils/rel.h"
#include "utils/snapmgr.h"
#include "utils/syscache.h"

#include "override_log.h"
#include "trigger_rows.h"

#define FUNCTION_NAME "keep_closed_cycles"
#define RULE_CLOSED_CYCLE "closed quarters are history"

/*
 * The closed_cycle_of() overloads this transaction has called, by row type.
 * They live in a child of the transaction's memory context, which takes them
 * along at commit or abort (the callback forgets the pointer): nothing is
 * kept across a commit.  (fmgr_sql renews its own state after a rolled-back
 * subtransaction.)
 */
#define MAX_LOOKUPS 8

typedef struct cycle_lookup
{
	Oid			reltype;
	FmgrInfo	flinfo;
} cycle_lookup;

typedef struct lookup_cache
{
	MemoryContext context;
	MemoryContextCallback forget;
	int			count;
	cycle_lookup lookups[MAX_LOOKUPS];
} lookup_cache;

static lookup_cache *lookups = NULL;

static void
forget_lookups(void *arg pg_attribute_unused())
{
	lookups = NULL;
}

/*
 * Whether the function may run as the table's owner, checked at every call
 * (an owner may change within a transaction): it must return text, be code
 * of that owner (or of a role with its rights), not of somebody with fewer,
 * and that owner must be allowed to execute it.
 */
static void
check_function(Oid funcoid, Relation rel)
{
	Oid			owner = rel->rd_rel->relowner;
	HeapTuple	proc_tuple = SearchSysCache1(PROCOID, ObjectIdGetDatum(funcoid));
	Form_pg_proc proc;

	if (!HeapTupleIsValid(proc_tuple))
		elog(ERROR, "cache lookup failed for function %u", funcoid);
	proc = (Form_pg_proc) GETSTRUCT(proc_tuple);
	if (proc->prorettype != TEXTOID || proc->proretset)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_FUNCTION_DEFINITION),
				 errmsg("%s: function %s must return text", FUNCTION_NAME,
						format_procedure(funcoid))));
	if (!has_privs_of_role(proc->proowner, owner))
		ereport(ERROR,
				(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
				 errmsg("the owner of function %s lacks the rights of the owner of table \"%s\"",
						format_procedure(funcoid), RelationGetRelationName(rel)),
				 errdetail("%s() calls the function with the rights of the table's owner.", FUNCTION_NAME)));
	ReleaseSysCache(proc_tuple);
	if (okr_proc_aclcheck(funcoid, owner, ACL_EXECUTE) != ACLCHECK_OK)
		ereport(ERROR,
				(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
				 errmsg("the owner of table \"%s\" may not execute function %s",
						RelationGetRelationName(rel), format_procedure(funcoid)),
				 errhint("GRANT EXECUTE on the function to the owner of the table.")));
}

/*
 * The overload of okrkpi.closed_cycle_of() for the table's row type, found
 * once per transaction and checked at every call.
 */
static FmgrInfo *
lookup_function(Relation rel)
{
	Oid			reltype = rel->rd_rel->reltype;
	Oid			funcoid = InvalidOid;
	cycle_lookup *lookup;
	FmgrInfo   *flinfo;

	for (int i = 0; lookups != NULL && i < lookups->count; i++)
		if (lookups->lookups[i].reltype == reltype)
		{
			check_function(lookups->lookups[i].flinfo.fn_oid, rel);
			return &lookups->lookups[i].flinfo;
		}

	if (OidIsValid(reltype))
		funcoid = LookupFuncName(list_make2(makeString("okrkpi"), makeString("closed_cycle_of")),
								 1, &reltype, true);
	if (!OidIsValid(funcoid))
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_FUNCTION),
				 errmsg("%s: table \"%s\" has no function okrkpi.closed_cycle_of(%s)",
						FUNCTION_NAME, RelationGetRelationName(rel),
						OidIsValid(reltype) ? format_type_be(reltype) : "its row type"),
				 errdetail("The trigger finds the quarter or fiscal year a row belongs to by calling okrkpi.closed_cycle_of() on the table's row type."),
				 errhint("Attach okrkpi.%s() to okrkpi.objectives, okrkpi.key_results or okrkpi.check_ins.",
						 FUNCTION_NAME)));
	check_function(funcoid, rel);

	/* more row types than slots (a trigger on many partitions): not kept */
	if (lookups != NULL && lookups->count == MAX_LOOKUPS)
	{
		flinfo = palloc0(sizeof(FmgrInfo));
		fmgr_info(funcoid, flinfo);
		return flinfo;
	}
	if (lookups == NULL)
	{
		MemoryContext context = AllocSetContextCreate(TopTransactionContext, "okrkpi closed_cycle_of",
													  ALLOCSET_SMALL_SIZES);

		lookups = MemoryContextAllocZero(context, sizeof(lookup_cache));
		lookups->context = context;
		lookups->forget.func = forget_lookups;
		MemoryContextRegisterResetCallback(context, &lookups->forget);
	}
	lookup = &lookups->lookups[lookups->count];
	fmgr_info_cxt(funcoid, &lookup->flinfo, lookups->context);
	lookup->reltype = reltype;
	lookups->count++;
	return &lookup->flinfo;
}

/*
 * The closed cycle a row belongs to ("2020-Q3", "FY2027"), or NULL when its
 * cycle is open.  Asked as the table's owner, restricted, past row security,
 * with the latest snapshot (a quarter closed since the statement began
 * counts).
 */
static char *
closed_cycle_of(FmgrInfo *function, Relation rel, HeapTuple tuple)
{
	LOCAL_FCINFO(call, 1);
	Oid			save_userid;
	int			save_sec_context;
	Datum		result;

	InitFunctionCallInfoData(*call, function, 1, InvalidOid, NULL, NULL);
	call->args[0].value = heap_copy_tuple_as_datum(tuple, RelationGetDescr(rel));
	call->args[0].isnull = false;
	GetUserIdAndSecContext(&save_userid, &save_sec_context);
	SetUserIdAndSecContext(rel->rd_rel->relowner,
						   save_sec_context | SECURITY_LOCAL_USERID_CHANGE |
						   SECURITY_RESTRICTED_OPERATION | SECURITY_NOFORCE_RLS);
	PushActiveSnapshot(GetLatestSnapshot());
	result = FunctionCallInvoke(call);
	PopActiveSnapshot();
	SetUserIdAndSecContext(save_userid, save_sec_context);
	return call->isnull ? NULL : TextDatumGetCString(result);
}

/*
 * wait_for_closing_cycles(): BEFORE INSERT OR UPDATE OR DELETE ... FOR EACH
 * STATEMENT on the plan tables whose rows belong to a quarter (objectives,
 * key_results, check_ins).  It waits for a quarter that is closing (or
 * reopening) to commit, and keeps any from closing until this transaction
 * ends.  Every change of the quarters' order takes the transaction-level
 * advisory lock on hashtext('okrkpi.cycles order') exclusively
 * (okrkpi.check_cycle_order(), okrkpi.keep_fiscal_year()); a write of plan
 * rows takes it shared.  Without it, a check-in written while its quarter
 * was closing saw the quarter still open (the close had not committed),
 * passed, and committed after the roll-forward had read the quarter: a
 * closed quarter held rows its close never saw (make soak found 33 such
 * check-ins in one closed quarter).  Writers never wait for each other; a
 * close waits for the writes under way, and a write that comes during a
 * close waits for it and then sees the quarter closed: the row checks read
 * with the latest snapshot (closed_cycle_of() here, key_result_has_history()
 * in plan_rules.c).
 *
 * At statement level, before the statement locks any row: a row trigger
 * would wait with the row already locked (PostgreSQL locks an updated or
 * deleted row before its BEFORE ROW triggers), while the close it waits for
 * may want that row (roll_forward locks the quarter's key results) and the
 * two would deadlock.  TRUNCATE needs no wait: it locks the whole table,
 * which a close reads, so the two already queue up.  Taken after PostgreSQL
 * has checked the writer's rights on the table, for a transaction only.
 */
PG_FUNCTION_INFO_V1(wait_for_closing_cycles);
Datum
wait_for_closing_cycles(PG_FUNCTION_ARGS)
{
	TriggerData *trigdata = (TriggerData *) fcinfo->context;
	static int64 key;			/* hashtext('okrkpi.cycles order'), as SQL's int4 widened */
	static bool key_known = false;

	if (!CALLED_AS_TRIGGER(fcinfo) || !TRIGGER_FIRED_BEFORE(trigdata->tg_event) ||
		!TRIGGER_FIRED_FOR_STATEMENT(trigdata->tg_event) || TRIGGER_FIRED_BY_TRUNCATE(trigdata->tg_event))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("wait_for_closing_cycles: must be fired BEFORE INSERT, UPDATE or DELETE, FOR EACH STATEMENT")));
	if (!key_known)
	{
		key = DatumGetInt32(DirectFunctionCall1Coll(hashtext, DEFAULT_COLLATION_OID,
													CStringGetTextDatum("okrkpi.cycles order")));
		key_known = true;
	}
	DirectFunctionCall1(pg_advisory_xact_lock_shared_int8, Int64GetDatum(key));
	return PointerGetDatum(NULL);
}

/*
 * Where a plan row's cycle is read, as okrkpi.closed_cycle_of() reads it: a
 * check-in's through its key result, a key result's through its objective,
 * an objective's from its own quarter and fiscal_year.
 */
static const struct cycle_link
{
	const char *table;			/* in schema okrkpi */
	const char *columns[2];		/* read there (the second may be NULL) */
	const char *next;			/* where they lead; NULL: to the cycle */
}			cycle_links[] =
{
	{"check_ins", {"key_result_id", NULL}, "key_results"},
	{"key_results", {"objective_id", NULL}, "objectives"},
	{"objectives", {"quarter", "fiscal_year"}, NULL},
};

/*
 * Whether a message may name the row's cycle: by the rule for values in
 * messages (trigger_rows.c), only if the current role may read every column
 * the cycle is read through, with no row security on those tables.  A role
 * that row security keeps from an objective learns that the objective's
 * cycle is closed (its write fails), not which cycle it is.
 */
static bool
cycle_visible(Relation rel)
{
	Oid			okrkpi = get_namespace_oid("okrkpi", true);
	Oid			relid = RelationGetRelid(rel);
	const char *table = RelationGetRelationName(rel);

	if (!OidIsValid(okrkpi) || RelationGetNamespace(rel) != okrkpi)
		return false;
	while (table != NULL)
	{
		const struct cycle_link *link = NULL;

		for (int i = 0; i < (int) lengthof(cycle_links); i++)
			if (strcmp(cycle_links[i].table, table) == 0)
				link = &cycle_links[i];
		if (link == NULL || !OidIsValid(relid))
			return false;
		for (int c = 0; c < (int) lengthof(link->columns) && link->columns[c] != NULL; c++)
		{
			AttrNumber	attnum = get_attnum(relid, link->columns[c]);

			if (attnum <= 0 || !okr_relid_column_visible(relid, attnum))
				return false;
		}
		table = link->next;
		if (table != NULL)
			relid = get_relname_relid(table, okrkpi);
	}
	return true;
}

/* "quarter 2020-Q3" or "fiscal year 2027", for messages. */
static char *
cycle_text(const char *cycle)
{
	if (strncmp(cycle, "FY", 2) == 0)
		return psprintf("fiscal year %s", cycle + 2);
	return psprintf("quarter %s", cycle);
}

pg_noreturn static void
row_refused(Relation rel, const char *cycle)
{
	bool		shown = cycle_visible(rel);

	ereport(ERROR,
			(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
			 shown ? errmsg("%s is closed", cycle_text(cycle)) :
			 errmsg("the quarter or fiscal year of this row is closed"),
			 errdetail("The plan rows of table \"%s\" in a closed quarter or fiscal year are history: they are not inserted, updated or deleted.",
					   RelationGetRelationName(rel)),
			 errhint("To correct history anyway, the table's owner may SET okrkpi.override_reason = '...' first; the change is logged."),
			 errtable(rel)));
}

/* A TRUNCATE's rows: memory freed row by row, and the closed cycle of the row just read. */
typedef struct truncate_rows
{
	MemoryContext per_row;
	char	   *cycle;
} truncate_rows;

static bool
closed_row(const trigger_config *config pg_attribute_unused(), Relation rel, HeapTuple tuple,
		   const column_ref *since pg_attribute_unused(), TimestampTz *until pg_attribute_unused(),
		   void *arg)
{
	truncate_rows *rows = (truncate_rows *) arg;
	MemoryContext old;

	MemoryContextReset(rows->per_row);
	old = MemoryContextSwitchTo(rows->per_row);
	rows->cycle = closed_cycle_of(lookup_function(rel), rel, tuple);
	MemoryContextSwitchTo(old);
	return rows->cycle != NULL;
}

static void
truncate_refused(const trigger_config *config pg_attribute_unused(), Relation rel,
				 HeapTuple tuple pg_attribute_unused(),
				 const column_ref *since pg_attribute_unused(), TimestampTz until pg_attribute_unused(),
				 void *arg)
{
	/* the row closed_row() has just found in a closed cycle */
	const char *cycle = ((truncate_rows *) arg)->cycle;
	bool		shown = cycle_visible(rel);

	ereport(ERROR,
			(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
			 shown ? errmsg("%s is closed: table \"%s\" cannot be truncated", cycle_text(cycle),
							RelationGetRelationName(rel)) :
			 errmsg("a quarter or fiscal year is closed: table \"%s\" cannot be truncated",
					RelationGetRelationName(rel)),
			 errdetail("The plan rows of table \"%s\" in a closed quarter or fiscal year are history: TRUNCATE would remove them.",
					   RelationGetRelationName(rel)),
			 errhint("DELETE the rows of open quarters instead. To remove them anyway, the table's owner may SET okrkpi.override_reason = '...' first; each one is logged."),
			 errtable(rel)));
}

/*
 * BEFORE TRUNCATE ... FOR EACH STATEMENT: every row (of every leaf
 * partition) as TRUNCATE has locked it; refused while one belongs to a
 * closed cycle, and under the owner's override each such row is logged.
 */
static Datum
keep_closed_cycles_truncate(FunctionCallInfo fcinfo)
{
	TriggerData *trigdata = okr_trigger_protocol(fcinfo, FUNCTION_NAME);
	trigger_config *config = okr_trigger_config(trigdata, KIND_CLOSED_CYCLE, FUNCTION_NAME);
	truncate_rows rows;

	rows.cycle = NULL;
	rows.per_row = AllocSetContextCreate(CurrentMemoryContext, "keep_closed_cycles rows",
										 ALLOCSET_DEFAULT_SIZES);
	okr_truncate_guarded(config, trigdata->tg_relation, closed_row, truncate_refused, &rows,
						 RULE_CLOSED_CYCLE);
	MemoryContextDelete(rows.per_row);
	return PointerGetDatum(NULL);
}

/*
 * keep_closed_cycles(): BEFORE INSERT OR UPDATE OR DELETE ... FOR EACH ROW,
 * or BEFORE TRUNCATE ... FOR EACH STATEMENT, on a table of the embedded plan.
 * An INSERT is judged by the new row's cycle, a DELETE by the old row's, an
 * UPDATE by both: moving a row out of a closed cycle, or into one, changes
 * history too.  Arguments: logged=COLUMN (repeatable), the columns an
 * override records, and log=SCHEMA.TABLE.
 */
PG_FUNCTION_INFO_V1(keep_closed_cycles);
Datum
keep_closed_cycles(PG_FUNCTION_ARGS)
{
	TriggerData *trigdata;
	Relation	rel;
	trigger_config *config;
	FmgrInfo   *function;
	HeapTuple	old_tuple = NULL;
	HeapTuple	new_tuple = NULL;
	const char *operation;
	char	   *cycle = NULL;

	if (CALLED_AS_TRIGGER(fcinfo) && TRIGGER_FIRED_BY_TRUNCATE(((TriggerData *) fcinfo->context)->tg_event))
		return keep_closed_cycles_truncate(fcinfo);
	trigdata = okr_trigger_protocol(fcinfo, FUNCTION_NAME);
	rel = trigdata->tg_relation;
	config = okr_trigger_config(trigdata, KIND_CLOSED_CYCLE, FUNCTION_NAME);
	function = lookup_function(rel);
	if (TRIGGER_FIRED_BY_INSERT(trigdata->tg_event))
	{
		new_tuple = trigdata->tg_trigtuple;
		operation = "INSERT";
	}
	else if (TRIGGER_FIRED_BY_UPDATE(trigdata->tg_event))
	{
		old_tuple = trigdata->tg_trigtuple;
		new_tuple = trigdata->tg_newtuple;
		operation = "UPDATE";
	}
	else
	{
		old_tuple = trigdata->tg_trigtuple;
		operation = "DELETE";
	}

	/*
	 * A restore brings closed quarters back as they were: the owner's COPY
	 * FROM loads their rows, unlogged, as it loads rows past the limits.
	 */
	if (old_tuple == NULL && okr_owner_copy(rel))
		return PointerGetDatum(new_tuple);

	/*
	 * the cycle the row leaves, then the one it enters, read with the latest
	 * snapshot: the statement trigger wait_for_closing_cycles() may have
	 * waited for a close that committed after this statement's snapshot
	 */
	if (old_tuple != NULL)
		cycle = closed_cycle_of(function, rel, old_tuple);
	if (cycle == NULL && new_tuple != NULL)
		cycle = closed_cycle_of(function, rel, new_tuple);
	if (cycle != NULL)
	{
		if (!okr_override_allowed(rel, RULE_CLOSED_CYCLE))
			row_refused(rel, cycle);
		okr_log_override(config, rel, RULE_CLOSED_CYCLE, operation, old_tuple, new_tuple);
	}
	return PointerGetDatum(new_tuple != NULL ? new_tuple : old_tuple);
}
