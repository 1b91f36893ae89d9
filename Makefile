# The two commands a newcomer needs:  make demo  (run the product)  and  make test  (run the tests).
SHELL := /bin/bash
PYTHON ?= $(shell for p in python3.13 python3.12 python3.11 python3; do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' && { echo $$p; break; }; done)
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: setup setup-test demo serve worker test lint browser-deps clean

# The packages are installed with uv (same versions as pip resolves; a fresh .venv in 25 s instead
# of 57 s, measured); where uv cannot be had, with pip.
# Bytecode compiled at install (uv does not by default; pip does): without it every command
# compiles Django again when the environment forbids writing .pyc files (gongzhi --help: 0.77 s
# instead of 0.36 s, measured).
INSTALL = { $(BIN)/uv pip install -q --compile-bytecode --python $(BIN)/python $(1) || $(BIN)/pip install -q $(1); }

$(BIN)/python:
	@test -n "$(PYTHON)" || { echo "需要 Python 3.11 或更高版本 (Python >= 3.11 is required)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/pip install -q uv || echo "uv 不可用：改用 pip 安装依赖"

# setup.py builds the validation engine's C fast path in place (optional: without a compiler the
# engine checks every row in SQL); a change to it or to the C source rebuilds it.
FASTPATH = setup.py src/gongzhi/exchange/validation/_fastpath.c

$(VENV)/.installed: pyproject.toml $(FASTPATH) | $(BIN)/python
	{ $(BIN)/uv pip install -q --compile-bytecode --python $(BIN)/python --reinstall-package gongzhi -e . || $(BIN)/pip install -q -e .; }
	$(BIN)/python -m compileall -q src >/dev/null
	touch $@

$(VENV)/.installed-test: pyproject.toml $(FASTPATH) $(VENV)/.installed
	$(call INSTALL,-e ".[test]")
	touch $@

setup: $(VENV)/.installed

setup-test: $(VENV)/.installed-test

# Set up, migrate, load the demo data, then serve http://$(HOST):$(PORT) with a job worker.
demo: setup
	$(BIN)/gongzhi migrate --noinput
	$(BIN)/gongzhi collectstatic --noinput -v0
	$(BIN)/gongzhi demo
	$(BIN)/gongzhi serve --host $(HOST) --port $(PORT) --no-collectstatic

worker: setup
	$(BIN)/gongzhi worker

# Debian's Chromium for the browser tests (installed when missing and we are root).
browser-deps:
	@if [ ! -x /usr/bin/chromium ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null; \
	  else echo "未找到 /usr/bin/chromium：浏览器测试将跳过（以 root 运行 make test 可自动安装）"; fi; fi

lint: setup-test
	$(BIN)/ruff check src tests bench setup.py
	$(BIN)/ruff format --check src tests bench setup.py

# Lint, migration and deploy checks, then the whole suite (SQLite by default; set
# DATABASE_URL=postgres://... to run it on PostgreSQL), on two workers a CPU and two more
# (PYTEST_WORKERS=0: in one process, e.g. to debug with -x or --pdb). Much of the suite waits on
# child processes, Chromium, JVMs and the database, which the extra workers fill; the test processes
# migrate once between them and load the demo data set once (the others restore its copy:
# tests/conftest.py). Measured on 2 CPUs (7 December 2026), the
# SQLite pass took 16:03 with 3 workers, 13:08 with 6, 11:04 with 6 migrating once.
PYTEST_WORKERS ?= $(shell echo $$(( 2 * $$(nproc 2>/dev/null || echo 1) + 2 )))
# bytecode is written even where the environment says not to (PYTHONDONTWRITEBYTECODE): pytest keeps
# its rewritten test modules there (a second run collects in half the time), and the many `gongzhi`
# child processes of the console-script tests import compiled modules
test: export PYTHONDONTWRITEBYTECODE =
test: setup-test browser-deps lint
	$(BIN)/gongzhi makemigrations --check --dry-run
	GONGZHI_DATA_DIR=$$(mktemp -d) DEBUG=0 GONGZHI_HTTPS=1 SECRET_KEY=$$(head -c 48 /dev/urandom | base64) \
	  $(BIN)/gongzhi check --deploy --fail-level WARNING
	$(BIN)/pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache
