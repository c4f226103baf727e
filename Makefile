# tokenburner — the two commands are `make run` and `make test` (see README.md).
SHELL := /bin/bash
SWIFT ?= swift
BUILD_DIR ?= .build
BIN := $(BUILD_DIR)/debug/tokenburner
ARGS ?=

.PHONY: run test bench fuzz build deps-build deps-run deps-test checks unit integration clean

## run: install what is missing, build, and start the wizard (a simulated token when no reader)
run: deps-run
	$(SWIFT) build --product tokenburner
	scripts/run.sh $(ARGS)

## test: install what is missing, check the import rules, build once, run every test layer;
## one private PostgreSQL cluster (scripts/with-postgres.sh) serves both layers and is stopped
## afterwards, whatever the outcome
test: deps-test checks
	$(SWIFT) build --build-tests
	scripts/with-postgres.sh $(MAKE) --no-print-directory unit integration

## checks: the import and link rules of docs/architecture.md and swift format lint --strict,
## each with the proof that its check can fail
checks:
	@scripts/check-imports.sh
	@scripts/tests/check-imports-test.sh
	@scripts/check-links.sh
	@scripts/tests/check-links-test.sh
	@scripts/check-format.sh
	@scripts/tests/check-format-test.sh

## bench: release build of tokenburner, then every scripts/bench/*.sh as one table
## (also written to .build/bench/results.json)
bench: deps-test
	$(SWIFT) build -c release --product tokenburner
	$(SWIFT) build -c release --product tokenburner-bench
	scripts/bench.sh $(BUILD_DIR)/release/tokenburner

## fuzz: every fuzz target under libFuzzer for FUZZ_SECONDS each (default 300), one at a time,
## built in .build-fuzz; crash inputs land in .build-fuzz/crashes/
fuzz: deps-test
	scripts/fuzz.sh

unit:
	$(SWIFT) test --skip-build --parallel

## integration: every scripts/integration suite, with one privacyIDEA test server up for the
## run (started before, stopped after, also on failure)
integration:
	scripts/with-privacyidea.sh scripts/test-integration.sh $(BIN)

build: deps-build
	$(SWIFT) build --build-tests

deps-build:
	@scripts/install-deps.sh build
deps-run:
	@scripts/install-deps.sh run
deps-test:
	@scripts/install-deps.sh test

clean:
	rm -rf $(BUILD_DIR)
