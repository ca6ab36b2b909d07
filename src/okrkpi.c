/*
 * okrkpi.c: the module itself: its magic block and _PG_init.
 */
#include "compat.h"

#include "fmgr.h"

#include "settings.h"

PG_MODULE_MAGIC;

void		_PG_init(void);

/* Register the settings, so SHOW and ALTER SYSTEM know them. */
void
_PG_init(void)
{
	okr_define_settings();
}
