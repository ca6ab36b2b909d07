/*
 * sql_types.h: the SQL types key_result, kpi and quarter in server code: their
 * stored sizes, their Datum conversions, and the templates of the comparison
 * and hash functions every type defines.
 */
#ifndef OKRKPI_SQL_TYPES_H
#define OKRKPI_SQL_TYPES_H

#include "compat.h"
#include "fmgr.h"

#include "literal.h"

StaticAssertDecl(sizeof(okr_key_result) == 32, "key_result is stored in 32 bytes");
StaticAssertDecl(sizeof(okr_kpi) == 32, "kpi is stored in 32 bytes");
StaticAssertDecl(sizeof(int32) == 4, "quarter is stored in 4 bytes");

#define DatumGetKeyResultP(d)	((okr_key_result *) DatumGetPointer(d))
#define PG_GETARG_KEY_RESULT_P(n) DatumGetKeyResultP(PG_GETARG_DATUM(n))
#define PG_RETURN_KEY_RESULT_P(p) PG_RETURN_POINTER(p)

#define DatumGetKpiP(d)			((okr_kpi *) DatumGetPointer(d))
#define PG_GETARG_KPI_P(n)		DatumGetKpiP(PG_GETARG_DATUM(n))
#define PG_RETURN_KPI_P(p)		PG_RETURN_POINTER(p)

#define DatumGetQuarter(d)		DatumGetInt32(d)
#define QuarterGetDatum(q)		Int32GetDatum(q)
#define PG_GETARG_QUARTER(n)	DatumGetQuarter(PG_GETARG_DATUM(n))
#define PG_RETURN_QUARTER(q)	return QuarterGetDatum(q)

/*
 * The six comparison functions and two hash functions of a type, from a
 * three-way compare of two Datums.  The structs are normalised (no -0, unused
 * fields zero), so equal values have equal bytes and hash alike.
 */
#define OKR_DEFINE_COMPARISONS(prefix, compare) \
PG_FUNCTION_INFO_V1(prefix##_cmp); \
Datum prefix##_cmp(PG_FUNCTION_ARGS) \
{ PG_RETURN_INT32(compare(PG_GETARG_DATUM(0), PG_GETARG_DATUM(1))); } \
PG_FUNCTION_INFO_V1(prefix##_eq); \
Datum prefix##_eq(PG_FUNCTION_ARGS) \
{ PG_RETURN_BOOL(compare(PG_GETARG_DATUM(0), PG_GETARG_DATUM(1)) == 0); } \
PG_FUNCTION_INFO_V1(prefix##_ne); \
Datum prefix##_ne(PG_FUNCTION_ARGS) \
{ PG_RETURN_BOOL(compare(PG_GETARG_DATUM(0), PG_GETARG_DATUM(1)) != 0); } \
PG_FUNCTION_INFO_V1(prefix##_lt); \
Datum prefix##_lt(PG_FUNCTION_ARGS) \
{ PG_RETURN_BOOL(compare(PG_GETARG_DATUM(0), PG_GETARG_DATUM(1)) < 0); } \
PG_FUNCTION_INFO_V1(prefix##_le); \
Datum prefix##_le(PG_FUNCTION_ARGS) \
{ PG_RETURN_BOOL(compare(PG_GETARG_DATUM(0), PG_GETARG_DATUM(1)) <= 0); } \
PG_FUNCTION_INFO_V1(prefix##_gt); \
Datum prefix##_gt(PG_FUNCTION_ARGS) \
{ PG_RETURN_BOOL(compare(PG_GETARG_DATUM(0), PG_GETARG_DATUM(1)) > 0); } \
PG_FUNCTION_INFO_V1(prefix##_ge); \
Datum prefix##_ge(PG_FUNCTION_ARGS) \
{ PG_RETURN_BOOL(compare(PG_GETARG_DATUM(0), PG_GETARG_DATUM(1)) >= 0); }

#define OKR_DEFINE_BYTE_HASHES(prefix, type) \
PG_FUNCTION_INFO_V1(prefix##_hash); \
Datum prefix##_hash(PG_FUNCTION_ARGS) \
{ return hash_any((const unsigned char *) PG_GETARG_POINTER(0), sizeof(type)); } \
PG_FUNCTION_INFO_V1(prefix##_hash_extended); \
Datum prefix##_hash_extended(PG_FUNCTION_ARGS) \
{ return hash_any_extended((const unsigned char *) PG_GETARG_POINTER(0), sizeof(type), \
						   PG_GETARG_INT64(1)); }

/* Compare two doubles three-way (values are always finite). */
static inline int
okr_compare_doubles(double a, double b)
{
	return (a < b) ? -1 : (a > b) ? 1 : 0;
}

#endif							/* OKRKPI_SQL_TYPES_H */
