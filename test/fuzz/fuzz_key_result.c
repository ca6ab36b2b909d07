/*
 * fuzz_key_result.c: libFuzzer target for okr_parse_key_result and the
 * key_result formatter (invariants in README.md).
 */
#include "fuzz.h"

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

	fuzz_check_key_result(&kr);
	free(input);
	return 0;
}
