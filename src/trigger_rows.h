/*
 * trigger_rows.h: the values the plan rules judge, read out of a row
 * (trigger_rows.c), and what error messages may show of them.
 */
#ifndef OKRKPI_TRIGGER_ROWS_H
#define OKRKPI_TRIGGER_ROWS_H

#include "trigger_config.h"

/* start and target of a row, from the key_result column or the two numeric ones */
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
 * What error messages may show, by PostgreSQL's rule for constraint errors: a
 * value only if the current role may SELECT its column (and no row security
 * applies), a count only if the role could count the rows itself.
 */
extern bool okr_column_visible(Relation rel, AttrNumber attnum);
extern bool okr_relid_column_visible(Oid relid, AttrNumber attnum);
extern bool okr_rows_countable(Oid relid);
extern char *okr_visible_text(HeapTuple tuple, Relation rel, const column_ref *column);

#endif							/* OKRKPI_TRIGGER_ROWS_H */
