/*
 * triggers.c: the plan-rule triggers of SPEC section 4, check_key_result()
 * and check_kpi(), attached to the user's own tables with role=column
 * arguments.
 *
 * The arguments are parsed and the columns resolved once per trigger and
 * cached (with the prepared counting query of the limit rule) until the
 * table's relcache entry is invalidated: ALTER TABLE, a column rename, DROP
 * TRIGGER.  Limits hold under concurrent inserts in READ COMMITTED: the
 * trigger takes a transaction-long advisory lock on (table, group value)
 * before counting, so two inserts into one objective queue up while inserts
 * into other objectives do not.
 */
#include "okrkpi.h"

#include <math.h>

#include "access/htup_details.h"
#include "access/xact.h"
#include "catalog/partition.h"
#include "catalog/pg_operator.h"
#include "catalog/pg_trigger.h"
#include "utils/syscache.h"
#include "utils/snapmgr.h"
#include "catalog/namespace.h"
#include "catalog/pg_type.h"
#include "commands/trigger.h"
#include "common/hashfn.h"
#include "executor/spi.h"
#include "miscadmin.h"
#include "storage/lmgr.h"
#include "storage/lock.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/datum.h"
#include "utils/datetime.h"
#include "utils/guc.h"
#include "utils/hsearch.h"
#include "utils/inval.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/rel.h"
#include "utils/timestamp.h"
#include "utils/typcache.h"

#include "triggers.h"

/* The settings, registered in _PG_init (okrkpi.c). */
char	   *okr_override_reason = NULL;
int			okr_max_key_results = 5;
int			okr_max_kpis = 7;

/* field4 of our advisory lock tags: apart from pg_advisory_lock's 1 and 2 */
#define OKR_LOCK_CLASS 0x6F6B

/*
 * Group values are locked in 1024 stripes per table: a bulk load touching
 * any number of objectives holds at most 1024 locks (one per objective would
 * exhaust the lock table), and two unrelated objectives wait for each other
 * only when they share a stripe (1 in 1024).
 */
#define OKR_LOCK_STRIPES 1024

typedef enum trigger_kind
{
	KIND_KEY_RESULT,
	KIND_KPI
} trigger_kind;

/* A user column named by a role=column argument; attnum 0 when not given. */
typedef struct column_ref
{
	AttrNumber	attnum;
	Oid			type;			/* base type */
	char		name[NAMEDATALEN];
} column_ref;

/* One trigger's parsed arguments: the cache entry, keyed by trigger OID. */
typedef struct trigger_config
{
	Oid			trigger_oid;
	Oid			relid;
	bool		valid;
	trigger_kind kind;
	column_ref	kr;				/* check_key_result: key_result column */
	column_ref	start;			/* or numeric start and target columns */
	column_ref	target;
	column_ref	kpi_flag;		/* check_key_result: "is a KPI" column */
	column_ref	kpi;			/* check_kpi: kpi column */
	column_ref	since;			/* check_kpi: date or timestamptz */
	column_ref	group;			/* objective (key results) or plan (KPIs) */
	int			max;			/* limit from max=N; 0 means the setting */
	SPIPlanPtr	count_plan;		/* SELECT count(*) ... [WHERE group = $1] */
} trigger_config;

static HTAB *config_cache = NULL;

/* Per-transaction group counts: see find_group_count(). */
static HTAB *group_counts;

/* Invalidate every cached trigger of a relation (all, for InvalidOid). */
static void
invalidate_configs(Datum arg pg_attribute_unused(), Oid relid)
{
	HASH_SEQ_STATUS status;
	trigger_config *config;

	if (config_cache == NULL)
		return;
	hash_seq_init(&status, config_cache);
	while ((config = hash_seq_search(&status)) != NULL)
		if (relid == InvalidOid || config->relid == relid)
		{
			config->valid = false;
			group_counts = NULL;	/* its memory goes with TopTransactionContext */
		}
}

static void
trigger_misuse(int code, const char *function, const char *message, const char *detail)
{
	ereport(ERROR,
			(errcode(code),
			 errmsg("%s: %s", function, message),
			 detail ? errdetail("%s", detail) : 0));
}

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
	column->attnum = (AttrNumber) attnum;
	column->type = getBaseType(TupleDescAttr(tupdesc, attnum - 1)->atttypid);
	strlcpy(column->name, name, NAMEDATALEN);
}

static void
require_type(const char *function, const char *role, const column_ref *column,
			 bool ok, const char *expected)
{
	if (!ok)
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("%s: column \"%s\" is of type %s, but %s= needs %s",
						function, column->name, format_type_be(column->type), role, expected)));
}

static bool
is_numeric_type(Oid type)
{
	return type == INT2OID || type == INT4OID || type == INT8OID ||
		type == FLOAT4OID || type == FLOAT8OID || type == NUMERICOID;
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
		trigger_misuse(ERRCODE_INVALID_PARAMETER_VALUE, function,
					   psprintf("invalid argument \"max=%s\"", value),
					   "max= takes a whole number of at least 1.");
	return (int) max;
}

/*
 * The table whose rows a limit counts: the partitioned root when the trigger
 * fires on a partition, so that every partition shares one count and lock.
 */
static Oid
limit_relid(Relation rel)
{
	if (rel->rd_rel->relispartition)
		return llast_oid(get_partition_ancestors(RelationGetRelid(rel)));
	return RelationGetRelid(rel);
}

/* "OPERATOR(schema.name)" for an operator, for query text. */
static char *
qualified_operator(Oid oper)
{
	HeapTuple	tuple = SearchSysCache1(OPEROID, ObjectIdGetDatum(oper));
	Form_pg_operator form;
	char	   *text;

	if (!HeapTupleIsValid(tuple))
		elog(ERROR, "cache lookup failed for operator %u", oper);
	form = (Form_pg_operator) GETSTRUCT(tuple);
	text = psprintf("OPERATOR(%s.%s)", quote_identifier(get_namespace_name(form->oprnamespace)),
					NameStr(form->oprname));
	ReleaseSysCache(tuple);
	return text;
}

/*
 * Prepare and keep the counting query of the limit rule.  Groups compare
 * with the type's default equality (citext is case-insensitive, quarter has
 * its own operator), the one the per-transaction count cache uses too.
 */
static SPIPlanPtr
prepare_count(Relation rel, const column_ref *group, const char *function)
{
	char	   *query;
	SPIPlanPtr	plan;
	int			rc;
	Oid			relid = limit_relid(rel);
	bool		partitioned = relid != RelationGetRelid(rel);
	char	   *relname = quote_qualified_identifier(get_namespace_name(get_rel_namespace(relid)),
													 get_rel_name(relid));

	if (group->attnum != 0)
	{
		TypeCacheEntry *typcache = lookup_type_cache(group->type, TYPECACHE_EQ_OPR);

		if (!OidIsValid(typcache->eq_opr))
			ereport(ERROR,
					(errcode(ERRCODE_DATATYPE_MISMATCH),
					 errmsg("%s: column \"%s\" is of type %s, which has no equality operator to group by",
							function, group->name, format_type_be(group->type))));
		query = psprintf("SELECT pg_catalog.count(*) FROM %s%s WHERE %s %s $1",
						 partitioned ? "" : "ONLY ", relname, quote_identifier(group->name),
						 qualified_operator(typcache->eq_opr));
	}
	else
		query = psprintf("SELECT pg_catalog.count(*) FROM %s%s", partitioned ? "" : "ONLY ", relname);
	if ((rc = SPI_connect()) != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed: %s", SPI_result_code_string(rc));
	plan = SPI_prepare(query, group->attnum != 0 ? 1 : 0, (Oid *) &group->type);
	if (plan == NULL)
		elog(ERROR, "SPI_prepare failed for \"%s\": %s", query, SPI_result_code_string(SPI_result));
	if (SPI_keepplan(plan) != 0)
		elog(ERROR, "SPI_keepplan failed");
	SPI_finish();
	return plan;
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

/* Parse the trigger's arguments into a fresh config. */
static void
parse_config(trigger_config *config, TriggerData *trigdata, trigger_kind kind, const char *function)
{
	Trigger    *trigger = trigdata->tg_trigger;
	Relation	rel = trigdata->tg_relation;
	SPIPlanPtr	old_plan = config->count_plan;
	bool		has_group_role = false;

	memset(((char *) config) + offsetof(trigger_config, relid), 0,
		   sizeof(trigger_config) - offsetof(trigger_config, relid));
	config->relid = RelationGetRelid(rel);
	config->kind = kind;
	if (old_plan)
		SPI_freeplan(old_plan);

	for (int i = 0; i < trigger->tgnargs; i++)
	{
		const char *arg = trigger->tgargs[i];
		const char *eq = strchr(arg, '=');
		char		role[NAMEDATALEN];
		const char *value;
		column_ref *column = NULL;

		if (eq == NULL || eq == arg || eq[1] == '\0' || eq - arg >= NAMEDATALEN)
			trigger_misuse(ERRCODE_INVALID_PARAMETER_VALUE, function,
						   psprintf("invalid argument \"%s\"", arg),
						   "Arguments are role=column pairs, such as 'start=baseline'.");
		strlcpy(role, arg, eq - arg + 1);
		value = eq + 1;

		if (strcmp(role, "max") == 0)
		{
			if (config->max != 0)
				trigger_misuse(ERRCODE_INVALID_PARAMETER_VALUE, function, "argument max= is given twice", NULL);
			config->max = parse_max(function, value);
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
		else
		{
			if (strcmp(role, "kpi") == 0)
				column = &config->kpi;
			else if (strcmp(role, "plan") == 0)
				column = &config->group;
			else if (strcmp(role, "since") == 0)
				column = &config->since;
		}
		if (column == NULL)
			trigger_misuse(ERRCODE_INVALID_PARAMETER_VALUE, function,
						   psprintf("unknown argument role \"%s\"", role),
						   kind == KIND_KEY_RESULT ?
						   "check_key_result takes kr=, start=, target=, objective=, max= and kpi=." :
						   "check_kpi takes kpi=, plan=, max= and since=.");
		if (column->attnum != 0)
			trigger_misuse(ERRCODE_INVALID_PARAMETER_VALUE, function,
						   psprintf("argument %s= is given twice", role), NULL);
		if (column == &config->group)
			has_group_role = true;
		resolve_column(rel, function, role, value, column);
	}

	if (kind == KIND_KEY_RESULT)
	{
		if (config->kr.attnum != 0 && (config->start.attnum != 0 || config->target.attnum != 0))
			trigger_misuse(ERRCODE_INVALID_PARAMETER_VALUE, function,
						   "give either kr= or start= and target=, not both", NULL);
		if (config->kr.attnum == 0 && (config->start.attnum == 0 || config->target.attnum == 0))
			trigger_misuse(ERRCODE_INVALID_PARAMETER_VALUE, function,
						   "missing argument: kr= or both start= and target=",
						   "Name the key_result column (kr=plan) or the numeric start and target columns (start=baseline, target=goal).");
		if (config->kr.attnum != 0)
			require_type(function, "kr", &config->kr,
						 config->kr.type == okr_type_oid("key_result"), "okrkpi.key_result");
		else
		{
			require_type(function, "start", &config->start, is_numeric_type(config->start.type),
						 "a numeric type (smallint, integer, bigint, real, double precision or numeric)");
			require_type(function, "target", &config->target, is_numeric_type(config->target.type),
						 "a numeric type (smallint, integer, bigint, real, double precision or numeric)");
		}
		if (config->max != 0 && !has_group_role)
			trigger_misuse(ERRCODE_INVALID_PARAMETER_VALUE, function,
						   "max= limits key results per objective and needs objective=", NULL);
	}
	else
	{
		if (config->kpi.attnum == 0)
			trigger_misuse(ERRCODE_INVALID_PARAMETER_VALUE, function,
						   "missing argument: kpi=", "Name the kpi column, as in 'kpi=threshold'.");
		require_type(function, "kpi", &config->kpi,
					 config->kpi.type == okr_type_oid("kpi"), "okrkpi.kpi");
		if (config->since.attnum != 0)
			require_type(function, "since", &config->since,
						 config->since.type == DATEOID || config->since.type == TIMESTAMPTZOID,
						 "date or timestamp with time zone");
	}

	/*
	 * A limit per group must see every row that enters the group: inserts,
	 * and updates of the group column.
	 */
	if (has_group_role &&
		(!TRIGGER_FOR_INSERT(trigger->tgtype) || !TRIGGER_FOR_UPDATE(trigger->tgtype) ||
		 (trigger->tgnattr > 0 && !trigger_covers(trigger, config->group.attnum))))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("%s: %s= needs the trigger to fire on INSERT and on UPDATE of column \"%s\"",
						function, kind == KIND_KEY_RESULT ? "objective" : "plan", config->group.name),
				 errhint("CREATE TRIGGER ... BEFORE INSERT OR UPDATE ON ... FOR EACH ROW ...")));

	/* key results are limited per objective only; KPIs per plan or per table */
	if (has_group_role || kind == KIND_KPI)
		config->count_plan = prepare_count(rel, &config->group, function);
	config->valid = true;
}

static trigger_config *
get_config(TriggerData *trigdata, trigger_kind kind, const char *function)
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
	}
	config = hash_search(config_cache, &trigger_oid, HASH_ENTER, &found);
	if (!found)
	{
		config->valid = false;
		config->count_plan = NULL;
	}
	if (!config->valid)
	{
		/* a failed parse leaves the entry invalid, to be parsed again */
		config->valid = false;
		parse_config(config, trigdata, kind, function);
	}
	return config;
}

/* The trigger protocol: BEFORE, FOR EACH ROW, and the events we handle. */
static TriggerData *
check_protocol(FunctionCallInfo fcinfo, const char *function, bool allow_delete)
{
	TriggerData *trigdata = (TriggerData *) fcinfo->context;

	if (!CALLED_AS_TRIGGER(fcinfo))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("%s: not called by trigger manager", function)));
	if (!TRIGGER_FIRED_BEFORE(trigdata->tg_event) || !TRIGGER_FIRED_FOR_ROW(trigdata->tg_event))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("%s: must be fired BEFORE ... FOR EACH ROW", function),
				 errhint("CREATE TRIGGER ... BEFORE INSERT OR UPDATE%s ON ... FOR EACH ROW EXECUTE FUNCTION okrkpi.%s(...)",
						 allow_delete ? " OR DELETE" : "", function)));
	if (TRIGGER_FIRED_BY_TRUNCATE(trigdata->tg_event) ||
		(!allow_delete && TRIGGER_FIRED_BY_DELETE(trigdata->tg_event)))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("%s: must be fired on INSERT or UPDATE%s", function,
						allow_delete ? " or DELETE" : "")));
	return trigdata;
}

static bool
overridden(void)
{
	return okr_override_reason != NULL && okr_override_reason[0] != '\0';
}

static char *
column_text(HeapTuple tuple, Relation rel, const column_ref *column)
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

/* Start and target of a row, from the key_result column or the two numeric ones. */
typedef struct plan_values
{
	bool		present;
	double		start;
	double		target;
	const okr_key_result *kr;	/* when the trigger has kr= */
} plan_values;

/*
 * The start and target of an old row, without raising: a row written before
 * the trigger existed may lack them, and an UPDATE must be able to repair it.
 */
static plan_values
read_old_plan(const trigger_config *config, Relation rel, HeapTuple tuple)
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

static plan_values
read_plan(const trigger_config *config, Relation rel, HeapTuple tuple)
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
				 errdetail("Column \"%s\" is %s.", bad->name, column_text(tuple, rel, bad)),
				 errhint("Store a finite number."),
				 errtablecol(rel, bad->attnum)));
	}
	if (values.start == values.target)
		ereport(ERROR,
				(errcode(ERRCODE_CHECK_VIOLATION),
				 errmsg("a key result must move its metric: its start equals its target"),
				 errdetail("Columns \"%s\" (start) and \"%s\" (target) are both %s.",
						   config->start.name, config->target.name,
						   column_text(tuple, rel, &config->start)),
				 errhint("Give it a target that differs from its start. A level to hold belongs in a KPI threshold such as '>= 40'."),
				 errtablecol(rel, config->target.attnum)));
	values.present = true;
	return values;
}

/* The group value of a row, and whether it is NULL. */
static Datum
group_value(const trigger_config *config, Relation rel, HeapTuple tuple, bool *isnull)
{
	*isnull = false;
	if (config->group.attnum == 0)
		return (Datum) 0;
	return heap_getattr(tuple, config->group.attnum, RelationGetDescr(rel), isnull);
}

/* A hash of the group value consistent with its type's equality, if it has one. */
static bool
group_hash(const trigger_config *config, Relation rel, Datum value, uint32 *hash)
{
	TypeCacheEntry *typcache;

	if (config->group.attnum == 0)
	{
		*hash = 0;
		return true;
	}
	typcache = lookup_type_cache(config->group.type, TYPECACHE_HASH_PROC_FINFO);
	if (!OidIsValid(typcache->hash_proc_finfo.fn_oid))
		return false;
	*hash = DatumGetUInt32(FunctionCall1Coll(&typcache->hash_proc_finfo,
											 TupleDescAttr(RelationGetDescr(rel), config->group.attnum - 1)->attcollation,
											 value));
	return true;
}

/* Whether two non-NULL group values are equal by the type's equality. */
static bool
groups_equal(const trigger_config *config, Relation rel, Datum a, Datum b)
{
	TypeCacheEntry *typcache = lookup_type_cache(config->group.type, TYPECACHE_EQ_OPR_FINFO);

	return DatumGetBool(FunctionCall2Coll(&typcache->eq_opr_finfo,
										  TupleDescAttr(RelationGetDescr(rel), config->group.attnum - 1)->attcollation,
										  a, b));
}

/*
 * Take the transaction-long lock that serialises the limit rule for one group
 * value of one table, then count the rows already in the group.  The count
 * runs as the table owner with row security bypassed (as foreign key checks
 * do), so neither missing SELECT rights nor policies hide rows, and with the
 * latest snapshot, so that rows committed by a transaction that held the lock
 * before us are seen even in REPEATABLE READ.
 */
static int64
lock_and_count(trigger_config *config, Relation rel, Datum value, bool has_hash, uint32 hash)
{
	LOCKTAG		tag;
	bool		isnull;
	int64		count;
	int			rc;
	Oid			save_userid;
	int			save_sec_context;

	if (!has_hash)
	{
		/* a type without a hash function: stripe by its text, one lock may cover more */
		Oid			output;
		bool		varlena;
		char	   *text;

		getTypeOutputInfo(config->group.type, &output, &varlena);
		text = OidOutputFunctionCall(output, value);
		hash = DatumGetUInt32(hash_any((unsigned char *) text, strlen(text)));
	}
	SET_LOCKTAG_ADVISORY(tag, MyDatabaseId, limit_relid(rel), hash % OKR_LOCK_STRIPES, OKR_LOCK_CLASS);
	(void) LockAcquire(&tag, ExclusiveLock, false, false);

	GetUserIdAndSecContext(&save_userid, &save_sec_context);
	SetUserIdAndSecContext(rel->rd_rel->relowner,
						   save_sec_context | SECURITY_LOCAL_USERID_CHANGE | SECURITY_NOFORCE_RLS);
	if ((rc = SPI_connect()) != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed: %s", SPI_result_code_string(rc));
	rc = SPI_execute_snapshot(config->count_plan, &value, " ", GetLatestSnapshot(),
							  InvalidSnapshot, false, false, 1);
	if (rc != SPI_OK_SELECT || SPI_processed != 1)
		elog(ERROR, "counting rows failed: %s", SPI_result_code_string(rc));
	count = DatumGetInt64(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull));
	SPI_finish();
	SetUserIdAndSecContext(save_userid, save_sec_context);
	return count;
}

/* Whether the group value of the new row differs from the old one. */
static bool
group_changed(const trigger_config *config, Relation rel, HeapTuple old_tuple, HeapTuple new_tuple)
{
	bool		old_null,
				new_null;
	Datum		old_value = group_value(config, rel, old_tuple, &old_null);
	Datum		new_value = group_value(config, rel, new_tuple, &new_null);

	if (old_null || new_null)
		return old_null != new_null;
	return !groups_equal(config, rel, old_value, new_value);
}

/*
 * Group counts known to this transaction.  Once a transaction holds the lock
 * of a group, no other transaction can add rows to it through the trigger,
 * so the count it read stays exact or (after deletes, skipped rows or failed
 * statements) too high, never too low: later rows of a bulk load count from
 * here instead of querying.  A count that would refuse a row is read again
 * before refusing.  Entries are keyed by the counted table, the group column
 * and the value's hash, and hold the value itself, compared with the type's
 * equality.  The cache lives in TopTransactionContext and is dropped at
 * transaction end, when a subtransaction aborts (which releases the locks it
 * took), and on any relcache invalidation of a table with a trigger (ALTER
 * TABLE ... DISABLE TRIGGER, a replaced trigger).
 */
typedef struct group_count_key
{
	Oid			relid;
	char		column[NAMEDATALEN];
	uint32		hash;
} group_count_key;

typedef struct group_count
{
	group_count_key key;
	Datum		value;			/* copied into TopTransactionContext */
	int64		count;
} group_count;

static void
forget_group_counts_xact(XactEvent event pg_attribute_unused(), void *arg pg_attribute_unused())
{
	group_counts = NULL;		/* its memory goes with TopTransactionContext */
}

static void
forget_group_counts_subxact(SubXactEvent event, SubTransactionId mySubid pg_attribute_unused(),
							SubTransactionId parentSubid pg_attribute_unused(),
							void *arg pg_attribute_unused())
{
	if (event == SUBXACT_EVENT_ABORT_SUB)
		group_counts = NULL;
}

static group_count *
find_group_count(const trigger_config *config, Relation rel, Datum value, uint32 hash, bool *found)
{
	static bool callbacks_registered = false;
	group_count_key key;
	group_count *entry;

	if (!callbacks_registered)
	{
		RegisterXactCallback(forget_group_counts_xact, NULL);
		RegisterSubXactCallback(forget_group_counts_subxact, NULL);
		callbacks_registered = true;
	}
	if (group_counts == NULL)
	{
		HASHCTL		ctl;

		ctl.keysize = sizeof(group_count_key);
		ctl.entrysize = sizeof(group_count);
		ctl.hcxt = TopTransactionContext;
		group_counts = hash_create("okrkpi group counts", 64, &ctl,
								   HASH_ELEM | HASH_BLOBS | HASH_CONTEXT);
	}
	memset(&key, 0, sizeof(key));
	key.relid = limit_relid(rel);
	strlcpy(key.column, config->group.name, NAMEDATALEN);
	key.hash = hash;
	entry = hash_search(group_counts, &key, HASH_ENTER, found);
	if (*found && config->group.attnum != 0 && !groups_equal(config, rel, entry->value, value))
		*found = false;			/* another value with the same hash: count afresh */
	if (!*found)
	{
		entry->value = (Datum) 0;
		entry->count = -1;		/* not counted yet */
		if (config->group.attnum != 0)
		{
			Form_pg_attribute att = TupleDescAttr(RelationGetDescr(rel), config->group.attnum - 1);
			MemoryContext old = MemoryContextSwitchTo(TopTransactionContext);

			entry->value = att->attlen == -1 ? PointerGetDatum(PG_DETOAST_DATUM_COPY(value)) :
				datumCopy(value, att->attbyval, att->attlen);
			MemoryContextSwitchTo(old);
		}
	}
	return entry;
}

static void
check_limit(trigger_config *config, Relation rel, HeapTuple tuple, int max,
			const char *setting, const char *what, const char *group_word)
{
	int64		count;
	bool		isnull;
	bool		found;
	uint32		hash = 0;
	bool		has_hash;
	Datum		value = group_value(config, rel, tuple, &isnull);
	group_count *cached = NULL;

	if (isnull)
		return;					/* no objective / plan: no group to limit */
	has_hash = group_hash(config, rel, value, &hash);
	if (has_hash)
		cached = find_group_count(config, rel, value, hash, &found);
	count = cached != NULL ? cached->count : -1;
	/* first row of the group in this transaction, or a refusal to confirm */
	if (count < 0 || count >= max)
		count = lock_and_count(config, rel, value, has_hash, hash);
	if (count >= max)
	{
		if (cached != NULL)
			cached->count = count;
		if (config->group.attnum != 0)
			ereport(ERROR,
					(errcode(ERRCODE_CHECK_VIOLATION),
					 errmsg("%s %s already has %lld %s", group_word,
							column_text(tuple, rel, &config->group), (long long) count, what),
					 errdetail("At most %d %s are allowed per %s (%s).", max, what, group_word,
							   config->max != 0 ? "the trigger's max= argument" : setting),
					 errhint("Remove or merge one first; a focused plan has few %s.", what),
					 errtablecol(rel, config->group.attnum)));
		ereport(ERROR,
				(errcode(ERRCODE_CHECK_VIOLATION),
				 errmsg("table \"%s\" already has %lld %s", RelationGetRelationName(rel),
						(long long) count, what),
				 errdetail("At most %d %s are allowed (%s).", max, what,
						   config->max != 0 ? "the trigger's max= argument" : setting),
				 errhint("Retire a KPI first; a good plan watches 5 to 7 KPIs."),
				 errtable(rel)));
	}
	if (cached != NULL)
		cached->count = count + 1;	/* this row */
}

PG_FUNCTION_INFO_V1(check_key_result);
Datum
check_key_result(PG_FUNCTION_ARGS)
{
	TriggerData *trigdata = check_protocol(fcinfo, "check_key_result", false);
	Relation	rel = trigdata->tg_relation;
	bool		is_update = TRIGGER_FIRED_BY_UPDATE(trigdata->tg_event);
	HeapTuple	tuple = is_update ? trigdata->tg_newtuple : trigdata->tg_trigtuple;
	trigger_config *config = get_config(trigdata, KIND_KEY_RESULT, "check_key_result");
	plan_values new_plan = read_plan(config, rel, tuple);
	const column_ref *start_column = config->kr.attnum != 0 ? &config->kr : &config->start;

	if (is_update)
	{
		plan_values old_plan = read_old_plan(config, rel, trigdata->tg_trigtuple);

		/* the start value is history: the metric's value when the period began */
		if (old_plan.present && new_plan.start != old_plan.start && !overridden())
			ereport(ERROR,
					(errcode(ERRCODE_CHECK_VIOLATION),
					 errmsg("the start value of a key result is frozen"),
					 errdetail("Column \"%s\" would change from %s to %s.", start_column->name,
							   column_text(trigdata->tg_trigtuple, rel, start_column),
							   column_text(tuple, rel, start_column)),
					 errhint("The start value is the metric's value when the period began. To correct a mistake, SET okrkpi.override_reason = '...' in this session first."),
					 errtablecol(rel, start_column->attnum)));
		if (old_plan.present && (new_plan.target > new_plan.start) != (old_plan.target > old_plan.start))
			ereport(ERROR,
					(errcode(ERRCODE_CHECK_VIOLATION),
					 errmsg("a key result may not change direction"),
					 errdetail("It was %s (%g -> %g) and would be %s (%g -> %g).",
							   old_plan.target > old_plan.start ? "increasing" : "decreasing",
							   old_plan.start, old_plan.target,
							   new_plan.target > new_plan.start ? "increasing" : "decreasing",
							   new_plan.start, new_plan.target),
					 errhint("Create a new key result for the opposite goal."),
					 errtablecol(rel, config->kr.attnum != 0 ? config->kr.attnum : config->target.attnum)));
	}

	/* effort-based key results track activity; they can never be KPIs */
	if (config->kpi_flag.attnum != 0 && new_plan.kr != NULL &&
		new_plan.kr->unit == OKR_UNIT_MILESTONES)
	{
		bool		isnull;
		Datum		flag = heap_getattr(tuple, config->kpi_flag.attnum, RelationGetDescr(rel), &isnull);
		bool		is_kpi = !isnull && (config->kpi_flag.type != BOOLOID || DatumGetBool(flag));

		if (is_kpi)
			ereport(ERROR,
					(errcode(ERRCODE_CHECK_VIOLATION),
					 errmsg("a milestone key result cannot be a KPI"),
					 errdetail("Column \"%s\" is %s, an effort-based key result, and column \"%s\" is %s.",
							   config->kr.name, column_text(tuple, rel, &config->kr),
							   config->kpi_flag.name, column_text(tuple, rel, &config->kpi_flag)),
					 errhint("Mark an outcome-based key result, one that moves a measured metric, as the KPI instead."),
					 errtablecol(rel, config->kpi_flag.attnum)));
	}

	if (config->count_plan != NULL &&
		(!is_update || group_changed(config, rel, trigdata->tg_trigtuple, tuple)))
		check_limit(config, rel, tuple, config->max != 0 ? config->max : okr_max_key_results,
					"the setting okrkpi.max_key_results", "key results", "objective");

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

PG_FUNCTION_INFO_V1(check_kpi);
Datum
check_kpi(PG_FUNCTION_ARGS)
{
	TriggerData *trigdata = check_protocol(fcinfo, "check_kpi", true);
	Relation	rel = trigdata->tg_relation;
	bool		is_update = TRIGGER_FIRED_BY_UPDATE(trigdata->tg_event);
	bool		is_delete = TRIGGER_FIRED_BY_DELETE(trigdata->tg_event);
	HeapTuple	tuple = is_update ? trigdata->tg_newtuple : trigdata->tg_trigtuple;
	trigger_config *config = get_config(trigdata, KIND_KPI, "check_kpi");
	bool		isnull;
	Datum		kpi_datum = heap_getattr(tuple, config->kpi.attnum, RelationGetDescr(rel), &isnull);
	TimestampTz until;

	if (!is_delete && isnull)
		ereport(ERROR,
				(errcode(ERRCODE_CHECK_VIOLATION),
				 errmsg("a KPI needs a threshold"),
				 errdetail("Column \"%s\" is NULL.", config->kpi.name),
				 errhint("Give the KPI a threshold such as '>= 40', '<= 2%%' or '4.2 .. 4.8'."),
				 errtablecol(rel, config->kpi.attnum)));

	/* KPIs are kept at least a year: no deletion and no new threshold before then */
	if ((is_delete || is_update) && config->since.attnum != 0 && !overridden() &&
		kept_until(config, rel, trigdata->tg_trigtuple, &until) &&
		GetCurrentTransactionStartTimestamp() < until)
	{
		bool		old_null;
		Datum		old_kpi = heap_getattr(trigdata->tg_trigtuple, config->kpi.attnum,
										   RelationGetDescr(rel), &old_null);

		bool		since_null;
		Datum		new_since = heap_getattr(tuple, config->since.attnum, RelationGetDescr(rel), &since_null);
		Datum		old_since = heap_getattr(trigdata->tg_trigtuple, config->since.attnum,
											 RelationGetDescr(rel), &isnull);
		bool		since_changed = is_update &&
			(since_null || !datumIsEqual(old_since, new_since, true, sizeof(Datum)));

		if (since_changed)
			ereport(ERROR,
					(errcode(ERRCODE_CHECK_VIOLATION),
					 errmsg("a KPI is kept at least a year: its start date cannot change yet"),
					 errdetail("Column \"%s\" would change from %s to %s.", config->since.name,
							   column_text(trigdata->tg_trigtuple, rel, &config->since),
							   column_text(tuple, rel, &config->since)),
					 errhint("To correct it anyway, SET okrkpi.override_reason = '...' in this session first."),
					 errtablecol(rel, config->since.attnum)));
		if (is_delete || old_null ||
			threshold_changed(DatumGetKpiP(old_kpi), DatumGetKpiP(kpi_datum)))
			ereport(ERROR,
					(errcode(ERRCODE_CHECK_VIOLATION),
					 errmsg(is_delete ? "a KPI is kept at least a year: it cannot be deleted yet" :
							"a KPI is kept at least a year: its threshold cannot change yet"),
					 errdetail("Column \"%s\" is %s; the KPI is kept until %s.", config->since.name,
							   column_text(trigdata->tg_trigtuple, rel, &config->since),
							   timestamptz_to_str(until)),
					 errhint("KPIs watch the health of the business over time. To retire or change one anyway, SET okrkpi.override_reason = '...' in this session first."),
					 errtablecol(rel, config->since.attnum)));
	}

	if (!is_delete && (!is_update || (config->group.attnum != 0 &&
									  group_changed(config, rel, trigdata->tg_trigtuple, tuple))))
		check_limit(config, rel, tuple, config->max != 0 ? config->max : okr_max_kpis,
					"the setting okrkpi.max_kpis", "KPIs", "plan");

	return PointerGetDatum(tuple);
}
