/*
 * override_log.h: okrkpi.override_reason, who may use it, and the record of
 * every override (override_log.c).
 */
#ifndef OKRKPI_OVERRIDE_LOG_H
#define OKRKPI_OVERRIDE_LOG_H

#include "trigger_config.h"

/* Whether the current and the session's role both act with the table owner's rights, unrestricted. */
extern bool okr_acts_as_owner(Relation rel);

/* Whether a reason is set (raising 42501 when this role may not override). */
extern bool okr_override_allowed(Relation rel, const char *rule);

/* Record an override: a LOG line, and a row in the trigger's log= table (old_tuple NULL for an INSERT, new_tuple for a DELETE). */
extern void okr_log_override(const trigger_config *config, Relation rel, const char *rule,
							 const char *operation, HeapTuple old_tuple, HeapTuple new_tuple);

/* Prepare the INSERT into a log= table, checking its columns; NULL when the current role may not insert. */
extern void okr_check_override_log_columns(Oid log_relid, const char *function);

extern SPIPlanPtr okr_prepare_override_log(Oid log_relid, const char *function);

#endif							/* OKRKPI_OVERRIDE_LOG_H */
