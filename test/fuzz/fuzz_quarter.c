/*
 * fuzz_quarter.c: libFuzzer target for okr_parse_quarter and
 * okr_format_quarter (invariants in README.md).
 */
#include "fuzz.h"

/* Parse text that must give exactly expected. */
static void
check_parses_to(const char *text, int32_t expected)
{
	int32_t		back = -1;
	okr_error	error;
	okr_status	status = okr_parse_quarter(text, &back, &error);

	if (status != OKR_OK)
		fprintf(stderr, "okrkpi fuzz: \"%s\" does not parse back: %s\n", text, error.detail);
	FUZZ_CHECK(status == OKR_OK);
	FUZZ_CHECK(back == expected);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	   *input = fuzz_cstring(data, size);
	int32_t		quarter,
				again;
	okr_error	error;
	okr_status	status;
	char	   *buf;
	char	   *padded;
	size_t		len;
	char		expected[32];

	memset(&quarter, 0xA5, sizeof(quarter));
	memset(&error, 0, sizeof(error));
	status = okr_parse_quarter(input, &quarter, &error);

	/* without an error struct the parser decides the same */
	memset(&again, 0xA5, sizeof(again));
	FUZZ_CHECK(okr_parse_quarter(input, &again, NULL) == status);
	FUZZ_CHECK(again == quarter);

	if (status != OKR_OK)
	{
		fuzz_check_failure(status, &error, input, &quarter, sizeof(quarter));
		free(input);
		return 0;
	}

	FUZZ_CHECK(quarter >= OKR_QUARTER_MIN && quarter <= OKR_QUARTER_MAX);
	FUZZ_CHECK(okr_quarter_is_valid(quarter));

	buf = fuzz_format_buffer();
	len = okr_format_quarter(quarter, buf);
	fuzz_check_formatted(buf, len);
	/* canonical form YYYY-Qn, computed here independently */
	snprintf(expected, sizeof(expected), "%04d-Q%d", (int) (quarter / 4), (int) (quarter % 4 + 1));
	FUZZ_CHECK(strcmp(buf, expected) == 0);
	check_parses_to(buf, quarter);
	padded = fuzz_padded(buf);
	check_parses_to(padded, quarter);
	free(padded);
	free(buf);
	free(input);
	return 0;
}
