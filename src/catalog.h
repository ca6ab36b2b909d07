/*
 * catalog.h: the extension's own types and enum labels, looked up in the
 * system catalogs (catalog.c).
 */
#ifndef OKRKPI_CATALOG_H
#define OKRKPI_CATALOG_H

#include "sql_types.h"

/* The OID of type okrkpi.<name>. */
extern Oid	okr_type_oid(const char *name);

/*
 * The enum value at index (0-based, in declaration order) of enum type
 * okrkpi.<type_name>.  Label OIDs are looked up once per call site and kept
 * in fn_extra, so a dropped and re-created extension is never confused.
 */
extern Datum okr_enum_value(FunctionCallInfo fcinfo, const char *type_name,
							const char *const *labels, int nlabels, int index);

/*
 * Whether that enum has the label at index: a label a later release added is
 * missing until ALTER EXTENSION okrkpi UPDATE runs.
 */
extern bool okr_enum_has(FunctionCallInfo fcinfo, const char *type_name,
						 const char *const *labels, int nlabels, int index);

#endif							/* OKRKPI_CATALOG_H */
