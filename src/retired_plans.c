/*
 * retired_plans.c: SPI plans that a trigger's config replaced.  A statement
 * further up this backend's stack may still be running the old plan (a log
 * table's trigger can make the guarded table's trigger fire again, after an
 * invalidation), so it is freed at the end of the transaction, when nothing
 * runs.
 */
#include "retired_plans.h"

#include "access/xact.h"
#include "nodes/pg_list.h"
#include "utils/memutils.h"

/* The plans waiting for the end of the transaction, in TopMemoryContext. */
static List *retired_plans = NIL;

static void
free_retired_plans(XactEvent event, void *arg pg_attribute_unused())
{
	if (event != XACT_EVENT_COMMIT && event != XACT_EVENT_ABORT &&
		event != XACT_EVENT_PARALLEL_COMMIT && event != XACT_EVENT_PARALLEL_ABORT)
		return;
	while (retired_plans != NIL)
	{
		SPIPlanPtr	plan = linitial(retired_plans);

		retired_plans = list_delete_first(retired_plans);
		SPI_freeplan(plan);
	}
}

void
okr_retire_plan(SPIPlanPtr plan)
{
	static bool callback_registered = false;
	MemoryContext old;

	if (plan == NULL)
		return;
	if (!callback_registered)
	{
		RegisterXactCallback(free_retired_plans, NULL);
		callback_registered = true;
	}
	old = MemoryContextSwitchTo(TopMemoryContext);
	retired_plans = lappend(retired_plans, plan);
	MemoryContextSwitchTo(old);
}
