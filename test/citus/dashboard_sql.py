#!/usr/bin/env python3
"""Write the Grafana dashboard's queries, expanded as Grafana sends them, one
file per query: OUT/NN.sql holds the SQL, OUT/NN.name says which panel and
quarter it is.  The macros and template variables are expanded by
test/dashboards.py itself (imported, not copied), so test/citus/run runs the
very queries `make test` checks on one node.

    dashboard_sql.py OUT
"""
import importlib.util
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location("dashboards", os.path.join(HERE, "..", "dashboards.py"))
dashboards = importlib.util.module_from_spec(spec)
spec.loader.exec_module(dashboards)


def main(out):
    dashboard = json.load(open(dashboards.DASHBOARD))
    queries = []
    for variable in dashboard["templating"]["list"]:
        queries.append(("variable $%s" % variable["name"], dashboards.expand(variable["query"], {})))
    for quarter in ("2020-Q3", "2020-Q4"):
        for panel in dashboard["panels"]:
            for target in panel["targets"]:
                title = panel["title"].replace("$quarter", quarter)
                queries.append(("panel %d (%s) for %s" % (panel["id"], title, quarter),
                                dashboards.expand(target["rawSql"], {"quarter": quarter})))
    os.makedirs(out, exist_ok=True)
    for number, (name, sql) in enumerate(queries, 1):
        with open(os.path.join(out, "%02d.sql" % number), "w") as f:
            f.write(sql)
        with open(os.path.join(out, "%02d.name" % number), "w") as f:
            f.write(name)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
