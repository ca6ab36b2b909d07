/*
 * trigger_config.h: one plan-rule trigger's parsed role=column arguments, and
 * the trigger protocol check_key_result(), check_kpi() and
 * keep_closed_cycles() must be called under (trigger_config.c).  The other
 * trigger files read the config.
 */
#ifndef OKRKPI_TRIGGER_CONFIG_H
#define OKRKPI_TRIGGER_CONFIG_H

#include "sql_types.h"

#include "access/htup.h"
#include "commands/trigger.h"
#include "executor/spi.h"
#include "utils/rel.h"

typedef enum trigger_kind
{
	KIND_KEY_RESULT,
	KIND_KPI,
	KIND_CLOSED_CYCLE			/* keep_closed_cycles: logged= and log= only */
} trigger_kind;

/* How many frozen= columns a check_kpi trigger may name. */
#define OKR_MAX_FROZEN 8

/* How many logged= columns a keep_closed_cycles trigger may name. */
#define OKR_MAX_LOGGED 8

/* How many columns a trigger's arguments may name in all: the roles and frozen= (or logged=). */
#define OKR_MAX_NAMED (8 + OKR_MAX_FROZEN)

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
	column_ref	retired;		/* check_kpi: date or timestamptz, NULL while active */
	column_ref	frozen[OKR_MAX_FROZEN];	/* check_kpi: kept like the threshold */
	int			nfrozen;
	column_ref	logged[OKR_MAX_LOGGED];	/* keep_closed_cycles: recorded by an override */
	int			nlogged;
	column_ref	group;			/* objective (key results) or plan (KPIs) */
	const column_ref *named[OKR_MAX_NAMED];	/* every column above that is given, */
	int			nnamed;			/* in argument order */
	int			max;			/* limit from max=N; 0 means the setting */
	SPIPlanPtr	count_plan;		/* SELECT count(*) ... [WHERE group = $1] */
	SPIPlanPtr	log_plan;		/* INSERT INTO the log= table, or NULL */
	Oid			log_relid;		/* the log= table, as resolved */
	char		log_name[2 * NAMEDATALEN + 8];	/* its qualified name, as written */
	Oid			limit_relid;	/* the table a limit counts: the trigger's own */
} trigger_config;

/* The table a trigger is on (InvalidOid when it is gone); *parent: the trigger it was cloned from, or InvalidOid. */
extern Oid	okr_trigger_relation(Oid trigger, Oid *parent);

/* The column a role=column argument names ("start = baseline": "baseline", trimmed, palloc'd); NULL for max=, log= and malformed ones. */
extern char *okr_argument_column(const char *arg);

/* Whether a function of schema okrkpi, by name, is a plan-rule trigger function whose arguments name columns. */
extern bool okr_plan_rule_function(const char *name);

/* Check a plan-rule trigger being created as its first firing would (39P01, 42703, 22023, 42804...). */
extern void okr_validate_trigger(Relation rel, const Trigger *trigger, const char *function);

/* The trigger's config: parsed once, then cached until its table changes. */
extern trigger_config *okr_trigger_config(TriggerData *trigdata, trigger_kind kind, const char *function);

/* The trigger data, once the call is known to be BEFORE, at the level and on an event the function handles. */
extern TriggerData *okr_trigger_protocol(FunctionCallInfo fcinfo, const char *function);

#endif							/* OKRKPI_TRIGGER_CONFIG_H */
