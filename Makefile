# daihoi: `make run` serves the demo (gunicorn and the background worker, stopped together by
# Ctrl-C), `make test` runs everything CI checks.
VENV := .venv
PY := $(VENV)/bin/python
UV := $(VENV)/bin/uv
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := $(CURDIR)/$(VENV)
PORT ?= 8000
# Python keeps the bytecode it compiles (__pycache__, ignored by git) even where the machine's
# environment says not to (PYTHONDONTWRITEBYTECODE, set on this one): otherwise every process
# (each test worker, gunicorn, each manage.py) compiles Django and the app again, and each test
# worker rewrites every test module's assertions: 26 s to collect the suite instead of 10.
unexport PYTHONDONTWRITEBYTECODE

.PHONY: env run reset-demo test lint test-sqlite test-postgres system-deps bench clean messages

$(VENV)/.synced: pyproject.toml uv.lock
	@test -x $(PY) || "$$(scripts/find-python)" -m venv $(VENV)
	@test -x $(UV) || $(PY) -m pip install -q --disable-pip-version-check uv
	$(UV) sync --frozen --python $(PY)
	@touch $@

# The verifier's bucket loop (docs/ballot-crypto.md, "The verifier's batch"), compiled where
# there is a C compiler; without one the same loop runs in Python, slower, with the same answers.
BUCKETS := src/daihoi/elections/libdaihoi_buckets.so
$(BUCKETS): src/daihoi/elections/decaf_buckets.c
	@$(CC) -O2 -fPIC -shared -o $@ $< \
		|| echo "Không biên dịch được $< (thiếu trình biên dịch C?): bộ kiểm chứng vẫn chạy, chậm hơn."

env: $(VENV)/.synced $(BUCKETS)

# Static files are collected (and compressed: ~25 s) again only when a source under src/*/static/,
# the packages or the settings changed. The stamp lives in STATIC_ROOT, so removing var/ (or
# var/static/) collects again.
VAR_DIR := $(or $(DAIHOI_VAR_DIR),var)
STATIC_STAMP := $(VAR_DIR)/static/.collected
STATIC_SOURCES := $(shell find src -path '*/static/*' -type f)

$(STATIC_STAMP): $(VENV)/.synced $(STATIC_SOURCES) src/daihoi/settings.py
	$(PY) manage.py collectstatic --noinput -v0
	@touch $@

# One process checks, migrates, loads the demo and prints the login (each start of Django costs
# seconds). scripts/serve then runs gunicorn (--preload: the application, every view imported in
# daihoi.wsgi, is loaded once, then the workers fork from it) and the background worker beside it.
run: env $(STATIC_STAMP)
	$(PY) manage.py load_demo --migrate --print-login --port $(PORT)
	@PORT=$(PORT) VENV=$(VENV) scripts/serve

# Stop the demo: Ctrl+C where `make run` runs. Start it again from nothing: stop it, then
# `make reset-demo` (removes the SQLite database and the uploaded files under var/) and `make run`.
reset-demo:
	@if [ -n "$$DATABASE_URL" ]; then \
		echo "DATABASE_URL đang đặt: make reset-demo chỉ xóa cơ sở dữ liệu SQLite demo trong $(VAR_DIR)/."; \
		exit 2; fi
	rm -f $(VAR_DIR)/daihoi.sqlite3 $(VAR_DIR)/daihoi.sqlite3-wal $(VAR_DIR)/daihoi.sqlite3-shm
	rm -rf $(VAR_DIR)/media

system-deps:
	@scripts/system-deps

lint: env
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports
	$(PY) manage.py makemigrations --check --dry-run

# Two processes (pytest-xdist) for everything but the browser, then the browser tests (two
# processes too, each with its Chromium and live server). The pure rules, the browser tests and
# those marked "once" (their processes use a SQLite file of their own, or no database) run on
# SQLite only: they do not depend on the database engine. Run the browser tests beside the
# PostgreSQL suite instead of after it? Measured: both slower (8:44 and 14:00 against 5:10 and
# 6:47), the two cores are already busy.
test-sqlite: env system-deps
	@echo "==> Bộ kiểm thử trên SQLite"
	env -u DATABASE_URL $(VENV)/bin/pytest -n 2 -m "not browser"
	@echo "==> Kiểm thử trình duyệt (Chromium)"
	env -u DATABASE_URL $(VENV)/bin/pytest -n 2 -m browser

# The tests marked "alone" read the server's storage after a vote's close; a transaction of the
# other process (in its own database, but the same cluster) would hold old rows there: they
# run after the others, in one process.
test-postgres: env system-deps
	@echo "==> Bộ kiểm thử trên PostgreSQL"
	scripts/with-postgres sh -c '$(VENV)/bin/pytest -n 2 -m "not browser and not alone and not once" --ignore=tests/rules \
	    && $(VENV)/bin/pytest -n 0 -m alone --ignore=tests/rules'

test: lint test-sqlite test-postgres

# English catalog (needs gettext): refresh the .po from the sources, translate what is new in
# src/daihoi/locale/en/LC_MESSAGES/django.po, run again, and commit the .po with the .mo.
messages: env
	$(PY) manage.py makemessages -l en --no-obsolete --ignore=.venv --ignore=var --ignore=bench --ignore=tests \
		--ignore=scripts --ignore=docs
	$(PY) manage.py compilemessages -l en --ignore=.venv --ignore=var

# The benches need the tests' system packages: PostgreSQL, chromium, libdecaf0 (without it the
# encrypted ballot's checks run on libsodium alone, and the phone-vote burst measures that).
bench: env system-deps
	@for b in bench/bench_*.py; do echo "==> $$b"; $(PY) $$b || exit 1; done

clean:
	rm -rf $(VENV) var/static
