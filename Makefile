# The two everyday commands: `make run` (set up + serve) and `make test` (set up + whole suite).
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8050
# gunicorn worker processes. Each is one Python interpreter, which runs one thread at a time: with 2
# workers on 2 cores a request often waited for its own worker while the other core sat idle (200
# simulated users: 1.24 of 2 cores busy, p95 430-600 ms); 4 hold them (p95 220-280 ms).
WORKERS ?= 4
# seconds an idle kept-alive connection stays open: well past a busy client's reuse of it, so the
# server never closes one just as a request goes out on it (the client would see a reset)
KEEPALIVE ?= 10
DB := data/sdg.duckdb
# The database is rebuilt when any bundled input, reference table or ETL source is newer.
DB_INPUTS := $(wildcard data/raw/*) $(wildcard data/reference/*.csv) $(wildcard etl/*.py etl/sql/*.sql)

.PHONY: setup run test bench loadtest lint sample clean test-sysdeps test-a11y-deps plotly-bundle screenshots fonts bootstrap-css regenerator-runtime

$(VENV)/.installed: requirements.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@touch $@

$(VENV)/.dev-installed: requirements-dev.txt requirements.txt $(VENV)/.installed
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	@touch $@

$(DB): $(VENV)/.installed $(DB_INPUTS)
	$(PY) -m etl build --source data/raw --db $(DB)

setup: $(VENV)/.installed $(DB)

run: setup
	SDG_DB=$(DB) $(VENV)/bin/gunicorn --bind $(HOST):$(PORT) --workers $(WORKERS) --threads 4 \
		--timeout 120 --keep-alive $(KEEPALIVE) --access-logfile - app:server

test-sysdeps:
	@scripts/ensure-test-system-packages

# axe-core, pinned in tests/a11y/package-lock.json, for the accessibility audit (tests/browser/test_a11y.py)
AXE := tests/a11y/node_modules/axe-core/axe.min.js
$(AXE): tests/a11y/package-lock.json
	cd tests/a11y && npm ci --no-audit --no-fund
	@touch $@

test-a11y-deps: $(AXE)

test: setup $(VENV)/.dev-installed test-sysdeps test-a11y-deps
	$(PY) -m pytest

lint: $(VENV)/.dev-installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy

sample: $(VENV)/.installed
	$(PY) -m etl sample

bench: setup $(VENV)/.dev-installed test-sysdeps
	$(PY) -m bench

# Writes bench/loadtest.json and regenerates the README's load-test line from it.
loadtest: setup $(VENV)/.dev-installed
	$(PY) -m bench.loadtest

# The README's screenshots: the two browser tests that take them save into tests/artifacts/ (tests
# never write tracked files); only this target copies them over docs/screenshots/.
SCREENSHOT_TESTS := tests/browser/test_overview.py::test_map_draws_77_provinces \
	tests/browser/test_province.py::test_province_page_grid_legend_and_screenshot
screenshots: setup $(VENV)/.dev-installed test-sysdeps
	rm -f tests/artifacts/overview.png tests/artifacts/province.png
	$(PY) -m pytest -q $(SCREENSHOT_TESTS)
	mkdir -p docs/screenshots
	cp tests/artifacts/overview.png tests/artifacts/province.png docs/screenshots/

# Not part of run or test: the built file is committed. Rebuild after bumping plotly (the test suite
# checks the bundle's plotly.js version against plotly.py's); needs node and npm.
plotly-bundle:
	cd scripts/plotly-bundle && npm ci --no-audit --no-fund && node build.js ../../assets/plotly-sdg.min.js

# Not part of run or test: the web fonts (assets/fonts/*.woff2 and assets/00-fonts.css) are committed,
# subset from fonts/*.ttf to the characters the dashboard writes; tests/assets checks they match.
fonts: $(VENV)/.dev-installed
	$(PY) scripts/subset_fonts.py

# Not part of run or test: assets/01-bootstrap.min.css is committed, the rules of the full Bootstrap
# (scripts/bootstrap-css/bootstrap.min.css) that the app's code, the intake's templates and the
# component bundles can use (PurgeCSS, pinned in scripts/bootstrap-css/package-lock.json); rebuild
# after changing classes in the code or bumping dash-bootstrap-components. Needs node and npm.
SITE := $(shell $(PY) -c "import sysconfig; print(sysconfig.get_paths()['purelib'])" 2>/dev/null)
bootstrap-css: $(VENV)/.installed
	cd scripts/bootstrap-css && npm ci --no-audit --no-fund && node build.js ../../assets/01-bootstrap.min.css \
		$(SITE)/dash_bootstrap_components/_components/dash_bootstrap_components.min.js \
		$(SITE)/dash/dcc/dash_core_components.js $(SITE)/dash/dcc/async-dropdown.js

# Not part of run or test: assets/regenerator-runtime.js is committed, scripts/regenerator-runtime/runtime.js
# minified with the plotly bundle's pinned esbuild (a quarter of the bytes on the wire). Needs node and npm.
RUNTIME_BANNER := /*! regenerator-runtime 0.13.11 (runtime.js, minified by `make regenerator-runtime`) | Copyright (c) 2014-present, Facebook, Inc. | MIT License, assets/LICENSES.md */
regenerator-runtime:
	cd scripts/plotly-bundle && npm ci --no-audit --no-fund && node_modules/.bin/esbuild \
		../regenerator-runtime/runtime.js --minify '--banner:js=$(RUNTIME_BANNER)' --outfile=../../assets/regenerator-runtime.js

# Everything the commands above generate (what .gitignore lists); committed files are left alone.
# data/intake is the default intake state (accounts, uploads, audit log) of a development checkout:
# an installation keeps its own in SDG_INTAKE_DIR, outside the repository.
clean:
	rm -rf $(VENV) data/*.duckdb data/*.duckdb.wal data/.*.building-* data/build-report* \
		data/quarantine* data/etl-error.log data/gunicorn-*.log data/national data/intake bench/work tests/artifacts \
		bench/lighthouse/node_modules \
		.cache .pytest_cache .mypy_cache .ruff_cache .hypothesis scripts/plotly-bundle/node_modules \
		tests/a11y/node_modules
	find . -path ./.git -prune -o \( -name __pycache__ -o -name '*.tmp' \) -prune -exec rm -rf {} +
