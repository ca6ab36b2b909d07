/*
 * json.h: the jsonb casts' shared work (json.c): reading the objects the
 * casts to key_result and kpi accept, each function raising 22P02 for a
 * value of the wrong shape, and writing the objects the casts from them give.
 */
#ifndef OKRKPI_JSON_H
#define OKRKPI_JSON_H

#include "type_errors.h"

#include "lib/stringinfo.h"
#include "utils/jsonb.h"

/* A number under key; false when absent or null (an error if required). */
extern bool okr_jsonb_number(Jsonb *jb, const okr_type_info *type, const char *key,
							 bool required, double *out);

/* A string under key, converted to UTF-8; NULL when absent or null. */
extern char *okr_jsonb_string(Jsonb *jb, const okr_type_info *type, const char *key);

/* Raise the error for a string key whose value is not one of the known ones. */
pg_noreturn extern void okr_jsonb_bad_value(const okr_type_info *type, const char *key,
											const char *value);

/* Build a jsonb Datum from JSON text written in UTF-8. */
extern Datum okr_jsonb_from_utf8(const char *json);

/* Append a float8 to JSON text being built (shortest exact). */
extern void okr_json_append_double(StringInfo buf, double value);

#endif							/* OKRKPI_JSON_H */
