-- The old (PostgreSQL 15) database that test/upgrade/run carries to 18 with
-- pg_upgrade.  Run by psql after `CREATE EXTENSION okrkpi` and demo/plan.sql;
-- the embedded plan's 2020-Q3 is closed by the caller (a roll-forward).
\set ON_ERROR_STOP 1
SET client_min_messages = warning;

-- 1. A user table with a column of each okrkpi type, a btree and a hash
-- index on each, a few thousand rows drawn from small pools of values so
-- that many repeat, and some NULLs.  Rows of one id % 40 group share the
-- unit of their key result (the template is id % 4), so that the stored
-- forecast states below never mix units.
CREATE TABLE public.measures (
    id    integer PRIMARY KEY,
    kr    okrkpi.key_result,
    k     okrkpi.kpi,
    q     okrkpi.quarter,
    value float8,
    at    timestamptz
);
INSERT INTO public.measures
SELECT i,
       CASE WHEN i % 97 = 0 THEN NULL
            WHEN i % 4 = 0 THEN format('%s -> %s', i % 23, i % 23 + 1 + i % 5)
            WHEN i % 4 = 1 THEN format('%s%% -> %s%% @ %s%%', 60 + i % 11, 75 + i % 7, 65 + i % 3)
            WHEN i % 4 = 2 THEN format('%sh -> %smin', 2 + i % 6, 15 * (1 + i % 3))
            ELSE format('0 -> %s milestones @ %s', 3 + i % 4, i % 3)
       END::okrkpi.key_result,
       CASE WHEN i % 89 = 0 THEN NULL
            WHEN i % 3 = 0 THEN format('>= %s', 30 + i % 17)
            WHEN i % 3 = 1 THEN format('<= %s%% @ %s%%', 1 + i % 5, i % 4)
            ELSE format('%s .. %s', 4 + i % 3, 8 + i % 2)
       END::okrkpi.kpi,
       CASE WHEN i % 83 = 0 THEN NULL
            ELSE format('%s-Q%s', 2015 + i % 13, 1 + i % 4)
       END::okrkpi.quarter,
       (i % 101) / 100.0,
       timestamptz '2020-01-01 00:00+00' + i * interval '37 minutes'
FROM generate_series(1, 4000) i;

CREATE INDEX measures_kr_btree ON public.measures USING btree (kr);
CREATE INDEX measures_kr_hash ON public.measures USING hash (kr);
CREATE INDEX measures_k_btree ON public.measures USING btree (k);
CREATE INDEX measures_k_hash ON public.measures USING hash (k);
CREATE INDEX measures_q_btree ON public.measures USING btree (q);
CREATE INDEX measures_q_hash ON public.measures USING hash (q);
VACUUM ANALYZE public.measures;

-- 2. Stored aggregate states: every state type of extension/50_aggregates.sql
-- has text and binary I/O and a fixed size, so a table column can hold it.
-- kr_score_state() is the extension's own aggregate returning a kr_state; the
-- other states come from aggregates built here on the extension's transition
-- functions (a user object that depends on the extension, carried too).
CREATE AGGREGATE public.latest_state_of(float8, timestamptz)
    (SFUNC = okrkpi.latest_state_transfn, STYPE = okrkpi.latest_state);
CREATE AGGREGATE public.kpi_state_of(okrkpi.kpi, float8, timestamptz)
    (SFUNC = okrkpi.kpi_state_transfn, STYPE = okrkpi.kpi_state);
CREATE AGGREGATE public.mean_state_of(float8, float8)
    (SFUNC = okrkpi.mean_state_weighted_transfn, STYPE = okrkpi.mean_state);
CREATE AGGREGATE public.rate_state_of(okrkpi.kpi, float8)
    (SFUNC = okrkpi.rate_state_transfn, STYPE = okrkpi.rate_state);
CREATE AGGREGATE public.forecast_state_of(okrkpi.key_result, float8, timestamptz, timestamptz)
    (SFUNC = okrkpi.forecast_state_transfn, STYPE = okrkpi.forecast_state);

CREATE TABLE public.agg_states (
    grp      integer PRIMARY KEY,
    latest   okrkpi.latest_state,
    kr       okrkpi.kr_state,
    kpi      okrkpi.kpi_state,
    mean     okrkpi.mean_state,
    rate     okrkpi.rate_state,
    forecast okrkpi.forecast_state
);
INSERT INTO public.agg_states
SELECT id % 40,
       public.latest_state_of(value, at),
       okrkpi.kr_score_state(kr, value * 10, at),
       public.kpi_state_of(k, value * 10, at),
       public.mean_state_of(value, (id % 7)::float8),
       public.rate_state_of(k, value * 10),
       public.forecast_state_of(kr, value * 10, at, timestamptz '2026-01-01 00:00+00')
FROM public.measures
GROUP BY id % 40;

-- 3. Tables guarded by the plan-rule triggers (doc/triggers.md), with an
-- override log table (log=).
CREATE TABLE public.override_log (
    at timestamptz, by_role text, reason text, table_name text, row_key text, change jsonb);
CREATE TRIGGER guard BEFORE INSERT OR UPDATE OR DELETE ON public.override_log
    FOR EACH ROW EXECUTE FUNCTION okrkpi.guard_override_log();
CREATE TRIGGER guard_truncate BEFORE TRUNCATE ON public.override_log
    FOR EACH STATEMENT EXECUTE FUNCTION okrkpi.guard_override_log();

CREATE TABLE public.goals (
    id           integer PRIMARY KEY,
    objective_id integer,
    title        text NOT NULL,
    baseline     numeric,
    goal         numeric
);
CREATE TRIGGER kr_rules BEFORE INSERT OR UPDATE ON public.goals FOR EACH ROW
    EXECUTE FUNCTION okrkpi.check_key_result('start=baseline', 'target=goal',
        'objective=objective_id', 'max=3', 'log=public.override_log');

CREATE TABLE public.health_checks (
    id         integer PRIMARY KEY,
    team       text NOT NULL,
    title      text NOT NULL,
    threshold  okrkpi.kpi,
    adopted_on date NOT NULL
);
CREATE TRIGGER kpi_rules BEFORE INSERT OR UPDATE OR DELETE ON public.health_checks FOR EACH ROW
    EXECUTE FUNCTION okrkpi.check_kpi('kpi=threshold', 'plan=team', 'max=2',
        'since=adopted_on', 'log=public.override_log');

INSERT INTO public.goals VALUES
    (1, 1, 'Increase NPS from 20 to 40', 20, 40),
    (2, 1, 'Reduce first response time from 6h to 0.75h', 6, 0.75),
    (3, 1, 'Grow ARR from 2.0M to 3.0M', 2.0, 3.0),
    (4, 2, 'Ship 4 onboarding guides', 0, 4);
-- an override, logged in public.override_log
SET okrkpi.override_reason = 'baseline was read from the wrong survey';
UPDATE public.goals SET baseline = 25 WHERE id = 1;
RESET okrkpi.override_reason;

-- a young KPI (since a fixed date in the future, so it stays young) and an old one
INSERT INTO public.health_checks VALUES
    (1, 'support', 'Keep churn at most 2%', '<= 2%', '2100-01-01'),
    (2, 'support', 'First response within 4 hours', '<= 4h', '2019-01-01'),
    (3, 'sales', 'NPS at least 40', '>= 40', '2100-01-01');
