/*
 * json.c: the jsonb casts' shared work: the objects key_result and kpi are
 * cast from, read key by key with the errors a wrong shape calls for, and the
 * JSON text the casts to jsonb write.
 */
#include "json.h"

#include <math.h>

#include "utils/builtins.h"
#include "utils/fmgrprotos.h"

#include "text_io.h"

Datum
okr_jsonb_from_utf8(const char *json)
{
	return DirectFunctionCall1(jsonb_in,
							   CStringGetDatum(okr_utf8_to_text(json, strlen(json))));
}

void
okr_json_append_double(StringInfo buf, double value)
{
	char		digits[OKR_DOUBLE_BUFSIZE];

	okr_format_double(value, digits);
	appendStringInfoString(buf, digits);
}

/* Look a key up in a jsonb object; raise 22P02 if jb is not an object. */
static bool
jsonb_lookup(Jsonb *jb, const okr_type_info *type, const char *key, JsonbValue *out)
{
	if (!JB_ROOT_IS_OBJECT(jb) || JB_ROOT_IS_SCALAR(jb))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("cannot cast jsonb to type %s", type->name),
				 errdetail("The jsonb value is not an object.")));
	return getKeyJsonValueFromContainer(&jb->root, key, strlen(key), out) != NULL;
}

/* Raise the error for a key of the wrong JSON type: a number or a string was expected. */
static void
wrong_json_type(const okr_type_info *type, const char *key, bool wants_number)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
			 errmsg("cannot cast jsonb to type %s", type->name),
			 wants_number ?
			 errdetail("Key \"%s\" must be a number.", key) :
			 errdetail("Key \"%s\" must be a string.", key)));
}

bool
okr_jsonb_number(Jsonb *jb, const okr_type_info *type, const char *key,
				 bool required, double *out)
{
	JsonbValue	v;
	char	   *digits;
	double		value;

	if (!jsonb_lookup(jb, type, key, &v) || v.type == jbvNull)
	{
		if (required)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
					 errmsg("cannot cast jsonb to type %s", type->name),
					 errdetail("Key \"%s\" is required.", key)));
		return false;
	}
	if (v.type != jbvNumeric)
		wrong_json_type(type, key, true);

	/* the same range rule as text input: no overflow, no underflow to zero */
	digits = DatumGetCString(DirectFunctionCall1(numeric_out,
												 NumericGetDatum(v.val.numeric)));
	errno = 0;
	value = strtod(digits, NULL);
	if (errno == ERANGE && (value == 0.0 || isinf(value)))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("cannot cast jsonb to type %s", type->name),
				 errdetail("Key \"%s\" is out of range for type double precision.", key)));
	*out = value;
	return true;
}

char *
okr_jsonb_string(Jsonb *jb, const okr_type_info *type, const char *key)
{
	JsonbValue	v;
	char	   *text;

	if (!jsonb_lookup(jb, type, key, &v) || v.type == jbvNull)
		return NULL;
	if (v.type != jbvString)
		wrong_json_type(type, key, false);
	text = pnstrdup(v.val.string.val, v.val.string.len);
	return pstrdup(okr_text_to_utf8(text));
}

void
okr_jsonb_bad_value(const okr_type_info *type, const char *key, const char *value)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
			 errmsg("cannot cast jsonb to type %s", type->name),
			 errdetail("Key \"%s\" has the unknown value \"%s\".", key,
					   okr_utf8_to_text(value, strlen(value)))));
}
