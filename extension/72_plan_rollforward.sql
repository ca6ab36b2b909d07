-- The embedded plan, part 2: how a plan moves.  Objectives align under
-- parent objectives (never in a cycle); closing a quarter carries its
-- KPI-linked key results into the next one.

--@define check_alignment
-- Alignment cycles are refused.  Every change of a parent takes one lock, so
-- two sessions that each make the other's objective their parent queue up,
-- and the second walks the tree as the first committed it (FOR SHARE reads
-- the latest row version in READ COMMITTED, and fails with a serialization
-- error under REPEATABLE READ rather than miss it).
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
--@end

-- Quarter roll-forward.
--@define roll_forward
CREATE FUNCTION okrkpi.roll_forward(closing okrkpi.quarter) RETURNS integer
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
COMMENT ON FUNCTION okrkpi.roll_forward(okrkpi.quarter) IS 'carries every KPI-linked key result of a quarter into the next one (okrkpi.carry_forward: start = latest actual, target on a straight line to the KPI''s annual target, rounded to the plan''s precision; titles that state the old numbers state the new ones); returns how many were carried; idempotent';
--@end

--@define close_cycle
CREATE FUNCTION okrkpi.close_cycle() RETURNS trigger
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
COMMENT ON FUNCTION okrkpi.close_cycle() IS 'AFTER UPDATE trigger of cycles: closing a quarter rolls it forward in the same transaction';
--@end
CREATE TRIGGER close_cycle AFTER UPDATE OF closed_at ON okrkpi.cycles FOR EACH ROW
    WHEN (OLD.closed_at IS NULL AND NEW.closed_at IS NOT NULL)
    EXECUTE FUNCTION okrkpi.close_cycle();
