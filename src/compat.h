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

/*
 * Whether this transaction holds a lock of any mode on a relation.
 * PostgreSQL 17 added CheckRelationOidLockedByMe(); before, LockHeldByMe()
 * tests one mode at a time.
 */
#include "catalog/catalog.h"
#include "miscadmin.h"
#include "storage/lmgr.h"
#if PG_VERSION_NUM >= 170000
#define okr_relation_locked_by_me(relid) CheckRelationOidLockedByMe(relid, AccessShareLock, true)
#else
static inline bool
okr_relation_locked_by_me(Oid relid)
{
	LOCKTAG		tag;

	SET_LOCKTAG_RELATION(tag, IsSharedRelation(relid) ? InvalidOid : MyDatabaseId, relid);
	for (LOCKMODE mode = AccessShareLock; mode <= AccessExclusiveLock; mode++)
		if (LockHeldByMe(&tag, mode))
			return true;
	return false;
}
#endif

/* PostgreSQL 16 folded pg_proc_aclcheck() and its kin into object_aclcheck(). */
#include "catalog/pg_proc.h"
#include "utils/acl.h"
#if PG_VERSION_NUM >= 160000
#define okr_proc_aclcheck(funcoid, roleid, mode) object_aclcheck(ProcedureRelationId, funcoid, roleid, mode)
#else
#define okr_proc_aclcheck(funcoid, roleid, mode) pg_proc_aclcheck(funcoid, roleid, mode)
#endif

#endif							/* OKRKPI_COMPAT_H */
