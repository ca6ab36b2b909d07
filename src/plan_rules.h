/*
 * plan_rules.h: what the plan-rule triggers share (plan_rules.c): the
 * owner's COPY a restore runs, and the TRUNCATE guard, a BEFORE TRUNCATE
 * statement trigger that reads every row the TRUNCATE would remove, refuses
 * while one is protected, and under the owner's override logs each protected
 * row.
 */
#ifndef OKRKPI_PLAN_RULES_H
#define OKRKPI_PLAN_RULES_H

#include "trigger_config.h"

#include "datatype/timestamp.h"

/* Whether a row TRUNCATE would remove is protected; *until for KPIs; arg as given to okr_truncate_guarded. */
typedef bool (*okr_protected_row) (const trigger_config *config, Relation rel, HeapTuple tuple,
								   const column_ref *since, TimestampTz *until, void *arg);

/* The error when TRUNCATE would remove a protected row and no override is allowed: never returns. */
typedef void (*okr_truncate_refusal) (const trigger_config *config, Relation rel, HeapTuple tuple,
									  const column_ref *since, TimestampTz until, void *arg);

/*
 * Whether the row comes in through a COPY FROM run by the table's owner (a
 * member of the owning role, a superuser): the way a dump is restored, by the
 * roles that could disable the trigger anyway.
 */
extern bool okr_owner_copy(Relation rel);

/* The trigger data of a BEFORE TRUNCATE ... FOR EACH STATEMENT call. */
/* TRUNCATE of a table, or of every leaf partition of a partitioned one, guarded row by row. */
extern void okr_truncate_guarded(const trigger_config *config, Relation rel, okr_protected_row is_protected,
								 okr_truncate_refusal refuse, void *arg, const char *rule);

#endif							/* OKRKPI_PLAN_RULES_H */
