-- Every member object of okrkpi with its definition, one line each, in a
-- form that does not depend on OIDs: the update suite compares this output
-- between an updated and a fresh install.
SET search_path = pg_catalog;
SET TimeZone = 'UTC';

WITH members AS (
    SELECT d.classid, d.objid, d.objsubid
    FROM pg_depend d JOIN pg_extension e ON e.oid = d.refobjid
    WHERE d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e' AND e.extname = 'okrkpi'
)
SELECT 'member', pg_describe_object(m.classid, m.objid, m.objsubid),
       coalesce(obj_description(m.objid, c.relname), '(no comment)'),
       CASE c.relname
         WHEN 'pg_proc' THEN (
             SELECT concat_ws(' | ', p.prokind, p.provolatile, p.proparallel, p.proisstrict, p.prosecdef,
                              p.proleakproof, p.proconfig::text, p.prorettype::regtype::text,
                              pg_get_function_arguments(p.oid), l.lanname,
                              CASE WHEN l.lanname = 'c' THEN p.prosrc ELSE md5(p.prosrc) END,
                              p.proacl::text,
                              (SELECT concat_ws(',', a.aggtransfn::regproc, a.aggfinalfn::regproc,
                                                a.aggcombinefn::regproc, a.aggserialfn::regproc,
                                                a.aggdeserialfn::regproc, a.aggtranstype::regtype,
                                                a.aggfinalmodify, a.agginitval)
                               FROM pg_aggregate a WHERE a.aggfnoid = p.oid))
             FROM pg_proc p JOIN pg_language l ON l.oid = p.prolang WHERE p.oid = m.objid)
         WHEN 'pg_type' THEN (
             SELECT concat_ws(' | ', t.typtype, t.typlen, t.typalign, t.typstorage, t.typinput::regproc,
                              t.typoutput::regproc, t.typreceive::regproc, t.typsend::regproc,
                              t.typbyval, t.typcategory, t.typacl::text,
                              (SELECT string_agg(e.enumlabel::text, ',' ORDER BY e.enumsortorder)
                               FROM pg_enum e WHERE e.enumtypid = t.oid))
             FROM pg_type t WHERE t.oid = m.objid)
         WHEN 'pg_operator' THEN (
             SELECT concat_ws(' | ', o.oprnamespace::regnamespace, o.oprcode::regproc, o.oprresult::regtype,
                              o.oprcom::regoperator, o.oprnegate::regoperator, o.oprrest::regproc,
                              o.oprjoin::regproc, o.oprcanhash, o.oprcanmerge)
             FROM pg_operator o WHERE o.oid = m.objid)
         WHEN 'pg_opclass' THEN (
             SELECT concat_ws(' | ', oc.opcdefault, oc.opcintype::regtype,
                              (SELECT string_agg(ao.amopstrategy || ':' || ao.amopopr::regoperator, ',' ORDER BY ao.amopstrategy)
                               FROM pg_amop ao WHERE ao.amopfamily = oc.opcfamily),
                              (SELECT string_agg(ap.amprocnum || ':' || ap.amproc::regprocedure, ',' ORDER BY ap.amprocnum)
                               FROM pg_amproc ap WHERE ap.amprocfamily = oc.opcfamily))
             FROM pg_opclass oc WHERE oc.oid = m.objid)
         WHEN 'pg_cast' THEN (
             SELECT concat_ws(' | ', ca.castfunc::regprocedure, ca.castcontext, ca.castmethod)
             FROM pg_cast ca WHERE ca.oid = m.objid)
         WHEN 'pg_class' THEN (
             SELECT concat_ws(' | ', r.relkind, r.relacl::text, r.relrowsecurity, r.relforcerowsecurity,
                              r.reloptions::text,
                              CASE WHEN r.relkind = 'v' THEN pg_get_viewdef(r.oid) END,
                              (SELECT string_agg(concat_ws(' ', a.attnum, a.attname, format_type(a.atttypid, a.atttypmod),
                                                           a.attnotnull, a.attidentity, a.attgenerated,
                                                           pg_get_expr(ad.adbin, ad.adrelid), a.attacl::text,
                                                           col_description(r.oid, a.attnum)),
                                                 ', ' ORDER BY a.attnum)
                               FROM pg_attribute a LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
                               WHERE a.attrelid = r.oid AND a.attnum > 0),
                              (SELECT string_agg(co.conname || ' ' || pg_get_constraintdef(co.oid), ', ' ORDER BY co.conname)
                               FROM pg_constraint co WHERE co.conrelid = r.oid),
                              (SELECT string_agg(pg_get_indexdef(i.indexrelid), ', ' ORDER BY 1)
                               FROM pg_index i WHERE i.indrelid = r.oid),
                              (SELECT string_agg(pg_get_triggerdef(tg.oid) || ' ' || tg.tgenabled::text, ', ' ORDER BY tg.tgname)
                               FROM pg_trigger tg WHERE tg.tgrelid = r.oid AND NOT tg.tgisinternal),
                              (SELECT string_agg(pol.polname || ' ' || pol.polcmd::text || ' ' || pg_get_expr(pol.polqual, pol.polrelid), ', ')
                               FROM pg_policy pol WHERE pol.polrelid = r.oid),
                              (SELECT s.seqtypid::regtype || ' ' || s.seqincrement || ' ' || s.seqcycle
                               FROM pg_sequence s WHERE s.seqrelid = r.oid))
             FROM pg_class r WHERE r.oid = m.objid)
         WHEN 'pg_event_trigger' THEN (
             SELECT concat_ws(' | ', et.evtevent, et.evtfoid::regprocedure, et.evtenabled, et.evttags::text)
             FROM pg_event_trigger et WHERE et.oid = m.objid)
       END
FROM members m JOIN pg_class c ON c.oid = m.classid
ORDER BY 2;

-- the schema, its privileges, and what pg_dump keeps of the plan's tables
SELECT 'schema', n.nspname, n.nspacl::text, obj_description(n.oid, 'pg_namespace')
FROM pg_namespace n WHERE n.nspname = 'okrkpi';
SELECT 'config_dump', c::regclass::text, coalesce(e.extcondition[i], '')
FROM pg_extension e, unnest(e.extconfig) WITH ORDINALITY AS u(c, i)
WHERE e.extname = 'okrkpi' ORDER BY 2;
-- objects in schema okrkpi that are not members (a table row type, an
-- array type) or that something created outside the scripts
SELECT 'in_schema', t.typname, t.typtype FROM pg_type t
WHERE t.typnamespace = 'okrkpi'::regnamespace ORDER BY 2;
SELECT 'in_schema', p.oid::regprocedure::text FROM pg_proc p
WHERE p.pronamespace = 'okrkpi'::regnamespace ORDER BY 2;
-- operators of okrkpi's types wherever they live (some may leave schema okrkpi)
SELECT 'operator', o.oprnamespace::regnamespace::text, o.oid::regoperator::text, o.oprcode::regproc::text
FROM pg_operator o JOIN pg_proc p ON p.oid = o.oprcode
WHERE p.pronamespace = 'okrkpi'::regnamespace ORDER BY 3;
