#!/usr/bin/python3
"""okrkpi under load and faults: the soak and the crash test.

    soak.py soak  [--clients 16] [--seconds 600] [--report FILE]
    soak.py crash [--clients 16] [--crashes 20]

Both start a PostgreSQL cluster of their own (PG_BINDIR, on 127.0.0.1, in a
temporary folder) from the postmaster binary itself, so that the crash test
knows the PID to kill, and load test/soak/setup.sql into database "soak".

soak: N clients (default 16) run a realistic mix for a fixed time: planners
(role soak_planner) insert measurements and check-ins (INSERT and COPY), add
and edit key results, try the edits the rules refuse, race for the last slot
under max= in soak.goals and soak.health and in okrkpi.kpis; owners (the
superuser that owns the tables) override frozen starts with a reason, each
one its own; dashboards (role soak_dashboard, a member of okrkpi_reader) run
the Grafana panels of dashboards/grafana/okrkpi.json.  Beside them a closer
closes a quarter every --close-every seconds and a dumper takes a pg_dump
(on an exported snapshot) and a pg_dumpall half-way.  Every error must be one
the statement's kind expects (EXPECTED below, by SQLSTATE); after the run
the invariants of test/soak/invariants.sql must hold, the committed counts
must equal the table counts, every override must have one log row and one
LOG line, and both dumps must restore with the same invariants.

crash: the same load, killed with SIGKILL at the postmaster 20 times (by
turns at a random moment, during a quarter close, and during an override);
after each restart the recovery's log must hold no ERROR, FATAL or PANIC,
the invariants must hold, and every table must hold between what the
clients saw committed and that plus what was in flight.

Prints a report (markdown) and exits non-zero on any failure.
"""
import argparse
import collections
import functools
import io
import json
import os
import random
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time

import psycopg2
import psycopg2.errorcodes

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, "test"))
import dashboards as grafana  # noqa: E402  (test/dashboards.py: expand())

# The SQLSTATEs each kind of statement may get; anything else fails the run.
EXPECTED = {
    "measurement insert": set(),
    "measurement copy": set(),
    "check-in insert": set(),
    "check-in copy": set(),
    # into the quarter before the clock's: it may be closing or closed
    "late check-in": {"55000"},
    "late key result new target": {"55000"},
    # a key result of a closed quarter has a history
    "late key result delete": {"23514"},
    "objective insert": set(),
    # an objective may already hold okrkpi.max_key_results (5)
    "key result insert": {"23514"},
    "key result new target": set(),
    # refused: start = target is not a key result (the type's input)
    "key result start = target": {"22023"},
    # refused: the start is frozen
    "key result start change": {"23514"},
    # refused: only the tables' owner may override
    "override by a planner": {"42501"},
    "override by the owner": set(),
    # the race for the last slots: 3 goals per team, 2 KPIs per team, 7 KPIs
    "goal insert (race)": {"23514"},
    "goal new target": set(),
    "goal start = target": {"23514"},
    "goal start change": {"23514"},
    "goal override by the owner": set(),
    "health check insert (race)": {"23514"},
    # refused: a KPI is kept a year
    "health check delete": {"23514"},
    "KPI insert (race)": {"23514"},
    "KPI retire": set(),
    "dashboard": set(),
    "quarter close": set(),
    # refused: quarters close in order
    "quarter close out of order": {"55000"},
}
# Kinds that must be refused: a success that changed a row is an unexpected outcome.
MUST_FAIL = {kind for kind, codes in EXPECTED.items() if codes} - {
    "late check-in", "late key result new target", "late key result delete", "key result insert", "goal insert (race)", "health check insert (race)", "KPI insert (race)"}
REASONS = iter(range(1, 1 << 62))     # override reasons: each attempt its own, across crashes too
REASONS_LOCK = threading.Lock()
EXPAND_LOCK = threading.Lock()        # test/dashboards.py's expand() reads module globals
# what a client is told when the server dies under it (besides a lost connection)
SERVER_GONE = {"57P01", "57P02", "57P03"}
WRITE_TABLES = ("okrkpi.measurements", "okrkpi.check_ins", "okrkpi.objectives", "okrkpi.key_results",
                "okrkpi.kpis", "soak.goals", "soak.health")


def quarter_name(index):
    """Quarter number 0 is 2001-Q1."""
    return "%d-Q%d" % (2001 + index // 4, index % 4 + 1)


def quarter_index(name):
    year, q = name.split("-Q")
    return (int(year) - 2001) * 4 + int(q) - 1


def quarter_bounds(index):
    """First second and length in seconds of a quarter (UTC), as epoch."""
    import calendar
    year, q = 2001 + index // 4, index % 4
    start = calendar.timegm((year, 3 * q + 1, 1, 0, 0, 0))
    end = calendar.timegm((year + (q == 3), (3 * q + 3) % 12 + 1, 1, 0, 0, 0))
    return start, end - start


def timestamp(epoch_seconds, micro):
    return time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(epoch_seconds)) + ".%06d+00" % micro


class Cluster:
    """A cluster of our own: initdb, and the postmaster started by us."""

    def __init__(self, bindir, folder, name, settings):
        self.bindir, self.folder = bindir, folder
        self.data = os.path.join(folder, name)
        self.log = os.path.join(folder, name + ".log")
        self.settings = settings
        self.proc = None
        self.port = None

    def _demote(self):
        if os.getuid() == 0:
            import pwd
            user = pwd.getpwnam("postgres")
            os.setgid(user.pw_gid)
            os.setuid(user.pw_uid)

    def run(self, args, **kw):
        return subprocess.run(args, preexec_fn=self._demote, check=True, **kw)

    def init(self):
        import socket
        self.run([os.path.join(self.bindir, "initdb"), "-D", self.data, "-U", "postgres", "-A", "trust",
                  "--encoding=UTF8", "--locale=C.UTF-8"], stdout=subprocess.DEVNULL)
        port = 5440 + random.randrange(2000)
        while True:
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", port)) != 0:
                    break
            port += 1
        self.port = port
        with open(os.path.join(self.data, "postgresql.conf"), "a") as conf:
            conf.write("port = %d\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = ''\n" % port)
            conf.write("log_line_prefix = '%m [%p] %e '\nTimeZone = 'UTC'\n")
            for line in self.settings:
                conf.write(line + "\n")

    def start(self):
        """Start the postmaster; return the log offset where this start began."""
        offset = os.path.getsize(self.log) if os.path.exists(self.log) else 0
        logfile = open(self.log, "a")
        os.chmod(self.log, 0o666)
        self.proc = subprocess.Popen([os.path.join(self.bindir, "postgres"), "-D", self.data],
                                     stdout=logfile, stderr=logfile, preexec_fn=self._demote)
        logfile.close()
        deadline = time.time() + 120
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError("the postmaster exited: see " + self.log)
            with open(self.log) as f:
                f.seek(offset)
                if "database system is ready to accept connections" in f.read():
                    return offset
            time.sleep(0.05)
        raise RuntimeError("the server did not start: see " + self.log)

    def kill(self):
        """SIGKILL the postmaster we started, then wait for its children to go."""
        children = subprocess.run(["pgrep", "-P", str(self.proc.pid)], capture_output=True, text=True).stdout.split()
        os.kill(self.proc.pid, signal.SIGKILL)
        self.proc.wait()
        deadline = time.time() + 60
        for pid in children:
            while time.time() < deadline:
                try:
                    os.kill(int(pid), 0)
                except ProcessLookupError:
                    break
                time.sleep(0.05)

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)      # fast shutdown
            try:
                self.proc.wait(60)
            except subprocess.TimeoutExpired:
                self.kill()

    def dsn(self, user="postgres", dbname="soak"):
        return "host=127.0.0.1 port=%d user=%s dbname=%s" % (self.port, user, dbname)

    def env(self, dbname="soak"):
        env = dict(os.environ, PGHOST="127.0.0.1", PGPORT=str(self.port), PGUSER="postgres", PGDATABASE=dbname)
        env.pop("PGSERVICE", None)
        return env

    def psql(self, *args, dbname="soak", stdin=None):
        return subprocess.run([os.path.join(self.bindir, "psql"), "-X", "-q", "-v", "ON_ERROR_STOP=1"] + list(args),
                              env=self.env(dbname), cwd=ROOT, input=stdin, capture_output=True, text=True)


class Stats:
    """Counts, SQLSTATEs and latencies per kind, and what the clients saw committed."""

    def __init__(self):
        self.lock = threading.Lock()
        self.ok = collections.Counter()
        self.refused = collections.defaultdict(collections.Counter)
        self.unexpected = []
        self.latency = collections.defaultdict(list)
        self.committed = collections.Counter()
        self.in_doubt = collections.Counter()
        self.skipped = collections.Counter()
        self.in_flight_total = 0     # rows in flight at the crash test's kills, all kills
        self.overrides = []          # reasons of overrides the owner saw committed
        self.overrides_in_doubt = []

    def merge_rows(self, counter, rows):
        with self.lock:
            for table, n in rows.items():
                counter[table] += n


class Load:
    """The shared state of one run of the load: the clock, the stop flag, the fault hooks."""

    def __init__(self, cluster, stats, clients, close_every, crash_mode):
        self.cluster, self.stats = cluster, stats
        self.stop = threading.Event()
        self.clients = clients
        self.close_every = close_every
        self.crash_mode = crash_mode
        self.server_gone = threading.Event()
        self.killed = threading.Event()       # set by the crash test just before it kills the server
        self.closing = threading.Event()      # set while a close transaction is open
        self.overriding = threading.Event()   # set while an override transaction is open
        self.epoch_lock = threading.Lock()
        self.busy = {}                        # client -> epoch of the statement it runs
        self.panels = [(p["title"], t["rawSql"]) for p in json.load(open(
            os.path.join(ROOT, "dashboards/grafana/okrkpi.json")))["panels"] for t in p["targets"]]
        self.krs_of = {}                      # quarter index -> key result ids (cache)
        conn = self.connect("postgres")
        cur = conn.cursor()
        cur.execute("SELECT max(quarter)::text FROM okrkpi.cycles")
        self.clock = quarter_index(cur.fetchone()[0])
        conn.close()

    def connect(self, user):
        conn = psycopg2.connect(self.cluster.dsn(user), connect_timeout=10)
        conn.autocommit = True
        return conn

    def sometime(self, index, client, seq):
        """A time inside quarter `index`, unique per client and statement."""
        start, length = quarter_bounds(index)
        return timestamp(start + random.randrange(length - 1), client * 60000 + seq % 60000)


class Client(threading.Thread):
    def __init__(self, load, number, role):
        super().__init__(daemon=True)
        self.load, self.number, self.role = load, number, role
        self.seq = 0
        self.conn = None

    def run(self):
        try:
            self.work()
        except Exception as e:   # noqa: B902: a client that stops early fails the run
            if not self.load.killed.is_set():
                with self.load.stats.lock:
                    self.load.stats.unexpected.append(("client %d" % self.number, type(e).__name__,
                                                       str(e).strip().splitlines()[0] if str(e).strip() else ""))

    def work(self):
        load = self.load
        user = {"owner": "postgres", "planner": "soak_planner", "dashboard": "soak_dashboard"}[self.role]
        self.conn = load.connect(user)
        while not load.stop.is_set():
            kind, action = self.pick()
            self.seq += 1
            with load.epoch_lock:
                epoch = load.clock
                load.busy[self.number] = epoch
            try:
                self.execute(kind, action, epoch)
            finally:
                with load.epoch_lock:
                    load.busy.pop(self.number, None)
            if load.server_gone.is_set():
                break
        try:
            self.conn.close()
        except psycopg2.Error:
            pass

    def execute(self, kind, action, epoch):
        load, stats = self.load, self.load.stats
        rows = {}
        began = time.monotonic()
        try:
            label = action(self.conn.cursor(), epoch, rows)
            took = time.monotonic() - began
            with stats.lock:
                if label == "skip":            # nothing to try it on yet
                    stats.skipped[kind] += 1
                    return
                if kind in MUST_FAIL:
                    stats.unexpected.append((kind, "accepted", "a statement the rules must refuse changed a row"))
                    return
                stats.ok[kind] += 1
                stats.latency[label or kind].append(took)
            stats.merge_rows(stats.committed, rows)
        except Exception as e:   # noqa: B902 (psycopg2 may raise SystemError from a COPY cut short)
            code = getattr(e, "pgcode", None)
            if not isinstance(e, psycopg2.Error) and not load.killed.is_set():
                raise
            if (code is None or code in SERVER_GONE or self.conn.closed) and load.killed.is_set():
                # the connection is gone: a crash; what was sent is in doubt
                load.server_gone.set()
                stats.merge_rows(stats.in_doubt, rows)
                return
            if not self.conn.autocommit:
                try:
                    self.conn.rollback()
                except psycopg2.Error:
                    if not load.killed.is_set():
                        raise
                    load.server_gone.set()     # it died after the error: nothing was committed
                    return
                self.conn.autocommit = True
            with stats.lock:
                if code in EXPECTED[kind]:
                    stats.refused[kind][code] += 1
                else:
                    stats.unexpected.append((kind, code, str(e).strip().splitlines()[0]))

    # ------------------------------------------------------------------ kinds
    def pick(self):
        if self.role == "dashboard":
            return "dashboard", self.dashboard
        if self.role == "owner":
            return random.choice([("override by the owner", self.override_kr),
                                  ("goal override by the owner", self.override_goal),
                                  ("measurement copy", self.measurement_copy)])
        name, method, _ = random.choices(PLANNER_KINDS, weights=[w for _, _, w in PLANNER_KINDS])[0]
        return name, functools.partial(method, self)

    def kr_of(self, cur, epoch):
        cur.execute("SELECT k.id FROM okrkpi.key_results k JOIN okrkpi.objectives o ON o.id = k.objective_id "
                    "WHERE o.quarter = %s ORDER BY random() LIMIT 1", (quarter_name(epoch),))
        row = cur.fetchone()
        return row[0] if row else None

    def measurement_insert(self, cur, epoch, rows):
        rows["okrkpi.measurements"] = 1
        cur.execute("INSERT INTO okrkpi.measurements (metric_id, at, value) VALUES (%s, %s, %s)",
                    (random.randint(1, 60), self.load.sometime(epoch, self.number, self.seq),
                     round(random.uniform(0, 99), 1)))

    def measurement_copy(self, cur, epoch, rows):
        data = io.StringIO()
        start, length = quarter_bounds(epoch)
        base = random.randrange(length - 100)
        for i in range(20):
            data.write("%d\t%s\t%.1f\n" % (random.randint(1, 60),
                                           timestamp(start + base + i, self.number * 60000 + self.seq % 60000),
                                           random.uniform(0, 99)))
        data.seek(0)
        rows["okrkpi.measurements"] = 20
        cur.copy_expert("COPY okrkpi.measurements (metric_id, at, value) FROM STDIN", data)

    def check_in_insert(self, cur, epoch, rows):
        kr = self.kr_of(cur, epoch)
        if kr is None:
            return "skip"
        rows["okrkpi.check_ins"] = 1
        cur.execute("INSERT INTO okrkpi.check_ins (key_result_id, at, value, confidence, note) "
                    "VALUES (%s, %s, %s, %s, 'soak')",
                    (kr, self.load.sometime(epoch, self.number, self.seq), round(random.uniform(0, 99), 1),
                     random.randint(0, 10)))

    def check_in_copy(self, cur, epoch, rows):
        cur.execute("SELECT k.id FROM okrkpi.key_results k JOIN okrkpi.objectives o ON o.id = k.objective_id "
                    "WHERE o.quarter = %s ORDER BY random() LIMIT 10", (quarter_name(epoch),))
        krs = [r[0] for r in cur.fetchall()]
        data = io.StringIO()
        for i, kr in enumerate(krs):
            data.write("%d\t%s\t%.1f\t%d\tcopied\n" % (kr, self.load.sometime(epoch, self.number, self.seq * 16 + i),
                                                      random.uniform(0, 99), random.randint(0, 10)))
        data.seek(0)
        rows["okrkpi.check_ins"] = len(krs)
        cur.copy_expert("COPY okrkpi.check_ins (key_result_id, at, value, confidence, note) FROM STDIN", data)

    def late_check_in(self, cur, epoch, rows):
        if epoch == 0:
            return "skip"
        kr = self.kr_of(cur, epoch - 1)
        if kr is None:
            return "skip"
        rows["okrkpi.check_ins"] = 1
        cur.execute("INSERT INTO okrkpi.check_ins (key_result_id, at, value, confidence) VALUES (%s, %s, %s, 5)",
                    (kr, self.load.sometime(epoch - 1, self.number, self.seq), round(random.uniform(0, 99), 1)))

    def late_key_result_edit(self, cur, epoch, rows):
        # a new target for a key result of the quarter before the clock's:
        # it may be closing (the close carries it) or closed (55000)
        if epoch == 0:
            return "skip"
        kr = self.kr_of(cur, epoch - 1)
        cur.execute("UPDATE okrkpi.key_results SET plan = (okrkpi.start_value(plan)::text || ' -> ' || "
                    "(okrkpi.start_value(plan) + (okrkpi.target_value(plan) - okrkpi.start_value(plan)) * 1.25)::text"
                    ")::okrkpi.key_result WHERE id = %s", (kr,))
        return "skip" if cur.rowcount == 0 else None

    def late_key_result_delete(self, cur, epoch, rows):
        # a key result of the quarter before the clock's without check-ins or a
        # metric's measurements: deleted while its quarter is open; once it is
        # closed (or closing), kept (23514: its closed quarter is a history)
        if epoch == 0:
            return "skip"
        cur.execute("DELETE FROM okrkpi.key_results WHERE id = (SELECT k.id FROM okrkpi.key_results k "
                    "JOIN okrkpi.objectives o ON o.id = k.objective_id WHERE o.quarter = %s AND k.metric_id IS NULL "
                    "AND k.kpi_id IS NULL ORDER BY random() LIMIT 1)", (quarter_name(epoch - 1),))
        if cur.rowcount:
            rows["deleted key results"] = cur.rowcount
            return None
        return "skip"

    def objective_insert(self, cur, epoch, rows):
        # up to about 60 objectives a quarter (300 key results), as a large company plans
        rows["okrkpi.objectives"] = 1
        cur.execute("INSERT INTO okrkpi.objectives (quarter, title) SELECT %s, %s "
                    "WHERE (SELECT count(*) FROM okrkpi.objectives WHERE quarter = %s) < 60",
                    (quarter_name(epoch), "objective of client %d, #%d" % (self.number, self.seq), quarter_name(epoch)))
        if cur.rowcount == 0:
            rows.clear()
            return "skip"

    def key_result_insert(self, cur, epoch, rows):
        start = random.randint(0, 50)
        target = start + random.choice([-1, 1]) * random.randint(5, 40)
        rows["okrkpi.key_results"] = 1
        # one in five without a metric (scored by its check-ins), titled: a key
        # result without a metric needs a title
        metric = random.randint(6, 60) if random.random() < 0.8 else None
        cur.execute("INSERT INTO okrkpi.key_results (objective_id, metric_id, title, plan) "
                    "SELECT o.id, %s, %s, %s FROM okrkpi.objectives o WHERE o.quarter = %s ORDER BY random() LIMIT 1",
                    (metric, None if metric else "key result of client %d, #%d" % (self.number, self.seq),
                     "%d -> %d" % (start, target), quarter_name(epoch)))
        if cur.rowcount == 0:
            rows.clear()
            return "skip"

    def key_result_new_target(self, cur, epoch, rows):
        # one statement, so that the start read is the one being replaced
        kr = self.kr_of(cur, epoch)
        cur.execute("UPDATE okrkpi.key_results SET plan = (okrkpi.start_value(plan)::text || ' -> ' || "
                    "(okrkpi.start_value(plan) + (okrkpi.target_value(plan) - okrkpi.start_value(plan)) * %s)::text"
                    ")::okrkpi.key_result WHERE id = %s", (random.choice([0.5, 1.25, 1.5, 2]), kr))
        return "skip" if cur.rowcount == 0 else None

    def key_result_start_equals_target(self, cur, epoch, rows):
        cur.execute("INSERT INTO okrkpi.key_results (objective_id, plan) "
                    "SELECT o.id, '40 -> 40' FROM okrkpi.objectives o WHERE o.quarter = %s LIMIT 1",
                    (quarter_name(epoch),))

    def key_result_start_change(self, cur, epoch, rows):
        kr = self.kr_of(cur, epoch)
        cur.execute("UPDATE okrkpi.key_results SET plan = ((okrkpi.start_value(plan) + 1)::text || ' -> ' || "
                    "(okrkpi.target_value(plan) + 1)::text)::okrkpi.key_result WHERE id = %s", (kr,))
        return "skip" if cur.rowcount == 0 else None

    def override_by_planner(self, cur, epoch, rows):
        kr = self.kr_of(cur, epoch)
        self.conn.autocommit = False
        cur.execute("SET LOCAL okrkpi.override_reason = 'a planner may not override'")
        cur.execute("UPDATE okrkpi.key_results SET plan = ((okrkpi.start_value(plan) + 1)::text || ' -> ' || "
                    "(okrkpi.target_value(plan) + 1)::text)::okrkpi.key_result WHERE id = %s", (kr,))
        updated = cur.rowcount
        self.conn.commit()
        self.conn.autocommit = True
        return "skip" if updated == 0 else None

    def override(self, cur, sql, args):
        """An owner's override in its own transaction, under a reason used once."""
        load, stats = self.load, self.load.stats
        with REASONS_LOCK:
            reason = "soak override %d" % next(REASONS)
        self.conn.autocommit = False
        cur.execute("SET LOCAL okrkpi.override_reason = %s", (reason,))
        cur.execute(sql, args)
        if cur.rowcount == 0:
            self.conn.rollback()
            self.conn.autocommit = True
            return "skip"
        load.overriding.set()
        if load.crash_mode and random.random() < 0.5:
            time.sleep(0.05)     # a slow override: the crash test's window between the LOG line and the commit
        try:
            self.conn.commit()
        except Exception:   # noqa: B902
            if self.conn.closed or self.load.killed.is_set():
                with stats.lock:
                    stats.overrides_in_doubt.append(reason)
            raise
        finally:
            load.overriding.clear()
        self.conn.autocommit = True
        with stats.lock:
            stats.overrides.append(reason)

    def override_kr(self, cur, epoch, rows):
        kr = self.kr_of(cur, epoch)
        delta = random.choice([-2, -1, 1, 2])
        return self.override(cur, "UPDATE okrkpi.key_results SET plan = ((okrkpi.start_value(plan) + %s)::text || ' -> ' || "
                           "(okrkpi.target_value(plan) + %s)::text)::okrkpi.key_result WHERE id = %s",
                      (delta, delta, kr))

    def override_goal(self, cur, epoch, rows):
        return self.override(cur, "UPDATE soak.goals SET baseline = baseline + 1 WHERE id = "
                           "(SELECT id FROM soak.goals WHERE goal - baseline > 2 ORDER BY random() LIMIT 1)", ())

    def goal_insert(self, cur, epoch, rows):
        team = int(time.time() / 2)          # a new team every 2 seconds: the race for its 3 slots
        baseline = random.randint(0, 50)
        rows["soak.goals"] = 1
        cur.execute("INSERT INTO soak.goals (team, quarter, title, baseline, goal, plan) VALUES (%s, %s, %s, %s, %s, %s)",
                    (team, quarter_name(epoch), "goal %d.%d" % (self.number, self.seq), baseline,
                     baseline + random.randint(10, 40), "%d%% -> %d%%" % (baseline, baseline + 10)))

    def goal_new_target(self, cur, epoch, rows):
        cur.execute("UPDATE soak.goals SET goal = goal + 1 WHERE id = "
                    "(SELECT id FROM soak.goals ORDER BY random() LIMIT 1)")

    def goal_start_equals_target(self, cur, epoch, rows):
        cur.execute("INSERT INTO soak.goals (team, quarter, title, baseline, goal) VALUES (-1, %s, 'flat', 40, 40)",
                    (quarter_name(epoch),))

    def goal_start_change(self, cur, epoch, rows):
        cur.execute("UPDATE soak.goals SET baseline = baseline + 1 WHERE id = "
                    "(SELECT id FROM soak.goals WHERE goal - baseline > 2 ORDER BY random() LIMIT 1)")
        return "skip" if cur.rowcount == 0 else None

    def health_insert(self, cur, epoch, rows):
        team = int(time.time() / 2)
        rows["soak.health"] = 1
        cur.execute("INSERT INTO soak.health (team, title, threshold) VALUES (%s, %s, %s)",
                    (team, "health %d.%d" % (self.number, self.seq), random.choice([">= 40", "<= 2%", "4.2 .. 4.8"])))

    def health_delete(self, cur, epoch, rows):
        cur.execute("DELETE FROM soak.health WHERE id = (SELECT max(id) FROM soak.health)")
        return "skip" if cur.rowcount == 0 else None

    def kpi_insert(self, cur, epoch, rows):
        rows["okrkpi.kpis"] = 1
        cur.execute("INSERT INTO okrkpi.kpis (metric_id, title, threshold, since) VALUES (%s, %s, '>= 5', '2000-01-01')",
                    (random.randint(6, 60), "soak KPI %d.%d" % (self.number, self.seq)))

    def kpi_retire(self, cur, epoch, rows):
        # retired_at IS NULL again in the outer WHERE: re-checked on the row
        # as it is once a concurrent retirement of the same KPI committed
        cur.execute("UPDATE okrkpi.kpis SET retired_at = now() WHERE retired_at IS NULL AND id = (SELECT id "
                    "FROM okrkpi.kpis WHERE retired_at IS NULL AND title LIKE 'soak KPI %%' ORDER BY random() LIMIT 1)")

    def dashboard(self, cur, epoch, rows):
        title, sql = random.choice(self.load.panels)
        quarter = epoch if random.random() < 0.7 or epoch == 0 else random.randrange(epoch)
        cur.execute(expand_panel(sql, quarter))
        cur.fetchall()
        return "panel: " + re.sub(r", \$quarter$", "", title)


def expand_panel(sql, quarter):
    """A panel's SQL as Grafana sends it for one quarter, its time range that quarter."""
    start, length = quarter_bounds(quarter)
    with EXPAND_LOCK:
        grafana.TIME_FROM = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(start))
        grafana.TIME_TO = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(start + length))
        return grafana.expand(sql, {"quarter": quarter_name(quarter)})


PLANNER_KINDS = [
    ("measurement insert", Client.measurement_insert, 12),
    ("measurement copy", Client.measurement_copy, 4),
    ("check-in insert", Client.check_in_insert, 10),
    ("check-in copy", Client.check_in_copy, 2),
    ("late check-in", Client.late_check_in, 4),
    ("late key result new target", Client.late_key_result_edit, 2),
    ("late key result delete", Client.late_key_result_delete, 1),
    ("objective insert", Client.objective_insert, 1),
    ("key result insert", Client.key_result_insert, 4),
    ("key result new target", Client.key_result_new_target, 4),
    ("key result start = target", Client.key_result_start_equals_target, 1),
    ("key result start change", Client.key_result_start_change, 2),
    ("override by a planner", Client.override_by_planner, 1),
    ("goal insert (race)", Client.goal_insert, 6),
    ("goal new target", Client.goal_new_target, 2),
    ("goal start = target", Client.goal_start_equals_target, 1),
    ("goal start change", Client.goal_start_change, 1),
    ("health check insert (race)", Client.health_insert, 4),
    ("health check delete", Client.health_delete, 1),
    ("KPI insert (race)", Client.kpi_insert, 2),
    ("KPI retire", Client.kpi_retire, 1),
]



class Closer(threading.Thread):
    """Closes the clock's quarter every few seconds, as a planner would at a quarter's end."""

    def __init__(self, load):
        super().__init__(daemon=True)
        self.load = load
        self.closes = 0

    def run(self):
        load = self.load
        try:
            self.owner = load.connect("postgres")
            self.planner = load.connect("soak_planner")
            # quarters a crash left open behind the clock close first
            cur = self.owner.cursor()
            cur.execute("SELECT quarter::text FROM okrkpi.cycles WHERE closed_at IS NULL AND quarter < %s "
                        "ORDER BY quarter", (quarter_name(load.clock),))
            for (q,) in cur.fetchall():
                self.close(quarter_index(q))
            while not load.stop.wait(load.close_every * random.uniform(0.7, 1.3)):
                self.next_quarter()
        except Exception as e:   # noqa: B902 (as in Client.execute)
            code = getattr(e, "pgcode", None)
            if load.killed.is_set() and (code is None or code in SERVER_GONE):
                load.server_gone.set()
                return
            with load.stats.lock:
                load.stats.unexpected.append(("quarter close", code or type(e).__name__,
                                              str(e).strip().splitlines()[0] if str(e).strip() else ""))

    def statement(self, kind, conn, sql, args=(), rows=None):
        stats = self.load.stats
        began = time.monotonic()
        try:
            conn.cursor().execute(sql, args)
        except Exception as e:   # noqa: B902 (as in Client.execute)
            if getattr(e, "pgcode", None) in EXPECTED[kind]:
                with stats.lock:
                    stats.refused[kind][e.pgcode] += 1
                return
            if getattr(e, "pgcode", None) in SERVER_GONE | {None} and rows:
                stats.merge_rows(stats.in_doubt, rows)
            raise
        with stats.lock:
            if kind in MUST_FAIL:
                stats.unexpected.append((kind, "accepted", "a statement the rules must refuse changed a row"))
                return
            stats.ok[kind] += 1
            stats.latency[kind].append(time.monotonic() - began)
        if rows:
            stats.merge_rows(stats.committed, rows)

    def next_quarter(self):
        load = self.load
        q = load.clock
        nxt = quarter_name(q + 1)
        # the next quarter's plan, before anyone writes there
        self.statement("objective insert", self.planner,
                       "INSERT INTO okrkpi.cycles (quarter) VALUES (%s) ON CONFLICT DO NOTHING", (nxt,))
        for i in range(2):
            self.statement("objective insert", self.planner, "INSERT INTO okrkpi.objectives (quarter, title) VALUES (%s, %s)",
                           (nxt, "planned objective %d of %s" % (i, nxt)), {"okrkpi.objectives": 1})
            self.statement("key result insert", self.planner,
                           "INSERT INTO okrkpi.key_results (objective_id, metric_id, plan) SELECT max(id), %s, '5 -> 25' "
                           "FROM okrkpi.objectives WHERE quarter = %s", (random.randint(6, 60), nxt),
                           {"okrkpi.key_results": 1})
        # every KPI metric measured at the quarter's last second, so that each
        # KPI key result has a current value to be carried with
        start, length = quarter_bounds(q)
        self.statement("measurement insert", self.planner,
                       "INSERT INTO okrkpi.measurements (metric_id, at, value) SELECT i, %s, round((random() * 90)::numeric, 1) "
                       "FROM generate_series(1, 5) i", (timestamp(start + length - 1, 999999),), {"okrkpi.measurements": 5})
        # the clock moves on; wait until no client still writes into q
        t0 = time.monotonic()
        with load.epoch_lock:
            load.clock = q + 1
        deadline = time.time() + 60
        while time.time() < deadline and not load.server_gone.is_set():
            with load.epoch_lock:
                if all(e > q for e in load.busy.values()):
                    break
            time.sleep(0.005)
        # refused: the next quarter cannot close before q
        t1 = time.monotonic()
        self.statement("quarter close out of order", self.planner,
                       "UPDATE okrkpi.cycles SET closed_at = now() WHERE quarter = %s", (nxt,))
        t2 = time.monotonic()
        self.close(q)
        if os.environ.get("SOAK_DEBUG"):
            print("# close of %s: barrier %.2f s, refused close %.2f s, close %.2f s"
                  % (quarter_name(q), t1 - t0, t2 - t1, time.monotonic() - t2), flush=True)

    def close(self, q):
        """Close quarter q and snapshot its views, in one transaction."""
        load = self.load
        conn = self.owner
        began = time.monotonic()
        conn.autocommit = False
        try:
            cur = conn.cursor()
            load.closing.set()
            update_began = time.monotonic()
            cur.execute("UPDATE okrkpi.cycles SET closed_at = now() WHERE quarter = %s", (quarter_name(q),))
            with load.stats.lock:
                load.stats.latency["quarter close: the UPDATE"].append(time.monotonic() - update_began)
            if load.crash_mode and random.random() < 0.5:
                cur.execute("SELECT pg_sleep(0.05)")   # a slow close: the crash test's window inside it
            cur.execute("INSERT INTO soak.closes VALUES (%s, now())", (quarter_name(q),))
            cur.execute("INSERT INTO soak.closed_view SELECT %s, r.view_name, r.view_row FROM soak.view_rows(%s) r",
                        (quarter_name(q), quarter_name(q)))
            conn.commit()
        except Exception:   # noqa: B902
            if not conn.closed:
                conn.rollback()
            raise
        finally:
            load.closing.clear()
            if not conn.closed:
                conn.autocommit = True
        with load.stats.lock:
            load.stats.ok["quarter close"] += 1
            load.stats.latency["quarter close"].append(time.monotonic() - began)
        self.closes += 1


class Dumper(threading.Thread):
    """pg_dump on an exported snapshot (with the counts it must restore), then pg_dumpall."""

    def __init__(self, load, folder, at):
        super().__init__(daemon=True)
        self.load, self.folder, self.at = load, folder, at
        self.counts = None
        self.dumpall_bounds = None
        self.error = None
        self.seconds = {}

    def run(self):
        if self.load.stop.wait(self.at):
            return
        cluster = self.load.cluster
        try:
            conn = psycopg2.connect(cluster.dsn())
            conn.set_session(isolation_level="REPEATABLE READ", readonly=True)
            cur = conn.cursor()
            cur.execute("SELECT pg_export_snapshot()")
            snapshot = cur.fetchone()[0]
            self.counts = table_counts(cur)
            began = time.monotonic()
            subprocess.run([os.path.join(cluster.bindir, "pg_dump"), "-Fc", "--snapshot=" + snapshot,
                            "-f", os.path.join(self.folder, "soak.dump")], env=cluster.env(), check=True,
                           capture_output=True)
            self.seconds["pg_dump"] = time.monotonic() - began
            conn.commit()
            low = table_counts(cur)
            conn.commit()
            began = time.monotonic()
            subprocess.run([os.path.join(cluster.bindir, "pg_dumpall"), "-f", os.path.join(self.folder, "all.sql")],
                           env=cluster.env(), check=True, capture_output=True)
            self.seconds["pg_dumpall"] = time.monotonic() - began
            high = table_counts(cur)
            self.dumpall_bounds = (low, high)
            conn.close()
        except (psycopg2.Error, subprocess.CalledProcessError) as e:
            self.error = str(e) + (e.stderr.decode() if getattr(e, "stderr", None) else "")


def table_counts(cur):
    counts = {}
    for table in WRITE_TABLES:
        where = " WHERE rolled_from IS NULL" if table in ("okrkpi.objectives", "okrkpi.key_results") else ""
        cur.execute("SELECT count(*) FROM %s%s" % (table, where))
        counts[table] = cur.fetchone()[0]
    cur.execute("SELECT count(*) FROM okrkpi.overrides")
    counts["okrkpi.overrides"] = cur.fetchone()[0]
    cur.execute("SELECT count(*) FROM soak.override_log")
    counts["soak.override_log"] = cur.fetchone()[0]
    return counts


def invariants(dsn):
    """Run every invariant of invariants.sql: {name: violating rows}."""
    text = open(os.path.join(HERE, "invariants.sql")).read()
    blocks = re.split(r"^-- invariant: (.*)$", text, flags=re.M)[1:]
    conn = psycopg2.connect(dsn)
    conn.set_session(isolation_level="REPEATABLE READ", readonly=True)
    cur = conn.cursor()
    found = {}
    for name, sql in zip(blocks[0::2], blocks[1::2]):
        cur.execute(sql)
        found[name.strip()] = cur.fetchall()
    counts = table_counts(cur)
    conn.close()
    return found, counts


class Report:
    def __init__(self):
        self.failures = []
        self.lines = []

    def check(self, ok, what, detail=""):
        print(("ok" if ok else "not ok") + " - " + what, flush=True)
        if not ok:
            self.failures.append(what)
            for line in str(detail).splitlines()[:20]:
                print("#   " + line)
        return ok

    def say(self, line=""):
        self.lines.append(line)


def check_invariants(report, dsn, where, stats=None, exact=True):
    found, counts = invariants(dsn)
    for name, rows in found.items():
        report.check(not rows, "%s: %s" % (where, name), "\n".join(map(str, rows[:10])))
    if stats is not None:
        for table in WRITE_TABLES:
            low = stats.committed[table]
            high = low + stats.in_doubt[table]
            if table == "okrkpi.key_results":
                # deleted by the clients: surely, or perhaps (in flight)
                low -= stats.committed["deleted key results"] + stats.in_doubt["deleted key results"]
                high -= stats.committed["deleted key results"]
            have = counts[table]
            if table in ("okrkpi.objectives", "okrkpi.key_results"):
                low += SETUP_ROWS[table]
                high += SETUP_ROWS[table]
            if table == "okrkpi.kpis":
                low += 5
                high += 5
            report.check(low <= have <= high,
                         "%s: %s holds what the clients saw committed (%d%s), has %d"
                         % (where, table, low, "" if low == high else " to %d with %d in flight" % (high, high - low), have))
    return counts


SETUP_ROWS = {"okrkpi.objectives": 6, "okrkpi.key_results": 17}


def check_overrides(report, cluster, stats, where, log_text):
    """Each committed override: one row in its log table and one LOG line; no row for any other."""
    conn = psycopg2.connect(cluster.dsn())
    cur = conn.cursor()
    cur.execute("SELECT reason, count(*) FROM (SELECT reason FROM okrkpi.overrides UNION ALL "
                "SELECT reason FROM soak.override_log) r GROUP BY reason")
    rows = dict(cur.fetchall())
    conn.close()
    lines = collections.Counter(re.findall(r"LOG:  okrkpi: override of rule .*?: (soak override \d+)$",
                                           log_text, flags=re.M))
    committed = set(stats.overrides)
    in_doubt = set(stats.overrides_in_doubt)
    bad = [r for r in committed if rows.get(r, 0) != 1 or lines.get(r, 0) != 1]
    report.check(not bad, "%s: each of the %d committed overrides has exactly one log row and one LOG line"
                 % (where, len(committed)), "\n".join("%s: %d rows, %d lines" % (r, rows.get(r, 0), lines.get(r, 0))
                                                     for r in bad[:10]))
    planted = [r for r in rows if r not in committed and r not in in_doubt]
    report.check(not planted, "%s: no override row the owner did not see committed (or in flight)" % where,
                 "\n".join(planted[:10]))
    unlogged = [r for r in rows if r in in_doubt and lines.get(r, 0) != 1]
    report.check(not unlogged, "%s: every override row of a commit in flight has its LOG line" % where,
                 "\n".join(unlogged[:10]))


def percentile(values, p):
    values = sorted(values)
    if not values:
        return float("nan")
    return values[min(len(values) - 1, int(round(p / 100.0 * (len(values) - 1))))]


def start_load(load, clients, extra=()):
    """The clients (one in 8 an owner, two in 8 dashboards, the rest planners),
    the closer and any extra thread, started; load.threads lists them."""
    roles = ["owner" if i % 8 == 0 else "dashboard" if i % 8 in (1, 2) else "planner" for i in range(clients)]
    closer = Closer(load)
    load.threads = [Client(load, i, role) for i, role in enumerate(roles)] + [closer] + list(extra)
    for t in load.threads:
        t.start()
    return closer, collections.Counter(roles)


def run_load(load, clients, seconds, extra=()):
    closer, roles = start_load(load, clients, extra)
    load.stop.wait(seconds)
    load.stop.set()
    for t in load.threads:
        t.join(120)
        if t.is_alive():
            with load.stats.lock:
                load.stats.unexpected.append((t.name, "hung", "still running 120 s after the load stopped"))
    return closer, roles


def new_cluster(bindir, folder, name):
    cluster = Cluster(bindir, folder, name, [
        "shared_preload_libraries = 'okrkpi'", "max_connections = 60", "shared_buffers = 256MB",
        "log_min_messages = warning", "log_error_verbosity = default"])
    cluster.init()
    return cluster


def setup(cluster):
    proc = cluster.psql("-d", "postgres", "-c", "CREATE DATABASE soak", dbname="postgres")
    if proc.returncode != 0:
        raise RuntimeError(proc.stderr)
    proc = cluster.psql("-f", os.path.join(HERE, "setup.sql"))
    if proc.returncode != 0:
        raise RuntimeError(proc.stderr)


def summarize_kinds(report, stats, seconds):
    report.say("| kind | committed | refused as expected (SQLSTATE: count) | nothing to act on | per second |")
    report.say("|---|---:|---|---:|---:|")
    for kind in EXPECTED:
        ok = stats.ok[kind]
        refused = stats.refused[kind]
        if not ok and not refused and not stats.skipped[kind]:
            continue
        report.say("| %s | %d | %s | %s | %.1f |" % (kind, ok, ", ".join("%s: %d" % c for c in sorted(refused.items())) or "",
                                                    stats.skipped[kind] or "", (ok + sum(refused.values())) / seconds))
    total = sum(stats.ok.values()) + sum(sum(r.values()) for r in stats.refused.values())
    report.say("| **all** | %d | %d | %d | %.1f |" % (sum(stats.ok.values()), total - sum(stats.ok.values()),
                                                    sum(stats.skipped.values()), total / seconds))


def soak(args):
    report = Report()
    folder = tempfile.mkdtemp(prefix="okrkpi-soak.")
    os.chmod(folder, 0o777)
    bindir = os.environ["PG_BINDIR"]
    cluster = new_cluster(bindir, folder, "data")
    second = None
    try:
        cluster.start()
        setup(cluster)
        version = subprocess.run([os.path.join(bindir, "postgres"), "--version"], capture_output=True, text=True).stdout.strip()
        stats = Stats()
        load = Load(cluster, stats, args.clients, args.close_every, False)
        dumper = Dumper(load, folder, args.seconds / 2)
        began = time.monotonic()
        log_offset = os.path.getsize(cluster.log)
        closer, roles = run_load(load, args.clients, args.seconds, [dumper])
        elapsed = time.monotonic() - began
        print("# load ran %.0f s: %d statements, %d quarters closed" % (
            elapsed, sum(stats.ok.values()) + sum(sum(r.values()) for r in stats.refused.values()), closer.closes))
        report.check(not stats.unexpected, "every error was one its statement expected (%d unexpected)"
                     % len(stats.unexpected), "\n".join(map(str, collections.Counter(stats.unexpected).most_common(20))))
        report.check(closer.closes >= 2, "quarters closed under load: %d" % closer.closes)
        report.check(stats.ok["override by the owner"] + stats.ok["goal override by the owner"] > 0
                     and stats.refused["goal insert (race)"].get("23514", 0) > 0
                     and stats.refused["health check insert (race)"].get("23514", 0) > 0,
                     "overrides were made and the races for the last slots were refused at the limit")
        check_invariants(report, cluster.dsn(), "after the load", stats)
        log_text = open(cluster.log).read()
        check_overrides(report, cluster, stats, "after the load", log_text)
        server_errors = [l for l in log_text[log_offset:].splitlines() if re.search(r"\b(PANIC|FATAL):", l)]
        report.check(not server_errors, "the server log has no FATAL or PANIC line", "\n".join(server_errors[:10]))

        # dashboards on the idle server, same data: the baseline of the latencies under load
        idle = collections.defaultdict(list)
        conn = psycopg2.connect(cluster.dsn("soak_dashboard"))
        conn.autocommit = True
        cur = conn.cursor()
        q = load.clock
        for _ in range(args.idle_runs):
            for title, sql in load.panels:
                for quarter in (q, random.randrange(max(q, 1))):
                    began = time.monotonic()
                    cur.execute(expand_panel(sql, quarter))
                    cur.fetchall()
                    idle["panel: " + re.sub(r", \$quarter$", "", title)].append(time.monotonic() - began)
        conn.close()

        # the dumps taken under load restore with every invariant holding
        report.check(dumper.error is None and dumper.counts is not None, "pg_dump and pg_dumpall ran under load",
                     dumper.error)
        if dumper.counts is not None:
            proc = cluster.psql("-c", "CREATE DATABASE soak_restored", dbname="postgres")
            restore = subprocess.run([os.path.join(bindir, "pg_restore"), "-d", "soak_restored",
                                      os.path.join(folder, "soak.dump")], env=cluster.env(), capture_output=True, text=True)
            report.check(restore.returncode == 0, "pg_restore of the pg_dump taken under load", restore.stderr)
            counts = check_invariants(report, cluster.dsn(dbname="soak_restored"), "pg_dump restored")
            report.check(counts == dumper.counts, "pg_dump restored: every table holds the rows of the dump's snapshot",
                         "%s\n%s" % (counts, dumper.counts))
            second = new_cluster(bindir, folder, "data2")
            second.start()
            # without ON_ERROR_STOP: the new cluster's own superuser already exists
            proc = subprocess.run([os.path.join(bindir, "psql"), "-X", "-q", "-f", os.path.join(folder, "all.sql")],
                                  env=second.env("postgres"), capture_output=True, text=True)
            errors = [l for l in proc.stderr.splitlines() if "ERROR" in l and 'role "postgres" already exists' not in l]
            report.check(proc.returncode == 0 and not errors,
                         "pg_dumpall taken under load restores into a new cluster (only error: role postgres exists)",
                         "\n".join(errors[:10]) or proc.stderr[-2000:])
            counts = check_invariants(report, second.dsn(), "pg_dumpall restored")
            low, high = dumper.dumpall_bounds
            report.check(all(low[t] <= counts[t] <= high[t] for t in low),
                         "pg_dumpall restored: every table holds rows between the counts before and after the dump",
                         "%s\n%s\n%s" % (low, counts, high))

        report.say("Run: %s, %d clients (%s) plus a quarter closer and a dumper, %.0f s, on %d CPUs; %s."
                   % (version, args.clients, ", ".join("%d %ss" % (n, r) for r, n in sorted(roles.items())),
                      elapsed, os.cpu_count(), time.strftime("%Y-%m-%d")))
        report.say("")
        summarize_kinds(report, stats, elapsed)
        report.say("")
        report.say("Quarters closed: %d, each with a snapshot of its views; unexpected errors: %d; invariant violations: %d."
                   % (closer.closes, len(stats.unexpected), len([f for f in report.failures if ":" in f])))
        closes = stats.latency.get("quarter close", [])
        updates = stats.latency.get("quarter close: the UPDATE", [])
        writes = [x for k, v in stats.latency.items() if not k.startswith(("panel: ", "quarter close")) for x in v]
        report.say("A quarter close's transaction (the UPDATE that rolls it forward, then the test's snapshot of its "
                   "views): p50 %.2f s, max %.2f s, of which the UPDATE p50 %.2f s, max %.2f s; plan writes meanwhile "
                   "wait for it. Every committed write: p50 %.1f ms, p99 %.1f ms, max %.0f ms."
                   % (percentile(closes, 50), max(closes or [float("nan")]), percentile(updates, 50),
                      max(updates or [float("nan")]), 1000 * percentile(writes, 50), 1000 * percentile(writes, 99),
                      1000 * max(writes or [float("nan")])))
        report.say("pg_dump under load: %.1f s, pg_dumpall: %.1f s." % (dumper.seconds.get("pg_dump", float("nan")),
                                                                     dumper.seconds.get("pg_dumpall", float("nan"))))
        report.say("")
        report.say("| dashboard query | runs under load | p50 under load (ms) | p99 under load (ms) | p50 idle (ms) | p99 idle (ms) | p50 ratio |")
        report.say("|---|---:|---:|---:|---:|---:|---:|")
        for name in sorted(idle):
            busy = stats.latency.get(name, [])
            report.say("| %s | %d | %.1f | %.1f | %.1f | %.1f | %.1f |" % (
                name[len("panel: "):], len(busy), 1000 * percentile(busy, 50), 1000 * percentile(busy, 99),
                1000 * percentile(idle[name], 50), 1000 * percentile(idle[name], 99),
                percentile(busy, 50) / percentile(idle[name], 50)))
        allbusy = [x for n in idle for x in stats.latency.get(n, [])]
        allidle = [x for n in idle for x in idle[n]]
        report.say("| **every panel** | %d | %.1f | %.1f | %.1f | %.1f | %.1f |" % (
            len(allbusy), 1000 * percentile(allbusy, 50), 1000 * percentile(allbusy, 99),
            1000 * percentile(allidle, 50), 1000 * percentile(allidle, 99),
            percentile(allbusy, 50) / percentile(allidle, 50)))
    finally:
        cluster.stop()
        if second:
            second.stop()
        if not args.keep:
            subprocess.run(["rm", "-rf", folder])
    return report


def settle(cluster, stats, counts):
    """After a recovery, what was in flight is known: what the tables hold is
    the new committed count, so that a later crash losing rows is not hidden
    by rows an earlier one kept."""
    for table in WRITE_TABLES:
        stats.committed[table] = counts[table] - SETUP_ROWS.get(table, 0) - (5 if table == "okrkpi.kpis" else 0)
    stats.committed["deleted key results"] = 0
    stats.in_flight_total += sum(stats.in_doubt.values())
    stats.in_doubt.clear()
    conn = psycopg2.connect(cluster.dsn())
    cur = conn.cursor()
    cur.execute("SELECT reason FROM okrkpi.overrides UNION ALL SELECT reason FROM soak.override_log")
    logged = {r for (r,) in cur.fetchall()}
    conn.close()
    stats.overrides.extend(r for r in stats.overrides_in_doubt if r in logged)
    stats.overrides_in_doubt.clear()


def recovery_log_errors(text):
    return [l for l in text.splitlines() if re.search(r"\b(ERROR|FATAL|PANIC):", l)]


def crash(args):
    report = Report()
    folder = tempfile.mkdtemp(prefix="okrkpi-crash.")
    os.chmod(folder, 0o777)
    bindir = os.environ["PG_BINDIR"]
    cluster = new_cluster(bindir, folder, "data")
    stats = Stats()
    moments = collections.Counter()
    try:
        cluster.start()
        setup(cluster)
        for n in range(1, args.crashes + 1):
            load = Load(cluster, stats, args.clients, 0.5, True)
            moment = ["at a random moment of the writes", "during a quarter close", "during an override"][(n - 1) % 3]
            load_log_start = os.path.getsize(cluster.log)
            with QuietCopy():
                closer, _ = start_load(load, args.clients)
                time.sleep(random.uniform(1.0, 4.0))
                hook = {"during a quarter close": load.closing, "during an override": load.overriding}.get(moment)
                started = hook is None or hook.wait(30)
                load_log_end = os.path.getsize(cluster.log)
                load.killed.set()
                cluster.kill()
                moments[moment] += 1
                load.server_gone.set()
                load.stop.set()
                for t in load.threads:
                    t.join(60)
            report.check(started, "crash %d: killed %s" % (n, moment))
            with open(cluster.log) as f:
                f.seek(load_log_start)
                died = [l for l in f.read(load_log_end - load_log_start).splitlines()
                        if re.search(r"terminated by signal|\bPANIC:", l)]
            report.check(not died, "crash %d: no server process died under the load before the kill" % n,
                         "\n".join(died[:10]))
            offset = cluster.start()
            with open(cluster.log) as f:
                f.seek(offset)
                recovery = f.read()
            errors = recovery_log_errors(recovery)
            ran_recovery = "was interrupted" in recovery or "not properly shut down" in recovery
            report.check(ran_recovery and not errors, "crash %d (%s): crash recovery ran, its log has no ERROR, FATAL or PANIC"
                         % (n, moment), "\n".join(errors[:10]) or recovery[-1500:])
            counts = check_invariants(report, cluster.dsn(), "crash %d" % n, stats)
            check_overrides(report, cluster, stats, "crash %d" % n, open(cluster.log).read())
            settle(cluster, stats, counts)
        report.check(not stats.unexpected, "every error was one its statement expected (%d unexpected)"
                     % len(stats.unexpected), "\n".join(map(str, collections.Counter(stats.unexpected).most_common(20))))
        conn = psycopg2.connect(cluster.dsn())
        cur = conn.cursor()
        cur.execute("SELECT count(*) FROM okrkpi.cycles WHERE closed_at IS NOT NULL")
        closed = cur.fetchone()[0]
        conn.close()
        report.say("Crash test: %d kills of the postmaster (%s); %d statements committed, %d quarters closed, "
                   "%d overrides committed; %d rows were in flight at the kills." % (args.crashes, ", ".join("%d %s" % (c, m) for m, c in moments.items()),
                                    sum(stats.ok.values()), closed, len(stats.overrides), stats.in_flight_total))
    finally:
        cluster.stop()
        if not args.keep:
            subprocess.run(["rm", "-rf", folder])
    return report


class QuietCopy:
    """While the server dies under a COPY, psycopg2 prints the lost connection on
    stderr from C (a SystemError chained to AdminShutdown); the client handles it.
    Keep those lines out of the log and show anything else that came."""

    def __enter__(self):
        sys.stderr.flush()
        self.saved = os.dup(2)
        self.file = tempfile.TemporaryFile(mode="w+")
        os.dup2(self.file.fileno(), 2)
        return self

    def __exit__(self, *exc):
        sys.stderr.flush()
        os.dup2(self.saved, 2)
        os.close(self.saved)
        self.file.seek(0)
        noise = re.compile(r"^(psycopg2\.errors\.AdminShutdown: |CONTEXT:  COPY |$|The above exception was the direct "
                           r"cause|SystemError: <function decode at)")
        rest = [line for line in self.file.read().splitlines() if not noise.match(line)]
        if rest:
            print("\n".join(rest), file=sys.stderr)
        self.file.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("mode", choices=["soak", "crash"])
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=600)
    parser.add_argument("--close-every", type=float,
                        help="seconds between quarter closes (default: the run's length / 30, at least 5)")
    parser.add_argument("--crashes", type=int, default=20)
    parser.add_argument("--idle-runs", type=int, default=20)
    parser.add_argument("--report")
    parser.add_argument("--keep", action="store_true", help="keep the cluster's folder (and its log)")
    args = parser.parse_args()
    random.seed()
    if args.close_every is None:
        args.close_every = max(5.0, args.seconds / 30)
    report = soak(args) if args.mode == "soak" else crash(args)
    text = "\n".join(report.lines) + "\n"
    print(text)
    if args.report:
        with open(args.report, "w") as f:
            f.write(text)
    print("%s: %d failed" % (args.mode, len(report.failures)))
    sys.exit(1 if report.failures else 0)


if __name__ == "__main__":
    main()
