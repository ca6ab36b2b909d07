#!/usr/bin/env python3
"""Logical replication and a hot standby read okrkpi exactly.

    python3 test/replication/replicate.py setup    # publisher, subscribers, initial copy
    python3 test/replication/replicate.py check    # changes, catch-up, comparisons (TAP)

Run by test/replication/run, which starts the clusters on 127.0.0.1 and
passes their ports in OKR_PUB_PORT, OKR_SUB_PORT and OKR_STANDBY_PORT.

The publisher's database okrkpi_pub has the demo plan and a user table of
okrkpi columns; the subscriber cluster has okrkpi_sub_text (subscription in
text, the default) and okrkpi_sub_binary (binary = true); the standby is a
physical copy of the publisher.  Every comparison puts side by side what two
servers answer to the same query, in the same session settings.
"""
import json
import os
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "test"))
import dashboards  # noqa: E402  (expand(): a panel's rawSql as Grafana sends it)

PUB = ("publisher", os.environ.get("OKR_PUB_PORT", ""), "okrkpi_pub")
SUB_TEXT = ("subscriber (text)", os.environ.get("OKR_SUB_PORT", ""), "okrkpi_sub_text")
SUB_BINARY = ("subscriber (binary)", os.environ.get("OKR_SUB_PORT", ""), "okrkpi_sub_binary")
STANDBY = ("standby", os.environ.get("OKR_STANDBY_PORT", ""), "okrkpi_pub")
SUBSCRIPTIONS = {SUB_TEXT: ("okrkpi_sub_text", "false"), SUB_BINARY: ("okrkpi_sub_binary", "true")}
WAIT_SECONDS = 60

# The plan tables the extension creates (the subscriber has them after
# CREATE EXTENSION), the override log, and the user's own table.
PLAN_TABLES = ["okrkpi.cycles", "okrkpi.metrics", "okrkpi.measurements", "okrkpi.kpis",
               "okrkpi.objectives", "okrkpi.key_results", "okrkpi.check_ins", "okrkpi.fiscal_year",
               "okrkpi.overrides"]
USER_TABLE = "public.readings"
TABLES = PLAN_TABLES + [USER_TABLE]

# Created by hand on every node: logical replication copies rows, not DDL.
# The key includes a quarter, so that the subscriber finds the row an UPDATE
# or DELETE names through okrkpi.quarter's own equality.
USER_DDL = """
CREATE TABLE public.readings (
    q         okrkpi.quarter NOT NULL,
    id        integer NOT NULL,
    plan      okrkpi.key_result,
    threshold okrkpi.kpi,
    amount    numeric,
    reading   float8,
    taken_at  timestamptz,
    note      text,
    PRIMARY KEY (q, id)
);
"""

# Every session alike: the text forms of timestamptz, interval and float8
# depend on these settings, not on the data.
SESSION = {"PGOPTIONS": "-c TimeZone=UTC -c DateStyle=ISO,YMD -c IntervalStyle=postgres "
                        "-c extra_float_digits=1 -c client_min_messages=warning"}


def psql(node, sql, stdin=None, role=None, csv=False, check=True):
    """Run sql (one -c per statement list item) on node; stdout as text."""
    _, port, db = node
    args = ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-p", port,
            "-U", "postgres", "-d", db]
    args += ["--csv"] if csv else ["-A", "-t"]
    if role:
        args += ["-c", "SET ROLE " + role]
    for statement in ([sql] if isinstance(sql, str) else sql):
        args += ["-c", statement]
    env = dict(os.environ, **SESSION)
    proc = subprocess.run(args, input=stdin, capture_output=True, env=env)
    if check and proc.returncode != 0:
        raise RuntimeError("%s: psql failed: %s\n%s" % (node[0], proc.stderr.decode(), sql))
    return proc.stdout.decode() if check else proc


def value(node, sql):
    return psql(node, sql).strip()


def wait_for(description, probe, timeout=WAIT_SECONDS):
    deadline = time.time() + timeout
    while True:
        if probe():
            return True
        if time.time() > deadline:
            print("# timed out waiting for " + description)
            return False
        time.sleep(0.2)


def caught_up(target):
    """Both subscriptions confirmed WAL up to target on the publisher."""
    names = ", ".join("'%s'" % s for s, _ in SUBSCRIPTIONS.values())
    return wait_for("the subscriptions to reach " + target, lambda: value(PUB, """
        SELECT count(*) FILTER (WHERE s.confirmed_flush_lsn >= '%s' AND r.replay_lsn >= '%s')
        FROM pg_replication_slots s JOIN pg_stat_replication r ON r.application_name = s.slot_name
        WHERE s.slot_name IN (%s)""" % (target, target, names)) == str(len(SUBSCRIPTIONS)))


# ---------------------------------------------------------------- setup
def setup():
    psql(("publisher", PUB[1], "postgres"), "CREATE DATABASE okrkpi_pub")
    demo = open(os.path.join(ROOT, "demo/plan.sql")).read()
    reader = open(os.path.join(ROOT, "dashboards/reader.sql")).read()
    psql(PUB, "CREATE EXTENSION okrkpi")
    psql(PUB, demo + "\nRESET search_path;")
    psql(PUB, reader)
    psql(PUB, USER_DDL)
    psql(PUB, """
        INSERT INTO public.readings VALUES
          ('2020-Q3', 1, '6h -> 45min', '<= 4h', 21600, 21600, '2020-07-01 12:00+00', 'first response'),
          ('2020-Q3', 2, '$2M -> $3M', '>= $2M', 1800000.00, 1.8e6, '2020-07-28 12:00+00', 'ARR'),
          ('2020-Q3', 3, '3.8 -> 4.5', '4.2 .. 4.8', 3.80, 3.8, '2020-07-03 12:00+00', 'CSAT'),
          ('2020-Q4', 1, '73% -> 75%', '>= 73%', 73.0, 73, '2020-10-01 00:00+00', NULL)""")
    # fiscal_year's only key is a unique index on an expression, which cannot
    # be a replica identity: without FULL the publisher refuses its UPDATEs
    psql(PUB, "ALTER TABLE okrkpi.fiscal_year REPLICA IDENTITY FULL")
    psql(PUB, "CREATE PUBLICATION okrkpi_plan FOR TABLE " + ", ".join(TABLES))

    psql(("subscriber", SUB_TEXT[1], "postgres"), ["CREATE DATABASE okrkpi_sub_text",
                                                   "CREATE DATABASE okrkpi_sub_binary"])
    conninfo = "host=127.0.0.1 port=%s user=postgres dbname=okrkpi_pub" % PUB[1]
    for node, (name, binary) in SUBSCRIPTIONS.items():
        psql(node, "CREATE EXTENSION okrkpi")        # the plan tables come with it, empty
        psql(node, USER_DDL)
        psql(node, "CREATE SUBSCRIPTION %s CONNECTION '%s' PUBLICATION okrkpi_plan WITH (binary = %s)"
             % (name, conninfo, binary))
    for node in SUBSCRIPTIONS:
        if not wait_for(node[0] + "'s initial copy", lambda: value(
                node, "SELECT count(*) FROM pg_subscription_rel WHERE srsubstate NOT IN ('r', 's')") == "0"):
            return 1
    if not caught_up(value(PUB, "SELECT pg_current_wal_lsn()")):
        return 1
    return 0


# ---------------------------------------------------------------- checks
results = []


def check(ok, description, diagnostic=""):
    results.append(bool(ok))
    print(("ok" if ok else "not ok") + " %d - %s" % (len(results), description))
    if not ok and diagnostic:
        for line in str(diagnostic).splitlines()[:30]:
            print("# " + line)


def first_difference(a, b, names):
    for i, (x, y) in enumerate(zip(a, b)):
        if x != y:
            k = next((j for j, (u, v) in enumerate(zip(x, y)) if u != v), min(len(x), len(y)))
            start = max(0, k - 120)
            return "row %d differs from character %d:\n%s: ...%s\n%s: ...%s" % (
                i + 1, k + 1, names[0], x[start:k + 160], names[1], y[start:k + 160])
    return "%s has %d rows, %s has %d" % (names[0], len(a), names[1], len(b))


def table_query(table):
    """Each row of table as two lines' worth: every column's text form (its
    output function, as JSON strings) and every column's binary send form
    (its send function, in hex); rows in a total order."""
    schema, name = table.split(".")
    columns = psql(PUB, """
        SELECT a.attname, t.typsend::regprocedure::text
        FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid
        WHERE a.attrelid = '%s'::regclass AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum
        """ % table).splitlines()
    text, binary = [], []
    for column, send in (c.split("|") for c in columns):
        send = send.split("(")[0]
        text.append("coalesce(to_json(%s::text)::text, 'NULL')" % ('t."%s"' % column))
        binary.append("coalesce(encode(%s(t.\"%s\"), 'hex'), 'NULL')" % (send, column))
    return ("SELECT x.t || ' ## ' || x.b FROM (SELECT concat_ws(', ', %s) AS t, concat_ws(' ', %s) AS b "
            "FROM %s t) x ORDER BY x.t COLLATE \"C\", x.b COLLATE \"C\"" % (", ".join(text), ", ".join(binary), table))


def rows(node, sql, **kw):
    out = psql(node, sql, **kw)
    return out.splitlines()


def compare_tables(nodes, queries):
    reference = {t: rows(PUB, q) for t, q in queries.items()}
    for node in nodes:
        for table, query in queries.items():
            mine = rows(node, query)
            ref = reference[table]
            text_ref, text_mine = [r.split(" ## ")[0] for r in ref], [r.split(" ## ")[0] for r in mine]
            bin_ref, bin_mine = [r.split(" ## ")[1] for r in ref], [r.split(" ## ")[1] for r in mine]
            check(text_mine == text_ref and len(ref) > 0,
                  "%s: %s has the publisher's %d rows, every column's text output identical"
                  % (node[0], table, len(ref)), first_difference(text_ref, text_mine, ("publisher", node[0])))
            check(bin_mine == bin_ref and len(ref) > 0,
                  "%s: %s, every column's binary send output identical" % (node[0], table),
                  first_difference(bin_ref, bin_mine, ("publisher", node[0])))
    return sum(len(r) for r in reference.values())


def compare_typed(node, table):
    """The publisher's rows, sent by COPY BINARY (send, then the subscriber's
    recv), equal the replicated rows by the column types' own equality."""
    data = subprocess.run(
        ["psql", "-X", "-q", "-h", "127.0.0.1", "-p", PUB[1], "-U", "postgres", "-d", PUB[2], "-c",
         "COPY (SELECT * FROM %s) TO STDOUT (FORMAT binary)" % table],
        capture_output=True, env=dict(os.environ, **SESSION), check=True).stdout
    out = psql(node, ["CREATE TEMP TABLE published (LIKE %s)" % table,
                      "\\copy published FROM pstdin (FORMAT binary)",
                      "SELECT (SELECT count(*) FROM published) || ' ' || "
                      "(SELECT count(*) FROM (SELECT * FROM published EXCEPT ALL SELECT * FROM %s) a) || ' ' || "
                      "(SELECT count(*) FROM (SELECT * FROM %s EXCEPT ALL SELECT * FROM published) b)"
                      % (table, table)], stdin=data)
    total, missing, extra = out.split()
    check(missing == "0" and extra == "0" and total != "0",
          "%s: %s equals the publisher's %s rows by the types' equality (EXCEPT ALL both ways)"
          % (node[0], table, total), "%s publisher rows not on %s, %s rows only there" % (missing, node[0], extra))


VIEWS = {
    "scoreboard": "okrkpi.scoreboard",
    "objective_scores": "okrkpi.objective_scores",
    "objective_tree": "okrkpi.objective_tree",
    "objective_tree_of('2020-Q3')": "okrkpi.objective_tree_of('2020-Q3')",
    "objective_tree_of('2020-Q4')": "okrkpi.objective_tree_of('2020-Q4')",
    "kpi_board": "okrkpi.kpi_board",
    "score_history": "okrkpi.score_history",
    "check_in_history": "okrkpi.check_in_history",
    "quarters": "okrkpi.quarters",
    "kpi_year": "okrkpi.kpi_year",
    "lint('2020-10-01 09:00+00')": "okrkpi.lint('2020-10-01 09:00+00')",
}


def view_rows(node, source):
    # every row as JSON (plain-typed columns, floats in shortest exact form),
    # sorted by the whole row: a total order whatever the plan picks
    return rows(node, "SELECT to_json(v)::text FROM %s v ORDER BY to_json(v)::text COLLATE \"C\"" % source)


def compare_views(nodes):
    counts = {}
    for name, source in VIEWS.items():
        ref = view_rows(PUB, source)
        counts[name] = len(ref)
        for node in nodes:
            mine = view_rows(node, source)
            check(mine == ref and len(ref) > 0, "%s: %s answers the publisher's %d rows" % (node[0], name, len(ref)),
                  first_difference(ref, mine, ("publisher", node[0])))
    return counts


CHANGES = [
    # new measurements: the end of Q3, and Q4 after the close
    """INSERT INTO okrkpi.measurements (metric_id, at, value)
       SELECT id, '2020-09-30 18:00+00'::timestamptz, 75.2 FROM okrkpi.metrics WHERE name = 'client retention rate'
       UNION ALL SELECT id, '2020-09-30 18:00+00', 2.05 FROM okrkpi.metrics WHERE name = 'monthly churn rate'
       UNION ALL SELECT id, '2020-09-30 18:00+00', 2712.5 FROM okrkpi.metrics WHERE name = 'median first response time'""",
    # check-ins, one with a note of quotes, a tab, a newline, a backslash and non-ASCII text
    """INSERT INTO okrkpi.check_ins (key_result_id, at, value, confidence, note, author)
       SELECT id, '2020-09-29 16:00+00', 3, 9, E'third one signed \u2014 "done"\tfor Q3\\nnext: O''Brien \\\\ co', 'Sales'
       FROM okrkpi.key_results WHERE title = 'Sign 3 reference customers'""",
    """INSERT INTO okrkpi.check_ins (key_result_id, at, value, confidence, note, author)
       SELECT id, '2020-09-29 17:00+00', NULL, 5, 'milestone 2 of 4', 'Operations'
       FROM okrkpi.key_results WHERE title = 'Finish the CRM rollout milestones'""",
    # a plan update under the owner's override (logged in okrkpi.overrides), and a new weight
    ["SET okrkpi.override_reason = 'baseline corrected after the audit'",
     "UPDATE okrkpi.key_results SET plan = '72% -> 75%' WHERE title LIKE 'Increase client retention rate%'"],
    "UPDATE okrkpi.key_results SET weight = 2 WHERE title = 'Increase NPS from 20 to 40'",
    # a new metric, KPI and key result
    """INSERT INTO okrkpi.metrics (name, unit, formula, frequency) VALUES
       ('time to resolution', 'min', 'median of ticket solved - ticket created', '1 day')""",
    """INSERT INTO okrkpi.kpis (metric_id, title, threshold, annual_target, target_date, owner, since)
       SELECT id, 'Resolve within 8 hours', '<= 8h', 360, '2021-03-31', 'Support', '2020-07-01'
       FROM okrkpi.metrics WHERE name = 'time to resolution'""",
    """INSERT INTO okrkpi.key_results (objective_id, metric_id, title, plan, kpi_id, weight, owner)
       SELECT o.id, m.id, NULL, '10h -> 6h', k.id, 1.5, 'Support'
       FROM okrkpi.objectives o, okrkpi.metrics m, okrkpi.kpis k
       WHERE o.title = 'Make support feel human and fast' AND m.name = 'time to resolution'
         AND k.title = 'Resolve within 8 hours'""",
    """INSERT INTO okrkpi.measurements (metric_id, at, value)
       SELECT id, '2020-07-01 00:00+00'::timestamptz + d * interval '1 week', 600 - d * 17.5
       FROM okrkpi.metrics, generate_series(0, 12) d WHERE name = 'time to resolution'""",
    # the calendar year, declared (no change to any quarter's days)
    "INSERT INTO okrkpi.fiscal_year VALUES (1)",
    # the quarter closes: the roll-forward writes 2020-Q4's cycle, objectives and key results
    "UPDATE okrkpi.cycles SET closed_at = '2020-10-01 09:00+00' WHERE quarter = '2020-Q3'",
    "UPDATE okrkpi.fiscal_year SET start_month = 1",
    """INSERT INTO okrkpi.measurements (metric_id, at, value)
       SELECT id, '2020-10-15 12:00+00'::timestamptz, 75.6 FROM okrkpi.metrics WHERE name = 'client retention rate'
       UNION ALL SELECT id, '2020-10-15 12:00+00', 330 FROM okrkpi.metrics WHERE name = 'time to resolution'""",
    """INSERT INTO okrkpi.check_ins (key_result_id, at, value, confidence, note)
       SELECT r.id, '2020-10-16 10:00+00', 76, 7, 'Q4 started well'
       FROM okrkpi.key_results r JOIN okrkpi.objectives o ON o.id = r.objective_id
       WHERE o.quarter = '2020-Q4' ORDER BY r.id LIMIT 1""",
    # the user table: values whose text forms are tricky, extreme finite floats, -0
    """INSERT INTO public.readings VALUES
       ('2020-Q3', 4, '6h -> 45min @ 2h', '4.2 .. 4.8', 1e308, 1e308, '2020-09-30 23:59:59.999999+00', 'max'),
       ('2020-Q3', 5, '0.1 -> 0.30000000000000004', '>= 5e-324', 5e-324, 5e-324, '2020-07-01 00:00:00.000001+00', 'min'),
       ('2020-Q3', 6, '-1.7976931348623157e308 -> 1.7976931348623157e308', '-1e308 .. 1e308',
        -0.0, '-0', 'infinity', 'negative zero'),
       ('2020-Q4', 2, '$2M -> $3M @ $2.5M', '<= 2%', 123456789012345678901234567890.123456789, 2.2250738585072014e-308,
        '-infinity', E'tab\there, newline\\nthere'),
       ('9999-Q4', 1, '0 -> 4 milestones @ 1', '>= 40', 0.000000000000000000001, 4.9e-324, '2020-12-31 23:59:59+14', 'far')""",
    "UPDATE public.readings SET reading = 0.30000000000000004, amount = amount * 3 WHERE q = '2020-Q3' AND id = 3",
    "UPDATE public.readings SET q = '2021-Q1', plan = '73% -> 80%' WHERE q = '2020-Q4' AND id = 1",
    "UPDATE public.readings SET threshold = '<= 45min' WHERE q = '2020-Q3' AND id = 1",
    "DELETE FROM public.readings WHERE q = '2020-Q3' AND id = 2",
]


def plant():
    kind = os.environ.get("OKR_REPLICATION_PLANT", "")
    if not kind:
        return
    print("# OKR_REPLICATION_PLANT=%s: planting a difference on a subscriber; this run must fail" % kind)
    if kind == "negzero":
        psql(SUB_TEXT, "UPDATE public.readings SET reading = 0 WHERE q = '2020-Q3' AND id = 6")
    elif kind == "value":
        psql(SUB_BINARY, """UPDATE okrkpi.measurements SET value = value + 1e-9
                            WHERE at = '2020-09-30 18:00+00'
                              AND metric_id = (SELECT id FROM okrkpi.metrics WHERE name = 'client retention rate')""")
    else:
        raise SystemExit("OKR_REPLICATION_PLANT: negzero or value, not " + kind)


def run_checks():
    timings = {}
    subscribers = list(SUBSCRIPTIONS)
    queries = {t: table_query(t) for t in TABLES}

    # the initial copy (taken in text by the text subscription; in binary by
    # the binary one on PostgreSQL 16 and later)
    t0 = time.time()
    initial = compare_tables(subscribers, {t: queries[t] for t in PLAN_TABLES[:7] + [USER_TABLE]})
    timings["initial copy compared"] = time.time() - t0

    # what applying does not do on a subscriber
    check(value(SUB_TEXT, """SELECT count(*) FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
                             WHERE c.relnamespace = 'okrkpi'::regnamespace AND NOT t.tgisinternal
                               AND t.tgenabled IN ('A', 'R')""") == "0"
          and int(value(SUB_TEXT, """SELECT count(*) FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
                                     WHERE c.relnamespace = 'okrkpi'::regnamespace AND NOT t.tgisinternal""")) >= 5,
          "no plan-rule trigger is ENABLE ALWAYS or REPLICA: the apply workers run none of them")

    # fiscal_year's only key (a unique index on an expression) cannot be its
    # replica identity: without REPLICA IDENTITY FULL a published table refuses UPDATE
    bare = psql(PUB, ["ALTER TABLE okrkpi.fiscal_year REPLICA IDENTITY DEFAULT",
                      "\\set VERBOSITY verbose",
                      "UPDATE okrkpi.fiscal_year SET start_month = 1"], check=False)
    psql(PUB, "ALTER TABLE okrkpi.fiscal_year REPLICA IDENTITY FULL")
    check(bare.returncode != 0 and b"55000" in bare.stderr and b"replica identity" in bare.stderr,
          "without REPLICA IDENTITY FULL the publisher refuses an UPDATE of okrkpi.fiscal_year (55000)",
          bare.stderr.decode())

    t0 = time.time()
    for change in CHANGES:
        psql(PUB, change)
    target = value(PUB, "SELECT pg_current_wal_lsn()")
    timings["changes on the publisher"] = time.time() - t0
    t0 = time.time()
    ok = caught_up(target)
    timings["subscriptions caught up"] = time.time() - t0
    lag = "\n".join(psql(SUB_TEXT, "SELECT subname || ' ' || coalesce(latest_end_lsn::text, '-') FROM pg_stat_subscription") .splitlines()
                    + psql(SUB_BINARY, "SELECT subname || ' ' || coalesce(latest_end_lsn::text, '-') FROM pg_stat_subscription").splitlines())
    check(ok, "both subscriptions confirmed the publisher's WAL up to %s (slot confirmed_flush_lsn and replay_lsn)" % target, lag)
    t0 = time.time()
    ok = wait_for("the standby to replay " + target,
                  lambda: value(STANDBY, "SELECT pg_last_wal_replay_lsn() >= '%s'" % target) == "t")
    timings["standby replayed"] = time.time() - t0
    check(ok and value(STANDBY, "SELECT pg_is_in_recovery()") == "t",
          "the hot standby is in recovery and replayed up to %s (pg_last_wal_replay_lsn)" % target)

    # the tricky values are on the publisher as written (worked out by hand:
    # IEEE 754 -0 is sign bit only; 5e-324 the smallest subnormal, bits ...01)
    tricky = value(PUB, """SELECT string_agg(reading::text || '=' || encode(float8send(reading), 'hex'), ' ' ORDER BY id)
                           FROM public.readings WHERE q = '2020-Q3' AND id IN (4, 5, 6)""")
    check(tricky == "1e+308=7fe1ccf385ebc8a0 5e-324=0000000000000001 -0=8000000000000000",
          "the publisher holds 1e308, 5e-324 and -0 in float8 as written", tricky)
    units = value(PUB, """SELECT string_agg(plan::text || ' / ' || threshold::text, '; ' ORDER BY q, id) FROM public.readings
                          WHERE (q, id) IN (('2020-Q3', 1), ('2020-Q3', 4), ('2020-Q4', 2))""")
    check(units == "6h -> 45min / <= 45min; 6h -> 45min @ 2h / 4.2 .. 4.8; $2M -> $3M @ $2.5M / <= 2%",
          "the publisher prints the units as written ('6h -> 45min', '$2M -> $3M @ $2.5M', '4.2 .. 4.8')", units)

    plant()

    # every replicated table, row by row, in text and in binary form, and typed
    t0 = time.time()
    total = compare_tables(subscribers, queries)
    for node in subscribers:
        for table in TABLES:
            compare_typed(node, table)
    timings["tables compared"] = time.time() - t0

    # the roll-forward ran once, on the publisher, and its rows came over
    q4 = "SELECT count(*) FROM okrkpi.key_results r JOIN okrkpi.objectives o ON o.id = r.objective_id WHERE o.quarter = '2020-Q4'"
    rolled = value(PUB, q4)
    check(rolled != "0" and all(value(n, q4) == rolled for n in subscribers),
          "the quarter close rolled %s key results into 2020-Q4 on the publisher; each subscriber has exactly those" % rolled)
    # identity sequences are not replicated: the subscribers' stay unused
    seq = "SELECT string_agg(coalesce(last_value::text, 'unused'), ' ' ORDER BY sequencename) FROM pg_sequences WHERE schemaname = 'okrkpi'"
    check(all(set(value(n, seq).split()) == {"unused"} for n in subscribers) and "unused" not in value(PUB, seq),
          "identity sequences are not replicated: used on the publisher (%s), unused on both subscribers" % value(PUB, seq))

    # now() only enters the views through scoreboard.status (pace at now()); with
    # every cycle over before now() it is the same at any moment of the comparison
    check(value(PUB, "SELECT bool_and(okrkpi.quarter_end(quarter)::timestamptz + interval '2 days' < now()) FROM okrkpi.cycles") == "t",
          "every cycle ended before now(): now()-dependent columns (scoreboard.status) do not move during the comparison")
    t0 = time.time()
    counts = compare_views(subscribers + [STANDBY])
    timings["views compared"] = time.time() - t0

    # the standby: tables byte for byte, Grafana's panels as okrkpi_reader, and no writes
    t0 = time.time()
    compare_tables([STANDBY], queries)
    dashboard = json.load(open(dashboards.DASHBOARD))
    panels = 0
    variable = [v for v in dashboard["templating"]["list"] if v["name"] == "quarter"][0]
    panel_sql = [("the quarter variable", dashboards.expand(variable["query"], {}), True)]
    for quarter in ("2020-Q3", "2020-Q4"):
        for panel in dashboard["panels"]:
            for target_sql in panel["targets"]:
                panel_sql.append(("panel %d (%s) for %s" % (panel["id"], panel["title"].replace("$quarter", quarter), quarter),
                                  dashboards.expand(target_sql["rawSql"], {"quarter": quarter}),
                                  # the panels' time range is 2020-Q3's (dashboards.py): 2020-Q4's
                                  # time series may be empty, on both alike
                                  quarter == "2020-Q3" or target_sql["format"] != "time_series"))
    for name, sql, must_have_rows in panel_sql:
        ref = psql(PUB, sql, role="okrkpi_reader", csv=True)
        mine = psql(STANDBY, sql, role="okrkpi_reader", csv=True)
        panels += 1
        check(mine == ref and (len(ref.splitlines()) > 1 or not must_have_rows),
              "standby: %s answers as on the primary (%d rows)" % (name, len(ref.splitlines()) - 1),
              first_difference(ref.splitlines(), mine.splitlines(), ("primary", "standby")))
    proc = psql(STANDBY, "INSERT INTO okrkpi.metrics (name) VALUES ('written on the standby')", check=False)
    proc2 = subprocess.run(["psql", "-X", "-q", "-h", "127.0.0.1", "-p", STANDBY[1], "-U", "postgres", "-d", STANDBY[2],
                            "-v", "VERBOSITY=verbose", "-c", "INSERT INTO public.readings (q, id) VALUES ('2020-Q1', 1)"],
                           capture_output=True, text=True)
    check(proc.returncode != 0 and proc2.returncode != 0 and "25006" in proc2.stderr
          and "read-only transaction" in proc.stderr.decode(),
          "standby: writes are refused with 25006 (read_only_sql_transaction)", proc2.stderr + proc.stderr.decode())
    timings["standby compared"] = time.time() - t0

    return summary(timings, initial, total, counts, panels)


def summary(timings, initial=0, total=0, counts=None, panels=0):
    print("# rows compared per node: %d in the initial copy, %d after the changes; view rows: %s"
          % (initial, total, ", ".join("%s %d" % kv for kv in (counts or {}).items())))
    print("# %d dashboard queries compared on the standby" % panels)
    print("# seconds: " + ", ".join("%s %.1f" % kv for kv in timings.items()))
    print("1..%d" % len(results))
    failed = results.count(False)
    print("replication: %d passed, %d failed" % (len(results) - failed, failed))
    return 0 if failed == 0 else 1


def main():
    if sys.argv[1:] == ["setup"]:
        return setup()
    if sys.argv[1:] == ["check"]:
        try:
            return run_checks()
        except Exception:
            import traceback
            check(False, "the checks ran to the end", traceback.format_exc())
            return summary({})
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main())
