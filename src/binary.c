/*
 * binary.c: the binary send/recv formats.  Every binary value starts with a
 * format-version byte; key_result and kpi fields are written by one codec,
 * used by the types' own send/recv and by the aggregate states that carry a
 * key result or a KPI, so the two can never drift apart.
 */
#include "binary.h"

#include "libpq/pqformat.h"

#include "kpi.h"

void
okr_recv_version(StringInfo buf, const char *type_name, int expected)
{
	int			version = pq_getmsgbyte(buf);

	if (version != expected)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid external %s value", type_name),
				 errdetail("Unknown binary format version %d; this okrkpi reads version %d.",
						   version, expected)));
}

/* unit byte, has_current byte, start, target[, current] */
void
okr_send_key_result_fields(StringInfo buf, const okr_key_result *kr)
{
	pq_sendbyte(buf, kr->unit);
	pq_sendbyte(buf, kr->has_current);
	pq_sendfloat8(buf, kr->start);
	pq_sendfloat8(buf, kr->target);
	if (kr->has_current)
		pq_sendfloat8(buf, kr->current);
}

/* The fields as sent, unchecked: the caller checks them as it checks text input. */
void
okr_recv_key_result_fields(StringInfo buf, okr_key_result *kr)
{
	memset(kr, 0, sizeof(*kr));
	kr->unit = (uint8_t) pq_getmsgbyte(buf);
	kr->has_current = (uint8_t) pq_getmsgbyte(buf);
	kr->start = pq_getmsgfloat8(buf);
	kr->target = pq_getmsgfloat8(buf);
	if (kr->has_current)
		kr->current = pq_getmsgfloat8(buf);
}

/* comparison, unit and has_current bytes, then the bounds it has, then current */
void
okr_send_kpi_fields(StringInfo buf, const okr_kpi *kpi)
{
	pq_sendbyte(buf, kpi->comparison);
	pq_sendbyte(buf, kpi->unit);
	pq_sendbyte(buf, kpi->has_current);
	if (okr_kpi_has_lower(kpi))
		pq_sendfloat8(buf, kpi->lower);
	if (okr_kpi_has_upper(kpi))
		pq_sendfloat8(buf, kpi->upper);
	if (kpi->has_current)
		pq_sendfloat8(buf, kpi->current);
}

void
okr_recv_kpi_fields(StringInfo buf, okr_kpi *kpi)
{
	memset(kpi, 0, sizeof(*kpi));
	kpi->comparison = (uint8_t) pq_getmsgbyte(buf);
	kpi->unit = (uint8_t) pq_getmsgbyte(buf);
	kpi->has_current = (uint8_t) pq_getmsgbyte(buf);
	if (okr_kpi_has_lower(kpi))
		kpi->lower = pq_getmsgfloat8(buf);
	if (okr_kpi_has_upper(kpi))
		kpi->upper = pq_getmsgfloat8(buf);
	if (kpi->has_current)
		kpi->current = pq_getmsgfloat8(buf);
}
