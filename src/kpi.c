/*
 * kpi.c: the kpi type (a threshold with an optional current value): I/O,
 * accessors, comparisons, jsonb.
 */
#include "kpi.h"

#include "common/hashfn.h"
#include "lib/stringinfo.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"
#include "utils/jsonb.h"

#include "binary.h"
#include "json.h"
#include "scoring.h"
#include "text_io.h"
#include "type_errors.h"

/* Copy a checked kpi into a new Datum, or raise the check's error. */
static okr_kpi *
make_kpi(okr_kpi *kpi, okr_source source, const char *input)
{
	okr_error	error;
	okr_kpi    *result;

	if (okr_check_kpi(kpi, &error) != OKR_OK)
		okr_report(&okr_kpi_info, &error, source, input);
	okr_require_encodable_unit(kpi->unit);
	result = palloc(sizeof(okr_kpi));
	memcpy(result, kpi, sizeof(okr_kpi));
	return result;
}

PG_FUNCTION_INFO_V1(kpi_in);
Datum
kpi_in(PG_FUNCTION_ARGS)
{
	char	   *input = okr_text_to_utf8(PG_GETARG_CSTRING(0));
	okr_kpi		kpi;
	okr_error	error;

	if (okr_parse_kpi(input, &kpi, &error) != OKR_OK)
		okr_report(&okr_kpi_info, &error, OKR_FROM_TEXT, input);
	PG_RETURN_KPI_P(make_kpi(&kpi, OKR_FROM_TEXT, input));
}

PG_FUNCTION_INFO_V1(kpi_out);
Datum
kpi_out(PG_FUNCTION_ARGS)
{
	char		buf[OKR_FORMAT_BUFSIZE];
	size_t		len = okr_format_kpi(PG_GETARG_KPI_P(0), buf, okr_format_double);

	PG_RETURN_CSTRING(okr_utf8_to_text(buf, len));
}

/* Binary format: version byte, then the fields (binary.c). */
PG_FUNCTION_INFO_V1(kpi_recv);
Datum
kpi_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	okr_kpi		kpi;

	okr_recv_version(buf, "kpi", OKR_BINARY_FORMAT_VERSION);
	okr_recv_kpi_fields(buf, &kpi);
	PG_RETURN_KPI_P(make_kpi(&kpi, OKR_FROM_BINARY, NULL));
}

PG_FUNCTION_INFO_V1(kpi_send);
Datum
kpi_send(PG_FUNCTION_ARGS)
{
	okr_kpi    *kpi = PG_GETARG_KPI_P(0);
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendbyte(&buf, OKR_BINARY_FORMAT_VERSION);
	okr_send_kpi_fields(&buf, kpi);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

PG_FUNCTION_INFO_V1(kpi_lower_bound);
Datum
kpi_lower_bound(PG_FUNCTION_ARGS)
{
	okr_kpi    *kpi = PG_GETARG_KPI_P(0);

	if (!okr_kpi_has_lower(kpi))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(kpi->lower);
}

PG_FUNCTION_INFO_V1(kpi_upper_bound);
Datum
kpi_upper_bound(PG_FUNCTION_ARGS)
{
	okr_kpi    *kpi = PG_GETARG_KPI_P(0);

	if (!okr_kpi_has_upper(kpi))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(kpi->upper);
}

PG_FUNCTION_INFO_V1(kpi_current_value);
Datum
kpi_current_value(PG_FUNCTION_ARGS)
{
	okr_kpi    *kpi = PG_GETARG_KPI_P(0);

	if (!kpi->has_current)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(kpi->current);
}

PG_FUNCTION_INFO_V1(kpi_unit);
Datum
kpi_unit(PG_FUNCTION_ARGS)
{
	const char *name = okr_unit_name(PG_GETARG_KPI_P(0)->unit);

	PG_RETURN_TEXT_P(cstring_to_text(okr_utf8_to_text(name, strlen(name))));
}

PG_FUNCTION_INFO_V1(kpi_comparison);
Datum
kpi_comparison(PG_FUNCTION_ARGS)
{
	PG_RETURN_TEXT_P(cstring_to_text(okr_comparison_name(PG_GETARG_KPI_P(0)->comparison)));
}

/* with_current(kpi, value): not strict, a NULL value removes the current value. */
PG_FUNCTION_INFO_V1(kpi_with_current);
Datum
kpi_with_current(PG_FUNCTION_ARGS)
{
	okr_kpi		kpi;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	memcpy(&kpi, PG_GETARG_KPI_P(0), sizeof(kpi));
	kpi.has_current = !PG_ARGISNULL(1);
	kpi.current = PG_ARGISNULL(1) ? 0.0 : PG_GETARG_FLOAT8(1);
	PG_RETURN_KPI_P(make_kpi(&kpi, OKR_FROM_ARGUMENT, NULL));
}

/* A one-sided minimum (>=, >) has no upper bound; a maximum no lower one. */
bool
okr_kpi_has_lower(const okr_kpi *kpi)
{
	return kpi->comparison != OKR_CMP_LE && kpi->comparison != OKR_CMP_LT;
}

bool
okr_kpi_has_upper(const okr_kpi *kpi)
{
	return kpi->comparison != OKR_CMP_GE && kpi->comparison != OKR_CMP_GT;
}

/*
 * An arbitrary total order, there for btree: comparison, bounds, current,
 * unit.  The aggregates break ties between rows with it (kpi.h).
 */
int
okr_kpi_cmp(const okr_kpi *x, const okr_kpi *y)
{
	int			c;

	if (x->comparison != y->comparison)
		return x->comparison < y->comparison ? -1 : 1;
	if ((c = okr_compare_doubles(x->lower, y->lower)) != 0 ||
		(c = okr_compare_doubles(x->upper, y->upper)) != 0)
		return c;
	if (x->has_current != y->has_current)
		return x->has_current ? 1 : -1;
	if ((c = okr_compare_doubles(x->current, y->current)) != 0)
		return c;
	return (x->unit > y->unit) - (x->unit < y->unit);
}

static int
kpi_compare(Datum a, Datum b)
{
	return okr_kpi_cmp(DatumGetKpiP(a), DatumGetKpiP(b));
}

OKR_DEFINE_COMPARISONS(kpi, kpi_compare)
OKR_DEFINE_BYTE_HASHES(kpi, okr_kpi)

static void
append_bound(StringInfo buf, const char *key, bool present, double value)
{
	appendStringInfo(buf, ", \"%s\": ", key);
	if (present)
		okr_json_append_double(buf, value);
	else
		appendStringInfoString(buf, "null");
}

PG_FUNCTION_INFO_V1(kpi_to_jsonb);
Datum
kpi_to_jsonb(PG_FUNCTION_ARGS)
{
	okr_kpi    *kpi = PG_GETARG_KPI_P(0);
	StringInfoData buf;

	initStringInfo(&buf);
	appendStringInfo(&buf, "{\"comparison\": \"%s\"", okr_comparison_name(kpi->comparison));
	append_bound(&buf, "lower", okr_kpi_has_lower(kpi), kpi->lower);
	append_bound(&buf, "upper", okr_kpi_has_upper(kpi), kpi->upper);
	append_bound(&buf, "current", kpi->has_current, kpi->current);
	appendStringInfo(&buf, ", \"unit\": \"%s\", \"health\": ", okr_unit_name(kpi->unit));
	if (kpi->has_current)
		appendStringInfo(&buf, "\"%s\"",
						 okr_health_name(okr_kpi_health(kpi, kpi->current,
														OKR_DEFAULT_TOLERANCE)));
	else
		appendStringInfoString(&buf, "null");
	appendStringInfoChar(&buf, '}');
	PG_RETURN_DATUM(okr_jsonb_from_utf8(buf.data));
}

PG_FUNCTION_INFO_V1(kpi_from_jsonb);
Datum
kpi_from_jsonb(PG_FUNCTION_ARGS)
{
	Jsonb	   *jb = PG_GETARG_JSONB_P(0);
	okr_kpi		kpi;
	char	   *name;
	okr_comparison comparison;
	okr_unit	unit = OKR_UNIT_NONE;

	memset(&kpi, 0, sizeof(kpi));
	name = okr_jsonb_string(jb, &okr_kpi_info, "comparison");
	if (name == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("cannot cast jsonb to type kpi"),
				 errdetail("Key \"comparison\" is required.")));
	if (!okr_comparison_from_name(name, &comparison))
		okr_jsonb_bad_value(&okr_kpi_info, "comparison", name);
	kpi.comparison = (uint8_t) comparison;
	if (okr_kpi_has_lower(&kpi))
		okr_jsonb_number(jb, &okr_kpi_info, "lower", true, &kpi.lower);
	if (okr_kpi_has_upper(&kpi))
		okr_jsonb_number(jb, &okr_kpi_info, "upper", true, &kpi.upper);
	kpi.has_current = okr_jsonb_number(jb, &okr_kpi_info, "current", false, &kpi.current);
	name = okr_jsonb_string(jb, &okr_kpi_info, "unit");
	if (name != NULL && (!okr_unit_from_name(name, &unit) || unit == OKR_UNIT_MILESTONES))
		okr_jsonb_bad_value(&okr_kpi_info, "unit", name);
	kpi.unit = (uint8_t) unit;
	PG_RETURN_KPI_P(make_kpi(&kpi, OKR_FROM_TEXT, NULL));
}
