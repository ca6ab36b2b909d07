-- The embedded plan, part 2: how a plan moves.  Objectives align under
-- parent objectives (never in a cycle); closing a quarter carries its
-- KPI-linked key results into the next one.

--@define check_alignment
-- Alignment stays inside a cycle: a quarterly objective aligns under an
-- objective of its own quarter or an annual objective of its fiscal year, an
-- annual objective under an annual objective of its year.  Cycles are
-- refused.  Every change of a parent takes one lock, so two sessions that
-- each make the other's objective their parent queue up, and the second
-- walks the tree as the first committed it (FOR SHARE reads the latest row
-- version in READ COMMITTED, and fails with a serialization error under
-- REPEATABLE READ when a row it reads changed; a child inserted meanwhile is
-- not seen under REPEATABLE READ: doc/plan.md).
CREATE FUNCTION okrkpi.check_alignment() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    ancestor bigint := NEW.parent_id;
    seen bigint[] := '{}';
    parent record;
    misaligned record;
BEGIN
    -- One lock order everywhere: 'okrkpi.cycles order' before 'okrkpi.objectives
    -- alignment', as a close takes them (check_cycle_order, then the objectives
    -- roll_forward carries).  The statement trigger closing_cycle_wait has
    -- taken the first (shared) before any row trigger runs.
    PERFORM pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtext('okrkpi.objectives alignment'));
    -- the table the trigger fires on: okrkpi.objectives, or on Citus the
    -- placement itself (a reference table's copy holds every row)
    IF TG_OP = 'UPDATE' AND (NEW.quarter IS DISTINCT FROM OLD.quarter OR NEW.fiscal_year IS DISTINCT FROM OLD.fiscal_year) THEN
        EXECUTE format('SELECT c.id, coalesce(c.quarter::text, ''FY'' || c.fiscal_year::text) AS cycle FROM %I.%I c
                        WHERE c.parent_id = $1 AND c.id <> $1
                          AND NOT coalesce(c.quarter = $2, false)
                          AND NOT coalesce($3 = coalesce(c.fiscal_year, okrkpi.quarter_year(c.quarter)), false)
                        ORDER BY c.id LIMIT 1 FOR SHARE', TG_TABLE_SCHEMA, TG_TABLE_NAME)
            INTO misaligned USING NEW.id, NEW.quarter, NEW.fiscal_year;
        IF misaligned.id IS NOT NULL THEN
            RAISE EXCEPTION 'objective % cannot move to %: objective % of % is aligned under it',
                    NEW.id, coalesce(NEW.quarter::text, 'FY' || NEW.fiscal_year::text), misaligned.id, misaligned.cycle
                USING ERRCODE = 'check_violation',
                      DETAIL = 'A quarterly objective aligns under an objective of its own quarter or an annual objective of its fiscal year.',
                      HINT = 'Move or detach the aligned objectives first.',
                      TABLE = TG_TABLE_NAME, SCHEMA = TG_TABLE_SCHEMA, COLUMN = 'quarter';
        END IF;
    END IF;
    IF NEW.parent_id IS NULL THEN
        RETURN NEW;
    END IF;
    EXECUTE format('SELECT p.quarter, p.fiscal_year FROM %I.%I p WHERE p.id = $1 FOR SHARE', TG_TABLE_SCHEMA, TG_TABLE_NAME)
        INTO parent USING NEW.parent_id;
    -- (a NULL comparison is no match: quarter and fiscal_year are each NULL on one kind of objective)
    IF NOT coalesce(NEW.quarter = parent.quarter, false)
       AND NOT coalesce(parent.fiscal_year = coalesce(NEW.fiscal_year, okrkpi.quarter_year(NEW.quarter)), false) THEN
        RAISE EXCEPTION 'objective % of % cannot be aligned under objective % of %', NEW.id,
                coalesce(NEW.quarter::text, 'FY' || NEW.fiscal_year::text), NEW.parent_id,
                coalesce(parent.quarter::text, 'FY' || parent.fiscal_year::text)
            USING ERRCODE = 'check_violation',
                  DETAIL = CASE WHEN NEW.fiscal_year IS NOT NULL
                                THEN 'An annual objective aligns only under an annual objective of its own fiscal year.'
                                ELSE 'A quarterly objective aligns only under an objective of its own quarter or an annual objective of its fiscal year.' END,
                  HINT = 'Align it under the parent''s copy in its own cycle, or make the parent an annual objective (quarter NULL, fiscal_year set).',
                  TABLE = TG_TABLE_NAME, SCHEMA = TG_TABLE_SCHEMA, COLUMN = 'parent_id';
    END IF;
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
        EXECUTE format('SELECT parent_id FROM %I.%I WHERE id = $1 FOR SHARE', TG_TABLE_SCHEMA, TG_TABLE_NAME)
            INTO ancestor USING ancestor;
    END LOOP;
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION okrkpi.check_alignment() IS 'BEFORE INSERT OR UPDATE OF parent_id, quarter, fiscal_year trigger of objectives: alignment stays inside a cycle (a quarterly objective under its own quarter''s or its fiscal year''s annual objectives, an annual one under its year''s) and makes no cycle (23514), also under concurrent updates';
--@end
--@define check_alignment_trigger
CREATE TRIGGER check_alignment BEFORE INSERT OR UPDATE OF parent_id, quarter, fiscal_year ON okrkpi.objectives FOR EACH ROW
    EXECUTE FUNCTION okrkpi.check_alignment();
--@end

-- Quarter roll-forward.
--@define carry_objective
-- An objective's copy in a later cycle, with its ancestors: alignment never
-- crosses a cycle, so a carried child needs its parent there too.  A
-- quarterly objective is copied into the quarter; an annual one stays what
-- it is inside its fiscal year and is copied into the next fiscal year only
-- when the quarter starts one.  Copies already made (rolled_from) are reused.
CREATE FUNCTION okrkpi.carry_objective(objective_id bigint, into_quarter okrkpi.quarter) RETURNS bigint
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    into_year integer := okrkpi.quarter_year(into_quarter);
    chain bigint[] := '{}';
    current_id bigint := objective_id;
    o record;
    copy_id bigint;
BEGIN
    -- walk up until an ancestor that already lives in the target cycle (or has a copy there)
    LOOP
        SELECT s.id, s.quarter, s.fiscal_year, s.parent_id INTO o
        FROM okrkpi.objectives s WHERE s.id = current_id;
        IF o.quarter = into_quarter OR o.fiscal_year = into_year THEN
            copy_id := o.id;
            EXIT;
        END IF;
        SELECT c.id INTO copy_id FROM okrkpi.objectives c
        WHERE c.rolled_from = current_id
          AND (c.quarter = into_quarter OR (o.fiscal_year IS NOT NULL AND c.fiscal_year = into_year));
        EXIT WHEN copy_id IS NOT NULL OR current_id = ANY (chain);
        chain := chain || current_id;
        EXIT WHEN o.parent_id IS NULL;
        current_id := o.parent_id;
    END LOOP;
    -- copy the chain top down, each under the copy of its parent
    FOR i IN REVERSE cardinality(chain) .. 1 LOOP
        INSERT INTO okrkpi.objectives (quarter, fiscal_year, title, parent_id, owner, rolled_from, weight)
        SELECT CASE WHEN s.fiscal_year IS NULL THEN into_quarter END,
               CASE WHEN s.fiscal_year IS NOT NULL THEN into_year END,
               s.title, copy_id, s.owner, s.id, s.weight
        FROM okrkpi.objectives s WHERE s.id = chain[i]
        RETURNING id INTO copy_id;
    END LOOP;
    RETURN copy_id;
END
$$;
COMMENT ON FUNCTION okrkpi.carry_objective(bigint, okrkpi.quarter) IS 'the copy of an objective in a later quarter (or, for an annual objective, in that quarter''s fiscal year), made with its ancestors if missing; used by roll_forward';
--@end
--@define roll_forward
CREATE FUNCTION okrkpi.roll_forward(closing okrkpi.quarter) RETURNS integer
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    fiscal_month integer := okrkpi.fiscal_start_month();
    next_quarter okrkpi.quarter := closing + 1;
    closed timestamptz;
    carried integer := 0;
    kr record;
    now_value record;
    actual float8;
    new_plan okrkpi.key_result;
    new_title text;
    metric_name text;
    increasing boolean;
BEGIN
    SELECT c.closed_at INTO closed FROM okrkpi.cycles c WHERE c.quarter = closing;
    IF closed IS NULL THEN
        RAISE EXCEPTION 'quarter % is not closed', closing
            USING ERRCODE = 'object_not_in_prerequisite_state',
                  DETAIL = 'Only a closed quarter rolls forward: while it is open its actual values may still change.',
                  HINT = format('Close it: UPDATE okrkpi.cycles SET closed_at = now() WHERE quarter = %L rolls it forward.', closing::text);
    END IF;
    INSERT INTO okrkpi.cycles (quarter) VALUES (next_quarter) ON CONFLICT (quarter) DO NOTHING;
    IF EXISTS (SELECT 1 FROM okrkpi.cycles c WHERE c.quarter = next_quarter AND c.closed_at IS NOT NULL) THEN
        RAISE EXCEPTION 'quarter % is closed: nothing can be carried into it', next_quarter
            USING ERRCODE = 'object_not_in_prerequisite_state',
                  DETAIL = 'A closed quarter is history.',
                  HINT = 'Quarters close in order; reopen the later quarters first if this one must be rolled forward again.';
    END IF;
    FOR kr IN
        SELECT r.*, k.title AS kpi_title, k.metric_id AS kpi_metric_id, k.annual_target, k.target_date,
               k.retired_at AS kpi_retired_at
        FROM okrkpi.key_results r
        JOIN okrkpi.objectives o ON o.id = r.objective_id
        JOIN okrkpi.kpis k ON k.id = r.kpi_id
        WHERE o.quarter = closing
          AND NOT EXISTS (SELECT 1 FROM okrkpi.key_results n WHERE n.rolled_from = r.id)
        ORDER BY r.id
        FOR UPDATE OF r
    LOOP
        -- the scoreboard's current value: one definition for dashboards and the roll-forward
        SELECT s.current_value, s.current_source INTO now_value
        FROM okrkpi.scoreboard s WHERE s.key_result_id = kr.id;
        actual := CASE WHEN now_value.current_source <> 'start' THEN now_value.current_value END;
        increasing := okrkpi.direction(kr.plan) = 'increase';

        IF kr.kpi_retired_at IS NOT NULL THEN
            RAISE NOTICE 'key result % ("%") not carried into %: KPI "%" is retired',
                kr.id, kr.title, next_quarter, kr.kpi_title;
        ELSIF actual IS NULL THEN
            RAISE NOTICE 'key result % ("%") not carried into %: it has no measurement or check-in value in %',
                kr.id, kr.title, next_quarter, closing;
        ELSIF kr.annual_target IS NULL OR kr.target_date IS NULL THEN
            RAISE NOTICE 'key result % ("%") not carried into %: KPI "%" has no annual target and target date',
                kr.id, kr.title, next_quarter, kr.kpi_title;
        ELSIF kr.target_date < okrkpi.quarter_start(next_quarter, fiscal_month) THEN
            RAISE NOTICE 'key result % ("%") not carried into %: the target date % of KPI "%" has passed',
                kr.id, kr.title, next_quarter, to_char(kr.target_date, 'YYYY-MM-DD'), kr.kpi_title;
        ELSIF (increasing AND actual >= kr.annual_target) OR (NOT increasing AND actual <= kr.annual_target) THEN
            RAISE NOTICE 'key result % ("%") not carried into %: KPI "%" already reached its annual target % (actual %)',
                kr.id, kr.title, next_quarter, kr.kpi_title,
                okrkpi.value_text(kr.annual_target, okrkpi.unit(kr.plan)), okrkpi.value_text(actual, okrkpi.unit(kr.plan));
        ELSIF EXISTS (SELECT 1 FROM okrkpi.key_results n JOIN okrkpi.objectives no ON no.id = n.objective_id
                      WHERE n.kpi_id = kr.kpi_id AND no.quarter = next_quarter) THEN
            RAISE NOTICE 'key result % ("%") not carried into %: KPI "%" already has a key result there',
                kr.id, kr.title, next_quarter, kr.kpi_title;
        ELSE
            new_plan := okrkpi.carry_forward(kr.plan, actual, kr.annual_target,
                                             (okrkpi.quarter_of(kr.target_date, fiscal_month) - next_quarter) + 1);
            -- a title keeps its words: only its numbers and its quarter move; one whose
            -- numbers disagree with its plan is not restated into a lie (lint reports it)
            new_title := NULL;
            IF kr.title IS NOT NULL THEN
                new_title := okrkpi.restate_title(kr.title, kr.plan, new_plan, closing, next_quarter);
                IF new_title IS NULL THEN
                    SELECT m.name INTO metric_name FROM okrkpi.metrics m
                    WHERE m.id = coalesce(kr.metric_id, kr.kpi_metric_id);
                    -- (the plan alone where statement() would refuse the metric's name)
                    new_title := coalesce(okrkpi.statement_or_null(metric_name, new_plan), new_plan::text);
                    RAISE NOTICE 'key result % ("%"): its title disagrees with its plan %; its copy in % is titled "%"',
                        kr.id, kr.title, kr.plan, next_quarter, new_title;
                END IF;
            END IF;
            INSERT INTO okrkpi.key_results (objective_id, metric_id, title, plan, kpi_id, weight, owner, rolled_from)
            VALUES (okrkpi.carry_objective(kr.objective_id, next_quarter), kr.metric_id, new_title, new_plan,
                    kr.kpi_id, kr.weight, kr.owner, kr.id);
            carried := carried + 1;
        END IF;
    END LOOP;
    RETURN carried;
END
$$;
COMMENT ON FUNCTION okrkpi.roll_forward(okrkpi.quarter) IS 'carries every KPI-linked key result of a closed quarter into the next, open one (okrkpi.carry_forward: start = its current value as the scoreboard shows it, target on a straight line to the KPI''s annual target, rounded in the plan''s own terms; okrkpi.restate_title moves only a title''s numbers and quarter), with its objective and that objective''s ancestors (okrkpi.carry_objective); one key result per KPI and quarter; returns how many were carried; idempotent';
--@end

--@define cycle_order
-- Quarters close in order, so that a roll-forward never writes into a
-- closed quarter and a quarter is never rolled forward twice: the closed
-- quarters are always the earliest ones.  One lock serializes every change
-- of that order; the rows on either side are locked too, so that REPEATABLE
-- READ fails with a serialization error rather than check a stale order.
CREATE FUNCTION okrkpi.check_cycle_order() RETURNS trigger
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    other okrkpi.quarter;
BEGIN
    IF TG_OP = 'UPDATE' AND NEW.quarter = OLD.quarter
       AND (NEW.closed_at IS NULL) = (OLD.closed_at IS NULL) THEN
        RETURN NEW;
    END IF;
    -- as the table's owner: row security must not hide a quarter from this check
    PERFORM pg_advisory_xact_lock(pg_catalog.hashtext('okrkpi.cycles order'));
    IF NEW.closed_at IS NOT NULL THEN
        PERFORM 1 FROM okrkpi.cycles c WHERE c.quarter < NEW.quarter FOR SHARE;
        SELECT c.quarter INTO other FROM okrkpi.cycles c
        WHERE c.quarter < NEW.quarter AND c.closed_at IS NULL ORDER BY c.quarter LIMIT 1;
        IF other IS NOT NULL THEN
            RAISE EXCEPTION 'quarter % cannot close while quarter % is open', NEW.quarter, other
                USING ERRCODE = 'object_not_in_prerequisite_state',
                      DETAIL = 'Quarters close in order: closing rolls a quarter forward into the next one, which must still be open.',
                      HINT = format('Close quarter %s first.', other::text);
        END IF;
    ELSE
        PERFORM 1 FROM okrkpi.cycles c WHERE c.quarter > NEW.quarter FOR SHARE;
        SELECT c.quarter INTO other FROM okrkpi.cycles c
        WHERE c.quarter > NEW.quarter AND c.closed_at IS NOT NULL ORDER BY c.quarter DESC LIMIT 1;
        IF other IS NOT NULL THEN
            RAISE EXCEPTION 'quarter % cannot be open while the later quarter % is closed', NEW.quarter, other
                USING ERRCODE = 'object_not_in_prerequisite_state',
                      DETAIL = 'Quarters close in order, so the closed quarters are always the earliest ones.',
                      HINT = format('Reopen quarter %s first (UPDATE okrkpi.cycles SET closed_at = NULL), or add this quarter closed.', other::text);
        END IF;
    END IF;
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION okrkpi.check_cycle_order() IS 'BEFORE INSERT OR UPDATE trigger of cycles: a quarter closes only after every earlier one, and none is open after a closed one (55000)';
CREATE TRIGGER cycle_order BEFORE INSERT OR UPDATE OF quarter, closed_at ON okrkpi.cycles FOR EACH ROW
    EXECUTE FUNCTION okrkpi.check_cycle_order();
COMMENT ON TRIGGER cycle_order ON okrkpi.cycles IS 'quarters close in order';
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
