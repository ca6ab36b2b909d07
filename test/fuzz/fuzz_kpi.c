/*
 * fuzz_kpi.c: libFuzzer target for okr_parse_kpi and the kpi formatter
 * (invariants in README.md).
 */
#include "fuzz.h"

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

	fuzz_check_kpi(&kpi);
	free(input);
	return 0;
}
