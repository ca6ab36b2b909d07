/*
 * compat.h: the server APIs that differ between the PostgreSQL majors okrkpi
 * builds against (15 and 18 tested; 16 and 17 guarded where the difference is
 * known).  Every version test lives here, so the rest of the code is written
 * once against the newest API.
 */
#ifndef OKRKPI_COMPAT_H
#define OKRKPI_COMPAT_H

#include "postgres.h"

/*
 * PostgreSQL 18 replaced pg_attribute_noreturn(), written after a
 * declaration, with pg_noreturn, written before it.  Before 18 the GCC and
 * Clang spelling of the attribute may stand in front as well.
 */
#ifndef pg_noreturn
#define pg_noreturn pg_attribute_noreturn()
#endif

/* PostgreSQL 16 added an error-context argument to stringToQualifiedNameList(). */
#if PG_VERSION_NUM >= 160000
#define okr_qualified_name_list(string) stringToQualifiedNameList(string, NULL)
#else
#define okr_qualified_name_list(string) stringToQualifiedNameList(string)
#endif

/* PostgreSQL 15 renamed EmitWarningsOnPlaceholders() to MarkGUCPrefixReserved(). */
#if PG_VERSION_NUM < 150000
#define MarkGUCPrefixReserved(prefix) EmitWarningsOnPlaceholders(prefix)
#endif

#endif							/* OKRKPI_COMPAT_H */
