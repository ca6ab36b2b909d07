/*
 * group_limit.c: the limit rule, at most N key results per objective or N
 * KPIs per plan, held under concurrent inserts in READ COMMITTED: the trigger
 * takes a transaction-long advisory lock on (table, group value) before
 * counting, so two inserts into one objective queue up while inserts into
 * other objectives do not.
 */
#include "group_limit.h"

#include "access/xact.h"
#include "access/htup_details.h"
#include "catalog/pg_class.h"
#include "catalog/pg_operator.h"
#include "miscadmin.h"
#include "storage/lmgr.h"
#include "storage/lock.h"
#include "utils/builtins.h"
#include "utils/datum.h"
#include "utils/hsearch.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/snapmgr.h"
#include "utils/syscache.h"
#include "utils/typcache.h"

#include "trigger_rows.h"

/* field4 of our advisory lock tags: apart from pg_advisory_lock's 1 and 2 */
#define OKR_LOCK_CLASS 0x6F6B

/*
 * Group values are locked in 1024 stripes per table: a bulk load touching
 * any number of objectives holds at most 1024 locks (one per objective would
 * exhaust the lock table), and two unrelated objectives wait for each other
 * only when they share a stripe (1 in 1024).  A type without a hash function
 * takes one more stripe, OKR_LOCK_STRIPES itself, for all its values.
 */
#define OKR_LOCK_STRIPES 1024

/* Per-transaction group counts: see find_group_count(). */
static HTAB *group_counts;

/*
 * The table whose rows a limit counts: the table the trigger was created on.
 * A trigger created on a partitioned table is cloned to its partitions and
 * fires there as the clone: it counts across the table it was created on
 * (following the clones' parents up), so that every partition shares one
 * count and lock.  A trigger created on a partition itself counts that
 * partition only, as the partition's owner: it must not count, as the root's
 * owner and past the root's row security, rows of partitions its creator
 * may not read, nor refuse rows for them.
 */
Oid
okr_limit_relid(Relation rel, const Trigger *trigger)
{
	Oid			relid = RelationGetRelid(rel);
	Oid			tgoid = trigger->tgoid;

	if (!trigger->tgisclone)
		return relid;
	while (OidIsValid(tgoid))
	{
		relid = okr_trigger_relation(tgoid, &tgoid);
		if (!OidIsValid(relid))
			elog(ERROR, "could not find the trigger a clone on relation \"%s\" was made from",
				 RelationGetRelationName(rel));
	}
	return relid;
}

static Oid
relation_owner(Oid relid)
{
	HeapTuple	tuple = SearchSysCache1(RELOID, ObjectIdGetDatum(relid));
	Oid			owner;

	if (!HeapTupleIsValid(tuple))
		elog(ERROR, "cache lookup failed for relation %u", relid);
	owner = ((Form_pg_class) GETSTRUCT(tuple))->relowner;
	ReleaseSysCache(tuple);
	return owner;
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
 * its own operator), the one the per-transaction count cache uses too; the
 * trigger's arguments were checked to have one.  A retired KPI (retired=
 * column not NULL) is not counted.
 */
SPIPlanPtr
okr_prepare_group_count(Relation rel, Oid relid, const column_ref *group, const column_ref *retired,
						const char *function pg_attribute_unused())
{
	char	   *query;
	char	   *active = retired->attnum == 0 ? "" :
		psprintf(" %s %s IS NULL", group->attnum != 0 ? "AND" : "WHERE", quote_identifier(retired->name));
	SPIPlanPtr	plan;
	int			rc;
	bool		partitioned = relid != RelationGetRelid(rel);
	char	   *relname = quote_qualified_identifier(get_namespace_name(get_rel_namespace(relid)),
													 get_rel_name(relid));

	if (group->attnum != 0)
	{
		TypeCacheEntry *typcache = lookup_type_cache(group->type, TYPECACHE_EQ_OPR);

		if (!OidIsValid(typcache->eq_opr))
			elog(ERROR, "type %s has no equality operator", format_type_be(group->type));
		query = psprintf("SELECT pg_catalog.count(*) FROM %s%s WHERE %s %s $1%s",
						 partitioned ? "" : "ONLY ", relname, quote_identifier(group->name),
						 qualified_operator(typcache->eq_opr), active);
	}
	else
		query = psprintf("SELECT pg_catalog.count(*) FROM %s%s%s", partitioned ? "" : "ONLY ", relname,
						 active);
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

	/*
	 * A type without a hash function (a composite with a bit or money field)
	 * has no hash consistent with its equality: its printed form is not one
	 * ((1.0,1) equals (1.00,1)), so all its values share one lock, a stripe
	 * of its own past the hashed ones.
	 */
	if (!has_hash)
		hash = OKR_LOCK_STRIPES;
	else
		hash %= OKR_LOCK_STRIPES;
	SET_LOCKTAG_ADVISORY(tag, MyDatabaseId, config->limit_relid, hash, OKR_LOCK_CLASS);
	(void) LockAcquire(&tag, ExclusiveLock, false, false);

	GetUserIdAndSecContext(&save_userid, &save_sec_context);
	/* as the owner of the counted table: the one the trigger was created on */
	SetUserIdAndSecContext(config->limit_relid == RelationGetRelid(rel) ? rel->rd_rel->relowner :
						   relation_owner(config->limit_relid),
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
bool
okr_group_changed(const trigger_config *config, Relation rel, HeapTuple old_tuple, HeapTuple new_tuple)
{
	bool		old_null,
				new_null;
	Datum		old_value = okr_group_value(config, rel, old_tuple, &old_null);
	Datum		new_value = okr_group_value(config, rel, new_tuple, &new_null);

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

void
okr_forget_group_counts(void)
{
	group_counts = NULL;		/* its memory goes with TopTransactionContext */
}

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
	key.relid = config->limit_relid;
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

/*
 * The message of a full group, called inside ereport() as errmsg() is.  The
 * group is named by its value when the role may read it (group), else by its
 * column; the count is shown only to roles that could count the rows
 * themselves.
 */
static int
full_group_errmsg(const trigger_config *config, Relation rel, const char *group,
				  bool countable, int64 count)
{
	const char *column = config->group.name;
	unsigned long n = (unsigned long) count;

	if (config->kind == KIND_KEY_RESULT && !countable)
		return group ? errmsg("objective %s is full", group) :
			errmsg("the objective in column \"%s\" is full", column);
	if (config->kind == KIND_KEY_RESULT)
		return group ?
			errmsg_plural("objective %s already has %lld key result",
						  "objective %s already has %lld key results",
						  n, group, (long long) count) :
			errmsg_plural("the objective in column \"%s\" already has %lld key result",
						  "the objective in column \"%s\" already has %lld key results",
						  n, column, (long long) count);
	if (config->group.attnum == 0)
		return countable ?
			errmsg_plural("table \"%s\" already has %lld KPI",
						  "table \"%s\" already has %lld KPIs",
						  n, RelationGetRelationName(rel), (long long) count) :
			errmsg("table \"%s\" is full", RelationGetRelationName(rel));
	if (!countable)
		return group ? errmsg("plan %s is full", group) :
			errmsg("the plan in column \"%s\" is full", column);
	return group ?
		errmsg_plural("plan %s already has %lld KPI",
					  "plan %s already has %lld KPIs",
					  n, group, (long long) count) :
		errmsg_plural("the plan in column \"%s\" already has %lld KPI",
					  "the plan in column \"%s\" already has %lld KPIs",
					  n, column, (long long) count);
}

/* The limit and where it comes from, called inside ereport() as errdetail() is. */
static int
full_group_errdetail(const trigger_config *config, int max)
{
	if (config->kind == KIND_KEY_RESULT)
		return config->max != 0 ?
			errdetail_plural("At most %d key result is allowed per objective (the trigger's max= argument).",
							 "At most %d key results are allowed per objective (the trigger's max= argument).",
							 max, max) :
			errdetail_plural("At most %d key result is allowed per objective (the setting okrkpi.max_key_results).",
							 "At most %d key results are allowed per objective (the setting okrkpi.max_key_results).",
							 max, max);
	if (config->group.attnum != 0)
		return config->max != 0 ?
			errdetail_plural("At most %d KPI is allowed per plan (the trigger's max= argument).",
							 "At most %d KPIs are allowed per plan (the trigger's max= argument).",
							 max, max) :
			errdetail_plural("At most %d KPI is allowed per plan (the setting okrkpi.max_kpis).",
							 "At most %d KPIs are allowed per plan (the setting okrkpi.max_kpis).",
							 max, max);
	return config->max != 0 ?
		errdetail_plural("At most %d KPI is allowed (the trigger's max= argument).",
						 "At most %d KPIs are allowed (the trigger's max= argument).",
						 max, max) :
		errdetail_plural("At most %d KPI is allowed (the setting okrkpi.max_kpis).",
						 "At most %d KPIs are allowed (the setting okrkpi.max_kpis).",
						 max, max);
}

/* How to make room for a KPI, called inside ereport() as errhint() is. */
static int
full_kpis_errhint(const trigger_config *config)
{
	const char *limit = config->max != 0 ? "the trigger's max= argument" : "the setting okrkpi.max_kpis";

	if (config->retired.attnum != 0 && config->since.attnum != 0)
		return errhint("Retire a KPI first: set its column \"%s\" (allowed once it has been kept a year).",
					   config->retired.name);
	if (config->retired.attnum != 0)
		return errhint("Retire a KPI first: set its column \"%s\".", config->retired.name);
	if (config->since.attnum != 0)
		return errhint("Delete a KPI that is no longer watched first (allowed once it has been kept a year), or raise the limit (%s).",
					   limit);
	return errhint("Delete a KPI that is no longer watched first, or raise the limit (%s).", limit);
}

/* Refuse a row whose group already holds max rows. */
pg_noreturn static void
report_full_group(const trigger_config *config, Relation rel, HeapTuple tuple,
				  int64 count, int max)
{
	bool		grouped = config->group.attnum != 0;
	char	   *group = grouped ? okr_visible_text(tuple, rel, &config->group) : NULL;

	ereport(ERROR,
			(errcode(ERRCODE_CHECK_VIOLATION),
			 full_group_errmsg(config, rel, group, okr_rows_countable(config->limit_relid), count),
			 full_group_errdetail(config, max),
			 config->kind == KIND_KEY_RESULT ?
			 errhint("Remove or merge one first; a focused plan has few key results.") :
			 full_kpis_errhint(config),
			 grouped ? errtablecol(rel, config->group.attnum) : errtable(rel)));
	pg_unreachable();
}

void
okr_check_limit(trigger_config *config, Relation rel, HeapTuple tuple, int max)
{
	int64		count;
	bool		isnull;
	bool		found;
	uint32		hash = 0;
	bool		has_hash;
	Datum		value = okr_group_value(config, rel, tuple, &isnull);
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
		report_full_group(config, rel, tuple, count, max);
	}
	if (cached != NULL)
		cached->count = count + 1;	/* this row */
}
