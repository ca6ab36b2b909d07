/*
 * text_io.h: text between the server and the plain-C parsers and formatters
 * (text_io.c): the server encoding to and from their UTF-8, and the float8
 * formatter they are given.
 */
#ifndef OKRKPI_TEXT_IO_H
#define OKRKPI_TEXT_IO_H

#include "sql_types.h"

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

#endif							/* OKRKPI_TEXT_IO_H */
