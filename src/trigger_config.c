/*
 * trigger_config.c: the role=column arguments of check_key_result(),
 * check_kpi() and keep_closed_cycles(), and the trigger protocol they must be
 * called under.
 *
 * The arguments are parsed and the columns resolved once per trigger and
 * cached (with the prepared counting query of the limit rule) until the
 * table's relcache entry is invalidated: ALTER TABLE, a column rename, DROP
 * TRIGGER.
 */
#include "trigger_config.h"

#include "access/genam.h"
#include "access/htup_details.h"
#include "access/stratnum.h"
#include "access/table.h"
#include "catalog/namespace.h"
#include "catalog/pg_trigger.h"
#include "catalog/pg_type.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/fmgroids.h"
#include "utils/hsearch.h"
#include "utils/inval.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/regproc.h"
#include "utils/syscache.h"
#include "utils/typcache.h"

#include "catalog.h"
#include "group_limit.h"
#include "override_log.h"
#include "retired_plans.h"

static HTAB *config_cache = NULL;

/*
 * Invalidate every cached trigger of a relation (all, for InvalidOid).  Any
 * invalidation also drops the transaction's group counts: a partition
 * attached to the counted table invalidates only the parent, which no
 * trigger config names.
 */
static void
invalidate_configs(Datum arg pg_attribute_unused(), Oid relid)
{
	HASH_SEQ_STATUS status;
	trigger_config *config;

	okr_forget_group_counts();
	if (config_cache == NULL)
		return;
	hash_seq_init(&status, config_cache);
	while ((config = hash_seq_search(&status)) != NULL)
		if (relid == InvalidOid || config->relid == relid ||
			config->limit_relid == relid || config->log_relid == relid)
			config->valid = false;
}

/* A renamed schema changes the names the cached queries were built from. */
static void
invalidate_all_configs(Datum arg pg_attribute_unused(), int cacheid pg_attribute_unused(),
					   uint32 hashvalue pg_attribute_unused())
{
	invalidate_configs((Datum) 0, InvalidOid);
}

/* The types a role=column argument may name, besides the ones it must not. */
typedef enum column_need
{
	NEED_KEY_RESULT,			/* kr= */
	NEED_KPI,					/* kpi= */
	NEED_NUMBER,				/* start= and target= */
	NEED_POINT_IN_TIME			/* since= */
} column_need;

/* Resolve one role=column argument against the table. */
static void
resolve_column(Relation rel, const char *function, const char *role, const char *name,
			   column_ref *column)
{
	TupleDesc	tupdesc = RelationGetDescr(rel);
	int			attnum = SPI_fnumber(tupdesc, name);

	if (attnum == SPI_ERROR_NOATTRIBUTE || attnum <= 0)
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_COLUMN),
				 errmsg("%s: column \"%s\" of relation \"%s\" does not exist",
						function, name, RelationGetRelationName(rel)),
				 attnum <= 0 && attnum != SPI_ERROR_NOATTRIBUTE ?
				 errdetail("\"%s\" is a system column; %s= needs a user column.", name, role) :
				 errdetail("Argument \"%s=%s\" names no column of the table.", role, name),
				 errhint("Recreate the trigger with the column's current name.")));
	/* a BEFORE trigger sees NULL (INSERT) or the old value (UPDATE) in it */
	if (TupleDescAttr(tupdesc, attnum - 1)->attgenerated != '\0')
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_COLUMN_REFERENCE),
				 errmsg("%s: column \"%s\" is a generated column", function, name),
				 errdetail("A BEFORE trigger sees a generated column before it is computed (on INSERT it reads NULL), so argument \"%s=%s\" would judge the wrong value.",
						   role, name),
				 errhint("Name an ordinary column.")));
	column->attnum = (AttrNumber) attnum;
	column->type = getBaseType(TupleDescAttr(tupdesc, attnum - 1)->atttypid);
	strlcpy(column->name, name, NAMEDATALEN);
}

static void
require_type(const char *function, const char *role, const column_ref *column,
			 bool ok, column_need need)
{
	const char *type = format_type_be(column->type);

	if (ok)
		return;
	ereport(ERROR,
			(errcode(ERRCODE_DATATYPE_MISMATCH),
			 need == NEED_NUMBER ?
			 errmsg("%s: column \"%s\" is of type %s, but %s= needs a numeric type (smallint, integer, bigint, real, double precision or numeric)",
					function, column->name, type, role) :
			 need == NEED_POINT_IN_TIME ?
			 errmsg("%s: column \"%s\" is of type %s, but %s= needs date or timestamp with time zone",
					function, column->name, type, role) :
			 errmsg("%s: column \"%s\" is of type %s, but %s= needs type %s",
					function, column->name, type, role,
					need == NEED_KEY_RESULT ? "okrkpi.key_result" : "okrkpi.kpi")));
}

static bool
is_numeric_type(Oid type)
{
	return type == INT2OID || type == INT4OID || type == INT8OID ||
		type == FLOAT4OID || type == FLOAT8OID || type == NUMERICOID;
}

pg_noreturn static void
unknown_role(const char *function, const char *role, trigger_kind kind)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("%s: unknown argument role \"%s\"", function, role),
			 kind == KIND_KEY_RESULT ?
			 errdetail("check_key_result takes kr=, start=, target=, objective=, max=, kpi= and log=.") :
			 kind == KIND_KPI ?
			 errdetail("check_kpi takes kpi=, plan=, max=, since=, retired=, frozen= and log=.") :
			 errdetail("keep_closed_cycles takes logged= and log=.")));
}

static void
role_given_twice(const char *function, const char *role)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("%s: argument %s= is given twice", function, role)));
}

/* Parse "max=N". */
static int
parse_max(const char *function, const char *value)
{
	char	   *end;
	long		max;

	errno = 0;
	max = strtol(value, &end, 10);
	if (errno != 0 || end == value || *end != '\0' || max < 1 || max > INT_MAX)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: invalid argument \"max=%s\"", function, value),
				 errdetail("max= takes a whole number of at least 1.")));
	return (int) max;
}

static bool trigger_covers(const Trigger *trigger, AttrNumber attnum);

/*
 * Refuse a trigger that does not fire on INSERT and on UPDATE of the column
 * a role names (39P01).
 */
static void
require_insert_and_update(const char *function, const Trigger *trigger, const char *role,
						  const column_ref *column, trigger_kind kind)
{
	if (TRIGGER_FOR_INSERT(trigger->tgtype) && TRIGGER_FOR_UPDATE(trigger->tgtype) &&
		(trigger->tgnattr == 0 || trigger_covers(trigger, column->attnum)))
		return;
	ereport(ERROR,
			(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
			 errmsg("%s: %s= needs the trigger to fire on INSERT and on UPDATE of column \"%s\"",
					function, role, column->name),
			 kind == KIND_KPI ?
			 errhint("CREATE TRIGGER ... BEFORE INSERT OR UPDATE OR DELETE ON ... FOR EACH ROW ...") :
			 errhint("CREATE TRIGGER ... BEFORE INSERT OR UPDATE ON ... FOR EACH ROW ...")));
}

/*
 * Whether a type is, or holds, a composite type: itself or its base type
 * (a domain's), its element type (an array's), its subtype (a range's) or its
 * range (a multirange's).  Looking up the equality of such a type opens the
 * composite's relation (typcache.c reads its columns), which takes a lock.
 */
static bool
type_holds_composite(Oid type)
{
	Oid			base = getBaseType(type);
	Oid			element = get_element_type(base);

	check_stack_depth();
	if (OidIsValid(element))
		return type_holds_composite(element);
	switch (get_typtype(base))
	{
		case TYPTYPE_COMPOSITE:
			return true;
		case TYPTYPE_RANGE:
			return type_holds_composite(get_range_subtype(base));
		case TYPTYPE_MULTIRANGE:
			return type_holds_composite(get_multirange_range(base));
		default:
			return false;
	}
}

/*
 * Whether the column's type has an equality operator.  When the trigger is
 * created, a type that is or holds a composite is taken on trust: looking it
 * up would lock the composite's relation, which the CREATE TRIGGER did not
 * lock (nor check the role's rights on); its first firing looks it up.
 */
static bool
has_equality(const column_ref *column, bool creating)
{
	if (creating && type_holds_composite(column->type))
		return true;
	return OidIsValid(lookup_type_cache(column->type, TYPECACHE_EQ_OPR)->eq_opr);
}

/* Whether an UPDATE OF column list includes attnum. */
static bool
trigger_covers(const Trigger *trigger, AttrNumber attnum)
{
	for (int i = 0; i < trigger->tgnattr; i++)
		if (trigger->tgattr[i] == attnum)
			return true;
	return false;
}

Oid
okr_trigger_relation(Oid trigger, Oid *parent)
{
	Relation	pg_trigger = table_open(TriggerRelationId, AccessShareLock);
	ScanKeyData key;
	SysScanDesc scan;
	HeapTuple	tuple;
	Oid			relid = InvalidOid;

	*parent = InvalidOid;
	ScanKeyInit(&key, Anum_pg_trigger_oid, BTEqualStrategyNumber, F_OIDEQ, ObjectIdGetDatum(trigger));
	scan = systable_beginscan(pg_trigger, TriggerOidIndexId, true, NULL, 1, &key);
	if (HeapTupleIsValid(tuple = systable_getnext(scan)))
	{
		relid = ((Form_pg_trigger) GETSTRUCT(tuple))->tgrelid;
		*parent = ((Form_pg_trigger) GETSTRUCT(tuple))->tgparentid;
	}
	systable_endscan(scan);
	table_close(pg_trigger, AccessShareLock);
	return relid;
}

/* Whether an argument role takes a value other than a column: max= and log=. */
static bool
role_takes_column(const char *role)
{
	return strcmp(role, "max") != 0 && strcmp(role, "log") != 0;
}

/*
 * Split "role=value" at its first '=', each side trimmed of leading and
 * trailing white space (isspace): ' start = baseline ' is start=baseline.
 * Spaces inside a column's name stay.  False when malformed: no '=', an
 * empty role or value, or a role too long to be one.
 */
static bool
split_argument(const char *arg, char role[NAMEDATALEN], char **value)
{
	const char *eq = strchr(arg, '=');
	const char *start = arg;
	const char *end;

	if (eq == NULL)
		return false;
	while (start < eq && isspace((unsigned char) *start))
		start++;
	end = eq;
	while (end > start && isspace((unsigned char) end[-1]))
		end--;
	if (end == start || end - start >= NAMEDATALEN)
		return false;
	memcpy(role, start, end - start);
	role[end - start] = '\0';

	start = eq + 1;
	while (*start != '\0' && isspace((unsigned char) *start))
		start++;
	end = start + strlen(start);
	while (end > start && isspace((unsigned char) end[-1]))
		end--;
	if (end == start)
		return false;
	*value = pnstrdup(start, end - start);
	return true;
}

char *
okr_argument_column(const char *arg)
{
	char		role[NAMEDATALEN];
	char	   *value;

	if (!split_argument(arg, role, &value) || !role_takes_column(role))
		return NULL;
	return value;
}

/*
 * Read and check the trigger's arguments against its table: the roles, the
 * columns they name (by exact name, from the relation's descriptor), their
 * types, the roles that need others, the events a role needs, and the log=
 * table's name (resolved as the table's owner, without a lock).  Used both
 * when the trigger is created (okr_validate_trigger) and when it first fires
 * (parse_config), so that both raise the same errors, with two
 * differences when creating: a type that is or holds a composite is not
 * looked up for its equality (that would lock the composite's relation:
 * has_equality), and kpi= without kr= is refused (0.2.0 created such
 * triggers, which still fire as they did).  Prepares nothing, runs no user
 * code, and when creating locks nothing.
 */
static void
read_arguments(trigger_config *config, Relation rel, const Trigger *trigger, trigger_kind kind,
			   const char *function, bool creating)
{
	bool		has_group_role = false;
	char	   *log_table = NULL;

	config->relid = RelationGetRelid(rel);
	config->kind = kind;
	for (int i = 0; i < trigger->tgnargs; i++)
	{
		const char *arg = trigger->tgargs[i];
		char		role[NAMEDATALEN];
		char	   *value;
		column_ref *column = NULL;

		if (!split_argument(arg, role, &value))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s: invalid argument \"%s\"", function, arg),
					 errdetail("Arguments are role=column pairs, such as 'start=baseline'.")));

		/* keep_closed_cycles limits nothing */
		if (kind == KIND_CLOSED_CYCLE && strcmp(role, "max") == 0)
			unknown_role(function, role, kind);
		if ((strcmp(role, "max") == 0 && config->max != 0) ||
			(strcmp(role, "log") == 0 && log_table != NULL))
			role_given_twice(function, role);
		if (!role_takes_column(role))
		{
			if (strcmp(role, "max") == 0)
				config->max = parse_max(function, value);
			else
				log_table = value;
			continue;
		}
		if (kind == KIND_KEY_RESULT)
		{
			if (strcmp(role, "kr") == 0)
				column = &config->kr;
			else if (strcmp(role, "start") == 0)
				column = &config->start;
			else if (strcmp(role, "target") == 0)
				column = &config->target;
			else if (strcmp(role, "objective") == 0)
				column = &config->group;
			else if (strcmp(role, "kpi") == 0)
				column = &config->kpi_flag;
		}
		else if (kind == KIND_CLOSED_CYCLE)
		{
			if (strcmp(role, "logged") == 0)
			{
				if (config->nlogged == OKR_MAX_LOGGED)
					ereport(ERROR,
							(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
							 errmsg("%s: more than %d logged= arguments", function, OKR_MAX_LOGGED)));
				column = &config->logged[config->nlogged++];
			}
		}
		else
		{
			if (strcmp(role, "kpi") == 0)
				column = &config->kpi;
			else if (strcmp(role, "plan") == 0)
				column = &config->group;
			else if (strcmp(role, "since") == 0)
				column = &config->since;
			else if (strcmp(role, "retired") == 0)
				column = &config->retired;
			else if (strcmp(role, "frozen") == 0)
			{
				if (config->nfrozen == OKR_MAX_FROZEN)
					ereport(ERROR,
							(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
							 errmsg("%s: more than %d frozen= arguments", function, OKR_MAX_FROZEN)));
				column = &config->frozen[config->nfrozen++];
			}
		}
		if (column == NULL)
			unknown_role(function, role, kind);
		if (column->attnum != 0)
			role_given_twice(function, role);
		if (column == &config->group)
			has_group_role = true;
		resolve_column(rel, function, role, value, column);
		config->named[config->nnamed++] = column;
	}

	if (kind == KIND_CLOSED_CYCLE)
	{
		/* every column of a closed cycle's row is history, not only some */
		if (trigger->tgnattr > 0)
			ereport(ERROR,
					(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
					 errmsg("%s: the trigger fires on UPDATE OF some columns only", function),
					 errdetail("A closed quarter's rows keep every column: an UPDATE of the other columns would pass unchecked."),
					 errhint("CREATE TRIGGER ... BEFORE INSERT OR UPDATE OR DELETE ON ... FOR EACH ROW EXECUTE FUNCTION okrkpi.%s(...)",
							 function)));
	}
	else if (kind == KIND_KEY_RESULT)
	{
		if (config->kr.attnum != 0 && (config->start.attnum != 0 || config->target.attnum != 0))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s: give either kr= or start= and target=, not both", function)));
		if (config->kr.attnum == 0 && (config->start.attnum == 0 || config->target.attnum == 0))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s: missing argument: kr= or both start= and target=", function),
					 errdetail("Name the key_result column (kr=plan) or the numeric start and target columns (start=baseline, target=goal).")));
		/*
		 * only a key_result value says whether it is a milestone, which is
		 * never a KPI.  Refused when the trigger is created; a trigger 0.2.0
		 * created that way still fires, kpi= ignored as it always was
		 * (the update from 0.2.0 warns of it).
		 */
		if (creating && config->kpi_flag.attnum != 0 && config->kr.attnum == 0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s: kpi= needs kr=", function),
					 errdetail("kpi= refuses a milestone key result marked as a KPI, and only a key_result column (kr=) tells a milestone; numeric start= and target= columns have no unit."),
					 errhint("Name the key_result column with kr=, or leave kpi= out.")));
		if (config->kr.attnum != 0)
			require_type(function, "kr", &config->kr,
						 config->kr.type == okr_type_oid("key_result"), NEED_KEY_RESULT);
		else
		{
			require_type(function, "start", &config->start, is_numeric_type(config->start.type),
						 NEED_NUMBER);
			require_type(function, "target", &config->target, is_numeric_type(config->target.type),
						 NEED_NUMBER);
		}
		if (config->max != 0 && !has_group_role)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s: max= limits key results per objective and needs objective=", function)));
	}
	else
	{
		if (config->kpi.attnum == 0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s: missing argument: kpi=", function),
					 errdetail("Name the kpi column, as in 'kpi=threshold'.")));
		require_type(function, "kpi", &config->kpi,
					 config->kpi.type == okr_type_oid("kpi"), NEED_KPI);
		if (config->since.attnum != 0)
			require_type(function, "since", &config->since,
						 config->since.type == DATEOID || config->since.type == TIMESTAMPTZOID,
						 NEED_POINT_IN_TIME);
		if (config->retired.attnum != 0)
			require_type(function, "retired", &config->retired,
						 config->retired.type == DATEOID || config->retired.type == TIMESTAMPTZOID,
						 NEED_POINT_IN_TIME);
		if (config->nfrozen > 0 && config->since.attnum == 0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s: frozen= keeps a column for the KPI's first year and needs since=", function)));
		for (int i = 0; i < config->nfrozen; i++)
			if (!has_equality(&config->frozen[i], creating))
				ereport(ERROR,
						(errcode(ERRCODE_DATATYPE_MISMATCH),
						 errmsg("%s: column \"%s\" is of type %s, which has no equality operator to tell a change by",
								function, config->frozen[i].name, format_type_be(config->frozen[i].type))));
	}

	/* the limit's counting query groups by the type's equality */
	if (has_group_role && !has_equality(&config->group, creating))
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("%s: column \"%s\" is of type %s, which has no equality operator to group by",
						function, config->group.name, format_type_be(config->group.type))));

	/*
	 * A limit per group must see every row that enters the group: inserts,
	 * and updates of the group column.  So must a row trigger with retired=:
	 * a row becomes active again (and counts toward the limit) by an UPDATE
	 * of that column, and is inserted retired or not.  (A BEFORE TRUNCATE
	 * trigger with retired= only reads it.)
	 */
	if (has_group_role)
		require_insert_and_update(function, trigger, kind == KIND_KEY_RESULT ? "objective" : "plan",
								  &config->group, kind);
	if (config->retired.attnum != 0 && TRIGGER_FOR_ROW(trigger->tgtype))
		require_insert_and_update(function, trigger, "retired", &config->retired, kind);

	/*
	 * A trigger BEFORE UPDATE OF some columns must cover every column it
	 * judges, or an UPDATE of the others would pass unchecked.
	 */
	if (trigger->tgnattr > 0)
		for (int i = 0; i < config->nnamed; i++)
			if (!trigger_covers(trigger, config->named[i]->attnum))
				ereport(ERROR,
						(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
						 errmsg("%s: the trigger fires on UPDATE OF other columns than \"%s\", which it checks",
								function, config->named[i]->name),
						 errdetail("An UPDATE of column \"%s\" would not fire the trigger, and its rules would not be checked.",
								   config->named[i]->name),
						 errhint("Add \"%s\" to the UPDATE OF list, or fire on every UPDATE.", config->named[i]->name)));

	if (log_table != NULL)
	{
		List	   *names = okr_qualified_name_list(log_table);
		Oid			save_userid;
		int			save_sec_context;

		/* a name the session's search_path could redirect is no name */
		if (list_length(names) < 2 || strlen(log_table) >= sizeof(config->log_name))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s: invalid argument \"log=%s\"", function, log_table),
					 errdetail("log= takes a schema-qualified table name, such as 'log=audit.plan_overrides'.")));
		/*
		 * resolved as the table's owner, who writes the rows, and not locked:
		 * its columns are read from the catalog caches
		 */
		GetUserIdAndSecContext(&save_userid, &save_sec_context);
		SetUserIdAndSecContext(rel->rd_rel->relowner, save_sec_context | SECURITY_LOCAL_USERID_CHANGE);
		config->log_relid = RangeVarGetRelid(makeRangeVarFromNameList(names), NoLock, false);
		okr_check_override_log_columns(config->log_relid, function);
		SetUserIdAndSecContext(save_userid, save_sec_context);
		strlcpy(config->log_name, log_table, sizeof(config->log_name));
	}
}

/* Parse the trigger's arguments into a fresh config, and prepare its queries. */
static void
parse_config(trigger_config *config, TriggerData *trigdata, trigger_kind kind, const char *function)
{
	Trigger    *trigger = trigdata->tg_trigger;
	Relation	rel = trigdata->tg_relation;
	SPIPlanPtr	old_plan = config->count_plan;
	SPIPlanPtr	old_log_plan = config->log_plan;

	memset(((char *) config) + offsetof(trigger_config, relid), 0,
		   sizeof(trigger_config) - offsetof(trigger_config, relid));
	/* a statement further up this backend's stack may be running them */
	okr_retire_plan(old_plan);
	okr_retire_plan(old_log_plan);

	read_arguments(config, rel, trigger, kind, function, false);

	if (OidIsValid(config->log_relid))
	{
		Oid			save_userid;
		int			save_sec_context;

		/*
		 * prepared as the table's owner; not locked, nor prepared (which
		 * locks), when the owner may not insert
		 */
		GetUserIdAndSecContext(&save_userid, &save_sec_context);
		SetUserIdAndSecContext(rel->rd_rel->relowner, save_sec_context | SECURITY_LOCAL_USERID_CHANGE);
		config->log_plan = okr_prepare_override_log(config->log_relid, function);
		SetUserIdAndSecContext(save_userid, save_sec_context);
	}
	config->limit_relid = okr_limit_relid(rel, trigger);

	/* key results are limited per objective only; KPIs per plan or per table */
	if (config->group.attnum != 0 || kind == KIND_KPI)
		config->count_plan = okr_prepare_group_count(rel, config->limit_relid, &config->group,
													 &config->retired, function);
	config->valid = true;
}

trigger_config *
okr_trigger_config(TriggerData *trigdata, trigger_kind kind, const char *function)
{
	Oid			trigger_oid = trigdata->tg_trigger->tgoid;
	trigger_config *config;
	bool		found;

	if (config_cache == NULL)
	{
		HASHCTL		ctl;

		ctl.keysize = sizeof(Oid);
		ctl.entrysize = sizeof(trigger_config);
		config_cache = hash_create("okrkpi trigger configs", 16, &ctl, HASH_ELEM | HASH_BLOBS);
		CacheRegisterRelcacheCallback(invalidate_configs, (Datum) 0);
		CacheRegisterSyscacheCallback(NAMESPACEOID, invalidate_all_configs, (Datum) 0);
	}
	config = hash_search(config_cache, &trigger_oid, HASH_ENTER, &found);
	if (!found)
	{
		config->valid = false;
		config->count_plan = NULL;
		config->log_plan = NULL;
	}
	if (!config->valid)
	{
		/* a failed parse leaves the entry invalid, to be parsed again */
		config->valid = false;
		parse_config(config, trigdata, kind, function);
	}
	return config;
}

/*
 * When each plan-rule function may fire: BEFORE ... FOR EACH ROW on some of
 * INSERT, UPDATE and DELETE, and for some BEFORE TRUNCATE ... FOR EACH
 * STATEMENT.
 */
typedef struct firing_rule
{
	const char *function;
	trigger_kind kind;
	int16		row_events;		/* TRIGGER_TYPE_INSERT, _UPDATE, _DELETE */
	bool		truncate;
} firing_rule;

static const firing_rule firing_rules[] = {
	{"check_key_result", KIND_KEY_RESULT, TRIGGER_TYPE_INSERT | TRIGGER_TYPE_UPDATE, false},
	{"check_kpi", KIND_KPI, TRIGGER_TYPE_INSERT | TRIGGER_TYPE_UPDATE | TRIGGER_TYPE_DELETE, true},
	{"keep_closed_cycles", KIND_CLOSED_CYCLE, TRIGGER_TYPE_INSERT | TRIGGER_TYPE_UPDATE | TRIGGER_TYPE_DELETE, true},
	{"keep_key_result_history", KIND_KEY_RESULT, TRIGGER_TYPE_DELETE, true},
};

static const firing_rule *
find_firing_rule(const char *function)
{
	for (int i = 0; i < (int) lengthof(firing_rules); i++)
		if (strcmp(firing_rules[i].function, function) == 0)
			return &firing_rules[i];
	elog(ERROR, "%s is not a plan-rule trigger function", function);
	pg_unreachable();
}

bool
okr_plan_rule_function(const char *name)
{
	for (int i = 0; i < (int) lengthof(firing_rules); i++)
		if (strcmp(firing_rules[i].function, name) == 0)
			return true;
	return false;
}

/*
 * Refuse what the function cannot be fired as (39P01).  tgtype is a trigger's
 * pg_trigger.tgtype when it is created, or the firing at hand (one event)
 * when it fires: the same rule, checked at both moments.
 */
static void
check_firing(const char *function, int16 tgtype)
{
	const firing_rule *rule = find_firing_rule(function);
	int16		row_events = tgtype & (TRIGGER_TYPE_INSERT | TRIGGER_TYPE_UPDATE | TRIGGER_TYPE_DELETE);
	bool		truncate = (tgtype & TRIGGER_TYPE_TRUNCATE) != 0;
	const char *events = rule->row_events == TRIGGER_TYPE_DELETE ? "DELETE" :
		(rule->row_events & TRIGGER_TYPE_DELETE) ? "INSERT OR UPDATE OR DELETE" : "INSERT OR UPDATE";

	/* TRUNCATE: a statement trigger of its own, BEFORE, for the functions that take it */
	if (truncate && rule->truncate && row_events == 0)
	{
		if (!TRIGGER_FOR_BEFORE(tgtype))
			ereport(ERROR,
					(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
					 errmsg("%s: must be fired BEFORE TRUNCATE ... FOR EACH STATEMENT on TRUNCATE", function),
					 errhint("CREATE TRIGGER ... BEFORE TRUNCATE ON ... FOR EACH STATEMENT EXECUTE FUNCTION okrkpi.%s(...)",
							 function)));
		return;
	}
	if (!TRIGGER_FOR_BEFORE(tgtype) || !TRIGGER_FOR_ROW(tgtype))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("%s: must be fired BEFORE ... FOR EACH ROW", function),
				 rule->truncate ?
				 errhint("CREATE TRIGGER ... BEFORE %s ON ... FOR EACH ROW EXECUTE FUNCTION okrkpi.%s(...), or BEFORE TRUNCATE ON ... FOR EACH STATEMENT",
						 events, function) :
				 errhint("CREATE TRIGGER ... BEFORE %s ON ... FOR EACH ROW EXECUTE FUNCTION okrkpi.%s(...)",
						 events, function)));
	if ((row_events & ~rule->row_events) != 0)
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 rule->row_events == TRIGGER_TYPE_DELETE ?
				 errmsg("%s: must be fired on DELETE", function) :
				 (rule->row_events & TRIGGER_TYPE_DELETE) ?
				 errmsg("%s: must be fired on INSERT, UPDATE or DELETE", function) :
				 errmsg("%s: must be fired on INSERT or UPDATE", function)));
}

/* The firing at hand as a tgtype: its timing, level and one event. */
static int16
firing_tgtype(TriggerEvent event)
{
	int16		tgtype = 0;

	if (TRIGGER_FIRED_FOR_ROW(event))
		tgtype |= TRIGGER_TYPE_ROW;
	if (TRIGGER_FIRED_BEFORE(event))
		tgtype |= TRIGGER_TYPE_BEFORE;
	else if (TRIGGER_FIRED_INSTEAD(event))
		tgtype |= TRIGGER_TYPE_INSTEAD;
	if (TRIGGER_FIRED_BY_INSERT(event))
		tgtype |= TRIGGER_TYPE_INSERT;
	else if (TRIGGER_FIRED_BY_UPDATE(event))
		tgtype |= TRIGGER_TYPE_UPDATE;
	else if (TRIGGER_FIRED_BY_DELETE(event))
		tgtype |= TRIGGER_TYPE_DELETE;
	else if (TRIGGER_FIRED_BY_TRUNCATE(event))
		tgtype |= TRIGGER_TYPE_TRUNCATE;
	return tgtype;
}

/* The trigger protocol: a trigger call, BEFORE, at the level and on an event the function handles. */
TriggerData *
okr_trigger_protocol(FunctionCallInfo fcinfo, const char *function)
{
	TriggerData *trigdata = (TriggerData *) fcinfo->context;

	if (!CALLED_AS_TRIGGER(fcinfo))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("function \"%s\" was not called by trigger manager", function)));
	check_firing(function, firing_tgtype(trigdata->tg_event));
	return trigdata;
}

/*
 * Check a plan-rule trigger as it is created (the event trigger of
 * column_guard.c): what it fires on, then its arguments, with the checks and
 * errors of its first firing.  The table is the one CREATE TRIGGER has
 * locked; nothing else is locked, prepared or run.
 */
void
okr_validate_trigger(Relation rel, const Trigger *trigger, const char *function)
{
	trigger_config *config = palloc0(sizeof(trigger_config));

	check_firing(function, trigger->tgtype);
	read_arguments(config, rel, trigger, find_firing_rule(function)->kind, function, true);
	pfree(config);
}
