/*
 * key_result.h: what key_result.c, the key_result type, lends the other files.
 */
#ifndef OKRKPI_KEY_RESULT_H
#define OKRKPI_KEY_RESULT_H

#include "sql_types.h"

/*
 * The btree order of key_result, three-way.  The latest-row aggregates break
 * ties on time and value with it, so a documented, row-order-independent row
 * wins (doc/scoring.md).
 */
extern int	okr_key_result_cmp(const okr_key_result *a, const okr_key_result *b);

#endif							/* OKRKPI_KEY_RESULT_H */
