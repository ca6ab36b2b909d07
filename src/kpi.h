/*
 * kpi.h: what kpi.c, the kpi type, lends the other files.
 */
#ifndef OKRKPI_KPI_H
#define OKRKPI_KPI_H

#include "sql_types.h"

/* The btree order of kpi, three-way; the aggregates break ties with it (key_result.h). */
extern int	okr_kpi_cmp(const okr_kpi *a, const okr_kpi *b);

/* Which bounds a threshold has: a minimum (>=, >) no upper one, a maximum no lower one. */
extern bool okr_kpi_has_lower(const okr_kpi *kpi);
extern bool okr_kpi_has_upper(const okr_kpi *kpi);

#endif							/* OKRKPI_KPI_H */
