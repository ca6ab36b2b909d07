/*
 * retired_plans.h: SPI plans that a trigger's config replaced, freed at the
 * end of the transaction (retired_plans.c).
 */
#ifndef OKRKPI_RETIRED_PLANS_H
#define OKRKPI_RETIRED_PLANS_H

#include "compat.h"

#include "executor/spi.h"

/* Free a kept plan once no statement of this transaction can be running it. */
extern void okr_retire_plan(SPIPlanPtr plan);

#endif							/* OKRKPI_RETIRED_PLANS_H */
