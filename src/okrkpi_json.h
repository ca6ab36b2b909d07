/*
 * okrkpi_json.h: reading the jsonb objects the casts to key_result and kpi
 * accept.  Every function raises 22P02 for a value of the wrong shape.
 */
#ifndef OKRKPI_JSON_H
#define OKRKPI_JSON_H

#include "utils/jsonb.h"

/* A number under key; false when absent or null (an error if required). */
extern bool okr_jsonb_number(Jsonb *jb, const okr_type_info *type, const char *key,
							 bool required, double *out);

/* A string under key, converted to UTF-8; NULL when absent or null. */
extern char *okr_jsonb_string(Jsonb *jb, const okr_type_info *type, const char *key);

/* Raise the error for a string key whose value is not one of the known ones. */
pg_noreturn extern void okr_jsonb_bad_value(const okr_type_info *type, const char *key,
											const char *value);

#endif							/* OKRKPI_JSON_H */
