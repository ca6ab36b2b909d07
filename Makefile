# okrkpi: PGXS build.  `make`, `make install`, `make installcheck` as usual;
# `make test` and `make demo` do everything on a fresh Debian machine (see README).

EXTENSION = okrkpi
EXTVERSION = $(shell sed -n "s/^default_version = '\(.*\)'/\1/p" okrkpi.control)

MODULE_big = okrkpi
OBJS = \
	src/okrkpi.o \
	src/binary.o \
	src/literal.o \
	src/scoring.o \
	src/key_result.o \
	src/kpi.o \
	src/quarter.o \
	src/score_functions.o \
	src/statement.o \
	src/plan_functions.o \
	src/state.o \
	src/aggregates.o \
	src/settings.o \
	src/trigger_args.o \
	src/trigger_rows.o \
	src/group_limit.o \
	src/override_log.o \
	src/triggers.o \
	src/symbols_0_1_0.o

# The install script of the current version is assembled from extension/,
# one file per job, in name order.  sql/ holds what earlier releases need:
# their full install scripts, frozen as released, and the update scripts
# okrkpi--OLD--NEW.sql that ALTER EXTENSION okrkpi UPDATE follows.
EXTENSION_PARTS = $(sort $(wildcard extension/*.sql))
DATA_built = $(EXTENSION)--$(EXTVERSION).sql
DATA = $(filter-out sql/$(EXTENSION)--$(EXTVERSION).sql,$(wildcard sql/$(EXTENSION)--*.sql))

# pg_regress suites in test/sql (expected output in test/expected), isolation
# specs in test/specs; pgTAP and the other suites are run by `make test`.
REGRESS = types_output types_errors states_binary parallel triggers_example plan_rollforward readme_example own_rollforward
REGRESS_OPTS = --inputdir=test
ISOLATION = kr_limit kpi_limit close_cycle alignment
ISOLATION_OPTS = --inputdir=test

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
else
# Without the server headers only `make test` and `make demo` work: they install them.
all install installcheck:
	@echo "PGXS not found: install postgresql-server-dev-15, or run 'make test', which does" >&2
	@exit 1
endif

$(DATA_built): $(EXTENSION_PARTS) okrkpi.control
	cat $(EXTENSION_PARTS) > $@

.PHONY: test demo bench citus-test fuzz asan-test compile-pg17
test:
	@bash test/run

demo:
	@bash demo/run

bench:
	@bash bench/run

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
