/*
 * catalog.c: the extension's own types and enum labels, looked up in the
 * system catalogs by name within schema okrkpi.
 */
#include "catalog.h"

#include "catalog/namespace.h"
#include "catalog/pg_enum.h"
#include "catalog/pg_type.h"
#include "utils/syscache.h"

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

/* The label OIDs of one enum at one call site: looked up once, kept in fn_extra. */
static enum_cache *
enum_cache_for(FunctionCallInfo fcinfo, const char *type_name,
			   const char *const *labels, int nlabels)
{
	enum_cache *cache = (enum_cache *) fcinfo->flinfo->fn_extra;

	Assert(nlabels <= (int) lengthof(cache->values));
	if (cache == NULL || cache->labels != labels)
	{
		Oid			type = okr_type_oid(type_name);

		cache = MemoryContextAlloc(fcinfo->flinfo->fn_mcxt, sizeof(enum_cache));
		cache->labels = labels;
		for (int i = 0; i < nlabels; i++)
			cache->values[i] = GetSysCacheOid2(ENUMTYPOIDNAME, Anum_pg_enum_oid,
											   ObjectIdGetDatum(type),
											   CStringGetDatum(labels[i]));
		fcinfo->flinfo->fn_extra = cache;
	}
	return cache;
}

bool
okr_enum_has(FunctionCallInfo fcinfo, const char *type_name,
			 const char *const *labels, int nlabels, int index)
{
	Assert(index >= 0 && index < nlabels);
	return OidIsValid(enum_cache_for(fcinfo, type_name, labels, nlabels)->values[index]);
}

Datum
okr_enum_value(FunctionCallInfo fcinfo, const char *type_name,
			   const char *const *labels, int nlabels, int index)
{
	enum_cache *cache = enum_cache_for(fcinfo, type_name, labels, nlabels);

	Assert(index >= 0 && index < nlabels);

	/*
	 * A label a later release added (kr_status's missed in 0.3.0) is absent
	 * while the library is newer than the extension's SQL; callers that can
	 * answer without it ask okr_enum_has() first.
	 */
	if (!OidIsValid(cache->values[index]))
		ereport(ERROR,
				(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				 errmsg("enum okrkpi.%s has no label \"%s\"", type_name, labels[index]),
				 errhint("Update the extension: ALTER EXTENSION okrkpi UPDATE.")));
	return ObjectIdGetDatum(cache->values[index]);
}
