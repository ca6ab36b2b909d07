/*
 * statement.c: OKR statements, "Increase NPS from 20 to 40", read and
 * written in plain C (no server headers); see statement.h and
 * doc/statements.md.
 *
 * The values of a statement are whatever the key_result grammar reads as one
 * value, so rather than a grammar of its own the parser asks
 * okr_parse_key_result() about "<start> -> <candidate target>" strings.
 */
#include "statement.h"

#include <string.h>

/* Verbs, matched in any ASCII letter case. */
static const char *const increase_verbs[] = {
	"increase", "grow", "raise", "improve", "lift", "boost", "complete", NULL
};
static const char *const decrease_verbs[] = {
	"reduce", "decrease", "cut", "lower", "shrink", "drop", NULL
};

/*
 * A value of the key_result grammar spans at most two words ("$ 5",
 * "45 min", "4 milestones"), so the target is looked for in the first three
 * words after "to": a longer prefix could never be a value, and the bound
 * keeps parsing linear in the length of the text.
 */
#define TARGET_MAX_WORDS 3

/* The same white space as the literal grammar. */
static int
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static const char *
skip_space(const char *p)
{
	while (is_space(*p))
		p++;
	return p;
}

static const char *
word_end(const char *p)
{
	while (*p != '\0' && !is_space(*p))
		p++;
	return p;
}

/* Whether the word [p, end) is lower (all lower case ASCII), in any case. */
static int
word_is(const char *p, const char *end, const char *lower)
{
	size_t		n = strlen(lower);

	if ((size_t) (end - p) != n)
		return 0;
	for (size_t i = 0; i < n; i++)
	{
		char		c = p[i];

		if (c >= 'A' && c <= 'Z')
			c = (char) (c - 'A' + 'a');
		if (c != lower[i])
			return 0;
	}
	return 1;
}

static int
in_list(const char *p, const char *end, const char *const *list)
{
	for (; *list; list++)
		if (word_is(p, end, *list))
			return 1;
	return 0;
}

/* [*begin, *end) without white space at either end. */
static void
trim_span(const char **begin, const char **end)
{
	while (*begin < *end && is_space(**begin))
		(*begin)++;
	while (*end > *begin && is_space((*end)[-1]))
		(*end)--;
}

static okr_status
fail(okr_error *error, okr_status status, size_t position, const char *detail)
{
	if (error)
	{
		error->status = status;
		error->position = position;
		error->detail = detail;
	}
	return status;
}

/*
 * Read "<start> -> <target>" from start text [start, start_end) and target
 * text [target, target_end), as the key_result grammar does.  A target with
 * "@" is refused: "to 2 @ 1" would read as a current value, not as one value.
 */
static okr_status
read_plan(const char *start, const char *start_end, const char *target, const char *target_end,
		  char *work, okr_key_result *plan, okr_error *error)
{
	size_t		start_len = (size_t) (start_end - start);
	size_t		target_len = (size_t) (target_end - target);

	if (memchr(target, '@', target_len) != NULL)
		return fail(error, OKR_SYNTAX, 0, "The target must be a single value");
	memcpy(work, start, start_len);
	memcpy(work + start_len, " -> ", 4);
	memcpy(work + start_len + 4, target, target_len);
	work[start_len + 4 + target_len] = '\0';
	return okr_parse_key_result(work, plan, error);
}

static int
is_peelable(char c)
{
	return c == ',' || c == ';' || c == '.';
}

/*
 * The plan of "from <start> to <target...>": start is [start, start_end),
 * the target the longest prefix of the text at after_to that reads as one
 * value with it.  Prefixes end at the end of a word, or before the trailing
 * run of ",;." of a word ("75%," -> "75%").  Returns the status of the
 * longest prefix that is not a syntax error (so "20 to 20" is OKR_INVALID),
 * with *target_end after it; OKR_SYNTAX when every prefix is one.
 */
static okr_status
read_target(const char *start, const char *start_end, const char *after_to,
			char *work, okr_key_result *plan, const char **target_end, okr_error *error)
{
	const char *ends[TARGET_MAX_WORDS * 2];
	int			nends = 0;
	const char *p = after_to;

	for (int words = 0; words < TARGET_MAX_WORDS; words++)
	{
		const char *word = skip_space(p);
		const char *end = word_end(word);
		const char *peeled = end;

		if (word == end)
			break;
		while (peeled > word + 1 && is_peelable(peeled[-1]))
			peeled--;
		if (peeled != end)
			ends[nends++] = peeled;
		ends[nends++] = end;
		p = end;
	}
	while (nends-- > 0)
	{
		okr_status	status = read_plan(start, start_end, after_to, ends[nends], work, plan, error);

		if (status != OKR_SYNTAX)
		{
			*target_end = ends[nends];
			return status;
		}
	}
	return OKR_SYNTAX;
}

okr_status
okr_parse_statement(const char *input, okr_statement *out, char *work, okr_error *error)
{
	const char *verb = skip_space(input);
	const char *verb_end = word_end(verb);
	const char *from = NULL,
			   *from_end = NULL;
	const char *target_end = NULL;
	const char *metric,
			   *metric_end;
	const char *p;
	okr_key_result plan;
	okr_error	first_error = {OKR_OK, 0, NULL};
	int			increase;
	int			found = 0;

	if (verb == verb_end)
		return fail(error, OKR_SYNTAX, 0, "The statement is empty");
	if (in_list(verb, verb_end, increase_verbs))
		increase = 1;
	else if (in_list(verb, verb_end, decrease_verbs))
		increase = 0;
	else
		return fail(error, OKR_SYNTAX, (size_t) (verb - input),
					"A statement starts with a verb: increase, grow, raise, improve, lift, "
					"boost or complete, or reduce, decrease, cut, lower, shrink or drop");

	/*
	 * Pair each "to" with the nearest "from" before it.  A value never
	 * contains those words, so a "from" followed by another "from" before
	 * any "to" belongs to the metric ("revenue from partners from $1M to
	 * $2M"), and the first pair that reads as a plan is the first "from"
	 * that does.
	 */
	for (p = verb_end; !found;)
	{
		const char *word = skip_space(p);
		const char *end = word_end(word);

		if (word == end)
			break;
		if (word_is(word, end, "from"))
		{
			from = word;
			from_end = end;
		}
		else if (word_is(word, end, "to") && from != NULL)
		{
			okr_error	e;
			okr_status	status = read_target(from_end, word, end, work, &plan, &target_end, &e);

			if (status == OKR_OK)
				found = 1;
			else
			{
				/* keep looking; report the first well-formed fault if nothing reads */
				if (status != OKR_SYNTAX && first_error.status == OKR_OK)
				{
					first_error = e;
					first_error.position = (size_t) (from - input);
				}
				from = NULL;
			}
		}
		p = end;
	}
	if (!found)
	{
		if (first_error.status != OKR_OK)
			return fail(error, first_error.status, first_error.position, first_error.detail);
		return fail(error, OKR_SYNTAX, (size_t) (verb_end - input),
					"Expected \"from <start> to <target>\" after the metric");
	}

	metric = verb_end;
	metric_end = from;
	trim_span(&metric, &metric_end);
	if (metric == metric_end)
		return fail(error, OKR_SYNTAX, (size_t) (from - input), "The metric is empty");

	if (increase != (plan.target > plan.start))
		return fail(error, OKR_INVALID, (size_t) (verb - input), increase ?
					"The verb says increase, but the target is below the start" :
					"The verb says decrease, but the target is above the start");

	out->metric_offset = (size_t) (metric - input);
	out->metric_length = (size_t) (metric_end - metric);
	out->plan = plan;
	out->rest_offset = (size_t) (target_end - input);
	return OKR_OK;
}

okr_status
okr_format_statement(const char *metric, const okr_key_result *plan, char *buf, char *work,
					 okr_double_formatter format_double, okr_error *error)
{
	const char *metric_end = metric + strlen(metric);
	okr_key_result kr = *plan;
	char		values[OKR_FORMAT_BUFSIZE];
	char	   *arrow;
	const char *verb;
	char	   *p = buf;
	size_t		metric_len;
	okr_statement back;

	trim_span(&metric, &metric_end);
	metric_len = (size_t) (metric_end - metric);
	if (metric_len == 0)
		return fail(error, OKR_INVALID, 0, "The metric is empty");

	/* each value's printed form, as "start -> target" prints them */
	kr.has_current = 0;
	kr.current = 0.0;
	okr_format_key_result(&kr, values, format_double);
	arrow = strstr(values, " -> ");
	*arrow = '\0';

	if (kr.target < kr.start)
		verb = "Reduce";
	else
		verb = kr.unit == OKR_UNIT_MILESTONES ? "Complete" : "Increase";
	p += strlen(strcpy(p, verb));
	*p++ = ' ';
	memcpy(p, metric, metric_len);
	p += metric_len;
	p += strlen(strcpy(p, " from "));
	p += strlen(strcpy(p, values));
	p += strlen(strcpy(p, " to "));
	strcpy(p, arrow + 4);

	/*
	 * A metric such as "churn from 5 to 3 regions" holds a plan of its own
	 * that the parser would take first: refuse what would not read back.
	 */
	if (okr_parse_statement(buf, &back, work, NULL) != OKR_OK ||
		back.metric_length != metric_len ||
		memcmp(buf + back.metric_offset, metric, metric_len) != 0 ||
		memcmp(&back.plan, &kr, sizeof(kr)) != 0 ||
		buf[back.rest_offset] != '\0')
		return fail(error, OKR_INVALID, 0,
					"The metric contains \"from ... to ...\" that reads as a plan, so the statement would not read back");
	return OKR_OK;
}
