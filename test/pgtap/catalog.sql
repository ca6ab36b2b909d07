\ir ../include/setup.sql
SELECT plan(71);
-- pgTAP catalogue checks for okrkpi (README.md, doc/types.md "Storage").

-- objects that belong to the extension
CREATE TEMP VIEW ext_objects AS
    SELECT d.classid, d.objid
      FROM pg_depend d
      JOIN pg_extension e ON e.oid = d.refobjid
     WHERE d.refclassid = 'pg_extension'::regclass
       AND d.deptype = 'e'
       AND e.extname = 'okrkpi';

-- ---------------------------------------------------------------------------
-- Packaging
-- ---------------------------------------------------------------------------
SELECT ok(EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'okrkpi'), 'extension okrkpi is installed');
SELECT is((SELECT extnamespace::regnamespace::text FROM pg_extension WHERE extname = 'okrkpi'), 'okrkpi',
          'the extension lives in schema okrkpi');
SELECT is((SELECT extrelocatable FROM pg_extension WHERE extname = 'okrkpi'), false,
          'the extension is not relocatable');
SELECT is_empty($$
    SELECT p.oid::regprocedure::text FROM pg_proc p JOIN ext_objects o ON o.classid = 'pg_proc'::regclass AND o.objid = p.oid
     WHERE p.pronamespace <> 'okrkpi'::regnamespace
       -- min(quarter) and max(quarter) stand beside the built-in ones (doc/types.md)
       AND p.oid NOT IN ('pg_catalog.min(okrkpi.quarter)'::regprocedure, 'pg_catalog.max(okrkpi.quarter)'::regprocedure)
    UNION ALL
    SELECT t.oid::regtype::text FROM pg_type t JOIN ext_objects o ON o.classid = 'pg_type'::regclass AND o.objid = t.oid
     WHERE t.typnamespace <> 'okrkpi'::regnamespace
    UNION ALL
    SELECT op.oid::regoperator::text FROM pg_operator op JOIN ext_objects o ON o.classid = 'pg_operator'::regclass AND o.objid = op.oid
     WHERE op.oprnamespace <> 'pg_catalog'::regnamespace
$$, 'every function (but min and max of quarter) and type of the extension is in schema okrkpi, every operator in pg_catalog (found with any search_path)');

-- ---------------------------------------------------------------------------
-- Storage (doc/types.md): key_result and kpi 32 bytes by reference, quarter 4 bytes by value
-- ---------------------------------------------------------------------------
SELECT is((SELECT format('%s/%s', typlen, typbyval) FROM pg_type WHERE oid = to_regtype('okrkpi.key_result')),
          '32/f', 'key_result: 32 bytes, fixed size, by reference');
SELECT is((SELECT format('%s/%s', typlen, typbyval) FROM pg_type WHERE oid = to_regtype('okrkpi.kpi')),
          '32/f', 'kpi: 32 bytes, fixed size, by reference');
SELECT is((SELECT format('%s/%s', typlen, typbyval) FROM pg_type WHERE oid = to_regtype('okrkpi.quarter')),
          '4/t', 'quarter: 4 bytes, by value');
SELECT is((SELECT count(*)::int FROM pg_type
            WHERE oid IN (to_regtype('okrkpi.key_result'), to_regtype('okrkpi.kpi'), to_regtype('okrkpi.quarter'))
              AND typreceive <> 0 AND typsend <> 0),
          3, 'all three types have binary send and receive');
SELECT is_empty($$
    SELECT t.oid::regtype, f.oid::regprocedure
      FROM pg_type t
      JOIN pg_proc f ON f.oid IN (t.typinput, t.typoutput, t.typreceive, t.typsend)
     WHERE t.oid IN (to_regtype('okrkpi.key_result'), to_regtype('okrkpi.kpi'), to_regtype('okrkpi.quarter'))
       AND f.provolatile <> 'i'
$$, 'type I/O functions are IMMUTABLE (so output cannot depend on extra_float_digits)');

-- ---------------------------------------------------------------------------
-- Volatility of the SQL interface (true volatility)
-- ---------------------------------------------------------------------------
SELECT is((SELECT provolatile FROM pg_proc WHERE oid = to_regprocedure('okrkpi.quarter_of(date)')), 'i',
          'quarter_of(date) is IMMUTABLE');
SELECT is((SELECT provolatile FROM pg_proc WHERE oid = to_regprocedure('okrkpi.quarter_of(date, integer)')), 'i',
          'quarter_of(date, int) is IMMUTABLE');
SELECT is((SELECT provolatile FROM pg_proc WHERE oid = to_regprocedure('okrkpi.quarter_of(timestamp with time zone)')), 's',
          'quarter_of(timestamptz) is STABLE (it reads the session time zone)');

SELECT is((SELECT provolatile FROM pg_proc WHERE oid = to_regprocedure(sig)), 'i', format('%s is IMMUTABLE', sig))
  FROM unnest(ARRAY[
      'okrkpi.start_value(okrkpi.key_result)',
      'okrkpi.target_value(okrkpi.key_result)',
      'okrkpi.current_value(okrkpi.key_result)',
      'okrkpi.unit(okrkpi.key_result)',
      'okrkpi.direction(okrkpi.key_result)',
      'okrkpi.is_milestone(okrkpi.key_result)',
      'okrkpi.with_current(okrkpi.key_result, double precision)',
      'okrkpi.lower_bound(okrkpi.kpi)',
      'okrkpi.upper_bound(okrkpi.kpi)',
      'okrkpi.current_value(okrkpi.kpi)',
      'okrkpi.unit(okrkpi.kpi)',
      'okrkpi.comparison(okrkpi.kpi)',
      'okrkpi.with_current(okrkpi.kpi, double precision)',
      'okrkpi.quarter_start(okrkpi.quarter)',
      'okrkpi.quarter_end(okrkpi.quarter)',
      'okrkpi.period(okrkpi.quarter)',
      'okrkpi.quarter_year(okrkpi.quarter)',
      'okrkpi.quarter_number(okrkpi.quarter)'
  ]) WITH ORDINALITY AS s(sig, n)
 ORDER BY n;

SELECT is((SELECT prorettype::regtype FROM pg_proc WHERE oid = to_regprocedure(sig)), to_regtype(ret),
          format('%s returns %s', sig, ret))
  FROM (VALUES
      (1, 'okrkpi.start_value(okrkpi.key_result)', 'double precision'),
      (2, 'okrkpi.current_value(okrkpi.kpi)', 'double precision'),
      (3, 'okrkpi.unit(okrkpi.key_result)', 'text'),
      (4, 'okrkpi.direction(okrkpi.key_result)', 'text'),
      (5, 'okrkpi.is_milestone(okrkpi.key_result)', 'boolean'),
      (6, 'okrkpi.comparison(okrkpi.kpi)', 'text'),
      (7, 'okrkpi.quarter_start(okrkpi.quarter)', 'date'),
      (8, 'okrkpi.quarter_end(okrkpi.quarter)', 'date'),
      (9, 'okrkpi.period(okrkpi.quarter)', 'daterange'),
      (10, 'okrkpi.quarter_year(okrkpi.quarter)', 'integer'),
      (11, 'okrkpi.quarter_number(okrkpi.quarter)', 'integer'),
      (12, 'okrkpi.quarter_of(date)', 'okrkpi.quarter')
  ) v(n, sig, ret)
 ORDER BY n;

-- ---------------------------------------------------------------------------
-- Operators, operator classes, casts
-- ---------------------------------------------------------------------------
SELECT is((SELECT count(*)::int FROM unnest(ARRAY['=', '<>', '<', '<=', '>', '>=']) op
            WHERE to_regoperator(format('pg_catalog.%s(okrkpi.%s,okrkpi.%s)', op, typ, typ)) IS NOT NULL),
          6, format('%s has = <> < <= > >=', typ))
  FROM unnest(ARRAY['key_result', 'kpi', 'quarter']) WITH ORDINALITY AS s(typ, n)
 ORDER BY n;
SELECT ok((SELECT oprcanhash AND oprcanmerge FROM pg_operator
            WHERE oid = to_regoperator(format('pg_catalog.=(okrkpi.%s,okrkpi.%s)', typ, typ))),
          format('%s = is marked HASHES and MERGES (hash and merge joins)', typ))
  FROM unnest(ARRAY['key_result', 'kpi', 'quarter']) WITH ORDINALITY AS s(typ, n)
 ORDER BY n;
SELECT ok(to_regoperator('pg_catalog.+(okrkpi.quarter,integer)') IS NOT NULL, 'quarter + int exists');
SELECT ok(to_regoperator('pg_catalog.-(okrkpi.quarter,integer)') IS NOT NULL, 'quarter - int exists');
SELECT ok(to_regoperator('pg_catalog.-(okrkpi.quarter,okrkpi.quarter)') IS NOT NULL, 'quarter - quarter exists');
SELECT is((SELECT oprresult::regtype FROM pg_operator
            WHERE oid = to_regoperator('pg_catalog.-(okrkpi.quarter,okrkpi.quarter)')), 'integer'::regtype,
          'quarter - quarter returns integer');

SELECT ok(EXISTS (SELECT 1 FROM pg_opclass c JOIN pg_am a ON a.oid = c.opcmethod
                   WHERE c.opcintype = to_regtype('okrkpi.' || typ) AND c.opcdefault AND a.amname = am),
          format('%s has a default %s operator class', typ, am))
  FROM (VALUES (1, 'key_result', 'btree'), (2, 'key_result', 'hash'),
               (3, 'kpi', 'btree'), (4, 'kpi', 'hash'),
               (5, 'quarter', 'btree'), (6, 'quarter', 'hash')) v(n, typ, am)
 ORDER BY n;

SELECT ok(EXISTS (SELECT 1 FROM pg_cast WHERE castsource = to_regtype(src) AND casttarget = to_regtype(dst)),
          format('cast %s -> %s exists', src, dst))
  FROM (VALUES (1, 'okrkpi.key_result', 'jsonb'), (2, 'jsonb', 'okrkpi.key_result'),
               (3, 'okrkpi.kpi', 'jsonb'), (4, 'jsonb', 'okrkpi.kpi')) v(n, src, dst)
 ORDER BY n;
SELECT is_empty($$
    SELECT c.castfunc::regprocedure FROM pg_cast c JOIN pg_proc p ON p.oid = c.castfunc
     WHERE (c.castsource IN (to_regtype('okrkpi.key_result'), to_regtype('okrkpi.kpi'))
            OR c.casttarget IN (to_regtype('okrkpi.key_result'), to_regtype('okrkpi.kpi')))
       AND p.provolatile <> 'i'
$$, 'the jsonb cast functions are IMMUTABLE');
SELECT is_empty($$
    SELECT op.oid::regoperator FROM pg_operator op
      JOIN ext_objects o ON o.classid = 'pg_operator'::regclass AND o.objid = op.oid
      JOIN pg_proc p ON p.oid = op.oprcode
     WHERE p.provolatile <> 'i'
$$, 'every operator function is IMMUTABLE');

-- ---------------------------------------------------------------------------
-- Every function PARALLEL SAFE, every object commented
-- ---------------------------------------------------------------------------
-- Trigger and event trigger functions (doc/triggers.md) run only as triggers, never in a parallel
-- worker, so PARALLEL SAFE would not be their true marking; they are left out here,
-- and so are roll_forward and carry_objective (doc/plan.md), which write the next quarter's plan.
SELECT is_empty($$
    SELECT p.oid::regprocedure FROM pg_proc p JOIN ext_objects o ON o.classid = 'pg_proc'::regclass AND o.objid = p.oid
     WHERE p.proparallel <> 's' AND p.prorettype NOT IN ('trigger'::regtype, 'event_trigger'::regtype)
       AND p.oid NOT IN ('okrkpi.roll_forward(okrkpi.quarter)'::regprocedure,
                         'okrkpi.carry_objective(bigint, okrkpi.quarter)'::regprocedure)
$$, 'every (non-trigger) function of the extension that does not write is PARALLEL SAFE');
SELECT is((SELECT provolatile::text || proparallel::text FROM pg_proc WHERE oid = 'okrkpi.roll_forward(okrkpi.quarter)'::regprocedure),
          'vu', 'roll_forward writes: VOLATILE and PARALLEL UNSAFE');
SELECT is((SELECT provolatile::text || proparallel::text FROM pg_proc WHERE oid = 'okrkpi.carry_objective(bigint, okrkpi.quarter)'::regprocedure),
          'vu', 'carry_objective writes: VOLATILE and PARALLEL UNSAFE');
SELECT is_empty($$
    SELECT p.oid::regprocedure FROM pg_proc p JOIN ext_objects o ON o.classid = 'pg_proc'::regclass AND o.objid = p.oid
     WHERE obj_description(p.oid, 'pg_proc') IS NULL
$$, 'every function has a comment');
SELECT is_empty($$
    SELECT t.oid::regtype FROM pg_type t JOIN ext_objects o ON o.classid = 'pg_type'::regclass AND o.objid = t.oid
     WHERE obj_description(t.oid, 'pg_type') IS NULL
       -- array types and table row types come with their element type or
       -- table (PostgreSQL 17 and later record them as members too)
       AND NOT (t.typcategory = 'A' AND t.typelem <> 0)
       AND NOT (t.typtype = 'c' AND t.typrelid <> 0
                AND (SELECT relkind FROM pg_class WHERE oid = t.typrelid) <> 'c')
$$, 'every type has a comment (its own types; not the array and row types that come with them)');
SELECT is_empty($$
    SELECT op.oid::regoperator FROM pg_operator op JOIN ext_objects o ON o.classid = 'pg_operator'::regclass AND o.objid = op.oid
     WHERE obj_description(op.oid, 'pg_operator') IS NULL
$$, 'every operator has a comment');
SELECT ok((SELECT count(*) FROM ext_objects WHERE classid = 'pg_proc'::regclass) > 0
          AND (SELECT count(*) FROM ext_objects WHERE classid = 'pg_operator'::regclass) > 0,
          'the comment checks above did look at functions and operators');

SELECT * FROM finish();
ROLLBACK;
