# The two commands a newcomer needs: `make run` and `make test`.
# Both build .venv from nothing with the machine's python3, and reinstall
# only when pyproject.toml changes.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-from-pyproject
PORT ?= 8000
ADMIN_PASSWORD ?= changeme
export ADMIN_PASSWORD PORT

.PHONY: run serve test install migrate demo lint format bench soak clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev,production]"
	touch $(STAMP)

install: $(STAMP)

migrate: install
	DJANGO_SETTINGS_MODULE=config.settings.dev $(BIN)/python manage.py migrate --no-input

demo: migrate
	DJANGO_SETTINGS_MODULE=config.settings.dev $(BIN)/python manage.py load_demo

run: demo
	@echo ""
	@echo "  Histories & Smiles is at  http://127.0.0.1:$(PORT)/"
	@echo "  Admin:                    http://127.0.0.1:$(PORT)/admin/"
	@echo "  Admin logins (password $$ADMIN_PASSWORD):"
	@echo "    admin     site administrator"
	@echo "    editor    writes stories and submits them for review"
	@echo "    reviewer  clinical reviewer: approves accuracy"
	@echo "    consent   consent officer: storytellers, consent, the final check"
	@echo "  Reader logins, at http://127.0.0.1:$(PORT)/account/sign-in/ (same password):"
	@echo "    teacher   member of Harbour Lane Primary School: public and schools stories"
	@echo "    partner   member of Quiet Harbour Therapy Group: public and partners stories"
	@echo "  API:       http://127.0.0.1:$(PORT)/api/v2/pages/ (the demo token is printed above)"
	@echo "  Flora's own page (storyteller HS-0001): $$(DJANGO_SETTINGS_MODULE=config.settings.dev $(BIN)/python manage.py storyteller_link HS-0001)"
	@echo "    (press \"Send me a code\": the one-time code is printed in this terminal)"
	@echo ""
	DJANGO_SETTINGS_MODULE=config.settings.dev $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# The production shape on this machine: gunicorn with production settings and
# several workers (WEB_CONCURRENCY, default 3), the background-task worker and
# the schedule, after migrate and collectstatic; Ctrl-C stops all of them
# (config/serve.py, docs/deployment.md). `make serve DEMO=1` loads the demo
# campaign and its accounts first.
serve: install
	$(BIN)/python -m config.serve $(if $(DEMO),--demo)

test: install
	DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/python manage.py check
	DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	$(BIN)/bandit -c pyproject.toml -r accounts config stories --severity-level high --quiet
	@command -v $${CHROMIUM:-chromium} >/dev/null 2>&1 || echo "Chromium not found: install Debian's chromium to run the browser tests (skipping them)"
	@command -v ffmpeg >/dev/null 2>&1 || echo "ffmpeg not found: install Debian's ffmpeg (and espeak-ng) to run the voice and video tests (skipping them)"
	$(BIN)/pytest

# Installed dependencies against PyPI's vulnerability data (needs the network:
# CI runs it after `make test`). The project's own editable install is skipped;
# pip and setuptools, which `python3 -m venv` brings at the interpreter's
# release, are brought up to date first. Every package must be audited:
# unreachable vulnerability data fails the audit instead of passing it.
.PHONY: audit
audit: install
	$(BIN)/python -m pip install --quiet --upgrade pip setuptools
	@$(BIN)/pip-audit --skip-editable --strict --progress-spinner off || { \
		echo "make audit failed: a dependency above has a known vulnerability (raise its floor in pyproject.toml), or PyPI's vulnerability data could not be reached (every package must be audited)." >&2; \
		exit 1; }

# Figures, not assertions, each against a reference measured in the same run:
# every page under gunicorn against a bare Django view, at the demo's size and
# at BENCH_STORIES seeded stories, in databases of the benchmark's own (.bench/,
# or beside DATABASE_URL's on its PostgreSQL server); then withdrawal of 20
# stories and a 12-megapixel photo through the picture pipeline. Table in
# .bench/results.md. BENCH_SECONDS sets each round's length.
BENCH_STORIES ?= 10000
bench: install
	DJANGO_SETTINGS_MODULE=config.settings.dev $(BIN)/python manage.py bench_site --stories $(BENCH_STORIES)

# Mixed traffic for SOAK_SECONDS against the site as `make serve` runs it, in
# a place of its own (a temporary SQLite file, or hs_soak_<pid> beside
# DATABASE_URL's): readers of every audience, searches, the API, two people
# publishing in the admin and a withdrawal halfway. Prints requests, statuses,
# p50/p99 and worker memory; fails on any 5xx or unexpected answer. Not part
# of `make test`.
SOAK_SECONDS ?= 60
soak: install
	DJANGO_SETTINGS_MODULE=config.settings.dev $(BIN)/python manage.py soak --seconds $(SOAK_SECONDS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) db.sqlite3 db.sqlite3-wal db.sqlite3-shm serve.sqlite3 serve.sqlite3-wal serve.sqlite3-shm media static private
