#!/usr/bin/env python3
"""The Grafana dashboard works against the demo plan, as okrkpi_reader.

Checks the structure of dashboards/grafana/okrkpi.json (unique panel ids,
every target has rawSql, the data source uid is the provisioned one), then
expands every panel's rawSql the way Grafana's PostgreSQL data source does
($__timeFilter, $__timeFrom, $__timeTo, $__timeGroup, $__timeGroupAlias,
$__interval, template variables) and runs it with psql as okrkpi_reader:
every column must have a plain type, time series need a timestamptz "time"
column in order, and every panel must return rows.

Run by test/suites inside a cluster that has the demo plan loaded; the
database comes from PGDATABASE.  Prints TAP.
"""
import csv
import io
import json
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DASHBOARD = os.path.join(ROOT, "dashboards/grafana/okrkpi.json")
DATASOURCE = os.path.join(ROOT, "dashboards/grafana/provisioning/datasources/okrkpi.yaml")

# What Grafana would send for this test: the demo quarter, a 1-day interval.
TIME_FROM = "2020-07-01T00:00:00Z"
TIME_TO = "2020-10-01T00:00:00Z"
INTERVAL = "1d"
INTERVAL_SECONDS = 86400
PLAIN_TYPES = {"double precision", "text", "boolean", "timestamp with time zone", "integer", "bigint"}

results = []


def check(ok, description, diagnostic=""):
    results.append(ok)
    print(("ok" if ok else "not ok") + " %d - %s" % (len(results), description))
    if not ok and diagnostic:
        for line in str(diagnostic).splitlines():
            print("# " + line)


def psql(sql, csv_output=True):
    """Run sql as okrkpi_reader; return (ok, stdout or stderr)."""
    args = ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1"] + (["--csv"] if csv_output else ["-A", "-t", "-F", "\t"])
    script = "SET ROLE okrkpi_reader;\nSET TimeZone = 'UTC';\n" + sql
    proc = subprocess.run(args, input=script, capture_output=True, text=True)
    return proc.returncode == 0, proc.stdout if proc.returncode == 0 else proc.stderr


def column_types(sql):
    ok, out = psql(sql.rstrip().rstrip(";") + " \\gdesc\n", csv_output=False)
    if not ok:
        return None, out
    types = []
    for line in out.splitlines():
        if line.strip():
            name, typ = line.split("\t", 1)
            types.append((name, typ))
    return types, None


def rows_of(sql):
    ok, out = psql(sql.rstrip().rstrip(";") + ";\n")
    if not ok:
        return None, out
    table = list(csv.reader(io.StringIO(out)))
    return table[1:], None


def expand(sql, variables):
    """Grafana's PostgreSQL macros and template variables."""
    def time_group(match, alias):
        column, interval = [a.strip() for a in match.group(1).split(",")[:2]]
        interval = interval.strip("'\"")
        seconds = {"$__interval": INTERVAL_SECONDS}.get(interval)
        if seconds is None:
            number, unit = re.fullmatch(r"(\d+)([smhdw])", interval).groups()
            seconds = int(number) * {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}[unit]
        text = "floor(extract(epoch from %s)/%d)*%d" % (column, seconds, seconds)
        return text + (' AS "time"' if alias else "")

    sql = re.sub(r"\$__timeGroupAlias\(([^)]*)\)", lambda m: time_group(m, True), sql)
    sql = re.sub(r"\$__timeGroup\(([^)]*)\)", lambda m: time_group(m, False), sql)
    sql = re.sub(r"\$__timeFilter\(([^)]*)\)", lambda m: "%s BETWEEN '%s' AND '%s'" % (m.group(1).strip(), TIME_FROM, TIME_TO), sql)
    sql = sql.replace("$__timeFrom()", "'%s'" % TIME_FROM).replace("$__timeTo()", "'%s'" % TIME_TO)
    sql = sql.replace("$__interval_ms", str(INTERVAL_SECONDS * 1000)).replace("$__interval", INTERVAL)
    for name, value in variables.items():
        sql = sql.replace("${%s}" % name, value).replace("[[%s]]" % name, value)
        sql = re.sub(r"\$%s\b" % re.escape(name), value, sql)
    if "$" in re.sub(r"\$\$|\$[0-9]", "", sql):
        raise ValueError("unexpanded variable in: " + sql)
    return sql


def main():
    dashboard = json.load(open(DASHBOARD))
    provisioned_uid = re.search(r"^\s*uid:\s*(\S+)", open(DATASOURCE).read(), re.M).group(1)
    provisioned_type = re.search(r"^\s*type:\s*(\S+)", open(DATASOURCE).read(), re.M).group(1)
    panels = dashboard["panels"]

    # structure
    ids = [p["id"] for p in panels]
    check(len(ids) == len(set(ids)), "panel ids are unique", ids)
    check(provisioned_type == "grafana-postgresql-datasource", "the provisioned data source is grafana-postgresql-datasource")
    check(all(t.get("rawSql") for p in panels for t in p["targets"]), "every target has rawSql")
    uids = {p["datasource"]["uid"] for p in panels} | {t["datasource"]["uid"] for p in panels for t in p["targets"]}
    uids |= {v["datasource"]["uid"] for v in dashboard["templating"]["list"] if "datasource" in v}
    check(uids == {provisioned_uid}, "every panel, target and variable uses the provisioned data source uid", uids)
    types = {p["type"] for p in panels}
    check({"gauge", "table", "timeseries", "stat"} <= types, "gauge, table, time series and stat panels", types)
    gauge = [p for p in panels if p["type"] == "gauge"][0]
    steps = gauge["fieldConfig"]["defaults"]["thresholds"]["steps"]
    check([(s["color"], s["value"]) for s in steps] == [("red", None), ("yellow", 0.4), ("green", 0.7)]
          and gauge["fieldConfig"]["defaults"]["min"] == 0 and gauge["fieldConfig"]["defaults"]["max"] == 1,
          "objective gauges run 0..1, red below 0.4, yellow below 0.7, green above", steps)
    series = [t for p in panels if p["type"] == "timeseries" for t in p["targets"]]
    check(series and all(t["format"] == "time_series" and "$__timeFilter" in t["rawSql"] for t in series),
          "the time series panel uses format time_series and $__timeFilter")

    # the quarter variable, fed by a query
    variable = [v for v in dashboard["templating"]["list"] if v["name"] == "quarter"][0]
    table, error = rows_of(expand(variable["query"], {}))
    quarters = [r[0] for r in table] if table else []
    check(variable["type"] == "query" and "2020-Q3" in quarters, "the quarter variable lists the plan's quarters", error or quarters)

    # every panel's query, as Grafana would send it
    for quarter in ("2020-Q3", "2020-Q4"):
        for panel in panels:
            for t in panel["targets"]:
                name = "panel %d (%s) for %s" % (panel["id"], panel["title"].replace("$quarter", quarter), quarter)
                sql = expand(t["rawSql"], {"quarter": quarter})
                desc, error = column_types(sql)
                if desc is None:
                    check(False, name + " runs as okrkpi_reader", error)
                    continue
                bad = [(n, ty) for n, ty in desc if ty not in PLAIN_TYPES]
                check(not bad, name + " returns plain types only", bad)
                table, error = rows_of(sql)
                check(table is not None, name + " runs", error)
                if quarter == "2020-Q3":    # the demo's measured quarter; 2020-Q4 has none yet
                    check(table is not None and len(table) > 0, name + " returns rows")
                if t["format"] == "time_series" and table:
                    check(desc[0] == ("time", "timestamp with time zone"),
                          name + ": first column is time, a timestamptz", desc)
                    times = [r[0] for r in table]
                    check(times == sorted(times), name + ": rows are sorted by time")
                    check(any(ty == "double precision" for n, ty in desc[1:]), name + ": a numeric value column", desc)

    # the Metabase questions of dashboards/README.md, variables filled in as
    # Metabase does: {{name}} becomes a quoted value, [[ ... ]] is kept when its
    # variable has a value and dropped when not
    guide = open(os.path.join(ROOT, "dashboards/README.md")).read()
    metabase = guide[guide.index("## 3. Metabase"):]
    questions = re.findall(r"```sql metabase\n(.*?)```", metabase, re.S)
    check(len(questions) >= 4, "the Metabase guide has example questions", len(questions))
    values = {"quarter": "'2020-Q3'", "objective": "'Create wildly loyal customers'",
              "key_result": "'Increase NPS from 20 to 40'"}
    for number, question in enumerate(questions, 1):
        for keep in (True, False):
            sql = re.sub(r"\[\[(.*?)\]\]", lambda m: m.group(1) if keep else "", question, flags=re.S)
            sql = re.sub(r"\{\{(\w+)\}\}", lambda m: values[m.group(1)], sql)
            table, error = rows_of(sql)
            check(table is not None and len(table) > 0,
                  "Metabase question %d%s returns rows as okrkpi_reader" % (number, "" if keep else " without optional clauses"),
                  error)
            if "[[" not in question:
                break

    print("1..%d" % len(results))
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
