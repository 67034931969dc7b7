# Tongwen: `make run` serves the site on 127.0.0.1:$(PORT); `make test` runs every check.
#
# `setup` is idempotent: each step leaves a stamp file and runs again only when
# its inputs change (stamps live inside what they describe: .venv, node_modules,
# the static root, var/.make).

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.ONESHELL:
.DELETE_ON_ERROR:
MAKEFLAGS += --no-builtin-rules

PORT ?= 8000
PYTHON ?= python3
PYTEST_ARGS ?=

VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
MANAGE := $(PY) manage.py
export PIP_DISABLE_PIP_VERSION_CHECK := 1

# Mirrors the settings' default; only used to place the collectstatic stamp.
DATA_DIR := $(or $(TONGWEN_DATA_DIR),var)
STAMP_DIR := var/.make

SYSTEM_STAMP := $(STAMP_DIR)/system.stamp
VENV_STAMP := $(VENV)/.tongwen-install.stamp
NODE_STAMP := $(if $(wildcard package.json),node_modules/.tongwen-npm-ci.stamp)
MESSAGES_STAMP := $(STAMP_DIR)/compilemessages.stamp
STATIC_STAMP := $(DATA_DIR)/static/.tongwen-collectstatic.stamp

LOCALE_DIRS := $(shell find src/tongwen -type d -name locale 2>/dev/null)
PO_FILES := $(if $(LOCALE_DIRS),$(shell find $(LOCALE_DIRS) -name '*.po' 2>/dev/null))
STATIC_SOURCES := $(shell find src/tongwen -path '*/static/*' -type f 2>/dev/null)
SETTINGS_SOURCES := $(shell find src/tongwen/config -name '*.py' 2>/dev/null)

# Shell helper for recipes: apt-get install the named Debian packages
# (apt-get update once per recipe, sudo only when not root).
define APT_INSTALL_FN
apt_install() {
  [ $$# -gt 0 ] || return 0
  local sudo=""
  if [ "$$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  echo "setup: installing Debian packages: $$*"
  if [ -z "$${apt_updated:-}" ]; then $$sudo apt-get update -q; apt_updated=1; fi
  $$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$$@"
}
endef

.PHONY: help setup run test lint typecheck test-sqlite test-postgres bench messages clean

help:
	@echo "make run     set up, migrate, load demo data, serve on 127.0.0.1:$(PORT)"
	echo "make test    lint, typecheck, pytest on SQLite, then pytest on PostgreSQL"
	echo "make setup   install system packages, .venv, node_modules; compile messages; collectstatic"
	echo "make bench   benchmarks, one JSON line per figure, each beside its comparison"
	echo "other: lint typecheck test-sqlite test-postgres messages clean"

setup: $(SYSTEM_STAMP) $(VENV_STAMP) $(NODE_STAMP) $(if $(LOCALE_DIRS),$(MESSAGES_STAMP)) $(STATIC_STAMP)

# System packages, each only when missing: gettext (compilemessages),
# PostgreSQL server and Chromium (tests), npm (front-end packages), python3-venv.
$(SYSTEM_STAMP):
	@$(APT_INSTALL_FN)
	missing=()
	command -v msgfmt >/dev/null || missing+=(gettext)
	ldconfig -p | grep -q 'libmagic\.so\.1' || missing+=(libmagic1)
	ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || missing+=(postgresql)
	command -v chromium >/dev/null || missing+=(chromium)
	if [ -f package.json ] && ! command -v npm >/dev/null; then missing+=(nodejs npm); fi
	if [ ! -x $(PY) ]; then
	  probe="$$(mktemp -d)"
	  if ! $(PYTHON) -m venv "$$probe/venv" >/dev/null 2>&1; then missing+=(python3-venv); fi
	  rm -rf "$$probe"
	fi
	apt_install "$${missing[@]}"
	mkdir -p $(@D)
	touch $@

$(VENV_STAMP): pyproject.toml requirements.lock | $(SYSTEM_STAMP)
	@$(APT_INSTALL_FN)
	if [ ! -x $(PY) ]; then
	  rm -rf $(VENV)
	  if ! $(PYTHON) -m venv $(VENV); then
	    rm -rf $(VENV)
	    apt_install python3-venv
	    $(PYTHON) -m venv $(VENV)
	  fi
	fi
	echo "+ pip install --require-hashes --no-deps -r requirements.lock"
	$(PY) -m pip install --quiet --require-hashes --no-deps -r requirements.lock
	echo "+ pip install --no-deps --no-build-isolation -e ."
	$(PY) -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $@

ifneq ($(NODE_STAMP),)
$(NODE_STAMP): package.json package-lock.json | $(SYSTEM_STAMP)
	npm ci --no-audit --no-fund
	touch $@
endif

$(MESSAGES_STAMP): $(PO_FILES) | $(VENV_STAMP) $(SYSTEM_STAMP)
	$(MANAGE) compilemessages --ignore=.venv --ignore=node_modules
	mkdir -p $(@D)
	touch $@

$(STATIC_STAMP): $(STATIC_SOURCES) $(SETTINGS_SOURCES) $(NODE_STAMP) | $(VENV_STAMP)
	$(MANAGE) collectstatic --noinput --verbosity 0
	mkdir -p $(@D)
	touch $@

run: setup
	$(MANAGE) migrate --noinput
	$(MANAGE) load_demo
	$(MANAGE) search_index check --repair
	echo "Tongwen: http://127.0.0.1:$(PORT)/"
	$(BIN)/gunicorn tongwen.config.wsgi --bind 127.0.0.1:$(PORT) \
	  --workers 2 --threads 4 --access-logfile - --graceful-timeout 5

test: lint typecheck test-sqlite test-postgres

lint: setup
	$(BIN)/ruff check src
	$(BIN)/ruff format --check src

typecheck: setup
	$(BIN)/mypy

test-sqlite: setup
	env -u TONGWEN_DATABASE_URL $(BIN)/pytest -n 2 $(PYTEST_ARGS)

# A throwaway PostgreSQL server on a free loopback port, its own data dir,
# stopped and removed on exit whatever the outcome.
test-postgres: setup
	pg_dir="$$(mktemp -d)"
	data_dir="$$(mktemp -d)"
	cleanup() { scripts/pg-test-server stop "$$pg_dir" || true; rm -rf "$$pg_dir" "$$data_dir"; }
	trap cleanup EXIT
	trap 'exit 130' INT TERM
	port="$$($(PY) -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
	url="$$(scripts/pg-test-server start "$$pg_dir" "$$port")"
	echo "test-postgres: $$url"
	TONGWEN_DATABASE_URL="$$url" TONGWEN_DATA_DIR="$$data_dir" $(BIN)/pytest -n 2 $(PYTEST_ARGS)

# The comparison servers the benchmarks run beside Tongwen: IIPImage behind lighttpd.
BENCH_STAMP := $(STAMP_DIR)/bench-system.stamp
$(BENCH_STAMP): | $(SYSTEM_STAMP)
	@$(APT_INSTALL_FN)
	missing=()
	[ -x /usr/lib/iipimage-server/iipsrv.fcgi ] || missing+=(iipimage-server)
	command -v lighttpd >/dev/null || [ -x /usr/sbin/lighttpd ] || missing+=(lighttpd)
	apt_install "$${missing[@]}"
	mkdir -p $(@D)
	touch $@

bench: setup $(BENCH_STAMP)
	$(PY) bench/run.py $(BENCH_ARGS)

messages: $(VENV_STAMP) $(SYSTEM_STAMP)
	$(MANAGE) makemessages -l zh_Hans -l en -e py,html,txt \
	  --ignore=.venv --ignore=node_modules --ignore=var

# Removes what setup and the checks produce; keeps the data in var/ (database, secret key, media).
clean:
	rm -rf $(VENV) node_modules $(STAMP_DIR) var/static .mypy_cache .ruff_cache src/*.egg-info
	find src -name __pycache__ -type d -prune -exec rm -rf {} +
	find src -path '*/locale/*' -name '*.mo' -delete
