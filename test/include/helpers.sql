-- Helpers shared by the pgTAP files of the data types (key_result.sql, kpi.sql,
-- quarter.sql).  Included right after include/setup.sql, so inside the file's
-- transaction: every object here is temporary and goes at ROLLBACK.

-- printable, short description of a literal
CREATE FUNCTION pg_temp.show(lit text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT '''' || replace(replace(left(lit, 50), E'\n', '\n'), E'\t', '\t') || ''''
        || CASE WHEN length(lit) > 50 THEN format('... (%s chars)', length(lit)) ELSE '' END
$$;

-- canonical text of a literal read as typ, or the error
CREATE FUNCTION pg_temp.text_or_error(typ regtype, lit text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    r text;
BEGIN
    EXECUTE format('SELECT $1::%s::text', typ) INTO r USING lit;
    RETURN r;
EXCEPTION WHEN OTHERS THEN
    RETURN 'ERROR ' || SQLSTATE || ': ' || SQLERRM;
END
$$;

-- a literal read as the type of hint (pass NULL::the_type), or NULL if it does not parse
CREATE FUNCTION pg_temp.try_parse(lit text, hint anyelement) RETURNS anyelement LANGUAGE plpgsql AS $$
DECLARE
    r hint%TYPE;
BEGIN
    EXECUTE format('SELECT $1::%s', pg_typeof(hint)) INTO r USING lit;
    RETURN r;
EXCEPTION WHEN OTHERS THEN
    RETURN NULL;
END
$$;

-- support functions 1 (hash) and 2 (extended hash) of the type's default hash opclass
CREATE FUNCTION pg_temp.hash_proc(typ regtype, procnum int) RETURNS regproc LANGUAGE sql AS $$
    SELECT p.amproc
      FROM pg_opclass c
      JOIN pg_am a ON a.oid = c.opcmethod AND a.amname = 'hash'
      JOIN pg_amproc p ON p.amprocfamily = c.opcfamily AND p.amproclefttype = typ
                      AND p.amprocrighttype = typ AND p.amprocnum = procnum
     WHERE c.opcintype = typ AND c.opcdefault
$$;

-- EXPLAIN text of a query
CREATE FUNCTION pg_temp.plan_of(q text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    r record;
    o text := '';
BEGIN
    FOR r IN EXECUTE 'EXPLAIN (COSTS OFF) ' || q LOOP
        o := o || r."QUERY PLAN" || E'\n';
    END LOOP;
    RETURN o;
END
$$;

-- remove server-side scratch files; best effort (it needs the right to run a server
-- program), a file that cannot be removed is left behind without an error
CREATE FUNCTION pg_temp.remove_files(VARIADIC paths text[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE format('COPY (SELECT 1) TO PROGRAM %L',
                   'rm -f ' || (SELECT string_agg('''' || replace(p, '''', '''\''''') || '''', ' ')
                                  FROM unnest(paths) p));
EXCEPTION WHEN OTHERS THEN NULL;
END
$$;

-- per-backend scratch file for binary COPY round trips, e.g. /tmp/okrkpi_rt_<pid>_kr.bin
CREATE FUNCTION pg_temp.rt_path(tag text) RETURNS text LANGUAGE sql AS $$
    SELECT format('/tmp/okrkpi_rt_%s_%s.bin', pg_backend_pid(), tag)
$$;

-- the type's binary send function, called directly on a value of that type
CREATE FUNCTION pg_temp.type_send(typ regtype, v anyelement) RETURNS bytea LANGUAGE plpgsql AS $$
DECLARE
    f regproc;
    r bytea;
BEGIN
    IF pg_typeof(v) <> typ THEN
        RAISE EXCEPTION 'type_send: the value is of type %, not %', pg_typeof(v), typ;
    END IF;
    SELECT typsend INTO f FROM pg_type WHERE oid = typ;
    EXECUTE format('SELECT %s($1)', f) INTO r USING v;
    RETURN r;
END
$$;

-- feed an arbitrary payload to the type's receive function and return the value read,
-- as text: a bytea column copied out in binary format carries the raw bytes as its
-- field, so copying that file into a column of the type hands exactly those bytes to
-- the type's recv.  The file is removed whether recv accepts the payload or not.
CREATE TEMP TABLE inj_b (b bytea);
CREATE FUNCTION pg_temp.type_recv(typ regtype, payload bytea) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    path text := format('/tmp/okrkpi_inj_%s_%s.bin', pg_backend_pid(), typ::oid);
    tbl  text := format('inj_%s', typ::oid);
    r    text;
BEGIN
    -- one scratch table a type, with a single column of that type
    IF to_regclass(format('pg_temp.%I', tbl)) IS NULL THEN
        EXECUTE format('CREATE TEMP TABLE %I (v %s)', tbl, typ);
    END IF;
    DELETE FROM pg_temp.inj_b;
    INSERT INTO pg_temp.inj_b VALUES (payload);
    EXECUTE format('COPY pg_temp.inj_b TO %L WITH (FORMAT binary)', path);
    EXECUTE format('DELETE FROM pg_temp.%I', tbl);
    BEGIN
        EXECUTE format('COPY pg_temp.%I FROM %L WITH (FORMAT binary)', tbl, path);
    EXCEPTION WHEN OTHERS THEN
        PERFORM pg_temp.remove_files(path);
        RAISE;
    END;
    PERFORM pg_temp.remove_files(path);
    EXECUTE format('SELECT v::text FROM pg_temp.%I', tbl) INTO r;
    RETURN r;
END
$$;
