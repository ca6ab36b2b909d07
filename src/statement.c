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

#include <stdio.h>
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
		error->fault = OKR_FAULT_OTHER;
		error->position = position;
		error->detail = detail;
		error->detail_text[0] = '\0';
		error->hint[0] = '\0';
	}
	return status;
}

/* [begin, end) quoted for an error's text: at most 40 bytes, cut at a character boundary. */
static int
shown_length(const char *begin, const char *end)
{
	size_t		len = (size_t) (end - begin);

	if (len > 40)
	{
		len = 37;
		while (len > 0 && ((unsigned char) begin[len] & 0xC0) == 0x80)
			len--;
	}
	return (int) len;
}

static const char *
shown_ellipsis(const char *begin, const char *end)
{
	return (size_t) (end - begin) > 40 ? "..." : "";
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
 * with *target_end after it; OKR_SYNTAX when every prefix is one, with the
 * error of the prefix that read furthest, a prefix too long to be one value
 * aside ("to 800 ms" says "ms" is no unit, "to 40% by Q3" that 40% has
 * another unit than the start).
 */
static okr_status
read_target(const char *start, const char *start_end, const char *after_to,
			char *work, okr_key_result *plan, const char **target_end, okr_error *error)
{
	const char *ends[TARGET_MAX_WORDS * 2];
	int			nends = 0;
	int			have_error = 0;
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
		okr_error	e;
		okr_status	status = read_plan(start, start_end, after_to, ends[nends], work, plan,
										   error ? &e : NULL);

		if (status != OKR_SYNTAX)
		{
			if (error)
				*error = e;
			*target_end = ends[nends];
			return status;
		}
		if (error && (!have_error ||
					  (e.fault != OKR_FAULT_TRAILING &&
					   (error->fault == OKR_FAULT_TRAILING || e.position > error->position))))
			*error = e;
		have_error = 1;
	}
	if (!have_error)
		fail(error, OKR_SYNTAX, 0, "Expected a target after \"to\"");
	return OKR_SYNTAX;
}

okr_status
okr_parse_statement(const char *input, okr_statement *out, char *work, okr_error *error)
{
	const char *verb = skip_space(input);
	const char *verb_end = word_end(verb);
	const char *from = NULL,
			   *from_end = NULL,
			   *to = NULL;
	const char *target_end = NULL;
	const char *metric,
			   *metric_end;
	const char *p;
	okr_key_result plan;
	okr_error	first_error;	/* the first pair that reads but breaks a rule */
	okr_error	unit_error;		/* the first pair with a fault in its units */
	int			increase;
	int			found = 0;

	first_error.status = OKR_OK;
	unit_error.status = OKR_OK;
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
			{
				found = 1;
				to = word;
			}
			else
			{
				/*
				 * Keep looking; if nothing reads, report the first pair that
				 * was well formed but broke a rule, else the first whose
				 * values were written with a unit the grammar does not have,
				 * or with two units: such a pair was meant as the plan.
				 */
				if (status != OKR_SYNTAX && first_error.status == OKR_OK)
				{
					first_error = e;
					first_error.position = (size_t) (from - input);
				}
				else if (status == OKR_SYNTAX && unit_error.status == OKR_OK &&
						 (e.fault == OKR_FAULT_UNKNOWN_UNIT || e.fault == OKR_FAULT_MIXED_UNITS))
				{
					unit_error = e;
					unit_error.position = (size_t) (from - input);
				}
				from = NULL;
			}
		}
		p = end;
	}
	if (!found)
	{
		if (first_error.status == OKR_OK)
			first_error = unit_error;
		if (first_error.status != OKR_OK)
		{
			if (error)
				*error = first_error;
			return first_error.status;
		}
		return fail(error, OKR_SYNTAX, (size_t) (verb_end - input),
					"Expected \"from <start> to <target>\" after the metric");
	}

	metric = verb_end;
	metric_end = from;
	trim_span(&metric, &metric_end);
	if (metric == metric_end)
		return fail(error, OKR_SYNTAX, (size_t) (from - input), "The metric is empty");

	if (increase != (plan.target > plan.start))
	{
		fail(error, OKR_INVALID, (size_t) (verb - input), increase ?
			 "The verb says increase, but the target is below the start" :
			 "The verb says decrease, but the target is above the start");
		if (error)
		{
			const char *start = from_end,
					   *start_end = to,
					   *target = to + 2,
					   *target_stop = target_end;

			trim_span(&start, &start_end);
			trim_span(&target, &target_stop);
			error->fault = OKR_FAULT_DIRECTION;
			snprintf(error->detail_text, OKR_ERROR_TEXTSIZE,
					 "The verb \"%.*s\" says %s, but the target \"%.*s%s\" is %s the start \"%.*s%s\"",
					 shown_length(verb, verb_end), verb, increase ? "increase" : "decrease",
					 shown_length(target, target_stop), target, shown_ellipsis(target, target_stop),
					 increase ? "below" : "above",
					 shown_length(start, start_end), start, shown_ellipsis(start, start_end));
		}
		return OKR_INVALID;
	}

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

/*
 * Titles: the "from <start> to <target>" a title states, and the title
 * restated for the next quarter (statement.h, doc/statements.md).
 */

/* The start and target a text states, as its pairs of "from" and "to" give them. */
typedef struct stated_pair
{
	const char *from_end;		/* after the word "from" */
	const char *to;				/* the word "to" */
	const char *target_end;
	okr_status	status;			/* OKR_OK, or OKR_INVALID when start = target */
	okr_key_result plan;		/* when OKR_OK */
} stated_pair;

/*
 * The next pair of text at or after *pp whose values read (OKR_OK) or read
 * but for start = target (OKR_INVALID); OKR_SYNTAX when there is none.  As in
 * okr_parse_statement(), each "to" goes with the nearest "from" before it
 * and after the previous pair's "to".  *pp moves past the pair's "to".
 */
static okr_status
next_stated_pair(const char **pp, char *work, stated_pair *pair)
{
	const char *from_end = NULL;
	const char *p = *pp;

	for (;;)
	{
		const char *word = skip_space(p);
		const char *end = word_end(word);

		if (word == end)
		{
			*pp = word;
			return OKR_SYNTAX;
		}
		p = end;
		if (word_is(word, end, "from"))
			from_end = end;
		else if (word_is(word, end, "to") && from_end != NULL)
		{
			okr_status	status = read_target(from_end, word, end, work, &pair->plan,
											 &pair->target_end, NULL);

			if (status == OKR_OK || status == OKR_INVALID)
			{
				pair->from_end = from_end;
				pair->to = word;
				pair->status = status;
				*pp = end;
				return status;
			}
			from_end = NULL;
		}
	}
}

/* Whether values read from a text state plan: start and target equal, the unit too unless none is written. */
static int
states(const okr_key_result *stated, const okr_key_result *plan)
{
	return stated->start == plan->start && stated->target == plan->target &&
		(stated->unit == plan->unit || stated->unit == OKR_UNIT_NONE);
}

int
okr_find_stated_plan(const char *text, const okr_key_result *plan, char *work, okr_stated_plan *where)
{
	const char *p = text;
	stated_pair pair;
	int			found = -1;

	while (next_stated_pair(&p, work, &pair) != OKR_SYNTAX)
	{
		const char *start = pair.from_end,
				   *start_end = pair.to,
				   *target = pair.to + 2,
				   *target_end = pair.target_end;

		found = 0;
		if (pair.status != OKR_OK || !states(&pair.plan, plan))
			continue;
		trim_span(&start, &start_end);
		trim_span(&target, &target_end);
		where->start_offset = (size_t) (start - text);
		where->start_length = (size_t) (start_end - start);
		where->to_offset = (size_t) (pair.to - text);
		where->target_offset = (size_t) (target - text);
		where->target_length = (size_t) (target_end - target);
		where->plan = pair.plan;
		return 1;
	}
	return found;
}

static int
is_alnum(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/*
 * Unit words with a singular and a plural ("hour", "hours").  The
 * abbreviations ("min", "hr") serve as plurals too, so only their own
 * plural ("mins") is ever changed, to the singular for a count of one.
 */
static const char *const countable_words[] = {
	"second", "minute", "hour", "day", "week", "milestone", NULL
};
static const char *const abbreviated_words[] = {
	"sec", "min", "hr", "wk", NULL
};

/*
 * The unit word [word, word + len) for a count of one (one = 1) or not,
 * into out: "hours" for 1 is "hour", "hour" for 2 is "hours", "mins" for 1
 * is "min", with the word's own letter case; other words as they are.
 * Returns the bytes written.
 */
static size_t
count_word(const char *word, size_t len, int one, char *out)
{
	memcpy(out, word, len);
	for (int list = 0; list < 2; list++)
		for (const char *const *w = list == 0 ? countable_words : abbreviated_words; *w; w++)
		{
			size_t		n = strlen(*w);

			if (one && len == n + 1 && word_is(word, word + n, *w) && (word[n] == 's' || word[n] == 'S'))
				return n;
			if (!one && list == 0 && len == n && word_is(word, word + n, *w))
			{
				out[n] = (word[n - 1] >= 'A' && word[n - 1] <= 'Z') ? 'S' : 's';
				return n + 1;
			}
		}
	return len;
}

/*
 * value written the way [text, text + len) writes its value, into out
 * (OKR_FORMAT_BUFSIZE + len + 2 bytes): the title's currency, magnitude
 * suffix, unit word and white space around the new digits, when value has
 * an exact form in the title's scale; else as the type prints it, in unit.
 * Returns the bytes written.
 */
static size_t
write_value_as(const char *text, size_t len, double value, okr_unit unit,
			   okr_double_formatter format_double, char *out)
{
	okr_value_layout layout;
	char		digits[OKR_DOUBLE_BUFSIZE];
	size_t		ndigits = 0;
	size_t		number_end;
	char	   *o = out;

	if (okr_read_value_layout(text, len, &layout))
	{
		if (OKR_SCALE_IS_PLAIN(layout.scale))
			ndigits = (size_t) format_double(value < 0 ? -value : value, digits);
		else
			ndigits = okr_format_in_scale(value, layout.scale, digits);
	}
	if (ndigits == 0)
		return okr_format_value(value, unit, out, format_double);

	/* the sign where the title has one, else first (before a currency sign) */
	if (value < 0 && layout.sign_offset == SIZE_MAX)
		*o++ = '-';
	for (size_t i = 0; i < layout.number_offset; i++)
	{
		if (i == layout.sign_offset)
		{
			if (value < 0)
				*o++ = '-';
			else if (text[i] == '+')
				*o++ = '+';
		}
		else
			*o++ = text[i];
	}
	memcpy(o, digits, ndigits);
	o += ndigits;

	/* "to 40." reads as a number, but its point ends a sentence: it stays ("45. min" has none) */
	number_end = layout.number_offset + layout.number_length;
	if (text[number_end - 1] == '.' && layout.word_length == 0 && number_end == len)
		*o++ = '.';
	if (layout.word_length > 0)
	{
		int			one = ndigits == 1 && digits[0] == '1' && layout.scale.magnitude == 0;

		memcpy(o, text + number_end, layout.word_offset - number_end);
		o += layout.word_offset - number_end;
		o += count_word(text + layout.word_offset, layout.word_length, one, o);
		memcpy(o, text + layout.word_offset + layout.word_length,
			   len - layout.word_offset - layout.word_length);
		o += len - layout.word_offset - layout.word_length;
	}
	else
	{
		memcpy(o, text + number_end, len - number_end);
		o += len - number_end;
	}
	return (size_t) (o - out);
}

/* Whether text[at, at + 4) are digits that [skip_begin, skip_end) does not hold. */
static int
year_digits(const char *text, size_t at, const size_t skip[2][2])
{
	for (int i = 0; i < 4; i++)
		if (text[at + i] < '0' || text[at + i] > '9')
			return 0;
	for (int i = 0; i < 2; i++)
		if (at < skip[i][1] && at + 4 > skip[i][0])
			return 0;
	return 1;
}

/*
 * The year written with the quarter at text[q] ("Q3"), in text[0, len): the
 * offset of its four digits, or SIZE_MAX.  Before it ("2026-Q3", "2026 Q3",
 * "2026Q3") from used on, or after it ("Q3 2026", "Q3-2026"), each on a
 * word boundary; digits in the skipped spans (the stated values) are no year.
 */
static size_t
quarter_year(const char *text, size_t len, size_t q, size_t used, const size_t skip[2][2])
{
	size_t		j = q;

	if (q > 0 && is_alnum(text[q - 1]))
	{
		/* only digits may touch the Q: "2026Q3" */
		if (q >= used + 4 && (q == 4 || !is_alnum(text[q - 5])) && year_digits(text, q - 4, skip))
			return q - 4;
		return SIZE_MAX;
	}
	while (j > used && is_space(text[j - 1]))
		j--;
	if (j > used && text[j - 1] == '-')
		for (j--; j > used && is_space(text[j - 1]); j--)
			;
	if (j < q && j >= used + 4 && (j == 4 || !is_alnum(text[j - 5])) && year_digits(text, j - 4, skip))
		return j - 4;

	j = q + 2;
	while (j < len && is_space(text[j]))
		j++;
	if (j < len && text[j] == '-')
		for (j++; j < len && is_space(text[j]); j++)
			;
	if (j > q + 2 && j + 4 <= len && (j + 4 == len || !is_alnum(text[j + 4])) && year_digits(text, j, skip))
		return j;
	return SIZE_MAX;
}

/*
 * Move, in place, every reference in text[0, len) to old_quarter to
 * new_quarter: "Q3" when its number is old_quarter's, "Q3 2026" and the
 * other forms with a year when they name old_quarter.  Same length, so
 * offsets stay.  Each year belongs to one reference, the first to take it.
 */
static void
move_quarter_references(char *text, size_t len, int32_t old_quarter, int32_t new_quarter,
						const size_t skip[2][2])
{
	size_t		used = 0;
	char		year[32];

	okr_format_quarter(new_quarter, year);	/* "2027-Q1": its first four bytes */
	for (size_t q = used; q + 1 < len; q++)
	{
		size_t		at;
		int			number;

		if ((text[q] != 'Q' && text[q] != 'q') || text[q + 1] < '1' || text[q + 1] > '4' ||
			(q + 2 < len && is_alnum(text[q + 2])))
			continue;
		number = text[q + 1] - '0';
		at = quarter_year(text, len, q, used, skip);
		if (at == SIZE_MAX && q > 0 && is_alnum(text[q - 1]))
			continue;			/* inside a word: "FAQ3" */
		if (at == SIZE_MAX)
		{
			if (number == old_quarter % 4 + 1)
				text[q + 1] = (char) ('0' + new_quarter % 4 + 1);
			used = q + 2;
		}
		else
		{
			int			y = (text[at] - '0') * 1000 + (text[at + 1] - '0') * 100 +
				(text[at + 2] - '0') * 10 + (text[at + 3] - '0');

			if (y * 4 + number - 1 == old_quarter)
			{
				memcpy(text + at, year, 4);
				text[q + 1] = (char) ('0' + new_quarter % 4 + 1);
			}
			used = at > q ? at + 4 : q + 2;
		}
		q = used - 1;
	}
}

okr_status
okr_restate_title(const char *title, const okr_key_result *old_plan, const okr_key_result *new_plan,
				  int32_t old_quarter, int32_t new_quarter, char *buf, char *work,
				  okr_double_formatter format_double, int *restated, okr_error *error)
{
	okr_unit	unit = (okr_unit) new_plan->unit;
	size_t		len = strlen(title);
	size_t		skip[2][2] = {{0, 0}, {0, 0}};
	okr_stated_plan where;
	int			found;
	char	   *o = buf;

	*restated = 0;
	if (new_plan->unit != old_plan->unit)
		return fail(error, OKR_INVALID, 0, "The new plan has another unit than the old one");
	if ((new_plan->target > new_plan->start) != (old_plan->target > old_plan->start))
		return fail(error, OKR_INVALID, 0, "The new plan runs the other way from the old one, against the title's verb");

	found = okr_find_stated_plan(title, old_plan, work, &where);
	if (found == 0)
		return OKR_OK;
	if (found < 0)
	{
		memcpy(buf, title, len + 1);
		o = buf + len;
	}
	else
	{
		size_t		start_end = where.start_offset + where.start_length;
		size_t		target_end = where.target_offset + where.target_length;
		size_t		to_offset;
		okr_key_result plan;
		const char *read_end;

		memcpy(o, title, where.start_offset);
		o += where.start_offset;
		skip[0][0] = (size_t) (o - buf);
		o += write_value_as(title + where.start_offset, where.start_length, new_plan->start, unit,
							format_double, o);
		skip[0][1] = (size_t) (o - buf);
		to_offset = where.to_offset + skip[0][1] - start_end;
		memcpy(o, title + start_end, where.target_offset - start_end);
		o += where.target_offset - start_end;
		skip[1][0] = (size_t) (o - buf);
		o += write_value_as(title + where.target_offset, where.target_length, new_plan->target, unit,
							format_double, o);
		skip[1][1] = (size_t) (o - buf);
		memcpy(o, title + target_end, len - target_end + 1);
		o += len - target_end;

		/* the new values must read back, at the same "from" and "to", as new_plan */
		if (read_target(buf + where.start_offset, buf + to_offset, buf + to_offset + 2, work, &plan,
						&read_end, NULL) != OKR_OK ||
			!states(&plan, new_plan) ||
			read_end <= buf + skip[1][0] || read_end > buf + skip[1][1])
			return OKR_OK;
	}
	move_quarter_references(buf, (size_t) (o - buf), old_quarter, new_quarter, skip);
	*restated = 1;
	return OKR_OK;
}
