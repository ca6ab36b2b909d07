/*
 * literal.h: the okrkpi values and their text form, in plain C.
 *
 * Nothing here includes a PostgreSQL header: the parsers and formatters can be
 * compiled into a stand-alone program (a fuzzer, a unit test) as they are.
 * The structs are also the on-disk layout of the SQL types, so their size and
 * field order are part of the storage format.
 */
#ifndef OKRKPI_LITERAL_H
#define OKRKPI_LITERAL_H

#include <stddef.h>
#include <stdint.h>

/* Units.  Numbering is stored on disk: append only. */
typedef enum okr_unit
{
	OKR_UNIT_NONE = 0,
	OKR_UNIT_PERCENT,
	OKR_UNIT_DOLLAR,
	OKR_UNIT_EURO,
	OKR_UNIT_POUND,
	OKR_UNIT_YEN,
	OKR_UNIT_SECONDS,
	OKR_UNIT_MILESTONES,
	OKR_UNIT_COUNT
} okr_unit;

/* KPI comparisons.  Numbering is stored on disk: append only. */
typedef enum okr_comparison
{
	OKR_CMP_GE = 0,
	OKR_CMP_GT,
	OKR_CMP_LE,
	OKR_CMP_LT,
	OKR_CMP_BAND,
	OKR_CMP_COUNT
} okr_comparison;

/*
 * A key result.  32 bytes.  Unused fields (current without has_current) and
 * padding are always zero, so equal values have equal bytes and hash alike.
 */
typedef struct okr_key_result
{
	double		start;
	double		target;
	double		current;
	uint8_t		unit;			/* okr_unit */
	uint8_t		has_current;	/* 0 or 1 */
	uint8_t		padding[6];
} okr_key_result;

/*
 * A KPI threshold.  32 bytes.  A one-sided threshold keeps its bound in
 * lower (>=, >) or upper (<=, <); the other bound is zero.
 */
typedef struct okr_kpi
{
	double		lower;
	double		upper;
	double		current;
	uint8_t		comparison;		/* okr_comparison */
	uint8_t		unit;			/* okr_unit, never milestones */
	uint8_t		has_current;	/* 0 or 1 */
	uint8_t		padding[5];
} okr_kpi;

/* A quarter is year * 4 + (number - 1), years 1 to 9999. */
#define OKR_QUARTER_MIN_YEAR 1
#define OKR_QUARTER_MAX_YEAR 9999
#define OKR_QUARTER_MIN (OKR_QUARTER_MIN_YEAR * 4)
#define OKR_QUARTER_MAX (OKR_QUARTER_MAX_YEAR * 4 + 3)

/* What went wrong; the SQL wrappers map each to a SQLSTATE. */
typedef enum okr_status
{
	OKR_OK = 0,
	OKR_SYNTAX,					/* outside the grammar, or not finite */
	OKR_RANGE,					/* a number or year out of range */
	OKR_INVALID					/* well formed, but breaks a rule (start = target) */
} okr_status;

/*
 * Which rule a value broke, for callers that word errors of their own
 * (okr_parse_statement() reads values with the key_result parser).
 */
typedef enum okr_fault
{
	OKR_FAULT_OTHER = 0,
	OKR_FAULT_TRAILING,			/* a whole value followed by text that is no part of the literal */
	OKR_FAULT_UNKNOWN_UNIT,		/* a word after a number that is no unit */
	OKR_FAULT_MIXED_UNITS,		/* start and target, or a band's ends, in different units */
	OKR_FAULT_CURRENT_UNIT,		/* a current value without the plan's unit, or with another */
	OKR_FAULT_EQUAL,			/* start = target */
	OKR_FAULT_DIRECTION			/* a statement's verb against its numbers */
} okr_fault;

/* Bytes of the texts an error writes for its input (truncated to fit). */
#define OKR_ERROR_TEXTSIZE 320

typedef struct okr_error
{
	okr_status	status;
	okr_fault	fault;
	size_t		position;		/* byte offset in the input, for parse errors */
	const char *detail;			/* a full sentence without the final period, the same for every input */
	char		detail_text[OKR_ERROR_TEXTSIZE];	/* when not empty: the detail written
													 * for this input (naming its text),
													 * used instead of detail */
	char		hint[OKR_ERROR_TEXTSIZE];	/* when not empty: a hint for this input, a
											 * full sentence with its final period */
} okr_error;

/* The detail to show: detail_text when there is one, else detail. */
extern const char *okr_error_detail(const okr_error *error);

/*
 * Parsers: NUL-terminated UTF-8 input; on failure *out is untouched.  Their
 * errors name the input's text (detail_text) and, where they can, say what
 * to write instead (hint): a current value without the plan's unit (refused
 * for every unit but milestones, doc/types.md) gets the literal with it
 * written in the start's unit and scale and, when that is another value,
 * read in base units (seconds, plain currency); an unknown unit gets the
 * unit meant.
 */
extern okr_status okr_parse_key_result(const char *input, okr_key_result *out, okr_error *error);
extern okr_status okr_parse_kpi(const char *input, okr_kpi *out, okr_error *error);
extern okr_status okr_parse_quarter(const char *input, int32_t *out, okr_error *error);

/*
 * Checks shared by every constructor (text, binary, jsonb, with_current):
 * known unit and comparison, finite values, start != target, low < high.
 * They also normalise the value (-0 to 0, unused fields and padding zeroed).
 */
extern okr_status okr_check_key_result(okr_key_result *kr, okr_error *error);
extern okr_status okr_check_kpi(okr_kpi *kpi, okr_error *error);
extern int	okr_quarter_is_valid(int32_t quarter);

/* Unit names as unit() returns them (UTF-8), and their inverse. */
extern const char *okr_unit_name(okr_unit unit);
extern int	okr_unit_from_name(const char *name, okr_unit *unit);
extern const char *okr_comparison_name(okr_comparison comparison);
extern int	okr_comparison_from_name(const char *name, okr_comparison *comparison);

/*
 * Formatters.  format_double writes the shortest text that reads back to the
 * same double into buf (at least OKR_DOUBLE_BUFSIZE bytes) and returns its
 * length; the server passes PostgreSQL's float8 formatter.  Values print in
 * the unit people write them in where that is exact (6h, 45min, $2.35M; see
 * doc/types.md), else in format_double's form; the text always reads back to
 * the same bits.  Output buffers of OKR_FORMAT_BUFSIZE bytes always suffice.
 */
#define OKR_DOUBLE_BUFSIZE 32
#define OKR_FORMAT_BUFSIZE 160
typedef int (*okr_double_formatter) (double value, char *buf);

extern size_t okr_format_key_result(const okr_key_result *kr, char *buf, okr_double_formatter format_double);
/* One value in a unit as the literals print it ("45min", "$2M", "4 milestones"). */
extern size_t okr_format_value(double value, okr_unit unit, char *buf, okr_double_formatter format_double);
extern size_t okr_format_kpi(const okr_kpi *kpi, char *buf, okr_double_formatter format_double);
extern size_t okr_format_quarter(int32_t quarter, char *buf);

/*
 * Scales: how a value is written.  A value written "<digits><suffix>" is
 * digits x 10^magnitude x factor base units: "M" is {6, 1}, "h" {0, 3600},
 * "1k h" {3, 3600}; {0, 1} is plain digits (and the float8 form).  These
 * serve carry_forward and the titles of doc/statements.md; the type's own
 * output never changes.
 */
typedef struct okr_scale
{
	int			magnitude;
	unsigned	factor;
} okr_scale;

#define OKR_SCALE_IS_PLAIN(s) ((s).magnitude == 0 && (s).factor == 1)

/* The scale the type prints value in: a suffix (k, M, B; min, h, d, w) or plain. */
extern okr_scale okr_printed_scale(double value, okr_unit unit);

/*
 * The scale to write value in when written was the scale of its kind: written
 * itself when the type can print |value| there (at least 1 of it; for k, M
 * and B at least 10000 and below 1e15), else the largest smaller scale of the
 * unit's suffixes that it can, else plain.
 */
extern okr_scale okr_scale_for(double value, okr_unit unit, okr_scale written);

/*
 * value rounded to decimals decimals of scale: the nearest of the values the
 * parser reads "<digits><suffix>" with that many decimals as (so the type prints
 * the result in scale, or in a larger unit where it is round there), an exact
 * tie to the even last digit.  Returns 0, leaving *out alone, when the
 * rounded number would take more than 14 digits.
 */
extern int	okr_round_in_scale(double value, okr_scale scale, int decimals, double *out);

/*
 * The shortest plain decimal digits (no sign, no exponent, at most 15
 * significant digits) that read back in scale to exactly |value|, into buf
 * (OKR_DOUBLE_BUFSIZE bytes); returns their length, 0 when there are none.
 */
extern size_t okr_format_in_scale(double value, okr_scale scale, char *buf);

/*
 * How one value of the key_result grammar is written in text[0, len): byte
 * offsets of its parts.  Returns 0 unless the whole of it is one value
 * (white space around it allowed).
 */
typedef struct okr_value_layout
{
	size_t		sign_offset;	/* the '+' or '-', or SIZE_MAX when none */
	size_t		number_offset;	/* digits, point and exponent */
	size_t		number_length;
	size_t		word_offset;	/* the unit word, '%' included; length 0 when none */
	size_t		word_length;
	okr_unit	unit;			/* of the value alone (none for a bare number) */
	okr_scale	scale;			/* magnitude suffix and unit word */
} okr_value_layout;

extern int	okr_read_value_layout(const char *text, size_t len, okr_value_layout *out);

#endif							/* OKRKPI_LITERAL_H */
