/*
 * override_log.c: okrkpi.override_reason, the one way past a frozen value.
 *
 * An override is honoured only for roles that could disable the trigger
 * anyway: the table's owner, members of the owning role, superusers.  A
 * reason must say something (whitespace is no reason).  Every override is
 * recorded by the trigger that allows it, in the same statement: a LOG line
 * always, and a row in the table the trigger's log= argument names (the
 * embedded plan logs to okrkpi.overrides).  The row is written with the
 * rights of the guarded table's owner, restricted, and the log table's guard
 * trigger refuses every other writer.
 */
#include "override_log.h"

#include <ctype.h>

#include "access/htup_details.h"
#include "catalog/namespace.h"
#include "catalog/pg_class.h"
#include "catalog/pg_index.h"
#include "catalog/pg_type.h"
#include "miscadmin.h"
#include "utils/acl.h"
#include "utils/builtins.h"
#include "utils/guc.h"
#include "utils/json.h"
#include "utils/lsyscache.h"
#include "utils/regproc.h"
#include "utils/relcache.h"
#include "utils/syscache.h"
#include "utils/timestamp.h"

#include "settings.h"
#include "trigger_rows.h"

/*
 * The log table this module is writing a row into, while it does: the guard
 * lets exactly that INSERT through, and nothing else that runs meanwhile (the
 * log table's own triggers, say) on any other guarded table.
 */
static Oid	writing_log_relid = InvalidOid;

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
okr_override_allowed(Relation rel, const char *rule)
{
	char	   *reason = override_reason();

	if (reason == NULL)
		return false;
	/*
	 * Both the current role and the role the session acts as must qualify: a
	 * SECURITY DEFINER function of the owner does not lend its rights to a
	 * caller who set the reason.  Code that PostgreSQL runs restricted (index
	 * expressions, maintenance) never overrides.
	 */
	if (InSecurityRestrictedOperation() ||
		!has_privs_of_role(GetUserId(), rel->rd_rel->relowner) ||
		!has_privs_of_role(GetOuterUserId(), rel->rd_rel->relowner))
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

/* A row as JSON text (row_to_json), or "null". */
static char *
row_json(Relation rel, HeapTuple tuple)
{
	if (tuple == NULL)
		return "null";
	return TextDatumGetCString(DirectFunctionCall1(row_to_json,
												   heap_copy_tuple_as_datum(tuple, RelationGetDescr(rel))));
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
	char	   *key = row_key(rel, old_tuple, &key_values);
	char	   *old_json = row_json(rel, old_tuple);
	char	   *new_json = row_json(rel, new_tuple);
	StringInfoData change;

	ereport(LOG,
			(errmsg("okrkpi: override of rule \"%s\" on table %s, row %s, by role \"%s\": %s",
					rule, table, key, role, reason),
			 errdetail("Old row: %s. New row: %s.", old_json, new_json)));
	if (config->log_plan == NULL)
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
		Oid			now_relid;
		int			rc;

		/* the name must still lead to the table the trigger resolved */
		now_relid = RangeVarGetRelid(makeRangeVarFromNameList(okr_qualified_name_list(config->log_name)),
									 NoLock, true);
		if (now_relid != config->log_relid)
			ereport(ERROR,
					(errcode(ERRCODE_UNDEFINED_TABLE),
					 errmsg("the override log table %s of table %s was dropped, renamed or replaced",
							config->log_name, table),
					 errhint("Create the trigger again with log= naming the log table.")));

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
		PG_TRY();
		{
			if ((rc = SPI_connect()) != SPI_OK_CONNECT)
				elog(ERROR, "SPI_connect failed: %s", SPI_result_code_string(rc));
			rc = SPI_execute_plan(config->log_plan, values, NULL, false, 0);
			if (rc != SPI_OK_INSERT)
				elog(ERROR, "writing the override log failed: %s", SPI_result_code_string(rc));
			SPI_finish();
		}
		PG_FINALLY();
		{
			writing_log_relid = save_writing;
		}
		PG_END_TRY();
		AtEOXact_GUC(true, save_nestlevel);
		SetUserIdAndSecContext(save_userid, save_sec_context);
	}
}

/*
 * Prepare the INSERT into a log= table, checking that it has the columns an
 * override row needs.  Runs as the trigger is first used after a change.
 */
SPIPlanPtr
okr_prepare_override_log(Oid log_relid, const char *function)
{
	static const char *const columns[] = {"at", "by_role", "reason", "table_name", "row_key", "change"};
	Oid			types[] = {TIMESTAMPTZOID, TEXTOID, TEXTOID, TEXTOID, TEXTOID, JSONBOID};
	char	   *table = quote_qualified_identifier(get_namespace_name(get_rel_namespace(log_relid)),
												   get_rel_name(log_relid));
	char	   *query;
	SPIPlanPtr	plan;
	int			rc;

	for (int i = 0; i < (int) lengthof(columns); i++)
		if (get_attnum(log_relid, columns[i]) == InvalidAttrNumber)
			ereport(ERROR,
					(errcode(ERRCODE_UNDEFINED_COLUMN),
					 errmsg("%s: the log table %s has no column \"%s\"", function, table, columns[i]),
					 errdetail("A log= table needs the columns at (timestamptz), by_role, reason, table_name, row_key (text) and change (jsonb)."),
					 errhint("CREATE TABLE ... (at timestamptz, by_role text, reason text, table_name text, row_key text, change jsonb)")));
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

	if (!CALLED_AS_TRIGGER(fcinfo) || !TRIGGER_FIRED_BEFORE(trigdata->tg_event))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("guard_override_log: must be fired BEFORE INSERT, UPDATE, DELETE or TRUNCATE")));
	if (!superuser() &&
		!(TRIGGER_FIRED_BY_INSERT(trigdata->tg_event) && TRIGGER_FIRED_FOR_ROW(trigdata->tg_event) &&
		  RelationGetRelid(trigdata->tg_relation) == writing_log_relid))
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
