/*
 * quarter.h: what quarter.c, the quarter type, lends the other files: the
 * days of a calendar or fiscal quarter.
 */
#ifndef OKRKPI_QUARTER_H
#define OKRKPI_QUARTER_H

#include "sql_types.h"

#include "utils/date.h"

/*
 * fiscal_start_month as passed to SQL: returned when it is 1 to 12, else
 * 22023.  Every function that takes a fiscal year's first month checks it here.
 */
extern int	okr_fiscal_start(int32 fiscal_start_month);

/*
 * The quarter's days [*first, *next) for a fiscal year starting in month
 * fiscal_start (1 to 12; 1 is the calendar year).  A fiscal year is named
 * after the calendar year in which it ends, so with fiscal_start > 1 its Q1
 * starts in month fiscal_start of the calendar year before.
 */
extern void okr_quarter_days(int32 quarter, int fiscal_start, DateADT *first, DateADT *next);

#endif							/* OKRKPI_QUARTER_H */
