# Transformations: the front door. `make help` lists the targets.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON_VERSION := $(shell cat .python-version)
# Python from pyenv when it has the pinned version, else python3.13 on the PATH.
PYTHON ?= $(shell p="$$(pyenv root 2>/dev/null)/versions/$(PYTHON_VERSION)/bin/python"; \
	if [ -x "$$p" ]; then echo "$$p"; else command -v python3.13 || command -v python3; fi)
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: help install run test lint format check-migrations demo clean docker-test node audit bench bench-import resilience

help: ## Show this help
	@grep -hE '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  make %-18s %s\n", $$1, $$2}'

$(BIN)/python:
	@$(PYTHON) -c 'import sys; assert sys.version_info[:2] == (3, 13), f"Python 3.13 is needed, found {sys.version.split()[0]} at {sys.executable}"'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml requirements.lock
	$(BIN)/pip install --quiet -c requirements.lock -e ".[dev]"
	@touch $@

install: $(VENV)/.installed ## Create the virtualenv and install the project (Python 3.13)

# npm tools pinned by package-lock.json: axe-core (browser tests), Lighthouse and vnu-jar (audit).
NODE_DEPS := node_modules/.package-lock.json
$(NODE_DEPS): package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts
	@touch $@

node: $(NODE_DEPS) ## Install the npm tools the browser tests and the audit use

run: install ## Migrate, load the demo site and serve it on http://127.0.0.1:8000
	$(MANAGE) migrate --noinput
	$(MANAGE) load_demo
	$(MANAGE) prepare_renditions
	@$(MANAGE) ensure_admin
	@echo "Site:  http://$(HOST):$(PORT)/"
	@echo "Admin: http://$(HOST):$(PORT)/admin/"
	$(MANAGE) runserver $(HOST):$(PORT)

demo: install ## Migrate and load the demo site without serving it
	$(MANAGE) migrate --noinput
	$(MANAGE) load_demo
	$(MANAGE) prepare_renditions

test: install ## Run the whole test suite (PostgreSQL when DATABASE_URL is set, else SQLite)
	$(BIN)/pytest $(PYTEST_ARGS)

# The browser tests inject axe-core from node_modules.
test: $(NODE_DEPS)

resilience: install ## Fault tests: PostgreSQL and Redis stopped under gunicorn (own throwaway servers)
	$(BIN)/pytest tests/resilience $(PYTEST_ARGS)

audit: install $(NODE_DEPS) ## Lighthouse, Nu Html Checker and page weight, served by gunicorn
	$(BIN)/python scripts/audit.py $(AUDIT_ARGS)

lint: install ## ruff lint and format check, and the import contracts (one-way dependencies)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: install ## Apply ruff's fixes and formatting
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

check-migrations: install ## Fail when a model change has no migration
	DJANGO_SETTINGS_MODULE=transformations.settings.test $(MANAGE) makemigrations --check --dry-run

docker-test: install ## Build the image and prove the compose stack end to end (needs root; installs Docker)
	scripts/docker-test

# The Observatory's scanner comes from node_modules.
docker-test: $(NODE_DEPS)

clean: ## Remove the virtualenv, the SQLite database and generated files
	rm -rf $(VENV) db.sqlite3 staticfiles media .pytest_cache .ruff_cache node_modules artifacts

bench: install ## Load test with wrk: cached, rendered (miss) and cold pages, search, static file (PostgreSQL + Redis)
	@command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk >/dev/null)
	$(BIN)/python scripts/bench.py $(BENCH_ARGS)

bench-import: install ## The WordPress import on a synthetic export (2,000 posts, 200 pages): items/s, peak RSS
	$(BIN)/python scripts/bench_import.py $(BENCH_IMPORT_ARGS)
