# DVCQ: `make run` to try it, `make test` to check it. Both start from `make install`.
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
PYTHON := $(shell scripts/find-python)
PG_URL ?= postgres://postgres@127.0.0.1:5432/postgres

.PHONY: install install-dev run test test-sqlite test-postgres lint format messages clean

install: $(VENV)/.installed node_modules/htmx.org/dist/htmx.min.js

$(VENV)/.installed: requirements.txt pyproject.toml
	@test -n "$(PYTHON)" || { echo "Python 3.12+ is required"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $@

node_modules/htmx.org/dist/htmx.min.js: package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	touch $@

install-dev: install $(VENV)/.installed-dev

$(VENV)/.installed-dev: requirements-dev.txt $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@

# The demo's settings (DEBUG off, the installation's own keys in data/demo-keys.json) from
# the first migration on, so the demo's identities are sealed with the key it serves with.
run: export DJANGO_SETTINGS_MODULE = dvcq.settings_demo
run: install
	mkdir -p data
	$(BIN)/dvcq migrate --noinput
	$(BIN)/dvcq compilemessages --ignore=.venv --ignore=node_modules -v 0
	$(BIN)/dvcq load-demo
	@echo "DVCQ: http://127.0.0.1:8000/ (demo: no second factor unless DVCQ_REQUIRE_2FA=true)"
	@echo "The web server and the background worker run together; Ctrl-C stops both."
	DVCQ_REQUIRE_2FA=$${DVCQ_REQUIRE_2FA:-false} $(BIN)/dvcq serve-demo 127.0.0.1:8000

test: install-dev lint test-sqlite test-postgres

lint:
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/dvcq makemigrations --check --dry-run

# Two pytest-xdist workers (the machines have two cores); --dist loadscope keeps a module's
# tests on one worker so that its module-scoped fixtures are built once.
PYTEST_PARALLEL ?= -n 2 --dist loadscope

test-sqlite:
	$(BIN)/dvcq compilemessages --ignore=.venv --ignore=node_modules -v 0
	DATABASE_URL= $(BIN)/pytest $(PYTEST_PARALLEL) -m "not postgresql"

test-postgres:
	@if $(BIN)/python scripts/db_reachable.py "$(PG_URL)"; then \
	  DATABASE_URL="$(PG_URL)" $(BIN)/pytest $(PYTEST_PARALLEL) -m "not browser"; \
	elif [ "$${CI:-}" = "true" ]; then \
	  echo "PostgreSQL at $(PG_URL) is not reachable, and CI may skip nothing."; exit 1; \
	else \
	  echo "SKIPPED: the PostgreSQL half of the suite; no server answers at $(PG_URL)."; \
	fi

format:
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

messages:
	$(BIN)/dvcq makemessages -l en --ignore=.venv --ignore=node_modules --ignore=data

clean:
	rm -rf $(VENV) node_modules data/static

# Not part of `make test`: the scale-out rehearsal (nginx, two app servers, PostgreSQL, Redis,
# a worker, a shared data folder) and the screenshots under docs/screenshots/.
.PHONY: scale-test screenshots
scale-test: install-dev
	PG_URL="$(PG_URL)" $(BIN)/python scripts/scale-test/run.py

screenshots: install-dev
	$(BIN)/python scripts/screenshots.py
