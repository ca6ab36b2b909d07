/*
 * fuzz_key_result.c: libFuzzer target for okr_parse_key_result and the
 * key_result formatter (invariants in README.md).
 */
#include "fuzz.h"

/* What every stored key_result satisfies. */
static void
check_value(const okr_key_result *kr)
{
	okr_key_result copy = *kr;
	okr_error	error;

	FUZZ_CHECK(kr->unit < OKR_UNIT_COUNT);
	FUZZ_CHECK(kr->has_current <= 1);
	FUZZ_CHECK(fuzz_is_normal_value(kr->start));
	FUZZ_CHECK(fuzz_is_normal_value(kr->target));
	FUZZ_CHECK(fuzz_is_normal_value(kr->current));
	FUZZ_CHECK(kr->start != kr->target);
	if (!kr->has_current)
		FUZZ_CHECK(fuzz_is_zero_bytes(&kr->current, sizeof(kr->current)));
	FUZZ_CHECK(fuzz_is_zero_bytes(kr->padding, sizeof(kr->padding)));

	/* the check accepts it and, the value being normalised, changes nothing */
	FUZZ_CHECK(okr_check_key_result(&copy, &error) == OKR_OK);
	FUZZ_CHECK(memcmp(&copy, kr, sizeof(copy)) == 0);
}

/* Parse text that must give exactly *expected. */
static void
check_parses_to(const char *text, const okr_key_result *expected)
{
	okr_key_result back;
	okr_error	error;
	okr_status	status;

	memset(&back, 0xA5, sizeof(back));
	status = okr_parse_key_result(text, &back, &error);
	if (status != OKR_OK)
		fprintf(stderr, "okrkpi fuzz: \"%s\" does not parse back: %s\n", text, error.detail);
	FUZZ_CHECK(status == OKR_OK);
	FUZZ_CHECK(memcmp(&back, expected, sizeof(back)) == 0);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	   *input = fuzz_cstring(data, size);
	okr_key_result kr,
				again;
	okr_error	error;
	okr_status	status;

	memset(&kr, 0xA5, sizeof(kr));
	memset(&error, 0, sizeof(error));
	status = okr_parse_key_result(input, &kr, &error);

	/* without an error struct the parser decides the same */
	memset(&again, 0xA5, sizeof(again));
	FUZZ_CHECK(okr_parse_key_result(input, &again, NULL) == status);
	FUZZ_CHECK(memcmp(&again, &kr, sizeof(kr)) == 0);

	if (status != OKR_OK)
	{
		fuzz_check_failure(status, &error, input, &kr, sizeof(kr));
		free(input);
		return 0;
	}

	check_value(&kr);
	for (size_t f = 0; f < FUZZ_NFORMATTERS; f++)
	{
		char	   *buf = fuzz_format_buffer();
		char	   *padded;
		size_t		len = okr_format_key_result(&kr, buf, fuzz_formatters[f]);

		fuzz_check_formatted(buf, len);
		check_parses_to(buf, &kr);
		padded = fuzz_padded(buf);
		check_parses_to(padded, &kr);
		free(padded);
		free(buf);
	}
	free(input);
	return 0;
}
