# dlnotes: `make serve` and `make test` each set everything up first.
# Set-up is idempotent: make compares timestamps, so a second run installs nothing.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
# make serve PORT=8001 serves on another port.
PORT   ?= 8000
PY_STAMP   := $(VENV)/.dlnotes-installed
NODE_STAMP := node_modules/.dlnotes-installed

# Material prints a long banner about MkDocs 2.0 that would bury real warnings.
export NO_MKDOCS_2_WARNING := 1
export PIP_DISABLE_PIP_VERSION_CHECK := 1
# Dates in the build (sitemap, figure metadata) come from the last commit, so two builds
# of one commit give the same files on any day.
export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 0)

.DEFAULT_GOAL := help
.PHONY: help setup prerequisites serve build pdf lint format test bench clean

help:
	@echo "make setup   install what the others need (.venv from requirements.lock, node_modules), only if missing or stale"
	@echo "make serve   set up, then serve the site with live reload at http://127.0.0.1:8000 (PORT=8001: another port)"
	@echo "make test    set up, then run the gates (make lint) and the whole test suite (doc examples, docstrings, build)"
	@echo "make lint    set up, then check lint (ruff), format (ruff format), types (mypy) and layers (import-linter); changes nothing"
	@echo "make format  set up, then format the code and apply ruff's safe fixes"
	@echo "make build   set up, then build the site strictly into site/"
	@echo "make pdf     make build, then print the notes as one PDF, site/dlnotes.pdf (needs Chromium)"
	@echo "make bench   set up, then run the speed benchmarks and measure the site's budgets"
	@echo "make clean   remove the virtualenv, node_modules, site/, caches and whatever the tests wrote"

# One line each, naming what to install. Cheap (a few ms), so it runs every time.
prerequisites:
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "dlnotes needs Python >= 3.11: install it (or run make PYTHON=/path/to/python3.11)"; exit 1; }
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "dlnotes needs Python >= 3.11, $(PYTHON) is $$($(PYTHON) -V 2>&1): install a newer one (or run make PYTHON=...)"; exit 1; }
	@command -v node >/dev/null 2>&1 || { echo "dlnotes needs Node.js >= 18 with npm: install Node.js"; exit 1; }
	@node -e 'process.exit(Number(process.versions.node.split(".")[0]) < 18 ? 1 : 0)' || { echo "dlnotes needs Node.js >= 18, found $$(node --version): install a newer Node.js"; exit 1; }
	@command -v npm >/dev/null 2>&1 || { echo "dlnotes needs npm (it ships with Node.js): install npm"; exit 1; }

setup: prerequisites $(PY_STAMP) $(NODE_STAMP)

# Hash-pinned: pip refuses any file whose hash is not in requirements.lock.
$(PY_STAMP): requirements.lock pyproject.toml
	@$(PYTHON) -c 'import ensurepip, venv' 2>/dev/null || { echo "dlnotes needs Python's venv module: install python3-venv"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation --editable .
	@touch $@

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

# Checks the port first: one line if it is taken, not MkDocs' traceback. Watches docs/, mkdocs.yml and dlnotes/.
serve: setup
	@$(BIN)/python -m dlnotes.site_build.serve --port $(PORT)

build: setup
	$(BIN)/mkdocs build --strict --clean --site-dir site

# The notes as one PDF, site/dlnotes.pdf, printed by the system's Chromium from the built site.
pdf: build
	@$(BIN)/python -m dlnotes.site_build.pdf --site site --output site/dlnotes.pdf

# The gates read their configuration from pyproject.toml ([tool.ruff], [tool.mypy], [tool.importlinter]).
lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports --no-cache

format: setup
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# The gates first: they take seconds, the suite takes minutes. One pytest worker per CPU (pytest-xdist):
# the browser's pages, the builds of broken copies and the notebooks keep every core busy.
test: setup lint
	$(BIN)/python -m pytest -n auto --junitxml=.benchmarks/test-suite.xml

bench: setup
	$(BIN)/python -m benchmarks

# The tests write .hypothesis/ and .pytest_cache/ wherever pytest runs, and Python writes __pycache__/.
clean:
	rm -rf $(VENV) node_modules site .cache .benchmarks .ruff_cache .mypy_cache
	find . -name .git -prune -o -type d \( -name .hypothesis -o -name .pytest_cache -o -name __pycache__ \) -prune -exec rm -rf {} +
