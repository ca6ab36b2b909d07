/*
 * quarter.c: the quarter type: I/O, calendar and fiscal conversion, arithmetic.
 * A quarter is stored as year * 4 + (number - 1) in an int4 passed by value.
 */
#include "quarter.h"

#include "common/hashfn.h"
#include "common/int.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/datetime.h"
#include "utils/timestamp.h"

#include "binary.h"
#include "text_io.h"
#include "type_errors.h"

static void
quarter_out_of_range(void)
{
	ereport(ERROR,
			(errcode(ERRCODE_DATETIME_FIELD_OVERFLOW),
			 errmsg("quarter out of range"),
			 errdetail("Quarters run from 0001-Q1 to 9999-Q4.")));
}

static int32
quarter_from_parts(int year, int number)
{
	if (year < OKR_QUARTER_MIN_YEAR || year > OKR_QUARTER_MAX_YEAR)
		quarter_out_of_range();
	return year * 4 + number - 1;
}

PG_FUNCTION_INFO_V1(quarter_in);
Datum
quarter_in(PG_FUNCTION_ARGS)
{
	char	   *input = okr_text_to_utf8(PG_GETARG_CSTRING(0));
	int32_t		quarter;
	okr_error	error;

	if (okr_parse_quarter(input, &quarter, &error) != OKR_OK)
		okr_report(&okr_quarter_info, &error, OKR_FROM_TEXT, input);
	PG_RETURN_QUARTER(quarter);
}

PG_FUNCTION_INFO_V1(quarter_out);
Datum
quarter_out(PG_FUNCTION_ARGS)
{
	char		buf[32];

	okr_format_quarter(PG_GETARG_QUARTER(0), buf);
	PG_RETURN_CSTRING(pstrdup(buf));
}

/* Binary format: version byte, then the int4 year * 4 + number - 1. */
PG_FUNCTION_INFO_V1(quarter_recv);
Datum
quarter_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	int32		quarter;

	okr_recv_version(buf, "quarter", OKR_BINARY_FORMAT_VERSION);
	quarter = pq_getmsgint(buf, 4);
	if (!okr_quarter_is_valid(quarter))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid external quarter value"),
				 errdetail("Quarter code %d is outside 0001-Q1 to 9999-Q4.", quarter)));
	PG_RETURN_QUARTER(quarter);
}

PG_FUNCTION_INFO_V1(quarter_send);
Datum
quarter_send(PG_FUNCTION_ARGS)
{
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendbyte(&buf, OKR_BINARY_FORMAT_VERSION);
	pq_sendint32(&buf, PG_GETARG_QUARTER(0));
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/* The quarter of a calendar date, with the fiscal year starting in month fiscal_start. */
static int32
quarter_of_ymd(int year, int month, int fiscal_start)
{
	int			offset = (month - fiscal_start + 12) % 12;

	/* a fiscal year is named after the calendar year in which it ends */
	if (fiscal_start != 1 && month >= fiscal_start)
		year++;
	return quarter_from_parts(year, offset / 3 + 1);
}

static int32
quarter_of_date_value(DateADT date, int fiscal_start)
{
	int			year,
				month,
				day;

	if (DATE_NOT_FINITE(date))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_FIELD_OVERFLOW),
				 errmsg("an infinite date has no quarter")));
	j2date(date + POSTGRES_EPOCH_JDATE, &year, &month, &day);
	return quarter_of_ymd(year, month, fiscal_start);
}

PG_FUNCTION_INFO_V1(quarter_of_date);
Datum
quarter_of_date(PG_FUNCTION_ARGS)
{
	PG_RETURN_QUARTER(quarter_of_date_value(PG_GETARG_DATEADT(0), 1));
}

int
okr_fiscal_start(int32 fiscal_start_month)
{
	if (fiscal_start_month < 1 || fiscal_start_month > 12)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("fiscal_start_month must be between 1 and 12, not %d", fiscal_start_month),
				 errhint("Pass the month in which the fiscal year begins, for example 10 for October.")));
	return fiscal_start_month;
}

PG_FUNCTION_INFO_V1(quarter_of_date_fiscal);
Datum
quarter_of_date_fiscal(PG_FUNCTION_ARGS)
{
	int			fiscal_start = okr_fiscal_start(PG_GETARG_INT32(1));

	PG_RETURN_QUARTER(quarter_of_date_value(PG_GETARG_DATEADT(0), fiscal_start));
}

/* quarter_of(timestamptz): in the session time zone, hence STABLE. */
PG_FUNCTION_INFO_V1(quarter_of_timestamptz);
Datum
quarter_of_timestamptz(PG_FUNCTION_ARGS)
{
	TimestampTz ts = PG_GETARG_TIMESTAMPTZ(0);
	struct pg_tm tm;
	fsec_t		fsec;
	int			tz;

	if (TIMESTAMP_NOT_FINITE(ts) ||
		timestamp2tm(ts, &tz, &tm, &fsec, NULL, NULL) != 0)
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_FIELD_OVERFLOW),
				 errmsg("timestamp out of range for a quarter")));
	PG_RETURN_QUARTER(quarter_of_ymd(tm.tm_year, tm.tm_mon, 1));
}

/* The first day of a month counted from January of year 0 (1 BC). */
static DateADT
month_first_day(int months)
{
	return date2j(months / 12, months % 12 + 1, 1) - POSTGRES_EPOCH_JDATE;
}

void
okr_quarter_days(int32 quarter, int fiscal_start, DateADT *first, DateADT *next)
{
	int			months;

	Assert(fiscal_start >= 1 && fiscal_start <= 12);

	/*
	 * Only a quarter of years 1 to 9999 has days: its months then lie from
	 * 1 BC (fiscal 0001-Q1 when the fiscal year starts after January) to
	 * January 10000 (the end of 9999-Q4), well inside date's range, which
	 * runs from 4714 BC to 5874897.
	 */
	if (!okr_quarter_is_valid(quarter))
		quarter_out_of_range();

	/* the quarter's first month, counted from January of year 0 */
	months = (quarter / 4) * 12 + (quarter % 4) * 3 + (fiscal_start - 1);
	if (fiscal_start != 1)
		months -= 12;			/* fiscal year Y starts in year Y - 1 */
	*first = month_first_day(months);
	*next = month_first_day(months + 3);
}

/* The first day of the quarter, or of the next quarter: periods are half-open. */
static Datum
quarter_day(FunctionCallInfo fcinfo, int fiscal_start, bool end)
{
	DateADT		first,
				next;

	okr_quarter_days(PG_GETARG_QUARTER(0), fiscal_start, &first, &next);
	PG_RETURN_DATEADT(end ? next : first);
}

PG_FUNCTION_INFO_V1(quarter_start);
Datum
quarter_start(PG_FUNCTION_ARGS)
{
	return quarter_day(fcinfo, 1, false);
}

PG_FUNCTION_INFO_V1(quarter_end);
Datum
quarter_end(PG_FUNCTION_ARGS)
{
	return quarter_day(fcinfo, 1, true);
}

PG_FUNCTION_INFO_V1(quarter_start_fiscal);
Datum
quarter_start_fiscal(PG_FUNCTION_ARGS)
{
	return quarter_day(fcinfo, okr_fiscal_start(PG_GETARG_INT32(1)), false);
}

PG_FUNCTION_INFO_V1(quarter_end_fiscal);
Datum
quarter_end_fiscal(PG_FUNCTION_ARGS)
{
	return quarter_day(fcinfo, okr_fiscal_start(PG_GETARG_INT32(1)), true);
}

/*
 * The days of a plan's cycle: a quarter, or (quarter NULL) a fiscal year,
 * which runs from its Q1's first day to its Q4's end.  Not strict, as an
 * objective has one of the two; NULL when it has neither, or no month.
 */
static Datum
cycle_day(FunctionCallInfo fcinfo, bool end)
{
	DateADT		first,
				next;
	int			fiscal_start;

	if (PG_ARGISNULL(2) || (PG_ARGISNULL(0) && PG_ARGISNULL(1)))
		PG_RETURN_NULL();
	fiscal_start = okr_fiscal_start(PG_GETARG_INT32(2));
	if (!PG_ARGISNULL(0))
		okr_quarter_days(PG_GETARG_QUARTER(0), fiscal_start, &first, &next);
	else
	{
		int32		year = PG_GETARG_INT32(1);
		DateADT		unused;

		okr_quarter_days(quarter_from_parts(year, end ? 4 : 1), fiscal_start,
						 end ? &unused : &first, end ? &next : &unused);
	}
	PG_RETURN_DATEADT(end ? next : first);
}

PG_FUNCTION_INFO_V1(cycle_start);
Datum
cycle_start(PG_FUNCTION_ARGS)
{
	return cycle_day(fcinfo, false);
}

PG_FUNCTION_INFO_V1(cycle_end);
Datum
cycle_end(PG_FUNCTION_ARGS)
{
	return cycle_day(fcinfo, true);
}

PG_FUNCTION_INFO_V1(quarter_year);
Datum
quarter_year(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32(PG_GETARG_QUARTER(0) / 4);
}

PG_FUNCTION_INFO_V1(quarter_number);
Datum
quarter_number(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32(PG_GETARG_QUARTER(0) % 4 + 1);
}

static int32
quarter_add(int32 quarter, int32 n)
{
	int32		result;

	if (pg_add_s32_overflow(quarter, n, &result) || !okr_quarter_is_valid(result))
		quarter_out_of_range();
	return result;
}

PG_FUNCTION_INFO_V1(quarter_pl_int);
Datum
quarter_pl_int(PG_FUNCTION_ARGS)
{
	PG_RETURN_QUARTER(quarter_add(PG_GETARG_QUARTER(0), PG_GETARG_INT32(1)));
}

PG_FUNCTION_INFO_V1(int_pl_quarter);
Datum
int_pl_quarter(PG_FUNCTION_ARGS)
{
	PG_RETURN_QUARTER(quarter_add(PG_GETARG_QUARTER(1), PG_GETARG_INT32(0)));
}

PG_FUNCTION_INFO_V1(quarter_mi_int);
Datum
quarter_mi_int(PG_FUNCTION_ARGS)
{
	int32		n = PG_GETARG_INT32(1);

	if (n == PG_INT32_MIN)
		quarter_out_of_range();
	PG_RETURN_QUARTER(quarter_add(PG_GETARG_QUARTER(0), -n));
}

PG_FUNCTION_INFO_V1(quarter_mi_quarter);
Datum
quarter_mi_quarter(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32(PG_GETARG_QUARTER(0) - PG_GETARG_QUARTER(1));
}

static int
quarter_compare(Datum a, Datum b)
{
	int32		x = DatumGetQuarter(a);
	int32		y = DatumGetQuarter(b);

	return (x > y) - (x < y);
}

OKR_DEFINE_COMPARISONS(quarter, quarter_compare)

/* min(quarter) and max(quarter): transition and combine functions, both strict */
PG_FUNCTION_INFO_V1(quarter_smaller);
Datum
quarter_smaller(PG_FUNCTION_ARGS)
{
	int32		a = PG_GETARG_QUARTER(0);
	int32		b = PG_GETARG_QUARTER(1);

	PG_RETURN_QUARTER(a <= b ? a : b);
}

PG_FUNCTION_INFO_V1(quarter_larger);
Datum
quarter_larger(PG_FUNCTION_ARGS)
{
	int32		a = PG_GETARG_QUARTER(0);
	int32		b = PG_GETARG_QUARTER(1);

	PG_RETURN_QUARTER(a >= b ? a : b);
}

PG_FUNCTION_INFO_V1(quarter_hash);
Datum
quarter_hash(PG_FUNCTION_ARGS)
{
	return hash_uint32((uint32) PG_GETARG_QUARTER(0));
}

PG_FUNCTION_INFO_V1(quarter_hash_extended);
Datum
quarter_hash_extended(PG_FUNCTION_ARGS)
{
	return hash_uint32_extended((uint32) PG_GETARG_QUARTER(0), PG_GETARG_INT64(1));
}
