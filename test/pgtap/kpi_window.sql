-- The year a KPI is kept (check_kpi's since=): counted in UTC whatever the
-- session's TimeZone, a since date past the timestamp range refused on the
-- way in, TRUNCATE guarded as DELETE is, and a young KPI moved between
-- partitions (refused as a DELETE; logged as a DELETE under an override, a
-- documented limit: doc/triggers.md).
\ir ../include/setup.sql
SET LOCAL client_min_messages = warning;
SELECT plan(24);

-- What a statement does, undone: 'allowed', or the SQLSTATE it fails with.
CREATE FUNCTION pg_temp.outcome(sql text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
    BEGIN
        EXECUTE sql;
        RAISE EXCEPTION 'undo' USING ERRCODE = 'OKR00';
    EXCEPTION WHEN SQLSTATE 'OKR00' THEN
        RETURN 'allowed';
    END;
EXCEPTION WHEN OTHERS THEN
    RETURN SQLSTATE;
END $$;
GRANT EXECUTE ON FUNCTION pg_temp.outcome(text) TO PUBLIC;

CREATE ROLE okr_kw_owner;
CREATE ROLE okr_kw_clerk;
GRANT USAGE ON SCHEMA okrkpi TO okr_kw_owner, okr_kw_clerk;

CREATE TABLE public.kw (id int PRIMARY KEY, threshold okrkpi.kpi NOT NULL, since date);
CREATE TABLE public.kw_log (at timestamptz, by_role text, reason text, table_name text, row_key text, change jsonb);
CREATE TRIGGER guard BEFORE INSERT OR UPDATE OR DELETE ON public.kw_log FOR EACH ROW
    EXECUTE FUNCTION okrkpi.guard_override_log();
-- The row rules and the TRUNCATE guard, logging to public.kw_log; the table
-- (and its partitions) then belong to okr_kw_owner.
CREATE FUNCTION pg_temp.guard_kpis(tab regclass) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    part regclass;
BEGIN
    EXECUTE format('CREATE TRIGGER rules BEFORE INSERT OR UPDATE OR DELETE ON %s FOR EACH ROW
                      EXECUTE FUNCTION okrkpi.check_kpi(''kpi=threshold'', ''since=since'', ''log=public.kw_log'')', tab);
    EXECUTE format('CREATE TRIGGER rules_truncate BEFORE TRUNCATE ON %s FOR EACH STATEMENT
                      EXECUTE FUNCTION okrkpi.check_kpi(''kpi=threshold'', ''since=since'', ''log=public.kw_log'')', tab);
    FOR part IN SELECT tab UNION SELECT relid FROM pg_partition_tree(tab) LOOP
        EXECUTE format('ALTER TABLE %s OWNER TO okr_kw_owner', part);
    END LOOP;
END $$;
SELECT pg_temp.guard_kpis('public.kw');
ALTER TABLE public.kw_log OWNER TO okr_kw_owner;
GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON public.kw TO okr_kw_clerk;

-- TimeZone.  A date since is kept until its midnight UTC a year later.  The
-- far zone moves a session's local midnight by 14 hours (Kiritimati, UTC+14)
-- or 12 (Etc/GMT+12, UTC-12); pick the KPI whose year ends inside that gap
-- now: adopted a year ago tomorrow (UTC) when it is past 10:00 UTC, so that
-- its year ended at 10:00 UTC for Kiritimati's midnight; else adopted a year
-- ago today, whose year ended at 00:00 UTC, and at 12:00 UTC for UTC-12.
SELECT CASE WHEN extract(hour FROM now() AT TIME ZONE 'UTC') >= 10
            THEN 'Pacific/Kiritimati' ELSE 'Etc/GMT+12' END AS far_zone,
       CASE WHEN extract(hour FROM now() AT TIME ZONE 'UTC') >= 10
            THEN 'young' ELSE 'old' END AS kpi_age \gset
INSERT INTO public.kw VALUES
  (1, '>= 40', ((now() AT TIME ZONE 'UTC')::date - interval '1 year')::date
               + CASE WHEN :'kpi_age' = 'young' THEN 1 ELSE 0 END);

SET LOCAL ROLE okr_kw_clerk;
SET LOCAL TimeZone = 'UTC';
SELECT is(pg_temp.outcome('DELETE FROM public.kw WHERE id = 1'),
          CASE WHEN :'kpi_age' = 'young' THEN '23514' ELSE 'allowed' END,
          'TimeZone: in UTC, the KPI adopted a year ago (to the day, or less) is kept or not');
SET LOCAL TimeZone = :'far_zone';
SELECT is(pg_temp.outcome('DELETE FROM public.kw WHERE id = 1'),
          CASE WHEN :'kpi_age' = 'young' THEN '23514' ELSE 'allowed' END,
          'TimeZone: a session in a zone 12 or 14 hours off gets the answer UTC gives');
SELECT is(pg_temp.outcome('UPDATE public.kw SET threshold = ''>= 41'' WHERE id = 1'),
          CASE WHEN :'kpi_age' = 'young' THEN '23514' ELSE 'allowed' END,
          'TimeZone: so does a change of threshold');
SET LOCAL TimeZone = 'UTC';
RESET ROLE;

-- A timestamptz since: a year later in UTC, whatever the zone (a DST change
-- inside the year does not move it by an hour): kept until exactly
-- 2025-03-01 00:00 UTC if adopted 2024-03-01 00:00 UTC.
CREATE TABLE public.kw_ts (id int PRIMARY KEY, threshold okrkpi.kpi NOT NULL, since timestamptz);
CREATE TRIGGER rules BEFORE INSERT OR UPDATE OR DELETE ON public.kw_ts FOR EACH ROW
  EXECUTE FUNCTION okrkpi.check_kpi('kpi=threshold', 'since=since');
INSERT INTO public.kw_ts VALUES (1, '>= 40', now() - interval '1 year' + interval '30 minutes');
SET LOCAL TimeZone = 'America/New_York';
SELECT is(pg_temp.outcome('DELETE FROM public.kw_ts WHERE id = 1'), '23514',
          'TimeZone: a timestamptz since 30 minutes short of a year is still kept in any zone');
SET LOCAL TimeZone = 'UTC';

-- since far past the timestamp range is refused on the way in (22008), for
-- the owner as for anyone; infinity still means "kept for good".
SET LOCAL ROLE okr_kw_clerk;
SELECT throws_ok($$INSERT INTO public.kw VALUES (2, '>= 40', '5000000-01-01')$$, '22008',
                 'the start date of a KPI is out of range',
                 'since: a date past the timestamp range is refused on INSERT');
SELECT throws_ok($$INSERT INTO public.kw VALUES (2, '>= 40', '294277-01-01')$$, '22008',
                 'the start date of a KPI is out of range',
                 'since: so is the first date past it (timestamps end in 294276)');
INSERT INTO public.kw VALUES (3, '>= 40', '2020-01-01');
SELECT throws_ok($$UPDATE public.kw SET since = '5000000-01-01' WHERE id = 3$$, '22008',
                 'the start date of a KPI is out of range',
                 'since: and on UPDATE');
SELECT lives_ok($$INSERT INTO public.kw VALUES (4, '>= 40', 'infinity')$$,
                'since: infinity is accepted');
SELECT is(pg_temp.outcome('DELETE FROM public.kw WHERE id = 4'), '23514',
          'since: a KPI adopted at infinity is kept');
RESET ROLE;
INSERT INTO okrkpi.metrics (id, name) VALUES (-1, 'kpi window metric');
SELECT throws_ok($$INSERT INTO okrkpi.kpis (metric_id, title, threshold, since)
                   VALUES (-1, 'far future', '>= 1', '5000000-01-01')$$, '22008',
                 'the start date of a KPI is out of range',
                 'since: okrkpi.kpis refuses it too, for its owner');

-- TRUNCATE is guarded wherever DELETE is.
DELETE FROM public.kw WHERE id = 1 AND since < now() - interval '1 year';
INSERT INTO public.kw VALUES (5, '>= 40', now()::date) ON CONFLICT DO NOTHING;
SET LOCAL ROLE okr_kw_clerk;
SELECT throws_ok('TRUNCATE public.kw', '23514',
                 'a KPI is kept at least a year: table "kw" cannot be truncated yet',
                 'TRUNCATE: refused while a KPI is younger than a year, as DELETE is');
SET LOCAL okrkpi.override_reason = 'clean slate';
SELECT throws_ok('TRUNCATE public.kw', '42501', NULL,
                 'TRUNCATE: a role that does not own the table may not override');
RESET okrkpi.override_reason;
RESET ROLE;
SET LOCAL ROLE okr_kw_owner;
SELECT throws_ok('TRUNCATE public.kw', '23514', NULL,
                 'TRUNCATE: the owner without a reason is refused too');
SET LOCAL okrkpi.override_reason = 'clean slate';
SELECT lives_ok('TRUNCATE public.kw', 'TRUNCATE: the owner with a reason truncates');
RESET okrkpi.override_reason;
SELECT is((SELECT count(*) FROM public.kw), 0::bigint, 'TRUNCATE: the table is empty');
-- young: 4 (infinity), 5 (today), and 1 when it was adopted less than a year ago;
-- 3 (2020) is old and needs no override
SELECT is((SELECT array_agg(row_key ORDER BY row_key) FROM public.kw_log
           WHERE change->>'operation' = 'TRUNCATE' AND reason = 'clean slate'),
          CASE WHEN :'kpi_age' = 'young' THEN ARRAY['1', '4', '5'] ELSE ARRAY['4', '5'] END,
          'TRUNCATE: each young KPI is logged, and only those');
RESET ROLE;
INSERT INTO public.kw VALUES (6, '>= 40', '2020-01-01');
SET LOCAL ROLE okr_kw_clerk;
SELECT lives_ok('TRUNCATE public.kw', 'TRUNCATE: a table of KPIs older than a year truncates');
RESET ROLE;

-- The embedded plan's okrkpi.kpis.
INSERT INTO okrkpi.kpis (id, metric_id, title, threshold, since) VALUES (-1, -1, 'young', '>= 1', now()::date);
SELECT throws_ok('TRUNCATE okrkpi.kpis CASCADE', '23514',
                 'a KPI is kept at least a year: table "kpis" cannot be truncated yet',
                 'TRUNCATE: okrkpi.kpis refuses it as DELETE does, even for its owner without a reason');
SELECT throws_ok('DELETE FROM okrkpi.kpis WHERE id = -1', '23514', NULL,
                 'TRUNCATE: (DELETE refuses the same KPI)');

-- A young KPI moved between partitions: PostgreSQL moves it as a DELETE on
-- the old partition and an INSERT into the new one, and row triggers cannot
-- tell that DELETE from any other: refused as a deletion, and under an
-- override logged as a DELETE on the old partition (doc/triggers.md).
CREATE TABLE public.kwp (id int, region text, threshold okrkpi.kpi NOT NULL, since date,
                         PRIMARY KEY (id, region)) PARTITION BY LIST (region);
CREATE TABLE public.kwp_a PARTITION OF public.kwp FOR VALUES IN ('a');
CREATE TABLE public.kwp_b PARTITION OF public.kwp FOR VALUES IN ('b');
SELECT pg_temp.guard_kpis('public.kwp');
INSERT INTO public.kwp VALUES (1, 'a', '>= 40', now()::date), (2, 'b', '>= 40', '2020-01-01');
SET LOCAL ROLE okr_kw_owner;
SELECT throws_ok($$UPDATE public.kwp SET region = 'b' WHERE id = 1$$, '23514',
                 'a KPI is kept at least a year: it cannot be deleted yet',
                 'partitions: moving a young KPI to another partition is refused as a deletion');
SELECT lives_ok($$UPDATE public.kwp SET threshold = '>= 40', region = 'a' WHERE id = 1$$,
                'partitions: an update that keeps it in its partition passes');
SET LOCAL okrkpi.override_reason = 'region was wrong';
SELECT lives_ok($$UPDATE public.kwp SET region = 'b' WHERE id = 1$$,
                'partitions: the owner moves it under an override');
SELECT is((SELECT change->>'operation' || ' ' || table_name FROM public.kw_log WHERE reason = 'region was wrong'),
          'DELETE public.kwp_a',
          'partitions: the move is logged as a DELETE on the old partition');
RESET okrkpi.override_reason;
SELECT throws_ok('TRUNCATE public.kwp', '23514',
                 'a KPI is kept at least a year: table "kwp_b" cannot be truncated yet',
                 'TRUNCATE: a partitioned table is refused while any partition holds a young KPI');
RESET ROLE;

SELECT * FROM finish();
ROLLBACK;
