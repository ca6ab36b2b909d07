/*
 * group_limit.h: the limit rule, at most N key results per objective or N
 * KPIs per plan, safe under concurrent inserts (group_limit.c).
 */
#ifndef OKRKPI_GROUP_LIMIT_H
#define OKRKPI_GROUP_LIMIT_H

#include "trigger_config.h"

/* The table a limit counts: the one the trigger was created on (a clone's root). */
extern Oid	okr_limit_relid(Relation rel, const Trigger *trigger);

/* Prepare and keep the counting query of a trigger's limit over table relid. */
extern SPIPlanPtr okr_prepare_group_count(Relation rel, Oid relid, const column_ref *group,
										  const column_ref *retired, const char *function);

/* Whether an UPDATE moves the row into another group. */
extern bool okr_group_changed(const trigger_config *config, Relation rel, HeapTuple old_tuple, HeapTuple new_tuple);

/* Raise 23514 unless the row's group has room for it (max rows at most). */
extern void okr_check_limit(trigger_config *config, Relation rel, HeapTuple tuple, int max);

/* Drop the transaction's group counts (a table with a trigger changed). */
extern void okr_forget_group_counts(void);

#endif							/* OKRKPI_GROUP_LIMIT_H */
