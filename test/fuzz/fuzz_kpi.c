/*
 * fuzz_kpi.c: libFuzzer target for okr_parse_kpi and the kpi formatter
 * (invariants in README.md).
 */
#include "fuzz.h"

/* What every stored kpi satisfies. */
static void
check_value(const okr_kpi *kpi)
{
	okr_kpi		copy = *kpi;
	okr_error	error;

	FUZZ_CHECK(kpi->comparison < OKR_CMP_COUNT);
	FUZZ_CHECK(kpi->unit < OKR_UNIT_COUNT && kpi->unit != OKR_UNIT_MILESTONES);
	FUZZ_CHECK(kpi->has_current <= 1);
	FUZZ_CHECK(fuzz_is_normal_value(kpi->lower));
	FUZZ_CHECK(fuzz_is_normal_value(kpi->upper));
	FUZZ_CHECK(fuzz_is_normal_value(kpi->current));
	switch (kpi->comparison)
	{
		case OKR_CMP_GE:
		case OKR_CMP_GT:
			/* a minimum keeps its bound in lower only */
			FUZZ_CHECK(fuzz_is_zero_bytes(&kpi->upper, sizeof(kpi->upper)));
			break;
		case OKR_CMP_LE:
		case OKR_CMP_LT:
			FUZZ_CHECK(fuzz_is_zero_bytes(&kpi->lower, sizeof(kpi->lower)));
			break;
		default:
			FUZZ_CHECK(kpi->lower < kpi->upper);
			break;
	}
	if (!kpi->has_current)
		FUZZ_CHECK(fuzz_is_zero_bytes(&kpi->current, sizeof(kpi->current)));
	FUZZ_CHECK(fuzz_is_zero_bytes(kpi->padding, sizeof(kpi->padding)));

	/* the check accepts it and, the value being normalised, changes nothing */
	FUZZ_CHECK(okr_check_kpi(&copy, &error) == OKR_OK);
	FUZZ_CHECK(memcmp(&copy, kpi, sizeof(copy)) == 0);
}

/* Parse text that must give exactly *expected. */
static void
check_parses_to(const char *text, const okr_kpi *expected)
{
	okr_kpi		back;
	okr_error	error;
	okr_status	status;

	memset(&back, 0xA5, sizeof(back));
	status = okr_parse_kpi(text, &back, &error);
	if (status != OKR_OK)
		fprintf(stderr, "okrkpi fuzz: \"%s\" does not parse back: %s\n", text, error.detail);
	FUZZ_CHECK(status == OKR_OK);
	FUZZ_CHECK(memcmp(&back, expected, sizeof(back)) == 0);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	   *input = fuzz_cstring(data, size);
	okr_kpi		kpi,
				again;
	okr_error	error;
	okr_status	status;

	memset(&kpi, 0xA5, sizeof(kpi));
	memset(&error, 0, sizeof(error));
	status = okr_parse_kpi(input, &kpi, &error);

	/* without an error struct the parser decides the same */
	memset(&again, 0xA5, sizeof(again));
	FUZZ_CHECK(okr_parse_kpi(input, &again, NULL) == status);
	FUZZ_CHECK(memcmp(&again, &kpi, sizeof(kpi)) == 0);

	if (status != OKR_OK)
	{
		fuzz_check_failure(status, &error, input, &kpi, sizeof(kpi));
		free(input);
		return 0;
	}

	check_value(&kpi);
	for (size_t f = 0; f < FUZZ_NFORMATTERS; f++)
	{
		char	   *buf = fuzz_format_buffer();
		char	   *padded;
		size_t		len = okr_format_kpi(&kpi, buf, fuzz_formatters[f]);

		fuzz_check_formatted(buf, len);
		check_parses_to(buf, &kpi);
		padded = fuzz_padded(buf);
		check_parses_to(padded, &kpi);
		free(padded);
		free(buf);
	}
	free(input);
	return 0;
}
