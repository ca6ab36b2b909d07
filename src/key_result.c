/*
 * key_result.c: the key_result type: I/O, accessors, comparisons, jsonb.
 */
#include "key_result.h"

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

/* Copy a checked key result into a new Datum, or raise the check's error. */
static okr_key_result *
make_key_result(okr_key_result *kr, okr_source source, const char *input)
{
	okr_error	error;
	okr_key_result *result;

	if (okr_check_key_result(kr, &error) != OKR_OK)
		okr_report(&okr_key_result_info, &error, source, input);
	okr_require_encodable_unit(kr->unit);
	result = palloc(sizeof(okr_key_result));
	memcpy(result, kr, sizeof(okr_key_result));
	return result;
}

PG_FUNCTION_INFO_V1(key_result_in);
Datum
key_result_in(PG_FUNCTION_ARGS)
{
	char	   *input = okr_text_to_utf8(PG_GETARG_CSTRING(0));
	okr_key_result kr;
	okr_error	error;

	if (okr_parse_key_result(input, &kr, &error) != OKR_OK)
		okr_report(&okr_key_result_info, &error, OKR_FROM_TEXT, input);
	PG_RETURN_KEY_RESULT_P(make_key_result(&kr, OKR_FROM_TEXT, input));
}

PG_FUNCTION_INFO_V1(key_result_out);
Datum
key_result_out(PG_FUNCTION_ARGS)
{
	okr_key_result *kr = PG_GETARG_KEY_RESULT_P(0);
	char		buf[OKR_FORMAT_BUFSIZE];
	size_t		len = okr_format_key_result(kr, buf, okr_format_double);

	PG_RETURN_CSTRING(okr_utf8_to_text(buf, len));
}

/* Binary format: version byte, then the fields (binary.c). */
PG_FUNCTION_INFO_V1(key_result_recv);
Datum
key_result_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	okr_key_result kr;

	okr_recv_version(buf, "key_result", OKR_BINARY_FORMAT_VERSION);
	okr_recv_key_result_fields(buf, &kr);
	PG_RETURN_KEY_RESULT_P(make_key_result(&kr, OKR_FROM_BINARY, NULL));
}

PG_FUNCTION_INFO_V1(key_result_send);
Datum
key_result_send(PG_FUNCTION_ARGS)
{
	okr_key_result *kr = PG_GETARG_KEY_RESULT_P(0);
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendbyte(&buf, OKR_BINARY_FORMAT_VERSION);
	okr_send_key_result_fields(&buf, kr);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

PG_FUNCTION_INFO_V1(key_result_start_value);
Datum
key_result_start_value(PG_FUNCTION_ARGS)
{
	PG_RETURN_FLOAT8(PG_GETARG_KEY_RESULT_P(0)->start);
}

PG_FUNCTION_INFO_V1(key_result_target_value);
Datum
key_result_target_value(PG_FUNCTION_ARGS)
{
	PG_RETURN_FLOAT8(PG_GETARG_KEY_RESULT_P(0)->target);
}

PG_FUNCTION_INFO_V1(key_result_current_value);
Datum
key_result_current_value(PG_FUNCTION_ARGS)
{
	okr_key_result *kr = PG_GETARG_KEY_RESULT_P(0);

	if (!kr->has_current)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(kr->current);
}

PG_FUNCTION_INFO_V1(key_result_unit);
Datum
key_result_unit(PG_FUNCTION_ARGS)
{
	const char *name = okr_unit_name(PG_GETARG_KEY_RESULT_P(0)->unit);

	PG_RETURN_TEXT_P(cstring_to_text(okr_utf8_to_text(name, strlen(name))));
}

static const char *
direction_name(const okr_key_result *kr)
{
	return kr->target > kr->start ? "increase" : "decrease";
}

PG_FUNCTION_INFO_V1(key_result_direction);
Datum
key_result_direction(PG_FUNCTION_ARGS)
{
	PG_RETURN_TEXT_P(cstring_to_text(direction_name(PG_GETARG_KEY_RESULT_P(0))));
}

PG_FUNCTION_INFO_V1(key_result_is_milestone);
Datum
key_result_is_milestone(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(PG_GETARG_KEY_RESULT_P(0)->unit == OKR_UNIT_MILESTONES);
}

/* with_current(kr, value): not strict, a NULL value removes the current value. */
PG_FUNCTION_INFO_V1(key_result_with_current);
Datum
key_result_with_current(PG_FUNCTION_ARGS)
{
	okr_key_result kr;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	memcpy(&kr, PG_GETARG_KEY_RESULT_P(0), sizeof(kr));
	kr.has_current = !PG_ARGISNULL(1);
	kr.current = PG_ARGISNULL(1) ? 0.0 : PG_GETARG_FLOAT8(1);
	PG_RETURN_KEY_RESULT_P(make_key_result(&kr, OKR_FROM_ARGUMENT, NULL));
}

/*
 * An arbitrary total order, there for btree: start, target, current, unit.
 * The aggregates break ties between rows with it (key_result.h).
 */
int
okr_key_result_cmp(const okr_key_result *x, const okr_key_result *y)
{
	int			c;

	if ((c = okr_compare_doubles(x->start, y->start)) != 0 ||
		(c = okr_compare_doubles(x->target, y->target)) != 0)
		return c;
	if (x->has_current != y->has_current)
		return x->has_current ? 1 : -1;
	if ((c = okr_compare_doubles(x->current, y->current)) != 0)
		return c;
	return (x->unit > y->unit) - (x->unit < y->unit);
}

static int
key_result_compare(Datum a, Datum b)
{
	return okr_key_result_cmp(DatumGetKeyResultP(a), DatumGetKeyResultP(b));
}

OKR_DEFINE_COMPARISONS(key_result, key_result_compare)
OKR_DEFINE_BYTE_HASHES(key_result, okr_key_result)

PG_FUNCTION_INFO_V1(key_result_to_jsonb);
Datum
key_result_to_jsonb(PG_FUNCTION_ARGS)
{
	okr_key_result *kr = PG_GETARG_KEY_RESULT_P(0);
	StringInfoData buf;

	initStringInfo(&buf);
	appendStringInfoString(&buf, "{\"start\": ");
	okr_json_append_double(&buf, kr->start);
	appendStringInfoString(&buf, ", \"target\": ");
	okr_json_append_double(&buf, kr->target);
	appendStringInfoString(&buf, ", \"current\": ");
	if (kr->has_current)
		okr_json_append_double(&buf, kr->current);
	else
		appendStringInfoString(&buf, "null");
	/* unit names contain no character that needs escaping */
	appendStringInfo(&buf, ", \"unit\": \"%s\", \"direction\": \"%s\", \"score\": ",
					 okr_unit_name(kr->unit), direction_name(kr));
	if (kr->has_current)
		okr_json_append_double(&buf, okr_score(kr, kr->current));
	else
		appendStringInfoString(&buf, "null");
	appendStringInfoChar(&buf, '}');
	PG_RETURN_DATUM(okr_jsonb_from_utf8(buf.data));
}

PG_FUNCTION_INFO_V1(key_result_from_jsonb);
Datum
key_result_from_jsonb(PG_FUNCTION_ARGS)
{
	Jsonb	   *jb = PG_GETARG_JSONB_P(0);
	okr_key_result kr;
	char	   *unit_name;
	okr_unit	unit = OKR_UNIT_NONE;

	memset(&kr, 0, sizeof(kr));
	okr_jsonb_number(jb, &okr_key_result_info, "start", true, &kr.start);
	okr_jsonb_number(jb, &okr_key_result_info, "target", true, &kr.target);
	kr.has_current = okr_jsonb_number(jb, &okr_key_result_info, "current", false, &kr.current);
	unit_name = okr_jsonb_string(jb, &okr_key_result_info, "unit");
	if (unit_name != NULL && !okr_unit_from_name(unit_name, &unit))
		okr_jsonb_bad_value(&okr_key_result_info, "unit", unit_name);
	kr.unit = (uint8_t) unit;
	PG_RETURN_KEY_RESULT_P(make_key_result(&kr, OKR_FROM_TEXT, NULL));
}
