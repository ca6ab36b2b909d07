/*
 * text_io.c: text between the server and the plain-C parsers and formatters,
 * which read and write UTF-8: encoding conversion, the check that a unit's
 * sign fits the database encoding, and the float8 formatter they are given.
 */
#include "text_io.h"

#include "common/shortest_dec.h"
#include "mb/pg_wchar.h"

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
