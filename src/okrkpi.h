/*
 * okrkpi.h: what the server-side files share: Datum conversions for the
 * types, error reporting for the plain-C checks, text conversion helpers.
 */
#ifndef OKRKPI_H
#define OKRKPI_H

#include "compat.h"
#include "fmgr.h"

#include "literal.h"
#include "scoring.h"

StaticAssertDecl(sizeof(okr_key_result) == 32, "key_result is stored in 32 bytes");
StaticAssertDecl(sizeof(okr_kpi) == 32, "kpi is stored in 32 bytes");
StaticAssertDecl(sizeof(int32) == 4, "quarter is stored in 4 bytes");

/* The first byte of the binary send format of key_result, kpi and quarter. */
#define OKR_BINARY_FORMAT_VERSION 1

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

/* Where a value being checked came from: it decides the SQLSTATE. */
typedef enum okr_source
{
	OKR_FROM_TEXT,				/* text input and jsonb casts: 22P02 / 22003 / 22023 */
	OKR_FROM_BINARY,			/* binary receive: 22P03 / 22003 / 22023 */
	OKR_FROM_ARGUMENT			/* a function argument such as with_current: 22023 */
} okr_source;

/* What the error messages of one type say. */
typedef struct okr_type_info
{
	const char *name;			/* "key_result" */
	const char *syntax_hint;	/* how to write a literal */
	const char *invalid_hint;	/* how to fix an OKR_INVALID value */
	int			range_errcode;	/* SQLSTATE for OKR_RANGE */
} okr_type_info;

extern const okr_type_info okr_key_result_info;
extern const okr_type_info okr_kpi_info;
extern const okr_type_info okr_quarter_info;

/* Raise the error that a failed parse or check calls for; never returns. */
pg_noreturn extern void okr_report(const okr_type_info *type, const okr_error *error,
								   okr_source source, const char *input);

/* binary.c: read the format-version byte that starts every binary value (22P03 if not expected). */
struct StringInfoData;
extern void okr_recv_version(struct StringInfoData *buf, const char *type_name, int expected);

/* binary.c: key_result and kpi fields in binary, for the types and the aggregate states. */
extern void okr_send_key_result_fields(struct StringInfoData *buf, const okr_key_result *kr);
extern void okr_recv_key_result_fields(struct StringInfoData *buf, okr_key_result *kr);
extern void okr_send_kpi_fields(struct StringInfoData *buf, const okr_kpi *kpi);
extern void okr_recv_kpi_fields(struct StringInfoData *buf, okr_kpi *kpi);
extern bool okr_kpi_has_lower(const okr_kpi *kpi);
extern bool okr_kpi_has_upper(const okr_kpi *kpi);

/* Convert between the server encoding and the parsers' UTF-8. */
extern char *okr_text_to_utf8(const char *s);
extern char *okr_utf8_to_text(const char *s, size_t len);

/*
 * Raise unless the unit's sign can be shown in the database encoding (a
 * binary value from a UTF-8 database may carry '€' into a LATIN1 one).
 */
extern void okr_require_encodable_unit(uint8 unit);

/* The float8 formatter every output uses: shortest exact, independent of GUCs. */
extern int	okr_format_double(double value, char *buf);

/* Build a jsonb Datum from JSON text written in UTF-8. */
extern Datum okr_jsonb_from_utf8(const char *json);

/* Append a float8 to JSON text being built (shortest exact). */
extern void okr_json_append_double(struct StringInfoData *buf, double value);

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

/* The OID of type okrkpi.<name>. */
extern Oid	okr_type_oid(const char *name);

/*
 * The enum value at index (0-based, in declaration order) of enum type
 * okrkpi.<type_name>.  Label OIDs are looked up once per call site and kept
 * in fn_extra, so a dropped and re-created extension is never confused.
 */
extern Datum okr_enum_value(FunctionCallInfo fcinfo, const char *type_name,
							const char *const *labels, int nlabels, int index);

/* Raise 22023 unless value is finite; what names the argument. */
extern void okr_require_finite(double value, const char *what);

/* Compare two doubles three-way (values are always finite). */
static inline int
okr_compare_doubles(double a, double b)
{
	return (a < b) ? -1 : (a > b) ? 1 : 0;
}

/*
 * The btree order of key_result and kpi (key_result.c, kpi.c), three-way.
 * The latest-row aggregates break ties on time and value with it, so a
 * documented, row-order-independent row wins (doc/scoring.md).
 */
extern int	okr_key_result_cmp(const okr_key_result *a, const okr_key_result *b);
extern int	okr_kpi_cmp(const okr_kpi *a, const okr_kpi *b);

#endif							/* OKRKPI_H */
