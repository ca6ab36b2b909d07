-- The soak's database: the extension, its embedded plan at the start of
-- 2001-Q1, two tables of our own guarded by okrkpi's triggers, the roles the
-- clients log in as, and the soak's own records (schema soak) that the
-- invariants (test/soak/invariants.sql) compare the plan against.  Run once
-- as the superuser by test/soak/soak.py.
\set ON_ERROR_STOP 1
CREATE EXTENSION okrkpi;
\i dashboards/reader.sql

-- planners write the plan (no override rights: they do not own the tables);
-- dashboards read as okrkpi_reader; the superuser is the tables' owner
CREATE ROLE soak_planner LOGIN;
CREATE ROLE soak_dashboard LOGIN IN ROLE okrkpi_reader;
GRANT SELECT, INSERT, UPDATE, DELETE ON okrkpi.cycles, okrkpi.metrics, okrkpi.measurements,
      okrkpi.kpis, okrkpi.objectives, okrkpi.key_results, okrkpi.check_ins TO soak_planner;
GRANT USAGE ON ALL SEQUENCES IN SCHEMA okrkpi TO soak_planner;
GRANT SELECT ON okrkpi.scoreboard, okrkpi.objective_scores, okrkpi.objective_tree, okrkpi.kpi_board,
      okrkpi.score_history, okrkpi.check_in_history, okrkpi.quarters, okrkpi.kpi_year,
      okrkpi.fiscal_year TO soak_planner;

CREATE SCHEMA soak;
GRANT USAGE ON SCHEMA soak TO soak_planner;

-- A team's goals, kept in plain numeric columns (check_key_result: start
-- frozen, start <> target, at most 3 goals per team), and its health checks
-- (check_kpi: at most 2 KPIs per team, kept a year).
CREATE TABLE soak.override_log (
    seq bigint GENERATED ALWAYS AS IDENTITY,   -- the order overrides were written in
    at timestamptz NOT NULL, by_role text NOT NULL, reason text NOT NULL,
    table_name text NOT NULL, row_key text NOT NULL, change jsonb NOT NULL);
CREATE TRIGGER guard BEFORE INSERT ON soak.override_log
    FOR EACH ROW EXECUTE FUNCTION okrkpi.guard_override_log();
CREATE TABLE soak.goals (
    id       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    team     integer NOT NULL,
    quarter  okrkpi.quarter NOT NULL,
    title    text NOT NULL,
    baseline numeric NOT NULL,
    goal     numeric NOT NULL,
    plan     okrkpi.key_result);
CREATE TRIGGER goal_rules BEFORE INSERT OR UPDATE ON soak.goals FOR EACH ROW
    EXECUTE FUNCTION okrkpi.check_key_result('start=baseline', 'target=goal', 'objective=team',
                                             'max=3', 'log=soak.override_log');
CREATE TABLE soak.health (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    team       integer NOT NULL,
    title      text NOT NULL,
    threshold  okrkpi.kpi NOT NULL,
    adopted_on date NOT NULL DEFAULT current_date);
CREATE TRIGGER health_rules BEFORE INSERT OR UPDATE OR DELETE ON soak.health FOR EACH ROW
    EXECUTE FUNCTION okrkpi.check_kpi('kpi=threshold', 'plan=team', 'max=2', 'since=adopted_on',
                                      'log=soak.override_log');
GRANT SELECT, INSERT, UPDATE, DELETE ON soak.goals, soak.health TO soak_planner;

-- The first start of every key result and goal, written when the row is
-- inserted: an override must explain every difference from it.
CREATE TABLE soak.first_start (table_name text, id bigint, start float8 NOT NULL,
                               PRIMARY KEY (table_name, id));
CREATE FUNCTION soak.record_first_start() RETURNS trigger LANGUAGE plpgsql
SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    INSERT INTO soak.first_start VALUES (TG_TABLE_SCHEMA || '.' || TG_TABLE_NAME, NEW.id,
        CASE TG_TABLE_NAME
            WHEN 'key_results' THEN okrkpi.start_value((pg_catalog.to_jsonb(NEW) ->> 'plan')::okrkpi.key_result)
            ELSE (pg_catalog.to_jsonb(NEW) ->> 'baseline')::float8 END);
    RETURN NULL;
END $$;
CREATE TRIGGER soak_first_start AFTER INSERT ON okrkpi.key_results
    FOR EACH ROW EXECUTE FUNCTION soak.record_first_start();
CREATE TRIGGER soak_first_start AFTER INSERT ON soak.goals
    FOR EACH ROW EXECUTE FUNCTION soak.record_first_start();

-- What every view shows of one quarter: taken in the closing transaction,
-- compared with the views again afterwards.
CREATE FUNCTION soak.view_rows(q okrkpi.quarter) RETURNS TABLE (view_name text, view_row jsonb)
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
    SELECT 'scoreboard', to_jsonb(s) FROM okrkpi.scoreboard s WHERE s.quarter = q::text
    UNION ALL SELECT 'objective_scores', to_jsonb(s) FROM okrkpi.objective_scores s WHERE s.quarter = q::text
    UNION ALL SELECT 'objective_tree_of', to_jsonb(s) FROM okrkpi.objective_tree_of(q::text) s
    -- score_history has a row per measurement of each key result's metric
    -- (hundreds of thousands per quarter): one digest per key result instead
    UNION ALL SELECT 'score_history', jsonb_build_object('key_result_id', s.key_result_id, 'rows', count(*),
                         'md5', md5(string_agg(to_jsonb(s)::text, ',' ORDER BY to_jsonb(s)::text)))
              FROM okrkpi.score_history s WHERE s.quarter = q::text GROUP BY s.key_result_id
    UNION ALL SELECT 'check_in_history', to_jsonb(s) FROM okrkpi.check_in_history s WHERE s.quarter = q::text
    UNION ALL SELECT 'kpi_year', to_jsonb(s) FROM okrkpi.kpi_year s WHERE s.quarter = q::text
    UNION ALL SELECT 'lint', to_jsonb(s) FROM okrkpi.lint() s WHERE s.object LIKE '%(' || q::text || ')'
$$;
CREATE TABLE soak.closes (quarter okrkpi.quarter PRIMARY KEY, closed_at timestamptz NOT NULL);
CREATE TABLE soak.closed_view (quarter okrkpi.quarter NOT NULL, view_name text NOT NULL, view_row jsonb NOT NULL);
CREATE INDEX ON soak.closed_view (quarter, view_name);

-- The plan at the start: 60 metrics; 5 KPIs aiming at 1000 by the end of
-- 2099 (never reached: values stay under 100), each with one key result in
-- its own objective of 2001-Q1 that every close must carry; two ordinary
-- key results per objective.
INSERT INTO okrkpi.cycles (quarter) VALUES ('2001-Q1');
INSERT INTO okrkpi.metrics (name, unit, frequency)
SELECT 'metric ' || i, '', '1 day' FROM generate_series(1, 60) i;
INSERT INTO okrkpi.kpis (metric_id, title, threshold, annual_target, target_date, since)
SELECT i, 'carried KPI ' || i, '>= 10', 1000, '2099-12-31', '2000-01-01' FROM generate_series(1, 5) i;
INSERT INTO okrkpi.objectives (quarter, title) SELECT '2001-Q1', 'objective ' || i FROM generate_series(1, 6) i;
INSERT INTO okrkpi.key_results (objective_id, metric_id, plan, kpi_id)
SELECT i, i, '10 -> 20', i FROM generate_series(1, 5) i;
INSERT INTO okrkpi.key_results (objective_id, metric_id, plan)
SELECT o, 6 + (o * 2 + j) % 55, (CASE j WHEN 0 THEN '20 -> 60' ELSE '80 -> 30' END)::okrkpi.key_result
FROM generate_series(1, 6) o, generate_series(0, 1) j;
