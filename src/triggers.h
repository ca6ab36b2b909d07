/*
 * triggers.h: the settings the plan-rule triggers read.
 */
#ifndef OKRKPI_TRIGGERS_H
#define OKRKPI_TRIGGERS_H

/* okrkpi.override_reason: a non-empty text lets a frozen value change. */
extern char *okr_override_reason;

/* okrkpi.max_key_results and okrkpi.max_kpis: limits when a trigger has no max=. */
extern int	okr_max_key_results;
extern int	okr_max_kpis;

#endif							/* OKRKPI_TRIGGERS_H */
