/*
 * override_log.c: okrkpi.override_reason, the one way past a frozen value.
 *
 * An override is honoured only for roles that could disable the trigger
 * anyway: the table's owner, members of the owning role, superusers.  A
 * reason must say something (whitespace is no reason).  Every override is
 * recorded by the trigger that allows it, in the same statement: a LOG line
 * always, and a row in the table the trigger's log= argument names (the
 * embedded plan logs to okrkpi.overrides).  The row is written with the
 * rights of the guarded table's owner, restricted, into a table whose owner
 * has those rights already and which carries no trigger but the guard; the
 * guard refuses every other writer.  Only the row's key and the columns the
 * trigger names are recorded, not the rest of the row.
 */
#include "override_log.h"

#include <ctype.h>

#include "access/htup_details.h"
#include "access/table.h"
#include "catalog/namespace.h"
#include "catalog/pg_class.h"
#include "catalog/pg_index.h"
#include "catalog/pg_trigger.h"
#include "catalog/pg_type.h"
#include "commands/trigger.h"
#include "parser/parse_func.h"
#include "utils/acl.h"
#include "utils/builtins.h"
#include "utils/guc.h"
#include "utils/json.h"
#include "utils/lsyscache.h"
#include "utils/regproc.h"
#include "utils/rel.h"
#include "utils/relcache.h"
#include "utils/syscache.h"
#include "utils/timestamp.h"
#include "funcapi.h"
#include "miscadmin.h"

#include "settings.h"
#include "trigger_rows.h"

/*
 * The log table this module is writing a row into, while it does: the guard
 * lets exactly that one row through, and nothing else that runs meanwhile
 * (a second row, from the log table's defaults or rules, say), on that table
 * or any other guarded one.
 */
static Oid	writing_log_relid = InvalidOid;

/* How many rows the guard may still let in (one per row written). */
static int	writing_log_rows = 0;

/* The reason with surrounding whitespace removed; NULL when there is none. */
static char *
override_reason(void)
{
	const char *start = okr_override_reason;
	const char *end;

	if (start == NULL)
		return NULL;
	while (*start != '\0' && isspace((unsigned char) *start))
		start++;
	end = start + strlen(start);
	while (end > start && isspace((unsigned char) end[-1]))
		end--;
	return end > start ? pnstrdup(start, end - start) : NULL;
}

bool
okr_acts_as_owner(Relation rel)
{
	/*
	 * Both the current role and the role the session acts as must qualify: a
	 * SECURITY DEFINER function of the owner does not lend its rights to a
	 * caller.  Code that PostgreSQL runs restricted (index expressions,
	 * maintenance) never qualifies.
	 */
	return !InSecurityRestrictedOperation() &&
		has_privs_of_role(GetUserId(), rel->rd_rel->relowner) &&
		has_privs_of_role(GetOuterUserId(), rel->rd_rel->relowner);
}

bool
okr_override_allowed(Relation rel, const char *rule)
{
	char	   *reason = override_reason();

	if (reason == NULL)
		return false;
	if (!okr_acts_as_owner(rel))
		ereport(ERROR,
				(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
				 errmsg("permission denied to override the rule \"%s\" on table \"%s\"",
						rule, RelationGetRelationName(rel)),
				 errdetail("okrkpi.override_reason is honoured only for the table's owner, members of the owning role and superusers, who could disable the trigger anyway."),
				 errhint("Ask the table's owner to make this change, or RESET okrkpi.override_reason.")));
	return true;
}

/* The primary key of a row as "(col, ...)=(value, ...)", or its ctid. */
static char *
row_key(Relation rel, HeapTuple tuple, char **values_only)
{
	TupleDesc	tupdesc = RelationGetDescr(rel);
	StringInfoData names;
	StringInfoData values;
	HeapTuple	index_tuple;
	Form_pg_index index;

	(void) RelationGetIndexList(rel);	/* fills rd_pkindex */
	if (!OidIsValid(rel->rd_pkindex) ||
		!HeapTupleIsValid(index_tuple = SearchSysCache1(INDEXRELID, ObjectIdGetDatum(rel->rd_pkindex))))
	{
		*values_only = DatumGetCString(DirectFunctionCall1(tidout, PointerGetDatum(&tuple->t_self)));
		return psprintf("(ctid)=(%s)", *values_only);
	}
	index = (Form_pg_index) GETSTRUCT(index_tuple);
	initStringInfo(&names);
	initStringInfo(&values);
	for (int i = 0; i < index->indnkeyatts; i++)
	{
		column_ref	column = {0};

		column.attnum = index->indkey.values[i];
		if (i > 0)
		{
			appendStringInfoString(&names, ", ");
			appendStringInfoString(&values, ", ");
		}
		appendStringInfoString(&names, quote_identifier(NameStr(TupleDescAttr(tupdesc, column.attnum - 1)->attname)));
		appendStringInfoString(&values, okr_column_text(tuple, rel, &column));
	}
	ReleaseSysCache(index_tuple);
	*values_only = values.data;
	return psprintf("(%s)=(%s)", names.data, values.data);
}

/*
 * The columns the trigger names (kr=, start=, target=, kpi=, since=,
 * objective=, plan=, frozen=, logged=) of a row as a JSON object, or "null":
 * only what the rule guards goes into the log, never the rest of the row.
 */
static char *
guarded_json(const trigger_config *config, Relation rel, HeapTuple tuple)
{
	TupleDesc	tupdesc = RelationGetDescr(rel);
	Oid			relid = RelationGetRelid(rel);
	AttrNumber	wanted[OKR_MAX_NAMED];
	int			nwanted = 0;
	AttrNumber	attnums[OKR_MAX_NAMED];
	int			n = 0;
	TupleDesc	logged;
	Datum		values[OKR_MAX_NAMED];
	bool		nulls[OKR_MAX_NAMED];

	if (tuple == NULL)
		return "null";
	/*
	 * The columns the arguments name; a partition that a TRUNCATE of its
	 * root reaches may number them differently from the root.
	 */
	for (int i = 0; i < config->nnamed; i++)
	{
		AttrNumber	attnum = relid == config->relid ? config->named[i]->attnum :
			get_attnum(relid, config->named[i]->name);

		if (attnum > 0)
			wanted[nwanted++] = attnum;
	}
	/* in the table's column order */
	for (AttrNumber attnum = 1; attnum <= tupdesc->natts; attnum++)
		for (int i = 0; i < nwanted; i++)
			if (wanted[i] == attnum)
			{
				attnums[n++] = attnum;
				break;
			}
	logged = CreateTemplateTupleDesc(n);
	for (int i = 0; i < n; i++)
	{
		Form_pg_attribute attr = TupleDescAttr(tupdesc, attnums[i] - 1);

		TupleDescInitEntry(logged, (AttrNumber) (i + 1), NameStr(attr->attname),
						   attr->atttypid, attr->atttypmod, 0);
		values[i] = heap_getattr(tuple, attnums[i], tupdesc, &nulls[i]);
	}
	logged = BlessTupleDesc(logged);
	return TextDatumGetCString(DirectFunctionCall1(row_to_json,
												   heap_copy_tuple_as_datum(heap_form_tuple(logged, values, nulls),
																			logged)));
}

/* The log table the trigger resolved is gone, or its name leads elsewhere. */
pg_noreturn static void
log_table_gone(const trigger_config *config, const char *table)
{
	ereport(ERROR,
			(errcode(ERRCODE_UNDEFINED_TABLE),
			 errmsg("the override log table %s of table %s was dropped, renamed or replaced",
					config->log_name, table),
			 errhint("Create the trigger again with log= naming the log table.")));
}

/* Whether a trigger fires in this session (ENABLE/DISABLE, session_replication_role). */
static bool
trigger_fires(const Trigger *trigger)
{
	if (trigger->tgenabled == TRIGGER_DISABLED)
		return false;
	if (SessionReplicationRole == SESSION_REPLICATION_ROLE_REPLICA)
		return trigger->tgenabled == TRIGGER_FIRES_ON_REPLICA ||
			trigger->tgenabled == TRIGGER_FIRES_ALWAYS;
	return trigger->tgenabled != TRIGGER_FIRES_ON_REPLICA;
}

/*
 * Check, before every write, the log table the row is about to go into, as
 * its INSERT will lock it (RowExclusiveLock, taken only once the writer's
 * right to insert is known, and kept: no trigger or rule can be added before
 * the insert).  No code of a role with fewer rights than the writer may run
 * with the writer's rights: the log table's owner must have every right of
 * the guarded table's owner, and the table may carry no trigger but
 * okrkpi.guard_override_log() and no rule (a role granted TRIGGER could add
 * one).  The guard must be there and fire, or anybody could forge rows.
 */
static void
check_log_table(const trigger_config *config, Relation rel, const char *table)
{
	Oid			writer = rel->rd_rel->relowner;
	Oid			guard;
	Relation	log_rel;
	bool		guarded = false;

	if (config->log_plan == NULL ||
		pg_class_aclcheck(config->log_relid, writer, ACL_INSERT) != ACLCHECK_OK)
		ereport(ERROR,
				(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
				 errmsg("the owner of table %s may not insert into its override log table %s",
						table, config->log_name),
				 errdetail("Override rows are written with the rights of the guarded table's owner."),
				 errhint("GRANT INSERT on the log table to the owner of the guarded table.")));
	log_rel = try_table_open(config->log_relid, RowExclusiveLock);
	if (log_rel == NULL)
		log_table_gone(config, table);
	if (log_rel->rd_rel->relkind != RELKIND_RELATION)
		ereport(ERROR,
				(errcode(ERRCODE_WRONG_OBJECT_TYPE),
				 errmsg("the override log %s of table %s is not an ordinary table",
						config->log_name, table),
				 errdetail("Views, foreign tables and partitioned tables cannot be guarded row by row.")));
	if (!has_privs_of_role(log_rel->rd_rel->relowner, writer))
		ereport(ERROR,
				(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
				 errmsg("the owner of the override log table %s lacks the rights of the owner of table %s",
						config->log_name, table),
				 errdetail("Override rows are written with the rights of the guarded table's owner, and the log table's defaults, constraints and policies, which its owner controls, run with them."),
				 errhint("Make the guarded table's owner, or a role it is a member of, the owner of the log table.")));
	guard = LookupFuncName(list_make2(makeString("okrkpi"), makeString("guard_override_log")),
						   0, NULL, false);
	if (log_rel->rd_rules != NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_OBJECT_DEFINITION),
				 errmsg("the override log table %s of table %s has rules",
						config->log_name, table),
				 errdetail("A rule could divert or add rows while okrkpi writes with the rights of the guarded table's owner."),
				 errhint("Drop the rules of the log table.")));
	for (int i = 0; log_rel->trigdesc != NULL && i < log_rel->trigdesc->numtriggers; i++)
	{
		const Trigger *trigger = &log_rel->trigdesc->triggers[i];

		if (trigger->tgfoid != guard)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_OBJECT_DEFINITION),
					 errmsg("the override log table %s of table %s has the trigger \"%s\"",
							config->log_name, table, trigger->tgname),
					 errdetail("A log table's triggers would run with the rights of the guarded table's owner, who writes the rows; only okrkpi.guard_override_log() may be on it."),
					 errhint("Drop the trigger, or log to another table.")));
		if (TRIGGER_FOR_BEFORE(trigger->tgtype) && TRIGGER_FOR_ROW(trigger->tgtype) &&
			TRIGGER_FOR_INSERT(trigger->tgtype) && trigger_fires(trigger))
			guarded = true;
	}
	if (!guarded)
		ereport(ERROR,
				(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				 errmsg("the override log table %s of table %s is not guarded",
						config->log_name, table),
				 errdetail("Without an enabled BEFORE INSERT row trigger calling okrkpi.guard_override_log(), anybody allowed to insert could forge log rows."),
				 errhint("CREATE TRIGGER guard BEFORE INSERT OR UPDATE OR DELETE ON the log table FOR EACH ROW EXECUTE FUNCTION okrkpi.guard_override_log();")));
	table_close(log_rel, NoLock);
}

void
okr_log_override(const trigger_config *config, Relation rel, const char *rule,
				 const char *operation, HeapTuple old_tuple, HeapTuple new_tuple)
{
	char	   *reason = override_reason();
	char	   *table = quote_qualified_identifier(get_namespace_name(RelationGetNamespace(rel)),
												   RelationGetRelationName(rel));
	char	   *role = GetUserNameFromId(GetUserId(), false);
	char	   *session_role = GetUserNameFromId(GetSessionUserId(), false);
	char	   *key_values;
	/* the row's key: of the old row, or of the new one an INSERT adds */
	char	   *key = row_key(rel, old_tuple != NULL ? old_tuple : new_tuple, &key_values);
	char	   *old_json = guarded_json(config, rel, old_tuple);
	char	   *new_json = guarded_json(config, rel, new_tuple);
	StringInfoData change;

	ereport(LOG,
			(errmsg("okrkpi: override of rule \"%s\" on table %s, row %s, by role \"%s\": %s",
					rule, table, key, role, reason),
			 errdetail("Old values: %s. New values: %s.", old_json, new_json)));
	if (!OidIsValid(config->log_relid))
		return;

	initStringInfo(&change);
	appendStringInfoString(&change, "{\"operation\": ");
	escape_json(&change, operation);
	appendStringInfoString(&change, ", \"rule\": ");
	escape_json(&change, rule);
	appendStringInfoString(&change, ", \"session_role\": ");
	escape_json(&change, session_role);
	appendStringInfo(&change, ", \"old\": %s, \"new\": %s}", old_json, new_json);

	{
		Datum		values[6];
		Oid			save_userid;
		int			save_sec_context;
		int			save_nestlevel;
		Oid			save_writing = writing_log_relid;
		int			save_rows = writing_log_rows;
		Oid			now_relid;
		char	   *log_name;
		int			rc;

		/* the name must still lead to the table the trigger resolved */
		now_relid = RangeVarGetRelid(makeRangeVarFromNameList(okr_qualified_name_list(config->log_name)),
									 NoLock, true);
		if (now_relid != config->log_relid)
			log_table_gone(config, table);
		check_log_table(config, rel, table);
		/* the insert may re-read the trigger's config (the log table's defaults) */
		log_name = pstrdup(config->log_name);
		values[0] = TimestampTzGetDatum(GetCurrentTransactionStartTimestamp());
		values[1] = CStringGetTextDatum(role);
		values[2] = CStringGetTextDatum(reason);
		values[3] = CStringGetTextDatum(table);
		values[4] = CStringGetTextDatum(key_values);
		values[5] = DirectFunctionCall1(jsonb_in, CStringGetDatum(change.data));

		/*
		 * The row is written as the guarded table's owner (who must be allowed
		 * to insert into the log table), restricted, with a safe search_path:
		 * the log table's defaults and triggers cannot be steered by the
		 * session.
		 */
		GetUserIdAndSecContext(&save_userid, &save_sec_context);
		SetUserIdAndSecContext(rel->rd_rel->relowner,
							   save_sec_context | SECURITY_LOCAL_USERID_CHANGE | SECURITY_RESTRICTED_OPERATION);
		save_nestlevel = NewGUCNestLevel();
		(void) set_config_option("search_path", "pg_catalog, pg_temp", PGC_USERSET, PGC_S_SESSION,
								 GUC_ACTION_SAVE, true, 0, false);
		writing_log_relid = config->log_relid;
		writing_log_rows = 1;
		PG_TRY();
		{
			if ((rc = SPI_connect()) != SPI_OK_CONNECT)
				elog(ERROR, "SPI_connect failed: %s", SPI_result_code_string(rc));
			rc = SPI_execute_plan(config->log_plan, values, NULL, false, 0);
			if (rc != SPI_OK_INSERT || SPI_processed != 1)
				elog(ERROR, "writing the override log failed: %s", SPI_result_code_string(rc));
			/* the guard let exactly this row in, so it did fire */
			if (writing_log_rows != 0)
				ereport(ERROR,
						(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
						 errmsg("the override log table %s of table %s is not guarded",
								log_name, table),
						 errdetail("The row was written without passing okrkpi.guard_override_log().")));
			SPI_finish();
		}
		PG_FINALLY();
		{
			writing_log_relid = save_writing;
			writing_log_rows = save_rows;
		}
		PG_END_TRY();
		AtEOXact_GUC(true, save_nestlevel);
		SetUserIdAndSecContext(save_userid, save_sec_context);
	}
}

/*
 * Check that a log= table has the columns an override row needs, from the
 * catalog caches (no lock): when a trigger is created, and before its INSERT
 * is prepared.
 */
void
okr_check_override_log_columns(Oid log_relid, const char *function)
{
	static const char *const columns[] = {"at", "by_role", "reason", "table_name", "row_key", "change"};
	char	   *table = quote_qualified_identifier(get_namespace_name(get_rel_namespace(log_relid)),
												   get_rel_name(log_relid));

	for (int i = 0; i < (int) lengthof(columns); i++)
		if (get_attnum(log_relid, columns[i]) == InvalidAttrNumber)
			ereport(ERROR,
					(errcode(ERRCODE_UNDEFINED_COLUMN),
					 errmsg("%s: the log table %s has no column \"%s\"", function, table, columns[i]),
					 errdetail("A log= table needs the columns at (timestamptz), by_role, reason, table_name, row_key (text) and change (jsonb)."),
					 errhint("CREATE TABLE ... (at timestamptz, by_role text, reason text, table_name text, row_key text, change jsonb)")));
}

/*
 * Prepare the INSERT into a log= table (its columns checked).  Runs as the
 * trigger is first used after a change, as the guarded table's owner.
 * Preparing locks the table: when the owner may not insert into it, there is
 * no plan (NULL) and no lock, and an override fails (42501) when it comes.
 */
SPIPlanPtr
okr_prepare_override_log(Oid log_relid, const char *function)
{
	Oid			types[] = {TIMESTAMPTZOID, TEXTOID, TEXTOID, TEXTOID, TEXTOID, JSONBOID};
	char	   *table = quote_qualified_identifier(get_namespace_name(get_rel_namespace(log_relid)),
												   get_rel_name(log_relid));
	char	   *query;
	SPIPlanPtr	plan;
	int			rc;

	okr_check_override_log_columns(log_relid, function);
	if (pg_class_aclcheck(log_relid, GetUserId(), ACL_INSERT) != ACLCHECK_OK)
		return NULL;
	query = psprintf("INSERT INTO %s (at, by_role, reason, table_name, row_key, change) "
					 "VALUES ($1, $2, $3, $4, $5, $6)", table);
	if ((rc = SPI_connect()) != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed: %s", SPI_result_code_string(rc));
	plan = SPI_prepare(query, lengthof(types), types);
	if (plan == NULL)
		elog(ERROR, "SPI_prepare failed for \"%s\": %s", query, SPI_result_code_string(SPI_result));
	if (SPI_keepplan(plan) != 0)
		elog(ERROR, "SPI_keepplan failed");
	SPI_finish();
	return plan;
}

/*
 * okrkpi.guard_override_log(): a BEFORE trigger on a log table (the embedded
 * plan's okrkpi.overrides) that lets in only the row okr_log_override is
 * inserting into that very table, so that a role granted INSERT cannot forge
 * entries, nor anyone but a superuser change or remove them.  Superusers
 * pass (pg_restore).
 */
PG_FUNCTION_INFO_V1(guard_override_log);
Datum
guard_override_log(PG_FUNCTION_ARGS)
{
	TriggerData *trigdata = (TriggerData *) fcinfo->context;
	bool		allowed;

	if (!CALLED_AS_TRIGGER(fcinfo) || !TRIGGER_FIRED_BEFORE(trigdata->tg_event))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("guard_override_log: must be fired BEFORE INSERT, UPDATE, DELETE or TRUNCATE")));
	if (RelationGetRelid(trigdata->tg_relation) == writing_log_relid)
	{
		/* while okrkpi writes its row, that row alone gets in, superuser or not */
		if (TRIGGER_FIRED_BY_INSERT(trigdata->tg_event) && TRIGGER_FIRED_FOR_ROW(trigdata->tg_event) &&
			writing_log_rows > 0)
		{
			writing_log_rows--;
			return PointerGetDatum(trigdata->tg_trigtuple);
		}
		allowed = false;
	}
	else
		allowed = superuser();
	if (!allowed)
		ereport(ERROR,
				(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
				 errmsg("table \"%s\" is written only by okrkpi's override logging",
						RelationGetRelationName(trigdata->tg_relation)),
				 errdetail("Override log rows are written by the plan-rule triggers when they allow an override, and are never changed afterwards."),
				 errhint("SET okrkpi.override_reason and make the change itself; the trigger records it.")));
	if (TRIGGER_FIRED_FOR_STATEMENT(trigdata->tg_event))
		return PointerGetDatum(NULL);
	return PointerGetDatum(TRIGGER_FIRED_BY_UPDATE(trigdata->tg_event) ?
						   trigdata->tg_newtuple : trigdata->tg_trigtuple);
}
