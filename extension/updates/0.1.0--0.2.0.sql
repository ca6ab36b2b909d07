-- Frozen: the update script okrkpi 0.2.0 shipped (2026-11-23), byte for byte below
-- this comment.  A released script is never rebuilt from today's install parts,
-- whose definitions name objects a 0.2.0 database does not have yet; the
-- 0.2.0 -> 0.3.0 update (0.2.0--0.3.0.sql) carries every later change.
-- okrkpi 0.1.0 -> 0.2.0: every SQL change since 0.1.0, in the order made.
-- A database updated with ALTER EXTENSION okrkpi UPDATE ends with the same
-- objects and definitions as a fresh CREATE EXTENSION okrkpi (test/update
-- proves it).
--
-- CREATE OR REPLACE appears here only for functions that 0.1.0 created:
-- PostgreSQL refuses to replace an object that is not already a member of
-- the extension, so it cannot capture anything else.

\echo Use "ALTER EXTENSION okrkpi UPDATE TO '0.2.0'" to load this file. \quit

-- Aggregate support functions follow one pattern, <state type>_transfn,
-- _combine and _final, and carry the name of their C symbol.  The aggregates
-- refer to them by OID, so renaming keeps them working; the C symbol each
-- points to changes with CREATE OR REPLACE (the library still exports the
-- old symbols for databases not yet updated).
ALTER FUNCTION okrkpi.latest_transfn(okrkpi.latest_state, float8, timestamptz) RENAME TO latest_state_transfn;
CREATE OR REPLACE FUNCTION okrkpi.latest_state_transfn(okrkpi.latest_state, float8, timestamptz) RETURNS okrkpi.latest_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
ALTER FUNCTION okrkpi.latest_combine(okrkpi.latest_state, okrkpi.latest_state) RENAME TO latest_state_combine;
CREATE OR REPLACE FUNCTION okrkpi.latest_state_combine(okrkpi.latest_state, okrkpi.latest_state) RETURNS okrkpi.latest_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
ALTER FUNCTION okrkpi.latest_final(okrkpi.latest_state) RENAME TO latest_state_final;
CREATE OR REPLACE FUNCTION okrkpi.latest_state_final(okrkpi.latest_state) RETURNS float8
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
ALTER FUNCTION okrkpi.kr_score_transfn(okrkpi.kr_state, okrkpi.key_result, float8, timestamptz) RENAME TO kr_state_transfn;
CREATE OR REPLACE FUNCTION okrkpi.kr_state_transfn(okrkpi.kr_state, okrkpi.key_result, float8, timestamptz) RETURNS okrkpi.kr_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
ALTER FUNCTION okrkpi.kpi_health_transfn(okrkpi.kpi_state, okrkpi.kpi, float8, timestamptz) RENAME TO kpi_state_transfn;
CREATE OR REPLACE FUNCTION okrkpi.kpi_state_transfn(okrkpi.kpi_state, okrkpi.kpi, float8, timestamptz) RETURNS okrkpi.kpi_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
ALTER FUNCTION okrkpi.kpi_state_health(okrkpi.kpi_state) RENAME TO kpi_state_final;
CREATE OR REPLACE FUNCTION okrkpi.kpi_state_final(okrkpi.kpi_state) RETURNS okrkpi.health
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
ALTER FUNCTION okrkpi.mean_transfn(okrkpi.mean_state, float8) RENAME TO mean_state_transfn;
CREATE OR REPLACE FUNCTION okrkpi.mean_state_transfn(okrkpi.mean_state, float8) RETURNS okrkpi.mean_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
ALTER FUNCTION okrkpi.mean_weighted_transfn(okrkpi.mean_state, float8, float8) RENAME TO mean_state_weighted_transfn;
CREATE OR REPLACE FUNCTION okrkpi.mean_state_weighted_transfn(okrkpi.mean_state, float8, float8) RETURNS okrkpi.mean_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
ALTER FUNCTION okrkpi.mean_combine(okrkpi.mean_state, okrkpi.mean_state) RENAME TO mean_state_combine;
CREATE OR REPLACE FUNCTION okrkpi.mean_state_combine(okrkpi.mean_state, okrkpi.mean_state) RETURNS okrkpi.mean_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
ALTER FUNCTION okrkpi.mean_final(okrkpi.mean_state) RENAME TO mean_state_final;
CREATE OR REPLACE FUNCTION okrkpi.mean_state_final(okrkpi.mean_state) RETURNS float8
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
ALTER FUNCTION okrkpi.rate_transfn(okrkpi.rate_state, okrkpi.kpi, float8) RENAME TO rate_state_transfn;
CREATE OR REPLACE FUNCTION okrkpi.rate_state_transfn(okrkpi.rate_state, okrkpi.kpi, float8) RETURNS okrkpi.rate_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
ALTER FUNCTION okrkpi.rate_combine(okrkpi.rate_state, okrkpi.rate_state) RENAME TO rate_state_combine;
CREATE OR REPLACE FUNCTION okrkpi.rate_state_combine(okrkpi.rate_state, okrkpi.rate_state) RETURNS okrkpi.rate_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
ALTER FUNCTION okrkpi.rate_final(okrkpi.rate_state) RENAME TO rate_state_final;
CREATE OR REPLACE FUNCTION okrkpi.rate_state_final(okrkpi.rate_state) RETURNS float8
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
ALTER FUNCTION okrkpi.forecast_transfn(okrkpi.forecast_state, okrkpi.key_result, float8, timestamptz, timestamptz) RENAME TO forecast_state_transfn;
CREATE OR REPLACE FUNCTION okrkpi.forecast_state_transfn(okrkpi.forecast_state, okrkpi.key_result, float8, timestamptz, timestamptz) RETURNS okrkpi.forecast_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
ALTER FUNCTION okrkpi.forecast_combine(okrkpi.forecast_state, okrkpi.forecast_state) RENAME TO forecast_state_combine;
CREATE OR REPLACE FUNCTION okrkpi.forecast_state_combine(okrkpi.forecast_state, okrkpi.forecast_state) RETURNS okrkpi.forecast_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
ALTER FUNCTION okrkpi.forecast_final(okrkpi.forecast_state) RENAME TO forecast_state_final;
CREATE OR REPLACE FUNCTION okrkpi.forecast_state_final(okrkpi.forecast_state) RETURNS float8
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;

-- The limits in force, read by lint() (new in 0.2.0).
CREATE FUNCTION okrkpi.plan_limits(OUT max_key_results integer, OUT max_kpis integer)
    AS 'MODULE_PATHNAME' LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION okrkpi.plan_limits() IS 'the limits the triggers enforce when they have no max= argument: the settings okrkpi.max_key_results and okrkpi.max_kpis';

-- Statements: a plan as a sentence and back, and the roll-forward step.
-- OKR statements and the roll-forward step (doc/statements.md).

CREATE FUNCTION okrkpi.statement(metric text, plan okrkpi.key_result) RETURNS text
    AS 'MODULE_PATHNAME', 'statement_text' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION okrkpi.parse_statement(statement text)
    RETURNS TABLE (metric text, plan okrkpi.key_result, rest text)
    AS 'MODULE_PATHNAME', 'parse_statement' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 1;
CREATE FUNCTION okrkpi.carry_forward(plan okrkpi.key_result, actual float8, annual_target float8, quarters_left integer) RETURNS okrkpi.key_result
    AS 'MODULE_PATHNAME', 'carry_forward' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION okrkpi.statement(text, okrkpi.key_result) IS 'the key result as a sentence: Increase (Complete for milestones) or Reduce <metric> from <start> to <target>, values as the type prints them; the current value is left out';
COMMENT ON FUNCTION okrkpi.parse_statement(text) IS 'reads ''<verb> <metric> from <start> to <target>[rest]'' into one row (metric, plan, rest); the verb must match the plan''s direction';
COMMENT ON FUNCTION okrkpi.carry_forward(okrkpi.key_result, float8, float8, integer) IS 'next quarter''s key result: actual -> quarter_target(actual, annual_target, quarters_left), rounded to one decimal more than the plan and annual target were written with, in the plan''s unit';


CREATE FUNCTION okrkpi.value_text(value float8, unit text) RETURNS text
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION okrkpi.value_text(float8, text) IS 'one value in a unit ('''', ''%'', ''$'', ''€'', ''£'', ''¥'', ''s'', ''milestones'', as unit() returns it) printed as the literals print it: value_text(2700, ''s'') is ''45min''';

-- Security: overrides only by the tables' owner, recorded by the C trigger
-- that allows them (log=); the override log is append-only; trigger columns
-- cannot be renamed or dropped under a trigger; every SQL function pins its
-- search_path.
CREATE FUNCTION okrkpi.guard_override_log() RETURNS trigger
    AS 'MODULE_PATHNAME' LANGUAGE C;
COMMENT ON FUNCTION okrkpi.guard_override_log() IS 'BEFORE INSERT OR UPDATE OR DELETE (row) and BEFORE TRUNCATE (statement) trigger for an override log table: only okrkpi''s override logging (and superusers) may write it';
CREATE FUNCTION okrkpi.check_trigger_columns() RETURNS event_trigger
    AS 'MODULE_PATHNAME' LANGUAGE C;
COMMENT ON FUNCTION okrkpi.check_trigger_columns() IS 'event trigger at the start and end of ALTER TABLE and ALTER FOREIGN TABLE: refuses to rename or drop a column that a check_key_result or check_kpi trigger names (on the table or a table inheriting from it)';
CREATE EVENT TRIGGER okrkpi_trigger_columns_start ON ddl_command_start
    WHEN TAG IN ('ALTER TABLE', 'ALTER FOREIGN TABLE')
    EXECUTE FUNCTION okrkpi.check_trigger_columns();
CREATE EVENT TRIGGER okrkpi_trigger_columns ON ddl_command_end
    WHEN TAG IN ('ALTER TABLE', 'ALTER FOREIGN TABLE')
    EXECUTE FUNCTION okrkpi.check_trigger_columns();
COMMENT ON EVENT TRIGGER okrkpi_trigger_columns_start IS 'remembers which column each name of an okrkpi plan-rule trigger leads to, before an ALTER TABLE';
COMMENT ON EVENT TRIGGER okrkpi_trigger_columns IS 'keeps the columns named by okrkpi''s plan-rule triggers from being renamed or dropped under them, or replaced by a new column of the same name';
COMMENT ON FUNCTION okrkpi.check_key_result() IS 'BEFORE INSERT OR UPDATE row trigger: kr=COL or start=COL and target=COL (present, finite, different; start frozen and direction fixed on UPDATE), objective=COL [max=N] (at most N key results per objective, default okrkpi.max_key_results), kpi=COL (a milestone key result is never a KPI), log=TABLE (where overrides are recorded)';
COMMENT ON FUNCTION okrkpi.check_kpi() IS 'BEFORE INSERT OR UPDATE OR DELETE row trigger: kpi=COL (present), plan=COL [max=N] (at most N KPIs per plan or table, default okrkpi.max_kpis), since=COL (no deletion or threshold change within a year unless the table''s owner overrides), log=TABLE (where overrides are recorded)';

DROP TRIGGER log_override ON okrkpi.key_results;
DROP TRIGGER log_override ON okrkpi.kpis;
DROP FUNCTION okrkpi.log_override();
DROP TRIGGER kr_rules ON okrkpi.key_results;
DROP TRIGGER kpi_rules ON okrkpi.kpis;
CREATE TRIGGER kr_rules BEFORE INSERT OR UPDATE ON okrkpi.key_results FOR EACH ROW
    EXECUTE FUNCTION okrkpi.check_key_result('kr=plan', 'objective=objective_id', 'kpi=kpi_id',
                                             'log=okrkpi.overrides');
CREATE TRIGGER kpi_rules BEFORE INSERT OR UPDATE OR DELETE ON okrkpi.kpis FOR EACH ROW
    EXECUTE FUNCTION okrkpi.check_kpi('kpi=threshold', 'since=since', 'log=okrkpi.overrides');
CREATE TRIGGER guard BEFORE INSERT OR UPDATE OR DELETE ON okrkpi.overrides FOR EACH ROW
    EXECUTE FUNCTION okrkpi.guard_override_log();
CREATE TRIGGER guard_truncate BEFORE TRUNCATE ON okrkpi.overrides FOR EACH STATEMENT
    EXECUTE FUNCTION okrkpi.guard_override_log();
COMMENT ON TABLE okrkpi.overrides IS 'every change made under okrkpi.override_reason, written by the plan-rule trigger that allowed it: who, when, why, old and new rows; append-only';

-- roll_forward() (final definition)
CREATE OR REPLACE FUNCTION okrkpi.roll_forward(closing okrkpi.quarter) RETURNS integer
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    next_quarter okrkpi.quarter := closing + 1;
    quarter_end timestamptz := okrkpi.quarter_end(closing)::timestamptz;
    carried integer := 0;
    kr record;
    stated record;
    actual float8;
    new_plan okrkpi.key_result;
    new_title text;
    new_objective bigint;
    new_parent bigint;
    source record;
    increasing boolean;
BEGIN
    INSERT INTO okrkpi.cycles (quarter) VALUES (next_quarter) ON CONFLICT (quarter) DO NOTHING;
    FOR kr IN
        SELECT r.*, k.title AS kpi_title, k.metric_id AS kpi_metric_id, k.annual_target, k.target_date
        FROM okrkpi.key_results r
        JOIN okrkpi.objectives o ON o.id = r.objective_id
        JOIN okrkpi.kpis k ON k.id = r.kpi_id
        WHERE o.quarter = closing
          AND NOT EXISTS (SELECT 1 FROM okrkpi.key_results n WHERE n.rolled_from = r.id)
        ORDER BY r.id
        FOR UPDATE OF r
    LOOP
        -- the metric's latest measurement at or before the quarter's end
        SELECT m.value INTO actual
        FROM okrkpi.measurements m
        WHERE m.metric_id = coalesce(kr.metric_id, kr.kpi_metric_id) AND m.at < quarter_end
        ORDER BY m.at DESC
        LIMIT 1;
        actual := coalesce(actual, okrkpi.current_value(kr.plan));
        increasing := okrkpi.direction(kr.plan) = 'increase';

        IF actual IS NULL THEN
            RAISE NOTICE 'key result % ("%") not carried into %: its metric has no measurement', kr.id, kr.title, next_quarter;
        ELSIF kr.annual_target IS NULL OR kr.target_date IS NULL THEN
            RAISE NOTICE 'key result % ("%") not carried into %: KPI "%" has no annual target and target date',
                kr.id, kr.title, next_quarter, kr.kpi_title;
        ELSIF kr.target_date < okrkpi.quarter_start(next_quarter) THEN
            RAISE NOTICE 'key result % ("%") not carried into %: the target date % of KPI "%" has passed',
                kr.id, kr.title, next_quarter, to_char(kr.target_date, 'YYYY-MM-DD'), kr.kpi_title;
        ELSIF (increasing AND actual >= kr.annual_target) OR (NOT increasing AND actual <= kr.annual_target) THEN
            RAISE NOTICE 'key result % ("%") not carried into %: KPI "%" already reached its annual target % (actual %)',
                kr.id, kr.title, next_quarter, kr.kpi_title,
                okrkpi.value_text(kr.annual_target, okrkpi.unit(kr.plan)), okrkpi.value_text(actual, okrkpi.unit(kr.plan));
        ELSE
            new_plan := okrkpi.carry_forward(kr.plan, actual, kr.annual_target,
                                             (okrkpi.quarter_of(kr.target_date) - next_quarter) + 1);
            -- a title that states the old numbers states the new ones
            new_title := kr.title;
            BEGIN
                SELECT s.metric, s.plan, s.rest INTO stated FROM okrkpi.parse_statement(kr.title) s;
                IF stated.plan IS NOT NULL
                   AND okrkpi.with_current(stated.plan, NULL) = okrkpi.with_current(kr.plan, NULL) THEN
                    new_title := okrkpi.statement(stated.metric, new_plan)
                        || CASE WHEN stated.rest ~* '\mby (the )?end of Q[1-4]\M'
                                THEN ' by end of Q' || okrkpi.quarter_number(next_quarter) ELSE '' END;
                END IF;
            EXCEPTION WHEN invalid_text_representation OR invalid_parameter_value OR numeric_value_out_of_range THEN
                NULL;               -- not a statement: the title is kept as written
            END;
            SELECT id INTO new_objective FROM okrkpi.objectives
            WHERE rolled_from = kr.objective_id AND quarter = next_quarter;
            IF new_objective IS NULL THEN
                -- aligned under the parent's own copy in the next quarter, when it has
                -- one (plain statements, no correlated subquery: Citus runs them too)
                SELECT o.title, o.parent_id, o.owner, o.weight INTO source
                FROM okrkpi.objectives o WHERE o.id = kr.objective_id;
                SELECT p.id INTO new_parent FROM okrkpi.objectives p
                WHERE p.rolled_from = source.parent_id AND p.quarter = next_quarter;
                INSERT INTO okrkpi.objectives (quarter, title, parent_id, owner, rolled_from, weight)
                VALUES (next_quarter, source.title, coalesce(new_parent, source.parent_id), source.owner,
                        kr.objective_id, source.weight)
                RETURNING id INTO new_objective;
            END IF;
            INSERT INTO okrkpi.key_results (objective_id, metric_id, title, plan, kpi_id, weight, owner, rolled_from)
            VALUES (new_objective, kr.metric_id, new_title, new_plan, kr.kpi_id, kr.weight, kr.owner, kr.id);
            carried := carried + 1;
        END IF;
    END LOOP;
    RETURN carried;
END
$$;

CREATE OR REPLACE FUNCTION okrkpi.close_cycle() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    -- On Citus this trigger also fires on each placement of a distributed
    -- cycles table, where roll_forward() could not run: there the quarter is
    -- rolled forward on the coordinator instead (doc/scale-out.md).
    IF TG_TABLE_NAME = 'cycles' THEN
        PERFORM okrkpi.roll_forward(NEW.quarter);
    END IF;
    RETURN NULL;
END
$$;

-- Every role may use the types, functions, aggregates and triggers.
GRANT USAGE ON SCHEMA okrkpi TO PUBLIC;
COMMENT ON SCHEMA okrkpi IS 'okrkpi: OKR and KPI types, scoring, aggregates, plan-rule triggers and the embedded plan';
CREATE OR REPLACE FUNCTION okrkpi.period(okrkpi.quarter) RETURNS daterange
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$ SELECT pg_catalog.daterange(okrkpi.quarter_start($1), okrkpi.quarter_end($1), '[)') $$;

-- The types' operators move to pg_catalog: they resolve with any search_path
-- (WHERE quarter = '2020-Q3' works with the default one) and cannot be
-- shadowed by objects in public.  SET SCHEMA keeps each operator's OID, so
-- operator classes, indexes and views that use them are unaffected.
ALTER OPERATOR okrkpi.= (okrkpi.key_result, okrkpi.key_result) SET SCHEMA pg_catalog;
ALTER OPERATOR okrkpi.<> (okrkpi.key_result, okrkpi.key_result) SET SCHEMA pg_catalog;
ALTER OPERATOR okrkpi.< (okrkpi.key_result, okrkpi.key_result) SET SCHEMA pg_catalog;
ALTER OPERATOR okrkpi.<= (okrkpi.key_result, okrkpi.key_result) SET SCHEMA pg_catalog;
ALTER OPERATOR okrkpi.> (okrkpi.key_result, okrkpi.key_result) SET SCHEMA pg_catalog;
ALTER OPERATOR okrkpi.>= (okrkpi.key_result, okrkpi.key_result) SET SCHEMA pg_catalog;
ALTER OPERATOR okrkpi.= (okrkpi.kpi, okrkpi.kpi) SET SCHEMA pg_catalog;
ALTER OPERATOR okrkpi.<> (okrkpi.kpi, okrkpi.kpi) SET SCHEMA pg_catalog;
ALTER OPERATOR okrkpi.< (okrkpi.kpi, okrkpi.kpi) SET SCHEMA pg_catalog;
ALTER OPERATOR okrkpi.<= (okrkpi.kpi, okrkpi.kpi) SET SCHEMA pg_catalog;
ALTER OPERATOR okrkpi.> (okrkpi.kpi, okrkpi.kpi) SET SCHEMA pg_catalog;
ALTER OPERATOR okrkpi.>= (okrkpi.kpi, okrkpi.kpi) SET SCHEMA pg_catalog;
ALTER OPERATOR okrkpi.= (okrkpi.quarter, okrkpi.quarter) SET SCHEMA pg_catalog;
ALTER OPERATOR okrkpi.<> (okrkpi.quarter, okrkpi.quarter) SET SCHEMA pg_catalog;
ALTER OPERATOR okrkpi.< (okrkpi.quarter, okrkpi.quarter) SET SCHEMA pg_catalog;
ALTER OPERATOR okrkpi.<= (okrkpi.quarter, okrkpi.quarter) SET SCHEMA pg_catalog;
ALTER OPERATOR okrkpi.> (okrkpi.quarter, okrkpi.quarter) SET SCHEMA pg_catalog;
ALTER OPERATOR okrkpi.>= (okrkpi.quarter, okrkpi.quarter) SET SCHEMA pg_catalog;
ALTER OPERATOR okrkpi.+ (okrkpi.quarter, int) SET SCHEMA pg_catalog;
ALTER OPERATOR okrkpi.- (okrkpi.quarter, int) SET SCHEMA pg_catalog;
ALTER OPERATOR okrkpi.- (okrkpi.quarter, okrkpi.quarter) SET SCHEMA pg_catalog;

-- Aggregates: scores in [0, 1], weights that cannot overflow, forecast units.
COMMENT ON TYPE okrkpi.mean_state IS 'aggregate state: rows with a positive weight, their mean weight and the weighted mean of their scores: the state of objective_score';
COMMENT ON AGGREGATE okrkpi.objective_score(float8) IS 'the mean of non-NULL scores, each in [0, 1]';
COMMENT ON AGGREGATE okrkpi.objective_score(float8, float8) IS 'the weighted mean of non-NULL scores, each in [0, 1]; negative and subnormal weights are refused, rows of weight 0 skipped; NULL when the weights add up to 0';
COMMENT ON AGGREGATE okrkpi.kr_forecast(okrkpi.key_result, float8, timestamptz, timestamptz) IS 'the least-squares line of value over time, evaluated at the latest row''s deadline and scored against its key result; NULL with fewer than two distinct times; key results of different units are refused';
COMMENT ON FUNCTION okrkpi.quarter_target(float8, float8, int) IS 'actual + (annual_target - actual) / quarters_left: the next quarter''s target on a straight line to the annual target, always between actual and annual_target';

-- Embedded plan: objectives align in a weighted tree (cycles refused),
-- key results may go without a title (their statement shows instead), and
-- check-ins record a value, a confidence and a note.
ALTER TABLE okrkpi.objectives ADD COLUMN weight float8 NOT NULL DEFAULT 1 CHECK (weight >= 0 AND weight < 'Infinity');
CREATE INDEX ON okrkpi.objectives (parent_id);
ALTER TABLE okrkpi.key_results ALTER COLUMN title DROP NOT NULL;
ALTER TABLE okrkpi.key_results ADD CONSTRAINT key_results_title_or_metric CHECK (title IS NOT NULL OR metric_id IS NOT NULL);
CREATE TABLE okrkpi.check_ins (
    id            bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    key_result_id bigint NOT NULL REFERENCES okrkpi.key_results ON DELETE CASCADE,
    at            timestamptz NOT NULL DEFAULT pg_catalog.now(),
    value         float8 CHECK (value > '-Infinity' AND value < 'Infinity'),
    confidence    integer NOT NULL CHECK (confidence >= 0 AND confidence <= 10),
    note          text,
    author        text NOT NULL DEFAULT CURRENT_USER
);
-- the scoreboard's two probes: the latest check-in, and the latest with a value
CREATE INDEX ON okrkpi.check_ins (key_result_id, at, id);
CREATE INDEX check_ins_value_idx ON okrkpi.check_ins (key_result_id, at, id) WHERE value IS NOT NULL;
COMMENT ON TABLE okrkpi.check_ins IS 'weekly check-ins on key results: an optional value, a confidence from 0 to 10 and a short note';
COMMENT ON COLUMN okrkpi.objectives.weight IS 'how much this objective counts in its parent''s score (objective_tree)';
COMMENT ON COLUMN okrkpi.key_results.title IS 'the key result''s title; when NULL, views show its statement (okrkpi.statement of its metric and plan)';
COMMENT ON COLUMN okrkpi.check_ins.value IS 'the value checked in, if any: scores a key result that has no newer measurement';
COMMENT ON COLUMN okrkpi.check_ins.confidence IS 'how confident the owner is that the key result will be reached, 0 (not at all) to 10 (certain)';
COMMENT ON COLUMN okrkpi.check_ins.author IS 'who checked in; defaults to the current role';
SELECT pg_catalog.pg_extension_config_dump('okrkpi.check_ins', '');
SELECT pg_catalog.pg_extension_config_dump('okrkpi.check_ins_id_seq', '');

CREATE FUNCTION okrkpi.check_alignment() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    ancestor bigint := NEW.parent_id;
    seen bigint[] := '{}';
BEGIN
    IF NEW.parent_id IS NULL THEN
        RETURN NEW;
    END IF;
    PERFORM pg_advisory_xact_lock(pg_catalog.hashtext('okrkpi.objectives alignment'));
    WHILE ancestor IS NOT NULL LOOP
        IF ancestor = NEW.id THEN
            RAISE EXCEPTION 'objective % cannot be aligned under objective %: that would make a cycle', NEW.id, NEW.parent_id
                USING ERRCODE = 'check_violation',
                      DETAIL = format('Objective %s is already %s.', NEW.parent_id,
                                      CASE WHEN cardinality(seen) = 0 THEN 'this objective' ELSE 'aligned under it' END),
                      HINT = 'Align objectives from the top down: a parent objective is broader than its children.',
                      TABLE = TG_TABLE_NAME, SCHEMA = TG_TABLE_SCHEMA, COLUMN = 'parent_id';
        END IF;
        IF ancestor = ANY (seen) THEN       -- rows written before this rule existed
            RAISE EXCEPTION 'the objectives above objective % already form a cycle', NEW.id
                USING ERRCODE = 'check_violation',
                      HINT = 'Set parent_id to NULL on one of them first.';
        END IF;
        seen := seen || ancestor;
        -- the table the trigger fires on: okrkpi.objectives, or on Citus the
        -- placement itself (a reference table's copy holds every row)
        EXECUTE format('SELECT parent_id FROM %I.%I WHERE id = $1 FOR SHARE', TG_TABLE_SCHEMA, TG_TABLE_NAME)
            INTO ancestor USING ancestor;
    END LOOP;
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION okrkpi.check_alignment() IS 'BEFORE INSERT OR UPDATE OF parent_id trigger of objectives: refuses alignment cycles (23514), also under concurrent updates';
CREATE TRIGGER check_alignment BEFORE INSERT OR UPDATE OF parent_id ON okrkpi.objectives FOR EACH ROW
    EXECUTE FUNCTION okrkpi.check_alignment();

-- roll_forward() carries with carry_forward() and rewrites stated titles (its
-- definition above is replaced with the final one).
COMMENT ON FUNCTION okrkpi.roll_forward(okrkpi.quarter) IS 'carries every KPI-linked key result of a quarter into the next one (okrkpi.carry_forward: start = latest actual, target on a straight line to the KPI''s annual target, rounded to the plan''s precision; titles that state the old numbers state the new ones); returns how many were carried; idempotent';

-- Views: cost by key results and time window, not by history kept; new
-- columns at the end; new views for check-ins and the alignment tree.
CREATE OR REPLACE VIEW okrkpi.scoreboard AS
SELECT o.quarter::text AS quarter,
       o.title AS objective,
       coalesce(r.title, okrkpi.statement(me.name, r.plan)) AS key_result,
       r.plan::text AS plan,
       okrkpi.start_value(r.plan) AS start_value,
       okrkpi.target_value(r.plan) AS target_value,
       coalesce(v.value, okrkpi.current_value(r.plan), okrkpi.start_value(r.plan)) AS current_value,
       (v.value IS NOT NULL OR okrkpi.current_value(r.plan) IS NOT NULL) AS measured,
       okrkpi.score(r.plan, coalesce(v.value, okrkpi.current_value(r.plan), okrkpi.start_value(r.plan))) AS score,
       okrkpi.grade(okrkpi.score(r.plan, coalesce(v.value, okrkpi.current_value(r.plan), okrkpi.start_value(r.plan))))::text AS grade,
       okrkpi.status(r.plan, coalesce(v.value, okrkpi.current_value(r.plan)), o.quarter, now())::text AS status,
       (r.kpi_id IS NOT NULL) AS is_kpi,
       r.weight,
       okrkpi.unit(r.plan) AS unit,
       v.at AS measured_at,
       o.id AS objective_id,
       r.id AS key_result_id,
       okrkpi.statement(me.name, r.plan) AS statement,
       c.confidence,
       c.note,
       c.at AS checked_in_at
FROM okrkpi.key_results r
JOIN okrkpi.objectives o ON o.id = r.objective_id
LEFT JOIN okrkpi.metrics me ON me.id = r.metric_id
-- the newest measurement of the key result's metric inside its quarter
LEFT JOIN LATERAL (
    SELECT m.value, m.at
    FROM okrkpi.measurements m
    WHERE m.metric_id = r.metric_id
      AND m.at >= okrkpi.quarter_start(o.quarter)::timestamptz
      AND m.at < okrkpi.quarter_end(o.quarter)::timestamptz
    ORDER BY m.at DESC
    LIMIT 1
) l ON true
-- the newest check-in inside the quarter, and the newest one with a value
LEFT JOIN LATERAL (
    SELECT ci.confidence, ci.note, ci.at
    FROM okrkpi.check_ins ci
    WHERE ci.key_result_id = r.id
      AND ci.at >= okrkpi.quarter_start(o.quarter)::timestamptz
      AND ci.at < okrkpi.quarter_end(o.quarter)::timestamptz
    ORDER BY ci.at DESC, ci.id DESC
    LIMIT 1
) c ON true
LEFT JOIN LATERAL (
    SELECT ci.value, ci.at
    FROM okrkpi.check_ins ci
    WHERE ci.key_result_id = r.id AND ci.value IS NOT NULL
      AND ci.at >= okrkpi.quarter_start(o.quarter)::timestamptz
      AND ci.at < okrkpi.quarter_end(o.quarter)::timestamptz
    ORDER BY ci.at DESC, ci.id DESC
    LIMIT 1
) cv ON true
-- the value that scores: the newer of the two (a measurement on a tie)
CROSS JOIN LATERAL (
    SELECT CASE WHEN cv.at > l.at OR (l.at IS NULL AND cv.at IS NOT NULL) THEN cv.value ELSE l.value END AS value,
           CASE WHEN cv.at > l.at OR (l.at IS NULL AND cv.at IS NOT NULL) THEN cv.at ELSE l.at END AS at
) v;
COMMENT ON VIEW okrkpi.scoreboard IS 'one row per key result: plan, its value (the newer of its metric''s latest measurement and its latest check-in value inside its quarter, session time zone), score, grade, pace and the latest check-in; unmeasured key results count as current = start';
CREATE OR REPLACE VIEW okrkpi.objective_scores AS
SELECT s.quarter, s.objective,
       okrkpi.objective_score(s.score, s.weight) AS score,
       okrkpi.grade(okrkpi.objective_score(s.score, s.weight))::text AS grade,
       count(*)::integer AS key_results,
       s.objective_id
FROM okrkpi.scoreboard s
GROUP BY s.quarter, s.objective, s.objective_id;
COMMENT ON VIEW okrkpi.objective_scores IS 'one row per objective: the mean of its key results'' scores weighted by weight';
CREATE OR REPLACE VIEW okrkpi.kpi_board AS
SELECT k.title AS kpi,
       k.threshold::text AS threshold,
       l.value AS current_value,
       okrkpi.health(k.threshold, l.value)::text AS health,
       h.hit_rate,
       l.at AS last_measured_at,
       k.annual_target,
       k.id AS kpi_id
FROM okrkpi.kpis k
LEFT JOIN LATERAL (
    SELECT m.value, m.at FROM okrkpi.measurements m
    WHERE m.metric_id = k.metric_id
    ORDER BY m.at DESC
    LIMIT 1
) l ON true
LEFT JOIN LATERAL (
    SELECT okrkpi.hit_rate(k.threshold, m.value) AS hit_rate FROM okrkpi.measurements m
    WHERE m.metric_id = k.metric_id AND m.at > l.at - '1 year'::interval AND m.at <= l.at
) h ON true;
COMMENT ON VIEW okrkpi.kpi_board IS 'one row per KPI: latest value, its health, hit_rate (the share of the measurements of the year up to the latest one that met the threshold), when it was last measured';
COMMENT ON COLUMN okrkpi.kpi_board.hit_rate IS 'the share of this KPI''s measurements in the year up to its latest measurement that met the threshold (a bounded window, so the board costs the same however much history is kept)';
CREATE OR REPLACE VIEW okrkpi.score_history AS
SELECT m.at AS time,
       coalesce(r.title, okrkpi.statement(me.name, r.plan)) AS key_result,
       okrkpi.score(r.plan, m.value) AS score,
       o.quarter::text AS quarter,
       r.id AS key_result_id
FROM okrkpi.key_results r
JOIN okrkpi.objectives o ON o.id = r.objective_id
JOIN okrkpi.metrics me ON me.id = r.metric_id
JOIN okrkpi.measurements m ON m.metric_id = r.metric_id
     AND m.at >= okrkpi.quarter_start(o.quarter)::timestamptz
     AND m.at < okrkpi.quarter_end(o.quarter)::timestamptz;
COMMENT ON VIEW okrkpi.score_history IS 'one row per measurement inside a key result''s quarter: the score as of that measurement (the newest one then); a filter on time reaches the measurements scan';
CREATE VIEW okrkpi.check_in_history AS
SELECT ci.at AS time,
       coalesce(r.title, okrkpi.statement(me.name, r.plan)) AS key_result,
       ci.confidence,
       okrkpi.score(r.plan, ci.value) AS score,
       ci.note,
       ci.author,
       o.quarter::text AS quarter,
       r.id AS key_result_id
FROM okrkpi.check_ins ci
JOIN okrkpi.key_results r ON r.id = ci.key_result_id
JOIN okrkpi.objectives o ON o.id = r.objective_id
LEFT JOIN okrkpi.metrics me ON me.id = r.metric_id;
COMMENT ON VIEW okrkpi.check_in_history IS 'one row per check-in: its confidence (0 to 10), the score of its value (NULL without one), note and author';
CREATE VIEW okrkpi.objective_tree AS
WITH RECURSIVE
own AS (
    SELECT o.id,
           sum(s.weight * s.score) FILTER (WHERE s.score IS NOT NULL AND s.weight > 0) AS own_sum,
           coalesce(sum(s.weight) FILTER (WHERE s.score IS NOT NULL AND s.weight > 0), 0) AS own_weight,
           okrkpi.objective_score(s.score, s.weight) AS own_score,
           count(s.key_result_id)::integer AS key_results
    FROM okrkpi.objectives o
    LEFT JOIN okrkpi.scoreboard s ON s.objective_id = o.id
    GROUP BY o.id
),
reach AS (          -- every objective with the descendants that can carry weight to it
    SELECT o.id AS top, o.id AS node, ARRAY[o.id] AS seen FROM okrkpi.objectives o
  UNION ALL
    SELECT r.top, c.id, r.seen || c.id
    FROM reach r JOIN okrkpi.objectives c ON c.parent_id = r.node AND c.weight > 0
    WHERE c.id <> ALL (r.seen)
),
scored AS (         -- objectives whose subtree holds a weighted score
    SELECT r.top AS id, bool_or(w.own_weight > 0) AS has_score
    FROM reach r JOIN own w ON w.id = r.node
    GROUP BY r.top
),
denominator AS (    -- own key result weights plus the weights of scored children
    SELECT w.id, w.own_weight + coalesce(cw.weight, 0) AS total
    FROM own w
    LEFT JOIN (SELECT c.parent_id, sum(c.weight) AS weight
               FROM okrkpi.objectives c JOIN scored cs ON cs.id = c.id AND cs.has_score
               WHERE c.weight > 0
               GROUP BY c.parent_id) cw ON cw.parent_id = w.id
),
share AS (          -- how much each descendant's own key results count in an objective's score
    SELECT o.id AS top, o.id AS node, 1::float8 AS factor, ARRAY[o.id] AS seen FROM okrkpi.objectives o
  UNION ALL
    SELECT s.top, c.id, s.factor * c.weight / d.total, s.seen || c.id
    FROM share s
    JOIN denominator d ON d.id = s.node AND d.total > 0
    JOIN okrkpi.objectives c ON c.parent_id = s.node AND c.weight > 0
    JOIN scored cs ON cs.id = c.id AND cs.has_score
    WHERE c.id <> ALL (s.seen)
),
tree AS (           -- depth from the roots, and a path that sorts the tree depth first
    SELECT o.id, 0 AS depth, lpad(o.id::text, 19, '0') AS path
    FROM okrkpi.objectives o WHERE o.parent_id IS NULL
  UNION ALL
    SELECT c.id, t.depth + 1, t.path || '/' || lpad(c.id::text, 19, '0')
    FROM tree t JOIN okrkpi.objectives c ON c.parent_id = t.id
),
score AS (          -- each objective's score: its descendants' own key results, by share
    SELECT s.top AS id, sum(s.factor * coalesce(ow.own_sum, 0) / d.total) AS score
    FROM share s
    JOIN own ow ON ow.id = s.node
    JOIN denominator d ON d.id = s.node AND d.total > 0
    GROUP BY s.top
)
SELECT o.id AS objective_id,
       o.parent_id,
       o.quarter::text AS quarter,
       o.title AS objective,
       t.depth,
       w.own_score,
       sc.score,
       okrkpi.grade(sc.score)::text AS grade,
       o.weight,
       w.key_results,
       t.path
FROM okrkpi.objectives o
JOIN tree t ON t.id = o.id
JOIN own w ON w.id = o.id
LEFT JOIN score sc ON sc.id = o.id;
COMMENT ON VIEW okrkpi.objective_tree IS 'one row per objective in its alignment tree: depth (0 at a root), own_score (its own key results, weighted), score (the weighted mean of its own key results and its children''s scores, each child counting with its weight), grade; path sorts the tree depth first';
CREATE VIEW okrkpi.quarters AS
SELECT c.quarter::text AS quarter, c.closed_at, (c.closed_at IS NOT NULL) AS closed
FROM okrkpi.cycles c;
COMMENT ON VIEW okrkpi.quarters IS 'the planning quarters as text, for a dashboard''s quarter picker: one row per cycle, whether and when it was closed';

-- lint(): limits from the settings, immune to search_path, staleness judged at
-- the end of the latest planned quarter, the check-in rule (needs check_ins).
CREATE OR REPLACE FUNCTION okrkpi.lint()
RETURNS TABLE (severity text, rule text, object text, message text)
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    WITH limits AS (SELECT * FROM okrkpi.plan_limits()),
    judged AS (
        SELECT least(now(), coalesce((SELECT okrkpi.quarter_end(c.quarter)::timestamptz FROM okrkpi.cycles c
                                      ORDER BY c.quarter DESC LIMIT 1), now())) AS at
    )
    SELECT 'warning', 'objective_too_few_key_results', 'objective ' || o.id || ' (' || o.quarter::text || ')',
           format('objective "%s" has %s key result(s); an objective needs 2 to %s', o.title, count(r.id), max(l.max_key_results))
    FROM okrkpi.objectives o LEFT JOIN okrkpi.key_results r ON r.objective_id = o.id CROSS JOIN limits l
    -- an objective measured through aligned child objectives needs no key results of its own
    WHERE NOT EXISTS (SELECT 1 FROM okrkpi.objectives c WHERE c.parent_id = o.id)
    GROUP BY o.id HAVING count(r.id) < 2
  UNION ALL
    SELECT 'warning', 'objective_too_many_key_results', 'objective ' || o.id || ' (' || o.quarter::text || ')',
           format('objective "%s" has %s key results; an objective needs 2 to %s', o.title, count(r.id), max(l.max_key_results))
    FROM okrkpi.objectives o JOIN okrkpi.key_results r ON r.objective_id = o.id CROSS JOIN limits l
    GROUP BY o.id HAVING count(r.id) > max(l.max_key_results)
  UNION ALL
    SELECT 'warning', 'too_many_kpis', 'kpis',
           format('the plan has %s KPIs; a good plan has at most %s', count(*), max(l.max_kpis))
    FROM okrkpi.kpis CROSS JOIN limits l HAVING count(*) > max(l.max_kpis)
  UNION ALL
    SELECT 'warning', 'every_key_result_is_kpi', 'objective ' || o.id || ' (' || o.quarter::text || ')',
           format('every key result of objective "%s" is marked as a KPI; KPIs watch health, key results push change', o.title)
    FROM okrkpi.objectives o JOIN okrkpi.key_results r ON r.objective_id = o.id
    GROUP BY o.id HAVING count(*) >= 2 AND bool_and(r.kpi_id IS NOT NULL)
  UNION ALL
    SELECT 'warning', 'only_milestone_key_results', 'objective ' || o.id || ' (' || o.quarter::text || ')',
           format('objective "%s" has only milestone key results: activities posing as outcomes; add a key result that moves a measured metric', o.title)
    FROM okrkpi.objectives o JOIN okrkpi.key_results r ON r.objective_id = o.id
    GROUP BY o.id HAVING bool_and(okrkpi.is_milestone(r.plan))
  UNION ALL
    SELECT 'warning', 'metric_not_measured', 'metric ' || me.id,
           CASE WHEN max(m.at) IS NULL
                THEN format('metric "%s" has no measurement before %s (frequency %s)', me.name, j.at, me.frequency)
                ELSE format('metric "%s" was last measured %s, longer before %s than its frequency %s',
                            me.name, max(m.at), j.at, me.frequency)
           END
    FROM okrkpi.metrics me CROSS JOIN judged j
    LEFT JOIN LATERAL (SELECT max(m.at) AS at FROM okrkpi.measurements m
                       WHERE m.metric_id = me.id AND m.at <= j.at) m ON true
    GROUP BY me.id, j.at HAVING max(m.at) IS NULL OR max(m.at) < j.at - me.frequency
  UNION ALL
    SELECT 'warning', 'key_result_not_checked_in', 'key result ' || r.id || ' (' || o.quarter::text || ')',
           format('key result "%s" has had no check-in or measurement for %s days while its quarter is open',
                  coalesce(r.title, okrkpi.statement(me.name, r.plan)),
                  extract(day FROM j.at - greatest(last.check_in, last.measurement,
                                                   okrkpi.quarter_start(o.quarter)::timestamptz))::integer)
    FROM okrkpi.key_results r
    JOIN okrkpi.objectives o ON o.id = r.objective_id
    JOIN okrkpi.cycles cy ON cy.quarter = o.quarter AND cy.closed_at IS NULL
    LEFT JOIN okrkpi.metrics me ON me.id = r.metric_id
    CROSS JOIN judged j
    CROSS JOIN LATERAL (
        SELECT (SELECT max(ci.at) FROM okrkpi.check_ins ci
                WHERE ci.key_result_id = r.id AND ci.at <= j.at) AS check_in,
               (SELECT max(m.at) FROM okrkpi.measurements m
                WHERE m.metric_id = r.metric_id AND m.at <= j.at) AS measurement
    ) last
    WHERE j.at > okrkpi.quarter_start(o.quarter)::timestamptz
      AND greatest(last.check_in, last.measurement, okrkpi.quarter_start(o.quarter)::timestamptz)
          < j.at - '14 days'::interval
  ORDER BY 2, 3
$$;
COMMENT ON FUNCTION okrkpi.lint() IS 'plan mistakes: objectives with fewer than 2 (and no aligned children) or more than okrkpi.max_key_results key results, more than okrkpi.max_kpis KPIs, every key result a KPI, only milestone key results, metrics not measured within their frequency, key results of an open quarter without a check-in or measurement for 14 days; staleness is judged at the end of the latest planned quarter, or now if earlier';
