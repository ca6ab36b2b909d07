/*
 * binary.h: the binary send/recv formats (binary.c), shared by the types and
 * the aggregate states that carry a key result or a KPI.
 */
#ifndef OKRKPI_BINARY_H
#define OKRKPI_BINARY_H

#include "sql_types.h"

#include "lib/stringinfo.h"

/* The first byte of the binary send format of key_result, kpi and quarter. */
#define OKR_BINARY_FORMAT_VERSION 1

/* Read the format-version byte that starts every binary value (22P03 if not expected). */
extern void okr_recv_version(StringInfo buf, const char *type_name, int expected);

/* key_result and kpi fields in binary, for the types and the aggregate states. */
extern void okr_send_key_result_fields(StringInfo buf, const okr_key_result *kr);
extern void okr_recv_key_result_fields(StringInfo buf, okr_key_result *kr);
extern void okr_send_kpi_fields(StringInfo buf, const okr_kpi *kpi);
extern void okr_recv_kpi_fields(StringInfo buf, okr_kpi *kpi);

#endif							/* OKRKPI_BINARY_H */
