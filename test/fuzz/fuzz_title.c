/*
 * fuzz_title.c: libFuzzer target for the titles of src/statement.c
 * (okr_find_stated_plan, okr_restate_title), for okr_carry_forward, and for
 * okr_parse_statement on the title.
 *
 * Input: three lines, "OLD\nNEW\nTITLE".  OLD is a key_result literal (else
 * '20 -> 40').  NEW is a key_result literal, or "ACTUAL ANNUAL" (two numbers
 * through strtod), which carries OLD forward; else NEW is OLD.  TITLE is any
 * bytes.  The quarters come from the input's length.
 */
#include "fuzz.h"
#include "scoring.h"
#include "statement.h"

#include <ctype.h>

/* One line of *p, NUL-terminated in place; *p moves past it. */
static char *
next_line(char **p)
{
	char	   *line = *p;
	char	   *end = strchr(line, '\n');

	if (end)
	{
		*end = '\0';
		*p = end + 1;
	}
	else
		*p = line + strlen(line);
	return line;
}

/* Whether a and b (both len bytes) differ only where both have a digit. */
static int
differ_in_digits(const char *a, const char *b, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (a[i] != b[i] && !(isdigit((unsigned char) a[i]) && isdigit((unsigned char) b[i])))
			return 0;
	return 1;
}

/* carry_forward's promises: unit, direction, not past the annual target, the start near actual. */
static void
check_carry(const okr_key_result *plan, double actual, double annual, int quarters_left,
			okr_key_result *next)
{
	okr_error	error;
	okr_status	status;
	int			increasing = plan->target > plan->start;

	memset(next, 0xA5, sizeof(*next));
	status = okr_carry_forward(plan, actual, annual, quarters_left, fuzz_format_shortest, next, &error);
	if (status != OKR_OK)
	{
		FUZZ_CHECK(status == OKR_INVALID && error.status == status);
		FUZZ_CHECK(okr_quarter_target(actual, annual, quarters_left) == actual);
		*next = *plan;
		return;
	}
	fuzz_check_key_result(next);
	FUZZ_CHECK(next->unit == plan->unit && !next->has_current);
	FUZZ_CHECK((next->target > next->start) == increasing);
	FUZZ_CHECK(increasing ? next->target <= annual : next->target >= annual);
	FUZZ_CHECK(fabs(next->start - actual) <= 0.005 * fabs(actual) + 0.5);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	   *input = fuzz_cstring(data, size);
	char	   *p = input;
	char	   *old_line = next_line(&p);
	char	   *new_line = next_line(&p);
	const char *title = p;
	size_t		len = strlen(title);
	okr_key_result old_plan,
				new_plan;
	int32_t		old_quarter = OKR_QUARTER_MIN + (int32_t) (size % 40000),
				new_quarter = old_quarter + (size % 3 != 0);
	char	   *work = malloc(OKR_RESTATE_WORKSIZE(len));
	char	   *buf = malloc(OKR_RESTATE_BUFSIZE(len));
	char	   *work_new;
	okr_stated_plan where,
				again;
	okr_error	error;
	int			found,
				restated;
	okr_status	status;

	if (work == NULL || buf == NULL)
		abort();
	if (okr_parse_key_result(old_line, &old_plan, NULL) != OKR_OK)
		FUZZ_CHECK(okr_parse_key_result("20 -> 40", &old_plan, NULL) == OKR_OK);
	if (okr_parse_key_result(new_line, &new_plan, NULL) != OKR_OK)
	{
		char	   *end;
		double		actual = strtod(new_line, &end);
		double		annual = strtod(end, NULL);

		new_plan = old_plan;
		if (end != new_line && isfinite(actual) && isfinite(annual) && actual != annual &&
			(annual > actual) == (old_plan.target > old_plan.start))
			check_carry(&old_plan, actual, annual, 1 + (int) (size % 5), &new_plan);
	}

	/* the stated plan: deterministic, inside the title, and it is the plan */
	found = okr_find_stated_plan(title, &old_plan, work, &where);
	FUZZ_CHECK(found >= -1 && found <= 1);
	FUZZ_CHECK(okr_find_stated_plan(title, &old_plan, work, &again) == found);
	if (found == 1)
	{
		FUZZ_CHECK(where.start_offset + where.start_length <= where.to_offset);
		FUZZ_CHECK(where.to_offset + 2 <= where.target_offset);
		FUZZ_CHECK(where.target_offset + where.target_length <= len);
		FUZZ_CHECK(where.plan.start == old_plan.start && where.plan.target == old_plan.target);
	}

	/* the title read as a statement: the same answer with and without an error, a full error */
	{
		okr_statement st,
					st_again;

		memset(&st, 0xA5, sizeof(st));
		memset(&st_again, 0xA5, sizeof(st_again));
		status = okr_parse_statement(title, &st, work, &error);
		FUZZ_CHECK(okr_parse_statement(title, &st_again, work, NULL) == status);
		if (status != OKR_OK)
			fuzz_check_failure(status, &error, title, &st, sizeof(st));
		else
			FUZZ_CHECK(memcmp(&st, &st_again, sizeof(st)) == 0 && st.rest_offset <= len);
	}

	memset(&error, 0, sizeof(error));
	status = okr_restate_title(title, &old_plan, &new_plan, old_quarter, new_quarter, buf, work,
							   fuzz_format_shortest, &restated, &error);
	if (new_plan.unit != old_plan.unit ||
		(new_plan.target > new_plan.start) != (old_plan.target > old_plan.start))
	{
		FUZZ_CHECK(status == OKR_INVALID && error.status == status && error.detail != NULL);
		FUZZ_CHECK(!restated);
	}
	else
	{
		FUZZ_CHECK(status == OKR_OK);
		if (found == 0)
			FUZZ_CHECK(!restated);
		else if (found < 0)
		{
			/* no numbers: only quarter digits move, and nothing when the quarter stays */
			FUZZ_CHECK(restated && strlen(buf) == len && differ_in_digits(title, buf, len));
			FUZZ_CHECK(new_quarter != old_quarter || strcmp(buf, title) == 0);
		}
		else
		{
			/* restated, and it states the new plan; the text before the start as it was */
			FUZZ_CHECK(restated);
			FUZZ_CHECK(strlen(buf) < OKR_RESTATE_BUFSIZE(len));
			FUZZ_CHECK(differ_in_digits(title, buf, where.start_offset));
			work_new = malloc(OKR_STATEMENT_BUFSIZE(strlen(buf)));
			if (work_new == NULL)
				abort();
			FUZZ_CHECK(okr_find_stated_plan(buf, &new_plan, work_new, &again) == 1);
			free(work_new);
		}
	}

	free(buf);
	free(work);
	free(input);
	return 0;
}
