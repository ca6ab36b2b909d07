/*
 * okrkpi.c: module magic and the helpers every type shares: error reports
 * for the plain-C parsers and checks, encoding conversion, float8 text, jsonb.
 */
#include "okrkpi.h"

#include <math.h>

#include "common/shortest_dec.h"
#include "lib/stringinfo.h"
#include "libpq/pqformat.h"
#include "mb/pg_wchar.h"
#include "utils/builtins.h"
#include "utils/fmgrprotos.h"
#include "utils/jsonb.h"
#include "utils/lsyscache.h"
#include "utils/syscache.h"
#include "catalog/namespace.h"
#include "catalog/pg_enum.h"
#include "catalog/pg_type.h"

#include "okrkpi_json.h"
#include "settings.h"
#include "utils/guc.h"

PG_MODULE_MAGIC;

void		_PG_init(void);

/* Register the settings, so SHOW and ALTER SYSTEM know them. */
void
_PG_init(void)
{
	okr_define_settings();
}

const okr_type_info okr_key_result_info = {
	"key_result",
	"Write a key result as START -> TARGET or START -> TARGET @ CURRENT, for example '20 -> 40 @ 30' or '6h -> 45min'.",
	"A key result must move its metric: give it a target that differs from its start. A level to hold belongs in a kpi threshold such as '>= 40'.",
	ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE
};

const okr_type_info okr_kpi_info = {
	"kpi",
	"Write a KPI threshold as '>= 40', '> 40', '<= 2%', '< 2%' or a band '4.2 .. 4.8', optionally followed by '@ CURRENT'.",
	"Write the band's low end first, as in '4.2 .. 4.8'.",
	ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE
};

const okr_type_info okr_quarter_info = {
	"quarter",
	"Write a quarter as '2026-Q3', '2026Q3', '2026 Q3', 'Q3 2026' or 'Q3-2026'.",
	NULL,
	ERRCODE_DATETIME_FIELD_OVERFLOW
};

/* Characters (not bytes) before a byte offset of a UTF-8 string. */
static int
utf8_position(const char *s, size_t offset)
{
	int			chars = 0;

	for (size_t i = 0; i < offset && s[i] != '\0'; i++)
		if (((unsigned char) s[i] & 0xC0) != 0x80)
			chars++;
	return chars;
}

void
okr_report(const okr_type_info *type, const okr_error *error,
		   okr_source source, const char *input)
{
	int			code;

	switch (error->status)
	{
		case OKR_RANGE:
			code = type->range_errcode;
			break;
		case OKR_INVALID:
			code = ERRCODE_INVALID_PARAMETER_VALUE;
			break;
		default:
			code = source == OKR_FROM_BINARY ? ERRCODE_INVALID_BINARY_REPRESENTATION :
				source == OKR_FROM_ARGUMENT ? ERRCODE_INVALID_PARAMETER_VALUE :
				ERRCODE_INVALID_TEXT_REPRESENTATION;
			break;
	}

	if (source == OKR_FROM_TEXT && input != NULL && error->status != OKR_INVALID)
		ereport(ERROR,
				(errcode(code),
				 error->status == OKR_RANGE ?
				 errmsg("value out of range for type %s: \"%s\"", type->name,
						okr_utf8_to_text(input, strlen(input))) :
				 errmsg("invalid input syntax for type %s: \"%s\"", type->name,
						okr_utf8_to_text(input, strlen(input))),
				 errdetail("%s at character %d.", error->detail,
						   utf8_position(input, error->position) + 1),
				 error->status == OKR_SYNTAX ? errhint("%s", type->syntax_hint) : 0));

	ereport(ERROR,
			(errcode(code),
			 source == OKR_FROM_BINARY ?
			 errmsg("invalid external %s value", type->name) :
			 input != NULL ?
			 errmsg("invalid value for type %s: \"%s\"", type->name,
					okr_utf8_to_text(input, strlen(input))) :
			 errmsg("invalid value for type %s", type->name),
			 errdetail("%s.", error->detail),
			 (error->status == OKR_INVALID && type->invalid_hint) ?
			 errhint("%s", type->invalid_hint) : 0));
	pg_unreachable();
}

char *
okr_text_to_utf8(const char *s)
{
	return pg_server_to_any(s, (int) strlen(s), PG_UTF8);
}

char *
okr_utf8_to_text(const char *s, size_t len)
{
	char	   *converted = pg_any_to_server(s, (int) len, PG_UTF8);

	/* pg_any_to_server may return its argument unterminated at len */
	if (converted == s)
		converted = pnstrdup(s, len);
	return converted;
}

void
okr_require_encodable_unit(uint8 unit)
{
	const char *name = okr_unit_name((okr_unit) unit);

	/* converting raises 22P05 when the sign has no equivalent */
	if (GetDatabaseEncoding() != PG_UTF8 && (unsigned char) name[0] >= 0x80)
		(void) okr_utf8_to_text(name, strlen(name));
}

int
okr_format_double(double value, char *buf)
{
	StaticAssertStmt(OKR_DOUBLE_BUFSIZE >= DOUBLE_SHORTEST_DECIMAL_LEN,
					 "buffer fits a shortest double");
	return double_to_shortest_decimal_buf(value, buf);
}

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

static void
wrong_json_type(const okr_type_info *type, const char *key, const char *expected)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
			 errmsg("cannot cast jsonb to type %s", type->name),
			 errdetail("Key \"%s\" must be %s.", key, expected)));
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
		wrong_json_type(type, key, "a number");

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
		wrong_json_type(type, key, "a string");
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

Oid
okr_type_oid(const char *name)
{
	Oid			namespace = get_namespace_oid("okrkpi", false);
	Oid			type = GetSysCacheOid2(TYPENAMENSP, Anum_pg_type_oid, CStringGetDatum(name),
									   ObjectIdGetDatum(namespace));

	if (!OidIsValid(type))
		elog(ERROR, "type okrkpi.%s does not exist", name);
	return type;
}

typedef struct enum_cache
{
	const char *const *labels;	/* identifies the enum the cache is for */
	Oid			values[8];
} enum_cache;

Datum
okr_enum_value(FunctionCallInfo fcinfo, const char *type_name,
			   const char *const *labels, int nlabels, int index)
{
	enum_cache *cache = (enum_cache *) fcinfo->flinfo->fn_extra;

	Assert(nlabels <= (int) lengthof(cache->values) && index >= 0 && index < nlabels);
	if (cache == NULL || cache->labels != labels)
	{
		Oid			type = okr_type_oid(type_name);

		cache = MemoryContextAlloc(fcinfo->flinfo->fn_mcxt, sizeof(enum_cache));
		cache->labels = labels;
		for (int i = 0; i < nlabels; i++)
		{
			cache->values[i] = GetSysCacheOid2(ENUMTYPOIDNAME, Anum_pg_enum_oid,
											   ObjectIdGetDatum(type),
											   CStringGetDatum(labels[i]));
			if (!OidIsValid(cache->values[i]))
				elog(ERROR, "enum okrkpi.%s has no label \"%s\"", type_name, labels[i]);
		}
		fcinfo->flinfo->fn_extra = cache;
	}
	return ObjectIdGetDatum(cache->values[index]);
}

void
okr_require_finite(double value, const char *what)
{
	if (isnan(value) || isinf(value))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s must be a finite number", what),
				 errhint("Remove NaN and infinite measurements, or filter them out with WHERE.")));
}
