# okrkpi: PGXS build.  `make`, `make install`, `make installcheck` as usual;
# `make test` and `make demo` do everything on a fresh Debian machine (see README).

EXTENSION = okrkpi
EXTVERSION = $(shell sed -n "s/^default_version = '\(.*\)'/\1/p" okrkpi.control)

MODULE_big = okrkpi
OBJS = \
	src/okrkpi.o \
	src/type_errors.o \
	src/text_io.o \
	src/catalog.o \
	src/json.o \
	src/binary.o \
	src/literal.o \
	src/scoring.o \
	src/key_result.o \
	src/kpi.o \
	src/quarter.o \
	src/score_functions.o \
	src/statement.o \
	src/statement_functions.o \
	src/state.o \
	src/aggregates.o \
	src/settings.o \
	src/trigger_config.o \
	src/retired_plans.o \
	src/trigger_rows.o \
	src/group_limit.o \
	src/override_log.o \
	src/plan_rules.o \
	src/closed_cycles.o \
	src/column_guard.o \
	src/symbols_0_1_0.o

# The extension's SQL lives in extension/ (extension/README.md): the install
# script of the current version is its parts extension/NN_*.sql in name order;
# each update script okrkpi--OLD--NEW.sql is extension/updates/OLD--NEW.sql
# with the definitions it names (--@include, --@replace) taken from those
# parts, so that every definition is written once.  Only the current full
# script and the update scripts are installed; the frozen full scripts of
# earlier releases live in test/update/releases/ for the update suite.
INSTALL_PARTS = $(sort $(wildcard extension/[0-9]*.sql))
UPDATE_SOURCES = $(sort $(wildcard extension/updates/*--*.sql))
UPDATE_SCRIPTS = $(patsubst extension/updates/%,$(EXTENSION)--%,$(UPDATE_SOURCES))
DATA_built = $(EXTENSION)--$(EXTVERSION).sql $(UPDATE_SCRIPTS)

# pg_regress suites: sql/ and expected/ (PGXS's defaults).  Isolation specs:
# test/isolation/specs, expected output in test/isolation/expected.  pgTAP:
# test/pgtap/*.sql, run by pg_prove.  `make installcheck` runs all three
# against the server that PG_CONFIG and the PG* variables point at.
REGRESS = types_output types_errors states_binary parallel triggers_example plan_rollforward readme_example own_rollforward column_guard_detach
ISOLATION = kr_limit kpi_limit kpi_retire close_cycle close_cycle_writes close_cycle_edits alignment column_guard_lock limit_unhashable trigger_composite_lock
ISOLATION_OPTS = --inputdir=test/isolation
PGTAP_TESTS = $(sort $(wildcard test/pgtap/*.sql))
PGTAP_DB = okrkpi_pgtap
# our installcheck (below) runs PGXS's pg_regress and isolation suites, then pgTAP
NO_INSTALLCHECK = 1

PG_CFLAGS = -Wall -Wextra
# The server's headers are system headers to us: -Wextra is for our code.
PG_CPPFLAGS = -isystem $(shell $(PG_CONFIG) --includedir-server 2>/dev/null)
ifeq ($(WERROR),1)
PG_CFLAGS += -Werror
endif

EXTRA_CLEAN = results regression.diffs regression.out tmp_check output_iso

PG_CONFIG ?= pg_config
PGXS := $(shell $(PG_CONFIG) --pgxs 2>/dev/null)
ifneq ($(wildcard $(PGXS)),)
include $(PGXS)

.PHONY: installcheck installcheck-regress installcheck-pgtap
installcheck:
	$(MAKE) installcheck-regress
	$(MAKE) installcheck-pgtap

installcheck-regress: $(REGRESS_PREP)
	$(pg_regress_installcheck) $(REGRESS_OPTS) $(REGRESS)
	$(pg_isolation_regress_installcheck) $(ISOLATION_OPTS) $(ISOLATION)

# pgTAP in a database of its own, with the psql of PG_CONFIG's installation
installcheck-pgtap:
	$(bindir)/dropdb --if-exists $(PGTAP_DB)
	$(bindir)/createdb $(PGTAP_DB)
	pg_prove --failures --psql-bin $(bindir)/psql -d $(PGTAP_DB) $(PGTAP_TESTS); \
		status=$$?; $(bindir)/dropdb $(PGTAP_DB); exit $$status
else
# Without the server headers only `make test` and `make demo` work: they install them.
all install installcheck installcheck-regress installcheck-pgtap:
	@echo "PGXS not found: install postgresql-server-dev-15, or run 'make test', which does" >&2
	@exit 1
endif

# A script that fails to assemble is not left behind half written.
.DELETE_ON_ERROR:
$(EXTENSION)--$(EXTVERSION).sql: $(INSTALL_PARTS) scripts/assemble-sql.awk okrkpi.control
	awk -f scripts/assemble-sql.awk $(INSTALL_PARTS) > $@
$(EXTENSION)--%.sql: extension/updates/%.sql $(INSTALL_PARTS) scripts/assemble-sql.awk
	awk -v update=$< -f scripts/assemble-sql.awk $(INSTALL_PARTS) $< > $@

.PHONY: test demo bench citus-test fuzz asan-test compile-pg17
test:
	@bash test/run

demo:
	@bash demo/run

bench:
	@bash bench/run

# The PGXN release (RELEASING.md): `make dist` writes build/okrkpi-VERSION.zip
# from HEAD (scripts/dist); `make pgxn-test` installs that archive with
# Debian's pgxnclient into PG_CONFIG's PostgreSQL and tests it there.
.PHONY: dist pgxn-test
dist:
	@bash scripts/dist

pgxn-test:
	@bash test/package/pgxn

# Citus: a coordinator and two workers on loopback (skips when Citus is not installed)
citus-test:
	@bash test/citus/run

# libFuzzer on the plain-C parsers and scoring (test/fuzz/README.md);
# FUZZ_SECONDS per target.  make test runs each target for a fixed 20000 runs.
fuzz:
	@FUZZ_RUNS=$${FUZZ_RUNS:-0} FUZZ_SECONDS=$${FUZZ_SECONDS:-60} bash test/fuzz/run

# The suites against an AddressSanitizer/UBSan build of the module (test/fuzz/README.md)
asan-test:
	@bash scripts/asan-test

# Every src/*.c compiled, warnings as errors, against PostgreSQL 17's server
# headers and PGXS flags from Debian 13's packages (scripts/compile-check):
# 17 cannot be run here, only compiled against.
compile-pg17:
	@bash scripts/compile-check 17

# Under load and faults (doc/operations.md), each in clusters of its own:
# `make soak` runs SOAK_CLIENTS (16) clients for SOAK_SECONDS (600) against
# PG_MAJOR's PostgreSQL, with pg_dump and pg_dumpall taken under load;
# `make crash-test` kills the postmaster CRASHES (20) times under load;
# `make upgrade-test` runs pg_upgrade from PostgreSQL 15 to 18;
# `make replication-test` reads the plan through logical subscribers
# (binary and text) and a hot standby.  .ci/run runs a 60-second soak and
# the other three.
.PHONY: soak crash-test upgrade-test replication-test
soak:
	@bash test/soak/run soak

crash-test:
	@bash test/soak/run crash

upgrade-test:
	@bash test/upgrade/run

replication-test:
	@bash test/replication/run

# Debian packages (debian/): `make deb` builds postgresql-N-okrkpi for each
# major of debian/pgversions this system has, from the committed tree, into
# build/deb/, lintian-clean of errors.  `make package-test` tests both ways
# users install okrkpi (test/package/): the Debian package installed with
# apt-get, its autopkgtest (debian/tests/) run and the package purged; then
# the PGXN archive through pgxnclient.  Both need root, and leave the system
# PostgreSQL 15 without okrkpi (make install puts it back).
.PHONY: deb package-test package-test-deb
deb:
	@bash scripts/deb

package-test:
	@bash test/package/deb
	@bash test/package/pgxn

package-test-deb:
	@bash test/package/deb
