# Plan Warehouse: the single entry point. `make run` and `make test` work on a fresh clone.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

# The analysts' DuckDB file. Refreshes write the build file beside it (dbt's profiles.yml reads
# PLAN_WAREHOUSE_BUILD_DB) and publish it over this one only when every check passed.
export PLAN_WAREHOUSE_DB ?= $(CURDIR)/warehouse/plans.duckdb
export PLAN_WAREHOUSE_BUILD_DB := $(dir $(PLAN_WAREHOUSE_DB))build/$(notdir $(PLAN_WAREHOUSE_DB))
export PLAN_WAREHOUSE_RAW_DIR ?= $(CURDIR)/raw
export DAGSTER_HOME := $(CURDIR)/.dagster_home
# No network beyond the package registries: no telemetry from dbt or Dagster.
export DBT_SEND_ANONYMOUS_USAGE_STATS := false
export DAGSTER_DISABLE_TELEMETRY := true
# numpy (the PDF extractor's word starts) needs no BLAS thread: an idle OpenBLAS worker spins on the other
# core for 5-30 ms after each import (tools/bench_pdf.py measured it), stealing it from the second worker.
export OPENBLAS_NUM_THREADS ?= 1
# The global flags of every dbt command (dagster_project/resources.py DBT_FLAGS says why).
DBT := $(BIN)/dbt --no-use-colors --log-level-file none
# Absolute paths: the manifest records them, and seeds are read relative to them.
DBT_DIRS := --project-dir $(CURDIR)/dbt --profiles-dir $(CURDIR)/dbt

.PHONY: help setup manifest run summary test test-fast fuzz lint format ui clean docs cookbook contracts browser poppler corpus bench screenshots

help:
	@echo "make run       set up .venv, build the warehouse from raw/ and print its marts"
	@echo "make summary   print the marts of the published warehouse again (read-only)"
	@echo "make test      set up .venv, lint, run the tests"
	@echo "make test-fast ruff + the tests that run no refresh (parsers, schemas, loaders, assets alone; under a minute)"
	@echo "make lint      ruff + sqlfluff         make format   fix what ruff and sqlfluff can"
	@echo "make ui        Dagster UI on http://127.0.0.1:3000 (schedule and sensor run while it is up)"
	@echo "make setup     .venv from requirements.lock   make manifest   setup + dbt parse"
	@echo "make docs      dbt docs site into docs/dbt/   make cookbook   docs/sql_cookbook.md from the warehouse"
	@echo "make contracts dbt sources/staging YAML and docs/raw_tables*.md from the pandera models (after editing one)"
	@echo "make browser   install headless Chromium for the report and UI screenshots (Debian, as root)"
	@echo "make poppler   install pdftotext, the floor make bench compares PDF extraction with (Debian)"
	@echo "make screenshots   UI pages in headless Chromium into docs/screenshots/ (UI_PORT=3017)"
	@echo "make fuzz      mutate the real documents for longer (FUZZ_EXAMPLES=500 per parser)"
	@echo "make corpus N=200 DIR=/tmp/corpus [SEED=…]   generated documents for scale tests (never raw/)"
	@echo "make bench [NS=\"2 200 2000\"]   PDF extraction vs pdftotext; parse, load, dbt, full and incremental refresh timings"
	@echo "make clean     remove the warehouse, exports, dbt target and Dagster home"
	@echo "environment: PLAN_WAREHOUSE_DB, PLAN_WAREHOUSE_RAW_DIR, PLAN_WAREHOUSE_EXPORTS_DIR (README)"

# uv (pinned, from PyPI) installs the locked packages, bytecode compiled as pip does: 11 s where
# `pip install -r requirements.lock` took 52 s here (2026-12-04), most of a fresh clone's set-up.
# editable_mode=compat puts the project folder on sys.path, so new sub-packages import without a reinstall.
UV_VERSION := 0.13.9
UV_PIP := $(BIN)/uv pip install --quiet --python $(BIN)/python
$(BIN)/.installed: pyproject.toml requirements.lock Makefile
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)
	$(UV_PIP) --compile-bytecode -r requirements.lock
	$(UV_PIP) --no-deps --config-setting editable_mode=compat -e .
	@touch $@

$(DAGSTER_HOME)/dagster.yaml: dagster.yaml
	@mkdir -p $(DAGSTER_HOME)
	cp dagster.yaml $@

setup: $(BIN)/.installed $(DAGSTER_HOME)/dagster.yaml

# dagster-dbt reads dbt/target/manifest.json; it is prepared here, never at import time. `dbt parse`
# runs again only when a file of dbt/ or seeds/ (or the installed packages) is newer than the manifest:
# a fresh clone parses once, `make test-fast` after an edit of Python only skips it.
MANIFEST := dbt/target/manifest.json
DBT_SOURCES := $(shell find dbt seeds \( -path dbt/target -o -path dbt/logs \) -prune -o -type f -print)

$(MANIFEST): $(BIN)/.installed $(DBT_SOURCES)
	$(DBT) parse $(DBT_DIRS) --quiet
	@touch $@

manifest: setup $(MANIFEST)

run: manifest
	$(BIN)/python -m dagster_project.cli refresh

summary: setup
	$(BIN)/python -m dagster_project.cli summary

lint: setup
	$(BIN)/ruff check dagster_project tests tools
	$(BIN)/ruff format --check dagster_project tests tools
	$(BIN)/sqlfluff lint dbt --processes 2

format: setup
	$(BIN)/ruff check --fix dagster_project tests tools
	$(BIN)/ruff format dagster_project tests tools
	$(BIN)/sqlfluff fix dbt --processes 2

# Two pytest-xdist workers, a module's tests on one of them (tests/conftest.py hands the slowest
# modules out first); `TEST_WORKERS=0 make test` runs in one process.
TEST_WORKERS ?= 2
PYTEST_PARALLEL := -n $(TEST_WORKERS) --dist loadscope --no-loadscope-reorder

test: manifest lint
	$(BIN)/pytest $(PYTEST_PARALLEL) --durations=15

# The developer's lane, every few minutes: everything but the end-to-end refreshes (marker `e2e`, set in
# tests/conftest.py). `make test` and CI run the whole suite.
test-fast: manifest
	$(BIN)/ruff check dagster_project tests tools
	$(BIN)/pytest -m "not e2e" -q -n $(TEST_WORKERS)

# The parser property tests with many fresh random examples (`make test` runs 20, derandomized).
FUZZ_EXAMPLES ?= 500
fuzz: setup
	PLAN_WAREHOUSE_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) PLAN_WAREHOUSE_FUZZ_RANDOM=1 $(BIN)/pytest tests/test_parser_fuzz.py

# Generated documents (tools/corpus): N variations of the two real ones, deterministic per SEED.
N ?= 200
DIR ?= /tmp/plan-warehouse-corpus
SEED ?= 20240601
corpus: setup
	$(BIN)/python -m tools.corpus.generate $(N) $(DIR) --seed $(SEED)

# Timings for N generated documents (tools/benchmark.py); NS="2 200" for a quicker run.
NS ?= 2 200 2000
# PDF extraction first (tools/bench_pdf.py, beside pdftotext -tsv), then the refresh at each N.
bench: manifest browser poppler
	$(BIN)/python -m tools.bench_pdf
	$(BIN)/python -m tools.benchmark $(NS)

ui: manifest
	$(BIN)/dagster dev -h 127.0.0.1 -p 3000

# The UI pages a user works with, as PNG in docs/screenshots/ (headless Chromium, `make browser`).
UI_PORT ?= 3017
screenshots: manifest
	$(BIN)/python -m dagster_project.screenshots $(CURDIR)/docs/screenshots $(UI_PORT)

# dbt's static docs site (models, columns, lineage) in one file, docs/dbt/index.html. The catalog is
# read from a copy of the published warehouse, so analysts are never locked out of the real one.
DOCS_DB := $(CURDIR)/docs/dbt/.catalog.duckdb
docs: manifest
	@mkdir -p docs/dbt
	@if [ -f "$(PLAN_WAREHOUSE_DB)" ]; then cp "$(PLAN_WAREHOUSE_DB)" "$(DOCS_DB)"; CATALOG=; \
	else rm -f "$(DOCS_DB)"; CATALOG=--empty-catalog; echo "no published warehouse: docs without column types (run make run first)"; fi; \
	PLAN_WAREHOUSE_BUILD_DB="$(DOCS_DB)" $(DBT) docs generate --static $$CATALOG $(DBT_DIRS) --quiet
	cp dbt/target/static_index.html docs/dbt/index.html
	@rm -f "$(DOCS_DB)" "$(DOCS_DB).wal"
	@echo "open docs/dbt/index.html"

cookbook: setup
	$(BIN)/python -m dagster_project.cookbook

# A raw table's columns are declared once, in its pandera model (dagster_project/schemas/): this writes
# dbt's sources and staging YAML and the column tables of docs/raw_tables*.md from them (tools/raw_contracts.py).
contracts: setup
	$(BIN)/python -m tools.raw_contracts

# Headless Chromium renders the HTML report in a test; CI machines start without it.
browser:
	@command -v chromium >/dev/null || { SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
	$$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium; }

# pdftotext (poppler-utils) is the floor `make bench` compares PDF extraction with; the product never uses it.
poppler:
	@command -v pdftotext >/dev/null || { SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
	$$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq poppler-utils; }

clean:
	rm -rf warehouse exports dbt/target dbt/logs .dagster_home .pytest_cache .ruff_cache
