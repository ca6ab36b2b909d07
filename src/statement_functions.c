/*
 * statement_functions.c: the SQL functions of OKR statements and the values
 * in them, statement, statement_or_null, parse_statement, carry_forward,
 * value_text, title_states_plan and restate_title (doc/statements.md).  The text work is in statement.c and the arithmetic
 * in scoring.c, both plain C; here are the SQL wrappers and their errors.
 */
#include "sql_types.h"

#include "funcapi.h"
#include "utils/builtins.h"

#include "score_functions.h"
#include "statement.h"
#include "text_io.h"
#include "type_errors.h"

PG_FUNCTION_INFO_V1(statement_text);
Datum
statement_text(PG_FUNCTION_ARGS)
{
	char	   *metric = okr_text_to_utf8(text_to_cstring(PG_GETARG_TEXT_PP(0)));
	okr_key_result *plan = PG_GETARG_KEY_RESULT_P(1);
	size_t		size = OKR_STATEMENT_BUFSIZE(strlen(metric));
	char	   *buf = palloc(size);
	char	   *work = palloc(size);
	okr_error	error;

	if (okr_format_statement(metric, plan, buf, work, okr_format_double, &error) != OKR_OK)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot write an OKR statement for the metric \"%s\"",
						okr_utf8_to_text(metric, strlen(metric))),
				 errdetail("%s.", okr_shown_detail(&error)),
				 metric[strspn(metric, " \t\n\r\f\v")] == '\0' ?
				 errhint("Name the metric the key result moves, e.g. 'NPS'.") :
				 errhint("Name the metric without a \"from ... to ...\" of its own, e.g. 'revenue from partners'.")));
	PG_RETURN_TEXT_P(cstring_to_text(okr_utf8_to_text(buf, strlen(buf))));
}

/*
 * okrkpi.statement_or_null(metric, plan): the statement, or NULL where the
 * views cannot use one: a blank metric name, or one that states a "from
 * <start> to <target>" of its own (statement() refuses both; a name whose
 * plan could not be, such as 'from 5 to 5', is left out too).  The views and
 * the roll-forward show the key result some other way then, rather than fail.
 */
PG_FUNCTION_INFO_V1(statement_or_null);
Datum
statement_or_null(PG_FUNCTION_ARGS)
{
	char	   *metric = okr_text_to_utf8(text_to_cstring(PG_GETARG_TEXT_PP(0)));
	okr_key_result *plan = PG_GETARG_KEY_RESULT_P(1);
	size_t		size = OKR_STATEMENT_BUFSIZE(strlen(metric));
	char	   *buf = palloc(size);
	char	   *work = palloc(size);
	okr_stated_plan where;
	okr_error	error;

	if (metric[strspn(metric, " \t\n\r\f\v")] == '\0' ||
		okr_find_stated_plan(metric, plan, work, &where) >= 0 ||
		okr_format_statement(metric, plan, buf, work, okr_format_double, &error) != OKR_OK)
		PG_RETURN_NULL();
	PG_RETURN_TEXT_P(cstring_to_text(okr_utf8_to_text(buf, strlen(buf))));
}

/*
 * The error a failed okr_parse_statement() calls for; never returns.  The
 * detail names what is wrong with this statement; the hint is the value's
 * own (a unit to write instead, one unit for start and target), the type's
 * for start = target, else the verbs or the form of a statement.
 */
pg_noreturn static void
report_statement(const okr_error *error, const char *input)
{
	const char *shown = okr_utf8_to_text(input, strlen(input));
	const char *hint = okr_shown_hint(error);

	switch (error->status)
	{
		case OKR_RANGE:
			ereport(ERROR,
					(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					 errmsg("value out of range in OKR statement: \"%s\"", shown),
					 errdetail("%s.", okr_shown_detail(error))));
			break;
		case OKR_INVALID:
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("invalid OKR statement: \"%s\"", shown),
					 errdetail("%s.", okr_shown_detail(error)),
					 error->fault == OKR_FAULT_EQUAL ?
					 errhint("%s", _(okr_key_result_info.invalid_hint)) :
					 errhint("Use an increase verb (increase, grow, raise, improve, lift, boost, complete) "
							 "for a target above the start and a decrease verb (reduce, decrease, cut, "
							 "lower, shrink, drop) for one below.")));
			break;
		default:
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
					 errmsg("invalid input syntax for an OKR statement: \"%s\"", shown),
					 errdetail("%s.", okr_shown_detail(error)),
					 hint ? errhint("%s", hint) :
					 errhint("Write a statement as '<verb> <metric> from <start> to <target>', e.g. 'Increase NPS from 20 to 40'.")));
			break;
	}
	pg_unreachable();
}

/* parse_statement(text) RETURNS TABLE (metric text, plan key_result, rest text): one row. */
PG_FUNCTION_INFO_V1(parse_statement);
Datum
parse_statement(PG_FUNCTION_ARGS)
{
	char	   *input = okr_text_to_utf8(text_to_cstring(PG_GETARG_TEXT_PP(0)));
	char	   *work = palloc(OKR_STATEMENT_BUFSIZE(strlen(input)));
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	okr_statement statement;
	okr_error	error;
	okr_key_result *plan;
	Datum		values[3];
	bool		nulls[3] = {false, false, false};

	if (okr_parse_statement(input, &statement, work, &error) != OKR_OK)
		report_statement(&error, input);

	plan = palloc(sizeof(okr_key_result));
	*plan = statement.plan;
	values[0] = PointerGetDatum(cstring_to_text(okr_utf8_to_text(input + statement.metric_offset,
																 statement.metric_length)));
	values[1] = PointerGetDatum(plan);
	values[2] = PointerGetDatum(cstring_to_text(okr_utf8_to_text(input + statement.rest_offset,
																 strlen(input + statement.rest_offset))));

	InitMaterializedSRF(fcinfo, 0);
	tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	return (Datum) 0;
}

PG_FUNCTION_INFO_V1(carry_forward);
Datum
carry_forward(PG_FUNCTION_ARGS)
{
	okr_key_result *plan = PG_GETARG_KEY_RESULT_P(0);
	double		actual = PG_GETARG_FLOAT8(1);
	double		annual_target = PG_GETARG_FLOAT8(2);
	int32		quarters_left = PG_GETARG_INT32(3);
	okr_key_result *result = palloc(sizeof(okr_key_result));
	okr_error	error;

	okr_require_quarter_step(actual, annual_target, quarters_left);

	/*
	 * The next plan runs from actual towards annual_target: it must run the
	 * way the old plan did.  Otherwise an actual past the annual target (a
	 * decreasing plan whose metric fell below it) would give a plan in the
	 * other direction, which scores the opposite of what was meant.
	 * actual = annual_target is left to the type's own check (start =
	 * target).
	 */
	if (actual != annual_target && (plan->target > plan->start) != (annual_target > actual))
	{
		if (plan->target > plan->start)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("carry_forward cannot turn an increasing key result into a decreasing one"),
					 errdetail("The plan increases, but the annual target lies below the actual value."),
					 errhint("The annual target has been passed: carry the key result forward only while the actual value is below the annual target, and plan beyond it by hand.")));
		else
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("carry_forward cannot turn a decreasing key result into an increasing one"),
					 errdetail("The plan decreases, but the annual target lies above the actual value."),
					 errhint("The annual target has been passed: carry the key result forward only while the actual value is above the annual target, and plan beyond it by hand.")));
	}
	if (okr_carry_forward(plan, actual, annual_target, quarters_left, okr_format_double,
						  result, &error) != OKR_OK)
		okr_report(&okr_key_result_info, &error, OKR_FROM_ARGUMENT, NULL);
	PG_RETURN_KEY_RESULT_P(result);
}

/*
 * okrkpi.value_text(value, unit): one value as the literals print it, for
 * messages and dashboards: value_text(2700, 's') is '45min'.
 */
PG_FUNCTION_INFO_V1(value_text);
Datum
value_text(PG_FUNCTION_ARGS)
{
	double		value = PG_GETARG_FLOAT8(0);
	char	   *name = okr_text_to_utf8(text_to_cstring(PG_GETARG_TEXT_PP(1)));
	okr_unit	unit;
	char		buf[OKR_FORMAT_BUFSIZE];
	size_t		len;

	if (!okr_unit_from_name(name, &unit))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("unknown unit \"%s\"", text_to_cstring(PG_GETARG_TEXT_PP(1))),
				 errhint("A unit is one of '', '%%', '$', '€', '£', '¥', 's' and 'milestones', as unit() returns it.")));
	okr_require_finite(value, "value");
	len = okr_format_value(value, unit, buf, okr_format_double);
	PG_RETURN_TEXT_P(cstring_to_text(okr_utf8_to_text(buf, len)));
}

/*
 * okrkpi.title_states_plan(title, plan): NULL when the title states no
 * "from <start> to <target>", else whether one it states is the plan.
 */
PG_FUNCTION_INFO_V1(title_states_plan);
Datum
title_states_plan(PG_FUNCTION_ARGS)
{
	char	   *title = okr_text_to_utf8(text_to_cstring(PG_GETARG_TEXT_PP(0)));
	okr_key_result *plan = PG_GETARG_KEY_RESULT_P(1);
	char	   *work = palloc(OKR_STATEMENT_BUFSIZE(strlen(title)));
	okr_stated_plan where;
	int			found = okr_find_stated_plan(title, plan, work, &where);

	if (found < 0)
		PG_RETURN_NULL();
	PG_RETURN_BOOL(found > 0);
}

/*
 * okrkpi.restate_title(title, old_plan, new_plan, old_quarter, new_quarter):
 * the title with new_plan's numbers and new_quarter; NULL when its numbers
 * are not old_plan's.
 */
PG_FUNCTION_INFO_V1(restate_title);
Datum
restate_title(PG_FUNCTION_ARGS)
{
	char	   *title = okr_text_to_utf8(text_to_cstring(PG_GETARG_TEXT_PP(0)));
	okr_key_result *old_plan = PG_GETARG_KEY_RESULT_P(1);
	okr_key_result *new_plan = PG_GETARG_KEY_RESULT_P(2);
	int32		old_quarter = PG_GETARG_QUARTER(3);
	int32		new_quarter = PG_GETARG_QUARTER(4);
	size_t		len = strlen(title);
	char	   *buf = palloc(OKR_RESTATE_BUFSIZE(len));
	char	   *work = palloc(OKR_RESTATE_WORKSIZE(len));
	okr_error	error;
	int			restated;

	if (okr_restate_title(title, old_plan, new_plan, old_quarter, new_quarter, buf, work,
						  okr_format_double, &restated, &error) != OKR_OK)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("restate_title cannot restate a title for a plan of another kind"),
				 errdetail("%s.", okr_shown_detail(&error)),
				 errhint("Restate a title for the plan carry_forward made of the old one: same unit, same direction.")));
	if (!restated)
		PG_RETURN_NULL();
	PG_RETURN_TEXT_P(cstring_to_text(okr_utf8_to_text(buf, strlen(buf))));
}
