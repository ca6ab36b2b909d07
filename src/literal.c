/*
 * literal.c: parsers, checks and formatters for key_result, kpi and quarter
 * literals.  Plain C (no server headers); see literal.h and doc/types.md.
 *
 * The parsers are hand-written scanners rather than strtod() on whole
 * fields: strtod() also accepts "nan", "inf" and hexadecimal, which a plan
 * never means, so a number is first matched against the decimal grammar and
 * only that span is handed to strtod().
 */
#include "literal.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * One scanned value: the number (scaled to its stored unit), its unit, and
 * where it is written: [begin, end) without white space around it.
 */
typedef struct scanned_value
{
	double		value;
	okr_unit	unit;
	const char *begin;
	const char *end;
} scanned_value;

typedef struct unit_word
{
	const char *word;
	okr_unit	unit;
	unsigned	factor;			/* to the stored unit (seconds) */
} unit_word;

/* Trailing unit words, matched case-insensitively. */
static const unit_word unit_words[] = {
	{"s", OKR_UNIT_SECONDS, 1},
	{"sec", OKR_UNIT_SECONDS, 1},
	{"secs", OKR_UNIT_SECONDS, 1},
	{"second", OKR_UNIT_SECONDS, 1},
	{"seconds", OKR_UNIT_SECONDS, 1},
	{"min", OKR_UNIT_SECONDS, 60},
	{"mins", OKR_UNIT_SECONDS, 60},
	{"minute", OKR_UNIT_SECONDS, 60},
	{"minutes", OKR_UNIT_SECONDS, 60},
	{"h", OKR_UNIT_SECONDS, 3600},
	{"hr", OKR_UNIT_SECONDS, 3600},
	{"hrs", OKR_UNIT_SECONDS, 3600},
	{"hour", OKR_UNIT_SECONDS, 3600},
	{"hours", OKR_UNIT_SECONDS, 3600},
	{"d", OKR_UNIT_SECONDS, 86400},
	{"day", OKR_UNIT_SECONDS, 86400},
	{"days", OKR_UNIT_SECONDS, 86400},
	{"w", OKR_UNIT_SECONDS, 604800},
	{"wk", OKR_UNIT_SECONDS, 604800},
	{"wks", OKR_UNIT_SECONDS, 604800},
	{"week", OKR_UNIT_SECONDS, 604800},
	{"weeks", OKR_UNIT_SECONDS, 604800},
	{"milestone", OKR_UNIT_MILESTONES, 1},
	{"milestones", OKR_UNIT_MILESTONES, 1},
};

/* Leading currency signs, as UTF-8 bytes. */
static const struct
{
	const char *sign;
	okr_unit	unit;
}			currencies[] = {
	{"$", OKR_UNIT_DOLLAR},
	{"\xE2\x82\xAC", OKR_UNIT_EURO},
	{"\xC2\xA3", OKR_UNIT_POUND},
	{"\xC2\xA5", OKR_UNIT_YEN},
};

static const char *const unit_names[OKR_UNIT_COUNT] = {
	"", "%", "$", "\xE2\x82\xAC", "\xC2\xA3", "\xC2\xA5", "s", "milestones"
};

/* What a value of each unit is, for error details. */
static const char *const unit_kind[OKR_UNIT_COUNT] = {
	"a plain number", "a percentage", "an amount in $", "an amount in \xE2\x82\xAC",
	"an amount in \xC2\xA3", "an amount in \xC2\xA5", "a duration", "a milestone count"
};
static const char *const unit_kinds[OKR_UNIT_COUNT] = {
	"plain numbers", "percentages", "amounts in $", "amounts in \xE2\x82\xAC",
	"amounts in \xC2\xA3", "amounts in \xC2\xA5", "durations", "milestone counts"
};

static const char *const comparison_names[OKR_CMP_COUNT] = {
	">=", ">", "<=", "<", ".."
};

static int
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static int
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int
is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static char
to_lower(char c)
{
	return (c >= 'A' && c <= 'Z') ? (char) (c - 'A' + 'a') : c;
}

static const char *
skip_space(const char *p)
{
	while (is_space(*p))
		p++;
	return p;
}

static okr_status
fail(okr_error *error, okr_status status, const char *input, const char *at, const char *detail)
{
	if (error)
	{
		error->status = status;
		error->fault = OKR_FAULT_OTHER;
		error->position = (size_t) (at - input);
		error->detail = detail;
		error->detail_text[0] = '\0';
		error->hint[0] = '\0';
	}
	return status;
}

/* A failed check of a value built from parts: no position to report. */
static okr_status
fail_check(okr_error *error, okr_status status, const char *detail)
{
	return fail(error, status, "", "", detail);
}

const char *
okr_error_detail(const okr_error *error)
{
	return error->detail_text[0] != '\0' ? error->detail_text : error->detail;
}

/* printf into one of error's texts (OKR_ERROR_TEXTSIZE bytes). */
#if defined(__GNUC__)
static void write_text(char *text, const char *format,...) __attribute__((format(printf, 2, 3)));
#endif
static void
write_text(char *text, const char *format,...)
{
	va_list		args;

	va_start(args, format);
	vsnprintf(text, OKR_ERROR_TEXTSIZE, format, args);
	va_end(args);
}

/*
 * Text [begin, end) as an error shows it, into shown (OKR_SHOWN_SIZE bytes):
 * at most 40 bytes of it, cut at a character boundary and followed by "..."
 * when longer.
 */
#define OKR_SHOWN_SIZE 48
static const char *
shown_text(const char *begin, const char *end, char *shown)
{
	size_t		len = (size_t) (end - begin);

	if (len > 40)
	{
		len = 37;
		while (len > 0 && ((unsigned char) begin[len] & 0xC0) == 0x80)
			len--;
		memcpy(shown, begin, len);
		strcpy(shown + len, "...");
	}
	else
	{
		memcpy(shown, begin, len);
		shown[len] = '\0';
	}
	return shown;
}

/* Match a unit word of length len at p; returns NULL when unknown. */
static const unit_word *
find_unit_word(const char *p, size_t len)
{
	for (size_t i = 0; i < sizeof(unit_words) / sizeof(unit_words[0]); i++)
	{
		const char *w = unit_words[i].word;

		if (strlen(w) != len)
			continue;
		for (size_t j = 0;; j++)
		{
			if (j == len)
				return &unit_words[i];
			if (to_lower(p[j]) != w[j])
				break;
		}
	}
	return NULL;
}

/* Length of the end of a decimal number starting at p (0 when none). */
static size_t
decimal_length(const char *p)
{
	const char *q = p;
	int			int_digits = 0;
	int			frac_digits = 0;

	while (is_digit(*q))
		q++, int_digits++;
	if (*q == '.')
	{
		if (is_digit(q[1]))
		{
			q++;
			while (is_digit(*q))
				q++, frac_digits++;
		}
		else if (int_digits > 0 && q[1] != '.')
			q++;				/* "4." is a number; "4.." is 4 then ".." */
	}
	if (int_digits == 0 && frac_digits == 0)
		return 0;
	if (*q == 'e' || *q == 'E')
	{
		const char *e = q + 1;

		if (*e == '+' || *e == '-')
			e++;
		if (is_digit(*e))
		{
			while (is_digit(*e))
				e++;
			q = e;
		}
	}
	return (size_t) (q - p);
}

/*
 * The double nearest to decimal number text (as matched by decimal_length)
 * times 10^magnitude times factor.  The scaling is done on the decimal digits
 * before the one rounding to binary, so '1.1h' is exactly 3960 seconds and
 * '1.005k' exactly 1005, where multiplying doubles would give 3960.0000000000005
 * and 1004.9999999999999.  Returns OKR_RANGE when the result does not fit.
 */
static okr_status
scaled_decimal(const char *number, size_t len, int magnitude, unsigned factor, double *out)
{
	char	   *digits = malloc(len + 64);
	size_t		n = 0;
	long		exponent = 0;
	long		fraction_digits = 0;
	int			in_fraction = 0;
	size_t		i = 0;
	double		value;
	int			range_error;

	if (digits == NULL)
		return OKR_RANGE;
	for (; i < len && number[i] != 'e' && number[i] != 'E'; i++)
	{
		if (number[i] == '.')
			in_fraction = 1;
		else
		{
			if (n > 0 || number[i] != '0')
				digits[n++] = number[i];
			fraction_digits += in_fraction;
		}
	}
	if (i < len)
	{
		int			exponent_sign = 1;

		i++;
		if (number[i] == '+' || number[i] == '-')
			exponent_sign = (number[i++] == '-') ? -1 : 1;
		for (; i < len; i++)
			if (exponent < 100000000L)
				exponent = exponent * 10 + (number[i] - '0');
		exponent *= exponent_sign;
	}
	if (n == 0)
	{
		free(digits);
		*out = 0.0;
		return OKR_OK;
	}
	if (factor > 1)
	{
		/* multiply the digit string by factor, right to left, growing it on the left */
		unsigned long long carry = 0;

		for (size_t k = n; k-- > 0;)
		{
			unsigned long long d = (unsigned long long) (digits[k] - '0') * factor + carry;

			digits[k] = (char) ('0' + d % 10);
			carry = d / 10;
		}
		while (carry > 0)
		{
			memmove(digits + 1, digits, n++);
			digits[0] = (char) ('0' + carry % 10);
			carry /= 10;
		}
	}
	snprintf(digits + n, 64, "e%ld", exponent - fraction_digits + magnitude);
	errno = 0;
	value = strtod(digits, NULL);
	range_error = (errno == ERANGE && (value == 0.0 || isinf(value))) || isinf(value);
	free(digits);
	if (range_error)
		return OKR_RANGE;
	*out = value;
	return OKR_OK;
}

/* Whether the word [word, word + len) is one of words (lower case), in any letter case. */
static int
word_in(const char *word, size_t len, const char *const *words)
{
	for (; *words; words++)
	{
		size_t		j = 0;

		if (strlen(*words) != len)
			continue;
		while (j < len && to_lower(word[j]) == (*words)[j])
			j++;
		if (j == len)
			return 1;
	}
	return 0;
}

/* Words people write for a unit the grammar spells otherwise, or has not. */
static const char *const subsecond_words[] = {
	"ms", "msec", "msecs", "millisecond", "milliseconds", NULL
};
static const char *const microsecond_words[] = {
	"us", "usec", "usecs", "microsecond", "microseconds", NULL
};
static const char *const nanosecond_words[] = {
	"ns", "nsec", "nsecs", "nanosecond", "nanoseconds", NULL
};
static const char *const calendar_words[] = {
	"mo", "mos", "mon", "mons", "mth", "mths", "month", "months",
	"y", "yr", "yrs", "year", "years", NULL
};
static const char *const percent_words[] = {
	"percent", "percents", "percentage", "pct", NULL
};
static const char *const thousand_words[] = {"thousand", "thousands", NULL};
static const char *const million_words[] = {"mn", "mio", "million", "millions", NULL};
static const char *const billion_words[] = {"b", "bn", "billion", "billions", NULL};
static const struct
{
	const char *words[5];
	const char *sign;
}			currency_words[] = {
	{{"usd", "dollar", "dollars", NULL}, "$"},
	{{"eur", "euro", "euros", NULL}, "\xE2\x82\xAC"},
	{{"gbp", "pound", "pounds", NULL}, "\xC2\xA3"},
	{{"jpy", "yen", NULL}, "\xC2\xA5"},
};

/*
 * The error for the unknown unit word [word, word + len) after the number
 * [number, number + number_len): it names the word and, in the hint, what to
 * write instead, with the input's own number in the example.  The value is
 * written from begin (its sign or currency sign); negative and magnitude are
 * its sign and magnitude suffix as scan_value read them, for the examples
 * that convert the whole value ("-5k ms" is -5s).
 */
static okr_status
unknown_unit(okr_error *error, const char *input, const char *word, size_t len,
			 const char *begin, const char *number, size_t number_len, int negative,
			 int magnitude)
{
	char		shown[OKR_SHOWN_SIZE];
	char		digits[OKR_DOUBLE_BUFSIZE];
	int			scale = 0;

	fail(error, OKR_SYNTAX, input, word, "Unknown unit");
	if (error == NULL)
		return OKR_SYNTAX;
	error->fault = OKR_FAULT_UNKNOWN_UNIT;
	shown_text(word, word + len, shown);
	/* the number as written, for the examples ("5" of "5m"); a long one is not worth repeating */
	if (number_len > 24)
		strcpy(digits, "5");
	else
	{
		memcpy(digits, number, number_len);
		digits[number_len] = '\0';
	}

	if (word_in(word, len, subsecond_words))
		scale = 3;
	else if (word_in(word, len, microsecond_words))
		scale = 6;
	else if (word_in(word, len, nanosecond_words))
		scale = 9;

	if (len == 1 && (*word == 'k' || *word == 'K' || *word == 'M' || *word == 'B'))
	{
		write_text(error->detail_text, "Unknown unit \"%s\": a magnitude must follow its number directly", shown);
		write_text(error->hint, "Write the magnitude right after the number, as in '%s%c'.", digits, *word);
	}
	else if (len == 1 && *word == 'm')
	{
		write_text(error->detail_text, "Unknown unit \"m\": it could mean minutes or millions");
		write_text(error->hint, "Write \"min\" for minutes, as in '%smin', or \"M\" for millions, as in '%sM'.",
				   digits, digits);
	}
	else if (scale > 0)
	{
		double		seconds;
		char		in_seconds[OKR_DOUBLE_BUFSIZE];
		char		written[OKR_SHOWN_SIZE];

		write_text(error->detail_text, "Unknown unit \"%s\": %s are not supported, durations are read in seconds and larger units",
				   shown, scale == 3 ? "milliseconds" : scale == 6 ? "microseconds" : "nanoseconds");
		if (scaled_decimal(number, number_len, magnitude - scale, 1, &seconds) == OKR_OK)
		{
			snprintf(in_seconds, sizeof(in_seconds), "%.15g", negative && seconds != 0.0 ? -seconds : seconds);
			write_text(error->hint, "Write the duration in seconds with a decimal, as in '%ss' for %s.",
					   in_seconds, shown_text(begin, word + len, written));
		}
		else
			write_text(error->hint, "Write the duration in seconds with a decimal, as in '0.8s' for 800ms.");
	}
	else if (word_in(word, len, calendar_words))
	{
		write_text(error->detail_text, "Unknown unit \"%s\": months and years are not supported, as their length varies", shown);
		write_text(error->hint, "Write the duration in days or weeks, as in '90d' or '13w'.");
	}
	else if (word_in(word, len, percent_words))
	{
		write_text(error->detail_text, "Unknown unit \"%s\"", shown);
		write_text(error->hint, "Write a percentage with %%, as in '%s%%'.", digits);
	}
	else if (word_in(word, len, thousand_words) || word_in(word, len, million_words) ||
			 word_in(word, len, billion_words))
	{
		char		magnitude = word_in(word, len, thousand_words) ? 'k' :
			word_in(word, len, million_words) ? 'M' : 'B';

		write_text(error->detail_text, "Unknown unit \"%s\"", shown);
		write_text(error->hint, "Write %s as \"%c\" right after the number, as in '%s%c'.",
				   magnitude == 'k' ? "thousands" : magnitude == 'M' ? "millions" : "billions",
				   magnitude, digits, magnitude);
	}
	else
	{
		write_text(error->detail_text, "Unknown unit \"%s\"", shown);
		for (size_t i = 0; i < sizeof(currency_words) / sizeof(currency_words[0]); i++)
			if (word_in(word, len, currency_words[i].words))
				write_text(error->hint, "Write the currency sign before the number, as in '%s%s'.",
						   currency_words[i].sign, digits);
		if (error->hint[0] == '\0')
			write_text(error->hint, "%s",
					   "A unit is % after the number; $, \xE2\x82\xAC, \xC2\xA3 or \xC2\xA5 before it; "
					   "s, min, h, d or w (or sec, hour, day, week and their plurals) after it; "
					   "or milestones. A magnitude k, M or B goes right after the number.");
	}
	return OKR_SYNTAX;
}

/*
 * Scan one value: [sign] [currency] [sign] number [k|K|M|B] [unit word | %].
 * Leaves *pp after the value and any white space behind it.
 */
static okr_status
scan_value(const char *input, const char **pp, scanned_value *out, okr_error *error)
{
	const char *p = skip_space(*pp);
	const char *begin = p,
			   *end;
	int			negative = 0;
	int			have_sign = 0;
	okr_unit	unit = OKR_UNIT_NONE;
	size_t		len;
	const char *number;
	int			magnitude = 0;
	unsigned	factor = 1;
	double		value;

	if (*p == '+' || *p == '-')
	{
		negative = (*p == '-');
		have_sign = 1;
		p++;
	}
	for (size_t i = 0; i < sizeof(currencies) / sizeof(currencies[0]); i++)
	{
		size_t		n = strlen(currencies[i].sign);

		if (strncmp(p, currencies[i].sign, n) == 0)
		{
			unit = currencies[i].unit;
			p = skip_space(p + n);
			if (!have_sign && (*p == '+' || *p == '-'))
			{
				negative = (*p == '-');
				p++;
			}
			break;
		}
	}

	len = decimal_length(p);
	if (len == 0)
		return fail(error, OKR_SYNTAX, input, p, "Expected a number");

	number = p;
	p += len;

	/* a magnitude suffix sticks to the number and is not the start of a word */
	if ((*p == 'k' || *p == 'K' || *p == 'M' || *p == 'B') && !is_alpha(p[1]))
	{
		magnitude = (*p == 'B') ? 9 : (*p == 'M') ? 6 : 3;
		p++;
	}

	end = p;
	p = skip_space(p);
	if (*p == '%' || is_alpha(*p))
	{
		const char *word = p;
		okr_unit	word_unit;

		if (*p == '%')
		{
			word_unit = OKR_UNIT_PERCENT;
			p++;
		}
		else
		{
			const unit_word *w;

			while (is_alpha(*p))
				p++;
			w = find_unit_word(word, (size_t) (p - word));
			if (w == NULL)
				return unknown_unit(error, input, word, (size_t) (p - word), begin, number, len,
									negative, magnitude);
			word_unit = w->unit;
			factor = w->factor;
		}
		if (unit != OKR_UNIT_NONE)
			return fail(error, OKR_SYNTAX, input, word, "A value can carry only one unit");
		unit = word_unit;
		end = p;
		p = skip_space(p);
	}

	if (scaled_decimal(number, len, magnitude, factor, &value) != OKR_OK)
		return fail(error, OKR_RANGE, input, number, "The number is out of range for type double precision");
	if (negative)
		value = -value;
	if (value == 0.0)
		value = 0.0;			/* no negative zero */

	out->value = value;
	out->unit = unit;
	out->begin = begin;
	out->end = end;
	*pp = p;
	return OKR_OK;
}

/* Expect a literal token (after white space); on success advance past it. */
static int
accept(const char **pp, const char *token)
{
	const char *p = skip_space(*pp);
	size_t		n = strlen(token);

	if (strncmp(p, token, n) != 0)
		return 0;
	*pp = p + n;
	return 1;
}

/*
 * The end of a literal: an optional "@ CURRENT" (*current_at is set when
 * present) and nothing after it.
 */
static okr_status
scan_current_and_end(const char *input, const char *p, scanned_value *current,
					 const char **current_at, okr_error *error, const char *trailing)
{
	okr_status	status;

	if (accept(&p, "@"))
	{
		*current_at = skip_space(p);
		if ((status = scan_value(input, &p, current, error)) != OKR_OK)
			return status;
	}
	if (*p != '\0')
	{
		fail(error, OKR_SYNTAX, input, p, trailing);
		if (error)
			error->fault = OKR_FAULT_TRAILING;
		return OKR_SYNTAX;
	}
	return OKR_OK;
}

/*
 * The error for two values in different units: "<what> differ in unit: <a
 * name> "<a>" is <a's kind>, <b name> "<b>" <b's kind>", at b.
 */
static okr_status
mixed_units(okr_error *error, const char *input, const char *detail, const char *what,
			const char *a_name, const scanned_value *a, const char *b_name,
			const scanned_value *b, const char *hint)
{
	char		a_shown[OKR_SHOWN_SIZE],
				b_shown[OKR_SHOWN_SIZE];

	fail(error, OKR_SYNTAX, input, b->begin, detail);
	if (error)
	{
		error->fault = OKR_FAULT_MIXED_UNITS;
		write_text(error->detail_text, "%s differ in unit: %s \"%s\" is %s, %s \"%s\" %s",
				   what, a_name, shown_text(a->begin, a->end, a_shown), unit_kind[a->unit],
				   b_name, shown_text(b->begin, b->end, b_shown), unit_kind[b->unit]);
		write_text(error->hint, "%s", hint);
	}
	return OKR_SYNTAX;
}

/*
 * The current value written [current->begin, current->end) as the model
 * value (the start, or a KPI's first bound) writes its value: its currency
 * sign, magnitude suffix and unit word around the current value's sign and
 * digits ("2" against "6h" is "2h", "2.5" against "$2M" is "$2.5M"), into
 * out (size bytes).  Returns 0 when that does not fit.
 */
static int
current_in_unit_of(const scanned_value *model, const scanned_value *current, char *out, size_t size)
{
	okr_value_layout m,
				c;
	size_t		m_len = (size_t) (model->end - model->begin);
	size_t		c_len = (size_t) (current->end - current->begin);
	size_t		m_number_end;
	size_t		n = 0;
	char		buf[512];

	if (!okr_read_value_layout(model->begin, m_len, &m) ||
		!okr_read_value_layout(current->begin, c_len, &c) || m_len + c_len + 2 > sizeof(buf))
		return 0;
	m_number_end = m.number_offset + m.number_length;
	if (c.sign_offset != SIZE_MAX)
		buf[n++] = current->begin[c.sign_offset];
	/* the model's currency sign and the space after it, without its own sign */
	for (size_t i = 0; i < m.number_offset; i++)
		if (i != m.sign_offset)
			buf[n++] = model->begin[i];
	/* the current value's digits, and its own magnitude suffix if it has one */
	memcpy(buf + n, current->begin + c.number_offset, c.number_length);
	n += c.number_length;
	if (c.scale.magnitude != 0)
	{
		buf[n++] = current->begin[c.number_offset + c.number_length];
		if (m.word_length > 0)
		{
			if (is_alpha(model->begin[m.word_offset]))
				buf[n++] = ' ';
			memcpy(buf + n, model->begin + m.word_offset, m.word_length);
			n += m.word_length;
		}
	}
	else
	{
		/* the model's magnitude suffix, the space before its word, and the word */
		size_t		tail = m.word_length > 0 ? m.word_offset + m.word_length - m_number_end :
			(m.scale.magnitude != 0 ? 1 : 0);

		memcpy(buf + n, model->begin + m_number_end, tail);
		n += tail;
	}
	if (n + 1 > size)
		return 0;
	memcpy(out, buf, n);
	out[n] = '\0';
	return 1;
}

/*
 * A plain-C stand-in for the server's float8 output, for hints: the shortest
 * of "%.15g", "%.16g" and "%.17g" that reads back to value.
 */
static int
plain_double(double value, char *buf)
{
	int			len = 0;

	for (int precision = 15; precision <= 17; precision++)
	{
		len = snprintf(buf, OKR_DOUBLE_BUFSIZE, "%.*g", precision, value);
		if (strtod(buf, NULL) == value)
			break;
	}
	return len;
}

/*
 * What a scale is in words, for hints: "hours", "millions", "thousands of
 * hours"; NULL for plain digits.
 */
static const char *
scale_words(okr_scale scale, char *out, size_t size)
{
	const char *magnitude = scale.magnitude == 9 ? "billions" : scale.magnitude == 6 ? "millions" :
		scale.magnitude == 3 ? "thousands" : NULL;
	const char *unit = scale.factor == 60 ? "minutes" : scale.factor == 3600 ? "hours" :
		scale.factor == 86400 ? "days" : scale.factor == 604800 ? "weeks" : NULL;

	if (magnitude != NULL && unit != NULL)
		snprintf(out, size, "%s of %s", magnitude, unit);
	else if (magnitude != NULL || unit != NULL)
		snprintf(out, size, "%s", magnitude != NULL ? magnitude : unit);
	else
		return NULL;
	return out;
}

/* The base unit of a unit in words, for "for 7200 seconds": singular for one. */
static const char *
base_unit_words(okr_unit unit, int one)
{
	switch (unit)
	{
		case OKR_UNIT_SECONDS:
			return one ? "second" : "seconds";
		case OKR_UNIT_DOLLAR:
			return one ? "dollar" : "dollars";
		case OKR_UNIT_EURO:
			return one ? "euro" : "euros";
		case OKR_UNIT_POUND:
			return one ? "pound" : "pounds";
		case OKR_UNIT_YEN:
			return "yen";
		case OKR_UNIT_PERCENT:
			return "percent";
		default:
			return one ? "unit" : "units";
	}
}

/*
 * input with [current->begin, current->end) replaced by value (malloc'd),
 * when that text reads (parse); else NULL.
 */
static char *
with_current_text(const char *input, const scanned_value *current, const char *value,
				  int (*parse) (const char *text))
{
	size_t		before = (size_t) (current->begin - input);
	size_t		after = strlen(current->end);
	size_t		vlen = strlen(value);
	char	   *fixed = malloc(before + vlen + after + 1);

	if (fixed == NULL)
		return NULL;
	memcpy(fixed, input, before);
	memcpy(fixed + before, value, vlen);
	memcpy(fixed + before + vlen, current->end, after + 1);
	if (!parse(fixed))
	{
		free(fixed);
		return NULL;
	}
	return fixed;
}

/*
 * How far |x| lies from the plan's values (their absolute values, lo to hi):
 * 0 between them, else the log of the ratio to the nearer one.
 */
static double
distance_from_plan(double x, double lo, double hi)
{
	double		a = fabs(x);

	if (a < lo)
		return log(lo / a);
	if (a > hi)
		return log(a / hi);
	return 0.0;
}

/*
 * The error for a current value without the unit of the plan (start and
 * target, or a KPI's threshold), or with another unit.
 *
 * A bare number has two readings: in the unit and scale the model value (the
 * start, or the threshold's first bound) is written in ("2" against "6h" is
 * 2h), and in base units, as 0.2.0 read it ("7200" against "6h" is 7200
 * seconds, printed as output prints it: 2h).  The hint shows the whole
 * literal for each reading that reads (parse says whether a text does): one
 * when they are the same value (a model without a scale suffix, a current of
 * 0), else both, the one nearer the plan's values (model and other, when
 * given) first, the start's reading on a tie.  When two whole literals do not
 * fit the hint, it shows "@ CURRENT" alone.
 */
static okr_status
current_unit(okr_error *error, const char *input, const scanned_value *model,
			 const scanned_value *other, const scanned_value *current, okr_unit unit,
			 const char *plan, int plural, int (*parse) (const char *text))
{
	char		shown[OKR_SHOWN_SIZE];
	char		in_scale[OKR_SHOWN_SIZE * 2];
	char		in_base[OKR_FORMAT_BUFSIZE];
	char		scale_text[40];
	char		phrase[2][OKR_SHOWN_SIZE + 48];
	const char *value[2] = {NULL, NULL};
	char	   *literal[2] = {NULL, NULL};
	double		reading[2];
	okr_value_layout model_layout,
				current_layout;
	int			count = 0;
	int			same;

	fail(error, OKR_SYNTAX, input, current->begin,
		 current->unit == OKR_UNIT_NONE ? "The current value must carry the unit of the plan" :
		 "The current value must have the unit of the plan");
	if (error == NULL)
		return OKR_SYNTAX;
	error->fault = OKR_FAULT_CURRENT_UNIT;
	shown_text(current->begin, current->end, shown);
	if (current->unit != OKR_UNIT_NONE)
	{
		write_text(error->detail_text, "The current value \"%s\" is %s, but %s %s %s", shown,
				   unit_kind[current->unit], plan, plural ? "are" : "is",
				   plural ? unit_kinds[unit] : unit_kind[unit]);
		write_text(error->hint, "Write the current value in the unit of %s.", plan);
		return OKR_SYNTAX;
	}
	write_text(error->detail_text, "The current value \"%s\" has no unit, but %s %s %s", shown,
			   plan, plural ? "are" : "is", plural ? unit_kinds[unit] : unit_kind[unit]);

	/* reading 0: in the model's unit and scale (the current's own magnitude kept) */
	if (current_in_unit_of(model, current, in_scale, sizeof(in_scale)) &&
		okr_read_value_layout(model->begin, (size_t) (model->end - model->begin), &model_layout) &&
		okr_read_value_layout(current->begin, (size_t) (current->end - current->begin), &current_layout))
	{
		const char *p = in_scale;
		scanned_value scanned;
		okr_scale	scale = model_layout.scale;

		if (current_layout.scale.magnitude != 0)
			scale.magnitude = 0;
		if (scan_value(in_scale, &p, &scanned, NULL) == OKR_OK &&
			(literal[0] = with_current_text(input, current, in_scale, parse)) != NULL)
		{
			value[0] = in_scale;
			reading[0] = scanned.value;
			if (scale_words(scale, scale_text, sizeof(scale_text)) != NULL)
				snprintf(phrase[0], sizeof(phrase[0]), "in %s", scale_text);
			else
				phrase[0][0] = '\0';
			count++;
		}
	}
	/* reading 1: in base units, when that is another value */
	same = count == 1 && reading[0] == current->value;
	if (!same)
	{
		okr_format_value(current->value, unit, in_base, plain_double);
		if ((literal[1] = with_current_text(input, current, in_base, parse)) != NULL)
		{
			value[1] = in_base;
			reading[1] = current->value;
			snprintf(phrase[1], sizeof(phrase[1]), "for %s %s", shown,
					 base_unit_words(unit, fabs(current->value) == 1.0));
			count++;
		}
	}

	if (count == 2)
	{
		double		lo = 0.0,
					hi = 0.0;
		int			first = 0;
		int			len;

		/* the plan's values: |model| and |other|, the smallest nonzero one and the largest */
		for (int i = 0; i < 2; i++)
		{
			const scanned_value *v = i == 0 ? model : other;
			double		a = v != NULL ? fabs(v->value) : 0.0;

			if (a > 0.0 && (lo == 0.0 || a < lo))
				lo = a;
			if (a > hi)
				hi = a;
		}
		if (lo > 0.0 &&
			distance_from_plan(reading[1], lo, hi) < distance_from_plan(reading[0], lo, hi))
			first = 1;
		len = snprintf(error->hint, OKR_ERROR_TEXTSIZE, "Write the current value with a unit: '%s' %s, or '%s' %s.",
					   literal[first], phrase[first], literal[1 - first], phrase[1 - first]);
		if (len < 0 || len >= OKR_ERROR_TEXTSIZE)
			write_text(error->hint, "Write the current value with a unit: '@ %s' %s, or '@ %s' %s.",
					   value[first], phrase[first], value[1 - first], phrase[1 - first]);
	}
	else if (count == 1)
	{
		int			i = literal[0] != NULL ? 0 : 1;
		int			len;

		/* no phrase when the two readings are one value: there is nothing to choose */
		if (same || phrase[i][0] == '\0')
			len = snprintf(error->hint, OKR_ERROR_TEXTSIZE, "Write the current value with a unit, as in '%s'.",
						   literal[i]);
		else
			len = snprintf(error->hint, OKR_ERROR_TEXTSIZE, "Write the current value with a unit, as in '%s' %s.",
						   literal[i], phrase[i]);
		if (len < 0 || len >= OKR_ERROR_TEXTSIZE || strlen(literal[i]) >= 200)
		{
			if (same || phrase[i][0] == '\0')
				write_text(error->hint, "Write the current value with a unit, as in '@ %s'.", value[i]);
			else
				write_text(error->hint, "Write the current value with a unit, as in '@ %s' %s.", value[i], phrase[i]);
		}
	}
	else
		write_text(error->hint, "Write the current value in the unit of %s.", plan);
	free(literal[0]);
	free(literal[1]);
	return OKR_SYNTAX;
}

static int
reads_as_key_result(const char *text)
{
	okr_key_result kr;

	return okr_parse_key_result(text, &kr, NULL) == OKR_OK;
}

static int
reads_as_kpi(const char *text)
{
	okr_kpi		kpi;

	return okr_parse_kpi(text, &kpi, NULL) == OKR_OK;
}

okr_status
okr_parse_key_result(const char *input, okr_key_result *out, okr_error *error)
{
	const char *p = input;
	scanned_value start,
				target,
				current;
	const char *target_at,
			   *current_at = NULL;
	okr_key_result kr;
	okr_unit	unit;
	okr_status	status;

	if ((status = scan_value(input, &p, &start, error)) != OKR_OK)
		return status;
	if (!accept(&p, "->"))
		return fail(error, OKR_SYNTAX, input, p, "Expected \"->\" between start and target");
	target_at = skip_space(p);
	if ((status = scan_value(input, &p, &target, error)) != OKR_OK)
		return status;
	if ((status = scan_current_and_end(input, p, &current, &current_at, error,
									   "Unexpected text after the key result")) != OKR_OK)
		return status;

	/*
	 * Start and target share one unit, and the current value carries it too:
	 * a bare "@ 2" against "6h -> 45min" would be read in base units (2
	 * seconds) where a person means 2h.  "milestones" is a word for the whole
	 * literal, so it may stand on any of the values; a count has no other
	 * scale, so bare values are milestones there.
	 */
	if (start.unit == OKR_UNIT_MILESTONES || target.unit == OKR_UNIT_MILESTONES ||
		(current_at && current.unit == OKR_UNIT_MILESTONES))
	{
		const scanned_value *other = NULL;
		char		shown[OKR_SHOWN_SIZE];

		unit = OKR_UNIT_MILESTONES;
		if (start.unit != OKR_UNIT_NONE && start.unit != unit)
			other = &start;
		else if (target.unit != OKR_UNIT_NONE && target.unit != unit)
			other = &target;
		else if (current_at && current.unit != OKR_UNIT_NONE && current.unit != unit)
			other = &current;
		if (other != NULL)
		{
			fail(error, OKR_SYNTAX, input, other->begin, "All values of a key result must have the same unit");
			if (error)
			{
				error->fault = other == &current ? OKR_FAULT_CURRENT_UNIT : OKR_FAULT_MIXED_UNITS;
				write_text(error->detail_text, "The key result counts milestones, but the %s \"%s\" is %s",
						   other == &start ? "start" : other == &target ? "target" : "current value",
						   shown_text(other->begin, other->end, shown), unit_kind[other->unit]);
				write_text(error->hint, "Write every value of a milestone key result as a plain count, as in '0 -> 4 milestones @ 1'.");
			}
			return OKR_SYNTAX;
		}
	}
	else
	{
		unit = start.unit;
		if (target.unit != unit)
			return mixed_units(error, input, "Start and target must have the same unit",
							   "Start and target", "the start", &start, "the target", &target,
							   "Write start and target in the same unit; a duration may mix s, min, h, d and w, as in '6h -> 45min'.");
		if (current_at && current.unit != unit)
			return current_unit(error, input, &start, &target, &current, unit, "start and target", 1,
								reads_as_key_result);
	}

	memset(&kr, 0, sizeof(kr));
	kr.start = start.value;
	kr.target = target.value;
	kr.unit = (uint8_t) unit;
	if (current_at)
	{
		kr.has_current = 1;
		kr.current = current.value;
	}
	if ((status = okr_check_key_result(&kr, error)) != OKR_OK)
	{
		if (error)
		{
			error->position = (size_t) (target_at - input);
			if (status == OKR_INVALID)
			{
				char		start_shown[OKR_SHOWN_SIZE],
							target_shown[OKR_SHOWN_SIZE];

				error->fault = OKR_FAULT_EQUAL;
				write_text(error->detail_text,
						   "The start \"%s\" and the target \"%s\" are the same value",
						   shown_text(start.begin, start.end, start_shown),
						   shown_text(target.begin, target.end, target_shown));
			}
		}
		return status;
	}
	*out = kr;
	return OKR_OK;
}

okr_status
okr_parse_kpi(const char *input, okr_kpi *out, okr_error *error)
{
	const char *p = skip_space(input);
	const char *first_at = p,
			   *second_at = NULL,
			   *current_at = NULL;
	scanned_value first,
				second,
				current;
	okr_kpi		kpi;
	okr_status	status;
	int			comparison;

	if (strncmp(p, ">=", 2) == 0)
		comparison = OKR_CMP_GE, p += 2;
	else if (strncmp(p, "<=", 2) == 0)
		comparison = OKR_CMP_LE, p += 2;
	else if (*p == '>')
		comparison = OKR_CMP_GT, p++;
	else if (*p == '<')
		comparison = OKR_CMP_LT, p++;
	else
		comparison = OKR_CMP_BAND;

	if (comparison != OKR_CMP_BAND)
		first_at = skip_space(p);
	if ((status = scan_value(input, &p, &first, error)) != OKR_OK)
		return status;
	if (comparison == OKR_CMP_BAND)
	{
		if (!accept(&p, ".."))
			return fail(error, OKR_SYNTAX, input, p, "Expected \">=\", \">\", \"<=\", \"<\" or a band \"LOW .. HIGH\"");
		second_at = skip_space(p);
		if ((status = scan_value(input, &p, &second, error)) != OKR_OK)
			return status;
	}
	if ((status = scan_current_and_end(input, p, &current, &current_at, error,
									   "Unexpected text after the KPI threshold")) != OKR_OK)
		return status;

	if (first.unit == OKR_UNIT_MILESTONES)
		return fail(error, OKR_SYNTAX, input, first_at, "A KPI cannot count milestones");
	if (second_at && second.unit != first.unit)
		return mixed_units(error, input, "Both ends of a band must have the same unit",
						   "The ends of the band", "the low end", &first, "the high end", &second,
						   "Write both ends of the band in the same unit, as in '4.2 .. 4.8' or '2% .. 3%'.");
	/* as for a key result: a bare "@ 3" against ">= 2h" would be 3 seconds */
	if (current_at && current.unit != first.unit)
		return current_unit(error, input, &first, second_at ? &second : NULL, &current,
							(okr_unit) first.unit, "the threshold", 0, reads_as_kpi);

	memset(&kpi, 0, sizeof(kpi));
	kpi.comparison = (uint8_t) comparison;
	kpi.unit = (uint8_t) first.unit;
	if (comparison == OKR_CMP_GE || comparison == OKR_CMP_GT)
		kpi.lower = first.value;
	else if (comparison == OKR_CMP_LE || comparison == OKR_CMP_LT)
		kpi.upper = first.value;
	else
	{
		kpi.lower = first.value;
		kpi.upper = second.value;
	}
	if (current_at)
	{
		kpi.has_current = 1;
		kpi.current = current.value;
	}
	if ((status = okr_check_kpi(&kpi, error)) != OKR_OK)
	{
		if (error)
			error->position = (size_t) (first_at - input);
		return status;
	}
	*out = kpi;
	return OKR_OK;
}

/* Scan "Qn"; returns the quarter number or 0. */
static int
scan_quarter_number(const char **pp)
{
	const char *p = *pp;

	if ((*p != 'q' && *p != 'Q') || p[1] < '1' || p[1] > '4' || is_digit(p[2]))
		return 0;
	*pp = p + 2;
	return p[1] - '0';
}

/* Scan a year of one or more digits, saturating far above the range. */
static int
scan_year(const char **pp, long *year)
{
	const char *p = *pp;

	if (!is_digit(*p))
		return 0;
	*year = 0;
	while (is_digit(*p))
	{
		if (*year < 100000)
			*year = *year * 10 + (*p - '0');
		p++;
	}
	*pp = p;
	return 1;
}

/* Between year and quarter: white space, a dash, or both; *had says whether any. */
static const char *
skip_separator(const char *p, int *had)
{
	const char *q = skip_space(p);

	if (*q == '-')
		q = skip_space(q + 1);
	*had = (q != p);
	return q;
}

okr_status
okr_parse_quarter(const char *input, int32_t *out, okr_error *error)
{
	const char *p = skip_space(input);
	const char *year_at;
	long		year = 0;
	int			number;
	int			had_separator;

	if (*p == 'q' || *p == 'Q')
	{
		/* Q3 2026, Q3-2026 */
		if ((number = scan_quarter_number(&p)) == 0)
			return fail(error, OKR_SYNTAX, input, p, "Expected a quarter number Q1 to Q4");
		p = skip_separator(p, &had_separator);
		year_at = p;
		if (!had_separator || !scan_year(&p, &year))
			return fail(error, OKR_SYNTAX, input, p, "Expected a year after the quarter, as in \"Q3 2026\"");
	}
	else
	{
		/* 2026-Q3, 2026Q3, 2026 Q3 */
		year_at = p;
		if (!scan_year(&p, &year))
			return fail(error, OKR_SYNTAX, input, p, "Expected a quarter such as \"2026-Q3\"");
		p = skip_separator(p, &had_separator);
		if ((number = scan_quarter_number(&p)) == 0)
			return fail(error, OKR_SYNTAX, input, p, "Expected a quarter number Q1 to Q4");
	}
	p = skip_space(p);
	if (*p != '\0')
		return fail(error, OKR_SYNTAX, input, p, "Unexpected text after the quarter");
	if (year < OKR_QUARTER_MIN_YEAR || year > OKR_QUARTER_MAX_YEAR)
		return fail(error, OKR_RANGE, input, year_at, "The year must be between 1 and 9999");
	*out = (int32_t) (year * 4 + number - 1);
	return OKR_OK;
}

static okr_status
check_value(double *value, okr_error *error, const char *what)
{
	if (isnan(*value) || isinf(*value))
		return fail_check(error, OKR_SYNTAX, what);
	if (*value == 0.0)
		*value = 0.0;
	return OKR_OK;
}

okr_status
okr_check_key_result(okr_key_result *kr, okr_error *error)
{
	okr_status	status;

	if (kr->unit >= OKR_UNIT_COUNT)
		return fail_check(error, OKR_SYNTAX, "Unknown unit code");
	if (kr->has_current > 1)
		return fail_check(error, OKR_SYNTAX, "Unknown flags");
	if ((status = check_value(&kr->start, error, "The start value must be finite")) != OKR_OK ||
		(status = check_value(&kr->target, error, "The target value must be finite")) != OKR_OK)
		return status;
	if (kr->has_current)
	{
		if ((status = check_value(&kr->current, error, "The current value must be finite")) != OKR_OK)
			return status;
	}
	else
		kr->current = 0.0;
	memset(kr->padding, 0, sizeof(kr->padding));
	if (kr->start == kr->target)
		return fail_check(error, OKR_INVALID,
					"The start and target values are equal; a key result must move its metric");
	return OKR_OK;
}

okr_status
okr_check_kpi(okr_kpi *kpi, okr_error *error)
{
	okr_status	status;

	if (kpi->comparison >= OKR_CMP_COUNT)
		return fail_check(error, OKR_SYNTAX, "Unknown comparison code");
	if (kpi->unit >= OKR_UNIT_COUNT || kpi->unit == OKR_UNIT_MILESTONES)
		return fail_check(error, OKR_SYNTAX, "A KPI unit must be none, %, money or a duration");
	if (kpi->has_current > 1)
		return fail_check(error, OKR_SYNTAX, "Unknown flags");
	if ((status = check_value(&kpi->lower, error, "The lower bound must be finite")) != OKR_OK ||
		(status = check_value(&kpi->upper, error, "The upper bound must be finite")) != OKR_OK)
		return status;
	if (kpi->has_current)
	{
		if ((status = check_value(&kpi->current, error, "The current value must be finite")) != OKR_OK)
			return status;
	}
	else
		kpi->current = 0.0;
	if (kpi->comparison == OKR_CMP_GE || kpi->comparison == OKR_CMP_GT)
		kpi->upper = 0.0;
	else if (kpi->comparison == OKR_CMP_LE || kpi->comparison == OKR_CMP_LT)
		kpi->lower = 0.0;
	memset(kpi->padding, 0, sizeof(kpi->padding));
	if (kpi->comparison == OKR_CMP_BAND && !(kpi->lower < kpi->upper))
		return fail_check(error, OKR_INVALID,
					"The low end of a band must be below its high end");
	return OKR_OK;
}

int
okr_quarter_is_valid(int32_t quarter)
{
	return quarter >= OKR_QUARTER_MIN && quarter <= OKR_QUARTER_MAX;
}

const char *
okr_unit_name(okr_unit unit)
{
	return (unit >= 0 && unit < OKR_UNIT_COUNT) ? unit_names[unit] : "?";
}

/* Index of name in names, or -1. */
static int
find_name(const char *const *names, int count, const char *name)
{
	for (int i = 0; i < count; i++)
		if (strcmp(name, names[i]) == 0)
			return i;
	return -1;
}

int
okr_unit_from_name(const char *name, okr_unit *unit)
{
	int			i = find_name(unit_names, OKR_UNIT_COUNT, name);

	if (i >= 0)
		*unit = (okr_unit) i;
	return i >= 0;
}

const char *
okr_comparison_name(okr_comparison comparison)
{
	return (comparison >= 0 && comparison < OKR_CMP_COUNT) ? comparison_names[comparison] : "?";
}

int
okr_comparison_from_name(const char *name, okr_comparison *comparison)
{
	int			i = find_name(comparison_names, OKR_CMP_COUNT, name);

	if (i >= 0)
		*comparison = (okr_comparison) i;
	return i >= 0;
}

/* A unit a value may be printed in: a duration word or a magnitude suffix. */
typedef struct print_unit
{
	const char *suffix;
	double		size;			/* in stored units */
	int			magnitude;		/* how the parser scales it: by 10^magnitude */
	unsigned	factor;			/* and by factor */
} print_unit;

/* Largest first.  Seconds and bare digits are the float8 form, not listed. */
static const print_unit duration_units[] = {
	{"w", 604800, 0, 604800}, {"d", 86400, 0, 86400}, {"h", 3600, 0, 3600}, {"min", 60, 0, 60}, {NULL, 0, 0, 0}
};
static const print_unit magnitude_units[] = {
	{"B", 1e9, 9, 1}, {"M", 1e6, 6, 1}, {"k", 1e3, 3, 1}, {NULL, 0, 0, 0}
};

/*
 * The form people write a value in: the largest unit in which |value| is at
 * least 1 with at most two decimals (durations; plain numbers and money from
 * 10000 up).  Writes those digits, without sign or unit, into number and
 * returns the unit; NULL keeps the float8 form.  A candidate counts only if the
 * parser's own scaling reads it back to exactly |value|, so the text always
 * round-trips.  From 1e15 up, where float8 switches to an exponent, the float8
 * form stays: the digits would be long.
 */
static const print_unit *
human_form(double value, okr_unit unit, char *number)
{
	double		a = value < 0 ? -value : value;
	const print_unit *u;

	if (unit == OKR_UNIT_SECONDS)
		u = duration_units;
	else if ((unit == OKR_UNIT_NONE || (unit >= OKR_UNIT_DOLLAR && unit <= OKR_UNIT_YEN)) && a >= 10000)
		u = magnitude_units;
	else
		return NULL;
	if (a >= 1e15)
		return NULL;
	for (; u->suffix; u++)
	{
		double		scaled = a / u->size;
		long long	cents;
		int			len;
		double		back;

		if (scaled < 1)
			continue;
		cents = (long long) (scaled * 100 + 0.5);
		len = sprintf(number, "%lld.%02lld", cents / 100, cents % 100);
		while (number[len - 1] == '0')
			len--;
		if (number[len - 1] == '.')
			len--;
		number[len] = '\0';
		if (scaled_decimal(number, (size_t) len, u->magnitude, u->factor, &back) == OKR_OK && back == a)
			return u;
	}
	return NULL;
}

/* Append one value with its unit; milestones print the word only when asked. */
static char *
append_value(char *p, double value, okr_unit unit, int with_word, okr_double_formatter format_double)
{
	int			money = unit >= OKR_UNIT_DOLLAR && unit <= OKR_UNIT_YEN;
	char		number[OKR_DOUBLE_BUFSIZE];
	const print_unit *human = human_form(value, unit, number);

	/* the sign goes before a currency sign, and before digits we wrote */
	if (value < 0 && (money || human))
	{
		*p++ = '-';
		value = -value;
	}
	if (money)
	{
		strcpy(p, unit_names[unit]);
		p += strlen(p);
	}
	if (human)
		return p + sprintf(p, "%s%s", number, human->suffix);
	p += format_double(value, p);
	if (unit == OKR_UNIT_PERCENT || unit == OKR_UNIT_SECONDS)
		*p++ = unit_names[unit][0];
	else if (unit == OKR_UNIT_MILESTONES && with_word)
	{
		strcpy(p, " milestones");
		p += strlen(p);
	}
	*p = '\0';
	return p;
}

size_t
okr_format_value(double value, okr_unit unit, char *buf, okr_double_formatter format_double)
{
	return (size_t) (append_value(buf, value, unit, 1, format_double) - buf);
}

size_t
okr_format_key_result(const okr_key_result *kr, char *buf, okr_double_formatter format_double)
{
	char	   *p = buf;
	okr_unit	unit = (okr_unit) kr->unit;

	p = append_value(p, kr->start, unit, 0, format_double);
	strcpy(p, " -> ");
	p = append_value(p + 4, kr->target, unit, 1, format_double);
	if (kr->has_current)
	{
		strcpy(p, " @ ");
		p = append_value(p + 3, kr->current, unit, 0, format_double);
	}
	return (size_t) (p - buf);
}

size_t
okr_format_kpi(const okr_kpi *kpi, char *buf, okr_double_formatter format_double)
{
	char	   *p = buf;
	okr_unit	unit = (okr_unit) kpi->unit;

	switch (kpi->comparison)
	{
		case OKR_CMP_GE:
		case OKR_CMP_GT:
			p += sprintf(p, "%s ", comparison_names[kpi->comparison]);
			p = append_value(p, kpi->lower, unit, 0, format_double);
			break;
		case OKR_CMP_LE:
		case OKR_CMP_LT:
			p += sprintf(p, "%s ", comparison_names[kpi->comparison]);
			p = append_value(p, kpi->upper, unit, 0, format_double);
			break;
		default:
			p = append_value(p, kpi->lower, unit, 0, format_double);
			strcpy(p, " .. ");
			p = append_value(p + 4, kpi->upper, unit, 0, format_double);
			break;
	}
	if (kpi->has_current)
	{
		strcpy(p, " @ ");
		p = append_value(p + 3, kpi->current, unit, 0, format_double);
	}
	return (size_t) (p - buf);
}

size_t
okr_format_quarter(int32_t quarter, char *buf)
{
	return (size_t) sprintf(buf, "%04d-Q%d", (int) (quarter / 4), (int) (quarter % 4) + 1);
}

/*
 * Scales (literal.h): the units values print in, for carry_forward and the
 * titles of doc/statements.md.  The type's output above does not use them.
 */
okr_scale
okr_printed_scale(double value, okr_unit unit)
{
	char		number[OKR_DOUBLE_BUFSIZE];
	const print_unit *u = human_form(value, unit, number);
	okr_scale	scale = {0, 1};

	if (u != NULL)
	{
		scale.magnitude = u->magnitude;
		scale.factor = u->factor;
	}
	return scale;
}

okr_scale
okr_scale_for(double value, okr_unit unit, okr_scale written)
{
	okr_scale	plain = {0, 1};
	double		a = value < 0 ? -value : value;
	const print_unit *u;

	if (OKR_SCALE_IS_PLAIN(written) || !(a < 1e15))
		return plain;
	if (unit == OKR_UNIT_SECONDS)
		u = duration_units;
	else if ((unit == OKR_UNIT_NONE || (unit >= OKR_UNIT_DOLLAR && unit <= OKR_UNIT_YEN)) && a >= 10000)
		u = magnitude_units;
	else
		return plain;
	while (u->suffix && !(u->magnitude == written.magnitude && u->factor == written.factor))
		u++;
	for (; u->suffix; u++)
		if (a >= u->size)
		{
			okr_scale	scale = {u->magnitude, u->factor};

			return scale;
		}
	return plain;
}

int
okr_round_in_scale(double value, okr_scale scale, int decimals, double *out)
{
	double		a = value < 0 ? -value : value;
	double		q = a / (pow(10, scale.magnitude - decimals) * scale.factor);
	long long	first;
	long long	best_n = -1;
	double		best = 0.0,
				best_distance = 0.0;

	if (!(q < 1e14))
		return 0;
	/*
	 * q is inexact, so the nearest count of steps is looked for around it,
	 * each candidate read back as the parser reads its digits.
	 */
	first = (long long) floor(q) - 1;
	for (long long n = first < 0 ? 0 : first; n <= first + 3; n++)
	{
		char		digits[32];
		int			len = snprintf(digits, sizeof(digits), "%lld", n);
		double		back,
					distance;

		if (scaled_decimal(digits, (size_t) len, scale.magnitude - decimals, scale.factor, &back) != OKR_OK)
			continue;
		distance = back > a ? back - a : a - back;
		if (best_n < 0 || distance < best_distance || (distance == best_distance && n % 2 == 0))
		{
			best_n = n;
			best = back;
			best_distance = distance;
		}
	}
	if (best_n < 0)
		return 0;
	if (value < 0)
		best = -best;
	*out = best == 0.0 ? 0.0 : best;
	return 1;
}

size_t
okr_format_in_scale(double value, okr_scale scale, char *buf)
{
	double		a = value < 0 ? -value : value;
	double		q = a / (pow(10, scale.magnitude) * scale.factor);

	if (!(q < 1e15))
		return 0;
	for (int decimals = 0; decimals <= 15; decimals++)
	{
		char		text[64];
		int			len = snprintf(text, sizeof(text), "%.*f", decimals, q);
		int			significant = 0;
		double		back;

		for (const char *c = text; *c; c++)
			if (is_digit(*c) && (significant > 0 || *c != '0'))
				significant++;
		if (significant > 15)
			break;
		if (len < OKR_DOUBLE_BUFSIZE &&
			scaled_decimal(text, (size_t) len, scale.magnitude, scale.factor, &back) == OKR_OK && back == a)
		{
			memcpy(buf, text, (size_t) len + 1);
			return (size_t) len;
		}
	}
	return 0;
}

int
okr_read_value_layout(const char *text, size_t len, okr_value_layout *out)
{
	char	   *input = malloc(len + 1);
	const char *p;
	scanned_value value;
	okr_value_layout layout;
	const unit_word *w;
	int			ok;

	if (input == NULL)
		return 0;
	memcpy(input, text, len);
	input[len] = '\0';

	/* the grammar decides what is one value; then its parts are located as scan_value finds them */
	p = input;
	ok = scan_value(input, &p, &value, NULL) == OKR_OK && *p == '\0' && strlen(input) == len;
	if (ok)
	{
		memset(&layout, 0, sizeof(layout));
		layout.sign_offset = SIZE_MAX;
		layout.unit = value.unit;
		layout.scale.factor = 1;
		p = skip_space(input);
		if (*p == '+' || *p == '-')
			layout.sign_offset = (size_t) (p++ - input);
		for (size_t i = 0; i < sizeof(currencies) / sizeof(currencies[0]); i++)
		{
			size_t		n = strlen(currencies[i].sign);

			if (strncmp(p, currencies[i].sign, n) == 0)
			{
				p = skip_space(p + n);
				if (layout.sign_offset == SIZE_MAX && (*p == '+' || *p == '-'))
					layout.sign_offset = (size_t) (p++ - input);
				break;
			}
		}
		layout.number_offset = (size_t) (p - input);
		layout.number_length = decimal_length(p);
		p += layout.number_length;
		if ((*p == 'k' || *p == 'K' || *p == 'M' || *p == 'B') && !is_alpha(p[1]))
		{
			layout.scale.magnitude = (*p == 'B') ? 9 : (*p == 'M') ? 6 : 3;
			p++;
		}
		p = skip_space(p);
		layout.word_offset = (size_t) (p - input);
		if (*p == '%')
			layout.word_length = 1;
		else
		{
			while (is_alpha(p[layout.word_length]))
				layout.word_length++;
			if (layout.word_length > 0 && (w = find_unit_word(p, layout.word_length)) != NULL)
				layout.scale.factor = w->factor;
		}
		*out = layout;
	}
	free(input);
	return ok;
}
