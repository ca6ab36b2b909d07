/*
 * fuzz_check.c: libFuzzer target for the checks on raw structs, the path of
 * binary receive and the jsonb casts, which never go through a parser.
 *
 * Input: one selector byte, then the bytes of the value (zero filled when
 * short): 0 key_result, 1 kpi, 2 quarter (int32), 3 unit and comparison
 * names.  Whatever a check accepts must satisfy every invariant of a parsed
 * value, formatting included.
 */
#include "fuzz.h"

#include "scoring.h"

/* A refused value: a status and a detail, no position. */
static void
check_refusal(okr_status status, const okr_error *error)
{
	FUZZ_CHECK(status == OKR_SYNTAX || status == OKR_INVALID);
	FUZZ_CHECK(error->status == status);
	FUZZ_CHECK(error->detail != NULL && error->detail[0] != '\0');
	FUZZ_CHECK(error->position == 0);
}

static void
fuzz_raw_key_result(const uint8_t *data, size_t size)
{
	okr_key_result kr,
				again;
	okr_error	error;
	okr_status	status;

	memset(&kr, 0, sizeof(kr));
	memcpy(&kr, data, size < sizeof(kr) ? size : sizeof(kr));
	again = kr;
	status = okr_check_key_result(&kr, &error);
	FUZZ_CHECK(okr_check_key_result(&again, NULL) == status);
	if (status != OKR_OK)
	{
		check_refusal(status, &error);
		return;
	}
	FUZZ_CHECK(memcmp(&again, &kr, sizeof(kr)) == 0);
	fuzz_check_key_result(&kr);
}

static void
fuzz_raw_kpi(const uint8_t *data, size_t size)
{
	okr_kpi		kpi,
				again;
	okr_error	error;
	okr_status	status;

	memset(&kpi, 0, sizeof(kpi));
	memcpy(&kpi, data, size < sizeof(kpi) ? size : sizeof(kpi));
	again = kpi;
	status = okr_check_kpi(&kpi, &error);
	FUZZ_CHECK(okr_check_kpi(&again, NULL) == status);
	if (status != OKR_OK)
	{
		check_refusal(status, &error);
		return;
	}
	FUZZ_CHECK(memcmp(&again, &kpi, sizeof(kpi)) == 0);
	fuzz_check_kpi(&kpi);
}

static void
fuzz_raw_quarter(const uint8_t *data, size_t size)
{
	int32_t		quarter = 0,
				back = -1;
	char	   *buf;
	size_t		len;
	okr_error	error;

	memcpy(&quarter, data, size < sizeof(quarter) ? size : sizeof(quarter));
	FUZZ_CHECK(okr_quarter_is_valid(quarter) ==
			   (quarter >= OKR_QUARTER_MIN && quarter <= OKR_QUARTER_MAX));
	if (!okr_quarter_is_valid(quarter))
		return;
	buf = fuzz_format_buffer();
	len = okr_format_quarter(quarter, buf);
	fuzz_check_formatted(buf, len);
	FUZZ_CHECK(len == 7);		/* YYYY-Qn */
	FUZZ_CHECK(okr_parse_quarter(buf, &back, &error) == OKR_OK);
	FUZZ_CHECK(back == quarter);
	free(buf);
}

/* Names and codes are inverse; the bytes are also tried as a name. */
static void
fuzz_names(const uint8_t *data, size_t size)
{
	char	   *name = fuzz_cstring(data, size);
	okr_unit	unit;
	okr_comparison comparison;

	for (int u = 0; u < OKR_UNIT_COUNT; u++)
		FUZZ_CHECK(okr_unit_from_name(okr_unit_name((okr_unit) u), &unit) && unit == (okr_unit) u);
	for (int c = 0; c < OKR_CMP_COUNT; c++)
		FUZZ_CHECK(okr_comparison_from_name(okr_comparison_name((okr_comparison) c), &comparison) &&
				   comparison == (okr_comparison) c);
	if (okr_unit_from_name(name, &unit))
		FUZZ_CHECK(strcmp(okr_unit_name(unit), name) == 0);
	if (okr_comparison_from_name(name, &comparison))
		FUZZ_CHECK(strcmp(okr_comparison_name(comparison), name) == 0);
	if (size >= 1)
	{
		/* any code, known or not, has a printable name */
		FUZZ_CHECK(okr_unit_name((okr_unit) (int8_t) data[0]) != NULL);
		FUZZ_CHECK(okr_comparison_name((okr_comparison) (int8_t) data[0]) != NULL);
		FUZZ_CHECK(okr_health_name((okr_health) data[0]) != NULL);
	}
	free(name);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size == 0)
		return 0;
	switch (data[0] % 4)
	{
		case 0:
			fuzz_raw_key_result(data + 1, size - 1);
			break;
		case 1:
			fuzz_raw_kpi(data + 1, size - 1);
			break;
		case 2:
			fuzz_raw_quarter(data + 1, size - 1);
			break;
		default:
			fuzz_names(data + 1, size - 1);
			break;
	}
	return 0;
}
