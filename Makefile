# Newsroom: `make run` to try it, `make test` to check it.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
# The first interpreter that actually runs and is 3.12 or newer (a pyenv shim may exist without its version).
PYTHON ?= $(shell for py in python3.12 python3.13 python3; do \
	$$py -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1 && { command -v $$py; break; }; done)
# The demo sends a moderator a mail (to the console) as soon as a comment is held, not the hourly digest.
DEV_ENV := DJANGO_DEBUG=1 DJANGO_SECRET_KEY=local-development-only-key NEWSROOM_MODERATOR_NOTIFICATIONS=each
TEST_ENV := DJANGO_SECRET_KEY=test-only-key-not-for-production
# Exact versions of every Python package: `make install` and CI install these, `make lock` renews them.
CONSTRAINTS := requirements/constraints.txt

.PHONY: run test install tools migrate demo check lint fuzz lock load faults bench bench-gate clean

$(VENV)/.installed: pyproject.toml $(CONSTRAINTS)
	@test -n "$(PYTHON)" || { echo "Newsroom needs Python 3.12 or newer (python3.12 or python3.13 on PATH)."; exit 1; }
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c $(CONSTRAINTS) -e '.[dev]'
	@touch $@

# A fresh resolution of pyproject.toml's ranges (nothing installed is reused), pinned: rerun after changing them.
lock:
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --dry-run --ignore-installed --report - -e '.[dev]' \
		| $(PY) requirements/lock.py > $(CONSTRAINTS).new
	mv $(CONSTRAINTS).new $(CONSTRAINTS)

install: $(VENV)/.installed

migrate: install
	$(DEV_ENV) $(PY) manage.py migrate --no-input

demo: migrate
	$(DEV_ENV) $(PY) manage.py load_demo
	$(DEV_ENV) $(PY) manage.py load_demo_comments

# The task worker sends notification mail (to the console in development) beside the web server.
run: demo
	@echo "Newsroom is on http://127.0.0.1:8000/ (admin: http://127.0.0.1:8000/admin/)"
	$(DEV_ENV) $(PY) manage.py db_worker --interval 2 & worker=$$!; \
	trap "kill $$worker 2>/dev/null" EXIT INT TERM; \
	$(DEV_ENV) $(PY) manage.py runserver 127.0.0.1:8000

# Checkers and the browser that tests drive: installed from the package registries, never downloaded by a tool.
tools: node_modules/.installed

node_modules/.installed: package.json
	npm install --no-audit --no-fund --silent
	@touch $@

test: install tools
	$(TEST_ENV) $(PY) -m pytest $(PYTEST_ARGS)

# Every endpoint, form field and query parameter with many more hostile requests than `make test` sends.
fuzz: install
	NEWSROOM_FUZZ=long $(TEST_ENV) $(PY) -m pytest -p no:cacheprovider tests/test_fuzz.py $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/bandit --quiet -c pyproject.toml -r . --severity-level medium
	$(TEST_ENV) $(PY) manage.py makemigrations --check --dry-run

# Django's deployment checks under the README's production settings (HTTPS on, a long random key), or the
# operator's own when they are exported.
check: install
	DJANGO_HTTPS=$${DJANGO_HTTPS:-1} REDIS_URL=$${REDIS_URL:-redis://127.0.0.1:6379/0} NEWSROOM_SITE_URL=$${NEWSROOM_SITE_URL:-https://news.example.com} \
	DJANGO_SECRET_KEY=$${DJANGO_SECRET_KEY:-$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))')} \
		$(PY) manage.py check --deploy --fail-level WARNING

# 64 readers and 8 commenters for 60 s against gunicorn on loopback, then every comment checked in the database.
# PostgreSQL (DATABASE_URL's server, default 127.0.0.1); REDIS_URL if set. e.g. make load LOAD_ARGS="--duration 30"
load: install
	$(PY) bench/load.py $(LOAD_ARGS)

# A real gunicorn on PostgreSQL and Redis, each cut and restored, and slow clients: prints what readers got.
faults: install
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/newsroom} $(PY) bench/faults.py $(FAULTS_ARGS)

# Every public page against a bare Django app returning the same bytes, warm and cold, at 1,000 and 100,000 articles
# (about an hour; BENCH_ARGS="--small-only --seconds 3 --rounds 1" for a quick look). Not part of CI. PostgreSQL at
# DATABASE_URL's server; REDIS_URL if set. The table is printed and written to BENCH_OUT.
BENCH_OUT ?= bench-latest.md
bench: install
	@command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres} $(PY) bench/pages.py --out $(BENCH_OUT) $(BENCH_ARGS)

# The quality gate's precision and recall on our corpus and on ../shared/data/copy (tuned and held-aside parts
# apart), then its time on a 2,000-word story. Not part of CI; GATE_ARGS="-v --json gate.json" for the detail.
bench-gate: install
	$(PY) bench/gate_precision.py $(GATE_ARGS)
	$(PY) bench/gate_speed.py

clean:
	rm -rf $(VENV) node_modules staticfiles db.sqlite3
