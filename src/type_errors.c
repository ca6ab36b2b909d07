/*
 * type_errors.c: the errors of the types' plain-C parsers and checks.  The
 * parsers (literal.c) say what went wrong and where; here that becomes the
 * SQLSTATE the value's source calls for, a message naming the type, and the
 * type's hint.
 */
#include "type_errors.h"

#include "text_io.h"

const okr_type_info okr_key_result_info = {
	"key_result",
	gettext_noop("Write a key result as START -> TARGET or START -> TARGET @ CURRENT, for example '20 -> 40 @ 30' or '6h -> 45min'."),
	gettext_noop("A key result must move its metric: give it a target that differs from its start. A level to hold belongs in a kpi threshold such as '>= 40'."),
	ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE
};

const okr_type_info okr_kpi_info = {
	"kpi",
	gettext_noop("Write a KPI threshold as '>= 40', '> 40', '<= 2%', '< 2%' or a band '4.2 .. 4.8', optionally followed by '@ CURRENT'."),
	gettext_noop("Write the band's low end first, as in '4.2 .. 4.8'."),
	ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE
};

const okr_type_info okr_quarter_info = {
	"quarter",
	gettext_noop("Write a quarter as '2026-Q3', '2026Q3', '2026 Q3', 'Q3 2026' or 'Q3-2026'."),
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

/*
 * An error's detail as a message shows it: the detail written for its input
 * (UTF-8, converted to the database encoding), else the translated detail.
 */
const char *
okr_shown_detail(const okr_error *error)
{
	if (error->detail_text[0] != '\0')
		return okr_utf8_to_text(error->detail_text, strlen(error->detail_text));
	return _(error->detail);
}

/* An error's hint for its input, in the database encoding; NULL when it has none. */
const char *
okr_shown_hint(const okr_error *error)
{
	if (error->hint[0] == '\0')
		return NULL;
	return okr_utf8_to_text(error->hint, strlen(error->hint));
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
				 errdetail("%s at character %d.", okr_shown_detail(error),
						   utf8_position(input, error->position) + 1),
				 okr_shown_hint(error) ? errhint("%s", okr_shown_hint(error)) :
				 error->status == OKR_SYNTAX ? errhint("%s", _(type->syntax_hint)) : 0));

	ereport(ERROR,
			(errcode(code),
			 source == OKR_FROM_BINARY ?
			 errmsg("invalid external %s value", type->name) :
			 input != NULL ?
			 errmsg("invalid value for type %s: \"%s\"", type->name,
					okr_utf8_to_text(input, strlen(input))) :
			 errmsg("invalid value for type %s", type->name),
			 errdetail("%s.", okr_shown_detail(error)),
			 okr_shown_hint(error) ? errhint("%s", okr_shown_hint(error)) :
			 (error->status == OKR_INVALID && type->invalid_hint) ?
			 errhint("%s", _(type->invalid_hint)) : 0));
	pg_unreachable();
}
