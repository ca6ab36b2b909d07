/*
 * settings.h: okrkpi's settings (GUCs), registered in one place
 * (settings.c) with one set of defaults.
 */
#ifndef OKRKPI_SETTINGS_H
#define OKRKPI_SETTINGS_H

/* The defaults: a focused objective has 2 to 5 key results; a good plan 5 to 7 KPIs. */
#define OKR_DEFAULT_MAX_KEY_RESULTS 5
#define OKR_DEFAULT_MAX_KPIS 7

/* okrkpi.override_reason: a reason lets a frozen value change. */
extern char *okr_override_reason;

/* okrkpi.max_key_results and okrkpi.max_kpis: limits when a trigger has no max=. */
extern int	okr_max_key_results;
extern int	okr_max_kpis;

/* Register the settings; called once from _PG_init. */
extern void okr_define_settings(void);

#endif							/* OKRKPI_SETTINGS_H */
