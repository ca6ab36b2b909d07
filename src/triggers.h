/*
 * triggers.h: what the plan-rule trigger files share.  The triggers
 * (triggers.c: the rules) read their parsed arguments (trigger_args.c), the
 * row values they judge (trigger_rows.c), the concurrent group limit
 * (group_limit.c) and record overrides (override_log.c).
 */
#ifndef OKRKPI_TRIGGERS_H
#define OKRKPI_TRIGGERS_H

#include "sql_types.h"

#include "access/htup.h"
#include "commands/trigger.h"
#include "executor/spi.h"
#include "utils/rel.h"

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
	SPIPlanPtr	log_plan;		/* INSERT INTO the log= table, or NULL */
	Oid			log_relid;		/* the log= table, as resolved */
	char		log_name[2 * NAMEDATALEN + 8];	/* its qualified name, as written */
	Oid			limit_relid;	/* the table a limit counts: the partition root */
} trigger_config;

/* trigger_args.c */
extern trigger_config *okr_trigger_config(TriggerData *trigdata, trigger_kind kind, const char *function);
extern TriggerData *okr_trigger_protocol(FunctionCallInfo fcinfo, const char *function, bool allow_delete);

/* trigger_rows.c: start and target of a row, from the key_result column or the two numeric ones */
typedef struct plan_values
{
	bool		present;
	double		start;
	double		target;
	const okr_key_result *kr;	/* when the trigger has kr= */
} plan_values;

extern char *okr_column_text(HeapTuple tuple, Relation rel, const column_ref *column);
extern plan_values okr_read_plan(const trigger_config *config, Relation rel, HeapTuple tuple);
extern plan_values okr_read_old_plan(const trigger_config *config, Relation rel, HeapTuple tuple);
extern Datum okr_group_value(const trigger_config *config, Relation rel, HeapTuple tuple, bool *isnull);
extern bool okr_start_changed(const trigger_config *config, Relation rel, HeapTuple old_tuple, HeapTuple new_tuple);

/*
 * trigger_rows.c: what error messages may show, by PostgreSQL's rule for
 * constraint errors: a value only if the current role may SELECT its column
 * (and no row security applies), a count only if the role could count the
 * rows itself.
 */
extern bool okr_column_visible(Relation rel, AttrNumber attnum);
extern bool okr_rows_countable(Oid relid);
extern char *okr_visible_text(HeapTuple tuple, Relation rel, const column_ref *column);
extern char *okr_change_detail(Relation rel, const column_ref *column, HeapTuple old_tuple, HeapTuple new_tuple);

/* override_log.c */
extern bool okr_override_allowed(Relation rel, const char *rule);
extern void okr_log_override(const trigger_config *config, Relation rel, const char *rule,
							 const char *operation, HeapTuple old_tuple, HeapTuple new_tuple);
extern SPIPlanPtr okr_prepare_override_log(Oid log_relid, const char *function);

/* trigger_args.c: free a cached plan once no statement of this transaction can be running it */
extern void okr_retire_plan(SPIPlanPtr plan);

/* group_limit.c */
extern Oid	okr_limit_relid(Relation rel);
extern SPIPlanPtr okr_prepare_group_count(Relation rel, const column_ref *group, const char *function);
extern bool okr_group_changed(const trigger_config *config, Relation rel, HeapTuple old_tuple, HeapTuple new_tuple);
extern void okr_check_limit(trigger_config *config, Relation rel, HeapTuple tuple, int max,
							const char *setting, const char *what, const char *group_word);
extern void okr_forget_group_counts(void);

#endif							/* OKRKPI_TRIGGERS_H */
