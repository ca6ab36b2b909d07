/*
 * state.c: text and binary I/O and consistency checks for the aggregate
 * state types (see state.h).  A state read back from text or binary is
 * checked field by field, so a hand-made bad state is an error, never a
 * crash or a wrong answer.
 *
 * Text form: "name=value" pairs separated by "; ", e.g.
 *   rows=3; at=2026-07-01 00:00:00+00; value=30; kr=20 -> 40
 * An empty state is "rows=0".  Times are written in ISO form in UTC so the
 * text reads back the same whatever DateStyle and TimeZone say.
 */
#include "state.h"

#include <float.h>
#include <math.h>

#include "lib/stringinfo.h"
#include "libpq/pqformat.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/datetime.h"
#include "utils/timestamp.h"

#include "binary.h"
#include "text_io.h"
#include "type_errors.h"

#define FIELD(struct_type, name, kind, member) {name, kind, offsetof(struct_type, member)}

static const okr_state_field latest_fields[] = {
	FIELD(okr_latest_state, "rows", OKR_FIELD_INT64, rows),
	FIELD(okr_latest_state, "at", OKR_FIELD_TIMESTAMPTZ, at),
	FIELD(okr_latest_state, "value", OKR_FIELD_FLOAT8, value),
};

static const okr_state_field kr_fields[] = {
	FIELD(okr_latest_state, "rows", OKR_FIELD_INT64, rows),
	FIELD(okr_latest_state, "at", OKR_FIELD_TIMESTAMPTZ, at),
	FIELD(okr_latest_state, "value", OKR_FIELD_FLOAT8, value),
	FIELD(okr_latest_state, "kr", OKR_FIELD_KEY_RESULT, plan.kr),
};

static const okr_state_field kpi_fields[] = {
	FIELD(okr_latest_state, "rows", OKR_FIELD_INT64, rows),
	FIELD(okr_latest_state, "at", OKR_FIELD_TIMESTAMPTZ, at),
	FIELD(okr_latest_state, "value", OKR_FIELD_FLOAT8, value),
	FIELD(okr_latest_state, "kpi", OKR_FIELD_KPI, plan.kpi),
};

static const okr_state_field mean_fields[] = {
	FIELD(okr_mean_state, "rows", OKR_FIELD_INT64, rows),
	FIELD(okr_mean_state, "mean_weight", OKR_FIELD_FLOAT8, mean_weight),
	FIELD(okr_mean_state, "weighted_mean", OKR_FIELD_FLOAT8, weighted_mean),
};

static const okr_state_field rate_fields[] = {
	FIELD(okr_rate_state, "rows", OKR_FIELD_INT64, rows),
	FIELD(okr_rate_state, "hits", OKR_FIELD_INT64, hits),
};

static const okr_state_field forecast_fields[] = {
	FIELD(okr_forecast_state, "rows", OKR_FIELD_INT64, latest.rows),
	FIELD(okr_forecast_state, "at", OKR_FIELD_TIMESTAMPTZ, latest.at),
	FIELD(okr_forecast_state, "value", OKR_FIELD_FLOAT8, latest.value),
	FIELD(okr_forecast_state, "kr", OKR_FIELD_KEY_RESULT, latest.plan.kr),
	FIELD(okr_forecast_state, "deadline", OKR_FIELD_TIMESTAMPTZ, deadline),
	FIELD(okr_forecast_state, "first_at", OKR_FIELD_TIMESTAMPTZ, first_at),
	FIELD(okr_forecast_state, "origin", OKR_FIELD_TIMESTAMPTZ, origin),
	FIELD(okr_forecast_state, "sum_t", OKR_FIELD_FLOAT8, sum_t),
	FIELD(okr_forecast_state, "sum_v", OKR_FIELD_FLOAT8, sum_v),
	FIELD(okr_forecast_state, "sxx", OKR_FIELD_FLOAT8, sxx),
	FIELD(okr_forecast_state, "sxy", OKR_FIELD_FLOAT8, sxy),
};

static bool
all_zero(const void *p, size_t len)
{
	const unsigned char *b = p;

	for (size_t i = 0; i < len; i++)
		if (b[i] != 0)
			return false;
	return true;
}

/* Fields after the first (rows) must be zero in an empty state. */
static const char *
check_empty(const void *state, size_t size)
{
	if (!all_zero((const char *) state + sizeof(int64), size - sizeof(int64)))
		return gettext_noop("An empty state (rows=0) has no other fields");
	return NULL;
}

static const char *
check_latest_common(const okr_latest_state *s)
{
	if (s->rows < 0)
		return gettext_noop("rows must not be negative");
	if (s->rows == 0)
		return check_empty(s, sizeof(*s));
	if (!isfinite(s->value))
		return gettext_noop("value must be finite");
	return NULL;
}

static const char *
check_latest_state(const void *state)
{
	const okr_latest_state *s = state;
	const char *why = check_latest_common(s);

	if (why == NULL && !all_zero(&s->plan, sizeof(s->plan)))
		return gettext_noop("latest_state carries no plan");
	return why;
}

/* A key result is consistent when checking it leaves it unchanged. */
static const char *
check_key_result_field(const okr_key_result *kr)
{
	okr_key_result copy = *kr;
	okr_error	error;

	if (okr_check_key_result(&copy, &error) != OKR_OK)
		return error.detail;
	if (memcmp(&copy, kr, sizeof(copy)) != 0)
		return gettext_noop("The key result is not in normal form");
	return NULL;
}

static const char *
check_kr_state(const void *state)
{
	const okr_latest_state *s = state;
	const char *why = check_latest_common(s);

	if (why == NULL && s->rows > 0)
		why = check_key_result_field(&s->plan.kr);
	return why;
}

static const char *
check_kpi_state(const void *state)
{
	const okr_latest_state *s = state;
	const char *why = check_latest_common(s);

	if (why == NULL && s->rows > 0)
	{
		okr_kpi		copy = s->plan.kpi;
		okr_error	error;

		if (okr_check_kpi(&copy, &error) != OKR_OK)
			return error.detail;
		if (memcmp(&copy, &s->plan.kpi, sizeof(copy)) != 0)
			return gettext_noop("The kpi is not in normal form");
	}
	return why;
}

static const char *
check_mean_state(const void *state)
{
	const okr_mean_state *s = state;

	if (s->rows < 0)
		return gettext_noop("rows must not be negative");
	if (s->rows == 0)
		return check_empty(s, sizeof(*s));

	/*
	 * Every state that passes can be made: rows rows of weight mean_weight
	 * and score weighted_mean.  The bounds are those objective_score puts on
	 * a row (NaN fails both comparisons).
	 */
	if (!(s->mean_weight >= DBL_MIN && s->mean_weight <= DBL_MAX))
		return gettext_noop("mean_weight must be a finite weight of at least 2.2250738585072014e-308");
	if (!(s->weighted_mean >= 0.0 && s->weighted_mean <= 1.0))
		return gettext_noop("weighted_mean must be a score between 0 and 1");
	return NULL;
}

static const char *
check_rate_state(const void *state)
{
	const okr_rate_state *s = state;

	if (s->rows < 0 || s->hits < 0 || s->hits > s->rows)
		return gettext_noop("hits must be between 0 and rows");
	return NULL;
}

/*
 * Whether the time sums of a state of n >= 2 rows with two distinct times can
 * come from rows whose times t (seconds from origin) lie in [a, b], with a =
 * first_at and b = at (first_at and the latest row are rows of the state, so
 * both ends are taken).  With the mean m = sum_t / n:
 *
 *   a <= m <= b;
 *   sxx = sum (t - m)^2 <= n (b - m) (m - a)   (Bhatia-Davis: each t in [a, b]
 *       gives (b - t)(t - a) >= 0, and summed that is n (b - m)(m - a) - sxx);
 *       with m halfway it is Popoviciu's n (b - a)^2 / 4;
 *   sxx >= (a - m)^2 + (b - m)^2 >= (b - a)^2 / 2   (the rows at a and b
 *       alone).
 *
 * Two rows a day apart thus have sum_t = 86400 (origin at the first) or
 * -86400 and sxx = 86400^2 / 2 exactly.  sxy has no such bound: the values
 * are free, and any sxy comes from some values when sxx > 0 (Cauchy-Schwarz
 * bounds it by sqrt(sxx * syy), and syy is not kept).
 *
 * The sums are rounded: summing n times of at most d = b - a in size errs by
 * up to about n u d in sum_t (u = 2^-52), and the centred updates by about
 * n u d^2 in sxx, or n^2 u d^2 through the error of m; the slack below is
 * some 40 times that, so every state the aggregate makes passes, while a
 * forged sum far off the rows' times (sum_t = 1e12 for rows a day apart)
 * fails.  For millions of rows the slack grows with n^2 and the bounds stop
 * biting: honest, if loose.
 */
static bool
forecast_sums_fit_times(const okr_forecast_state *s)
{
	double		n = (double) s->latest.rows;
	double		a = ((double) s->first_at - (double) s->origin) / USECS_PER_SEC;
	double		b = ((double) s->latest.at - (double) s->origin) / USECS_PER_SEC;
	double		d = b - a;
	double		m = s->sum_t / n;
	double		slack = 1e-14 * n;

	if (!(m >= a - slack * d && m <= b + slack * d))
		return false;
	if (!(s->sxx <= n * (b - m) * (m - a) + slack * n * d * d))
		return false;
	if (!(s->sxx >= (a - m) * (a - m) + (b - m) * (b - m) - slack * n * d * d))
		return false;
	return true;
}

static const char *
check_forecast_state(const void *state)
{
	const okr_forecast_state *s = state;
	const char *why;

	if (s->latest.rows == 0)
		return check_empty(s, sizeof(*s));
	if ((why = check_kr_state(&s->latest)) != NULL)
		return why;
	if (s->first_at > s->origin || s->origin > s->latest.at)
		return gettext_noop("origin must lie between first_at and at");
	if (TIMESTAMP_NOT_FINITE(s->first_at) || TIMESTAMP_NOT_FINITE(s->latest.at) ||
		TIMESTAMP_NOT_FINITE(s->deadline))
		return gettext_noop("Forecast times must be finite");
	if (!isfinite(s->sum_t) || !isfinite(s->sum_v) || !isfinite(s->sxx) || !isfinite(s->sxy))
		return gettext_noop("The sums must be finite");
	if (s->sxx < 0)
		return gettext_noop("sxx must not be negative");
	/* rows all at one time have t = 0 each: nothing else adds up */
	if (s->first_at == s->latest.at && (s->sum_t != 0 || s->sxx != 0 || s->sxy != 0))
		return gettext_noop("Rows all at one time have no spread");
	if (s->latest.rows == 1 &&
		(s->sxx != 0 || s->sxy != 0 || s->first_at != s->latest.at || s->origin != s->latest.at ||
		 s->sum_t != 0 || s->sum_v != s->latest.value))
		return gettext_noop("A state of one row has no spread, and its sums are its row");
	if (s->first_at < s->latest.at && !forecast_sums_fit_times(s))
		return gettext_noop("sum_t and sxx do not fit rows whose times lie between first_at and at");
	return NULL;
}

#define STATE_TYPE(var, sql_name, c_type, fields, check_fn) \
const okr_state_type var = {sql_name, sizeof(c_type), lengthof(fields), fields, check_fn}

STATE_TYPE(okr_latest_state_type, "latest_state", okr_latest_state, latest_fields, check_latest_state);
STATE_TYPE(okr_kr_state_type, "kr_state", okr_latest_state, kr_fields, check_kr_state);
STATE_TYPE(okr_kpi_state_type, "kpi_state", okr_latest_state, kpi_fields, check_kpi_state);
STATE_TYPE(okr_mean_state_type, "mean_state", okr_mean_state, mean_fields, check_mean_state);
STATE_TYPE(okr_rate_state_type, "rate_state", okr_rate_state, rate_fields, check_rate_state);
STATE_TYPE(okr_forecast_state_type, "forecast_state", okr_forecast_state, forecast_fields, check_forecast_state);

void
okr_state_validate(const okr_state_type *type, const void *state)
{
	const char *why;

	/*
	 * A time must be one timestamptz can hold, so the state prints and reads
	 * back: text input already refuses others with 22008 (timestamptz_in),
	 * and binary input raises the same.  Whether infinity is allowed is the
	 * type's check (latest() takes it; kr_forecast() does not).
	 */
	for (int i = 0; i < type->nfields; i++)
	{
		const okr_state_field *f = &type->fields[i];
		TimestampTz t;

		if (f->kind != OKR_FIELD_TIMESTAMPTZ)
			continue;
		t = *(const TimestampTz *) ((const char *) state + f->offset);
		if (!TIMESTAMP_NOT_FINITE(t) && !IS_VALID_TIMESTAMP(t))
			ereport(ERROR,
					(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
					 errmsg("invalid %s value", type->name),
					 errdetail("Field \"%s\" is outside the range of timestamptz.", f->name)));
	}

	why = type->check(state);

	if (why != NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid %s value", type->name),
				 errdetail("%s.", _(why))));
}

/* ISO, UTC, whatever DateStyle and TimeZone say. */
static void
append_timestamptz(StringInfo buf, TimestampTz t)
{
	struct pg_tm tm;
	fsec_t		fsec;
	char		text[MAXDATELEN + 1];

	if (TIMESTAMP_IS_NOBEGIN(t))
		appendStringInfoString(buf, "-infinity");
	else if (TIMESTAMP_IS_NOEND(t))
		appendStringInfoString(buf, "infinity");
	else if (timestamp2tm(t, NULL, &tm, &fsec, NULL, NULL) != 0)
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("timestamp out of range")));
	else
	{
		tm.tm_isdst = 0;		/* else EncodeDateTime leaves out the "+00" */
		EncodeDateTime(&tm, fsec, true, 0, NULL, USE_ISO_DATES, text);
		appendStringInfoString(buf, text);
	}
}

static char *
state_to_text(const okr_state_type *type, const void *state)
{
	StringInfoData buf;
	const char *base = state;

	initStringInfo(&buf);
	for (int i = 0; i < type->nfields; i++)
	{
		const okr_state_field *f = &type->fields[i];
		const void *p = base + f->offset;
		char		text[OKR_FORMAT_BUFSIZE];

		/* an empty state is "rows=0" alone */
		if (i > 0 && *(const int64 *) state == 0)
			break;
		appendStringInfo(&buf, "%s%s=", i > 0 ? "; " : "", f->name);
		switch (f->kind)
		{
			case OKR_FIELD_INT64:
				appendStringInfo(&buf, INT64_FORMAT, *(const int64 *) p);
				break;
			case OKR_FIELD_FLOAT8:
				okr_format_double(*(const double *) p, text);
				appendStringInfoString(&buf, text);
				break;
			case OKR_FIELD_TIMESTAMPTZ:
				append_timestamptz(&buf, *(const TimestampTz *) p);
				break;
			case OKR_FIELD_KEY_RESULT:
				okr_format_key_result(p, text, okr_format_double);
				appendStringInfoString(&buf, text);
				break;
			case OKR_FIELD_KPI:
				okr_format_kpi(p, text, okr_format_double);
				appendStringInfoString(&buf, text);
				break;
		}
	}
	return okr_utf8_to_text(buf.data, buf.len);
}

static void
bad_state_text(const okr_state_type *type, const char *input, const char *detail, const char *name)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
			 errmsg("invalid input syntax for type %s: \"%s\"", type->name, input),
			 name ? errdetail(detail, name) : errdetail("%s", _(detail))));
}

/* Parse one field's text into p; raises on error. */
static void
parse_field(const okr_state_type *type, const char *input, const okr_state_field *f,
			char *text, void *p)
{
	okr_error	error;

	switch (f->kind)
	{
		case OKR_FIELD_INT64:
			{
				char	   *end;

				errno = 0;
				*(int64 *) p = strtoi64(text, &end, 10);
				if (errno != 0 || end == text || *end != '\0')
					bad_state_text(type, input, "Field \"%s\" must be an integer.", f->name);
				break;
			}
		case OKR_FIELD_FLOAT8:
			*(double *) p = DatumGetFloat8(DirectFunctionCall1(float8in, CStringGetDatum(text)));
			break;
		case OKR_FIELD_TIMESTAMPTZ:
			*(TimestampTz *) p = DatumGetTimestampTz(DirectFunctionCall3(timestamptz_in,
																		 CStringGetDatum(text),
																		 ObjectIdGetDatum(InvalidOid),
																		 Int32GetDatum(-1)));
			break;
		case OKR_FIELD_KEY_RESULT:
			if (okr_parse_key_result(text, p, &error) != OKR_OK)
				okr_report(&okr_key_result_info, &error, OKR_FROM_TEXT, text);
			break;
		case OKR_FIELD_KPI:
			if (okr_parse_kpi(text, p, &error) != OKR_OK)
				okr_report(&okr_kpi_info, &error, OKR_FROM_TEXT, text);
			break;
	}
}

static char *
trim_field(char *s)
{
	char	   *end;

	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	end = s + strlen(s);
	while (end > s && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\n' || end[-1] == '\r'))
		*--end = '\0';
	return s;
}

static void *
state_from_text(const okr_state_type *type, const char *server_text)
{
	char	   *input = pstrdup(okr_text_to_utf8(server_text));
	char	   *rest = pstrdup(input);
	char	   *part;
	char	   *state = palloc0(type->size);
	bool		seen[16] = {false};

	Assert(type->nfields <= (int) lengthof(seen));
	while ((part = strsep(&rest, ";")) != NULL)
	{
		char	   *eq = strchr(part, '=');
		char	   *name;
		int			i;

		if (eq == NULL)
			bad_state_text(type, input, "Expected name=value pairs separated by \";\".", NULL);
		*eq = '\0';
		name = trim_field(part);
		for (i = 0; i < type->nfields; i++)
			if (strcmp(name, type->fields[i].name) == 0)
				break;
		if (i == type->nfields)
			bad_state_text(type, input, "Unknown field \"%s\".", name);
		if (seen[i])
			bad_state_text(type, input, "Field \"%s\" is given twice.", name);
		seen[i] = true;
		parse_field(type, input, &type->fields[i], trim_field(eq + 1), state + type->fields[i].offset);
	}
	if (!seen[0])
		bad_state_text(type, input, "Field \"%s\" is required.", type->fields[0].name);
	if (*(int64 *) state > 0)
		for (int i = 1; i < type->nfields; i++)
			if (!seen[i])
				bad_state_text(type, input, "Field \"%s\" is required.", type->fields[i].name);
	okr_state_validate(type, state);
	return state;
}

static bytea *
state_send(const okr_state_type *type, const void *state)
{
	StringInfoData buf;
	const char *base = state;

	pq_begintypsend(&buf);
	pq_sendbyte(&buf, OKR_STATE_FORMAT_VERSION);
	for (int i = 0; i < type->nfields; i++)
	{
		const okr_state_field *f = &type->fields[i];
		const void *p = base + f->offset;

		switch (f->kind)
		{
			case OKR_FIELD_INT64:
			case OKR_FIELD_TIMESTAMPTZ:
				pq_sendint64(&buf, *(const int64 *) p);
				break;
			case OKR_FIELD_FLOAT8:
				pq_sendfloat8(&buf, *(const double *) p);
				break;
			case OKR_FIELD_KEY_RESULT:
				{
					okr_send_key_result_fields(&buf, p);
					break;
				}
			case OKR_FIELD_KPI:
				{
					okr_send_kpi_fields(&buf, p);
					break;
				}
		}
	}
	return pq_endtypsend(&buf);
}

static void *
state_recv(const okr_state_type *type, StringInfo buf)
{
	char	   *state = palloc0(type->size);

	okr_recv_version(buf, type->name, OKR_STATE_FORMAT_VERSION);
	for (int i = 0; i < type->nfields; i++)
	{
		const okr_state_field *f = &type->fields[i];
		void	   *p = state + f->offset;

		switch (f->kind)
		{
			case OKR_FIELD_INT64:
			case OKR_FIELD_TIMESTAMPTZ:
				*(int64 *) p = pq_getmsgint64(buf);
				break;
			case OKR_FIELD_FLOAT8:
				*(double *) p = pq_getmsgfloat8(buf);
				break;
			case OKR_FIELD_KEY_RESULT:
				{
					okr_recv_key_result_fields(buf, p);
					break;
				}
			case OKR_FIELD_KPI:
				{
					okr_recv_kpi_fields(buf, p);
					break;
				}
		}
	}
	okr_state_validate(type, state);

	/*
	 * As key_result_recv and kpi_recv do: a sign such as '€' sent from a
	 * UTF-8 database cannot enter a LATIN1 one (22P05).  Text input cannot
	 * carry one, being in the database encoding already.
	 */
	for (int i = 0; i < type->nfields; i++)
	{
		const okr_state_field *f = &type->fields[i];
		const void *p = state + f->offset;

		if (f->kind == OKR_FIELD_KEY_RESULT)
			okr_require_encodable_unit(((const okr_key_result *) p)->unit);
		else if (f->kind == OKR_FIELD_KPI)
			okr_require_encodable_unit(((const okr_kpi *) p)->unit);
	}
	return state;
}

/* The four I/O functions of one state type. */
#define OKR_STATE_IO(prefix, type) \
PG_FUNCTION_INFO_V1(prefix##_in); \
Datum prefix##_in(PG_FUNCTION_ARGS) \
{ PG_RETURN_POINTER(state_from_text(&type, PG_GETARG_CSTRING(0))); } \
PG_FUNCTION_INFO_V1(prefix##_out); \
Datum prefix##_out(PG_FUNCTION_ARGS) \
{ PG_RETURN_CSTRING(state_to_text(&type, PG_GETARG_POINTER(0))); } \
PG_FUNCTION_INFO_V1(prefix##_recv); \
Datum prefix##_recv(PG_FUNCTION_ARGS) \
{ PG_RETURN_POINTER(state_recv(&type, (StringInfo) PG_GETARG_POINTER(0))); } \
PG_FUNCTION_INFO_V1(prefix##_send); \
Datum prefix##_send(PG_FUNCTION_ARGS) \
{ PG_RETURN_BYTEA_P(state_send(&type, PG_GETARG_POINTER(0))); }

OKR_STATE_IO(latest_state, okr_latest_state_type)
OKR_STATE_IO(kr_state, okr_kr_state_type)
OKR_STATE_IO(kpi_state, okr_kpi_state_type)
OKR_STATE_IO(mean_state, okr_mean_state_type)
OKR_STATE_IO(rate_state, okr_rate_state_type)
OKR_STATE_IO(forecast_state, okr_forecast_state_type)
