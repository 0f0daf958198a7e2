# Two entry points (see README): `make drill` and `make test`.
# Both bootstrap what a fresh Debian 12 machine lacks: Debian packages (only as root),
# the virtualenv in .venv and the Python packages from pyproject.toml.

SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
KALEO := $(VENV)/bin/kaleo-dr
STAMP := $(VENV)/.kaleo-installed
DEB_PACKAGES := python3 python3-venv python3-pip postgresql-15 postgresql-contrib git ca-certificates openssh-server redis-server nginx cron awscli
DRILL_OUT ?= drill-report

.PHONY: help deps venv test lint typecheck unit drill bench clean

help:
	@echo "make drill  - run the local DR rehearsal (offline, no cloud needed)"
	@echo "make test   - run the whole test suite (ruff, mypy, pytest)"
	@echo "make bench  - run the benchmarks in bench/"

deps:
	@if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  missing=""; \
	  for p in $(DEB_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	  if [ -n "$$missing" ]; then \
	    echo "installing Debian packages:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	  fi; \
	fi

$(STAMP): pyproject.toml
	@$(MAKE) --no-print-directory deps
	@test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	@touch $(STAMP)

venv: $(STAMP)

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

typecheck: $(STAMP)
	$(VENV)/bin/mypy

unit: $(STAMP)
	$(VENV)/bin/pytest -q

test: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy
	$(VENV)/bin/pytest -q

drill: $(STAMP)
	$(KALEO) rehearse --local --out $(DRILL_OUT)

bench: $(STAMP)
	$(PY) bench/run.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache $(DRILL_OUT)
